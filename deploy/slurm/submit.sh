#!/usr/bin/env bash
# newsetl on Slurm: plan, an array of SHARDS tasks, and a commit that runs after all succeed.
# Usage: submit.sh RUN SHARDS LAKE INPUT
set -euo pipefail
export RUN=$1 SHARDS=$2 LAKE=$3
here=$(dirname "$0")
newsetl plan --run "$RUN" --shards "$SHARDS" --input "$4" --output "$LAKE"
array=$(sbatch --parsable --export=ALL --array="0-$((SHARDS - 1))" "$here/shard.sbatch")
sbatch --export=ALL --dependency="afterok:${array%%;*}" "$here/commit.sbatch"
