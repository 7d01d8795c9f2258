//! Escaping and number formatting shared by the renderers.
//!
//! Every text that comes from the data goes through [`html`] (HTML and SVG, text and attribute
//! values alike) or [`md`] (Markdown). Invisible control characters are shown, not obeyed: a
//! right-to-left override (U+202E) hidden in a name would otherwise reverse the text after it
//! on screen, so it renders as a visible `[U+202E]`.

use std::fmt::Write as _;

pub use crate::display::{int, plural, signed};

/// Whether `c` is a control or bidirectional-formatting character that must be shown, not
/// obeyed (C0/C1 controls except tab and newline, the bidi embeddings, overrides and isolates,
/// the LRM/RLM/ALM marks, and the line/paragraph separators).
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Escapes text for HTML and SVG, in element content and in quoted attribute values:
/// `& < > " '` become entities, and hidden controls become a visible `[U+XXXX]`.
///
/// ```
/// use museum_core::report::fmt::html;
/// assert_eq!(html("<script>alert('x')</script> & \"q\""),
///            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
/// assert_eq!(html("abc\u{202E}def"), "abc[U+202E]def");
/// ```
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_hidden_control(c) => {
                let _ = write!(out, "[U+{:04X}]", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a Markdown table cell or paragraph: HTML is neutralised (`<`, `>`, `&`),
/// Markdown syntax is backslash-escaped, newlines become spaces, hidden controls become
/// `[U+XXXX]`.
///
/// ```
/// use museum_core::report::fmt::md;
/// assert_eq!(md("a|b <i>*x*</i>"), "a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt;");
/// ```
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if is_hidden_control(c) => {
                let _ = write!(out, "[U+{:04X}]", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A share 0–1 as a percentage with one decimal: `0.1234` → `12.3%`. Tiny non-zero shares
/// show as `<0.1%` rather than a misleading `0.0%`.
///
/// ```
/// use museum_core::report::fmt::pct;
/// assert_eq!(pct(0.1234), "12.3%");
/// assert_eq!(pct(1.0), "100.0%");
/// assert_eq!(pct(0.0001), "<0.1%");
/// assert_eq!(pct(0.0), "0.0%");
/// ```
pub fn pct(share: f64) -> String {
    if share > 0.0 && share < 0.0005 {
        "<0.1%".to_owned()
    } else {
        format!("{:.1}%", share * 100.0)
    }
}

/// A number that may have decimals, with thousands separators on the integer part
/// (`2300000` → `2,300,000`; `1.5` → `1.5`).
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        // Whole numbers in range are exact in an i64.
        return signed(x as i64);
    }
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s.split_once('.') {
        Some((i, f)) => {
            let n: i64 = i.parse().unwrap_or(0);
            let sign = if x < 0.0 && n == 0 { "-" } else { "" };
            format!("{sign}{}.{f}", signed(n))
        }
        None => s.to_owned(),
    }
}

/// What a distribution counts, in words: `9 persons with a value, 1 without`; for charge
/// articles, whose unit (an article a case names) differs from the unit of what is missing (a
/// case), `13 articles named; 17 cases name no charge, 2 name no article we recognise`.
///
/// ```
/// use museum_core::report::fmt::distribution_note;
/// let d: museum_core::stats::Distribution = serde_json::from_str(r#"{"unit":"persons","total":10,
///   "missing":1,"unrecognised":0,"distinct":2,"top":[],"other":0}"#).unwrap();
/// assert_eq!(distribution_note(&d), "9 persons with a value, 1 without");
/// ```
pub fn distribution_note(d: &crate::stats::Distribution) -> String {
    let known = d.total - d.missing - d.unrecognised;
    if d.unit == "charges" {
        let mut s = format!("{} named", plural(known, "article", "articles"));
        if d.missing > 0 || d.unrecognised > 0 {
            s.push_str("; ");
            let mut parts = Vec::new();
            if d.missing > 0 {
                parts.push(format!(
                    "{} no charge",
                    plural(d.missing, "case names", "cases name")
                ));
            }
            if d.unrecognised > 0 {
                parts.push(format!(
                    "{} no article we recognise",
                    plural(d.unrecognised, "case names", "cases name")
                ));
            }
            s.push_str(&parts.join(", "));
        }
        return s;
    }
    let mut s = format!("{} with a value", plural(known, unit_one(&d.unit), &d.unit));
    if d.missing > 0 {
        let _ = write!(s, ", {} without", int(d.missing));
    }
    if d.unrecognised > 0 {
        let _ = write!(s, ", {} not recognised", int(d.unrecognised));
    }
    s
}

/// The singular of a counting unit (`persons` → `person`).
pub(crate) fn unit_one(unit: &str) -> &str {
    match unit {
        "persons" => "person",
        "cases" => "case",
        "charges" => "charge",
        other => other,
    }
}

/// A "nice" upper bound for an axis and its tick step (1, 2 or 5 times a power of ten), so
/// that `max <= bound` and there are about `ticks` steps.
pub(crate) fn nice_scale(max: u64, ticks: u64) -> (u64, u64) {
    if max == 0 {
        return (1, 1);
    }
    let raw = max.div_ceil(ticks.max(1));
    let mut pow = 1u64;
    while pow.saturating_mul(10) <= raw {
        pow *= 10;
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10 * pow);
    (max.div_ceil(step) * step, step)
}

/// How far the human review of uncertain pairs has come, in one sentence (the counts of
/// `museum review --stats`), without its full stop; `None` when deduplication did not run.
pub fn review_sentence(r: Option<&crate::review::ReviewStats>) -> Option<String> {
    let r = r?;
    let n = |x: usize| x as u64;
    Some(format!(
        "Review: {} by a person; {} still need one ({} near the threshold, {} holding large \
         clusters together, {} refused merges)",
        plural(n(r.decided), "pair decided", "pairs decided"),
        plural(n(r.remaining), "uncertain pair", "uncertain pairs"),
        int(n(r.near_threshold)),
        int(n(r.holding_clusters)),
        int(n(r.refused_merges)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_dangerous() {
        let hostile = "<script>alert(1)</script>\"'&\u{202E}x\u{0007}";
        let e = html(hostile);
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
        assert!(e.contains("[U+202E]") && e.contains("[U+0007]"));
        assert_eq!(html("Жүргенов Темірбек"), "Жүргенов Темірбек");
    }

    #[test]
    fn numbers() {
        assert_eq!(int(0), "0");
        assert_eq!(int(1000), "1,000");
        assert_eq!(int(1_000_000), "1,000,000");
        assert_eq!(signed(-12345), "-12,345");
        assert_eq!(num(2_300_000.0), "2,300,000");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(12345.25), "12,345.25");
        assert_eq!(pct(0.5), "50.0%");
        assert_eq!(pct(0.99999), "100.0%");
        assert_eq!(plural(1, "record", "records"), "1 record");
        assert_eq!(plural(2000, "record", "records"), "2,000 records");
    }

    #[test]
    fn scales() {
        assert_eq!(nice_scale(0, 4), (1, 1));
        assert_eq!(nice_scale(7, 4), (8, 2));
        assert_eq!(nice_scale(100, 4), (100, 50));
        assert_eq!(nice_scale(3456, 4), (4000, 1000));
    }
}
