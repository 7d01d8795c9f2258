//! Charts as inline SVG, written by hand: no script, no font, no external file. Colours come
//! from CSS classes the page defines (`bar-arrest`, `bar-exec`, `bar-male`…), so the page's
//! print stylesheet applies to them too. Every text from the data is escaped with
//! [`super::fmt::html`]; every bar carries a `<title>` (a tooltip on screen, a label for screen
//! readers).
//!
//! Each function returns `None` when there is nothing to draw, so the page can say "no data"
//! instead of showing an empty frame.

use std::fmt::Write as _;

use super::fmt::{html, int, nice_scale, pct};
use crate::stats::{AgePyramid, Completeness, Timeline};

/// Opens an `<svg>` with a title for assistive technology.
fn open(out: &mut String, w: u32, h: u32, title: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = html(title)
    );
}

/// Cuts a label to `max` characters, with an ellipsis.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn y_axis(out: &mut String, x0: f64, x1: f64, top: f64, h: f64, bound: u64, step: u64) {
    let mut v = 0;
    while v <= bound {
        let y = top + h - (v as f64 / bound as f64) * h;
        let _ = write!(
            out,
            r#"<line class="grid" x1="{x0:.1}" y1="{y:.1}" x2="{x1:.1}" y2="{y:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            x0 - 4.0,
            y + 3.5,
            int(v)
        );
        v += step;
    }
}

/// Arrests and executions per month from January of `from` to December of `to`, as two panels
/// on one scale, with the mass operations of August 1937 – November 1938 shaded.
pub(crate) fn monthly(
    arrests: &Timeline,
    executions: &Timeline,
    from: i32,
    to: i32,
) -> Option<String> {
    let months = usize::try_from((to - from + 1) * 12).ok()?;
    let index = |y: i32, m: u8| -> Option<usize> {
        if y < from || y > to || !(1..=12).contains(&m) {
            return None;
        }
        usize::try_from((y - from) * 12 + i32::from(m) - 1).ok()
    };
    let series = |t: &Timeline| {
        let mut v = vec![0u64; months];
        for c in &t.by_month {
            if let Some(i) = index(c.year, c.month) {
                v[i] += c.count;
            }
        }
        v
    };
    let (a, e) = (series(arrests), series(executions));
    let max = a.iter().chain(&e).copied().max().unwrap_or(0);
    if max == 0 {
        return None;
    }
    let (bound, step) = nice_scale(max, 4);
    let (w, left, right, top, panel, gap, bottom) = (960.0, 60.0, 12.0, 30.0, 120.0, 40.0, 30.0);
    let plot_w = w - left - right;
    let h = top + panel * 2.0 + gap + bottom;
    let bw = plot_w / months as f64;
    let mut out = String::new();
    open(
        &mut out,
        w as u32,
        h as u32,
        &format!("Arrests and executions per month, {from}–{to}"),
    );
    // The mass operations (NKVD order No. 00447): August 1937 to November 1938.
    if let (Some(s), Some(z)) = (index(1937, 8), index(1938, 11)) {
        let x = left + s as f64 * bw;
        let width = (z - s + 1) as f64 * bw;
        let _ = write!(
            out,
            r#"<rect class="band" x="{x:.1}" y="{:.1}" width="{width:.1}" height="{:.1}"><title>Mass operations of the NKVD, August 1937 – November 1938</title></rect><text class="band-label" x="{:.1}" y="{:.1}" text-anchor="middle">1937–38</text>"#,
            top - 14.0,
            panel * 2.0 + gap + 14.0,
            x + width / 2.0,
            top - 4.0
        );
    }
    for (p, (name, class, data, what)) in [
        ("Arrests per month", "bar-arrest", &a, "arrests"),
        ("Executions per month", "bar-exec", &e, "executions"),
    ]
    .into_iter()
    .enumerate()
    {
        let y0 = top + p as f64 * (panel + gap);
        y_axis(&mut out, left, w - right, y0, panel, bound, step);
        let _ = write!(
            out,
            r#"<text class="panel" x="{left:.1}" y="{:.1}">{name}</text>"#,
            y0 - 6.0 + if p == 0 { -12.0 } else { 0.0 }
        );
        for (i, &n) in data.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let bh = (n as f64 / bound as f64) * panel;
            let (y, m) = (from + i32::try_from(i / 12).unwrap_or(0), i % 12 + 1);
            let _ = write!(
                out,
                r#"<rect class="{class}" x="{:.2}" y="{:.2}" width="{:.2}" height="{bh:.2}"><title>{y}-{m:02}: {} {what}</title></rect>"#,
                left + i as f64 * bw,
                y0 + panel - bh,
                (bw - 0.4).max(0.6),
                int(n)
            );
        }
        let _ = write!(
            out,
            r#"<line class="axis" x1="{left:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
            y0 + panel,
            w - right,
            y0 + panel
        );
    }
    // Year ticks under the lower panel.
    let base = top + panel * 2.0 + gap;
    let years = to - from + 1;
    let every = if years > 30 { 5 } else { 2 };
    for y in from..=to {
        let x = left + f64::from(y - from) * 12.0 * bw;
        let _ = write!(
            out,
            r#"<line class="axis" x1="{x:.1}" y1="{base:.1}" x2="{x:.1}" y2="{:.1}"/>"#,
            base + 4.0
        );
        if (y - from) % every == 0 {
            let _ = write!(
                out,
                r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{y}</text>"#,
                x + 6.0 * bw,
                base + 16.0
            );
        }
    }
    out.push_str("</svg>");
    Some(out)
}

/// Grouped bars per year for several series (label, CSS class, counts per year).
pub(crate) fn yearly(series: &[(&str, &str, &Timeline)], title: &str) -> Option<String> {
    let years: Vec<i32> = series
        .iter()
        .flat_map(|(_, _, t)| t.by_year.iter().map(|c| c.year))
        .filter(|y| (1900..=2000).contains(y))
        .collect();
    let (&lo, &hi) = (years.iter().min()?, years.iter().max()?);
    let get = |t: &Timeline, y: i32| {
        t.by_year
            .iter()
            .find(|c| c.year == y)
            .map_or(0, |c| c.count)
    };
    let max = (lo..=hi)
        .flat_map(|y| series.iter().map(move |(_, _, t)| get(t, y)))
        .max()
        .unwrap_or(0);
    if max == 0 {
        return None;
    }
    let (bound, step) = nice_scale(max, 4);
    let (w, left, right, top, plot_h, bottom) = (960.0, 60.0, 12.0, 34.0, 200.0, 30.0);
    let h = top + plot_h + bottom;
    let n_years = f64::from(hi - lo + 1);
    let slot = (w - left - right) / n_years;
    let bw = (slot * 0.8) / series.len() as f64;
    let mut out = String::new();
    open(&mut out, w as u32, h as u32, title);
    // Legend.
    let mut lx = left;
    for (name, class, _) in series {
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{lx:.1}" y="8" width="10" height="10"/><text class="legend" x="{:.1}" y="17">{}</text>"#,
            lx + 14.0,
            html(name)
        );
        lx += 24.0 + 7.0 * name.chars().count() as f64;
    }
    y_axis(&mut out, left, w - right, top, plot_h, bound, step);
    for y in lo..=hi {
        let sx = left + f64::from(y - lo) * slot + slot * 0.1;
        for (k, (name, class, t)) in series.iter().enumerate() {
            let n = get(t, y);
            if n == 0 {
                continue;
            }
            let bh = n as f64 / bound as f64 * plot_h;
            let _ = write!(
                out,
                r#"<rect class="{class}" x="{:.2}" y="{:.2}" width="{:.2}" height="{bh:.2}"><title>{y}: {} {}</title></rect>"#,
                sx + k as f64 * bw,
                top + plot_h - bh,
                (bw - 0.3).max(0.5),
                int(n),
                html(&name.to_lowercase())
            );
        }
    }
    let base = top + plot_h;
    let _ = write!(
        out,
        r#"<line class="axis" x1="{left:.1}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}"/>"#,
        w - right
    );
    let every = match hi - lo {
        0..=20 => 1,
        21..=40 => 2,
        41..=80 => 5,
        _ => 10,
    };
    for y in lo..=hi {
        if (y - lo) % every == 0 {
            let _ = write!(
                out,
                r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{y}</text>"#,
                left + f64::from(y - lo) * slot + slot / 2.0,
                base + 16.0
            );
        }
    }
    out.push_str("</svg>");
    Some(out)
}

/// One row of a horizontal bar chart.
pub(crate) struct Bar {
    /// The label (from the data; escaped here).
    pub(crate) label: String,
    /// The bar's length, relative to the longest.
    pub(crate) value: f64,
    /// The text after the bar (`1,234 · 12.3%`).
    pub(crate) text: String,
}

/// Horizontal bars, one per row, longest first as given. `max` fixes the scale (100% for
/// shares); `None` scales to the longest bar.
pub(crate) fn hbars(rows: &[Bar], class: &str, title: &str, max: Option<f64>) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let max = max.unwrap_or_else(|| rows.iter().map(|r| r.value).fold(0.0, f64::max));
    if max <= 0.0 {
        return None;
    }
    let (w, label_w, value_w, row_h) = (960.0, 300.0, 170.0, 22.0);
    let bar_w = w - label_w - value_w;
    let h = rows.len() as f64 * row_h + 8.0;
    let mut out = String::new();
    open(&mut out, w as u32, h as u32, title);
    for (i, r) in rows.iter().enumerate() {
        let y = 4.0 + i as f64 * row_h;
        let len = (r.value / max * bar_w).max(if r.value > 0.0 { 1.0 } else { 0.0 });
        let _ = write!(
            out,
            r#"<g><title>{label}: {text}</title><text class="label" x="{:.1}" y="{:.1}" text-anchor="end">{short}</text><rect class="{class}" x="{label_w:.1}" y="{:.1}" width="{len:.1}" height="{:.1}"/><text class="value" x="{:.1}" y="{:.1}">{text}</text></g>"#,
            label_w - 8.0,
            y + 15.0,
            y + 3.0,
            row_h - 6.0,
            label_w + len + 6.0,
            y + 15.0,
            label = html(&r.label),
            short = html(&cut(&r.label, 42)),
            text = html(&r.text),
        );
    }
    out.push_str("</svg>");
    Some(out)
}

/// Vertical bars over consecutive integer positions (years, lags), with `label_every` x
/// labels. `what` names the unit in tooltips.
pub(crate) fn vbars(
    points: &[(i64, u64)],
    class: &str,
    title: &str,
    x_name: &dyn Fn(i64) -> String,
    what: &str,
) -> Option<String> {
    let (&(lo, _), &(hi, _)) = (points.first()?, points.last()?);
    let max = points.iter().map(|p| p.1).max().unwrap_or(0);
    if max == 0 {
        return None;
    }
    let (bound, step) = nice_scale(max, 4);
    let (w, left, right, top, plot_h, bottom) = (960.0, 60.0, 12.0, 12.0, 170.0, 30.0);
    let h = top + plot_h + bottom;
    let slots = (hi - lo + 1) as f64;
    let slot = (w - left - right) / slots;
    let mut out = String::new();
    open(&mut out, w as u32, h as u32, title);
    y_axis(&mut out, left, w - right, top, plot_h, bound, step);
    for &(x, n) in points {
        if n == 0 {
            continue;
        }
        let bh = n as f64 / bound as f64 * plot_h;
        let sx = left + (x - lo) as f64 * slot;
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{:.2}" y="{:.2}" width="{:.2}" height="{bh:.2}"><title>{}: {} {what}</title></rect>"#,
            sx + slot * 0.1,
            top + plot_h - bh,
            (slot * 0.8).max(0.6),
            html(&x_name(x)),
            int(n)
        );
    }
    let base = top + plot_h;
    let _ = write!(
        out,
        r#"<line class="axis" x1="{left:.1}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}"/>"#,
        w - right
    );
    let span = hi - lo;
    let every = match span {
        0..=25 => 1,
        26..=50 => 2,
        51..=125 => 5,
        _ => 10,
    };
    let mut x = lo;
    while x <= hi {
        if x.rem_euclid(every) == 0 || every == 1 {
            let cx = left + (x - lo) as f64 * slot + slot / 2.0;
            let _ = write!(
                out,
                r#"<text class="tick" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                base + 16.0,
                html(&x_name(x))
            );
        }
        x += 1;
    }
    out.push_str("</svg>");
    Some(out)
}

/// The age pyramid: men to the left, women to the right, oldest band on top.
pub(crate) fn pyramid(p: &AgePyramid) -> Option<String> {
    let max = p
        .bands
        .iter()
        .map(|b| b.male.max(b.female))
        .max()
        .unwrap_or(0);
    if max == 0 {
        return None;
    }
    let (w, center_w, row_h, top, value_w) = (960.0, 70.0, 18.0, 30.0, 70.0);
    let side = (w - center_w) / 2.0 - value_w;
    let h = top + p.bands.len() as f64 * row_h + 8.0;
    let cx = w / 2.0;
    let mut out = String::new();
    open(&mut out, w as u32, h as u32, "Age at arrest by sex");
    let _ = write!(
        out,
        r#"<text class="panel" x="{:.1}" y="16" text-anchor="end">Men</text><text class="panel" x="{:.1}" y="16">Women</text>"#,
        cx - center_w / 2.0 - 4.0,
        cx + center_w / 2.0 + 4.0
    );
    for (i, b) in p.bands.iter().rev().enumerate() {
        let y = top + i as f64 * row_h;
        let band = format!("{}–{}", b.from, b.to);
        let ml = b.male as f64 / max as f64 * side;
        let fl = b.female as f64 / max as f64 * side;
        let _ = write!(
            out,
            r#"<text class="label" x="{cx:.1}" y="{:.1}" text-anchor="middle">{band}</text>"#,
            y + 13.0
        );
        if b.male > 0 {
            let _ = write!(
                out,
                r#"<g><title>{band}: {} men</title><rect class="bar-male" x="{:.1}" y="{:.1}" width="{ml:.1}" height="{:.1}"/><text class="value" x="{:.1}" y="{:.1}" text-anchor="end">{}</text></g>"#,
                int(b.male),
                cx - center_w / 2.0 - ml,
                y + 2.0,
                row_h - 4.0,
                cx - center_w / 2.0 - ml - 4.0,
                y + 13.0,
                int(b.male)
            );
        }
        if b.female > 0 {
            let _ = write!(
                out,
                r#"<g><title>{band}: {} women</title><rect class="bar-female" x="{:.1}" y="{:.1}" width="{fl:.1}" height="{:.1}"/><text class="value" x="{:.1}" y="{:.1}">{}</text></g>"#,
                int(b.female),
                cx + center_w / 2.0,
                y + 2.0,
                row_h - 4.0,
                cx + center_w / 2.0 + fl + 4.0,
                y + 13.0,
                int(b.female)
            );
        }
    }
    out.push_str("</svg>");
    Some(out)
}

/// Completeness per field as bars on a 0–100% scale.
pub(crate) fn completeness(rows: &[Completeness]) -> Option<String> {
    let bars: Vec<Bar> = rows
        .iter()
        .filter(|c| c.total > 0)
        .map(|c| Bar {
            label: format!("{} ({})", c.field, c.of),
            value: c.share,
            text: format!("{} · {} of {}", pct(c.share), int(c.filled), int(c.total)),
        })
        .collect();
    hbars(&bars, "bar-fill", "Completeness per field", Some(1.0))
}

/// The match weights of a deduplication model, as Splink draws them: one row per field and
/// agreement level, a bar of the level's weight (log2 of m/u, the evidence it adds for a match)
/// right of zero when it argues for a match and left when against, with m and u beside it. A
/// field's name heads its levels (from disagreement up).
pub(crate) fn match_weights(fields: &[crate::dedup::model_file::FieldFile]) -> Option<String> {
    let rows: usize = fields.iter().map(|f| f.levels.len() + 1).sum();
    if fields.iter().all(|f| f.levels.is_empty()) {
        return None;
    }
    let max = fields
        .iter()
        .flat_map(|f| &f.levels)
        .map(|l| l.weight.abs())
        .fold(0.0, f64::max)
        .max(1.0);
    let step = if max > 12.0 { 5.0 } else { 2.0 };
    let bound = (max / step).ceil() * step;
    let (w, label_w, value_w, row_h, top) = (960.0, 230.0, 250.0, 20.0, 24.0);
    let bar_w = w - label_w - value_w;
    let zero = label_w + bar_w / 2.0;
    let x = |v: f64| zero + v / bound * (bar_w / 2.0);
    let h = top + rows as f64 * row_h + 6.0;
    let mut out = String::new();
    open(
        &mut out,
        w as u32,
        h as u32,
        "Match weights of the model: each field's agreement levels, weight = log2(m/u)",
    );
    // Axis: ticks every `step` bits, the zero line across every row.
    let mut v = -bound;
    while v <= bound + 1e-9 {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}"/><text class="tick" x="{0:.1}" y="{3:.1}" text-anchor="middle">{4:+}</text>"#,
            x(v),
            top - 4.0,
            h - 6.0,
            top - 8.0,
            v
        );
        v += step;
    }
    let mut y = top;
    for f in fields {
        let _ = write!(
            out,
            r#"<text class="panel" x="8" y="{:.1}">{}</text>"#,
            y + 14.0,
            html(&f.field.replace('_', " "))
        );
        y += row_h;
        for l in &f.levels {
            let (a, b) = (x(l.weight.min(0.0)), x(l.weight.max(0.0)));
            let class = if l.weight >= 0.0 {
                "bar-agree"
            } else {
                "bar-disagree"
            };
            let text = format!(
                "{:+.2} · m {} · u {}",
                l.weight,
                probability_text(l.m),
                probability_text(l.u)
            );
            let _ = write!(
                out,
                r#"<g><title>{field}: {level}: weight {text}</title><text class="label" x="{:.1}" y="{:.1}" text-anchor="end">{short}</text><rect class="{class}" x="{a:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/><text class="value" x="{:.1}" y="{:.1}">{text}</text></g>"#,
                label_w - 8.0,
                y + 14.0,
                y + 3.0,
                (b - a).max(1.0),
                row_h - 6.0,
                label_w + bar_w + 8.0,
                y + 14.0,
                field = html(&f.field),
                level = html(&l.level),
                short = html(&cut(&l.level, 30)),
            );
            y += row_h;
        }
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}"/>"#,
        zero,
        top - 4.0,
        h - 6.0
    );
    out.push_str("</svg>");
    Some(out)
}

/// A probability with three significant digits (`0.931`, `0.00214`).
fn probability_text(p: f64) -> String {
    if p >= 0.1 {
        format!("{p:.3}")
    } else if p > 0.0 {
        let digits = (-p.log10()).floor() as usize + 3;
        format!("{p:.digits$}")
    } else {
        "0".to_owned()
    }
}
