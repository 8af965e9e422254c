"""The clean stage: RawArticle in, CleanArticle out (story paragraphs, residue counted).

Pure functions only: no Kafka, no clock, no I/O. The worker calls `clean_article` and sends
`EmptyArticle` (a ValueError) to dead-letter with its message.
"""

from __future__ import annotations

from schemas.articles import CleanArticle, RawArticle
from streams.clean.errors import EmptyArticle
from streams.clean.html import extract_html
from streams.clean.language import detect_language
from streams.clean.normalise import match_key
from streams.clean.plaintext import CleanText, clean_text

__all__ = ["EmptyArticle", "clean_article", "clean_text", "match_key"]


def clean_article(raw: RawArticle, site_residue: frozenset[str] | None = None) -> CleanArticle:
    """Clean one article; raise EmptyArticle when no story text is left.

    `site_residue`: fingerprints of lines learned as the source's own residue
    (`site_residue.learned_residue`); paragraphs with those fingerprints are removed.
    """
    if not raw.body.strip():
        raise EmptyArticle(
            f"article {raw.id!r} has an empty body: the feed or crawl delivered no text "
            f"(source {raw.source or 'unknown'!r}); check the source, nothing to clean"
        )
    title, author, text = raw.title, None, raw.body
    if raw.content_type == "text/html":
        page = extract_html(raw.body, raw.url)
        title = raw.title or (page.title or "")
        author = page.author
        text = page.text
        if not text.strip():
            raise EmptyArticle(
                f"article {raw.id!r}: the HTML page has no readable text (trafilatura and the "
                "<p> fallback found none; it may be script-rendered, a paywall or an error "
                "page); re-crawl it or send the text as text/plain"
            )
    cleaned = clean_text(
        text,
        title=title,
        structured=raw.content_type == "text/html",
        site_residue=site_residue,
    )
    if not cleaned.paragraphs:
        raise EmptyArticle(_residue_only_message(raw.id, cleaned))
    return CleanArticle(
        id=raw.id,
        source=raw.source,
        url=raw.url,
        title=title,
        published_at=raw.published_at,
        content_type=raw.content_type,
        paragraphs=list(cleaned.paragraphs),
        dateline=cleaned.dateline,
        author=author or cleaned.author,
        language=detect_language("\n".join(cleaned.paragraphs)),
        residue_removed=cleaned.residue_removed,
    )


def _residue_only_message(article_id: str, cleaned: CleanText) -> str:
    found = ", ".join(f"{kind}={n}" for kind, n in cleaned.residue_removed.items()) or "nothing"
    return (
        f"article {article_id!r}: no story text left after removing page residue ({found}); "
        "the body is page furniture only - check the feed's extraction for this source"
    )
