#!/bin/sh
# Runs the benchmarks on the collector code of another revision ("before") and on the working tree ("after"),
# alternately, in one machine state, and prints each run's table (see collector/BENCHMARKS.md). Both sides run the
# working tree's benchmark code, so both are measured by the same harness. Arguments after the revision are JVM
# options for the benchmark JVM, as for bench.sh, e.g.:
#   collector/bench-compare.sh main -Dbench.only=parse
#   collector/bench-compare.sh main -Dbench.only=upload
# BENCH_ROUNDS (default 2) sets how many before/after pairs are run.
set -e
rev=${1:?usage: collector/bench-compare.sh REVISION [JVM options...]}
shift
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive "$rev" | tar -x -C "$work"
echo "[compare] compiling $rev's collector" >&2
mvn -q -f "$work/pom.xml" -pl collector compile
echo "[compare] compiling the working tree's collector and benchmarks" >&2
mvn -q -pl collector test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
deps=$(cat "$work/cp.txt")
round=1
while [ "$round" -le "${BENCH_ROUNDS:-2}" ]; do
  for side in before after; do
    if [ "$side" = before ]; then classes="$work/collector/target/classes"; else classes=collector/target/classes; fi
    echo "[compare] round $round, $side ($( [ "$side" = before ] && echo "$rev" || echo "working tree"))" >&2
    java -Xmx1g -XX:+UseG1GC "$@" -cp "collector/target/test-classes:$classes:$deps" \
      io.testhealth.collector.bench.BenchMain > "$work/$side-$round.txt"
    echo "### round $round, $side: $( [ "$side" = before ] && echo "$rev ($(git rev-parse --short "$rev"))" || echo "working tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- collector || echo ', modified'))")"
    cat "$work/$side-$round.txt"
    echo
  done
  round=$((round + 1))
done
