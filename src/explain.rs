//! Why the plan does what it does: per municipality and period, what keeps the plan
//! from lowering the mismatch further (explanations.csv, the "waarom" of report.html).
//!
//! Derived from the solved model, never guessed: stage 1's duals price every action
//! ([`Plan::removal_value`], the dual of the stock balance C1), the plan's own values
//! give the slack of every limit (C2, C3, C4), and the budget shadow prices (the duals of
//! C6 or C6f) say whether money binds. Stage 1 is the stage that is about the fit; stage
//! 2 only picks the cheapest of the equally good plans, and since any optimal plan and
//! any optimal dual meet complementary slackness, stage 1's duals fit stage 2's plan.
//!
//! **The rule.** An action of municipality m in period p (demolishing, building or
//! transforming, where the case allows it) is *useful* when doing one unit more would
//! lower the mismatch Z1, priced by stage 1's duals of the stock balance: one dwelling of
//! s removed saves `removal_value[m][s][p]` weighted dwelling-years, one built costs as
//! much, a transformation k saves `value[from] − yield_k · value[to]`. That price
//! already counts the later periods (a dwelling removed now is gone at every later
//! milestone). The dual is not unique everywhere: where a segment's stock is down to
//! zero, C3 and `stock ≥ 0` say the same and a simplex solver may put the price on
//! either, leaving C1's dual at 0. So the gain of an action is the larger of its dual
//! price and its *primal* gain: the one-sided change of Z1 if the plan did one unit more
//! and nothing else changed, from the plan's surplus and shortage in period p and every
//! later one. Both are sound: either being positive means one unit more would lower
//! Z1 if the limits allowed it. A useful action that the plan does not do more of is held back, at the
//! optimum, by some limit; which one, is read from the plan and the duals, in this order:
//!
//! 1. `stock` (C3): the segment it removes from has nothing left (removed = stock at
//!    the start of the period);
//! 2. `capacity` (C2): the segment's removal cap is used in full (removed = a · L_p ·
//!    S0, for `--integer` within one dwelling);
//! 3. the new-build cap (C4) is used in full (for a useful new build);
//! 4. `budget`: the action costs money and the region's budget (with funders: the
//!    budget of a funder that may pay for it) has a shadow price > 0 in that period;
//! 5. otherwise something else holds it (the funders' rules, or in a robust plan the
//!    commitment shared with the other projections).
//!
//! The municipality's factor in the period, when its mismatch there is not zero, is then
//! `budget` if any useful action is held back by money (more money would lower the
//! mismatch here), else `capacity` if any is held by C2, else `stock` if any by C3, else
//! `other` if any is held by C4, the funders' rules or a commitment, and `none` when no
//! action is useful. A period whose mismatch is zero is `none`. So `capacity` always
//! means the plan removes the full C2 amount of some segment, and `budget` that more
//! money would buy a useful action in the municipality itself.

use crate::case::{Action, Case, CostBasis, Mode};
use crate::metrics::{self, Fit};
use crate::plan::Plan;

/// An action is useful when one unit more would lower Z1 by more than this (weighted
/// dwelling-years per dwelling; the duals of useful actions are about a year or more).
pub const USEFUL: f64 = 1e-6;
/// A budget binds when its shadow price exceeds this (weighted dwelling-years per
/// million euros).
pub const BINDS: f64 = 1e-6;

/// What limits the plan in a municipality and period (explanations.csv's
/// `limiting_factor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Factor {
    /// The region's budget (or a funder's) binds and an action it would pay for would
    /// lower the mismatch.
    Budget,
    /// The removal cap C2 binds: the plan removes the full C2 amount of a segment whose
    /// removal would lower the mismatch.
    Capacity,
    /// Nothing is left to remove (C3) in a segment whose removal would lower the
    /// mismatch.
    Stock,
    /// A useful action is held back by something else: the new-build cap (C4), the
    /// funders' rules (C7) or, in a robust plan, the commitment (see [`Other`]).
    Other,
    /// The mismatch is zero, or no action would lower it.
    None,
}

impl Factor {
    /// The word in explanations.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Factor::Budget => "budget",
            Factor::Capacity => "capacity",
            Factor::Stock => "stock",
            Factor::Other => "other",
            Factor::None => "none",
        }
    }
}

/// What holds back a useful action when it is none of budget, C2 and C3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Other {
    /// The new-build cap C4 is used in full.
    NewBuildCapacity,
    /// In a robust plan's committed periods: the action is one decision for every
    /// projection, and the others do not want more of it.
    Commitment,
    /// With funders: no funder whose budget is left may pay (the rest of) it.
    FundingRules,
    /// None of the above could be read from the plan (numerical degeneracy).
    Unknown,
}

/// The explanation of one municipality and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Index into `case.municipalities`.
    pub municipality: usize,
    /// Period index into `case.periods`.
    pub period: usize,
    /// What limits the plan here.
    pub factor: Factor,
    /// The region's budget shadow price in this period (weighted dwelling-years per
    /// extra million euros, as budget.csv; with funders the largest of its funders').
    pub budget_shadow_price: f64,
    /// For [`Factor::Budget`] with funders: the funders (indices into
    /// `case.funders.names`) whose binding budgets hold back the useful action with the
    /// most gain per euro (where more money would go first); empty without funders.
    pub funders: Vec<usize>,
    /// The largest shadow price among those funders (the region's without funders).
    pub binding_price: f64,
    /// For [`Factor::Budget`]: the useful action held back by money with the most gain
    /// per euro, where more money would go first.
    pub money_would_go_to: Option<Action>,
    /// Segments whose useful removal is at the C2 cap.
    pub capacity_segments: Vec<usize>,
    /// Segments whose useful removal found no stock left (C3).
    pub stock_segments: Vec<usize>,
    /// For [`Factor::Other`]: what holds the useful action back.
    pub other: Option<Other>,
    /// Whether some action would lower the mismatch (is useful) here.
    pub useful_action: bool,
    /// The fit at the end of the period with the plan (the municipality's total).
    pub plan: Fit,
    /// The fit at the end of the period without action.
    pub do_nothing: Fit,
    /// What the plan does in the period: dwellings demolished.
    pub demolished: f64,
    /// Dwellings built.
    pub built: f64,
    /// Input dwellings transformed by transformations that cost money or nothing.
    pub transformed: f64,
    /// Input dwellings sold (transformations with a negative cost).
    pub sold: f64,
    /// Whether the municipality had a shortage without action in an earlier period.
    pub earlier_shortage: bool,
    /// Dwellings built and transformed in (output) in this and earlier periods.
    pub added_so_far: f64,
}

/// How one useful action is held back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Hold {
    Stock(usize),
    Capacity(usize),
    NewBuildCapacity,
    Budget,
    Other(Other),
}

/// `table[i][j]` of a plan's figures (a shadow price, a removal value); 0 where the
/// plan has none (a plan without duals).
fn figure(table: &[Vec<f64>], i: usize, j: usize) -> f64 {
    table
        .get(i)
        .and_then(|row| row.get(j))
        .copied()
        .unwrap_or(0.0)
}

/// The segments, sorted and each once, of the holds `pick` takes a segment from.
fn held_segments(holds: &[Hold], pick: impl Fn(&Hold) -> Option<usize>) -> Vec<usize> {
    let mut segments: Vec<usize> = holds.iter().filter_map(pick).collect();
    segments.sort_unstable();
    segments.dedup();
    segments
}

/// Explanations of a plan: one per municipality and period, in plan.csv's order
/// (municipalities as in the case, then periods).
pub fn explain(case: &Case, plan: &Plan) -> Vec<Explanation> {
    explain_committed(case, plan, 0)
}

/// [`explain`] for a variant of a robust plan whose first `commit_periods` periods are
/// one decision for every projection.
pub fn explain_committed(case: &Case, plan: &Plan, commit_periods: usize) -> Vec<Explanation> {
    let planned = metrics::plan_path(case, plan);
    let nothing = metrics::do_nothing_path(case);
    let mut out = Vec::with_capacity(case.municipalities.len() * case.periods.len());
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            out.push(one(case, plan, (&planned, &nothing), m, p, commit_periods));
        }
    }
    out
}

/// Whether `used` reaches the limit `cap`: within 1e-6 relative, or for whole dwellings
/// within one dwelling (the largest whole number under the cap).
fn full(used: f64, cap: f64, integer: bool) -> bool {
    let slack = cap - used;
    if integer {
        slack < 1.0 - 1e-9
    } else {
        slack <= 1e-6 * cap.abs().max(1.0)
    }
}

fn one(
    case: &Case,
    plan: &Plan,
    (planned, nothing): (&metrics::StockPath, &metrics::StockPath),
    m: usize,
    p: usize,
    commit_periods: usize,
) -> Explanation {
    let region = case.municipalities[m].region;
    let t = p + 1;
    let plan_fit = metrics::total_fit(&metrics::fits(case, planned, m, t));
    let do_nothing = metrics::total_fit(&metrics::fits(case, nothing, m, t));
    let price = figure(&plan.budget_shadow_price, region, p);
    let value = |s: usize| -> f64 { plan.removal_value.get(m).map_or(0.0, |v| figure(v, s, p)) };
    let removed = |s: usize| -> f64 {
        plan.demolish[m][s][p]
            + case
                .transformations
                .iter()
                .enumerate()
                .filter(|(_, k)| k.from == s)
                .map(|(k, _)| plan.transform[m][k][p])
                .sum::<f64>()
    };
    let previous = |s: usize| planned[m][s][p];
    let years = case.periods[p].years();
    let removal_cap =
        |s: usize| case.settings.max_removal_share_per_year * years * case.stock0[m][s];
    let base: f64 = case.stock0[m].iter().sum();
    let build_cap = case.settings.max_new_build_share_per_year * years * base;
    let built: f64 = (0..case.segments.len())
        .map(|s| plan.new_build[m][s][p])
        .sum();
    let integer = plan.integer;
    let funder_price = |g: usize| -> f64 {
        let prices = plan.funder_shadow_price.get(region);
        prices.map_or(0.0, |prices| figure(prices, g, p))
    };

    let mut holds: Vec<Hold> = Vec::new();
    let mut funders: Vec<usize> = Vec::new();
    let mut best_rate: Option<f64> = None;
    let mut best_action: Option<Action> = None;
    for (action, eur) in case.cost_terms(m, CostBasis::Net) {
        // The change of the stock per segment that one unit of the action makes.
        let mut delta = vec![0.0; case.segments.len()];
        let (dual_gain, from) = match action {
            Action::Demolish(s) => {
                delta[s] -= 1.0;
                (value(s), Some(s))
            }
            Action::NewBuild(s) => {
                delta[s] += 1.0;
                (-value(s), None)
            }
            Action::Transform(k) => {
                let tr = &case.transformations[k];
                delta[tr.from] -= 1.0;
                delta[tr.to] += tr.yield_per_dwelling;
                (
                    value(tr.from) - tr.yield_per_dwelling * value(tr.to),
                    Some(tr.from),
                )
            }
        };
        let gain = dual_gain.max(primal_gain(case, planned, m, p, &delta));
        if gain <= USEFUL {
            continue;
        }
        let hold = if let Some(s) = from.filter(|&s| full(removed(s), previous(s), integer)) {
            Hold::Stock(s)
        } else if let Some(s) = from.filter(|&s| full(removed(s), removal_cap(s), integer)) {
            Hold::Capacity(s)
        } else if matches!(action, Action::NewBuild(_)) && full(built, build_cap, integer) {
            Hold::NewBuildCapacity
        } else if eur > 0.0 {
            if case.funders.active() {
                let binding: Vec<usize> = (0..case.funders.names.len())
                    .filter(|&g| case.funding_share(g, action) > 0.0 && funder_price(g) > BINDS)
                    .collect();
                if binding.is_empty() {
                    Hold::Other(other_cause(p, commit_periods, true))
                } else {
                    // The funders named are those of the useful action with the most
                    // gain per euro: where more money would go first.
                    let rate = gain / eur;
                    if best_rate.is_none_or(|r| rate > r * (1.0 + 1e-9)) {
                        best_rate = Some(rate);
                        best_action = Some(action);
                        funders = binding;
                    }
                    Hold::Budget
                }
            } else if price > BINDS {
                let rate = gain / eur;
                if best_rate.is_none_or(|r| rate > r * (1.0 + 1e-9)) {
                    best_rate = Some(rate);
                    best_action = Some(action);
                }
                Hold::Budget
            } else {
                Hold::Other(other_cause(p, commit_periods, false))
            }
        } else {
            Hold::Other(other_cause(p, commit_periods, false))
        };
        holds.push(hold);
    }
    let capacity_segments = held_segments(&holds, |h| match h {
        Hold::Capacity(s) => Some(*s),
        _ => None,
    });
    let stock_segments = held_segments(&holds, |h| match h {
        Hold::Stock(s) => Some(*s),
        _ => None,
    });
    let other = holds
        .iter()
        .filter_map(|h| match h {
            Hold::NewBuildCapacity => Some(Other::NewBuildCapacity),
            Hold::Other(o) => Some(*o),
            _ => None,
        })
        .min();

    let balanced = plan_fit.surplus + plan_fit.shortage <= 1e-6 * plan_fit.demand.max(1.0);
    let factor = if balanced || holds.is_empty() {
        Factor::None
    } else if holds.contains(&Hold::Budget) {
        Factor::Budget
    } else if !capacity_segments.is_empty() {
        Factor::Capacity
    } else if !stock_segments.is_empty() {
        Factor::Stock
    } else {
        Factor::Other
    };
    let binding_price = if funders.is_empty() {
        price
    } else {
        funders.iter().map(|&g| funder_price(g)).fold(0.0, f64::max)
    };

    let mut transformed = 0.0;
    let mut sold = 0.0;
    for (k, tr) in case.transformations.iter().enumerate() {
        if tr.cost_eur < 0.0 {
            sold += plan.transform[m][k][p];
        } else {
            transformed += plan.transform[m][k][p];
        }
    }
    let earlier_shortage =
        (1..t).any(|q| metrics::total_fit(&metrics::fits(case, nothing, m, q)).shortage > 0.5);
    let added_so_far: f64 = (0..=p)
        .map(|q| {
            let new: f64 = (0..case.segments.len())
                .map(|s| plan.new_build[m][s][q])
                .sum();
            let moved_in: f64 = case
                .transformations
                .iter()
                .enumerate()
                .filter(|(_, k)| k.from != k.to)
                .map(|(k, tr)| tr.yield_per_dwelling * plan.transform[m][k][q])
                .sum();
            new + moved_in
        })
        .sum();

    Explanation {
        municipality: m,
        period: p,
        factor,
        budget_shadow_price: price,
        funders: if factor == Factor::Budget {
            funders
        } else {
            Vec::new()
        },
        binding_price,
        money_would_go_to: if factor == Factor::Budget {
            best_action
        } else {
            None
        },
        capacity_segments,
        stock_segments,
        other: if factor == Factor::Other { other } else { None },
        useful_action: !holds.is_empty(),
        plan: plan_fit,
        do_nothing,
        demolished: (0..case.segments.len())
            .map(|s| plan.demolish[m][s][p])
            .sum(),
        built,
        transformed,
        sold,
        earlier_shortage,
        added_so_far,
    }
}

/// The step of the one-sided derivative in [`primal_gain`], in dwellings: far below
/// any dwelling count, far above the solvers' tolerance on the plan's values.
const STEP: f64 = 1e-3;

/// The per-year penalty of one balance unit (w_u · tiers of the surplus + w_v · the
/// shortage) with `stock` against `demand`.
fn penalty(settings: &crate::case::Settings, stock: f64, demand: f64) -> f64 {
    settings.weight_surplus * metrics::tier_penalty(settings, stock - demand, demand)
        + settings.weight_shortage * (demand - stock).max(0.0)
}

/// The weighted dwelling-years Z1 would lose per unit if municipality m's stock changed
/// by `delta[s]` per segment from the end of period p on, everything else as planned:
/// the one-sided derivative of Z1 along that direction, from the plan's surplus and
/// shortage in period p and every later one (total mode: the segments' sum).
fn primal_gain(
    case: &Case,
    planned: &metrics::StockPath,
    m: usize,
    p: usize,
    delta: &[f64],
) -> f64 {
    let st = &case.settings;
    let mut change = 0.0;
    for q in p..case.periods.len() {
        let t = q + 1;
        let years = case.periods[q].years();
        let step = |stock: f64, demand: f64, d: f64| -> f64 {
            (penalty(st, stock + STEP * d, demand) - penalty(st, stock, demand)) / STEP
        };
        match case.mode {
            Mode::Total => {
                let d: f64 = delta.iter().sum();
                if d != 0.0 {
                    let stock: f64 = planned[m].iter().map(|s| s[t]).sum();
                    change += years * step(stock, case.demand(m, t, None), d);
                }
            }
            Mode::Segment => {
                for (s, &d) in delta.iter().enumerate() {
                    if d != 0.0 {
                        let demand = case.demand(m, t, Some(s));
                        change += years * step(planned[m][s][t], demand, d);
                    }
                }
            }
        }
    }
    -change
}

/// What holds a useful action that neither C2, C3, C4 nor a budget holds.
fn other_cause(p: usize, commit_periods: usize, funders: bool) -> Other {
    if p < commit_periods {
        Other::Commitment
    } else if funders {
        Other::FundingRules
    } else {
        Other::Unknown
    }
}
