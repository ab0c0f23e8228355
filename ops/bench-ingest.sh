#!/usr/bin/env bash
# Ingest throughput benchmark: the simulator's max-rate mode (pre-signed batches posted back to back)
# against a freshly started ledger, then the ledger's and PostgreSQL's CPU time per event; see
# ops/sim.sh for the environment variables.
# Usage: ops/bench-ingest.sh [--events 20000] [--warmup 20000] [--batch 100] [--clients 2] [--cameras 8]
#        [--seconds 120] [--cores 2] [other simulator options]
exec "$(dirname "$0")/sim.sh" --rate max "$@"
