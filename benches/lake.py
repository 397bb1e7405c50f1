"""Scale-out overhead (issue 18): N documents in 4 shards + commit vs one local run, on the same
machine, to a local lake and to a moto S3 server on 127.0.0.1.

    python benches/lake.py [N] [--bin target/release/newsetl]

Needs the venv of tests/interop_lake (moto, boto3). Shards run one after the other, each with
all cores (what one task per machine would do, serialized); the figures are wall seconds of one
pass, and ratios to the local run of the same pass. Commit time per table is the whole commit
(7 tables, one transaction each) divided by 7.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "interop_lake"))
from test_lake import corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def timed(cmd, env=None):
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert p.returncode in (0, 1), p.stderr
    return time.perf_counter() - t, p


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else 20000
    binary = str(REPO / "target" / "release" / "newsetl")
    if "--bin" in sys.argv:
        binary = sys.argv[sys.argv.index("--bin") + 1]
    work = Path(tempfile.mkdtemp())
    src = corpus(work / "in", n)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    moto = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    env = dict(os.environ, AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}", AWS_ALLOW_HTTP="true",
               AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
    import boto3
    for _ in range(100):
        try:
            boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], aws_access_key_id="test",
                         aws_secret_access_key="test", region_name="us-east-1").create_bucket(Bucket="bench")
            break
        except Exception:
            time.sleep(0.1)
    try:
        local, _ = timed([binary, "run", "--quiet", "--input", str(src), "--output", str(work / "local")])
        rows = {}
        for name, lake in [("local lake", str(work / "lake")), ("S3 (moto)", "s3://bench/lake/")]:
            plan, _ = timed([binary, "plan", "--run", "b", "--shards", "4", "--input", str(src), "--output", lake], env)
            shards = [timed([binary, "run", "--quiet", "--run", "b", "--shard", f"{i}/4", "--output", lake,
                             "--work-dir", str(work)], env)[0] for i in range(4)]
            commit, p = timed([binary, "commit", "--run", "b", "--output", lake], env)
            rows[name] = (plan, shards, commit)
        print(f"{n} documents; one local run: {local:.2f} s")
        print("| target | plan | 4 shards (sum) | slowest shard | commit (7 tables) | per table | total / local run |")
        print("|---|---|---|---|---|---|---|")
        for name, (plan, shards, commit) in rows.items():
            total = plan + sum(shards) + commit
            print(f"| {name} | {plan:.2f} s | {sum(shards):.2f} s | {max(shards):.2f} s | {commit:.2f} s | "
                  f"{commit / 7:.2f} s | {total / local:.2f}× |")
    finally:
        os.killpg(moto.pid, signal.SIGTERM)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
