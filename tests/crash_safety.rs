//! Crash safety of the output folder (spec §7), with the real binary on the shipped
//! case inputs/krimpregios (34 municipalities, under a second per run):
//!
//! - a run killed with SIGKILL at any moment, and especially while it writes, leaves
//!   the target folder exactly as it was (the previous complete output) or holding the
//!   new complete output: never a mix, never missing;
//! - the hidden temporary folders such a kill leaves beside the target are removed by
//!   the next run;
//! - two runs writing to the same `--out` at once both succeed, and the folder then
//!   holds exactly one run's output.
//!
//! "Exactly" is byte for byte: the same input gives byte-identical files, summary.json's
//! `timings` aside, so every file is compared with a reference run's.

mod common;

use common::root;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CASE: &str = "inputs/krimpregios";
const OLD: &str = "aanname-trend";
const NEW: &str = "aanname-sterke-krimp";

fn spawn(variant: &str, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_restock"))
        .current_dir(root())
        .args(["plan", CASE, "--variant", variant, "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("restock starts")
}

fn run(variant: &str, out: &Path) {
    let output = spawn(variant, out).wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "restock failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file below `dir`: relative path → bytes; summary.json without its timings
/// (re-serialised), so that two runs of the same input compare equal.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                let mut bytes = fs::read(&path).unwrap();
                if rel == Path::new("summary.json") {
                    let mut json: serde_json::Value = match serde_json::from_slice(&bytes) {
                        Ok(json) => json,
                        Err(e) => panic!("summary.json does not parse ({e}): a torn file"),
                    };
                    json.as_object_mut().unwrap().remove("timings");
                    json.as_object_mut().unwrap().remove("peak_memory_mib");
                    bytes = serde_json::to_vec(&json).unwrap();
                }
                out.insert(rel, bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            fs::copy(&path, &dest).unwrap();
        }
    }
}

/// Names of the hidden folders beside `out` (`.<name>.tmp-…` and the like).
fn hidden_siblings(out: &Path) -> Vec<String> {
    let prefix = format!(".{}.", out.file_name().unwrap().to_string_lossy());
    let mut names: Vec<String> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    names
}

/// Which reference the folder equals, or a panic describing the difference.
fn which<'a>(
    dir: &Path,
    references: &'a [(&'a str, BTreeMap<PathBuf, Vec<u8>>)],
    context: &str,
) -> &'a str {
    assert!(dir.is_dir(), "{context}: the output folder is missing");
    let found = snapshot(dir);
    for (name, reference) in references {
        if &found == reference {
            return name;
        }
    }
    let files: Vec<_> = found.keys().collect();
    let mixed: Vec<String> = references
        .iter()
        .map(|(name, reference)| {
            let differing: Vec<_> = reference
                .iter()
                .filter(|(path, bytes)| found.get(*path) != Some(*bytes))
                .map(|(path, _)| path.display().to_string())
                .collect();
            format!(
                "vs {name}: {} differ ({})",
                differing.len(),
                differing.join(", ")
            )
        })
        .collect();
    panic!(
        "{context}: the output folder is neither complete output ({} files: {files:?}); {}",
        found.len(),
        mixed.join("; ")
    );
}

/// Waits until `child` has made its temporary folder beside `out` (its write began) or
/// has exited; returns when that happened. Folders that killed runs left behind (other
/// process ids) do not count.
fn wait_for_write(child: &mut Child, out: &Path) -> Instant {
    let deadline = Instant::now() + Duration::from_secs(60);
    let own = format!(".tmp-{}-", child.id());
    while hidden_siblings(out).iter().all(|n| !n.contains(&own))
        && child.try_wait().unwrap().is_none()
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_micros(200));
    }
    Instant::now()
}

/// Runs the variant into `out` (which must not exist) and measures how long its write
/// takes: from its temporary folder appearing to its exit.
fn timed_run(variant: &str, out: &Path) -> Duration {
    let mut child = spawn(variant, out);
    let writing = wait_for_write(&mut child, out);
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "restock failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    writing.elapsed()
}

/// A small deterministic generator for the kill delays (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// Kills `child` with SIGKILL (what `Child::kill` sends on Unix) and reaps it. Returns
/// whether it was still running.
fn kill(child: &mut Child) -> bool {
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    child.wait().unwrap();
    running
}

#[test]
fn sigkill_never_leaves_a_half_written_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let ref_old = tmp.path().join("ref-old");
    let ref_new = tmp.path().join("ref-new");
    let started = Instant::now();
    let write_old = timed_run(OLD, &ref_old);
    let full_run = started.elapsed();
    // The shorter of two writes: later runs find the files they read in the cache.
    let write = timed_run(NEW, &ref_new).min(write_old);
    let references = [(OLD, snapshot(&ref_old)), (NEW, snapshot(&ref_new))];
    assert_ne!(
        references[0].1, references[1].1,
        "the two variants must differ"
    );

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill delays seeded with {seed}");
    let mut rng = Rng(seed);
    let work = tmp.path().join("work");
    fs::create_dir(&work).unwrap();
    let out = work.join("out");
    let mut outcomes = BTreeMap::<&str, usize>::new();
    let mut killed_while_writing = 0;
    let kills = 20;
    for i in 0..kills {
        // The previous complete output.
        if out.exists() {
            fs::remove_dir_all(&out).unwrap();
        }
        copy_dir(&ref_old, &out);
        let mut child = spawn(NEW, &out);
        let context = if i % 4 == 3 {
            // Anywhere in the run: reading, solving or writing.
            let delay = rng.below(full_run.as_millis() as u64 + 50);
            std::thread::sleep(Duration::from_millis(delay));
            format!("kill {i} at {delay} ms after the start")
        } else {
            // While it writes: wait until its temporary folder appears, then kill it
            // at a random moment of the write (charts, report, sync, swap), up to a
            // little after the time a whole write takes.
            let writing = wait_for_write(&mut child, &out);
            let delay = rng.below(write.as_micros() as u64 * 11 / 10 + 1);
            std::thread::sleep(Duration::from_micros(delay).saturating_sub(writing.elapsed()));
            format!("kill {i} at {} ms into the write", delay / 1000)
        };
        if kill(&mut child) && i % 4 != 3 {
            killed_while_writing += 1;
        }
        let state = which(&out, &references, &context);
        *outcomes.entry(state).or_default() += 1;
    }
    eprintln!(
        "{kills} kills ({killed_while_writing} while writing, a write takes {} ms): \
         outcomes {outcomes:?}, leftovers {:?}",
        write.as_millis(),
        hidden_siblings(&out)
    );
    assert!(
        killed_while_writing >= kills / 4,
        "too few kills hit a running write ({killed_while_writing})"
    );

    // The next complete run cleans up what the killed runs left behind.
    run(NEW, &out);
    assert_eq!(which(&out, &references, "after a clean run"), NEW);
    assert_eq!(hidden_siblings(&out), Vec::<String>::new());
}

#[test]
fn concurrent_runs_to_the_same_folder_leave_one_complete_output() {
    let tmp = tempfile::tempdir().unwrap();
    let ref_old = tmp.path().join("ref-old");
    let ref_new = tmp.path().join("ref-new");
    run(OLD, &ref_old);
    run(NEW, &ref_new);
    let references = [(OLD, snapshot(&ref_old)), (NEW, snapshot(&ref_new))];
    let work = tmp.path().join("work");
    fs::create_dir(&work).unwrap();
    let out = work.join("out");
    for round in 0..4 {
        // Rounds 0 and 1 race for a folder that does not exist yet.
        if round == 2 {
            copy_dir(&ref_old, &out);
        }
        let a = spawn(OLD, &out);
        let b = spawn(NEW, &out);
        for (name, child) in [("first", a), ("second", b)] {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: the {name} run failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        which(&out, &references, &format!("round {round}"));
        assert_eq!(hidden_siblings(&out), Vec::<String>::new(), "round {round}");
        if round < 2 {
            fs::remove_dir_all(&out).unwrap();
        }
    }
}
