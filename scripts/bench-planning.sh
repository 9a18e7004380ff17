#!/usr/bin/env bash
# Planning against execution for the TPC-H cases of the peer benchmark (--only picks any case by name), through the driver alone:
# per query the median ms of prepareStatement and of executeQuery to the last row; --explain also
# prints each physical plan.
# Usage: scripts/bench-planning.sh [--scale S] [--runs N] [--only REGEX] [--explain]
#   (default scale 1, 3 runs; the data is seeded into target/bench-data on first use, as bench.sh does)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
classpath_file="$root/target/bench-planning-classpath.txt"
build=(-q -B -pl driver -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$classpath_file")
mvn -o "${build[@]}" >&2 || mvn "${build[@]}" >&2
exec java -Xms8g -Xmx8g -cp "driver/target/test-classes:driver/target/classes:$(cat "$classpath_file")" \
  dev.s3tables.jdbc.bench.PlanningBenchmark --data-dir target/bench-data "$@"
