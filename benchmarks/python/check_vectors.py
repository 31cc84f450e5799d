#!/usr/bin/env python3
"""Run restock_ref.py's model on every conformance vector and compare with expected.json.

    python3 benchmarks/python/check_vectors.py /work/shared/spec/vectors

Compares mismatch, gross_cost_eur and mismatch_do_nothing with the relative tolerance
of each vector (`tolerance_relative`, and `tolerance_relative_gross_cost` for the gross
cost where given); a vector with "integer": true is solved with --integer.
Exits 1 if any value is off (or a case fails), 0 otherwise.
"""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import restock_ref  # noqa: E402

KEYS = ("mismatch", "gross_cost_eur", "mismatch_do_nothing")


def rel(a: float, b: float) -> float:
    return abs(a - b) / max(abs(b), 1e-12) if b != 0 else abs(a)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} VECTORS_DIR", file=sys.stderr)
        return 2
    root = argv[1]
    cases = sorted(d for d in os.listdir(root)
                   if os.path.isfile(os.path.join(root, d, "expected.json")))
    if not cases:
        print(f"no vectors (folders with expected.json) in {root}", file=sys.stderr)
        return 2
    failed = 0
    worst = 0.0
    for name in cases:
        d = os.path.join(root, name)
        exp = json.load(open(os.path.join(d, "expected.json")))
        integer = bool(exp.get("integer", False))
        try:
            res = restock_ref.solve(restock_ref.load_case(d), integer=integer)
        except Exception as e:  # a failing case is a failure, not a crash of the checker
            print(f"FAIL {name}: {type(e).__name__}: {e}")
            failed += 1
            continue
        if res.get("status") != "optimal":
            print(f"FAIL {name}: status {res.get('status')}")
            failed += 1
            continue
        ok = True
        parts = []
        for key in KEYS:
            tol = exp.get("tolerance_relative", 1e-6)
            if key == "gross_cost_eur":
                tol = exp.get("tolerance_relative_gross_cost", tol)
            r = rel(res[key], exp[key])
            worst = max(worst, r) if not integer else worst
            good = r <= tol
            ok &= good
            parts.append(f"{key}={res[key]:.6f} (expected {exp[key]:.6f}, rel {r:.2e}"
                         f"{'' if good else f' > {tol:g}'})")
        # informational: the stage-1 optimum itself (the plan's Z1 may exceed it by 1e-7 rel.)
        parts.append(f"stage-1 Z1* rel {rel(res['mismatch_stage1'], exp['mismatch']):.2e}")
        print(f"{'ok  ' if ok else 'FAIL'} {name}{' [integer]' if integer else ''}: " + "; ".join(parts))
        failed += 0 if ok else 1
    print(f"worst relative difference (continuous vectors): {worst:.3e}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
