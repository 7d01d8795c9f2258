//! End-to-end tests: run the real `museum` binary. One module per subcommand.

// Shared helpers: temp dirs, running the binary.
mod util;

// `museum validate`
mod validate;
// `museum schema`
mod schema;
// `museum name`
mod name;
// `museum dedup`
mod dedup;
// `museum search`
mod search;
