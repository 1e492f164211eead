#!/bin/sh
# Runs the collector's benchmarks and prints one table of numbers (see collector/BENCHMARKS.md).
# Arguments are passed to the benchmark JVM, e.g. a smoke run:
#   collector/bench.sh -Dbench.parse.mb=20 -Dbench.store.runs=5 -Dbench.memory.mb=50
# The end-to-end, fleet and trace benchmarks (-Dbench.only=e2e,fleet,traces) start the collector jar as users do, so
# for them the jar is built first, from the sources being measured:
#   collector/bench.sh -Dbench.only=e2e,fleet
set -e
cd "$(dirname "$0")/.."
phase=test-compile
case "$*" in
  *traces.process=false*) ;;
  *bench.only=*e2e*|*bench.only=*fleet*|*bench.only=*traces*) phase="package -DskipTests" ;;
esac
exec mvn -q -pl collector $phase exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  "-Dexec.args=-Xmx1g -XX:+UseG1GC $* -cp %classpath io.testhealth.collector.bench.BenchMain"
