//! The report in a real browser: headless Chromium opens the HTML page offline, and we check
//! that it logs nothing to the console (no script error, no blocked fetch, no policy
//! violation), that the charts are in the rendered DOM, and that hostile values stay text. A
//! screenshot of each page is saved under `target/browser/` for a human to look at.
//!
//! Chromium comes from the Debian package `chromium`. When it is missing the tests install it
//! with `apt-get`; if that is impossible they are skipped with a loud message, except in CI
//! (`CI` set), where they fail.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use crate::util::{code, fixture, museum_in, root, stderr};

/// Finds Chromium, installing it when missing. `None` (after a loud message) only outside CI.
#[allow(clippy::print_stderr)] // the skip must be loud
fn chromium() -> Option<PathBuf> {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let find = || {
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .find_map(|name| {
            let o = Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {name}"))
                .output()
                .ok()?;
            let p = String::from_utf8_lossy(&o.stdout).trim().to_owned();
            (o.status.success() && !p.is_empty()).then(|| PathBuf::from(p))
        })
    };
    if let Some(p) = find() {
        return Some(p);
    }
    let install = "export DEBIAN_FRONTEND=noninteractive; \
                   (apt-get install -y -qq chromium || (apt-get update -qq && apt-get install -y -qq chromium)) >/dev/null 2>&1";
    let sudo = if Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"))
    {
        ""
    } else {
        "sudo -n "
    };
    let _ = Command::new("sh")
        .arg("-c")
        .arg(install.replace("apt-get", &format!("{sudo}apt-get")))
        .status();
    if let Some(p) = find() {
        return Some(p);
    }
    let msg = "Chromium is not installed and `apt-get install -y chromium` failed";
    assert!(
        std::env::var_os("CI").is_none(),
        "{msg}: the browser tests must run in CI"
    );
    eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    eprintln!("!!! SKIPPED browser test: {msg}.");
    eprintln!("!!! Install it (`apt-get install chromium`) to check the report in a browser.");
    eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
    None
}

/// What Chromium made of a page.
struct Rendered {
    /// The DOM after loading, serialized.
    dom: String,
    /// Console messages (errors, policy violations, blocked loads).
    console: Vec<String>,
}

fn base_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// Loads `page` headless: the DOM and the console, then a screenshot to `png`.
fn render(browser: &Path, page: &Path, png: &Path) -> Rendered {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.display());
    let o = Command::new(browser)
        .args(base_args(profile.path()))
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom", &url])
        .output()
        .expect("run chromium");
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    let console = String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    std::fs::create_dir_all(png.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(png);
    let o = Command::new(browser)
        .args(base_args(profile.path()))
        .args([
            "--hide-scrollbars",
            "--window-size=1200,5000",
            &format!("--screenshot={}", png.display()),
            &url,
        ])
        .output()
        .expect("run chromium");
    assert!(o.status.success(), "chromium screenshot failed");
    let size = std::fs::metadata(png)
        .expect("a screenshot was written")
        .len();
    assert!(size > 10_000, "the screenshot is suspiciously small");
    Rendered { dom, console }
}

fn shots() -> PathBuf {
    root().join("target/browser")
}

fn write_report(dir: &Path, input: &Path, out: &str) -> PathBuf {
    let o = museum_in(
        dir,
        &["report", input.to_str().unwrap(), "-o", out, "--no-dedup"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    dir.join(out)
}

/// The console check is not vacuous: a page with a script error and a blocked fetch is caught.
#[test]
fn console_errors_are_detected() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><script>undefinedFunction()</script></body></html>",
    )
    .unwrap();
    let r = render(&browser, &page, &shots().join("bad.png"));
    assert!(
        r.console.iter().any(|l| l.contains("undefinedFunction")),
        "{:?}",
        r.console
    );
}

#[test]
fn fixture_report_renders_with_charts_and_no_console_message() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let page = write_report(tmp.path(), &fixture("stats"), "report.html");
    let r = render(&browser, &page, &shots().join("report-fixture.png"));
    assert!(r.console.is_empty(), "console messages: {:#?}", r.console);
    assert!(r.dom.contains("<h1>Archive data-quality report</h1>"));
    let svgs = r.dom.matches("<svg").count();
    assert!(svgs >= 12, "{svgs} charts in the DOM");
    for chart in [
        "Arrests and executions per month, 1928–1953",
        "Arrests, sentences and executions per year",
        "Age at arrest by sex",
        "Completeness per field",
        "Years from sentence to rehabilitation",
    ] {
        assert!(
            r.dom.contains(&format!("aria-label=\"{chart}\"")),
            "{chart}"
        );
    }
    assert!(!r.dom.contains("<script"));
}

#[test]
fn synthetic_report_renders_and_peaks_in_1937_38() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let list = crate::report::synthetic(tmp.path(), 20_000);
    let page = write_report(tmp.path(), &list, "report.html");
    let r = render(&browser, &page, &shots().join("report-synthetic.png"));
    assert!(r.console.is_empty(), "console messages: {:#?}", r.console);
    assert!(r.dom.matches("<svg").count() >= 12);
    // The tallest bar of the monthly arrests chart falls in the mass operations.
    let mut peak = (0u64, String::new());
    for part in r.dom.split("<title>").skip(1) {
        let title = part.split("</title>").next().unwrap_or_default();
        if let Some((ym, rest)) = title.split_once(": ")
            && let Some(n) = rest.strip_suffix(" arrests")
            && ym.len() == 7
        {
            let n: u64 = n.replace(',', "").parse().unwrap();
            if n > peak.0 {
                peak = (n, ym.to_owned());
            }
        }
    }
    assert!(
        ("1937-08".to_owned()..="1938-11".to_owned()).contains(&peak.1),
        "the monthly peak is at {peak:?}"
    );
    assert!(
        r.dom.contains("20,000"),
        "numbers have thousands separators"
    );
}

#[test]
fn hostile_values_stay_text_in_the_browser() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = crate::report::hostile_archive(tmp.path());
    let page = write_report(tmp.path(), &dir, "hostile.html");
    let r = render(&browser, &page, &shots().join("report-hostile.png"));
    assert!(r.console.is_empty(), "console messages: {:#?}", r.console);
    let dom = r.dom.to_lowercase();
    assert!(
        !dom.contains("<script"),
        "a script element exists in the DOM"
    );
    assert!(!dom.contains("<img"), "an image element exists in the DOM");
    assert!(
        !dom.contains("<svg onload"),
        "an injected SVG element exists in the DOM"
    );
    // The values are there, as text.
    assert!(r.dom.contains("&lt;script&gt;alert(4)&lt;/script&gt;"));
    assert!(r.dom.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(r.dom.contains("Дунган[U+202E]ин") && !r.dom.contains('\u{202E}'));
}
