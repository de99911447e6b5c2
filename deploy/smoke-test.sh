#!/usr/bin/env bash
# Smoke test of a running Framesmith, the last step of docs/deploy.md: registers a user, confirms the address,
# uploads a short clip, waits until it is processed, checks that the e-mail arrived and downloads the ZIP of frames.
#
#   deploy/smoke-test.sh https://framesmith.example.com you@example.com [clip.mp4]
#
# The address must receive mail (while SES is in the sandbox: one of ses_sandbox_recipients). Without a clip, a
# 3-second test clip is made with ffmpeg. Needs curl, jq and unzip.
#
#   SMOKE_PASSWORD   the user's password; needed when the address is already registered (default: a new random one)
#   SMOKE_MAILBOX    a URL listing sent e-mails as JSON, as the local run's SES stand-in does (http://127.0.0.1:9714/store):
#                    the confirmation link and the 'ready' e-mail are then read there instead of asked for
#   SMOKE_TIMEOUT    seconds to wait for the video to be processed (default 600)
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
base=${1%/}
email=$2
clip=${3:-}
for tool in curl jq unzip; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { printf '\nSMOKE TEST FAILED: %s\n' "$*" >&2; exit 1; }
# request METHOD PATH [curl arguments...]: the body goes to $work/body, the status to stdout.
request() {
  local method=$1 path=$2
  shift 2
  curl -sS --max-time 120 -o "$work/body" -w '%{http_code}' -X "$method" "$base$path" \
    ${token:+-H "Authorization: Bearer $token"} "$@"
}
body() { cat "$work/body"; }
token=

# mail_to TEXT_FILTER: the text of the e-mails to $email held in $SMOKE_MAILBOX whose text contains TEXT_FILTER.
mail_to() {
  curl -sS --max-time 30 "$SMOKE_MAILBOX" | jq -r --arg to "$email" --arg text "$1" \
    '.emails[] | select(any(.destination.to[]; ascii_downcase | contains($to | ascii_downcase)))
     | (.subject + "\n" + (.body.text // "") + "\n" + (.body.html // "")) | select(contains($text))'
}
# await_mail TEXT_FILTER WHAT: waits up to two minutes for such an e-mail and prints its text.
await_mail() {
  local deadline=$((SECONDS + 120)) text
  until text=$(mail_to "$1") && [ -n "$text" ]; do
    [ $SECONDS -lt $deadline ] || fail "no $2 to $email in $SMOKE_MAILBOX"
    sleep 3
  done
  printf '%s\n' "$text"
}

step "1/7 The load balancer reaches the service"
status=$(request GET /readyz)
[ "$status" = 200 ] || fail "GET $base/readyz answered $status: $(body)"
echo "ready"

step "2/7 Register $email"
password=${SMOKE_PASSWORD:-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}
status=$(request POST /auth/register -H 'Content-Type: application/json' \
  -d "$(jq -n --arg email "$email" --arg password "$password" '{email: $email, password: $password, name: "Smoke Test"}')")
case $status in
  201) echo "registered; password: $password" ;;
  409) [ -n "${SMOKE_PASSWORD:-}" ] || fail "$email is already registered: set SMOKE_PASSWORD to its password"
       echo "already registered" ;;
  *) fail "POST /auth/register answered $status: $(body)" ;;
esac

step "3/7 Log in"
status=$(request POST /auth/login -H 'Content-Type: application/json' \
  -d "$(jq -n --arg email "$email" --arg password "$password" '{email: $email, password: $password}')")
[ "$status" = 200 ] || fail "POST /auth/login answered $status: $(body)"
token=$(jq -r .accessToken "$work/body")

step "4/7 Confirm the address"
status=$(request GET /auth/me)
[ "$status" = 200 ] || fail "GET /auth/me answered $status: $(body)"
if [ "$(jq -r .emailVerified "$work/body")" = true ]; then
  echo "already confirmed"
else
  if [ -n "${SMOKE_MAILBOX:-}" ]; then
    link=$(await_mail verify-email= "confirmation e-mail" | grep -o 'https\{0,1\}://[^[:space:]"<>]*#verify-email=[A-Za-z0-9._~-]*' | head -n 1)
  else
    read -r -p "Paste the confirmation link of the e-mail to $email: " link
  fi
  case $link in *verify-email=*) ;; *) fail "not a confirmation link: $link" ;; esac
  status=$(request POST /auth/verify-email -H 'Content-Type: application/json' \
    -d "$(jq -n --arg token "${link##*verify-email=}" '{token: $token}')")
  [ "$status" = 200 ] || fail "POST /auth/verify-email answered $status: $(body)"
  # The access token says whether the address is confirmed: a fresh one says it is.
  status=$(request POST /auth/refresh)
  [ "$status" = 200 ] || fail "POST /auth/refresh answered $status: $(body)"
  token=$(jq -r .accessToken "$work/body")
  echo "confirmed"
fi

step "5/7 Upload a short clip"
if [ -z "$clip" ]; then
  command -v ffmpeg >/dev/null || fail "no clip given and no ffmpeg to make one"
  clip=$work/clip.mp4
  ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc=duration=3:size=320x240:rate=25 -pix_fmt yuv420p "$clip"
fi
status=$(request POST /videos -F "files=@$clip;type=video/mp4" -F fps=1)
[ "$status" = 202 ] || fail "POST /videos answered $status: $(body)"
id=$(jq -r '.videos[0].id' "$work/body")
echo "video $id"

step "6/7 Wait until it is processed"
deadline=$((SECONDS + ${SMOKE_TIMEOUT:-600}))
while :; do
  status=$(request GET "/videos/$id")
  [ "$status" = 200 ] || fail "GET /videos/$id answered $status: $(body)"
  state=$(jq -r .status "$work/body")
  printf '%s ' "$state"
  case $state in
    DONE) break ;;
    FAILED) fail "the video failed: $(jq -c '.error // .' "$work/body")" ;;
  esac
  [ $SECONDS -lt $deadline ] || fail "still $state after ${SMOKE_TIMEOUT:-600} s"
  sleep 5
done
frames=$(jq -r .frameCount "$work/body")
echo
echo "$frames frames"

step "7/7 The e-mail arrives and the ZIP downloads"
if [ -n "${SMOKE_MAILBOX:-}" ]; then
  await_mail "$id" "e-mail about video $id" >/dev/null
  echo "e-mail to $email about video $id sent"
else
  read -r -p "Did $email receive the e-mail that video $id is ready? [y/N] " answer
  case $answer in [yY]*) ;; *) fail "the e-mail did not arrive (kubectl -n video-system logs deploy/ms-notify)" ;; esac
fi
status=$(request GET "/videos/$id/download" -H 'Accept: application/json')
[ "$status" = 200 ] || fail "GET /videos/$id/download answered $status: $(body)"
# The presigned link is for the storage itself: no token goes with it.
curl -sS -f --max-time 300 -o "$work/frames.zip" "$(jq -r .url "$work/body")" || fail "the presigned ZIP link did not download"
entries=$(unzip -Z1 "$work/frames.zip" | grep -c . || true)
[ "$entries" = "$frames" ] || fail "the ZIP holds $entries entries, the video says $frames frames"
printf '\nSMOKE TEST PASSED: %s registered, video %s processed into %s frames, e-mail sent, ZIP downloaded\n' \
  "$email" "$id" "$frames"
