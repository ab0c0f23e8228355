#!/usr/bin/env bash
# The integrator's command line (docs/java-client.md §6): generate-key, public-key,
# enrolment-request, seal-entry (a sealed watchlist entry: unsigned event + vault blob), sign,
# submit (--blob stores a sealed blob first). Needs the ops jar: mvn -B -ntp -q -pl ops -am package -DskipTests
# Usage: ops/oversight-cli.sh <command> [options]   (ops/oversight-cli.sh --help)
set -euo pipefail
JAR="$(cd "$(dirname "$0")" && pwd)/target/benchmarks.jar"
if [ ! -f "$JAR" ]; then
  echo "oversight-cli: missing $JAR (build it: mvn -B -ntp -q -pl ops -am package -DskipTests)" >&2
  exit 2
fi
exec java -cp "$JAR" org.oversight.ops.cli.IntegratorCli "$@"
