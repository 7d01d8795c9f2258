//! Numbers for people: thousands separators and counted nouns, for every human-readable output
//! (the report's renderers re-export them in `report::fmt`; the command line's progress line
//! uses them too, in builds without statistics as well).

/// An integer with thousands separators: `1234567` → `1,234,567`.
///
/// ```
/// use museum_core::display::int;
/// assert_eq!(int(1_234_567), "1,234,567");
/// assert_eq!(int(999), "999");
/// ```
pub fn int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed integer with thousands separators.
pub fn signed(n: i64) -> String {
    if n < 0 {
        format!("-{}", int(n.unsigned_abs()))
    } else {
        int(n.unsigned_abs())
    }
}

/// `n` followed by the noun in singular or plural (`1 record`, `2 records`).
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", int(n), if n == 1 { one } else { many })
}
