//! No data loss: an interrupted run (`SIGINT`, `SIGTERM`) leaves no partial output and no
//! temporary file, and a target that existed keeps its previous content; no command modifies
//! its inputs.
//!
//! Each interruption waits for evidence that the command is at work (its temporary output
//! growing, its progress line, its input open), never for a fixed time, then signals it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::util::{code, fixture, museum, museum_in, names, stderr};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A synthetic archive of 30,000 victims (generated once per test run), big enough that every
/// command spends seconds on it in a debug build.
fn big_input() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("safety-synth-30000");
        let o = museum(&[
            "synth",
            "--victims",
            "30000",
            "--seed",
            "11",
            "--with-archive",
            "--out",
            s(&dir),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        dir
    })
}

/// A running `museum` with its stderr collected in the background.
struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_museum"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().unwrap();
    let sink = Arc::clone(&stderr);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Running { child, stderr }
}

impl Running {
    /// Waits (polling, up to five minutes) until `ready`, then sends `signal`; returns the exit
    /// code and stderr. Panics when the command ends before it was ready.
    fn interrupt_when(mut self, signal: &str, ready: impl Fn(&Running) -> bool) -> (i32, String) {
        let deadline = Instant::now() + Duration::from_mins(5);
        loop {
            assert!(
                Instant::now() < deadline,
                "the command neither got ready nor ended"
            );
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "the command ended ({status}) before it could be interrupted: {}",
                    self.stderr.lock().unwrap()
                );
            }
            if ready(&self) {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let st = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(st.success());
        let status = self.child.wait().unwrap();
        // Let the reader thread take the last message.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.stderr.lock().unwrap().contains("interrupted") && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        let err = self.stderr.lock().unwrap().clone();
        (
            status.code().expect("an exit code, not a death by signal"),
            err,
        )
    }

    fn stderr_has(&self, text: &str) -> bool {
        self.stderr.lock().unwrap().contains(text)
    }

    /// Whether the process has `path` open (Linux: `/proc/<pid>/fd`).
    fn has_open(&self, path: &Path) -> bool {
        let want = path.canonicalize().unwrap();
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id())).is_ok_and(|d| {
            d.flatten()
                .any(|e| std::fs::read_link(e.path()).is_ok_and(|l| l == want))
        })
    }
}

/// The largest hidden `.museum-*` temporary in `dir` (a file's size, or the total size of a
/// directory's files).
fn temp_size(dir: &Path) -> u64 {
    let size = |p: &Path| -> u64 {
        if p.is_dir() {
            std::fs::read_dir(p).map_or(0, |d| {
                d.flatten()
                    .map(|e| e.metadata().map_or(0, |m| m.len()))
                    .sum()
            })
        } else {
            std::fs::metadata(p).map_or(0, |m| m.len())
        }
    };
    std::fs::read_dir(dir).map_or(0, |d| {
        d.flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".museum-"))
            .map(|e| size(&e.path()))
            .max()
            .unwrap_or(0)
    })
}

fn assert_interrupted(signal: &str, code: i32, err: &str) {
    let want = if signal == "-INT" { 130 } else { 143 };
    assert_eq!(code, want, "{signal}: {err}");
    let name = if signal == "-INT" {
        "SIGINT"
    } else {
        "SIGTERM"
    };
    assert!(
        err.contains(&format!("interrupted by {name}; unfinished output removed")),
        "{err}"
    );
}

#[test]
fn interrupted_synth_leaves_no_files_and_keeps_an_earlier_archive() {
    let tmp = tempfile::tempdir().unwrap();
    // A new directory: interrupted while writing, it does not exist afterwards.
    let out = tmp.path().join("new/synth");
    let run = start(
        tmp.path(),
        &["synth", "--victims", "200000", "--out", s(&out)],
        &[],
    );
    let (c, err) = run.interrupt_when("-INT", |_| out.is_dir() && temp_size(&out) > 64 * 1024);
    assert_interrupted("-INT", c, &err);
    assert_eq!(names(tmp.path()), Vec::<String>::new(), "{err}");

    // An earlier synthetic archive in the directory: it is left exactly as it was.
    let o = museum(&["synth", "--victims", "50", "--seed", "3", "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = contents(&out);
    let run = start(
        tmp.path(),
        &["synth", "--victims", "200000", "--out", s(&out)],
        &[],
    );
    let (c, err) = run.interrupt_when("-TERM", |_| temp_size(&out) > 64 * 1024);
    assert_interrupted("-TERM", c, &err);
    assert_eq!(contents(&out), before);
}

#[test]
fn interrupted_export_leaves_no_partial_output() {
    let input = big_input();
    let tmp = tempfile::tempdir().unwrap();
    for (format, name, signal) in [
        ("json", "archive.json", "-INT"),
        ("jsonl", "public", "-TERM"),
    ] {
        let outdir = tmp.path().join(format!("out-{format}"));
        std::fs::create_dir(&outdir).unwrap();
        let out = outdir.join(name);
        let run = start(
            tmp.path(),
            &["export", s(input), "--format", format, "-o", s(&out)],
            &[],
        );
        let (c, err) = run.interrupt_when(signal, |_| temp_size(&outdir) > 256 * 1024);
        assert_interrupted(signal, c, &err);
        assert!(!out.exists(), "{format}: a partial output was left");
        assert_eq!(
            names(&outdir),
            Vec::<String>::new(),
            "{format}: temporaries were left"
        );
    }
    // `--force` over an existing export: interrupted, the old export stays as it was.
    let out = tmp.path().join("kept.json");
    let o = museum(&["export", s(&fixture("export/archive")), "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = std::fs::read(&out).unwrap();
    let run = start(
        tmp.path(),
        &["export", s(input), "-o", s(&out), "--force"],
        &[],
    );
    let (c, err) = run.interrupt_when("-INT", |_| temp_size(tmp.path()) > 256 * 1024);
    assert_interrupted("-INT", c, &err);
    assert_eq!(std::fs::read(&out).unwrap(), before);
    assert_eq!(names(tmp.path()), ["kept.json", "out-json", "out-jsonl"]);
}

#[cfg(feature = "stats")]
#[test]
fn interrupted_report_writes_nothing_and_keeps_the_previous_report() {
    let input = big_input();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.html");
    std::fs::write(&out, "<p>the previous report</p>").unwrap();
    for signal in ["-INT", "-TERM"] {
        let run = start(
            tmp.path(),
            &["report", s(input), "-o", s(&out)],
            &[("MUSEUM_PROGRESS", "always")],
        );
        // Interrupted while it reads (the progress line names the stage).
        let (c, err) = run.interrupt_when(signal, |r| r.stderr_has("reading"));
        assert_interrupted(signal, c, &err);
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "<p>the previous report</p>"
        );
        assert_eq!(names(tmp.path()), ["report.html"]);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn interrupted_dedup_writes_no_clusters_file() {
    let input = big_input();
    let victims = input.join("victims.csv");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("clusters.csv");
    let run = start(
        tmp.path(),
        &["dedup", s(&victims), "--format", "csv", "-o", s(&out)],
        &[],
    );
    // Interrupted once it has its input open.
    let (c, err) = run.interrupt_when("-INT", |r| r.has_open(&victims));
    assert_interrupted("-INT", c, &err);
    assert_eq!(names(tmp.path()), Vec::<String>::new());
}

#[cfg(target_os = "linux")]
#[test]
fn interrupted_persons_leaves_the_previous_registry_intact() {
    let input = big_input();
    let tmp = tempfile::tempdir().unwrap();
    let victims = tmp.path().join("victims.csv");
    std::fs::copy(input.join("victims.csv"), &victims).unwrap();
    let registry = tmp.path().join("persons.csv");
    let before = "person_id,record_id,merged_into,assigned,how\nP000001,syn-0000001,,2026-12-01,new\nP000002,,P000001,2026-12-01,merged\n";
    std::fs::write(&registry, before).unwrap();
    let run = start(tmp.path(), &["persons", "."], &[]);
    let (c, err) = run.interrupt_when("-INT", |r| r.has_open(&victims));
    assert_interrupted("-INT", c, &err);
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), before);
    // No temporary is left; the registry's lock file stays (empty when nobody writes).
    assert_eq!(
        names(tmp.path()),
        ["persons.csv", "persons.csv.lock", "victims.csv"]
    );
}

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// No command changes its inputs: every file of the input directory (data, `museum.toml`,
/// `decisions.csv`, truth) has the same bytes, and no file appears or disappears, after every
/// command that reads them.
#[test]
fn no_command_modifies_its_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let o = museum(&[
        "synth",
        "--victims",
        "400",
        "--seed",
        "5",
        "--defects",
        "0.05",
        "--with-archive",
        "--out",
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::write(
        input.join("museum.toml"),
        "ignore = [\"stray-whitespace\"]\n[limits]\nmax_field_size = 100000\n",
    )
    .unwrap();
    std::fs::write(
        input.join("decisions.csv"),
        "record_a,record_b,decision,who,when,why\nsyn-0000001,syn-0000002,different,archivist,2026-01-01,checked\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let before = contents(&input);
    assert!(before.len() >= 9, "{:?}", before.keys());
    let i = s(&input);
    let victims = input.join("victims.csv");
    let o = |name: &str| out.join(name).to_str().unwrap().to_owned();
    let mut runs: Vec<Vec<String>> = vec![
        vec![
            "validate".into(),
            i.into(),
            "--format".into(),
            "json".into(),
        ],
        vec![
            "dedup".into(),
            i.into(),
            "--format".into(),
            "csv".into(),
            "-o".into(),
            o("clusters.csv"),
        ],
        vec![
            "dedup".into(),
            i.into(),
            "--truth".into(),
            s(&input.join("truth.csv")).into(),
        ],
        vec!["search".into(), "Бөкейханов".into(), i.into()],
        vec![
            "export".into(),
            i.into(),
            "--allow-errors".into(),
            "-o".into(),
            o("a.json"),
        ],
        vec![
            "export".into(),
            i.into(),
            "--allow-errors".into(),
            "--format".into(),
            "datapackage".into(),
            "-o".into(),
            o("pkg"),
        ],
        vec![
            "export".into(),
            s(&victims).into(),
            "--allow-errors".into(),
            "--redact".into(),
            "-o".into(),
            o("r.json"),
        ],
    ];
    if cfg!(feature = "stats") {
        runs.push(vec![
            "stats".into(),
            i.into(),
            "--format".into(),
            "json".into(),
        ]);
        runs.push(vec![
            "report".into(),
            i.into(),
            "-o".into(),
            o("report.html"),
        ]);
        runs.push(vec![
            "report".into(),
            i.into(),
            "--format".into(),
            "json".into(),
            "-o".into(),
            o("report.json"),
        ]);
    }
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = museum_in(tmp.path(), &args);
        assert!(code(&r) <= 1, "{args:?}: {}", stderr(&r));
        assert!(contents(&input) == before, "{args:?} changed its inputs");
    }
    // The outputs were written, beside the inputs, not into them.
    assert!(out.join("clusters.csv").is_file() && out.join("pkg/datapackage.json").is_file());
}

/// Output to a device or a named pipe is written into it: `-o /dev/null` runs a command for its
/// checks alone, and never turns `/dev/null` into a file (as root, renaming a finished file over
/// it would, breaking every program on the machine); a pipe gets the same bytes as a file would
/// and stays a pipe.
#[cfg(unix)]
#[test]
fn output_to_a_device_or_a_pipe_is_written_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let file_type = |p: &Path| std::fs::symlink_metadata(p).map(|m| m.file_type());
    let mut runs = vec![
        vec!["export", "datasets", "-o", "OUT"],
        vec!["dedup", "datasets", "--format", "csv", "-o", "OUT"],
    ];
    if cfg!(feature = "stats") {
        runs.push(vec!["report", "datasets", "-o", "OUT"]);
    }
    let with_out = |args: &[&str], out: &str| -> Vec<String> {
        args.iter()
            .map(|a| if *a == "OUT" { out } else { a }.to_owned())
            .collect()
    };
    let run = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = museum(&args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    };
    let null = Path::new("/dev/null");
    if file_type(null).is_ok_and(|t| t.is_char_device()) {
        use std::os::unix::fs::PermissionsExt;
        let mode = || std::fs::metadata(null).unwrap().permissions().mode();
        let before = mode();
        for args in &runs {
            let args = with_out(args, "/dev/null");
            run(&args);
            assert!(
                file_type(null).is_ok_and(|t| t.is_char_device()),
                "`museum {}` replaced /dev/null",
                args.join(" ")
            );
            assert_eq!(
                mode(),
                before,
                "`museum {}` changed its mode",
                args.join(" ")
            );
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("out.pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for (i, args) in runs.iter().enumerate() {
        let file = tmp.path().join(format!("out-{i}"));
        run(&with_out(args, s(&file)));
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let args = with_out(args, s(&fifo));
        run(&args);
        // Checked before joining: a replaced pipe would leave the reader waiting forever.
        assert!(
            file_type(&fifo).is_ok_and(|t| t.is_fifo()),
            "`museum {}` replaced the pipe",
            args.join(" ")
        );
        let got = reader.join().unwrap();
        assert!(!got.is_empty());
        assert_eq!(got, std::fs::read(&file).unwrap(), "{args:?}");
    }
}
