"""The fold's reorder buffer: reports held per partition until the release horizon passes them.

Shell side of streams.merge.ordering. Held reports are not acknowledged, so their offsets are not
committed: after a crash or a rebalance Kafka delivers them again and the buffer is rebuilt, with
no state of its own to recover. Upstream idleness is judged by the wall clock (how long since an
upstream's progress last advanced), which is why it lives here and not in the pure core.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from schemas.articles import ExtractedArticle
from streams.merge.ordering import EVERYTHING, releasable, release_horizon

#: Key of a progress marker on articles.extracted (empty value, progress in the headers).
PROGRESS_KEY = b"~progress"
#: Key of the end-of-archive marker `newsfold replay` puts on every partition of articles.raw
#: (empty value); the clean stage passes it on, and the extract stage then declares its
#: upstream drained, so the fold need not wait out the idle timeout at the end of a replay.
END_KEY = b"~end"
UPSTREAM_HEADER = "newsfold-upstream"
PROGRESS_HEADER = "newsfold-progress"
#: Set for an upstream whose archive ended: it holds nothing back until it advances again.
DRAINED_HEADER = "newsfold-drained"


def progress_headers(upstream: int, progress: datetime, drained: bool = False) -> dict[str, bytes]:
    """Headers stamping a message of articles.extracted with its upstream's progress."""
    headers = {
        UPSTREAM_HEADER: str(upstream).encode(),
        PROGRESS_HEADER: progress.isoformat().encode(),
    }
    if drained:
        headers[DRAINED_HEADER] = b"1"
    return headers


def read_progress(headers: Any) -> tuple[int, datetime, bool] | None:
    """(upstream, progress, drained) from a message's headers; None without them."""
    if not headers:
        return None
    found = dict(headers)
    upstream, progress = found.get(UPSTREAM_HEADER), found.get(PROGRESS_HEADER)
    if upstream is None or progress is None:
        return None
    drained = found.get(DRAINED_HEADER) == b"1"
    return int(upstream), datetime.fromisoformat(bytes(progress).decode()), drained


@dataclass
class _Partition:
    progress: dict[int, datetime] = field(default_factory=dict)
    advanced: dict[int, float] = field(default_factory=dict)
    drained: set[int] = field(default_factory=set)
    held: list[tuple[datetime, str, int, ExtractedArticle, Any]] = field(default_factory=list)
    sequence: int = 0


class ReorderBuffers:
    """Held reports and upstream progress of every partition this worker folds."""

    def __init__(self, upstreams: int, idle_timeout: float) -> None:
        self.upstreams = upstreams
        self.idle_timeout = idle_timeout
        self.started = time.monotonic()
        self._partitions: dict[int, _Partition] = {}

    def _get(self, partition: int) -> _Partition:
        if partition not in self._partitions:
            self._partitions[partition] = _Partition()
        return self._partitions[partition]

    def heard(self, partition: int, upstream: int, progress: datetime, drained: bool) -> None:
        """Record an upstream's progress as seen on `partition`; a drained upstream (its
        extract worker has nothing left to read) holds nothing back until it advances again."""
        state = self._get(partition)
        known = state.progress.get(upstream)
        if known is None or progress > known:
            state.progress[upstream] = progress
            state.advanced[upstream] = time.monotonic()
            state.drained.discard(upstream)
        if drained:
            state.drained.add(upstream)

    def hold(self, partition: int, article: ExtractedArticle, event: Any) -> None:
        """Hold a report until the horizon passes it."""
        state = self._get(partition)
        state.sequence += 1  # tie-break that never compares events
        item = (article.article.published_at, article.id, state.sequence, article, event)
        heapq.heappush(state.held, item)

    def release(self, partition: int) -> Iterator[tuple[ExtractedArticle, Any]]:
        """Held reports the horizon has passed, in (published_at, id) order."""
        state = self._get(partition)
        now = time.monotonic()
        idle = state.drained | {
            u
            for u in range(self.upstreams)
            if now - state.advanced.get(u, self.started) > self.idle_timeout
        }
        horizon = release_horizon(state.progress, self.upstreams, idle)
        while state.held and releasable(state.held[0][0], horizon):
            _, _, _, article, event = heapq.heappop(state.held)
            yield article, event

    def held(self, partition: int) -> int:
        """How many reports are held on `partition`."""
        return len(self._get(partition).held)

    def forget(self, partitions: set[int]) -> None:
        """Drop partitions this worker no longer owns: their held reports will be redelivered
        (unacknowledged) to the new owner."""
        for partition in partitions:
            self._partitions.pop(partition, None)


__all__ = [
    "END_KEY",
    "EVERYTHING",
    "PROGRESS_KEY",
    "ReorderBuffers",
    "progress_headers",
    "read_progress",
]
