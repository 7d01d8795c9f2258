//! [`MalformedCsv`] (`malformed-csv`): its documentation.

rule! {
    /// ## What it checks
    /// Broken CSV quoting: a `"` inside an unquoted field (`Ахмет "Старший"`), or text right
    /// after a closing quote (`"Ахмет"ов`). The CSV reader keeps such quotes as literal
    /// characters; the finding names the line.
    ///
    /// ## Why it matters
    /// The value is probably not what the typist meant, and a stray quote at the start of a
    /// field would swallow the following lines.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,notes
    /// v1,Майлин,прозвище "Беимбет"
    /// ```
    /// `victims.csv:2: error[M109] stray quote: a `"` inside an unquoted field…`
    MalformedCsv => MalformedCsv
}
