//! [`CoordinatesOutsideRegion`] (`coordinates-outside-region`): its documentation.

rule! {
    /// ## What it checks
    /// Camp coordinates that are valid but lie outside the expected region: by default
    /// Kazakhstan with a margin (40–56° N, 46–88° E); set `[region]` in `museum.toml` for
    /// other archives. When swapping latitude and longitude would put the point inside, the
    /// hint says so.
    ///
    /// ## Why it matters
    /// Swapped coordinates, a missing minus sign or degrees-minutes typed as decimals move a
    /// camp by thousands of kilometres on the museum's map.
    ///
    /// ## Example
    /// ```csv
    /// id,name_official,name_en,camp_type,latitude,longitude,source_ids
    /// camp-1,Карлаг,Karlag,itl,72.68,49.67,src-1
    /// ```
    /// `camps.csv:2:latitude: warning[M214] the camp lies outside the expected region: `72.68, 49.67``,
    /// hint: `latitude and longitude look swapped`
    CoordinatesOutsideRegion => CoordinatesOutsideRegion
}
