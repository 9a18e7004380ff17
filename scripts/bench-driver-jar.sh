#!/usr/bin/env bash
# The driver jar's figures: its size, and cold start from JVM start to the first row of
# SELECT * FROM tpch.nation through the jar alone on the class path, against the local stand-in
# with demo data. Baseline in the same run: the same program on the driver's unshaded class path
# (target/classes plus every dependency jar), which shows what packaging costs or saves.
# Usage: scripts/bench-driver-jar.sh [--runs N]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs=5
if [[ "${1:-}" == "--runs" ]]; then runs="$2"; fi

mvn -q -B -pl driver -am -DskipTests install >&2
mvn -q -B -pl driver dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$root/target/driver-runtime-classpath.txt" >&2
jar="$(ls driver/target/s3tables-jdbc-*.jar | grep -v original- | head -1)"
unshaded="driver/target/classes:calcite-adapter/target/classes:$(cat "$root/target/driver-runtime-classpath.txt")"

work="$(mktemp -d)"
java -jar test-harness/target/s3tables-local.jar --demo --ready-file "$work/ready" >"$work/stand-in.log" 2>&1 &
stand_in=$!
trap 'kill $stand_in 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do [[ -f "$work/ready" ]] && break; sleep 0.5; done
[[ -f "$work/ready" ]] || { cat "$work/stand-in.log" >&2; echo "stand-in did not start" >&2; exit 1; }
prop() { grep "^$1=" "$work/ready" | cut -d= -f2- | sed 's/\\//g'; }
url="$(prop url)"; user="$(prop user)"; password="$(prop password)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
measure() { # $1 = class path; prints "first-row-ms wall-ms" per run
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    out="$(java -cp "$1:driver/target/test-classes" dev.s3tables.jdbc.jar.FirstRow "$url" "$user" "$password" 2>/dev/null)"
    end=$(date +%s%N)
    grep -q "rows 25" <<<"$out" || { echo "unexpected output: $out" >&2; exit 1; }
    echo "$(sed -n 's/.* after \([0-9]*\) ms/\1/p' <<<"$out") $(( (end - start) / 1000000 ))"
  done
}
jar_runs="$(measure "$jar")"
cp_runs="$(measure "$unshaded")"
jar_first=$(awk '{print $1}' <<<"$jar_runs" | median); jar_wall=$(awk '{print $2}' <<<"$jar_runs" | median)
cp_first=$(awk '{print $1}' <<<"$cp_runs" | median); cp_wall=$(awk '{print $2}' <<<"$cp_runs" | median)
printf 'driver jar %s: %.1f MB, %d entries\n' "$(basename "$jar")" "$(echo "$(stat -c %s "$jar") / 1048576" | bc -l)" "$(unzip -l "$jar" | tail -1 | awk '{print $2}')"
printf 'cold start to first row of select * from tpch.nation, median of %d runs (JVM start -> first row; whole process):\n' "$runs"
printf '  baseline  unshaded class path  %5d ms  %5d ms\n' "$cp_first" "$cp_wall"
printf '  driver    the one jar          %5d ms  %5d ms  ratio %.2fx\n' "$jar_first" "$jar_wall" "$(echo "$jar_first / $cp_first" | bc -l)"
