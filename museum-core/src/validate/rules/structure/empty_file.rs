//! [`EmptyFile`] (`empty-file`): its documentation.

rule! {
    /// ## What it checks
    /// A file with no bytes, or only blank lines: there is no header.
    ///
    /// ## Why it matters
    /// An export that failed half-way often leaves an empty file behind.
    ///
    /// ## Example
    /// `victims.csv: error[M106] the file is empty`
    EmptyFile => EmptyFile
}
