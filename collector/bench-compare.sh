#!/bin/sh
# Runs the benchmarks on the collector code of another revision ("before") and on the working tree ("after"),
# alternately, in one machine state, and prints each run's table (see collector/BENCHMARKS.md). Both sides run the
# working tree's benchmark code, so both are measured by the same harness; benchmarks that start the collector as a
# process (e2e, fleet, traces) start each side's own jar. Arguments after the revision are JVM
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
echo "[compare] building $rev's collector (classes and jar)" >&2
mvn -q -f "$work/pom.xml" -pl collector package -DskipTests
echo "[compare] building the working tree's collector (classes and jar) and benchmarks" >&2
mvn -q -pl collector package -DskipTests
mvn -q -pl collector dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
deps=$(cat "$work/cp.txt")
round=1
while [ "$round" -le "${BENCH_ROUNDS:-2}" ]; do
  for side in before after; do
    if [ "$side" = before ]; then classes="$work/collector/target/classes"; jar="$work/collector/target/collector.jar"
    else classes=collector/target/classes; jar=collector/target/collector.jar; fi
    echo "[compare] round $round, $side ($( [ "$side" = before ] && echo "$rev" || echo "working tree"))" >&2
    java -Xmx1g -XX:+UseG1GC -Dbench.jar="$jar" "$@" -cp "collector/target/test-classes:$classes:$deps" \
      io.testhealth.collector.bench.BenchMain > "$work/$side-$round.txt"
    echo "### round $round, $side: $( [ "$side" = before ] && echo "$rev ($(git rev-parse --short "$rev"))" || echo "working tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- collector || echo ', modified'))")"
    cat "$work/$side-$round.txt"
    echo
  done
  round=$((round + 1))
done
