"""Exact-copy fingerprint of the story text: equal hashes mean the same text, whatever the id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from streams.extract.text import fold_punct

_NON_ALNUM = re.compile(r"[\W_]+")
# For ASCII text "[\W_]" is exactly "not [A-Za-z0-9]": bytes.translate to spaces, then split/join,
# gives the regex's result several times faster on article-long text.
_ASCII_NON_ALNUM_TO_SPACE = bytes(
    c if chr(c).isascii() and chr(c).isalnum() else ord(" ") for c in range(256)
)


def normalise_for_hash(paragraphs: Iterable[str]) -> str:
    """Lowercase, typographic quotes/dashes folded, non-alphanumerics to one space, trimmed."""
    text = unicodedata.normalize("NFKC", " ".join(paragraphs))
    text = fold_punct(text).lower()
    if text.isascii():
        return b" ".join(text.encode("ascii").translate(_ASCII_NON_ALNUM_TO_SPACE).split()).decode(
            "ascii"
        )
    return _NON_ALNUM.sub(" ", text).strip()


def text_hash(paragraphs: Iterable[str]) -> str:
    """blake2b (16-byte digest, hex) of the normalised text."""
    return hashlib.blake2b(
        normalise_for_hash(paragraphs).encode("utf-8"), digest_size=16
    ).hexdigest()
