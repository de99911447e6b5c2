#!/usr/bin/env bash
# DynamoDB requests per second made for live updates: 200 open event streams of 20 users, half of them with a
# video in flight, half idle. Side "new" is this checkout's ms-video; side "old" the ms-video of a baseline commit
# (BENCH_BASELINE, default main; skipped when it is this checkout's code), in which every stream polled on its own.
# Each side starts the whole local system itself (free ports on 127.0.0.1), stops the worker so uploaded videos stay
# in flight, opens the streams straight to ms-video (the gateway handles at most 200 requests at once), and counts
# the requests the DynamoDB stand-in receives, by operation, with tcpdump on the loopback interface.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/local-system.sh

SECONDS_MEASURED=${BENCH_SECONDS:-60}
WARMUP=${BENCH_WARMUP:-20}
USERS=${BENCH_USERS:-20}
STREAMS=${BENCH_STREAMS:-200}
PAIRS=${BENCH_PAIRS:-1}
SIDES=${BENCH_SIDES:-"old new"}
OUT=${BENCH_OUT:-bench/results}
WORK=$(mktemp -d /tmp/framesmith-live.XXXXXX)
mkdir -p "$OUT"
per_user=$(( STREAMS / USERS ))

for tool in tcpdump python3 curl ffmpeg; do
  command -v "$tool" > /dev/null || { echo "live.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
bench_build

cleanup() { bench_stop; [[ -n ${STREAMS_PID:-} ]] && kill "$STREAMS_PID" 2>/dev/null; true; }
trap cleanup EXIT

# The baseline's ms-video jar, built once per commit into the cache from a copy of that commit.
baseline_jar() {
  local ref=${BENCH_BASELINE:-main} sha jar src
  sha=$(git rev-parse "$ref")
  jar=$BENCH_CACHE/ms-video-$sha.jar
  if [[ ! -f $jar ]]; then
    src=$WORK/baseline; mkdir -p "$src"
    git archive "$sha" | tar -x -C "$src"
    echo "Building ms-video of $ref ($sha) in $src ..." >&2
    (cd "$src" && ./mvnw -B -q -o -pl ms-video -am package -DskipTests) >&2
    mkdir -p "$BENCH_CACHE"; cp "$src/ms-video/target/ms-video.jar" "$jar"
  fi
  echo "$jar"
}

csv=$OUT/live.csv
# BENCH_APPEND=1 keeps the runs already in the file (to add a side measured separately).
[[ ${BENCH_APPEND:-} == 1 && -f $csv ]] || echo "side,pair,streams,users,users_in_flight,seconds,dynamodb_requests,dynamodb_per_s,change_queries_per_s,by_operation,streams_opened,video_events,heartbeats,load_avg" > "$csv"

run_side() {
  local side=$1 pair=$2 root=$WORK/root-$1
  if [[ $side == old ]]; then bench_jar_root "$root" "ms-video=$(baseline_jar)"; else bench_jar_root "$root"; fi
  echo "== $side (pair $pair): starting the local system ..."
  bench_start "$root" "$WORK/run-$side-$pair" local \
    FRAMESMITH_VIDEO_QUOTAS_EVENT_STREAMS=$per_user \
    FRAMESMITH_AUTH_RATE_LIMITS_REGISTRATION_MAX=1000 FRAMESMITH_AUTH_RATE_LIMITS_REGISTRATION_WINDOW=1h
  bench_control stop video-worker
  local video_pid video_port ddb_port clip users_file=$WORK/users-$side-$pair i token
  video_pid=$(bench_service_pid ms-video)
  video_port=$(bench_service_arg "$video_pid" server.port)
  ddb_port=$(bench_service_arg "$video_pid" spring.cloud.aws.dynamodb.endpoint | grep -o '[0-9]*$')
  clip=$(bench_clip)
  : > "$users_file"
  for i in $(seq 1 "$USERS"); do
    if (( i <= USERS / 2 )); then
      token=$(bench_user "active-$i-$RANDOM@bench.example" verify)
      bench_upload "$token" "$clip" > /dev/null
      echo "in-flight $token $per_user" >> "$users_file"
    else
      token=$(bench_user "idle-$i-$RANDOM@bench.example")
      echo "idle $token $per_user" >> "$users_file"
    fi
  done
  local hold=$(( WARMUP + SECONDS_MEASURED + 10 ))
  python3 bench/lib/sse_streams.py 127.0.0.1 "$video_port" "$hold" "$users_file" > "$WORK/streams-$side-$pair.json" &
  STREAMS_PID=$!
  sleep "$WARMUP"
  local load capture=$WORK/dynamodb-$side-$pair.txt
  load=$(cut -d' ' -f1 /proc/loadavg)
  timeout "$SECONDS_MEASURED" tcpdump -i lo -l -A -s 0 "tcp dst port $ddb_port" 2> /dev/null \
    | grep -a -o -e 'X-Amz-Target: DynamoDB_20120810\.[A-Za-z]*' -e 'byUserUpdated' > "$capture" || true
  wait "$STREAMS_PID" || true
  STREAMS_PID=
  bench_stop
  local total changes operations
  total=$(grep -c 'X-Amz-Target' "$capture" || true)
  changes=$(grep -c 'byUserUpdated' "$capture" || true)
  operations=$(grep -o 'DynamoDB_20120810\.[A-Za-z]*' "$capture" | sed 's/.*\.//' | sort | uniq -c \
    | awk '{printf "%s%s=%s", sep, $2, $1; sep=" "}')
  read -r opened events heartbeats < <(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["total"]
print(t["opened"], t["events"], t["heartbeats"])' "$WORK/streams-$side-$pair.json")
  local rate change_rate
  rate=$(awk -v n="$total" -v s="$SECONDS_MEASURED" 'BEGIN{printf "%.2f", n/s}')
  change_rate=$(awk -v n="$changes" -v s="$SECONDS_MEASURED" 'BEGIN{printf "%.2f", n/s}')
  echo "$side,$pair,$STREAMS,$USERS,$((USERS / 2)),$SECONDS_MEASURED,$total,$rate,$change_rate,$operations,$opened,$events,$heartbeats,$load" >> "$csv"
  printf '%-4s pair %d: %s streams open, %s DynamoDB requests in %s s = %s/s (queries of changes %s/s; %s); load %s\n' \
    "$side" "$pair" "$opened" "$total" "$SECONDS_MEASURED" "$rate" "$change_rate" "$operations" "$load"
}

for pair in $(seq 1 "$PAIRS"); do
  sides=$SIDES
  (( pair % 2 == 0 )) && sides=$(echo "$SIDES" | tr ' ' '\n' | tac | tr '\n' ' ')
  for side in $sides; do run_side "$side" "$pair"; done
done

python3 - "$csv" "$OUT/live.md" "$STREAMS" "$USERS" "$SECONDS_MEASURED" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
streams, users, seconds = sys.argv[3], sys.argv[4], sys.argv[5]
out = ["# Live updates: DynamoDB requests per second", "",
       f"{streams} open event streams of {users} users (half with a video in flight, half idle), measured over"
       f" {seconds} s after a warm-up, requests counted at the DynamoDB stand-in (all of ms-video's, and ms-notify's"
       " if any). Poll interval 2 s, idle poll interval 30 s (the defaults).", "",
       "| side | runs | DynamoDB requests/s (min / median / max) | queries of changes/s (median) | streams open | load average |",
       "|---|---|---|---|---|---|"]
for side in ("old", "new"):
    runs = [r for r in rows if r["side"] == side]
    if not runs:
        continue
    rates = sorted(float(r["dynamodb_per_s"]) for r in runs)
    changes = statistics.median(float(r["change_queries_per_s"]) for r in runs)
    out.append(f"| {side} | {len(runs)} | {rates[0]:.2f} / {statistics.median(rates):.2f} / {rates[-1]:.2f} |"
               f" {changes:.2f} | {runs[0]['streams_opened']} | {', '.join(r['load_avg'] for r in runs)} |")
old = [float(r["dynamodb_per_s"]) for r in rows if r["side"] == "old"]
new = [float(r["dynamodb_per_s"]) for r in rows if r["side"] == "new"]
if old and new:
    out += ["", f"new / old: {statistics.median(new) / statistics.median(old):.3f}"]
expected = int(users) // 2 / 2 + int(users) // 2 / 30
out += ["", f"Expected with the new polling: {int(users)//2} users in flight / 2 s + {int(users)//2} idle users / 30 s"
        f" = {expected:.2f} queries/s; the old polling would make {streams} / 2 s = {int(streams)/2:.0f} queries/s"
        " if its two poller threads kept up."]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
EOF
