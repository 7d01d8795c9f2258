//! [`FieldTooLarge`] (`field-too-large`): its documentation.

rule! {
    /// ## What it checks
    /// A field larger than `max_field_size` (default 1 MiB; set it in `museum.toml`), or a
    /// record so large that the reader stops (a file without line breaks, or a quote that is
    /// never closed). An oversized field is reported with its line and column and read as
    /// empty.
    ///
    /// ## Why it matters
    /// No archival value is a megabyte long: it is a quoting error or binary data, and it would
    /// otherwise cost memory and hide the records around it.
    ///
    /// ## Example
    /// `victims.csv:7:notes: error[M112] the field is 5.0 MiB, larger than the maximum of
    /// 1.0 MiB; it was not read`
    FieldTooLarge => FieldTooLarge
}
