//! End-to-end tests: run the real `museum` binary. One module per subcommand.

// Shared helpers: temp dirs, running the binary.
mod util;

// `museum validate`
mod validate;
// `museum schema`
mod schema;
// `museum export`, checked with jsonschema, frictionless and pyarrow
mod export;
// `museum synth`
mod synth;
// `museum name`
mod name;
// `museum dedup`
mod dedup;
// `museum search`
mod search;
