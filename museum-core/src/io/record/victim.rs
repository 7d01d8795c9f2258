//! Victims from rows: one row per repression case, continuation rows merged into the victim.

use super::super::DatasetKind;
use super::super::columns;
use super::{Record, Row, date, join, opt};
use crate::diagnostic::Diagnostic;
use crate::model::entity::Extra;
use crate::model::{PersonName, RepressionCase, Victim};

/// Puts the extra columns (in header order) after the canonical ones: writers use the keys of
/// the first record as headers.
fn name_from_row(row: &Row<'_>, full: usize, sur: usize, giv: usize, pat: usize) -> PersonName {
    match row.text(full) {
        // The part columns, when a row has any, win over the parse of the full name: the
        // full text is then not parsed at all (only its script is read), which is the same name
        // for a third of the cost of reading a million such rows.
        Some(full_text)
            if row.text(sur).is_some() || row.text(giv).is_some() || row.text(pat).is_some() =>
        {
            let patronymic = row.string(pat);
            PersonName {
                original: full_text.to_owned(),
                surname: row.string(sur),
                given: row.string(giv),
                patronymic_form: patronymic
                    .as_deref()
                    .and_then(crate::model::name::patronymic_form),
                patronymic,
                script: crate::model::Script::detect(full_text),
            }
        }
        Some(full_text) => PersonName::parse(full_text),
        None => PersonName::from_parts(row.text(sur), row.text(giv), row.text(pat)),
    }
}

/// Fills `v` from a row, reusing its allocations (validation refills one record per row);
/// `lean` leaves out what validation rules do not read (see [`Record::from_row_lean`]). Every
/// field is set: nothing of the record `v` held before remains.
fn fill_victim(v: &mut Victim, r: &Row<'_>, out: &mut Vec<Diagnostic>, lean: bool) {
    use columns::victims as c;
    let text = |col: usize, slot: &mut Option<String>| {
        if lean {
            *slot = None;
        } else {
            r.string_into(col, slot);
        }
    };
    let seq = r.case_seq(c::CASE, out);
    // The case is filled in place (a record is large: moving it costs a copy).
    v.cases.truncate(1);
    if v.cases.is_empty() {
        v.cases.push(RepressionCase::default());
    }
    let case = &mut v.cases[0];
    case.seq = seq;
    r.date_into(c::ARREST_DATE, &mut case.arrest_date, out);
    text(c::ARRESTED_BY, &mut case.arrested_by);
    r.string_into(c::CHARGE, &mut case.charge);
    r.string_into(c::SENTENCING_BODY, &mut case.sentencing_body);
    r.date_into(c::SENTENCE_DATE, &mut case.sentence_date, out);
    case.sentence = r.sentence_with(c::SENTENCE, out, !lean);
    r.date_into(c::EXECUTION_DATE, &mut case.execution_date, out);
    text(c::EXECUTION_PLACE, &mut case.execution_place);
    r.string_into(c::CAMP_ID, &mut case.camp_id);
    r.date_into(c::CAMP_ARRIVAL_DATE, &mut case.camp_arrival_date, out);
    r.date_into(c::RELEASE_DATE, &mut case.release_date, out);
    r.date_into(c::REHABILITATION_DATE, &mut case.rehabilitation_date, out);
    text(c::REHABILITATED_BY, &mut case.rehabilitated_by);
    // `seq` is part of the case: a numbered case with nothing else is still a case.
    if case.is_empty() {
        v.cases.clear();
    }
    if lean {
        // Rules only ask whether there is a name; parsing it is left to those who show it.
        let mut original = std::mem::take(&mut v.name.original);
        original.clear();
        if let Some(t) = [c::FULL_NAME, c::SURNAME, c::GIVEN_NAME, c::PATRONYMIC]
            .into_iter()
            .find_map(|col| r.text(col))
        {
            original.push_str(super::row::trim(t));
        }
        v.name = PersonName {
            original,
            ..PersonName::default()
        };
    } else {
        v.name = name_from_row(r, c::FULL_NAME, c::SURNAME, c::GIVEN_NAME, c::PATRONYMIC);
    }
    r.required_into(c::ID, &mut v.id, out);
    if lean {
        v.name_variants.clear();
    } else {
        r.list_into(c::NAME_VARIANTS, &mut v.name_variants);
    }
    v.sex = r.sex_with(c::SEX, out, !lean);
    r.date_into(c::BIRTH_DATE, &mut v.birth_date, out);
    text(c::BIRTH_PLACE, &mut v.birth_place);
    text(c::NATIONALITY, &mut v.nationality);
    text(c::OCCUPATION, &mut v.occupation);
    text(c::RESIDENCE, &mut v.residence);
    r.date_into(c::DEATH_DATE, &mut v.death_date, out);
    text(c::DEATH_PLACE, &mut v.death_place);
    r.string_into(c::FIGURE_ID, &mut v.figure_id);
    r.list_into(c::SOURCE_IDS, &mut v.source_ids);
    r.string_into(c::SOURCE_TEXT, &mut v.source_text);
    text(c::NOTES, &mut v.notes);
    v.claims.clear();
    if lean {
        v.extra.clear();
    } else {
        v.extra = r.extra_map();
    }
}

/// A victim from a row (see [`fill_victim`]).
fn victim_from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>, lean: bool) -> Victim {
    let mut v = Victim {
        id: String::new(),
        name: PersonName::default(),
        name_variants: Vec::new(),
        sex: None,
        birth_date: None,
        birth_place: None,
        nationality: None,
        occupation: None,
        residence: None,
        cases: Vec::new(),
        death_date: None,
        death_place: None,
        figure_id: None,
        source_ids: Vec::new(),
        source_text: None,
        notes: None,
        claims: Vec::new(),
        extra: Extra::new(),
    };
    fill_victim(&mut v, r, out, lean);
    v
}

impl Record for Victim {
    const KIND: DatasetKind = DatasetKind::Victims;
    const MERGES_ROWS: bool = true;

    fn continues(&self) -> bool {
        self.cases.first().and_then(|c| c.seq).unwrap_or(1) >= 2
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        victim_from_row(r, out, false)
    }

    fn from_row_lean(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        victim_from_row(r, out, true)
    }

    fn refill_lean(&mut self, r: &Row<'_>, out: &mut Vec<Diagnostic>) {
        fill_victim(self, r, out, true);
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        let person = |row: &mut Vec<String>| {
            use columns::victims as c;
            row[c::ID] = self.id.clone();
            row[c::FULL_NAME] = self.name.original.clone();
            row[c::SURNAME] = opt(&self.name.surname);
            row[c::GIVEN_NAME] = opt(&self.name.given);
            row[c::PATRONYMIC] = opt(&self.name.patronymic);
            row[c::NAME_VARIANTS] = join(&self.name_variants);
            row[c::SEX] = self
                .sex
                .as_ref()
                .map(|s| s.original.clone())
                .unwrap_or_default();
            row[c::BIRTH_DATE] = date(&self.birth_date);
            row[c::BIRTH_PLACE] = opt(&self.birth_place);
            row[c::NATIONALITY] = opt(&self.nationality);
            row[c::OCCUPATION] = opt(&self.occupation);
            row[c::RESIDENCE] = opt(&self.residence);
            row[c::DEATH_DATE] = date(&self.death_date);
            row[c::DEATH_PLACE] = opt(&self.death_place);
            row[c::FIGURE_ID] = opt(&self.figure_id);
            row[c::SOURCE_IDS] = join(&self.source_ids);
            row[c::SOURCE_TEXT] = opt(&self.source_text);
            row[c::NOTES] = opt(&self.notes);
        };
        let n = columns::victims::COLUMNS.len();
        let empty_case = RepressionCase::default();
        let cases: Vec<&RepressionCase> = if self.cases.is_empty() {
            vec![&empty_case]
        } else {
            self.cases.iter().collect()
        };
        cases
            .into_iter()
            .map(|k| {
                use columns::victims as c;
                let mut row = vec![String::new(); n];
                person(&mut row);
                row[c::CASE] = k.seq.map(|s| s.to_string()).unwrap_or_default();
                row[c::ARREST_DATE] = date(&k.arrest_date);
                row[c::ARRESTED_BY] = opt(&k.arrested_by);
                row[c::CHARGE] = opt(&k.charge);
                row[c::SENTENCING_BODY] = opt(&k.sentencing_body);
                row[c::SENTENCE_DATE] = date(&k.sentence_date);
                row[c::SENTENCE] = k
                    .sentence
                    .as_ref()
                    .map(|s| s.original.clone())
                    .unwrap_or_default();
                row[c::EXECUTION_DATE] = date(&k.execution_date);
                row[c::EXECUTION_PLACE] = opt(&k.execution_place);
                row[c::CAMP_ID] = opt(&k.camp_id);
                row[c::CAMP_ARRIVAL_DATE] = date(&k.camp_arrival_date);
                row[c::RELEASE_DATE] = date(&k.release_date);
                row[c::REHABILITATION_DATE] = date(&k.rehabilitation_date);
                row[c::REHABILITATED_BY] = opt(&k.rehabilitated_by);
                row
            })
            .collect()
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }

    /// A row continues the previous victim when it has the same id and a `case` number above 1.
    /// Person fields of the continuation row that differ from the first row are not lost: a
    /// different name becomes a name variant, other differing values go to `extra` as
    /// `<field> (case N)`.
    fn absorb(&mut self, next: Self) -> Result<(), Self> {
        let seq = next.cases.first().and_then(|c| c.seq).unwrap_or(1);
        if next.id != self.id || next.id.is_empty() || seq < 2 {
            return Err(next);
        }
        let Victim {
            name,
            name_variants,
            sex,
            birth_date,
            birth_place,
            nationality,
            occupation,
            residence,
            cases,
            death_date,
            death_place,
            figure_id,
            source_ids,
            source_text,
            notes,
            extra,
            ..
        } = next;
        if !name.is_empty()
            && name.original != self.name.original
            && !self.name_variants.contains(&name.original)
        {
            self.name_variants.push(name.original);
        }
        for v in name_variants {
            if !self.name_variants.contains(&v) {
                self.name_variants.push(v);
            }
        }
        let mut keep = |field: &str, mine: Option<String>, theirs: Option<String>| {
            if let Some(t) = theirs
                && mine.as_deref() != Some(t.as_str())
            {
                self.extra.insert(format!("{field} (case {seq})"), t);
            }
        };
        keep(
            "sex",
            self.sex.as_ref().map(|s| s.original.clone()),
            sex.map(|s| s.original),
        );
        keep(
            "birth_date",
            self.birth_date.as_ref().map(|d| d.original().to_owned()),
            birth_date.map(|d| d.original().to_owned()),
        );
        keep("birth_place", self.birth_place.clone(), birth_place);
        keep("nationality", self.nationality.clone(), nationality);
        keep("occupation", self.occupation.clone(), occupation);
        keep("residence", self.residence.clone(), residence);
        keep(
            "death_date",
            self.death_date.as_ref().map(|d| d.original().to_owned()),
            death_date.map(|d| d.original().to_owned()),
        );
        keep("death_place", self.death_place.clone(), death_place);
        keep("figure_id", self.figure_id.clone(), figure_id);
        keep("source_text", self.source_text.clone(), source_text);
        keep("notes", self.notes.clone(), notes);
        for (k, v) in extra {
            if self.extra.get(&k) != Some(&v) {
                self.extra.insert(format!("{k} (case {seq})"), v);
            }
        }
        for s in source_ids {
            if !self.source_ids.contains(&s) {
                self.source_ids.push(s);
            }
        }
        if let Some(first) = self.cases.first_mut() {
            first.seq.get_or_insert(1);
        }
        self.cases.extend(cases);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::io::{CsvOptions, ReadItem, RecordReader};
    use crate::model::{PersonName, Victim};

    /// A row with a full name and part columns: the parts win, and the name is the one the
    /// parse of the full name overwritten by the parts would give (original and script of the
    /// full text, the patronymic's form from the patronymic column), without parsing it.
    #[test]
    fn part_columns_win_over_the_full_name() {
        let csv = "id,full_name,surname,given_name,patronymic\n\
                   v1,Жургенов Темирбек Караулович,Жургенов,Темирбек,Караулович\n\
                   v2,Temirbek Zhurgenov,Zhurgenov,,\n\
                   v3,Мырзахметов Абдулла,,Абдулла,Нұрмұхамедұлы\n\
                   v4,Майлин Беимбет,,,\n";
        let victims: Vec<Victim> = RecordReader::<Victim>::from_csv_reader(
            csv.as_bytes(),
            "v.csv",
            &CsvOptions::default(),
        )
        .filter_map(|i| match i {
            ReadItem::Record(v, _) => Some(v.record),
            ReadItem::Finding(_) => None,
        })
        .collect();
        let full = [
            "Жургенов Темирбек Караулович",
            "Temirbek Zhurgenov",
            "Мырзахметов Абдулла",
        ];
        let parts = [
            (Some("Жургенов"), Some("Темирбек"), Some("Караулович")),
            (Some("Zhurgenov"), None, None),
            (None, Some("Абдулла"), Some("Нұрмұхамедұлы")),
        ];
        for ((v, text), (s, g, p)) in victims.iter().zip(full).zip(parts) {
            let mut expected = PersonName::parse(text);
            expected.surname = s.map(str::to_owned);
            expected.given = g.map(str::to_owned);
            expected.patronymic = p.map(str::to_owned);
            expected.patronymic_form = p.and_then(crate::model::name::patronymic_form);
            assert_eq!(v.name, expected, "{}", v.id);
        }
        assert!(victims[0].name.patronymic_form.is_some());
        assert!(victims[2].name.patronymic_form.is_some());
        // Without part columns the full name is parsed.
        assert_eq!(victims[3].name, PersonName::parse("Майлин Беимбет"));
        assert_eq!(victims[3].name.surname.as_deref(), Some("Майлин"));
    }
}
