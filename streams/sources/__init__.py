"""Archive readers: each turns a file into ArchiveRecords (key + JSON bytes for articles.raw).

A record whose line cannot be read as an article is still produced, with its raw bytes, so the
worker dead-letters it with a reason: replay never drops input silently.
"""

from streams.sources.reader import read_archive
from streams.sources.records import ArchiveRecord, SourceError

__all__ = ["ArchiveRecord", "SourceError", "read_archive"]
