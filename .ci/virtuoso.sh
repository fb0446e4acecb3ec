#!/usr/bin/env bash
# A throw-away Virtuoso on 127.0.0.1 for the push/remote-store tests
# (after ../shared/recipes/virtuoso.md).
#
#   .ci/virtuoso.sh install   apt-get install virtuoso-opensource if virtuoso-t is missing
#   .ci/virtuoso.sh start     start it on a temporary database folder, wait until it answers,
#                             grant SPARQL Update to the anonymous SPARQL user, and print
#                             "export KG_TEST_VIRTUOSO=http://127.0.0.1:PORT/sparql" on stdout
#   .ci/virtuoso.sh stop      shut it down and delete the database folder
#
# Typical use:  eval "$(.ci/virtuoso.sh start)"; pytest ...; .ci/virtuoso.sh stop
# Environment:  KG_VIRTUOSO_HTTP_PORT (18990), KG_VIRTUOSO_ISQL_PORT (11211),
#               KG_VIRTUOSO_STATE (state file, default ${TMPDIR:-/tmp}/kg-virtuoso.state),
#               KG_VIRTUOSO_WAIT (seconds to wait for start-up, default 90).
# Never run against a shared server: the grant lets anyone on 127.0.0.1 write.
set -euo pipefail

HTTP_PORT=${KG_VIRTUOSO_HTTP_PORT:-18990}
ISQL_PORT=${KG_VIRTUOSO_ISQL_PORT:-11211}
STATE=${KG_VIRTUOSO_STATE:-${TMPDIR:-/tmp}/kg-virtuoso.state}
WAIT=${KG_VIRTUOSO_WAIT:-90}
INI=/etc/virtuoso-opensource-7/virtuoso.ini

log() { echo "virtuoso.sh: $*" >&2; }

install() {
    if command -v virtuoso-t >/dev/null; then return 0; fi
    log "installing virtuoso-opensource"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq virtuoso-opensource >&2
}

answers() {
    python3 - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "?query=ASK%7B%7D", timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
}

start() {
    command -v virtuoso-t >/dev/null || { log "virtuoso-t not found: run $0 install"; exit 1; }
    if [[ -f $STATE ]]; then
        log "a server from $STATE may still run: run $0 stop first"; exit 1
    fi
    local dir; dir=$(mktemp -d "${TMPDIR:-/tmp}/kg-virtuoso.XXXXXX")
    sed -e "s|/var/lib/virtuoso-opensource-7/db|$dir|g" \
        -e "s|^ServerPort *= *1111$|ServerPort = 127.0.0.1:$ISQL_PORT|" \
        -e "s|^ServerPort *= *8890$|ServerPort = 127.0.0.1:$HTTP_PORT|" \
        -e "s|^DirsAllowed.*|DirsAllowed = ., $dir|" \
        "$INI" > "$dir/virtuoso.ini"
    grep -q "127.0.0.1:$HTTP_PORT" "$dir/virtuoso.ini" || { log "port lines not found in $INI"; exit 1; }
    (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/server.log" 2>&1) &
    local pid=$!
    printf 'DIR=%q\nPID=%q\nISQL_PORT=%q\nHTTP_PORT=%q\n' "$dir" "$pid" "$ISQL_PORT" "$HTTP_PORT" > "$STATE"
    local url="http://127.0.0.1:$HTTP_PORT/sparql" waited=0
    until answers "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "virtuoso-t exited; its log:"; tail -n 20 "$dir/server.log" >&2; stop; exit 1
        fi
        if (( waited >= WAIT * 2 )); then log "no answer on $url after ${WAIT}s"; stop; exit 1; fi
        sleep 0.5; waited=$((waited + 1))
    done
    isql-vt "127.0.0.1:$ISQL_PORT" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' >&2
    log "Virtuoso answers on $url (database $dir, pid $pid)"
    echo "export KG_TEST_VIRTUOSO=$url"
}

stop() {
    [[ -f $STATE ]] || { log "nothing to stop ($STATE missing)"; return 0; }
    # shellcheck disable=SC1090
    source "$STATE"
    isql-vt "127.0.0.1:$ISQL_PORT" dba dba exec='shutdown;' >/dev/null 2>&1 || true
    for _ in $(seq 1 40); do kill -0 "$PID" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$PID" 2>/dev/null; then kill "$PID" 2>/dev/null || true; sleep 1; fi
    if kill -0 "$PID" 2>/dev/null; then kill -9 "$PID" 2>/dev/null || true; fi
    rm -rf -- "$DIR" "$STATE"
    log "stopped"
}

case ${1:-} in
    install) install ;;
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
