"""Exact-copy fingerprint of the story text: equal hashes mean the same text, whatever the id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from streams.extract.text import fold_punct

_NON_ALNUM = re.compile(r"[\W_]+")


def normalise_for_hash(paragraphs: Iterable[str]) -> str:
    """Lowercase, typographic quotes/dashes folded, non-alphanumerics to one space, trimmed."""
    text = unicodedata.normalize("NFKC", " ".join(paragraphs))
    text = fold_punct(text).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def text_hash(paragraphs: Iterable[str]) -> str:
    """blake2b (16-byte digest, hex) of the normalised text."""
    return hashlib.blake2b(
        normalise_for_hash(paragraphs).encode("utf-8"), digest_size=16
    ).hexdigest()
