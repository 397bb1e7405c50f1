#!/usr/bin/env python3
"""Reference figures of the Python tools (trafilatura, htmldate) on the DEVELOPMENT corpora.

    python benches/reference/extractors.py RESULTS_DIR [--corpus DIR] [--only DATASET ...]
                                                       [--limit N] [--with-url]

Set-up (once):

    python3 -m venv /tmp/ref-venv
    /tmp/ref-venv/bin/pip install -r benches/reference/requirements.txt
    /tmp/ref-venv/bin/python benches/reference/extractors.py /tmp/ref-results

Reads the corpus from --corpus (default: ../shared/corpus relative to the repository root) and
writes only into RESULTS_DIR (created if missing):

- results.json  every figure (overall, dev, test) with its counts, the versions, the settings;
- pages.json    one entry per page, keyed by its path relative to the corpus root: split, what
                each tool returned (title, author, date, text length), the per-page scores
                (which `with` segments were missed, which `without` / `comments` were found, LCS
                figures, metadata right or wrong), the CPU times, and `decoded_as`: the encoding
                trafilatura's decoder ended up with (it decodes strictly with the first guess that
                works, else as UTF-8 with replacement characters);
- texts.json    the text trafilatura extracted, per page (None where it returned nothing);
- table.md      the Markdown table that is also printed on stdout.

Pages (4 datasets):

- web-dev/main-text   348 pages, gold.json `with` / `without` / `comments` segments + metadata;
- web-dev/zh-news     30 pages, gold.json `body`;
- html-pages/immortal-autumn  36 pages, cleaned/ author/ date/ *.txt written by hand;
- html-pages/readability      4 pages, expected-metadata.json / expected.html: the outputs of
                              Readability.js (not a person's annotation), reported on their own.

What runs on each page (the page's bytes are passed as they are, so each tool decodes them its
own way: trafilatura.utils.decode_file tries UTF-8, then charset_normalizer guesses; htmldate
does the same with its own loader):

1. text:      trafilatura.extract(data, output_format="txt", include_comments=False,
              include_tables=True)  (all else default: balanced mode with fallbacks);
2. metadata:  trafilatura.extract_metadata(data) -> title, author, date (its date comes from
              htmldate with original_date=True, extensive_search=True);
3. date:      htmldate.find_date(data, original_date=True)  (extensive_search default, True).

No URL is given to any of them unless --with-url (then the gold `url` of web-dev pages, and the
`<text id=...>` of the wrapped immortal-autumn pages, go to extract(url=),
extract_metadata(default_url=) and find_date(url=)). htmldate rejects dates after the day of the
run (its default max_date), so the run day is recorded.

CPU time (time.process_time, one process, nothing in parallel): around each of the three calls
alone, and around the whole handling of a page = reading the file + the three calls (scoring and
bookkeeping are not counted). A warm-up on a small synthetic page runs first so that lazy imports
and caches filled at the first call are not charged to the first page. Totals and medians over
pages are reported per dataset.

Scoring (as web-dev/README.md says):

- main-text: collapse every run of whitespace (Python `re` `\\s`, i.e. Unicode White_Space incl.
  NBSP and U+3000) to one space and trim, in the text and in each segment; per page TP = `with`
  found (exact, case-sensitive substring), FN = `with` not found, FP = `without` found, TN =
  `without` not found; a page with no text counts as empty. Counts summed over pages; P =
  TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN), accuracy = (TP+TN)/all. Variant "+comments":
  the page's `comments` segments are counted as `without` too.
- Chinese bodies (zh-news `body`; immortal-autumn cleaned/*.txt; readability expected.html's text
  content): all whitespace removed from both sides, then LCS over characters. Per page P =
  LCS/len(out), R = LCS/len(gold), F1 = 2 LCS/(len(out)+len(gold)); reported as the mean of the
  per-page F1 ("macro", an empty output is F1 0) and as micro figures (LCS and lengths summed over
  pages). LCS length is computed exactly with the bit-parallel algorithm of Allison & Dix (1986) /
  Hyyro (2004) on Python integers: O(len(a) * len(b) / w) word operations, about 50 ms for 20k x 20k
  characters (difflib would be far slower and is not an LCS). zh-news also gets "line recall": the share of non-empty `body` lines (whitespace
  removed) found as substrings of the output (whitespace removed).
- title: equal after whitespace collapsing, where the gold title is non-empty; "lenient" (not the
  README's rule) also drops soft hyphens and folds case (some gold titles are written in the
  capitals that CSS displays).
- author: "exact" = equal after whitespace collapsing and trimming; "token set" (lenient, not the
  README's rule) = the same set of name tokens after case folding, splitting on whitespace and on
  , ; ， 、 / | & and dropping the connector words und / and / y / i / et / e.
  Where the gold author is non-empty (immortal-autumn: not UNKNOWN, not empty).
- date: the day YYYY-MM-DD (gold `2022-11-1` -> 2022-11-01; immortal-autumn `2005-3-11 12:12` ->
  2005-03-11; two web-dev golds are written year-day-month, `2022-29-11` and `2022-25-10`: a month
  over 12 with a day up to 12 is read as such and listed under gold_dates_repaired; UNKNOWN, empty
  or unparseable gold dates are skipped and listed). "accuracy" = right days / pages with a gold
  date; "precision" = right days / pages where the tool gave a date; "±1 day" = answers one day
  off (mostly a UTC timestamp against the local publication day).

Split: a page is in "test" when xxhash.xxh3_64_intdigest of its path relative to the corpus root
(UTF-8 bytes, '/' separators, e.g. "web-dev/main-text/pages/foo.html") is odd, else in "dev".
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import platform
import re
import statistics
import sys
import time
from importlib import metadata as importlib_metadata
from pathlib import Path

import htmldate
import lxml.html
import trafilatura
import trafilatura.utils
import xxhash

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpus"

DATASETS = ["web-dev/main-text", "web-dev/zh-news", "html-pages/immortal-autumn", "html-pages/readability"]
IA_DIR = "html-pages/immortal-autumn+Chinese-Web-Content-Extraction-Dataset"
RD_DIR = "html-pages/mozilla+readability/test/test-pages"
GROUPS = ["overall", "dev", "test"]

WS = re.compile(r"\s+")
DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
AUTHOR_SPLIT = re.compile(r"[\s,;，、/|&]+")
AUTHOR_CONNECTORS = {"und", "and", "y", "i", "et", "e"}
WRAPPER_ID = re.compile(rb'^\s*<text id="([^"]*)"')


# --------------------------------------------------------------------------- normalisation


def collapse(s: str | None) -> str:
    return WS.sub(" ", s or "").strip()


def nospace(s: str | None) -> str:
    return WS.sub("", s or "")


def day(s: str | None) -> str | None:
    """YYYY-MM-DD of a date string starting with Y-M-D (month/day may have one digit)."""
    if not s:
        return None
    m = DAY.match(s)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


def gold_day(s: str) -> tuple[str | None, bool]:
    """(day, repaired) of a gold date: Y-M-D, or Y-D-M where the month would be over 12."""
    d = day(s)
    if d is not None:
        return d, False
    m = DAY.match(s)
    if m and int(m.group(2)) > 12 >= int(m.group(3)):
        return day(f"{m.group(1)}-{m.group(3)}-{m.group(2)}"), True
    return None, False


def days_between(a: str | None, b: str) -> int | None:
    if a is None:
        return None
    return (datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days


def title_key(s: str | None) -> str:
    """Lenient title: whitespace collapsed, soft hyphens dropped, case folded."""
    return collapse((s or "").replace("\u00ad", "")).casefold()


def decoded_as(data: bytes) -> str:
    """What trafilatura.utils.decode_file ends up using for these bytes (diagnostic)."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    guesses = trafilatura.utils.detect_encoding(data)
    for g in guesses:
        try:
            data.decode(g)
            return g
        except (LookupError, UnicodeDecodeError):
            continue
    return f"utf-8 with U+FFFD replacements (guesses {', '.join(guesses) or 'none'} failed)"


def author_tokens(s: str | None) -> frozenset[str]:
    toks = (t.casefold() for t in AUTHOR_SPLIT.split(s or ""))
    return frozenset(t for t in toks if t and t not in AUTHOR_CONNECTORS)


def split_of(rel: str) -> str:
    return "test" if xxhash.xxh3_64_intdigest(rel.encode("utf-8", "surrogateescape")) & 1 else "dev"


# --------------------------------------------------------------------------- LCS


def lcs_len(a: str, b: str) -> int:
    """Exact length of the longest common subsequence of a and b (bit-parallel, Hyyro 2004).

    V starts all ones over len(a) bits; for each character c of b, with U = V & match(c),
    V = (V + U) | (V - U). The LCS length is the number of zero bits of V at the end.
    """
    if len(a) < len(b):
        a, b = b, a
    n = len(a)
    if n == 0 or not b:
        return 0
    wanted = set(b)
    positions: dict[str, list[int]] = {}
    for i, ch in enumerate(a):
        if ch in wanted:
            positions.setdefault(ch, []).append(i)
    nbytes = (n + 7) // 8
    match: dict[str, int] = {}
    for ch, pos in positions.items():
        buf = bytearray(nbytes)
        for i in pos:
            buf[i >> 3] |= 1 << (i & 7)
        match[ch] = int.from_bytes(buf, "little")
    mask = (1 << n) - 1
    v = mask
    for ch in b:
        m = match.get(ch)
        if m is None:
            continue
        u = v & m
        v = ((v + u) | (v - u)) & mask
    return n - v.bit_count()


def lcs_scores(out: str | None, gold: str) -> dict:
    o, g = nospace(out), nospace(gold)
    lcs = lcs_len(o, g)
    p = lcs / len(o) if o else 0.0
    r = lcs / len(g) if g else 0.0
    f1 = 2 * lcs / (len(o) + len(g)) if (o or g) else 0.0
    return {"lcs": lcs, "out_chars": len(o), "gold_chars": len(g), "p": p, "r": r, "f1": f1}


# --------------------------------------------------------------------------- pages and gold


def load_pages(corpus: Path, only: list[str] | None) -> list[dict]:
    """Every page with its gold, as {rel, dataset, gold}."""
    pages = []
    want = set(only or DATASETS)
    if "web-dev/main-text" in want:
        gold = json.loads((corpus / "web-dev/main-text/gold.json").read_text(encoding="utf-8"))
        for name in sorted(gold):
            g = gold[name]
            pages.append({
                "rel": f"web-dev/main-text/pages/{name}",
                "dataset": "web-dev/main-text",
                "gold": {
                    "url": g.get("url"),
                    "with": g.get("with") or [],
                    "without": g.get("without") or [],
                    "comments": g.get("comments") or [],
                    "title": g.get("title") or "",
                    "author": g.get("author") or "",
                    "date": g.get("date") or "",
                },
            })
    if "web-dev/zh-news" in want:
        gold = json.loads((corpus / "web-dev/zh-news/gold.json").read_text(encoding="utf-8"))
        for name in sorted(gold):
            pages.append({
                "rel": f"web-dev/zh-news/pages/{name}",
                "dataset": "web-dev/zh-news",
                "gold": {"url": gold[name].get("url"), "body": gold[name]["body"]},
            })
    if "html-pages/immortal-autumn" in want:
        base = corpus / IA_DIR
        for f in sorted((base / "original").glob("*.html")):
            uid = f.stem
            rd = lambda sub: (base / sub / f"{uid}.txt").read_text(encoding="utf-8")  # noqa: E731
            head = f.read_bytes()[:2048]
            m = WRAPPER_ID.match(head)
            pages.append({
                "rel": f"{IA_DIR}/original/{f.name}",
                "dataset": "html-pages/immortal-autumn",
                "gold": {
                    "url": m.group(1).decode("ascii", "replace") if m else None,
                    "body": rd("cleaned"),
                    "author": rd("author"),
                    "date": rd("date"),
                },
            })
    if "html-pages/readability" in want:
        base = corpus / RD_DIR
        for d in sorted(p for p in base.iterdir() if p.is_dir()):
            meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
            # a UTF-8 fragment without a charset: decode it here, lxml would read bytes as Latin-1
            expected = (d / "expected.html").read_text(encoding="utf-8")
            body = lxml.html.fromstring(expected).text_content() if expected.strip() else ""
            pages.append({
                "rel": f"{RD_DIR}/{d.name}/source.html",
                "dataset": "html-pages/readability",
                "gold": {
                    "url": None,
                    "body": body,
                    "title": meta.get("title") or "",
                    "author": meta.get("byline") or "",
                    "date": meta.get("publishedTime") or "",
                },
            })
    for p in pages:
        p["split"] = split_of(p["rel"])
    return pages


# --------------------------------------------------------------------------- running the tools


def timed(fn, *args, **kwargs):
    """(result, error, cpu seconds) of one call."""
    t = time.process_time()
    try:
        res, err = fn(*args, **kwargs), None
    except Exception as e:  # a tool crashing on a page counts as no output
        res, err = None, f"{type(e).__name__}: {e}"
    return res, err, time.process_time() - t


def run_page(path: Path, url: str | None) -> dict:
    t_page = time.process_time()
    data = path.read_bytes()
    text, text_err, t_text = timed(
        trafilatura.extract, data, url=url, output_format="txt", include_comments=False, include_tables=True
    )
    meta, meta_err, t_meta = timed(trafilatura.extract_metadata, data, default_url=url)
    hd, hd_err, t_hd = timed(htmldate.find_date, data, original_date=True, url=url)
    t_page = time.process_time() - t_page
    return {
        "bytes": len(data),
        "text": text,
        "title": getattr(meta, "title", None),
        "author": getattr(meta, "author", None),
        "date": getattr(meta, "date", None),
        "htmldate": hd,
        "errors": {k: v for k, v in (("extract", text_err), ("metadata", meta_err), ("htmldate", hd_err)) if v},
        "cpu": {"extract": t_text, "metadata": t_meta, "htmldate": t_hd, "page": t_page},
        "_data": data,
    }


WARMUP_HTML = (
    b"<html lang='en'><head><title>Warm-up page</title><meta name='author' content='Jane Doe'>"
    b"<meta property='article:published_time' content='2020-01-02'></head><body><nav>Home | News</nav>"
    b"<article><h1>Warm-up page</h1><p>Published 2 January 2020 by Jane Doe.</p>"
    + b"<p>This paragraph only exists to exercise the extractors once before timing starts. " * 20
    + b"</p></article><footer>Imprint</footer></body></html>"
)


def warm_up() -> None:
    trafilatura.extract(WARMUP_HTML, output_format="txt", include_comments=False, include_tables=True)
    trafilatura.extract_metadata(WARMUP_HTML)
    htmldate.find_date(WARMUP_HTML, original_date=True)


# --------------------------------------------------------------------------- scoring one page


def score_page(page: dict, out: dict) -> dict:
    g = page["gold"]
    ds = page["dataset"]
    s: dict = {}
    text = out["text"] or ""
    if ds == "web-dev/main-text":
        t = collapse(text)
        found = lambda seg: collapse(seg) in t  # noqa: E731
        missed_with = [x for x in g["with"] if not found(x)]
        found_without = [x for x in g["without"] if found(x)]
        found_comments = [x for x in g["comments"] if found(x)]
        s["segments"] = {
            "tp": len(g["with"]) - len(missed_with),
            "fn": len(missed_with),
            "fp": len(found_without),
            "tn": len(g["without"]) - len(found_without),
            "comments_found": len(found_comments),
            "comments_absent": len(g["comments"]) - len(found_comments),
            "missed_with": missed_with,
            "found_without": found_without,
            "found_comments": found_comments,
        }
    if "body" in g:
        s["body_lcs"] = lcs_scores(out["text"], g["body"])
        if ds == "web-dev/zh-news":
            o = nospace(text)
            lines = [nospace(x) for x in g["body"].split("\n")]
            lines = [x for x in lines if x]
            s["body_lines"] = {"lines": len(lines), "found": sum(1 for x in lines if x in o)}
    if collapse(g.get("title")):
        s["title_ok"] = collapse(out["title"]) == collapse(g["title"])
        s["title_lenient_ok"] = title_key(out["title"]) == title_key(g["title"])
    ga = collapse(g.get("author"))
    if ga and ga != "UNKNOWN":
        s["author_exact_ok"] = collapse(out["author"]) == ga
        s["author_tokens_ok"] = author_tokens(out["author"]) == author_tokens(ga)
    graw = (g.get("date") or "").strip()
    if graw and graw != "UNKNOWN":
        gd, repaired = gold_day(graw)
        if gd is None:
            s["gold_date_unparseable"] = graw
        else:
            s["gold_day"] = gd
            if repaired:
                s["gold_date_repaired"] = f"{graw} read as {gd} (year-day-month)"
            for key, val in (("date_trafilatura", out["date"]), ("date_htmldate", out["htmldate"])):
                d = day(val)
                s[key] = {"given": d is not None, "ok": d == gd, "days_off": days_between(d, gd)}
    return s


# --------------------------------------------------------------------------- aggregation


def ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def aggregate(entries: list[dict]) -> dict:
    """Figures over a list of per-page entries (one dataset, one group)."""
    agg: dict = {"pages": len(entries)}
    segs = [e["scores"]["segments"] for e in entries if "segments" in e["scores"]]
    if segs:
        tp, fn, fp, tn = (sum(x[k] for x in segs) for k in ("tp", "fn", "fp", "tn"))
        cf, ca = sum(x["comments_found"] for x in segs), sum(x["comments_absent"] for x in segs)

        def prf(tp, fn, fp, tn):
            return {
                "tp": tp, "fn": fn, "fp": fp, "tn": tn,
                "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
                "f1": ratio(2 * tp, 2 * tp + fp + fn), "accuracy": ratio(tp + tn, tp + fn + fp + tn),
            }

        agg["segments"] = prf(tp, fn, fp, tn)
        agg["segments_with_comments_as_without"] = prf(tp, fn, fp + cf, tn + ca)
    lcs = [e["scores"]["body_lcs"] for e in entries if "body_lcs" in e["scores"]]
    if lcs:
        L, O, G = (sum(x[k] for x in lcs) for k in ("lcs", "out_chars", "gold_chars"))
        agg["body_lcs"] = {
            "pages": len(lcs),
            "empty_outputs": sum(1 for x in lcs if x["out_chars"] == 0),
            "macro_f1": statistics.fmean(x["f1"] for x in lcs),
            "macro_p": statistics.fmean(x["p"] for x in lcs),
            "macro_r": statistics.fmean(x["r"] for x in lcs),
            "micro_p": ratio(L, O), "micro_r": ratio(L, G), "micro_f1": ratio(2 * L, O + G),
            "lcs": L, "out_chars": O, "gold_chars": G,
        }
    bl = [e["scores"]["body_lines"] for e in entries if "body_lines" in e["scores"]]
    if bl:
        n, f = sum(x["lines"] for x in bl), sum(x["found"] for x in bl)
        agg["body_line_recall"] = {"lines": n, "found": f, "recall": ratio(f, n)}
    for key in ("title_ok", "title_lenient_ok", "author_exact_ok", "author_tokens_ok"):
        v = [e["scores"][key] for e in entries if key in e["scores"]]
        if v:
            agg[key[:-3]] = {"n": len(v), "right": sum(v), "accuracy": ratio(sum(v), len(v))}
    for key in ("date_trafilatura", "date_htmldate"):
        v = [e["scores"][key] for e in entries if key in e["scores"]]
        if v:
            right, given = sum(x["ok"] for x in v), sum(x["given"] for x in v)
            agg[key] = {"n": len(v), "given": given, "right": right,
                        "accuracy": ratio(right, len(v)), "precision": ratio(right, given),
                        "one_day_off": sum(1 for x in v if x["days_off"] in (-1, 1))}
    cpu = {}
    for k in ("extract", "metadata", "htmldate", "page"):
        xs = [e["cpu"][k] for e in entries]
        cpu[k] = {"total_s": sum(xs), "median_s": statistics.median(xs) if xs else None,
                  "max_s": max(xs) if xs else None}
    agg["cpu"] = cpu
    agg["bytes"] = sum(e["bytes"] for e in entries)
    agg["no_text"] = sum(1 for e in entries if not e["text_chars"])
    return agg


# --------------------------------------------------------------------------- table


def fmt(x, digits=3):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def table(summary: dict) -> str:
    rows: list[tuple[str, str, list[str]]] = []

    def add(ds, label, getter):
        cells = []
        for grp in GROUPS:
            a = summary[ds][grp]
            try:
                cells.append(getter(a))
            except (KeyError, TypeError):
                cells.append("–")
        rows.append((ds, label, cells))

    for ds in summary:
        if ds == "all":
            continue
        add(ds, "pages", lambda a: f"{a['pages']} ({a['no_text']} without text)")
        if "segments" in summary[ds]["overall"]:
            for key, lab in (("segments", ""), ("segments_with_comments_as_without", " (+comments as without)")):
                add(ds, f"text P / R / F1{lab}", lambda a, k=key: " / ".join(
                    fmt(a[k][m]) for m in ("precision", "recall", "f1")))
                add(ds, f"text accuracy{lab} [TP FN FP TN]", lambda a, k=key: (
                    f"{fmt(a[k]['accuracy'])} [{a[k]['tp']} {a[k]['fn']} {a[k]['fp']} {a[k]['tn']}]"))
        if "body_lcs" in summary[ds]["overall"]:
            add(ds, "body char-LCS F1, mean of pages", lambda a: fmt(a["body_lcs"]["macro_f1"]))
            add(ds, "body char-LCS P / R / F1, micro", lambda a: " / ".join(
                fmt(a["body_lcs"][m]) for m in ("micro_p", "micro_r", "micro_f1")))
        if "body_line_recall" in summary[ds]["overall"]:
            add(ds, "body line recall [found/lines]", lambda a: (
                f"{fmt(a['body_line_recall']['recall'])} [{a['body_line_recall']['found']}/{a['body_line_recall']['lines']}]"))
        for key, lab in (("title", "title exact"), ("title_lenient", "title, case/soft hyphens ignored (lenient)"),
                         ("author_exact", "author exact"),
                         ("author_tokens", "author token set (lenient)")):
            if key in summary[ds]["overall"]:
                add(ds, f"{lab} [right/n]", lambda a, k=key: f"{fmt(a[k]['accuracy'])} [{a[k]['right']}/{a[k]['n']}]")
        for key, lab in (("date_trafilatura", "date, trafilatura"), ("date_htmldate", "date, htmldate")):
            if key in summary[ds]["overall"]:
                add(ds, f"{lab}: accuracy [right/n], precision [right/given], ±1 day", lambda a, k=key: (
                    f"{fmt(a[k]['accuracy'])} [{a[k]['right']}/{a[k]['n']}], "
                    f"{fmt(a[k]['precision'])} [{a[k]['right']}/{a[k]['given']}], {a[k]['one_day_off']}"))
    for ds in summary:
        for k, lab in (("extract", "trafilatura.extract"), ("metadata", "trafilatura.extract_metadata"),
                       ("htmldate", "htmldate.find_date"), ("page", "whole page")):
            add(ds, f"CPU {lab}: total s / median ms", lambda a, k=k: (
                f"{a['cpu'][k]['total_s']:.2f} / {1000 * a['cpu'][k]['median_s']:.1f}"))
    out = ["| dataset | figure | overall | dev | test |", "|---|---|---|---|---|"]
    out += [f"| {ds} | {lab} | " + " | ".join(c) + " |" for ds, lab, c in rows]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- main


def versions() -> dict:
    v = {"python": platform.python_version(), "platform": platform.platform()}
    for pkg in ("trafilatura", "htmldate", "lxml", "charset-normalizer", "justext", "dateparser",
                "courlan", "lxml-html-clean", "xxhash"):
        try:
            v[pkg] = importlib_metadata.version(pkg)
        except importlib_metadata.PackageNotFoundError:
            v[pkg] = None
    return v


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results_dir", type=Path, help="directory for results (the only place written to)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus root (default %(default)s)")
    ap.add_argument("--only", nargs="+", choices=DATASETS, help="run only these datasets")
    ap.add_argument("--limit", type=int, help="at most N pages per dataset (for a quick try)")
    ap.add_argument("--with-url", action="store_true", help="pass the known page URL to the tools")
    ap.add_argument("--verbose", action="store_true", help="let the tools log warnings")
    args = ap.parse_args()

    if not args.verbose:
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "justext", "readability"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        logging.getLogger().setLevel(logging.CRITICAL)

    corpus = args.corpus.resolve()
    pages = load_pages(corpus, args.only)
    if args.limit:
        kept, seen = [], {}
        for p in pages:
            seen[p["dataset"]] = seen.get(p["dataset"], 0) + 1
            if seen[p["dataset"]] <= args.limit:
                kept.append(p)
        pages = kept

    started = datetime.datetime.now().astimezone()
    wall = time.perf_counter()
    cpu0 = time.process_time()
    warm_up()

    entries: dict[str, dict] = {}
    texts: dict[str, str | None] = {}
    for i, page in enumerate(pages, 1):
        url = page["gold"].get("url") if args.with_url else None
        out = run_page(corpus / page["rel"], url)
        data = out.pop("_data")
        scores = score_page(page, out)
        enc = decoded_as(data)  # diagnostic, not timed
        text = out["text"]
        texts[page["rel"]] = text
        entries[page["rel"]] = {
            "dataset": page["dataset"],
            "split": page["split"],
            "bytes": out["bytes"],
            "decoded_as": enc,
            "text_chars": len(text or ""),
            "text_head": (text or "")[:120],
            "title": out["title"],
            "author": out["author"],
            "date": out["date"],
            "htmldate": out["htmldate"],
            "errors": out["errors"],
            "gold": {k: page["gold"][k] for k in ("title", "author", "date") if page["gold"].get(k)},
            "scores": scores,
            "cpu": out["cpu"],
        }
        if i % 25 == 0 or i == len(pages):
            print(f"[{i}/{len(pages)}] {page['rel'][:80]}", file=sys.stderr, flush=True)

    summary: dict = {}
    for ds in [d for d in DATASETS if any(e["dataset"] == d for e in entries.values())] + ["all"]:
        summary[ds] = {}
        for grp in GROUPS:
            sel = [e for e in entries.values() if (ds == "all" or e["dataset"] == ds)
                   and (grp == "overall" or e["split"] == grp)]
            summary[ds][grp] = aggregate(sel)

    gold_issues = {rel: e["scores"]["gold_date_unparseable"] for rel, e in entries.items()
                   if "gold_date_unparseable" in e["scores"]}
    gold_repairs = {rel: e["scores"]["gold_date_repaired"] for rel, e in entries.items()
                    if "gold_date_repaired" in e["scores"]}
    failures = {rel: {"errors": e["errors"], "text_chars": e["text_chars"]} for rel, e in entries.items()
                if e["errors"] or not e["text_chars"]}
    md = table(summary)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu0,
        "corpus": str(corpus),
        "settings": {
            "extract": {"output_format": "txt", "include_comments": False, "include_tables": True},
            "extract_metadata": "defaults (date: original_date=True, extensive_search=True)",
            "find_date": {"original_date": True, "extensive_search": True},
            "with_url": args.with_url,
            "limit": args.limit,
        },
        "versions": versions(),
        "split_rule": "test iff xxh3_64(path relative to corpus root, UTF-8) is odd",
        "summary": summary,
        "gold_dates_skipped_unparseable": gold_issues,
        "gold_dates_repaired": gold_repairs,
        "decoded_as_not_utf8": {rel: e["decoded_as"] for rel, e in entries.items() if e["decoded_as"] != "utf-8"},
        "pages_without_text_or_with_errors": failures,
    }
    rd = args.results_dir
    rd.mkdir(parents=True, exist_ok=True)
    (rd / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    (rd / "pages.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    (rd / "texts.json").write_text(json.dumps(texts, ensure_ascii=False, indent=0), encoding="utf-8")
    (rd / "table.md").write_text(md, encoding="utf-8")
    v = result["versions"]
    print(f"trafilatura {v['trafilatura']}, htmldate {v['htmldate']}, lxml {v['lxml']}, "
          f"charset-normalizer {v['charset-normalizer']}, Python {v['python']}; "
          f"{len(entries)} pages; wall {result['wall_s']:.1f} s, CPU {result['cpu_s']:.1f} s; "
          f"run {result['started']}; with_url={args.with_url}\n")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
