"""True end offsets of topic partitions, read from a fetch's high watermark.

The embedded broker answers ListOffsets(LATEST) with the base offset of the last record batch + 1
(DESIGN.md), so with batched producers faust's table recovery stopped before the last batch's
records. Its Fetch responses carry the partition's real high watermark (measured: 10 then 5
records in two batches -> ListOffsets 11, fetch high watermark 15). So the end is asked of a
fetch positioned at the reported end - 1: one round trip, correct on the embedded broker and on
Apache Kafka alike, and producers may batch again (DESIGN.md's speed budget).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

#: How long the fetch may wait for the broker to answer every partition (a guard, not a pace).
FETCH_DEADLINE = 10.0


async def true_end_offsets(
    client_options: Mapping[str, Any], partitions: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], int]:
    """The offset after the last record of each (topic, partition): its high watermark.

    Raises TimeoutError when the broker does not answer a fetch for a partition in
    FETCH_DEADLINE seconds (the caller's recovery then fails loudly instead of stopping short).
    """
    wanted = [TopicPartition(topic, partition) for topic, partition in partitions]
    if not wanted:
        return {}
    consumer = AIOKafkaConsumer(
        **client_options,
        group_id=None,
        enable_auto_commit=False,
        fetch_max_wait_ms=10,
        # Only the high watermark is wanted: fetch as little of the records as the protocol allows.
        max_partition_fetch_bytes=1024,
    )
    await consumer.start()
    try:
        consumer.assign(wanted)
        reported = await consumer.end_offsets(wanted)
        beginning = await consumer.beginning_offsets(wanted)
        for tp in wanted:
            consumer.seek(tp, max(beginning[tp], reported[tp] - 1))
        ends: dict[TopicPartition, int] = {}
        deadline = time.monotonic() + FETCH_DEADLINE
        while len(ends) < len(wanted):
            if time.monotonic() > deadline:
                missing = [f"{tp.topic}[{tp.partition}]" for tp in wanted if tp not in ends]
                raise TimeoutError(f"no fetch answer for the end of {', '.join(missing)}")
            await consumer.getmany(*[tp for tp in wanted if tp not in ends], timeout_ms=100)
            for tp in wanted:
                highwater = consumer.highwater(tp)
                if highwater is not None and tp not in ends:
                    ends[tp] = max(highwater, reported[tp])
        return {(tp.topic, tp.partition): end for tp, end in ends.items()}
    finally:
        await consumer.stop()


def use_true_end_offsets_in_faust(client_options: Mapping[str, Any]) -> None:
    """Make faust's table recovery read up to the true end of every changelog partition.

    faust asks `AIOKafkaConsumerThread._highwaters` (ListOffsets) where recovery ends; this
    replaces it with `true_end_offsets`, keeping faust's own answer inside a transaction.
    """
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread
    from faust.types import TP

    async def _highwaters(self: AIOKafkaConsumerThread, partitions: list[TP]) -> Mapping[TP, int]:
        if self.consumer.in_transaction:
            consumer = self._ensure_consumer()
            return {tp: consumer.last_stable_offset(tp) for tp in partitions}
        ends = await true_end_offsets(client_options, partitions)
        return {TP(topic, partition): end for (topic, partition), end in ends.items()}

    AIOKafkaConsumerThread._highwaters = _highwaters  # type: ignore[method-assign]
