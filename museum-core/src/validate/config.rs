//! What a validation run checks and how strictly: [`ValidateOptions`], rule selection
//! ([`Selector`]), thresholds ([`Limits`]), and the per-project `museum.toml` ([`Config`]).
//!
//! `museum.toml` lives next to the data (in the validated directory, or the directory of the
//! validated file). Every key is optional:
//!
//! ```toml
//! # Rules to turn off: ids (`M211`), names (`stray-whitespace`) or id prefixes (`M6`).
//! ignore = ["stray-whitespace"]
//! # Only these rules (default: all).
//! # select = ["M1", "M2", "M3"]
//!
//! [severity]            # per rule: "error", "warning", "info" or "off"
//! M603 = "warning"
//! unknown-column = "error"
//!
//! [limits]
//! max_field_size = 1048576      # bytes; larger fields are reported (M112) and not read
//! max_records = 5000000         # records per file; a file with more is an error (default: no limit)
//! min_age = 12                  # an age at arrest certainly below is an error (M212)
//! max_age = 100                 # an age at arrest certainly above is an error
//! warn_min_age = 14             # an age possibly below is a warning
//! warn_max_age = 90             # an age possibly above is a warning
//! empty_column_threshold = 0.9  # a column empty in more than this share of rows (M603)
//!
//! [region]              # where camps are expected (M214); default: Kazakhstan
//! min_latitude = 40.0
//! max_latitude = 56.0
//! min_longitude = 46.0
//! max_longitude = 88.0
//!
//! [vocab.sentence]      # this archive's own values → kinds (see `museum vocab`)
//! "10 l. ITL" = "camp"
//! [vocab.charge]        # "articles", "basis" (a decree, a law) or "description"
//! "контрреволюционная агитация" = "description"
//! [vocab.sex]           # "male" or "female"
//! "er" = "male"
//! [vocab.sentencing_body]  # "troika", "special_board", "military_collegium", "court", …
//! "ЛВК" = "tribunal"
//! "{n} лет ИТЛ по реш. *" = "court"   # a pattern: `*` any text, `{n}` a number
//! ```
//!
//! Vocabulary values are compared trimmed, lower-case, with runs of spaces as one and trailing
//! dots dropped ([`vocab_key`](crate::model::vocab::vocab_key)); keys with `*` or `{n}` are
//! patterns ([`VocabMap`](crate::model::vocab::VocabMap)).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::{Code, Severity};
use crate::error::{Error, Result};
use crate::io::{CsvOptions, DEFAULT_BLOCK_SIZE, DEFAULT_MAX_FIELD_SIZE};
use crate::model::vocab::{BodyKind, ChargeKind, UserVocab, VocabMap};
use crate::model::{SentenceKind, SexValue};

/// The name of the per-project configuration file.
pub const CONFIG_FILE: &str = "museum.toml";

/// Thresholds of the rules that have them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Fields larger than this many bytes are reported (M112) and read as empty.
    pub max_field_size: usize,
    /// Files with more records than this are not read: validation stops with an error naming
    /// the file and the line where the limit was passed. `None` (the default): no limit.
    pub max_records: Option<u64>,
    /// An age at arrest certainly below this is an error (M212).
    pub min_age: f64,
    /// An age at arrest certainly above this is an error (M212).
    pub max_age: f64,
    /// An age at arrest possibly below this is a warning (M212).
    pub warn_min_age: f64,
    /// An age at arrest possibly above this is a warning (M212).
    pub warn_max_age: f64,
    /// A column empty in more than this share of a file's rows is reported (M603).
    pub empty_column_threshold: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_field_size: DEFAULT_MAX_FIELD_SIZE,
            max_records: None,
            min_age: 12.0,
            max_age: 100.0,
            warn_min_age: 14.0,
            warn_max_age: 90.0,
            empty_column_threshold: 0.9,
        }
    }
}

/// A rectangle of latitudes and longitudes (decimal degrees).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Region {
    /// Southern edge.
    pub min_latitude: f64,
    /// Northern edge.
    pub max_latitude: f64,
    /// Western edge.
    pub min_longitude: f64,
    /// Eastern edge.
    pub max_longitude: f64,
}

impl Default for Region {
    /// Kazakhstan (40.6–55.4° N, 46.5–87.3° E) with a margin.
    fn default() -> Self {
        Region {
            min_latitude: 40.0,
            max_latitude: 56.0,
            min_longitude: 46.0,
            max_longitude: 88.0,
        }
    }
}

impl Region {
    /// Whether the point lies inside.
    pub fn contains(&self, latitude: f64, longitude: f64) -> bool {
        (self.min_latitude..=self.max_latitude).contains(&latitude)
            && (self.min_longitude..=self.max_longitude).contains(&longitude)
    }
}

/// Picks rules: a code id (`M201`), a name (`unparseable-date`), or an id prefix (`M2`, `M`).
///
/// ```
/// use museum_core::Code;
/// use museum_core::validate::Selector;
/// let s = Selector::parse("M3").unwrap();
/// assert!(s.matches(Code::SentenceBeforeArrest));
/// assert!(!s.matches(Code::UnparseableDate));
/// assert!(Selector::parse("unparseable-date").unwrap().matches(Code::UnparseableDate));
/// assert!(Selector::parse("M9").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(String);

impl Selector {
    /// Parses a selector; it must match at least one code.
    ///
    /// # Errors
    /// When nothing matches.
    pub fn parse(text: &str) -> Result<Selector> {
        let t = text.trim();
        let s = Selector(t.to_owned());
        if t.is_empty() || !Code::ALL.iter().any(|c| s.matches(*c)) {
            return Err(Error::invalid_option(format!(
                "unknown rule `{t}`: expected a code (`M201`), a name (`unparseable-date`) or a code prefix (`M2`); `museum rules` lists them"
            )));
        }
        Ok(s)
    }

    /// Parses a comma-separated list (`M201,stray-whitespace, M6`).
    ///
    /// # Errors
    /// When an item matches nothing.
    pub fn parse_list(text: &str) -> Result<Vec<Selector>> {
        text.split(',')
            .filter(|s| !s.trim().is_empty())
            .map(Selector::parse)
            .collect()
    }

    /// Whether `code` is selected.
    pub fn matches(&self, code: Code) -> bool {
        let s = &self.0;
        code.name().eq_ignore_ascii_case(s)
            || code
                .id()
                .get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
            || s.eq_ignore_ascii_case("all")
    }
}

/// Options of a validation run.
#[derive(Debug, Clone)]
pub struct ValidateOptions {
    /// Check references into kinds no file of which was given (they then always fail). By
    /// default a reference is checked only when its target kind was loaded: a lone
    /// `victims.csv` cannot know the sources.
    pub require_all_files: bool,
    /// Which codes are reported, by [`Code::index`].
    pub enabled: Vec<bool>,
    /// Severity overrides per code.
    pub severities: BTreeMap<Code, Severity>,
    /// Thresholds.
    pub limits: Limits,
    /// The region camps are expected in.
    pub region: Region,
    /// Replace personal values (names, dates, places of victims and figures) by `***` in
    /// findings.
    pub mask_values: bool,
    /// Worker threads for CSV files; 0 means one per CPU.
    pub threads: usize,
    /// Bytes per block of a CSV file handed to a worker.
    pub block_size: usize,
    /// Field delimiter of CSV files; sniffed when `None`.
    pub delimiter: Option<u8>,
    /// Text encoding of CSV and JSON files; detected when `None`.
    pub encoding: Option<crate::io::TextEncoding>,
    /// The one sheet of spreadsheets to read; every sheet when `None`.
    pub sheet: Option<String>,
    /// The source of every file read (`--source`): no record then needs its own.
    pub source: Option<String>,
    /// The source of whole files, by file name (`[sources]` in `museum.toml`).
    pub file_sources: BTreeMap<String, String>,
    /// The project's own vocabulary (`[vocab.*]` in `museum.toml`).
    pub vocab: Option<Arc<UserVocab>>,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            require_all_files: false,
            enabled: vec![true; Code::ALL.len()],
            severities: BTreeMap::new(),
            limits: Limits::default(),
            region: Region::default(),
            mask_values: false,
            threads: 0,
            block_size: DEFAULT_BLOCK_SIZE,
            delimiter: None,
            encoding: None,
            sheet: None,
            source: None,
            file_sources: BTreeMap::new(),
            vocab: None,
        }
    }
}

impl ValidateOptions {
    /// Reports only the selected codes (an empty list keeps all).
    #[must_use]
    pub fn select(mut self, selectors: &[Selector]) -> Self {
        if !selectors.is_empty() {
            for c in Code::ALL {
                self.enabled[c.index()] = selectors.iter().any(|s| s.matches(*c));
            }
        }
        self
    }

    /// Stops reporting the selected codes.
    #[must_use]
    pub fn ignore(mut self, selectors: &[Selector]) -> Self {
        for c in Code::ALL {
            if selectors.iter().any(|s| s.matches(*c)) {
                self.enabled[c.index()] = false;
            }
        }
        self
    }

    /// Whether `code` is reported.
    pub fn is_enabled(&self, code: Code) -> bool {
        self.enabled.get(code.index()).copied().unwrap_or(true)
    }

    /// The reader options these options imply.
    pub fn csv_options(&self) -> CsvOptions {
        CsvOptions {
            delimiter: self.delimiter,
            max_field_size: self.limits.max_field_size,
            max_records: self.limits.max_records,
            encoding: self.encoding,
            sheet: self.sheet.clone(),
            vocab: self.vocab.clone(),
        }
    }

    /// The source a whole file cites (`--source`, else its `[sources]` entry): `file` matches an
    /// entry by its path as given, its name, or a path ending in the entry; a sheet
    /// (`book.xlsx:Sheet`) by its workbook or itself.
    pub fn file_source(&self, file: &str) -> Option<&str> {
        self.file_source_entry(file).map(|(_, id)| id)
    }

    /// [`ValidateOptions::file_source`] with where it was given: `None` for `--source`, else
    /// the `[sources]` key.
    pub(crate) fn file_source_entry(&self, file: &str) -> Option<(Option<&str>, &str)> {
        if let Some(s) = &self.source {
            return Some((None, s));
        }
        let matches = |f: &str, key: &str| {
            let key = key.trim_start_matches("./");
            f == key
                || Path::new(f).file_name().and_then(|n| n.to_str()) == Some(key)
                || f.ends_with(&format!("/{key}"))
        };
        let workbook = file.rsplit_once(':').map(|(w, _)| w);
        self.file_sources
            .iter()
            .find(|(k, _)| matches(file, k) || workbook.is_some_and(|w| matches(w, k)))
            .map(|(k, v)| (Some(k.as_str()), v.as_str()))
    }

    /// The number of worker threads to use.
    pub(crate) fn worker_threads(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            crate::default_threads()
        }
    }
}

/// The contents of a `museum.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Only these rules.
    pub select: Vec<String>,
    /// Not these rules.
    pub ignore: Vec<String>,
    /// Severity per rule (`error`, `warning`, `info`, `off`).
    pub severity: BTreeMap<String, String>,
    /// Thresholds.
    pub limits: Limits,
    /// Where camps are expected.
    pub region: Region,
    /// The `[sources]` section: the one source of a whole list, by file name
    /// (`"spisok.csv" = "src-kniga-skorbi-3"`), for lists that come from one source.
    pub sources: BTreeMap<String, String>,
    /// The `[export]` section (`[export.redact]`, read by `museum export --redact`): accepted so
    /// that one `museum.toml` serves both commands, not used by validation.
    pub export: Option<toml::Table>,
    /// The `[vocab.sentence]`, `[vocab.charge]`, `[vocab.sex]` and `[vocab.sentencing_body]`
    /// sections: this archive's own values and patterns, mapped to the model's kinds.
    pub vocab: VocabConfig,
}

/// The `[vocab.*]` sections of a `museum.toml`: value as written → kind name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VocabConfig {
    /// Sentence values → `execution`, `camp`, `prison`, `exile`, … (see [`SentenceKind`]).
    pub sentence: BTreeMap<String, String>,
    /// Charge values → `articles`, `basis` or `description` (see [`ChargeKind`]).
    pub charge: BTreeMap<String, String>,
    /// Sex values → `male` or `female`.
    pub sex: BTreeMap<String, String>,
    /// Sentencing bodies → `troika`, `special_board`, `court`, … (see [`BodyKind`]).
    pub sentencing_body: BTreeMap<String, String>,
}

impl VocabConfig {
    /// The vocabulary these sections define.
    ///
    /// # Errors
    /// When a kind is unknown: the message names `origin`, the section and the key.
    pub fn resolve(&self, origin: &str) -> Result<UserVocab> {
        use super::vocab::VocabField;
        /// Maps every key of one section, naming `origin`, the section and the key in errors.
        fn section<K: Copy>(
            origin: &str,
            field: VocabField,
            keys: &BTreeMap<String, String>,
            kind_of: impl Fn(&str) -> Option<K>,
        ) -> Result<VocabMap<K>> {
            let name = field.as_str();
            let mut map = VocabMap::default();
            for (key, kind) in keys {
                let k = kind_of(kind.trim()).ok_or_else(|| {
                    Error::invalid_option(format!(
                        "in `{origin}`: [vocab.{name}] \"{key}\" = \"{kind}\": unknown kind; expected one of {}",
                        field.kinds().join(", ")
                    ))
                })?;
                map.insert(key, k).map_err(|why| {
                    Error::invalid_option(format!("in `{origin}`: [vocab.{name}] \"{key}\": {why}"))
                })?;
            }
            Ok(map)
        }
        Ok(UserVocab {
            sentence: section(origin, VocabField::Sentence, &self.sentence, |k| {
                SentenceKind::parse(k).filter(|k| *k != SentenceKind::Unrecognised)
            })?,
            charge: section(origin, VocabField::Charge, &self.charge, ChargeKind::parse)?,
            sex: section(origin, VocabField::Sex, &self.sex, |k| match k {
                "male" => Some(SexValue::Male),
                "female" => Some(SexValue::Female),
                _ => None,
            })?,
            sentencing_body: section(
                origin,
                VocabField::SentencingBody,
                &self.sentencing_body,
                |k| BodyKind::parse(k).filter(|k| *k != BodyKind::Unrecognised),
            )?,
        })
    }
}

impl Config {
    /// Parses the text of a `museum.toml`; `origin` names it in errors.
    ///
    /// # Errors
    /// When the text is not valid TOML, has unknown keys, or names unknown rules.
    ///
    /// ```
    /// use museum_core::validate::Config;
    /// let c = Config::parse("ignore = [\"M211\"]\n[limits]\nmin_age = 14\n", "museum.toml").unwrap();
    /// assert_eq!(c.limits.min_age, 14.0);
    /// assert!(Config::parse("[limits]\nmin_agee = 1\n", "museum.toml").is_err());
    /// // The export settings live in the same file.
    /// assert!(Config::parse("[export.redact]\ndrop = [\"notes\"]\n", "museum.toml").is_ok());
    /// ```
    pub fn parse(text: &str, origin: &str) -> Result<Config> {
        let c: Config = toml::from_str(text).map_err(|e| {
            Error::invalid_option(format!("invalid `{origin}`: {}", e.message().trim()))
        })?;
        c.check(origin)?;
        Ok(c)
    }

    /// Reads and parses a `museum.toml`.
    ///
    /// # Errors
    /// When the file cannot be read or is invalid.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
        Config::parse(&text, &path.display().to_string())
    }

    /// The `museum.toml` that applies to `path`: in the directory itself, or in the directory of
    /// a file.
    pub fn find(path: &Path) -> Option<PathBuf> {
        let dir = if path.is_dir() {
            path
        } else {
            match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            }
        };
        let candidate = dir.join(CONFIG_FILE);
        candidate.is_file().then_some(candidate)
    }

    fn check(&self, origin: &str) -> Result<()> {
        for s in self.select.iter().chain(&self.ignore) {
            Selector::parse(s).map_err(|e| Error::invalid_option(format!("in `{origin}`: {e}")))?;
        }
        for (k, v) in &self.severity {
            Selector::parse(k).map_err(|e| Error::invalid_option(format!("in `{origin}`: {e}")))?;
            parse_severity(v).ok_or_else(|| {
                Error::invalid_option(format!(
                    "in `{origin}`: severity `{v}` of `{k}` is not one of error, warning, info, off"
                ))
            })?;
        }
        let l = &self.limits;
        if !(l.min_age <= l.warn_min_age
            && l.warn_min_age <= l.warn_max_age
            && l.warn_max_age <= l.max_age)
        {
            return Err(Error::invalid_option(format!(
                "in `{origin}`: the ages must satisfy min_age ≤ warn_min_age ≤ warn_max_age ≤ max_age"
            )));
        }
        if !(0.0..=1.0).contains(&l.empty_column_threshold) {
            return Err(Error::invalid_option(format!(
                "in `{origin}`: empty_column_threshold must be between 0 and 1"
            )));
        }
        if l.max_field_size == 0 {
            return Err(Error::invalid_option(format!(
                "in `{origin}`: max_field_size must be positive"
            )));
        }
        self.vocab.resolve(origin)?;
        if l.max_records == Some(0) {
            return Err(Error::invalid_option(format!(
                "in `{origin}`: max_records must be positive (leave it out for no limit)"
            )));
        }
        Ok(())
    }

    /// Applies the configuration on top of `options`.
    ///
    /// # Errors
    /// When a rule name is unknown (already checked by [`Config::parse`]).
    pub fn apply(&self, mut options: ValidateOptions) -> Result<ValidateOptions> {
        let select: Vec<Selector> = self
            .select
            .iter()
            .map(|s| Selector::parse(s))
            .collect::<Result<_>>()?;
        let ignore: Vec<Selector> = self
            .ignore
            .iter()
            .map(|s| Selector::parse(s))
            .collect::<Result<_>>()?;
        options = options.select(&select).ignore(&ignore);
        for (k, v) in &self.severity {
            let sel = Selector::parse(k)?;
            let sev = parse_severity(v);
            for c in Code::ALL.iter().filter(|c| sel.matches(**c)) {
                match sev {
                    Some(Some(s)) => {
                        options.severities.insert(*c, s);
                    }
                    Some(None) => options.enabled[c.index()] = false,
                    None => {}
                }
            }
        }
        options.limits = self.limits.clone();
        options.region = self.region;
        options.file_sources.clone_from(&self.sources);
        let vocab = self.vocab.resolve(CONFIG_FILE)?;
        options.vocab = (!vocab.is_empty()).then(|| Arc::new(vocab));
        Ok(options)
    }
}

/// `Some(Some(severity))`, `Some(None)` for `off`, `None` for anything else.
#[allow(clippy::option_option)] // the three states are documented above
fn parse_severity(text: &str) -> Option<Option<Severity>> {
    match text.trim().to_ascii_lowercase().as_str() {
        "error" => Some(Some(Severity::Error)),
        "warning" | "warn" => Some(Some(Severity::Warning)),
        "info" => Some(Some(Severity::Info)),
        "off" | "ignore" | "none" => Some(None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_applies_selection_severity_and_limits() {
        let c = Config::parse(
            "ignore = [\"M6\"]\n[severity]\nunknown-column = \"error\"\nM211 = \"off\"\n[limits]\nmax_field_size = 10\n",
            "museum.toml",
        )
        .unwrap();
        let o = c.apply(ValidateOptions::default()).unwrap();
        assert!(!o.is_enabled(Code::NoSource));
        assert!(!o.is_enabled(Code::StrayWhitespace));
        assert!(o.is_enabled(Code::UnparseableDate));
        assert_eq!(o.severities[&Code::UnknownColumn], Severity::Error);
        assert_eq!(o.csv_options().max_field_size, 10);
    }

    #[test]
    fn the_export_section_is_accepted_and_left_to_export() {
        let c = Config::parse(
            "ignore = [\"M603\"]\n[export.redact]\ndrop = [\"notes\"]\nmask_born_within_years = 100\n",
            "museum.toml",
        )
        .unwrap();
        assert_eq!(c.ignore, ["M603"]);
        assert!(c.export.unwrap().contains_key("redact"));
    }

    #[test]
    fn vocab_sections_extend_the_vocabulary() {
        let c = Config::parse(
            "[vocab.sentence]\n\"10 l. ITL\" = \"camp\"\n[vocab.sex]\n\"Er\" = \"male\"\n[vocab.charge]\n\"КРА\" = \"description\"\n",
            "museum.toml",
        )
        .unwrap();
        let o = c.apply(ValidateOptions::default()).unwrap();
        let v = o.vocab.unwrap();
        assert_eq!(v.sentence.get("10 l. ITL"), Some(SentenceKind::Camp));
        assert_eq!(v.sex.get("er"), Some(SexValue::Male));
        assert_eq!(v.charge.get("кра"), Some(ChargeKind::Description));
        let e = Config::parse(
            "[vocab.sentence]\n\"5 l.\" = \"kamp\"\n",
            "data/museum.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("data/museum.toml") && e.contains("[vocab.sentence]") && e.contains("5 l."),
            "{e}"
        );
        assert!(Config::parse("[vocab.sex]\nx = \"unrecognised\"\n", "m.toml").is_err());
        assert!(Config::parse("[vocab.place]\nx = \"y\"\n", "m.toml").is_err());
        // Patterns and the sentencing bodies.
        let c = Config::parse(
            "[vocab.sentence]\n\"{n} let ITL *\" = \"camp\"\n[vocab.sentencing_body]\n\"ЛВК *\" = \"tribunal\"\n",
            "museum.toml",
        )
        .unwrap();
        let v = c.apply(ValidateOptions::default()).unwrap().vocab.unwrap();
        assert_eq!(
            v.sentence.get("8 let ITL s konfiskatsiei"),
            Some(SentenceKind::Camp)
        );
        assert_eq!(
            v.sentencing_body.get("ЛВК Турксиба"),
            Some(BodyKind::Tribunal)
        );
        for (bad, why) in [
            ("\"{m} лет\" = \"camp\"", "unknown placeholder `{m}`"),
            ("\"* *\" = \"camp\"", "would match every value"),
            ("\"{n}* лет\" = \"camp\"", "two wildcards in a row"),
            ("\"{n лет\" = \"camp\"", "without its `}`"),
        ] {
            let e = Config::parse(&format!("[vocab.sentence]\n{bad}\n"), "data/museum.toml")
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("data/museum.toml") && e.contains("[vocab.sentence]") && e.contains(why),
                "{bad}: {e}"
            );
        }
        assert!(Config::parse("[vocab.sentencing_body]\nx = \"nkvd\"\n", "m.toml").is_err());
    }

    #[test]
    fn bad_configs_are_errors() {
        for text in [
            "ignore = [\"M999\"]",
            "[severity]\nM201 = \"fatal\"",
            "[limits]\nmin_age = 50\n",
            "unknown = 1",
            "ignore = ",
            "export = 1",
        ] {
            assert!(Config::parse(text, "museum.toml").is_err(), "{text}");
        }
    }
}
