"""newsetl from a Spark driver: the shards as the tasks of one Spark job, then the commit.

For teams that already run Spark: the executors must have the newsetl binary and the inputs
mounted at the same path. Usage (on the driver):

    spark-submit driver.py RUN SHARDS LAKE INPUT

Spark retries a failed task; a retried shard overwrites its own files, and a shard that
already completed does nothing.
"""

import subprocess
import sys


def plan(run: str, shards: int, lake: str, input_dir: str) -> None:
    subprocess.run(["newsetl", "plan", "--run", run, "--shards", str(shards), "--input", input_dir, "--output", lake], check=True)


def run_shard(run: str, shard: int, shards: int, lake: str) -> int:
    """One task: shard `shard` of `shards`. Raises when it did not finish (exit 2+), so that
    the scheduler retries it; exit 1 (some documents failed) is a finished shard."""
    proc = subprocess.run(["newsetl", "run", "--quiet", "--run", run, "--shard", f"{shard}/{shards}", "--output", lake])
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"shard {shard}/{shards} exited {proc.returncode}")
    return proc.returncode


def commit(run: str, lake: str) -> None:
    subprocess.run(["newsetl", "commit", "--run", run, "--output", lake], check=True)


def main(argv):
    run, shards, lake, input_dir = argv[1], int(argv[2]), argv[3], argv[4]
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName(f"newsetl-{run}").getOrCreate()
    plan(run, shards, lake, input_dir)
    codes = spark.sparkContext.parallelize(range(shards), shards).map(lambda i: run_shard(run, i, shards, lake)).collect()
    commit(run, lake)
    print(f"newsetl {run}: {shards} shards, {sum(1 for c in codes if c == 1)} with failed documents")


if __name__ == "__main__":
    main(sys.argv)
