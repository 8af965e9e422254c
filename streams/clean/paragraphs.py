"""Paragraph splitting and removal of repeated and near-repeated paragraphs (first one kept)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from streams.clean.normalise import match_key, tidy

_BLANK_LINES = re.compile(r"\n\s*\n")
_CLAUSE_END = frozenset(".!?:;…\"'”’)]")

#: Paragraphs whose match keys are this similar (rapidfuzz ratio, 0-100) are one paragraph.
NEAR_REPEAT_SCORE = 92.0
#: Shorter paragraphs are only removed as exact repeats: a few changed characters in a short
#: line can be a different fact ("2 killed" / "3 killed").
NEAR_REPEAT_MIN_CHARS = 60
#: Beyond this many paragraphs, near-repeat search (quadratic) is skipped; exact repeats are
#: still removed (hashing, linear).
NEAR_REPEAT_MAX_PARAGRAPHS = 400
# ratio = 2 * matches / (len_a + len_b) <= 2 * short / (short + long): the shorter text must be
# at least score / (200 - score) of the longer one for the score to be reachable.
_MIN_LENGTH_RATIO = NEAR_REPEAT_SCORE / (200.0 - NEAR_REPEAT_SCORE)


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: one per line, hard-wrapped lines joined back.

    Feeds separate paragraphs by blank lines or by single newlines; a line break is a
    paragraph break unless the line runs on (no closing punctuation) into a line that starts
    in lower case, which is how hard-wrapped text looks.
    """
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(tidy(text)):
        current = ""
        for line in block.split("\n"):
            if not line:
                continue
            if current and current[-1] not in _CLAUSE_END and (line[0].islower() or line[0] == "("):
                current = f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def drop_repeats(
    paragraphs: Sequence[str], min_exact_chars: int = 0
) -> tuple[list[str], int, int]:
    """Drop paragraphs that repeat an earlier one, keeping the first occurrence.

    Paragraphs shorter than `min_exact_chars` are kept even when repeated (the HTML path sets
    it: there the page around the story is already gone, and short repeats are list items or
    table rows of the story itself, "1 cup asparagus").

    Returns (kept, exact repeats removed, near repeats removed). Exact means equal match keys
    (case, quotes, dashes and spacing aside); near means a rapidfuzz ratio of at least
    NEAR_REPEAT_SCORE against an earlier kept paragraph.
    """
    kept: list[str] = []
    seen: set[str] = set()
    # Earlier keys long enough for a near-repeat, sorted by length (`lengths` and `keys` in
    # step): a ratio of at least NEAR_REPEAT_SCORE is only possible between texts of similar
    # length, so each key is compared, in one rapidfuzz call, with the window of earlier keys
    # of a possible length only.
    lengths: list[int] = []
    keys: list[str] = []
    use_fuzzy = len(paragraphs) <= NEAR_REPEAT_MAX_PARAGRAPHS
    exact = near = 0
    for paragraph in paragraphs:
        key = match_key(paragraph)
        n = len(key)
        if n < min_exact_chars:
            kept.append(paragraph)
            continue
        if key in seen:
            exact += 1
            continue
        if use_fuzzy and n >= NEAR_REPEAT_MIN_CHARS:
            lo = bisect_left(lengths, math.floor(n * _MIN_LENGTH_RATIO))
            hi = bisect_right(lengths, math.ceil(n / _MIN_LENGTH_RATIO) + 1)
            if lo < hi and process.extractOne(
                key, keys[lo:hi], scorer=fuzz.ratio, score_cutoff=NEAR_REPEAT_SCORE
            ):
                near += 1
                continue
            at = bisect_right(lengths, n)
            lengths.insert(at, n)
            keys.insert(at, key)
        seen.add(key)
        kept.append(paragraph)
    return kept, exact, near
