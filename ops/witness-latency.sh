#!/usr/bin/env bash
# Witness cosigning latency under the simulator's steady load (issue #13 §7): starts a ledger on its
# embedded PostgreSQL with two witnesses (`verifier witness`, ops/lib/witness.sh) and quorum 2, runs
# the camera/reviewer simulator (org.oversight.ops.sim.SimulatorCli) at RATE detections/s for SECONDS
# seconds, and meanwhile polls GET /checkpoint (org.oversight.ops.bench.CosignLatency): for each
# checkpoint, the time until a checkpoint covering it carries both witnesses' cosignatures.
# Prints the results (properties) on stdout; progress on stderr. Every process it started is stopped.
# Usage: ops/witness-latency.sh [--out FILE]
# Env: SKIP_BUILD=1 reuses built jars; RATE (default 50), RUN_SECONDS (default 30), INTERVAL_MS (default
#      1000, the ledger's checkpoint interval), POLL_MS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT_FILE=""
if [ "${1:-}" = "--out" ]; then OUT_FILE=${2:?--out needs a file}; shift 2; fi
[ $# = 0 ] || { echo "witness-latency: unknown argument '$1' (usage: ops/witness-latency.sh [--out FILE])" >&2; exit 2; }
RATE=${RATE:-50}
SECONDS_RUN=${RUN_SECONDS:-30}
INTERVAL_MS=${INTERVAL_MS:-1000}
POLL_MS=${POLL_MS:-20}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -o -pl ledger,verifier,ops -am package -DskipTests
fi
# shellcheck source=ops/lib/ledger.sh
. ops/lib/ledger.sh
# shellcheck source=ops/lib/witness.sh
. ops/lib/witness.sh
LEDGER_JAR=$(ledger_jar)
VERIFIER_JAR=verifier/target/verifier.jar
OPS_JAR=ops/target/benchmarks.jar
DIR=$(mktemp -d /tmp/oversight-witness-latency.XXXXXX)
cleanup() {
  ledger_stop "$DIR/ledger"
  witness_stop_all
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data kept in $DIR" >&2; else rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$DIR/ledger/keys"
ORIGIN=bench.oversight.example/log
ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" sim-operator operator "$DIR/token"
java -cp "$LEDGER_JAR" -Dloader.main=org.oversight.ledger.keys.GenerateSignerKeys \
  org.springframework.boot.loader.launch.PropertiesLauncher "$ORIGIN" "$DIR/ledger/keys/log.key" \
  oversight.local/engine "$DIR/ledger/keys/engine.key" >"$DIR/keys.txt"
sed -n 's/^log key .*: verifier \(.*\)$/\1/p' "$DIR/keys.txt" >"$DIR/log.vkey"
ARGS=(--oversight.log.origin="$ORIGIN" --oversight.checkpoint.interval-ms="$INTERVAL_MS"
  --oversight.witness.quorum=2 --oversight.witness.poll-interval=50ms --oversight.witness.max-backoff=1s
  --oversight.witness.timeout=30s
  # It measures cosigning latency with the simulator's clear detections (--no-seal below): the
  # witnesses here are not epoch recipients and hold no vault credential.
  --oversight.ingest.accept-clear-detections=true)
for i in 1 2; do
  witness_prepare "$VERIFIER_JAR" "$DIR/witness-$i" "witness-$i.bench.oversight.example"
  ARGS+=("--oversight.witness.witnesses[$((i - 1))].url=$(cat "$DIR/witness-$i/url")"
    "--oversight.witness.witnesses[$((i - 1))].vkey=$(cat "$DIR/witness-$i/witness.vkey")")
done
echo "witness-latency: starting the ledger and two witnesses ($DIR)..." >&2
ledger_start "$LEDGER_JAR" "$DIR/ledger" "$DIR/ledger.log" "${ARGS[@]}"
ledger_wait "$DIR/ledger.log" 300
for i in 1 2; do
  witness_start "$VERIFIER_JAR" "$DIR/witness-$i" "$LEDGER_URL" "$DIR/log.vkey"
done
echo "witness-latency: simulator at $RATE detections/s for $SECONDS_RUN s; polling /checkpoint every $POLL_MS ms" >&2
# The poller runs until the simulator is done and every checkpoint seen has its quorum (at most
# 120 s more: witnesses far behind on a loaded machine are reported as "never reached").
java -cp "${OPS_CP:-$OPS_JAR}" org.oversight.ops.bench.CosignLatency --url "$LEDGER_URL" --quorum 2 \
  --seconds 1800 --until-file "$DIR/sim.done" --drain-seconds 120 --poll-ms "$POLL_MS" \
  --out "$DIR/cosign.properties" &
POLLER=$!
java -cp "$OPS_JAR" org.oversight.ops.sim.SimulatorCli --url "$LEDGER_URL" --token "@$DIR/token" \
  --rate "$RATE" --seconds "$SECONDS_RUN" --cameras 16 --batch 50 --reviewers 4 --confirm-share 0.5 --no-seal \
  --watchlist 100 --near 0.02 --drain-seconds 30 >"$DIR/sim.out" 2>"$DIR/sim.err" \
  || { echo "witness-latency: the simulator failed:" >&2; tail -20 "$DIR/sim.err" >&2; }
touch "$DIR/sim.done"
wait "$POLLER"
for i in 1 2; do
  witness_status "$DIR/witness-$i"
  echo "witness $i: $(head -1 "$DIR/witness-$i/status.txt")" >&2
done
{
  cat "$DIR/cosign.properties"
  echo "witnesses=2"
  echo "rate=$RATE"
  echo "seconds=$SECONDS_RUN"
  echo "intervalMs=$INTERVAL_MS"
  echo "loadAverage=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$DIR/result.properties"
if [ -n "$OUT_FILE" ]; then cp "$DIR/result.properties" "$OUT_FILE"; fi
cat "$DIR/result.properties"
