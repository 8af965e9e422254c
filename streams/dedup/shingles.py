"""Word shingles of a story's text, hashed to 64-bit integers (vectorised with numpy).

Shingles are taken within each paragraph, never across a paragraph break, so that a copy with its
paragraphs reordered has the same shingle set as its original. A paragraph shorter than one
shingle counts as one shingle of its own words, so short paragraphs still leave a trace.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

#: Words per shingle. 5 is the classic choice for news (Broder); measured on gva-dev: with 5,
#: articles of different incidents share at most 30% of their shingles once cleaned.
SHINGLE_WORDS = 5

# Fixed odd 64-bit multipliers, one per position in a shingle: a shingle's hash depends on the
# order of its words. Constants, so every worker and every replay hashes alike.
_POSITION_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
    ],
    dtype=np.uint64,
)

Hashes = npt.NDArray[np.uint64]
_WORD = re.compile(r"[^\W_]+")


def paragraph_words(paragraphs: Iterable[str]) -> list[list[str]]:
    """Each paragraph's words: lowercased runs of letters and digits (punctuation, typographic
    quotes and dashes are all separators, so "O’Neil" and "O'Neil" give the same words)."""
    out = []
    for paragraph in paragraphs:
        words = _WORD.findall(paragraph.lower())
        if words:
            out.append(words)
    return out


def sorted_unique(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """`np.unique(values)` of a 1-d array: its distinct values, sorted, same dtype.

    Why: numpy 2's np.unique goes through a hash table before it sorts, 74 µs on the ~400
    shingle hashes of a story where a sort and a comparison with the neighbour take 15 µs
    (measured); dedup calls it three times per report (core bench, collector off: dedup 936 ->
    830 µs CPU per article)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _mix(x: Hashes) -> Hashes:
    """splitmix64 finaliser: spreads the sum of word hashes over all 64 bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(paragraphs: Iterable[str], size: int = SHINGLE_WORDS) -> Hashes:
    """Sorted distinct 64-bit hashes of the text's word shingles.

    One pass over all words of the text (numpy calls per paragraph would cost more than the
    hashing): windows that cross a paragraph break are masked out afterwards.
    """
    paras = paragraph_words(paragraphs)
    if not paras:
        return np.empty(0, dtype=np.uint64)
    words = [w for p in paras for w in p]
    # map over C functions rather than a generator: the same crc32 values, without a Python
    # frame per word (that generator was 0.55 s of the 2.2 s of shingle_hashes in cProfile).
    word_hashes = np.fromiter(
        map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words)
    )
    lengths = np.fromiter((len(p) for p in paras), dtype=np.int64, count=len(paras))
    paragraph_of = np.repeat(np.arange(len(paras)), lengths)
    multipliers = _POSITION_MULTIPLIERS[:size]
    parts: list[Hashes] = []
    count = len(words) - size + 1
    if count > 0:
        acc = np.zeros(count, dtype=np.uint64)
        for position in range(size):
            acc += word_hashes[position : position + count] * multipliers[position]
        parts.append(acc[paragraph_of[:count] == paragraph_of[size - 1 :]])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    for start, length in zip(starts[lengths < size], lengths[lengths < size], strict=True):
        # A paragraph shorter than a shingle is one shingle of its own words.
        piece = word_hashes[start : start + length] * multipliers[:length]
        parts.append(np.array([piece.sum(dtype=np.uint64)], dtype=np.uint64))
    return sorted_unique(_mix(np.concatenate(parts)))
