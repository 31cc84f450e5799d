//! The linear program of spec §4–§6, built with good_lp.
//!
//! [`build`] creates the variables of §4 and one function per constraint family adds
//! its rows (C1 [`add_stock_balance`], C2 [`add_removal_capacity`], C3
//! [`add_removal_from_stock`], C4 [`add_new_build_capacity`], C5 [`add_demand_balance`],
//! C6 [`add_budget`]; with funders (spec v2) C7 [`add_payment`] and [`add_payment_share`]
//! and C6f [`add_funder_budget`] instead of C6). Every row carries a [`RowKey`] that names its family,
//! municipality or region, segment or transformation, and period, so a dual or a
//! conflict can be traced to what it means. Money is in millions of euros inside the LP.
//!
//! good_lp types stay inside this module and [`crate::solve`]; everything after solving
//! sees a plain [`crate::plan::Plan`].

use good_lp::{variable, Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable};

use crate::case::{Action, Case, CostBasis, Mode};

/// Euros per unit of money inside the LP (spec §6: money enters in millions).
pub const EUR_PER_MEUR: f64 = 1e6;

/// The constraint families of spec §5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// C1: stock balance per municipality, segment and period.
    StockBalance,
    /// C2: removal capacity per municipality, segment and period.
    RemovalCapacity,
    /// C3: removal from existing stock per municipality, segment and period.
    RemovalFromStock,
    /// C4: new-build capacity per municipality and period.
    NewBuildCapacity,
    /// C5: demand balance per municipality (and segment in segment mode) and period.
    DemandBalance,
    /// C6: budget per region and period (cumulative with carry-over).
    Budget,
    /// C7 (v2): the funders' payments for a cost item sum to its amount, per
    /// municipality, period and item.
    Payment,
    /// C7 (v2): a funder pays at most σ of an item, per municipality, period, item and
    /// funder (only where σ < 1: with σ = 1 the bound follows from the sum).
    PaymentShare,
    /// C6f (v2): a funder's budget per region, funder and period (cumulative with
    /// carry-over).
    FunderBudget,
    /// Stage 2: the mismatch may not exceed the stage-1 optimum (plus tolerance).
    MismatchCap,
    /// Robust mode (spec v2 §6b): a committed action of a variant equals the first
    /// variant's, per municipality, item (and funder for a payment) and period.
    NonAnticipativity,
    /// Robust mode, criterion "regret": a variant's regret is at most R (or, after the
    /// first stage, at most R* plus tolerance).
    RegretCap,
}

impl Family {
    /// The short name used in row names, e.g. `C1_stock_balance`.
    pub fn name(self) -> &'static str {
        match self {
            Family::StockBalance => "C1_stock_balance",
            Family::RemovalCapacity => "C2_removal_capacity",
            Family::RemovalFromStock => "C3_removal_from_stock",
            Family::NewBuildCapacity => "C4_new_build_capacity",
            Family::DemandBalance => "C5_demand_balance",
            Family::Budget => "C6_budget",
            Family::Payment => "C7_payment",
            Family::PaymentShare => "C7_payment_share",
            Family::FunderBudget => "C6f_funder_budget",
            Family::MismatchCap => "stage2_mismatch_cap",
            Family::NonAnticipativity => "NA_non_anticipativity",
            Family::RegretCap => "regret_cap",
        }
    }
}

/// What a row of the LP is about. Compact (no strings), named on demand by [`RowKey::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowKey {
    /// The constraint family.
    pub family: Family,
    /// Municipality index, or region index for [`Family::Budget`] and
    /// [`Family::FunderBudget`]; unused for the cap.
    pub place: usize,
    /// Segment index where the family is per segment.
    pub segment: Option<usize>,
    /// Period index (0-based) where the family is per period.
    pub period: Option<usize>,
    /// The cost item, for the C7 families.
    pub item: Option<Action>,
    /// The funder (index into `case.funders.names`), for C7's share and C6f.
    pub funder: Option<usize>,
}

impl RowKey {
    /// The key of a row of `family` about `place` (municipality or region), `segment` and
    /// `period`, with no cost item and no funder (every family but C6f and C7).
    pub fn plain(
        family: Family,
        place: usize,
        segment: Option<usize>,
        period: Option<usize>,
    ) -> RowKey {
        RowKey {
            family,
            place,
            segment,
            period,
            item: None,
            funder: None,
        }
    }

    /// A readable name like `C1_stock_balance[GM0917,koop,2025-2030]`.
    pub fn name(&self, case: &Case) -> String {
        let mut parts = Vec::new();
        match self.family {
            Family::MismatchCap | Family::RegretCap => {}
            Family::Budget | Family::FunderBudget => parts.push(case.regions[self.place].clone()),
            _ => parts.push(case.municipalities[self.place].code.clone()),
        }
        if let Some(g) = self.funder {
            let name = &case.funders.names[g];
            parts.push(if name.is_empty() {
                "\"\"".to_string()
            } else {
                name.clone()
            });
        }
        if let Some(s) = self.segment {
            parts.push(case.segments[s].id.clone());
        }
        if let Some(action) = self.item {
            parts.push(match action {
                Action::Demolish(s) => format!("demolish {}", case.segments[s].id),
                Action::NewBuild(s) => format!("new_build {}", case.segments[s].id),
                Action::Transform(k) => format!("transform {}", case.transformations[k].label),
            });
        }
        if let Some(p) = self.period {
            let period = case.periods[p];
            parts.push(format!("{}-{}", period.start, period.end));
        }
        format!("{}[{}]", self.family.name(), parts.join(","))
    }
}

/// A variable with its column index in the LP (good_lp keeps the index private; the
/// solver's solution vector is read by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    /// The good_lp variable, for building expressions.
    pub var: Variable,
    /// Its position among the LP's variables (the solver's column).
    pub index: usize,
}

fn add_col(variables: &mut ProblemVariables, def: good_lp::VariableDefinition) -> Col {
    let index = variables.len();
    Col {
        var: variables.add(def),
        index,
    }
}

/// The variables of spec §4, indexed like the case.
#[derive(Debug, Clone)]
pub struct Vars {
    /// `dem[m][s][p]`; `None` where the segment has no costs in m (cannot be demolished).
    pub demolish: Vec<Vec<Vec<Option<Col>>>>,
    /// `new[m][s][p]`; `None` where new building is not allowed (no new_build_eur).
    pub new_build: Vec<Vec<Vec<Option<Col>>>>,
    /// `tr[m][k][p]`: input dwellings transformed by k.
    pub transform: Vec<Vec<Vec<Col>>>,
    /// `stock[m][s][p]`: dwellings at the end of period p.
    pub stock: Vec<Vec<Vec<Col>>>,
    /// Surplus tiers: per balance unit (see [`Vars::balance_units`]) and period, one
    /// variable per tier.
    pub surplus_tiers: Vec<Vec<Vec<Variable>>>,
    /// Shortage per balance unit and period.
    pub shortage: Vec<Vec<Variable>>,
    /// With funders (v2): `pay[m,p,i,g]` for every cost item i and funder g with σ > 0,
    /// in millions of euros; empty without funders.
    pub pay: Vec<PayCol>,
    /// With funders (v2): every sale (c_k < 0) of every municipality and period, with
    /// the funder that receives its proceeds; empty without funders.
    pub sales: Vec<SaleCol>,
}

/// A payment variable `pay[m,p,i,g]` (millions of euros) and what it is about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PayCol {
    /// Municipality index.
    pub municipality: usize,
    /// Period index.
    pub period: usize,
    /// Funder index into `case.funders.names`.
    pub funder: usize,
    /// The cost item.
    pub action: Action,
    /// σ[g,i]: the largest share of the item this funder pays.
    pub max_share: f64,
    /// The item's cost per unit of its action variable, in euros (> 0).
    pub eur_per_unit: f64,
    /// The item's action variable (dem, new or tr).
    pub quantity: Col,
    /// The payment variable.
    pub col: Col,
}

/// A sale `tr[m,k,p]` with c_k < 0 whose proceeds go to a funder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SaleCol {
    /// Municipality index.
    pub municipality: usize,
    /// Period index.
    pub period: usize,
    /// The transformation k.
    pub transformation: usize,
    /// The funder that receives the proceeds.
    pub funder: usize,
    /// −c_k: euros received per input dwelling (> 0).
    pub eur_per_unit: f64,
    /// The transformation's variable.
    pub quantity: Col,
}

impl Vars {
    /// The balance units in the order of `surplus_tiers` and `shortage`: one per
    /// municipality in total mode (segment `None`), one per municipality and segment in
    /// segment mode.
    pub fn balance_units(case: &Case) -> Vec<(usize, Option<usize>)> {
        let segments = case.segments.len();
        (0..case.municipalities.len())
            .flat_map(|m| match case.mode {
                Mode::Total => vec![(m, None)],
                Mode::Segment => (0..segments).map(|s| (m, Some(s))).collect(),
            })
            .collect()
    }
}

/// The LP before a stage's objective is chosen.
pub struct Lp {
    /// good_lp's variable registry (cloned per stage).
    pub variables: ProblemVariables,
    /// Handles of every variable.
    pub vars: Vars,
    /// Every row with its key, in a fixed order.
    pub rows: Vec<(RowKey, Constraint)>,
    /// Z1: the weighted mismatch (stage 1's objective).
    pub mismatch: Expression,
    /// Z2 in millions of euros: the gross cost (stage 2's objective).
    pub gross_cost_meur: Expression,
}

/// Builds the LP of the case. With `integer`, dem, new and tr are integer variables.
pub fn build(case: &Case, integer: bool) -> Lp {
    let mut variables = ProblemVariables::new();
    let copy = build_into(case, integer, &mut variables);
    Lp {
        variables,
        mismatch: copy.mismatch,
        gross_cost_meur: copy.gross_cost_meur,
        vars: copy.vars,
        rows: copy.rows,
    }
}

/// One copy of the case's variables and rows (spec §4–§5), added to a variable
/// registry that may hold other copies: robust mode (spec v2 §6b) builds one per
/// variant into one LP.
pub struct ModelCopy {
    /// Handles of this copy's variables.
    pub vars: Vars,
    /// This copy's rows with their keys.
    pub rows: Vec<(RowKey, Constraint)>,
    /// Z1 of this copy.
    pub mismatch: Expression,
    /// Z2 of this copy in millions of euros.
    pub gross_cost_meur: Expression,
}

/// Adds the variables and rows of the case to `variables` (columns numbered on from
/// those already there): every family C1–C7 by its `add_<family>` function.
pub fn build_into(case: &Case, integer: bool, variables: &mut ProblemVariables) -> ModelCopy {
    let vars = add_variables(case, integer, variables);
    let mut rows = Vec::new();
    add_stock_balance(case, &vars, &mut rows);
    add_removal_capacity(case, &vars, &mut rows);
    add_removal_from_stock(case, &vars, &mut rows);
    add_new_build_capacity(case, &vars, &mut rows);
    add_demand_balance(case, &vars, &mut rows);
    if case.funders.active() {
        add_payment(case, &vars, &mut rows);
        add_payment_share(case, &vars, &mut rows);
        add_funder_budget(case, &vars, &mut rows);
    } else {
        add_budget(case, &vars, &mut rows);
    }
    ModelCopy {
        mismatch: mismatch_objective(case, &vars),
        gross_cost_meur: gross_cost_objective(case, &vars),
        vars,
        rows,
    }
}

/// Non-anticipativity (spec v2 §6b), for every period p < `commit_periods`: dem, new,
/// tr and pay of the copy `other` equal those of the copy `first` (one decision taken
/// before anyone knows which projection comes true). The copies are of cases that differ
/// only in their households, so their variables correspond one to one.
pub fn add_non_anticipativity(
    first: &Vars,
    other: &Vars,
    commit_periods: usize,
    rows: &mut Vec<(RowKey, Constraint)>,
) {
    let key = |place, period, item, funder| RowKey {
        family: Family::NonAnticipativity,
        place,
        segment: None,
        period: Some(period),
        item: Some(item),
        funder,
    };
    let same = |a: Col, b: Col| Expression::from(a.var).eq(Expression::from(b.var));
    for (m, (segs_a, segs_b)) in first.demolish.iter().zip(&other.demolish).enumerate() {
        for (s, (a, b)) in segs_a.iter().zip(segs_b).enumerate() {
            for p in 0..commit_periods.min(a.len()) {
                if let (Some(x), Some(y)) = (a[p], b[p]) {
                    rows.push((key(m, p, Action::Demolish(s), None), same(x, y)));
                }
            }
        }
    }
    for (m, (segs_a, segs_b)) in first.new_build.iter().zip(&other.new_build).enumerate() {
        for (s, (a, b)) in segs_a.iter().zip(segs_b).enumerate() {
            for p in 0..commit_periods.min(a.len()) {
                if let (Some(x), Some(y)) = (a[p], b[p]) {
                    rows.push((key(m, p, Action::NewBuild(s), None), same(x, y)));
                }
            }
        }
    }
    for (m, (ks_a, ks_b)) in first.transform.iter().zip(&other.transform).enumerate() {
        for (k, (a, b)) in ks_a.iter().zip(ks_b).enumerate() {
            for p in 0..commit_periods.min(a.len()) {
                rows.push((key(m, p, Action::Transform(k), None), same(a[p], b[p])));
            }
        }
    }
    for (a, b) in first.pay.iter().zip(&other.pay) {
        if a.period < commit_periods {
            rows.push((
                key(a.municipality, a.period, a.action, Some(a.funder)),
                same(a.col, b.col),
            ));
        }
    }
}

fn add_variables(case: &Case, integer: bool, variables: &mut ProblemVariables) -> Vars {
    let periods = case.periods.len();
    let action = || {
        let v = variable().min(0.0);
        if integer {
            v.integer()
        } else {
            v
        }
    };
    let mut demolish = Vec::new();
    let mut new_build = Vec::new();
    let mut transform = Vec::new();
    let mut stock = Vec::new();
    for costs in &case.costs {
        demolish.push(
            costs
                .iter()
                .map(|c| {
                    (0..periods)
                        .map(|_| c.map(|_| add_col(variables, action())))
                        .collect()
                })
                .collect(),
        );
        new_build.push(
            costs
                .iter()
                .map(|c| {
                    (0..periods)
                        .map(|_| {
                            c.and_then(|c| c.new_build_eur)
                                .map(|_| add_col(variables, action()))
                        })
                        .collect()
                })
                .collect(),
        );
        transform.push(
            case.transformations
                .iter()
                .map(|_| (0..periods).map(|_| add_col(variables, action())).collect())
                .collect(),
        );
        stock.push(
            case.segments
                .iter()
                .map(|_| {
                    (0..periods)
                        .map(|_| add_col(variables, variable().min(0.0)))
                        .collect()
                })
                .collect(),
        );
    }
    let tiers = &case.settings.surplus_tiers;
    let mut surplus_tiers = Vec::new();
    let mut shortage = Vec::new();
    for (m, s) in Vars::balance_units(case) {
        let mut unit_tiers = Vec::with_capacity(periods);
        let mut unit_shortage = Vec::with_capacity(periods);
        for p in 0..periods {
            let demand = case.demand(m, p + 1, s);
            let mut lower = 0.0;
            let per_tier = tiers
                .iter()
                .map(|tier| {
                    // 0 ≤ sur_j ≤ (t_j − t_{j−1}) · D; the last tier has no bound.
                    let def = variable().min(0.0);
                    let def = if tier.upper_share.is_finite() {
                        def.max((tier.upper_share - lower) * demand)
                    } else {
                        def
                    };
                    lower = tier.upper_share;
                    variables.add(def)
                })
                .collect();
            unit_tiers.push(per_tier);
            unit_shortage.push(variables.add(variable().min(0.0)));
        }
        surplus_tiers.push(unit_tiers);
        shortage.push(unit_shortage);
    }
    let mut vars = Vars {
        demolish,
        new_build,
        transform,
        stock,
        surplus_tiers,
        shortage,
        pay: Vec::new(),
        sales: Vec::new(),
    };
    if case.funders.active() {
        add_payment_variables(case, &mut vars, variables);
    }
    vars
}

/// The action variable of `action` in municipality m and period p, if it exists.
fn action_col(vars: &Vars, m: usize, p: usize, action: Action) -> Option<Col> {
    match action {
        Action::Demolish(s) => vars.demolish[m][s][p],
        Action::NewBuild(s) => vars.new_build[m][s][p],
        Action::Transform(k) => Some(vars.transform[m][k][p]),
    }
}

/// `pay[m,p,i,g]` ≥ 0 (continuous, also with `--integer`) for every cost item i and
/// funder g that may pay it (σ > 0), after every other variable (so a case without
/// funders has exactly the v1 columns); and the sales with their receivers.
fn add_payment_variables(case: &Case, vars: &mut Vars, variables: &mut ProblemVariables) {
    let funders = case.funders.names.len();
    for m in 0..case.municipalities.len() {
        // Per cost item: its cost per unit and the funders that may pay it, with σ.
        type Item = (Action, f64, Vec<(usize, f64)>);
        let items: Vec<Item> = case
            .cost_items(m)
            .map(|(action, eur)| {
                let payers = (0..funders)
                    .map(|g| (g, case.funding_share(g, action)))
                    .filter(|&(_, share)| share > 0.0)
                    .collect();
                (action, eur, payers)
            })
            .collect();
        for p in 0..case.periods.len() {
            for (action, eur, payers) in &items {
                let Some(quantity) = action_col(vars, m, p, *action) else {
                    continue;
                };
                for &(g, share) in payers {
                    vars.pay.push(PayCol {
                        municipality: m,
                        period: p,
                        funder: g,
                        action: *action,
                        max_share: share,
                        eur_per_unit: *eur,
                        quantity,
                        col: add_col(variables, variable().min(0.0)),
                    });
                }
            }
            for (k, t) in case.transformations.iter().enumerate() {
                if let Some(g) = case.sale_receiver(k) {
                    vars.sales.push(SaleCol {
                        municipality: m,
                        period: p,
                        transformation: k,
                        funder: g,
                        eur_per_unit: -t.cost_eur,
                        quantity: vars.transform[m][k][p],
                    });
                }
            }
        }
    }
}

/// Σ_{k: from=s} `tr[m,k,p]`: the dwellings of s transformed away in period p.
fn transformed_out(case: &Case, vars: &Vars, m: usize, s: usize, p: usize) -> Expression {
    let mut e = Expression::with_capacity(case.transformations.len());
    for (k, tr) in case.transformations.iter().enumerate() {
        if tr.from == s {
            e.add_mul(1.0, vars.transform[m][k][p].var);
        }
    }
    e
}

/// `dem[m,s,p]` + Σ_{k: from=s} `tr[m,k,p]`: all dwellings of s removed in period p.
fn removed(case: &Case, vars: &Vars, m: usize, s: usize, p: usize) -> Expression {
    let mut e = transformed_out(case, vars, m, s, p);
    if let Some(d) = vars.demolish[m][s][p] {
        e.add_mul(1.0, d.var);
    }
    e
}

/// `stock[m,s,p−1]` as an expression: the constant `S0[m,s]` for the first period.
fn previous_stock(case: &Case, vars: &Vars, m: usize, s: usize, p: usize) -> Expression {
    if p == 0 {
        Expression::from(case.stock0[m][s])
    } else {
        Expression::from(vars.stock[m][s][p - 1].var)
    }
}

/// C1 stock balance, every m, s, p:
/// `stock[m,s,p]` = `stock[m,s,p−1]` − `dem[m,s,p]` − Σ_{k: from=s} `tr[m,k,p]`
///                + Σ_{k: to=s} yield_k · `tr[m,k,p]` + `new[m,s,p]`.
pub fn add_stock_balance(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    for m in 0..case.municipalities.len() {
        for s in 0..case.segments.len() {
            for p in 0..case.periods.len() {
                let mut inflow = previous_stock(case, vars, m, s, p);
                for (k, tr) in case.transformations.iter().enumerate() {
                    if tr.to == s {
                        inflow.add_mul(tr.yield_per_dwelling, vars.transform[m][k][p].var);
                    }
                }
                if let Some(n) = vars.new_build[m][s][p] {
                    inflow.add_mul(1.0, n.var);
                }
                let mut outflow = removed(case, vars, m, s, p);
                outflow.add_mul(1.0, vars.stock[m][s][p].var);
                let key = RowKey::plain(Family::StockBalance, m, Some(s), Some(p));
                rows.push((key, outflow.eq(inflow)));
            }
        }
    }
}

/// C2 removal capacity, every m, s, p:
/// `dem[m,s,p]` + Σ_{k: from=s} `tr[m,k,p]` ≤ a · L_p · `S0[m,s]`.
pub fn add_removal_capacity(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    let a = case.settings.max_removal_share_per_year;
    for m in 0..case.municipalities.len() {
        for s in 0..case.segments.len() {
            for (p, period) in case.periods.iter().enumerate() {
                let lhs = removed(case, vars, m, s, p);
                if (&lhs).linear_coefficients().next().is_none() {
                    continue;
                }
                let key = RowKey::plain(Family::RemovalCapacity, m, Some(s), Some(p));
                let cap = a * period.years() * case.stock0[m][s];
                rows.push((key, lhs.leq(cap)));
            }
        }
    }
}

/// C3 removal from existing stock, every m, s, p:
/// `dem[m,s,p]` + Σ_{k: from=s} `tr[m,k,p]` ≤ `stock[m,s,p−1]`.
pub fn add_removal_from_stock(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    for m in 0..case.municipalities.len() {
        for s in 0..case.segments.len() {
            for p in 0..case.periods.len() {
                let lhs = removed(case, vars, m, s, p);
                if (&lhs).linear_coefficients().next().is_none() {
                    continue;
                }
                let key = RowKey::plain(Family::RemovalFromStock, m, Some(s), Some(p));
                rows.push((key, lhs.leq(previous_stock(case, vars, m, s, p))));
            }
        }
    }
}

/// C4 new-build capacity, every m, p:
/// Σ_s `new[m,s,p]` ≤ n · L_p · Σ_s `S0[m,s]`.
pub fn add_new_build_capacity(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    let n = case.settings.max_new_build_share_per_year;
    for m in 0..case.municipalities.len() {
        let base_stock: f64 = case.stock0[m].iter().sum();
        for (p, period) in case.periods.iter().enumerate() {
            let mut lhs = Expression::with_capacity(case.segments.len());
            for s in 0..case.segments.len() {
                if let Some(v) = vars.new_build[m][s][p] {
                    lhs.add_mul(1.0, v.var);
                }
            }
            if (&lhs).linear_coefficients().next().is_none() {
                continue;
            }
            let key = RowKey::plain(Family::NewBuildCapacity, m, None, Some(p));
            rows.push((key, lhs.leq(n * period.years() * base_stock)));
        }
    }
}

/// C5 demand balance, every m, p (total mode): Σ_s `stock[m,s,p]` − `sur[m,p]` + `sho[m,p]` = `D[m,p]`;
/// in segment mode every m, s, p: `stock[m,s,p]` − `sur[m,s,p]` + `sho[m,s,p]` = `D[m,s,p]`,
/// with sur = Σ_j sur_j.
pub fn add_demand_balance(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    for (u, (m, segment)) in Vars::balance_units(case).into_iter().enumerate() {
        for p in 0..case.periods.len() {
            let mut lhs = Expression::with_capacity(case.segments.len() + 4);
            match segment {
                Some(s) => lhs.add_mul(1.0, vars.stock[m][s][p].var),
                None => {
                    for s in 0..case.segments.len() {
                        lhs.add_mul(1.0, vars.stock[m][s][p].var);
                    }
                }
            }
            for &tier in &vars.surplus_tiers[u][p] {
                lhs.add_mul(-1.0, tier);
            }
            lhs.add_mul(1.0, vars.shortage[u][p]);
            let key = RowKey {
                family: Family::DemandBalance,
                place: m,
                segment,
                period: Some(p),
                item: None,
                funder: None,
            };
            rows.push((key, lhs.eq(case.demand(m, p + 1, segment))));
        }
    }
}

/// `spend[m,p]` in millions of euros:
/// Σ_s (c_dem · dem + c_new · new) + Σ_k c_k · tr (signed: a sale brings money in).
fn spend_meur(case: &Case, vars: &Vars, m: usize, p: usize) -> Expression {
    cost_meur(case, vars, m, p, CostBasis::Net)
}

/// The money an action plan of municipality m moves in period p, in millions of euros.
fn cost_meur(case: &Case, vars: &Vars, m: usize, p: usize, basis: CostBasis) -> Expression {
    let mut e = Expression::with_capacity(3 * case.segments.len());
    for (action, eur) in case.cost_terms(m, basis) {
        let col = match action {
            Action::Demolish(s) => vars.demolish[m][s][p],
            Action::NewBuild(s) => vars.new_build[m][s][p],
            Action::Transform(k) => Some(vars.transform[m][k][p]),
        };
        if let Some(col) = col {
            e.add_mul(eur / EUR_PER_MEUR, col.var);
        }
    }
    e
}

/// C6 budget, every r, p. Without carry-over: Σ_{m∈r} `spend[m,p]` ≤ `B[r,p]`;
/// with carry-over: Σ_{q≤p} Σ_{m∈r} `spend[m,q]` ≤ Σ_{q≤p} `B[r,q]` (millions of euros).
pub fn add_budget(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    let carry = case.settings.budget_carry_over;
    for r in 0..case.regions.len() {
        let members: Vec<usize> = case.municipalities_in(r).collect();
        let mut spend = Expression::default();
        let mut budget = 0.0;
        for p in 0..case.periods.len() {
            if !carry {
                spend = Expression::default();
                budget = 0.0;
            }
            for &m in &members {
                spend += spend_meur(case, vars, m, p);
            }
            budget += case.budget_eur[r][p] / EUR_PER_MEUR;
            let key = RowKey::plain(Family::Budget, r, None, Some(p));
            rows.push((key, spend.clone().leq(budget)));
        }
    }
}

/// C7 payment, every m, p and cost item i (spec v2 §5, with funders):
/// Σ_g `pay[m,p,i,g]` = amount_i (c · dem, c · new or c_k · tr, millions of euros). An
/// item that no funder may pay gets the row too: its amount, and so its action, is 0.
pub fn add_payment(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    let mut payers: std::collections::BTreeMap<(usize, usize, Action), Expression> =
        std::collections::BTreeMap::new();
    for pay in &vars.pay {
        payers
            .entry((pay.municipality, pay.period, pay.action))
            .or_default()
            .add_mul(1.0, pay.col.var);
    }
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            for (action, eur) in case.cost_items(m) {
                let Some(quantity) = action_col(vars, m, p, action) else {
                    continue;
                };
                let mut lhs = payers.remove(&(m, p, action)).unwrap_or_default();
                lhs.add_mul(-eur / EUR_PER_MEUR, quantity.var);
                let key = RowKey {
                    family: Family::Payment,
                    place: m,
                    segment: None,
                    period: Some(p),
                    item: Some(action),
                    funder: None,
                };
                rows.push((key, lhs.eq(0.0)));
            }
        }
    }
}

/// C7 share, every m, p, cost item i and funder g that may pay it with σ[g,i] < 1:
/// `pay[m,p,i,g]` ≤ σ[g,i] · amount_i. (With σ = 1 the bound follows from C7's sum and
/// pay ≥ 0, so no row is added.)
pub fn add_payment_share(_case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    for pay in &vars.pay {
        if pay.max_share >= 1.0 {
            continue;
        }
        let mut lhs = Expression::from(pay.col.var);
        lhs.add_mul(
            -pay.max_share * pay.eur_per_unit / EUR_PER_MEUR,
            pay.quantity.var,
        );
        let key = RowKey {
            family: Family::PaymentShare,
            place: pay.municipality,
            segment: None,
            period: Some(pay.period),
            item: Some(pay.action),
            funder: Some(pay.funder),
        };
        rows.push((key, lhs.leq(0.0)));
    }
}

/// C6f funder budget, every r, g, p (spec v2 §5, with funders). Without carry-over:
/// Σ_{m∈r} (Σ_i `pay[m,p,i,g]` − proceeds[m,p,g]) ≤ `B[r,g,p]`; with carry-over the same
/// summed over q ≤ p on both sides (millions of euros). proceeds[m,p,g] = Σ −c_k ·
/// `tr[m,k,p]` over the sales k whose receiver is g. A funder with nothing to pay and
/// nothing to receive in a region gets no row (it would read 0 ≤ B).
pub fn add_funder_budget(case: &Case, vars: &Vars, rows: &mut Vec<(RowKey, Constraint)>) {
    let carry = case.settings.budget_carry_over;
    let funders = case.funders.names.len();
    let periods = case.periods.len();
    // net[r][g][p]: the funder's payments minus its proceeds in region r, period p.
    let mut net = vec![vec![vec![Expression::default(); periods]; funders]; case.regions.len()];
    for pay in &vars.pay {
        let r = case.municipalities[pay.municipality].region;
        net[r][pay.funder][pay.period].add_mul(1.0, pay.col.var);
    }
    for sale in &vars.sales {
        let r = case.municipalities[sale.municipality].region;
        net[r][sale.funder][sale.period]
            .add_mul(-sale.eur_per_unit / EUR_PER_MEUR, sale.quantity.var);
    }
    for (r, per_funder) in net.into_iter().enumerate() {
        for (g, per_period) in per_funder.into_iter().enumerate() {
            if per_period
                .iter()
                .all(|e| e.linear_coefficients().next().is_none())
            {
                continue;
            }
            let mut spend = Expression::default();
            let mut budget = 0.0;
            for (p, e) in per_period.into_iter().enumerate() {
                if !carry {
                    spend = Expression::default();
                    budget = 0.0;
                }
                spend += e;
                budget += case.funders.budget_eur[r][g][p] / EUR_PER_MEUR;
                let key = RowKey {
                    family: Family::FunderBudget,
                    place: r,
                    segment: None,
                    period: Some(p),
                    item: None,
                    funder: Some(g),
                };
                rows.push((key, spend.clone().leq(budget)));
            }
        }
    }
}

/// Z1 = Σ_p L_p · Σ (w_u · Σ_j μ_j · sur_j + w_v · sho), in weighted dwelling-years.
pub fn mismatch_objective(case: &Case, vars: &Vars) -> Expression {
    let st = &case.settings;
    let mut z1 = Expression::default();
    for (unit_tiers, unit_shortage) in vars.surplus_tiers.iter().zip(&vars.shortage) {
        for (p, period) in case.periods.iter().enumerate() {
            let years = period.years();
            for (tier, &v) in st.surplus_tiers.iter().zip(&unit_tiers[p]) {
                z1.add_mul(years * st.weight_surplus * tier.multiplier, v);
            }
            z1.add_mul(years * st.weight_shortage, unit_shortage[p]);
        }
    }
    z1
}

/// Z2 in millions of euros: Σ_m Σ_p [Σ_s (c_dem · dem + c_new · new) + Σ_k |c_k| · tr].
pub fn gross_cost_objective(case: &Case, vars: &Vars) -> Expression {
    let mut z2 = Expression::default();
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            z2 += cost_meur(case, vars, m, p, CostBasis::Gross);
        }
    }
    z2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Municipality, Period, Segment, Settings};

    fn case() -> Case {
        Case {
            name: "t".into(),
            settings: Settings::with_defaults(2024, vec![2030]),
            municipalities: vec![Municipality {
                code: "GM0917".into(),
                name: "Heerlen".into(),
                region: 0,
                vacant_dwellings: None,
            }],
            regions: vec!["Parkstad Limburg".into()],
            segments: vec![Segment {
                id: "koop".into(),
                label: "Koop".into(),
                tenure: None,
                dwelling_type: None,
            }],
            transformations: vec![],
            periods: vec![Period {
                start: 2025,
                end: 2030,
            }],
            mode: Mode::Total,
            stock0: vec![vec![100.0]],
            households: vec![vec![90.0, 80.0]],
            demand_shares: None,
            costs: vec![vec![None]],
            budget_eur: vec![vec![0.0]],
            funders: crate::case::Funders::default(),
            inputs_sha256: String::new(),
            warnings: vec![],
        }
    }

    #[test]
    fn rows_are_named_after_their_family_place_segment_and_period() {
        let case = case();
        let key = RowKey::plain(Family::StockBalance, 0, Some(0), Some(0));
        assert_eq!(key.name(&case), "C1_stock_balance[GM0917,koop,2025-2030]");
        let budget = RowKey::plain(Family::Budget, 0, None, Some(0));
        assert_eq!(budget.name(&case), "C6_budget[Parkstad Limburg,2025-2030]");
    }

    #[test]
    fn a_segment_without_costs_gets_no_action_rows() {
        // No costs and no transformations: nothing can be removed or built, so only the
        // stock balance (C1) and demand balance (C5) rows and the budget row exist.
        let case = case();
        let lp = build(&case, false);
        let families: Vec<Family> = lp.rows.iter().map(|(k, _)| k.family).collect();
        assert_eq!(
            families,
            [Family::StockBalance, Family::DemandBalance, Family::Budget]
        );
        assert!(lp.vars.demolish[0][0][0].is_none());
        assert!(lp.vars.new_build[0][0][0].is_none());
    }
}
