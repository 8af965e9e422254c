"""Replay archives into articles.raw: keyed by article id, published_at as the Kafka timestamp."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from aiokafka import AIOKafkaProducer
from tqdm import tqdm

from streams.kafka import ensure_topics, producer
from streams.reorder import END_KEY
from streams.settings import Settings
from streams.sources import ArchiveRecord, read_archive


def _time_order(record: ArchiveRecord) -> tuple[float, str]:
    return (record.published_at.timestamp() if record.published_at else float("-inf"), record.key)


async def send_end_markers(kafka: AIOKafkaProducer, topic: str) -> None:
    """End-of-archive markers, one per partition, after everything else sent to it."""
    for partition in sorted(await kafka.partitions_for(topic)):
        await kafka.send_and_wait(topic, b"", key=END_KEY, partition=partition)


@dataclass
class ReplayResult:
    """What a replay sent: the keys, in order, and how many records the time filter skipped."""

    keys: list[str] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0


def select(
    records: Iterable[ArchiveRecord], since: datetime | None, until: datetime | None
) -> Iterator[ArchiveRecord | None]:
    """Records within [since, until); None for one outside it (counted, not sent). Records with
    no readable date are always sent: the worker dead-letters them with a reason."""
    for record in records:
        when = record.published_at
        if when is not None and (
            (since is not None and when < since) or (until is not None and when >= until)
        ):
            yield None
        else:
            yield record


async def replay(
    settings: Settings,
    paths: Iterable[Path],
    *,
    field_map: dict[str, str] | None = None,
    published_at: datetime | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    rate: float | None = None,
    progress: bool = True,
    sort: bool = False,
) -> ReplayResult:
    """Send every record of `paths` to articles.raw; `rate` paces it in articles per second;
    `sort` sends them in published_at order (read into memory first; undated ones go first)."""
    await ensure_topics(settings)
    topic = settings.topic("articles.raw")
    result = ReplayResult()
    started = time.monotonic()
    kafka = producer(settings)
    await kafka.start()
    bar = tqdm(unit=" articles", disable=not progress, desc="replay", smoothing=0.1)
    try:
        pending = []
        records: Iterable[ArchiveRecord] = itertools.chain.from_iterable(
            read_archive(path, field_map=field_map, published_at=published_at) for path in paths
        )
        if sort:
            records = sorted(records, key=_time_order)
        for record in select(records, since, until):
            if record is None:
                result.skipped += 1
                continue
            if rate:
                delay = started + len(result.keys) / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            timestamp = (
                int(record.published_at.timestamp() * 1000)
                if record.published_at is not None and record.published_at.year >= 1970
                else None
            )
            pending.append(
                await kafka.send(
                    topic,
                    record.value,
                    key=record.key.encode("utf-8"),
                    timestamp_ms=timestamp,
                )
            )
            result.keys.append(record.key)
            bar.update(1)
            if len(pending) >= 1000:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
        await send_end_markers(kafka, topic)
        await kafka.flush()
    finally:
        bar.close()
        await kafka.stop()
    result.seconds = time.monotonic() - started
    return result
