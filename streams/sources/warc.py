"""WARC archives (.warc, .warc.gz): one article per captured HTML or plain-text document.

Read record by record with warcio (streaming, flat memory). `response` records carry an HTTP
message: its payload is the page; `resource` records carry the document itself. Other records
(request, metadata, warcinfo, revisit) are skipped, and so are captures that are not HTML or
plain text (images, scripts) and HTTP errors. The article id is the WARC-Record-ID (two
captures of one URL are two articles), published_at the WARC-Date (the capture time, the only
date a WARC is sure to have), url the WARC-Target-URI.

Each payload is read with a limit (MAX_WARC_RECORD_BYTES, after decompression): a record past
it -- a compression bomb, or a capture no article needs -- refuses the whole file before replay
sends anything. Nothing in a record is executed or used as a path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from streams.sources.limits import MAX_WARC_RECORD_BYTES, bounded, drain
from streams.sources.records import ArchiveRecord, SourceError, parse_published

WARC_SUFFIXES = (".warc", ".warc.gz")
_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
}


def is_warc(path: Path) -> bool:
    return path.name.endswith(WARC_SUFFIXES)


def read_warc(path: Path, limit: int = MAX_WARC_RECORD_BYTES) -> Iterator[ArchiveRecord]:
    """Records of one WARC file, lazily; SourceError for a file or record that cannot be read."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SourceError(f"cannot open {path}: {exc.strerror or exc}") from exc
    with handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                article = _article(record, f"{path.name}:{number}", limit)
                if article is not None:
                    yield article
        except SourceError:
            raise
        except ArchiveLoadFailed as exc:
            raise SourceError(f"{path}: not a WARC file ({str(exc)[:200]})") from exc
        except Exception as exc:  # zlib, gzip and warcio errors of a damaged file
            raise SourceError(
                f"{path}: damaged WARC file ({exc.__class__.__name__}: {str(exc)[:200]})"
            ) from exc


def _article(record: Any, origin: str, limit: int) -> ArchiveRecord | None:
    """The article of one WARC record, or None for a record that holds none. Skipped records
    are read through with the same limit, so a bomb cannot hide in a record nobody uses."""
    declared = None
    if record.rec_type == "response":
        http = record.http_headers
        if http is not None and http.get_statuscode().startswith("2"):
            declared = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        declared = record.rec_headers.get_header("Content-Type") or ""
    mime, _, params = (declared or "").partition(";")
    content_type = _TYPES.get(mime.strip().lower()) if declared is not None else None
    if content_type is None:
        drain(record.raw_stream, limit, f"WARC record {origin}")
        return None
    payload = bounded(record.content_stream(), limit, f"WARC record {origin}")
    headers = record.rec_headers
    key = headers.get_header("WARC-Record-ID") or origin
    url = headers.get_header("WARC-Target-URI") or None
    published = parse_published(headers.get_header("WARC-Date"))
    article: dict[str, Any] = {
        "id": key,
        "source": urlsplit(url or "").hostname or "",
        "body": payload.decode(_charset(params), "replace"),
        "content_type": content_type,
    }
    if url:
        article["url"] = url
    if published is not None:
        article["published_at"] = published.isoformat()
    return ArchiveRecord(key, orjson.dumps(article), published, origin)


def _charset(params: str) -> str:
    """The charset named in a Content-Type's parameters, if Python knows it; else UTF-8."""
    import codecs

    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                break
    return "utf-8"


