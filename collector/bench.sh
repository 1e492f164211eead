#!/bin/sh
# Runs the collector's benchmarks and prints one table of numbers (see collector/BENCHMARKS.md).
# Arguments are passed to the benchmark JVM, e.g. a smoke run:
#   collector/bench.sh -Dbench.parse.mb=20 -Dbench.store.runs=5 -Dbench.memory.mb=50
set -e
cd "$(dirname "$0")/.."
exec mvn -q -pl collector test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  "-Dexec.args=-Xmx1g -XX:+UseG1GC $* -cp %classpath io.testhealth.collector.bench.BenchMain"
