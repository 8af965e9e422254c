"""The extract side's caught-up check: offsets processed against the consumer's high watermark."""

from __future__ import annotations

from streams.caught_up import CaughtUp, Offsets

RAW, CLEAN = "articles.raw", "articles.clean"


def _ends(raw: int | None, clean: int | None) -> Offsets:
    return lambda topic, partition: raw if topic == RAW else clean


def _none(topic: str, partition: int) -> int | None:
    return None


def test_caught_up_only_at_two_checks_in_a_row_with_nothing_processed_between() -> None:
    tracker = CaughtUp(RAW, CLEAN)
    tracker.done(RAW, 0, 9)
    tracker.done(CLEAN, 0, 7)
    assert not tracker.check(0, _ends(10, 8), _none)  # first time: maybe a record in flight
    assert tracker.check(0, _ends(10, 8), _none)
    tracker.done(CLEAN, 0, 8)  # something came and went: wait one more check
    assert not tracker.check(0, _ends(10, 9), _none)
    assert tracker.check(0, _ends(10, 9), _none)


def test_behind_on_either_stage_is_not_caught_up() -> None:
    tracker = CaughtUp(RAW, CLEAN)
    tracker.done(RAW, 0, 9)
    tracker.done(CLEAN, 0, 7)
    for _ in range(3):
        assert not tracker.check(0, _ends(11, 8), _none)  # raw offset 10 not cleaned yet
        assert not tracker.check(0, _ends(10, 9), _none)  # clean offset 8 not extracted yet


def test_an_unknown_end_is_not_caught_up() -> None:
    tracker = CaughtUp(RAW, CLEAN)
    for _ in range(3):
        assert not tracker.check(0, _ends(None, 0), _none)


def test_where_the_worker_started_counts_as_read() -> None:
    # A restarted worker whose committed offsets are at the end has nothing to process.
    tracker = CaughtUp(RAW, CLEAN)
    committed = _ends(120, 80)
    assert not tracker.check(3, _ends(120, 80), committed)
    assert tracker.check(3, _ends(120, 80), committed)
    assert not tracker.check(3, _ends(121, 80), committed)


def test_empty_partitions_are_caught_up() -> None:
    tracker = CaughtUp(RAW, CLEAN)
    tracker.check(1, _ends(0, 0), _none)
    assert tracker.check(1, _ends(0, 0), _none)


def test_forgetting_a_moved_partition_drops_what_was_processed() -> None:
    tracker = CaughtUp(RAW, CLEAN)
    tracker.done(RAW, 2, 4)
    tracker.done(CLEAN, 2, 4)
    tracker.check(2, _ends(5, 5), _none)
    tracker.forget({RAW: {2}, CLEAN: {2}})
    assert not tracker.check(2, _ends(5, 5), _none)
    assert not tracker.check(2, _ends(5, 5), _none)
