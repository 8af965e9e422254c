"""Sentence level: the same statement repeated across an incident's reports, found once.

Two sentences are the same statement when their normalised keys are equal, or when they are
near-identical (rapidfuzz ratio ≥ 90 on the keys: a changed word or a typo in a long sentence,
"Hasakah" for "Hasakeh"). The ratio is only computed for keys of similar length, which is also
what a ratio of 90 requires, and carrying the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from streams.extract.fingerprint import normalise_for_hash

#: rapidfuzz ratio (0-100) at or above which two sentence keys are one statement.
SAME_STATEMENT_RATIO = 90.0
#: Keys shorter than this many characters match exactly only: short sentences ("Police said.")
#: differ by one word and mean something else.
MIN_FUZZY_CHARS = 30

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def sentence_key(sentence: str) -> str:
    """Matching key: case, typography and punctuation folded, spaces collapsed."""
    return _SPACE.sub(" ", normalise_for_hash([sentence]))


def match_sentence(key: str, known: Sequence[str]) -> int | None:
    """Index in `known` (sentence keys) of the statement `key` repeats, or None."""
    if not key:
        return None
    for i, other in enumerate(known):
        if other == key:
            return i
    if len(key) < MIN_FUZZY_CHARS:
        return None
    # Length prefilter: ratio = 2*matches/(len a + len b) cannot reach 90 beyond ~18% apart.
    low, high = len(key) * 0.8, len(key) * 1.25
    # Same numbers required: "23 killed" and "25 killed" are a conflict to report, not one
    # statement, however close the wording.
    numbers = _DIGITS.findall(key)
    choices = {
        i: other
        for i, other in enumerate(known)
        if len(other) >= MIN_FUZZY_CHARS
        and low <= len(other) <= high
        and _DIGITS.findall(other) == numbers
    }
    if not choices:
        return None
    found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=SAME_STATEMENT_RATIO)
    return None if found is None else int(found[2])


def group_sentences(reports: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, list[str]]]:
    """Each statement once: (its first wording, the ids of the reports carrying it), in order of
    first appearance. `reports` is (article id, its sentences) in arrival order."""
    keys: list[str] = []
    groups: list[tuple[str, list[str]]] = []
    for article_id, sentences in reports:
        for sentence in sentences:
            key = sentence_key(sentence)
            if not key:
                continue
            index = match_sentence(key, keys)
            if index is None:
                keys.append(key)
                groups.append((sentence.strip(), [article_id]))
            elif article_id not in groups[index][1]:
                groups[index][1].append(article_id)
    return groups
