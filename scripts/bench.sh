#!/usr/bin/env bash
# The benchmark suite: the driver against Iceberg Java, DuckDB and Trino 476 on TPC-H, in one
# process on one stand-in (dev.s3tables.jdbc.bench.PeerBenchmark), every answer checked against the
# driver's before it is timed. Prints the table and writes it as markdown.
#
# Usage: scripts/bench.sh [--scale S] [--runs N] [--skip-trino] [--out FILE] [--only REGEX]
#   --scale S     TPC-H scale factor (default 1); seeded once into target/bench-data/scale-S
#   --runs N      timed runs per case after one checked warm-up run (default 5)
#   --skip-trino  leave Trino out (it needs a JDK 25 and the 820 MB server, downloaded once)
#   --out FILE    the markdown results (default target/bench-results/<date>-scale-<S>.md)
#   --only REGEX  only the cases whose name matches, e.g. 'Q1$|count'
# Needs: JDK 17 on the PATH, Maven; for Trino a JDK 25 under /usr/lib/jvm (or JAVA25_HOME) and,
# on first use, access to Maven Central. Stops Trino and the stand-in on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { echo "[bench] $*" >&2; }
die() { log "ERROR: $*"; exit 2; }
source "$root/scripts/lib/trino.sh"

args=("$@")
skip_trino=false
for a in "$@"; do [[ "$a" == "--skip-trino" ]] && skip_trino=true; done

if [[ "$skip_trino" == false ]]; then
  trino_find_java25
  command -v curl >/dev/null || die "curl is needed"
  trino_install "$(trino_cache_dir "$root")"
fi

log "building the driver and its test classes (profile bench) ..."
# One reactor build: the class path names this checkout's module classes, never the snapshot jars
# that another checkout may have installed into the shared local Maven repository.
classpath_file="$root/target/bench-peers-classpath.txt"
build=(-q -B -Pbench -pl driver -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$classpath_file")
mvn -o "${build[@]}" >&2 || mvn "${build[@]}" >&2 || die "the build failed"

label="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -z "$(git status --porcelain 2>/dev/null)" ]] || label="$label with uncommitted changes"

trino_pid_file="$root/target/bench-trino/trino.pid"
rm -f "$trino_pid_file"
java_pid=""
cleanup() {
  local rc=$?
  stop_pid "$java_pid" PeerBenchmark
  # PeerBenchmark stops Trino itself; this is for a benchmark that was killed before it could.
  [[ -s "$trino_pid_file" ]] && stop_pid "$(cat "$trino_pid_file")" Trino
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fixed heap: a heap that shrinks after each run's collection and grows again during the next
# made its page faults part of the timings, most for the engine that allocates most.
java -Xms8g -Xmx8g -cp "driver/target/test-classes:driver/target/classes:$(cat "$classpath_file")" \
  dev.s3tables.jdbc.bench.PeerBenchmark --data-dir target/bench-data --label "$label" "${args[@]}" &
java_pid=$!
wait "$java_pid"
