//! End-to-end tests: run the real `museum` binary. One module per subcommand.

// Shared helpers: temp dirs, running the binary.
mod util;

// Every subcommand's `--help`: examples and exit codes
mod help;
// `museum validate`: output, options, configuration, bad input
mod validate;
// `museum validate` writes findings as it finds them: the same bytes as the whole report.
mod streaming;
// `museum rules`, and every rule against its fixtures
mod rules;
// `museum schema`
mod schema;
// `museum export`, checked with jsonschema, frictionless and pyarrow
mod export;
// `museum export` masks persons who may still be alive
mod redact;
// The schemas and the export in JavaScript and TypeScript: Ajv strict mode, tsc
mod frontend;
// `museum synth`
mod synth;
// `museum name`
mod name;
// `museum dedup`
mod dedup;
// `museum search`
mod search;
// The input options every list-reading command shares; spreadsheets and legacy encodings
mod input;
// Byte-identical outputs whatever the number of threads
mod determinism;
// No data loss: interrupted runs (SIGINT/SIGTERM) leave nothing partial; inputs never change
mod safety;
// `museum persons`: stable person ids in a growing archive
mod persons;
// `museum decide`: human same/different decisions
mod decide;
// `museum review` and `museum decide --import`: the review loop
mod review;
// `museum vocab` and the `[vocab.*]` sections of `museum.toml`
mod vocab;
// `museum man`: manual pages
mod man;
// `museum stats` (feature `stats`, on by default)
#[cfg(feature = "stats")]
mod stats;
// `museum report` (feature `stats`)
#[cfg(feature = "stats")]
mod report;
// The report in headless Chromium (tests/browser/)
#[cfg(feature = "stats")]
#[path = "../browser/mod.rs"]
mod browser;
