//! Every file of a case folder: the first byte chooses which file of a valid seed case
//! (tests/data/vectors/total-small or segment-mode) is replaced by the rest of the
//! input, and whether a households variant is asked for; the case is then read from
//! memory exactly as from a folder. Whatever the bytes, reading returns a case or a
//! list of problems, never a panic, and a case it returns keeps every promise of
//! src/case.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restock::input::{read_case_from_bytes, ReadOptions, INPUT_FILES};
use restock_fuzz::{check_case, files_of, SEGMENT_MODE, TOTAL_SMALL};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, contents)) = data.split_first() else {
        return;
    };
    let n = INPUT_FILES.len();
    let file = INPUT_FILES[usize::from(selector) % n].0;
    let seed = (usize::from(selector) / n) % 2;
    let variant = (usize::from(selector) / (2 * n)) % 2 == 1;
    let mut files = files_of(if seed == 0 { TOTAL_SMALL } else { SEGMENT_MODE });
    files.insert(file.to_string(), contents.to_vec());
    let options = ReadOptions {
        variant: variant.then(|| "laag".to_string()),
        ..ReadOptions::default()
    };
    if let Ok(case) = read_case_from_bytes("fuzz", &files, &options) {
        check_case(&case);
    }
});
