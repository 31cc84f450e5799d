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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Demolition of segment s.
    Demolish(usize),
    /// New build of segment s.
    NewBuild(usize),
    /// Transformation k (per input dwelling).
    Transform(usize),
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
    /// Budget per region and period in euros: Σ of budgets.csv over the period's years.
    pub budget_eur: Vec<Vec<f64>>,
    /// SHA-256 (hex) over the names and bytes of the input files read.
    pub inputs_sha256: String,
    /// Warnings found while reading (ignored columns, encoding fallback, …).
    pub warnings: Vec<String>,
}

impl Case {
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

    /// Indices of the municipalities in region r, in code order.
    pub fn municipalities_in(&self, region: usize) -> impl Iterator<Item = usize> + '_ {
        self.municipalities
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.region == region)
            .map(|(i, _)| i)
    }
}
