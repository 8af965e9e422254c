"""Event-time order across the repartition: the release horizon and the reorder buffer."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from schemas.articles import CleanArticle, ExtractedArticle
from streams.merge.ordering import EVERYTHING, releasable, release_horizon
from streams.reorder import SETTLE_COUNT, ReorderBuffers, progress_headers, read_progress

T0 = datetime(2018, 5, 1, tzinfo=UTC)


def _article(article_id: str, hours: float) -> ExtractedArticle:
    published = T0 + timedelta(hours=hours)
    clean = CleanArticle(id=article_id, published_at=published, paragraphs=["x"])
    return ExtractedArticle(article=clean, region_key="US-OH", text_hash=article_id)


def test_horizon_is_the_slowest_active_upstream() -> None:
    progress = {0: T0 + timedelta(hours=5), 1: T0 + timedelta(hours=2)}
    assert release_horizon(progress, 2, idle=()) == T0 + timedelta(hours=2)
    assert release_horizon(progress, 2, idle={1}) == T0 + timedelta(hours=5)
    assert release_horizon(progress, 3, idle=()) is None  # upstream 2 not heard from
    assert release_horizon(progress, 2, idle={0, 1}) is EVERYTHING


def test_releasable_is_strictly_before_the_horizon() -> None:
    assert not releasable(T0, None)
    assert not releasable(T0, T0)
    assert releasable(T0 - timedelta(seconds=1), T0)
    assert releasable(T0 + timedelta(days=999), EVERYTHING)


def test_headers_round_trip() -> None:
    assert read_progress(progress_headers(3, T0)) == (3, T0, False)
    assert read_progress(list(progress_headers(1, T0, drained=True).items())) == (1, T0, True)
    assert read_progress(None) is None
    assert read_progress({"other": b"1"}) is None


def test_buffer_releases_in_event_time_order_once_every_upstream_passed() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=3600)
    # Upstream 0 races ahead; upstream 1 is slower: nothing past upstream 1 may go yet.
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False)
    buffers.hold(0, _article("c", 3))
    buffers.hold(0, _article("a", 1))
    assert list(buffers.release(0)) == []  # upstream 1 not heard from
    buffers.heard(0, 1, T0 + timedelta(hours=2), drained=False)
    buffers.hold(0, _article("b", 2))
    assert [a.id for a in buffers.release(0)] == ["a"]
    buffers.heard(0, 1, T0 + timedelta(hours=4), drained=False)
    assert [a.id for a in buffers.release(0)] == ["b"]  # c is at 3h, not before
    buffers.heard(0, 0, T0 + timedelta(hours=5), drained=False)
    assert [a.id for a in buffers.release(0)] == ["c"]
    assert buffers.held(0) == 0


def test_ties_are_broken_by_article_id() -> None:
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600)
    for article_id in ("z", "m", "a"):
        buffers.hold(0, _article(article_id, 1))
    buffers.heard(0, 0, T0 + timedelta(hours=2), drained=False)
    assert [a.id for a in buffers.release(0)] == ["a", "m", "z"]


def test_a_drained_upstream_holds_nothing_back_until_it_advances() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=3600)
    buffers.heard(0, 0, T0 + timedelta(hours=9), drained=False)
    buffers.heard(0, 1, T0, drained=True)
    buffers.hold(0, _article("late-in-day", 8))
    assert [a.id for a in buffers.release(0)] == ["late-in-day"]
    buffers.heard(0, 1, T0 + timedelta(hours=1), drained=False)  # upstream 1 has data again
    buffers.hold(0, _article("next", 8.5))
    assert list(buffers.release(0)) == []


def test_an_upstream_silent_past_the_idle_timeout_is_ignored() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=0.05)
    buffers.heard(0, 0, T0 + timedelta(hours=2), drained=False)
    buffers.hold(0, _article("a", 1))
    assert list(buffers.release(0)) == []
    time.sleep(0.1)
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False)
    assert [a.id for a in buffers.release(0)] == ["a"]


def test_forgotten_partitions_are_read_again_from_the_table() -> None:
    table: dict[str, ExtractedArticle] = {}
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600, table=table)
    buffers.hold(2, _article("a", 1))
    buffers.forget({2})
    del table["2|a"]  # the new owner folded it meanwhile; recovery brought its delete
    assert buffers.held(2) == 0


def test_a_slow_upstream_that_keeps_talking_is_waited_for_past_the_idle_timeout() -> None:
    # Under load an upstream may not advance for longer than any timeout; its markers say it is
    # alive and not drained, so reports past it wait (118 of 10,000 came late when they did not).
    buffers = ReorderBuffers(upstreams=2, idle_timeout=0.05)
    buffers.heard(0, 0, T0 + timedelta(hours=5), drained=False)
    buffers.heard(0, 1, T0, drained=False)
    buffers.hold(0, _article("a", 1))
    for _ in range(3):
        time.sleep(0.04)
        buffers.heard(0, 1, T0, drained=False)
        assert list(buffers.release(0)) == []


def test_drained_follows_the_latest_message_of_an_upstream() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=3600)
    buffers.heard(0, 0, T0 + timedelta(hours=9), drained=False)
    buffers.heard(0, 1, T0, drained=True)
    buffers.heard(0, 1, T0, drained=False)  # new input arrived upstream: behind again
    buffers.hold(0, _article("a", 8))
    assert list(buffers.release(0)) == []
    buffers.heard(0, 1, T0, drained=True)
    assert [a.id for a in buffers.release(0)] == ["a"]


def test_held_reports_come_back_from_the_table_for_a_new_owner() -> None:
    table: dict[str, ExtractedArticle] = {}
    first = ReorderBuffers(upstreams=1, idle_timeout=3600, table=table)
    first.hold(2, _article("b", 2))
    first.hold(2, _article("a", 1))
    first.hold(3, _article("other-partition", 1))
    first.forget({2, 3})
    second = ReorderBuffers(upstreams=1, idle_timeout=3600, table=table)
    assert second.held(2) == 2
    assert not second.hold(2, _article("a", 1))  # redelivered while held: held once
    second.heard(2, 0, T0 + timedelta(hours=3), drained=False)
    assert [a.id for a in second.release(2)] == ["a", "b"]


def test_released_entries_are_deleted_only_once_settled() -> None:
    table: dict[str, ExtractedArticle] = {}
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600, table=table)
    buffers.hold(0, _article("a", 1))
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False)
    assert [a.id for a in buffers.release(0)] == ["a"]
    assert "0|a" in table  # a crash now: "a" folds again as a redelivery, never lost
    buffers.settled(0)
    assert table == {}
    assert not buffers.settle_due(0)


def test_settling_is_due_after_many_releases() -> None:
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600)
    for n in range(SETTLE_COUNT):
        buffers.hold(0, _article(f"r{n:04d}", 1))
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False)
    assert not buffers.settle_due(0)
    assert len(list(buffers.release(0))) == SETTLE_COUNT
    assert buffers.settle_due(0)
