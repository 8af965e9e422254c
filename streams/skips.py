"""Offsets a stage's faust stream jumped over, found so the stage reads them back first.

Why: faust's consumer does not always hand a stream every offset of a partition. At a
take-over under load it handed the fold offset 1851 of a partition right after 1582, and a
revocation once skipped about 100 consecutive messages of every partition of
articles.extracted (480 of 10,000 reports lost in the rebalance test). faust takes any jump as
a gap that needs no processing (compacted and transactional topics have them; faust's
`Consumer._add_gap`) and its commit then passes it, so no worker would ever process those
messages. newsfold's input topics (articles.raw, articles.clean, articles.extracted) are
neither compacted nor transactional: their offsets have no holes, so a jump is always a skip.

faust's commit passes a gap only once the message after it is acknowledged, and a stage
acknowledges that message only after it has read the gap back and processed it (the agent's
loop), so the commit never passes a message no one processed. The first message of a
partition is checked against where faust started reading it (the group's committed offset).

And faust acknowledges messages its stream passes over unprocessed: a message taken from the
stream's queue while the flow is suspended for a rebalance, or fetched in an earlier
generation, is acknowledged as if processed (faust/streams.py, `_py_aiter`: `skipped_value`
is acked "otherwise the lag would increase"), and the commit at the revocation then passes
it: the partition's next owner never reads it. `acknowledge_only_processed_in_faust` refuses
those acknowledgements, so the commit stops before them and the next owner reads them again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from faust.transport.consumer import Consumer

logger = logging.getLogger(__name__)


@dataclass
class OffsetWatch:
    """The next offset a stage expects of each partition of its input topic."""

    expected: dict[int, int] = field(default_factory=dict)

    def skipped(self, partition: int, offset: int, started_at: int | None) -> range:
        """The offsets skipped before `offset` (empty when none), and `offset` noted as seen.

        `started_at`: where reading the partition began (the committed offset), for its first
        message; None when not known (nothing committed yet), and then no skip can be told."""
        expected = self.expected.get(partition, started_at)
        self.expected[partition] = max(offset + 1, expected or 0)
        if expected is None or offset <= expected:
            return range(0)
        return range(expected, offset)

    def forget(self, partitions: Iterable[int]) -> None:
        """Partitions moved away: a new owner starts from the committed offset again."""
        for partition in partitions:
            self.expected.pop(partition, None)


_original_ack = Consumer.ack


def _ack_if_processed(self: Consumer, message: Any) -> bool:
    # A stream tracks a message of a topic it acknowledges before it processes it; an untracked
    # one reaching the final ack was passed over (module docstring).
    if not message.tracked and self.app.topics.acks_enabled_for(message.topic):
        logger.info(
            "%s[%d]@%d: passed over by faust's stream unprocessed (flow suspended for a "
            "rebalance, or an earlier generation); not acknowledged, so it is read again",
            message.topic,
            message.partition,
            message.offset,
        )
        return False
    return bool(_original_ack(self, message))


def acknowledge_only_processed_in_faust() -> None:
    """Make faust's consumer refuse to acknowledge a message no stream processed (idempotent)."""
    Consumer.ack = _ack_if_processed  # type: ignore[method-assign]
