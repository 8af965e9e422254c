"""Faults inflicted on a running pipeline: a worker killed with SIGKILL mid-stream."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker
from streams.outcomes import Outcomes
from streams.sources.synthetic import ArchiveSpec, write_jsonl
from tests.integration.pipeline import Pipeline, new_pipeline

pytestmark = pytest.mark.integration


def _summary(outcomes: Outcomes) -> dict[str, tuple[object, ...]]:
    return {
        i.id: (
            tuple(sorted(i.article_ids)),
            i.event_date,
            tuple((f.kind, f.consensus, f.low, f.high) for f in i.casualties),
        )
        for i in outcomes.incidents.values()
        if not i.merged_into
    }


def _run(pipeline: Pipeline, archive: Path, kill_after: float | None) -> Outcomes:
    pipeline.start_worker()

    async def replay_and_kill() -> list[str]:
        from streams.replay import replay

        task = asyncio.create_task(
            replay(pipeline.settings, [archive], progress=False, sort=True, rate=40)
        )
        if kill_after is not None:
            await asyncio.sleep(kill_after)
            victim = pipeline.workers[-1]
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait()
            pipeline.start_worker()
        return (await task).keys

    keys = asyncio.run(replay_and_kill())
    outcomes = pipeline.outcomes(keys, timeout=300)
    missing = outcomes.unaccounted(keys)
    assert not missing, f"lost across the crash: {missing[:10]}"
    twice = {k: v for k, v in outcomes.outcome_of().items() if len(v) != 1}
    assert not twice, f"counted twice: {twice}"
    return outcomes


def test_a_worker_killed_mid_stream_loses_and_doubles_nothing(
    broker: EmbeddedBroker, tmp_path: Path
) -> None:
    archive = tmp_path / "archive.jsonl"
    write_jsonl(
        ArchiveSpec(articles=400, incidents=80, seed=21, days=12, late_reports=0), archive
    )
    (tmp_path / "clean").mkdir()
    (tmp_path / "crash").mkdir()
    reference = new_pipeline(broker.url, tmp_path / "clean")
    crashed = new_pipeline(broker.url, tmp_path / "crash")
    try:
        expected = _summary(_run(reference, archive, kill_after=None))
        got = _summary(_run(crashed, archive, kill_after=4.0))
    finally:
        reference.stop()
        crashed.stop()
    assert got == expected
