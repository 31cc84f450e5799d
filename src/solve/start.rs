//! The first whole-dwelling plan of `--integer`, built from the LP optimum before any
//! MIP runs: every action (dem, new, tr) of the LP's least-cost plan rounded down to
//! whole dwellings, then repaired period by period, in time order, so that it meets
//! every constraint again:
//!
//! 1. C2–C4 of period p: where a segment now removes more than its previous stock (the
//!    stock may have fallen because an inflow was rounded down) or than its removal
//!    capacity, demolition and then the transformations out of it are cut by whole
//!    dwellings; new build above C4's capacity is cut likewise;
//! 2. C6 (or, with funders, C6f) of period p: rounding a sale down brings in less
//!    money, so where a region (a funder in a region) now spends more than its budget
//!    allows, actions that cost money are cut by whole dwellings until it fits. With
//!    funders every item keeps the LP's split among its funders, so C7 holds;
//! 3. the stock follows from C1, the surplus and shortage from C5.
//!
//! Cutting only lowers an action, never raises one; a cut in period p changes only
//! period p's rows and the stock after it, which the next period's repair sees. Doing
//! nothing meets every constraint, so the repair always ends with a feasible plan. The
//! plan meets the rows exactly, up to floating-point rounding.

use std::collections::{BTreeMap, HashMap};

use good_lp::{Expression, IntoAffineExpression, Variable};

use crate::case::{Action, Case, CostBasis};
use crate::model::{Col, Vars, EUR_PER_MEUR};

/// A value within this of the next whole number counts as that number when rounding
/// down (a solver's noise on a whole dwelling).
const WHOLE: f64 = 1e-6;
/// What a repaired row may exceed its bound by (dwellings, or millions of euros).
const SLACK: f64 = 1e-9;

/// The first whole-dwelling plan: a value for every column of the model, and its two
/// objectives.
pub(super) struct Start {
    /// Values by column.
    pub(super) values: Vec<f64>,
    /// Z1 in weighted dwelling-years.
    pub(super) mismatch: f64,
    /// Z2 in millions of euros.
    pub(super) gross_cost_meur: f64,
}

/// The actions of the plan being repaired, `[m][s or k][p]`; 0 where there is no
/// variable.
struct Actions {
    demolish: Vec<Vec<Vec<f64>>>,
    new_build: Vec<Vec<Vec<f64>>>,
    transform: Vec<Vec<Vec<f64>>>,
}

impl Actions {
    fn get(&self, m: usize, p: usize, action: Action) -> f64 {
        match action {
            Action::Demolish(s) => self.demolish[m][s][p],
            Action::NewBuild(s) => self.new_build[m][s][p],
            Action::Transform(k) => self.transform[m][k][p],
        }
    }

    fn get_mut(&mut self, m: usize, p: usize, action: Action) -> &mut f64 {
        match action {
            Action::Demolish(s) => &mut self.demolish[m][s][p],
            Action::NewBuild(s) => &mut self.new_build[m][s][p],
            Action::Transform(k) => &mut self.transform[m][k][p],
        }
    }
}

/// Lowers `x` by whole dwellings, by at most what it holds, to remove `excess` (in units
/// of `per_unit` each); returns what is left of the excess.
fn cut(x: &mut f64, excess: f64, per_unit: f64) -> f64 {
    if excess <= SLACK || *x <= 0.0 || per_unit <= 0.0 {
        return excess;
    }
    let units = ((excess - SLACK) / per_unit).ceil().clamp(0.0, *x);
    *x -= units;
    excess - units * per_unit
}

/// The first whole-dwelling plan from the LP optimum `lp_values` (by column, of a model
/// with the columns of `vars`); `column` maps every variable to its column, and
/// `mismatch` and `gross_cost_meur` are the model's objectives.
pub(super) fn rounded(
    case: &Case,
    vars: &Vars,
    column: &HashMap<Variable, usize>,
    lp_values: &[f64],
    mismatch: &Expression,
    gross_cost_meur: &Expression,
) -> Start {
    let down = |c: &Col| (lp_values[c.index] + WHOLE).floor().max(0.0);
    let down_opt = |c: &Option<Col>| c.as_ref().map_or(0.0, down);
    let map = |cube: &Vec<Vec<Vec<Option<Col>>>>| -> Vec<Vec<Vec<f64>>> {
        cube.iter()
            .map(|a| a.iter().map(|b| b.iter().map(down_opt).collect()).collect())
            .collect()
    };
    let mut actions = Actions {
        demolish: map(&vars.demolish),
        new_build: map(&vars.new_build),
        transform: vars
            .transform
            .iter()
            .map(|a| a.iter().map(|b| b.iter().map(down).collect()).collect())
            .collect(),
    };
    let shares = payment_shares(case, vars, lp_values, &mut actions);

    let periods = case.periods.len();
    let segments = case.segments.len();
    let municipalities = case.municipalities.len();
    let mut stock = vec![vec![vec![0.0; periods]; segments]; municipalities];
    // Cumulative spend and budget so far (carry-over), per region, and per region and
    // funder, in millions of euros.
    let mut spent = vec![0.0; case.regions.len()];
    let mut allowed = vec![0.0; case.regions.len()];
    let funders = case.funders.names.len();
    let mut funder_spent = vec![vec![0.0; funders]; case.regions.len()];
    let mut funder_allowed = vec![vec![0.0; funders]; case.regions.len()];
    for (p, period) in case.periods.iter().enumerate() {
        for m in 0..municipalities {
            repair_capacity(case, &mut actions, &stock, m, p, period.years());
        }
        if case.funders.active() {
            repair_funder_budgets(
                case,
                vars,
                &shares,
                &mut actions,
                p,
                &mut funder_spent,
                &mut funder_allowed,
            );
        } else {
            repair_budgets(case, &mut actions, p, &mut spent, &mut allowed);
        }
        for m in 0..municipalities {
            for s in 0..segments {
                stock[m][s][p] = stock_after(case, &actions, &stock, m, s, p);
            }
        }
    }
    let values = columns(
        case,
        vars,
        column,
        &actions,
        &stock,
        &shares,
        lp_values.len(),
    );
    let evaluate = |e: &Expression| -> f64 {
        e.linear_coefficients()
            .map(|(var, a)| a * values[column[&var]])
            .sum::<f64>()
            + e.constant()
    };
    Start {
        mismatch: evaluate(mismatch),
        gross_cost_meur: evaluate(gross_cost_meur),
        values,
    }
}

/// With funders: each payment column's share of its item in the LP optimum (the shares
/// of an item sum to 1). An item the LP pays nothing for is set to 0 in `actions` (it
/// can only be a whole dwelling there by the solver's noise).
fn payment_shares(case: &Case, vars: &Vars, lp_values: &[f64], actions: &mut Actions) -> Vec<f64> {
    let mut paid: BTreeMap<(usize, usize, Action), f64> = BTreeMap::new();
    for pay in &vars.pay {
        *paid
            .entry((pay.municipality, pay.period, pay.action))
            .or_default() += lp_values[pay.col.index].max(0.0);
    }
    let _ = case;
    for (&(m, p, action), &total) in &paid {
        if total <= 0.0 {
            *actions.get_mut(m, p, action) = 0.0;
        }
    }
    // Items that no funder may pay have no payment column: C7 makes them 0.
    vars.pay
        .iter()
        .map(|pay| {
            let total = paid[&(pay.municipality, pay.period, pay.action)];
            if total > 0.0 {
                lp_values[pay.col.index].max(0.0) / total
            } else {
                0.0
            }
        })
        .collect()
}

/// C2–C4 of municipality m in period p (`years` long), given the stock after p − 1.
fn repair_capacity(
    case: &Case,
    actions: &mut Actions,
    stock: &[Vec<Vec<f64>>],
    m: usize,
    p: usize,
    years: f64,
) {
    let a = case.settings.max_removal_share_per_year;
    for (s, segment_stock) in stock[m].iter().enumerate() {
        let previous = if p == 0 {
            case.stock0[m][s]
        } else {
            segment_stock[p - 1]
        };
        let cap = previous.min(a * years * case.stock0[m][s]);
        let outs: Vec<usize> = (0..case.transformations.len())
            .filter(|&k| case.transformations[k].from == s)
            .collect();
        let removed = actions.demolish[m][s][p]
            + outs
                .iter()
                .map(|&k| actions.transform[m][k][p])
                .sum::<f64>();
        let mut excess = removed - cap;
        excess = cut(&mut actions.demolish[m][s][p], excess, 1.0);
        for &k in &outs {
            excess = cut(&mut actions.transform[m][k][p], excess, 1.0);
        }
    }
    let n = case.settings.max_new_build_share_per_year;
    let base: f64 = case.stock0[m].iter().sum();
    let built: f64 = actions.new_build[m].iter().map(|x| x[p]).sum();
    let mut excess = built - n * years * base;
    for s in (0..case.segments.len()).rev() {
        excess = cut(&mut actions.new_build[m][s][p], excess, 1.0);
    }
}

/// C6 of period p for every region (without funders); `spent` and `allowed` carry the
/// cumulative spend and budget of the periods before (with carry-over).
fn repair_budgets(
    case: &Case,
    actions: &mut Actions,
    p: usize,
    spent: &mut [f64],
    allowed: &mut [f64],
) {
    let carry = case.settings.budget_carry_over;
    for r in 0..case.regions.len() {
        let members: Vec<usize> = case.municipalities_in(r).collect();
        let spend_of = |actions: &Actions| -> f64 {
            members
                .iter()
                .flat_map(|&m| {
                    case.cost_terms(m, CostBasis::Net)
                        .map(move |(action, eur)| (m, action, eur))
                })
                .map(|(m, action, eur)| eur / EUR_PER_MEUR * actions.get(m, p, action))
                .sum()
        };
        if !carry {
            spent[r] = 0.0;
            allowed[r] = 0.0;
        }
        allowed[r] += case.budget_eur[r][p] / EUR_PER_MEUR;
        let mut excess = spent[r] + spend_of(actions) - allowed[r];
        for &m in &members {
            let items: Vec<(Action, f64)> = case.cost_items(m).collect();
            for (action, eur) in items {
                excess = cut(actions.get_mut(m, p, action), excess, eur / EUR_PER_MEUR);
            }
        }
        spent[r] += spend_of(actions);
    }
}

/// C6f of period p for every region and funder; payments follow the LP's `shares`.
fn repair_funder_budgets(
    case: &Case,
    vars: &Vars,
    shares: &[f64],
    actions: &mut Actions,
    p: usize,
    spent: &mut [Vec<f64>],
    allowed: &mut [Vec<f64>],
) {
    let carry = case.settings.budget_carry_over;
    let region = |m: usize| case.municipalities[m].region;
    let funder_spend = |actions: &Actions, r: usize, g: usize| -> f64 {
        let paid: f64 = vars
            .pay
            .iter()
            .zip(shares)
            .filter(|(pay, _)| pay.period == p && pay.funder == g && region(pay.municipality) == r)
            .map(|(pay, share)| {
                share * pay.eur_per_unit / EUR_PER_MEUR
                    * actions.get(pay.municipality, p, pay.action)
            })
            .sum();
        let received: f64 = vars
            .sales
            .iter()
            .filter(|sale| sale.period == p && sale.funder == g && region(sale.municipality) == r)
            .map(|sale| {
                sale.eur_per_unit / EUR_PER_MEUR
                    * actions.transform[sale.municipality][sale.transformation][p]
            })
            .sum();
        paid - received
    };
    for r in 0..case.regions.len() {
        for g in 0..case.funders.names.len() {
            if !carry {
                spent[r][g] = 0.0;
                allowed[r][g] = 0.0;
            }
            allowed[r][g] += case.funders.budget_eur[r][g][p] / EUR_PER_MEUR;
            let mut excess = spent[r][g] + funder_spend(actions, r, g) - allowed[r][g];
            for (pay, share) in vars.pay.iter().zip(shares) {
                if pay.period != p || pay.funder != g || region(pay.municipality) != r {
                    continue;
                }
                let x = actions.get_mut(pay.municipality, p, pay.action);
                excess = cut(x, excess, share * pay.eur_per_unit / EUR_PER_MEUR);
            }
        }
    }
    // The spend of each funder after every cut of this period (a cut for one funder
    // lowers the others' payments too).
    for (r, row) in spent.iter_mut().enumerate() {
        for (g, x) in row.iter_mut().enumerate() {
            *x += funder_spend(actions, r, g);
        }
    }
}

/// C1: the stock of segment s in municipality m at the end of period p.
fn stock_after(
    case: &Case,
    actions: &Actions,
    stock: &[Vec<Vec<f64>>],
    m: usize,
    s: usize,
    p: usize,
) -> f64 {
    let mut x = if p == 0 {
        case.stock0[m][s]
    } else {
        stock[m][s][p - 1]
    };
    x = x - actions.demolish[m][s][p] + actions.new_build[m][s][p];
    case.after_transformations(s, x, |k| actions.transform[m][k][p])
}

/// Every column's value: the actions, the stock, the surplus tiers (filled in order) and
/// shortage from C5, and the payments at the LP's shares.
fn columns(
    case: &Case,
    vars: &Vars,
    column: &HashMap<Variable, usize>,
    actions: &Actions,
    stock: &[Vec<Vec<f64>>],
    shares: &[f64],
    len: usize,
) -> Vec<f64> {
    let mut values = vec![0.0; len];
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            for s in 0..case.segments.len() {
                if let Some(c) = vars.demolish[m][s][p] {
                    values[c.index] = actions.demolish[m][s][p];
                }
                if let Some(c) = vars.new_build[m][s][p] {
                    values[c.index] = actions.new_build[m][s][p];
                }
                values[vars.stock[m][s][p].index] = stock[m][s][p];
            }
            for k in 0..case.transformations.len() {
                values[vars.transform[m][k][p].index] = actions.transform[m][k][p];
            }
        }
    }
    let tiers = &case.settings.surplus_tiers;
    for (u, (m, segment)) in Vars::balance_units(case).into_iter().enumerate() {
        for p in 0..case.periods.len() {
            let total: f64 = match segment {
                Some(s) => stock[m][s][p],
                None => stock[m].iter().map(|x| x[p]).sum(),
            };
            let demand = case.demand(m, p + 1, segment);
            let mut rest = total - demand;
            if rest < 0.0 {
                values[column[&vars.shortage[u][p]]] = -rest;
                continue;
            }
            let mut lower = 0.0;
            for (tier, var) in tiers.iter().zip(&vars.surplus_tiers[u][p]) {
                let room = if tier.upper_share.is_finite() {
                    ((tier.upper_share - lower) * demand).max(0.0)
                } else {
                    f64::INFINITY
                };
                lower = tier.upper_share;
                let take = rest.min(room);
                values[column[var]] = take;
                rest -= take;
            }
        }
    }
    for (pay, share) in vars.pay.iter().zip(shares) {
        values[pay.col.index] = share * pay.eur_per_unit / EUR_PER_MEUR
            * actions.get(pay.municipality, pay.period, pay.action);
    }
    values
}
