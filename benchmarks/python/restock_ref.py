#!/usr/bin/env python3
"""Independent reference implementation of the restock planning model (spec v1).

Written from docs/shared spec `planning-model.md` (sections 2-6) only, as the model a
housing planner's analyst would otherwise write: read a case folder, build the two-stage
LP with numpy arrays, solve it with HiGHS (highspy), and print the key figures.

    python3 restock_ref.py CASE_DIR [--integer] [--variant NAME] [--mip-gap G] [--json]

Money enters the LP in millions of euros; results are reported in euros.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import re
import sys
import time
import tomllib

import numpy as np
import highspy

MEUR = 1e6
INF = math.inf


class CaseError(Exception):
    pass


# --------------------------------------------------------------------------- reading

_AMBIGUOUS_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")


def read_csv(path: str) -> tuple[list[dict[str, str]], list[str]]:
    """Read a case CSV: BOM-tolerant UTF-8 (Windows-1252 fallback), `,` or `;` delimiter
    detected from the header, lower-cased stripped column names, empty lines skipped.
    Every row dict gets an extra key '__line__' (1-based file line) and '__sep__'."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        print(f"warning: {path} is not valid UTF-8, read as Windows-1252", file=sys.stderr)
        text = raw.decode("cp1252")
    lines = text.splitlines()
    header_idx = next((i for i, l in enumerate(lines) if l.strip()), None)
    if header_idx is None:
        raise CaseError(f"{path}: empty file")
    header = lines[header_idx]
    sep = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    rows: list[dict[str, str]] = []
    cols: list[str] | None = None
    for lineno, rec in enumerate(reader, start=1):
        if not rec or all(not c.strip() for c in rec):
            continue
        if cols is None:
            cols = [c.strip().lower() for c in rec]
            continue
        row = {cols[i]: (rec[i].strip() if i < len(rec) else "") for i in range(len(cols))}
        row["__line__"] = str(lineno)
        row["__sep__"] = sep
        rows.append(row)
    if cols is None:
        raise CaseError(f"{path}: no header")
    return rows, cols


def check_columns(path, cols, required, optional):
    missing = [c for c in required if c not in cols]
    if missing:
        raise CaseError(f"{path}: missing column(s) {', '.join(missing)}")
    extra = [c for c in cols if c not in required and c not in optional]
    if extra:
        print(f"warning: {path}: extra column(s) ignored: {', '.join(extra)}", file=sys.stderr)


def num(row: dict, col: str, path: str) -> float:
    """Parse a number; with `;` files a decimal comma is accepted."""
    v = row.get(col, "").strip()
    if v == "":
        raise CaseError(f"{path}:{row['__line__']}: {col} is empty")
    if row["__sep__"] == ";":
        if "," in v and "." in v:
            raise CaseError(f"{path}:{row['__line__']}: {col} value {v!r} is ambiguous")
        if "," in v:
            v = v.replace(",", ".")
        elif _AMBIGUOUS_THOUSANDS.match(v):
            # "20.101" in a Dutch-spelled file may mean 20101 or 20.101
            raise CaseError(f"{path}:{row['__line__']}: {col} value {v!r} is ambiguous "
                            "(thousands separator or decimal point?)")
    try:
        x = float(v)
    except ValueError:
        raise CaseError(f"{path}:{row['__line__']}: {col} value {v!r} is not a number")
    if not math.isfinite(x):
        raise CaseError(f"{path}:{row['__line__']}: {col} value {v!r} is not finite")
    return x


def load_case(case_dir: str, variant_override: str | None = None) -> dict:
    P = lambda name: os.path.join(case_dir, name)

    with open(P("settings.toml"), "rb") as fh:
        st = tomllib.load(fh)
    if "base_year" not in st:
        raise CaseError("settings.toml: base_year is required")
    y0 = int(st["base_year"])
    variant = variant_override or st.get("households_variant", "base")
    f = float(st.get("friction_vacancy", 0.02))
    a = float(st.get("max_removal_share_per_year", 0.02))
    n = float(st.get("max_new_build_share_per_year", 0.01))
    w_u = float(st.get("weight_surplus", 1.0))
    w_v = float(st.get("weight_shortage", 2.0))
    carry = bool(st.get("budget_carry_over", False))
    tiers = st.get("surplus_tiers", [[0.03, 1.0], [0.08, 2.0], [INF, 4.0]])
    tier_bounds = [float(t[0]) for t in tiers]
    tier_mult = [float(t[1]) for t in tiers]
    if not tier_bounds or not math.isinf(tier_bounds[-1]):
        raise CaseError("settings.toml: the last surplus tier must have bound inf")
    if any(b2 <= b1 for b1, b2 in zip(tier_bounds, tier_bounds[1:])) or tier_bounds[0] <= 0:
        raise CaseError("settings.toml: surplus tier bounds must be > 0 and strictly increasing")
    if any(m <= 0 for m in tier_mult) or any(m2 < m1 for m1, m2 in zip(tier_mult, tier_mult[1:])):
        raise CaseError("settings.toml: surplus tier multipliers must be > 0 and non-decreasing")

    # municipalities
    path = P("municipalities.csv")
    rows, cols = read_csv(path)
    check_columns(path, cols, ["code", "name", "region"], [])
    muni, muni_name, muni_region = [], {}, {}
    for r in rows:
        c = r["code"]
        if c in muni_name:
            raise CaseError(f"{path}:{r['__line__']}: duplicate municipality {c}")
        muni.append(c)
        muni_name[c] = r["name"]
        muni_region[c] = r["region"]
    regions = sorted(set(muni_region.values()))
    midx = {c: i for i, c in enumerate(muni)}

    # segments
    path = P("segments.csv")
    rows, cols = read_csv(path)
    check_columns(path, cols, ["segment"], ["label", "tenure", "dwelling_type"])
    segs = []
    for r in rows:
        if r["segment"] in segs:
            raise CaseError(f"{path}:{r['__line__']}: duplicate segment {r['segment']}")
        segs.append(r["segment"])
    sidx = {s: i for i, s in enumerate(segs)}
    M, S = len(muni), len(segs)

    # stock
    path = P("stock.csv")
    rows, cols = read_csv(path)
    check_columns(path, cols, ["municipality", "segment", "dwellings"], [])
    S0 = np.zeros((M, S))
    for r in rows:
        m, s = r["municipality"], r["segment"]
        if m not in midx or s not in sidx:
            raise CaseError(f"{path}:{r['__line__']}: unknown municipality/segment {m}/{s}")
        v = num(r, "dwellings", path)
        if v < 0:
            raise CaseError(f"{path}:{r['__line__']}: dwellings < 0")
        S0[midx[m], sidx[s]] = v

    # households: shared rows (blank variant) overridden by the chosen variant's rows
    path = P("households.csv")
    rows, cols = read_csv(path)
    check_columns(path, cols, ["municipality", "year", "households"], ["variant"])
    shared, chosen = {}, {}
    for r in rows:
        v = r.get("variant", "")
        if v not in ("", variant):
            continue
        m = r["municipality"]
        if m not in midx:
            raise CaseError(f"{path}:{r['__line__']}: unknown municipality {m}")
        y = int(num(r, "year", path))
        h = num(r, "households", path)
        if h < 0:
            raise CaseError(f"{path}:{r['__line__']}: households < 0")
        target = shared if v == "" else chosen
        if (m, y) in target:
            raise CaseError(f"{path}:{r['__line__']}: duplicate households row {m} {y}")
        target[(m, y)] = h
    hh = dict(shared)
    hh.update(chosen)

    if "milestones" in st:
        milestones = [int(y) for y in st["milestones"]]
    else:
        milestones = sorted({y for (_, y) in hh if y > y0})
    if not milestones:
        raise CaseError("no milestones")
    if milestones[0] <= y0 or any(b <= a_ for a_, b in zip(milestones, milestones[1:])):
        raise CaseError("settings.toml: milestones must be > base_year and strictly increasing")
    years = [y0] + milestones
    Pn = len(milestones)
    L = np.array([years[p + 1] - years[p] for p in range(Pn)], dtype=float)

    per_m: dict[str, dict[int, float]] = {}
    for (m, y), h in hh.items():
        per_m.setdefault(m, {})[y] = h
    H = np.zeros((M, Pn + 1))  # H[m, 0] at y0, H[m, p] at milestone p
    for m in muni:
        pts = per_m.get(m)
        if not pts:
            raise CaseError(f"{path}: no households for {m} (variant {variant!r})")
        ys = sorted(pts)
        for p, y in enumerate(years):
            if y in pts:
                H[midx[m], p] = pts[y]
                continue
            if y < ys[0] or y > ys[-1]:
                raise CaseError(f"{path}: households of {m} do not cover year {y}")
            hi = next(i for i, yy in enumerate(ys) if yy > y)
            ya, yb = ys[hi - 1], ys[hi]
            H[midx[m], p] = pts[ya] + (pts[yb] - pts[ya]) * (y - ya) / (yb - ya)

    # demand shares (optional) -> segment mode
    shares = None
    path = P("demand_shares.csv")
    if os.path.exists(path):
        rows, cols = read_csv(path)
        check_columns(path, cols, ["segment", "share"], ["municipality", "year"])
        spec = {}  # (level, m or '', y or None, s) -> share
        for r in rows:
            s = r["segment"]
            if s not in sidx:
                raise CaseError(f"{path}:{r['__line__']}: unknown segment {s}")
            m = r.get("municipality", "")
            if m and m not in midx:
                raise CaseError(f"{path}:{r['__line__']}: unknown municipality {m}")
            yv = r.get("year", "")
            y = int(num(r, "year", path)) if yv else None
            key = (m, y, s)
            if key in spec:
                raise CaseError(f"{path}:{r['__line__']}: duplicate demand share row")
            spec[key] = num(r, "share", path)
        shares = np.zeros((M, S, Pn))
        for m in muni:
            for p, y in enumerate(milestones):
                for s in segs:
                    for key in ((m, y, s), (m, None, s), ("", y, s), ("", None, s)):
                        if key in spec:
                            shares[midx[m], sidx[s], p] = spec[key]
                            break
                tot = shares[midx[m], :, p].sum()
                if abs(tot - 1.0) > 1e-6:
                    raise CaseError(f"{path}: shares of {m} in {y} sum to {tot}, not 1")

    # costs
    path = P("costs.csv")
    rows, cols = read_csv(path)
    check_columns(path, cols, ["segment", "demolish_eur"], ["new_build_eur", "municipality"])
    generic, override = {}, {}
    for r in rows:
        s = r["segment"]
        if s not in sidx:
            raise CaseError(f"{path}:{r['__line__']}: unknown segment {s}")
        m = r.get("municipality", "")
        if m and m not in midx:
            raise CaseError(f"{path}:{r['__line__']}: unknown municipality {m}")
        cd = num(r, "demolish_eur", path)
        cn = num(r, "new_build_eur", path) if r.get("new_build_eur", "") != "" else None
        target = override if m else generic
        key = (m, s) if m else s
        if key in target:
            raise CaseError(f"{path}:{r['__line__']}: duplicate costs row")
        target[key] = (cd, cn)
    c_dem = np.zeros((M, S))
    c_new = np.zeros((M, S))
    has_new = np.zeros((M, S), dtype=bool)
    for m in muni:
        for s in segs:
            row = override.get((m, s), generic.get(s))
            i, j = midx[m], sidx[s]
            if row is None:
                if S0[i, j] > 0:
                    raise CaseError(f"{path}: no costs for segment {s} in {m}")
                continue  # no stock, no costs: nothing to demolish, no new build
            c_dem[i, j] = row[0]
            if row[1] is not None:
                c_new[i, j] = row[1]
                has_new[i, j] = True

    # transformations (optional)
    trans = []
    path = P("transformations.csv")
    if os.path.exists(path):
        rows, cols = read_csv(path)
        check_columns(path, cols, ["from_segment", "to_segment", "cost_eur", "yield"], ["label"])
        for r in rows:
            fr, to = r["from_segment"], r["to_segment"]
            if fr not in sidx or to not in sidx:
                raise CaseError(f"{path}:{r['__line__']}: unknown segment")
            yl = num(r, "yield", path)
            if yl <= 0:
                raise CaseError(f"{path}:{r['__line__']}: yield must be > 0")
            trans.append(dict(frm=sidx[fr], to=sidx[to], cost=num(r, "cost_eur", path),
                              yld=yl, label=r.get("label", "")))

    # budgets
    path = P("budgets.csv")
    rows, cols = read_csv(path)
    check_columns(path, cols, ["region", "year", "budget_eur"], [])
    B = {}
    for r in rows:
        key = (r["region"], int(num(r, "year", path)))
        if key in B:
            raise CaseError(f"{path}:{r['__line__']}: duplicate budget row {key}")
        B[key] = num(r, "budget_eur", path)
    seen_regions = {rg for rg, _ in B}
    for rg in regions:
        if rg not in seen_regions:
            raise CaseError(f"{path}: region {rg!r} has no budget row")
    ridx = {rg: i for i, rg in enumerate(regions)}
    budget = np.zeros((len(regions), Pn))
    for (rg, y), v in B.items():
        if rg not in ridx:
            continue
        for p in range(Pn):
            if years[p] < y <= years[p + 1]:
                budget[ridx[rg], p] += v

    return dict(
        muni=muni, muni_name=muni_name, regions=regions, segs=segs, years=years,
        milestones=milestones, L=L, S0=S0, H=H, shares=shares, c_dem=c_dem, c_new=c_new,
        has_new=has_new, trans=trans, budget=budget,
        region_of=np.array([ridx[muni_region[m]] for m in muni], dtype=np.int64),
        f=f, a=a, n=n, w_u=w_u, w_v=w_v, carry=carry,
        tier_bounds=tier_bounds, tier_mult=tier_mult, variant=variant,
    )


# --------------------------------------------------------------------------- model


def demand(c: dict) -> np.ndarray:
    """D[m,p] (total mode) or D[m,s,p] (segment mode) for the milestones p = 1..P."""
    Hm = c["H"][:, 1:]
    if c["shares"] is None:
        return (1 + c["f"]) * Hm
    return (1 + c["f"]) * c["shares"] * Hm[:, None, :]


def tier_penalty(x: np.ndarray, D: np.ndarray, c: dict) -> np.ndarray:
    """w_u * sum_j mu_j * sur_j for a surplus x >= 0 filling the tiers in order."""
    out = np.zeros_like(x)
    lo = 0.0
    for t, mu in zip(c["tier_bounds"], c["tier_mult"]):
        cap = (t - lo) * D if math.isfinite(t) else np.full_like(x, np.inf)
        filled = np.clip(x - lo * D, 0.0, None)
        out += mu * np.minimum(filled, cap)
        if not math.isfinite(t):
            break
        lo = t
    return c["w_u"] * out


def do_nothing_mismatch(c: dict) -> float:
    D = demand(c)
    P = len(c["milestones"])
    if c["shares"] is None:
        st = np.repeat(c["S0"].sum(axis=1)[:, None], P, axis=1)
    else:
        st = np.repeat(c["S0"][:, :, None], P, axis=2)
    gap = st - D
    sur = np.clip(gap, 0, None)
    sho = np.clip(-gap, 0, None)
    per = tier_penalty(sur, D, c) + c["w_v"] * sho
    return float((per * c["L"]).sum())  # L broadcasts over the last (period) axis


class Model:
    """The LP of spec §4-§5, column-wise, with index arrays for every variable block."""

    def __init__(self, c: dict):
        self.c = c
        M, S = c["S0"].shape
        P = len(c["milestones"])
        K = len(c["trans"])
        J = len(c["tier_bounds"])
        R = len(c["regions"])
        seg_mode = c["shares"] is not None
        L = c["L"]
        S0 = c["S0"]
        D = demand(c)

        # ---- columns
        ncol = 0

        def block(shape):
            nonlocal ncol
            size = int(np.prod(shape))
            idx = np.arange(ncol, ncol + size, dtype=np.int64).reshape(shape)
            ncol += size
            return idx

        dem = block((M, S, P))
        new = block((M, S, P))
        tr = block((M, K, P))
        stock = block((M, S, P))
        dshape = (M, S, P) if seg_mode else (M, P)
        sur = block(dshape + (J,))
        sho = block(dshape)
        self.dem, self.new, self.tr, self.stock, self.sur, self.sho = dem, new, tr, stock, sur, sho

        lb = np.zeros(ncol)
        ub = np.full(ncol, np.inf)
        ub[new] = np.where(c["has_new"][:, :, None], np.inf, 0.0)
        lo = 0.0
        for j, t in enumerate(c["tier_bounds"]):
            if math.isfinite(t):
                ub[sur[..., j]] = (t - lo) * D
                lo = t

        # stage-1 objective (weighted dwelling-years)
        cost1 = np.zeros(ncol)
        for j, mu in enumerate(c["tier_mult"]):
            cost1[sur[..., j]] = c["w_u"] * mu * L  # L broadcasts over the period axis
        cost1[sho] = c["w_v"] * L
        # stage-2 objective (gross cost, M EUR)
        cost2 = np.zeros(ncol)
        cost2[dem] = (c["c_dem"] / MEUR)[:, :, None]
        cost2[new] = np.where(c["has_new"], c["c_new"] / MEUR, 0.0)[:, :, None]
        for k, t in enumerate(c["trans"]):
            cost2[tr[:, k, :]] = abs(t["cost"]) / MEUR
        self.cost1, self.cost2 = cost1, cost2

        # ---- rows, collected as COO triplets (row, col, val)
        R_, C_, V_ = [], [], []
        row_lo, row_hi = [], []
        nrow = 0

        def rows(shape, lo_, hi_):
            nonlocal nrow
            size = int(np.prod(shape))
            idx = np.arange(nrow, nrow + size, dtype=np.int64).reshape(shape)
            nrow += size
            row_lo.append(np.broadcast_to(lo_, shape).ravel().astype(float))
            row_hi.append(np.broadcast_to(hi_, shape).ravel().astype(float))
            return idx

        def put(r, cidx, v):
            r, cidx = np.broadcast_arrays(r, cidx)
            R_.append(r.ravel())
            C_.append(cidx.ravel())
            V_.append(np.broadcast_to(v, r.shape).ravel().astype(float))

        prev_rhs = np.zeros((M, S, P))
        prev_rhs[:, :, 0] = S0  # stock[m,s,0] = S0 is a constant

        # C1 stock balance: stock_p - stock_{p-1} + dem + out - yield*in - new = 0
        r1 = rows((M, S, P), prev_rhs, prev_rhs)
        put(r1, stock, 1.0)
        put(r1[:, :, 1:], stock[:, :, :-1], -1.0)
        put(r1, dem, 1.0)
        put(r1, new, -1.0)
        for k, t in enumerate(c["trans"]):
            put(r1[:, t["frm"], :], tr[:, k, :], 1.0)
            put(r1[:, t["to"], :], tr[:, k, :], -t["yld"])

        # C2 removal capacity: dem + out <= a * L_p * S0
        r2 = rows((M, S, P), -np.inf, c["a"] * L[None, None, :] * S0[:, :, None])
        put(r2, dem, 1.0)
        for k, t in enumerate(c["trans"]):
            put(r2[:, t["frm"], :], tr[:, k, :], 1.0)

        # C3 removal from existing stock: dem + out - stock_{p-1} <= 0 (p=1: <= S0)
        r3 = rows((M, S, P), -np.inf, prev_rhs)
        put(r3, dem, 1.0)
        put(r3[:, :, 1:], stock[:, :, :-1], -1.0)
        for k, t in enumerate(c["trans"]):
            put(r3[:, t["frm"], :], tr[:, k, :], 1.0)

        # C4 new-build capacity: sum_s new <= n * L_p * sum_s S0
        r4 = rows((M, P), -np.inf, c["n"] * L[None, :] * S0.sum(axis=1)[:, None])
        put(r4[:, None, :], new, 1.0)

        # C5 demand balance: stock - sum_j sur_j + sho = D
        r5 = rows(dshape, D, D)
        if seg_mode:
            put(r5, stock, 1.0)
        else:
            put(r5[:, None, :], stock, 1.0)
        put(r5[..., None], sur, -1.0)
        put(r5, sho, 1.0)

        # C6 budget per region and period (cumulative with carry-over), in M EUR
        bud = c["budget"] / MEUR
        if c["carry"]:
            bud = np.cumsum(bud, axis=1)
        r6 = rows((R, P), -np.inf, bud)
        self.r6 = r6
        reg = c["region_of"]
        spend_blocks = [(dem, np.broadcast_to((c["c_dem"] / MEUR)[:, :, None], dem.shape)),
                        (new, np.broadcast_to(np.where(c["has_new"], c["c_new"] / MEUR, 0.0)[:, :, None], new.shape))]
        for k, t in enumerate(c["trans"]):
            spend_blocks.append((tr[:, k:k + 1, :], np.full((M, 1, P), t["cost"] / MEUR)))
        for cols_, vals in spend_blocks:
            # cols_: (M, X, P); the spend of period q enters row (r, p) for p == q, or p >= q
            for q in range(P):
                targets = range(q, P) if c["carry"] else [q]
                for p in targets:
                    put(r6[reg, p][:, None], cols_[:, :, q], vals[:, :, q])

        # the spend expression (signed, M EUR) for net cost and per-region reporting
        spend = np.zeros(ncol)
        spend[dem] = cost2[dem]
        spend[new] = cost2[new]
        for k, t in enumerate(c["trans"]):
            spend[tr[:, k, :]] = t["cost"] / MEUR
        self.spend = spend

        rr = np.concatenate(R_)
        cc = np.concatenate(C_)
        vv = np.concatenate(V_)
        # sum duplicate entries (a transformation from s to s hits the same C1 cell twice)
        key = cc * nrow + rr
        order = np.argsort(key, kind="stable")
        key, vv = key[order], vv[order]
        uniq, first = np.unique(key, return_index=True)
        vv = np.add.reduceat(vv, first)
        keep = vv != 0.0
        uniq, vv = uniq[keep], vv[keep]
        cc, rr = uniq // nrow, uniq % nrow
        start = np.searchsorted(cc, np.arange(ncol), side="left")

        self.ncol, self.nrow, self.nnz = ncol, nrow, len(vv)
        self.lb, self.ub = lb, ub
        self.row_lo = np.concatenate(row_lo)
        self.row_hi = np.concatenate(row_hi)
        self.a_start = start.astype(np.int32)
        self.a_index = rr.astype(np.int32)
        self.a_value = vv
        self.int_cols = np.concatenate([dem.ravel(), new.ravel(), tr.ravel()]).astype(np.int32)


def new_highs() -> "highspy.Highs":
    """A Highs instance; its one-time banner goes to stderr, so stdout stays pure JSON."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _usable(h, integer: bool) -> tuple[bool, str | None]:
    """(solution usable, note): optimal, or a MIP stopped by the time limit with an incumbent."""
    ms = h.getModelStatus()
    if ms == highspy.HighsModelStatus.kOptimal:
        return True, None
    if integer and ms == highspy.HighsModelStatus.kTimeLimit and h.getInfo().primal_solution_status == 2:
        return True, "time limit"
    return False, h.modelStatusToString(ms)


def solve(c: dict, integer: bool = False, mip_gap: float = 1e-4, threads: int | None = None,
          verbose: bool = False, time_limit: float | None = None) -> dict:
    t0 = time.perf_counter()
    mdl = Model(c)
    t_build = time.perf_counter() - t0

    h = new_highs()
    h.setOptionValue("output_flag", bool(verbose))
    if threads:
        h.setOptionValue("threads", int(threads))
    if integer:
        h.setOptionValue("mip_rel_gap", float(mip_gap))
    if time_limit:
        h.setOptionValue("time_limit", float(time_limit))  # per stage
    integrality = np.zeros(mdl.ncol, dtype=np.int32)
    if integer:
        integrality[mdl.int_cols] = int(highspy.HighsVarType.kInteger)
    st = h.passModel(mdl.ncol, mdl.nrow, mdl.nnz, 1, 1, 0.0, mdl.cost1, mdl.lb, mdl.ub,
                     mdl.row_lo, mdl.row_hi, mdl.a_start, mdl.a_index, mdl.a_value,
                     integrality)
    if st == highspy.HighsStatus.kError:
        raise RuntimeError("HiGHS rejected the model")
    t_pass = time.perf_counter() - t0 - t_build

    # ---- stage 1: mismatch
    t1 = time.perf_counter()
    h.run()
    t_s1 = time.perf_counter() - t1
    ok, note1 = _usable(h, integer)
    if not ok:
        return dict(status=f"stage 1: {note1}")
    info = h.getInfo()
    z1 = info.objective_function_value
    gap1 = info.mip_gap if integer else None
    sol = h.getSolution()
    x1 = np.array(sol.col_value)
    shadow = None
    if not integer:
        dual = -np.array(sol.row_dual)[mdl.r6.ravel()].reshape(mdl.r6.shape)  # >= 0 for <= rows
        dual = np.abs(dual)
        if c["carry"]:
            # one more million in period p relaxes every cumulative row q >= p
            shadow = np.cumsum(dual[:, ::-1], axis=1)[:, ::-1]
        else:
            shadow = dual

    # ---- stage 2: gross cost with Z1 <= Z1* (1 + 1e-7) + 1e-6
    nz = np.nonzero(mdl.cost1)[0]
    h.addRow(-np.inf, z1 * (1 + 1e-7) + 1e-6, len(nz), nz.astype(np.int32), mdl.cost1[nz])
    allc = np.arange(mdl.ncol, dtype=np.int32)
    h.changeColsCost(mdl.ncol, allc, mdl.cost2)
    if integer:
        h.setSolution(mdl.ncol, allc, x1)  # the stage-1 plan is feasible for stage 2
    t2 = time.perf_counter()
    h.run()
    t_s2 = time.perf_counter() - t2
    ok, note2 = _usable(h, integer)
    if not ok:
        return dict(status=f"stage 2: {note2}")
    info = h.getInfo()
    gap2 = info.mip_gap if integer else None
    x = np.array(h.getSolution().col_value)

    t3 = time.perf_counter()
    z1_dn = do_nothing_mismatch(c)
    t_dn = time.perf_counter() - t3

    mismatch = float(mdl.cost1 @ x)
    gross = float(mdl.cost2 @ x) * MEUR
    net = float(mdl.spend @ x) * MEUR

    # spend per region and period (EUR)
    P = len(c["milestones"])
    per_mp = np.zeros((len(c["muni"]), P))
    for blk in (mdl.dem, mdl.new):
        per_mp += (mdl.spend[blk] * x[blk]).sum(axis=1)
    per_mp += (mdl.spend[mdl.tr] * x[mdl.tr]).sum(axis=1)
    spent = np.zeros((len(c["regions"]), P))
    np.add.at(spent, c["region_of"], per_mp * MEUR)

    def z(v):
        return 0.0 if abs(v) < 1e-6 else float(v)

    budget_rows = []
    for ri, rg in enumerate(c["regions"]):
        for p in range(P):
            budget_rows.append(dict(
                region=rg, period_start=c["years"][p] + 1, period_end=c["years"][p + 1],
                budget_eur=z(c["budget"][ri, p]), spent_eur=z(spent[ri, p]),
                shadow_price_per_meur=None if shadow is None else z(shadow[ri, p]),
            ))

    notes = [f"stage {i}: {n}" for i, n in ((1, note1), (2, note2)) if n]
    return dict(
        status="optimal" if not notes else "; ".join(notes),
        mode="segment" if c["shares"] is not None else "total",
        integer=integer,
        variant=c["variant"],
        milestones=c["milestones"],
        mismatch=z(mismatch),
        mismatch_stage1=z(z1),
        gross_cost_eur=z(gross),
        net_cost_eur=z(net),
        mismatch_do_nothing=z(z1_dn),
        mip_gap=None if not integer else {"stage1": gap1, "stage2": gap2},
        budget=budget_rows,
        size=dict(cols=mdl.ncol, rows=mdl.nrow, nonzeros=mdl.nnz),
        solver=f"HiGHS {h.version()} via highspy",
        timings=dict(build_s=t_build, pass_model_s=t_pass, stage1_s=t_s1, stage2_s=t_s2,
                     do_nothing_s=t_dn),
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case_dir")
    ap.add_argument("--integer", action="store_true", help="dem, new, tr integer (MIP)")
    ap.add_argument("--variant", help="households variant (overrides settings.toml)")
    ap.add_argument("--mip-gap", type=float, default=1e-4, help="relative MIP gap (default 1e-4)")
    ap.add_argument("--threads", type=int, help="HiGHS threads")
    ap.add_argument("--time-limit", type=float, help="HiGHS time limit per stage, seconds "
                    "(a MIP stopped by it reports its incumbent and gap)")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    ap.add_argument("--verbose", action="store_true", help="show the HiGHS log (on stdout)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    try:
        case = load_case(args.case_dir, args.variant)
    except (CaseError, OSError, tomllib.TOMLDecodeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    t_read = time.perf_counter() - t0
    res = solve(case, integer=args.integer, mip_gap=args.mip_gap, threads=args.threads,
                verbose=args.verbose, time_limit=args.time_limit)
    if "timings" in res:
        res["timings"] = {"read_s": t_read, **res["timings"],
                          "total_s": time.perf_counter() - t0}
    if args.json:
        print(json.dumps(res, indent=1))
        return 0 if "mismatch" in res else 1
    if "mismatch" not in res:
        print(f"status: {res['status']}")
        return 1
    if res["status"] != "optimal":
        print(f"status:              {res['status']}")
    print(f"case:                {args.case_dir} ({res['mode']} mode, variant {res['variant']}"
          f"{', integer' if res['integer'] else ''})")
    print(f"mismatch:            {res['mismatch']:.6f} weighted dwelling-years")
    print(f"mismatch_do_nothing: {res['mismatch_do_nothing']:.6f}")
    print(f"gross_cost_eur:      {res['gross_cost_eur']:.2f}")
    print(f"net_cost_eur:        {res['net_cost_eur']:.2f}")
    if res["mip_gap"]:
        print(f"mip_gap:             {res['mip_gap']}")
    print("budget (region, period, budget, spent, shadow price per MEUR):")
    for b in res["budget"]:
        sp = "-" if b["shadow_price_per_meur"] is None else f"{b['shadow_price_per_meur']:.6f}"
        print(f"  {b['region']:<24} {b['period_start']}-{b['period_end']} "
              f"{b['budget_eur']:>16.2f} {b['spent_eur']:>16.2f} {sp:>14}")
    print("timings: " + ", ".join(f"{k}={v:.3f}" for k, v in res["timings"].items()))
    print(f"size: {res['size']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
