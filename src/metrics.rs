//! Fit of a stock trajectory to demand: surplus, shortage and the weighted mismatch Z1.
//!
//! The same functions evaluate the plan and the do-nothing reference, so the two numbers
//! planners compare are computed one way. They read only the [`Case`] and plain stock
//! numbers, never the solver.

use crate::case::{Action, Case, CostBasis, Mode, Settings};
use crate::plan::Plan;

/// `stock[m][s][t]` for t = 0 (base year) ..= P (milestone y_P).
pub type StockPath = Vec<Vec<Vec<f64>>>;

/// The do-nothing trajectory: `S0[m][s]` at every time index.
pub fn do_nothing_path(case: &Case) -> StockPath {
    let times = case.periods.len() + 1;
    case.stock0
        .iter()
        .map(|row| row.iter().map(|&s0| vec![s0; times]).collect())
        .collect()
}

/// The plan's trajectory: S0 at t = 0, then the stock at the end of each period.
pub fn plan_path(case: &Case, plan: &Plan) -> StockPath {
    case.stock0
        .iter()
        .zip(&plan.stock_end)
        .map(|(row0, row)| {
            row0.iter()
                .zip(row)
                .map(|(&s0, ends)| std::iter::once(s0).chain(ends.iter().copied()).collect())
                .collect()
        })
        .collect()
}

/// Σ_j μ_j · sur_j with the surplus filled into the lowest tiers first: the convex
/// penalty of `surplus` (dwellings) against `demand` (dwellings), before w_u.
pub fn tier_penalty(settings: &Settings, surplus: f64, demand: f64) -> f64 {
    let mut rest = surplus.max(0.0);
    let mut lower = 0.0;
    let mut penalty = 0.0;
    for tier in &settings.surplus_tiers {
        let width = if tier.upper_share.is_infinite() {
            f64::INFINITY
        } else {
            (tier.upper_share - lower) * demand.max(0.0)
        };
        let part = rest.min(width);
        penalty += tier.multiplier * part;
        rest -= part;
        lower = tier.upper_share;
        if rest <= 0.0 {
            break;
        }
    }
    penalty
}

/// One row of the balance: the fit of one municipality (one segment or the total) in
/// one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Dwellings demanded: (1 + f) · H, times the share in segment mode.
    pub demand: f64,
    /// Dwellings in stock.
    pub stock: f64,
    /// max(0, stock − demand); in segment mode's totals: the sum over segments.
    pub surplus: f64,
    /// max(0, demand − stock); in segment mode's totals: the sum over segments.
    pub shortage: f64,
}

/// The fit of stock with demand for municipality m at time index t: per segment in
/// segment mode (indexed like `case.segments`), one element in total mode.
pub fn fits(case: &Case, path: &StockPath, m: usize, t: usize) -> Vec<Fit> {
    let fit = |demand: f64, stock: f64| Fit {
        demand,
        stock,
        surplus: (stock - demand).max(0.0),
        shortage: (demand - stock).max(0.0),
    };
    match case.mode {
        Mode::Total => {
            let stock: f64 = path[m].iter().map(|s| s[t]).sum();
            vec![fit(case.demand(m, t, None), stock)]
        }
        Mode::Segment => (0..case.segments.len())
            .map(|s| fit(case.demand(m, t, Some(s)), path[m][s][t]))
            .collect(),
    }
}

/// The sum of a municipality's segment fits (its total row in segment mode).
pub fn total_fit(parts: &[Fit]) -> Fit {
    parts.iter().fold(
        Fit {
            demand: 0.0,
            stock: 0.0,
            surplus: 0.0,
            shortage: 0.0,
        },
        |acc, f| Fit {
            demand: acc.demand + f.demand,
            stock: acc.stock + f.stock,
            surplus: acc.surplus + f.surplus,
            shortage: acc.shortage + f.shortage,
        },
    )
}

/// The weighted mismatch of municipality m over all periods (weighted dwelling-years).
pub fn municipality_mismatch(case: &Case, path: &StockPath, m: usize) -> f64 {
    let st = &case.settings;
    case.periods
        .iter()
        .enumerate()
        .map(|(p, period)| {
            let per_year: f64 = fits(case, path, m, p + 1)
                .iter()
                .map(|f| {
                    st.weight_surplus * tier_penalty(st, f.surplus, f.demand)
                        + st.weight_shortage * f.shortage
                })
                .sum();
            period.years() * per_year
        })
        .sum()
}

/// Z1 of a trajectory: Σ_p L_p · Σ (w_u · Σ_j μ_j · sur_j + w_v · sho).
pub fn mismatch(case: &Case, path: &StockPath) -> f64 {
    (0..case.municipalities.len())
        .map(|m| municipality_mismatch(case, path, m))
        .sum()
}

/// Net spending of the plan per municipality and period in euros: `spend[m][p]`.
pub fn spend_eur(case: &Case, plan: &Plan) -> Vec<Vec<f64>> {
    action_cost_eur(case, plan, CostBasis::Net)
}

/// Gross cost Z2 of the plan in euros (transformations at |c_k|).
pub fn gross_cost_eur(case: &Case, plan: &Plan) -> f64 {
    action_cost_eur(case, plan, CostBasis::Gross)
        .iter()
        .flatten()
        .sum()
}

/// Cost of the plan's actions per municipality and period in euros, net or gross.
pub fn action_cost_eur(case: &Case, plan: &Plan, basis: CostBasis) -> Vec<Vec<f64>> {
    (0..case.municipalities.len())
        .map(|m| {
            (0..case.periods.len())
                .map(|p| {
                    case.cost_terms(m, basis)
                        .map(|(action, eur)| {
                            let quantity = match action {
                                Action::Demolish(s) => plan.demolish[m][s][p],
                                Action::NewBuild(s) => plan.new_build[m][s][p],
                                Action::Transform(k) => plan.transform[m][k][p],
                            };
                            eur * quantity
                        })
                        .sum()
                })
                .collect()
        })
        .collect()
}

/// What each funder paid and received per region and period, in euros (spec v2):
/// `paid[r][g][p]` Σ of its payments, `received[r][g][p]` Σ of the sale proceeds it got.
/// Both empty for a case without funders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FunderFlows {
    /// Payments per region, funder and period.
    pub paid: Vec<Vec<Vec<f64>>>,
    /// Sale proceeds received per region, funder and period.
    pub received: Vec<Vec<Vec<f64>>>,
}

impl FunderFlows {
    /// What funder g spent from its budget in region r and period p: paid − received
    /// (budget.csv's spent_eur with funders; C6f's left-hand side without carry-over).
    pub fn net(&self, r: usize, g: usize, p: usize) -> f64 {
        self.paid[r][g][p] - self.received[r][g][p]
    }
}

/// The plan's payments and proceeds summed per region, funder and period.
pub fn funder_flows(case: &Case, plan: &Plan) -> FunderFlows {
    if !case.funders.active() {
        return FunderFlows::default();
    }
    let zero =
        vec![vec![vec![0.0; case.periods.len()]; case.funders.names.len()]; case.regions.len()];
    let mut flows = FunderFlows {
        paid: zero.clone(),
        received: zero,
    };
    for pay in &plan.payments {
        let r = case.municipalities[pay.municipality].region;
        flows.paid[r][pay.funder][pay.period] += pay.eur;
    }
    for receipt in &plan.receipts {
        let r = case.municipalities[receipt.municipality].region;
        flows.received[r][receipt.funder][receipt.period] += receipt.eur;
    }
    flows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings::with_defaults(2020, vec![2030])
    }

    #[test]
    fn tiers_fill_from_the_bottom() {
        let st = settings();
        // demand 1000: tier 1 holds 30 at ×1, tier 2 holds 50 at ×2, the rest ×4.
        assert_eq!(tier_penalty(&st, 0.0, 1000.0), 0.0);
        assert!((tier_penalty(&st, 20.0, 1000.0) - 20.0).abs() < 1e-9);
        assert!((tier_penalty(&st, 60.0, 1000.0) - (30.0 + 60.0)).abs() < 1e-9);
        assert!((tier_penalty(&st, 100.0, 1000.0) - (30.0 + 100.0 + 80.0)).abs() < 1e-9);
        // zero demand: everything lands in the last tier.
        assert!((tier_penalty(&st, 10.0, 0.0) - 40.0).abs() < 1e-9);
    }
}
