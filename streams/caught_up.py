"""Whether the extract stage has read all there is of an upstream partition: the fold's signal
that a quiet upstream holds nothing back.

The fold orders reports by event time across the upstream partitions of articles.extracted
(streams.merge.ordering) and must know when an upstream that stopped advancing is merely quiet
(nothing left to read: do not wait for it) rather than behind (its reports are still on their way:
wait). Judging that by the wall clock (no progress for N seconds) fails under load: a worker
busy with other partitions leaves one upstream unread for longer than any fixed timeout, the fold
stops waiting, and older reports arrive late (118 of 10,000 in a fault-free run on this 2-core
machine). So the worker that extracts an upstream says it, from offsets: upstream u is caught up
when both the raw partition u (clean stage) and the clean partition u (extract stage) have been
processed up to their high watermark. Clean re-keys by article id with the same partitioner and
partition count, and faust assigns co-partitioned topics together, so raw u feeds clean u and
both live on the same worker.

The high watermark comes from the consumer's last fetch, so a record produced a moment ago may
not be counted yet: an upstream counts as caught up only when it was so at two consecutive
checks (one progress interval apart) with nothing processed in between.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

#: (topic, partition) -> the next offset to read, or None when not known.
Offsets = Callable[[str, int], int | None]


@dataclass
class CaughtUp:
    """Processed offsets of the clean and extract stages, and the caught-up check over them."""

    raw_topic: str
    clean_topic: str
    #: Last offset processed per (topic, partition), by this worker since it started.
    processed: dict[tuple[str, int], int] = field(default_factory=dict)
    _last_seen: dict[int, tuple[int, int]] = field(default_factory=dict)

    def done(self, topic: str, partition: int, offset: int) -> None:
        """The stage reading `topic` has processed (or dead-lettered) the record at `offset`."""
        key = (topic, partition)
        if offset > self.processed.get(key, -1):
            self.processed[key] = offset

    def check(self, upstream: int, highwater: Offsets, committed: Offsets) -> bool:
        """Whether `upstream` is caught up now and was at the previous check, with the same
        offsets. `highwater`: the consumer's last known end of a partition; `committed`: where
        this worker started reading it (a partition can be caught up with nothing processed)."""
        ends = []
        for topic in (self.raw_topic, self.clean_topic):
            end = highwater(topic, upstream)
            if end is None:
                self._last_seen.pop(upstream, None)
                return False
            started = committed(topic, upstream) or 0
            read_to = max(self.processed.get((topic, upstream), -1) + 1, started)
            if read_to < end:
                self._last_seen.pop(upstream, None)
                return False
            ends.append(read_to)
        now = (ends[0], ends[1])
        before = self._last_seen.get(upstream)
        self._last_seen[upstream] = now
        return before == now

    def forget(self, partitions: Mapping[str, set[int]] | None = None) -> None:
        """Partitions moved: what was processed of them says nothing of their new offsets."""
        if partitions is None:
            self.processed.clear()
            self._last_seen.clear()
            return
        for topic, numbers in partitions.items():
            for number in numbers:
                self.processed.pop((topic, number), None)
                self._last_seen.pop(number, None)
