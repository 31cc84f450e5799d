#!/usr/bin/env bash
# Times the whole `restock plan` binary on cases of growing size, with the Python
# reference implementation (benchmarks/python/restock_ref.py) as the baseline.
#
#   bash benchmarks/scale.sh [N ...]
#
# Each N is a number of municipalities: a synthetic case is written with
# `restock generate --municipalities N --seed 1` into a temporary folder. An argument
# that is not a number is taken as a case folder. Default: 40 3420 100000. The shipped
# case inputs/nederland (355 municipalities) is always added, in its place by size
# (NEDERLAND=0 leaves it out).
#
# Modes: monolithic for N < 3420; monolithic and --by-region for 3420 ≤ N < 100000;
# --by-region only from 100000 on (the monolithic model is too big). The Python baseline
# runs for every case, except from 100000 municipalities on unless BASELINE_100K=1.
#
# Environment: REPEATS (runs per measurement, the median of each column is reported;
# default 1), NEDERLAND (default 1), BASELINE_100K (default 0), and the two thresholds
# BY_REGION_FROM (default 3420) and LARGE (default 100000: by-region only, no baseline).
#
# Every run is timed with /usr/bin/time (wall seconds, peak RSS); the phases come from
# summary.json's `timings`. Prints the machine facts and a Markdown table for
# docs/performance.md. Needs a release build (cargo build --release), python3 with the
# baseline's requirements (benchmarks/python/requirements.txt) and /usr/bin/time.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=target/release/restock
PY=benchmarks/python/restock_ref.py
REPEATS=${REPEATS:-1}
NEDERLAND=${NEDERLAND:-1}
BASELINE_100K=${BASELINE_100K:-0}
BY_REGION_FROM=${BY_REGION_FROM:-3420}
LARGE=${LARGE:-100000}
TIME=/usr/bin/time

if [[ ! -x $BIN ]]; then
    echo "no $BIN: run cargo build --release first" >&2
    exit 2
fi
if [[ ! -x $TIME ]]; then
    echo "no $TIME (GNU time): apt-get install time" >&2
    exit 2
fi
if ! [[ $REPEATS =~ ^[1-9][0-9]*$ ]]; then
    echo "REPEATS must be a positive whole number, not '$REPEATS'" >&2
    exit 2
fi

if (($# > 0)); then
    SIZES=("$@")
else
    SIZES=(40 3420 100000)
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Arithmetic on decimals (awk: no bc needed).
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Number of municipalities of a case folder (data rows of municipalities.csv).
municipalities() { python3 - "$1/municipalities.csv" <<'EOF'
import sys
with open(sys.argv[1], encoding="utf-8-sig", errors="replace") as f:
    print(sum(1 for line in f if line.strip()) - 1)
EOF
}

# Runs a command under /usr/bin/time, its output to $TMP/stdout and $TMP/stderr; prints
# "wall_s peak_kib". Stops the script with the command's error output if it fails.
timed() {
    if ! "$TIME" -f '%e %M' -o "$TMP/time" "$@" >"$TMP/stdout" 2>"$TMP/stderr"; then
        echo "failed: $*" >&2
        tail -n 20 "$TMP/stderr" >&2
        exit 1
    fi
    tail -n 1 "$TMP/time"
}

# Phases of a summary.json: "read validate build solve write comparable", where solve is
# stage 1 + stage 2 (monolithic) or the wall time of both passes (--by-region, whose
# `build` is thread time summed over the regions and already inside solve_wall), and
# comparable the work the Python baseline also does: read + validate + build + solve
# (monolithic) or read + validate + solve_wall (--by-region).
phases() { python3 - "$1" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["timings"]
g = lambda k: float(t.get(k, 0.0))
if "solve_wall" in t:
    solve = g("solve_wall")
    comparable = g("read") + g("validate") + solve
else:
    solve = g("solve_stage1") + g("solve_stage2")
    comparable = g("read") + g("validate") + g("build") + solve
print(g("read"), g("validate"), g("build"), solve, g("write"), comparable)
EOF
}

# total_s of the baseline's JSON output.
py_total() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["timings"]["total_s"])' "$1"; }

# Median of column $2 (1-based) of the rows in file $1.
col() { awk -v c="$2" '{ print $c }' "$1" | median; }

f2() { printf '%.2f' "$1"; }
f3() { printf '%.3f' "$1"; }

# The list of cases: "label dir-or-N" in order of size, nederland in its place.
cases=()
nl_added=0
add_nederland() {
    if [[ $NEDERLAND == 1 && $nl_added == 0 ]]; then
        cases+=("nederland inputs/nederland")
        nl_added=1
    fi
}
for s in "${SIZES[@]}"; do
    if [[ $s =~ ^[0-9]+$ ]]; then
        ((s >= 355)) && add_nederland
        cases+=("synthetic $s")
    elif [[ -d $s ]]; then
        cases+=("$(basename "$s") $s")
    else
        echo "not a number of municipalities nor a case folder: $s" >&2
        exit 2
    fi
done
add_nederland

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory ($(awk '/^MemAvailable/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) available), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$BIN" --version) (release build); baseline: $(python3 --version 2>&1), highspy $(python3 -c 'import importlib.metadata as m; print(m.version("highspy"))' 2>/dev/null || echo '?')"
echo "median of $REPEATS run(s) per row"
echo
echo "| case | N | mode | wall s | read s | validate s | build s | solve s | write s | outside solver | without outputs | peak MiB | Python wall s | Python ÷ restock |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for entry in "${cases[@]}"; do
    read -r label arg <<<"$entry"
    if [[ $label == synthetic ]]; then
        n=$arg
        case_dir="$TMP/case-$n"
        "$BIN" generate --municipalities "$n" --seed 1 --out "$case_dir" >/dev/null
    else
        case_dir=$arg
        n=$(municipalities "$case_dir")
    fi

    modes=()
    ((n < LARGE)) && modes+=(monolithic)
    ((n >= BY_REGION_FROM || n >= LARGE)) && modes+=(by-region)

    # Python baseline: wall seconds (/usr/bin/time, with interpreter start-up) and its
    # own total_s (reading, building, both stages), medians over REPEATS.
    py_wall=""
    py_own=""
    if ((n < LARGE)) || [[ $BASELINE_100K == 1 ]]; then
        : >"$TMP/py-runs"
        for _ in $(seq "$REPEATS"); do
            read -r wall _ <<<"$(timed python3 "$PY" "$case_dir" --json)"
            echo "$wall $(py_total "$TMP/stdout")" >>"$TMP/py-runs"
        done
        py_wall=$(col "$TMP/py-runs" 1)
        py_own=$(col "$TMP/py-runs" 2)
    fi

    for mode in "${modes[@]}"; do
        flags=()
        [[ $mode == by-region ]] && flags+=(--by-region)
        : >"$TMP/runs"
        for _ in $(seq "$REPEATS"); do
            out="$TMP/out"
            read -r wall kib <<<"$(timed "$BIN" plan "$case_dir" --out "$out" "${flags[@]}")"
            echo "$wall $kib $(phases "$out/summary.json")" >>"$TMP/runs"
            rm -rf "$out"
        done
        wall=$(col "$TMP/runs" 1)
        mib=$(calc "$(col "$TMP/runs" 2) / 1024")
        read_s=$(col "$TMP/runs" 3)
        validate_s=$(col "$TMP/runs" 4)
        build_s=$(col "$TMP/runs" 5)
        solve_s=$(col "$TMP/runs" 6)
        write_s=$(col "$TMP/runs" 7)
        comparable=$(col "$TMP/runs" 8)
        outside=$(awk "BEGIN { printf \"%.0f %%\", ($wall > 0) ? 100 * ($wall - $solve_s) / $wall : 0 }")
        core=$(awk "BEGIN { printf \"%.0f %%\", ($comparable > 0) ? 100 * ($comparable - $solve_s) / $comparable : 0 }")
        if [[ -n $py_wall ]]; then
            py_cell=$(f2 "$py_wall")
            ratio_cell="$(printf '%.2f' "$(calc "$py_own / $comparable")")×"
        else
            py_cell="–"
            ratio_cell="–"
        fi
        echo "| $label | $n | $mode | $(f2 "$wall") | $(f3 "$read_s") | $(f3 "$validate_s") | $(f3 "$build_s") | $(f3 "$solve_s") | $(f3 "$write_s") | $outside | $core | $(printf '%.0f' "$mib") | $py_cell | $ratio_cell |"
    done
    [[ $label == synthetic ]] && rm -rf "$case_dir"
done

echo
echo "wall s and peak MiB: /usr/bin/time of \`restock plan\` (reading, solving, writing every output)."
echo "read … write s: summary.json's timings; solve = solve_stage1 + solve_stage2 (monolithic) or"
echo "solve_wall (--by-region; its build s is thread time summed over the regions, inside solve_wall);"
echo "write includes the charts and report.xlsx. outside solver = (wall − solve) ÷ wall;"
echo "without outputs = (read + validate + build) ÷ (read + validate + build + solve)."
echo "Python wall s: /usr/bin/time of restock_ref.py --json (with interpreter start-up). Python ÷ restock:"
echo "the baseline's own total_s ÷ restock's read + validate + build + solve (the same work; --by-region:"
echo "read + validate + solve_wall)."
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
