#!/usr/bin/env bash
# Creates the Secrets overlays/dev expects in a local cluster (kind, minikube), with values generated here and
# kept only in the cluster: ms-auth-db (the in-cluster PostgreSQL's user and password) and ms-auth-token
# (the RS256 key ms-auth signs tokens with). Re-running keeps existing Secrets.
set -euo pipefail

NAMESPACE=video-system
command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }

kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE"

if ! kubectl -n "$NAMESPACE" get secret ms-auth-db >/dev/null 2>&1; then
  kubectl -n "$NAMESPACE" create secret generic ms-auth-db \
    --from-literal=username=framesmith \
    --from-literal=password="$(openssl rand -hex 24)"
fi

if ! kubectl -n "$NAMESPACE" get secret ms-auth-token >/dev/null 2>&1; then
  key=$(mktemp)
  trap 'rm -f "$key"' EXIT
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
  kubectl -n "$NAMESPACE" create secret generic ms-auth-token \
    --from-file=private-key="$key" \
    --from-literal=key-id="dev-$(date -u +%Y%m%d%H%M%S)"
fi

echo "Secrets ms-auth-db and ms-auth-token are in namespace $NAMESPACE"
