#!/usr/bin/env bash
# Prints the CPU time used so far, in milliseconds, by a ledger JVM and by its embedded PostgreSQL:
#   "<ledger_ms> <jit_ms> <postgres_ms>"
# ledger_ms   = utime + stime of the JVM (all its threads), from /proc/<pid>/stat;
# jit_ms      = the part of ledger_ms spent by its JIT compiler threads ("C1/C2 CompilerThread*"), which a
#               long-running ledger no longer spends once its hot code is compiled;
# postgres_ms = utime + stime + cutime + cstime of the postmaster (cutime/cstime: backends that
#               already exited and were reaped) + utime + stime of its live children (backends,
#               walwriter, checkpointer, ...).
# Usage: ops/cpu-ticks.sh <ledger pid> <postgres data directory (holds postmaster.pid)>
set -euo pipefail
LEDGER_PID=$1
PGDATA=$2
HZ=$(getconf CLK_TCK)
# Fields after the "(comm)" part of /proc/<pid>/stat: $1 = state (field 3), so utime = $12 (field 14),
# stime = $13, cutime = $14, cstime = $15, and ppid = $2.
ledger=$(sed -e 's/^.*) //' "/proc/$LEDGER_PID/stat" | awk '{print $12 + $13}')
pm=$(head -1 "$PGDATA/postmaster.pid")
# One awk over every process's stat (comm may hold spaces: strip up to the last ") " first).
pg=$( { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$pm" '{ pid = $1; sub(/^.*\) /, ""); split($0, f, " ");
       if (pid == pm) t += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) t += f[12] + f[13] }
     END { print t + 0 }')
jit=$( { cat /proc/"$LEDGER_PID"/task/*/stat 2>/dev/null || true; } | awk '/\(C[12] CompilerThre/ {
       sub(/^.*\) /, ""); split($0, f, " "); t += f[12] + f[13] } END { print t + 0 }')
echo "$((ledger * 1000 / HZ)) $((jit * 1000 / HZ)) $((pg * 1000 / HZ))"
