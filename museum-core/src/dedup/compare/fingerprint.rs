//! The content fingerprints of a record: stable hashes of what matching reads of it, fed the
//! fields' values directly (no text is formatted).
//!
//! Two values come from one pass over the fields ([`fingerprints`]):
//! - the **content hash** ([`CompactRecord::fingerprint`](super::CompactRecord)): the compared
//!   fields only, so it depends neither on the record's position nor on any id. It orders the
//!   two records of a pair ([`super::swapped`]), so that a pair's score is the same to the last
//!   bit whichever way round it is met.
//! - the **registry fingerprint** ([`crate::persons::fingerprint`]): the content hash's fields
//!   and then the ids of the records the data says are the same person (`same_as`). A record
//!   whose registry fingerprint differs from the registry's is compared again in an incremental
//!   `museum persons` run.
//!
//! Both are stored (in `persons.csv` and `persons.index`), so they must be the same on every
//! platform, run and release: [`crate::hash::StableHasher`] (FNV-1a 64, a separator after each
//! part, the murmur3 finalizer), seeded with `0x7065_7273_6f6e`, over, in this order: for every
//! name its text as written, surname, given name and patronymic (a missing part is empty) and a
//! part `\x1e`; a part `\x1d`; the sex (`male`, `female` or empty); the birth date's first and
//! last day (days since 1970-01-01, little-endian `i32`s in one part; an empty part when
//! unknown); the birth place and nationality as written; for every case its arrest date,
//! sentence date, sentence kind (its `as_str`) and term (`f32` bits, little-endian; `u32::MAX`
//! without a term; one empty part when there is no sentence), execution date; a part `\x1d`;
//! the death date. The registry fingerprint then adds one part per `same_as` id. Changing any
//! of this changes every stored fingerprint: the person index's format version must change
//! with it (the next run then rebuilds the index and compares every record once).

use crate::dedup::record::{DateSpan, DedupRecord};
use crate::hash::StableHasher;
use crate::model::SexValue;

/// The seed of both fingerprints.
const SEED: u64 = 0x7065_7273_6f6e;

/// The record's content hash and its registry fingerprint (see the module's documentation).
pub(crate) fn fingerprints(r: &DedupRecord) -> (u64, u64) {
    let h = content_hasher(r);
    let content = h.finish();
    let mut h = h;
    for s in &r.same_as {
        h.part(s.as_bytes());
    }
    (content, h.finish())
}

/// The record's content hash alone.
pub(crate) fn fingerprint(r: &DedupRecord) -> u64 {
    content_hasher(r).finish()
}

/// The hasher fed the compared fields.
fn content_hasher(r: &DedupRecord) -> StableHasher {
    let mut h = StableHasher::new(SEED);
    let opt = |h: &mut StableHasher, s: Option<&str>| h.part(s.unwrap_or("").as_bytes());
    let span = |h: &mut StableHasher, d: Option<&DateSpan>| match d {
        Some(d) => {
            let mut b = [0u8; 8];
            b[..4].copy_from_slice(&d.earliest.to_le_bytes());
            b[4..].copy_from_slice(&d.latest.to_le_bytes());
            h.part(&b);
        }
        None => h.part(b""),
    };
    for n in &r.names {
        h.part(n.original.as_bytes());
        opt(&mut h, n.surname.as_deref());
        opt(&mut h, n.given.as_deref());
        opt(&mut h, n.patronymic.as_deref());
        h.part(b"\x1e");
    }
    h.part(b"\x1d");
    h.part(match r.sex {
        Some(SexValue::Male) => b"male",
        Some(SexValue::Female) => b"female",
        _ => b"",
    });
    span(&mut h, r.birth.as_ref());
    opt(&mut h, r.birth_place.as_deref());
    opt(&mut h, r.nationality.as_deref());
    for c in &r.cases {
        span(&mut h, c.arrest.as_ref());
        span(&mut h, c.sentence_date.as_ref());
        match c.sentence {
            Some((kind, term)) => {
                h.part(kind.as_str().as_bytes());
                h.part(&term.map_or(u32::MAX, f32::to_bits).to_le_bytes());
            }
            None => h.part(b""),
        }
        span(&mut h, c.execution.as_ref());
    }
    h.part(b"\x1d");
    span(&mut h, r.death.as_ref());
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::record::{CaseFacts, Origin};
    use crate::io::DatasetKind;
    use crate::model::{PersonName, SentenceKind};

    fn record() -> DedupRecord {
        let day = |y: i32| DateSpan {
            text: y.to_string(),
            earliest: y,
            latest: y + 364,
        };
        DedupRecord {
            id: "vic-1".to_owned(),
            origin: Origin {
                kind: DatasetKind::Victims,
                file: None,
                line: None,
            },
            names: vec![PersonName::from_parts(
                Some("Бөкейханов"),
                Some("Әлихан"),
                Some("Нұрмұхамедұлы"),
            )],
            sex: Some(SexValue::Male),
            birth: Some(day(-38_000)),
            birth_place: Some("Токрау".to_owned()),
            nationality: Some("казах".to_owned()),
            cases: vec![CaseFacts {
                arrest: Some(day(-11_700)),
                sentence_date: None,
                sentence: Some((SentenceKind::Execution, None)),
                execution: Some(day(-11_650)),
            }],
            death: None,
            same_as: vec!["fig-bukeikhanov".to_owned()],
        }
    }

    #[test]
    fn values_are_pinned() {
        // Stored in every registry and index: if these change, the index format version must
        // change too (and every registry's fingerprints with it).
        let r = record();
        let (content, registry) = fingerprints(&r);
        assert_eq!(content, fingerprint(&r));
        assert_eq!(
            (content, registry),
            (0xf604_72c7_7ff4_dd47, 0x6be8_7231_6ae6_106c)
        );
    }

    #[test]
    fn every_compared_field_counts_and_ids_do_not() {
        let r = record();
        let (content, registry) = fingerprints(&r);
        let mut other = r.clone();
        other.id = "vic-2".to_owned();
        other.origin.line = Some(7);
        assert_eq!(fingerprints(&other), (content, registry));
        other.same_as.clear();
        assert_eq!(fingerprints(&other).0, content);
        assert_ne!(fingerprints(&other).1, registry);
        let changes: [fn(&mut DedupRecord); 7] = [
            |r| r.names[0].given = Some("Алихан".to_owned()),
            |r| r.sex = Some(SexValue::Female),
            |r| r.birth.as_mut().unwrap().latest += 1,
            |r| r.birth_place = None,
            |r| r.nationality = Some("Казах".to_owned()),
            |r| r.cases[0].sentence = Some((SentenceKind::Execution, Some(10.0))),
            |r| r.death = r.birth.clone(),
        ];
        for change in changes {
            let mut c = r.clone();
            change(&mut c);
            assert_ne!(fingerprint(&c), content, "{c:?}");
        }
        // A field's value moving to the next field is a different record.
        let mut a = r.clone();
        a.birth_place = None;
        a.nationality = Some("Токрау".to_owned());
        let mut b = r;
        b.nationality = None;
        b.birth_place = Some("Токрау".to_owned());
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }
}
