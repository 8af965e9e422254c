"""A partition's new owner folds exactly as its old owner would have (no broker needed).

What a worker's tables hold after a crash or a rebalance is what was written to their changelogs
before the offsets were committed; the new owner starts from those tables with nothing in
memory and gets every report after the committed offset again. Simulated here on the fold's
in-memory tables: the result must equal an uninterrupted run, whatever the commit point --
including the document frequencies, which are snapshotted only every DF_SNAPSHOT_EVERY reports.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Any

import orjson
import pytest

from schemas.articles import ExtractedArticle, RawArticle
from schemas.wire import decode
from streams.clean import clean_article
from streams.extract import extract_article
from streams.folding import DF_SNAPSHOT_EVERY, Fold, FoldTables
from streams.merge import MergeConfig
from streams.sources.synthetic import ArchiveSpec, generate_lines

CONFIG = MergeConfig(
    grace=timedelta(hours=6),
    inactivity_gap=timedelta(hours=72),
    max_span=timedelta(days=14),
    retention=timedelta(days=7),
)


@lru_cache(maxsize=1)
def _reports() -> tuple[ExtractedArticle, ...]:
    """Cleaned and extracted reports of a generated archive, in event-time order."""
    spec = ArchiveSpec(articles=560, incidents=112, seed=12, days=10, late_reports=0)
    out = []
    for line in generate_lines(spec):
        record = orjson.loads(line)
        record.pop("incident_id", None)
        record.pop("copy_of", None)
        raw = decode(RawArticle, orjson.dumps(record))
        out.append(extract_article(clean_article(raw)))
    out.sort(key=lambda a: (a.article.published_at, a.article.id))
    return tuple(out)


@lru_cache(maxsize=1)
def _uninterrupted() -> tuple[list[Any], dict[str, Any]]:
    """Outputs per report and final state of one owner folding every report."""
    reference = _fold()
    outputs = [reference.fold(0, r) for r in _reports()]
    return outputs, _state(reference)


def _fold() -> Fold:
    return Fold(
        FoldTables.in_memory(),
        CONFIG,
        dedup_horizon=timedelta(days=7),
        sweep_interval=timedelta(minutes=30),
    )


def _state(fold: Fold) -> dict[str, Any]:
    tables = fold.tables
    return {
        "incidents": {k: v.model_dump(mode="json") for k, v in tables.incident_states.items()},
        "folded": dict(tables.folded_articles),
        "frequencies": fold._frequencies(0).model_dump(mode="json"),
    }


def _restored(fold: Fold) -> Fold:
    """A new owner: the tables as their changelogs hold them, nothing in memory."""
    tables = fold.tables
    copy = FoldTables(
        *(dict(getattr(tables, name)) for name in FoldTables.__dataclass_fields__)  # type: ignore[arg-type]
    )
    return Fold(copy, CONFIG, dedup_horizon=fold.dedup_horizon, sweep_interval=fold.sweep_interval)


@pytest.mark.parametrize(
    ("crash_after", "committed"),
    [
        (DF_SNAPSHOT_EVERY + 137, DF_SNAPSHOT_EVERY + 137),  # a rebalance: everything committed
        (DF_SNAPSHOT_EVERY + 137, DF_SNAPSHOT_EVERY + 60),  # a crash: some folded work redone
        (2 * DF_SNAPSHOT_EVERY + 5, DF_SNAPSHOT_EVERY - 10),  # a crash before the last snapshot
    ],
)
def test_a_new_owner_folds_like_the_old_one(crash_after: int, committed: int) -> None:
    reports = _reports()
    assert len(reports) > crash_after + 100

    expected_outputs, expected_state = _uninterrupted()

    old_owner = _fold()
    for report in reports[:crash_after]:
        old_owner.fold(0, report)
    new_owner = _restored(old_owner)
    before = dict(new_owner.tables.incident_states)
    redone = [new_owner.fold(0, r) for r in reports[committed:crash_after]]
    assert new_owner.tables.incident_states == before, "a redelivered report changed an incident"
    # All a redelivery sends is its incident's current version again (its first send may have
    # been lost in the crash).
    for report, out in zip(reports[committed:crash_after], redone, strict=True):
        incident_id = new_owner.tables.folded_articles[report.id].partition("|")[0]
        current = before[incident_id].incident
        assert [(o.topic, o.key, o.value) for o in out] == [("incidents", incident_id, current)]
    outputs = [new_owner.fold(0, r) for r in reports[crash_after:]]
    assert outputs == expected_outputs[crash_after:]
    assert _state(new_owner) == expected_state


def test_a_report_in_a_live_incident_is_not_folded_again_without_its_marker() -> None:
    reports = _reports()
    fold = _fold()
    for report in reports[:120]:
        fold.fold(0, report)
    tables = fold.tables
    # A report that joined an incident others joined too: its marker lost, as after a table
    # recovery cut short.
    report = next(
        r
        for r in reports[:120]
        if len(
            tables.incident_states[tables.folded_articles[r.id].partition("|")[0]].incident.articles
        )
        > 1
    )
    incident_id = tables.folded_articles.pop(report.id).partition("|")[0]
    before = {k: v.model_dump() for k, v in tables.incident_states.items()}
    outputs = fold.fold(0, report)
    assert [(o.topic, o.key) for o in outputs] == [("incidents", incident_id)]
    assert {k: v.model_dump() for k, v in tables.incident_states.items()} == before
    assert tables.folded_articles[report.id].startswith(incident_id)


def test_a_report_redelivered_after_its_incident_was_evicted_is_neither_late_nor_folded() -> None:
    # A crash or a rebalance re-reads what was not committed, and in a fast replay event time
    # may have moved past its incident's retention by then (seen in the rebalance test: reports
    # both in an incident and on articles.late).
    reports = _reports()
    fold = _fold()
    for report in reports:
        fold.fold(0, report)
    tables = fold.tables
    archived = {a.id for e in tables.archived_incidents.values() for a in e.incident.articles}
    evicted = [r for r in reports if r.id not in tables.folded_articles]
    assert evicted and {r.id for r in evicted} <= archived
    before = _state(fold), dict(tables.archived_incidents)
    outputs = [fold.fold(0, r) for r in evicted]
    assert [o.topic for out in outputs for o in out if o.topic != "incidents"] == []
    assert (_state(fold), dict(tables.archived_incidents)) == before
