//! Decoding a text file to UTF-8 once, before the one block reader sees it.
//!
//! Lists come in UTF-8, UTF-16 with a byte-order mark, and the Cyrillic code pages of the
//! offices that typed them: Windows-1251, DOS CP866, KOI8-R and the Kazakh KZ-1048
//! (Windows-1251 with 16 Kazakh letters, see `data/kz1048.tsv`). [`open_text`] returns a reader
//! of UTF-8 bytes and what it did, so the readers stay UTF-8 only.
//!
//! # Detection
//! Without `--encoding`:
//! 1. A UTF-8 or UTF-16 byte-order mark decides.
//! 2. A file whose first 64 KiB are UTF-8 is UTF-8 (a stray invalid byte is then reported per
//!    value). Other kinds of files (binary, spreadsheets saved as `.csv`, UTF-32) are left to
//!    the readers, which say what they are.
//! 3. When both valid UTF-8 sequences and invalid bytes are frequent (neither is under a tenth
//!    of the other), the file mixes encodings: it is refused.
//! 4. Otherwise the bytes above 0x7F are decoded with each code page and scored as Russian and
//!    Kazakh text: each letter scores its frequency (`data/cyrillic-letters.tsv`), each
//!    character that is neither such a letter nor common punctuation (`№`, `«`, `—`…) costs
//!    20, and each capital that follows a small letter inside a word costs 30. Decodings that
//!    give the same text are the same candidate (a 1251 file without Kazakh letters is also
//!    KZ-1048; it is called Windows-1251). The best candidate wins when it beats the next one by
//!    at least 8 points per character on which they differ; else the file is refused with an
//!    error asking for `--encoding`. Never a silent guess.

use std::io::Read;
use std::sync::OnceLock;

use crate::diagnostic::{Code, Diagnostic, Location};

/// How much of a file detection looks at.
const SAMPLE: usize = 64 << 10;

/// A text encoding the readers decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    /// UTF-8 (the default; a byte-order mark is skipped).
    Utf8,
    /// UTF-16, little- or big-endian as its byte-order mark says.
    Utf16,
    /// Windows-1251 (Cyrillic Windows).
    Windows1251,
    /// CP866 (Cyrillic DOS).
    Cp866,
    /// KOI8-R.
    Koi8R,
    /// KZ-1048 (STRK1048-2002, Kazakh Windows).
    Kz1048,
}

impl TextEncoding {
    /// Every encoding.
    pub const ALL: [TextEncoding; 6] = [
        TextEncoding::Utf8,
        TextEncoding::Utf16,
        TextEncoding::Windows1251,
        TextEncoding::Cp866,
        TextEncoding::Koi8R,
        TextEncoding::Kz1048,
    ];

    /// The legacy code pages, in the order ties are named.
    const LEGACY: [TextEncoding; 4] = [
        TextEncoding::Windows1251,
        TextEncoding::Kz1048,
        TextEncoding::Cp866,
        TextEncoding::Koi8R,
    ];

    /// The usual name (`Windows-1251`).
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16 => "UTF-16",
            TextEncoding::Windows1251 => "Windows-1251",
            TextEncoding::Cp866 => "CP866",
            TextEncoding::Koi8R => "KOI8-R",
            TextEncoding::Kz1048 => "KZ-1048",
        }
    }

    /// Parses a name, case- and punctuation-insensitively: `utf-8`, `utf-16`, `windows-1251`
    /// (`cp1251`, `1251`), `cp866` (`ibm866`, `dos`), `koi8-r`, `kz-1048` (`strk1048`, `rk1048`).
    pub fn parse(s: &str) -> Option<TextEncoding> {
        let key: String = s
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        Some(match key.as_str() {
            "utf8" => TextEncoding::Utf8,
            "utf16" | "utf16le" | "utf16be" => TextEncoding::Utf16,
            "windows1251" | "cp1251" | "win1251" | "1251" => TextEncoding::Windows1251,
            "cp866" | "ibm866" | "866" | "dos" | "alt" => TextEncoding::Cp866,
            "koi8r" | "koi8" => TextEncoding::Koi8R,
            "kz1048" | "strk1048" | "strk10482002" | "rk1048" | "1048" => TextEncoding::Kz1048,
            _ => return None,
        })
    }

    /// The characters of bytes 0x80–0xFF of a single-byte code page.
    fn high_table(self) -> Option<&'static [char; 128]> {
        static TABLES: OnceLock<[[char; 128]; 4]> = OnceLock::new();
        let tables = TABLES.get_or_init(|| {
            let of = |enc: &'static encoding_rs::Encoding| {
                let bytes: Vec<u8> = (0x80..=0xFF).collect();
                let (text, _) = enc.decode_without_bom_handling(&bytes);
                let mut t = ['\u{FFFD}'; 128];
                for (slot, c) in t.iter_mut().zip(text.chars()) {
                    *slot = c;
                }
                t
            };
            let w1251 = of(encoding_rs::WINDOWS_1251);
            let mut kz = w1251;
            for (byte, c) in kz1048_overrides() {
                kz[usize::from(byte - 0x80)] = c;
            }
            [w1251, kz, of(encoding_rs::IBM866), of(encoding_rs::KOI8_R)]
        });
        match self {
            TextEncoding::Windows1251 => Some(&tables[0]),
            TextEncoding::Kz1048 => Some(&tables[1]),
            TextEncoding::Cp866 => Some(&tables[2]),
            TextEncoding::Koi8R => Some(&tables[3]),
            TextEncoding::Utf8 | TextEncoding::Utf16 => None,
        }
    }
}

impl std::fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for TextEncoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        TextEncoding::parse(s).ok_or_else(|| {
            format!("`{s}` is not a known encoding (utf-8, utf-16, windows-1251, cp866, koi8-r, kz-1048)")
        })
    }
}

/// The bytes KZ-1048 maps differently from Windows-1251 (`data/kz1048.tsv`).
fn kz1048_overrides() -> Vec<(u8, char)> {
    include_str!("../../data/kz1048.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let byte = u8::from_str_radix(cols.next()?.trim_start_matches("0x"), 16).ok()?;
            let cp = u32::from_str_radix(cols.next()?.trim_start_matches("U+"), 16).ok()?;
            Some((byte, char::from_u32(cp)?))
        })
        .collect()
}

/// Letter weights (`data/cyrillic-letters.tsv`), by lower-case letter.
fn letter_weight(c: char) -> Option<i64> {
    static WEIGHTS: OnceLock<Vec<(char, i64)>> = OnceLock::new();
    let weights = WEIGHTS.get_or_init(|| {
        include_str!("../../data/cyrillic-letters.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let c = cols.next()?.chars().next()?;
                Some((c, cols.next()?.trim().parse().ok()?))
            })
            .collect()
    });
    let lower = c.to_lowercase().next()?;
    weights.iter().find(|(l, _)| *l == lower).map(|(_, w)| *w)
}

/// Punctuation of Cyrillic code pages that real lists use.
fn common_punctuation(c: char) -> bool {
    matches!(
        c,
        '№' | '«'
            | '»'
            | '—'
            | '–'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '…'
            | '\u{A0}'
            | '·'
            | '°'
            | '§'
    )
}

/// What [`open_text`] did to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoding {
    /// Passed through unchanged (UTF-8, or not text: the readers say what it is).
    Plain,
    /// Decoded from `encoding`; `forced` when `--encoding` said so.
    Decoded {
        /// The encoding.
        encoding: TextEncoding,
        /// Whether it was given rather than detected.
        forced: bool,
    },
}

impl Decoding {
    /// The info finding that says which encoding was read (none for plain UTF-8).
    pub(crate) fn finding(&self, file: &str) -> Option<Diagnostic> {
        match self {
            Decoding::Plain => None,
            Decoding::Decoded { encoding, forced } => Some(
                Diagnostic::new(
                    Code::DecodedEncoding,
                    format!(
                        "the file was read as {encoding} ({})",
                        if *forced {
                            "as `--encoding` said"
                        } else {
                            "detected"
                        }
                    ),
                    Location::file(file.to_owned()),
                )
                .with_value(encoding.label())
                .with_help(
                    "values are read correctly; re-save the file as UTF-8 to share it, or pass `--encoding` if the detection is wrong",
                ),
            ),
        }
    }
}

/// A text file as UTF-8 bytes.
pub(crate) struct TextInput {
    /// The UTF-8 bytes (or the raw bytes, when [`Decoding::Plain`]).
    pub(crate) reader: Box<dyn Read + Send>,
    /// What was done.
    pub(crate) decoding: Decoding,
}

/// Opens `reader` (a file named `file` in findings) as UTF-8: see the [module
/// documentation](self). `Err` is the finding that refuses the file (the encoding is not
/// clear, or mixed).
///
/// # Errors
/// The outer error is an I/O error while reading the first bytes.
pub(crate) fn open_text<R: Read + Send + 'static>(
    mut reader: R,
    file: &str,
    forced: Option<TextEncoding>,
) -> std::io::Result<Result<TextInput, Diagnostic>> {
    let mut head = Vec::with_capacity(SAMPLE);
    (&mut reader).take(SAMPLE as u64).read_to_end(&mut head)?;
    let head_cursor = std::io::Cursor::new(head);
    let plain = |head: std::io::Cursor<Vec<u8>>, reader: R| TextInput {
        reader: Box::new(head.chain(reader)),
        decoding: Decoding::Plain,
    };
    let bytes = head_cursor.get_ref().as_slice();
    let bom16 = bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFF, 0xFE, 0, 0])
        || bytes.starts_with(&[0xFE, 0xFF]);
    let choice = match forced {
        Some(TextEncoding::Utf8) => None,
        Some(enc) => Some((enc, true)),
        None if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) => None,
        None if bom16 => Some((TextEncoding::Utf16, false)),
        None => match detect(bytes) {
            Detected::Utf8OrOther => None,
            Detected::Legacy(enc) => Some((enc, false)),
            Detected::Refused(message, help) => {
                return Ok(Err(Diagnostic::new(
                    Code::InvalidEncoding,
                    message,
                    Location::file(file.to_owned()),
                )
                .with_help(help)));
            }
        },
    };
    let Some((encoding, forced)) = choice else {
        return Ok(Ok(plain(head_cursor, reader)));
    };
    if encoding == TextEncoding::Utf16 && !bom16 {
        return Ok(Err(Diagnostic::new(
            Code::InvalidEncoding,
            "`--encoding utf-16` needs a byte-order mark, and the file has none",
            Location::file(file.to_owned()),
        )
        .with_help(
            "re-save the file as UTF-8 (`iconv -f UTF-16LE -t UTF-8 in.csv > out.csv`)",
        )));
    }
    let inner: Box<dyn Read + Send> = Box::new(head_cursor.chain(reader));
    Ok(Ok(TextInput {
        reader: Box::new(DecodeReader::new(inner, encoding)),
        decoding: Decoding::Decoded { encoding, forced },
    }))
}

enum Detected {
    Utf8OrOther,
    Legacy(TextEncoding),
    Refused(String, String),
}

/// Detection for files without a byte-order mark: see the [module documentation](self).
fn detect(head: &[u8]) -> Detected {
    if head.contains(&0) || head.starts_with(b"PK\x03\x04") {
        return Detected::Utf8OrOther;
    }
    let (valid, invalid) = super::encoding::utf8_sequences(head);
    if invalid == 0 || invalid * 10 <= valid {
        return Detected::Utf8OrOther;
    }
    if valid * 10 > invalid {
        return Detected::Refused(
            format!(
                "the file mixes encodings: {valid} UTF-8 characters and {invalid} bytes of another encoding in its first {}",
                if head.len() >= SAMPLE { "64 KiB" } else { "bytes" }
            ),
            "convert the parts to one encoding (UTF-8) before reading, e.g. with `iconv` on each part before joining them".into(),
        );
    }
    let high: Vec<u8> = head.iter().copied().filter(|&b| b >= 0x80).collect();
    // Candidates with their decoded high characters; identical decodings are one candidate.
    let mut candidates: Vec<(TextEncoding, Vec<char>, i64)> = Vec::new();
    for enc in TextEncoding::LEGACY {
        let Some(table) = enc.high_table() else {
            continue;
        };
        let text: Vec<char> = high.iter().map(|&b| table[usize::from(b - 0x80)]).collect();
        if candidates.iter().any(|(_, t, _)| *t == text) {
            continue;
        }
        let s = score(head, table);
        candidates.push((enc, text, s));
    }
    candidates.sort_by_key(|c| std::cmp::Reverse(c.2));
    let scores = candidates
        .iter()
        .map(|(e, _, s)| format!("{e} {s}"))
        .collect::<Vec<_>>()
        .join(", ");
    let refuse = || {
        Detected::Refused(
            format!("the file is not UTF-8 and its encoding is not clear (scores: {scores})"),
            "pass `--encoding` (windows-1251, cp866, koi8-r, kz-1048), or re-save the file as UTF-8".into(),
        )
    };
    let Some((best, best_text, best_score)) = candidates.first() else {
        return refuse();
    };
    if *best_score <= 0 {
        return refuse();
    }
    if let Some((_, next_text, next_score)) = candidates.get(1) {
        let differing = best_text
            .iter()
            .zip(next_text)
            .filter(|(a, b)| a != b)
            .count()
            .max(1);
        if best_score - next_score < 8 * differing as i64 {
            return refuse();
        }
    }
    Detected::Legacy(*best)
}

/// The score of decoding the bytes of `head` with `table`.
fn score(head: &[u8], table: &[char; 128]) -> i64 {
    let mut total = 0i64;
    let mut prev_lower = false;
    for &b in head {
        if b < 0x80 {
            prev_lower = b.is_ascii_lowercase();
            continue;
        }
        let c = table[usize::from(b - 0x80)];
        if let Some(w) = letter_weight(c) {
            total += w;
            if c.is_uppercase() && prev_lower {
                total -= 30;
            }
            prev_lower = c.is_lowercase();
        } else {
            if !common_punctuation(c) {
                total -= 20;
            }
            prev_lower = false;
        }
    }
    total
}

/// Decodes a stream to UTF-8.
struct DecodeReader {
    inner: Box<dyn Read + Send>,
    table: Option<&'static [char; 128]>,
    utf16: Option<encoding_rs::Decoder>,
    input: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl DecodeReader {
    fn new(inner: Box<dyn Read + Send>, encoding: TextEncoding) -> Self {
        DecodeReader {
            inner,
            table: encoding.high_table(),
            // BOM sniffing: the byte-order mark says which endianness (and is removed).
            utf16: (encoding == TextEncoding::Utf16).then(|| encoding_rs::UTF_16LE.new_decoder()),
            input: vec![0; 64 << 10],
            out: Vec::new(),
            pos: 0,
            done: false,
        }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.pos = 0;
        let n = self.inner.read(&mut self.input)?;
        let last = n == 0;
        let bytes = &self.input[..n];
        if let Some(decoder) = &mut self.utf16 {
            let mut s = String::with_capacity(
                decoder
                    .max_utf8_buffer_length(bytes.len())
                    .unwrap_or(bytes.len() * 3 + 16),
            );
            let _ = decoder.decode_to_string(bytes, &mut s, last);
            self.out = s.into_bytes();
        } else if let Some(table) = self.table {
            let mut buf = [0u8; 4];
            for &b in bytes {
                if b < 0x80 {
                    self.out.push(b);
                } else {
                    let c = table[usize::from(b - 0x80)];
                    self.out
                        .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        if last {
            self.done = true;
        }
        Ok(())
    }
}

impl Read for DecodeReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, enc: TextEncoding) -> Vec<u8> {
        let table = enc.high_table().expect("a code page");
        text.chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    let i = table.iter().position(|t| *t == c).expect("encodable");
                    u8::try_from(0x80 + i).expect("a byte")
                }
            })
            .collect()
    }

    fn read(bytes: Vec<u8>, forced: Option<TextEncoding>) -> Result<(String, Decoding), String> {
        match open_text(std::io::Cursor::new(bytes), "list.csv", forced).expect("in memory") {
            Ok(mut t) => {
                let mut s = String::new();
                t.reader.read_to_string(&mut s).map_err(|e| e.to_string())?;
                Ok((s, t.decoding))
            }
            Err(d) => Err(d.message),
        }
    }

    const RUSSIAN: &str = "Фамилия,Имя,Отчество,Приговор\nИванов,Пётр,Семёнович,ВМН\nСмирнова,Анна,Ивановна,10 лет ИТЛ по ст. 58-10\n";
    const KAZAKH: &str = "Тегі,Аты,Әкесінің аты,Үкім\nҚұнанбаев,Әлихан,Нұрмұхамедұлы,ату жазасы\nӨтеғұлов,Ғабит,Қайыржанұлы,қамау\n";

    fn decoded(enc: TextEncoding) -> Decoding {
        Decoding::Decoded {
            encoding: enc,
            forced: false,
        }
    }

    #[test]
    fn detects_each_code_page_of_russian_text() {
        for enc in [
            TextEncoding::Windows1251,
            TextEncoding::Cp866,
            TextEncoding::Koi8R,
        ] {
            let bytes = encode(RUSSIAN, enc);
            assert_eq!(
                read(bytes, None),
                Ok((RUSSIAN.to_owned(), decoded(enc))),
                "{enc}"
            );
        }
        // All capitals, as DOS lists often are.
        let caps = RUSSIAN.to_uppercase();
        for enc in [
            TextEncoding::Windows1251,
            TextEncoding::Cp866,
            TextEncoding::Koi8R,
        ] {
            let got = read(encode(&caps, enc), None);
            assert_eq!(got, Ok((caps.clone(), decoded(enc))), "{enc}");
        }
    }

    #[test]
    fn kazakh_letters_tell_kz1048_from_1251() {
        let bytes = encode(KAZAKH, TextEncoding::Kz1048);
        assert_eq!(
            read(bytes.clone(), None),
            Ok((KAZAKH.to_owned(), decoded(TextEncoding::Kz1048)))
        );
        // Forced as 1251, the Kazakh letters become Serbian and Ukrainian ones.
        let (as1251, how) = read(bytes, Some(TextEncoding::Windows1251)).expect("decoded");
        assert!(as1251.contains("Ќ") && as1251.contains("Ј"), "{as1251}");
        assert_eq!(
            how,
            Decoding::Decoded {
                encoding: TextEncoding::Windows1251,
                forced: true
            }
        );
        // Russian text has no Kazakh letters: 1251 and KZ-1048 read it alike; it is called 1251.
        let russian = encode(RUSSIAN, TextEncoding::Kz1048);
        assert_eq!(
            read(russian, None).map(|r| r.1),
            Ok(decoded(TextEncoding::Windows1251))
        );
    }

    #[test]
    fn utf8_and_utf16_and_refusals() {
        assert_eq!(
            read(KAZAKH.as_bytes().to_vec(), None),
            Ok((KAZAKH.to_owned(), Decoding::Plain))
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(KAZAKH.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            read(utf16, None),
            Ok((KAZAKH.to_owned(), decoded(TextEncoding::Utf16)))
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(RUSSIAN.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read(be, None).map(|r| r.0), Ok(RUSSIAN.to_owned()));
        // Half UTF-8, half Windows-1251.
        let mut mixed = RUSSIAN.as_bytes().to_vec();
        mixed.extend(encode(RUSSIAN, TextEncoding::Windows1251));
        let err = read(mixed, None).expect_err("refused");
        assert!(err.contains("mixes encodings"), "{err}");
        // A few bytes that read as plausibly in several code pages: refused, never guessed.
        let err = read(b"id,name\n1,\xB0\xB1\x98\n".to_vec(), None).expect_err("refused");
        assert!(err.contains("not clear"), "{err}");
    }

    #[test]
    fn parses_names() {
        for (s, e) in [
            ("cp1251", TextEncoding::Windows1251),
            ("Windows-1251", TextEncoding::Windows1251),
            ("IBM866", TextEncoding::Cp866),
            ("koi8-r", TextEncoding::Koi8R),
            ("KZ-1048", TextEncoding::Kz1048),
            ("utf8", TextEncoding::Utf8),
        ] {
            assert_eq!(TextEncoding::parse(s), Some(e));
        }
        assert_eq!(TextEncoding::parse("latin1"), None);
        assert_eq!(kz1048_overrides().len(), 16);
    }
}
