"""Kafka clients for the CLI (replay, tail, export): topics, producer, consumer, read-to-end.

The worker's clients are faust's; these use aiokafka directly with the same NEWSFOLD_ settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.helpers import create_ssl_context

from streams.settings import Settings

#: Every topic of DESIGN.md; incidents is compacted.
TOPICS = (
    "articles.raw",
    "articles.clean",
    "articles.extracted",
    "articles.duplicates",
    "articles.late",
    "incidents",
    "incidents.updates",
    "dead-letter",
)


def client_options(settings: Settings) -> dict[str, Any]:
    """Connection and security options shared by every aiokafka client."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": settings.security_protocol,
    }
    if "SSL" in settings.security_protocol:
        options["ssl_context"] = create_ssl_context(cafile=settings.ssl_cafile)
    if settings.security_protocol.startswith("SASL"):
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = settings.sasl_password
    return options


async def ensure_topics(settings: Settings) -> None:
    """Create every newsfold topic that does not exist yet (idempotent)."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(
                settings.topic(name),
                num_partitions=settings.partitions,
                replication_factor=settings.replication_factor,
                topic_configs={"cleanup.policy": "compact"} if name == "incidents" else {},
            )
            for name in TOPICS
            if settings.topic(name) not in existing
        ]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):  # another process was first
                await admin.create_topics(wanted)
    finally:
        await admin.close()


def producer(settings: Settings) -> AIOKafkaProducer:
    """A producer for articles.raw; no idempotence (the embedded broker lacks it, DESIGN.md)."""
    return AIOKafkaProducer(
        **client_options(settings),
        linger_ms=5,
        max_request_size=settings.max_message_bytes,
        acks="all",
        compression_type=settings.compression_type,
    )


async def read_topic(
    settings: Settings,
    topic: str,
    *,
    from_beginning: bool = True,
    idle_timeout: float | None = 2.0,
    follow: bool = False,
) -> AsyncIterator[ConsumerRecord]:
    """Every record of `topic`, partition by partition as they come.

    Without `follow`, stops at the topic's true end: once past the end offsets the broker reports,
    it keeps fetching until nothing new arrives for `idle_timeout` seconds, because the embedded
    broker's ListOffsets(LATEST) can stop short of the last records (DESIGN.md).
    """
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        fetch_max_bytes=max(settings.max_message_bytes, 52_428_800),
        max_partition_fetch_bytes=settings.max_message_bytes,
        group_id=None,
        fetch_max_wait_ms=round(settings.fetch_max_wait * 1000),
    )
    await consumer.start()
    try:
        partitions = consumer.partitions_for_topic(topic)
        if partitions is None:
            await consumer._client.force_metadata_update()
            partitions = consumer.partitions_for_topic(topic) or set()
        from aiokafka import TopicPartition

        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        if not tps:
            return
        consumer.assign(tps)
        if from_beginning:
            await consumer.seek_to_beginning(*tps)
        else:
            await consumer.seek_to_end(*tps)
        reported_end = await consumer.end_offsets(tps) if not follow else {}
        last_record = time.monotonic()
        while True:
            batch = await consumer.getmany(timeout_ms=200)
            got = False
            for records in batch.values():
                for record in records:
                    got = True
                    yield record
            now = time.monotonic()
            if got:
                last_record = now
                continue
            if follow:
                await asyncio.sleep(0)
                continue
            past_reported = True
            for tp in tps:
                if await consumer.position(tp) < reported_end.get(tp, 0):
                    past_reported = False
            if past_reported and (idle_timeout is None or now - last_record >= idle_timeout):
                return
    finally:
        await consumer.stop()
