//! Writing a whole output folder atomically (spec §7): a failed run leaves the previous
//! results byte-identical. Every folder restock writes goes through here: a plan's
//! outputs (report/), a comparison and a sweep (scenario/), an imported case (import/)
//! and a synthetic case (generate.rs).
//!
//! [`write_dir_atomically`] lets a caller fill a fresh temporary folder beside the target
//! (same parent, so the final rename never crosses a file system), syncs it to disk, and
//! only then swaps it into place: on Linux with one atomic `renameat2(RENAME_EXCHANGE)`
//! when the target exists, elsewhere (or where the file system refuses the exchange) by
//! renaming the old folder aside first. Until the swap nothing at the target changes; a
//! fill that fails or panics removes its temporary folder. [`check_output_location`]
//! lets the CLI fail before a long solve when the target cannot be written at all.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::{Error, Result};

/// Fills a fresh temporary folder with `fill` and, only if that succeeds, replaces the
/// folder `target` with it in one step. The old contents of `target` are deleted after
/// the swap. Missing parent folders are created.
///
/// If `target` is a symbolic link to a folder, the folder it points to is replaced and
/// the link kept. If `fill` (or syncing) fails, the temporary folder is removed and
/// `target` is left exactly as it was. Removing the old contents after a successful swap
/// is best effort: the new results are in place either way.
pub fn write_dir_atomically<F>(target: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&Path) -> Result<()>,
{
    let target = resolve_target(target)?;
    let (parent, name) = split_target(&target)?;
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    remove_stale_siblings(&parent, &name);

    let tmp = TempDir::create(&parent, &name, "tmp")?;
    fill(tmp.path())?;
    sync_tree(tmp.path())?;

    let old = swap_into_place(tmp.path(), &target, &parent, &name, true)?;
    tmp.disarm();
    if let Some(old) = old {
        // Best effort: the new results are already in place.
        let _ = fs::remove_dir_all(&old);
    }
    sync_dir(&parent)?;
    Ok(())
}

/// Checks, before any work is done, that `target` can become an output folder: it is a
/// folder or does not exist yet, and a folder can be created beside it. Creates nothing
/// that stays behind (a probe folder is made and removed again).
pub fn check_output_location(target: &Path) -> Result<()> {
    let typed = target;
    let target = resolve_target(target)?;
    let (parent, name) = split_target(&target)?;
    // The nearest ancestor that exists must be a folder we can create folders in.
    let mut existing = parent.as_path();
    while !existing.exists() {
        match existing.parent() {
            Some(up) if !up.as_os_str().is_empty() => existing = up,
            _ => {
                existing = Path::new(".");
                break;
            }
        }
    }
    if !existing.is_dir() {
        return Err(Error::Usage(format!(
            "output folder {}: {} is not a folder",
            target.display(),
            existing.display()
        )));
    }
    // The probe's own (hidden, temporary) name means nothing to the user: a failure
    // names the folder as typed and the folder in which nothing can be created.
    let probe = TempDir::create(existing, &name, "probe").map_err(|e| {
        let why = match &e {
            Error::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        Error::Usage(format!(
            "output folder {typed} cannot be written: no folder can be created in {existing} \
             ({why}); choose another --out",
            typed = typed.display(),
            existing = existing.display()
        ))
    })?;
    drop(probe);
    Ok(())
}

/// The path to operate on: a symbolic link to a folder is followed, anything else that
/// exists must be a folder.
fn resolve_target(target: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(target.to_path_buf()),
        Err(e) => Err(Error::io(target, e)),
        Ok(meta) if meta.is_dir() => Ok(target.to_path_buf()),
        Ok(meta) if meta.file_type().is_symlink() && target.is_dir() => {
            fs::canonicalize(target).map_err(|e| Error::io(target, e))
        }
        Ok(_) => Err(Error::Usage(format!(
            "output folder {} exists and is not a folder",
            target.display()
        ))),
    }
}

/// The parent folder (`.` for a bare name) and the final name of `target`.
fn split_target(target: &Path) -> Result<(PathBuf, String)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::Usage(format!(
                "output folder {} has no name to write to",
                target.display()
            ))
        })?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// A hidden folder beside the target, removed on drop unless disarmed.
struct TempDir {
    path: PathBuf,
    armed: bool,
}

impl TempDir {
    /// Creates `<parent>/.<name>.<kind>-<pid>-<nanos>-<seq>`; the sequence number keeps
    /// two writers in one process (tests run in threads) apart.
    fn create(parent: &Path, name: &str, kind: &str) -> Result<TempDir> {
        let path = unique_sibling(parent, name, kind);
        fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
        Ok(TempDir { path, armed: true })
    }

    fn path(&self) -> &Path {
        &self.path
    }

    /// Keeps the folder: it has been moved into place.
    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn unique_sibling(parent: &Path, name: &str, kind: &str) -> PathBuf {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(
        ".{name}.{kind}-{}-{nanos}-{seq}",
        std::process::id()
    ))
}

/// Moves the filled folder `tmp` to `target`. Returns where the old contents of `target`
/// now are (to be deleted), if there were any. `try_exchange` is false only in tests of
/// the fallback that systems without an atomic exchange take.
fn swap_into_place(
    tmp: &Path,
    target: &Path,
    parent: &Path,
    name: &str,
    try_exchange: bool,
) -> Result<Option<PathBuf>> {
    if fs::symlink_metadata(target).is_err() {
        match fs::rename(tmp, target) {
            Ok(()) => return Ok(None),
            // Another run created the target in the meantime: replace its folder below.
            Err(e) if target_appeared(&e) => {}
            Err(e) => return Err(Error::io(target, e)),
        }
    }
    if try_exchange && exchange(tmp, target).map_err(|e| Error::io(target, e))? {
        // `tmp` now holds the old contents.
        return Ok(Some(tmp.to_path_buf()));
    }
    let backup = unique_sibling(parent, name, "old");
    fs::rename(target, &backup).map_err(|e| Error::io(target, e))?;
    if let Err(e) = fs::rename(tmp, target) {
        // Put the old results back before reporting the failure.
        let _ = fs::rename(&backup, target);
        return Err(Error::io(target, e));
    }
    Ok(Some(backup))
}

/// Whether a failed rename onto `target` failed because a folder with files now stands
/// there (another run got there first).
fn target_appeared(e: &io::Error) -> bool {
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(libc::ENOTEMPTY) | Some(libc::EEXIST)) {
        return true;
    }
    e.kind() == io::ErrorKind::AlreadyExists
}

/// Removes the hidden folders that runs killed before they finished left beside
/// `<parent>/<name>`: `.<name>.<kind>-<pid>-<nanos>-<seq>` (kind `tmp`, `old` or `probe`)
/// whose process no longer exists. A folder of a live process (a run writing right now,
/// in this process or another) is never touched. Best effort: failures are ignored.
fn remove_stale_siblings(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = stale_pid(rest) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The process id in `<kind>-<pid>-<nanos>-<seq>`, if `rest` has exactly that form.
fn stale_pid(rest: &str) -> Option<u32> {
    let mut parts = rest.split('-');
    let kind = parts.next()?;
    let pid = parts.next()?.parse::<u32>().ok()?;
    let nanos = parts.next()?;
    let seq = parts.next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let known = matches!(kind, "tmp" | "old" | "probe");
    (known && digits(nanos) && digits(seq) && parts.next().is_none()).then_some(pid)
}

/// Whether a process with this id exists (on systems without `kill(pid, 0)`: assume so,
/// and keep its folders).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 only checks whether the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// Atomically exchanges two paths. `Ok(false)` when the system or file system does not
/// support the exchange, so the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call;
    // renameat2 only reads them.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let err = io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Flushes every file and folder below `dir` (and `dir` itself) to disk.
fn sync_tree(dir: &Path) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            sync_tree(&path)?;
        } else if kind.is_file() {
            fs::File::open(&path)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&path, e))?;
        }
    }
    sync_dir(dir)
}

/// Flushes a folder's entries (names) to disk; a no-op where folders cannot be opened.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<()> {
    fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(dir, e))
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every file below `dir`, relative path → bytes.
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    let rel = path.strip_prefix(root).unwrap().to_path_buf();
                    out.insert(rel, fs::read(&path).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    /// A fresh temporary folder and the path `out` in it (not created).
    fn out_folder() -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("out");
        (root, target)
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn creates_missing_target_and_parents() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("a/b/out");
        write_dir_atomically(&target, |dir| {
            fs::write(dir.join("x.txt"), "x").map_err(|e| Error::io(dir, e))
        })
        .unwrap();
        assert_eq!(fs::read_to_string(target.join("x.txt")).unwrap(), "x");
        assert_eq!(names(&root.path().join("a/b")), vec!["out"]);
    }

    #[test]
    fn replaces_existing_folder_completely() {
        let (root, target) = out_folder();
        fs::create_dir_all(target.join("charts")).unwrap();
        fs::write(target.join("stale.csv"), "old").unwrap();
        fs::write(target.join("charts/old.svg"), "old").unwrap();
        write_dir_atomically(&target, |dir| {
            fs::write(dir.join("new.csv"), "new").map_err(|e| Error::io(dir, e))
        })
        .unwrap();
        assert_eq!(names(&target), vec!["new.csv"]);
        assert_eq!(names(root.path()), vec!["out"]);
    }

    #[test]
    fn failing_fill_leaves_target_untouched() {
        let (root, target) = out_folder();
        fs::create_dir_all(target.join("sub")).unwrap();
        fs::write(target.join("plan.csv"), "a,b\n1,2\n").unwrap();
        fs::write(target.join("sub/x"), [0u8, 1, 2]).unwrap();
        let before = snapshot(&target);
        let result = write_dir_atomically(&target, |dir| {
            fs::write(dir.join("plan.csv"), "half").unwrap();
            Err(Error::Solve("boom".into()))
        });
        assert!(matches!(result, Err(Error::Solve(_))));
        assert_eq!(snapshot(&target), before);
        assert_eq!(names(root.path()), vec!["out"]);
    }

    #[test]
    fn panicking_fill_leaves_no_temp_folder() {
        let (root, target) = out_folder();
        let result = std::panic::catch_unwind(|| {
            let _ = write_dir_atomically(&target, |_| panic!("fill panicked"));
        });
        assert!(result.is_err());
        assert!(names(root.path()).is_empty());
    }

    #[test]
    fn fallback_without_exchange_also_replaces() {
        let (root, target) = out_folder();
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old"), "old").unwrap();
        let tmp = TempDir::create(root.path(), "out", "tmp").unwrap();
        fs::write(tmp.path().join("new"), "new").unwrap();
        let old = swap_into_place(tmp.path(), &target, root.path(), "out", false)
            .unwrap()
            .unwrap();
        tmp.disarm();
        assert_eq!(fs::read_to_string(old.join("old")).unwrap(), "old");
        fs::remove_dir_all(&old).unwrap();
        assert_eq!(names(&target), vec!["new"]);
        assert_eq!(names(root.path()), vec!["out"]);
    }

    #[test]
    fn exchange_swaps_two_folders_or_reports_unsupported() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("from_a"), "").unwrap();
        fs::write(b.join("from_b"), "").unwrap();
        if exchange(&a, &b).unwrap() {
            assert_eq!(names(&a), vec!["from_b"]);
            assert_eq!(names(&b), vec!["from_a"]);
        } else {
            assert_eq!(names(&a), vec!["from_a"]);
        }
    }

    #[test]
    fn refuses_a_file_as_target() {
        let (root, target) = out_folder();
        fs::write(&target, "i am a file").unwrap();
        assert!(matches!(
            check_output_location(&target),
            Err(Error::Usage(_))
        ));
        let result = write_dir_atomically(&target, |_| Ok(()));
        assert!(matches!(result, Err(Error::Usage(_))));
        assert_eq!(fs::read_to_string(&target).unwrap(), "i am a file");
        assert_eq!(names(root.path()), vec!["out"]);
    }

    #[test]
    fn check_accepts_new_and_existing_folders_and_leaves_nothing() {
        let root = tempfile::tempdir().unwrap();
        check_output_location(&root.path().join("new/deeper/out")).unwrap();
        fs::create_dir(root.path().join("exists")).unwrap();
        check_output_location(&root.path().join("exists")).unwrap();
        assert_eq!(names(root.path()), vec!["exists"]);
        fs::write(root.path().join("file"), "").unwrap();
        assert!(check_output_location(&root.path().join("file/out")).is_err());
    }

    #[test]
    fn parses_only_own_temporary_names() {
        assert_eq!(stale_pid("tmp-123-456-0"), Some(123));
        assert_eq!(stale_pid("old-9-1-2"), Some(9));
        assert_eq!(stale_pid("probe-9-1-2"), Some(9));
        for other in [
            "tmp-123-456",
            "tmp-x-1-2",
            "tmp-1-2-3-4",
            "bak-1-2-3",
            "tmp-1--3",
            "",
        ] {
            assert_eq!(stale_pid(other), None, "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn removes_folders_of_dead_runs_and_keeps_live_ones() {
        let (root, target) = out_folder();
        // A process that has exited: its pid is free (until the system reuses it).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let live = std::process::id();
        let dead_tmp = root.path().join(format!(".out.tmp-{dead}-1-0"));
        let dead_old = root.path().join(format!(".out.old-{dead}-1-0"));
        let own = root.path().join(format!(".out.tmp-{live}-1-0"));
        let other_name = root.path().join(format!(".other.tmp-{dead}-1-0"));
        let not_ours = root.path().join(format!(".out.tmp-{dead}-1-0-x"));
        for dir in [&dead_tmp, &dead_old, &own, &other_name, &not_ours] {
            fs::create_dir(dir).unwrap();
            fs::write(dir.join("plan.csv"), "half").unwrap();
        }
        write_dir_atomically(&target, |dir| {
            fs::write(dir.join("new"), "new").map_err(|e| Error::io(dir, e))
        })
        .unwrap();
        let mut expected = vec![
            "out".to_string(),
            format!(".out.tmp-{live}-1-0"),
            format!(".other.tmp-{dead}-1-0"),
            format!(".out.tmp-{dead}-1-0-x"),
        ];
        if process_alive(dead) {
            // The pid was reused at once: the folders must then be kept.
            expected.push(format!(".out.tmp-{dead}-1-0"));
            expected.push(format!(".out.old-{dead}-1-0"));
        }
        expected.sort();
        assert_eq!(names(root.path()), expected);
    }

    #[test]
    fn a_target_created_meanwhile_is_replaced_not_refused() {
        let (root, target) = out_folder();
        let tmp = TempDir::create(root.path(), "out", "tmp").unwrap();
        fs::write(tmp.path().join("mine"), "mine").unwrap();
        // Another run's complete folder appears between a writer's check for a missing
        // target and its rename: that rename fails in a way `target_appeared`
        // recognises, and the writer then swaps its folder in like any other.
        fs::create_dir(&target).unwrap();
        fs::write(target.join("theirs"), "theirs").unwrap();
        let err = fs::rename(tmp.path(), &target).unwrap_err();
        assert!(target_appeared(&err), "{err:?}");
        let old = swap_into_place(tmp.path(), &target, root.path(), "out", true)
            .unwrap()
            .unwrap();
        tmp.disarm();
        fs::remove_dir_all(old).unwrap();
        assert_eq!(names(&target), vec!["mine"]);
    }

    #[test]
    fn concurrent_writers_leave_one_complete_folder() {
        let (root, target) = out_folder();
        std::thread::scope(|scope| {
            for writer in 0..8 {
                let target = &target;
                scope.spawn(move || {
                    write_dir_atomically(target, |dir| {
                        for file in 0..20 {
                            fs::write(dir.join(format!("f{file}")), format!("{writer}"))
                                .map_err(|e| Error::io(dir, e))?;
                        }
                        Ok(())
                    })
                    .unwrap();
                });
            }
        });
        let files = snapshot(&target);
        assert_eq!(files.len(), 20);
        let first = files.values().next().unwrap().clone();
        assert!(files.values().all(|v| *v == first), "mixed folder");
        assert_eq!(names(root.path()), vec!["out"]);
    }

    #[cfg(unix)]
    #[test]
    fn follows_a_symlinked_target() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        fs::create_dir(&real).unwrap();
        fs::write(real.join("old"), "old").unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_dir_atomically(&link, |dir| {
            fs::write(dir.join("new"), "new").map_err(|e| Error::io(dir, e))
        })
        .unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(names(&real), vec!["new"]);
        assert_eq!(names(root.path()), vec!["link", "real"]);
    }
}
