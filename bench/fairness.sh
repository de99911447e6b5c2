#!/usr/bin/env bash
# Fairness benchmark: how long a light user's one clip takes (from its 202 to DONE) while a heavy user has a
# backlog, against the same clip on an idle system. The local system (started from this checkout's jars on free
# ports of 127.0.0.1, its worker with two job threads, stopped at the end) has two confirmed users, A and B.
#
# Per pair and backlog size N: side "alone" uploads B's clip with nothing else running; side "backlog" uploads N
# copies of the same clip as A (POST /videos, 20 files per request), then B's clip at once, and times B's. A's
# videos are then deleted (the waiting ones first, so that none is dispatched meanwhile) and the script waits
# until the worker is idle. One unrecorded run of B's clip warms the services up first. The sides alternate
# (alone first in odd pairs, last in even pairs); the ratio of each pair is backlog / alone, i.e. B's time in
# units of one job's time. Also recorded: how many of A's videos became DONE between B's upload and B's DONE (by
# their updatedAt: the jobs B waited for; B overtakes the rest of A's backlog), the CPU of every process of the
# local system during B's wait, and the load average.
#
# Settings (environment):
#   BENCH_PAIRS     pairs per backlog size (default 5)
#   BENCH_BACKLOGS  A's backlog sizes (default "10 40")
#   BENCH_CACHE     generated clip (default ~/.cache/framesmith-bench)
#   BENCH_OUT       results directory (default bench/results)
# Output: a table on standard output, bench/results/fairness.csv (every run), fairness.md (summary).
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$bench_dir")"
pairs="${BENCH_PAIRS:-5}"
backlogs="${BENCH_BACKLOGS:-10 40}"
cache="${BENCH_CACHE:-$HOME/.cache/framesmith-bench}"
out="${BENCH_OUT:-$bench_dir/results}"

for tool in ffmpeg jq curl python3; do
    command -v "$tool" > /dev/null || { echo "fairness.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
mkdir -p "$out" "$cache"
work="$(mktemp -d)"
# shellcheck source=lib/local-system.sh
. "$bench_dir/lib/local-system.sh"
trap 'bench_stop; rm -rf "$work"' EXIT

# 20 s of 1280x720 at 30 fps, a keyframe every 2 s; processed at 1 frame/s (20 frames)
clip="$cache/fairness-720p-20s.mp4"
if [ ! -s "$clip" ]; then
    echo "Generating $clip"
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=duration=20:size=1280x720:rate=30 -c:v libx264 \
        -preset veryfast -g 60 -pix_fmt yuv420p -movflags +faststart "$clip.tmp.mp4"
    mv "$clip.tmp.mp4" "$clip"
fi

bench_build
bench_start "$repo" "$work/run" local
token_a="$(bench_user "bench-a-$(date +%s)-$RANDOM@example.com" verify)"
token_b="$(bench_user "bench-b-$(date +%s)-$RANDOM@example.com" verify)"
worker_pid="$(bench_service_pid video-worker)"
worker_management="http://127.0.0.1:$(bench_service_arg "$worker_pid" management.server.port)"

# upload COUNT: COUNT copies of the clip as the user of $token, in requests of at most 20 files; their ids
upload() {
    local left=$1 files n i status
    while ((left > 0)); do
        n=$((left < 20 ? left : 20))
        files=()
        for ((i = 0; i < n; i++)); do files+=(-F "files=@$clip;type=video/mp4"); done
        status="$(bench_request POST /videos "${files[@]}" -F fps=1)"
        [ "$status" = 202 ] || { echo "POST /videos answered $status: $(cat "$BENCH_BODY")" >&2; return 1; }
        jq -r '.videos[].id' "$BENCH_BODY"
        left=$((left - n))
    done
}

status_of() { # TOKEN ID
    token=$1 bench_request GET "/videos/$2" > /dev/null
    jq -r .status "$BENCH_BODY"
}

# until the worker has no child process and its job counter has stood still for 3 s
wait_idle() {
    local last="" now still=0
    while ((still < 3)); do
        now="$(curl -sS --max-time 30 "$worker_management/actuator/prometheus" \
            | awk '/^framesmith_worker_jobs_total/ { s += $2 } END { print s + 0 }')"
        if [ "$now" = "$last" ] && [ -z "$(pgrep -P "$worker_pid" || true)" ]; then
            still=$((still + 1))
        else
            still=0
        fi
        last="$now"
        sleep 1
    done
}

# done_meanwhile B_VIDEO A_LIST: how many of A's videos became DONE between B's upload and B's DONE
done_meanwhile() {
    python3 -c '
import json, sys
from datetime import datetime
at = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00"))
b = json.load(open(sys.argv[1]))
print(sum(1 for v in json.load(open(sys.argv[2]))["videos"]
          if v["status"] == "DONE" and at(b["createdAt"]) <= at(v["updatedAt"]) <= at(b["updatedAt"])))' "$@"
}

csv="$out/fairness.csv"
echo "time,pair,backlog,side,wall_s,cpu_s,a_done_meanwhile,load1" > "$csv"

run() { # pair backlog side
    local pair=$1 backlog=$2 side=$3 ids=() id state started ended cpu0 cpu1 load1 a_done="" i
    token_a="$(bench_refresh "$token_a")"
    token_b="$(bench_refresh "$token_b")"
    load1="$(cut -d' ' -f1 /proc/loadavg)"
    if [ "$side" = backlog ]; then
        mapfile -t ids < <(token=$token_a upload "$backlog")
    fi
    # shellcheck disable=SC2046
    cpu0="$(bench_cpu_ms $(bench_pids))"
    id="$(token=$token_b upload 1)"
    started="$(date +%s.%N)"
    while :; do
        state="$(status_of "$token_b" "$id")"
        [ "$state" = DONE ] && break
        [ "$state" = FAILED ] && { echo "video $id failed: $(cat "$BENCH_BODY")" >&2; exit 1; }
        sleep 0.2
    done
    ended="$(date +%s.%N)"
    # shellcheck disable=SC2046
    cpu1="$(bench_cpu_ms $(bench_pids))"
    if [ "$side" = backlog ]; then
        cp "$BENCH_BODY" "$work/b.json"
        token=$token_a bench_request GET "/videos?limit=100" > /dev/null
        a_done="$(done_meanwhile "$work/b.json" "$BENCH_BODY")"
        # the waiting ones first: deleting a video that holds a slot would dispatch the next
        for ((i = ${#ids[@]} - 1; i >= 0; i--)); do
            token=$token_a bench_request DELETE "/videos/${ids[$i]}" > /dev/null
        done
    fi
    token=$token_b bench_request DELETE "/videos/$id" > /dev/null
    wait_idle
    local wall cpu
    wall="$(echo "$ended - $started" | bc)"
    cpu="$(echo "scale=2; ($cpu1 - $cpu0) / 1000" | bc)"
    echo "$(date -u +%FT%TZ),$pair,$backlog,$side,$wall,$cpu,$a_done,$load1" >> "$csv"
    local note=""
    [ -z "$a_done" ] || note="$a_done of the backlog done meanwhile"
    printf '  pair %d  %-8s %7.2f s wall %7.2f s CPU  %s  load %s\n' "$pair" "$side" "$wall" "$cpu" "$note" "$load1"
}

echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
wait_idle
echo "Warming up: B's clip alone, not recorded"
run 0 0 alone > /dev/null
sed -i '$d' "$csv"
for backlog in $backlogs; do
    echo "A's backlog $backlog videos:"
    for ((pair = 1; pair <= pairs; pair++)); do
        if ((pair % 2 == 1)); then
            run "$pair" "$backlog" alone
            run "$pair" "$backlog" backlog
        else
            run "$pair" "$backlog" backlog
            run "$pair" "$backlog" alone
        fi
    done
done

python3 "$bench_dir/lib/pairs-summary.py" "$csv" "$out/fairness.md" "Fairness benchmark" \
    "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; clip: $(basename "$clip"), $(stat -L -c %s "$clip") bytes, 1 frame/s" \
    "Side A is user B's one clip on an idle system; side B is the same clip uploaded right after user A's backlog of N copies (grouped by N below). Both are timed from B's 202 to DONE (polled every 0.2 s). Ratio = backlog / alone of the same pair: B's time in units of one job's time. Per-user slots let at most 5 of A's videos be queued or processing, at most 1 of them queued (sent, not started); the worker runs 2 jobs at a time. CPU: every process of the local system during B's wait." \
    alone
cat "$out/fairness.md"
