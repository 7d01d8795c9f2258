//! Read-change-write under a lock: files the tool reads, changes and writes back
//! (`decisions.csv`, the person registry) are updated by one process at a time.
//!
//! An update takes an exclusive advisory lock on a lock file beside the target
//! (`decisions.csv.lock`), re-reads the target under the lock, applies the change and replaces
//! the target atomically ([`super::write_atomic`]), then lets the lock go. Two people deciding
//! on one list therefore never lose each other's rows: the second writer waits, then sees the
//! first one's row. Readers need no lock: the target is only ever replaced whole by a rename, so
//! a reader sees the old file or the new one, never half of one.
//!
//! The lock is the operating system's (`flock` on Unix, through [`std::fs::File::try_lock`]): it
//! dies with the process that holds it, so a killed writer never blocks the next one. The lock
//! file stays beside the target (removing it would let two writers lock two different files);
//! while held it names its holder (process id, command, since when), which a writer that gives
//! up quotes.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::error::{Error, ErrorKind, Result};

/// How long a writer waits for the lock by default.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

/// An exclusive lock on a target file, held until dropped (or the process ends).
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

/// The lock file of `target`: `<target>.lock` beside the file a link points to, so that every
/// path to one file takes the same lock.
pub fn lock_path(target: &Path) -> PathBuf {
    let real = super::resolve_symlinks(target);
    let mut name = real.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    real.with_file_name(name)
}

impl FileLock {
    /// Takes the lock of `target` (see [`lock_path`]), waiting up to `wait` for another holder
    /// to let it go.
    ///
    /// # Errors
    /// [`ErrorKind::Locked`] when the lock is still held after `wait` (naming the holder);
    /// an I/O error when the lock file cannot be opened.
    pub fn acquire(target: &Path, wait: Duration) -> Result<FileLock> {
        let path = lock_path(target);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io("open the lock file", &path, e))?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(Error::io("lock", &path, e));
                }
            }
            let waited = start.elapsed();
            if waited >= wait {
                let mut holder = String::new();
                // Best effort: the holder wrote its name when it took the lock.
                let _ = file.read_to_string(&mut holder);
                return Err(ErrorKind::Locked {
                    path: target.to_owned(),
                    lock: path,
                    holder: holder.trim().to_owned(),
                    waited,
                }
                .into());
            }
            std::thread::sleep(pause.min(wait.checked_sub(waited).unwrap()));
            pause = (pause * 2).min(Duration::from_millis(100));
        }
        // Say who holds it, for whoever has to wait (the content is informative only).
        let note = holder_note();
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(note.as_bytes()));
        Ok(FileLock { file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Closing the file would release the lock too; the holder's note goes first so that a
        // later waiter does not quote a writer that is gone.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// `pid 1234, `museum decide …`, since 2026-12-06 20:41:07 UTC`.
fn holder_note() -> String {
    let mut args: Vec<String> = std::env::args().collect();
    if let Some(first) = args.first_mut()
        && let Some(name) = Path::new(first.as_str()).file_name()
    {
        *first = name.to_string_lossy().into_owned();
    }
    let mut command = args.join(" ");
    if command.chars().count() > 200 {
        command = command.chars().take(200).collect::<String>() + "…";
    }
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let day = crate::model::date::Day::new(1970, 1, 1)
        .map(|d| d.add_days(secs.div_euclid(86_400)).to_string())
        .unwrap_or_default();
    let s = secs.rem_euclid(86_400);
    format!(
        "pid {}, `{command}`, since {day} {:02}:{:02}:{:02} UTC\n",
        std::process::id(),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Replaces `path` with what `change` makes of its current content, under the lock of `path`
/// (waiting up to `wait` for it): `change` gets the content read under the lock (`None` when
/// the file does not exist yet) and returns the new content, or `None` to leave the file as it
/// is, with a value passed back to the caller. The new content is written atomically.
///
/// # Errors
/// [`ErrorKind::Locked`] when the lock is not had in time; I/O errors; whatever `change`
/// returns (nothing is written then).
///
/// ```
/// use std::time::Duration;
/// use museum_core::fsutil::update_locked;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("counter.txt");
/// for _ in 0..3 {
///     update_locked(&path, Duration::from_secs(5), |old| {
///         let n: u32 = old.map_or(0, |b| String::from_utf8_lossy(b).trim().parse().unwrap());
///         Ok((Some(format!("{}\n", n + 1).into_bytes()), ()))
///     })
///     .unwrap();
/// }
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "3\n");
/// ```
pub fn update_locked<T>(
    path: &Path,
    wait: Duration,
    change: impl FnOnce(Option<&[u8]>) -> Result<(Option<Vec<u8>>, T)>,
) -> Result<T> {
    let _lock = FileLock::acquire(path, wait)?;
    let current = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let (new, out) = change(current.as_deref())?;
    if let Some(bytes) = new {
        super::write_bytes_atomic(path, &bytes)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("decisions.csv");
        let held = FileLock::acquire(&target, Duration::ZERO).unwrap();
        assert_eq!(held.path(), dir.path().join("decisions.csv.lock"));
        // A lock taken through another open file is refused even within one process.
        let e = FileLock::acquire(&target, Duration::from_millis(20)).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("decisions.csv"), "{msg}");
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        drop(held);
        FileLock::acquire(&target, Duration::ZERO).unwrap();
    }

    #[test]
    fn concurrent_updates_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.txt");
        std::thread::scope(|s| {
            for i in 0..16 {
                let path = &path;
                s.spawn(move || {
                    update_locked(path, Duration::from_mins(1), |old| {
                        let mut text = old.map(<[u8]>::to_vec).unwrap_or_default();
                        text.extend_from_slice(format!("{i}\n").as_bytes());
                        Ok((Some(text), ()))
                    })
                    .unwrap();
                });
            }
        });
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rows: Vec<u32> = text.lines().map(|l| l.parse().unwrap()).collect();
        rows.sort_unstable();
        assert_eq!(rows, (0..16).collect::<Vec<_>>());
    }

    #[test]
    fn a_refused_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.txt");
        std::fs::write(&path, "a\n").unwrap();
        let r: Result<()> =
            update_locked(&path, Duration::ZERO, |_| Err(Error::invalid_option("no")));
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a\n");
        // Nothing but the target and its lock file.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
