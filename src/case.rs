//! The validated case: everything the model needs, in plain indexed form.
//!
//! A [`Case`] is produced by [`crate::input::read_case`] and never holds an invalid
//! value: stocks, households, shares and costs are finite, periods are increasing, every
//! municipality has households at the base year and every milestone, and every index is
//! in range. Municipalities are sorted by CBS code, regions by name; segments and
//! transformations keep the order of their files. Quantities are in dwellings or
//! households, money in euros of the base year (the model scales it to millions).

/// Whether demand is matched per municipality (total) or per municipality and segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One demand per municipality: Σ_s stock is compared with (1 + f) · κ · H.
    Total,
    /// One demand per municipality and segment, from demand_shares.csv.
    Segment,
}

impl Mode {
    /// The name used in summary.json and on the terminal.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Total => "total",
            Mode::Segment => "segment",
        }
    }
}

/// One convex tier of structural surplus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurplusTier {
    /// Upper bound of the tier as a share of demand; `f64::INFINITY` for the last tier.
    pub upper_share: f64,
    /// Weight multiplier μ_j for surplus in this tier (> 0, non-decreasing).
    pub multiplier: f64,
}

/// The parameters of settings.toml, with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// y_0: the year of the stock counts.
    pub base_year: i32,
    /// y_1 < … < y_P: the ends of the plan periods.
    pub milestones: Vec<i32>,
    /// Which `variant` rows of households.csv are used.
    pub households_variant: String,
    /// f: share of demand kept free for moves (frictional vacancy).
    pub friction_vacancy: f64,
    /// a: demolished plus transformed-out dwellings per year, as a share of `S0[m,s]`.
    pub max_removal_share_per_year: f64,
    /// n: new dwellings per year in a municipality, as a share of its base stock.
    pub max_new_build_share_per_year: f64,
    /// w_u: weight per dwelling-year of structural surplus.
    pub weight_surplus: f64,
    /// The convex surplus tiers; the last one has `upper_share = inf`.
    pub surplus_tiers: Vec<SurplusTier>,
    /// w_v: weight per dwelling-year of shortage.
    pub weight_shortage: f64,
    /// Whether money unspent in a period stays available later.
    pub budget_carry_over: bool,
    /// The report's title (settings.toml `title`); `None` = a title made from the
    /// regions ([`Case::title`]).
    pub title: Option<String>,
    /// The report's subtitle (settings.toml `subtitle`); `None` = the standard one.
    pub subtitle: Option<String>,
    /// Robust mode (spec v2 §6b): the `[robust]` table or `--robust`; `None` = one plan
    /// for `households_variant`.
    pub robust: Option<RobustSettings>,
}

/// What a robust plan minimises first (spec v2 §6b, `robust.criterion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    /// "expected": least weighted mean mismatch E, then least expected gross cost.
    Expected,
    /// "regret": least worst regret R, then least E, then least expected gross cost.
    Regret,
}

impl Criterion {
    /// The names settings.toml accepts, in the order of the spec.
    pub const NAMES: [&'static str; 2] = ["expected", "regret"];

    /// The name used in settings.toml and summary.json.
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Expected => "expected",
            Criterion::Regret => "regret",
        }
    }

    /// The criterion of a settings name, if it is one.
    pub fn parse(name: &str) -> Option<Criterion> {
        match name {
            "expected" => Some(Criterion::Expected),
            "regret" => Some(Criterion::Regret),
            _ => None,
        }
    }
}

/// The `[robust]` table of settings.toml, validated (spec v2 §3, §6b).
#[derive(Debug, Clone, PartialEq)]
pub struct RobustSettings {
    /// Ω: the projection variants, at least two, each named in households.csv.
    pub variants: Vec<String>,
    /// π_ω: one weight per variant, normalised to sum 1.
    pub weights: Vec<f64>,
    /// What is minimised first.
    pub criterion: Criterion,
    /// P_c: the first P_c periods are one decision for every variant (1 ≤ P_c ≤ P).
    pub commit_periods: usize,
}

impl Settings {
    /// The settings of a settings.toml that gives only `base_year` and `milestones`:
    /// every other parameter at the default of spec §3 (the values the case reader fills
    /// in). For synthetic cases and tests.
    pub fn with_defaults(base_year: i32, milestones: Vec<i32>) -> Settings {
        Settings {
            base_year,
            milestones,
            households_variant: "base".into(),
            friction_vacancy: 0.02,
            max_removal_share_per_year: 0.02,
            max_new_build_share_per_year: 0.01,
            weight_surplus: 1.0,
            surplus_tiers: Settings::default_tiers(),
            weight_shortage: 2.0,
            budget_carry_over: false,
            title: None,
            subtitle: None,
            robust: None,
        }
    }

    /// The default surplus tiers of the spec: 3 %, 8 % and beyond, weighted 1, 2 and 4.
    pub fn default_tiers() -> Vec<SurplusTier> {
        vec![
            SurplusTier {
                upper_share: 0.03,
                multiplier: 1.0,
            },
            SurplusTier {
                upper_share: 0.08,
                multiplier: 2.0,
            },
            SurplusTier {
                upper_share: f64::INFINITY,
                multiplier: 4.0,
            },
        ]
    }
}

/// A plan period: the calendar years `start..=end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First calendar year of the period: y_{p−1} + 1.
    pub start: i32,
    /// Last calendar year of the period: the milestone y_p.
    pub end: i32,
}

impl Period {
    /// L_p: the length of the period in years.
    pub fn years(&self) -> f64 {
        f64::from(self.end - self.start + 1)
    }
}

/// A municipality of the case.
#[derive(Debug, Clone, PartialEq)]
pub struct Municipality {
    /// CBS code, e.g. `GM0917`.
    pub code: String,
    /// Name, e.g. `Heerlen`.
    pub name: String,
    /// Index into [`Case::regions`].
    pub region: usize,
    /// V0[m]: dwellings observed vacant at the base year (municipalities.csv
    /// `vacant_dwellings`, spec v2 §3); `None` when not known. When given, 0 ≤ V0 < Σ_s
    /// S0[m,s] and the base-year households are > 0 (checked on reading).
    pub vacant_dwellings: Option<f64>,
}

/// A housing segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The id used in every file, e.g. `huur_corporatie`.
    pub id: String,
    /// A readable label (the id when segments.csv gives none).
    pub label: String,
    /// Optional tenure, e.g. `huur` or `koop` (informational).
    pub tenure: Option<String>,
    /// Optional dwelling type (informational).
    pub dwelling_type: Option<String>,
}

/// A transformation k: one dwelling of `from` becomes `yield_per_dwelling` dwellings of `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Transformation {
    /// Index into [`Case::segments`] of the input segment.
    pub from: usize,
    /// Index into [`Case::segments`] of the output segment.
    pub to: usize,
    /// Cost per input dwelling in euros; negative for a sale that yields money.
    pub cost_eur: f64,
    /// Output dwellings per input dwelling (> 0; 0.5 merges two into one).
    pub yield_per_dwelling: f64,
    /// A readable label (e.g. `samenvoegen`), or `from → to` when the file gives none.
    pub label: String,
}

/// Per municipality and segment: what an action costs there (euros per dwelling).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SegmentCosts {
    /// Cost of demolishing one dwelling (c_dem).
    pub demolish_eur: f64,
    /// Cost of building one dwelling (c_new); `None` means no new building.
    pub new_build_eur: Option<f64>,
}

/// An action whose quantity costs money: which variable a cost applies to.
///
/// Ordered demolitions first, then new builds, then transformations (each by index): the
/// order of [`crate::plan::Plan::payments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Demolition of segment s.
    Demolish(usize),
    /// New build of segment s.
    NewBuild(usize),
    /// Transformation k (per input dwelling).
    Transform(usize),
}

/// The kind of a cost item, as funding.csv's `action` names it (spec v2 §3, §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FundedAction {
    /// `demolish`: demolishing dwellings of a segment.
    Demolish,
    /// `new_build`: building dwellings of a segment.
    NewBuild,
    /// `transform`: transforming dwellings out of a segment (its from_segment).
    Transform,
}

impl FundedAction {
    /// Every kind, in the order of funding.csv's documentation.
    pub const ALL: [FundedAction; 3] = [
        FundedAction::Demolish,
        FundedAction::NewBuild,
        FundedAction::Transform,
    ];

    /// The name used in funding.csv (input and output): `demolish`, `new_build`,
    /// `transform`.
    pub fn as_str(self) -> &'static str {
        match self {
            FundedAction::Demolish => "demolish",
            FundedAction::NewBuild => "new_build",
            FundedAction::Transform => "transform",
        }
    }

    /// The kind named `name` (exactly, after trimming), if any.
    pub fn parse(name: &str) -> Option<FundedAction> {
        FundedAction::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// One row of funding.csv: what a funder may pay for and up to which share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FundingRule {
    /// Index into [`Funders::names`].
    pub funder: usize,
    /// The action the rule is about.
    pub action: FundedAction,
    /// Index into [`Case::segments`]; `None` = every segment (for `transform`: the
    /// from_segment).
    pub segment: Option<usize>,
    /// σ: the largest share of the action's cost the funder pays (0 < σ ≤ 1).
    pub max_share: f64,
}

/// Who pays (spec v2 §3, §5 "Funders"): the funders G, their rules, their budgets and
/// who receives each sale's proceeds.
///
/// `names` is empty when G = {""} (no file names a funder): then the case is a v1 case,
/// the budget constraint is C6 on [`Case::budget_eur`], and every other field is empty.
/// Otherwise C6f and C7 replace C6; [`Case::budget_eur`] still holds the region's total
/// (Σ over funders) for reporting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Funders {
    /// G: the distinct `funder` values of budgets.csv and transformations.csv, sorted
    /// (the common funder "" first where it occurs).
    pub names: Vec<String>,
    /// The rows of funding.csv in file order; `None` when the file is absent (then every
    /// funder may pay every item in full).
    pub rules: Option<Vec<FundingRule>>,
    /// `budget_eur[r][g][p]`: funder g's budget in region r and period p, in euros (Σ of
    /// its budgets.csv rows over the period's years; 0 where it has none).
    pub budget_eur: Vec<Vec<Vec<f64>>>,
    /// Per transformation k (in [`Case::transformations`] order): the index into `names`
    /// of the funder that receives a sale's proceeds (the row's `funder`, blank = "").
    /// Meaningful only for sales (cost < 0).
    pub sale_receiver: Vec<usize>,
}

impl Funders {
    /// Whether G ≠ {""}: the case has funders and C6f/C7 apply.
    pub fn active(&self) -> bool {
        !self.names.is_empty()
    }

    /// The index of the funder named `name`.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// σ[g,i] for funder g and an item of kind `action` on segment `segment` (for a
    /// transformation its from_segment): without funding.csv 1; for a funder that no
    /// rule names 1; else the max_share of its rule with the same action and segment,
    /// else of its rule with the same action and a blank segment, else 0 (may not pay).
    pub fn share(&self, funder: usize, action: FundedAction, segment: usize) -> f64 {
        let Some(rules) = &self.rules else {
            return 1.0;
        };
        let mut own = rules.iter().filter(|r| r.funder == funder).peekable();
        if own.peek().is_none() {
            return 1.0;
        }
        let own: Vec<&FundingRule> = own.collect();
        own.iter()
            .find(|r| r.action == action && r.segment == Some(segment))
            .or_else(|| {
                own.iter()
                    .find(|r| r.action == action && r.segment.is_none())
            })
            .map_or(0.0, |r| r.max_share)
    }
}

/// Whether transformation costs count signed (net spending, what the budget sees) or as
/// their absolute value (gross cost, stage 2's objective).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostBasis {
    /// Sales count as income: `spend[m,p]` of spec §5.
    Net,
    /// Every action counts as a cost: Z2 of spec §6.
    Gross,
}

/// The validated case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// A short name, normally the case folder's name.
    pub name: String,
    /// Settings, defaults filled in, `--variant` applied.
    pub settings: Settings,
    /// Municipalities sorted by code.
    pub municipalities: Vec<Municipality>,
    /// Region names sorted; every one has at least one municipality.
    pub regions: Vec<String>,
    /// Segments in the order of segments.csv.
    pub segments: Vec<Segment>,
    /// Transformations in the order of transformations.csv (empty when absent).
    pub transformations: Vec<Transformation>,
    /// Plan periods p = 1..P in order.
    pub periods: Vec<Period>,
    /// Total or segment mode (segment mode when demand_shares.csv exists).
    pub mode: Mode,
    /// `S0[m][s]`: dwellings at the base year.
    pub stock0: Vec<Vec<f64>>,
    /// `H[m][t]`: households at t = 0 (base year) and t = p (milestone y_p), interpolated.
    pub households: Vec<Vec<f64>>,
    /// `share[m][t][s]` in segment mode (t as in `households`); `None` in total mode.
    pub demand_shares: Option<Vec<Vec<Vec<f64>>>>,
    /// `costs[m][s]`; `None` where costs.csv has no row for that municipality and segment
    /// (allowed only where the municipality has no stock of the segment: then the
    /// segment can be neither demolished nor built there).
    pub costs: Vec<Vec<Option<SegmentCosts>>>,
    /// Budget per region and period in euros: Σ of budgets.csv over the period's years
    /// (with funders: summed over every funder).
    pub budget_eur: Vec<Vec<f64>>,
    /// Who pays (spec v2): empty ([`Funders::default`]) for a case without funders.
    pub funders: Funders,
    /// SHA-256 (hex) over the names and bytes of the input files read.
    pub inputs_sha256: String,
    /// Warnings found while reading (ignored columns, encoding fallback, implausible
    /// numbers, …), sorted by file and line.
    pub warnings: Vec<crate::Warning>,
}

impl Case {
    /// The title of the report, the charts and the workbook: settings.toml's `title`, or
    /// one made from the regions ("Woningvoorraad en huishoudens: plan voor Achterhoek en
    /// Eemsdelta"; with more than three regions their number) — never a folder name.
    pub fn title(&self, lang: crate::lang::Lang) -> String {
        if let Some(title) = &self.settings.title {
            return title.clone();
        }
        crate::labels::default_title(lang, &self.regions, self.municipalities.len())
    }

    /// The subtitle under [`Case::title`]: settings.toml's `subtitle`, or what the plan
    /// is about and its horizon.
    pub fn subtitle(&self, lang: crate::lang::Lang) -> String {
        if let Some(subtitle) = &self.settings.subtitle {
            return subtitle.clone();
        }
        let (first, last) = self.horizon();
        crate::labels::DEFAULT_SUBTITLE.format(lang, &[&first, &last])
    }

    /// The first and the last year the plan covers: the first period's start and the
    /// last period's end (the base year for both when there are no periods).
    pub fn horizon(&self) -> (i32, i32) {
        let base_year = self.settings.base_year;
        let first = self.periods.first().map_or(base_year, |p| p.start);
        let last = self.periods.last().map_or(base_year, |p| p.end);
        (first, last)
    }

    /// The years of the balance: the base year followed by every milestone.
    pub fn balance_years(&self) -> Vec<i32> {
        std::iter::once(self.settings.base_year)
            .chain(self.periods.iter().map(|p| p.end))
            .collect()
    }

    /// κ[m] of spec §5 (v2), the occupied dwellings per household observed at the base
    /// year: (Σ_s S0[m,s] − V0[m]) / H[m,y_0] where `vacant_dwellings` is given, else
    /// `None` (κ = 1 exactly). Computed from the case's own numbers, so a case restricted
    /// to a region, or a scenario that scales the projected households (never the base
    /// year), keeps the same κ.
    pub fn calibrated_dwellings_per_household(&self, m: usize) -> Option<f64> {
        let vacant = self.municipalities[m].vacant_dwellings?;
        let stock: f64 = self.stock0[m].iter().sum();
        Some((stock - vacant) / self.households[m][0])
    }

    /// κ[m] of spec §5: [`Case::calibrated_dwellings_per_household`], or exactly 1 where
    /// municipality m has no `vacant_dwellings`.
    pub fn dwellings_per_household(&self, m: usize) -> f64 {
        self.calibrated_dwellings_per_household(m).unwrap_or(1.0)
    }

    /// Whether any municipality's demand is calibrated to observed vacancy (some
    /// `vacant_dwellings` given): what the report says in one sentence, naming the base
    /// year (`settings.base_year`) as the year of the count.
    pub fn vacancy_calibrated(&self) -> bool {
        self.municipalities
            .iter()
            .any(|m| m.vacant_dwellings.is_some())
    }

    /// The stock of segment `s` after one period's transformations (C1), from `stock`
    /// before them; `input(k)` is how many dwellings transformation k takes in. Each
    /// transformation takes its input from its `from` segment and adds `yield` per
    /// dwelling to its `to` segment, in the order of transformations.csv.
    pub fn after_transformations(&self, s: usize, stock: f64, input: impl Fn(usize) -> f64) -> f64 {
        let mut stock = stock;
        for (k, t) in self.transformations.iter().enumerate() {
            let input = input(k);
            if t.from == s {
                stock -= input;
            }
            if t.to == s {
                stock += t.yield_per_dwelling * input;
            }
        }
        stock
    }

    /// Demand at time index t (0 = base year, p = milestone p) for municipality m and,
    /// in segment mode, segment s: (1 + f) · κ[m] · H, times the share in segment mode
    /// (spec §5). The one place demand is computed: the LP (monolithic and by region,
    /// every solver), the do-nothing reference and balance.csv all read it here.
    /// In total mode `segment` must be `None`.
    pub fn demand(&self, m: usize, t: usize, segment: Option<usize>) -> f64 {
        let households = match self.calibrated_dwellings_per_household(m) {
            Some(kappa) => kappa * self.households[m][t],
            // κ = 1: exactly the v1 demand, bit for bit.
            None => self.households[m][t],
        };
        let base = (1.0 + self.settings.friction_vacancy) * households;
        match (segment, &self.demand_shares) {
            (Some(s), Some(shares)) => base * shares[m][t][s],
            _ => base,
        }
    }

    /// The cost per unit (euros) of every action municipality m can take, in a fixed
    /// order: per segment demolition then new build (where allowed), then each
    /// transformation. The one definition of what money an action moves, shared by the
    /// LP and by the evaluation of a plan.
    pub fn cost_terms(
        &self,
        m: usize,
        basis: CostBasis,
    ) -> impl Iterator<Item = (Action, f64)> + '_ {
        let segments = self.costs[m]
            .iter()
            .enumerate()
            .filter_map(|(s, c)| c.map(|c| (s, c)))
            .flat_map(|(s, c)| {
                std::iter::once((Action::Demolish(s), c.demolish_eur))
                    .chain(c.new_build_eur.map(|eur| (Action::NewBuild(s), eur)))
            });
        let transformations = self.transformations.iter().enumerate().map(move |(k, t)| {
            let eur = match basis {
                CostBasis::Net => t.cost_eur,
                CostBasis::Gross => t.cost_eur.abs(),
            };
            (Action::Transform(k), eur)
        });
        segments.chain(transformations)
    }

    /// The kind and segment of an action as funding.csv sees it: a transformation's
    /// segment is its from_segment.
    pub fn funded_action(&self, action: Action) -> (FundedAction, usize) {
        match action {
            Action::Demolish(s) => (FundedAction::Demolish, s),
            Action::NewBuild(s) => (FundedAction::NewBuild, s),
            Action::Transform(k) => (FundedAction::Transform, self.transformations[k].from),
        }
    }

    /// σ[g,i] of spec §5 for funder g and the cost item of `action`
    /// ([`Funders::share`]).
    pub fn funding_share(&self, funder: usize, action: Action) -> f64 {
        let (kind, segment) = self.funded_action(action);
        self.funders.share(funder, kind, segment)
    }

    /// The cost items of municipality m (spec §5, funders): every action with a cost
    /// per unit > 0 (demolition and new build of a segment, a transformation with
    /// c_k > 0), with that cost in euros, in [`Case::cost_terms`] order. A sale (c_k < 0)
    /// is no cost item; an action that costs nothing needs no payment.
    pub fn cost_items(&self, m: usize) -> impl Iterator<Item = (Action, f64)> + '_ {
        self.cost_terms(m, CostBasis::Net)
            .filter(|&(_, eur)| eur > 0.0)
    }

    /// The funder that receives the proceeds of transformation k when it is a sale
    /// (c_k < 0) and the case has funders; `None` otherwise.
    pub fn sale_receiver(&self, k: usize) -> Option<usize> {
        if !self.funders.active() || self.transformations[k].cost_eur >= 0.0 {
            return None;
        }
        self.funders.sale_receiver.get(k).copied()
    }

    /// Multiplies region r's budget in every period by `factor`: the region total and,
    /// with funders, every funder's budget there (what the model reads). For scenarios.
    pub fn scale_budget(&mut self, region: usize, factor: f64) {
        for b in &mut self.budget_eur[region] {
            *b *= factor;
        }
        if let Some(per_funder) = self.funders.budget_eur.get_mut(region) {
            for b in per_funder.iter_mut().flatten() {
                *b *= factor;
            }
        }
    }

    /// Indices of the municipalities in region r, in code order.
    pub fn municipalities_in(&self, region: usize) -> impl Iterator<Item = usize> + '_ {
        self.municipalities
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.region == region)
            .map(|(i, _)| i)
    }
}
