"""Where every article ended: an incident, articles.duplicates, articles.late or dead-letter.

Reads the four outcome topics (DESIGN.md invariant 1) and checks count conservation. A copy is
listed in its original's incident with copy_of set and counted under duplicates.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas.articles import DuplicateNotice
from schemas.dead_letter import DeadLetter
from schemas.incidents import Incident
from schemas.wire import decode
from streams.kafka import client_options
from streams.settings import Settings

OUTCOME_TOPICS = ("incidents", "articles.duplicates", "articles.late", "dead-letter")


@dataclass
class Outcomes:
    """Latest incidents and every article's outcome, as read from the topics."""

    incidents: dict[str, Incident] = field(default_factory=dict)
    duplicates: dict[str, DuplicateNotice] = field(default_factory=dict)
    late: set[str] = field(default_factory=set)
    dead_letters: dict[str, DeadLetter] = field(default_factory=dict)

    def add(self, topic: str, key: bytes | None, value: bytes) -> None:
        if topic == "incidents":
            incident = decode(Incident, value)
            known = self.incidents.get(incident.id)
            if known is None or incident.version >= known.version:
                self.incidents[incident.id] = incident
        elif topic == "articles.duplicates":
            notice = decode(DuplicateNotice, value)
            self.duplicates[notice.article_id] = notice
        elif topic == "articles.late":
            self.late.add((key or b"").decode("utf-8", "replace"))
        elif topic == "dead-letter":
            letter = decode(DeadLetter, value)
            self.dead_letters[letter.article_id or (key or b"").decode("utf-8", "replace")] = letter

    def assignments(self) -> dict[str, str]:
        """article id -> incident id, for every article in a live (not merged-away) incident."""
        out: dict[str, str] = {}
        for incident in self.incidents.values():
            if incident.merged_into:
                continue
            for article in incident.articles:
                out[article.id] = incident.id
        return out

    def outcome_of(self) -> dict[str, list[str]]:
        """article id -> every outcome it has (conservation wants exactly one each)."""
        found: dict[str, list[str]] = {}
        for incident in self.incidents.values():
            if incident.merged_into:
                continue
            for article in incident.articles:  # an article in two live incidents counts twice
                if article.id not in self.duplicates:
                    found.setdefault(article.id, []).append(f"incident:{incident.id}")
        for article_id in self.duplicates:
            found.setdefault(article_id, []).append("duplicate")
        for article_id in self.late:
            found.setdefault(article_id, []).append("late")
        for article_id in self.dead_letters:
            found.setdefault(article_id, []).append("dead-letter")
        return found

    def unaccounted(self, keys: Iterable[str]) -> list[str]:
        """Keys with no outcome yet."""
        found = self.outcome_of()
        return [k for k in keys if k not in found]


async def assign_from_beginning(
    consumer: AIOKafkaConsumer, settings: Settings, names: Iterable[str], deadline: float
) -> None:
    """Assign every partition of the topics `names` (without prefix), from the beginning;
    waits (until the monotonic `deadline`) for topics a worker has not created yet."""
    tps = []
    for name in names:
        topic = settings.topic(name)
        partitions = consumer.partitions_for_topic(topic)
        while partitions is None and time.monotonic() < deadline:
            await consumer._client.force_metadata_update()
            partitions = consumer.partitions_for_topic(topic)
            if partitions is None:
                await asyncio.sleep(0.2)
        tps += [TopicPartition(topic, p) for p in sorted(partitions or ())]
    consumer.assign(tps)
    await consumer.seek_to_beginning(*tps)


async def collect_outcomes(
    settings: Settings,
    expect: Iterable[str] = (),
    *,
    timeout: float = 120.0,
    settle: float = 1.5,
) -> Outcomes:
    """Read the outcome topics until every key in `expect` has an outcome and nothing new has
    arrived for `settle` seconds (or `timeout` passes); the embedded broker's end offsets are
    not trusted, so 'done' is decided by what was read."""
    expected = set(expect)
    outcomes = Outcomes()
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        group_id=None,
        max_partition_fetch_bytes=settings.max_message_bytes,
        fetch_max_wait_ms=round(settings.fetch_max_wait * 1000),
        fetch_max_bytes=max(settings.max_message_bytes, 52_428_800),
    )
    await consumer.start()
    deadline = time.monotonic() + timeout
    try:
        await assign_from_beginning(consumer, settings, OUTCOME_TOPICS, deadline)
        names = {settings.topic(n): n for n in OUTCOME_TOPICS}
        last_record = time.monotonic()
        missing = set(expected)
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for tp, records in batch.items():
                for record in records:
                    outcomes.add(names[tp.topic], record.key, record.value)
                    last_record = time.monotonic()
            if batch:
                continue
            if missing:
                missing = set(outcomes.unaccounted(missing))
            if not missing and time.monotonic() - last_record >= settle:
                break
    finally:
        await consumer.stop()
    return outcomes
