"""The dataset loads right in the analysts' tools: pandas, polars, DuckDB and pyarrow.

Runs `newsetl run` on the seed plus the fixtures (binary from $NEWSETL_BIN, default
target/debug/newsetl) and loads every table with the one-liners the README shows.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("NEWSETL_BIN", REPO / "target" / "debug" / "newsetl"))
TABLES = ["articles", "paragraphs", "images", "turns", "qa_pairs", "quotes", "errors"]
PARTITIONED = {"articles", "paragraphs", "images", "turns", "qa_pairs", "quotes"}


@pytest.fixture(scope="session")
def out(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    shutil.copytree(REPO / "tests" / "fixtures" / "corpus", src / "fixtures")
    shutil.copytree(REPO / "seeds", src / "seeds")
    dst = tmp_path_factory.mktemp("out")
    proc = subprocess.run([str(BIN), "run", "--quiet", "--input", str(src), "--output", str(dst)], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr  # the fixtures hold two unreadable files
    return dst


def pandas_table(out, t):
    # The README's pandas one-liner: the partition column as a plain string, not a category.
    part = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive") if t in PARTITIONED else None
    return pd.read_parquet(out / t, dtype_backend="numpy_nullable", partitioning=part)


@pytest.mark.parametrize("table", TABLES)
def test_pandas_types(out, table):
    df = pandas_table(out, table)
    assert len(df) > 0
    for col in df.columns:
        if col in (
            "published_at",
            "modified_at",
            "fetched_at",
            "categories",
            "keywords",
            "published_date",
        ):
            continue
        if col in ("seq", "first_seq", "last_seq", "paragraph_seq", "question_turn", "answer_turn", "size_bytes") or col.startswith("n_"):
            assert pd.api.types.is_integer_dtype(df[col]), (col, df[col].dtype)
            continue
        assert pd.api.types.is_string_dtype(df[col]), (col, df[col].dtype)
        assert not isinstance(df[col].dtype, pd.CategoricalDtype), col
    if table in PARTITIONED:
        assert "month" in df.columns
    if table == "articles":
        assert str(df["published_at"].dtype) == "datetime64[us, UTC]"
        assert str(df["modified_at"].dtype) == "datetime64[us, UTC]"
        assert str(df["fetched_at"].dtype) == "datetime64[us, UTC]"
        import datetime
        assert all(d is None or isinstance(d, datetime.date) for d in df["published_date"])
        assert df["published_date"].notna().any()
        assert all(isinstance(list(k), list) and all(isinstance(x, str) for x in k) for k in df["keywords"])
        assert all(isinstance(list(c), list) and all(isinstance(x, str) for x in c) for c in df["categories"])
        assert pd.api.types.is_integer_dtype(df["n_paragraphs"])


@pytest.mark.parametrize("table", TABLES)
def test_polars_types(out, table):
    df = pl.read_parquet(out / table / "**" / "*.parquet", hive_partitioning=True)
    assert df.height > 0
    if table in PARTITIONED:
        assert df.schema["month"] == pl.String
    assert all(dt != pl.Binary for dt in df.schema.values())
    if table == "articles":
        assert df.schema["published_at"] == pl.Datetime("us", "UTC")
        assert df.schema["categories"] == pl.List(pl.String)
        assert df.schema["n_images"] == pl.Int64


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_types(out, table):
    rel = duckdb.sql(f"select * from '{out}/{table}/**/*.parquet'")
    types = dict(zip(rel.columns, map(str, rel.types)))
    assert "BLOB" not in types.values()
    if table in PARTITIONED:
        assert types["month"] == "VARCHAR"
    if table == "articles":
        assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
        assert types["categories"] == "VARCHAR[]"


def test_children_join_articles_without_orphans(out):
    con = duckdb.connect()
    for child in ["paragraphs", "images", "turns", "qa_pairs", "quotes"]:
        orphans = con.sql(
            f"select count(*) from '{out}/{child}/**/*.parquet' c "
            f"anti join '{out}/articles/**/*.parquet' a using (doc_id)"
        ).fetchall()[0][0]
        assert orphans == 0, child
    counts = con.sql(
        f"select a.n_paragraphs, count(p.doc_id) from '{out}/articles/**/*.parquet' a "
        f"left join '{out}/paragraphs/**/*.parquet' p using (doc_id) group by a.doc_id, a.n_paragraphs"
    ).fetchall()
    assert all(n == c for n, c in counts)
    for child, column in [("turns", "n_turns"), ("qa_pairs", "n_qa_pairs"), ("quotes", "n_quotes")]:
        counts = con.sql(
            f"select a.{column}, count(c.doc_id) from '{out}/articles/**/*.parquet' a "
            f"left join '{out}/{child}/**/*.parquet' c using (doc_id) group by a.doc_id, a.{column}"
        ).fetchall()
        assert all(n == c for n, c in counts), child
    total = con.sql(f"select count(*) from '{out}/qa_pairs/**/*.parquet'").fetchall()[0][0]
    assert total > 0


def test_seed_values(out):
    df = pandas_table(out, "articles")
    seed = df[df["source_path"] == "seeds/000_9d22631a164ff952.txt"].iloc[0]
    assert seed["title"].startswith("王毅：打造更加紧密的中国—中亚命运共同体")
    assert seed["published_at"] == pd.Timestamp("2022-03-07T08:10:42Z")
    assert list(seed["categories"]) == ["金融", "新浪财经", "新浪财经－国內"]
    assert seed["editor"] == "蒋晓桐"
    assert seed["month"] == "2022-03"
    assert seed["kind"] == "press_conference"
    pairs = pl.read_parquet(out / "qa_pairs" / "**" / "*.parquet", hive_partitioning=True)
    pair = pairs.filter(pl.col("doc_id") == seed["doc_id"]).row(0, named=True)
    assert pair["questioner_org"] == "哈萨克斯坦24KZ电视台"
    assert pair["question"].startswith("今年是中国和中亚国家建交30周年")
    assert (pair["answerer"], pair["answerer_title"]) == ("王毅", "国务委员兼外交部长")
    assert pair["answer"].startswith("王毅表示，") and pair["answer"].endswith("下一个更加精彩的30年。")
    assert pair["answer"].count("\n") == 2


def test_undated_rows_and_errors(out):
    df = pandas_table(out, "articles")
    undated = df[df["month"] == "undated"]
    assert {"unparsed", "implausible"} <= set(undated["date_status"]) <= {"unparsed", "implausible", "missing"}
    assert undated["published_at"].isna().all()
    errors = pd.read_parquet(out / "errors")
    assert sorted(errors["kind"]) == ["binary", "empty"]


def test_file_metadata(out):
    f = next((out / "articles").rglob("*.parquet"))
    import pyarrow.parquet as pq
    md = pq.read_metadata(f).metadata
    for key in [b"newsetl.version", b"newsetl.schema_version", b"newsetl.config_hash", b"newsetl.run_id"]:
        assert key in md
    field = pq.read_schema(f).field("published_at")
    assert b"UTC" in field.metadata[b"description"]


def test_file_layout(out):
    """zstd, statistics, dictionaries only where values repeat, few files."""
    import pyarrow.parquet as pq
    f = out / "articles" / "month=2022-03" / "part-00000.parquet"
    meta = pq.ParquetFile(f).metadata
    rg = meta.row_group(0)
    cols = {rg.column(i).path_in_schema: rg.column(i) for i in range(rg.num_columns)}
    for name, c in cols.items():
        assert c.compression == "ZSTD", name
        assert c.statistics is not None and c.statistics.has_min_max or c.statistics.null_count == rg.num_rows, name
    for name in ["site", "feed", "section", "kind", "categories.list.item"]:
        assert "RLE_DICTIONARY" in cols[name].encodings, name
    for name in ["body_text", "title", "doc_id"]:
        assert "RLE_DICTIONARY" not in cols[name].encodings, name
    turns = pq.ParquetFile(next((out / "turns").rglob("*.parquet"))).metadata.row_group(0)
    roles = [turns.column(i) for i in range(turns.num_columns) if turns.column(i).path_in_schema == "role"]
    assert "RLE_DICTIONARY" in roles[0].encodings
    # One file per table and partition.
    for t in TABLES:
        for d in (out / t).iterdir():
            if d.is_dir():
                assert [p.name for p in d.iterdir()] == ["part-00000.parquet"], d


def test_example_analysis_draws_its_pictures(out, tmp_path):
    """examples/analysis.py runs on the fixtures' output and writes three PNG files."""
    proc = subprocess.run(
        [sys.executable, str(REPO / "examples" / "analysis.py"), str(out), str(tmp_path)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    for name in ["docs_per_day.png", "speakers.png", "qa_by_outlet.png"]:
        png = tmp_path / name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert png.stat().st_size > 5000, name


def test_snapshot_recipe_reads_one_run_of_every_table(out):
    """The README's snapshot recipe: resolve LATEST once, read every table from there."""
    snap = subprocess.run([str(BIN), "snapshot", str(out)], capture_output=True, text=True, check=True).stdout.strip()
    assert snap == str(out / "_snapshots" / (out / "_snapshots" / "LATEST").read_text().strip())
    con = duckdb.connect()
    joined = con.sql(
        f"select count(*) from '{snap}/articles/**/*.parquet' a "
        f"join '{snap}/paragraphs/**/*.parquet' p using (doc_id)"
    ).fetchall()[0][0]
    live = con.sql(f"select count(*) from '{out}/paragraphs/**/*.parquet'").fetchall()[0][0]
    assert joined == live > 0
    for t in TABLES:
        a = pd.read_parquet(Path(snap) / t).sort_values("doc_id").reset_index(drop=True)
        b = pd.read_parquet(out / t).sort_values("doc_id").reset_index(drop=True)
        assert a.equals(b), t


def test_the_default_run_fills_every_table(tmp_path):
    """`newsetl run` on seeds/ alone: a newcomer sees every table with rows."""
    proc = subprocess.run([str(BIN), "run", "--quiet", "--output", str(tmp_path / "o")], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for t in TABLES:
        if t == "errors":
            continue
        n = duckdb.sql(f"select count(*) from '{tmp_path}/o/{t}/**/*.parquet'").fetchall()[0][0]
        assert n > 0, t
