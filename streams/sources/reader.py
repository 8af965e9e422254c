"""Pick the reader for a path: a folder of .txt reports or a JSONL file (plain or .gz)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

from streams.sources.jsonl import read_jsonl
from streams.sources.records import ArchiveRecord, SourceError
from streams.sources.textdir import read_text_folder


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
    if path.suffix in {".jsonl", ".ndjson", ".json"} or path.suffix == "":
        return read_jsonl(path, field_map)
    raise SourceError(
        f"{path}: unknown archive format {path.suffix!r} (expected .jsonl, or a folder of .txt)"
    )


def check_archive(path: Path, *, published_at: datetime | None = None) -> None:
    """Raise SourceError now if `path` cannot be replayed, before anything is sent."""
    if not path.exists():
        raise SourceError(f"{path} does not exist")
    if path.is_dir():
        if published_at is None:
            raise SourceError(f"{path} is a folder of .txt reports: give --published-at")
        if not any(path.glob("*.txt")):
            raise SourceError(f"{path} has no .txt files")
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if head[:2] == b"\x1f\x8b" or b"\x00" in head:
        raise SourceError(f"{path} is binary (gzip?); expected JSONL text")
