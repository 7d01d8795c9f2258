//! [`InvalidValue`] (`invalid-value`): its documentation.

rule! {
    /// ## What it checks
    /// A value outside a closed vocabulary: a source `kind` other than publication, archive,
    /// web, museum, database or synthetic; a boolean other than true/false, yes/no, 1/0,
    /// да/нет, иә/жоқ.
    ///
    /// ## Why it matters
    /// The value is replaced by a default when read, which changes its meaning.
    ///
    /// ## Example
    /// ```csv
    /// id,kind,title
    /// src-1,книга,Книга памяти
    /// ```
    /// `sources.csv:2:kind: error[M206] `kind` is not a known source kind: `книга``
    InvalidValue => InvalidValue
}
