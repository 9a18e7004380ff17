#!/usr/bin/env bash
# The read path's figures: a full scan of tpch.lineitem through the driver against Iceberg's own
# generic reader in the same process, the data files a one-month filter reads, and the warm latency of
# select count(*) from tpch.lineitem.
# Usage: scripts/bench-read-path.sh [--scale S] [--runs N] [--count-runs N] [--only count] [--data-dir DIR]
#   (default scale 1, 3 runs, 21 count runs)
# The first run at a scale seeds it into target/bench-data (scale 1: about 30 s, 220 MB).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# One reactor build, as bench.sh does: the class path names this checkout's module classes, and
# nothing is installed into the local Maven repository.
classpath_file="$root/target/bench-classpath.txt"
build=(-q -B -pl driver -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$classpath_file")
mvn -o "${build[@]}" >&2 || mvn "${build[@]}" >&2
exec java -Xmx4g -cp "driver/target/test-classes:driver/target/classes:$(cat "$classpath_file")" \
  dev.s3tables.jdbc.bench.ReadPathBenchmark --data-dir target/bench-data "$@"
