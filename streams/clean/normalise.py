"""Text normalisation: tidy text for output, and a folded key for matching text against text."""

from __future__ import annotations

import re
import unicodedata

# Typographic punctuation that varies between copies of one story (one outlet curls quotes,
# another does not); folded for matching only, never in the output text.
_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}
# A regex over the few characters folded: str.translate with a dict is several times slower
# on non-ASCII text, and match_key runs on every paragraph.
_FOLD_RE = re.compile("[" + "".join(_FOLD) + "]")
# Zero-width characters and soft hyphens that crawls leave inside words.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def tidy(text: str) -> str:
    """Return `text` NFC-normalised with invisible characters gone and spaces collapsed.

    Newlines are kept (they carry paragraph structure); each line is stripped. Unicode spaces
    (NBSP, thin, ideographic) count as spaces.
    """
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def tidy_line(text: str) -> str:
    """Return one paragraph NFC-normalised with all whitespace runs collapsed to one space."""
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def match_key(text: str) -> str:
    """Return the key two texts share when they differ only in form, for matching only.

    NFC, typographic quotes and dashes folded to ASCII, lowercased, whitespace collapsed.
    """
    if not text.isascii():  # ASCII text has nothing to normalise or fold
        text = unicodedata.normalize("NFC", text)
        text = _FOLD_RE.sub(lambda m: _FOLD[m.group()], _INVISIBLE.sub("", text))
    return " ".join(text.lower().split())
