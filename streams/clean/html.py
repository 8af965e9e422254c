"""Main text and metadata of an HTML article page, via trafilatura with an lxml fallback.

The text returned has one paragraph per line and still goes through the plain-text cleaner:
trafilatura removes page structure, not residue written inside the article (share lines,
photo credits, teasers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura
from lxml.etree import ParserError
from lxml_html_clean import Cleaner
from trafilatura.settings import CUT_EMPTY_ELEMS, Extractor

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
    costs about 40% of the call, so title and author come from the page's <head> meta tags.
    The page is parsed once here (`load_page`), stripped of elements that are never story
    text, its metadata read, its inline markup unwrapped and its empty elements dropped
    (`simplify_page`), and the tree is handed to trafilatura: see those two for why that is
    faster.
    When it finds nothing (odd markup, very short pages), the fallback reads the <p> elements
    of the page after lxml_html_clean has removed scripts, styles, forms and navigation, and
    failing that the cleaned page's whole text.
    """
    if not html.strip():
        return HtmlText(text="", method="body")
    tree = load_page(html)
    if tree is None:
        # A fragment or a page lxml cannot read as a document: trafilatura's own loader
        # decides what it is, as it would without the fast path.
        title, author = head_metadata(html)
        source: str | lxml.html.HtmlElement = html
    else:
        title, author = tree_metadata(tree)
        simplify_page(tree)
        source = tree
    doc = trafilatura.bare_extraction(source, url=url, options=_OPTIONS)
    if doc is not None and not isinstance(doc, dict) and doc.text and doc.text.strip():
        return HtmlText(text=doc.text, title=title, author=author, method="trafilatura")
    text, method = _fallback_text(html)
    return HtmlText(text=text, title=title, author=author, method=method)


# Built once: building an Extractor reads trafilatura's ConfigParser settings, ~0.3 ms a call.
# trafilatura copies it before changing anything (its recall retry), so sharing it is safe.
# The url is left out: with links and images off it changes no text (bare_extraction ignores
# its url argument when options are given).
_OPTIONS = Extractor(
    output_format="python",
    fast=True,
    comments=False,
    tables=True,
    images=False,
    links=False,
    formatting=False,
    with_metadata=False,
)


# The parser trafilatura itself uses (utils.HTML_PARSER), with one change: elements get their
# Python class from a C-level default lookup instead of lxml.html's Python lookup function,
# which is called for every element proxy trafilatura's XPath and iteration create (about 7%
# of an extraction on 170 KB pages). trafilatura only needs HtmlElement's methods
# (text_content, drop_tree), which every element still has.
_PARSER = lxml.etree.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
#: Elements that are never story text and that trafilatura deletes (settings.MANUALLY_CLEANED)
#: after it has already paid for them: its raw-tree XPath prunes (regex tests on every
#: element's class and id), two tree copies and its page-length measure all walk them first.
#: Removing them at parse time halves the elements of a typical news page (~740 to ~390 on
#: the Scrapinghub pages) with the same benchmark F1. Not here: <form> (trafilatura keeps a
#: form that holds most of the text, as ASP.NET pages wrap everything in one), <figure> (it
#: may hold a table) and <header> (not deleted by trafilatura).
NEVER_STORY_TAGS = (
    "style", "svg", "noscript", "template", "iframe", "link", "button", "select", "input",
    "textarea", "video", "audio", "canvas", "object", "embed", "map",
    "nav", "aside", "footer", "menu",
)
#: Scripts of this type stay: trafilatura's baseline reads schema.org articleBody from them
#: when the markup gives nothing.
_JSON_LD = "application/ld+json"


# trafilatura.utils.repair_faulty_html's repairs: a DOCTYPE with a slash confuses libxml2, and so
# does a self-closing <html/> in the first lines.
_DOCTYPE_TAG = re.compile("^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)
_FAULTY_HTML = re.compile(r"(<html.*?)\s*/>", re.IGNORECASE)
# Control characters lxml refuses (trafilatura's INVALID_XML_CHARS). In UTF-8 the C0 ones are
# single bytes that never occur inside a multi-byte sequence, so bytes.translate deletes them
# from the encoded page: repair and encoding together take half the time of trafilatura's
# regex over the decoded string plus the encoding (0.47 against 1.03 ms on 170 KB pages).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())


_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The repairs below only look at the first lines, which trafilatura reads without controls.
_REPAIRED_PREFIX = 4096


def _repaired_bytes(html: str, beginning: str) -> bytes:
    """The page as UTF-8 bytes with trafilatura's repairs applied (see repair_faulty_html)."""
    if _INVALID_XML_CHARS.search(html, 0, _REPAIRED_PREFIX):
        # Rare: controls among the first lines would change how they split; do as trafilatura.
        html = _INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        first_line, _, rest = html.partition("\n")
        html = _DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in html[:_REPAIRED_PREFIX].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = _FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    data = html.encode("utf-8", "surrogatepass").translate(None, _CONTROL_BYTES)
    # Looked for in the string: a search for their lead bytes in the encoded page costs 0.15 ms
    # (0xEF begins every character from U+F000 up, U+FFFD among them), in the string 0.02 ms.
    if "\ufffe" in html or "\uffff" in html:
        for noncharacter in _NONCHARACTERS:
            data = data.replace(noncharacter, b"")
    return data


def load_page(html: str) -> lxml.html.HtmlElement | None:
    """Parse a whole HTML page and strip what is never story text; None if it is not one.

    Mirrors trafilatura's loader (utils.load_html: the same repairs, UTF-8 bytes, the same
    rejection of documents that are not HTML) and returns None for fragments and pages it
    would reject, so that those still take trafilatura's own path.
    """
    beginning = html[:50].lower()
    try:
        tree = lxml.html.fromstring(_repaired_bytes(html, beginning), parser=_PARSER)
    except (ParserError, ValueError):
        return None
    if tree is None or tree.tag != "html" or len(tree) < 1:
        return None
    if "html" not in beginning and len(tree) < 2:  # trafilatura's "dubious HTML" test
        return None
    lxml.etree.strip_elements(tree, *NEVER_STORY_TAGS, with_tail=False)
    for script in list(tree.iter("script")):
        if (script.get("type") or "").strip().lower() != _JSON_LD:
            script.drop_tree()
    return tree


#: Tags trafilatura unwraps (keeping their text and children) before it reads the page: the
#: non-block tags of settings.MANUALLY_STRIPPED and, with formatting off, those of
#: htmlprocessing.REND_TAG_MAPPING. The block tag of that list (address) stays: trafilatura's
#: page-length measure (baseline.html2txt) puts spaces at block boundaries. <strong> stays too:
#: a <strong class="schema-faq-question"> becomes a heading.
UNWRAPPED_TAGS = (
    "abbr", "acronym", "bdi", "bdo", "big", "cite", "data", "dfn", "font", "hgroup", "img",
    "ins", "mark", "meta", "nobr", "ruby", "small", "tbody", "tfoot", "thead", "wbr",
    "b", "em", "i", "kbd", "samp", "sub", "sup", "tt", "u", "var",
)


def simplify_page(tree: lxml.html.HtmlElement) -> None:
    """Unwrap, in place, the tags trafilatura unwraps, then drop the elements it drops as empty.

    `tree` is the caller's own page from `load_page`. Both are steps trafilatura takes itself
    (htmlprocessing.tree_cleaning, prune_html and convert_tags), but only after its raw-tree
    XPath prunes, its tree copies and its page-length measure have walked every element: done
    first, they leave ~303 elements of ~385 (Scrapinghub pages). Measured on those pages:
    clean_article 95 -> 104 pages/s per core (interleaved runs), 5% fewer instructions. The
    page's <meta> tags go here, so the metadata is read before. Empty elements (CUT_EMPTY_ELEMS
    without text or children) are found in one pass, as trafilatura does, tails kept; an element
    left empty by that can then go in trafilatura's own pass, one level more than trafilatura
    alone would drop: 2 of the 181 pages changed (a trailing "Subscribe to ... on YouTube" line
    gone, a date kept before a byline), benchmark F1 the same. The unwrapping alone changes no
    trafilatura text on those pages.
    """
    lxml.etree.strip_tags(tree, *UNWRAPPED_TAGS)
    for element in [e for e in tree.iter(*CUT_EMPTY_ELEMS) if e.text is None and len(e) == 0]:
        element.drop_tree()


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
    return tree_metadata(tree)


def tree_metadata(tree: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    """(title, author) from a parsed page's meta tags (the first of each name) and <title>."""
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
