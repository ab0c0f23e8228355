#!/usr/bin/env bash
# Ingest throughput benchmark: builds the ledger and the ops jar, starts the ledger on a temporary
# data directory (embedded PostgreSQL, fsync on) with a random port and a freshly issued operator
# credential, runs org.oversight.ops.load.IngestLoadGenerator against it, stops it, prints the result.
# Usage: ops/bench-ingest.sh [generator options, e.g. --events 20000 --warmup 20000 --batch 100 --clients 2]
# Env: SKIP_BUILD=1 reuses built jars; LEDGER_JAR=<jar> benchmarks another ledger build; LEDGER_OPTS adds JVM/Spring options (e.g. -XX:+FlightRecorder
#      -XX:StartFlightRecording=filename=/tmp/ingest.jfr); KEEP_DATA=1 keeps the data directory.
# Prints, after the generator's result, the CPU time the ledger JVM and its PostgreSQL spent per event
# during the load (ops/cpu-ticks.sh), also without the JVM's JIT compiler threads (still busy after a
# warm-up on a loaded machine; ~0 in a long-running ledger), and the load average at its end.
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
# CPU accounting (ops/cpu-ticks.sh): ledger JVM and its PostgreSQL between the end of the generator's
# untimed setup and warm-up ("timed load starts") and the end of its load ("measuring single-core ..."), per event.
GEN_OUT="$DATA/generator.out"
GEN_ERR="$DATA/generator.err"
java -cp "$OPS_JAR" org.oversight.ops.load.IngestLoadGenerator --url "http://127.0.0.1:$PORT" --token "$TOKEN" "$@" \
  >"$GEN_OUT" 2>"$GEN_ERR" &
GEN_PID=$!
wait_for() { until grep -q "$1" "$GEN_ERR" 2>/dev/null || ! kill -0 "$GEN_PID" 2>/dev/null; do sleep 0.1; done; }
wait_for "timed load starts"
read -r LEDGER_MS0 JIT_MS0 PG_MS0 < <(ops/cpu-ticks.sh "$LEDGER_PID" "$DATA/postgres")
gen_ms() { sed -e 's/^.*) //' "/proc/$GEN_PID/stat" | awk -v hz="$(getconf CLK_TCK)" '{print int(($12 + $13) * 1000 / hz)}'; }
GEN_MS0=$(gen_ms)
wait_for "measuring single-core"
read -r LEDGER_MS1 JIT_MS1 PG_MS1 < <(ops/cpu-ticks.sh "$LEDGER_PID" "$DATA/postgres")
GEN_MS1=$(gen_ms)
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
GEN_RC=0
wait "$GEN_PID" || GEN_RC=$?
cat "$GEN_ERR" >&2
cat "$GEN_OUT"
if [ "$GEN_RC" != 0 ]; then echo "load generator failed ($GEN_RC)" >&2; exit "$GEN_RC"; fi
EVENTS=$(awk '/ events in /{print $1; exit}' "$GEN_OUT")
VERIFY_MS=$(sed -n 's/^Ed25519 verify CPU cost \([0-9.]*\) ms.*/\1/p' "$GEN_OUT")
awk -v e="$EVENTS" -v l=$((LEDGER_MS1 - LEDGER_MS0)) -v j=$((JIT_MS1 - JIT_MS0)) -v p=$((PG_MS1 - PG_MS0)) \
    -v g=$((GEN_MS1 - GEN_MS0)) -v load="$LOADAVG" -v v="$VERIFY_MS" 'BEGIN {
  printf "cpu per event: ledger JVM %.3f ms + PostgreSQL %.3f ms = %.3f ms (%d + %d ms CPU for %d events) = %.1f verify costs\n",
    l / e, p / e, (l + p) / e, l, p, e, (l + p) / e / v
  printf "cpu per event without the JIT compiler threads (%d ms): ledger JVM %.3f ms + PostgreSQL %.3f ms = %.3f ms = %.1f verify costs; load average %s\n",
    j, (l - j) / e, p / e, (l - j + p) / e, (l - j + p) / e / v, load
  printf "the load generator itself (HTTP client, same machine): %.3f ms CPU per event\n", g / e }'
