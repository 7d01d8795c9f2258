//! Atomic export output: a file is written to a hidden temporary file next to it and renamed into
//! place; a directory is filled as a hidden temporary sibling directory and renamed into place.
//! An interrupted export (even `SIGKILL`) therefore never leaves a half file or a half directory
//! under the output name, only a hidden `.museum-export-<pid>-…` entry, which the next export in
//! the same directory removes once that process is gone. A handled `SIGINT`/`SIGTERM` leaves not
//! even that: the temporaries are registered with [`crate::fsutil::interrupt`].

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The prefix of every temporary entry an export creates.
pub const TEMP_PREFIX: &str = ".museum-export-";

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// Whether the process that created a temporary entry is gone. On systems without `/proc`, an
/// entry counts as stale only when it is older than a day.
fn is_stale(name: &str, path: &Path) -> bool {
    let Some(pid) = name
        .strip_prefix(TEMP_PREFIX)
        .and_then(|r| r.split('-').next())
        .and_then(|p| p.parse::<u32>().ok())
    else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    if Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 24 * 3600)
}

/// Removes the temporary entries that interrupted exports left in `dir`; returns how many.
pub fn clean_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        if !is_stale(&name, &path) {
            continue;
        }
        let ok = if e.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path).is_ok()
        } else {
            std::fs::remove_file(&path).is_ok()
        };
        removed += usize::from(ok);
    }
    removed
}

/// Fails when `out` exists and `force` is not set (a device or pipe is written into, not
/// replaced: no `force` needed).
pub(crate) fn check_target(out: &Path, force: bool) -> Result<()> {
    let exists = std::fs::symlink_metadata(out).is_ok();
    if !force && exists && !crate::fsutil::is_special_file(out) {
        return Err(Error::invalid_option(format!(
            "`{}` already exists; pass `--force` to replace it",
            out.display()
        )));
    }
    Ok(())
}

/// Moves whatever is at `out` out of the way (to a hidden name), returning that name.
fn move_aside(out: &Path) -> Result<Option<PathBuf>> {
    if std::fs::symlink_metadata(out).is_err() {
        return Ok(None);
    }
    if crate::fsutil::is_special_file(out) {
        return Err(Error::invalid_option(format!(
            "`{}` is a device or pipe; it is never moved or replaced",
            out.display()
        )));
    }
    let parent = parent_of(out);
    // Reserve a unique name, then rename over it (a file can be replaced; for a directory the
    // reserved file is removed first).
    let reserved = tempfile::Builder::new()
        .prefix(&format!("{}old-", prefix()))
        .tempfile_in(parent)
        .map_err(|e| Error::io("create a temporary file in", parent, e))?;
    let aside = reserved.path().to_owned();
    reserved
        .close()
        .map_err(|e| Error::io("remove", &aside, e))?;
    std::fs::rename(out, &aside).map_err(|e| Error::io("move aside", out, e))?;
    Ok(Some(aside))
}

fn remove_any(path: &Path) {
    let _ = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable where the platform allows opening a directory.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Puts `tmp` (a finished file or directory) at `out`, replacing what is there when `force`.
fn install(tmp: &Path, out: &Path, force: bool) -> Result<()> {
    check_target(out, force)?;
    let aside = move_aside(out)?;
    if let Err(e) = std::fs::rename(tmp, out) {
        if let Some(a) = &aside {
            let _ = std::fs::rename(a, out);
        }
        return Err(Error::io("rename into", out, e));
    }
    if let Some(a) = aside {
        remove_any(&a);
    }
    sync_dir(parent_of(out));
    Ok(())
}

/// Writes the file `out` atomically with what `write` produces.
pub(crate) fn write_file(
    out: &Path,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    if crate::fsutil::is_special_file(out) {
        return crate::fsutil::write_special(out, write);
    }
    let resolved = crate::fsutil::resolve_symlinks(out);
    let out = resolved.as_path();
    check_target(out, force)?;
    let parent = parent_of(out);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix())
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|e| Error::io("create a temporary file in", parent, e))?;
    let _registered = crate::fsutil::register_temporary(tmp.path(), crate::fsutil::TempKind::File)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        w.flush().map_err(|e| Error::io("write", out, e))?;
    }
    // `tempfile` makes files readable only by their owner; an export is meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::io("set permissions of", out, e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("sync", out, e))?;
    // Keep the file (no delete on drop) and rename it ourselves, so that an existing directory
    // at `out` can be replaced too.
    let (_file, path) = tmp.keep().map_err(|e| Error::io("keep", out, e.error))?;
    crate::fsutil::commit(|| install(&path, out, force))
        .and_then(|r| r)
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&path);
        })
}

/// Writes the directory `out` atomically: `fill` gets an empty temporary directory to write its
/// files into (with [`create_file`] / [`finish_file`]).
pub(crate) fn write_dir(
    out: &Path,
    force: bool,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    if crate::fsutil::is_special_file(out) {
        return Err(Error::invalid_option(format!(
            "`{}` is a device or pipe, not a directory: this format writes a directory of files",
            out.display()
        )));
    }
    check_target(out, force)?;
    let parent = parent_of(out);
    let tmp = tempfile::Builder::new()
        .prefix(&prefix())
        .tempdir_in(parent)
        .map_err(|e| Error::io("create a temporary directory in", parent, e))?;
    let _registered = crate::fsutil::register_temporary(tmp.path(), crate::fsutil::TempKind::Dir)?;
    fill(tmp.path())?;
    // `tempfile` makes directories private (0700); an export is meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::io("set permissions of", out, e))?;
    }
    sync_dir(tmp.path());
    let path = tmp.keep();
    crate::fsutil::commit(|| install(&path, out, force))
        .and_then(|r| r)
        .inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&path);
        })
}

/// Creates `name` in `dir` for writing.
pub(crate) fn create_file(dir: &Path, name: &str) -> Result<BufWriter<File>> {
    let path = dir.join(name);
    let f = File::create(&path).map_err(|e| Error::io("create", &path, e))?;
    Ok(BufWriter::new(f))
}

/// Flushes and syncs a file made by [`create_file`].
pub(crate) fn finish_file(w: BufWriter<File>, name: &str) -> Result<()> {
    let f = w
        .into_inner()
        .map_err(|e| Error::io("write", name, e.into_error()))?;
    f.sync_all().map_err(|e| Error::io("sync", name, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(w: &mut dyn Write, bytes: &[u8]) -> Result<()> {
        w.write_all(bytes)
            .map_err(|e| Error::io("write", "test", e))
    }

    #[test]
    fn file_and_dir_replace_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("bundle.json");
        write_file(&out, false, |w| put(w, b"one")).unwrap();
        let err = write_file(&out, false, |w| put(w, b"two")).unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        write_file(&out, true, |w| put(w, b"two")).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        // A directory replaces a file, and back.
        write_dir(&out, true, |d| {
            std::fs::write(d.join("a.jsonl"), "x").map_err(|e| Error::io("write", d, e))
        })
        .unwrap();
        assert!(out.join("a.jsonl").is_file());
        write_file(&out, true, |w| put(w, b"three")).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"three");
        // Nothing hidden is left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["bundle.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_into_and_never_moved_aside() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("bundle.pipe");
        let reader = crate::fsutil::pipe_with_reader(&fifo);
        // A directory of files cannot go into a pipe: refused, the pipe stays.
        let err = write_dir(&fifo, true, |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("not a directory"), "{err}");
        // A file goes into it, without `--force` (nothing is replaced).
        write_file(&fifo, false, |w| put(w, b"[]")).unwrap();
        // Checked before joining: a replaced pipe would leave the reader waiting forever.
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        assert_eq!(reader.join().unwrap(), b"[]");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("pkg");
        let r = write_dir(&out, false, |_| Err(Error::invalid_option("boom")));
        assert!(r.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // A pid that cannot be alive (above the Linux maximum of 2^22).
        let stale = dir.path().join(format!("{TEMP_PREFIX}99999999-abc"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("victims.jsonl"), "{}").unwrap();
        let mine = dir.path().join(format!("{}x.tmp", prefix()));
        std::fs::write(&mine, "").unwrap();
        let other = dir.path().join(".museum-other");
        std::fs::write(&other, "").unwrap();
        if Path::new("/proc/self").exists() {
            assert_eq!(clean_stale_temporaries(dir.path()), 1);
            assert!(!stale.exists());
        }
        assert!(mine.exists() && other.exists());
    }
}
