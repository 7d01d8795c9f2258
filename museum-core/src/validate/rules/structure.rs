//! Structure: what the readers find while reading a file (header, encoding, quoting, sizes).
//! The checks live in [`crate::io`]; this file documents them.

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

rule! {
    /// ## What it checks
    /// Two header cells that mean the same column (`surname` and `Фамилия`).
    ///
    /// ## Why it matters
    /// Only the first is read as the field; the second is carried through unchanged, and a
    /// value in it would be silently ignored by every check.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,Фамилия
    /// v1,Майлин,Майлин
    /// ```
    DuplicateColumn => DuplicateColumn
}

rule! {
    /// ## What it checks
    /// A header cell that is not a column of the model and none of its aliases (`Примечание
    /// архива`). Such columns are carried through unchanged: nothing is dropped.
    ///
    /// ## Why it matters
    /// It is often a typo of a known column (`birth_dat`), whose values are then not checked.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_dat
    /// v1,Майлин,1894
    /// ```
    /// `victims.csv:1:birth_dat: info[M103] column `birth_dat` is not part of the victims model`
    UnknownColumn => UnknownColumn
}

rule! {
    /// ## What it checks
    /// A row with more or fewer fields than the header.
    ///
    /// ## Why it matters
    /// Usually an unquoted delimiter inside a value (`Алма-Ата, ул. Абая`), which shifts every
    /// later value into the wrong column.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,residence
    /// v1,Майлин,Алма-Ата, ул. Абая
    /// ```
    /// `victims.csv:2: error[M104] the row has 4 fields, the header has 3`
    RaggedRow => RaggedRow
}

rule! {
    /// ## What it checks
    /// Text that cannot be read as one encoding: a file that mixes UTF-8 with a code page, a
    /// file in a code page that cannot be told from its letters (pass `--encoding`), UTF-32 or
    /// UTF-16 without a byte-order mark (reported once, and the file is not read), a binary
    /// file (a PDF or an image with a `.csv` name), or single values with invalid bytes in a
    /// UTF-8 file (reported per value, with a hint when the bytes look like Windows-1251).
    /// Files wholly in Windows-1251, CP866, KOI8-R, KZ-1048 or UTF-16 with a byte-order mark
    /// are decoded instead (M114).
    ///
    /// ## Why it matters
    /// Cyrillic names in the wrong encoding become unreadable mojibake that no search finds.
    ///
    /// ## Example
    /// Two lists joined with `cat`, one UTF-8 and one exported from an old Excel:
    /// `list.csv: error[M105] the file mixes encodings: 12 UTF-8 characters and 16 bytes of
    /// another encoding in its first bytes`
    InvalidEncoding => InvalidEncoding
}

rule! {
    /// ## What it checks
    /// A file with no bytes, or only blank lines: there is no header.
    ///
    /// ## Why it matters
    /// An export that failed half-way often leaves an empty file behind.
    ///
    /// ## Example
    /// `victims.csv: error[M106] the file is empty`
    EmptyFile => EmptyFile
}

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

rule! {
    /// ## What it checks
    /// Empty lines, and rows whose fields are all empty (`,,,`).
    ///
    /// ## Why it matters
    /// They are harmless to the reader but often mark a place where rows were deleted or
    /// pasted by hand, and they inflate row counts in spreadsheets.
    ///
    /// ## Example
    /// ```csv
    /// id,surname
    /// v1,Майлин
    ///
    /// v2,Шанин
    /// ```
    /// `victims.csv:3: warning[M108] 1 blank line`
    BlankRow => BlankRow
}

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

rule! {
    /// ## What it checks
    /// A quoted field whose closing quote is missing. CSV readers then read everything up to
    /// the end of the file into that one field, silently. The finding names the line where the
    /// quote opens and how many lines it swallowed.
    ///
    /// ## Why it matters
    /// All records after the broken one disappear from the data without any other sign.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,notes
    /// v1,Майлин,"писатель
    /// v2,Шанин,режиссёр
    /// ```
    /// `victims.csv:2:notes: error[M111] the quote opened on line 2 is never closed…`
    UnterminatedQuote => UnterminatedQuote
}

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

rule! {
    /// ## What it checks
    /// A file without an `id` column (or an alias such as `№`, `record_id`). Records are then
    /// identified by file and line (`list-2`, `list-3`…).
    ///
    /// ## Why it matters
    /// Line-based ids change whenever rows are inserted, so links from other files and human
    /// decisions about duplicates cannot point at them reliably.
    ///
    /// ## Example
    /// ```csv
    /// Фамилия,Имя,Отчество
    /// Майлин,Беимбет,Жармухамедович
    /// ```
    /// `list.csv:1:id: info[M113] no `id` column; records are identified by file and line`
    MissingIdColumn => MissingIdColumn
}

rule! {
    /// ## What it checks
    /// A text file that is not UTF-8 and was decoded: UTF-16 with a byte-order mark, or a
    /// Cyrillic code page (Windows-1251, CP866, KOI8-R, KZ-1048), detected from its letters or
    /// given with `--encoding`. An info finding, once per file, so that the report says how the
    /// file was read. A file whose encoding is not clear, or that mixes encodings, is refused
    /// instead (M105), never guessed.
    ///
    /// ## Why it matters
    /// A wrong code page turns every Kazakh letter into another (`Қ` read as `Ќ` when KZ-1048
    /// is taken for Windows-1251); saying which one was used lets a reader check it.
    ///
    /// ## Example
    /// `spisok.csv: info[M114] the file was read as KZ-1048 (detected)`
    DecodedEncoding => DecodedEncoding
}
