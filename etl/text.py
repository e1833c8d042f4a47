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


def fold(text: object) -> str:
    """Lower-case ASCII words separated by single spaces: 'Huyện  Mường-Khương' -> 'huyen muong khuong'."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", ascii_only.lower()).strip()


def header_words(text: object) -> set[str]:
    """The words of a header after folding and expanding abbreviations."""
    words = []
    for word in fold(text).split():
        words.extend(HEADER_ABBREVIATIONS.get(word, word).split())
    return set(words)
