"""Pick the reader for a path: a folder of .txt reports, an RSS/Atom feed, a WARC file, or JSONL.

`check_archive` is what `newsfold replay` runs on every path before it sends anything: a file
that cannot be read, is not what it claims, holds entity or compression bombs, or has a record
larger than a Kafka message may be, is refused there with a message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

from streams.sources.jsonl import read_jsonl
from streams.sources.records import ArchiveRecord, SourceError
from streams.sources.rss import is_feed, read_feed
from streams.sources.textdir import read_text_folder
from streams.sources.warc import is_warc, read_warc

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ""})


def read_archive(
    path: Path,
    *,
    field_map: Mapping[str, str] | None = None,
    published_at: datetime | None = None,
) -> Iterator[ArchiveRecord]:
    """Records of one archive path; raises SourceError when it cannot be read."""
    if not path.exists():
        raise SourceError(f"{path} does not exist")
    if path.is_dir():
        return read_text_folder(path, published_at)
    if is_warc(path):
        return read_warc(path)
    if is_feed(path):
        return read_feed(path)
    if path.suffix in JSONL_SUFFIXES:
        return read_jsonl(path, field_map)
    raise SourceError(
        f"{path}: unknown archive format {path.suffix!r} (expected .jsonl, .rss, .atom, .xml, "
        ".warc, .warc.gz, or a folder of .txt)"
    )


def check_archive(
    path: Path,
    *,
    published_at: datetime | None = None,
    max_record_bytes: int | None = None,
) -> None:
    """Raise SourceError now if `path` cannot be replayed, before anything is sent.

    Feeds and WARC files are read through (that is where bombs hide); with `max_record_bytes`
    (NEWSFOLD_MAX_MESSAGE_BYTES) every record is measured too, JSONL lines included, since the
    producer cannot send a larger one and would stop half-way.
    """
    if not path.exists():
        raise SourceError(f"{path} does not exist")
    if path.is_dir():
        if published_at is None:
            raise SourceError(f"{path} is a folder of .txt reports: give --published-at")
        if not any(path.glob("*.txt")):
            raise SourceError(f"{path} has no .txt files")
        return
    if is_warc(path) or is_feed(path):
        for record in read_archive(path):
            _check_size(record.value, record.origin, max_record_bytes)
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            if head[:2] == b"\x1f\x8b" or b"\x00" in head:
                raise SourceError(f"{path} is binary (gzip?); expected JSONL text")
            if max_record_bytes is not None:
                handle.seek(0)
                number = 0
                # readline with a size: an endless line costs at most the limit in memory.
                while line := handle.readline(max_record_bytes + 3):
                    number += 1
                    _check_size(line.rstrip(b"\r\n"), f"{path.name}:{number}", max_record_bytes)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _check_size(value: bytes, origin: str, limit: int | None) -> None:
    if limit is not None and len(value) > limit:
        raise SourceError(
            f"{origin}: a record is larger than NEWSFOLD_MAX_MESSAGE_BYTES ({limit:,} bytes); "
            "nothing was sent -- remove it or raise the limit (the broker's too)"
        )
