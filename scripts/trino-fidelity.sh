#!/usr/bin/env bash
# Trino fidelity check for the local S3 Tables stand-in (test-harness/target/s3tables-local.jar).
#
# Starts the stand-in with explicit credentials, points Trino 476 at it through Trino's Iceberg
# REST catalog (SigV4, signing name s3tables, bucket ARN as warehouse), then creates, fills,
# queries and deletes from a table with the Trino CLI and checks every answer.
# Prints PASS/FAIL per step, Trino's time to ready and a summary line; exits non-zero on any FAIL.
# Stops Trino and the stand-in on exit, whatever happened.
#
# Run from anywhere:   scripts/trino-fidelity.sh
# Needs: JDK 17 (java on PATH, for the stand-in), a JDK 25 for Trino (found under /usr/lib/jvm,
# or set JAVA25_HOME), Maven with access to Maven Central, curl. The first run downloads
# trino-server 476 (~820 MB) and trino-cli into target/trino/ (git-ignored, shared with bench.sh;
# see lib/trino.sh); later runs reuse them. Logs of the last run stay in target/trino-fidelity/run/.
set -euo pipefail

script_start_ms=$(date +%s%3N)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/target/trino-fidelity"
run="$work/run"
standin_jar="$root/test-harness/target/s3tables-local.jar"

log() { echo "[fidelity] $*" >&2; }
die() { log "ERROR: $*"; exit 2; }
elapsed_ms() { echo $(( $(date +%s%3N) - $1 )); }
fmt_s() { printf '%d.%03d s' $(( $1 / 1000 )) $(( $1 % 1000 )); }
source "$root/scripts/lib/trino.sh"

# ---- Java 25 for Trino -------------------------------------------------------------------------
trino_find_java25
command -v java >/dev/null || die "no java (17) on PATH for the stand-in"
command -v curl >/dev/null || die "curl is needed"

# ---- 1. downloads (once) -----------------------------------------------------------------------
cache="$(trino_cache_dir "$root")"
trino_install "$cache"
trino_fetch "$cache" "io.trino:trino-cli:$TRINO_VERSION:jar:executable" "trino-cli-$TRINO_VERSION-executable.jar"
cli_jar="$cache/dl/trino-cli-$TRINO_VERSION-executable.jar"

if [[ ! -f "$standin_jar" ]]; then
  log "building the stand-in jar ..."
  (cd "$root" && mvn -q -o -pl test-harness -DskipTests package) || die "could not build $standin_jar"
fi

# ---- processes and cleanup ---------------------------------------------------------------------
rm -rf "$run"
mkdir -p "$run"
standin_pid=""
trino_pid=""
cleanup() {
  local rc=$?
  stop_pid "$trino_pid" Trino
  stop_pid "$standin_pid" stand-in
  log "stopped Trino and the stand-in; logs in $run"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Reads one key of a Java properties file written by Properties.store (values escaped: "http\://").
prop() {
  local line
  line=$(grep -m1 -E "^$1[[:space:]]*=" "$2") || die "no key $1 in $2"
  printf '%s' "${line#*=}" | sed -E 's/^[[:space:]]+//; s/\\(.)/\1/g'
}

# ---- 2. the stand-in ---------------------------------------------------------------------------
access_key="AKIAFIDELITYTRINO476"
secret_key="fidelity-secret-$RANDOM$RANDOM"
ready_file="$run/standin.ready"
log "starting the stand-in ..."
java -jar "$standin_jar" --data-dir "$run/standin-data" --ready-file "$ready_file" \
  --access-key-id "$access_key" --secret-access-key "$secret_key" >"$run/standin.log" 2>&1 &
standin_pid=$!
t0=$(date +%s%3N)
until [[ -s "$ready_file" ]]; do
  kill -0 "$standin_pid" 2>/dev/null || { tail -n 40 "$run/standin.log" >&2; die "the stand-in exited"; }
  (( $(elapsed_ms "$t0") < 120000 )) || die "the stand-in was not ready in 120 s"
  sleep 0.2
done
rest_uri=$(prop rest.uri "$ready_file")
bucket_arn=$(prop bucket.arn "$ready_file")
region=$(prop region "$ready_file")
s3_endpoint=$(prop s3.endpoint "$ready_file")
[[ "$(prop user "$ready_file")" == "$access_key" ]] || die "the stand-in did not take the given access key"
log "stand-in ready in $(fmt_s "$(elapsed_ms "$t0")"): REST $rest_uri, S3 $s3_endpoint, bucket $bucket_arn"

# ---- 3. Trino ----------------------------------------------------------------------------------
port=$(free_port) || die "no free port"
etc="$run/etc"
trino_write_etc "$etc" "$run/trino-data" "$port" "$rest_uri" "$bucket_arn" "$s3_endpoint" "$region" \
  "$access_key" "$secret_key" 2G
trino_command_for "$etc" "$run/trino-data"

log "starting Trino $TRINO_VERSION on 127.0.0.1:$port with $JAVA25_HOME ..."
trino_t0=$(date +%s%3N)
"${trino_command[@]}" >"$run/trino.log" 2>&1 &
trino_pid=$!
trino_wait_started "$port" "$trino_pid" "$run/trino.log" 300000
trino_ready_ms=$(elapsed_ms "$trino_t0")
log "Trino answers /v1/info with \"starting\":false after $(fmt_s "$trino_ready_ms")"

out=""
sql() { # runs one statement; stdout (TSV, no header) and stderr both land in $out; returns its status
  local rc=0
  # The flags keep Java 25's native-access warning and jline's "no system terminal" warning out of
  # the output that is compared; stdin is closed so the CLI never waits for a terminal.
  out=$(TERM=dumb "$java25" --enable-native-access=ALL-UNNAMED -Dorg.jline.terminal.dumb=true \
          -jar "$cli_jar" --server "http://127.0.0.1:$port" --user fidelity \
          --output-format TSV --execute "$1" </dev/null 2>&1) || rc=$?
  return $rc
}

# "starting":false comes a moment before the coordinator has announced itself as a worker; until
# then queries fail with "No nodes available to run query". Wait for a first query to succeed.
until sql "SELECT count(*) FROM tpch.tiny.region"; do
  [[ "$out" == *"No nodes available"* ]] || { printf '%s\n' "$out" >&2; die "Trino's first query failed"; }
  (( $(elapsed_ms "$trino_t0") < 300000 )) || die "Trino had no active node after 300 s"
  sleep 0.5
done
query_ready_ms=$(elapsed_ms "$trino_t0")
log "Trino ready (first query answered) $(fmt_s "$query_ready_ms") after its start"

# ---- 4. the statements -------------------------------------------------------------------------
passed=0
failed=0
failed_steps=()
report() { # name ok(0/1) detail
  if [[ "$2" == 0 ]]; then
    passed=$((passed + 1)); echo "PASS  $1"
  else
    failed=$((failed + 1)); failed_steps+=("${1% (*}"); echo "FAIL  $1"
    [[ -n "$3" ]] && printf '%s\n' "$3" | sed 's/^/      | /'
  fi
  return 0
}
step() { # name sql expected-output ('*' = only the exit status counts, '' = no output)
  local name=$1 stmt=$2 want=$3 t=$(date +%s%3N) ok=0
  if sql "$stmt"; then
    if [[ "$want" != "*" && "$out" != "$want" ]]; then ok=1; fi
  else
    ok=1
  fi
  report "$name ($(fmt_s "$(elapsed_ms "$t")"))" "$ok" \
    "$( [[ $ok != 0 ]] && printf 'statement: %s\nexpected: %s\ngot:\n%s' "$stmt" "$( [[ $want == "*" ]] && echo "exit status 0" || echo "${want:-(no output)}" )" "$out" )"
}

# Expected answers, computed by hand from TPC-H's nation table (25 rows, nationkeys 0..24, sum 300;
# regionkey 1 = ARGENTINA 1, BRAZIL 2, CANADA 3, PERU 17, UNITED STATES 24):
#   after CTAS + INSERT of nationkey < 5: 25 + 5 = 30 rows, sum 300 + (0+1+2+3+4) = 310;
#   regionkey = 1 among those 30 rows: 5 + 3 (keys 1, 2, 3 twice) = 8, so 30 - 8 = 22 remain.
# Step 0 has Trino's tpch connector confirm these numbers independently of the stand-in.
step "0 tpch reference answers (30 310 8 22)" \
  "SELECT count(*) + count_if(nationkey < 5), sum(nationkey) + sum(CASE WHEN nationkey < 5 THEN nationkey ELSE 0 END), count_if(regionkey = 1) + count_if(regionkey = 1 AND nationkey < 5), count(*) + count_if(nationkey < 5) - count_if(regionkey = 1) - count_if(regionkey = 1 AND nationkey < 5) FROM tpch.tiny.nation" \
  $'30\t310\t8\t22'
step "1 CREATE SCHEMA" "CREATE SCHEMA s3tables.fidelity" "*"
step "2 CREATE TABLE AS (25 rows)" \
  "CREATE TABLE s3tables.fidelity.nation AS SELECT * FROM tpch.tiny.nation" "CREATE TABLE: 25 rows"
step "3 INSERT (5 rows)" \
  "INSERT INTO s3tables.fidelity.nation SELECT * FROM tpch.tiny.nation WHERE nationkey < 5" "INSERT: 5 rows"
step "4 SELECT count, sum = 30, 310" \
  "SELECT count(*), sum(nationkey) FROM s3tables.fidelity.nation" $'30\t310'
step "5 SELECT name WHERE nationkey = 7 = GERMANY" \
  "SELECT name FROM s3tables.fidelity.nation WHERE nationkey = 7" "GERMANY"
step "6 DELETE WHERE regionkey = 1 (8 rows)" \
  "DELETE FROM s3tables.fidelity.nation WHERE regionkey = 1" "DELETE: 8 rows"
step "7 SELECT count after DELETE = 22" \
  "SELECT count(*) FROM s3tables.fidelity.nation" "22"
step "8 SHOW TABLES = nation" "SHOW TABLES FROM s3tables.fidelity" "nation"

# $snapshots: one snapshot per statement (CTAS, INSERT, DELETE), in order, each the parent of the next.
t=$(date +%s%3N)
if sql 'SELECT * FROM s3tables.fidelity."nation$snapshots" ORDER BY committed_at'; then
  snaps=$out
  # columns: committed_at, snapshot_id, parent_id, operation, manifest_list, summary
  shape=$(printf '%s\n' "$snaps" | awk -F'\t' '
    { n++; op[n]=$4; id[n]=$2; parent[n]=$3 }
    END {
      chain = "ok"
      for (i = 2; i <= n; i++) if (parent[i] != id[i-1]) chain = "broken"
      printf "%d %s %s %s %s", n, op[1], op[2], (n >= 3 ? op[3] : "-"), chain
    }')
  # Trino's DELETE writes position deletes only: Iceberg calls that row delta a "delete" ("overwrite"
  # if it also added data files).
  if [[ "$shape" =~ ^3\ append\ append\ (delete|overwrite)\ ok$ ]]; then ok=0; else ok=1; fi
  report "9 \$snapshots = append, append, delete ($(fmt_s "$(elapsed_ms "$t")"))" "$ok" \
    "expected: 3 snapshots append, append, delete|overwrite, each the parent of the next; got: $shape"$'\n'"$snaps"
  printf '%s\n' "$snaps" | awk -F'\t' '{ printf "      %s  %-9s %s\n", $2, $4, $6 }'
else
  report "9 \$snapshots ($(fmt_s "$(elapsed_ms "$t")"))" 1 "$out"
fi

step "10 DROP TABLE" "DROP TABLE s3tables.fidelity.nation" "*"
step "11 SHOW TABLES after DROP = empty" "SHOW TABLES FROM s3tables.fidelity" ""
step "12 DROP SCHEMA" "DROP SCHEMA s3tables.fidelity" "*"
step "13 schema gone" \
  "SELECT count(*) FROM s3tables.information_schema.schemata WHERE schema_name = 'fidelity'" "0"

# ---- summary -----------------------------------------------------------------------------------
if (( failed > 0 )); then
  log "failed steps: $(IFS=';'; echo "${failed_steps[*]}")"
  log "stand-in log, last lines (full log: $run/standin.log):"
  tail -n 30 "$run/standin.log" >&2 || true
  log "Trino server log lines with WARN/ERROR (full log: $run/trino.log):"
  grep -E $'\t(WARN|ERROR)\t' "$run/trino.log" | tail -n 30 >&2 || true
fi
total_ms=$(elapsed_ms "$script_start_ms")
result=PASS
(( failed == 0 )) || result=FAIL
echo "Trino ready in $(fmt_s "$query_ready_ms") (first query answered; /v1/info \"starting\":false at $(fmt_s "$trino_ready_ms")); total script time $(fmt_s "$total_ms")"
echo "trino-fidelity: $result: $passed passed, $failed failed"
(( failed == 0 ))
