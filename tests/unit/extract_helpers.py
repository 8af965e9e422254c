"""What the extraction tests share: one report extracted as the stage would, the town it puts
the event in, and the casualty claims a text makes (all dated PUB)."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.articles import CleanArticle, ExtractedArticle
from streams.extract import extract_article
from streams.extract.casualties import finalise, find_claims
from streams.extract.entities import canonical
from streams.extract.text import article_sentences

PUB = datetime(2016, 10, 4, 12, tzinfo=UTC)


def extract(
    paragraphs: list[str], title: str = "", dateline: str | None = None, url: str | None = None
) -> ExtractedArticle:
    """The extract stage's output for a report published at PUB."""
    return extract_article(
        CleanArticle(
            id="t", title=title, published_at=PUB, paragraphs=paragraphs, dateline=dateline, url=url
        )
    )


def event_city(x: ExtractedArticle) -> str | None:
    """The first town (or county) the report puts the event in."""
    return next(
        (
            p.name
            for p in x.places
            if p.role == "event" and p.kind in ("locality", "city", "admin2")
        ),
        None,
    )


def claims(text: str, title: str = "") -> set[tuple[str, int]]:
    """(kind, value) of the main-incident casualty claims of one paragraph and a title."""
    sentences = article_sentences(title, [text])
    found = finalise(find_claims(sentences, canonical), None, PUB.date(), None)
    return {(c.kind, c.value) for c in found if not c.background}
