"""RSS and Atom feeds (.rss, .atom, .xml, optionally gzipped): one article per entry.

Safety first: the file is read with a size limit (streams/sources/limits.py), then parsed once
with defusedxml, which refuses entity declarations (billion laughs) and external references, and
only then handed to feedparser as bytes (never a URL or a path: nothing is fetched). A feed that
is not well-formed XML is refused too: feedparser's lenient fallback would accept what the
safety check could not vouch for.

An entry becomes a RawArticle: id from the entry's id (else its link, else file:number), body
from its content (else its summary; HTML when the feed says so), published_at from published
(else updated). An entry without a date is still sent; the worker dead-letters it with a reason.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler

import feedparser
import orjson
from defusedxml import DefusedXmlException
from defusedxml.sax import parseString

from streams.sources.limits import MAX_FEED_BYTES, read_bounded
from streams.sources.records import ArchiveRecord, SourceError

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})


def is_feed(path: Path) -> bool:
    """True for feed.rss, feed.atom, feed.xml and their .gz forms."""
    suffixes = path.suffixes[-2:]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in FEED_SUFFIXES


def safe_xml(data: bytes, what: str) -> None:
    """Refuse (SourceError) XML with entity declarations, external references or bad syntax."""
    try:
        # SAX with a handler that keeps nothing: no tree is built, memory stays flat.
        parseString(
            data, ContentHandler(), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise SourceError(
            f"{what}: refused, the XML declares entities or external references "
            f"({exc.__class__.__name__}); newsfold never expands them"
        ) from None
    except (SAXParseException, ValueError) as exc:
        raise SourceError(f"{what}: not well-formed XML ({exc})") from None


def read_feed(path: Path) -> Iterator[ArchiveRecord]:
    """Records of one RSS/Atom file; SourceError at once when it cannot be read safely."""
    data = read_bounded(path, MAX_FEED_BYTES, "feed")
    safe_xml(data, str(path))
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    if not parsed.entries and parsed.get("bozo"):
        raise SourceError(f"{path}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    site = urlsplit(parsed.feed.get("link") or "").hostname or ""
    records = [
        _record(entry, site, f"{path.name}:{n}") for n, entry in enumerate(parsed.entries, 1)
    ]
    return iter(records)


def _record(entry: Any, site: str, origin: str) -> ArchiveRecord:
    link = entry.get("link") or None
    key = entry.get("id") or link or origin
    body, html = _body(entry)
    published = _when(entry.get("published_parsed") or entry.get("updated_parsed"))
    article: dict[str, Any] = {
        "id": key,
        "source": urlsplit(link or "").hostname or site,
        "title": entry.get("title") or "",
        "body": body,
        "content_type": "text/html" if html else "text/plain",
    }
    if link:
        article["url"] = link
    if published is not None:
        article["published_at"] = published.isoformat()
    return ArchiveRecord(key, orjson.dumps(article), published, origin)


def _body(entry: Any) -> tuple[str, bool]:
    """The entry's fullest text and whether it is HTML."""
    for detail in [*(entry.get("content") or []), entry.get("summary_detail")]:
        if detail and detail.get("value"):
            return str(detail["value"]), "html" in str(detail.get("type", ""))
    return str(entry.get("summary") or ""), False


def _when(parsed: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime."""
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
