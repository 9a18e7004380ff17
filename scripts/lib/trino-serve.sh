#!/usr/bin/env bash
# Runs a Trino 476 coordinator in the foreground against a running stand-in; the benchmark suite
# (PeerBenchmark) starts it as a child process and stops it when done. The server must already be
# installed (bench.sh does that through trino_install).
# Usage: scripts/lib/trino-serve.sh RUN_DIR PORT REST_URI BUCKET_ARN S3_ENDPOINT REGION ACCESS_KEY SECRET_KEY [HEAP]
set -euo pipefail
log() { echo "[trino-serve] $*" >&2; }
die() { log "ERROR: $*"; exit 2; }
(( $# >= 8 )) || die "usage: $0 RUN_DIR PORT REST_URI BUCKET_ARN S3_ENDPOINT REGION ACCESS_KEY SECRET_KEY [HEAP]"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/scripts/lib/trino.sh"

run=$1
trino_find_java25
TRINO_SERVER_HOME="$(trino_cache_dir "$root")/trino-server-$TRINO_VERSION"
[[ -f "$TRINO_SERVER_HOME/.unpacked" ]] || die "no Trino server in $TRINO_SERVER_HOME; run scripts/bench.sh or scripts/trino-fidelity.sh once"
rm -rf "$run/etc" "$run/trino-data"
trino_write_etc "$run/etc" "$run/trino-data" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "${9:-2G}"
trino_command_for "$run/etc" "$run/trino-data"
exec "${trino_command[@]}"
