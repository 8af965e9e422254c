"""True end offsets from a fetch, where the embedded broker's ListOffsets stops short."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from streams.broker import EmbeddedBroker
from streams.changelog_read import records_between
from streams.offsets import true_end_offsets

pytestmark = pytest.mark.integration


async def _write_in_batches(servers: str, topic: str, batches: list[int]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=servers)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 2, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=servers, linger_ms=50, max_batch_size=65536)
    await producer.start()
    try:
        for size in batches:  # each flush closes a batch of `size` records on partition 0
            for i in range(size):
                await producer.send(topic, b"record %d" % i, partition=0)
            await producer.flush()
    finally:
        await producer.stop()


def test_true_end_offsets_count_every_record_of_a_batched_partition(
    broker: EmbeddedBroker,
) -> None:
    topic = f"offsets-{uuid.uuid4().hex[:8]}"
    servers = broker.bootstrap_servers
    asyncio.run(_write_in_batches(servers, topic, [10, 5]))

    ends = asyncio.run(true_end_offsets({"bootstrap_servers": servers}, [(topic, 0), (topic, 1)]))

    assert ends == {(topic, 0): 15, (topic, 1): 0}


def test_records_between_reads_back_exactly_a_skipped_range_across_batches(
    broker: EmbeddedBroker,
) -> None:
    """What a stage reads back when faust's stream jumps over offsets (streams/skips.py)."""
    topic = f"skipped-{uuid.uuid4().hex[:8]}"
    servers = broker.bootstrap_servers
    asyncio.run(_write_in_batches(servers, topic, [10, 5]))

    records = asyncio.run(records_between({"bootstrap_servers": servers}, topic, 0, 7, 12))

    assert [r.offset for r in records] == [7, 8, 9, 10, 11]
    assert [r.value for r in records] == [b"record 7", b"record 8", b"record 9"] + [
        b"record 0",
        b"record 1",
    ]
