#!/usr/bin/env bash
# newsetl on AWS Batch: plan, an array job of SHARDS children (Batch sets
# AWS_BATCH_JOB_ARRAY_INDEX in each), and a commit job that depends on the whole array.
# Usage: submit.sh RUN SHARDS LAKE QUEUE   (the plan runs here, where the inputs are mounted;
# AWS Batch array jobs have at least 2 children: SHARDS >= 2)
set -euo pipefail
run=$1 shards=$2 lake=$3 queue=$4
newsetl plan --run "$run" --shards "$shards" --input /data/posts --output "$lake"
array=$(aws batch submit-job --job-name "newsetl-$run" --job-queue "$queue" \
  --job-definition newsetl-shard --array-properties "size=$shards" \
  --parameters "run=$run,shards=$shards,lake=$lake" --query jobId --output text)
aws batch submit-job --job-name "newsetl-$run-commit" --job-queue "$queue" \
  --job-definition newsetl-shard --depends-on "jobId=$array" \
  --container-overrides "command=[newsetl,commit,--run,$run,--output,$lake]"
