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


def header_words(text: object) -> set[str]:
    """The words of a header after folding and expanding abbreviations."""
    words = []
    for word in fold(text).split():
        words.extend(HEADER_ABBREVIATIONS.get(word, word).split())
    return set(words)


def slug(text: str, limit: int = 80) -> str:
    """A file name from a Vietnamese title: 'Tỷ lệ đảng viên' -> 'ty-le-dang-vien'."""
    return "-".join(fold(text).split())[:limit].rstrip("-")
