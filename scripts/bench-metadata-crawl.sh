#!/usr/bin/env bash
# DBeaver's metadata crawl over many tables: the first crawl on a new connection and warm crawls,
# with the stand-in's request counts. Usage: scripts/bench-metadata-crawl.sh [--namespaces N] [--tables M] [--runs R]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -pl driver -am -DskipTests install >&2
mvn -q -B -pl driver test-compile dependency:build-classpath -Dmdep.outputFile="$root/target/bench-classpath.txt" >&2
exec java -Xmx2g -cp "driver/target/test-classes:driver/target/classes:calcite-adapter/target/classes:test-harness/target/classes:$(cat "$root/target/bench-classpath.txt")" \
  dev.s3tables.jdbc.bench.MetadataCrawlBenchmark "$@"
