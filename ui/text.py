"""Text a user supplied (a unit's, an occasion's or a file's name, a cell's value, an account's name) set into
Streamlit markdown as itself: every markdown and Streamlit mark escaped, so a name can never become a link, an
image, a heading or a coloured label. Widget labels, captions, alerts and titles all read markdown."""
import re

from common.text import printable

_MARK = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&=^\"'])")
# Streamlit turns bare addresses into links after escapes are read (GFM autolinks: http://, www., a@b.c); an
# invisible word joiner inside the trigger leaves the text as it reads and no link
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|@)(?=\S)")
_JOINER = "\u2060"


def md(text: object) -> str:
    """`text` on one line, without control codes or direction marks, every markdown character escaped."""
    escaped = _MARK.sub(r"\\\1", " ".join(printable(str(text)).split()))
    return _AUTOLINK.sub(lambda found: found.group(1) + _JOINER, escaped)
