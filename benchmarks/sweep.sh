#!/usr/bin/env bash
# Times `restock sweep` against N × one solve of the same case, on this machine.
#
#   bash benchmarks/sweep.sh [CASE_DIR] [REPEATS]
#
# CASE_DIR defaults to inputs/krimpregios, REPEATS (runs per measurement; the median
# is reported) to 3. The sweep has N = 8 points (budget factors 0.5, 0.6, …, 1.2); it is
# timed with --jobs 1 (one point after the other) and with one job per core (the
# default). One solve is the build + stage 1 + stage 2 time that summary.json of a
# `restock plan` of the same case reports; one plan is that command's wall time
# (reading, solving and writing every output). Prints a Markdown table for
# docs/performance.md. Needs a release build: cargo build --release.
set -euo pipefail

cd "$(dirname "$0")/.."
CASE=${1:-inputs/krimpregios}
REPEATS=${2:-3}
BIN=target/release/restock
GRID=0.5:1.2:0.1
N=8

if [[ ! -x $BIN ]]; then
    echo "no $BIN: run cargo build --release first" >&2
    exit 2
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Arithmetic on decimals (awk: no bc needed).
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Seconds of one phase in a summary.json.
phase() { sed -n "s/^ *\"$2\": \([0-9.e-]*\),\{0,1\}$/\1/p" "$1" | head -n 1; }

# Runs a command quietly; prints "wall cpu" seconds (cpu = user + system, all threads).
timed() {
    local TIMEFORMAT='%R %U %S' t
    t=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    read -r wall user sys <<<"$t"
    echo "$wall $(calc "$user + $sys")"
}

plan_wall=()
plan_cpu=()
solve=()
for _ in $(seq "$REPEATS"); do
    read -r wall cpu <<<"$(timed "$BIN" plan "$CASE" --out "$TMP/plan")"
    plan_wall+=("$wall")
    plan_cpu+=("$cpu")
    s="$TMP/plan/summary.json"
    solve+=("$(calc "$(phase "$s" build) + $(phase "$s" solve_stage1) + $(phase "$s" solve_stage2)")")
done

# Median wall and CPU seconds of the sweep with $1 jobs.
sweep_time() {
    local jobs=$1 walls=() cpus=()
    for _ in $(seq "$REPEATS"); do
        read -r wall cpu <<<"$(timed "$BIN" sweep "$CASE" --budget-factor "$GRID" --jobs "$jobs" --out "$TMP/sweep")"
        walls+=("$wall")
        cpus+=("$cpu")
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

cores=$(nproc)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r serial_wall serial_cpu <<<"$(sweep_time 1)"
read -r parallel_wall parallel_cpu <<<"$(sweep_time "$cores")"
one_solve=$(printf '%s\n' "${solve[@]}" | median)
one_plan=$(printf '%s\n' "${plan_wall[@]}" | median)
one_plan_cpu=$(printf '%s\n' "${plan_cpu[@]}" | median)
n_solves=$(calc "$N * $one_solve")

fmt() { printf '%.2f' "$1"; }
ratio() { printf '%.2f' "$(calc "$1 / $2")"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "case: $CASE; sweep: --budget-factor $GRID ($N points); median of $REPEATS runs; restock $("$BIN" --version | cut -d' ' -f2)"
echo
echo "| measurement | wall s | CPU s | wall ÷ (N × one solve) |"
echo "|---|---:|---:|---:|"
echo "| one solve (build + stage 1 + stage 2, from summary.json) | $(fmt "$one_solve") | | |"
echo "| one \`restock plan\` (read, solve, write every output) | $(fmt "$one_plan") | $(fmt "$one_plan_cpu") | |"
echo "| N × one solve | $(fmt "$n_solves") | | 1.00 |"
echo "| sweep of N points, --jobs 1 | $(fmt "$serial_wall") | $(fmt "$serial_cpu") | $(ratio "$serial_wall" "$n_solves") |"
echo "| sweep of N points, --jobs $cores | $(fmt "$parallel_wall") | $(fmt "$parallel_cpu") | $(ratio "$parallel_wall" "$n_solves") |"
echo
echo "speed-up of $cores jobs over 1 job: $(ratio "$serial_wall" "$parallel_wall")×"
