//! Every subcommand's `--help` teaches: a description, examples taken from real use, exit codes.

use crate::util::{code, museum, stdout};

/// The subcommands `museum --help` lists (everything before `help`).
pub(crate) fn subcommands() -> Vec<String> {
    let o = museum(&["--help"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let list = out.split("Commands:").nth(1).expect("a Commands section");
    list.lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn every_subcommand_help_has_examples_and_exit_codes() {
    let commands = subcommands();
    assert!(commands.len() >= 10, "{commands:?}");
    for c in &commands {
        let o = museum(&[c, "--help"]);
        assert_eq!(code(&o), 0, "{c}");
        let help = stdout(&o);
        assert!(
            help.contains("Examples:\n  museum "),
            "`museum {c} --help` has no example:\n{help}"
        );
        assert!(
            help.contains("Exit codes:"),
            "`museum {c} --help` does not document exit codes"
        );
    }
}

#[test]
fn completions_name_every_subcommand() {
    let commands = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = museum(&["completions", shell]);
        assert_eq!(code(&o), 0, "{shell}");
        let script = stdout(&o);
        for c in &commands {
            assert!(
                script.contains(c.as_str()),
                "{shell} completion lacks `{c}`"
            );
        }
    }
    assert_eq!(code(&museum(&["completions", "tcsh"])), 2);
}
