//! [`InvalidNumber`] (`invalid-number`): its documentation.

rule! {
    /// ## What it checks
    /// A number field (`latitude`, `longitude`, an estimate's `value`, `low`, `high`, a victim's
    /// `case`) whose text is not a number. Spaces as thousands separators and a decimal comma
    /// are accepted.
    ///
    /// ## Why it matters
    /// The number is lost from maps and sums.
    ///
    /// ## Example
    /// ```csv
    /// id,name_official,name_en,camp_type,latitude,longitude,source_ids
    /// camp-1,Карлаг,Karlag,itl,49°40′,72.68,src-1
    /// ```
    /// `camps.csv:2:latitude: error[M205] `latitude` is not a number: `49°40′``
    InvalidNumber => InvalidNumber
}
