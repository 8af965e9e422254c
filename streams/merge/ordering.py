"""Event-time order across the repartition: when a buffered report may be folded.

articles.extracted is fed by every partition of articles.clean (the upstreams), each drained at
its own pace, so one region's reports reach the fold out of event-time order however the archive
was sorted. Each upstream stamps its messages with its progress (the highest published_at it
has extracted) and sends progress markers when quiet; the fold holds reports back until every
active upstream has passed them, then folds them in (published_at, id) order. So the same sorted
archive gives the same fold order, and the same incidents and ids, however fast it is replayed
(DESIGN.md invariant 5) — Kafka Streams' timestamp-synchronised processing, spread over a
repartition topic the way Flink spreads watermarks.

An upstream that has read all there is (drained) or has gone silent for the idle timeout (shell
side: streams/reorder.py, streams/caught_up.py) stops holding the others back, as Kafka Streams'
max.task.idle.ms does for a partition with no buffered data; when all do, everything is released.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime

#: Horizon meaning "release everything": every upstream is idle.
EVERYTHING = datetime.max.replace(tzinfo=UTC)


def release_horizon(
    progress: Mapping[int, datetime], upstreams: int, idle: Collection[int]
) -> datetime | None:
    """Reports published strictly before this may be folded; None: hold everything.

    `progress`: the latest progress heard from each upstream partition; `upstreams`: how many
    there are; `idle`: those that stopped advancing and no longer hold the others back.
    """
    active = [u for u in range(upstreams) if u not in idle]
    if not active:
        return EVERYTHING
    times = [progress.get(u) for u in active]
    if any(t is None for t in times):
        return None  # an active upstream not heard from yet may still send older reports
    return min(t for t in times if t is not None)


def releasable(published_at: datetime, horizon: datetime | None) -> bool:
    """Whether a report published at `published_at` may be folded under `horizon`."""
    return horizon is not None and (horizon is EVERYTHING or published_at < horizon)
