"""Folding Vietnamese text into comparison keys: case, diacritics, Unicode form, spacing."""
import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")

# Abbreviations that offices use in headers; expanded before matching.
HEADER_ABBREVIATIONS = {
    "ts": "tong so",
    "sl": "so luong",
    "dv": "dang vien",
    "cb": "chi bo",
    "qc": "quan chung",
    "sh": "sinh hoat",
    "stt": "stt",
}


# Characters with no place in a name, a note or a file name: control codes (an escape sequence can redraw a
# terminal) and the invisible direction marks that make a name display reversed. Tab and line feed stay.
_INVISIBLE = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\x{200b}-\\x{200f}\\x{202a}-\\x{202e}\\x{2060}-\\x{2069}\\x{feff}"
INVISIBLE_SQL = f"[{_INVISIBLE}]"    # for DuckDB's regexp_replace (RE2)
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """`text` without control codes and direction marks."""
    return _INVISIBLE_RE.sub("", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _base_letter(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


# Every precomposed Latin letter to its base letter, built once: translate() is far quicker than NFD per call.
_TO_BASE = {code: _base_letter(chr(code)) for code in range(0xC0, 0x1EFA) if _base_letter(chr(code)) != chr(code)}
_TO_BASE.update({ord("đ"): "d", ord("Đ"): "D"})


def fold(text: object) -> str:
    """Lower-case ASCII words separated by single spaces: 'Huyện  Mường-Khương' -> 'huyen muong khuong'."""
    if text is None:
        return ""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", str(text)).translate(_TO_BASE).lower()).strip()


def unaccented(text: str) -> str:
    """Lower case without diacritics, one character for each of NFC `text`'s, so that a position found in it is
    the same position in `text`: 'Trên 3.550 Đảng viên' -> 'tren 3.550 dang vien'."""
    return text.translate(_TO_BASE).lower()


def header_words(text: object) -> set[str]:
    """The words of a header after folding and expanding abbreviations."""
    words = []
    for word in fold(text).split():
        words.extend(HEADER_ABBREVIATIONS.get(word, word).split())
    return set(words)


def slug(text: str, limit: int = 80) -> str:
    """A file name from a Vietnamese title: 'Tỷ lệ đảng viên' -> 'ty-le-dang-vien'."""
    return "-".join(fold(text).split())[:limit].rstrip("-")
