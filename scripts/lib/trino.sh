# Shell functions shared by the scripts that run Trino 476 against the local stand-in
# (trino-fidelity.sh, bench.sh, lib/trino-serve.sh). Source it after defining log and die:
#   log() { echo "[name] $*" >&2; }   die() { log "ERROR: $*"; exit 2; }
# It defines functions and TRINO_VERSION only; nothing runs when it is sourced.
#
# Downloads and the unpacked server live in target/trino/ (git-ignored), shared by all scripts:
# the first use copies io.trino:trino-server:476 (~820 MB) from Maven, later uses reuse it.

TRINO_VERSION=476

# The folder that holds the downloads (dl/) and the unpacked server; $1 = repository root.
trino_cache_dir() { echo "$1/target/trino"; }

# Sets JAVA25_HOME and java25 to a JDK 25 (JAVA25_HOME if set, else the first under /usr/lib/jvm).
trino_find_java25() {
  local d
  if [[ -z "${JAVA25_HOME:-}" ]]; then
    for d in /usr/lib/jvm/*25*; do
      if [[ -x "$d/bin/java" ]]; then JAVA25_HOME="$d"; break; fi
    done
  fi
  [[ -n "${JAVA25_HOME:-}" && -x "$JAVA25_HOME/bin/java" ]] \
    || die "no JDK 25 found under /usr/lib/jvm; set JAVA25_HOME"
  java25="$JAVA25_HOME/bin/java"
  "$java25" -version 2>&1 | head -1 | grep -q '"25' \
    || die "$java25 is not Java 25: $("$java25" -version 2>&1 | head -1)"
}

# Copies one artifact into $1/dl once: trino_fetch CACHE groupId:artifactId:version:type[:classifier] FILE
trino_fetch() {
  local dl="$1/dl"
  mkdir -p "$dl"
  if [[ ! -s "$dl/$3" ]]; then
    log "downloading $2 (once) ..."
    # Run in $dl, which has no pom.xml: Maven resolves the artifact without touching the project.
    (cd "$dl" && mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="$2" -DoutputDirectory="$dl") >"$dl/mvn.log" 2>&1 \
      || { cat "$dl/mvn.log" >&2; die "could not download $2"; }
  fi
}

# Downloads (once) and unpacks (once) the server, keeping only the iceberg and tpch plugins;
# sets TRINO_SERVER_HOME. trino_install CACHE
trino_install() {
  local cache="$1" p
  TRINO_SERVER_HOME="$cache/trino-server-$TRINO_VERSION"
  [[ -f "$TRINO_SERVER_HOME/.unpacked" ]] && return 0
  trino_fetch "$cache" "io.trino:trino-server:$TRINO_VERSION:tar.gz" "trino-server-$TRINO_VERSION.tar.gz"
  log "unpacking trino-server-$TRINO_VERSION (only the iceberg and tpch plugins kept) ..."
  rm -rf "$TRINO_SERVER_HOME"
  tar -xzf "$cache/dl/trino-server-$TRINO_VERSION.tar.gz" -C "$cache"
  for p in "$TRINO_SERVER_HOME"/plugin/*; do
    case "$(basename "$p")" in iceberg|tpch) ;; *) rm -rf "$p" ;; esac
  done
  touch "$TRINO_SERVER_HOME/.unpacked"
}

# Writes a single-node coordinator's etc/ bound to 127.0.0.1, with an s3tables Iceberg REST catalog
# on the stand-in (SigV4, signing name s3tables, bucket ARN as warehouse) and a tpch catalog.
# trino_write_etc ETC DATA_DIR PORT REST_URI BUCKET_ARN S3_ENDPOINT REGION ACCESS_KEY SECRET_KEY [HEAP]
trino_write_etc() {
  local etc=$1 data=$2 port=$3 rest_uri=$4 bucket_arn=$5 s3_endpoint=$6 region=$7 key=$8 secret=$9
  local heap=${10:-2G}
  mkdir -p "$etc/catalog" "$data"
  cat >"$etc/node.properties" <<EOP
node.environment=standin
node.id=standin-coordinator
node.data-dir=$data
EOP
  cat >"$etc/jvm.config" <<EOP
-server
-Xmx$heap
-XX:G1HeapRegionSize=32M
-XX:+ExplicitGCInvokesConcurrent
-XX:+ExitOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-XX:ReservedCodeCacheSize=256M
-XX:PerMethodRecompilationCutoff=10000
-XX:PerBytecodeRecompilationCutoff=10000
-Djdk.attach.allowAttachSelf=true
-Djdk.nio.maxCachedBufferSize=2000000
-Dfile.encoding=UTF-8
-XX:+EnableDynamicAgentLoading
--enable-native-access=ALL-UNNAMED
--sun-misc-unsafe-memory-access=allow
EOP
  cat >"$etc/config.properties" <<EOP
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$port
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
discovery.uri=http://127.0.0.1:$port
query.max-memory=1GB
query.max-memory-per-node=1GB
EOP
  cat >"$etc/log.properties" <<'EOP'
io.trino=INFO
EOP
  cat >"$etc/catalog/s3tables.properties" <<EOP
connector.name=iceberg
iceberg.catalog.type=rest
iceberg.rest-catalog.uri=$rest_uri
iceberg.rest-catalog.warehouse=$bucket_arn
iceberg.rest-catalog.sigv4-enabled=true
iceberg.rest-catalog.signing-name=s3tables
iceberg.rest-catalog.view-endpoints-enabled=false
iceberg.file-format=PARQUET
fs.native-s3.enabled=true
s3.endpoint=$s3_endpoint
s3.path-style-access=true
s3.region=$region
s3.aws-access-key=$key
s3.aws-secret-key=$secret
EOP
  cat >"$etc/catalog/tpch.properties" <<'EOP'
connector.name=tpch
EOP
}

# The command line that runs the coordinator in the foreground: "${trino_command[@]}".
# trino_command_for ETC DATA_DIR (needs trino_find_java25 and trino_install first)
trino_command_for() {
  trino_command=("$TRINO_SERVER_HOME/bin/launcher" run --etc-dir "$1" --data-dir "$2" --jvm-dir "$JAVA25_HOME")
}

# Waits until /v1/info says "starting":false. trino_wait_started PORT PID LOG TIMEOUT_MS
trino_wait_started() {
  local port=$1 pid=$2 log_file=$3 timeout_ms=$4 t0
  t0=$(date +%s%3N)
  until curl -fsS "http://127.0.0.1:$port/v1/info" 2>/dev/null | grep -q '"starting":false'; do
    kill -0 "$pid" 2>/dev/null || { tail -n 60 "$log_file" >&2; die "Trino exited"; }
    (( $(date +%s%3N) - t0 < timeout_ms )) || { tail -n 60 "$log_file" >&2; die "Trino was not ready in $((timeout_ms / 1000)) s"; }
    sleep 0.5
  done
}

# Stops a process: TERM, up to 30 s, then KILL. stop_pid PID NAME
stop_pid() {
  local pid=$1 name=$2 i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  log "$name ($pid) did not stop in 30 s; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

# Prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local p i
  for i in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
