"""newsetl from a Ray driver: one Ray task per shard, then the commit.

The workers must have the newsetl binary and the inputs mounted at the same path. Usage:

    python driver.py RUN SHARDS LAKE INPUT      (with RAY_ADDRESS set, or a local Ray)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "spark"))
from driver import commit, plan, run_shard  # noqa: E402  (the same per-shard steps as Spark)


def main(argv):
    run, shards, lake, input_dir = argv[1], int(argv[2]), argv[3], argv[4]
    import ray

    ray.init()
    task = ray.remote(max_retries=3)(run_shard)
    plan(run, shards, lake, input_dir)
    codes = ray.get([task.remote(run, i, shards, lake) for i in range(shards)])
    commit(run, lake)
    print(f"newsetl {run}: {shards} shards, {sum(1 for c in codes if c == 1)} with failed documents")


if __name__ == "__main__":
    main(sys.argv)
