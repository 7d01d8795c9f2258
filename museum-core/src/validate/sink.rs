//! Where rules put their findings: a [`Sink`] drops disabled codes, applies severity overrides
//! and masks personal values, so every rule can simply push.

use std::borrow::Cow;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::io::DatasetKind;
use crate::model::Day;

use super::config::ValidateOptions;

/// Everything a rule may consult besides the record: options and today's date.
#[derive(Debug)]
pub(crate) struct Context {
    pub(crate) options: ValidateOptions,
    /// Today, for "in the future" checks.
    pub(crate) today: Day,
    /// Whether the records read are kept (built whole, for an [`crate::io::Archive`]) rather
    /// than dropped once checked.
    pub(crate) keep: bool,
}

impl Context {
    pub(crate) fn new(options: ValidateOptions) -> Self {
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400);
        let epoch = Day {
            year: 1970,
            month: 1,
            day: 1,
        };
        Context {
            options,
            today: epoch.add_days(i64::try_from(days).unwrap_or(0)),
            keep: false,
        }
    }

    /// Whether `code` is reported.
    pub(crate) fn on(&self, code: Code) -> bool {
        self.options.is_enabled(code)
    }
}

/// Collects findings of one kind of record.
pub(crate) struct Sink<'a> {
    pub(crate) cx: &'a Context,
    kind: DatasetKind,
    /// The file findings without one are about (one string shared by all of them).
    file: Option<Arc<str>>,
    pub(crate) out: Vec<Diagnostic>,
    /// The trimmed id of the record being checked (see [`Sink::checking`]); its buffer is
    /// reused from record to record.
    record: String,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(cx: &'a Context, kind: DatasetKind) -> Self {
        Sink {
            cx,
            kind,
            file: None,
            out: Vec::new(),
            record: String::new(),
        }
    }

    /// A sink for the findings about one file: locations without a file get this one.
    pub(crate) fn for_file(cx: &'a Context, kind: DatasetKind, file: &str) -> Self {
        Sink {
            file: Some(Arc::from(file)),
            ..Sink::new(cx, kind)
        }
    }

    /// `loc` with this sink's file when it has none, and the id of the record being checked
    /// when it has none (for locations kept past the record: a record read for validation only
    /// has neither in its location).
    pub(crate) fn locate(&self, loc: &Location) -> Location {
        let mut loc = loc.clone();
        if loc.file.is_none() {
            loc.file.clone_from(&self.file);
        }
        if loc.record_id.is_none() && !self.record.is_empty() {
            loc.record_id = Some(self.record.clone());
        }
        loc
    }

    /// The rules are about to check the record with id `id`: [`Sink::locate`] names it.
    pub(crate) fn checking(&mut self, id: &str) {
        self.record.clear();
        self.record.push_str(crate::io::trim(id));
    }

    /// Gives the findings pushed since `mark` the record id `id`, when they have none.
    pub(crate) fn name_record(&mut self, mark: usize, id: &str) {
        let id = crate::io::trim(id);
        if id.is_empty() {
            return;
        }
        let from = mark.min(self.out.len());
        for d in &mut self.out[from..] {
            if d.location.record_id.is_none() {
                d.location.record_id = Some(id.to_owned());
            }
        }
    }

    /// The name of `field` for a finding's location: a canonical column of this kind is
    /// borrowed (`&'static str`), another name (an unknown column's header) is copied.
    pub(crate) fn field(&self, field: &str) -> Cow<'static, str> {
        self.kind
            .columns()
            .iter()
            .find(|c| c.name == field)
            .map_or_else(|| Cow::Owned(field.to_owned()), |c| Cow::Borrowed(c.name))
    }

    /// The kind of record findings are about.
    pub(crate) fn kind(&self) -> DatasetKind {
        self.kind
    }

    /// Whether `code` is reported (rules skip work for disabled codes).
    pub(crate) fn on(&self, code: Code) -> bool {
        self.cx.on(code)
    }

    /// Whether values of `field` are masked in this run.
    pub(crate) fn masking(&self, field: &str) -> bool {
        self.cx.options.mask_values && is_personal(self.kind, field)
    }

    /// Adds a finding, unless its code is disabled.
    pub(crate) fn push(&mut self, mut d: Diagnostic) {
        if !self.cx.on(d.code) {
            return;
        }
        if d.location.file.is_none() {
            d.location.file.clone_from(&self.file);
        }
        if let Some(s) = self.cx.options.severities.get(&d.code) {
            d.severity = *s;
        }
        if self.cx.options.mask_values
            && d.location
                .field
                .as_deref()
                .is_some_and(|f| is_personal(self.kind, f))
        {
            mask(&mut d);
        }
        self.out.push(d);
    }

    /// Adds findings (see [`Sink::push`]).
    pub(crate) fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// A finding with an explicit severity.
    pub(crate) fn push_with(&mut self, d: Diagnostic, severity: Severity) {
        self.push(d.with_severity(severity));
    }
}

/// Replaces the value by `***`, and digits of dates in the message.
fn mask(d: &mut Diagnostic) {
    if let Some(v) = d.value.take() {
        if !v.is_empty() && d.message.contains(&v) {
            d.message = d.message.replace(&v, "***");
        }
        if let Some(h) = &d.help
            && !v.is_empty()
            && h.contains(&v)
        {
            d.help = Some(h.replace(&v, "***"));
        }
        d.value = Some("***".to_owned());
    }
    if d.message.bytes().any(|b| b.is_ascii_digit()) && is_date_code(d.code) {
        d.message = d
            .message
            .chars()
            .map(|c| if c.is_ascii_digit() { '*' } else { c })
            .collect();
    }
}

fn is_date_code(code: Code) -> bool {
    code.id().as_bytes()[1] == b'3'
        || matches!(
            code,
            Code::UnparseableDate
                | Code::ImpossibleDate
                | Code::DateOutOfRange
                | Code::ImplausibleAge
        )
}

/// Whether `field` of a `kind` record holds personal data: names, dates, places and notes of
/// victims and figures, and the values of claims. Ids, references and vocabulary values are
/// not personal.
pub(crate) fn is_personal(kind: DatasetKind, field: &str) -> bool {
    const NOT_PERSONAL: &[&str] = &[
        "id",
        "case",
        "sex",
        "sentence",
        "charge",
        "sentencing_body",
        "arrested_by",
        "rehabilitated_by",
        "camp_id",
        "figure_id",
        "victim_id",
        "event_ids",
        "source_ids",
        "source_text",
        "subject_id",
        "field",
        "preferred",
        "roles",
        "fate",
    ];
    matches!(
        kind,
        DatasetKind::Victims | DatasetKind::Figures | DatasetKind::Claims
    ) && !NOT_PERSONAL.contains(&field)
}
