"""Key sentences of an incident: each statement once, with every report that carries it.

An incident remembers up to `limit` statements in order of first appearance (its state), so a
statement repeated by a later report is still recognised; it publishes the ones most reports
carry. Statements match by streams.dedup's sentence key: exactly, or near-identically with the
same numbers (so "23 killed" and "25 killed" stay two statements).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.incidents import KeySentence
from streams.dedup import SentenceIndex, sentence_key

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“'‘(]?[A-Z0-9])")
_MIN_WORDS = 6


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph (a punctuation rule: good enough for news prose)."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _pool(
    known: Sequence[KeySentence], additions: Sequence[tuple[str, Sequence[str]]], limit: int
) -> list[KeySentence]:
    keys = SentenceIndex([sentence_key(s.text) for s in known])
    texts = [s.text for s in known]
    carriers = [list(s.article_ids) for s in known]
    for text, article_ids in additions:
        key = sentence_key(text)
        if len(key.split()) < _MIN_WORDS:
            continue
        found = keys.find(key)
        if found is not None:
            carriers[found].extend(i for i in article_ids if i not in carriers[found])
        elif len(texts) < limit:
            texts.append(text)
            keys.add(key)
            carriers.append(list(article_ids))
    # A statement no addition touched is kept as the very same value: building all of them
    # anew (validating each) was 2.3 s of the fold's 35 s cProfile over 3,000 articles.
    return [
        known[i]
        if i < len(known) and len(c) == len(known[i].article_ids)
        else KeySentence(text=t, article_ids=c)
        for i, (t, c) in enumerate(zip(texts, carriers, strict=True))
    ]


def add_sentences(
    known: Sequence[KeySentence], article_id: str, paragraphs: Sequence[str], limit: int
) -> list[KeySentence]:
    """The statements known with one report's sentences added (at most `limit` statements)."""
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    return _pool(known, [(s, [article_id]) for s in sentences], limit)


def merge_sentences(
    first: Sequence[KeySentence], second: Sequence[KeySentence], limit: int
) -> list[KeySentence]:
    """The statements of two incidents, one entry per statement, carriers pooled."""
    return _pool(first, [(s.text, s.article_ids) for s in second], limit)


def top_sentences(known: Sequence[KeySentence], count: int) -> list[KeySentence]:
    """The `count` statements most reports carry (ties: the earlier first)."""
    ranked = sorted(range(len(known)), key=lambda i: (-len(known[i].article_ids), i))
    return [known[i] for i in ranked[:count]]
