"""The fold's reorder buffer: reports held per partition until the release horizon passes them.

Shell side of streams.merge.ordering. A held report is kept in a table (the worker's
"held-reports", changelogged like every fold table) and acknowledged at once. Leaving it
unacknowledged instead, for Kafka to deliver again after a crash, stalls the partition's commit
at the oldest held report: with one upstream far behind the others, everything folded after that
report was delivered again after a crash, long after its incident had left hot state, and counted
a second time as late (seen with 10,000 articles). A released report's entry is deleted only
after a producer flush has put its fold's writes in Kafka (`settled`), so a crash in between
leaves a report folded and still held, which folds again as the redelivery it is (no change),
never one neither held nor folded. An upstream stops holding the others back when its worker says it
has read all there is (a drained marker: streams/caught_up.py), or when nothing at all has come
from it for the idle timeout while other upstreams kept sending (its worker is gone). That
silence is measured on the messages' own timestamps (when their producers sent them), not on
the clock of the fold reading them: a fold that fell behind on a partition, or did not read it
for a while, reads minutes of messages at once, and by its own clock every upstream would look
silent (961 of 10,000 reports came out late that way under load). Slowness is never taken for
idleness: an upstream that is behind keeps sending markers, and the fold waits for it. And when
a partition's messages stop altogether for a while (every worker was down: a restart, a broker
stall) the silence clock starts again after the gap: the first worker back must not make the
others, not started yet, look gone.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Iterator, MutableMapping
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
#: A released report's table entry is deleted within about this many seconds (after a flush).
SETTLE_SECONDS = 5.0
#: ... or once this many released reports wait for it.
SETTLE_COUNT = 200

#: Set while an upstream has read all there is (caught up, or its archive ended): it holds
#: nothing back until a message of it comes without the header.
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
    #: When each upstream's latest message was sent, and the first and latest of any upstream
    #: (message timestamps, seconds).
    heard: dict[int, float] = field(default_factory=dict)
    first: float | None = None
    latest: float = 0.0
    #: When messages resumed after the last gap in the partition's messages.
    resumed: float = 0.0
    drained: set[int] = field(default_factory=set)
    held: list[tuple[datetime, str, ExtractedArticle]] = field(default_factory=list)
    held_ids: set[str] = field(default_factory=set)
    #: Table keys of released reports, not yet deleted, and when the first was released.
    released: list[str] = field(default_factory=list)
    released_since: float = 0.0


class ReorderBuffers:
    """Held reports and upstream progress of every partition this worker folds."""

    def __init__(
        self,
        upstreams: int,
        idle_timeout: float,
        table: MutableMapping[str, ExtractedArticle] | None = None,
        resume_gap: float = 5.0,
    ) -> None:
        self.upstreams = upstreams
        self.idle_timeout = idle_timeout
        #: A pause of this many seconds between a partition's messages means every upstream
        #: stopped (their markers come every progress interval): silence is counted anew after.
        self.resume_gap = resume_gap
        #: Held reports by "partition|article id" (a faust table in the worker).
        self.table: MutableMapping[str, ExtractedArticle] = {} if table is None else table
        self._partitions: dict[int, _Partition] = {}

    def _get(self, partition: int) -> _Partition:
        state = self._partitions.get(partition)
        if state is None:
            # First use since this worker got the partition: its held reports come back from the
            # table (recovered from the changelog before any stream starts).
            state = self._partitions[partition] = _Partition()
            prefix = f"{partition}|"
            for key, article in list(self.table.items()):
                if key.startswith(prefix):
                    self._push(state, article)
        return state

    @staticmethod
    def _push(state: _Partition, article: ExtractedArticle) -> None:
        state.held_ids.add(article.id)
        heapq.heappush(state.held, (article.article.published_at, article.id, article))

    def heard(
        self, partition: int, upstream: int, progress: datetime, drained: bool, sent_at: float
    ) -> None:
        """Record a message of `upstream` seen on `partition`: its progress, whether it is
        drained (has read all there is; its latest message says which), and `sent_at`, the
        message's timestamp in seconds."""
        state = self._get(partition)
        # The latest, not the highest: an upstream's new owner (after a crash or a move) starts
        # again from its last committed offset, behind what the old owner had said; holding on
        # to the old, higher progress would release reports the new owner may still precede.
        state.progress[upstream] = progress
        state.heard[upstream] = max(sent_at, state.heard.get(upstream, sent_at))
        if state.first is not None and sent_at - state.latest > self.resume_gap:
            state.resumed = sent_at
        state.latest = max(state.latest, sent_at)
        if state.first is None or sent_at < state.first:
            state.first = sent_at
        if drained:
            state.drained.add(upstream)
        else:
            state.drained.discard(upstream)

    def hold(self, partition: int, article: ExtractedArticle) -> bool:
        """Hold a report until the horizon passes it; False if it is held already (a
        redelivery)."""
        state = self._get(partition)
        if article.id in state.held_ids:
            return False
        self.table[f"{partition}|{article.id}"] = article
        self._push(state, article)
        return True

    def release(self, partition: int) -> Iterator[ExtractedArticle]:
        """Held reports the horizon has passed, in (published_at, id) order; their table
        entries stay until `settled` says a flush has made their folds durable."""
        state = self._get(partition)
        now = time.monotonic()
        silent_since = state.first if state.first is not None else state.latest
        idle = state.drained | {
            u
            for u in range(self.upstreams)
            if state.latest - max(state.heard.get(u, silent_since), state.resumed)
            > self.idle_timeout
        }
        horizon = release_horizon(state.progress, self.upstreams, idle)
        while state.held and releasable(state.held[0][0], horizon):
            _, _, article = heapq.heappop(state.held)
            state.held_ids.discard(article.id)
            if not state.released:
                state.released_since = now
            state.released.append(f"{partition}|{article.id}")
            yield article

    def settle_due(self, partition: int) -> bool:
        """Whether released reports of `partition` wait long enough, or are enough, for a flush."""
        state = self._get(partition)
        return bool(state.released) and (
            len(state.released) >= SETTLE_COUNT
            or time.monotonic() - state.released_since >= SETTLE_SECONDS
        )

    def settled(self, partition: int) -> None:
        """The producer was flushed after the released reports were folded: delete their entries
        (call it while processing a message of `partition`, so the deletes go to its changelog)."""
        state = self._get(partition)
        for key in state.released:
            self.table.pop(key, None)
        state.released.clear()

    def held(self, partition: int) -> int:
        """How many reports are held on `partition`."""
        return len(self._get(partition).held)

    def forget(self, partitions: set[int]) -> None:
        """Drop partitions this worker no longer owns: the new owner gets their held reports from
        the table (and released ones not yet deleted fold again as redeliveries: no change)."""
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
