"""Key sentences of an incident: each statement once, with every report that carries it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.incidents import KeySentence

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“'‘(]?[A-Z0-9])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_MIN_WORDS = 6


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph (a punctuation rule: good enough for news prose)."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def sentence_key(sentence: str) -> str:
    """Matching key: case, punctuation and typography folded."""
    return _NON_WORD.sub(" ", sentence.lower()).strip()


def add_key_sentences(
    current: Sequence[KeySentence], article_id: str, paragraphs: Sequence[str], limit: int
) -> list[KeySentence]:
    """Add one report's sentences: a repeated statement gains a carrier, a new one is appended
    while there is room; statements carried by more reports rank first."""
    index = {sentence_key(s.text): i for i, s in enumerate(current)}
    carriers = [list(s.article_ids) for s in current]
    texts = [s.text for s in current]
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            key = sentence_key(sentence)
            if len(key.split()) < _MIN_WORDS:
                continue
            if key in index:
                ids = carriers[index[key]]
                if article_id not in ids:
                    ids.append(article_id)
            else:
                index[key] = len(texts)
                texts.append(sentence)
                carriers.append([article_id])
    ranked = sorted(range(len(texts)), key=lambda i: (-len(carriers[i]), i))
    return [KeySentence(text=texts[i], article_ids=carriers[i]) for i in ranked[:limit]]


def merge_key_sentences(
    first: Sequence[KeySentence], second: Sequence[KeySentence], limit: int
) -> list[KeySentence]:
    """Key sentences of two incidents merged: one entry per statement, carriers pooled."""
    texts: list[str] = []
    carriers: list[list[str]] = []
    index: dict[str, int] = {}
    for sentence in [*first, *second]:
        key = sentence_key(sentence.text)
        if key in index:
            ids = carriers[index[key]]
            ids.extend(i for i in sentence.article_ids if i not in ids)
        else:
            index[key] = len(texts)
            texts.append(sentence.text)
            carriers.append(list(sentence.article_ids))
    ranked = sorted(range(len(texts)), key=lambda i: (-len(carriers[i]), i))
    return [KeySentence(text=texts[i], article_ids=carriers[i]) for i in ranked[:limit]]
