//! Safe file output: every file is written atomically (a temporary file in the same directory,
//! flushed and synced, then renamed over the target), so an interrupted run never leaves a half
//! file and inputs are never rewritten in place by accident.
//!
//! ## Interruption
//!
//! A process killed by a signal runs no destructors, so a temporary file would survive it. Every
//! temporary file or directory this crate writes is therefore listed in a process-wide registry
//! ([`register_temporary`]) while it exists. A program that handles `SIGINT`/`SIGTERM` calls
//! [`interrupt`] from its handler: that removes every listed temporary and makes later
//! registrations and [`commit`]s fail, so nothing is renamed into place afterwards. Renames into
//! place run inside [`commit`], under the registry's lock, so an interruption happens either
//! before a target is replaced (the target keeps its previous content) or after (the new
//! content is complete) — never in between. The library itself never installs a signal handler,
//! prints or exits; the `museum` command does.
//!
//! ## Devices, pipes and symbolic links
//!
//! Renaming over a path replaces whatever is there, so output to a device such as `/dev/null` or
//! `/dev/stdout`, a named pipe or a socket is written straight into it instead (nothing there to
//! keep whole, and replacing `/dev/null` with a file would break every program on the machine).
//! A symbolic link is followed: the file it points to is replaced atomically and the link stays.
//!
//! ## Files changed in place
//!
//! A file the tool reads, changes and writes back (`decisions.csv`) is updated with
//! [`update_locked`]: under an exclusive lock on `<file>.lock`, re-read, changed, replaced
//! atomically (see [`lock`]).

pub mod lock;

pub use lock::{DEFAULT_LOCK_WAIT, FileLock, lock_path, update_locked};

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{Error, ErrorKind, Result};

/// What [`interrupt`] does with a registered path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TempKind {
    /// A temporary file: removed.
    File,
    /// A temporary directory: removed with its contents.
    Dir,
    /// A directory this run created for its output: removed only when still empty.
    CreatedDir,
}

#[derive(Debug)]
struct Registry {
    interrupted: bool,
    next: u64,
    paths: Vec<(u64, PathBuf, TempKind)>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    interrupted: false,
    next: 0,
    paths: Vec::new(),
});

fn registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

fn remove(path: &Path, kind: TempKind) -> bool {
    match kind {
        TempKind::File => std::fs::remove_file(path).is_ok(),
        TempKind::Dir => std::fs::remove_dir_all(path).is_ok(),
        TempKind::CreatedDir => std::fs::remove_dir(path).is_ok(),
    }
}

fn interrupted_error() -> Error {
    ErrorKind::Interrupted.into()
}

/// A path listed in the registry of temporaries; dropping it takes the path off the list (it
/// does not remove the path).
#[derive(Debug)]
#[must_use = "the path is unregistered when this is dropped"]
pub struct TempRegistration {
    id: u64,
}

impl Drop for TempRegistration {
    fn drop(&mut self) {
        registry().paths.retain(|(id, _, _)| *id != self.id);
    }
}

/// Lists `path`, a temporary this run just created, for removal by [`interrupt`].
///
/// # Errors
/// When the run was interrupted already: `path` is then removed at once.
pub fn register_temporary(path: &Path, kind: TempKind) -> Result<TempRegistration> {
    let mut r = registry();
    if r.interrupted {
        remove(path, kind);
        return Err(interrupted_error());
    }
    r.next += 1;
    let id = r.next;
    r.paths.push((id, path.to_owned(), kind));
    Ok(TempRegistration { id })
}

/// Runs `install` (the renames that put finished output in place) unless the run was
/// interrupted, holding the registry's lock so that [`interrupt`] waits until it is done.
/// `install` must not register or commit itself.
///
/// # Errors
/// When the run was interrupted; `install` did not run.
pub fn commit<T>(install: impl FnOnce() -> T) -> Result<T> {
    let r = registry();
    if r.interrupted {
        return Err(interrupted_error());
    }
    let out = install();
    drop(r);
    Ok(out)
}

/// Stops all output: removes every registered temporary (and every still-empty directory a run
/// created) and makes later [`register_temporary`] and [`commit`] calls fail. Returns how many
/// paths it removed. Meant for a signal handler; safe to call from any thread, more than once.
pub fn interrupt() -> usize {
    let mut r = registry();
    r.interrupted = true;
    let mut paths = std::mem::take(&mut r.paths);
    // Files and temporary directories first, then the directories a run created, deepest
    // first, so that each is empty when its turn comes.
    paths.sort_by_key(|(_, path, kind)| {
        (
            *kind == TempKind::CreatedDir,
            std::cmp::Reverse(path.components().count()),
        )
    });
    paths
        .iter()
        .filter(|(_, path, kind)| remove(path, *kind))
        .count()
}

/// Whether [`interrupt`] was called.
pub fn is_interrupted() -> bool {
    registry().interrupted
}

/// Creates `dir` and its missing parents; each directory that did not exist is listed for
/// [`interrupt`] (removed when still empty, deepest first), so an interrupted run leaves no
/// empty output directory behind. Keep the registrations until the output is in place.
///
/// # Errors
/// When a directory cannot be created, or the run was interrupted.
pub fn create_dir_all_registered(dir: &Path) -> Result<Vec<TempRegistration>> {
    let mut missing = Vec::new();
    let mut p = Some(dir);
    while let Some(d) = p {
        if d.as_os_str().is_empty() || d.exists() {
            break;
        }
        missing.push(d.to_owned());
        p = d.parent();
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir, e))?;
    missing
        .iter()
        .map(|d| register_temporary(d, TempKind::CreatedDir))
        .collect()
}

/// Writes `path` atomically with the bytes `write` produces.
///
/// # Errors
/// When the directory is not writable or `write` fails; the target is then left untouched.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if is_special_file(path) {
        return write_special(path, |w| write(w).map_err(|e| Error::io("write", path, e)));
    }
    let resolved = resolve_symlinks(path);
    let path = resolved.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".museum-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io("create a temporary file in", dir, e))?;
    let _registered = register_temporary(tmp.path(), TempKind::File)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w).map_err(|e| Error::io("write", path, e))?;
        w.flush().map_err(|e| Error::io("write", path, e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("sync", path, e))?;
    // `tempfile` creates files readable only by their owner; give the result the permissions of
    // the file it replaces, or the usual `rw-r--r--` for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file()
            .set_permissions(p)
            .map_err(|e| Error::io("set permissions of", path, e))?;
    }
    commit(|| tmp.persist(path))?.map_err(|e| Error::io("rename into", path, e.error))?;
    Ok(())
}

/// Whether `path` exists and is neither a regular file nor a directory (symbolic links followed):
/// a device such as `/dev/null` or `/dev/stdout`, a named pipe, a socket. Output to such a path
/// must be written into it, never renamed over it.
pub fn is_special_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| {
        let t = m.file_type();
        !t.is_file() && !t.is_dir()
    })
}

/// Streams what `write` produces straight into a special file (see [`is_special_file`]): opened
/// for writing, never created, truncated or replaced. Not atomic, by nature of the target.
///
/// # Errors
/// When the file cannot be opened or `write` fails.
pub fn write_special(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io("open", path, e))?;
    let mut w = BufWriter::new(f);
    write(&mut w)?;
    w.flush().map_err(|e| Error::io("write", path, e))
}

/// The path a write to `path` should replace: the file a symbolic link points to (so the link
/// stays a link), or `path` itself when it is no link or its target cannot be resolved.
pub fn resolve_symlinks(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    path.to_owned()
}

/// Writes `bytes` to `path` atomically.
///
/// # Errors
/// See [`write_atomic`].
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(path, |w| w.write_all(bytes))
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` on other systems
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere a new temporary file already has ordinary permissions.
#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Test support: a named pipe at `path` (with `mkfifo`), and a thread that reads it to the end.
#[cfg(all(test, unix))]
pub(crate) fn pipe_with_reader(path: &Path) -> std::thread::JoinHandle<Vec<u8>> {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
    let path = path.to_owned();
    std::thread::spawn(move || std::fs::read(path).unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;

    // `interrupt` is process-wide and final: it is tested in its own test binary
    // (`tests/interrupt.rs`) and in the end-to-end tests, which interrupt real runs.

    #[cfg(unix)]
    #[test]
    fn new_files_are_world_readable_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        write_bytes_atomic(&p, b"a\n").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_bytes_atomic(&p, b"b\n").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"b\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.pipe");
        let reader = pipe_with_reader(&fifo);
        write_bytes_atomic(&fifo, b"victim_id,full_name\n").unwrap();
        // Checked before joining: a replaced pipe would leave the reader waiting forever.
        let t = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(t.is_fifo(), "{t:?}");
        assert_eq!(reader.join().unwrap(), b"victim_id,full_name\n");
        // Nothing else appeared beside it (no temporary file was made).
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_stays_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        let is_device =
            |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_char_device());
        if !is_device(null) {
            return; // not this machine's shape; the named-pipe test covers the logic
        }
        assert!(is_special_file(null));
        write_bytes_atomic(null, b"anything").unwrap();
        assert!(is_device(null), "/dev/null was replaced by a file");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("report-2026.html");
        let link = dir.path().join("report.html");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("report-2026.html", &link).unwrap();
        write_bytes_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert_eq!(resolve_symlinks(&real), real);
    }
}
