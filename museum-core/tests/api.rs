//! Public-API tests of the readers: nothing read is lost.

use std::collections::BTreeMap;

use museum_core::io::{
    CsvOptions, DatasetKind, ReadItem, Record, RecordReader, normalize_header, read_file, write_csv,
};
use museum_core::{Code, SentenceKind, SexValue, Victim};

const RUSSIAN_LIST: &str = "\u{feff}№;Фамилия;Имя;Отчество;Пол;Год рождения;Место рождения;Национальность;\
Профессия / место работы;Дата ареста;Обвинение;Осудивший орган;Осуждение;Приговор;Дата расстрела;\
Дата реабилитации;Реабилитирующий орган;Источники данных;Примечание архива\r\n\
1;Жургенов;Темирбек;Караевич;муж.;1898-11;Актюбинская обл., Иргиз;казах;народный комиссар просвещения КССР;\
1937-08-02;58 п. 8, 58 п. 9, 58 п. 11 УК РСФСР;Военная Коллегия Верховного Суда СССР;1938-02-25;ВМН (расстрел);\
1938-02-25;1957-04-18;Военная Коллегия Верховного Суда СССР;\"БД \"\"Жертвы политического террора в СССР\"\"\";карточка 1\r\n\
2;Шанин;Жумат;Тургунбаевич;ер;1892;Баянаул;қазақ;режиссёр;1937;58-10;;;ату жазасы;1938-02-26;;;Книга памяти;\r\n\
3;Иванова;Мария;Петровна;жен.;1901;с. Михайловка;русская;учительница;1938;58-10;ОСО при НКВД СССР;1938-03-01;8 лет ИТЛ;;1956;;Synthetic row;\r\n";

/// Every input cell is recoverable from what the reader returns: writing the records back gives,
/// for each input column, the same value under its canonical name (or its own name when unknown).
#[test]
fn russian_list_reads_without_loss() {
    let reader = RecordReader::<Victim>::from_csv_reader(
        RUSSIAN_LIST.as_bytes(),
        "list.csv",
        &CsvOptions::default(),
    );
    let mut victims = Vec::new();
    let mut findings = Vec::new();
    for item in reader {
        match item {
            ReadItem::Record(r, d) => {
                victims.push(r);
                findings.extend(d);
            }
            ReadItem::Finding(d) => findings.push(d),
        }
    }
    assert_eq!(victims.len(), 3);
    // Only the unknown column is reported, as info.
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, Code::UnknownColumn);

    let z = &victims[0].record;
    assert_eq!(z.id, "1");
    assert_eq!(victims[0].location.line, Some(2));
    assert_eq!(z.sex.as_ref().unwrap().value, SexValue::Male);
    assert_eq!(
        z.cases[0].sentence.as_ref().unwrap().kind,
        SentenceKind::Execution
    );
    assert_eq!(
        z.cases[0].execution_date.as_ref().unwrap().to_string(),
        "1938-02-25"
    );
    assert_eq!(
        z.extra.get("Примечание архива").map(String::as_str),
        Some("карточка 1")
    );
    assert_eq!(
        victims[1].record.sex.as_ref().unwrap().value,
        SexValue::Male
    );
    let camp = victims[2].record.cases[0].sentence.as_ref().unwrap();
    assert_eq!(
        (camp.kind, camp.term_years),
        (SentenceKind::Camp, Some(8.0))
    );

    // Write back and compare cell by cell.
    let records: Vec<Victim> = victims.iter().map(|v| v.record.clone()).collect();
    let mut out = Vec::new();
    write_csv(&records, &mut out).unwrap();
    let mut written = csv::Reader::from_reader(out.as_slice());
    let out_header: Vec<String> = written
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let out_rows: Vec<Vec<String>> = written
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();

    let text = RUSSIAN_LIST.trim_start_matches('\u{feff}');
    let mut input = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let in_header: Vec<String> = input.headers().unwrap().iter().map(str::to_owned).collect();
    let columns = DatasetKind::Victims.columns();
    let target: BTreeMap<&str, usize> = in_header
        .iter()
        .map(|h| {
            let canonical = columns
                .iter()
                .find(|c| {
                    c.name == normalize_header(h)
                        || c.aliases.contains(&normalize_header(h).as_str())
                })
                .map_or(h.as_str(), |c| c.name);
            let idx = out_header
                .iter()
                .position(|o| o == canonical)
                .unwrap_or_else(|| panic!("column {h} lost"));
            (h.as_str(), idx)
        })
        .collect();
    for (r, rec) in input.records().enumerate() {
        let rec = rec.unwrap();
        for (h, value) in in_header.iter().zip(rec.iter()) {
            assert_eq!(out_rows[r][target[h.as_str()]], value, "row {r} column {h}");
        }
    }
}

#[test]
fn json_and_json_lines_read_both_shapes() {
    let dir = tempfile::tempdir().unwrap();
    // JSON Lines with flat objects keyed like CSV headers (aliases too) and one broken line.
    let jl = dir.path().join("victims.jsonl");
    std::fs::write(
        &jl,
        "{\"record_id\": \"a1\", \"Фамилия\": \"Майлин\", \"Имя\": \"Беимбет\", \"birth_year\": 1894, \"Приговор\": \"ВМН\"}\n\n{broken\n",
    )
    .unwrap();
    let (v, f) = read_file::<Victim>(&jl, &CsvOptions::default()).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].record.id, "a1");
    assert_eq!(v[0].record.birth_date.as_ref().unwrap().year(), Some(1894));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code, Code::MalformedJson);
    assert_eq!(f[0].location.line, Some(3));

    // A JSON array in the model's own shape round-trips.
    let json = dir.path().join("victims.json");
    std::fs::write(&json, serde_json::to_string(&[&v[0].record]).unwrap()).unwrap();
    let (v2, f2) = read_file::<Victim>(&json, &CsvOptions::default()).unwrap();
    assert!(f2.is_empty(), "{f2:?}");
    assert_eq!(v2[0].record, v[0].record);
    assert_eq!(v2[0].record.id(), "a1");
}

/// A person with two repression cases is two rows with the same id; the reader merges them.
#[test]
fn victim_cases_merge_and_round_trip() {
    let csv = "id,case,surname,given_name,arrest_date,sentence,release_date\n\
               v1,1,Байтурсынов,Ахмет,1929-06,ВМН,1934\n\
               v1,2,Байтурсынов,Ахмет,1937-10-08,ВМН,\n\
               v2,,Дулатов,Миржакып,1928,10 лет ИТЛ,\n";
    let items: Vec<_> =
        RecordReader::<Victim>::from_csv_reader(csv.as_bytes(), "v.csv", &CsvOptions::default())
            .collect();
    let victims: Vec<Victim> = items
        .into_iter()
        .map(|i| match i {
            ReadItem::Record(r, d) => {
                assert!(d.is_empty(), "{d:?}");
                r.record
            }
            ReadItem::Finding(f) => panic!("{f}"),
        })
        .collect();
    assert_eq!(victims.len(), 2);
    assert_eq!(victims[0].cases.len(), 2);
    assert_eq!(
        victims[0].cases[1]
            .arrest_date
            .as_ref()
            .unwrap()
            .to_string(),
        "1937-10-08"
    );
    let mut out = Vec::new();
    write_csv(&victims, &mut out).unwrap();
    let again: Vec<Victim> = RecordReader::<Victim>::from_csv_reader(
        std::io::Cursor::new(out),
        "v2.csv",
        &CsvOptions::default(),
    )
    .filter_map(|i| match i {
        ReadItem::Record(r, _) => Some(r.record),
        ReadItem::Finding(_) => None,
    })
    .collect();
    assert_eq!(again, victims);
}
