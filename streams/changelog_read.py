"""Read one changelog partition ourselves, first record to true end: the latest value of each key
(and a range of any topic's records, for messages faust's stream skipped).

Why (issue #8): the fold's state must be whole when a worker takes a partition over, and on the
embedded broker faust's table recovery once stopped short (DESIGN.md: ListOffsets answers the
last batch's base offset + 1; streams/offsets.py makes faust ask a fetch instead). Rather than
trust that patch alone, a worker taking over a fold partition reads the partition's changelog
with this module, independently of faust, and puts the latest value of every key back over
what faust restored (`mend`, which also returns the keys faust had wrong; the worker logs how
many keys it read and how many differed). The reorder buffer's held reports are read back the
same way. In the fault runs of 2026-11-28 (SIGKILL, kill during recovery, rebalance) faust's
restore agreed with it on every key: the log line is the evidence that recovery was complete.

aiokafka is used directly, and only here: faust has no public way to read a changelog again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from streams.offsets import true_end_offsets

#: How long the read may go without a record before it gives up (a guard against a hang).
STALL_DEADLINE = 30.0


async def latest_values(
    client_options: Mapping[str, Any], topic: str, partition: int
) -> dict[bytes, bytes | None]:
    """The last value written under each key of `topic`[`partition`] (None: a tombstone).

    Reads up to the true end (streams/offsets.py), not the embedded broker's ListOffsets.
    Raises TimeoutError when no record arrives for STALL_DEADLINE seconds before the end.
    """
    end = (await true_end_offsets(client_options, [(topic, partition)]))[(topic, partition)]
    tp = TopicPartition(topic, partition)
    latest: dict[bytes, bytes | None] = {}
    consumer = AIOKafkaConsumer(
        **client_options,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_bytes=16 * 1024 * 1024,
        max_partition_fetch_bytes=8 * 1024 * 1024,
    )
    await consumer.start()
    try:
        consumer.assign([tp])
        await consumer.seek_to_beginning(tp)
        position = await consumer.position(tp)
        last_progress = time.monotonic()
        while position < end:
            batches = await consumer.getmany(tp, timeout_ms=500, max_records=10_000)
            for record in batches.get(tp, []):
                if record.key is not None:
                    latest[record.key] = record.value
                last_progress = time.monotonic()
            # The consumer's position, not the last record's offset + 1: Apache Kafka's compacted
            # or transactional logs have offsets that carry no record.
            position = await consumer.position(tp)
            if time.monotonic() - last_progress > STALL_DEADLINE:
                raise TimeoutError(
                    f"changelog {topic}[{partition}] stalled at offset {position} of {end}"
                )
        return latest
    finally:
        await consumer.stop()


def mend(
    store: MutableMapping[str, Any],
    latest: Mapping[str, bytes | None],
    loads: Callable[[bytes], Any],
) -> list[str]:
    """Set each key of `store` to its `latest` changelog value (None: deleted); the keys `store`
    had wrong. Values compare as values, not as bytes: a set's JSON order differs between
    processes (hash seeds), so equal values may have been stored as different bytes."""
    wrong = []
    for key, stored in latest.items():
        held = store.get(key)
        if stored is None:
            if held is not None:
                del store[key]
                wrong.append(key)
            continue
        value = loads(stored)
        if held is None or held != value:
            store[key] = value
            wrong.append(key)
    return wrong


async def records_between(
    client_options: Mapping[str, Any], topic: str, partition: int, start: int, end: int
) -> list[Any]:
    """The records of `topic`[`partition`] from offset `start` up to, not including, `end`
    (aiokafka ConsumerRecords, in order). Raises TimeoutError as `latest_values` does."""
    tp = TopicPartition(topic, partition)
    found: list[Any] = []
    consumer = AIOKafkaConsumer(**client_options, group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign([tp])
        consumer.seek(tp, start)
        position = start
        last_progress = time.monotonic()
        while position < end:
            batches = await consumer.getmany(tp, timeout_ms=500)
            for record in batches.get(tp, []):
                if record.offset < end:
                    found.append(record)
                last_progress = time.monotonic()
            position = await consumer.position(tp)
            if time.monotonic() - last_progress > STALL_DEADLINE:
                raise TimeoutError(f"{topic}[{partition}] stalled at offset {position} of {end}")
        return found
    finally:
        await consumer.stop()
