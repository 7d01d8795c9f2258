//! [`InvalidEncoding`] (`invalid-encoding`): its documentation.

rule! {
    /// ## What it checks
    /// Text that cannot be read as one encoding: a file that mixes UTF-8 with a code page, a
    /// file in a code page that cannot be told from its letters (pass `--encoding`), UTF-32 or
    /// UTF-16 without a byte-order mark (reported once, and the file is not read), a binary
    /// file (a PDF or an image with a `.csv` name), or single values with invalid bytes in a
    /// UTF-8 file (reported per value, with a hint when the bytes look like Windows-1251).
    /// Files wholly in Windows-1251, CP866, KOI8-R, KZ-1048 or UTF-16 with a byte-order mark
    /// are decoded instead (M114).
    ///
    /// ## Why it matters
    /// Cyrillic names in the wrong encoding become unreadable mojibake that no search finds.
    ///
    /// ## Example
    /// Two lists joined with `cat`, one UTF-8 and one exported from an old Excel:
    /// `list.csv: error[M105] the file mixes encodings: 12 UTF-8 characters and 16 bytes of
    /// another encoding in its first bytes`
    InvalidEncoding => InvalidEncoding
}
