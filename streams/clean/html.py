"""Main text and metadata of an HTML article page, via trafilatura with an lxml fallback.

The text returned has one paragraph per line and still goes through the plain-text cleaner:
trafilatura removes page structure, not residue written inside the article (share lines,
photo credits, teasers).
"""

from __future__ import annotations

import re
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

    trafilatura settings, chosen on the Scrapinghub benchmark (see streams/evaluation/cleaning.py):
    fast=True (no readability/jusText second opinion: the same F1 there at 1.5-2x the speed),
    default precision (favor_precision=True lost whole articles on pages whose story sits in
    an unusual container: benchmark F1 0.941 against 0.958), tables kept (a results table is
    the story of a sports page), comments out. with_metadata=False: trafilatura's metadata pass
    costs about 40% of the call, so title and author come from the page's <head> meta tags,
    read by lxml from the head alone.
    When it finds nothing (odd markup, very short pages), the fallback reads the <p> elements
    of the page after lxml_html_clean has removed scripts, styles, forms and navigation, and
    failing that the cleaned page's whole text.
    """
    if not html.strip():
        return HtmlText(text="", method="body")
    title, author = head_metadata(html)
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        fast=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=False,
    )
    if doc is not None and not isinstance(doc, dict) and doc.text and doc.text.strip():
        return HtmlText(text=doc.text, title=title, author=author, method="trafilatura")
    text, method = _fallback_text(html)
    return HtmlText(text=text, title=title, author=author, method=method)


_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
#: Meta tags naming the headline and the author, most specific first.
_TITLE_META = ("og:title", "twitter:title", "title", "headline")
_AUTHOR_META = (
    "author", "article:author", "parsely-author", "byl", "dc.creator", "sailthru.author"
)


def head_metadata(html: str) -> tuple[str | None, str | None]:
    """(title, author) from the page's <head>: meta tags first, then <title>.

    Only the head is parsed (it ends at </head> or <body>), which costs a small fraction of
    parsing the page. Author values that are URLs (article:author often is) are skipped.
    """
    m = _HEAD_END.search(html)
    head = html[: m.start()] if m else html[:65_536]
    try:
        tree = lxml.html.document_fromstring(head)
    except (ParserError, ValueError):
        return None, None
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = (element.get("property") or element.get("name") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if name and content and name not in meta:
            meta[name] = content
    title = next((meta[k] for k in _TITLE_META if k in meta), None)
    if title is None:
        element = tree.find(".//title")
        text = " ".join((element.text_content() if element is not None else "").split())
        title = text or None
    author = next(
        (meta[k] for k in _AUTHOR_META if k in meta and not meta[k].startswith(("http", "/"))),
        None,
    )
    return title, author


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
