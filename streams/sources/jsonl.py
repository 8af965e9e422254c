"""JSONL archives: one RawArticle-shaped object a line, or a known layout mapped onto it.

Built-in layouts: `raw` (RawArticle fields; gold label fields such as incident_id are dropped)
and `doc` (doc_id / dct / title / text / url, the layout of ../shared/data/gva-dev): dct is a
date, read as noon UTC of that day so local "yesterday"/"Tuesday" resolve to the right day in
any US time zone. `--map new=old` renames fields before the layout applies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson

from streams.sources.records import ArchiveRecord, SourceError, parse_published

#: Fields that label an archive for evaluation; not part of RawArticle.
LABEL_FIELDS = frozenset({"incident_id", "copy_of", "gold"})
RAW_FIELDS = frozenset({"id", "source", "url", "title", "body", "content_type", "published_at"})


def to_raw_article(obj: dict[str, Any], field_map: Mapping[str, str]) -> dict[str, Any]:
    """Map one parsed line onto RawArticle's fields (validation happens in the worker)."""
    for new, old in field_map.items():
        if old in obj:
            obj[new] = obj.pop(old)
    if "doc_id" in obj and "id" not in obj:
        return _from_doc_layout(obj)
    return {k: v for k, v in obj.items() if k not in LABEL_FIELDS}


def _from_doc_layout(obj: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": obj.get("doc_id"),
        "title": obj.get("title") or "",
        "body": obj.get("text"),
        "published_at": _noon_utc(obj.get("dct")),
    }
    url = obj.get("url")
    if isinstance(url, str) and url:
        out["url"] = url
        out["source"] = urlsplit(url).hostname or ""
    return out


def _noon_utc(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.combine(date.fromisoformat(value), time(12), UTC).isoformat()
        except ValueError:
            return value
    return value


def read_jsonl(path: Path, field_map: Mapping[str, str] | None = None) -> Iterator[ArchiveRecord]:
    """Records of a JSONL file; a bad line becomes a record the worker will dead-letter."""
    field_map = field_map or {}
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SourceError(f"cannot open {path}: {exc.strerror or exc}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip(b"\r\n")
            if not line.strip():
                continue
            origin = f"{path.name}:{number}"
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError:
                yield ArchiveRecord(origin, line, None, origin)
                continue
            if not isinstance(obj, dict):
                yield ArchiveRecord(origin, line, None, origin)
                continue
            article = to_raw_article(obj, field_map)
            key = article.get("id") if isinstance(article.get("id"), str) else origin
            yield ArchiveRecord(key or origin, orjson.dumps(article), _published(article), origin)


def _published(article: dict[str, Any]) -> datetime | None:
    return parse_published(article.get("published_at"))
