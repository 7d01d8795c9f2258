//! `fsutil::interrupt`, what a signal handler calls: the temporaries of unfinished output are
//! removed and nothing is renamed into place afterwards. `interrupt` is final for the process,
//! so these checks live in their own test binary and run as one test, in order.

use std::path::Path;

use museum_core::ErrorKind;
use museum_core::fsutil::{
    TempKind, commit, create_dir_all_registered, interrupt, is_interrupted, register_temporary,
    write_atomic, write_bytes_atomic,
};

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn an_interruption_removes_unfinished_output_and_stops_later_writes() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("report.html");
    let new = dir.path().join("clusters.csv");
    let created = dir.path().join("out/nested");

    // Before any interruption, writes go through and leave no temporary.
    write_bytes_atomic(&kept, b"<p>previous report</p>").unwrap();
    assert_eq!(names(dir.path()), ["report.html"]);

    // A directory the run creates for its output is listed (its topmost new part).
    let created_reg = create_dir_all_registered(&created).unwrap();
    assert_eq!(created_reg.len(), 2);
    assert!(created.is_dir());

    // The signal arrives while the report is being replaced: half of it is written.
    let mut seen_temp = Vec::new();
    let err = write_atomic(&kept, |w| {
        w.write_all(b"<p>half of a new rep")?;
        w.flush()?;
        seen_temp = names(dir.path());
        let removed = interrupt();
        // The temporary file of this write, and the empty `out/nested/` and `out/`.
        assert_eq!(removed, 3, "{seen_temp:?}");
        w.write_all(b"ort</p>")
    })
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Interrupted), "{err}");
    assert!(is_interrupted());
    assert!(
        seen_temp.iter().any(|n| n.starts_with(".museum-")),
        "the write had a temporary file: {seen_temp:?}"
    );
    // The target keeps its previous content; no temporary and no empty directory is left.
    assert_eq!(std::fs::read(&kept).unwrap(), b"<p>previous report</p>");
    assert_eq!(names(dir.path()), ["report.html"]);
    drop(created_reg);

    // Later writes fail without leaving anything, and a new target never appears.
    let err = write_bytes_atomic(&new, b"record_id,cluster_id\n").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Interrupted), "{err}");
    assert!(!new.exists());
    let stray = dir.path().join(".museum-stray.tmp");
    std::fs::write(&stray, "x").unwrap();
    assert!(register_temporary(&stray, TempKind::File).is_err());
    assert!(!stray.exists(), "a late temporary is removed at once");
    let mut ran = false;
    assert!(commit(|| ran = true).is_err());
    assert!(!ran, "nothing is renamed into place after an interruption");
    assert_eq!(names(dir.path()), ["report.html"]);
}
