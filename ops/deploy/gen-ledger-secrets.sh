#!/usr/bin/env bash
# Generates, ONCE, the files both ledger nodes share: the log signing key, the engine key and the API
# credentials file (docs/deployment.md §5). Run from ops/deploy after building the ledger jar.
# In production replace this with your key ceremony; the private keys must never leave ./secrets
# (or your secret store) and must be backed up offline.
#
#   ./gen-ledger-secrets.sh [log-origin] [engine-name]
set -euo pipefail
cd "$(dirname "$0")"
ORIGIN="${1:-oversight.example/log}"        # must equal oversight.log.origin in ledger.properties
ENGINE="${2:-oversight.example/engine}"     # must equal oversight.keys.engine-name
JAR="$(ls ../../ledger/target/oversight-ledger-*.jar | grep -v -- -plain | head -1)"
LAUNCHER=org.springframework.boot.loader.launch.PropertiesLauncher
mkdir -p secrets
umask 077
java -cp "$JAR" -Dloader.main=org.oversight.ledger.keys.GenerateSignerKeys "$LAUNCHER" \
    "$ORIGIN" secrets/log.key "$ENGINE" secrets/engine.key
# One operator credential to bootstrap with; issue more the same way (roles: auditor, reviewer, officer, operator).
echo "operator bearer token (shown once):"
java -cp "$JAR" -Dloader.main=org.oversight.ledger.security.IssueCredential "$LAUNCHER" \
    secrets/credentials operator-1 operator
chmod 600 secrets/log.key secrets/engine.key secrets/credentials
# The ledger image runs as uid 10001 and refuses key files readable by group or others.
if [ "$(id -u)" = 0 ]; then
    chown 10001 secrets/log.key secrets/engine.key secrets/credentials
else
    echo "now run: sudo chown 10001 $(pwd)/secrets/{log.key,engine.key,credentials}"
fi
