"""Table recovery is complete on the embedded broker although its end offsets stop short.

The worker's producer batches changelog records; the broker's ListOffsets answers the last
batch's base offset + 1 (DESIGN.md). A worker killed after the stream settles must come back
with exactly the hot state it had: every incident at the same version. And on taking each fold
partition over it reads the partition's changelog again itself (streams/changelog_read.py):
every key there, none of them different from what faust's recovery restored on this clean run.
"""

from __future__ import annotations

import asyncio
import os
import re
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


async def _changelog_keys(settings: Settings, table: str) -> dict[int, set[bytes]]:
    """Distinct keys of each partition of a table's changelog, as the test reads them itself."""
    keys: dict[int, set[bytes]] = {}
    topic = f"{settings.app_id}-{table}-changelog"
    async for record in read_topic(settings, topic, idle_timeout=0.5):
        keys.setdefault(record.partition, set()).add(record.key or b"")
    return keys


TAKE_OVER = re.compile(r"take-over ([\w-]+)\[(\d+)\]: (\d+) keys read back .*?, (\d+) differed")


def _take_overs(
    log: Path, partitions: int, timeout: float = 120.0
) -> dict[tuple[str, int], tuple[int, int]]:
    """(table, partition) -> (keys read back, keys that differed), once every partition of both
    fold tables is taken over (each gets a progress marker within seconds of the start)."""
    deadline = time.monotonic() + timeout
    while True:
        found = {
            (m[1], int(m[2])): (int(m[3]), int(m[4]))
            for m in TAKE_OVER.finditer(log.read_text(errors="replace"))
        }
        if len(found) >= 2 * partitions or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


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
        partitions = pipeline.settings.partitions
        taken = _take_overs(tmp_path / "worker-1.log", partitions)
        written = {
            table: asyncio.run(_changelog_keys(pipeline.settings, table))
            for table in ("fold-state", "held-reports")
        }
    finally:
        pipeline.stop()

    assert after == before
    expected = {
        (table, p): (len(written[table].get(p, set())), 0)
        for table in written
        for p in range(partitions)
    }
    assert taken == expected
