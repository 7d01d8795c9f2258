//! `museum man`: a manual page for `museum` and one per subcommand, with the examples and exit
//! codes of `--help`.

use std::process::Command;

use crate::help::subcommands;
use crate::util::{code, museum, stderr, stdout};

/// The roff line that opens a section: `.SH NAME`, `.SH "EXIT STATUS"`.
fn heading(section: &str) -> String {
    if section.contains(' ') {
        format!(".SH \"{section}\"\n")
    } else {
        format!(".SH {section}\n")
    }
}

/// The first example line (`museum …`) of a subcommand's `--help`, without its `# comment`.
fn first_example(command: &str) -> String {
    let help = stdout(&museum(&[command, "--help"]));
    let line = help
        .split("Examples:\n")
        .nth(1)
        .and_then(|s| s.lines().next())
        .unwrap_or_else(|| panic!("`museum {command} --help` has no example"));
    line.split(" # ").next().unwrap().trim().to_owned()
}

#[test]
fn a_page_per_subcommand_with_synopsis_examples_and_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let o = museum(&["man", "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let commands = subcommands();
    assert!(stderr(&o).contains(&format!("wrote {} manual pages", commands.len() + 1)));

    let main = std::fs::read_to_string(out.join("museum.1")).unwrap();
    assert!(main.contains(".TH museum 1 "), "{main}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "EXAMPLES",
        "EXIT STATUS",
        "FILES",
    ] {
        assert!(main.contains(&heading(section)), "museum.1 lacks {section}");
    }
    assert!(main.contains("museum report datasets/"));
    // The roff preamble once, not once per section.
    assert_eq!(main.matches(".ds Aq \\(aq").count(), 1);

    for c in &commands {
        let path = out.join(format!("museum-{c}.1"));
        let page =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("no page for `{c}` ({e})"));
        assert!(page.contains(&format!(".TH museum-{c} 1 ")), "{c}");
        for section in ["NAME", "SYNOPSIS", "EXAMPLES", "EXIT STATUS", "SEE ALSO"] {
            assert!(
                page.contains(&heading(section)),
                "museum-{c}.1 lacks {section}"
            );
        }
        assert!(
            main.contains(&format!("museum\\-{c}(1)")),
            "museum.1 does not refer to museum-{c}(1)"
        );
        // roff escapes `-` as `\-`.
        let example = first_example(c).replace('-', "\\-");
        assert!(
            page.contains(&example),
            "museum-{c}.1 lacks `{example}`:\n{page}"
        );
    }
    assert!(!out.join("museum-help.1").exists());
}

#[test]
fn without_out_dir_the_main_page_goes_to_stdout() {
    let o = museum(&["man"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH museum 1 "));
    assert!(page.contains(".SH SYNOPSIS"));
    assert!(stderr(&o).is_empty());
}

/// When `man` is installed (Debian `man-db`, with `groff-base`), the pages render: the
/// sections a reader looks for and the examples as written.
#[test]
#[allow(clippy::print_stderr)] // say that the rendering was not checked
fn pages_render_with_man_when_present() {
    if Command::new("man").arg("--version").output().is_err() {
        eprintln!("skipped: `man` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let o = museum(&["man", "--out-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = Command::new("man")
        .arg("-l")
        .arg(dir.path().join("museum-report.1"))
        .env("MANWIDTH", "120")
        .env("MAN_KEEP_FORMATTING", "0")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("run man");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Strip overstriking (bold as `c\bc`), if any.
    let raw = String::from_utf8_lossy(&o.stdout);
    let mut text = String::new();
    for ch in raw.chars() {
        if ch == '\u{8}' {
            text.pop();
        } else {
            text.push(ch);
        }
    }
    for heading in ["NAME", "SYNOPSIS", "OPTIONS", "EXAMPLES", "EXIT STATUS"] {
        assert!(
            text.lines().any(|l| l == heading),
            "rendered page lacks {heading}:\n{text}"
        );
    }
    assert!(
        text.contains("museum-report - Write the data-quality report"),
        "{text}"
    );
    assert!(
        text.contains("museum report datasets/ -o out/archive.html"),
        "{text}"
    );
}
