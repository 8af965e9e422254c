"""faust's consumer, once newsfold's ack is in (streams/skips.py), does not count a message its
stream passed over unprocessed as done: the commit stops before it (no broker needed)."""

from __future__ import annotations

from typing import Any

from faust.types import TP
from faust.types.tuples import ConsumerMessage

from streams.app import app
from streams.skips import acknowledge_only_processed_in_faust

TOPIC = "unit-skips-ack"


def _message(offset: int, tracked: bool) -> ConsumerMessage:
    message = ConsumerMessage(TOPIC, 0, offset, 0.0, 0, [], b"k", b"v", None, 1, 1)
    message.tracked = tracked
    return message


def test_the_commit_stops_before_a_message_passed_over_and_passes_processed_ones() -> None:
    acknowledge_only_processed_in_faust()
    consumer: Any = app.consumer  # faust's private bookkeeping is what is checked
    topics: Any = app.topics
    tp = TP(TOPIC, 0)
    topics._acking_topics.add(TOPIC)
    try:
        consumer._committed_offset[tp] = 10
        acked = [consumer.ack(_message(offset, offset != 12)) for offset in range(10, 15)]
        assert acked == [True, True, False, True, True]
        assert consumer._new_offset(tp) == 12  # 10 and 11 done; 12 must be read again
    finally:
        topics._acking_topics.discard(TOPIC)
        for table in (consumer._committed_offset, consumer._acked, consumer._acked_index):
            table.pop(tp, None)
