//! [`MissingColumn`] (`missing-column`): its documentation.

rule! {
    /// ## What it checks
    /// A column the dataset kind requires is absent from the header (for example `name_kk`
    /// in `figures.csv`). Headers match case-insensitively, and the Russian, Kazakh and English
    /// aliases real lists use (`Фамилия`, `Тегі`, `last_name`) count.
    ///
    /// ## Why it matters
    /// Every record of the file lacks the value, so later checks and reports cannot use it.
    ///
    /// ## Example
    /// ```csv
    /// id,name_ru,name_en,source_ids
    /// fig-1,Байтурсынов,Baitursynov,src-1
    /// ```
    /// `figures.csv:1:name_kk: error[M101] required column `name_kk` is missing`
    MissingColumn => MissingColumn
}
