"""Hostile input against a running worker: every bad message ends in dead-letter with a reason,
the worker neither crashes nor blows up in memory, and good articles in between still flow.

The corpus is generated here. Messages go straight to articles.raw (as a foreign producer would
send them, including one of 50 MB, over NEWSFOLD_MAX_MESSAGE_BYTES); files with entity or
compression bombs, or a record over the message limit, are given to `newsfold replay`, which
must refuse them with a message and a non-zero exit code before it sends anything.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from streams.bench import read_memory_mb
from streams.broker import EmbeddedBroker
from streams.kafka import read_topic
from streams.sources.limits import MAX_FEED_BYTES, MAX_WARC_RECORD_BYTES
from streams.sources.synthetic import ArchiveSpec, generate_lines
from tests.integration.pipeline import Pipeline, new_pipeline
from tests.unit.test_sources import BILLION_LAUGHS, EXTERNAL_ENTITY, RSS, _warc

pytestmark = pytest.mark.integration

#: Peak RSS a worker may reach on this corpus: generous, it only guards against a blow-up.
MAX_WORKER_RSS_MB = 1_536
WHEN = "2018-05-01T10:00:00Z"
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _article(key: str, **fields: object) -> bytes:
    article: dict[str, object] = {
        "id": key,
        "title": "Storm damage",
        "body": "A storm damaged roofs in Springfield on Monday, officials said.",
        "published_at": WHEN,
    }
    article.update(fields)
    return orjson.dumps({k: v for k, v in article.items() if v is not None})


def hostile_corpus() -> dict[str, bytes]:
    """Key -> value of every bad message (keys name what is wrong)."""
    nested_html = "<div>" * 100_000 + "</div>" * 100_000
    return {
        "undecodable": b"\xff\xfe\x00\x81 not text at all \x00\x00",
        "invalid-utf8": b'{"id": "invalid-utf8", "body": "caf\xc3\x28", "published_at": "'
        + WHEN.encode()
        + b'"}',
        "json-array": b"[1, 2, 3]",
        "json-string": b'"just a string"',
        "json-null": b"null",
        "json-number": b"42",
        "empty-value": b"",
        "wrong-types": orjson.dumps({"id": 7, "body": ["x"], "published_at": True}),
        "missing-fields": orjson.dumps({"id": "missing-fields"}),
        "far-future": _article("far-future", published_at="9999-12-31T23:59:59Z"),
        "before-1900": _article("before-1900", published_at="1850-06-01T00:00:00Z"),
        "year-one": _article("year-one", published_at="0001-01-01T00:00:00+00:00"),
        "no-time-zone": _article("no-time-zone", published_at="2018-05-01T10:00:00"),
        "deep-json-array": b"[" * 100_000 + b"]" * 100_000,
        "deep-json-object": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "nested-html": _article("nested-html", body=nested_html, content_type="text/html"),
        "script-style-only": _article(
            "script-style-only",
            body="<html><head><style>body{color:red}</style><script>alert(1)</script></head>"
            "<body><script>document.write('x')</script><style>p{}</style></body></html>",
            content_type="text/html",
        ),
        "control-characters": _article(
            "control-characters", title="\x1b[2J\x07", body="".join(map(chr, range(32))) * 50
        ),
        "title-1mb": _article("title-1mb", title="T" * (1024 * 1024)),
        "body-3mb": _article("body-3mb", body="word " * (600 * 1024)),
        "id-too-long": _article("x" * 600),
        "unknown-content-type": _article("unknown-content-type", content_type="application/pdf"),
        # Under the message limit, over the body limit: its dead letter once outgrew a message.
        "body-7mb": _article("body-7mb", body="word " * (7 * 200 * 1024)),
        # Over the message limit: only a foreign producer sends it (replay refuses it).
        "body-50mb": _article("body-50mb", body="x" * (50 * 1024 * 1024)),
    }


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _good_articles() -> dict[str, bytes]:
    spec = ArchiveSpec(articles=40, incidents=8, seed=8, days=3, late_reports=0)
    # A good story with control characters inside: they go, the story stays.
    out = {
        "story-with-controls": _article(
            "story-with-controls",
            title="Storm\x00 damage\x1b[31m",
            body="A storm\x07 damaged roofs in\x08 Springfield on Monday, officials said.\x7f",
            published_at="2018-05-02T09:00:00Z",
        )
    }
    for line in generate_lines(spec):
        record = orjson.loads(line)
        record.pop("incident_id", None)
        record.pop("copy_of", None)
        out[record["id"]] = orjson.dumps(record)
    return out


def _send(pipeline: Pipeline, messages: list[tuple[bytes, bytes]]) -> None:
    # A foreign producer with a larger limit than newsfold's: the 50 MB message gets through.
    pipeline.send_raw(messages, max_request_size=64 * 1024 * 1024)


def test_hostile_messages_go_to_dead_letter_and_good_ones_still_flow(
    broker: EmbeddedBroker, tmp_path: Path
) -> None:
    bad = hostile_corpus()
    good = _good_articles()
    good_keys = list(good)
    # Good articles before, between and after the bad ones.
    messages: list[tuple[bytes, bytes]] = []
    for n, (key, value) in enumerate(bad.items()):
        messages.append((good_keys[n].encode(), good[good_keys[n]]))
        messages.append((key.encode(), value))
    messages += [(k.encode(), good[k]) for k in good_keys[len(bad) :]]

    pipeline = new_pipeline(broker.url, tmp_path)
    worker = pipeline.start_worker()
    try:
        _send(pipeline, messages)
        outcomes = pipeline.outcomes([*bad, *good], timeout=300)
        alive = worker.poll() is None
        memory = read_memory_mb(worker.pid)
    finally:
        pipeline.stop()

    log = pipeline.log_text()
    assert alive, f"the worker died:\n{log[-3000:]}"
    assert memory is not None
    peak_mb = memory[1]
    print(f"\nworker peak RSS (VmHWM) on the hostile corpus: {peak_mb:.0f} MB")
    assert peak_mb < MAX_WORKER_RSS_MB

    missing = outcomes.unaccounted([*bad, *good])
    assert not missing, f"no outcome for {missing}\n{log[-3000:]}"
    found = outcomes.outcome_of()
    assert all(len(found[k]) == 1 for k in [*bad, *good]), {k: found[k] for k in found}
    wrongly_kept = {k: found[k] for k in bad if found[k] != ["dead-letter"]}
    assert not wrongly_kept, f"bad messages that did not go to dead-letter: {wrongly_kept}"
    assert not [k for k in good if found[k] == ["dead-letter"]], "a good article was dead-lettered"
    reasons = {k: outcomes.dead_letters[k].reason for k in bad}
    assert all(len(reason) > 10 for reason in reasons.values()), reasons
    for key, reason in reasons.items():
        print(f"  {key:22} {outcomes.dead_letters[key].stage:8} {reason[:110]}")
    assert "NEWSFOLD_MAX_MESSAGE_BYTES" in reasons["body-50mb"]
    assert "NEWSFOLD_MAX_BODY_BYTES" in reasons["body-3mb"]
    assert "NEWSFOLD_MAX_BODY_BYTES" in reasons["body-7mb"]
    assert "future" in reasons["far-future"] and "1900" in reasons["before-1900"]
    assert "UTF-8" in reasons["invalid-utf8"]
    assert found["story-with-controls"][0].startswith("incident:")
    texts = [t for i in outcomes.incidents.values() for t in _strings(i.model_dump(mode="json"))]
    assert not [t for t in texts if CONTROL.search(t)], "a control character reached an incident"


def _replay(pipeline: Pipeline, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", "replay", "--quiet", str(path)],
        env={**os.environ, **pipeline.env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_replay_refuses_bomb_files_before_sending_anything(
    broker: EmbeddedBroker, tmp_path: Path
) -> None:
    files = {}
    files["billion-laughs.rss"] = ("declares entities", BILLION_LAUGHS)
    files["external-entity.atom"] = ("declares entities", EXTERNAL_ENTITY)
    filler = b" " * (MAX_FEED_BYTES + 1)
    files["gzip-bomb.rss.gz"] = (
        "compression bomb",
        gzip.compress(RSS.replace(b"<channel>", b"<channel>" + filler), 9),
    )
    big = orjson.dumps({"id": "big", "body": "x" * (9 * 1024 * 1024), "published_at": WHEN})
    files["big-line.jsonl"] = ("NEWSFOLD_MAX_MESSAGE_BYTES", _article("ok") + b"\n" + big + b"\n")
    for name, (_, data) in files.items():
        (tmp_path / name).write_bytes(data)
    _warc(
        tmp_path / "zip-bomb.warc.gz",
        [
            ("resource", "https://b.example/ok.txt", b"A storm hit.", "text/plain"),
            ("response", "https://x.example/", MAX_WARC_RECORD_BYTES + 1, "text/html"),
        ],
    )
    files["zip-bomb.warc.gz"] = ("compression bomb", b"")

    pipeline = new_pipeline(broker.url, tmp_path)
    results = {name: _replay(pipeline, tmp_path / name) for name in files}

    for name, (message, _) in files.items():
        result = results[name]
        assert result.returncode != 0, f"{name} was accepted: {result.stderr}"
        assert message in result.stderr, f"{name}: {result.stderr}"
        assert "Traceback" not in result.stderr, f"{name}: {result.stderr}"

    async def count_raw() -> int:
        topic = pipeline.settings.topic("articles.raw")
        return len([r async for r in read_topic(pipeline.settings, topic, idle_timeout=1.0)])

    assert asyncio.run(count_raw()) == 0, "replay sent records of a file it refused"
