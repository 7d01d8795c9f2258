#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/seeds/<target>/ from the repository's
own test fixtures and datasets (see fuzz/README.md). Deterministic; run from anywhere:

    python3 fuzz/seeds.py

Inputs that start with a selector byte (csv, json, validate) get the byte that names the
file's dataset kind; see museum_core::fuzzing for the layout."""

import csv
import hashlib
import io
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"
# The order of museum_core::io::DatasetKind::ALL.
KINDS = ["sources", "figures", "events", "camps", "victims", "estimates", "claims"]
FILE_SEPARATOR = b"\x1e"
MAX_SEED = 4096


def kind_of(path: Path) -> int:
    stem = path.name.lower()
    for i, k in enumerate(KINDS):
        if k in stem or k[:-1] in stem:
            return i
    if path.parent.name in KINDS:
        return KINDS.index(path.parent.name)
    return KINDS.index("victims")


def head(data: bytes, limit: int = MAX_SEED) -> bytes:
    """The first lines of a file that fit in `limit` bytes (at least the first line)."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[: cut + 1] if cut > 0 else data[:limit]


def write(target: str, data: bytes) -> None:
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def fixtures(*exts: str) -> list[Path]:
    files = [p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.is_file()]
    files += [p for p in (ROOT / "datasets").glob("*") if p.is_file()]
    return sorted(p for p in files if p.suffix in exts and "fuzz" not in p.parts)


def rows_of(p: Path) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(head(p.read_bytes(), 20000).decode(errors="replace"))))
    except csv.Error:
        return []


def date_texts() -> set[str]:
    texts = set()
    for src in ["museum-core/tests/dates.rs", "museum-core/src/model/date.rs"]:
        for m in re.finditer(r'"((?:[^"\\\n]|\\.){1,64})"', (ROOT / src).read_text()):
            texts.add(m.group(1).replace('\\"', '"'))
    for p in fixtures(".csv"):
        rows = rows_of(p)
        if not rows:
            continue
        for i, h in enumerate(rows[0]):
            if "date" in h or "дата" in h.lower() or h in ("year", "opened", "closed"):
                texts.update(r[i] for r in rows[1:40] if i < len(r) and r[i])
    return texts


def name_texts() -> set[str]:
    texts = set()
    src = (ROOT / "museum-core/tests/names.rs").read_text()
    texts.update(m.group(1) for m in re.finditer(r'"([^"\\\n]{1,80})"', src))
    for p in fixtures(".csv"):
        rows = rows_of(p)
        if not rows:
            continue
        for i, h in enumerate(rows[0]):
            if "name" in h or h in ("surname", "patronymic", "Фамилия", "ФИО"):
                texts.update(r[i] for r in rows[1:30] if i < len(r) and r[i])
    return texts


def main() -> None:
    for t in date_texts():
        write("date", t.encode())
    for t in name_texts():
        write("name", t.encode())

    for p in fixtures(".csv", ".tsv"):
        k = kind_of(p)
        write("csv", bytes([k]) + head(p.read_bytes()))
    write("csv", bytes([KINDS.index("victims") | 0x08]) + b"id;surname\nv1;X\n")

    for p in fixtures(".json", ".jsonl"):
        k = kind_of(p) | (0x08 if p.suffix == ".jsonl" else 0)
        write("json", bytes([k]) + head(p.read_bytes()))
    # Flat records (CSV headers as keys) from the datasets, as an array and as JSON Lines.
    for p in sorted((ROOT / "datasets").glob("*.csv")):
        k = kind_of(p)
        rows = list(csv.DictReader(io.StringIO(p.read_text())))[:3]
        write("json", bytes([k]) + json.dumps(rows, ensure_ascii=False).encode())
        lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
        write("json", bytes([k | 0x08]) + lines.encode())

    # validate: every rule fixture alone, and the datasets (cut short) together.
    for p in fixtures(".csv", ".json", ".jsonl"):
        if "datasets" in p.parts:
            continue
        fmt = {".csv": 0, ".json": 1, ".jsonl": 2}[p.suffix]
        write("validate", b"\x00" + bytes([kind_of(p) + 7 * fmt]) + head(p.read_bytes()))
    files = [
        bytes([KINDS.index(p.stem)]) + head(p.read_bytes(), 1200)
        for p in sorted((ROOT / "datasets").glob("*.csv"))
    ]
    write("validate", b"\x01" + FILE_SEPARATOR.join(files))
    for d in ["valid", "rules/M402_unknown_camp", "rules/M403_link_mismatch"]:
        files = [
            bytes([kind_of(p)]) + head(p.read_bytes(), 1500)
            for p in sorted((ROOT / "tests/fixtures" / d).glob("*.csv"))
        ]
        write("validate", b"\x02" + FILE_SEPARATOR.join(files))


if __name__ == "__main__":
    main()
