//! "Did you mean …?": the nearest valid name to a misspelt one, by edit distance
//! ([`strsim`]), ignoring upper and lower case.

/// The candidate nearest to `name` (case-insensitively), if it is near enough to be a
/// plausible misspelling: at most a third of the longer name's length in edits (at least
/// one edit is always allowed; two letters swapped count as one edit). Ties go to the
/// earliest candidate.
pub(crate) fn nearest<'a, S: AsRef<str>>(name: &str, candidates: &'a [S]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c = c.as_ref();
        let d = strsim::osa_distance(&lower, &c.to_lowercase());
        let limit = (lower.chars().count().max(c.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(strsim::osa_distance("", "abc"), 3);
        assert_eq!(strsim::osa_distance("kitten", "sitting"), 3);
        assert_eq!(strsim::osa_distance("base_yaer", "base_year"), 1);
    }

    #[test]
    fn nearest_names() {
        let keys = ["base_year", "milestones", "weight_surplus"];
        assert_eq!(nearest("base_yaer", &keys), Some("base_year"));
        assert_eq!(nearest("milestone", &keys), Some("milestones"));
        assert_eq!(nearest("Weight_Surplus", &keys), Some("weight_surplus"));
        assert_eq!(nearest("colour", &keys), None);
        // Two letters swapped are one edit.
        assert_eq!(nearest("Regoi Zuid", &["Regio Zuid"]), Some("Regio Zuid"));
    }
}
