#!/usr/bin/env bash
# Times a budget change through restock serve's API, end to end (issue 17's targets: the
# default case answered in under 0.3 s, nederland in under 1.5 s).
#
#   bash benchmarks/serve.sh [CASE ...]        (default: krimpregios nederland)
#
# Starts the release binary's server on a free loopback port (PORT, default 18777), sends
# each case once to warm the server (reading and validating the case, kept between
# requests), then REPEATS (default 5) budget changes (factors 0.80, 0.85, …), each a
# POST /api/plan of a scenario file's text timed by curl (connect to last byte). Then the
# first fetch of the last run's files, which draws the charts, report.html and
# report.xlsx (done lazily, after the answer). All of it twice: with the server's warm
# starts (each budget change re-solved from the last plan's optimal bases) and cold
# (RESTOCK_SERVE_COLD=1: every plan from scratch). Prints a Markdown table for
# docs/performance.md. Needs a release build (cargo build --release) and curl.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=target/release/restock
PORT=${PORT:-18777}
REPEATS=${REPEATS:-5}
if [[ ! -x $BIN ]]; then
    echo "no $BIN: run cargo build --release first" >&2
    exit 2
fi
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=(krimpregios nederland)
tmp=$(mktemp -d)
server=
# SIGINT, as Ctrl-C: the server stops cleanly and removes its runs' temporary folders.
stop() {
    [[ -n $server ]] || return 0
    kill -INT "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
}
trap 'stop; rm -rf "$tmp"' EXIT
url="http://127.0.0.1:$PORT"
# Starts the server; "cold" as the first argument turns its warm starts off.
start() {
    if [[ $1 == cold ]]; then
        RESTOCK_SERVE_COLD=1 "$BIN" serve --port "$PORT" >"$tmp/server.log" 2>&1 &
    else
        "$BIN" serve --port "$PORT" >"$tmp/server.log" 2>&1 &
    fi
    server=$!
    for _ in $(seq 100); do
        curl -sf "$url/api/cases" -o /dev/null && return 0
        sleep 0.1
    done
    echo "the server did not start" >&2
    exit 1
}

# POSTs base = CASE with [factors] budget = FACTOR; prints the seconds curl measured.
post() {
    printf 'base = "%s"\n[factors]\nbudget = %s\n' "$1" "$2" >"$tmp/s.toml"
    curl -s -o "$tmp/answer.json" -w '%{time_total}\n' -X POST \
        -H 'Content-Type: application/toml' --data-binary @"$tmp/s.toml" "$url/api/plan"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo
echo "| case | solves | first request | budget change, median | max | first file fetch (charts, report) |"
echo "|---|---|---:|---:|---:|---:|"
for mode in warm cold; do
    start "$mode"
    for case in "${cases[@]}"; do
        first=$(post "$case" 1)
        times=()
        for ((i = 0; i < REPEATS; i++)); do
            times+=("$(post "$case" "$(awk -v i="$i" 'BEGIN { printf "%.2f", 0.80 + 0.05 * i }')")")
        done
        grep -q '"mismatch"' "$tmp/answer.json" || { cat "$tmp/answer.json" >&2; exit 1; }
        run=$(sed -n 's/.*"run":\([0-9]*\).*/\1/p' "$tmp/answer.json")
        files=$(curl -s -o /dev/null -w '%{time_total}' "$url/runs/$run/files")
        sorted=$(printf '%s\n' "${times[@]}" | sort -n)
        median=$(echo "$sorted" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
        max=$(echo "$sorted" | tail -1)
        printf '| %s | %s | %.3f s | %.3f s | %.3f s | %.3f s |\n' "$case" "$mode" "$first" "$median" "$max" "$files"
    done
    stop
done
