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
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False, sent_at=0.0)
    buffers.hold(0, _article("c", 3))
    buffers.hold(0, _article("a", 1))
    assert list(buffers.release(0)) == []  # upstream 1 not heard from
    buffers.heard(0, 1, T0 + timedelta(hours=2), drained=False, sent_at=0.0)
    buffers.hold(0, _article("b", 2))
    assert [a.id for a in buffers.release(0)] == ["a"]
    buffers.heard(0, 1, T0 + timedelta(hours=4), drained=False, sent_at=0.0)
    assert [a.id for a in buffers.release(0)] == ["b"]  # c is at 3h, not before
    buffers.heard(0, 0, T0 + timedelta(hours=5), drained=False, sent_at=0.0)
    assert [a.id for a in buffers.release(0)] == ["c"]
    assert buffers.held(0) == 0


def test_ties_are_broken_by_article_id() -> None:
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600)
    for article_id in ("z", "m", "a"):
        buffers.hold(0, _article(article_id, 1))
    buffers.heard(0, 0, T0 + timedelta(hours=2), drained=False, sent_at=0.0)
    assert [a.id for a in buffers.release(0)] == ["a", "m", "z"]


def test_a_drained_upstream_holds_nothing_back_until_it_advances() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=3600)
    buffers.heard(0, 0, T0 + timedelta(hours=9), drained=False, sent_at=0.0)
    buffers.heard(0, 1, T0, drained=True, sent_at=0.0)
    buffers.hold(0, _article("late-in-day", 8))
    assert [a.id for a in buffers.release(0)] == ["late-in-day"]
    # upstream 1 has data again
    buffers.heard(0, 1, T0 + timedelta(hours=1), drained=False, sent_at=0.0)
    buffers.hold(0, _article("next", 8.5))
    assert list(buffers.release(0)) == []


def test_an_upstream_silent_past_the_idle_timeout_is_ignored() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=30)
    buffers.heard(0, 1, T0, drained=False, sent_at=100.0)
    buffers.heard(0, 0, T0 + timedelta(hours=2), drained=False, sent_at=100.0)
    buffers.hold(0, _article("a", 1))
    assert list(buffers.release(0)) == []
    # Upstream 0 keeps sending (a marker a second); upstream 1 sent nothing for 31 s: gone.
    for second in range(101, 131):
        buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False, sent_at=float(second))
        assert list(buffers.release(0)) == []
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False, sent_at=131.0)
    assert [a.id for a in buffers.release(0)] == ["a"]


def test_silence_is_measured_on_message_timestamps_not_on_the_reading_clock() -> None:
    # A fold that read nothing of a partition for a while reads its backlog at once: the
    # upstreams were not silent, their messages are merely read late.
    buffers = ReorderBuffers(upstreams=2, idle_timeout=0.01)
    buffers.heard(0, 0, T0 + timedelta(hours=5), drained=False, sent_at=100.0)
    buffers.heard(0, 1, T0, drained=False, sent_at=100.0)
    buffers.hold(0, _article("a", 1))
    time.sleep(0.05)
    buffers.heard(0, 0, T0 + timedelta(hours=6), drained=False, sent_at=100.005)
    assert list(buffers.release(0)) == []


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
    buffers = ReorderBuffers(upstreams=2, idle_timeout=30)
    buffers.heard(0, 0, T0 + timedelta(hours=5), drained=False, sent_at=0.0)
    buffers.heard(0, 1, T0, drained=False, sent_at=0.0)
    buffers.hold(0, _article("a", 1))
    for second in range(1, 100):
        buffers.heard(0, 1, T0, drained=False, sent_at=float(second))
        buffers.heard(0, 0, T0 + timedelta(hours=5), drained=False, sent_at=float(second))
        assert list(buffers.release(0)) == []


def test_drained_follows_the_latest_message_of_an_upstream() -> None:
    buffers = ReorderBuffers(upstreams=2, idle_timeout=3600)
    buffers.heard(0, 0, T0 + timedelta(hours=9), drained=False, sent_at=0.0)
    buffers.heard(0, 1, T0, drained=True, sent_at=0.0)
    buffers.heard(0, 1, T0, drained=False, sent_at=0.0)  # new input arrived upstream: behind again
    buffers.hold(0, _article("a", 8))
    assert list(buffers.release(0)) == []
    buffers.heard(0, 1, T0, drained=True, sent_at=0.0)
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
    second.heard(2, 0, T0 + timedelta(hours=3), drained=False, sent_at=0.0)
    assert [a.id for a in second.release(2)] == ["a", "b"]


def test_released_entries_are_deleted_only_once_settled() -> None:
    table: dict[str, ExtractedArticle] = {}
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600, table=table)
    buffers.hold(0, _article("a", 1))
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False, sent_at=0.0)
    assert [a.id for a in buffers.release(0)] == ["a"]
    assert "0|a" in table  # a crash now: "a" folds again as a redelivery, never lost
    buffers.settled(0)
    assert table == {}
    assert not buffers.settle_due(0)


def test_settling_is_due_after_many_releases() -> None:
    buffers = ReorderBuffers(upstreams=1, idle_timeout=3600)
    for n in range(SETTLE_COUNT):
        buffers.hold(0, _article(f"r{n:04d}", 1))
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False, sent_at=0.0)
    assert not buffers.settle_due(0)
    assert len(list(buffers.release(0))) == SETTLE_COUNT
    assert buffers.settle_due(0)


def test_after_a_pause_of_every_upstream_the_silence_clock_starts_again() -> None:
    # A restart: the partition's messages stop for a minute; the first upstream back must not
    # make the others, whose worker is still restoring, look gone.
    buffers = ReorderBuffers(upstreams=2, idle_timeout=30, resume_gap=5)
    buffers.heard(0, 0, T0 + timedelta(hours=1), drained=False, sent_at=100.0)
    buffers.heard(0, 1, T0, drained=False, sent_at=100.0)
    buffers.hold(0, _article("a", 2))
    for second in range(160, 191):
        buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False, sent_at=float(second))
        assert list(buffers.release(0)) == []
    buffers.heard(0, 0, T0 + timedelta(hours=3), drained=False, sent_at=191.0)
    assert [a.id for a in buffers.release(0)] == ["a"]  # 31 s after resuming: gone


def test_a_new_owner_of_an_upstream_may_set_its_progress_back() -> None:
    # After a crash the upstream is read again from its last commit: its new progress is lower,
    # and reports past it must wait again.
    buffers = ReorderBuffers(upstreams=2, idle_timeout=3600)
    buffers.heard(0, 0, T0 + timedelta(hours=9), drained=False, sent_at=0.0)
    buffers.heard(0, 1, T0 + timedelta(hours=5), drained=False, sent_at=0.0)
    buffers.heard(0, 1, T0 + timedelta(hours=2), drained=False, sent_at=9.0)  # restarted
    buffers.hold(0, _article("a", 3))
    assert list(buffers.release(0)) == []
