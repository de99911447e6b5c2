# The benchmarks' source clip, generated once into the cache: 120 s of 1920x1080 at 30 fps, H.264 (x264 veryfast,
# 3 B-frames, 6.6 Mbit/s, a keyframe every 2 s) with AAC sound, about 100 MB.
#
#   fullhd_clip FFMPEG CACHE_DIR   prints the clip's path, generating it first when it is not in the cache
fullhd_clip() {
    local ffmpeg_bin=$1 src="$2/fullhd-120s-h264-bframes.mp4"
    if [ ! -s "$src" ]; then
        echo "Generating $src (1 to 6 minutes on 2 cores, depending on the load)" >&2
        mkdir -p "$2"
        "$ffmpeg_bin" -hide_banner -loglevel error -y \
            -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=120,noise=alls=8:allf=t+u" \
            -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=120" \
            -c:v libx264 -preset veryfast -bf 3 -b:v 6600k -maxrate 6600k -bufsize 13200k -g 60 -keyint_min 60 \
            -sc_threshold 0 -pix_fmt yuv420p -c:a aac -b:a 128k -shortest -movflags +faststart "$src.tmp.mp4" >&2
        mv "$src.tmp.mp4" "$src"
    fi
    printf '%s\n' "$src"
}
