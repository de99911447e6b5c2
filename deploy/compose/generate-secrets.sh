#!/bin/sh
# Runs once in the compose "secrets" service: a random database password and an RS256 signing key, written
# as files named after the Spring properties they set (ms-auth imports the directory as a config tree).
# They live only in the compose volume "secrets"; `docker compose down -v` forgets them.
set -eu
cd /run/framesmith
if [ ! -s framesmith.auth.token.private-key ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out framesmith.auth.token.private-key
  printf 'compose-%s' "$(date -u +%Y%m%d%H%M%S)" > framesmith.auth.token.key-id
fi
if [ ! -s spring.datasource.password ]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > spring.datasource.password
fi
chmod 0444 framesmith.auth.token.private-key framesmith.auth.token.key-id spring.datasource.password
echo "secrets ready"
