//! Structure: what the readers find while reading a file (header, encoding, quoting, sizes).
//! The checks live in [`crate::io`]; this file documents them.

pub(crate) mod blank_row;
pub(crate) mod decoded_encoding;
pub(crate) mod duplicate_column;
pub(crate) mod empty_file;
pub(crate) mod field_too_large;
pub(crate) mod header_only;
pub(crate) mod invalid_encoding;
pub(crate) mod malformed_csv;
pub(crate) mod malformed_json;
pub(crate) mod missing_column;
pub(crate) mod missing_id_column;
pub(crate) mod ragged_row;
pub(crate) mod unknown_column;
pub(crate) mod unterminated_quote;

pub use blank_row::BlankRow;
pub use decoded_encoding::DecodedEncoding;
pub use duplicate_column::DuplicateColumn;
pub use empty_file::EmptyFile;
pub use field_too_large::FieldTooLarge;
pub use header_only::HeaderOnly;
pub use invalid_encoding::InvalidEncoding;
pub use malformed_csv::MalformedCsv;
pub use malformed_json::MalformedJson;
pub use missing_column::MissingColumn;
pub use missing_id_column::MissingIdColumn;
pub use ragged_row::RaggedRow;
pub use unknown_column::UnknownColumn;
pub use unterminated_quote::UnterminatedQuote;
