"""The fold-state table: one changelog, a journal per report (streams/fold_state.py).

A crash keeps a prefix of the changelog. Whatever prefix it keeps, the state restored from it,
once the partition's journal is applied again, must be one the fold passed through: the state
after some whole report. Checked here on a table that records its changelog (no broker needed).
"""

from __future__ import annotations

import random
from collections.abc import MutableMapping
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import pytest

from streams.fold_state import FoldState, Journal, dumps, journal_key, loads
from streams.folding import Fold
from streams.state import PartitionClock
from tests.unit.test_fold_recovery import CONFIG, _reports


class _Sent:
    """A send that is done at once (what a delivered changelog record looks like)."""

    def done(self) -> bool:
        return True


class RecordingTable:
    """What FoldState needs of a faust table: its store, and a changelog kept as a list of
    (partition, key, stored bytes or None) in send order."""

    def __init__(self, data: MutableMapping[str, Any] | None = None) -> None:
        self.data: MutableMapping[str, Any] = {} if data is None else data
        self.changelog: list[tuple[int, str, bytes | None]] = []

    def send_changelog(
        self, partition: int, key: str, value: Any, value_serializer: str | None = None
    ) -> _Sent:
        assert value_serializer == "raw" and (value is None or isinstance(value, bytes))
        self.changelog.append((partition, key, value))
        return _Sent()


def _fold_over(state: FoldState) -> Fold:
    return Fold(
        state.tables(), CONFIG, dedup_horizon=timedelta(days=7), sweep_interval=timedelta(hours=1)
    )


def _without_journals(store: MutableMapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in store.items() if not k.startswith("j|")}


@lru_cache(maxsize=1)
def _run() -> tuple[list[tuple[int, str, bytes | None]], list[dict[str, Any]], list[int]]:
    """Fold 150 reports on partition 0: the changelog, the state after each report, and where
    each report's records end in the changelog."""
    table = RecordingTable()
    state = FoldState(table)
    fold = _fold_over(state)
    snapshots: list[dict[str, Any]] = [{}]
    ends: list[int] = []
    for report in _reports()[:150]:
        state.begin(0)
        fold.fold(0, report)
        state.commit(report.id)
        snapshots.append(_without_journals(table.data))
        ends.append(len(table.changelog))
    return table.changelog, snapshots, ends


def _restore(records: list[tuple[int, str, bytes | None]]) -> dict[str, Any]:
    store: dict[str, Any] = {}
    for _, key, value in records:
        if value is None:
            store.pop(key, None)
        else:
            store[key] = loads(value)
    return store


def test_every_kind_of_value_and_the_journal_survive_the_codec() -> None:
    changelog, snapshots, _ = _run()
    kinds = {key.partition("|")[0] for _, key, _ in changelog}
    assert kinds >= {"s", "r", "e", "b", "c", "f", "a", "j"}, kinds
    for _, key, value in changelog[:400]:
        if value is not None:
            assert dumps(loads(value)) == value, key
    journal = Journal("a-1", {"s|x": None, "a|y": "inc-1|3", "c|0": PartitionClock()})
    assert loads(dumps(journal)) == journal


def _cut_points(changelog: list[Any], ends: list[int]) -> list[int]:
    """Every record boundary inside the three reports with the most writes, and 30 others."""
    starts = [0, *ends[:-1]]
    busiest = sorted(range(len(ends)), key=lambda i: ends[i] - starts[i])[-3:]
    cuts = {c for i in busiest for c in range(starts[i], ends[i] + 1)}
    cuts |= set(random.Random(7).sample(range(len(changelog) + 1), 30))
    return sorted(cuts)


def test_any_prefix_of_the_changelog_restores_a_state_the_fold_passed_through() -> None:
    changelog, snapshots, ends = _run()
    assert len(ends) == 150
    for cut in _cut_points(changelog, ends):
        store = _restore(changelog[:cut])
        FoldState(RecordingTable(store)).recover(0)
        journaled = sum(1 for _, key, _ in changelog[:cut] if key == journal_key(0))
        assert _without_journals(store) == snapshots[journaled], f"cut at record {cut}"


def test_without_the_journal_a_cut_inside_a_report_leaves_a_state_never_passed_through() -> None:
    # The check above can fail: a prefix that ends inside a report's writes is not a state of
    # the fold until the journal is applied again.
    changelog, snapshots, ends = _run()
    report = max(range(1, len(ends)), key=lambda i: ends[i] - ends[i - 1])
    inside = ends[report - 1] + 2  # the journal and one write of that report
    store = _without_journals(_restore(changelog[:inside]))
    assert all(store != snapshot for snapshot in snapshots)


def test_a_recovered_state_folds_the_rest_like_an_uninterrupted_run() -> None:
    changelog, snapshots, ends = _run()
    reports = _reports()[:150]
    cut = ends[99] - 1  # inside report 100's writes
    store = _restore(changelog[:cut])
    recovered = FoldState(RecordingTable(store))
    recovered.recover(0)
    fold = _fold_over(recovered)
    for report in reports[100:]:
        recovered.begin(0)
        fold.fold(0, report)
        recovered.commit(report.id)
    assert _without_journals(store) == snapshots[150]


def _latest(records: list[tuple[int, str, bytes | None]]) -> dict[str, bytes | None]:
    latest: dict[str, bytes | None] = {}
    for _, key, value in records:
        latest[key] = value
    return latest


def test_a_restore_from_the_changelog_mends_a_store_that_lost_records_in_the_middle() -> None:
    changelog, snapshots, ends = _run()
    # What faust's recovery handed over in the failing runs: records dropped from the middle,
    # a state no report left behind.
    gap = set(range(ends[40], ends[60]))
    store = _restore([record for i, record in enumerate(changelog) if i not in gap])
    assert _without_journals(store) != snapshots[150]
    state = FoldState(RecordingTable(store))
    repaired = state.restore(_latest(changelog))
    assert repaired and all(key in snapshots[150] or key.startswith("j|") for key in repaired)
    assert _without_journals(store) == snapshots[150]
    assert state.restore(_latest(changelog)) == []  # a whole store is left alone


def test_a_restore_deletes_what_the_changelog_deleted_last() -> None:
    changelog, snapshots, _ = _run()
    deleted = sorted(key for key in snapshots[150] if key.startswith("e|"))[:5]
    tombstones = [(0, key, None) for key in deleted]
    stale = _restore(changelog)  # as if the tombstones had been skipped
    FoldState(RecordingTable(stale)).restore(_latest(changelog + tombstones))
    expected = {k: v for k, v in snapshots[150].items() if k not in deleted}
    assert len(deleted) == 5 and _without_journals(stale) == expected


def test_view_iteration_follows_writes_and_deletes() -> None:
    state = FoldState(RecordingTable())
    clocks = state.view(PartitionClock)
    state.begin(0)
    clocks["0"] = PartitionClock()
    clocks["1"] = PartitionClock(watermark=datetime(2020, 1, 1, tzinfo=UTC))
    del clocks["0"]
    state.commit("a")
    assert sorted(clocks) == ["1"] and len(clocks) == 1
    with pytest.raises(KeyError):
        del clocks["0"]
    state.forget()  # after a rebalance the index is rebuilt from the store
    assert sorted(clocks) == ["1"]
    # One record per key, its last write: the delete of "c|0" replaced its set.
    assert [(key, value is None) for _, key, value in state.table.changelog] == [
        ("j|0", False),
        ("c|0", True),
        ("c|1", False),
    ]


def test_headline_only_reports_are_never_copies_of_one_another() -> None:
    # Every headline-only report has the same (empty) text: an exact copy by its hash.
    from schemas.articles import CleanArticle
    from streams.extract import extract_article

    when = datetime(2018, 5, 1, 12, tzinfo=UTC)
    fold = _fold_over(FoldState(RecordingTable()))
    outputs = []
    for n, title in enumerate(
        ["Man shot dead outside Lakeview bar", "Two women wounded in Elm Street shooting"]
    ):
        article = CleanArticle(
            id=f"h{n}", title=title, published_at=when, paragraphs=[], headline_only=True
        )
        outputs += fold.fold(0, extract_article(article))
    assert [o for o in outputs if o.topic == "articles.duplicates"] == []
    assert {o.key for o in outputs if o.topic == "incidents"}
