"""End to end on the embedded broker: seeds, the sample archive, bad input, redelivery."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import orjson
import pytest
from pydantic import BaseModel

from schemas.articles import CleanArticle
from schemas.incidents import IncidentUpdate
from schemas.wire import decode
from streams.broker import EmbeddedBroker, free_port
from streams.clean import match_key
from streams.cli import DEMO_ARCHIVE
from streams.kafka import read_topic
from tests.conftest import shared_path
from tests.integration.pipeline import Pipeline, new_pipeline
from tests.unit.test_clean_seeds import RESIDUE, STORY

M = TypeVar("M", bound=BaseModel)

pytestmark = pytest.mark.integration


@pytest.fixture
def pipeline(broker: EmbeddedBroker, tmp_path: Path) -> Iterator[Pipeline]:
    running = new_pipeline(broker.url, tmp_path)
    running.start_worker()
    try:
        yield running
    finally:
        running.stop()


def fold_name(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _read(pipeline: Pipeline, topic: str, model: type[M]) -> list[M]:
    async def run() -> list[M]:
        settings = pipeline.settings
        return [
            decode(model, record.value)
            async for record in read_topic(settings, settings.topic(topic))
            if record.value
        ]

    return asyncio.run(run())


def _conservation(pipeline: Pipeline, keys: list[str]) -> dict[str, list[str]]:
    outcomes = pipeline.outcomes(keys)
    found = outcomes.outcome_of()
    missing = [k for k in keys if k not in found]
    assert not missing, f"no outcome for {missing[:10]}\n{pipeline.log_text()[-3000:]}"
    twice = {k: v for k, v in found.items() if len(v) != 1}
    assert not twice, f"articles with more than one outcome: {twice}"
    assert set(found) == set(keys), f"outcomes for keys never sent: {set(found) - set(keys)}"
    return found


def test_seeds_become_one_incident(broker: EmbeddedBroker, tmp_path: Path) -> None:
    seeds = shared_path("seeds")
    port = free_port()
    pipeline = new_pipeline(broker.url, tmp_path, web_enabled="true", web_port=str(port))
    pipeline.start_worker()
    try:
        result = pipeline.replay([seeds], published_at=datetime(2018, 5, 2, 8, tzinfo=UTC))
        assert len(result.keys) == 5
        outcomes = pipeline.outcomes(result.keys)
        assignments = outcomes.assignments()
        assert sorted(assignments) == sorted(result.keys), outcomes.dead_letters
        assert len(set(assignments.values())) == 1, assignments
        incident = outcomes.incidents[next(iter(assignments.values()))]
        assert incident.version >= 5
        assert incident.independent_sources >= 4
        updates = _read(pipeline, "incidents.updates", IncidentUpdate)
        history = [u.kind for u in updates if u.incident_id == incident.id]
        assert history[0] == "created" and history.count("joined") >= 4

        # The merged incident's facts (issue 4's seed case).
        assert incident.event_date == date(2018, 5, 1)
        event_places = [p for p in incident.places if p.role == "event"]
        qasr = [p for p in event_places if fold_name(p.name) == "alqasr"]
        assert qasr, [p.name for p in event_places]
        assert "hasak" in fold_name(qasr[0].within or "")
        assert {p.country_code for p in event_places} == {"SY"}
        killed = next(f for f in incident.casualties if f.kind == "killed")
        main = {(c.value, c.including.get("children")) for c in killed.claims if not c.background}
        assert {(23, 10), (14, 5)} <= main, main
        by_value = {c.value: c for c in killed.claims if not c.background}
        assert "observatory" in (by_value[23].attributed_to or "").lower()
        assert "state media" in (by_value[25].attributed_to or "").lower()
        assert "fadel" in fold_name(by_value[25].sentence)
        shaafah = [c for c in killed.claims if "shaafah" in fold_name(c.sentence)]
        assert shaafah and all(c.background for c in shaafah)

        # Cleaning through the broker: residue gone, story kept (lists in test_clean_seeds).
        cleaned = {c.id[:3]: c for c in _read(pipeline, "articles.clean", CleanArticle)}
        for seed, residue in RESIDUE.items():
            text = match_key(cleaned[seed].text)
            for line in residue:
                assert match_key(line) not in [match_key(p) for p in cleaned[seed].paragraphs]
            for sentence in STORY[seed]:
                assert match_key(sentence) in text, (seed, sentence)

        # The worker's HTTP API serves the same incident from its hot state.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/incidents/{incident.id}/") as r:
            served = orjson.loads(r.read())
        assert served["id"] == incident.id
        assert served["version"] == incident.version

        # The export commands read the compacted topic to its end.
        env = {**os.environ, **pipeline.env}
        out = tmp_path / "incidents.jsonl"
        subprocess.run(
            [sys.executable, "-m", "streams.cli", "export", "incidents", "--out", str(out)],
            env=env,
            check=True,
            timeout=120,
        )
        exported = [orjson.loads(line) for line in out.read_bytes().splitlines()]
        assert [(e["id"], e["version"]) for e in exported] == [(incident.id, incident.version)]
        out = tmp_path / "assignments.jsonl"
        subprocess.run(
            [sys.executable, "-m", "streams.cli", "export", "assignments", "--out", str(out)],
            env=env,
            check=True,
            timeout=120,
        )
        lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
        assert {line["doc_id"]: line["incident_id"] for line in lines} == assignments
    finally:
        pipeline.stop()


def test_sample_archive_conserves_every_article(pipeline: Pipeline) -> None:
    lines = DEMO_ARCHIVE.read_bytes().splitlines()
    result = pipeline.replay([DEMO_ARCHIVE])
    assert len(result.keys) == len([line for line in lines if line.strip()])
    found = _conservation(pipeline, result.keys)
    kinds = Counter(v[0].split(":")[0] for v in found.values())
    malformed = 0
    gold: dict[str, str] = {}
    for line in lines:
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            malformed += 1
            continue
        if not isinstance(obj, dict) or "incident_id" not in obj:
            malformed += 1
            continue
        gold[obj["id"]] = obj["incident_id"]
    assert kinds["dead-letter"] >= malformed > 0
    assert kinds["duplicate"] > 0
    incidents = {v[0] for v in found.values() if v[0].startswith("incident:")}
    assert len(incidents) >= len(set(gold.values())) // 2


def test_the_rocksdb_store_folds_the_sample_archive(broker: EmbeddedBroker, tmp_path: Path) -> None:
    """Production's table store: same outcomes for every article, state on disk."""
    rocks = new_pipeline(broker.url, tmp_path, store="rocksdb://")
    rocks.start_worker()
    try:
        result = rocks.replay([DEMO_ARCHIVE])
        _conservation(rocks, result.keys)
        assert list((tmp_path / "state").rglob("fold-state-*.db")), "no RocksDB files"
    finally:
        rocks.stop()


def test_bad_input_goes_to_dead_letter_and_good_input_flows(
    broker: EmbeddedBroker, tmp_path: Path
) -> None:
    bad_pipeline = new_pipeline(broker.url, tmp_path, max_body_bytes="100000")
    bad_pipeline.start_worker()
    try:
        good = {
            "id": "good-1",
            "source": "example.org",
            "title": "Fire destroys warehouse in Dayton",
            "body": "DAYTON, Ohio — A fire destroyed a warehouse in Dayton, Ohio, on Monday, "
            "fire officials said. Nobody was hurt in the blaze, which burned for hours.",
            "published_at": "2019-03-05T10:00:00+00:00",
        }

        def article(**changes: object) -> bytes:
            return orjson.dumps({**good, **changes})

        bad: dict[str, tuple[bytes, str]] = {
            "undecodable": (b"\x80\x81\xfe\xff\x00binary", "not valid UTF-8"),
            "not-json": (b"this is not json", "Invalid JSON"),
            "deep-json": (b"[" * 100_000 + b"]" * 100_000, "RawArticle is invalid"),
            "invalid-utf8": (b'{"id": "x\xff\xfe", "body": "a"}', "UTF-8"),
            "not-object": (b'["a", "list"]', "RawArticle is invalid"),
            "wrong-type": (article(id=12345), "id: Input should be a valid string"),
            "missing-field": (orjson.dumps({"id": "m", "body": "text"}), "published_at: Field"),
            "far-future": (article(id="ff", published_at="3024-01-01T00:00:00Z"), "future"),
            "before-1900": (article(id="old", published_at="1850-01-01T00:00:00Z"), "1900"),
            "naive-date": (article(id="naive", published_at="2019-03-05T10:00:00"), "timezone"),
            "oversized": (article(id="big", body="word " * 40_000), "larger than the limit"),
            "empty-text": (article(id="empty", body="   \n\n  "), "empty body"),
            "script-only": (
                article(
                    id="script",
                    content_type="text/html",
                    body="<html><script>alert(1)</script><style>p{}</style></html>",
                ),
                "no readable text",
            ),
            "huge-title": (article(id="title", title="T" * 1_000_000), "title"),
        }
        messages = [(b"good-0", article(id="good-0"))]
        messages += [(key.encode(), value) for key, (value, _) in bad.items()]
        messages += [(b"good-1", article(id="good-1", source="other.org"))]
        bad_pipeline.send_raw(messages)
        keys = ["good-0", *bad, "good-1"]
        outcomes = bad_pipeline.outcomes(keys)
        for key, (_, reason) in bad.items():
            letter = outcomes.dead_letters.get(key)
            assert letter is not None, f"{key} not in dead-letter: {outcomes.outcome_of().get(key)}"
            assert reason.lower() in letter.reason.lower(), (key, letter.reason)
            assert letter.stage == "clean"
            assert letter.original_bytes == dict(messages)[key.encode()]
        assignments = outcomes.assignments()
        assert "good-0" in assignments and "good-1" in assignments
        assert all(p.poll() is None for p in bad_pipeline.workers), "a worker stopped"
    finally:
        bad_pipeline.stop()


def test_redelivered_articles_change_nothing(pipeline: Pipeline) -> None:
    first = pipeline.replay([DEMO_ARCHIVE])
    before = pipeline.outcomes(first.keys)
    folded = len(before.assignments()) + len(before.late)
    pipeline.barrier(min_extracted=folded)
    again = pipeline.replay([DEMO_ARCHIVE])
    sentinels = pipeline.barrier(min_extracted=2 * folded + pipeline.settings.partitions)
    after = pipeline.outcomes(again.keys)
    real = {a: i for a, i in after.assignments().items() if a not in sentinels}
    assert real == before.assignments()
    assert {i: x.version for i, x in after.incidents.items() if i in before.incidents} == {
        i: x.version for i, x in before.incidents.items()
    }


def test_replays_at_different_speeds_give_identical_incidents(
    broker: EmbeddedBroker, tmp_path: Path
) -> None:
    """DESIGN.md invariant 5: same archive, config and partitions -> same incidents and ids."""
    fast = new_pipeline(broker.url, tmp_path / "fast")
    slow = new_pipeline(broker.url, tmp_path / "slow")
    (tmp_path / "fast").mkdir()
    (tmp_path / "slow").mkdir()
    fast.start_worker()
    slow.start_worker()
    try:
        keys = fast.replay([DEMO_ARCHIVE], sort=True).keys
        slow.replay([DEMO_ARCHIVE], sort=True, rate=20)

        def summary(pipeline: Pipeline) -> dict[str, object]:
            outcomes = pipeline.outcomes(keys)
            assert not outcomes.unaccounted(keys)
            return {
                i.id: (
                    sorted(i.article_ids),
                    i.version,
                    i.event_date,
                    [(f.kind, f.consensus) for f in i.casualties],
                )
                for i in outcomes.incidents.values()
                if not i.merged_into
            }

        first, second = summary(fast), summary(slow)
        assert first == second
        assert len(first) >= 5
    finally:
        fast.stop()
        slow.stop()
