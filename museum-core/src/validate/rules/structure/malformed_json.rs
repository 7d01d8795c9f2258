//! [`MalformedJson`] (`malformed-json`): its documentation.

rule! {
    /// ## What it checks
    /// A JSON file that is not valid JSON or not an array of records, a JSON Lines line that is
    /// not a complete JSON object, or a record whose nested shape does not match the model.
    ///
    /// ## Why it matters
    /// The records cannot be read at all.
    ///
    /// ## Example
    /// `victims.json: error[M110] expected an array of records, found a string`
    MalformedJson => MalformedJson
}
