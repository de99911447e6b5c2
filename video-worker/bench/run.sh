#!/bin/sh
# Full HD benchmark: a long 1080p H.264 video (120 s unless BENCH_SECONDS says otherwise) through the
# worker and the emulated AWS services, beside plain FFmpeg on the same file.
# Prints a table and writes it to video-worker/bench/results/fullhd-<seconds>s.md.
# The generated source is kept in video-worker/target/bench/ for the next run.
set -eu
module="$(cd "$(dirname "$0")/.." && pwd)"
cd "$module/.."
./mvnw -B -o -q -pl video-worker test \
    -Dtest=FullHdBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dframesmith.bench.seconds="${BENCH_SECONDS:-120}" \
    -Dframesmith.bench.module="$module"
cat "$module/bench/results/fullhd-${BENCH_SECONDS:-120}s.md"
