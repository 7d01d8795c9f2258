//! The one nationality vocabulary (`data/vocab/nationality.tsv`): which nationality a text
//! names, whatever its language, case, gender or ending. Matching compares nationalities by
//! [`nationality_key`]; statistics group them by [`nationality_name`].

use super::fold;

/// One row of the table.
struct Nationality {
    key: &'static str,
    name: &'static str,
    prefixes: Vec<&'static str>,
}

fn table() -> &'static [Nationality] {
    static TABLE: std::sync::OnceLock<Vec<Nationality>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/vocab/nationality.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                Some(Nationality {
                    key: cols.next()?,
                    name: cols.next()?,
                    prefixes: cols.next()?.split(',').map(str::trim).collect(),
                })
            })
            .collect()
    })
}

/// The row a folded text begins with.
fn find(folded: &str) -> Option<&'static Nationality> {
    let f = folded.trim();
    if f.is_empty() {
        return None;
    }
    table()
        .iter()
        .find(|n| n.prefixes.iter().any(|p| f.starts_with(p)))
}

/// The common key of a nationality as written (`kazakh` for `казах`, `Казашка`, `қазақ`,
/// `Kazakh`); for one not in the table, the first five letters of its folded text, so that
/// endings still agree (`дунганин`, `дунгане`). `None` for an empty text.
///
/// ```
/// use museum_core::normalize::nationality_key;
/// assert_eq!(nationality_key("Неміс").as_deref(), Some("german"));
/// assert_eq!(nationality_key("Deutscher").as_deref(), Some("german"));
/// assert_eq!(nationality_key("казашка").as_deref(), Some("kazakh"));
/// assert_eq!(nationality_key("туркмен").as_deref(), Some("turkmen"));
/// assert_eq!(nationality_key(" "), None);
/// ```
pub fn nationality_key(text: &str) -> Option<String> {
    let folded = fold(text);
    key_of_folded(&folded)
}

/// [`nationality_key`] of a text already folded.
pub(crate) fn key_of_folded(folded: &str) -> Option<String> {
    let f = folded.trim();
    if f.is_empty() {
        return None;
    }
    Some(match find(f) {
        Some(n) => n.key.to_owned(),
        None => f.chars().take(5).collect(),
    })
}

/// The name statistics show for a nationality as written: the table's name (`Казах` for
/// `казашка`, `ҚАЗАҚ`, `Kazakh`), or, for one not in the table, the text with spaces collapsed,
/// a trailing dot dropped, lower case with a capital first letter (`дунганин.` → `Дунганин`).
/// `None` for empty text.
///
/// ```
/// use museum_core::normalize::nationality_name;
/// assert_eq!(nationality_name(" КАЗАХ. ").as_deref(), Some("Казах"));
/// assert_eq!(nationality_name("қазақ").as_deref(), Some("Казах"));
/// assert_eq!(nationality_name("дунганин.").as_deref(), Some("Дунганин"));
/// ```
pub fn nationality_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    let c = joined.trim_end_matches(['.', ',', ';']).trim();
    if c.is_empty() {
        return None;
    }
    if let Some(n) = find(&fold(c)) {
        return Some(n.name.to_owned());
    }
    let low = c.to_lowercase();
    let mut chars = low.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_nationality_in_every_language() {
        for (texts, key, name) in [
            (
                &["казах", "Казашка", "ҚАЗАҚ", "Kazakh", "qazaq"][..],
                "kazakh",
                "Казах",
            ),
            (
                &["немец", "неміс", "German", "Deutscher", "немка"][..],
                "german",
                "Немец",
            ),
            (
                &["русский", "орыс", "Russian", "русская"][..],
                "russian",
                "Русский",
            ),
            (&["кореец", "кәріс", "Korean"][..], "korean", "Кореец"),
            (
                &["чеченец", "шешен", "Tschetschene"][..],
                "chechen",
                "Чеченец",
            ),
            (&["туркмен", "Turkmen"][..], "turkmen", "Туркмен"),
            (&["турок", "Turk"][..], "turkish", "Турок"),
        ] {
            for t in texts {
                assert_eq!(nationality_key(t).as_deref(), Some(key), "{t}");
                assert_eq!(nationality_name(t).as_deref(), Some(name), "{t}");
            }
        }
        assert_eq!(nationality_key("дунганин"), nationality_key("дунгане"));
        assert_eq!(nationality_name("  "), None);
    }
}
