"""Load time of every table in DuckDB and polars, and output size vs input size.

    python benches/load_times.py OUTPUT_DIR [INPUT_DIR]

Each load is the README's one-liner materialized in memory (DuckDB: `.arrow()` of a full
select; polars: `read_parquet` with Hive partitioning), best of three, after one warm-up.
Run on the output `NEWSETL_BENCH_KEEP=1 cargo bench --bench pipeline` leaves behind.
"""

import sys
import time
from pathlib import Path

import duckdb
import polars as pl

TABLES = ["articles", "paragraphs", "images", "turns", "qa_pairs", "quotes", "errors"]


def best(f, n=3):
    f()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        rows = f()
        times.append(time.perf_counter() - t)
    return min(times), rows


def size(p: Path, pattern: str) -> int:
    return sum(f.stat().st_size for f in p.rglob(pattern) if f.is_file())


def main(out: Path, inp: Path | None):
    print(f"| table | rows | files | MB | DuckDB s | polars s |")
    print(f"|---|---|---|---|---|---|")
    for t in TABLES:
        glob = f"{out}/{t}/**/*.parquet"
        d, rows = best(lambda: duckdb.sql(f"select * from '{glob}'").arrow().read_all().num_rows)
        p, _ = best(lambda: pl.read_parquet(glob, hive_partitioning=True).height)
        files = list((out / t).rglob("*.parquet"))
        mb = sum(f.stat().st_size for f in files) / 1e6
        print(f"| {t} | {rows:,} | {len(files)} | {mb:.1f} | {d:.3f} | {p:.3f} |")
    total = size(out, "*.parquet")
    print(f"\noutput Parquet: {total / 1e6:.1f} MB")
    if inp:
        i = size(inp, "*")
        print(f"input: {i / 1e6:.1f} MB; output / input = {total / i:.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
