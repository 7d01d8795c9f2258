//! The typed archive model: entities ([`Figure`], [`Event`], [`Camp`], [`Victim`]), the
//! [`Source`]s every claim cites, and the value types they share ([`HistoricalDate`],
//! [`PersonName`], [`Estimate`], [`Claim`], [`Place`], [`Sex`], [`Sentence`]).
//!
//! Raw archival text is never thrown away: typed values keep the text they were parsed from, and
//! columns the model does not know are carried in each record's `extra` map.

pub mod charge;
pub mod date;
pub mod entity;
pub mod invisible;
pub mod name;
pub mod vocab;

pub use date::{
    Before, DateError, DateErrorKind, DatePoint, DateValue, Day, HistoricalDate, IntervalEnd,
    Precision,
};
pub use entity::{
    Camp, Claim, Coordinates, Estimate, Event, Figure, Place, RepressionCase, Source, SourceKind,
    Victim,
};
pub use name::{PatronymicForm, PersonName, Script};
pub use vocab::{Sentence, SentenceKind, Sex, SexValue};
