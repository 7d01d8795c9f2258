//! Telling what a file is before parsing it: UTF-8 (with or without a BOM) is read; UTF-32,
//! UTF-16 without a byte-order mark and binary files (spreadsheets with a `.csv` name,
//! archives, images) are reported once, with a hint, instead of as thousands of per-value
//! findings. Legacy code pages and UTF-16 with a BOM are decoded before this (see `decode`).

/// What the first bytes of a file say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sniff {
    /// UTF-8 text; `bom` is the length of a leading byte-order mark (0 or 3).
    Utf8 {
        /// Length of the byte-order mark to skip.
        bom: usize,
    },
    /// Not readable as UTF-8 text: a message and a hint.
    Unreadable {
        /// What the file is (`the file is UTF-16, not UTF-8`).
        message: String,
        /// How to convert it.
        help: String,
    },
}

/// Looks at the first bytes of a file (`head`; 64 KiB is plenty).
pub(crate) fn sniff(head: &[u8]) -> Sniff {
    let unreadable = |message: &str, help: &str| Sniff::Unreadable {
        message: message.to_owned(),
        help: help.to_owned(),
    };
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Sniff::Utf8 { bom: 3 };
    }
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) || head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return unreadable(
            "the file is UTF-32, not UTF-8",
            "re-save the file as UTF-8 (e.g. `iconv -f UTF-32 -t UTF-8 in.csv > out.csv`)",
        );
    }
    const UTF16: &str = "re-save the file as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 in.csv > out.csv`; in Excel: \"CSV UTF-8\")";
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return unreadable("the file is UTF-16, not UTF-8", UTF16);
    }
    const MAGIC: &[(&[u8], &str, &str)] = &[
        (
            b"PK\x03\x04",
            "the file is a ZIP archive (an `.xlsx` or `.ods` spreadsheet?), not CSV",
            "if it is a spreadsheet, give it its own extension (`.xlsx`, `.ods`): spreadsheets are read directly",
        ),
        (
            &[0xD0, 0xCF, 0x11, 0xE0],
            "the file is an old Excel (`.xls`) or Word document, not CSV",
            "if it is a spreadsheet, name it `.xls`: spreadsheets are read directly",
        ),
        (
            b"%PDF",
            "the file is a PDF document, not CSV",
            "extract the table first (e.g. with `tabula` or by copying it into a spreadsheet)",
        ),
        (
            &[0x1F, 0x8B],
            "the file is gzip-compressed",
            "decompress it first (`gunzip`)",
        ),
        (
            &[0x89, b'P', b'N', b'G'],
            "the file is a PNG image, not a dataset",
            "check the file name",
        ),
        (
            &[0xFF, 0xD8, 0xFF],
            "the file is a JPEG image, not a dataset",
            "check the file name",
        ),
    ];
    for (magic, message, help) in MAGIC {
        if head.starts_with(magic) {
            return unreadable(message, help);
        }
    }
    let sample = &head[..head.len().min(4096)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    if even + odd > 0 {
        let half = sample.len() / 2;
        // ASCII characters in UTF-16 have a NUL in every other byte; Cyrillic ones (U+04xx) do
        // not, but delimiters, digits and line breaks do.
        if half > 0 && (odd * 8 >= half && even * 20 <= odd || even * 8 >= half && odd * 20 <= even)
        {
            return unreadable(
                "the file is UTF-16 without a byte-order mark, not UTF-8",
                UTF16,
            );
        }
        return unreadable(
            "the file is binary (it contains NUL bytes), not text",
            "check the file name; datasets are UTF-8 CSV, JSON or JSON Lines",
        );
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 20 > sample.len().max(1) {
        return unreadable(
            "the file is binary (it is full of control bytes), not text",
            "check the file name; datasets are UTF-8 CSV, JSON or JSON Lines",
        );
    }
    let (valid, invalid) = utf8_sequences(head);
    if invalid > 0 && invalid > valid {
        return if looks_cp1251(head) {
            unreadable(
                "the file is not UTF-8; it looks like Windows-1251 (Cyrillic)",
                "re-save the file as UTF-8 (e.g. `iconv -f CP1251 -t UTF-8 in.csv > out.csv`; in Excel: \"CSV UTF-8\")",
            )
        } else {
            unreadable(
                "the file is not UTF-8",
                "re-save the file as UTF-8 (e.g. `iconv -f <its encoding> -t UTF-8 in.csv > out.csv`)",
            )
        };
    }
    Sniff::Utf8 { bom: 0 }
}

/// Counts valid multi-byte UTF-8 sequences and invalid bytes (an incomplete sequence at the very
/// end is neither: the sample may cut a character).
pub(crate) fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.bytes().filter(|b| *b >= 0xC0).count();
                return (valid, invalid);
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                valid += good.iter().filter(|b| **b >= 0xC0).count();
                match e.error_len() {
                    Some(n) => {
                        invalid += n;
                        bytes = &rest[n..];
                    }
                    None => return (valid, invalid),
                }
            }
        }
    }
}

/// Windows-1251 Cyrillic: mostly bytes 0xC0–0xFF (А–я) that do not form UTF-8 sequences.
pub(crate) fn looks_cp1251(raw: &[u8]) -> bool {
    let high = raw.iter().filter(|&&b| b >= 0xC0).count();
    high > 0 && high * 2 >= raw.iter().filter(|&&b| b >= 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(head: &[u8]) -> String {
        match sniff(head) {
            Sniff::Unreadable { message, .. } => message,
            Sniff::Utf8 { bom } => format!("utf-8 bom={bom}"),
        }
    }

    #[test]
    fn tells_encodings_apart() {
        assert_eq!(message("id,имя\n1,Ахмет\n".as_bytes()), "utf-8 bom=0");
        assert_eq!(message(b"\xEF\xBB\xBFid\n"), "utf-8 bom=3");
        let utf16: Vec<u8> = "id,surname\n1,Ахмет\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(message(&utf16).contains("UTF-16"), "{}", message(&utf16));
        let mut bom16 = vec![0xFF, 0xFE];
        bom16.extend(&utf16);
        assert!(message(&bom16).contains("UTF-16"));
        // "Фамилия,Имя" in Windows-1251.
        let cp1251 = b"\xD4\xE0\xEC\xE8\xEB\xE8\xFF,\xC8\xEC\xFF\n\xC0\xF5\xEC\xE5\xF2,\xC0\n";
        assert!(
            message(cp1251).contains("Windows-1251"),
            "{}",
            message(cp1251)
        );
        assert!(message(b"PK\x03\x04rest").contains("xlsx"));
        assert!(message(b"\x01\x02\x03\x04\x05\x06\x07\x08abc").contains("binary"));
        assert!(message(b"abc\x00def\x00\x00\x01").contains("binary"));
        // A UTF-8 file with one stray invalid byte is still UTF-8 (reported per value).
        let mut mostly = "Ахмет,Ахметов".as_bytes().to_vec();
        mostly.extend(b"\xFF\n");
        assert_eq!(message(&mostly), "utf-8 bom=0");
    }
}
