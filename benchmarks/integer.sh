#!/usr/bin/env bash
# Times `restock plan --integer` (issue 16): the time to the first whole-dwelling plan
# (the LP optimum rounded down and repaired), the time per stage, and whether the
# default gap (1e-3) is reached within the default limit (60 s), on the shipped cases.
#
#   bash benchmarks/integer.sh                    # the runs of docs/performance.md
#   bash benchmarks/integer.sh CASE[:by-region] … # other runs
#
# Default runs: inputs/example, inputs/krimpregios (as one model and --by-region) and
# inputs/nederland --by-region. Environment: LIMIT (passed as --time-limit; default:
# none, i.e. the 60 s default), JOBS (--jobs with --by-region; default: one per core).
# Prints the load average before and after (other processes share the cores) and a
# Markdown table for docs/performance.md. Needs a release build, python3 and
# /usr/bin/time.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=target/release/restock
TIME=/usr/bin/time
if [[ ! -x $BIN ]]; then
    echo "no $BIN: run cargo build --release first" >&2
    exit 2
fi
runs=("$@")
if [[ ${#runs[@]} -eq 0 ]]; then
    runs=(inputs/example inputs/krimpregios inputs/krimpregios:by-region inputs/nederland:by-region)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(uname -srm); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| case | mode | municipalities | status | first plan s | relaxation s | stage 1 s | stage 2 s | wall s | stage-1 gap | stage-2 gap | whole − LP mismatch | whole − LP cost (EUR) |"
echo "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
i=0
for run in "${runs[@]}"; do
    case_dir=${run%%:*}
    mode=monolithic
    extra=()
    if [[ $run == *:by-region ]]; then
        mode=by-region
        extra+=(--by-region)
        if [[ -n ${JOBS:-} ]]; then extra+=(--jobs "$JOBS"); fi
    fi
    if [[ -n ${LIMIT:-} ]]; then extra+=(--time-limit "$LIMIT"); fi
    i=$((i + 1))
    out=$tmp/out$i
    $TIME -f '%e' -o "$tmp/time$i" "$BIN" plan "$case_dir" --integer "${extra[@]}" --out "$out" \
        > "$tmp/stdout$i" 2> "$tmp/stderr$i" || { echo "$run failed:" >&2; cat "$tmp/stderr$i" >&2; exit 1; }
    wall=$(tail -n1 "$tmp/time$i")
    python3 - "$out/summary.json" "$case_dir" "$mode" "$wall" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
r = s["integer_run"]
t = r["seconds"]
def gap(g):
    return "–" if g is None else f"{g:.5f}"
print(f"| {sys.argv[2]} | {sys.argv[3]} | {s['municipalities']} "
      f"| {s['status']} | {t['first_plan']:.2f} | {t['relaxation']:.2f} | {t['stage1']:.2f} | {t['stage2']:.2f} "
      f"| {float(sys.argv[4]):.1f} | {gap(r['mip_gap_stage1'])} | {gap(r['mip_gap_stage2'])} "
      f"| {r['whole_minus_relaxation']['mismatch']:+.1f} | {r['whole_minus_relaxation']['gross_cost_eur']:+,.0f} |")
PY
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
