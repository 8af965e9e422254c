"""Sentence level: the same statement repeated across an incident's reports, found once.

Two sentences are the same statement when their normalised keys are equal, or when they are
near-identical (rapidfuzz ratio ≥ 90 on the keys: a changed word or a typo in a long sentence,
"Hasakah" for "Hasakeh"). The ratio is only computed for keys of similar length, which is also
what a ratio of 90 requires, and carrying the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from streams.extract.fingerprint import normalise_for_hash

#: rapidfuzz ratio (0-100) at or above which two sentence keys are one statement.
SAME_STATEMENT_RATIO = 90.0
#: Keys shorter than this many characters match exactly only: short sentences ("Police said.")
#: differ by one word and mean something else.
MIN_FUZZY_CHARS = 30

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


# Cached: an incident's known statements are keyed again each time a report joins it (188,775
# calls over 3,000 articles, 2.5 s of the 68 s core cProfile, 2.0 s of it re-keying known
# statements). A pure function of its text, so the cache changes no result; bounded, so memory
# is too.
@lru_cache(maxsize=1 << 16)
def sentence_key(sentence: str) -> str:
    """Matching key: case, typography and punctuation folded, spaces collapsed."""
    return _SPACE.sub(" ", normalise_for_hash([sentence]))


def match_sentence(key: str, known: Sequence[str]) -> int | None:
    """Index in `known` (sentence keys) of the statement `key` repeats, or None."""
    return SentenceIndex(known).find(key)


# Cached like `sentence_key`, for the same known statements indexed again at every join.
@lru_cache(maxsize=1 << 16)
def _numbers(key: str) -> tuple[str, ...]:
    """The numbers a key carries, in order."""
    return tuple(_DIGITS.findall(key))


class SentenceIndex:
    """Sentence keys, in order, indexed so that `find` gives what `match_sentence` would.

    Why: an incident's pool of up to 150 statements is matched against every sentence of every
    joining report, and `match_sentence` over the plain list re-read the numbers of each known
    key for each sentence (3.1 s of the fold's 35 s cProfile over 3,000 articles). Here each
    key's numbers are read once and keys are grouped by them, so a sentence is only compared
    with keys carrying the same numbers. Local to one pool: no state outlives the call that
    builds it.
    """

    __slots__ = ("_first", "_groups", "keys")

    def __init__(self, keys: Sequence[str] = ()) -> None:
        self.keys: list[str] = []
        #: Key -> index of its first occurrence (the exact match `match_sentence` finds first).
        self._first: dict[str, int] = {}
        #: Numbers of a key -> indices of fuzzy-comparable keys (long enough) carrying them.
        self._groups: dict[tuple[str, ...], list[int]] = {}
        for key in keys:
            self.add(key)

    def add(self, key: str) -> int:
        """Append `key`; returns its index."""
        index = len(self.keys)
        self.keys.append(key)
        self._first.setdefault(key, index)
        if len(key) >= MIN_FUZZY_CHARS:
            self._groups.setdefault(_numbers(key), []).append(index)
        return index

    def find(self, key: str) -> int | None:
        """Index of the statement `key` repeats, or None (the rules of `match_sentence`)."""
        if not key:
            return None
        exact = self._first.get(key)
        if exact is not None:
            return exact
        if len(key) < MIN_FUZZY_CHARS:
            return None
        # Length prefilter: ratio = 2*matches/(len a + len b) cannot reach 90 beyond ~18% apart.
        low, high = len(key) * 0.8, len(key) * 1.25
        # Same numbers required: "23 killed" and "25 killed" are a conflict to report, not one
        # statement, however close the wording.
        keys = self.keys
        choices = {
            i: keys[i] for i in self._groups.get(_numbers(key), ()) if low <= len(keys[i]) <= high
        }
        if not choices:
            return None
        found = process.extractOne(
            key, choices, scorer=fuzz.ratio, score_cutoff=SAME_STATEMENT_RATIO
        )
        return None if found is None else int(found[2])


def group_sentences(reports: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, list[str]]]:
    """Each statement once: (its first wording, the ids of the reports carrying it), in order of
    first appearance. `reports` is (article id, its sentences) in arrival order."""
    keys = SentenceIndex()
    groups: list[tuple[str, list[str]]] = []
    for article_id, sentences in reports:
        for sentence in sentences:
            key = sentence_key(sentence)
            if not key:
                continue
            index = keys.find(key)
            if index is None:
                keys.add(key)
                groups.append((sentence.strip(), [article_id]))
            elif article_id not in groups[index][1]:
                groups[index][1].append(article_id)
    return groups
