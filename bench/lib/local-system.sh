# Sourced by the benchmarks that need the running system: starts the local run (emulators, PostgreSQL, the four
# services, the gateway) from this checkout's jars (built when missing) or a directory laid out like it, on free
# ports of 127.0.0.1, with either the local run's JVM flags or the production image's, and helps create users and
# videos through the API and measure the processes' CPU.
#
# Needs: python3, curl, ffmpeg.

BENCH_ROOT=${BENCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BENCH_CACHE=${BENCH_CACHE:-$HOME/.cache/framesmith-bench}
# What the images run (ms-video/Dockerfile's ENTRYPOINT, Java 17), in a pod limited to 768 MiB (the deployments'
# memory limit, which MaxRAMPercentage applies to); no CPU limit, so the JVM picks G1 and full tiered compilation.
BENCH_PROD_FLAGS=${BENCH_PROD_FLAGS:-"-XX:MaxRAM=768m -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"}

# The jars the local run starts, built from this checkout when one is missing.
bench_build() {
  local jar
  for jar in emulators/server/target/framesmith-emulators.jar ms-auth/target/ms-auth.jar ms-video/target/ms-video.jar \
      video-worker/target/video-worker.jar ms-notify/target/ms-notify.jar local/target/framesmith-local.jar; do
    if [[ ! -f $BENCH_ROOT/$jar ]]; then
      echo "Building the services (./mvnw package)" >&2
      (cd "$BENCH_ROOT" && ./mvnw -B -q -DskipTests package \
          -pl emulators/server,ms-auth,ms-video,video-worker,ms-notify,local -am >&2)
      return
    fi
  done
}

# A directory laid out as the repository's modules, each target/ holding its jar: the checkout's, except the
# modules named in the "module=jar" arguments.
bench_jar_root() {
  local dir=$1; shift
  rm -rf "$dir"; mkdir -p "$dir/local/target"
  # The launcher takes the directory three levels above its jar (the real path: a copy, not a link) as the
  # repository root.
  ln -s "$BENCH_ROOT/local/pom.xml" "$dir/local/pom.xml"
  cp "$BENCH_ROOT/local/target/framesmith-local.jar" "$dir/local/target/"
  ln -s "$BENCH_ROOT/local/target/lib" "$dir/local/target/"
  local module
  for module in ms-auth ms-video video-worker ms-notify frame-decoder; do
    mkdir -p "$dir/$module"
    ln -s "$BENCH_ROOT/$module/target" "$dir/$module/target"
  done
  mkdir -p "$dir/emulators/server"
  ln -s "$BENCH_ROOT/emulators/server/target" "$dir/emulators/server/target"
  local swap
  for swap in "$@"; do
    rm "$dir/${swap%%=*}/target"; mkdir -p "$dir/${swap%%=*}/target"
    ln -s "${swap#*=}" "$dir/${swap%%=*}/target/${swap%%=*}.jar"
  done
}

# A JDK whose java starts the services with the production flags instead of the local run's (java.home of the
# launcher decides which java starts the services). Other JVMs (the emulator kit) keep their flags.
bench_prod_jdk() {
  local dir=$1 real
  real=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  rm -rf "$dir"; mkdir -p "$dir/bin"
  local entry
  for entry in "$real"/*; do [[ $(basename "$entry") == bin ]] || ln -s "$entry" "$dir/"; done
  for entry in "$real"/bin/*; do ln -s "$entry" "$dir/bin/"; done
  rm "$dir/bin/java"
  cat > "$dir/bin/java" <<EOF
#!/usr/bin/env bash
service=false
for a in "\$@"; do [[ \$a == --management.server.port=* ]] && service=true; done
if ! \$service; then exec "$real/bin/java" "\$@"; fi
args=()
for a in "\$@"; do
  case "\$a" in
    -XX:TieredStopAtLevel=1|-XX:+UseSerialGC|-Xss512k|-Xshare:auto|-Xmx*) ;;
    *) args+=("\$a") ;;
  esac
done
exec "$real/bin/java" $BENCH_PROD_FLAGS \${BENCH_EXTRA_FLAGS:-} "\${args[@]}"
EOF
  chmod +x "$dir/bin/java"
}

# bench_start ROOT RUNDIR FLAGS(local|prod) [extra environment assignments...]: starts the launcher of ROOT (this
# checkout, $BENCH_ROOT, or a bench_jar_root directory), waits until ready, and sets GATEWAY, MAILS (the SES
# stand-in's JSON), LAUNCHER_PID and BENCH_BODY (where bench_request leaves the bodies).
bench_start() {
  local root=$1 run=$2 flags=$3; shift 3
  mkdir -p "$run"
  BENCH_RUN=$run
  BENCH_BODY=$run/body
  rm -f "$run/in"; mkfifo "$run/in"
  local javahome=()
  if [[ $flags == prod ]]; then
    bench_prod_jdk "$run/jdk"
    javahome=(-Djava.home="$run/jdk")
  fi
  # The launcher reads commands (stop video-worker) from its standard input, kept open on a pipe.
  (cd "$root" && exec env "$@" java "${javahome[@]}" -Djdk.httpclient.allowRestrictedHeaders=host \
      -jar "$root/local/target/framesmith-local.jar" --free-ports --wipe --timeout "${BENCH_START_TIMEOUT:-600}" --data-dir "$run/data" < "$run/in" > "$run/launcher.out" 2>&1) &
  LAUNCHER_PID=$!
  exec {BENCH_CONTROL}> "$run/in"
  local waited=0
  until grep -q "Framesmith is ready" "$run/launcher.out" 2>/dev/null; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null || (( waited > ${BENCH_START_TIMEOUT:-600} + 30 )); then
      echo "the local system did not start; see $run/launcher.out and $run/data/logs/" >&2
      tail -20 "$run/launcher.out" >&2
      return 1
    fi
    sleep 2; waited=$((waited + 2))
  done
  GATEWAY=$(grep -o 'Web page *http://127.0.0.1:[0-9]*' "$run/launcher.out" | grep -o 'http://.*')
  MAILS=$(grep -o '(as JSON: http://[^)]*)' "$run/launcher.out" | grep -o 'http://[^)]*')
}

# Stops the launcher, which stops what it started; whatever of it is still running a minute later is killed.
bench_stop() {
  [[ -n ${LAUNCHER_PID:-} ]] || return 0
  local pids i
  pids=$(bench_pids)
  kill -INT "$LAUNCHER_PID" 2>/dev/null || true
  for i in $(seq 1 60); do kill -0 "$LAUNCHER_PID" 2>/dev/null || break; sleep 1; done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  exec {BENCH_CONTROL}>&- 2>/dev/null || true
  LAUNCHER_PID=
}

# Typed into the launcher, as a person would ("stop video-worker"); waits for its answer.
bench_control() {
  local done_before waited=0
  done_before=$(grep -c ': done$' "$BENCH_RUN/launcher.out" || true)
  echo "$*" >&"$BENCH_CONTROL"
  until (( $(grep -c ': done$' "$BENCH_RUN/launcher.out" || true) > done_before )); do
    (( waited < 60 )) || { echo "the launcher did not do: $*" >&2; return 1; }
    sleep 1; waited=$((waited + 1))
  done
}

# bench_pids [PID]: the launcher (or PID) and every process under it.
bench_pids() {
  local queue=("${1:-$LAUNCHER_PID}") pid
  while (( ${#queue[@]} > 0 )); do
    pid=${queue[0]}
    queue=("${queue[@]:1}")
    echo "$pid"
    queue+=($(ps -o pid= --ppid "$pid" 2>/dev/null || true))
  done
}

# The process id of a JVM the launcher started, by its jar's name (ms-video, ms-auth, framesmith-emulators, ...).
bench_service_pid() {
  local pid
  for pid in $(bench_pids); do
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "/$1.jar"; then echo "$pid"; return; fi
  done
}

# The DynamoDB stand-in (dynalite, a node process under the emulator kit's JVM) of this run.
bench_dynamodb_pid() {
  local pid parent
  for pid in $(pgrep -f dynalite); do
    parent=$pid
    while [[ -n $parent && $parent != 1 && $parent != 0 ]]; do
      if [[ $parent == "$LAUNCHER_PID" ]]; then echo "$pid"; return; fi
      parent=$(ps -o ppid= -p "$parent" | tr -d ' ')
    done
  done
}

# A value of a service JVM's command line, e.g. bench_service_arg PID server.port
bench_service_arg() {
  tr '\0' '\n' < "/proc/$1/cmdline" | sed -n "s/^--$2=//p" | head -1
}

# bench_cpu_ms PID...: CPU time (user + system) of these processes, their threads and their finished children, in
# milliseconds; a process gone meanwhile counts nothing.
bench_cpu_ms() {
  local pid fields ticks=0
  for pid in "$@"; do
    fields=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    [[ -n $fields ]] || continue
    # after the command: utime stime cutime cstime are fields 12-15
    ticks=$((ticks + $(awk '{print $12 + $13 + $14 + $15}' <<< "$fields")))
  done
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# bench_request METHOD PATH [curl arguments...]: a request to the gateway with the access token in $token (when
# set); the status to standard output, the body to $BENCH_BODY.
bench_request() {
  local method=$1 path=$2
  shift 2
  curl -sS --max-time 600 -o "$BENCH_BODY" -w '%{http_code}' -X "$method" "$GATEWAY$path" \
      ${token:+-H "Authorization: Bearer $token"} "$@"
}

# bench_refresh TOKEN: a fresh access token for a valid one (they live 15 minutes).
bench_refresh() {
  curl -fsS -X POST "$GATEWAY/auth/refresh" -H "Authorization: Bearer $1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

# bench_user EMAIL [verify]: registers (and confirms the address of) a user; prints a fresh access token.
bench_user() {
  local email=$1 verify=${2:-}
  curl -fsS "$GATEWAY/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery\",\"name\":\"Bench\"}" > /dev/null
  if [[ -n $verify ]]; then
    local token="" i
    for i in $(seq 1 30); do
      token=$(curl -fsS "$MAILS" | python3 -c '
import json, re, sys
email = sys.argv[1]
for mail in json.load(sys.stdin).get("emails", []):
    text = json.dumps(mail)
    if email in text:
        found = re.findall(r"#verify-email=([A-Za-z0-9_-]+)", text)
        if found:
            print(found[-1])' "$email")
      [[ -n $token ]] && break
      sleep 1
    done
    # The link confirms the address in a session of its account only.
    curl -fsS "$GATEWAY/auth/verify-email" -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $(bench_login "$email")" -d "{\"token\":\"$token\"}" > /dev/null
  fi
  bench_login "$email"
}

bench_login() {
  curl -fsS "$GATEWAY/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"correct horse battery\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

# A short clip for uploads, generated once into the cache.
bench_clip() {
  local clip=$BENCH_CACHE/reads-clip.mp4
  if [[ ! -f $clip ]]; then
    mkdir -p "$BENCH_CACHE"
    ffmpeg -loglevel error -y -f lavfi -i testsrc=duration=2:size=320x240:rate=10 -pix_fmt yuv420p "$clip"
  fi
  echo "$clip"
}

# bench_upload TOKEN FILE: uploads one file; prints the video id.
bench_upload() {
  curl -fsS "$GATEWAY/videos" -H "Authorization: Bearer $1" -F "files=@$2;type=video/mp4" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["videos"][0]["id"])'
}
