"""Copies: an article whose normalised text was already seen is a copy of the first one.

Pure functions over schema models. The index itself is a faust table in the shell (keyed by
text hash, on the region-keyed partition of articles.extracted, where copies meet because copies
share their places); here only the decision and the index entry.
"""

from __future__ import annotations

from schemas.articles import DuplicateNotice, ExtractedArticle
from streams.dedup.index import TextIndexEntry, index_entry

__all__ = ["TextIndexEntry", "find_copy", "index_entry"]


def find_copy(article: ExtractedArticle, seen: TextIndexEntry | None) -> DuplicateNotice | None:
    """A DuplicateNotice when `seen` (the index entry for the article's text hash) is another
    article; None for a new text or the same article again (a redelivery changes nothing)."""
    if seen is None or seen.article_id == article.id:
        return None
    return DuplicateNotice(
        article_id=article.id,
        original_id=seen.article_id,
        kind="exact",
        similarity=1.0,
        incident_id=seen.incident_id,
        published_at=article.article.published_at,
    )
