"""A folder of .txt reports: first line the title, the rest the body, one file an article.

The article id and source are the file's stem; published_at comes from the caller (the files
carry no date), e.g. `newsfold replay seeds/ --published-at 2018-05-02T08:00:00Z`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import orjson

from streams.sources.records import ArchiveRecord, SourceError


def read_text_folder(folder: Path, published_at: datetime | None) -> Iterator[ArchiveRecord]:
    """Records of every .txt file in `folder`, in name order."""
    if published_at is None:
        raise SourceError(f"{folder} is a folder of .txt reports: give --published-at")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SourceError(f"{folder} has no .txt files")
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read {path}: {exc}") from exc
        title, _, body = text.partition("\n")
        article = {
            "id": path.stem,
            "source": path.stem,
            "title": title.strip(),
            "body": body,
            "content_type": "text/plain",
            "published_at": published_at.isoformat(),
        }
        yield ArchiveRecord(path.stem, orjson.dumps(article), published_at, path.name)
