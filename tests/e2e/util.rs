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

/// A Python interpreter with the given `PyPI` packages (pinned `name==version`), in a virtual
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

/// Runs `museum validate` with `args` and parses its `--format json` output.
pub(crate) fn validate_json(args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut all = vec!["validate"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let o = museum(&all);
    let out = stdout(&o);
    let v = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}\nstderr:\n{}", stderr(&o)));
    (code(&o), v, stderr(&o))
}

/// The codes of the findings of a `--format json` document.
pub(crate) fn codes(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The arguments that tell `museum validate` what a fixture holds: nothing for a directory or
/// a file whose name tells (`M310_reversed_camps.csv`), `--kind victims` otherwise.
pub(crate) fn kind_args(path: &Path) -> Vec<&'static str> {
    if path.is_dir() || museum_core::io::DatasetKind::from_path(path).is_some() {
        Vec::new()
    } else {
        vec!["--kind", "victims"]
    }
}

/// The entries of `dir` (names), sorted.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}
