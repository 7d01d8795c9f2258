//! Helpers for end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A fixture path under `tests/fixtures/`.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// Runs `museum` with `args` in `dir`.
pub(crate) fn museum_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_museum"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run museum")
}

/// Runs `museum` with `args` in the workspace root.
pub(crate) fn museum(args: &[&str]) -> Output {
    museum_in(&root(), args)
}

/// stdout as text.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code.
pub(crate) fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// A Python interpreter with the given PyPI packages (pinned `name==version`), in a virtual
/// environment under `target/` created on first use. Tests that check our output with real
/// external clients (jsonschema, frictionless, pyarrow) use it.
pub(crate) fn python_with(packages: &[&str]) -> PathBuf {
    use std::sync::Mutex;
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let venv = root().join("target/py-venv");
    let py = venv.join("bin/python");
    if !py.exists() {
        let st = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 -m venv");
        assert!(
            st.success(),
            "cannot create a Python venv in {}",
            venv.display()
        );
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            let name = p.split("==").next().unwrap();
            !Command::new(&py)
                .args(["-m", "pip", "show", "-q", name])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if !missing.is_empty() {
        let o = Command::new(&py)
            .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
            .args(&missing)
            .output()
            .expect("pip install");
        assert!(
            o.status.success(),
            "pip install {missing:?} failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    py
}
