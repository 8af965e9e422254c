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
# str.replace for each folded character present: cheaper than a regex with a replacement
# function (or str.translate with a dict) on non-ASCII text, and match_key runs on every paragraph.
_FOLD_ITEMS = tuple(_FOLD.items())
# Zero-width characters and soft hyphens that crawls leave inside words.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


def tidy(text: str) -> str:
    """Return `text` NFC-normalised with invisible characters gone and spaces collapsed.

    Newlines are kept (they carry paragraph structure); each line is stripped. Unicode spaces
    (NBSP, thin, ideographic) count as spaces.
    """
    text = unicodedata.normalize("NFC", text)
    if not text.isascii() and any(map(text.__contains__, _INVISIBLE_CHARS)):
        # The substring tests are ~10x cheaper than the regex on a text without any.
        text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    return "\n".join(line if _is_tidy(line) else " ".join(line.split()) for line in lines)


def _is_tidy(line: str) -> bool:
    """True when `line` has no whitespace but single inner ASCII spaces (nothing to collapse).

    Every whitespace character but the ASCII space is non-printable, so the test is a few C
    scans, cheaper than splitting and joining a line that is most often already tidy.
    """
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "


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
        if not text.isprintable():  # invisible characters are format characters (Cf)
            text = _INVISIBLE.sub("", text)
        for typographic, plain in _FOLD_ITEMS:
            if typographic in text:
                text = text.replace(typographic, plain)
    text = text.lower()
    # Paragraphs arrive tidied (one space between words): checking that is cheaper than
    # splitting and joining them again.
    return text if _is_tidy(text) else " ".join(text.split())

