"""The dedup index entry: which article first carried a text, and until when to remember it."""

from __future__ import annotations

from datetime import datetime

from schemas.articles import ExtractedArticle
from schemas.base import Model


class TextIndexEntry(Model):
    """Dedup index value (key: text hash): the first article seen with this text."""

    article_id: str
    incident_id: str
    published_at: datetime
    partition: int


def index_entry(article: ExtractedArticle, incident_id: str, partition: int) -> TextIndexEntry:
    """The entry that remembers `article` as the original of its text."""
    return TextIndexEntry(
        article_id=article.id,
        incident_id=incident_id,
        published_at=article.article.published_at,
        partition=partition,
    )
