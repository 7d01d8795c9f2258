//! [`DecodedEncoding`] (`decoded-encoding`): its documentation.

rule! {
    /// ## What it checks
    /// A text file that is not UTF-8 and was decoded: UTF-16 with a byte-order mark, or a
    /// Cyrillic code page (Windows-1251, CP866, KOI8-R, KZ-1048), detected from its letters or
    /// given with `--encoding`. An info finding, once per file, so that the report says how the
    /// file was read. A file whose encoding is not clear, or that mixes encodings, is refused
    /// instead (M105), never guessed.
    ///
    /// ## Why it matters
    /// A wrong code page turns every Kazakh letter into another (`Қ` read as `Ќ` when KZ-1048
    /// is taken for Windows-1251); saying which one was used lets a reader check it.
    ///
    /// ## Example
    /// `spisok.csv: info[M114] the file was read as KZ-1048 (detected)`
    DecodedEncoding => DecodedEncoding
}
