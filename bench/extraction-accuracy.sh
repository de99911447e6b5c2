#!/usr/bin/env bash
# Frame accuracy of the extraction methods: every frame each method picks must be the picture that
# fps=R:round=up:start_time=0 over the whole stream picks for the same sample (compared as decoded yuv420p
# pictures, one MD5 per frame; "exact" means every frame is bit-identical and the counts match).
#
# Clips (generated into the cache, 20-60 s, 640x360): H.264 with B-frames, H.264 open GOP (keyframes that are
# not IDR), HEVC (x265, open GOP), VP9 in WebM (alternate reference frames), a variable-frame-rate phone-like
# H.264 clip (dropped frames, jittered durations, 90 kHz timescale), and a clip with a keyframe every 5 frames
# in its first 10 s and none after that.
# Methods: plain fps filter with the second FFmpeg (BENCH_FFMPEG2, default the worker's bundled 4.4.1 when
# found in ~/.m2), bsf, concat (both FFmpegs) and the gop decode loop, as in extraction.sh.
#
# Settings: BENCH_RATES_ACC (default "1/1 1/10 5/2 3/10"), BENCH_FFMPEG, BENCH_FFMPEG2, BENCH_CACHE, BENCH_OUT.
# Output: one line per clip and rate, and bench/results/extraction-accuracy.md.
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$bench_dir")"
rates="${BENCH_RATES_ACC:-1/1 1/10 5/2 3/10}"
cache="${BENCH_CACHE:-$HOME/.cache/framesmith-bench}"
out="${BENCH_OUT:-$bench_dir/results}"

if ! command -v "${BENCH_FFMPEG:-ffmpeg}" >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends ffmpeg python3
fi
ff="$(command -v "${BENCH_FFMPEG:-ffmpeg}")"
ffprobe="$(dirname "$ff")/ffprobe"
ff2="${BENCH_FFMPEG2:-}"
if [ -z "$ff2" ]; then
    jar="$HOME/.m2/repository/ws/schild/jave-nativebin-linux64/3.5.0/jave-nativebin-linux64-3.5.0.jar"
    [ -s "$jar" ] || "$repo/mvnw" -B -q dependency:get -Dtransitive=false -Dartifact=ws.schild:jave-nativebin-linux64:3.5.0
    ff2="$cache/ffmpeg-4.4.1"
    if [ ! -x "$ff2" ]; then
        unzip -p "$jar" ws/schild/jave/nativebin/ffmpeg-amd64 > "$ff2.tmp" && chmod +x "$ff2.tmp" && mv "$ff2.tmp" "$ff2"
    fi
fi
mkdir -p "$cache/accuracy" "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=extraction/decode-loop.sh
. "$bench_dir/extraction/decode-loop.sh"
decode_loop_setup "$repo" "$cache"

# ---- clips
c="$cache/accuracy"
gen() { # name, then FFmpeg arguments
    local name="$1"
    shift
    [ -s "$c/$name" ] || { "$ff" -hide_banner -loglevel error -y "$@" "$c/tmp-$name" && mv "$c/tmp-$name" "$c/$name"; }
}
src="testsrc2=size=640x360:rate=30:duration=20"
aud="sine=frequency=440:sample_rate=48000:duration=20"
gen h264-bframes.mp4 -f lavfi -i "$src" -f lavfi -i "$aud" -c:v libx264 -preset medium -bf 3 -g 48 -pix_fmt yuv420p \
    -c:a aac -shortest
gen h264-open-gop.mp4 -f lavfi -i "$src" -f lavfi -i "$aud" -c:v libx264 -preset medium -bf 3 -g 48 \
    -x264-params open-gop=1 -pix_fmt yuv420p -c:a aac -shortest
gen hevc.mp4 -f lavfi -i "$src" -f lavfi -i "$aud" -c:v libx265 -preset fast \
    -x265-params keyint=48:min-keyint=48:bframes=4:open-gop=1:log-level=error -tag:v hvc1 -pix_fmt yuv420p \
    -c:a aac -shortest
gen vp9.webm -f lavfi -i "$src" -f lavfi -i "$aud" -c:v libvpx-vp9 -deadline good -cpu-used 4 -row-mt 1 -b:v 800k \
    -g 48 -auto-alt-ref 1 -lag-in-frames 16 -pix_fmt yuv420p -c:a libopus -shortest
gen vfr-phone.mp4 -f lavfi -i "testsrc2=size=640x360:rate=30:duration=21" -f lavfi -i "$aud" \
    -vf "select='not(eq(mod(n\,11)\,4))*not(eq(mod(n\,17)\,9))',setpts='(N/29.97+0.006*sin(N*1.3)+0.25)/TB'" \
    -fps_mode vfr -c:v libx264 -preset fast -bf 2 -g 45 -pix_fmt yuv420p -video_track_timescale 90000 -c:a aac -t 20
gen keyframes-early-only.mp4 -f lavfi -i "testsrc2=size=640x360:rate=30:duration=60" -c:v libx264 -preset veryfast \
    -bf 3 -g 100000 -sc_threshold 0 -force_key_frames "expr:lt(t,10)*eq(mod(n,5),0)" -pix_fmt yuv420p

md5s() { grep -v '^#' "$1" | awk -F, '{gsub(/ /, "", $NF); print $NF}'; }
report="$out/extraction-accuracy.md"
{
    echo "# Frame accuracy of the extraction methods"
    echo
    echo "Reference: \`$("$ff" -version | head -1 | cut -d' ' -f1-3)\` with fps=R:round=up:start_time=0 over the whole stream;"
    echo "plain2 and concat2: \`$("$ff2" -version | head -1 | cut -d' ' -f1-3)\`; gop: JavaCPP FFmpeg presets 7.1.1-1.5.12."
    echo "Each cell: exact (every frame's decoded picture bit-identical, same count) or equal/total and the count produced."
    echo
    echo "| clip | rate | frames | runs, packets decoded / all | plain2 | bsf | concat | concat2 | gop |"
    echo "|---|---|---|---|---|---|---|---|---|"
} > "$report"
for clip in h264-bframes.mp4 h264-open-gop.mp4 hevc.mp4 vp9.webm vfr-phone.mp4 keyframes-early-only.mp4; do
    f="$c/$clip"
    start="$("$ffprobe" -v error -show_entries format=start_time -of csv=p=0 "$f")"
    wh="$("$ffprobe" -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$f")"
    "$ff" -hide_banner -loglevel error -copyts -i "$f" -map 0:v:0 -c copy -f framecrc - > "$work/idx"
    for rate in $rates; do
        num="${rate%/*}"
        den="${rate#*/}"
        fps="fps=$rate:round=up:start_time=0"
        raw=(-pix_fmt yuv420p -f framemd5)
        "$ff" -hide_banner -loglevel error -y -i "$f" -map 0:v:0 -vf "$fps" "${raw[@]}" "$work/plain"
        md5s "$work/plain" > "$work/plain.m"
        count="$(wc -l < "$work/plain.m")"
        "$ff2" -hide_banner -loglevel error -y -i "$f" -map 0:v:0 -vf "$fps" "${raw[@]}" "$work/plain2"
        md5s "$work/plain2" > "$work/plain2.m"
        summary="$(python3 "$bench_dir/extraction/plan.py" "$work/idx" "$start" "$num" "$den" "$count" runs 2>&1 >/dev/null)"
        expr="$(python3 "$bench_dir/extraction/plan.py" "$work/idx" "$start" "$num" "$den" "$count" bsfexpr 2>/dev/null)"
        "$ff" -hide_banner -loglevel quiet -copyts -i "$f" -map 0:v:0 -c copy -bsf:v "noise=drop=$expr" \
                -avoid_negative_ts disabled -f nut pipe:1 \
            | "$ff" -hide_banner -loglevel quiet -y -copyts -f nut -i pipe:0 \
                -vf "fps=$rate:round=up:start_time=$start" "${raw[@]}" "$work/bsf" || true
        md5s "$work/bsf" > "$work/bsf.m"
        python3 "$bench_dir/extraction/plan.py" "$work/idx" "$start" "$num" "$den" "$count" concat "$f" \
            > "$work/list.ffconcat" 2> "$work/concat.err"
        cst="$(sed -n 's/^fps_start_time=//p' "$work/concat.err")"
        for v in concat:"$ff" concat2:"$ff2"; do
            "${v#*:}" -hide_banner -loglevel quiet -y -copyts -f concat -safe 0 -i "$work/list.ffconcat" -map 0:v:0 \
                -vf "fps=$rate:round=up:start_time=$cst" "${raw[@]}" "$work/${v%%:*}" || true
            md5s "$work/${v%%:*}" > "$work/${v%%:*}.m"
        done
        rm -f "$work/gop.yuv"
        java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$classes:$gop_cp" GopExtract "$f" "$num" "$den" "$count" - raw \
            rawout="$work/gop.yuv" 2> "$work/gop.err" || true
        python3 - "$work/gop.yuv" "${wh%,*}" "${wh#*,}" > "$work/gop.m" <<'EOF'
import hashlib, os, sys
w, h = int(sys.argv[2]), int(sys.argv[3])
size = w * h + 2 * ((w + 1) // 2) * ((h + 1) // 2)
if os.path.exists(sys.argv[1]):
    with open(sys.argv[1], 'rb') as f:
        while len(b := f.read(size)) == size:
            print(hashlib.md5(b).hexdigest())
EOF
        cells=""
        for m in plain2 bsf concat concat2 gop; do
            same="$(paste -d' ' "$work/plain.m" "$work/$m.m" | awk '$1 == $2' | wc -l)"
            n="$(wc -l < "$work/$m.m")"
            if [ "$n" = "$count" ] && [ "$same" = "$count" ]; then cell=exact; else cell="$same/$count equal, $n produced"; fi
            cells="$cells | $cell"
        done
        runs="$(sed 's/.*runs=\([0-9]*\) packets_decoded=\([0-9]*\).*/\1 runs, \2/' <<< "$summary") / $(sed 's/packets=\([0-9]*\).*/\1/' <<< "$summary")"
        echo "| $clip | $rate | $count | $runs$cells |" | tee -a "$report"
    done
done
