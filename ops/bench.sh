#!/usr/bin/env bash
# All the limits in one table (docs/benchmarks.md): runs the simulator twice against freshly started
# ledgers (max-rate ingest; a moderate open-loop rate for submission → signed checkpoint latency),
# then the store's own limit (the ledger's rows through plain JDBC, StoreLimit) and a max-rate run of
# sealed detections (--seal), then once more beside two witnesses (ops/witness-latency.sh: checkpoint → quorum cosigning latency),
# then org.oversight.ops.bench.LimitsReport (JMH: Ed25519 verify, batch verify, audit, witness replay, 1:N scan vs
# memory read, batched 1:N search vs single, Java vs native C memory read (ops/native/memread.c, when
# gcc is present), embedding vs the naive reference, bundle verification; libsodium's verify of the
# same signing inputs via ops/sodium-verify.c when gcc and libsodium-dev are present), and prints ONE markdown table on stdout
# in which every figure stands next to its limit measured in the same run. Progress goes to stderr.
# Usage: ops/bench.sh [--quick] [JMH options for LimitsReport, e.g. -f 2]
# Env: SKIP_BUILD=1 reuses built jars; RATE (default 100) detections/s for the latency run;
#      EVENTS (default 100000; quick 4000), WARMUP (untimed first detections, default 60000;
#      quick 2000), BATCH (default 1000), CLIENTS (default 4) and CAMERAS (default 4: each client
#      posts one camera's chain) for the ingest run; INTERVAL_MS (default 1000) the ledger's
#      checkpoint interval in the latency run; WITNESS_RATE (default 50) detections/s in the witness run;
#      SEALED_EVENTS / SEALED_WARMUP (default 40000 / 20000; quick 2000 / 2000) for the sealed ingest run.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; shift; fi
START=$(date -u +%FT%TZ)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench.sh: start $START, load average $LOAD_START" >&2
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -o -pl ledger,verifier,ops -am package -DskipTests
fi
OUT=$(mktemp -d /tmp/oversight-benchsh.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
INTERVAL_MS=${INTERVAL_MS:-1000}
if [ "$QUICK" = 1 ]; then
  EVENTS=${EVENTS:-4000}; WARMUP=${WARMUP:-2000}; SECONDS_RATE=20; LIMITS_ARGS=(--quick)
  SEALED_EVENTS=${SEALED_EVENTS:-2000}; SEALED_WARMUP=${SEALED_WARMUP:-2000}
else
  EVENTS=${EVENTS:-100000}; WARMUP=${WARMUP:-60000}; SECONDS_RATE=60; LIMITS_ARGS=()
  SEALED_EVENTS=${SEALED_EVENTS:-40000}; SEALED_WARMUP=${SEALED_WARMUP:-20000}
fi
echo "bench.sh: ingest, simulator max rate, clear (schema-1) detections as the store-limit row writes, $WARMUP warm-up + $EVENTS timed..." >&2
SKIP_BUILD=1 ops/sim.sh --rate max --no-seal --events "$EVENTS" --warmup "$WARMUP" --batch "${BATCH:-1000}" --clients "${CLIENTS:-4}" --cameras "${CAMERAS:-4}" --watchlist 100 \
  --near 0.01 --seconds 300 --drain-seconds 30 --results "$OUT/max.properties" >&2 || echo "bench.sh: max-rate run failed" >&2
# The store's own limit (issue #16 item 1), right after the ingest run: the ledger's exact rows through
# plain JDBC into the same embedded PostgreSQL (StoreLimit, in the ledger jar), 1,000-event transactions.
echo "bench.sh: the store's own limit, $EVENTS events of the ledger's rows through plain JDBC..." >&2
LEDGER_JAR=$(ls ledger/target/oversight-ledger-*.jar | grep -v -e sources -e tests -e original | head -1)
java -cp "$LEDGER_JAR" -Dloader.main=org.oversight.ledger.storage.postgres.StoreLimit \
  org.springframework.boot.loader.launch.PropertiesLauncher --events "$EVENTS" --batch "${BATCH:-1000}" \
  --results "$OUT/store.properties" >&2 || echo "bench.sh: store-limit run failed" >&2
# Batch ingest of sealed (schema-2) detections (issue #12 §8): cameras seal, store the batch's blobs in one
# POST /v1/vault/blobs, then post the batch.
echo "bench.sh: ingest of sealed detections, simulator max rate --seal, $SEALED_WARMUP warm-up + $SEALED_EVENTS timed..." >&2
SKIP_BUILD=1 ops/sim.sh --rate max --seal --events "$SEALED_EVENTS" --warmup "$SEALED_WARMUP" --batch "${BATCH:-1000}" --clients "${CLIENTS:-4}" \
  --cameras "${CAMERAS:-4}" --watchlist 100 --near 0.01 --seconds 300 --drain-seconds 30 --results "$OUT/sealed.properties" >&2 \
  || echo "bench.sh: sealed max-rate run failed" >&2
echo "bench.sh: latency, simulator open loop at ${RATE:-100}/s for ${SECONDS_RATE}s, checkpoint interval ${INTERVAL_MS} ms..." >&2
SKIP_BUILD=1 LEDGER_ARGS="--oversight.checkpoint.interval-ms=$INTERVAL_MS ${LEDGER_ARGS:-}" ops/sim.sh \
  --rate "${RATE:-100}" --seconds "$SECONDS_RATE" --cameras 16 --batch 50 --reviewers 4 --confirm-share 0.5 \
  --watchlist 100 --near 0.02 --drain-seconds 60 --results "$OUT/rate.properties" >&2 || echo "bench.sh: open-loop run failed" >&2
echo "bench.sh: witness cosigning latency, two witnesses, simulator at ${WITNESS_RATE:-50}/s for ${SECONDS_RATE}s..." >&2
SKIP_BUILD=1 RATE="${WITNESS_RATE:-50}" RUN_SECONDS="$SECONDS_RATE" INTERVAL_MS="$INTERVAL_MS" \
  ops/witness-latency.sh --out "$OUT/cosign.properties" >&2 || echo "bench.sh: witness latency run failed" >&2
SIM_ARGS=()
[ -s "$OUT/cosign.properties" ] && SIM_ARGS+=(--cosign "$OUT/cosign.properties")
[ -s "$OUT/max.properties" ] && SIM_ARGS+=(--sim-max "$OUT/max.properties")
[ -s "$OUT/store.properties" ] && SIM_ARGS+=(--store-limit "$OUT/store.properties")
[ -s "$OUT/sealed.properties" ] && SIM_ARGS+=(--sim-sealed "$OUT/sealed.properties")
[ -s "$OUT/rate.properties" ] && SIM_ARGS+=(--sim-rate "$OUT/rate.properties")
# --- Native memory-read yardstick (issue 16 item 3): a C loop's read rate beside the Java yardstick's. ---
NATIVE_ARGS=()
if command -v gcc >/dev/null 2>&1; then
  echo "bench.sh: native memory-read yardstick (gcc -O3 -march=native ops/native/memread.c)..." >&2
  # Interleaved with the Java loop (MemoryReadInterleaved), so that both see the same load.
  if gcc -O3 -march=native -o "$OUT/memread" ops/native/memread.c && java -Xmx2g -cp ops/target/benchmarks.jar \
      org.oversight.ops.bench.MemoryReadInterleaved "$OUT/memread" "$OUT/memread.properties" >&2; then
    NATIVE_ARGS=(--native-memread "$OUT/memread.properties")
  else
    echo "bench.sh: native memory-read yardstick failed; its row says not available" >&2
  fi
else
  echo "bench.sh: gcc not found; the native memory-read row says not available" >&2
fi
# --- end of the native memory-read block ---
# libsodium yardstick (issue #16): a tiny C program against Debian's libsodium-dev, when present.
SODIUM_ARGS=(--libsodium-unavailable "not available (gcc or libsodium-dev missing)")
if command -v gcc >/dev/null 2>&1 && [ -f /usr/include/sodium.h ]; then
  if gcc -O2 -o "$OUT/sodium-verify" ops/sodium-verify.c -lsodium >&2; then
    SODIUM_ARGS=(--libsodium "$OUT/sodium-verify")
  else
    SODIUM_ARGS=(--libsodium-unavailable "not available (ops/sodium-verify.c did not compile)")
  fi
fi
echo "bench.sh: JMH limits..." >&2
# Other JMH runs on a shared machine hold /tmp/jmh.lock; measure anyway (the load average is printed).
java -Djmh.ignoreLock=true -cp ops/target/benchmarks.jar org.oversight.ops.bench.LimitsReport "${SIM_ARGS[@]}" "${NATIVE_ARGS[@]}" \
  --checkpoint-interval-ms "$INTERVAL_MS" "${SODIUM_ARGS[@]}" "${LIMITS_ARGS[@]}" "$@"
echo
echo "Run $START → $(date -u +%FT%TZ); load average (1/5/15 min) at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores."
