"""What an archive reader yields, and the error for an unreadable archive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class SourceError(Exception):
    """An archive that cannot be read at all (missing, unreadable, not the format it claims)."""


@dataclass(frozen=True)
class ArchiveRecord:
    """One message for articles.raw: key, value bytes and, when known, its published_at."""

    key: str
    value: bytes
    published_at: datetime | None
    origin: str  # "file:line" for messages a person may need to find
