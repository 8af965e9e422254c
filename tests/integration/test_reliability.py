"""Faults inflicted on a running pipeline, each checked against one fault-free run (issue #8).

One archive of 10,000 generated articles is run once without faults (a module-scoped fixture),
then again under each fault: a worker killed with SIGKILL mid-stream; the same, and the
restarted worker killed again while it restores its tables from the changelogs; a second worker
joining mid-stream and the first leaving; the broker paused (SIGSTOP) for longer than the
session timeout. Each time, when idle, every incident must equal the fault-free run's (ids,
versions, article sets, figures, status), every article must have exactly one outcome (DESIGN.md
invariant 1), and no incident may be seen at a lower version after a higher one.

Each run has a broker of its own, stopped when the run ends: the embedded broker keeps every
record in RAM (about 3 GB for one run), so one broker for all five runs grew to about 15 GB.

Fault times are drawn from a seeded random generator, as fractions of the fault-free run's
duration; the seed is printed in every failure (set NEWSFOLD_FAULT_SEED to replay one).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from streams.broker import EmbeddedBroker, running_broker
from streams.kafka import read_topic
from streams.outcomes import Outcomes
from streams.reorder import PROGRESS_KEY
from streams.sources.synthetic import ArchiveSpec, write_jsonl
from tests.integration.pipeline import Pipeline, new_pipeline

ARTICLES = 10_000
SPEC = ArchiveSpec(articles=ARTICLES, incidents=2_000, seed=21, days=40, late_reports=5)
#: A whole 10,000-article run must finish in this many seconds (a guard against a hang: a kill
#: during recovery took 1,130 s under a load of 6 on 2 cores, against 569 s without faults).
RUN_TIMEOUT = 1_800.0
# Each test may include the shared fault-free run (the first one to ask for it pays for it).
pytestmark = [pytest.mark.integration, pytest.mark.timeout(2 * RUN_TIMEOUT)]
SEED = int(os.environ.get("NEWSFOLD_FAULT_SEED", str(time.time_ns() % 1_000_000)))

Summary = dict[str, dict[str, Any]]


@dataclass
class Reference:
    """The fault-free run: the archive, what it sent, what came out and how long it took."""

    archive: Path
    keys: list[str]
    incidents: Summary
    seconds: float


def _summary(outcomes: Outcomes) -> Summary:
    """Every incident's latest version, whole: id, version, status, articles, figures, ..."""
    return {i.id: i.model_dump(mode="json") for i in outcomes.incidents.values()}


def _check_conservation(
    pipeline: Pipeline, outcomes: Outcomes, keys: list[str], context: str
) -> None:
    missing = outcomes.unaccounted(keys)
    assert not missing, (
        f"{context}: lost {len(missing)}, e.g. {missing[:10]}; "
        f"where they were last seen: {_last_seen(pipeline, missing)}"
    )
    twice = {k: v for k, v in outcomes.outcome_of().items() if len(v) != 1}
    assert not twice, f"{context}: counted twice: {dict(list(twice.items())[:10])}"
    assert set(outcomes.outcome_of()) == set(keys), f"{context}: outcomes for keys never sent"


def _last_seen(pipeline: Pipeline, missing: list[str]) -> dict[str, list[str]]:
    """For each stage's input topic, the lost articles found on it (topic[partition]@offset):
    the first topic without one of them is where it was lost, and its offsets say which
    worker's log to read."""
    wanted = set(missing)

    def article_id(topic: str, record: Any) -> str | None:
        if topic != "articles.extracted":
            return record.key.decode() if record.key else None
        if record.key == PROGRESS_KEY or not record.value:
            return None
        return str(orjson.loads(record.value)["article"]["id"])

    async def run() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for topic in ("articles.raw", "articles.clean", "articles.extracted"):
            name = pipeline.settings.topic(topic)
            seen = found.setdefault(topic, [])
            async for record in read_topic(pipeline.settings, name, idle_timeout=1.0):
                if article_id(topic, record) in wanted:
                    seen.append(f"[{record.partition}]@{record.offset}")
            found[topic] = [f"{len(seen)} of {len(wanted)}", *sorted(seen)[:20]]
        return found

    return asyncio.run(run())


def _versions_never_go_back(pipeline: Pipeline) -> list[str]:
    """Incidents whose versions on the incidents topic ever went down (a re-send may repeat one)."""

    async def run() -> list[str]:
        settings = pipeline.settings
        last: dict[bytes, int] = {}
        backwards = []
        async for record in read_topic(settings, settings.topic("incidents"), idle_timeout=1.0):
            if not record.value or record.key is None:
                continue
            version = int(_version_of(record.value))
            if version < last.get(record.key, 0):
                backwards.append(f"{record.key!r}: {last[record.key]} then {version}")
            last[record.key] = max(version, last.get(record.key, 0))
        return backwards

    return asyncio.run(run())


def _version_of(value: bytes) -> int:
    return int(orjson.loads(value)["version"])


def _wait_for_log(pipeline: Pipeline, worker: int, text: str, timeout: float) -> bool:
    log = pipeline.logs / f"worker-{worker}.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(errors="replace"):
            return True
        time.sleep(0.05)
    return False


def _kill(pipeline: Pipeline, index: int) -> None:
    victim = pipeline.workers[index]
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()


Fault = Callable[[Pipeline, float], None]


def _run(
    pipeline: Pipeline, archive: Path, fault: Fault | None, reference_seconds: float
) -> tuple[list[str], Outcomes, float]:
    """Start one worker, replay the archive as fast as it goes, inflict `fault`, wait for idle."""
    started = time.monotonic()
    pipeline.start_worker()
    keys = pipeline.replay([archive], sort=True).keys
    if fault is not None:
        fault(pipeline, started + reference_seconds)
    outcomes = pipeline.outcomes(keys, timeout=RUN_TIMEOUT)
    return keys, outcomes, time.monotonic() - started


def _at(started_plus_reference: float, reference_seconds: float, fraction: float) -> None:
    """Sleep until `fraction` of the fault-free run's duration has passed since the start."""
    start = started_plus_reference - reference_seconds
    time.sleep(max(0.0, start + fraction * reference_seconds - time.monotonic()))


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[EmbeddedBroker]:
    """A broker for this test's run alone (its records leave RAM when the test ends)."""
    with running_broker(log_file=tmp_path / "broker.log") as running:
        yield running


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reference]:
    """The fault-free run of the 10,000-article archive, shared by every fault below."""
    tmp = tmp_path_factory.mktemp("reliability")
    archive = tmp / "archive.jsonl"
    write_jsonl(SPEC, archive)
    (tmp / "reference").mkdir()
    with running_broker(log_file=tmp / "reference" / "broker.log") as broker:
        pipeline = new_pipeline(broker.url, tmp / "reference")
        try:
            keys, outcomes, seconds = _run(pipeline, archive, None, 0.0)
            _check_conservation(pipeline, outcomes, keys, "fault-free run")
            assert len(outcomes.incidents) > SPEC.incidents // 2
            # The archive is sent in published_at order, so nothing may be late: if some is, the
            # fold lost event-time order and the result depends on timing, not on faults (seen on
            # 2026-11-22 under a load of 5-10 on 2 cores: 2,838 of 10,000 late).
            assert not outcomes.late, f"fault-free run: {len(outcomes.late)} late reports"
        finally:
            pipeline.stop()
    print(f"\nfault-free run: {len(keys)} articles in {seconds:.0f} s; fault seed {SEED}")
    yield Reference(archive, keys, _summary(outcomes), seconds)


def _faulty_run(
    broker: EmbeddedBroker, tmp: Path, reference: Reference, fault: Fault, name: str
) -> tuple[list[bool], Summary]:
    """Run the archive under `fault`; which workers are still alive at the end, and the result."""
    pipeline = new_pipeline(broker.url, tmp)
    try:
        keys, outcomes, seconds = _run(pipeline, reference.archive, fault, reference.seconds)
        alive = [worker.poll() is None for worker in pipeline.workers]
        # Both runs' incidents, whole, for whoever reads a failure.
        (tmp / "incidents.json").write_bytes(
            orjson.dumps({"fault-free": reference.incidents, "faulty": _summary(outcomes)})
        )
        context = f"{name} (NEWSFOLD_FAULT_SEED={SEED}; incidents of both runs in {tmp})"
        _check_conservation(pipeline, outcomes, keys, context)
        backwards = _versions_never_go_back(pipeline)
        assert not backwards, f"{context}: versions went back: {backwards[:10]}"
        print(
            f"\n{name}: {seconds:.0f} s (fault-free {reference.seconds:.0f} s); "
            f"{len(outcomes.late)} late {sorted(outcomes.late)[:20]}"
        )
        return alive, _summary(outcomes)
    finally:
        pipeline.stop()


def _differences(got: Summary, expected: Summary) -> list[str]:
    out = [f"missing incident {i}" for i in sorted(expected.keys() - got.keys())]
    out += [f"extra incident {i}" for i in sorted(got.keys() - expected.keys())]
    for incident_id in sorted(expected.keys() & got.keys()):
        a, b = expected[incident_id], got[incident_id]
        if a != b:
            fields = sorted(k for k in a if a.get(k) != b.get(k))
            detail = ""
            if "articles" in fields:
                mine = {x["id"]: x for x in b["articles"]}
                theirs = {x["id"]: x for x in a["articles"]}
                changed = [(theirs[k], mine[k]) for k in theirs.keys() & mine.keys()]
                detail = (
                    f" (articles only in the fault-free run: {sorted(theirs.keys() - mine.keys())},"
                    f" only here: {sorted(mine.keys() - theirs.keys())}, changed: "
                    f"{[pair for pair in changed if pair[0] != pair[1]][:3]})"
                )
            out.append(f"{incident_id} differs in {fields}{detail}")
    return out


def test_a_worker_killed_mid_stream_loses_and_doubles_nothing(
    own_broker: EmbeddedBroker, tmp_path: Path, reference: Reference
) -> None:
    rng = random.Random(SEED)
    fraction = rng.uniform(0.25, 0.7)

    def crash(pipeline: Pipeline, end: float) -> None:
        _at(end, reference.seconds, fraction)
        _kill(pipeline, 0)
        pipeline.start_worker()

    alive, got = _faulty_run(own_broker, tmp_path, reference, crash, f"SIGKILL at {fraction:.2f}")
    assert alive == [False, True]
    differences = _differences(got, reference.incidents)
    assert not differences, f"seed {SEED}: {len(differences)} differ: {differences[:10]}"


def test_a_worker_killed_again_while_it_restores_its_tables(
    own_broker: EmbeddedBroker, tmp_path: Path, reference: Reference
) -> None:
    rng = random.Random(SEED + 1)
    fraction = rng.uniform(0.4, 0.7)
    during: dict[str, bool] = {}

    def crash_twice(pipeline: Pipeline, end: float) -> None:
        _at(end, reference.seconds, fraction)
        _kill(pipeline, 0)
        pipeline.start_worker()
        # Kill the restarted worker as soon as it starts reading the changelogs back.
        during["restoring"] = _wait_for_log(
            pipeline, 1, "Restoring state from changelog topics", timeout=120
        )
        log = (pipeline.logs / "worker-1.log").read_text(errors="replace")
        _kill(pipeline, 1)
        during["before_ready"] = "Worker ready" not in log
        pipeline.start_worker()

    alive, got = _faulty_run(
        own_broker,
        tmp_path,
        reference,
        crash_twice,
        f"SIGKILL at {fraction:.2f}, again in recovery",
    )
    assert alive == [False, False, True]
    assert during == {"restoring": True, "before_ready": True}, during
    differences = _differences(got, reference.incidents)
    assert not differences, f"seed {SEED}: {len(differences)} differ: {differences[:10]}"


def test_a_second_worker_joins_then_the_first_leaves(
    own_broker: EmbeddedBroker, tmp_path: Path, reference: Reference
) -> None:
    rng = random.Random(SEED + 2)
    join, leave = sorted(rng.uniform(0.2, 0.7) for _ in range(2))
    leave = max(leave, join + 0.15)

    def rebalance(pipeline: Pipeline, end: float) -> None:
        _at(end, reference.seconds, join)
        pipeline.start_worker()
        _at(end, reference.seconds, leave)
        first = pipeline.workers[0]
        first.send_signal(signal.SIGTERM)  # a deploy: the first worker leaves the group cleanly
        first.wait(timeout=60)

    alive, got = _faulty_run(
        own_broker, tmp_path, reference, rebalance, f"join at {join:.2f}, leave at {leave:.2f}"
    )
    assert alive == [False, True], "the first worker must have left, the second still run"
    differences = _differences(got, reference.incidents)
    assert not differences, f"seed {SEED}: {len(differences)} differ: {differences[:10]}"


def test_workers_recover_by_themselves_from_a_paused_broker(
    own_broker: EmbeddedBroker, tmp_path: Path, reference: Reference
) -> None:
    rng = random.Random(SEED + 3)
    fraction = rng.uniform(0.3, 0.6)
    pause = 4 * 2.0 + 2  # seconds: well past the session timeout (2 s) and several heartbeats
    alive: list[bool] = []

    def stall(pipeline: Pipeline, end: float) -> None:
        _at(end, reference.seconds, fraction)
        os.kill(own_broker.process.pid, signal.SIGSTOP)
        try:
            time.sleep(pause)
        finally:
            os.kill(own_broker.process.pid, signal.SIGCONT)
        alive.append(pipeline.workers[0].poll() is None)

    still, got = _faulty_run(
        own_broker, tmp_path, reference, stall, f"broker paused {pause:.0f} s at {fraction:.2f}"
    )
    assert alive == [True], "the worker died while the broker was paused"
    assert still == [True], "the worker (never restarted) died after the pause"
    differences = _differences(got, reference.incidents)
    assert not differences, f"seed {SEED}: {len(differences)} differ: {differences[:10]}"
