# The whole local system for the end-to-end benchmarks: started from this checkout's jars on free ports of
# 127.0.0.1 with an empty data directory, and a confirmed, logged-in user.
#
#   system_start REPO WORK      starts it (builds the jars first when one is missing); sets gateway, mailbox,
#                               launcher_pid, worker_management
#   system_user                 registers, confirms (link read from the SES stand-in's mailbox) and logs in a new
#                               user; sets email, password, token
#   system_refresh              a fresh access token (they live 15 minutes)
#   system_cpu_ticks PID...     user + system CPU ticks of these processes and their finished children
#   system_pids [PID]           the launcher (or PID) and every process under it
#   system_pid JAR              the process running that jar
#   system_command TEXT         a command to the launcher ("stop video-worker")
#   system_stop                 stops everything it started (the launcher stops its children)

system_jars=(emulators/server/target/framesmith-emulators.jar ms-auth/target/ms-auth.jar ms-video/target/ms-video.jar
    video-worker/target/video-worker.jar ms-notify/target/ms-notify.jar local/target/framesmith-local.jar)

system_start() {
    local repo=$1 work=$2 jar missing=""
    for jar in "${system_jars[@]}"; do
        [ -f "$repo/$jar" ] || missing=yes
    done
    if [ -n "$missing" ]; then
        echo "Building the services (./mvnw package)" >&2
        (cd "$repo" && ./mvnw -B -q -DskipTests package \
            -pl emulators/server,ms-auth,ms-video,video-worker,ms-notify,local -am >&2)
    fi
    system_log="$work/launcher.log"
    # the launcher reads commands (stop video-worker, ...) from its standard input: a pipe kept open here
    mkfifo "$work/commands"
    exec 7<> "$work/commands"
    (cd "$repo" && exec java -Djdk.httpclient.allowRestrictedHeaders=host -jar local/target/framesmith-local.jar \
        --free-ports --wipe --timeout 900 --data-dir "$work/data" < "$work/commands" > "$system_log" 2>&1) &
    launcher_pid=$!
    local deadline=$((SECONDS + 960))
    until grep -q '^Framesmith is ready' "$system_log" 2>/dev/null; do
        if ! kill -0 "$launcher_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            cat "$system_log" >&2
            echo "the local system did not start" >&2
            return 1
        fi
        sleep 1
    done
    gateway="$(sed -n 's|^  Web page *\(http://[^ ]*\)/$|\1|p' "$system_log" | head -1)"
    mailbox="$(sed -n 's|.*(as JSON: \(http://[^)]*\)).*|\1|p' "$system_log" | head -1)"
    worker_pid="$(system_pid video-worker.jar)"
    worker_management="http://127.0.0.1:$(tr '\0' '\n' < "/proc/$worker_pid/cmdline" \
        | sed -n 's/^--management\.server\.port=//p')"
    echo "Local system ready: gateway $gateway, worker metrics $worker_management" >&2
}

# system_pid JAR: the process of the local system running that jar (ms-video.jar, framesmith-emulators.jar, ...)
system_pid() {
    local pid
    for pid in $(system_pids); do
        if tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "/$1\$"; then
            echo "$pid"
            return
        fi
    done
}

# system_command TEXT: a command to the launcher, as typed ("stop video-worker"); waits for its answer
system_command() {
    local done_before
    done_before="$(grep -c ': done$' "$system_log" || true)"
    echo "$1" >&7
    local deadline=$((SECONDS + 60))
    until [ "$(grep -c ': done$' "$system_log" || true)" -gt "$done_before" ]; do
        [ $SECONDS -lt $deadline ] || { echo "the launcher did not do: $1" >&2; return 1; }
        sleep 1
    done
}

# system_pids [PID]: the launcher (or PID) and every process under it
system_pids() {
    local queue=("${1:-$launcher_pid}") pid
    while [ ${#queue[@]} -gt 0 ]; do
        pid=${queue[0]}
        queue=("${queue[@]:1}")
        echo "$pid"
        queue+=($(ps -o pid= --ppid "$pid" 2>/dev/null || true))
    done
}

system_cpu_ticks() {
    local pid total=0 fields
    for pid in "$@"; do
        fields="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
        [ -n "$fields" ] || continue
        # after the command: utime stime cutime cstime are fields 12-15
        total=$((total + $(awk '{print $12 + $13 + $14 + $15}' <<< "$fields")))
    done
    echo "$total"
}

system_stop() {
    if [ -n "${launcher_pid:-}" ] && kill -0 "$launcher_pid" 2>/dev/null; then
        kill -TERM "$launcher_pid"
        wait "$launcher_pid" 2>/dev/null || true
    fi
    launcher_pid=""
    exec 7>&- 2>/dev/null || true
}

# system_request METHOD PATH [curl arguments...]: body to $work/body, status to stdout
system_request() {
    local method=$1 path=$2
    shift 2
    curl -sS --max-time 600 -o "$work/body" -w '%{http_code}' -X "$method" "$gateway$path" \
        ${token:+-H "Authorization: Bearer $token"} "$@"
}

system_user() {
    email="bench-$(date +%s)-$RANDOM@example.com"
    password="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    token=""
    local status link deadline=$((SECONDS + 120))
    status="$(system_request POST /auth/register -H 'Content-Type: application/json' \
        -d "$(jq -n --arg e "$email" --arg p "$password" '{email: $e, password: $p, name: "Bench"}')")"
    [ "$status" = 201 ] || { echo "register answered $status: $(cat "$work/body")" >&2; return 1; }
    status="$(system_request POST /auth/login -H 'Content-Type: application/json' \
        -d "$(jq -n --arg e "$email" --arg p "$password" '{email: $e, password: $p}')")"
    [ "$status" = 200 ] || { echo "login answered $status: $(cat "$work/body")" >&2; return 1; }
    token="$(jq -r .accessToken "$work/body")"
    until link="$(curl -sS --max-time 30 "$mailbox" | jq -r --arg to "$email" \
            '.emails[] | select(any(.destination.to[]; ascii_downcase == $to)) | (.body.text // "") + (.body.html // "")' \
            | grep -o '#verify-email=[A-Za-z0-9._~-]*' | head -1)" && [ -n "$link" ]; do
        [ $SECONDS -lt $deadline ] || { echo "no confirmation e-mail to $email" >&2; return 1; }
        sleep 2
    done
    status="$(system_request POST /auth/verify-email -H 'Content-Type: application/json' \
        -d "$(jq -n --arg t "${link#*verify-email=}" '{token: $t}')")"
    [ "$status" = 200 ] || { echo "verify-email answered $status: $(cat "$work/body")" >&2; return 1; }
    system_refresh
}

system_refresh() {
    local status
    status="$(system_request POST /auth/refresh)"
    [ "$status" = 200 ] || { echo "refresh answered $status: $(cat "$work/body")" >&2; return 1; }
    token="$(jq -r .accessToken "$work/body")"
}
