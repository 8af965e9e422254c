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


def parse_published(value: object) -> datetime | None:
    """An ISO 8601 time with a time zone ("Z" allowed), else None (the replay then refuses it)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None
