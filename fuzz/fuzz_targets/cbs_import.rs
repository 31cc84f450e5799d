//! The CBS import (`restock import-cbs`): the first byte chooses which of its input
//! files gets the rest of the input: the base-year KWB file, the later KWB file, the
//! regions file, the municipal mapping or the assumptions TOML; the other files are
//! small real ones (fuzz/data/: four municipalities of the raw KWB 2019 file, their
//! 2024 population, a mapping of the Eemsdelta merger) and the built-in assumptions.
//! Whatever the bytes, the import returns a case or a list of problems, never a panic,
//! and every case it builds is one restock reads (and keeps src/case.rs's promises).
#![no_main]

use std::fs;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use restock::import::{generate, CaseChoices, CaseTexts, CbsSources, ImportOptions, Selection};
use restock::input::{read_case_from_bytes, ReadOptions};
use restock_fuzz::{check_case, scratch_dir};

const KWB_BASE: &[u8] = include_bytes!("../data/kwb2019_subset.csv");
const KWB_LATER: &[u8] = include_bytes!("../data/kwb2024_subset.csv");
const REGIONS: &[u8] = include_bytes!("../data/regions.csv");
const MAPPING: &[u8] = include_bytes!("../data/mapping.csv");

fuzz_target!(|data: &[u8]| {
    let Some((&selector, contents)) = data.split_first() else {
        return;
    };
    let dir = scratch_dir();
    let write = |name: &str, bytes: &[u8]| -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    let choice = selector % 5;
    let pick = |n: u8, seed: &'static [u8]| if choice == n { contents } else { seed };
    let kwb = write("kwb2019.csv", pick(0, KWB_BASE));
    let later = write("kwb2024.csv", pick(1, KWB_LATER));
    let regions = write("regions.csv", pick(2, REGIONS));
    let mapping = write("mapping.csv", pick(3, MAPPING));
    let assumptions = (choice == 4).then(|| write("assumptions.toml", contents));
    // Without a later file (and so without a mapping) on every other input, so that the
    // base file's own checks are reached with and without population.
    let with_later = selector & 0x80 == 0 || choice == 1 || choice == 3;
    let options = ImportOptions {
        sources: CbsSources {
            kwb,
            kwb_later: with_later.then_some(later),
            later_year: None,
            mapping: with_later.then_some(mapping),
            base_year: Some(2019),
        },
        selection: Selection::Regions(regions),
        choices: CaseChoices {
            assumptions,
            geojson: None,
            variant: None,
        },
        texts: CaseTexts::default(),
    };
    if let Ok(generated) = generate(&options) {
        let case = read_case_from_bytes("import", &generated.files, &ReadOptions::default())
            .unwrap_or_else(|e| panic!("the import built a case restock refuses: {e}"));
        check_case(&case);
    }
});
