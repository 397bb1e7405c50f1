"""Delta Lake output (issue 18), read by the analysts' tools, locally and on S3.

S3 is a moto_server on 127.0.0.1 that this module starts and stops. The binary is
$NEWSETL_BIN (default target/debug/newsetl). Readers: deltalake, polars.read_delta and
DuckDB's delta extension (the PyPI wheel duckdb-extension-delta, loaded offline).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import boto3
import deltalake
import duckdb
import duckdb_extension_delta
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("NEWSETL_BIN", REPO / "target" / "debug" / "newsetl"))
TABLES = ["articles", "paragraphs", "images", "turns", "qa_pairs", "quotes", "errors"]
PARTITIONED = set(TABLES) - {"errors"}
# Sort keys that make a table's rows comparable.
KEYS = {
    "articles": ["doc_id"],
    "paragraphs": ["doc_id", "seq"],
    "images": ["doc_id", "seq"],
    "turns": ["doc_id", "seq"],
    "qa_pairs": ["doc_id", "seq"],
    "quotes": ["doc_id", "seq"],
    "errors": ["doc_id"],
}


def newsetl(*args, env=None, check=True):
    proc = subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env)
    if check:
        assert proc.returncode in (0, 1), proc.stderr
    return proc


def corpus(dst: Path, n: int) -> Path:
    """n real-shaped posts: the seed and fixtures, each copy with its own path and text."""
    sources = [p for root in (REPO / "seeds", REPO / "tests" / "fixtures" / "corpus") for p in sorted(root.rglob("*")) if p.is_file()]
    for i in range(n):
        src = sources[i % len(sources)]
        out = dst / f"d{i % 50:02d}" / f"{i:06d}-{src.name}"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = src.read_bytes()
        out.write_bytes(data + f"\n<p>第{i}号稿件的补充说明。</p>\n".encode())
    return dst


def parquet_table(out: Path, t: str) -> pd.DataFrame:
    part = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive") if t in PARTITIONED else None
    return ds.dataset(out / t, format="parquet", partitioning=part).to_table().to_pandas()


def normalized(df: pd.DataFrame, t: str) -> pd.DataFrame:
    df = df[sorted(df.columns)].sort_values(KEYS[t]).reset_index(drop=True)
    # Lists come back as numpy arrays or lists depending on the reader.
    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: list(v) if hasattr(v, "__len__") and not isinstance(v, (str, bytes)) else v)
    if "month" in df.columns:
        df["month"] = df["month"].astype(str)
    return df


def assert_frames_equal(a: pd.DataFrame, b: pd.DataFrame, t: str):
    a, b = normalized(a, t), normalized(b, t)
    assert list(a.columns) == list(b.columns), t
    assert len(a) == len(b), t
    pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=t)


def duckdb_delta():
    ext = Path(duckdb_extension_delta.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "delta.duckdb_extension"
    con = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    con.sql(f"LOAD '{ext}'")
    return con


def test_readers_read_a_local_delta_lake(tmp_path):
    lake, local = tmp_path / "lake", tmp_path / "local"
    newsetl("run", "--quiet", "--format", "delta", "--input", str(REPO / "seeds"), "--output", str(lake))
    newsetl("run", "--quiet", "--input", str(REPO / "seeds"), "--output", str(local))
    con = duckdb_delta()
    for t in TABLES:
        expected = parquet_table(local, t)
        # The README's one-liners.
        df = deltalake.DeltaTable(str(lake / t)).to_pandas()
        assert_frames_equal(df, expected, t)
        assert len(pl.read_delta(str(lake / t))) == len(expected)
        assert con.sql(f"select count(*) from delta_scan('{lake / t}')").fetchone()[0] == len(expected)
    arts = deltalake.DeltaTable(str(lake / "articles")).to_pandas()
    assert str(arts["published_at"].dtype) == "datetime64[us, UTC]"
    assert pl.read_delta(str(lake / "articles")).schema["categories"] == pl.List(pl.String)
    types = {r[0]: r[1] for r in con.sql(f"describe select * from delta_scan('{lake / 'articles'}')").fetchall()}
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["published_date"] == "DATE"


def test_readers_read_a_checkpointed_table(tmp_path):
    """After a Delta checkpoint (here every 2 versions), the readers start from it."""
    src, lake, local = corpus(tmp_path / "in", 40), tmp_path / "lake", tmp_path / "local"
    files = sorted(p for p in src.rglob("*") if p.is_file())
    for night in range(3):
        files[night].write_bytes(files[night].read_bytes() + f"<p>第{night}次更新。</p>".encode())
        newsetl("run", "--quiet", "--format", "delta", "--max-error-rate", "1", "--run", f"c{night}",
                "--input", str(src), "--output", str(lake), env={**os.environ, "NEWSETL_CHECKPOINT_INTERVAL": "2"})
    assert (lake / "articles" / "_delta_log" / "00000000000000000002.checkpoint.parquet").is_file()
    newsetl("run", "--quiet", "--max-error-rate", "1", "--input", str(src), "--output", str(local))
    con = duckdb_delta()
    for t in TABLES:
        expected = parquet_table(local, t)
        assert_frames_equal(deltalake.DeltaTable(str(lake / t)).to_pandas(), expected, t)
        assert len(pl.read_delta(str(lake / t))) == len(expected)
        assert con.sql(f"select count(*) from delta_scan('{lake / t}')").fetchone()[0] == len(expected)


@pytest.fixture(scope="module")
def s3():
    """A moto S3 server on 127.0.0.1 with a bucket `news`; the environment newsetl reads."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(os.sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    env = dict(os.environ)
    env.update(
        AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}",
        AWS_ALLOW_HTTP="true",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_REGION="us-east-1",
    )
    client = boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], aws_access_key_id="test",
                          aws_secret_access_key="test", region_name="us-east-1")
    for _ in range(100):
        try:
            client.create_bucket(Bucket="news")
            break
        except Exception:
            time.sleep(0.1)
    else:
        raise RuntimeError("moto_server did not start")
    try:
        yield env, client
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def storage(env):
    return {k: env[k] for k in ("AWS_ENDPOINT_URL", "AWS_ALLOW_HTTP", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION")}


def keys(client, prefix):
    resp = client.list_objects_v2(Bucket="news", Prefix=prefix)
    return [o["Key"] for o in resp.get("Contents", [])]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """~20k generated documents and one local full run of them."""
    src = corpus(tmp_path_factory.mktemp("in"), int(os.environ.get("NEWSETL_LAKE_DOCS", "20000")))
    local = tmp_path_factory.mktemp("local") / "out"
    newsetl("run", "--quiet", "--input", str(src), "--output", str(local))
    return src, local


def test_four_shards_and_a_commit_on_s3_equal_one_local_run(s3, big, tmp_path):
    env, client = s3
    src, local = big
    lake = "s3://news/lake1/"
    newsetl("plan", "--run", "r1", "--shards", "4", "--input", str(src), "--output", lake, env=env)
    # A missing shard: commit refuses, nothing is published.
    for i in range(3):
        newsetl("run", "--quiet", "--run", "r1", "--shard", f"{i}/4", "--output", lake, "--work-dir", str(tmp_path), env=env)
    p = newsetl("commit", "--run", "r1", "--output", lake, env=env, check=False)
    assert p.returncode == 3, p.stderr
    assert keys(client, "lake1/articles/_delta_log/") == []
    # A shard killed halfway through its uploads, then run again.
    p = subprocess.run([str(BIN), "run", "--quiet", "--run", "r1", "--shard", "3/4", "--output", lake, "--work-dir", str(tmp_path)],
                       env={**env, "NEWSETL_SHARD_ABORT_AFTER_UPLOADS": "5"}, capture_output=True)
    assert p.returncode not in (0, 1)
    newsetl("run", "--quiet", "--run", "r1", "--shard", "3/4", "--output", lake, "--work-dir", str(tmp_path), env=env)
    newsetl("commit", "--run", "r1", "--output", lake, env=env)
    for t in TABLES:
        df = deltalake.DeltaTable(f"{lake}{t}", storage_options=storage(env)).to_pandas()
        assert_frames_equal(df, parquet_table(local, t), t)
    docs = int(os.environ.get("NEWSETL_LAKE_DOCS", "20000"))
    assert len(deltalake.DeltaTable(f"{lake}articles", storage_options=storage(env)).to_pandas()) > 0.75 * docs


def objects(client, prefix):
    """Key → ETag of every object under prefix (all pages)."""
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket="news", Prefix=prefix):
        for o in page.get("Contents", []):
            found[o["Key"]] = o["ETag"]
    return found


def test_a_nightly_run_on_s3_rewrites_only_what_changed(s3, big, tmp_path):
    """Test 5 of issue 18, on the lake the previous test committed: a few documents changed,
    deleted and added; the same 4 shards plan incrementally; the committed tables equal a local
    run of tonight's inputs, and every file of last night that no change touched stays (same
    object, same ETag)."""
    env, client = s3
    src, local = big
    lake = "s3://news/lake1/"
    # Built on the lake the previous test committed (pytest runs this module in order): without
    # it this test fails rather than passing unseen.
    assert keys(client, "lake1/articles/_delta_log/"), "run with the previous test: it builds lake1"
    before = objects(client, "lake1/")
    files = sorted(p for p in src.rglob("*") if p.is_file())
    changed, deleted = files[10:15], files[100:103]
    for f in changed:
        f.write_bytes(f.read_bytes() + "\n<p>更正：本文已更新。</p>\n".encode())
    for f in deleted:
        f.unlink()
    for k in range(2):
        (src / "d00" / f"new-{k}.md").write_text(
            f"---\ntitle: 夜里新到的稿件{k}\ndate: 2023-0{k + 1}-02 08:00:00\n---\n<p>新到的第{k}篇稿件。</p>\n")
    p = newsetl("plan", "--run", "r2", "--shards", "4", "--input", str(src), "--output", lake, env=env)
    assert "incremental on run r1" in p.stderr, p.stderr
    for i in range(4):
        newsetl("run", "--quiet", "--run", "r2", "--shard", f"{i}/4", "--output", lake, "--work-dir", str(tmp_path), env=env)
    newsetl("commit", "--run", "r2", "--output", lake, env=env)
    # Tonight's expected tables: the local output brought up to date (incrementally).
    newsetl("run", "--quiet", "--input", str(src), "--output", str(local))
    for t in TABLES:
        df = deltalake.DeltaTable(f"{lake}{t}", storage_options=storage(env)).to_pandas()
        assert_frames_equal(df, parquet_table(local, t), t)
    after = objects(client, "lake1/")
    live = {t: [u.removeprefix(f"{lake}{t}/") for u in deltalake.DeltaTable(f"{lake}{t}", storage_options=storage(env)).file_uris()]
            for t in TABLES}
    new = [f for fs in live.values() for f in fs if "part-r2-" in f]
    kept = [(t, f) for t, fs in live.items() for f in fs if "part-r1-" in f]
    # At most one new file per table for each of the 10 changes (its shard's month), and the
    # unchanged rest of last night's files are the same objects.
    assert 0 < len(new) <= 7 * 10, new
    assert len(kept) > len(new), (len(kept), len(new))
    assert len(kept) + len(new) == sum(len(fs) for fs in live.values())
    for t, f in kept:
        key = f"lake1/{t}/{f}"
        assert after[key] == before[key], key


def test_inputs_in_s3(s3, tmp_path):
    """--input s3://bucket/prefix/: planned from a listing, mirrored by each shard, the same
    tables as a local run of the same tree; the next night downloads only the new and changed
    objects."""
    env, client = s3
    src = corpus(tmp_path / "in", 300)
    files = sorted(p for p in src.rglob("*") if p.is_file())
    for f in files:
        client.upload_file(str(f), "news", f"posts/{f.relative_to(src).as_posix()}")
    # Hidden keys and other extensions are not inputs, as on disk.
    client.put_object(Bucket="news", Key="posts/.cache/x.md", Body=b"<p>hidden</p>")
    client.put_object(Bucket="news", Key="posts/d00/photo.jpg", Body=b"not a post")
    lake, work = "s3://news/lake3/", tmp_path / "work"
    work.mkdir()
    # An object modified within 2 s of a run's start is not trusted by its time (the manifest's
    # racily-clean rule): the next run downloads and hashes it. A night's objects are older.
    time.sleep(2.5)

    def night(run):
        p = newsetl("plan", "--run", run, "--shards", "2", "--input", "s3://news/posts/", "--output", lake, env=env)
        reports = [newsetl("run", "--run", run, "--shard", f"{i}/2", "--output", lake, "--work-dir", str(work),
                           env=env).stderr for i in range(2)]
        newsetl("commit", "--run", run, "--output", lake, env=env)
        return p.stderr, reports

    plan, _ = night("o1")
    assert "300 files" in plan, plan
    local = tmp_path / "local"
    newsetl("run", "--quiet", "--input", str(src), "--output", str(local))
    for t in TABLES:
        df = deltalake.DeltaTable(f"{lake}{t}", storage_options=storage(env)).to_pandas()
        assert_frames_equal(df, parquet_table(local, t), t)
    # One object changed, one deleted, one new.
    files[7].write_bytes(files[7].read_bytes() + "<p>更正：本文已更新。</p>".encode())
    client.upload_file(str(files[7]), "news", f"posts/{files[7].relative_to(src).as_posix()}")
    client.delete_object(Bucket="news", Key=f"posts/{files[8].relative_to(src).as_posix()}")
    files[8].unlink()
    new = src / "d01" / "late.md"
    new.write_text("---\ntitle: 迟到的稿件\ndate: 2023-05-02 08:00:00\n---\n<p>新到的稿件。</p>\n")
    client.upload_file(str(new), "news", "posts/d01/late.md")
    plan, reports = night("o2")
    assert "incremental on run o1" in plan, plan
    downloaded = sum(int(r.split(" downloaded)")[0].rsplit("(", 1)[1]) for r in reports if " downloaded)" in r)
    assert downloaded == 2, reports
    newsetl("run", "--quiet", "--input", str(src), "--output", str(local))
    for t in TABLES:
        df = deltalake.DeltaTable(f"{lake}{t}", storage_options=storage(env)).to_pandas()
        assert_frames_equal(df, parquet_table(local, t), t)
    # A local directory-mode run does not read object storage.
    p = newsetl("run", "--input", "s3://news/posts/", "--output", str(tmp_path / "out"), env=env, check=False)
    assert p.returncode == 2, p.stderr


def test_two_commits_racing_on_s3(s3, tmp_path):
    env, client = s3
    src = corpus(tmp_path / "in", 200)
    lake = "s3://news/lake2/"
    newsetl("plan", "--run", "race", "--shards", "2", "--input", str(src), "--output", lake, env=env)
    for i in range(2):
        newsetl("run", "--quiet", "--run", "race", "--shard", f"{i}/2", "--output", lake, "--work-dir", str(tmp_path), env=env)
    racing = {**env, "NEWSETL_COMMIT_PAUSE_MS": "2000"}
    procs = [subprocess.Popen([str(BIN), "commit", "--run", "race", "--output", lake], env=racing,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = sorted(p.wait(timeout=120) for p in procs)
    assert codes == [0, 4], [p.stderr.read() for p in procs]
    # The table is intact: one commit of the run, readable, as many rows as the shards wrote.
    dt = deltalake.DeltaTable(f"{lake}articles", storage_options=storage(env))
    assert sum(1 for h in dt.history() if h.get("operation") == "WRITE") == 1
    local = tmp_path / "local"
    newsetl("run", "--quiet", "--input", str(src), "--output", str(local))
    assert_frames_equal(dt.to_pandas(), parquet_table(local, "articles"), "articles")
