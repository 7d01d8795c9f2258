//! Cutting the lowercased text into tokens: numbers, words and single punctuation marks.

use super::{MAX_TOKENS, ParseResult, unparseable};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    /// ASCII digits: value (saturating) and digit count (saturating).
    Num(u32, u8),
    /// Letters.
    Word,
    /// One other character, dashes and quotes normalized.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) kind: TokenKind,
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) const EMPTY: Token<'static> = Token {
    kind: TokenKind::Punct(' '),
    text: "",
    start: 0,
    end: 0,
};

impl<'a> Token<'a> {
    pub(super) fn num(&self) -> Option<(u32, u8)> {
        match self.kind {
            TokenKind::Num(v, d) => Some((v, d)),
            _ => None,
        }
    }

    pub(super) fn word(&self) -> Option<&'a str> {
        (self.kind == TokenKind::Word).then_some(self.text)
    }

    pub(super) fn is_p(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    pub(super) fn is_w(&self, list: &[&str]) -> bool {
        self.word().is_some_and(|w| list.contains(&w))
    }
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || crate::model::invisible::is_invisible(c)
}

pub(super) fn normalize(c: char) -> char {
    match c {
        '\u{2010}' | '\u{2011}' => '-',
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '–',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{2248}' | '\u{223C}' => '~',
        '\u{FF1F}' => '?',
        c => c,
    }
}

pub(super) fn tokenize<'a>(s: &'a str, out: &mut [Token<'a>; MAX_TOKENS]) -> ParseResult<usize> {
    let mut n = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_space(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if let Some(d) = c.to_digit(10) {
            let (mut v, mut digits) = (d, 1u8);
            while let Some(&(j, c2)) = chars.peek() {
                let Some(d2) = c2.to_digit(10) else { break };
                v = v.saturating_mul(10).saturating_add(d2);
                digits = digits.saturating_add(1);
                end = j + 1;
                chars.next();
            }
            TokenKind::Num(v, digits)
        } else if c.is_alphabetic() {
            while let Some(&(j, c2)) = chars.peek() {
                // Combining marks stay in the word (decomposed text), digits and the rest end it.
                if !(c2.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c2)) {
                    break;
                }
                end = j + c2.len_utf8();
                chars.next();
            }
            TokenKind::Word
        } else {
            TokenKind::Punct(normalize(c))
        };
        let slot = out.get_mut(n).ok_or_else(unparseable)?;
        *slot = Token {
            kind,
            text: s.get(i..end).unwrap_or(""),
            start: i,
            end,
        };
        n += 1;
    }
    Ok(n)
}
