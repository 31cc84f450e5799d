//! The assumptions of an import: every figure a case needs that the CBS files do not
//! hold (costs, transformations, budgets, demand, household variants, settings), as a
//! TOML file so that they are data, documented next to their value and copied into the
//! case's README.md. The default is the project's data/assumptions.toml, built in.

use std::path::Path;

use serde::Deserialize;

use crate::input::settings::line_of;
use crate::{Error, InputError, Location, Result};

/// The built-in assumptions: data/assumptions.toml of the project.
pub const DEFAULT_ASSUMPTIONS: &str = include_str!("../../data/assumptions.toml");

/// How the built-in assumptions are named in messages and in the case README.
pub const DEFAULT_ASSUMPTIONS_NAME: &str = "built-in (data/assumptions.toml)";

/// One figure and what it rests on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number.
    pub value: f64,
    /// SOURCED (with the source), ASSUMPTION or ILLUSTRATIVE, in words.
    pub basis: String,
}

/// Costs per dwelling (euros of the base year).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Demolition of one dwelling (for owner-occupied and private rent: on top of buying
    /// it at the average WOZ value).
    pub demolish: Figure,
    /// New build, social rent.
    pub new_build_social_rent: Figure,
    /// New build, owner-occupied.
    pub new_build_owner_occupied: Figure,
    /// New build, private rent.
    pub new_build_private_rent: Figure,
}

/// The two transformations written to transformations.csv.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transformations {
    /// Cost per input dwelling of merging two social-rent dwellings into one.
    pub merge: Figure,
    /// Net proceeds per social-rent dwelling sold to an owner-occupier.
    pub sale: Figure,
}

/// How budgets are set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budgets {
    /// Euros per dwelling of the region (base-year stock) per year.
    pub per_dwelling_per_year: Figure,
}

/// What a funder may pay for: one row of funding.csv.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingRule {
    /// `demolish`, `new_build` or `transform`.
    pub action: String,
    /// The segment (for `transform`: the from_segment); absent = every segment.
    #[serde(default)]
    pub segment: Option<String>,
    /// The largest share of the action's cost the funder pays, in (0, 1].
    #[serde(default = "one")]
    pub max_share: f64,
    /// What the rule rests on.
    pub basis: String,
}

fn one() -> f64 {
    1.0
}

/// One funder of the case (spec v2 §5): its own budget per region, its own rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funder {
    /// Its name in budgets.csv, funding.csv and transformations.csv.
    pub name: String,
    /// Who the funder is and what it pays for, in words.
    pub basis: String,
    /// Euros per dwelling of the region (base-year stock) per year.
    pub budget_per_dwelling_per_year: Figure,
    /// Whether it receives the proceeds of selling social-rent dwellings (at most one
    /// funder does).
    #[serde(default)]
    pub receives_sale_proceeds: bool,
    /// What it may pay for (none: everything, in full).
    #[serde(default)]
    pub rules: Vec<FundingRule>,
}

/// The actions of funding.csv.
pub const FUNDING_ACTIONS: [&str; 3] = ["demolish", "new_build", "transform"];

/// Capacities written to settings.toml, each with its basis (optional table: without it
/// restock's defaults apply).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// settings `max_removal_share_per_year`: demolished plus transformed-out dwellings
    /// per year as a share of the segment's base-year stock.
    pub max_removal_share_per_year: Figure,
}

/// Total or segment mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DemandMode {
    /// demand_shares.csv with each municipality's base-year stock mix.
    Segment,
    /// No demand_shares.csv.
    Total,
}

/// Demand per segment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Segment or total mode.
    pub mode: DemandMode,
    /// What the choice rests on.
    pub basis: String,
}

/// One household projection variant (a scenario assumption).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The variant's name in households.csv.
    pub name: String,
    /// Until this year the observed yearly rate continues.
    pub turn_year: i32,
    /// After `turn_year` the yearly change is min(observed rate, −decline_per_year).
    pub decline_per_year: f64,
    /// What the variant rests on.
    pub basis: String,
}

/// Household projections.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Households {
    /// The years written to households.csv after the base year (also the milestones).
    pub years: Vec<i32>,
    /// The variant settings.toml selects, unless `--variant` says otherwise.
    pub default_variant: String,
    /// The variants.
    pub variants: Vec<Variant>,
}

/// Everything an import assumes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// Costs per dwelling.
    pub costs: Costs,
    /// Transformations.
    pub transformations: Transformations,
    /// Budgets.
    pub budgets: Budgets,
    /// Funders (optional: without them the budgets are one pot per region, as in v1).
    #[serde(default)]
    pub funders: Vec<Funder>,
    /// Capacities written to settings.toml with their basis (optional).
    #[serde(default)]
    pub capacity: Option<Capacity>,
    /// Demand per segment.
    pub demand: Demand,
    /// Household projection variants.
    pub households: Households,
    /// Further keys copied into settings.toml as they are.
    #[serde(default)]
    pub settings: toml::Table,
}

/// Keys of settings.toml the import writes itself.
const OWN_SETTINGS: &[&str] = &["base_year", "milestones", "households_variant"];

impl Assumptions {
    /// Reads and checks the assumptions in `path`, or the built-in ones.
    pub fn load(path: Option<&Path>) -> Result<(Assumptions, String)> {
        match path {
            None => {
                let a = Self::parse(DEFAULT_ASSUMPTIONS, DEFAULT_ASSUMPTIONS_NAME)?;
                Ok((a, DEFAULT_ASSUMPTIONS.to_string()))
            }
            Some(path) => {
                let display = path.display().to_string();
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Error::Input(vec![InputError::file(
                        display.clone(),
                        format!("cannot be read: {e}"),
                    )])
                })?;
                let a = Self::parse(&text, &display)?;
                Ok((a, text))
            }
        }
    }

    /// Parses and checks assumptions from TOML text; `display` names the file in errors.
    pub fn parse(text: &str, display: &str) -> Result<Assumptions> {
        let a: Assumptions = toml::from_str(text).map_err(|e| {
            let message = format!("not valid assumptions: {}", e.message().trim());
            Error::Input(vec![match e.span() {
                Some(span) => InputError::line(display, line_of(text, span.start), message),
                None => InputError::file(display, message),
            }])
        })?;
        let errors = a.check(display);
        if errors.is_empty() {
            Ok(a)
        } else {
            Err(Error::Input(errors))
        }
    }

    /// Every figure with its key, in file order.
    pub fn figures(&self) -> Vec<(&'static str, &Figure)> {
        let mut figures = vec![
            ("costs.demolish", &self.costs.demolish),
            (
                "costs.new_build_social_rent",
                &self.costs.new_build_social_rent,
            ),
            (
                "costs.new_build_owner_occupied",
                &self.costs.new_build_owner_occupied,
            ),
            (
                "costs.new_build_private_rent",
                &self.costs.new_build_private_rent,
            ),
            ("transformations.merge", &self.transformations.merge),
            ("transformations.sale", &self.transformations.sale),
            (
                "budgets.per_dwelling_per_year",
                &self.budgets.per_dwelling_per_year,
            ),
        ];
        if let Some(c) = &self.capacity {
            figures.push((
                "capacity.max_removal_share_per_year",
                &c.max_removal_share_per_year,
            ));
        }
        figures
    }

    fn check(&self, display: &str) -> Vec<InputError> {
        let mut errors = Vec::new();
        let mut err = |key: &str, message: String| {
            errors.push(InputError {
                at: Location {
                    file: display.to_string(),
                    line: None,
                    column: Some(key.to_string()),
                },
                message,
            });
        };
        for (key, f) in self.figures() {
            if !f.value.is_finite() || f.value < 0.0 {
                err(key, format!("value {} must be a number ≥ 0", f.value));
            }
            if f.basis.trim().is_empty() {
                err(key, "basis is empty: say what the figure rests on".into());
            }
        }
        for key in [
            "costs.new_build_social_rent",
            "costs.new_build_owner_occupied",
            "costs.new_build_private_rent",
        ] {
            let f = self.figures().into_iter().find(|(k, _)| *k == key);
            if f.is_some_and(|(_, f)| f.value <= 0.0) {
                err(key, "value must be > 0".into());
            }
        }
        let h = &self.households;
        if h.years.is_empty() {
            err(
                "households.years",
                "no years: at least one is needed".into(),
            );
        }
        if h.years.windows(2).any(|w| w[0] >= w[1]) {
            err(
                "households.years",
                "years must be strictly increasing".into(),
            );
        }
        if h.variants.is_empty() {
            err(
                "households.variants",
                "no variants: at least one is needed".into(),
            );
        }
        for (i, v) in h.variants.iter().enumerate() {
            let key = format!("households.variants[{}]", i + 1);
            if v.name.trim().is_empty() || v.name.trim() != v.name {
                err(
                    &key,
                    format!("name '{}' must be non-empty, without spaces around", v.name),
                );
            }
            if h.variants[..i].iter().any(|w| w.name == v.name) {
                err(&key, format!("variant '{}' is given twice", v.name));
            }
            if !(0.0..1.0).contains(&v.decline_per_year) {
                err(
                    &key,
                    format!(
                        "decline_per_year {} must be a share in [0, 1) (0.005 = 0.5 % a year)",
                        v.decline_per_year
                    ),
                );
            }
            if v.basis.trim().is_empty() {
                err(&key, "basis is empty: say what the variant rests on".into());
            }
        }
        if !h.variants.iter().any(|v| v.name == h.default_variant) {
            err(
                "households.default_variant",
                format!("'{}' is not one of the variants", h.default_variant),
            );
        }
        if let Some(c) = &self.capacity {
            let key = "capacity.max_removal_share_per_year";
            let v = c.max_removal_share_per_year.value;
            if !(v > 0.0 && v <= 1.0) {
                err(
                    key,
                    format!("value {v} must be a share in (0, 1] (0.02 = 2 % a year)"),
                );
            }
            if self.settings.contains_key("max_removal_share_per_year") {
                err(
                    "settings.max_removal_share_per_year",
                    format!("{key} sets it already (with its basis); remove it here"),
                );
            }
        }
        self.check_funders(&mut err);
        if self.demand.basis.trim().is_empty() {
            err("demand.basis", "basis is empty".into());
        }
        for key in OWN_SETTINGS {
            if self.settings.contains_key(*key) {
                err(
                    &format!("settings.{key}"),
                    format!("{key} is written by the import itself; remove it here"),
                );
            }
        }
        errors
    }

    fn check_funders(&self, err: &mut impl FnMut(&str, String)) {
        if self.funders.is_empty() {
            return;
        }
        let segments: Vec<&str> = super::derive::SEGMENTS.iter().map(|s| s.0).collect();
        let mut total = 0.0;
        for (i, f) in self.funders.iter().enumerate() {
            let key = format!("funders[{}]", i + 1);
            if f.name.trim().is_empty() || f.name.trim() != f.name || f.name.contains(',') {
                err(
                    &key,
                    format!(
                        "name '{}' must be non-empty, without spaces around and without ','",
                        f.name
                    ),
                );
            }
            if self.funders[..i].iter().any(|g| g.name == f.name) {
                err(&key, format!("funder '{}' is given twice", f.name));
            }
            if f.basis.trim().is_empty() {
                err(&key, "basis is empty: say who the funder is".into());
            }
            let b = &f.budget_per_dwelling_per_year;
            if !b.value.is_finite() || b.value < 0.0 {
                err(
                    &format!("{key}.budget_per_dwelling_per_year"),
                    format!("value {} must be a number ≥ 0", b.value),
                );
            }
            if b.basis.trim().is_empty() {
                err(
                    &format!("{key}.budget_per_dwelling_per_year"),
                    "basis is empty: say what the figure rests on".into(),
                );
            }
            total += b.value;
            for (j, r) in f.rules.iter().enumerate() {
                let rkey = format!("{key}.rules[{}]", j + 1);
                if !FUNDING_ACTIONS.contains(&r.action.as_str()) {
                    err(
                        &rkey,
                        format!(
                            "action '{}' is not one of {}",
                            r.action,
                            FUNDING_ACTIONS.join(", ")
                        ),
                    );
                }
                if let Some(s) = &r.segment {
                    if !segments.contains(&s.as_str()) {
                        err(
                            &rkey,
                            format!(
                                "segment '{s}' is not one of {} (leave it out for every segment)",
                                segments.join(", ")
                            ),
                        );
                    }
                }
                if !(r.max_share > 0.0 && r.max_share <= 1.0) {
                    err(
                        &rkey,
                        format!("max_share {} must be in (0, 1]", r.max_share),
                    );
                }
                if f.rules[..j]
                    .iter()
                    .any(|q| q.action == r.action && q.segment == r.segment)
                {
                    err(
                        &rkey,
                        format!(
                            "a rule for {} of {} is given twice",
                            r.action,
                            r.segment.as_deref().unwrap_or("every segment")
                        ),
                    );
                }
                if r.basis.trim().is_empty() {
                    err(&rkey, "basis is empty: say what the rule rests on".into());
                }
            }
        }
        if self
            .funders
            .iter()
            .filter(|f| f.receives_sale_proceeds)
            .count()
            > 1
        {
            err(
                "funders",
                "more than one funder has receives_sale_proceeds = true: the proceeds of a \
                 sale go to one funder"
                    .into(),
            );
        }
        let pot = self.budgets.per_dwelling_per_year.value;
        if (total - pot).abs() > 1e-9 * pot.abs().max(1.0) {
            err(
                "funders",
                format!(
                    "the funders' budget_per_dwelling_per_year add up to {total}, not \
                     budgets.per_dwelling_per_year = {pot}: make them agree (the region's \
                     total money is the pot split over the funders)"
                ),
            );
        }
    }

    /// The funder that receives the proceeds of sales, if any.
    pub fn sale_funder(&self) -> Option<&Funder> {
        self.funders.iter().find(|f| f.receives_sale_proceeds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_assumptions_are_valid() {
        let (a, _) = Assumptions::load(None).unwrap();
        assert_eq!(a.costs.new_build_social_rent.value, 187000.0);
        assert!(a.households.default_variant.starts_with("aanname-"));
        assert!(a
            .households
            .variants
            .iter()
            .all(|v| v.name.starts_with("aanname-")));
    }

    /// The refusal of the built-in assumptions with `from` replaced by `to`.
    fn refusal(from: &str, to: &str) -> String {
        let bad = DEFAULT_ASSUMPTIONS.replace(from, to);
        Assumptions::parse(&bad, "a.toml").unwrap_err().to_string()
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        let e = refusal("[costs.demolish]", "[costs.demolition]");
        assert!(e.contains("a.toml, line"), "{e}");
        let e = refusal("value = 42000", "value = -1");
        assert!(e.contains("costs.demolish"), "{e}");
        refusal(
            "default_variant = \"aanname-krimp\"",
            "default_variant = \"base\"",
        );
        refusal(
            "budget_carry_over = true",
            "budget_carry_over = true\nbase_year = 2019",
        );
        let e = refusal("value = 0.02", "value = 1.5");
        assert!(e.contains("capacity.max_removal_share_per_year"), "{e}");
        refusal(
            "budget_carry_over = true",
            "budget_carry_over = true\nmax_removal_share_per_year = 0.03",
        );
    }

    #[test]
    fn built_in_funders_split_the_pot_and_follow_the_spec() {
        let (a, _) = Assumptions::load(None).unwrap();
        let names: Vec<&str> = a.funders.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["corporaties", "gemeenten", "provincie", "Rijk"]);
        assert_eq!(a.sale_funder().unwrap().name, "corporaties");
        let rijk = &a.funders[3];
        assert!(rijk.rules.iter().all(|r| r.max_share == 0.7
            && r.action == "demolish"
            && r.segment.as_deref() != Some("huur_corporatie")));
        let total: f64 = a
            .funders
            .iter()
            .map(|f| f.budget_per_dwelling_per_year.value)
            .sum();
        assert_eq!(total, a.budgets.per_dwelling_per_year.value);
    }

    #[test]
    fn bad_funders_are_refused_with_their_key() {
        let check = |from: &str, to: &str, want: &str| {
            assert!(DEFAULT_ASSUMPTIONS.contains(from), "{from}");
            let bad = DEFAULT_ASSUMPTIONS.replacen(from, to, 1);
            let e = Assumptions::parse(&bad, "a.toml").unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
        };
        check("value = 20", "value = 21", "add up to 51");
        check("max_share = 0.7", "max_share = 1.7", "funders[4].rules[1]");
        check(
            "action = \"transform\"",
            "action = \"transfrom\"",
            "funders[1].rules[2]",
        );
        check(
            "segment = \"koop\"",
            "segment = \"kop\"",
            "segment 'kop' is not one of",
        );
        check(
            "name = \"gemeenten\"",
            "name = \"corporaties\"",
            "given twice",
        );
        check(
            "name = \"gemeenten\"",
            "name = \"gemeenten\"\nreceives_sale_proceeds = true",
            "more than one funder",
        );
    }
}
