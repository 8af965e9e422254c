"""Limits on what replay reads from an archive file, so a hostile file cannot exhaust memory.

A feed is parsed whole, so its (decompressed) size is bounded; a WARC is read record by record,
so each record's decompressed payload is bounded. Past a limit the file is refused (SourceError)
before replay sends anything: a compression bomb is stopped after reading at most the limit.
Messages are bounded apart, by NEWSFOLD_MAX_MESSAGE_BYTES (see check_archive).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streams.sources.records import SourceError

#: Largest feed (RSS/Atom) read, after decompression: a feed is parsed in memory.
MAX_FEED_BYTES = 64 * 1024 * 1024
#: Largest payload of one WARC record, after decompression.
MAX_WARC_RECORD_BYTES = 64 * 1024 * 1024
#: Read size for bounded reads.
CHUNK = 1024 * 1024


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, gunzipped when it is gzip; SourceError past `limit` bytes."""
    try:
        with path.open("rb") as handle:
            gzipped = handle.read(2) == b"\x1f\x8b"
            handle.seek(0)
            stream: Any = gzip.GzipFile(fileobj=handle) if gzipped else handle
            data = bounded(stream, limit, f"{what} {path}")
    except (OSError, EOFError, zlib.error) as exc:  # includes gzip.BadGzipFile
        raise SourceError(f"cannot read {path}: {exc}") from exc
    return data


def bounded(stream: Any, limit: int, what: str) -> bytes:
    """Read `stream` to its end, but refuse (SourceError) once more than `limit` bytes came."""
    parts: list[bytes] = []
    _read(stream, limit, what, parts.append)
    return b"".join(parts)


def drain(stream: Any, limit: int, what: str) -> None:
    """Read `stream` to its end and drop the bytes, with the same refusal as `bounded`."""
    _read(stream, limit, what, lambda chunk: None)


def _read(stream: Any, limit: int, what: str, keep: Callable[[bytes], None]) -> None:
    size = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            return
        size += len(chunk)
        if size > limit:
            raise SourceError(
                f"{what} is larger than {limit:,} bytes (decompressed); refused as a possible "
                "compression bomb -- split it or replay it as JSONL"
            )
        keep(chunk)
