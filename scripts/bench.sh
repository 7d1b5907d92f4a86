#!/usr/bin/env bash
# Regenerates docs/benchmark-results.md: builds the jar if it is missing or older than the sources, runs the
# benchmark command and writes its Markdown output with the date, machine and commit.
#
#   scripts/bench.sh                 # 1000 sources, every mode + baseline; latency repeated; 10000 resync
#   RUN_MEMORY=yes scripts/bench.sh  # also the 100,000-source resync under -Xmx256m against a separate qvarn-server
#   REAL=yes QVARN_DIR=DIR scripts/bench.sh  # against the REAL Qvarn 0.82 on PostgreSQL of the test kit in DIR
#                                    # (start.sh, reset.sh, stop.sh): started here, reset before each mode; incremental, mixed, resync
#                                    # (REAL_MODES), each REAL_REPEATS times, with the server's access log
#   REAL=yes SIDE_BY_SIDE=yes QVARN_DIR=DIR ORIGINAL_DIR=DIR scripts/bench.sh
#                                    # the same Qvarn, each of REAL_MODES by `bench --side-by-side`: the original worker
#                                    # in ORIGINAL_DIR and this one alternated, SIDE_RUNS (3) runs each, SIDE_ARGS (empty)
#                                    # added to the bench command (docs/benchmark.md#side-by-side-with-the-original)
#
# REAL=yes environment: QVARN_PORT (9080), QVARN_PG_PORT (54329), QVARN_DIR (required: the Qvarn 0.82 test kit's folder), REAL_MODES
# ("incremental mixed resync"), REAL_REPEATS (1), REAL_JAVA_OPTS (empty), KEEP_QVARN (no: stop it at the end),
# REAL_WITH_MODEL (no; yes: after each real run, the same mode on the embedded server's calibrated model).
#
# Environment: SOURCES (1000), BIG_SOURCES (10000; empty skips), MEMORY_SOURCES (100000), RUN_MEMORY (no),
# MEMORY_TIMEOUT (seconds, 1200), LATENCY_REPEATS (3), OUT (docs/benchmark-results.md). Runs are bounded: every one has a timeout.
set -uo pipefail
cd "$(dirname "$0")/.."

JAR=target/qvarnmr-camel.jar
SOURCES=${SOURCES:-1000}
BIG_SOURCES=${BIG_SOURCES-10000}
MEMORY_SOURCES=${MEMORY_SOURCES:-100000}
RUN_MEMORY=${RUN_MEMORY:-no}
MEMORY_TIMEOUT=${MEMORY_TIMEOUT:-1200}
OUT=${OUT:-docs/benchmark-results.md}
LATENCY_REPEATS=${LATENCY_REPEATS:-3}

if [ "${REAL:-no}" = yes ]; then
    if [ -z "${QVARN_DIR:-}" ] || [ ! -x "$QVARN_DIR/start.sh" ]; then
        echo "bench.sh: REAL=yes needs QVARN_DIR set to the folder of a Qvarn 0.82 test kit (with start.sh, reset.sh," \
             "stop.sh); got '${QVARN_DIR:-}'" >&2
        exit 2
    fi
    QVARN_DIR=$(cd "$QVARN_DIR" && pwd)
fi

if [ ! -f "$JAR" ] || [ -n "$(find pom.xml src config -newer "$JAR" -print -quit)" ]; then
    echo "building $JAR" >&2
    mvn -B -o -q package -DskipTests || exit 2
fi

work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT

runs=()
# run NAME TIMEOUT_SECONDS JAVA_OPTS BENCH_ARGS...: keeps the output, the log and the exit code
run() {
    local name=$1 limit=$2 opts=$3
    shift 3
    echo "== $name: java $opts -jar $JAR bench $*" >&2
    local start=$SECONDS
    # shellcheck disable=SC2086
    timeout "$limit" java $opts -jar "$JAR" bench "$@" > "$work/$name.md" 2> "$work/$name.log"
    echo $? > "$work/$name.rc"
    echo "java $opts -jar $JAR bench $*" > "$work/$name.cmd"
    echo "$((SECONDS - start))" > "$work/$name.secs"
    echo "   exit $(cat "$work/$name.rc") after $(cat "$work/$name.secs") s" >&2
    runs+=("$name")
}

if [ "${REAL:-no}" = yes ]; then
    export QVARN_PORT=${QVARN_PORT:-9080} QVARN_PG_PORT=${QVARN_PG_PORT:-54329}
    run_dir=${QVARN_RUN_DIR:-${TMPDIR:-/tmp}/qvarn-0.82-$QVARN_PORT}
    url=$("$QVARN_DIR/start.sh" | sed -n 's/^base_url=//p')
    [ -n "$url" ] || { echo "bench.sh: $QVARN_DIR/start.sh did not print base_url=" >&2; exit 2; }
    for mode in ${REAL_MODES:-incremental mixed resync}; do
        if [ "${SIDE_BY_SIDE:-no}" = yes ]; then
            [ -x "${ORIGINAL_DIR:-}/worker.sh" ] || { echo "bench.sh: SIDE_BY_SIDE=yes needs ORIGINAL_DIR (with worker.sh)" >&2; exit 2; }
            echo "load before side-$mode: $(uptime)" >&2
            # reset.sh is run by the benchmark before every run, with this environment's QVARN_PORT and QVARN_PG_PORT
            QVARNMR_BENCH_CLIENT_SECRET=qvarn-test-secret run "side-$mode" 14400 "" --side-by-side --mode "$mode" \
                --sources "$SOURCES" --runs "${SIDE_RUNS:-3}" --no-baseline --original "$ORIGINAL_DIR" \
                --qvarn-kit "$QVARN_DIR" --qvarn-url "$url" --client-id qvarn-test --access-log "$run_dir/access.log" ${SIDE_ARGS:-}
            continue
        fi
        for i in $(seq "${REAL_REPEATS:-1}"); do
            "$QVARN_DIR/reset.sh" > /dev/null || { echo "bench.sh: reset.sh failed" >&2; exit 2; }
            echo "load before real-$mode-$i: $(uptime)" >&2
            # the secret goes through the environment, not the command line the results file shows
            QVARNMR_BENCH_CLIENT_SECRET=qvarn-test-secret run "real-$mode-$i" 1800 "${REAL_JAVA_OPTS:-}" \
                --sources "$SOURCES" --mode "$mode" --no-baseline --qvarn-url "$url" --client-id qvarn-test \
                --access-log "$run_dir/access.log"
            if [ "${REAL_WITH_MODEL:-no}" = yes ]; then
                # the calibrated model of this server right after the real run, at about the same machine load
                echo "load before model-$mode-$i: $(uptime)" >&2
                run "model-$mode-$i" 1800 "${REAL_JAVA_OPTS:-}" --sources "$SOURCES" --mode "$mode" --no-baseline \
                    --latency-model qvarn-0.82-postgres
            fi
        done
    done
    [ "${KEEP_QVARN:-no}" = yes ] || "$QVARN_DIR/stop.sh" >&2
else
run main 1800 "" --sources "$SOURCES" --mode all
# the latency mode again, several times: its spread is wide on a busy machine
for i in $(seq "$LATENCY_REPEATS"); do
    run "latency-$i" 600 "" --sources "$SOURCES" --mode latency --no-baseline
done
if [ -n "$BIG_SOURCES" ]; then
    run big-resync 1800 "" --sources "$BIG_SOURCES" --mode resync --no-baseline
fi
if [ "$RUN_MEMORY" = yes ]; then
    # The Qvarn runs in its own JVM, so -Xmx256m limits the worker (and the benchmark's bookkeeping) only.
    java -jar "$JAR" qvarn-server --port 0 --resource-types config/resource-types > "$work/server.out" 2> "$work/server.log" &
    server_pid=$!
    for _ in $(seq 100); do grep -q '^base_url=' "$work/server.out" 2>/dev/null && break; sleep 0.2; done
    url=$(sed -n 's/^base_url=//p' "$work/server.out")
    if [ -n "$url" ]; then
        run memory "$MEMORY_TIMEOUT" "-Xmx256m" --sources "$MEMORY_SOURCES" --mode resync --no-baseline --qvarn-url "$url"
        # How far it got, from the server (a run stopped by the timeout prints no tables)
        for type in company_reports__map reports_counts__map company_reports reports_counts; do
            echo "$type: $(curl -s "$url/$type" | grep -o '"id"' | wc -l) rows" >> "$work/memory.progress"
        done
    else
        echo "qvarn-server did not start; see $work/server.log" >&2
    fi
    kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
fi
fi

{
    echo "# Benchmark results"
    echo
    echo "Generated by \`scripts/bench.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo), $(uname -sr),"
    echo "$(java -version 2>&1 | head -1). How to read the figures: [benchmark.md](benchmark.md)."
    echo
    if [ "${REAL:-no}" = yes ]; then
        echo "Against the REAL Qvarn 0.82 on PostgreSQL (uWSGI, 4 processes) on this machine."
        if [ "${SIDE_BY_SIDE:-no}" = yes ]; then
            echo "The original qvarn-mr ran side by side with this worker on the same Qvarn, alternated, each a fresh process."
        else
            echo "The original's figures (139 s alone and 15.7 requests/change incrementally; 351-437 s and 36.3 requests/resource"
            echo "in a resync) are issue 12's measurements on another machine, quoted; SIDE_BY_SIDE=yes measures it here."
        fi
    else
        echo "The embedded Qvarn's qvarn-0.82-postgres preset is a MODEL of a measured Qvarn 0.82 on PostgreSQL, not a real"
        echo "Qvarn. The original's figures (15.7 requests/change incrementally, 36.3 requests/resource in a resync) were"
        echo "measured on a real Qvarn (issue 12) and are quoted, not measured here."
    fi
    echo
    for name in "${runs[@]}"; do
        echo "## Run \`$name\`: exit code $(cat "$work/$name.rc"), $(cat "$work/$name.secs") s"
        echo
        echo "\`\`\`"
        cat "$work/$name.cmd"
        echo "\`\`\`"
        echo
        if [ "$name" = memory ]; then
            echo "The Qvarn of this run is a separate \`qvarn-server\` JVM with its default latency model \`none\`, so"
            echo "-Xmx256m limits the worker and the benchmark's bookkeeping only, and the pace is the server's CPU."
            echo
        fi
        if [ "$(cat "$work/$name.rc")" = 124 ]; then
            echo "**Stopped by the script's timeout before it finished.** Its progress log (heap of the benchmark"
            echo "JVM, which holds the worker) and the derived rows the Qvarn held when it was stopped:"
            echo
            echo "\`\`\`"
            grep -E 'Measurements - |Resync - ' "$work/$name.log" | tail -n 40
            [ -f "$work/$name.progress" ] && cat "$work/$name.progress"
            echo "\`\`\`"
            echo
        fi
        # the command's own headings move one level down
        sed -e 's/^# /### /' -e 's/^## /### /' "$work/$name.md"
        echo
    done
} > "$OUT"
echo "wrote $OUT" >&2
