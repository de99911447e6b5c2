#!/usr/bin/env bash
# Upload benchmark: 1 GiB through `POST /videos` (multipart form, streamed through the gateway and ms-video into
# the S3 stand-in) against direct upload of the same bytes (POST /videos/uploads, then one presigned PUT per part
# straight to the S3 stand-in, then POST /videos/{id}/complete), on the whole local system (started from this
# checkout's jars on free ports of 127.0.0.1, stopped at the end).
#
# The input is generated once into the cache: a 1-second 320x240 H.264 MP4 followed by zeros up to 1 GiB (a
# valid video to the upload's content check; the worker's job is cancelled at once by deleting the video, so the
# next run does not share the machine with it). The sides alternate (direct first in odd pairs, last in even
# pairs); each run is timed from its first request to its 202, and the CPU of the client (curl) and of every
# process of the local system is recorded with the load average.
#
# Settings (environment):
#   BENCH_PAIRS       pairs (default 10)
#   BENCH_WARMUP      runs of each side before the pairs, shown as pair 0 and not counted (default 1)
#   BENCH_CACHE       generated input (default ~/.cache/framesmith-bench)
#   BENCH_OUT         results directory (default bench/results)
#   BENCH_BASELINE_JAR  an ms-video jar to compare with: two more sides, POST /videos straight to this checkout's
#                     ms-video (side ms-video, no gateway) and straight to a second ms-video running that jar on the
#                     same emulators and data (side ms-video-baseline)
#   BENCH_S3_TLS      when set, sides ms-video and ms-video-https: straight to a second ms-video that reaches the S3
#                     stand-in over HTTPS (a TLS proxy, socat, in front of it), as ms-video reaches S3 in AWS: the
#                     AWS SDK then sends UNSIGNED-PAYLOAD with a CRC32 trailer instead of signing every chunk
#   BENCH_JAVA_TOOL_OPTIONS  JVM options for every JVM of the local system (for example
#                     "-Xlog:gc:file=/tmp/gc-%p.log" to see the collector's pauses)
# Output: a table on standard output, bench/results/upload.csv (every run), upload.md (summary).
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$bench_dir")"
pairs="${BENCH_PAIRS:-10}"
cache="${BENCH_CACHE:-$HOME/.cache/framesmith-bench}"
out="${BENCH_OUT:-$bench_dir/results}"

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
[ -x /usr/bin/time ] || need+=(time)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ -n "${BENCH_S3_TLS:-}" ]; then
    command -v socat >/dev/null 2>&1 || need+=(socat)
    command -v openssl >/dev/null 2>&1 || need+=(openssl)
fi
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"
fi
mkdir -p "$out" "$cache"
work="$(mktemp -d)"
# shellcheck source=lib/local-system.sh
. "$bench_dir/lib/local-system.sh"
trap 'bench_stop; rm -rf "$work"' EXIT

size=$((1024 * 1024 * 1024))
src="$cache/upload-1gib.mp4"
if [ ! -s "$src" ] || [ "$(stat -c %s "$src")" != "$size" ]; then
    echo "Generating $src"
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc=duration=1:size=320x240:rate=25 -c:v libx264 \
        -pix_fmt yuv420p -movflags +faststart -f mp4 "$src.tmp"
    truncate -s "$size" "$src.tmp"
    mv "$src.tmp" "$src"
fi

bench_build
bench_start "$repo" "$work/run" local ${BENCH_JAVA_TOOL_OPTIONS:+"JAVA_TOOL_OPTIONS=$BENCH_JAVA_TOOL_OPTIONS"}
token="$(bench_user "bench-$(date +%s)-$RANDOM@example.com" verify)"
# no job runs beside the uploads (the videos stay QUEUED until deleted)
bench_control stop video-worker
gateway_pid="$LAUNCHER_PID"
video_pid="$(bench_service_pid ms-video)"
emulators_pid="$(bench_service_pid framesmith-emulators)"

# the parts of a direct upload, cut once from the file at the part size ms-video offers
bench_request POST /videos/uploads -H 'Content-Type: application/json' \
    -d "{\"filename\":\"probe.mp4\",\"sizeBytes\":$size,\"contentType\":\"video/mp4\"}" > /dev/null
part_size="$(jq -r .partSize "$BENCH_BODY")"
bench_request DELETE "/videos/$(jq -r .id "$BENCH_BODY")" > /dev/null
parts_dir="$cache/upload-1gib-parts-$part_size"
if [ ! -d "$parts_dir" ]; then
    mkdir -p "$parts_dir.tmp"
    split -b "$part_size" -d -a 5 "$src" "$parts_dir.tmp/part-"
    mv "$parts_dir.tmp" "$parts_dir"
fi

csv="$out/upload.csv"
echo "time,pair,side,wall_s,cpu_s,client_cpu_s,gateway_cpu_s,video_cpu_s,emulators_cpu_s,throughput_mibps,load1" > "$csv"

side_streamed() { # [base URL: the gateway's by default]
    local status
    status="$(curl -sS --max-time 600 -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -F "files=@$src;type=video/mp4" -F fps=1 "${1:-$GATEWAY}/videos")"
    [ "$status" = 202 ] || { echo "POST /videos answered $status: $(cat "$work/body")" >&2; return 1; }
    jq -r '.videos[0].id' "$work/body" > "$work/id"
}

side_direct() {
    local status id part url etag number=0 parts="[]"
    status="$(curl -sS --max-time 60 -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' \
        -d "{\"filename\":\"bench.mp4\",\"sizeBytes\":$size,\"contentType\":\"video/mp4\",\"fps\":1}" \
        "$GATEWAY/videos/uploads")"
    [ "$status" = 201 ] || { echo "POST /videos/uploads answered $status: $(cat "$work/body")" >&2; return 1; }
    id="$(jq -r .id "$work/body")"
    jq -r '.parts[].url' "$work/body" > "$work/urls"
    for part in "$parts_dir"/part-*; do
        number=$((number + 1))
        url="$(sed -n "${number}p" "$work/urls")"
        status="$(curl -sS --max-time 600 -o /dev/null -D "$work/headers" -w '%{http_code}' -T "$part" "$url")"
        [ "$status" = 200 ] || { echo "part $number answered $status" >&2; return 1; }
        etag="$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$work/headers")"
        parts="$(jq -c --argjson n "$number" --arg e "$etag" '. + [{partNumber: $n, etag: $e}]' <<< "$parts")"
    done
    status="$(curl -sS --max-time 600 -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "{\"parts\":$parts}" "$GATEWAY/videos/$id/complete")"
    [ "$status" = 202 ] || { echo "complete answered $status: $(cat "$work/body")" >&2; return 1; }
    echo "$id" > "$work/id"
}
export -f side_streamed side_direct
export src size GATEWAY work parts_dir

# Each side: the function that uploads, its argument, and the ms-video it goes through.
declare -A side_run=([direct]=direct [streamed]=streamed)
declare -A side_arg=([direct]="" [streamed]="")
declare -A side_video=([direct]="$video_pid" [streamed]="$video_pid")
sides=(direct streamed)
extra_pids=()
trap 'kill "${extra_pids[@]}" 2> /dev/null || true; bench_stop; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# another_video SIDE JAR [sed expressions...]: a second ms-video with the launcher's ms-video's command line
# (edited by the expressions) and JAR, on the same emulators and data, as side SIDE: POST /videos straight to it.
# Uploads straight to the launcher's ms-video become side ms-video, to compare with (no gateway on either).
another_video() {
    local side=$1 jar=$2 port pid i cmd=()
    shift 2
    port="$(free_port)"
    mapfile -t cmd < <(tr '\0' '\n' < "/proc/$video_pid/cmdline" | sed "$@" \
        -e "s#^--server.port=.*#--server.port=$port#" -e "s#^--management.server.port=.*#--management.server.port=0#" \
        -e "s#^.*/ms-video.jar\$#$jar#")
    (cd "$work" && exec "${cmd[@]}" > "$work/$side.log" 2>&1) &
    pid=$!
    extra_pids+=("$pid")
    for i in $(seq 1 120); do
        curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && break
        kill -0 "$pid" || { tail -20 "$work/$side.log" >&2; exit 1; }
        sleep 2
    done
    side_run+=([ms-video]=streamed ["$side"]=streamed)
    side_arg+=([ms-video]="http://127.0.0.1:$(bench_service_arg "$video_pid" server.port)"
        ["$side"]="http://127.0.0.1:$port")
    side_video+=([ms-video]="$video_pid" ["$side"]="$pid")
    [[ " ${sides[*]} " == *" ms-video "* ]] || sides+=(ms-video)
    sides+=("$side")
}

if [ -n "${BENCH_BASELINE_JAR:-}" ]; then
    another_video ms-video-baseline "$(readlink -f "$BENCH_BASELINE_JAR")"
fi
if [ -n "${BENCH_S3_TLS:-}" ]; then
    # reaching the S3 stand-in over HTTPS, as ms-video reaches S3 in AWS: through a TLS proxy with a certificate of
    # its own, which that ms-video trusts
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2> /dev/null
    keytool -importcert -noprompt -alias s3 -file "$work/cert.pem" -keystore "$work/trust.p12" -storetype PKCS12 \
        -storepass changeit > /dev/null 2>&1
    s3_url="$(bench_service_arg "$video_pid" spring.cloud.aws.s3.endpoint)"
    tls_port="$(free_port)"
    socat -b 65536 "OPENSSL-LISTEN:$tls_port,bind=127.0.0.1,reuseaddr,fork,cert=$work/cert.pem,key=$work/key.pem,verify=0" \
        "TCP:${s3_url#http://}" &
    extra_pids+=($!)
    another_video ms-video-https "$repo/ms-video/target/ms-video.jar" \
        -e "s#^-jar\$#-Djavax.net.ssl.trustStore=$work/trust.p12\n-Djavax.net.ssl.trustStorePassword=changeit\n-jar#" \
        -e "s#^--spring.cloud.aws.s3.endpoint=.*#--spring.cloud.aws.s3.endpoint=https://127.0.0.1:$tls_port#"
fi

run_side() { # pair side
    local load1 cpu0 cpu1 wall user sys cpu mibps one0=() one1=() p parts_cpu="" video_pid=${side_video[$2]}
    token="$(bench_refresh "$token")"
    export token
    sleep 2
    load1="$(cut -d' ' -f1 /proc/loadavg)"
    # shellcheck disable=SC2046
    cpu0="$(bench_cpu_ms $(bench_pids) "${extra_pids[@]}")"
    for p in "$gateway_pid" "$video_pid" "$emulators_pid"; do one0+=("$(bench_cpu_ms "$p")"); done
    /usr/bin/time -f '%e %U %S' -o "$work/time" bash -c 'set -euo pipefail; "side_$1" "$2"' _ "${side_run[$2]}" \
        "${side_arg[$2]}"
    # a process that ended meanwhile counts in its parent's children time
    # shellcheck disable=SC2046
    cpu1="$(bench_cpu_ms $(bench_pids) "${extra_pids[@]}")"
    for p in "$gateway_pid" "$video_pid" "$emulators_pid"; do one1+=("$(bench_cpu_ms "$p")"); done
    for p in 0 1 2; do parts_cpu+="$(echo "scale=2; (${one1[$p]} - ${one0[$p]}) / 1000" | bc),"; done
    read -r wall user sys < <(tail -1 "$work/time")
    cpu="$(echo "scale=2; ($cpu1 - $cpu0) / 1000" | bc)"
    mibps="$(echo "scale=1; 1024 / $wall" | bc)"
    # pair 0 is the warm-up: shown, not recorded
    (($1 == 0)) || echo "$(date -u +%FT%TZ),$1,$2,$wall,$cpu,$(echo "$user + $sys" | bc),$parts_cpu$mibps,$load1" >> "$csv"
    printf '  pair %2d  %-17s %7.2f s  %6.1f MiB/s  system CPU %6.2f s (gateway, ms-video, emulators %s)  client CPU %5.2f s  load %s\n' \
        "$1" "$2" "$wall" "$mibps" "$cpu" "${parts_cpu%,}" "$(echo "$user + $sys" | bc)" "$load1"
    bench_request DELETE "/videos/$(cat "$work/id")" > /dev/null
}

echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); part size of direct uploads $part_size bytes"
for ((run = 1; run <= ${BENCH_WARMUP:-1}; run++)); do
    for side in "${sides[@]}"; do run_side 0 "$side"; done
done
for ((pair = 1; pair <= pairs; pair++)); do
    order=("${sides[@]}")
    ((pair % 2 == 1)) || mapfile -t order < <(printf '%s\n' "${sides[@]}" | tac)
    for side in "${order[@]}"; do run_side "$pair" "$side"; done
done

python3 "$bench_dir/lib/pairs-summary.py" "$csv" "$out/upload.md" "Upload benchmark" \
    "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; 1 GiB file" \
    "Side A is a direct upload (POST /videos/uploads, one presigned PUT per part of $part_size bytes to the S3 stand-in, POST complete); side B is \`POST /videos\` streamed through the gateway; sides ms-video, ms-video-baseline and ms-video-https, when present, are \`POST /videos\` straight to ms-video (no gateway): this checkout's, the one of BENCH_BASELINE_JAR, and this checkout's reaching the S3 stand-in over HTTPS through a TLS proxy (UNSIGNED-PAYLOAD with a CRC32 trailer, as in AWS, instead of signed chunks over HTTP; the proxy's CPU counted with the system's). Ratio = each side / direct wall time of the same pair (a ratio of 1.11 is 0.90x the direct throughput); max / median is the slowest run against the median. CPU: every process of the local system during the run, and of the gateway, ms-video and the emulators' JVM (S3, SQS, DynamoDB) alone; client: curl. The worker is stopped." \
    direct
cat "$out/upload.md"
