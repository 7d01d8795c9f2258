//! Lists as historians have them: spreadsheets (written here with `rust_xlsxwriter`) and
//! Cyrillic code pages, read through the same readers and giving the same findings as the
//! UTF-8 CSV of the same data.

use std::path::Path;

use museum_core::Victim;
use museum_core::io::{CsvOptions, DatasetKind, ReadItem, RecordReader, TextEncoding};
use museum_core::validate::{Input, Report, ValidateOptions, validate_files};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// The rows of the test list: a header, a good row, a row with an impossible date (written as
/// text, as in the CSV) and a birth year typed as a number.
const HEADER: [&str; 6] = [
    "№",
    "Фамилия",
    "Имя",
    "Год рождения",
    "Дата ареста",
    "Приговор",
];

fn write_xlsx(path: &Path, second_sheet: bool) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Список 1937").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // Row 2: birth year as a number, arrest date as an Excel date cell.
    sheet.write_number(1, 0, 1).unwrap();
    sheet.write_string(1, 1, "Жургенов").unwrap();
    sheet.write_string(1, 2, "Темирбек").unwrap();
    sheet.write_number(1, 3, 1898).unwrap();
    sheet
        .write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(1937, 8, 21).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 5, "ВМН").unwrap();
    // Row 3: an impossible date typed as text, a sentence with a line break in it.
    sheet.write_number(2, 0, 2).unwrap();
    sheet.write_string(2, 1, "Майлин").unwrap();
    sheet.write_string(2, 2, "Беимбет").unwrap();
    sheet.write_number(2, 3, 1894).unwrap();
    sheet.write_string(2, 4, "31.02.1937").unwrap();
    sheet.write_string(2, 5, "ВМН\n(расстрел)").unwrap();
    // Row 4: after the multi-line cell; a birth year that is not a year.
    sheet.write_number(3, 0, 3).unwrap();
    sheet.write_string(3, 1, "Сейфуллин").unwrap();
    sheet.write_string(3, 2, "Сакен").unwrap();
    sheet.write_string(3, 3, "18877").unwrap();
    sheet.write_string(3, 5, "ВМН").unwrap();
    if second_sheet {
        let other = book.add_worksheet();
        other.set_name("Дополнение").unwrap();
        for (c, h) in HEADER.iter().enumerate() {
            other.write_string(0, c as u16, *h).unwrap();
        }
        other.write_number(1, 0, 4).unwrap();
        other.write_string(1, 1, "Байтурсынов").unwrap();
        other.write_string(1, 2, "Ахмет").unwrap();
        other.write_string(1, 3, "18722").unwrap();
    }
    book.save(path).unwrap();
}

/// The same sheet as "save as CSV" writes it.
const CSV_EXPORT: &str = "№,Фамилия,Имя,Год рождения,Дата ареста,Приговор\n\
1,Жургенов,Темирбек,1898,1937-08-21,ВМН\n\
2,Майлин,Беимбет,1894,31.02.1937,\"ВМН\n(расстрел)\"\n\
3,Сейфуллин,Сакен,18877,,ВМН\n";

fn validate(path: &Path, options: &ValidateOptions) -> museum_core::Result<Report> {
    validate_files(
        &[Input {
            path: path.to_owned(),
            kind: DatasetKind::Victims,
        }],
        options,
    )
}

/// A finding without its file name: code, line, field, value.
type Shape = (String, Option<u64>, Option<String>, Option<String>);

/// Findings without the file name, in a comparable form.
fn shape(report: &Report) -> Vec<Shape> {
    report
        .findings
        .iter()
        .map(|d| {
            (
                d.code.id().to_owned(),
                d.location.line,
                d.location.field.as_deref().map(str::to_owned),
                d.value.clone(),
            )
        })
        .collect()
}

#[test]
fn a_sheet_gives_the_findings_of_its_csv_export_with_cells() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("spisok.xlsx");
    write_xlsx(&xlsx, false);
    let csv = dir.path().join("spisok.csv");
    std::fs::write(&csv, CSV_EXPORT).unwrap();
    let options = ValidateOptions::default();
    let from_sheet = validate(&xlsx, &options).unwrap();
    let from_csv = validate(&csv, &options).unwrap();
    assert!(!from_csv.findings.is_empty());
    // The same findings; only their place differs after the cell with a line break: the CSV's
    // line 5 is the sheet's row 4.
    let row_of_line = |mut f: Shape| {
        f.1 = f.1.map(|l| if l >= 5 { l - 1 } else { l });
        f
    };
    let expected: Vec<_> = shape(&from_csv).into_iter().map(row_of_line).collect();
    assert_eq!(shape(&from_sheet), expected);
    assert_eq!(from_sheet.records, 3);
    let name = format!("{}:Список 1937", xlsx.display());
    let date = from_sheet
        .findings
        .iter()
        .find(|d| d.location.field.as_deref() == Some("arrest_date"))
        .expect("the impossible date is found");
    assert_eq!(date.location.file.as_deref(), Some(name.as_str()));
    assert_eq!(date.location.line, Some(3));
    assert_eq!(date.location.cell.as_deref(), Some("E3"));
    assert!(
        date.to_string()
            .starts_with(&format!("{name}!E3:3:arrest_date: ")),
        "{date}"
    );
    let year = from_sheet
        .findings
        .iter()
        .find(|d| d.location.field.as_deref() == Some("birth_date"))
        .expect("the bad year is found");
    assert_eq!(year.location.cell.as_deref(), Some("D4"));
}

#[test]
fn date_cells_become_dates_and_numbers_keep_their_form() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("victims.xlsx");
    write_xlsx(&xlsx, true);
    let mut reader = RecordReader::<Victim>::open(&xlsx, &CsvOptions::default()).unwrap();
    let records: Vec<_> = reader
        .by_ref()
        .filter_map(|i| match i {
            ReadItem::Record(r, _) => Some(r),
            ReadItem::Finding(_) => None,
        })
        .collect();
    assert!(reader.take_error().is_none());
    // Both sheets, in order.
    assert_eq!(records.len(), 4);
    let first = &records[0];
    assert_eq!(
        first
            .record
            .birth_date
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("1898")
    );
    assert_eq!(
        first.record.cases[0]
            .arrest_date
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("1937-08-21")
    );
    let last = &records[3];
    assert_eq!(
        last.location.file.as_deref(),
        Some(format!("{}:Дополнение", xlsx.display()).as_str())
    );
    assert_eq!(last.location.line, Some(2));
    // `--sheet` reads one sheet; a missing one names those there are.
    let only = CsvOptions {
        sheet: Some("Дополнение".into()),
        ..CsvOptions::default()
    };
    let n = RecordReader::<Victim>::open(&xlsx, &only)
        .unwrap()
        .filter(|i| matches!(i, ReadItem::Record(..)))
        .count();
    assert_eq!(n, 1);
    let missing = CsvOptions {
        sheet: Some("Лист3".into()),
        ..CsvOptions::default()
    };
    let err = RecordReader::<Victim>::open(&xlsx, &missing)
        .err()
        .expect("no such sheet")
        .to_string();
    assert!(
        err.contains("no sheet `Лист3`") && err.contains("`Дополнение`"),
        "{err}"
    );
}

#[test]
fn a_truncated_spreadsheet_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("victims.xlsx");
    write_xlsx(&xlsx, false);
    let bytes = std::fs::read(&xlsx).unwrap();
    std::fs::write(&xlsx, &bytes[..bytes.len() / 2]).unwrap();
    let err = validate(&xlsx, &ValidateOptions::default())
        .expect_err("refused")
        .to_string();
    assert!(err.contains("victims.xlsx"), "{err}");
    assert!(err.contains("not a readable spreadsheet"), "{err}");
}

/// Kazakh letters that differ between Windows-1251 and KZ-1048, in KZ-1048.
fn kz1048(text: &str) -> Vec<u8> {
    // Windows-1251 for the letters both share, and the KZ-1048 bytes of the Kazakh ones.
    let kazakh = [
        ('Қ', 0x8D),
        ('қ', 0x9D),
        ('Ұ', 0xA1),
        ('ұ', 0xA2),
        ('Ә', 0xA3),
        ('ә', 0xBC),
        ('Ө', 0xA5),
        ('ө', 0xB4),
        ('Ғ', 0xAA),
        ('ғ', 0xBA),
        ('Ү', 0xAF),
        ('ү', 0xBF),
        ('Ң', 0xBD),
        ('ң', 0xBE),
        ('Һ', 0x8E),
        ('һ', 0x9E),
        ('І', 0xB2),
        ('і', 0xB3),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        if let Some((_, b)) = kazakh.iter().find(|(k, _)| *k == c) {
            out.push(*b);
        } else if c.is_ascii() {
            out.push(c as u8);
        } else {
            let one = c.to_string();
            let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&one);
            assert!(!bad, "{c}");
            out.extend_from_slice(&bytes);
        }
    }
    out
}

#[test]
fn a_kz1048_list_is_detected_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("victims.csv");
    let text = "№,Тегі,Аты,Туған жылы,Үкім\n1,Қожанов,Сұлтанбек,1894,ату жазасы\n2,Әуезов,Мұхтар,18977,бас бостандығынан айыру\n3,Жұмабаев,Мағжан,1893,ату\n";
    std::fs::write(&path, kz1048(text)).unwrap();
    let (records, findings) =
        museum_core::io::read_file::<Victim>(&path, &CsvOptions::default()).unwrap();
    assert_eq!(records[0].record.name.surname.as_deref(), Some("Қожанов"));
    assert_eq!(records[1].record.name.surname.as_deref(), Some("Әуезов"));
    assert_eq!(records[2].record.name.given.as_deref(), Some("Мағжан"));
    let said = findings
        .iter()
        .find(|d| d.code.id() == "M114")
        .expect("the encoding is said");
    assert!(said.message.contains("KZ-1048"), "{}", said.message);
    // The same findings as the UTF-8 file, plus the one that says the encoding.
    let utf8 = dir.path().join("utf8_victims.csv");
    std::fs::write(&utf8, text).unwrap();
    let options = ValidateOptions::default();
    let a = validate(&path, &options).unwrap();
    let b = validate(&utf8, &options).unwrap();
    let mut without = shape(&a);
    without.retain(|f| f.0 != "M114");
    assert_eq!(without, shape(&b));
    // Forced as Windows-1251 it reads the Kazakh letters as others, as asked.
    let forced = CsvOptions {
        encoding: Some(TextEncoding::Windows1251),
        ..CsvOptions::default()
    };
    let (records, _) = museum_core::io::read_file::<Victim>(&path, &forced).unwrap();
    assert_eq!(records[0].record.name.surname.as_deref(), Some("Ќожанов"));
}

/// Vocabulary coverage on the generator's output: every sex, sentence, charge and sentencing
/// body of a clean synthetic list is understood (no M203, M204, M208 or M218).
#[test]
fn synthetic_lists_are_fully_understood() {
    use museum_synth::{SynthOptions, generate_dir};
    let dir = tempfile::tempdir().unwrap();
    generate_dir(&SynthOptions::new(5_000).seed(16), dir.path()).unwrap();
    let report = validate(&dir.path().join("victims.csv"), &ValidateOptions::default()).unwrap();
    let not_understood: Vec<String> = report
        .findings
        .iter()
        .filter(|d| matches!(d.code.id(), "M203" | "M204" | "M208" | "M218"))
        .map(ToString::to_string)
        .take(10)
        .collect();
    assert!(not_understood.is_empty(), "{not_understood:#?}");
    assert!(report.records >= 5_000);
}

/// Reading validated and keeping the records (as `museum report` does) keeps those of every
/// sheet, each located in its sheet; handing the victims over as they are read gives the same
/// records. (Each sheet's records used to replace the previous sheet's.)
#[test]
fn every_sheet_is_kept_when_reading_validated() {
    use museum_core::validate::{validate_and_hand_victims, validate_and_load};
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("victims.xlsx");
    write_xlsx(&xlsx, true);
    let inputs = [Input {
        path: xlsx.clone(),
        kind: DatasetKind::Victims,
    }];
    let options = ValidateOptions::default();
    let (report, archive) = validate_and_load(&inputs, &options, &|_| {}).unwrap();
    assert_eq!(report.records, 4);
    let kept: Vec<(String, Option<String>, Option<u64>)> = archive
        .victims
        .iter()
        .map(|v| {
            let file = v.location.file.as_deref().map(str::to_owned);
            (v.record.id.clone(), file, v.location.line)
        })
        .collect();
    assert_eq!(kept.len(), 4);
    assert_eq!(
        kept[3].1.as_deref(),
        Some(format!("{}:Дополнение", xlsx.display()).as_str())
    );
    assert_eq!(kept[3].2, Some(2));
    let mut handed = Vec::new();
    let (_, archive) = validate_and_hand_victims(
        &inputs,
        &options,
        &|_| {},
        &mut |batch| {
            handed.extend(batch.into_iter().map(|v| {
                let file = v.location.file.as_deref().map(str::to_owned);
                (v.record.id, file, v.location.line)
            }));
        },
        None,
    )
    .unwrap();
    assert!(archive.victims.is_empty());
    assert_eq!(handed, kept);
}
