# Shell functions that start and stop a ledger for the ops scripts (demo, simulator, examples).
# Source it from bash with `set -euo pipefail`; it defines functions only.
#
#   ledger_jar                                   prints the built ledger jar's path (empty if none)
#   ledger_issue <jar> <credentials> <principal> <roles> <token-file>
#                                                issues an API credential; the token file gets mode 600
#   ledger_start <jar> <data-dir> <log> [spring args...]
#                                                starts the ledger on a free loopback port; sets LEDGER_PID
#   ledger_wait <log> <seconds>                  waits until it is healthy; sets LEDGER_URL (exit 2 if not)
#   ledger_stop <data-dir>                       SIGTERM, then SIGKILL after 60 s; stops an orphaned
#                                                embedded PostgreSQL of <data-dir> if one is left

ledger_jar() {
  ls ledger/target/oversight-ledger-*.jar 2>/dev/null | grep -v -e sources -e tests -e original | head -1 || true
}

ledger_issue() {
  local jar="$1" credentials="$2" principal="$3" roles="$4" token_file="$5"
  ( umask 077
    java -cp "$jar" -Dloader.main=org.oversight.ledger.security.IssueCredential \
      org.springframework.boot.loader.launch.PropertiesLauncher "$credentials" "$principal" "$roles" | tail -1 >"$token_file" )
}

LEDGER_PID=""
LEDGER_URL=""
ledger_start() {
  local jar="$1" data="$2" log="$3"
  shift 3
  # shellcheck disable=SC2086
  java ${LEDGER_OPTS:-} -Daxoniq.update-checker.disabled=true -jar "$jar" \
    --server.address=127.0.0.1 --server.port=0 --oversight.data-dir="$data" "$@" >"$log" 2>&1 &
  LEDGER_PID=$!
}

ledger_wait() {
  local log="$1" seconds="$2" port="" i
  for i in $(seq 1 $(( seconds * 2 ))); do
    if ! kill -0 "$LEDGER_PID" 2>/dev/null; then
      tail -40 "$log" >&2
      echo "ledger: exited during start (log above, $log)" >&2
      return 2
    fi
    [ -n "$port" ] || port=$(sed -n 's/.*Tomcat started on port \([0-9][0-9]*\).*/\1/p' "$log" | head -1)
    if [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then
      LEDGER_URL="http://127.0.0.1:$port"
      return 0
    fi
    sleep 0.5
  done
  tail -40 "$log" >&2
  echo "ledger: not healthy within $seconds s (log above, $log)" >&2
  return 2
}

ledger_stop() {
  local data="$1" pidfile pg
  if [ -n "$LEDGER_PID" ] && kill -0 "$LEDGER_PID" 2>/dev/null; then
    kill -TERM "$LEDGER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LEDGER_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$LEDGER_PID" 2>/dev/null; then
      echo "ledger: did not stop within 60 s of SIGTERM; killing it" >&2
      kill -KILL "$LEDGER_PID" 2>/dev/null || true
    fi
  fi
  [ -z "$LEDGER_PID" ] || wait "$LEDGER_PID" 2>/dev/null || true
  LEDGER_PID=""
  # After a SIGKILL its embedded PostgreSQL would outlive it: stop that postmaster (it serves $data).
  for pidfile in $(find "$data" -name postmaster.pid 2>/dev/null); do
    pg=$(head -1 "$pidfile")
    if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then
      echo "ledger: stopping orphaned PostgreSQL $pg" >&2
      kill -INT "$pg" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pg" 2>/dev/null || break; sleep 1; done
    fi
  done
}
