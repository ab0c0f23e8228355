#!/usr/bin/env bash
# Runs the Python integrator example (docs/examples/python/oversight_example.py) against a fresh
# ledger: starts the ledger on a temporary data directory (embedded PostgreSQL, a free loopback
# port, the recognition engine off), issues an operator credential, takes the log key from
# GET /v1/keys as the example's out-of-band key, runs the example, stops the ledger.
# Needs python3 with the `cryptography` package (Debian: python3-cryptography); PYTHON picks the
# interpreter (default: /usr/bin/python3 if it has cryptography, else python3).
# Usage: ops/python-example.sh     Env: SKIP_BUILD=1 reuses the built ledger jar.
# Exit status: the example's (0 all checks held, 1 a check failed, 2 setup or usage error).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ops/lib/ledger.sh
. ops/lib/ledger.sh

die() { echo "python-example: $*" >&2; exit 2; }
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for candidate in /usr/bin/python3 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import cryptography' 2>/dev/null; then PY=$candidate; break; fi
  done
fi
[ -n "$PY" ] || die "no python3 with the 'cryptography' package (Debian: apt-get install python3-cryptography)"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -q -Dstyle.color=never -pl ledger -am package -DskipTests
fi
JAR=$(ledger_jar)
[ -n "$JAR" ] || die "no built ledger jar; run without SKIP_BUILD=1"

DATA=$(mktemp -d /tmp/oversight-python-example.XXXXXX)
trap 'ledger_stop "$DATA"; rm -rf "$DATA"' EXIT
ledger_issue "$JAR" "$DATA/credentials" python-example operator "$DATA/operator.token"
ledger_start "$JAR" "$DATA" "$DATA/ledger.log" --oversight.engine.enabled=false --oversight.checkpoint.interval-ms=200
ledger_wait "$DATA/ledger.log" 180 || exit 2
echo "python-example: ledger up at $LEDGER_URL; running the example with $PY"
curl -fsS "$LEDGER_URL/v1/keys" -H "Authorization: Bearer $(cat "$DATA/operator.token")" \
  | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["log"]["verifierKey"])' >"$DATA/log.vkey"
set +e
"$PY" docs/examples/python/oversight_example.py --url "$LEDGER_URL" --token "@$DATA/operator.token" --log-key "@$DATA/log.vkey"
RC=$?
set -e
exit "$RC"
