#!/usr/bin/env bash
# Runs one benchmark from two checkouts in turn, round by round (A B, then B A, ...), so that a before and an
# after are measured side by side on the same machine, under the same load.
#   bench/run-ab.sh <checkout A> <rounds> PassPlanningBench -Dbench.targetOnly=true
# A is the other checkout (e.g. `git worktree add --detach ../before <commit>`), B this one. Both must be built:
#   mvn -o -q test-compile -pl common,simulator,yamcs-plugin && mvn -o -q -Pbench -pl bench compile
# Each run is a plain java process on that checkout's own classes (the installed najm-* jars are left out), from
# that checkout's root. Reports go to bench/results/ab-<name>-<time>/{A,B}-<round>.txt of this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
a="$(cd "${1:?usage: bench/run-ab.sh <checkout A> <rounds> <Bench> [-Dprop=value ...]}" && pwd)"
rounds="${2:?rounds}"
main="${3:?benchmark class}"
shift 3
b="$(pwd)"
deps="$(tr ':' '\n' < bench/target/classpath.txt | grep -v '/org/najm/' | paste -sd: -)"
out="bench/results/ab-${main}-$(date -u +%Y-%m-%dT%H%M%S)"
mkdir -p "$out"
classes() {
    echo "$1/bench/target/classes:$1/common/target/classes:$1/simulator/target/classes:$1/yamcs-plugin/target/classes:$1/yamcs-plugin/target/test-classes:$deps"
}
run() { # label checkout round
    echo "== $1 ($2), round $3" >&2
    (cd "$2" && java ${BENCH_JAVA_OPTS:--Xms1g -Xmx3g} "${props[@]}" -cp "$(classes "$2")" "org.najm.bench.${main}") \
        > "$out/$1-$3.txt"
}
props=("$@")
for ((i = 1; i <= rounds; i++)); do
    if ((i % 2 == 1)); then run A "$a" "$i"; run B "$b" "$i"; else run B "$b" "$i"; run A "$a" "$i"; fi
done
echo "$out"
