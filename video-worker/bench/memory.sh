#!/usr/bin/env bash
# Memory benchmark: a source of at least 2 GiB (1080p H.264 at about 50 Mbit/s) through the real worker jar,
# started as the container starts it, against the emulator kit; beside plain FFmpeg on the same file.
#
# 1. Encodes one short 1080p clip with FFmpeg (constant 50 Mbit/s, ultrafast) and joins copies of it with the
#    concat demuxer (-c copy) until the file reaches BENCH_TARGET_BYTES. Nothing is re-encoded after the clip.
# 2. Runs plain FFmpeg on it with the worker's own filter-method arguments under /usr/bin/time -v.
# 3. Starts the emulator kit (S3 and SQS, state on disk) and the worker (the extracted boot jar run by
#    JarLauncher, with the Dockerfile's JVM options and the Kubernetes memory and CPU limits), uploads the source
#    to S3, sends a ProcessVideo and waits for COMPLETED, sampling every 0.5 s the worker JVM's VmRSS (VmHWM at
#    the end) and the resident memory of its extraction children: FFmpeg, and the frame decoder's JVM (run under
#    prlimit, which becomes the java process it starts).
# Prints a table and writes it to video-worker/bench/results/memory-2gb.md (memory-2gb-system-ffmpeg.md with
# BENCH_FFMPEG, memory-2gb-<n>-jobs.md with BENCH_JOBS; BENCH_RESULT to choose).
#
# Environment:
#   BENCH_TARGET_BYTES  smallest source size (default 2147483648, 2 GiB)
#   BENCH_CLIP_SECONDS  length of the encoded clip (default 60)     BENCH_BITRATE  its bit rate (default 50M)
#   BENCH_FPS           frames per second asked for (default 1)
#   BENCH_JOBS          jobs sent at once, each with its own copy of the source in S3 (default 1; the worker runs
#                       up to framesmith.worker.concurrency = 2 at a time)
#   BENCH_FFMPEG        FFmpeg of the worker and of the plain run: "bundled" (default: the static build in the jar,
#                       which the worker uses when framesmith.worker.ffmpeg-path is unset) or a path, for example
#                       /usr/bin/ffmpeg as the container image sets it
#   BENCH_MEMORY_LIMIT  container memory limit the JVM sizes itself for (default: the Deployment's limits.memory)
#   BENCH_CPUS          processors the JVM sees (default: the Deployment's limits.cpu)
#   BENCH_JAVA_OPTS     more JVM options for the worker (e.g. -XX:NativeMemoryTracking=summary)
#   BENCH_KEEP=1        keep the generated source under target/bench/memory/source for the next run
#   BENCH_RESULT        results file
# Needs java 17, curl 7.75+ (SigV4 signing), jq, pgrep; /usr/bin/time (apt-get install -y time) if present.
set -euo pipefail

module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/.." && pwd)"
work="$module/target/bench/memory"
logs="$work/logs"
target_bytes="${BENCH_TARGET_BYTES:-2147483648}"
clip_seconds="${BENCH_CLIP_SECONDS:-60}"
bitrate="${BENCH_BITRATE:-50M}"
fps="${BENCH_FPS:-1}"
jobs="${BENCH_JOBS:-1}"
suffix=""
[ "${BENCH_FFMPEG:-bundled}" = bundled ] || suffix="$suffix-system-ffmpeg"
[ "$jobs" = 1 ] || suffix="$suffix-$jobs-jobs"
result="${BENCH_RESULT:-$module/bench/results/memory-2gb$suffix.md}"
deployment="$root/infra/k8s/base/video-worker/deployment.yaml"
emulators_jar="$root/emulators/server/target/framesmith-emulators.jar"
bucket="framesmith-videos"

say() { printf '[memory-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
mib() { awk -v kb="$1" 'BEGIN { printf "%d", kb / 1024 }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

for tool in java curl jq pgrep awk unzip; do
    command -v "$tool" >/dev/null || die "$tool is needed"
done
[ -f "$emulators_jar" ] || die "$emulators_jar is missing: build it with ./mvnw -B -o -q -pl emulators/server package"

# --- Processes this script starts, stopped on every exit path ----------------------------------------------------
kit_pid="" worker_pid="" sampler_pid=""
stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
    local pid="$1" wait="${2:-30}"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq $((wait * 4))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    stop_pid "$sampler_pid" 5
    stop_pid "$worker_pid" 70
    exec 3>&-
    stop_pid "$kit_pid" 30
    rm -rf "$work/kit" "$work/tmp" "$work/plain" "$work/app" "$work/bin"
    if [ "${BENCH_KEEP:-0}" != 1 ]; then
        rm -rf "$work/source"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work" "$logs"
rm -rf "$work/kit" "$work/tmp" "$work/plain" "$work/app"
rm -f "$logs"/*
load_start="$(loadavg)"

# --- The worker as the image runs it -----------------------------------------------------------------------------
jar="$module/target/video-worker.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$module/src/main" "$module/pom.xml" -newer "$jar" -print -quit)" ]; then
    say "building $jar (missing or older than the sources)"
    (cd "$root" && ./mvnw -B -o -q -pl video-worker package -Dmaven.test.skip=true)
fi
say "extracting the boot jar as the Dockerfile does"
java -Djarmode=tools -jar "$jar" extract --launcher --destination "$work/app" >/dev/null

# The Deployment's limits: the JVM in the pod has the image's fixed heap (-Xmx384m) and, below 1792 MB with 2 CPUs,
# would not be a "server class machine", so its ergonomics would choose the Serial GC (G1 above).
# Outside a container the same is obtained with MaxRAM, the GC's flag and ActiveProcessorCount.
limit_of() { # limits.<key> from the Deployment
    awk -v key="$1" '/^ *limits:/ { in_limits = 1; next } in_limits && $1 == key":" { gsub(/"/, "", $2); print $2; exit }
        in_limits && !/^ *[a-z-]+: / { in_limits = 0 }' "$deployment" 2>/dev/null
}
memory_limit="${BENCH_MEMORY_LIMIT:-$(limit_of memory)}"
memory_limit="${memory_limit:-2816Mi}"
cpus="${BENCH_CPUS:-$(limit_of cpu)}"
cpus="${cpus:-2}"
case "$memory_limit" in
    *Gi) limit_mib=$(( ${memory_limit%Gi} * 1024 )) ;;
    *Mi) limit_mib=${memory_limit%Mi} ;;
    *G|*g) limit_mib=$(( ${memory_limit%?} * 1024 )) ;;
    *M|*m) limit_mib=${memory_limit%?} ;;
    *) die "cannot read the memory limit $memory_limit" ;;
esac
gc="-XX:+UseSerialGC"
if [ "$limit_mib" -ge 1792 ] && [ "$cpus" -ge 2 ]; then gc="-XX:+UseG1GC"; fi
# Dockerfile ENTRYPOINT options first, then the pod's limits.
jvm_opts=(-Xmx384m -XX:+ExitOnOutOfMemoryError "-Djava.io.tmpdir=$work/tmp"
    "-XX:MaxRAM=${limit_mib}m" "$gc" "-XX:ActiveProcessorCount=$cpus")
# shellcheck disable=SC2206
jvm_opts+=(${BENCH_JAVA_OPTS:-})
max_heap_mib=$(java "${jvm_opts[@]}" -XX:+PrintFlagsFinal -version 2>/dev/null \
    | awk '$2 == "MaxHeapSize" { printf "%d", $4 / 1048576 }')

# --- FFmpeg ------------------------------------------------------------------------------------------------------
mkdir -p "$work/bin"
case "$(uname -m)" in
    x86_64) native_name="jave-nativebin-linux64" ;;
    aarch64) native_name="jave-nativebin-linux-arm64" ;;
    *) die "no bundled FFmpeg for $(uname -m)" ;;
esac
native_jar="$(find "$work/app/BOOT-INF/lib" -name "$native_name-*.jar" | head -1)"
[ -n "$native_jar" ] || die "the bundled FFmpeg ($native_name) is not in the jar"
entry="$(unzip -Z1 "$native_jar" | grep '^ws/schild/jave/nativebin/ffmpeg' | head -1)"
bundled="$work/bin/ffmpeg"
unzip -p "$native_jar" "$entry" > "$bundled"
chmod +x "$bundled"
if [ "${BENCH_FFMPEG:-bundled}" = bundled ]; then ffmpeg="$bundled"; else ffmpeg="$BENCH_FFMPEG"; fi
[ -x "$ffmpeg" ] || die "FFmpeg $ffmpeg is not executable"
ffmpeg_version="$("$ffmpeg" -hide_banner -version | head -1 | cut -d' ' -f1-3)"

# --- The source --------------------------------------------------------------------------------------------------
src_dir="$work/source"
source="$src_dir/source.mp4"
mkdir -p "$src_dir"
if [ -f "$source" ] && [ "$(stat -c %s "$source")" -ge "$target_bytes" ] && [ -f "$src_dir/made.txt" ]; then
    say "reusing $source"
    made="$(cat "$src_dir/made.txt")"
else
    rm -f "$src_dir"/*
    say "encoding a ${clip_seconds} s 1080p clip at $bitrate"
    t0=$(now_ms)
    "$bundled" -nostdin -hide_banner -loglevel error \
        -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=$clip_seconds,noise=alls=12:allf=t+u" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$clip_seconds" \
        -c:v libx264 -preset ultrafast -b:v "$bitrate" -minrate "$bitrate" -maxrate "$bitrate" -bufsize 25M \
        -x264-params nal-hrd=cbr -g 50 -pix_fmt yuv420p -c:a aac -b:a 128k -shortest -y "$src_dir/clip.mp4"
    t1=$(now_ms)
    clip_bytes=$(stat -c %s "$src_dir/clip.mp4")
    copies=$(( (target_bytes + clip_bytes - 1) / clip_bytes ))
    for _ in $(seq "$copies"); do echo "file 'clip.mp4'"; done > "$src_dir/list.txt"
    say "joining $copies copies of the $((clip_bytes / 1000000)) MB clip"
    "$bundled" -nostdin -hide_banner -loglevel error -f concat -safe 0 -i "$src_dir/list.txt" -c copy \
        -y "$source"
    t2=$(now_ms)
    rm -f "$src_dir/clip.mp4"
    made="$copies copies of a ${clip_seconds} s clip; clip encoded in $(secs $((t1 - t0))) s, joined in $(secs $((t2 - t1))) s"
    echo "$made" > "$src_dir/made.txt"
fi
source_bytes=$(stat -c %s "$source")
duration="$("$bundled" -nostdin -hide_banner -i "$source" 2>&1 | awk -F'[ ,]+' '/Duration:/ {
    split($3, t, ":"); printf "%.1f", t[1] * 3600 + t[2] * 60 + t[3]; exit }')" || true
[ "$source_bytes" -ge "$target_bytes" ] || die "the source has only $source_bytes bytes"
say "source: $source_bytes bytes, $duration s"

# --- Plain FFmpeg: the worker's filter-method arguments (FilterExtractor, FrameOutput) -----------------------------
plain_args=(-nostdin -hide_banner -loglevel error -xerror -err_detect explode -i "$source" -map 0:v:0
    -vf "fps=fps=$fps:round=up:start_time=0,scale=w=trunc(iw/2)*2:h=trunc(ih/2)*2,setsar=1"
    -an -sn -dn -vsync passthrough -pix_fmt yuvj420p -q:v 2 -progress pipe:1 -nostats
    "$work/plain/frame_%05d.jpg")
mkdir -p "$work/plain"
say "plain FFmpeg on the source"
t0=$(now_ms)
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$logs/plain-time.txt" "$ffmpeg" "${plain_args[@]}" > /dev/null 2> "$logs/plain-ffmpeg.log"
    plain_peak_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$logs/plain-time.txt")
    plain_how="/usr/bin/time -v (maximum resident set size)"
else
    "$ffmpeg" "${plain_args[@]}" > /dev/null 2> "$logs/plain-ffmpeg.log" &
    plain_pid=$!
    plain_peak_kb=0
    while kill -0 "$plain_pid" 2>/dev/null; do
        hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$plain_pid/status" 2>/dev/null || echo 0)
        [ "${hwm:-0}" -gt "$plain_peak_kb" ] && plain_peak_kb=$hwm
        sleep 0.2
    done
    wait "$plain_pid"
    plain_how="VmHWM sampled every 0.2 s"
fi
t1=$(now_ms)
plain_ms=$((t1 - t0))
plain_frames=$(find "$work/plain" -name 'frame_*' | wc -l)
rm -rf "$work/plain"
say "plain FFmpeg: $plain_frames frames in $(secs "$plain_ms") s, peak RSS $(mib "$plain_peak_kb") MiB"

# --- Emulator kit: S3 and SQS, state on disk (the 2 GB object does not fit the transient in-memory store) ---------
mkfifo "$work/kit.in"
java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$emulators_jar" \
    --services sqs,s3 --data-dir "$work/kit" < "$work/kit.in" > "$logs/kit.out" 2> "$logs/kit.log" &
kit_pid=$!
exec 3> "$work/kit.in" # the kit stops when this script's end of its standard input closes
rm -f "$work/kit.in"
ready=""
for _ in $(seq 360); do
    ready="$(grep -m1 '^FRAMESMITH-EMULATORS-READY ' "$logs/kit.out" 2>/dev/null || true)"
    [ -n "$ready" ] && break
    kill -0 "$kit_pid" 2>/dev/null || die "the emulator kit stopped: $(tail -5 "$logs/kit.log")"
    sleep 0.5
done
[ -n "$ready" ] || die "the emulator kit did not start in 180 s"
s3="$(jq -r .s3 <<< "${ready#FRAMESMITH-EMULATORS-READY }")"
sqs="$(jq -r .sqs <<< "${ready#FRAMESMITH-EMULATORS-READY }")"
say "emulators: S3 $s3, SQS $sqs"

# The S3 stand-in checks the payload hash, which curl does not compute for an upload: the payload is left unsigned.
s3_curl() {
    curl -sS --fail --aws-sigv4 "aws:amz:us-east-1:s3" --user test:test -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"
}
sqs_call() { # action, JSON body
    curl -sS --fail --aws-sigv4 "aws:amz:us-east-1:sqs" --user test:test -H "X-Amz-Target: AmazonSQS.$1" \
        -H "Content-Type: application/x-amz-json-1.0" --data-binary "$2" "$sqs/"
}

# --- Worker ------------------------------------------------------------------------------------------------------
free_port() {
    local candidate
    for _ in $(seq 50); do
        candidate=$((20000 + RANDOM % 20000))
        if ! (exec 4<> "/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
    done
    die "no free port"
}
port="$(free_port)"
# Health and metrics are on the management port, as in the image.
management_port="$(free_port)"
mkdir -p "$work/tmp"
say "starting the worker: java ${jvm_opts[*]} (max heap $max_heap_mib MiB), FFmpeg $ffmpeg, port $port"
(cd "$work/app" && exec env SPRING_PROFILES_ACTIVE=local SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$management_port" \
    FRAMESMITH_S3_ENDPOINT="$s3" FRAMESMITH_SQS_ENDPOINT="$sqs" FRAMESMITH_WORKER_FFMPEGPATH="$ffmpeg" \
    SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE=60s \
    java "${jvm_opts[@]}" org.springframework.boot.loader.launch.JarLauncher) \
    > "$logs/worker.log" 2>&1 < /dev/null &
worker_pid=$!
t0=$(now_ms)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$management_port/actuator/health/readiness")" = 200 ]; do
    kill -0 "$worker_pid" 2>/dev/null || die "the worker stopped: $(tail -5 "$logs/worker.log")"
    [ $(( $(now_ms) - t0 )) -lt 300000 ] || die "the worker was not ready in 300 s"
    sleep 1
done
worker_start_ms=$(( $(now_ms) - t0 ))
sleep 5
idle_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$worker_pid/status")
say "worker ready in $(secs "$worker_start_ms") s, idle RSS $(mib "$idle_kb") MiB"

user_id="$(cat /proc/sys/kernel/random/uuid)"
video_ids=()
t0=$(now_ms)
for _ in $(seq "$jobs"); do
    video_ids+=("$(cat /proc/sys/kernel/random/uuid)")
    say "uploading the source to s3://$bucket/raw/$user_id/${video_ids[-1]}/source"
    s3_curl -o /dev/null -T "$source" "$s3/$bucket/raw/$user_id/${video_ids[-1]}/source"
done
upload_ms=$(( $(now_ms) - t0 ))

# --- Sampler: every 0.5 s the worker's VmRSS/VmHWM/RssAnon/RssFile and its extraction children's RSS --------------
samples="$logs/samples.tsv"
status_kb() { # /proc/<pid>/status -> "VmRSS VmHWM RssAnon RssFile" in kB, with shell builtins only
    local key value _ rss=0 hwm=0 anon=0 file=0
    while read -r key value _; do
        case "$key" in
            VmRSS:) rss=$value ;; VmHWM:) hwm=$value ;; RssAnon:) anon=$value ;; RssFile:) file=$value ;;
        esac
    done < "/proc/$1/status" || return 1
    echo "$rss $hwm $anon $file"
}
sample() {
    local pid="$1" line n frss fhwm c name kb hwm _ load
    set +e
    while line="$(status_kb "$pid" 2>/dev/null)"; do
        n=0 frss=0 fhwm=0
        for c in $(pgrep -P "$pid"); do
            read -r name < "/proc/$c/comm" 2>/dev/null || continue
            case "$name" in ffmpeg* | java) ;; *) continue ;; esac
            read -r kb hwm _ < <(status_kb "$c" 2>/dev/null || echo "0 0")
            n=$((n + 1)) frss=$((frss + ${kb:-0}))
            [ "${hwm:-0}" -gt "$fhwm" ] && fhwm=$hwm
        done
        read -r load _ < /proc/loadavg
        printf '%s %s %s %s %s %s\n' "$(( ${EPOCHREALTIME/./} / 1000 ))" "$line" "$n" "$frss" "$fhwm" "$load"
        sleep 0.5
    done
}
echo "# epoch_ms jvm_rss_kb jvm_hwm_kb jvm_anon_kb jvm_file_kb child_count child_rss_kb child_hwm_kb load1" > "$samples"
sample "$worker_pid" >> "$samples" &
sampler_pid=$!

# --- The job -----------------------------------------------------------------------------------------------------
queue_url() { sqs_call GetQueueUrl "$(jq -nc --arg q "$1" '{QueueName: $q}')" | jq -r .QueueUrl; }
processing="$(queue_url framesmith-video-processing)"
events="$(queue_url framesmith-video-events)"
job_json() { # video id -> ProcessVideo
    jq -nc --arg e "$(cat /proc/sys/kernel/random/uuid)" --arg at "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" \
        --arg v "$1" --arg u "$user_id" --arg b "$bucket" --argjson fps "$fps" \
        '{eventId: $e, occurredAt: $at, schemaVersion: 1, videoId: $v, userId: $u, bucket: $b,
          sourceKey: ("raw/" + $u + "/" + $v + "/source"), framesKey: ("frames/" + $u + "/" + $v + "/frames.zip"),
          options: {fps: $fps, format: "JPG", maxWidth: null}}'
}
say "sending $jobs ProcessVideo (fps $fps)"
sent_ms=$(now_ms)
for video_id in "${video_ids[@]}"; do
    sqs_call SendMessage "$(jq -nc --arg url "$processing" --arg body "$(job_json "$video_id")" '{QueueUrl: $url,
        MessageBody: $body, MessageAttributes: {"framesmith-message-type": {DataType: "String",
        StringValue: "ProcessVideo"}}}')" > /dev/null
done

event_log="$logs/events.jsonl"
: > "$event_log"
terminal=0
while [ "$terminal" -lt "$jobs" ]; do
    kill -0 "$worker_pid" 2>/dev/null || die "the worker died during the job: $(tail -5 "$logs/worker.log")"
    [ $(( $(now_ms) - sent_ms )) -lt 7200000 ] || die "no COMPLETED within 2 h"
    sqs_call ReceiveMessage "$(jq -nc --arg url "$events" \
        '{QueueUrl: $url, MaxNumberOfMessages: 10, WaitTimeSeconds: 5, VisibilityTimeout: 43200}')" \
        | jq -c '.Messages // [] | .[] | .Body | fromjson' >> "$event_log"
    terminal="$(jq -s --arg u "$user_id" 'map(select(.userId == $u and (.type == "COMPLETED" or .type == "FAILED")))
        | length' "$event_log")"
done
done_ms=$(now_ms)
sleep 1
read -r end_rss_kb jvm_hwm_kb < <(awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { print r, h }' \
    "/proc/$worker_pid/status")
curl -s "http://127.0.0.1:$management_port/actuator/prometheus" > "$logs/prometheus.txt" || true
if [[ " ${jvm_opts[*]} " == *NativeMemoryTracking* ]] && command -v jcmd >/dev/null; then
    jcmd "$worker_pid" VM.native_memory summary > "$logs/native-memory.txt" 2>&1 || true
fi
stop_pid "$sampler_pid" 5
sampler_pid=""
load_end="$(loadavg)"
failed="$(jq -c 'select(.type == "FAILED")' "$event_log")"
[ -z "$failed" ] || die "a job FAILED: $failed"

# --- Figures -----------------------------------------------------------------------------------------------------
event_ms() { # type, head|tail -> epoch ms of the first or last event of that type
    jq -r --arg t "$1" 'select(.type == $t) | .occurredAt' "$event_log" \
        | while read -r at; do date -d "$at" +%s%3N; done | sort -n | "$2" -1
}
started_ms=$(event_ms STARTED head)
completed_ms=$(event_ms COMPLETED tail)
completed="$(jq -c 'select(.type == "COMPLETED")' "$event_log" | head -1)"
frames=$(jq -r .frameCount <<< "$completed")
zip_bytes=$(jq -r .zipBytes <<< "$completed")
event_duration=$(jq -r .durationSeconds <<< "$completed")
# The worker's log line "Extracted N frames (<method> method, ...)", JSON or plain.
method="$(grep -o 'Extracted [0-9]* frames ([A-Za-z_]* method' "$logs/worker.log" | awk '{ print $4 }' | sed 's/(//' \
    | sort | uniq -c | awk '{ printf "%s%s (%d job%s)", sep, $2, $1, ($1 > 1 ? "s" : ""); sep = ", " }')"
method="${method:-not logged}"

# Phases from the samples: STARTED .. first child (download), a child running (probe, scan, extraction),
# last child .. COMPLETED (ZIP, upload, event).
read -r first_ff last_ff < <(awk '!/^#/ && $6 > 0 { if (!f) f = $1; l = $1 } END { printf "%.0f %.0f\n", f, l }' "$samples")
phase() { # from_ms to_ms -> "jvm_peak_kb child_peak_kb jvm_anon_at_peak jvm_file_at_peak mean_load"
    awk -v a="$1" -v b="$2" '!/^#/ && $1 >= a && $1 <= b { if ($2 > j) { j = $2; an = $4; fi = $5 }
        if ($7 > f) f = $7; if ($8 > f) f = $8; l += $9; n++ }
        END { printf "%d %d %d %d %.2f\n", j, f, an, fi, n ? l / n : 0 }' "$samples"
}
read -r jvm_peak_kb ff_peak_kb peak_anon_kb peak_file_kb mean_load < <(phase 0 99999999999999)
read -r dl_jvm dl_ff _ _ _ < <(phase "$started_ms" "$first_ff")
read -r ex_jvm ex_ff _ _ _ < <(phase "$first_ff" "$last_ff")
read -r up_jvm up_ff _ _ _ < <(phase "$last_ff" "$completed_ms")
combined_kb=$(awk '!/^#/ { s = $2 + $7; if (s > m) m = s } END { print m + 0 }' "$samples")
prom() { # metric and label filter -> MiB, summed
    awk -v m="$1" -v f="$2" 'index($0, m "{") == 1 && index($0, f) { s += $NF } END { printf "%d", s / 1048576 }' \
        "$logs/prometheus.txt"
}
heap_used=$(prom jvm_memory_used_bytes 'area="heap"')
heap_committed=$(prom jvm_memory_committed_bytes 'area="heap"')
nonheap_committed=$(prom jvm_memory_committed_bytes 'area="nonheap"')
direct=$(prom jvm_buffer_memory_used_bytes 'id="direct"')
threads=$(awk 'index($0, "jvm_threads_live_threads") == 1 { print $NF + 0 }' "$logs/prometheus.txt")

limit_kb=$((512 * 1024))
if [ "$jvm_hwm_kb" -lt "$limit_kb" ]; then verdict="yes"; else verdict="**no**"; fi

report="$(cat <<EOF
# Worker memory on a 2 GB source, $(date -u +%Y-%m-%dT%H:%MZ)

Requirement: the worker's RSS stays under 512 MiB on a 2 GB source. **Worker JVM peak (VmHWM): $(mib "$jvm_hwm_kb") MiB: under 512 MiB: $verdict.**

- machine: $(nproc) processors, $(awk '/MemTotal/ { printf "%d", $2 / 1048576 }' /proc/meminfo) GiB RAM, shared with other work: load average $load_start at the start, $load_end at the end, $mean_load on average during the job (the job's own worker and FFmpeg included)
- source: $source_bytes bytes ($(awk -v b="$source_bytes" 'BEGIN { printf "%.2f GiB", b / 1073741824 }')), $duration s of 1920x1080 at 25 fps, H.264 constant ${bitrate}bit/s (x264 ultrafast, keyframe every 2 s, test pattern with noise) and AAC sound; $made
- worker: \`video-worker.jar\` extracted and run by \`JarLauncher\` as in the image, \`java ${jvm_opts[*]}\` (Dockerfile: -Xmx384m, ExitOnOutOfMemoryError; Deployment limits: memory $memory_limit, cpu $cpus, which the pod's JVM reads from its cgroup: max heap $max_heap_mib MiB, $( [ "$gc" = -XX:+UseSerialGC ] && echo "Serial GC as its ergonomics choose below 1792 MB" || echo "G1")); profile \`local\` against the emulator kit (S3 on disk, SQS); concurrency 2, $( [ "$jobs" = 1 ] && echo "one job" || echo "$jobs jobs sent at once, each on its own copy of the source (figures per job; wall time from the first STARTED to the last COMPLETED)")
- FFmpeg (worker and plain run): $ffmpeg_version ($( [ "$ffmpeg" = "$bundled" ] && echo "the static build bundled in the jar" || echo "$ffmpeg"))
- job: fps $fps, JPG, source width; extraction method chosen by the worker: $method; ZIP $((zip_bytes / 1048576)) MiB; worker ready in $(secs "$worker_start_ms") s, idle RSS $(mib "$idle_kb") MiB; source upload to the emulator $(secs "$upload_ms") s (not counted)

| run | source | duration | frames | wall time | JVM peak RSS | FFmpeg / decoder peak RSS |
|---|---|---|---|---|---|---|
| worker$( [ "$jobs" = 1 ] || echo ", $jobs jobs") | $((source_bytes / 1000000)) MB | $event_duration s | $frames | $(secs $((done_ms - sent_ms))) s sent to $( [ "$jobs" = 1 ] || echo "the last ")COMPLETED seen ($(secs $((completed_ms - started_ms))) s STARTED to COMPLETED) | $(mib "$jvm_hwm_kb") MiB (VmHWM; sampled VmRSS $(mib "$jvm_peak_kb")) | $(mib "$ff_peak_kb") MiB |
| plain FFmpeg | same file | | $plain_frames | $(secs "$plain_ms") s | | $(mib "$plain_peak_kb") MiB |

Worker phases (from the 0.5 s samples):

| phase | time | JVM peak RSS | FFmpeg / decoder peak RSS |
|---|---|---|---|
| download from S3 (STARTED to the first FFmpeg or decoder) | $(secs $((first_ff - started_ms))) s | $(mib "$dl_jvm") MiB | |
| probe, keyframe scan, extraction (FFmpeg or the decoder running) | $(secs $((last_ff - first_ff))) s | $(mib "$ex_jvm") MiB | $(mib "$ex_ff") MiB |
| ZIP, upload, COMPLETED | $(secs $((completed_ms - last_ff))) s | $(mib "$up_jvm") MiB | |

- JVM at its sampled peak: RssAnon $(mib "$peak_anon_kb") MiB (heap, metaspace, code, thread stacks, malloc), RssFile $(mib "$peak_file_kb") MiB (mapped jars, JDK modules, CDS); after the job: RSS $(mib "$end_rss_kb") MiB, heap used $heap_used of $heap_committed MiB committed, non-heap committed $nonheap_committed MiB, direct buffers $direct MiB, $threads live threads
- JVM + its FFmpeg and decoder processes together (what the pod's cgroup counts against its $memory_limit limit, besides page cache): $(mib "$combined_kb") MiB at most
- plain FFmpeg: \`ffmpeg $(printf '%s ' "${plain_args[@]}" | sed "s|$work/||g; s| $||")\` (the worker's filter-method arguments), peak by $plain_how

Reproduce: \`video-worker/bench/memory.sh\` (BENCH_FFMPEG=/usr/bin/ffmpeg for the image's FFmpeg, BENCH_JOBS=2 for two jobs at once). Samples and logs: \`video-worker/target/bench/memory/logs/\`.
EOF
)"
report="${report//$module\//video-worker/}"
mkdir -p "$(dirname "$result")"
printf '%s\n' "$report" > "$result"
printf '%s\n' "$report"
say "written to $result"
