"""Table recovery is complete on the embedded broker although its end offsets stop short.

The worker's producer batches changelog records; the broker's ListOffsets answers the last
batch's base offset + 1 (DESIGN.md). A worker killed after the stream settles must come back
with exactly the hot state it had: every incident at the same version.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
import urllib.request
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from streams.broker import EmbeddedBroker, free_port
from streams.kafka import read_topic
from streams.settings import Settings
from streams.sources.synthetic import ArchiveSpec, write_jsonl
from tests.integration.pipeline import new_pipeline

pytestmark = pytest.mark.integration


def _hot_incidents(port: int) -> dict[str, int]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/incidents/", timeout=10) as reply:
        return {row["id"]: row["version"] for row in orjson.loads(reply.read())}


async def _append_one_batch(settings: Settings, copies: int) -> dict[str, int]:
    """Copies of the last incident state of changelog partition 0 under new ids, in one batch."""
    topic = f"{settings.app_id}-fold-state-changelog"
    last = None
    async for record in read_topic(settings, topic, idle_timeout=0.5):
        if record.partition == 0 and record.value is not None and record.value[:2] == b"s\0":
            last = record
    assert last is not None, f"no incident state on {topic}[0]"
    assert last.key == orjson.dumps("s|" + orjson.loads(last.value[2:])["incident"]["id"])
    added = {}
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, linger_ms=100, max_batch_size=1 << 20
    )
    await producer.start()
    try:
        for n in range(copies):
            state = orjson.loads(last.value[2:])  # the fold-state table tags values: b"s\0{...}"
            state["incident"]["id"] = f"{state['incident']['id']}-copy{n}"
            added[state["incident"]["id"]] = state["incident"]["version"]
            key = orjson.dumps("s|" + state["incident"]["id"])  # faust's keys are JSON strings
            await producer.send(topic, b"s\0" + orjson.dumps(state), key=key, partition=0)
        await producer.flush()
    finally:
        await producer.stop()
    return added


def _wait_ready(log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while "Worker ready" not in (log.read_text(errors="replace") if log.exists() else ""):
        if time.monotonic() > deadline:
            raise TimeoutError(f"worker not ready after {timeout} s: {log}")
        time.sleep(0.2)


def test_a_restarted_worker_restores_every_incident_at_its_version(
    broker: EmbeddedBroker, tmp_path: Path
) -> None:
    archive = tmp_path / "archive.jsonl"
    write_jsonl(ArchiveSpec(articles=300, incidents=60, seed=5, days=6, late_reports=0), archive)
    port = free_port()
    pipeline = new_pipeline(broker.url, tmp_path, web_enabled="true", web_port=str(port))
    try:
        pipeline.start_worker()
        keys = pipeline.replay([archive], sort=True).keys  # as fast as it goes: full batches
        outcomes = pipeline.outcomes(keys)
        assert not outcomes.unaccounted(keys)
        time.sleep(pipeline.settings.session_timeout + 4)  # past faust's commit interval
        before = _hot_incidents(port)
        assert len(before) > 30

        first = pipeline.workers[0]
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        # While it is down, ten more states land on the changelog in one batch: the reported
        # end of that partition is the batch's first record + 1.
        extra = asyncio.run(_append_one_batch(pipeline.settings, copies=10))
        before.update(extra)
        pipeline.start_worker()
        _wait_ready(tmp_path / "worker-1.log")
        after = _hot_incidents(port)
    finally:
        pipeline.stop()

    assert after == before
