"""The scheduler recipes in deploy/ run as written: each recipe's own commands, with the
environment its scheduler would give (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX,
SLURM_ARRAY_TASK_ID), executed here against a local lake; the result must equal one local run.
Slurm's sbatch is a stand-in that runs the script once per array index; Spark and Ray are not
installed, so their drivers' per-shard functions are called directly.
"""

import importlib.util
import json
import os
import re
import subprocess
from pathlib import Path

import deltalake
import yaml

from test_lake import BIN, REPO, TABLES, corpus, parquet_table

SHARDS = 3


def env_with_bin(**extra):
    env = dict(os.environ)
    env["PATH"] = f"{BIN.resolve().parent}{os.pathsep}{env['PATH']}"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def assert_lake_equals_local(lake: Path, posts: Path, tmp: Path):
    local = tmp / "local"
    subprocess.run([str(BIN), "run", "--quiet", "--input", str(posts), "--output", str(local)], check=False)
    for t in TABLES:
        assert len(deltalake.DeltaTable(str(lake / t)).to_pandas()) == len(parquet_table(local, t)), t


def k8s_command(manifest: Path, values: dict, paths: dict):
    job = yaml.safe_load(manifest.read_text())
    spec = job["spec"]
    container = spec["template"]["spec"]["containers"][0]
    env = {e["name"]: str(values.get(e["name"], e["value"])) for e in container.get("env", [])}
    # Kubernetes expands $(VAR) from the container's env.
    cmd = [re.sub(r"\$\((\w+)\)", lambda m: env[m.group(1)], a) for a in container["command"]]
    return [paths.get(a, a) for a in cmd], spec


def test_kubernetes_indexed_job(tmp_path):
    posts = corpus(tmp_path / "posts", 60)
    lake = tmp_path / "lake"
    values = {"RUN": "k8s-1", "SHARDS": SHARDS, "LAKE": str(lake)}
    paths = {"/data/posts": str(posts), "/scratch": str(tmp_path)}
    d = REPO / "deploy" / "kubernetes"
    cmd, _ = k8s_command(d / "plan-job.yaml", values, paths)
    subprocess.run(cmd, check=True, env=env_with_bin())
    cmd, spec = k8s_command(d / "shards-job.yaml", values, paths)
    assert spec["completionMode"] == "Indexed"
    for index in range(SHARDS):
        p = subprocess.run(cmd, env=env_with_bin(JOB_COMPLETION_INDEX=index))
        assert p.returncode in (0, 1)
    cmd, _ = k8s_command(d / "commit-job.yaml", values, paths)
    subprocess.run(cmd, check=True, env=env_with_bin())
    assert_lake_equals_local(lake, posts, tmp_path)


def test_aws_batch_array_job(tmp_path):
    posts = corpus(tmp_path / "posts", 60)
    lake = tmp_path / "lake"
    subprocess.run([str(BIN), "plan", "--run", "batch-1", "--shards", str(SHARDS), "--input", str(posts), "--output", str(lake)], check=True)
    jd = json.loads((REPO / "deploy" / "aws-batch" / "job-definition.json").read_text())
    params = {**jd["parameters"], "run": "batch-1", "shards": str(SHARDS), "lake": str(lake)}
    cmd = [params[a[5:]] if a.startswith("Ref::") else a for a in jd["containerProperties"]["command"]]
    for index in range(SHARDS):
        p = subprocess.run(cmd, env=env_with_bin(AWS_BATCH_JOB_ARRAY_INDEX=index))
        assert p.returncode in (0, 1)
    # submit.sh's commit job overrides the command with the commit.
    script = (REPO / "deploy" / "aws-batch" / "submit.sh").read_text()
    assert "command=[newsetl,commit,--run,$run,--output,$lake]" in script
    subprocess.run([str(BIN), "commit", "--run", "batch-1", "--output", str(lake)], check=True)
    assert_lake_equals_local(lake, posts, tmp_path)


def test_slurm_array_with_a_dependent_commit(tmp_path):
    posts = corpus(tmp_path / "posts", 60)
    lake = tmp_path / "lake"
    # A stand-in sbatch: runs the script now, once per index of --array=a-b.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "sbatch").write_text(
        "#!/usr/bin/env bash\n"
        "array=''; args=()\n"
        "for a in \"$@\"; do case $a in --array=*) array=${a#--array=};; --*) ;; *) args+=(\"$a\");; esac; done\n"
        "if [ -n \"$array\" ]; then lo=${array%-*}; hi=${array#*-};\n"
        "  for i in $(seq $lo $hi); do SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_MIN=$lo bash \"${args[0]}\" || [ $? -eq 1 ] || exit 1; done; echo 4242\n"
        "else bash \"${args[0]}\"; fi\n"
    )
    (fake / "sbatch").chmod(0o755)
    env = env_with_bin()
    env["PATH"] = f"{fake}{os.pathsep}{env['PATH']}"
    subprocess.run(["bash", str(REPO / "deploy" / "slurm" / "submit.sh"), "slurm-1", str(SHARDS), str(lake), str(posts)], check=True, env=env)
    assert (lake / "_newsetl" / "runs" / "slurm-1" / "commit.json").is_file()
    assert_lake_equals_local(lake, posts, tmp_path)


def test_spark_and_ray_drivers_map_shards_onto_the_binary(tmp_path, monkeypatch):
    posts = corpus(tmp_path / "posts", 60)
    lake = tmp_path / "lake"
    spec = importlib.util.spec_from_file_location("spark_driver", REPO / "deploy" / "spark" / "driver.py")
    driver = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(driver)
    monkeypatch.setenv("PATH", env_with_bin()["PATH"])
    driver.plan("spark-1", SHARDS, str(lake), str(posts))
    codes = [driver.run_shard("spark-1", i, SHARDS, str(lake)) for i in range(SHARDS)]
    assert all(c in (0, 1) for c in codes)
    driver.commit("spark-1", str(lake))
    assert_lake_equals_local(lake, posts, tmp_path)
    # The Ray driver uses the same steps.
    assert "from driver import commit, plan, run_shard" in (REPO / "deploy" / "ray" / "driver.py").read_text()
