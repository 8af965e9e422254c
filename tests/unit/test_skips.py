"""Which offsets a stage's faust stream jumped over (streams/skips.py)."""

from __future__ import annotations

from streams.skips import OffsetWatch


def test_consecutive_offsets_skip_nothing() -> None:
    watch = OffsetWatch()
    assert [list(watch.skipped(0, offset, started_at=5)) for offset in (5, 6, 7)] == [[], [], []]


def test_a_jump_names_the_offsets_in_between_once() -> None:
    watch = OffsetWatch()
    watch.skipped(1, 1582, started_at=None)
    assert watch.skipped(1, 1851, started_at=None) == range(1583, 1851)
    assert not watch.skipped(1, 1852, started_at=None)


def test_a_first_message_past_the_committed_offset_is_a_skip() -> None:
    watch = OffsetWatch()
    assert watch.skipped(2, 40, started_at=30) == range(30, 40)


def test_without_a_committed_offset_the_first_message_tells_nothing() -> None:
    assert not OffsetWatch().skipped(2, 40, started_at=None)


def test_a_message_seen_again_is_no_skip_and_keeps_the_expectation() -> None:
    watch = OffsetWatch()
    watch.skipped(0, 10, started_at=None)
    assert not watch.skipped(0, 4, started_at=None)  # redelivered after a seek back
    assert watch.skipped(0, 13, started_at=None) == range(11, 13)


def test_partitions_are_watched_apart_and_forgotten_when_moved() -> None:
    watch = OffsetWatch()
    watch.skipped(0, 10, started_at=None)
    watch.skipped(1, 100, started_at=None)
    watch.forget([0])
    assert watch.skipped(0, 50, started_at=48) == range(48, 50)
    assert watch.skipped(1, 102, started_at=None) == range(101, 102)
