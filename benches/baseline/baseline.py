#!/usr/bin/env python3
"""Throughput baseline: what a data team's own Python script would do with the same posts.

    python baseline.py INPUT_DIR OUTPUT_DIR [--workers 2] [--chunk-size 250]

This is a BASELINE, not a competitor with equal features. It does the plain job with the usual
libraries (PyYAML, BeautifulSoup on lxml, pyarrow) and multiprocessing, so that newsetl's
throughput can be put next to "the script we would otherwise have written". newsetl does much
more per document: encoding detection (GBK/GB18030, meta charset), a lenient fallback for broken
YAML, date parsing with time zones, category mapping, boilerplate / editor / original-title
removal, speech (turns, Q&A pairs, quotes), web pages' main-text extraction, partitioned and
atomically published tables, incremental re-runs… None of that is here.

For every *.md / *.html file under INPUT_DIR (sorted by relative path) it:

1. reads the bytes and decodes them as UTF-8 (errors='replace');
2. splits the Hexo front matter (the lines between the first two `---` lines; blank lines may
   come before the first) and parses it with yaml.safe_load; a file whose front matter does not
   parse gets an error row and is skipped;
3. parses the body with BeautifulSoup(body, 'lxml') and takes the text of every <p>, <h1>-<h6>,
   <li> and <blockquote> as a paragraph (or, when there is none, the lines of the whole
   get_text), and the src/alt of every <img>.

Output, in OUTPUT_DIR (created if missing; files overwritten), Parquet with zstd:

- articles.parquet    doc_id, source_path, title, categories (list<string>), author, date (the
                      string as written), body_text, n_paragraphs, n_images
- paragraphs.parquet  doc_id, seq, text
- errors.parquet      source_path, error (the files that were skipped; usually empty)

doc_id is the first 8 bytes of BLAKE2b of the relative path, in hex (newsetl uses XXH3-64;
xxhash is not a standard-library module).

Worker processes each take a chunk of paths and hand back that chunk's rows; the parent writes
them, in input order, with one pyarrow ParquetWriter per table. At the end it prints the number
of files and errors, the wall time, docs/s and MB/s (input bytes).
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import re
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml
from bs4 import BeautifulSoup

EXTENSIONS = (".md", ".html")
BLOCK_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"]

ARTICLES_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("source_path", pa.string()),
    ("title", pa.string()),
    ("categories", pa.list_(pa.string())),
    ("author", pa.string()),
    ("date", pa.string()),
    ("body_text", pa.string()),
    ("n_paragraphs", pa.int64()),
    ("n_images", pa.int64()),
])
PARAGRAPHS_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("seq", pa.int64()),
    ("text", pa.string()),
])
ERRORS_SCHEMA = pa.schema([
    ("source_path", pa.string()),
    ("error", pa.string()),
])

# `date:` line of the front matter, to keep the value exactly as written (safe_load turns an
# unquoted `2022-09-16 17:38:00` into a datetime).
DATE_LINE = re.compile(r"^date:[ \t]*(.*?)[ \t]*$", re.M)


class FrontMatterError(Exception):
    """The front matter is not valid YAML, or not a mapping."""


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return (front matter, body). No front matter: (None, the whole text)."""
    lines = text.lstrip("\ufeff").split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():  # posts may start with a blank line
        start += 1
    if start == len(lines) or lines[start].rstrip() != "---":
        return None, text
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() == "---":
            return "\n".join(lines[start + 1:end]), "\n".join(lines[end + 1:])
    return None, text  # an opening `---` that is never closed: treat it all as body


def parse_front_matter(front: str | None) -> dict:
    if front is None:
        return {}
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as e:
        raise FrontMatterError(str(e).replace("\n", " ")) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise FrontMatterError(f"front matter is a {type(meta).__name__}, not a mapping")
    return meta


def as_str(value) -> str | None:
    return None if value is None else str(value)


def as_str_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def raw_date(front: str, meta: dict) -> str | None:
    """The front-matter date as written (quotes removed)."""
    value = meta.get("date")
    if value is None or isinstance(value, str):
        return value
    m = DATE_LINE.search(front)  # a datetime/date/int from YAML: take the text instead
    return m.group(1).strip("'\"") if m else str(value)


def clean(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def extract(root: Path, rel: str) -> tuple[dict, list[dict], int]:
    """Extract one file. Returns (article row, paragraph rows, bytes read)."""
    data = (root / rel).read_bytes()
    text = data.decode("utf-8", errors="replace")
    front, body = split_front_matter(text)
    meta = parse_front_matter(front)  # raises FrontMatterError

    soup = BeautifulSoup(body, "lxml")
    paragraphs = [t for t in (clean(el.get_text(" ")) for el in soup.find_all(BLOCK_TAGS)) if t]
    if not paragraphs:  # no block elements (e.g. `<div>text</div>`): the lines of all the text
        paragraphs = [t for t in (clean(s) for s in soup.get_text("\n").split("\n")) if t]
    images = [(img.get("src"), img.get("alt")) for img in soup.find_all("img")]

    doc_id = hashlib.blake2b(rel.encode("utf-8"), digest_size=8).hexdigest()
    article = {
        "doc_id": doc_id,
        "source_path": rel,
        "title": as_str(meta.get("title")),
        "categories": as_str_list(meta.get("categories")),
        "author": as_str(meta.get("author")),
        "date": raw_date(front or "", meta),
        "body_text": "\n".join(paragraphs),
        "n_paragraphs": len(paragraphs),
        "n_images": len(images),
    }
    rows = [{"doc_id": doc_id, "seq": i, "text": t} for i, t in enumerate(paragraphs)]
    return article, rows, len(data)


def process_chunk(job: tuple[str, list[str]]) -> tuple[list[dict], list[dict], list[dict], int]:
    """Worker: extract a chunk of files; return its rows (articles, paragraphs, errors, bytes)."""
    root, rels = job
    articles, paragraphs, errors, n_bytes = [], [], [], 0
    for rel in rels:
        try:
            article, rows, size = extract(Path(root), rel)
        except FrontMatterError as e:
            errors.append({"source_path": rel, "error": f"front matter: {e}"})
            n_bytes += (Path(root) / rel).stat().st_size
            continue
        except Exception as e:  # anything else wrong with one file must not stop the run
            errors.append({"source_path": rel, "error": f"{type(e).__name__}: {e}"})
            continue
        articles.append(article)
        paragraphs.extend(rows)
        n_bytes += size
    return articles, paragraphs, errors, n_bytes


def list_inputs(root: Path) -> list[str]:
    """Relative paths ('/'-separated) of the *.md / *.html files under root, sorted."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.name.endswith(EXTENSIONS) and p.is_file()
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input_dir", type=Path)
    ap.add_argument("output_dir", type=Path)
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--chunk-size", type=int, default=250, help="files per task (default 250)")
    args = ap.parse_args()

    start = time.perf_counter()
    root = args.input_dir.resolve()
    rels = list_inputs(root)
    chunks = [(str(root), rels[i:i + args.chunk_size]) for i in range(0, len(rels), args.chunk_size)]

    args.output_dir.mkdir(parents=True, exist_ok=True)
    out = args.output_dir
    n_docs = n_errors = n_bytes = 0
    errors: list[dict] = []
    with pq.ParquetWriter(out / "articles.parquet", ARTICLES_SCHEMA, compression="zstd") as aw, \
         pq.ParquetWriter(out / "paragraphs.parquet", PARAGRAPHS_SCHEMA, compression="zstd") as pw, \
         multiprocessing.Pool(args.workers) as pool:
        # imap keeps the input order, so the output does not depend on which worker was faster.
        for articles, paragraphs, errs, size in pool.imap(process_chunk, chunks):
            if articles:
                aw.write_table(pa.Table.from_pylist(articles, schema=ARTICLES_SCHEMA))
            if paragraphs:
                pw.write_table(pa.Table.from_pylist(paragraphs, schema=PARAGRAPHS_SCHEMA))
            errors.extend(errs)
            n_docs += len(articles)
            n_errors += len(errs)
            n_bytes += size
    pq.write_table(pa.Table.from_pylist(errors, schema=ERRORS_SCHEMA), out / "errors.parquet",
                   compression="zstd")
    wall = time.perf_counter() - start

    n_files = len(rels)
    print(f"files: {n_files}  (articles: {n_docs}, errors: {n_errors})")
    print(f"wall: {wall:.3f} s  workers: {args.workers}")
    print(f"throughput: {n_files / wall:,.0f} docs/s, {n_bytes / 1e6 / wall:.2f} MB/s "
          f"({n_bytes / 1e6:.1f} MB read)")
    for e in errors[:10]:
        print(f"  error: {e['source_path']}: {e['error']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
