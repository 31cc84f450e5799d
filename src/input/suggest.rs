//! "Did you mean …?": the nearest valid name to a misspelt one, by edit distance.

/// Levenshtein distance between two strings, counted in characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate nearest to `name` (case-insensitively), if it is near enough to be a
/// plausible misspelling: at most a third of the longer name's length in edits (at least
/// one edit is always allowed). Ties go to the earliest candidate.
pub(crate) fn nearest<'a, S: AsRef<str>>(name: &str, candidates: &'a [S]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c = c.as_ref();
        let d = distance(&lower, &c.to_lowercase());
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
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("base_yaer", "base_year"), 2);
    }

    #[test]
    fn nearest_names() {
        let keys = ["base_year", "milestones", "weight_surplus"];
        assert_eq!(nearest("base_yaer", &keys), Some("base_year"));
        assert_eq!(nearest("milestone", &keys), Some("milestones"));
        assert_eq!(nearest("Weight_Surplus", &keys), Some("weight_surplus"));
        assert_eq!(nearest("colour", &keys), None);
    }
}
