//! What a name part's text looks like to Jaro–Winkler, kept beside its symbol ([`Shape`]): the
//! byte classes it contains and its length. Two shapes bound the similarity of their texts, so
//! most pairs of clearly different names are told "not even loosely similar" without reading
//! either text: at a million records the texts lie far apart in memory and loading them was a
//! good part of a comparison.

/// The byte classes (`byte & 31`, as [`jaro_winkler_from`](crate::dedup::util::jaro_winkler_from)
/// indexes them) of a text's first 64 bytes (the bytes it compares), and their number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Shape {
    pub(crate) mask: u32,
    pub(crate) len: u8,
}

impl Shape {
    /// The shape of `text`.
    pub(crate) fn of(text: &str) -> Shape {
        let b = &text.as_bytes()[..text.len().min(64)];
        Shape {
            mask: b.iter().fold(0, |m, &c| m | 1 << (c & 31)),
            len: b.len() as u8,
        }
    }

    /// Whether the Jaro–Winkler similarity of two texts of these shapes is surely below `floor`
    /// (`false`: it may or may not be).
    ///
    /// A byte of one text matches an equal byte of the other, so each class of one text absent
    /// from the other leaves at least one of its bytes unmatched: the matches are at most
    /// `len − |classes missing from the other|` on either side. With no transposition that
    /// bounds Jaro (exactly as `jaro_winkler_from` computes it: each term is monotone in the
    /// matches), and below 0.7 Jaro–Winkler is Jaro. (`jaro_winkler_from` bounds by counts of
    /// each class, which is never looser: its verdict is the same.)
    pub(crate) fn jw_below(self, other: Shape, floor: f64) -> bool {
        if self.len == 0 || other.len == 0 || floor > 0.7 {
            return false;
        }
        let (la, lb) = (u32::from(self.len), u32::from(other.len));
        let m = (la - (self.mask & !other.mask).count_ones().min(la))
            .min(lb - (other.mask & !self.mask).count_ones().min(lb));
        if m == 0 {
            return floor > 0.0;
        }
        let m = f64::from(m);
        let jaro = (m / f64::from(la) + m / f64::from(lb) + 1.0) / 3.0;
        jaro + 1e-9 < floor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::util::jaro_winkler_from;

    #[test]
    fn a_shape_never_rules_out_a_similarity_that_is_reached() {
        let words = [
            "akhmetov",
            "tulepov",
            "akhmetova",
            "tulepbaev",
            "seifullin",
            "kim",
            "miller",
            "muller",
            "nurmakov",
            "abdulla",
            "abdullah",
            "en sik",
            "ensik",
            "a",
            "ab",
            "ba",
            "karkaraly",
            "karkaralinskii",
            "zhumabaev",
            "zhumabai",
            "isaev",
            "esaev",
            "boiko",
            "baiko",
            "rysqulov",
            "ryskulov",
            "ivanovich",
            "omarovich",
            "",
        ];
        let (mut ruled_out, mut pairs) = (0, 0);
        for a in words {
            for b in words {
                for floor in [0.7, 0.5] {
                    pairs += 1;
                    if Shape::of(a).jw_below(Shape::of(b), floor) {
                        ruled_out += 1;
                        assert!(jaro_winkler_from(a, b, 0.0) < floor, "{a} {b} {floor}");
                        assert!(jaro_winkler_from(a, b, floor) < floor, "{a} {b} {floor}");
                    }
                }
            }
        }
        // Clearly different names are told apart by their shapes alone.
        assert!(ruled_out * 3 > pairs, "{ruled_out} of {pairs}");
        assert!(Shape::of("kim").jw_below(Shape::of("tulepov"), 0.7));
        // A bound only from 0.7 down (Jaro–Winkler adds to Jaro above it).
        assert!(!Shape::of("kim").jw_below(Shape::of("tulepov"), 0.8));
    }

    #[test]
    fn only_the_compared_bytes_count() {
        let long = "a".repeat(70) + "z";
        let s = Shape::of(&long);
        assert_eq!((s.len, s.mask), (64, 1 << (b'a' & 31)));
    }
}
