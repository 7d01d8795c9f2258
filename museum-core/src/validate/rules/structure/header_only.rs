//! [`HeaderOnly`] (`header-only`): its documentation.

rule! {
    /// ## What it checks
    /// A file with a header and no records (or a JSON file with an empty array).
    ///
    /// ## Why it matters
    /// Usually a filter or an export that selected nothing.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,given_name
    /// ```
    /// `victims.csv: warning[M107] the file has a header but no records`
    HeaderOnly => HeaderOnly
}
