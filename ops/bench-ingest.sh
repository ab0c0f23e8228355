#!/usr/bin/env bash
# Ingest throughput benchmark: builds the ledger and the ops jar, starts the ledger on a temporary
# data directory (embedded PostgreSQL, fsync on) with a random port and a freshly issued operator
# credential, runs org.oversight.ops.load.IngestLoadGenerator against it, stops it, prints the result.
# Usage: ops/bench-ingest.sh [generator options, e.g. --events 20000 --batch 100 --clients 2]
# Env: SKIP_BUILD=1 reuses built jars; LEDGER_JAR=<jar> benchmarks another ledger build; LEDGER_OPTS adds JVM/Spring options (e.g. -XX:+FlightRecorder
#      -XX:StartFlightRecording=filename=/tmp/ingest.jfr); KEEP_DATA=1 keeps the data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -o -pl ledger,ops -am package -DskipTests
fi
LEDGER_JAR=${LEDGER_JAR:-$(ls ledger/target/oversight-ledger-*.jar | grep -v -e sources -e tests -e original | head -1)}
OPS_JAR=ops/target/benchmarks.jar
DATA=$(mktemp -d /tmp/oversight-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TOKEN=$(java -cp "$LEDGER_JAR" -Dloader.main=org.oversight.ledger.security.IssueCredential \
  org.springframework.boot.loader.launch.PropertiesLauncher "$DATA/credentials" load-operator operator | tail -1)
LOG="$DATA/ledger.log"
# shellcheck disable=SC2086
java ${LEDGER_OPTS:-} -Daxoniq.update-checker.disabled=true -jar "$LEDGER_JAR" \
  --server.address=127.0.0.1 --server.port="$PORT" --oversight.data-dir="$DATA" >"$LOG" 2>&1 &
LEDGER_PID=$!
cleanup() {
  kill "$LEDGER_PID" 2>/dev/null && wait "$LEDGER_PID" 2>/dev/null || true
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data kept in $DATA" >&2; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$LEDGER_PID" 2>/dev/null; then echo "ledger exited; log:" >&2; tail -50 "$LOG" >&2; exit 1; fi
  sleep 1
done
echo "ledger up on 127.0.0.1:$PORT (data $DATA)" >&2
java -cp "$OPS_JAR" org.oversight.ops.load.IngestLoadGenerator --url "http://127.0.0.1:$PORT" --token "$TOKEN" "$@"
