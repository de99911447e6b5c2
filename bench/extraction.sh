#!/usr/bin/env bash
# Frame extraction benchmark: plain FFmpeg (side A) against each extraction method (side B), on a generated
# 120 s 1920x1080 30 fps H.264 clip (6.6 Mbit/s, B-frames, keyframe every 2 s, AAC sound).
#
# Every side writes JPEG frames (quality 2) and stores them in a ZIP with `zip -0`, on local disk. Per pair
# the sides run one after the other (A first in odd pairs, last in even pairs); each is timed with
# /usr/bin/time (wall, user and system CPU, peak resident memory of its largest process).
#
# Methods (BENCH_METHODS, side B):
#   worker         the worker's own extraction (video-worker's FrameExtraction wired as in the service, default
#                  settings: probe, admission, then the partial decoder's JVM under the memory limit, frames
#                  streamed into the ZIP), started as one JVM per run (the service's JVM is already running, so
#                  this counts about half a second more than the service spends)
#   worker-filter  the worker's filter method as command lines: probe, then one FFmpeg run with fps=R:round=up
#                  over the whole stream within the memory limit (what FilterExtractor builds)
#   worker-seek    the seek method the worker used before the partial decoder: probe, keyframe scan of the first
#                  60 s, end scan, then one FFmpeg run per frame; only at rates of at most 1/8 fps, where it was
#                  chosen
#   gop            a libav decode loop (extraction/GopExtract.java, JavaCPP FFmpeg presets) in a child JVM:
#                  a packet index of the whole file, then only the packets from the keyframe before each
#                  sample up to the sample are decoded; pictures no other picture refers to are skipped
#   concat         FFmpeg CLI, one process: the concat demuxer lists the same file once per run of needed
#                  packets (inpoint/outpoint), then fps=R:round=up (needs a packet index first)
#   bsf            FFmpeg CLI, two processes: a stream copy drops unneeded packets (noise=drop=<expr>,
#                  FFmpeg >= 5.1) and pipes the rest into a decoding run with fps=R:round=up
# concat and bsf do not reset the decoder between runs, so they are exact only on closed-GOP streams
# (see bench/README.md and extraction-accuracy.sh).
#
# Settings (environment):
#   BENCH_PAIRS    pairs per rate (default 5)
#   BENCH_RATES    frames per second, decimals (default "1 0.1")
#   BENCH_METHODS  side B methods (default "worker worker-filter gop concat bsf"; worker-seek is the method the
#                  worker used before the partial decoder)
#   BENCH_FFMPEG   FFmpeg executable (default: ffmpeg on the PATH, installed from Debian if missing)
#   BENCH_CACHE    generated clip, JavaCPP jars and compiled classes (default ~/.cache/framesmith-bench)
#   BENCH_OUT      results directory (default bench/results)
#   BENCH_JAVA_OPTS  options of the decode loop's JVM
# Output: a table on standard output, bench/results/extraction.csv (every run), extraction.md (summary).
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$bench_dir")"
pairs="${BENCH_PAIRS:-5}"
rates="${BENCH_RATES:-1 0.1}"
methods="${BENCH_METHODS:-worker worker-filter gop concat bsf}"
cache="${BENCH_CACHE:-$HOME/.cache/framesmith-bench}"
out="${BENCH_OUT:-$bench_dir/results}"
java_opts="${BENCH_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx256m}"

need=()
command -v "${BENCH_FFMPEG:-ffmpeg}" >/dev/null 2>&1 || need+=(ffmpeg)
[ -x /usr/bin/time ] || need+=(time)
command -v zip >/dev/null 2>&1 || need+=(zip)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"
fi
ffmpeg_bin="$(command -v "${BENCH_FFMPEG:-ffmpeg}")"
mkdir -p "$cache" "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ---- input
# shellcheck source=lib/fullhd-clip.sh
. "$bench_dir/lib/fullhd-clip.sh"
src="$(fullhd_clip "$ffmpeg_bin" "$cache")"

# ---- the decode loop
gop_cp=""
classes=""
if [[ " $methods " == *" gop "* ]]; then
    # shellcheck source=extraction/decode-loop.sh
    . "$bench_dir/extraction/decode-loop.sh"
    decode_loop_setup "$repo" "$cache"
fi

# ---- the worker's extraction: its classes and class path, built from this checkout
worker_cp=""
if [[ " $methods " == *" worker "* ]]; then
    echo "Building video-worker and its test classes"
    (cd "$repo" && ./mvnw -B -q -o -pl video-worker -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cache/worker.classpath" -Dmdep.includeScope=test > /dev/null)
    worker_cp="$repo/video-worker/target/test-classes:$repo/video-worker/target/classes:$(cat "$cache/worker.classpath")"
fi

probe="$("$ffmpeg_bin" -hide_banner -i "$src" 2>&1 || true)"
start_seconds="$(sed -n 's/.*start: \([-0-9.]*\),.*/\1/p' <<< "$probe" | head -1)"
duration_seconds="$(sed -n 's/.*Duration: \([0-9]*\):\([0-9]*\):\([0-9.]*\),.*/\1 \2 \3/p' <<< "$probe" | head -1 \
    | awk '{print $1 * 3600 + $2 * 60 + $3}')"
quiet=(-hide_banner -loglevel error -nostdin)
scale='scale=w=trunc(iw/2)*2:h=trunc(ih/2)*2,setsar=1'
encoding=(-an -sn -dn -vsync passthrough -pix_fmt yuvj420p -q:v 2)

fraction() { # decimal -> "num den"
    python3 -c 'import sys; from fractions import Fraction as F; f = F(sys.argv[1]); print(f.numerator, f.denominator)' "$1"
}

index() { # packet index of the picture stream, raw timestamps
    "$ffmpeg_bin" "${quiet[@]}" -copyts -i "$src" -map 0:v:0 -c copy -f framecrc - > "$1"
}

side_plain() { # dir rate num den
    "$ffmpeg_bin" "${quiet[@]}" -y -i "$src" -vf "fps=$2" -q:v 2 "$1/%05d.jpg"
}

worker_probe() {
    "$ffmpeg_bin" -hide_banner -nostdin -threads 1 -max_pixels 9437184 -i "$src" > /dev/null 2>&1 || true
}

side_worker_filter() {
    worker_probe
    prlimit --as=1073741824 -- "$ffmpeg_bin" "${quiet[@]}" -xerror -err_detect explode -threads 2 \
        -max_pixels 9437184 -i "$src" -map 0:v:0 -vf "fps=fps=$3/$4:round=up:start_time=0,$scale" \
        "${encoding[@]}" -threads 2 -atomic_writing 1 -progress pipe:1 -nostats "$1/frame_%05d.jpg" > /dev/null
}

side_worker_seek() {
    worker_probe
    "$ffmpeg_bin" "${quiet[@]}" -t 60.000 -i "$src" -map 0:v:0 -c copy -f framecrc - > /dev/null
    "$ffmpeg_bin" "${quiet[@]}" -sseof -3.000 -copyts -i "$src" -map 0:v:0 -c copy -f framecrc - > /dev/null
    local count i t from
    count="$(python3 -c 'import math,sys; print(max(1, math.ceil(float(sys.argv[3]) * int(sys.argv[1]) / int(sys.argv[2]) - 1e-9)))' "$3" "$4" "$duration_seconds")"
    for ((i = 0; i < count; i++)); do
        out="$(printf '%s/frame_%05d.jpg' "$1" $((i + 1)))"
        if [ "$i" = 0 ]; then
            "$ffmpeg_bin" "${quiet[@]}" -y -i "$src" -map 0:v:0 -vf "$scale" -frames:v 1 "${encoding[@]}" \
                -f image2 -update 1 "$out"
            continue
        fi
        read -r t from window < <(python3 -c 'import sys
n, d, i, s = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
t = i * d / n; w = min(2.0, 2.0 / 30); f = max(0.0, t - w)
print("%.6f %.6f %.6f" % (t + s + 0.000001, f, t - f + w))' "$3" "$4" "$i" "$start_seconds")
        "$ffmpeg_bin" "${quiet[@]}" -y -ss "$from" -t "$window" -copyts -i "$src" -map 0:v:0 \
            -vf "select=lte(t\\,$t),reverse,$scale" -frames:v 1 "${encoding[@]}" -f image2 -update 1 "$out"
    done
}

side_worker() { # writes the ZIP itself, beside the frames directory
    java -XX:TieredStopAtLevel=1 -cp "$worker_cp" -Dframesmith.bench.decoder-cache="$bench_cache/decoder-cache" \
        dev.framesmith.worker.bench.WorkerExtraction "$src" "$2" "$1/.worker" "$ffmpeg_bin" \
        > /dev/null
    mv "$1/.worker/job/frames.zip" "$(dirname "$1")/frames.zip"
    rm -rf "$1/.worker"
}

side_gop() {
    # shellcheck disable=SC2086
    java $java_opts -cp "$classes:$gop_cp" GopExtract "$src" "$3" "$4" auto "$1" jpg
}

side_concat() {
    index "$1/.index"
    python3 "$bench_dir/extraction/plan.py" "$1/.index" "$start_seconds" "$3" "$4" auto concat "$src" \
        > "$1/.list" 2> "$1/.plan"
    local fps_start
    fps_start="$(sed -n 's/^fps_start_time=//p' "$1/.plan")"
    "$ffmpeg_bin" "${quiet[@]}" -copyts -f concat -safe 0 -i "$1/.list" -map 0:v:0 \
        -vf "fps=fps=$3/$4:round=up:start_time=$fps_start,$scale" "${encoding[@]}" "$1/frame_%05d.jpg"
    rm -f "$1/.index" "$1/.list" "$1/.plan"
}

side_bsf() {
    index "$1/.index"
    local expr
    expr="$(python3 "$bench_dir/extraction/plan.py" "$1/.index" "$start_seconds" "$3" "$4" auto bsfexpr "$src" 2> /dev/null)"
    rm -f "$1/.index"
    "$ffmpeg_bin" "${quiet[@]}" -copyts -i "$src" -map 0:v:0 -c copy -bsf:v "noise=drop=$expr" \
            -avoid_negative_ts disabled -f nut pipe:1 \
        | "$ffmpeg_bin" "${quiet[@]}" -copyts -f nut -i pipe:0 \
            -vf "fps=fps=$3/$4:round=up:start_time=$start_seconds,$scale" "${encoding[@]}" "$1/frame_%05d.jpg"
}

csv="$out/extraction.csv"
echo "time,pair,rate,method,wall_s,user_s,sys_s,max_rss_kb,frames,zip_bytes,load1" > "$csv"

run_side() { # pair rate num den method
    local dir="$work/frames" timing="$work/time" code=0
    rm -rf "$dir" "$work/frames.zip"
    mkdir -p "$dir"
    local load1
    load1="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f '%e %U %S %M' -o "$timing" bash -c '
        set -euo pipefail
        "side_${1//-/_}" "$2" "$3" "$4" "$5"
        if [ "$1" != worker ]; then cd "$2" && zip -0 -q "$6" -- *; fi' _ "$5" "$dir" "$2" "$3" "$4" "$work/frames.zip" || code=$?
    if [ "$code" != 0 ]; then
        echo "method $5 failed at rate $2 (exit $code)" >&2
        exit 1
    fi
    local frames zip_bytes wall user sys rss
    frames="$(python3 -c 'import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))' "$work/frames.zip")"
    zip_bytes="$(stat -c %s "$work/frames.zip")"
    read -r wall user sys rss < <(tail -1 "$timing")
    echo "$(date -u +%FT%TZ),$1,$2,$5,$wall,$user,$sys,$rss,$frames,$zip_bytes,$load1" >> "$csv"
    printf '  pair %d  %-14s %7.2f s wall %7.2f s CPU %7d KB peak  %4d frames\n' "$1" "$5" "$wall" \
        "$(echo "$user + $sys" | bc)" "$rss" "$frames"
}

export -f side_plain side_worker side_worker_filter side_worker_seek side_gop side_concat side_bsf worker_probe index
export ffmpeg_bin src start_seconds duration_seconds scale bench_dir classes gop_cp java_opts worker_cp
export bench_cache="$cache"
export quiet_str="${quiet[*]}" encoding_str="${encoding[*]}"
# arrays do not cross bash -c: rebuild them there
export BASH_ENV="$work/env.sh"
cat > "$BASH_ENV" <<'EOF'
read -r -a quiet <<< "$quiet_str"
read -r -a encoding <<< "$encoding_str"
EOF

echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), FFmpeg: $("$ffmpeg_bin" -version | head -1)"
for rate in $rates; do
    read -r num den < <(fraction "$rate")
    echo "Rate $rate fps:"
    for ((pair = 1; pair <= pairs; pair++)); do
        order=(plain $methods)
        if ((pair % 2 == 0)); then
            order=($methods plain)
        fi
        for method in "${order[@]}"; do
            # the worker seeks only when the sampling interval is at least 4 keyframe intervals (2 s here); at
            # denser rates its one-FFmpeg-per-frame method would take minutes and is never chosen
            if [ "$method" = worker-seek ] && awk -v r="$rate" 'BEGIN { exit !(r > 0.125) }'; then
                continue
            fi
            run_side "$pair" "$rate" "$num" "$den" "$method"
        done
    done
done

python3 "$bench_dir/extraction/summary.py" "$csv" "$out/extraction.md" \
    "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $("$ffmpeg_bin" -version | head -1 | cut -d' ' -f1-3); source: $(basename "$src"), $(stat -L -c %s "$src") bytes"
cat "$out/extraction.md"
