#!/usr/bin/env bash
# Reads through the gateway: GET /videos (first page) and GET /videos/{id} with 64 connections (wrk), reporting
# requests per second, p50/p99 latency and the CPU milliseconds per request of ms-video, the gateway (the launcher's
# JVM), ms-auth and the DynamoDB stand-in (from /proc/<pid>/stat before and after each run). Starts the whole local
# system itself (free ports on 127.0.0.1) once per JVM flag set: "local" (the local run's quick-start flags,
# -XX:TieredStopAtLevel=1 and Serial GC) and "prod" (the images' flags, see bench/lib/local-system.sh).
#
# With BENCH_BASELINE_JAR=<ms-video.jar> the same system also runs that ms-video beside its own, on the same
# emulators and data, and the two are compared side by side (A = baseline, B = this checkout), A B A B, straight to
# each ms-video (the gateway routes to one).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/local-system.sh

PAIRS=${BENCH_PAIRS:-5}
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
FLAG_SETS=${BENCH_FLAGS:-"local prod"}
VIDEOS=${BENCH_VIDEOS:-12}
OUT=${BENCH_OUT:-bench/results}
WORK=$(mktemp -d /tmp/framesmith-reads.XXXXXX)
mkdir -p "$OUT"

for tool in wrk python3 curl ffmpeg; do
  command -v "$tool" > /dev/null || { echo "reads.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
bench_build

BASELINE_PID=
cleanup() {
  [[ -n $BASELINE_PID ]] && kill "$BASELINE_PID" 2>/dev/null
  bench_stop
}
trap cleanup EXIT

csv=$OUT/reads.csv
echo "flags,side,pair,endpoint,target,requests,req_per_s,p50_ms,p99_ms,errors,cpu_ms_per_req_ms_video,cpu_ms_per_req_gateway,cpu_ms_per_req_ms_auth,cpu_ms_per_req_dynamodb,load_avg" > "$csv"

# wrk's latency figure in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN{ n=v; sub(/[a-z]+$/, "", n); u=v; sub(/^[0-9.]+/, "", u);
    f = (u=="us") ? 0.001 : (u=="ms") ? 1 : (u=="s") ? 1000 : (u=="m") ? 60000 : 1; printf "%.2f", n*f }'
}

# measure FLAGS SIDE PAIR ENDPOINT URL: one wrk run, with the CPU time each process spent during it.
measure() {
  local flags=$1 side=$2 pair=$3 endpoint=$4 url=$5 token out load target=ms-video
  [[ $url == "$GATEWAY"* ]] && target=gateway
  token=$(bench_login "$EMAIL")
  declare -A before after
  local name
  for name in "${!PIDS[@]}"; do before[$name]=$(bench_cpu_ms "${PIDS[$name]}"); done
  load=$(cut -d' ' -f1 /proc/loadavg)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -H "Authorization: Bearer $token" "$url")
  for name in "${!PIDS[@]}"; do after[$name]=$(bench_cpu_ms "${PIDS[$name]}"); done
  local requests rps p50 p99 errors
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%"{print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1=="99%"{print $2}')")
  errors=$(echo "$out" | awk '/Non-2xx/{n+=$NF} /Socket errors/{gsub(/,/,""); n+=$4+$6+$8+$10} END{print n+0}')
  per() { awk -v a="${before[$1]:-0}" -v b="${after[$1]:-0}" -v n="$requests" 'BEGIN{printf "%.3f", (b-a)/n}'; }
  local cpu_video cpu_gateway cpu_auth cpu_ddb
  cpu_video=$(per "$VIDEO_KEY"); cpu_gateway=$(per gateway); cpu_auth=$(per ms-auth); cpu_ddb=$(per dynamodb)
  echo "$flags,$side,$pair,$endpoint,$target,$requests,$rps,$p50,$p99,$errors,$cpu_video,$cpu_gateway,$cpu_auth,$cpu_ddb,$load" >> "$csv"
  printf '%-5s %-3s %d %-12s %8s req/s  p50 %7s ms  p99 %7s ms  errors %s  CPU ms/req: ms-video %s gateway %s ms-auth %s dynamodb %s  (load %s)\n' \
    "$flags" "$side" "$pair" "$endpoint" "$rps" "$p50" "$p99" "$errors" "$cpu_video" "$cpu_gateway" "$cpu_auth" "$cpu_ddb" "$load"
}

for flags in $FLAG_SETS; do
  echo "== $flags flags: starting the local system ..."
  bench_jar_root "$WORK/root" 
  bench_start "$WORK/root" "$WORK/run-$flags" "$flags"
  EMAIL="reader-$RANDOM@bench.example"
  token=$(bench_user "$EMAIL" verify)
  clip=$(bench_clip)
  for i in $(seq 1 "$VIDEOS"); do bench_upload "$token" "$clip" > /dev/null; done
  echo "   $VIDEOS videos uploaded; waiting until they are processed ..."
  for i in $(seq 1 150); do
    done_count=$(curl -fsS "$GATEWAY/videos?limit=100" -H "Authorization: Bearer $token" \
      | python3 -c 'import json,sys; print(sum(v["status"] in ("DONE","FAILED") for v in json.load(sys.stdin)["videos"]))')
    (( done_count >= VIDEOS )) && break
    sleep 2
  done
  id=$(curl -fsS "$GATEWAY/videos?limit=1" -H "Authorization: Bearer $token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["videos"][0]["id"])')
  # Only reads from now on: the worker and ms-notify have nothing left to do.
  declare -A PIDS=([gateway]=$LAUNCHER_PID)
  for service in ms-video ms-auth; do PIDS[$service]=$(bench_service_pid "$service"); done
  PIDS[dynamodb]=$(bench_dynamodb_pid)
  video_port=$(bench_service_arg "${PIDS[ms-video]}" server.port)
  sides="B"
  if [[ -n ${BENCH_BASELINE_JAR:-} ]]; then
    # The baseline ms-video: the same command line as the launcher's, on another port, with the baseline's jar.
    baseline_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    mapfile -t cmd < <(tr '\0' '\n' < "/proc/${PIDS[ms-video]}/cmdline" \
      | sed -e "s#^-jar\$#-jar#" -e "s#^--server.port=.*#--server.port=$baseline_port#" -e "s#^--management.server.port=.*#--management.server.port=0#")
    for i in "${!cmd[@]}"; do [[ ${cmd[$i]} == */ms-video.jar ]] && cmd[$i]=$BENCH_BASELINE_JAR; done
    (cd "$WORK" && exec "${cmd[@]}" > "$WORK/baseline-$flags.log" 2>&1) &
    BASELINE_PID=$!
    for i in $(seq 1 120); do curl -fsS "http://127.0.0.1:$baseline_port/readyz" > /dev/null 2>&1 && break; sleep 2; done
    PIDS[ms-video-A]=$BASELINE_PID
    sides="A B"
  fi
  # Warm-up: a run of each endpoint on each ms-video, not recorded.
  token=$(bench_login "$EMAIL")
  wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $token" "$GATEWAY/videos" > /dev/null
  wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $token" "$GATEWAY/videos/$id" > /dev/null
  [[ -n $BASELINE_PID ]] && wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $token" "http://127.0.0.1:$baseline_port/videos" > /dev/null
  for pair in $(seq 1 "$PAIRS"); do
    order=$sides
    (( pair % 2 == 0 )) && order=$(echo "$sides" | tr ' ' '\n' | tac | tr '\n' ' ')
    for side in $order; do
      if [[ $side == A ]]; then base="http://127.0.0.1:$baseline_port"; VIDEO_KEY=ms-video-A
      elif [[ -n $BASELINE_PID ]]; then base="http://127.0.0.1:$video_port"; VIDEO_KEY=ms-video
      else base=$GATEWAY; VIDEO_KEY=ms-video; fi
      measure "$flags" "$side" "$pair" list "$base/videos"
      measure "$flags" "$side" "$pair" one "$base/videos/$id"
    done
  done
  if [[ -n ${BENCH_PROFILE:-} ]]; then
    # A flight recording of ms-video under the list load, summarised by area and hottest methods.
    jcmd "${PIDS[ms-video]}" JFR.start name=bench settings=profile filename="$WORK/ms-video-$flags.jfr" > /dev/null
    token=$(bench_login "$EMAIL")
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $token" "$GATEWAY/videos" > /dev/null
    jcmd "${PIDS[ms-video]}" JFR.stop name=bench > /dev/null
    jfr print --stack-depth 96 --events jdk.ExecutionSample "$WORK/ms-video-$flags.jfr" \
      | python3 bench/lib/jfr_top.py > "$OUT/reads-profile-$flags.txt"
    echo "   profile of ms-video (GET /videos): $OUT/reads-profile-$flags.txt (recording: $WORK/ms-video-$flags.jfr)"
  fi
  [[ -n $BASELINE_PID ]] && { kill "$BASELINE_PID" 2>/dev/null; wait "$BASELINE_PID" 2>/dev/null || true; BASELINE_PID=; }
  bench_stop
  rm -rf "$WORK/run-$flags/data"
done

python3 - "$csv" "$OUT/reads.md" "$CONNECTIONS" "$DURATION" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
med = lambda rs, k: statistics.median(float(r[k]) for r in rs)
out = ["# Reads: GET /videos and GET /videos/{id}", "",
       f"wrk, {sys.argv[3]} connections, {sys.argv[4]} per run, medians over the runs (min–max in brackets).",
       "CPU is milliseconds of process CPU per request (user + system, /proc/<pid>/stat).", "",
       "| flags | side | endpoint | target | runs | req/s | p50 ms | p99 ms | CPU ms/req ms-video | gateway | ms-auth | DynamoDB stand-in | load average |",
       "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
keys = sorted({(r["flags"], r["side"], r["endpoint"]) for r in rows})
for flags, side, endpoint in keys:
    rs = [r for r in rows if (r["flags"], r["side"], r["endpoint"]) == (flags, side, endpoint)]
    p99 = sorted(float(r["p99_ms"]) for r in rs)
    target = rs[0]["target"]
    out.append(f"| {flags} | {side} | {endpoint} | {target} | {len(rs)} | {med(rs,'req_per_s'):.0f} | {med(rs,'p50_ms'):.1f} |"
               f" {med(rs,'p99_ms'):.1f} ({p99[0]:.0f}–{p99[-1]:.0f}) | {med(rs,'cpu_ms_per_req_ms_video'):.2f} |"
               f" {med(rs,'cpu_ms_per_req_gateway'):.2f} | {med(rs,'cpu_ms_per_req_ms_auth'):.3f} |"
               f" {med(rs,'cpu_ms_per_req_dynamodb'):.2f} | {statistics.median(float(r['load_avg']) for r in rs):.1f} |")
pairs = {}
for r in rows:
    pairs.setdefault((r["flags"], r["endpoint"], r["pair"]), {})[r["side"]] = r
ratios = [(k, float(v["B"]["req_per_s"]) / float(v["A"]["req_per_s"])) for k, v in pairs.items() if "A" in v and "B" in v]
if ratios:
    out += ["", "B / A throughput pair by pair: " + ", ".join(f"{k[0]} {k[1]} #{k[2]}: {x:.2f}" for k, x in sorted(ratios))]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
EOF
