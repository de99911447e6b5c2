#!/usr/bin/env bash
# End-to-end benchmark: "upload accepted -> DONE" through the whole local system (side B) against plain FFmpeg on
# local disk (side A: `ffmpeg -i in -vf fps=R -q:v 2 %05d.jpg`, then `zip -0`), on the 120 s 1920x1080 30 fps
# H.264 clip of extraction.sh (same generator, same cache).
#
# The local system is started from this checkout's jars (built when missing) on free ports of 127.0.0.1, with an
# empty data directory, and stopped at the end. A new user is registered, confirmed through the SES stand-in's
# mailbox and logged in. Per run the clip is uploaded with POST /videos (fps=R) and GET /videos/{id} is polled
# every 0.2 s from the 202 until DONE; the video is then deleted. Per pair the sides run one after the other
# (plain first in odd pairs, last in even pairs).
#
# Recorded per run: wall time, CPU time (plain: user + system of FFmpeg and zip; pipeline: every process of the
# local system, and the worker with every process under it), the load average when it started, and
# for the pipeline the worker's phase seconds (framesmith_worker_phase_seconds_sum{phase} on its management port,
# the difference across the run).
#
# Settings (environment):
#   BENCH_PAIRS   pairs per rate (default 5)
#   BENCH_RATES   frames per second (default "1 0.1")
#   BENCH_CACHE   generated clip (default ~/.cache/framesmith-bench)
#   BENCH_OUT     results directory (default bench/results)
# Output: a table on standard output, bench/results/pipeline.csv (every run), pipeline.md (summary).
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$bench_dir")"
pairs="${BENCH_PAIRS:-5}"
rates="${BENCH_RATES:-1 0.1}"
cache="${BENCH_CACHE:-$HOME/.cache/framesmith-bench}"
out="${BENCH_OUT:-$bench_dir/results}"

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
[ -x /usr/bin/time ] || need+=(time)
command -v zip >/dev/null 2>&1 || need+=(zip)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"
fi
mkdir -p "$out"
work="$(mktemp -d)"
# shellcheck source=lib/fullhd-clip.sh
. "$bench_dir/lib/fullhd-clip.sh"
# shellcheck source=lib/local-system.sh
. "$bench_dir/lib/local-system.sh"
trap 'bench_stop; rm -rf "$work"' EXIT
src="$(fullhd_clip ffmpeg "$cache")"

bench_build
bench_start "$repo" "$work/run" local
token="$(bench_user "bench-$(date +%s)-$RANDOM@example.com" verify)"
worker_pid="$(bench_service_pid video-worker)"
worker_management="http://127.0.0.1:$(bench_service_arg "$worker_pid" management.server.port)"

phases=(download probe extract zip upload)
phase_sums() { # the worker's phase seconds so far, in the order of $phases
    local metrics
    metrics="$(curl -sS --max-time 30 "$worker_management/actuator/prometheus")"
    for phase in "${phases[@]}"; do
        awk -v p="phase=\"$phase\"" '$1 ~ /^framesmith_worker_phase_seconds_sum\{/ && index($1, p) { s += $2 }
            END { printf "%.3f ", s }' <<< "$metrics"
    done
    echo
}

csv="$out/pipeline.csv"
echo "time,pair,rate,side,wall_s,cpu_s,worker_cpu_s,frames,load1,download_s,probe_s,extract_s,zip_s,upload_s" > "$csv"

side_plain() { # pair rate
    local dir="$work/frames" load1 wall user sys frames
    rm -rf "$dir" "$work/frames.zip"
    mkdir -p "$dir"
    load1="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f '%e %U %S' -o "$work/time" bash -c 'set -e
        ffmpeg -hide_banner -loglevel error -nostdin -y -i "$1" -vf "fps=$2" -q:v 2 "$3/%05d.jpg"
        cd "$3" && zip -0 -q "$4" -- *' _ "$src" "$2" "$dir" "$work/frames.zip"
    read -r wall user sys < <(tail -1 "$work/time")
    frames="$(ls "$dir" | wc -l)"
    echo "$(date -u +%FT%TZ),$1,$2,plain,$wall,$(echo "$user + $sys" | bc),,$frames,$load1,,,,," >> "$csv"
    printf '  pair %d  %-8s %7.2f s wall %7.2f s CPU  %4d frames  load %s\n' "$1" plain "$wall" \
        "$(echo "$user + $sys" | bc)" "$frames" "$load1"
}

side_pipeline() { # pair rate
    local load1 status id state started ended cpu0 cpu1 wcpu0 wcpu1 before after frames
    token="$(bench_refresh "$token")"
    load1="$(cut -d' ' -f1 /proc/loadavg)"
    read -r -a before < <(phase_sums)
    status="$(bench_request POST /videos -F "files=@$src;type=video/mp4" -F "fps=$2")"
    started="$(date +%s.%N)"
    [ "$status" = 202 ] || { echo "POST /videos answered $status: $(cat "$BENCH_BODY")" >&2; exit 1; }
    # shellcheck disable=SC2046
    cpu0="$(bench_cpu_ms $(bench_pids))"
    # shellcheck disable=SC2046
    wcpu0="$(bench_cpu_ms $(bench_pids "$worker_pid"))"
    id="$(jq -r '.videos[0].id' "$BENCH_BODY")"
    while :; do
        status="$(bench_request GET "/videos/$id")"
        state="$(jq -r .status "$BENCH_BODY")"
        [ "$state" = DONE ] && break
        [ "$state" = FAILED ] && { echo "video $id failed: $(cat "$BENCH_BODY")" >&2; exit 1; }
        sleep 0.2
    done
    ended="$(date +%s.%N)"
    # listed again: a process that ended meanwhile counts in its parent's children time
    # shellcheck disable=SC2046
    cpu1="$(bench_cpu_ms $(bench_pids))"
    # shellcheck disable=SC2046
    wcpu1="$(bench_cpu_ms $(bench_pids "$worker_pid"))"
    frames="$(jq -r .frameCount "$BENCH_BODY")"
    sleep 1 # the worker records its last phase after it sends the result
    read -r -a after < <(phase_sums)
    local wall cpu wcpu phase_cols="" i
    wall="$(echo "$ended - $started" | bc)"
    cpu="$(echo "scale=2; ($cpu1 - $cpu0) / 1000" | bc)"
    wcpu="$(echo "scale=2; ($wcpu1 - $wcpu0) / 1000" | bc)"
    for i in "${!phases[@]}"; do
        phase_cols+=",$(echo "${after[$i]} - ${before[$i]}" | bc)"
    done
    echo "$(date -u +%FT%TZ),$1,$2,pipeline,$wall,$cpu,$wcpu,$frames,$load1$phase_cols" >> "$csv"
    printf '  pair %d  %-8s %7.2f s wall %7.2f s CPU (worker %.2f)  %4d frames  load %s  phases%s\n' "$1" pipeline \
        "$wall" "$cpu" "$wcpu" "$frames" "$load1" "$phase_cols"
    bench_request DELETE "/videos/$id" > /dev/null
}

echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), FFmpeg: $(ffmpeg -version | head -1)"
for rate in $rates; do
    echo "Rate $rate fps:"
    for ((pair = 1; pair <= pairs; pair++)); do
        if ((pair % 2 == 1)); then
            side_plain "$pair" "$rate"
            side_pipeline "$pair" "$rate"
        else
            side_pipeline "$pair" "$rate"
            side_plain "$pair" "$rate"
        fi
    done
done

python3 "$bench_dir/lib/pairs-summary.py" "$csv" "$out/pipeline.md" "End-to-end pipeline benchmark" \
    "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(ffmpeg -version | head -1 | cut -d' ' -f1-3); source: $(basename "$src"), $(stat -L -c %s "$src") bytes" \
    "Side A is plain \`ffmpeg -i in -vf fps=R -q:v 2 %05d.jpg\` + \`zip -0\` on local disk; side B is the local system from the upload's 202 to DONE (polled every 0.2 s). Ratio = pipeline / plain of the same pair (wall time). CPU: plain = FFmpeg + zip; pipeline = every process of the local system during the run (worker = the worker JVM and every process under it: FFmpeg, the frame decoder's JVM). Phases: the worker's own seconds per phase (zip runs inside extract)." \
    plain
cat "$out/pipeline.md"
