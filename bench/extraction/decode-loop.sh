# Sourced by the extraction benchmarks: fetches the JavaCPP FFmpeg presets from Maven Central through the
# project's Maven wrapper and compiles the decode loop once. Sets gop_cp (its class path, without the classes)
# and classes (where GopExtract.class is).
# usage: decode_loop_setup REPO CACHE
decode_loop_setup() {
    local repo="$1" cache="$2" m2="$HOME/.m2/repository/org/bytedeco" artifact a v c jar
    gop_cp=""
    for artifact in javacpp:1.5.12 javacpp:1.5.12:jar:linux-x86_64 \
            ffmpeg:7.1.1-1.5.12 ffmpeg:7.1.1-1.5.12:jar:linux-x86_64; do
        IFS=: read -r a v _ c <<< "$artifact"
        jar="$m2/$a/$v/$a-$v${c:+-$c}.jar"
        [ -s "$jar" ] || "$repo/mvnw" -B -q dependency:get -Dtransitive=false -Dartifact="org.bytedeco:$artifact"
        gop_cp="$gop_cp:$jar"
    done
    gop_cp="${gop_cp#:}"
    classes="$cache/gop-classes"
    local source="$repo/bench/extraction/GopExtract.java"
    if [ ! -f "$classes/GopExtract.class" ] || [ "$source" -nt "$classes/GopExtract.class" ]; then
        mkdir -p "$classes"
        javac -d "$classes" -cp "$gop_cp" "$source"
    fi
}
