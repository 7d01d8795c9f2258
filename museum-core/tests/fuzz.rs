//! Replays the fuzz targets' regression fixtures (`tests/fixtures/fuzz/<target>/`, minimized
//! crashers found by `cargo fuzz`) and their seed corpora (`fuzz/seeds/<target>/`) through the
//! same checks the fuzz targets run ([`museum_core::fuzzing`]), so a fixed crash stays fixed
//! without cargo-fuzz. See `fuzz/README.md`.

use std::path::{Path, PathBuf};

use museum_core::fuzzing::TARGETS;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The files of a directory, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs every input of `<base>/<target>/` through its target's check; returns how many ran.
fn replay(base: &Path) -> usize {
    let mut ran = 0;
    for (target, check) in TARGETS {
        for path in files(&base.join(target)) {
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(
                result.is_ok(),
                "fuzz target `{target}` fails on {}",
                path.display()
            );
            ran += 1;
        }
    }
    ran
}

#[test]
fn regression_fixtures_pass() {
    replay(&root().join("tests/fixtures/fuzz"));
}

#[test]
fn seed_corpora_pass() {
    let ran = replay(&root().join("fuzz/seeds"));
    assert!(
        ran > 0,
        "no seed under fuzz/seeds (run `python3 fuzz/seeds.py`)"
    );
}

/// Every fixture directory belongs to a target (a typo would silently skip its fixtures).
#[test]
fn fixture_directories_are_targets() {
    let Ok(dirs) = std::fs::read_dir(root().join("tests/fixtures/fuzz")) else {
        return;
    };
    for dir in dirs {
        let name = dir.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "README.md" || TARGETS.iter().any(|(t, _)| *t == name),
            "tests/fixtures/fuzz/{name} is not a fuzz target"
        );
    }
}
