//! [`UnknownSentencingBody`] (`unknown-sentencing-body`): its documentation.

rule! {
    /// ## What it checks
    /// A `sentencing_body` that the vocabulary cannot map to a kind: `troika` (тройка,
    /// үштік), `special_board` (ОСО, Особое совещание), `dvoika` (Комиссия НКВД и Прокурора),
    /// `military_collegium` (ВКВС, Военная коллегия), `tribunal` (военный трибунал, ВТ),
    /// `ogpu_collegium` (Коллегия ОГПУ), `court` (суд, нарсуд, спецколлегия, сот) or `decree`
    /// (a deportation by resolution or decree: `Постановление СНК СССР № 1428-326сс`), in
    /// Russian, Kazakh, romanized Russian and English. The spellings are in
    /// `museum-core/data/vocab/sentencing-body.tsv`; a project adds its own (values or patterns)
    /// in `[vocab.sentencing_body]` of `museum.toml`, and `museum vocab --field
    /// sentencing_body` lists the values not understood with a snippet to paste there.
    ///
    /// ## Why it matters
    /// Counts by kind of body (how many were sentenced by troikas, how many by courts) leave
    /// out what is not understood; the value itself is kept as written.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentencing_body
    /// v1,Майлин,НКВД
    /// ```
    /// `victims.csv:2:sentencing_body: info[M218] sentencing body is not in the vocabulary:
    /// `НКВД``
    UnknownSentencingBody => UnknownSentencingBody, checks records
}
