"""A dead letter always fits in a Kafka message, however large the message it reports."""

from __future__ import annotations

from schemas.dead_letter import DeadLetter
from schemas.wire import decode, encode
from streams.errors import MAX_ORIGINAL_BYTES, MAX_ORIGINAL_KEY_BYTES, dead_letter


def test_a_huge_message_is_cut_in_its_dead_letter_and_the_reason_says_so() -> None:
    value = b"x" * (50 * 1024 * 1024)
    key = b"k" * (1024 * 1024)
    letter = dead_letter("clean", ValueError("message too large"), "articles.raw", key, value)
    wire = encode(letter)
    assert len(wire) < 2 * MAX_ORIGINAL_BYTES  # far below the 8 MB message limit
    back = decode(DeadLetter, wire)
    assert back.original_bytes == value[:MAX_ORIGINAL_BYTES]
    assert back.original_key is not None and len(back.original_key) < 2 * MAX_ORIGINAL_KEY_BYTES
    assert back.reason.startswith("message too large")
    assert f"of {len(value):,} bytes" in back.reason


def test_a_small_message_is_kept_whole() -> None:
    letter = dead_letter("clean", ValueError("bad"), "articles.raw", b"k", b"[1, 2]")
    assert letter.original_bytes == b"[1, 2]" and letter.reason == "bad"
