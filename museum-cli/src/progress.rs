//! A small progress line on stderr for long runs (reading a million-row list, computing
//! statistics).
//!
//! Hidden when stderr is not a terminal (pipes, CI logs, tests), with `--quiet`, or with
//! `--no-progress`; it then costs one branch per update. The line is redrawn at most ten times
//! a second and erased when the run ends, so it never mixes with results (which go to stdout)
//! or stays behind in the terminal.
//!
//! Hand-written rather than `indicatif`: one line with a stage name, a bar when the total is
//! known, and the elapsed time is all we show, and it keeps the dependency tree small.
//!
//! For tests, `MUSEUM_PROGRESS=always` draws it even when stderr is not a terminal (the flags
//! still hide it). For benchmarks, `MUSEUM_TIMINGS=1` prints how long each stage took when the
//! run ends (`bench/report.sh` uses it).

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::args::GlobalArgs;

/// The progress line.
pub(crate) struct ProgressLine {
    enabled: bool,
    start: Instant,
    state: Mutex<State>,
    /// Stage names and start times, when `MUSEUM_TIMINGS` is set.
    timings: Option<Mutex<Vec<(String, Instant)>>>,
}

struct State {
    stage: String,
    total: Option<u64>,
    done: u64,
    bytes: bool,
    last_draw: Option<Instant>,
    drawn: bool,
}

const REDRAW: Duration = Duration::from_millis(100);

impl ProgressLine {
    /// Decides from the flags and the terminal whether to draw.
    pub(crate) fn new(global: &GlobalArgs) -> Self {
        let forced = std::env::var("MUSEUM_PROGRESS").is_ok_and(|v| v == "always");
        let enabled =
            !global.quiet && !global.no_progress && (forced || std::io::stderr().is_terminal());
        ProgressLine {
            enabled,
            timings: std::env::var_os("MUSEUM_TIMINGS").map(|_| Mutex::new(Vec::new())),
            start: Instant::now(),
            state: Mutex::new(State {
                stage: String::new(),
                total: None,
                done: 0,
                bytes: false,
                last_draw: None,
                drawn: false,
            }),
        }
    }

    /// Erases the line (call before printing the final message).
    pub(crate) fn finish(&self) {
        if let Some(t) = &self.timings {
            let mut t = t.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if !t.is_empty() {
                let end = Instant::now();
                let mut parts = Vec::new();
                for (i, (name, at)) in t.iter().enumerate() {
                    let next = t.get(i + 1).map_or(end, |n| n.1);
                    parts.push(format!(
                        "{name} {:.2}s",
                        next.duration_since(*at).as_secs_f64()
                    ));
                }
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "timings: {} (total {:.2}s)",
                    parts.join(", "),
                    end.duration_since(self.start).as_secs_f64(),
                );
                t.clear();
            }
        }
        if !self.enabled {
            return;
        }
        let mut s = self.lock();
        if s.drawn {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            s.drawn = false;
        }
    }

    /// A stage counted in records, or with no count.
    pub(crate) fn set_stage(&self, name: &str, total: Option<u64>, bytes: bool) {
        if let Some(t) = &self.timings {
            t.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((name.to_owned(), Instant::now()));
        }
        if !self.enabled {
            return;
        }
        let mut s = self.lock();
        s.stage = name.to_owned();
        s.total = total;
        s.done = 0;
        s.bytes = bytes;
        self.draw(&mut s, true);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn draw(&self, s: &mut State, force: bool) {
        let now = Instant::now();
        if !force && s.last_draw.is_some_and(|t| now.duration_since(t) < REDRAW) {
            return;
        }
        s.last_draw = Some(now);
        s.drawn = true;
        let amount = |n: u64| {
            if s.bytes {
                let mb = n as f64 / 1_048_576.0;
                format!("{mb:.1} MB")
            } else {
                museum_core::display::int(n)
            }
        };
        let elapsed = self.start.elapsed().as_secs_f64();
        let line = match s.total {
            Some(t) if t > 0 => {
                let frac = (s.done.min(t) as f64) / (t as f64);
                let filled = (frac * 24.0).round() as usize;
                format!(
                    "{:<22} [{}{}] {:>3.0}%  {} / {}  {elapsed:.1}s",
                    s.stage,
                    "#".repeat(filled),
                    "-".repeat(24 - filled),
                    frac * 100.0,
                    amount(s.done),
                    amount(t)
                )
            }
            _ if s.done > 0 => format!("{:<22} {}  {elapsed:.1}s", s.stage, amount(s.done)),
            _ => format!("{:<22} {elapsed:.1}s", s.stage),
        };
        let _ = write!(std::io::stderr().lock(), "\r\x1b[2K{line}");
    }
}

/// The core's jobs report their stages and amounts through this.
impl museum_core::progress::Progress for ProgressLine {
    fn stage(&self, name: &str, total: Option<u64>) {
        self.set_stage(name, total, false);
    }

    fn stage_bytes(&self, name: &str, total: u64) {
        self.set_stage(name, Some(total), true);
    }

    fn set_position(&self, done: u64) {
        if !self.enabled {
            return;
        }
        let mut s = self.lock();
        s.done = done;
        self.draw(&mut s, false);
    }

    fn advance(&self, n: u64) {
        if !self.enabled {
            return;
        }
        let mut s = self.lock();
        s.done += n;
        self.draw(&mut s, false);
    }
}

impl Drop for ProgressLine {
    fn drop(&mut self) {
        self.finish();
    }
}
