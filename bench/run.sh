#!/usr/bin/env bash
# Runs one NAJM benchmark on the installed modules, from the repository root.
#   bench/run.sh IngestBench [-Dbench.seconds=8 ...]
#   bench/run.sh CommandLatencyBench [-Dbench.commands=100 ...]
# Builds first unless BENCH_NO_BUILD=1. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
main="${1:?usage: bench/run.sh IngestBench|CommandLatencyBench [-Dprop=value ...]}"
shift
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
    mvn -B -q -ntp install -DskipTests
    mvn -B -q -ntp -Pbench -pl bench package -DskipTests
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx3g} "$@" -cp "$cp" "org.najm.bench.${main}"
