//! `museum decide`: a human same/different decision, recorded in `decisions.csv` and honoured by
//! `museum dedup` (and, with feature `stats`, `museum report`).

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use museum_core::dedup::{Decision, read_decisions};

use crate::util::{code, fixture, museum, stderr, stdout};

/// The dedup fixture in a temporary directory.
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["figures.csv", "victims.csv"] {
        std::fs::copy(fixture("dedup").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// `record_id` → `cluster_id` from `museum dedup --format csv`.
fn cluster_of(dir: &std::path::Path, id: &str) -> String {
    let o = museum(&["dedup", dir.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    stdout(&o)
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .and_then(|l| l.split(',').nth(1))
        .unwrap_or_else(|| panic!("{id} not in the output"))
        .to_owned()
}

#[test]
fn a_decision_is_recorded_and_wins_in_dedup() {
    let tmp = fixture_copy();
    let dir = tmp.path();
    let decisions = dir.join("decisions.csv");
    // The model links the Cyrillic and Latin spellings of Zhansugurov.
    assert_eq!(cluster_of(dir, "vic-004"), cluster_of(dir, "vic-005"));

    let o = museum(&[
        "decide",
        "vic-004",
        "vic-005",
        "different",
        "--who",
        "test archivist",
        "--why",
        "test only",
        "--when",
        "2026-11-26",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("vic-004 and vic-005 are different people"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&decisions).unwrap(),
        "record_a,record_b,decision,who,when,why\n\
         vic-004,vic-005,different,test archivist,2026-11-26,test only\n"
    );
    assert_ne!(cluster_of(dir, "vic-004"), cluster_of(dir, "vic-005"));

    // The same decision again (either order) changes nothing.
    let o = museum(&[
        "decide",
        "vic-005",
        "vic-004",
        "different",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("already recorded"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&decisions).unwrap().lines().count(),
        2
    );

    // A contradicting decision is refused (exit 1): the recorded one is edited by hand, never
    // overwritten.
    let o = museum(&[
        "decide",
        "vic-004",
        "vic-005",
        "same",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("already decides"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&decisions).unwrap().lines().count(),
        2
    );

    // A second decision is appended below the first.
    let o = museum(&[
        "decide",
        "vic-009",
        "vic-011",
        "same",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(&decisions).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(
        text.lines()
            .nth(2)
            .unwrap()
            .starts_with("vic-009,vic-011,same,,")
    );
    assert_eq!(cluster_of(dir, "vic-009"), cluster_of(dir, "vic-011"));
}

#[test]
fn bad_decisions_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let decisions = tmp.path().join("decisions.csv");
    let d = decisions.to_str().unwrap();
    let o = museum(&["decide", "a", "b", "maybe", "--decisions", d]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("write `same` or `different`"));
    let o = museum(&["decide", "a", "a", "same", "--decisions", d]);
    assert_eq!(code(&o), 2);
    assert!(!decisions.exists());
}

/// The report reads `decisions.csv` beside the data, like `museum dedup`.
#[cfg(feature = "stats")]
#[test]
fn the_report_honours_decisions() {
    let tmp = fixture_copy();
    let dir = tmp.path();
    let together = |json: &serde_json::Value, a: &str, b: &str| {
        json["dedup"]["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| {
                let ids: Vec<&str> = c["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|m| m["record_id"].as_str())
                    .collect();
                ids.contains(&a) && ids.contains(&b)
            })
    };
    let report = || {
        let o = museum(&[
            "report",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            "-",
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        (json, stderr(&o))
    };
    let (json, _) = report();
    assert!(together(&json, "vic-004", "vic-005"));
    let o = museum(&[
        "decide",
        "vic-004",
        "vic-005",
        "different",
        "--decisions",
        dir.join("decisions.csv").to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (json, err) = report();
    assert!(err.contains("using 1 decision(s)"), "{err}");
    assert!(!together(&json, "vic-004", "vic-005"));
}

// See: issue 21 — decisions lost when several people record them at once.

/// A `museum decide` process, started and not waited for.
fn spawn_decide(decisions: &Path, a: &str, b: &str, decision: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_museum"))
        .args([
            "decide",
            a,
            b,
            decision,
            "--who",
            "tester",
            "--when",
            "2026-12-06",
        ])
        .args(["--wait", "120", "--decisions"])
        .arg(decisions)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run museum")
}

/// Rows of a decisions file, read the way `museum dedup` reads it (all must be readable).
fn rows(decisions: &Path) -> Vec<Decision> {
    let (rows, problems) = read_decisions(decisions).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    rows
}

#[test]
fn fifty_writers_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let decisions = tmp.path().join("decisions.csv");
    let children: Vec<(String, Child)> = (0..50)
        .map(|i| {
            let a = format!("syn-{i:04}");
            let child = spawn_decide(&decisions, &a, &format!("syn-{:04}", i + 1000), "different");
            (a, child)
        })
        .collect();
    // Meanwhile a reader reads the file as `museum dedup` would, until every writer is done:
    // it only ever sees whole files, each holding at least the rows of the one before.
    let done = std::sync::atomic::AtomicBool::new(false);
    let reads = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let (mut reads, mut seen) = (0, 0);
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                if decisions.exists() {
                    let n = rows(&decisions).len();
                    assert!(n >= seen, "{n} rows after {seen}");
                    seen = n;
                    reads += 1;
                }
            }
            reads
        });
        let outcomes: Vec<(String, Output)> = children
            .into_iter()
            .map(|(a, c)| (a, c.wait_with_output().unwrap()))
            .collect();
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        for (a, o) in &outcomes {
            assert_eq!(code(o), 0, "{a}: {}", stderr(o));
        }
        reader.join().unwrap()
    });
    assert!(reads > 0);
    let mut got: Vec<String> = rows(&decisions)
        .into_iter()
        .map(|d| format!("{},{},{}", d.record_a, d.record_b, d.decision.as_str()))
        .collect();
    got.sort();
    let want: Vec<String> = (0..50)
        .map(|i| format!("syn-{i:04},syn-{:04},different", i + 1000))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn of_two_contradicting_writers_exactly_one_wins() {
    let tmp = tempfile::tempdir().unwrap();
    let decisions = tmp.path().join("decisions.csv");
    // Twenty pairs, each decided `same` by one process and `different` by another (in the
    // other order of ids for half of them), all started at once.
    let mut children = Vec::new();
    for i in 0..20 {
        let (a, b) = (format!("vic-{i:03}"), format!("vic-{:03}", i + 500));
        children.push((i, "same", spawn_decide(&decisions, &a, &b, "same")));
        let (x, y) = if i % 2 == 0 { (&b, &a) } else { (&a, &b) };
        children.push((i, "different", spawn_decide(&decisions, x, y, "different")));
    }
    let outcomes: Vec<(usize, &str, Output)> = children
        .into_iter()
        .map(|(i, d, c)| (i, d, c.wait_with_output().unwrap()))
        .collect();
    let recorded = rows(&decisions);
    assert_eq!(recorded.len(), 20);
    for i in 0..20 {
        let mine: Vec<&(usize, &str, Output)> = outcomes.iter().filter(|o| o.0 == i).collect();
        let winners: Vec<&str> = mine
            .iter()
            .filter(|o| code(&o.2) == 0)
            .map(|o| o.1)
            .collect();
        let losers: Vec<&&(usize, &str, Output)> =
            mine.iter().filter(|o| code(&o.2) == 1).collect();
        assert_eq!((winners.len(), losers.len()), (1, 1), "pair {i}");
        assert!(
            stderr(&losers[0].2).contains("already decides"),
            "{}",
            stderr(&losers[0].2)
        );
        let row = recorded
            .iter()
            .find(|d| {
                d.record_a.ends_with(&format!("{i:03}")) || d.record_b.ends_with(&format!("{i:03}"))
            })
            .unwrap();
        assert_eq!(row.decision.as_str(), winners[0], "pair {i}");
    }
}

/// Not a test of its own: run by the two tests below in a child process (this test binary run
/// again) that takes the lock of `MUSEUM_TEST_HOLD_LOCK`, says `locked` on stdout and holds the
/// lock until its stdin closes or it is killed.
#[test]
#[ignore = "a helper process for the lock tests"]
fn lock_holder_process() {
    let Some(target) = std::env::var_os("MUSEUM_TEST_HOLD_LOCK") else {
        return;
    };
    let lock = museum_core::fsutil::FileLock::acquire(Path::new(&target), Duration::ZERO).unwrap();
    // Straight to stdout: the test harness captures `println!`.
    let mut out = std::io::stdout();
    std::io::Write::write_all(&mut out, b"locked\n").unwrap();
    std::io::Write::flush(&mut out).unwrap();
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    drop(lock);
}

/// Starts [`lock_holder_process`] on `target` and returns once it holds the lock.
fn lock_holder(target: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "decide::lock_holder_process",
            "--ignored",
            "--nocapture",
        ])
        .args(["--test-threads", "1"])
        .env("MUSEUM_TEST_HOLD_LOCK", target)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = std::io::BufReader::new(child.stdout.take().unwrap());
    let said = std::io::BufRead::lines(out)
        .map(Result::unwrap)
        // The harness may print `test … ... ` before it on the same line.
        .any(|l| l.trim_end().ends_with("locked"));
    assert!(said, "the lock holder did not take the lock");
    child
}

#[test]
fn a_held_lock_times_out_naming_the_holder_and_a_killed_holder_blocks_nobody() {
    let tmp = tempfile::tempdir().unwrap();
    let decisions = tmp.path().join("decisions.csv");
    std::fs::write(
        &decisions,
        "record_a,record_b,decision,who,when,why\na,b,same,,,\n",
    )
    .unwrap();
    let mut holder = lock_holder(&decisions);
    let d = decisions.to_str().unwrap();
    let o = museum(&[
        "decide",
        "c",
        "d",
        "different",
        "--wait",
        "0.3",
        "--decisions",
        d,
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("decisions.csv` is being changed by another process"),
        "{err}"
    );
    assert!(err.contains(&format!("pid {}", holder.id())), "{err}");
    assert!(err.contains("decide::lock_holder_process"), "{err}");
    assert!(err.contains("--wait SECONDS"), "{err}");
    assert_eq!(rows(&decisions).len(), 1, "nothing written");

    // SIGKILL: the holder runs no code of its own; the next writer proceeds at once.
    holder.kill().unwrap();
    holder.wait().unwrap();
    let o = museum(&[
        "decide",
        "c",
        "d",
        "different",
        "--wait",
        "0",
        "--decisions",
        d,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(rows(&decisions).len(), 2);
}
