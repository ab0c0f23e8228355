#!/usr/bin/env bash
# City scale in simulation on one machine (docs/scale.md §5):
#   1. builds the ledger, verifier and ops jars (SKIP_BUILD=1 reuses them);
#   2. starts K ledgers (one per "district"), each with its own data directory (embedded PostgreSQL,
#      fsync on), loopback port, checkpoint origin and log key, engine key and operator + auditor
#      credentials (ops/lib/ledger.sh);
#   3. runs the city simulator (org.oversight.ops.sim.CitySimulator): one city authority sets up every log
#      with the same signed events (genesis, officer, reviewers, policy, watchlist), each district enrols
#      its own engine key and cameras, then one simulator per log posts pre-signed detections at max rate
#      (the simulator's closed-loop mode), all logs at once; it prints each log's rate and the aggregate;
#   4. exports each log (GET /v1/export with the auditor token), stops the ledgers, and audits the set:
#      `verifier audit` once per log (--authority-key: the city's genesis authority; --origin: that log's) and
#      the cross-log check (org.oversight.ops.scale.CrossLogCheck: the same genesis and city-scope events in
#      every log, distinct origins);
#   5. prints a summary; exits 0 only if the load ran clean and every audit and the cross-log check passed
#      (1 if one found violations or the load had rejections, 2 on a setup error).
# Every process it started is stopped. Usage: ops/scale-sim.sh
# Env (defaults in brackets, sized for a few minutes on a loaded 2-core machine):
#   SCALE_LOGS [2] ledgers; SCALE_EVENTS [6000] timed detections per log; SCALE_WARMUP [1500] untimed ones
#   per log; SCALE_BATCH [500]; SCALE_CLIENTS [2] per log; SCALE_CAMERAS [8] per log; SCALE_WATCHLIST [100];
#   SCALE_DIR work directory [a new /tmp/oversight-scale.*, removed at the end unless KEEP_DATA=1];
#   LEDGER_OPTS JVM options per ledger [-Xmx768m]; LEDGER_ARGS extra Spring properties per ledger.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ops/lib/ledger.sh
. ops/lib/ledger.sh

case "${1:-}" in
  -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "scale-sim: unknown argument '$1' (usage: ops/scale-sim.sh; settings are env vars, see --help)" >&2; exit 2 ;;
esac
die() { echo "scale-sim: $*" >&2; exit 2; }
K=${SCALE_LOGS:-2}
[[ "$K" =~ ^[0-9]+$ ]] && [ "$K" -ge 2 ] && [ "$K" -le 16 ] || die "SCALE_LOGS '$K' is not an integer in [2, 16]"
export LEDGER_OPTS=${LEDGER_OPTS:--Xmx768m}
ORIGIN_PREFIX=scale-sim.oversight.local/district-   # each log its own checkpoint origin (= log key name)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "scale-sim: building ledger, verifier and ops (mvn package -DskipTests)..."
  mvn -B -ntp -o -q -Dstyle.color=never -pl ledger,verifier,ops -am package -DskipTests
fi
LEDGER_JAR=$(ledger_jar)
VERIFIER_JAR=verifier/target/verifier.jar
OPS_JAR=ops/target/benchmarks.jar
for jar in "$LEDGER_JAR" "$VERIFIER_JAR" "$OPS_JAR"; do
  [ -n "$jar" ] && [ -f "$jar" ] || die "missing jar '${jar:-ledger/target/oversight-ledger-*.jar}'; run without SKIP_BUILD=1"
done

DIR=${SCALE_DIR:-$(mktemp -d /tmp/oversight-scale.XXXXXX)}
mkdir -p "$DIR"
[ -z "$(ls -A "$DIR")" ] || die "$DIR is not empty (set SCALE_DIR to an empty or new directory)"
PIDS=()
cleanup() {
  local k
  for k in "${!PIDS[@]}"; do
    LEDGER_PID=${PIDS[$k]}
    ledger_stop "$DIR/ledger-$k"
  done
  PIDS=()
  if [ "${KEEP_DATA:-0}" = 1 ] || [ -n "${SCALE_DIR:-}" ]; then echo "scale-sim: work directory kept: $DIR" >&2
  else rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 2. K ledgers, started together (their start-ups overlap), then waited for.
for k in $(seq 0 $((K - 1))); do
  mkdir -p "$DIR/ledger-$k"
  ledger_issue "$LEDGER_JAR" "$DIR/ledger-$k/credentials" "scale-operator-$k" operator "$DIR/operator-$k.token"
  ledger_issue "$LEDGER_JAR" "$DIR/ledger-$k/credentials" "scale-auditor-$k" auditor "$DIR/auditor-$k.token"
  # The city simulator sends clear (schema-1) detections: each log must accept them explicitly.
  # shellcheck disable=SC2086
  ledger_start "$LEDGER_JAR" "$DIR/ledger-$k" "$DIR/ledger-$k.log" --oversight.log.origin="$ORIGIN_PREFIX$k" \
    --oversight.ingest.accept-clear-detections=true ${LEDGER_ARGS:-}
  PIDS[$k]=$LEDGER_PID
done
URLS=()
for k in $(seq 0 $((K - 1))); do
  LEDGER_PID=${PIDS[$k]}
  ledger_wait "$DIR/ledger-$k.log" 300
  URLS[$k]=$LEDGER_URL
  echo "scale-sim: ledger $k up at $LEDGER_URL (data $DIR/ledger-$k)"
done

# 3. The load: one simulator per log, all at once.
SIM_ARGS=()
for k in $(seq 0 $((K - 1))); do SIM_ARGS+=(--url "${URLS[$k]}" --token "@$DIR/operator-$k.token"); done
set +e
java -cp "$OPS_JAR" org.oversight.ops.sim.CitySimulator "${SIM_ARGS[@]}" --out "$DIR/sim" \
  --events "${SCALE_EVENTS:-6000}" --warmup "${SCALE_WARMUP:-1500}" --batch "${SCALE_BATCH:-500}" \
  --clients "${SCALE_CLIENTS:-2}" --cameras "${SCALE_CAMERAS:-8}" --watchlist "${SCALE_WATCHLIST:-100}" \
  | tee "$DIR/sim.md"
SIM_RC=${PIPESTATUS[0]}
set -e
[ "$SIM_RC" != 2 ] || die "the city simulator could not set up the logs (message above; ledger logs in $DIR)"

# 4. Export every log with its auditor credential, stop the ledgers, audit the set offline.
for k in $(seq 0 $((K - 1))); do
  curl -fsS -H "Authorization: Bearer $(cat "$DIR/auditor-$k.token")" "${URLS[$k]}/v1/export" -o "$DIR/log-$k.export" \
    || die "GET ${URLS[$k]}/v1/export failed"
done
for k in "${!PIDS[@]}"; do LEDGER_PID=${PIDS[$k]}; ledger_stop "$DIR/ledger-$k"; done
PIDS=()

AUDIT_FAIL=0
AUDIT_ROWS=""
for k in $(seq 0 $((K - 1))); do
  mkdir -p "$DIR/auditor-state-$k"
  t0=$(date +%s.%N)
  set +e
  java -jar "$VERIFIER_JAR" audit --export "$DIR/log-$k.export" --log-key "@$DIR/sim/district-$k/log.vkey" \
    --authority-key "@$DIR/sim/authority.keys" --origin "$ORIGIN_PREFIX$k" --state "$DIR/auditor-state-$k/log.checkpoint" \
    --json "$DIR/audit-$k.json" >"$DIR/audit-$k.txt" 2>&1
  rc=$?
  set -e
  t1=$(date +%s.%N)
  leaves=$(($(wc -l <"$DIR/log-$k.export") - 1))
  verdict=$([ "$rc" = 0 ] && echo "all checks passed" || echo "exit $rc (see $DIR/audit-$k.txt)")
  [ "$rc" = 0 ] || AUDIT_FAIL=1
  AUDIT_ROWS+=$(awk -v k="$k" -v n="$leaves" -v a="$t0" -v b="$t1" -v v="$verdict" 'BEGIN {
    printf "| verifier audit, log %d | %d leaves in %.1f s wall (JVM start included) = %.0f leaves/s; %s |\n", k, n, b - a, n / (b - a), v }')$'\n'
done
EXPORTS=()
for k in $(seq 0 $((K - 1))); do EXPORTS+=("$DIR/log-$k.export"); done
set +e
java -cp "$OPS_JAR" org.oversight.ops.scale.CrossLogCheck "${EXPORTS[@]}" >"$DIR/cross-log.txt" 2>&1
CROSS_RC=$?
set -e

# 5. Summary.
echo
echo "| set audit ($K logs, offline, one after another) | |"
echo "| --- | --- |"
printf '%s' "$AUDIT_ROWS"
echo "| cross-log check | $(tail -1 "$DIR/cross-log.txt") |"
echo "| load average (1/5/15 min) now | $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores |"
[ "$CROSS_RC" = 0 ] || cat "$DIR/cross-log.txt"
if [ "$SIM_RC" != 0 ] || [ "$AUDIT_FAIL" != 0 ] || [ "$CROSS_RC" != 0 ]; then
  echo "scale-sim: FAILED (simulator exit $SIM_RC, audits $([ "$AUDIT_FAIL" = 0 ] && echo passed || echo failed), cross-log exit $CROSS_RC)" >&2
  [ "$CROSS_RC" != 2 ] || exit 2
  exit 1
fi
echo "scale-sim: PASSED: $(sed -n 's/^aggregateRate=//p' "$DIR/sim/results.properties") detections/s aggregate over $K logs; every audit and the cross-log check passed"
