//! [`MalformedCharge`] (`malformed-charge`): its documentation.

rule! {
    /// ## What it checks
    /// A `charge` that mentions numbers but is not a readable list of criminal-code articles.
    /// Accepted forms: `58-10`, `58-1а`, `58-1"а"`, `58 п. 10`, `58, п. 8`, `58.10`, `ст. 58-10`,
    /// `17-58-8` (complicity), `58-10, 58-11`, `58 п. 8, 9`, the compact `58-10-11` (points 10
    /// and 11), romanized `st. 58 p. 10, 11` and `st. 58-10 UK RSFSR`, with `УК РСФСР`,
    /// `УК КазССР` and a description in parentheses; and legal bases that are not articles
    /// (`пост. ЦИК и СНК СССР от 07.08.1932`, `Указ ПВС СССР от 04.06.1947`). The words are
    /// in `museum-core/data/vocab/charge-words.tsv`. Flagged: a dash with no point after it
    /// (`58-`), doubled separators (`58--10`), a slash (`58/10`, `58-10/11`: a point or a
    /// fraction?), letters where digits belong (`58-1O` with a Latin `O`), article numbers
    /// that do not exist (`58-15`: article 58 has points 1 to 14; `5810`), and text that is
    /// only punctuation (`###`). Statistics read charges with the same grammar
    /// (`museum_core::model::charge`): a flagged charge is not counted by article. Charges written as words (`антисоветская агитация`)
    /// and the usual abbreviations (`КРА`, `АСА`, `ПШ`, `ЧСИР`) are accepted.
    ///
    /// ## Why it matters
    /// Counts by article and searches for `58-10` miss malformed charges, and a damaged charge
    /// often means the row was damaged in other places too.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,charge
    /// v1,Майлин,58--10
    /// ```
    /// `victims.csv:2:charge: warning[M208] charge is not a list of articles: two separators in a
    /// row: `58--10``
    MalformedCharge => MalformedCharge, checks records
}
