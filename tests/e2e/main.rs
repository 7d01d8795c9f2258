//! End-to-end tests: run the real `museum` binary. One module per subcommand.

// Shared helpers: temp dirs, running the binary.
mod util;

// `museum validate`
mod validate;
// `museum schema`
mod schema;
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
