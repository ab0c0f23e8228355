#!/usr/bin/env bash
# Runs the simulator (org.oversight.ops.sim.SimulatorCli) against a freshly started ledger: builds the
# ledger and ops jars, starts the ledger on a temporary data directory (embedded PostgreSQL, fsync on)
# with a random loopback port and a freshly issued operator credential, runs the simulator with the
# given options, stops the ledger, and prints the CPU time the ledger JVM and its PostgreSQL spent per
# detection while the simulator was sending (ops/cpu-ticks.sh). The simulator's exit code is this script's.
# Usage: ops/sim.sh [simulator options, e.g. --rate 200 --seconds 60 --cameras 16 --reviewers 4]
# Env: SKIP_BUILD=1 reuses built jars; LEDGER_JAR=<jar> runs another ledger build; LEDGER_OPTS adds JVM
#      options (e.g. -XX:StartFlightRecording=filename=/tmp/ingest.jfr); LEDGER_ARGS adds Spring
#      properties (e.g. --oversight.checkpoint.interval-ms=500); KEEP_DATA=1 keeps the data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -o -pl ledger,ops -am package -DskipTests
fi
LEDGER_JAR=${LEDGER_JAR:-$(ls ledger/target/oversight-ledger-*.jar | grep -v -e sources -e tests -e original | head -1)}
OPS_JAR=ops/target/benchmarks.jar
DATA=$(mktemp -d /tmp/oversight-sim.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TOKEN=$(java -cp "$LEDGER_JAR" -Dloader.main=org.oversight.ledger.security.IssueCredential \
  org.springframework.boot.loader.launch.PropertiesLauncher "$DATA/credentials" sim-operator operator | tail -1)
printf '%s\n' "$TOKEN" >"$DATA/token" && chmod 600 "$DATA/token"
LOG="$DATA/ledger.log"
# The simulator seals by default; --no-seal sends clear (schema-1) detections, which the ledger
# refuses unless told to accept them.
# Sealed watchlist entries carry stand-in enrolment crops (no pixels): the vault cannot re-derive
# their templates, so its derivation check is off for the simulator's ledger (docs/ledger.md "Vault").
CLEAR_ARGS=--oversight.vault.derive-enrolments=false
for arg in "$@"; do
  [ "$arg" = --no-seal ] && CLEAR_ARGS=--oversight.ingest.accept-clear-detections=true
done
# shellcheck disable=SC2086
java ${LEDGER_OPTS:-} -Daxoniq.update-checker.disabled=true -jar "$LEDGER_JAR" \
  --server.address=127.0.0.1 --server.port="$PORT" --oversight.data-dir="$DATA" $CLEAR_ARGS ${LEDGER_ARGS:-} >"$LOG" 2>&1 &
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
# CPU accounting (ops/cpu-ticks.sh): the ledger JVM and its PostgreSQL between the simulator's
# "timed load starts" (after setup and warm-up) and "sent:" (end of sending), per detection.
SIM_OUT="$DATA/sim.out"
SIM_ERR="$DATA/sim.err"
: >"$SIM_ERR"
java -cp "$OPS_JAR" org.oversight.ops.sim.SimulatorCli --url "http://127.0.0.1:$PORT" --token "@$DATA/token" "$@" \
  >"$SIM_OUT" 2> >(tee -a "$SIM_ERR" >&2) &
SIM_PID=$!
wait_for() { until grep -q "$1" "$SIM_ERR" 2>/dev/null || ! kill -0 "$SIM_PID" 2>/dev/null; do sleep 0.1; done; }
wait_for "timed load starts"
read -r LEDGER_MS0 JIT_MS0 PG_MS0 < <(ops/cpu-ticks.sh "$LEDGER_PID" "$DATA/postgres")
sim_ms() { sed -e 's/^.*) //' "/proc/$SIM_PID/stat" 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{print int(($12 + $13) * 1000 / hz)}'; }
SIM_MS0=$(sim_ms)
wait_for "^sent: "
read -r LEDGER_MS1 JIT_MS1 PG_MS1 < <(ops/cpu-ticks.sh "$LEDGER_PID" "$DATA/postgres")
SIM_MS1=$(sim_ms)
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
rc=0
wait "$SIM_PID" || rc=$?
cat "$SIM_OUT"
if [ "$rc" != 0 ]; then
  echo "simulator exit $rc; ledger log tail:" >&2; tail -20 "$LOG" >&2
  exit $rc
fi
EVENTS=$(sed -n 's/^sent: \([0-9]*\) detections.*/\1/p' "$SIM_ERR" | head -1)
VERIFY_MS=$(sed -n 's/^| Ed25519 verify CPU cost | \([0-9.]*\) ms.*/\1/p' "$SIM_OUT")
if [ -n "$EVENTS" ] && [ "$EVENTS" -gt 0 ] && [ -n "$SIM_MS0" ] && [ -n "$SIM_MS1" ]; then
  awk -v e="$EVENTS" -v l=$((LEDGER_MS1 - LEDGER_MS0)) -v j=$((JIT_MS1 - JIT_MS0)) -v p=$((PG_MS1 - PG_MS0)) \
      -v g=$((SIM_MS1 - SIM_MS0)) -v load="$LOADAVG" -v v="${VERIFY_MS:-}" 'BEGIN {
    printf "cpu per detection while sending: ledger JVM %.3f ms + PostgreSQL %.3f ms = %.3f ms (%d + %d ms CPU for %d detections)",
      l / e, p / e, (l + p) / e, l, p, e
    if (v != "") printf " = %.1f verify costs", (l + p) / e / v
    printf "\nwithout the ledger JIT compiler threads (%d ms): %.3f ms", j, (l - j + p) / e
    if (v != "") printf " = %.1f verify costs", (l - j + p) / e / v
    printf "; the simulator itself (same machine): %.3f ms CPU per detection; load average %s\n", g / e, load }'
fi
