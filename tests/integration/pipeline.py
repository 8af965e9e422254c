"""A running newsfold pipeline for integration tests: its own topics, group and worker(s)."""

from __future__ import annotations

import asyncio
import itertools
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from subprocess import Popen
from typing import Any

from aiokafka import AIOKafkaProducer

from schemas.articles import CleanArticle, ExtractedArticle
from schemas.wire import encode
from streams.kafka import ensure_topics, read_topic
from streams.local import start_worker, stop_process
from streams.outcomes import Outcomes, collect_outcomes
from streams.reorder import PROGRESS_KEY
from streams.replay import ReplayResult, replay
from streams.settings import Settings, settings_from

_names = itertools.count()


def _sentinel(article_id: str) -> ExtractedArticle:
    published = datetime(1990, 1, 1, tzinfo=UTC)
    return ExtractedArticle(
        article=CleanArticle(
            id=article_id, title=article_id, published_at=published, paragraphs=[article_id]
        ),
        region_key="sentinel",
        text_hash=article_id,
    )


@dataclass
class Pipeline:
    """Settings, env and worker processes of one isolated pipeline on the shared broker."""

    settings: Settings
    env: dict[str, str]
    logs: Path
    workers: list[Popen[bytes]] = field(default_factory=list)

    def start_worker(self) -> Popen[bytes]:
        process = start_worker(self.env, self.logs / f"worker-{len(self.workers)}.log")
        self.workers.append(process)
        return process

    def stop(self) -> None:
        for process in self.workers:
            stop_process(process)

    def replay(self, paths: Iterable[Path], **options: Any) -> ReplayResult:
        return asyncio.run(replay(self.settings, list(paths), progress=False, **options))

    def send_raw(
        self, messages: Iterable[tuple[bytes, bytes]], max_request_size: int | None = None
    ) -> None:
        """Send (key, value) byte pairs to articles.raw as they are; `max_request_size`: the
        producer's limit (default newsfold's), larger for a foreign producer's big messages."""

        async def run() -> None:
            await ensure_topics(self.settings)
            producer = AIOKafkaProducer(
                bootstrap_servers=self.settings.bootstrap_servers,
                max_request_size=max_request_size or self.settings.max_message_bytes,
            )
            await producer.start()
            try:
                for key, value in messages:
                    await producer.send_and_wait(
                        self.settings.topic("articles.raw"), value, key=key
                    )
            finally:
                await producer.stop()

        asyncio.run(run())

    def outcomes(self, keys: Iterable[str], timeout: float = 180.0) -> Outcomes:
        return asyncio.run(collect_outcomes(self.settings, keys, timeout=timeout))

    def barrier(self, min_extracted: int, timeout: float = 180.0) -> list[str]:
        """Wait until the fold stage has processed everything on articles.extracted.

        Waits for `min_extracted` reports on articles.extracted (progress markers not counted),
        then for the extract stage to declare itself drained (its next progress markers release
        every report the fold holds for event-time order), then puts one unstamped sentinel
        report on each partition and waits for their outcomes: a partition is folded in order,
        so a folded sentinel means all before it was folded. Returns the sentinel ids.
        """
        return asyncio.run(self._barrier(min_extracted, timeout))

    async def _barrier(self, min_extracted: int, timeout: float) -> list[str]:
        topic = self.settings.topic("articles.extracted")
        count = 0
        # Follows the topic rather than reading to an idle end: progress markers arrive every
        # progress_interval per upstream partition, so the topic may never fall idle.
        try:
            async with asyncio.timeout(timeout):
                async for record in read_topic(self.settings, topic, follow=True):
                    count += record.key != PROGRESS_KEY
                    if count >= min_extracted:
                        break
        except TimeoutError:
            raise TimeoutError(f"only {count} of {min_extracted} messages on {topic}") from None
        # Drained is declared after 2 progress intervals without input; markers follow each second.
        await asyncio.sleep(self.settings.progress_interval * 4)
        producer = AIOKafkaProducer(bootstrap_servers=self.settings.bootstrap_servers)
        await producer.start()
        sentinels = []
        try:
            for partition in range(self.settings.partitions):
                sentinel = f"sentinel-{uuid.uuid4().hex}"
                sentinels.append(sentinel)
                await producer.send_and_wait(
                    topic, encode(_sentinel(sentinel)), key=b"sentinel", partition=partition
                )
        finally:
            await producer.stop()
        outcomes = await collect_outcomes(self.settings, sentinels, timeout=timeout)
        missing = outcomes.unaccounted(sentinels)
        if missing:
            raise TimeoutError(f"sentinels not folded: {missing}")
        return sentinels

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.logs.glob("*.log")))


def new_pipeline(broker_url: str, tmp: Path, **settings: str) -> Pipeline:
    """An isolated pipeline: unique topic prefix and consumer group on the session's broker."""
    name = f"t{os.getpid()}x{next(_names)}"
    env = {
        "NEWSFOLD_BROKER": broker_url,
        "NEWSFOLD_TOPIC_PREFIX": f"{name}.",
        "NEWSFOLD_APP_ID": f"newsfold-{name}",
        "NEWSFOLD_WEB_ENABLED": "false",
        "NEWSFOLD_DATA_DIR": str(tmp / "state"),
        "NEWSFOLD_LOG_LEVEL": "info",
        **{f"NEWSFOLD_{k.upper()}": v for k, v in settings.items()},
    }
    config = settings_from(env)
    return Pipeline(config, env, tmp)
