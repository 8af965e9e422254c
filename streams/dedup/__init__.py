"""Copies: exact (same normalised text), near, and containment, found against a bounded index.

Pure functions over schema models. The index itself lives in faust tables in the shell (see
streams.dedup.index: entries by article id, buckets by index key, on the region-keyed partition
of articles.extracted, where copies meet because copies share their places); here only the
signature, the keys, the confirmation and the decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from schemas.articles import DuplicateNotice, ExtractedArticle
from streams.dedup.index import (
    Bucket,
    IndexedArticle,
    TextIndexEntry,
    bucket_with,
    bucket_without,
    index_keys,
)
from streams.dedup.near import (
    DuplicateDecision,
    Signature,
    confirm,
    index_entry,
    query_keys,
    signature,
)
from streams.dedup.sentences import (
    SentenceIndex,
    group_sentences,
    match_sentence,
    sentence_key,
)

__all__ = [
    "Bucket",
    "DuplicateDecision",
    "IndexedArticle",
    "SentenceIndex",
    "Signature",
    "TextIndexEntry",
    "bucket_with",
    "bucket_without",
    "confirm",
    "find_copy",
    "group_sentences",
    "index_entry",
    "index_keys",
    "match_sentence",
    "query_keys",
    "rank_candidates",
    "sentence_key",
    "signature",
]


#: Most indexed articles confirmed per report. A copy shares most of its index keys with its
#: original; texts that only share a stock phrase share one or two. Without a cap, synthetic
#: stories with common stock paragraphs meant 160 confirmations per report (3.4 ms, the
#: largest stage in the core profile).
MAX_CANDIDATES = 8


def rank_candidates(hits: Mapping[str, int], limit: int = MAX_CANDIDATES) -> list[str]:
    """Ids worth confirming, from how many of a report's query keys found each: most first,
    ties by id (so the choice does not depend on the order the buckets were read in)."""
    return sorted(hits, key=lambda article_id: (-hits[article_id], article_id))[:limit]


def find_copy(
    article: ExtractedArticle,
    candidates: Sequence[IndexedArticle] | IndexedArticle | None,
    sig: Signature | None = None,
) -> DuplicateNotice | None:
    """A DuplicateNotice when `article` copies one of `candidates` (the index entries its
    query_keys found); None for a new text or the same article again (a redelivery changes
    nothing).

    One entry or None is accepted too (an exact-only lookup by text hash). Of several originals
    the closest wins: an exact copy, then the highest similarity, then the earliest, then the
    smallest id, so the choice does not depend on the order the shell found them in.
    """
    if candidates is None:
        return None
    if isinstance(candidates, IndexedArticle):
        candidates = [candidates]
    if any(c.article_id == article.id for c in candidates):
        return None
    best: tuple[tuple[bool, float, float, str], IndexedArticle, DuplicateDecision] | None = None
    for candidate in candidates:
        if candidate.text_hash != article.text_hash and not candidate.sample:
            continue  # an exact-only entry of another text: nothing to compare
        if sig is None and candidate.text_hash != article.text_hash:
            sig = signature(article)
        decision = _decide(article, candidate, sig)
        if decision is None:
            continue
        rank = (
            decision.kind != "exact",
            -decision.similarity,
            candidate.published_at.timestamp(),
            candidate.article_id,
        )
        if best is None or rank < best[0]:
            best = (rank, candidate, decision)
    if best is None:
        return None
    _, original, decision = best
    return DuplicateNotice(
        article_id=article.id,
        original_id=original.article_id,
        kind=decision.kind,
        similarity=decision.similarity,
        incident_id=original.incident_id,
        published_at=article.article.published_at,
    )


def _decide(
    article: ExtractedArticle, candidate: IndexedArticle, sig: Signature | None
) -> DuplicateDecision | None:
    if candidate.text_hash and candidate.text_hash == article.text_hash:
        return DuplicateDecision("exact", 1.0)
    return None if sig is None else confirm(sig, candidate)
