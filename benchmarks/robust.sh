#!/usr/bin/env bash
# Times a robust plan against a plain plan of the same case (issue 14's target: the
# robust national case in at most 3x the time and 3x the peak memory of a plain plan).
#
#   bash benchmarks/robust.sh [CASE_DIR ...]      (default: inputs/nederland)
#
# Each case is planned twice with the release binary, `restock plan CASE` and
# `restock plan CASE --robust` (every households variant, criterion "expected", one
# committed period, unless the case's settings.toml has a [robust] table), REPEATS times
# each (default 1; the median is reported). Every run is timed with /usr/bin/time (wall
# seconds, peak RSS). Prints a Markdown table for docs/performance.md. Needs a release
# build (cargo build --release) and /usr/bin/time.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=target/release/restock
REPEATS=${REPEATS:-1}
if [[ ! -x $BIN ]]; then
    echo "no $BIN: run cargo build --release first" >&2
    exit 2
fi
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=(inputs/nederland)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs restock with the given arguments REPEATS times; prints "wall_seconds peak_mib" of
# the median run (by wall time).
measure() {
    local i
    for ((i = 0; i < REPEATS; i++)); do
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$BIN" plan "$@" --out "$tmp/out" >/dev/null
        awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$tmp/time"
    done | sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%d)"
echo
echo "| case | plain wall | robust wall | ratio | plain peak | robust peak | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for case in "${cases[@]}"; do
    read -r plain_s plain_m < <(measure "$case")
    read -r robust_s robust_m < <(measure "$case" --robust)
    awk -v c="$(basename "$case")" -v ps="$plain_s" -v pm="$plain_m" -v rs="$robust_s" -v rm="$robust_m" \
        'BEGIN { printf "| %s | %.2f s | %.2f s | %.1f× | %d MiB | %d MiB | %.1f× |\n", c, ps, rs, rs / ps, pm, rm, rm / pm }'
done
