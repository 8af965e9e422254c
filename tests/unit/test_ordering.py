"""Event-time order across the repartition: the release horizon and the reorder buffer."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from schemas.articles import CleanArticle, ExtractedArticle
from streams.merge.ordering import EVERYTHING, releasable, release_horizon
from streams.reorder import ReorderBuffers, progress_headers, read_progress

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
    buffers.hold(0, _article("c", 3), "event-c")
    buffers.hold(0, _article("a", 1), "event-a")
    assert list(buffers.release(0)) == []  # upstream 1 not heard from
    buffers.heard(0, 1, T0 + timedelta(hours=2), drained=False)
    buffers.hold(0, _article("b", 2), "event-b")
    assert [a.id for a, _ in buffers.release(0)] == ["a"]
    buffers.heard(0, 1, T0 + timedelta(hours=4), drained=False)
    assert [(a.id, e) for a, e in buffers.release(0)] == [
        ("b", "event-b")
    ]  # c is at 3h, not before
    buffers.heard(0, 0, T0 + timedelta(hours=5), drained=False)
    assert [(a.id, e) for a, e in buffers.release(0)] == [("c", "event-c")]
    assert buffers.held(0) == 0


def test_ties_are_broken_by_article_id() -> None:
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600)
    for article_id in ("z", "m", "a"):
        buffers.hold(0, _article(article_id, 1), article_id)
    buffers.heard(0, 0, T0 + timedelta(hours=2), drained=False)
    assert [a.id for a, _ in buffers.release(0)] == ["a", "m", "z"]


def test_a_drained_upstream_holds_nothing_back_until_it_advances() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=3600)
    buffers.heard(0, 0, T0 + timedelta(hours=9), drained=False)
    buffers.heard(0, 1, T0, drained=True)
    buffers.hold(0, _article("late-in-day", 8), "e")
    assert [a.id for a, _ in buffers.release(0)] == ["late-in-day"]
    buffers.heard(0, 1, T0 + timedelta(hours=1), drained=False)  # upstream 1 has data again
    buffers.hold(0, _article("next", 8.5), "e2")
    assert list(buffers.release(0)) == []


def test_an_upstream_silent_past_the_idle_timeout_is_ignored() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=0.05)
    buffers.heard(0, 0, T0 + timedelta(hours=2), drained=False)
    buffers.hold(0, _article("a", 1), "e")
    assert list(buffers.release(0)) == []
    time.sleep(0.1)
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False)
    assert [a.id for a, _ in buffers.release(0)] == ["a"]


def test_forgotten_partitions_drop_their_held_reports() -> None:
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600)
    buffers.hold(2, _article("a", 1), "e")
    buffers.forget({2})
    assert buffers.held(2) == 0
