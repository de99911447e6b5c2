#!/usr/bin/env bash
# Framesmith on this machine, no Docker and no AWS account: emulated AWS services, PostgreSQL, the four services
# and a gateway on http://127.0.0.1:8080/. Builds first when a jar is missing or a source is newer than it.
# Options are passed on to the launcher (./run.sh --help lists them). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

for tool in java node; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run.sh: '$tool' is not installed (needed: Java 17+ and Node.js 20+)." >&2
    exit 1
  fi
done

jars=(
  emulators/server/target/framesmith-emulators.jar
  ms-auth/target/ms-auth.jar
  ms-video/target/ms-video.jar
  video-worker/target/video-worker.jar
  ms-notify/target/ms-notify.jar
  local/target/framesmith-local.jar
  local/target/zipkin/zipkin-server.jar
)

needs_build() {
  local jar oldest=""
  for jar in "${jars[@]}"; do
    [[ -f "$jar" ]] || return 0
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then
      oldest="$jar"
    fi
  done
  [[ -n "$(find . -path ./.git -prune -o -path ./.framesmith -prune -o -path '*/node_modules' -prune -o -path '*/target' -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$oldest" -print -quit)" ]]
}

if needs_build; then
  echo "Building Framesmith (./mvnw -B -q -DskipTests install) ..."
  ./mvnw -B -q -DskipTests install
fi

exec java -Djdk.httpclient.allowRestrictedHeaders=host -jar local/target/framesmith-local.jar "$@"
