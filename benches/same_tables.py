"""Whether two newsetl outputs hold the same rows, table by table (order and file layout aside).

    python benches/same_tables.py OUTPUT_A OUTPUT_B

Used to check that speed work leaves extraction unchanged: run the old and the new binary on the
same input, then compare. Columns that name the run (`run_id`-like stamps) are not compared.
Exit code 0 when every table is equal, 1 otherwise.
"""
import sys
from pathlib import Path

import pyarrow.dataset as ds

TABLES = ["articles", "paragraphs", "images", "turns", "qa_pairs", "quotes", "errors"]


def frame(root: Path, table: str):
    d = ds.dataset(root / table, format="parquet", partitioning="hive")
    df = d.to_table().to_pandas()
    keys = [c for c in ("doc_id", "seq") if c in df.columns]
    df = df.astype({c: "string" for c in df.columns if df[c].dtype == object and c not in ("categories", "keywords")})
    return df.sort_values(keys).reset_index(drop=True) if keys else df


def main() -> int:
    a, b = Path(sys.argv[1]), Path(sys.argv[2])
    ok = True
    for t in TABLES:
        fa, fb = frame(a, t), frame(b, t)
        same = fa.shape == fb.shape and fa.astype(str).equals(fb.astype(str))
        print(f"{t:<11} {len(fa):>8} rows  {len(fb):>8} rows  {'equal' if same else 'DIFFERENT'}")
        ok &= same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
