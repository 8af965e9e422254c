"""Main text and metadata of an HTML article page, via trafilatura with an lxml fallback.

The text returned has one paragraph per line and still goes through the plain-text cleaner:
trafilatura removes page structure, not residue written inside the article (share lines,
photo credits, teasers).
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError
from lxml_html_clean import Cleaner

# Tags whose text is never the story: removed before the fallback reads paragraphs.
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    links=True,
    meta=True,
    page_structure=False,
    processing_instructions=True,
    embedded=True,
    frames=True,
    forms=True,
    annoying_tags=True,
    kill_tags={"nav", "header", "footer", "aside", "noscript", "figcaption", "button", "svg"},
)


@dataclass(frozen=True)
class HtmlText:
    """Text found in a page, with the page's own title and author when it declares them."""

    text: str
    title: str | None = None
    author: str | None = None
    #: Which extractor found the text: "trafilatura", "paragraphs" or "body".
    method: str = "trafilatura"


def extract_html(html: str, url: str | None = None) -> HtmlText:
    """Extract the article text of an HTML page; empty text when the page has none.

    trafilatura is tuned for precision on news: comments and tables out, and fast=True (no
    readability/jusText second opinion), which keeps a 30-50 KB page within the HTML budget.
    When it finds nothing (odd markup, very short pages), the fallback reads the <p> elements
    of the page after lxml_html_clean has removed scripts, styles, forms and navigation, and
    failing that the cleaned page's whole text.
    """
    if not html.strip():
        return HtmlText(text="", method="body")
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        fast=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=True,
    )
    title = author = None
    if doc is not None and not isinstance(doc, dict):
        title = doc.title or None
        author = doc.author or None
        if doc.text and doc.text.strip():
            return HtmlText(text=doc.text, title=title, author=author, method="trafilatura")
    text, method = _fallback_text(html)
    return HtmlText(text=text, title=title, author=author, method=method)


def _fallback_text(html: str) -> tuple[str, str]:
    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        # lxml refuses documents that are empty after parsing (e.g. only a comment).
        return "", "body"
    cleaned = _CLEANER.clean_html(tree)
    paragraphs = [p.text_content().strip() for p in cleaned.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        return "\n".join(paragraphs), "paragraphs"
    return cleaned.text_content(), "body"
