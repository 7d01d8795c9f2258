//! Tests of the CSV block reader.

use super::head::sniff_delimiter;
use super::parse::{RawRecord, parse_bytes, parse_text};
use super::split::scan;
use super::*;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::{DatasetKind, Record};
use crate::model::Victim;

/// The layout of a victims list with this header (it must open).
fn layout_of(header: &str, file: &str, options: &CsvOptions) -> Layout {
    match open_csv(header.as_bytes(), file, DatasetKind::Victims, options, 64).unwrap() {
        Opened::Ready { layout, .. } => layout,
        Opened::Stop(_) => panic!("{file}: the header {header:?} does not open"),
    }
}

#[test]
fn sniffs_delimiters() {
    assert_eq!(sniff_delimiter(b"a,b,c"), b',');
    assert_eq!(sniff_delimiter(b"a;b;c"), b';');
    assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
    assert_eq!(sniff_delimiter(b"\"a;b\",c"), b',');
}

#[test]
fn scan_follows_quotes() {
    let s = scan(b"a,b\n\"x\ny\",z\nc,d", b',', false, false);
    assert_eq!(s.boundary, Some(12));
    assert_eq!(s.open_quote, None);
    let s = scan(b"a,b\n\"x\ny", b',', false, false);
    assert_eq!((s.boundary, s.open_quote), (Some(4), Some(4)));
    let s = scan(b"a,b\"c\n\"x\"y,z\n", b',', true, false);
    assert_eq!(s.stray, vec![3, 8]);
    assert_eq!(s.boundary, Some(13));
    let s = scan(b"\"a\"\"b\",c\nd", b',', false, true);
    assert_eq!(s.boundary, Some(9));
    // A quote at the very end of a buffer may be half of `""`: decided with more bytes.
    let s = scan(b"a\n\"b\"", b',', false, false);
    assert_eq!((s.boundary, s.open_quote), (Some(2), Some(2)));
}

fn read(text: &[u8], block_size: usize) -> (Vec<(u64, String)>, Vec<String>) {
    let opened = open_csv(
        text,
        "t.csv",
        DatasetKind::Victims,
        &CsvOptions::default(),
        block_size,
    )
    .unwrap();
    let Opened::Ready {
        layout,
        mut findings,
        mut splitter,
    } = opened
    else {
        panic!("not ready")
    };
    let mut rows = Vec::new();
    while let Some(block) = splitter.next_block(&mut findings).unwrap() {
        parse_block(&layout, &block, &mut findings, |rec, line, _| {
            rows.push((
                line,
                String::from_utf8_lossy(rec.bytes(0).unwrap()).into_owned(),
            ));
        });
    }
    let f = findings
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line.unwrap_or(0), d.code, d.message))
        .collect();
    (rows, f)
}

/// The text parser reads every input exactly as `csv_core` does.
/// The end of an unquoted stretch, found eight bytes at a time, is the first delimiter or line
/// break, wherever it is (in the first word, at a word's edge, past the first 32 bytes, in the
/// last bytes of the block), with bytes that differ from them by one bit around.
#[test]
fn stretch_end_finds_the_first_stop() {
    use super::parse::stretch_end;
    for delim in [b',', b';', b'\t'] {
        for len in 0..80usize {
            let filler: Vec<u8> = (0..len)
                .map(|i| [b'a', 0xD0, 0x96, b'-', b'.', b'+', b'\x0b', b'\x0c'][i % 8])
                .collect();
            for stop in [delim, b'\n', b'\r'] {
                for at in 0..=len {
                    let mut bytes = filler.clone();
                    if at < len {
                        bytes[at] = stop;
                    }
                    for from in [0, 1, 7, 8, 9].into_iter().filter(|&f| f <= len) {
                        let expect = bytes[from..]
                            .iter()
                            .position(|&b| b == delim || b == b'\n' || b == b'\r')
                            .map_or(len, |k| from + k);
                        assert_eq!(stretch_end(&bytes, from, delim), expect, "{bytes:?} {from}");
                    }
                }
            }
        }
    }
}

#[test]
fn text_parser_agrees_with_csv_core() {
    let layout = layout_of("id,surname,notes\n", "t.csv", &CsvOptions::default());
    let inputs: &[&str] = &[
        "a,b,c\n",
        "a,b,c",
        "a,b,\n",
        "a,b,",
        ",\n,,\n",
        "\n\n\na\n\n\nb\n\n",
        "a\r\nb\r\n\r\nc",
        "a\rb\rc\r",
        "\"x\",\"\",\"y\"\"z\"\n",
        "\"multi\nline\",x\n\"q\r\nq\"\r\n",
        "\"closed\"then,text\n",
        "\"a\"  ,b\n",
        "ab\"c,d\"e\n",
        "\"never closed,x\nmore\nlines",
        "\"\"\"\"\n",
        "\"\"\n\"\n",
        "x,\"\"\"\",y",
        "\u{feff}v1,a\n",
        "Жумабаев,\"Мағжан, ақын\",1893\n",
        "\"",
        "a,\"b\"\"",
        "   \n\t\n",
    ];
    // And thousands of random inputs over the characters that matter.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut random: Vec<String> = Vec::new();
    for _ in 0..5000 {
        let mut t = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = seed % 24;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push(['a', ',', '"', '\n', '\r', ' ', 'Ж', '"', ','][(seed % 9) as usize]);
        }
        random.push(t);
    }
    for input in inputs
        .iter()
        .copied()
        .chain(random.iter().map(String::as_str))
    {
        let block = Block {
            index: 0,
            bytes: input.as_bytes().to_vec(),
            first_line: 2,
            open_quote: None,
        };
        let run = |text: bool| {
            let mut records = Vec::new();
            let mut out = Vec::new();
            let mut on = |f: Fields<'_>, line: u64, _: &mut Vec<Diagnostic>| {
                let fields: Vec<String> = (0..f.len())
                    .map(|i| String::from_utf8_lossy(f.bytes(i).unwrap()).into_owned())
                    .collect();
                records.push((line, fields));
            };
            let r = if text {
                parse_text(&layout, &block, input, &mut out, &mut on)
            } else {
                parse_bytes(&layout, &block, &mut out, &mut on)
            };
            let found: Vec<String> = out.iter().map(ToString::to_string).collect();
            (r, records, found)
        };
        assert_eq!(run(true), run(false), "{input:?}");
    }
}

#[test]
fn lines_blank_lines_and_crlf() {
    let text = b"id,notes\r\nv1,a\r\n\r\n\r\nv2,\"x\r\ny\"\r\nv3,b\r\n\r\n";
    for bs in [1, 3, 7, 1 << 20] {
        let (rows, f) = read(text, bs);
        assert_eq!(
            rows,
            vec![(2, "v1".into()), (5, "v2".into()), (7, "v3".into())],
            "block size {bs}"
        );
        assert_eq!(
            f,
            vec!["3:M108 2 blank lines", "8:M108 1 blank line"],
            "block size {bs}"
        );
    }
}

#[test]
fn unterminated_quote_at_eof() {
    let text = b"id,notes\nv1,a\nv2,\"never closed\nv3,b\nv4,c\n";
    for bs in [1, 5, 1 << 20] {
        let (rows, f) = read(text, bs);
        assert_eq!(rows.len(), 2, "block size {bs}");
        assert_eq!(
            f,
            vec![
                "3:M111 the quote opened on line 3 is never closed: `notes` runs to the end of the file (3 lines)"
            ],
            "block size {bs}"
        );
    }
}

#[test]
fn header_after_bom_and_blank_lines() {
    let (rows, f) = read(b"\xEF\xBB\xBF\n\"id\";\"surname\"\nv1;A\n", 1 << 20);
    assert_eq!(rows, vec![(3, "v1".into())]);
    assert_eq!(f, vec!["1:M108 1 blank line before the header"]);
}

#[test]
fn oversized_field_is_a_finding() {
    let layout = layout_of(
        "id,notes\n",
        "t.csv",
        &CsvOptions {
            max_field_size: 4,
            max_records: None,
            ..CsvOptions::default()
        },
    );
    let rec = RawRecord::from_fields(&["v1", "0123456789"]);
    let rec = Fields::Raw(&rec);
    let mut out = Vec::new();
    let v = layout.row::<Victim>(rec, 2, 0, &mut out, None).unwrap();
    assert_eq!(v.record.notes, None);
    assert_eq!(out[0].code, Code::FieldTooLarge);
    assert_eq!(out[0].location.field.as_deref(), Some("notes"));
}

/// Validation refills the record it has checked with the next row (`Layout::row_lean`):
/// nothing of the earlier row may remain, and the findings are those of a fresh build.
#[test]
fn refilled_record_equals_a_fresh_one() {
    let header = "id,case,surname,sex,birth_date,arrest_date,charge,sentencing_body,sentence,\
                  camp_id,release_date,death_date,figure_id,source_ids,source_text,notes\n";
    let layout = layout_of(header, "victims.csv", &CsvOptions::default());
    let rows: [&[&str]; 4] = [
        &[
            "v1",
            "1",
            "Ахметов",
            "м",
            "1890",
            "1937-10-16",
            "58-10",
            "Тройка УНКВД",
            "ВМН",
            "camp-karlag",
            "1947",
            "1937-11-10",
            "f1",
            "src-1|src-2",
            "АПРК ф. 141",
            "заметка",
        ],
        // Fewer values, a bad date, no case, one source: nothing of the row before may remain.
        &[
            "v2",
            "",
            "Сейфуллина",
            "ж",
            "19З7",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "src-3",
            "",
            "",
        ],
        // Only an id and a case number (a case of its own), an unknown sex.
        &[
            "v3", "2", "", "мж", "", "", "", "", "", "", "", "", "", "", "", "",
        ],
        &[
            "",
            "x",
            "Омаров",
            "",
            "1938-02-30",
            "1937",
            "58 п. 10",
            "ОСО",
            "10 лет ИТЛ",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ];
    let mut spare: Option<Box<crate::io::Located<Victim>>> = None;
    for fields in rows {
        let raw = RawRecord::from_fields(fields);
        let mut fresh_out = Vec::new();
        let lean = |spare: Option<Box<crate::io::Located<Victim>>>, out: &mut Vec<_>| {
            let (mut b, location) = layout
                .row_lean::<_, FieldVisitor<'_>>(Fields::Raw(&raw), 2, 0, out, None, |row, out| {
                    match spare {
                        Some(mut b) => {
                            b.record.refill_lean(row, out);
                            b
                        }
                        None => Box::new(crate::io::Located {
                            record: Victim::from_row_lean(row, out),
                            location: Location::default(),
                        }),
                    }
                })
                .unwrap();
            b.location = location;
            b
        };
        let fresh = lean(None, &mut fresh_out);
        let mut out = Vec::new();
        let refilled = lean(spare.take(), &mut out);
        assert_eq!(refilled.record, fresh.record, "{fields:?}");
        assert_eq!(refilled.location, fresh.location, "{fields:?}");
        assert_eq!(out, fresh_out, "{fields:?}");
        spare = Some(refilled);
    }
    // The last row: no id (a finding), an unreadable case number (not a case number, but the
    // case has its dates).
    assert!(spare.is_some_and(|v| v.record.id.is_empty() && v.record.cases.len() == 1));
}
