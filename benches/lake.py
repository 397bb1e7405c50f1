"""Scale-out overhead (issue 18): N documents in 4 shards + commit vs one local run, on the same
machine, to a local lake and to a moto S3 server on 127.0.0.1.

    python benches/lake.py [N] [--bin target/release/newsetl]

Needs the venv of tests/interop_lake (moto, boto3). Shards run one after the other, each with
all cores (what one task per machine would do, serialized); the figures are wall seconds of one
pass, and ratios to the local run of the same pass. Commit time per table is the whole commit
(7 tables, one transaction each) divided by 7.

Then two nights, each planned incrementally by the same 4 shards on the night before: (a) 1% of
the documents changed, spread evenly over every month (every 100th file gets a paragraph: the
worst case, as it touches nearly every shard's month); (b) 1% new documents, all of this month
(what a nightly feed brings). For each: the night's wall time (plan + shards + commit) against
the first run's, the local directory mode's incremental run of the same change against its
full run, and the files the night uploaded against the files it kept.
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
        lakes = [("local lake", str(work / "lake")), ("S3 (moto)", "s3://bench/lake/")]

        def night(run, lake):
            plan, _ = timed([binary, "plan", "--run", run, "--shards", "4", "--input", str(src), "--output", lake], env)
            shards = [timed([binary, "run", "--quiet", "--run", run, "--shard", f"{i}/4", "--output", lake,
                             "--work-dir", str(work)], env)[0] for i in range(4)]
            commit, p = timed([binary, "commit", "--run", run, "--output", lake], env)
            return plan, shards, commit, p.stderr

        for name, lake in lakes:
            rows[name] = night("b", lake)[:3]
        def nights_of(run):
            local_inc, _ = timed([binary, "run", "--quiet", "--input", str(src), "--output", str(work / "local")])
            found = {}
            for name, lake in lakes:
                plan, shards, commit, report = night(run, lake)
                lines = [line for line in report.splitlines() if "(+" in line]
                added = sum(int(line.split("(+")[1].split(" ")[0]) for line in lines)
                kept = sum(int(line.split(", ")[-1].split(" ")[0]) for line in lines)
                found[name] = (plan + sum(shards) + commit, added, kept)
            return local_inc, found

        files = sorted(p for p in src.rglob("*") if p.is_file())
        for f in files[::100]:
            f.write_bytes(f.read_bytes() + "<p>更正：本文已更新。</p>".encode())
        spread = nights_of("b2")
        fresh = src / "tonight"
        fresh.mkdir()
        for i in range(n // 100):
            (fresh / f"{i:05d}.md").write_text(
                f"---\ntitle: 今晚的稿件{i}\ndate: 2026-11-{1 + i % 28:02d} 08:00:00\n---\n"
                f"<p>今晚新到的第{i}篇稿件，正文一段。</p><p>第二段。</p>\n")
        new_month = nights_of("b3")
        print(f"{n} documents; one local run: {local:.2f} s")
        print("| target | plan | 4 shards (sum) | slowest shard | commit (7 tables) | per table | total / local run |")
        print("|---|---|---|---|---|---|---|")
        for name, (plan, shards, commit) in rows.items():
            total = plan + sum(shards) + commit
            print(f"| {name} | {plan:.2f} s | {sum(shards):.2f} s | {max(shards):.2f} s | {commit:.2f} s | "
                  f"{commit / 7:.2f} s | {total / local:.2f}× |")
        for label, (local_inc, found) in [("1% changed, every month", spread), ("1% new, this month", new_month)]:
            print()
            print(f"{label}: local incremental run {local_inc:.2f} s = {local_inc / local:.1%} of its full run")
            print("| target | night (plan + shards + commit) | / first run | files uploaded | files kept |")
            print("|---|---|---|---|---|")
            for name, (total, added, kept) in found.items():
                plan, shards, commit = rows[name]
                first = plan + sum(shards) + commit
                print(f"| {name} | {total:.2f} s | {total / first:.1%} | {added} | {kept} |")
    finally:
        os.killpg(moto.pid, signal.SIGTERM)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
