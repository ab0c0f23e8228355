# Shell functions that prepare, start and stop `verifier witness` processes (live auditors, issue #13)
# for the ops scripts. Source it from bash with `set -euo pipefail`; it defines functions only.
#
#   witness_prepare <verifier-jar> <dir> <key-name>
#                        creates <dir>, a witness key (<dir>/witness.key, owner-only; its vkey in
#                        <dir>/witness.vkey) and picks a free loopback port (<dir>/url)
#   witness_start <verifier-jar> <dir> <ledger-url> <log-vkey-file> [<vault-token-file>]
#                        starts the witness of <dir> (state <dir>/state, output <dir>/witness.log)
#                        and waits until it listens; records its pid for witness_stop_all. With a
#                        vault token (a ledger credential of role witness) the witness fetches and
#                        opens the sealed records of its epochs (--vault-token, decision 0001 item 4)
#   witness_status <dir> writes the witness's one-line status (GET /status) to <dir>/status.txt
#   witness_stop_all     SIGTERM to every witness started here, SIGKILL after 10 s

WITNESS_PIDS=()
WITNESS_PORTS=()

# Sets WITNESS_PORT to a loopback port nothing listens on (checked by connecting), not handed out
# before by this shell (no subshell: the list of ports handed out must persist).
WITNESS_PORT=""
witness_free_port() {
  local p u used _
  for _ in $(seq 1 200); do
    # Below Linux's ephemeral range (32768-60999): a port the kernel hands out for port 0 (the
    # ledger's) or an outgoing connection cannot take it between this check and the witness's bind.
    p=$(( 20000 + RANDOM % 12000 ))
    used=0
    for u in ${WITNESS_PORTS[@]+"${WITNESS_PORTS[@]}"}; do [ "$u" != "$p" ] || used=1; done
    [ "$used" = 0 ] || continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      WITNESS_PORTS+=("$p")
      WITNESS_PORT=$p
      return 0
    fi
  done
  echo "witness: no free loopback port found" >&2
  return 2
}

witness_prepare() {
  local jar="$1" dir="$2" name="$3"
  mkdir -p "$dir"
  java -jar "$jar" witness-key --name "$name" --out "$dir/witness.key" >"$dir/witness.vkey"
  witness_free_port
  echo "http://127.0.0.1:$WITNESS_PORT" >"$dir/url"
}

witness_start() {
  local jar="$1" dir="$2" ledger="$3" vkey="$4" token="${5:-}" url pid _
  local vault=()
  [ -z "$token" ] || vault=(--vault-token "@$token")
  url=$(cat "$dir/url")
  java -jar "$jar" witness --log-key "@$vkey" --key "@$dir/witness.key" --ledger "$ledger" \
    --state "$dir/state" --listen "${url#http://}" ${vault[@]+"${vault[@]}"} >"$dir/witness.log" 2>&1 &
  pid=$!
  WITNESS_PIDS+=("$pid")
  echo "$pid" >"$dir/pid"
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$dir/witness.log" >&2
      echo "witness: exited during start (output above, $dir/witness.log)" >&2
      return 2
    fi
    if grep -q 'listening on' "$dir/witness.log" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "witness: not listening within 60 s ($dir/witness.log)" >&2
  return 2
}

witness_status() {
  local dir="$1"
  curl -sS --max-time 10 "$(cat "$dir/url")/status" >"$dir/status.txt" 2>&1 || true
}

witness_stop_all() {
  local pid _
  for pid in ${WITNESS_PIDS[@]+"${WITNESS_PIDS[@]}"}; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in ${WITNESS_PIDS[@]+"${WITNESS_PIDS[@]}"}; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "witness: $pid did not stop within 10 s of SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  WITNESS_PIDS=()
}
