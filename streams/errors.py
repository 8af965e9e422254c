"""Turning a failure into a DeadLetter a person can act on."""

from __future__ import annotations

import base64

from pydantic import ValidationError

from schemas.dead_letter import DeadLetter

_MAX_REASON = 2_000
#: At most this much of the original value (and key) is kept: a dead letter must itself fit in a
#: Kafka message (base64 adds a third), however large the message it reports (issue #8: a 50 MB
#: message once crashed the clean agent when its dead letter could not be sent).
MAX_ORIGINAL_BYTES = 1024 * 1024
MAX_ORIGINAL_KEY_BYTES = 64 * 1024
_MAX_ARTICLE_ID = 1_024


def describe(exc: BaseException) -> str:
    """A one-paragraph reason: which field, what was wrong, without echoing huge input."""
    if isinstance(exc, ValidationError):
        parts = []
        for error in exc.errors(include_url=False, include_input=False)[:5]:
            where = ".".join(str(p) for p in error["loc"]) or "message"
            parts.append(f"{where}: {error['msg']}")
        more = exc.error_count() - len(parts)
        if more > 0:
            parts.append(f"and {more} more")
        return f"{exc.title} is invalid: " + "; ".join(parts)
    text = str(exc) or exc.__class__.__name__
    return text[:_MAX_REASON]


def dead_letter(
    stage: str,
    exc: BaseException,
    topic: str,
    key: bytes | None,
    value: bytes | None,
    partition: int | None = None,
    offset: int | None = None,
    article_id: str | None = None,
) -> DeadLetter:
    """The DeadLetter for a message that `stage` could not process; originals past
    MAX_ORIGINAL_BYTES are cut, and the reason says so."""
    value = value or b""
    reason = describe(exc)
    if len(value) > MAX_ORIGINAL_BYTES:
        reason += (
            f" (original value cut to its first {MAX_ORIGINAL_BYTES:,} of {len(value):,} bytes)"
        )
    return DeadLetter(
        stage=stage,
        error_type=exc.__class__.__name__,
        reason=reason,
        article_id=article_id[:_MAX_ARTICLE_ID] if article_id is not None else None,
        topic=topic,
        partition=partition,
        offset=offset,
        original_key=(
            base64.b64encode(key[:MAX_ORIGINAL_KEY_BYTES]).decode("ascii")
            if key is not None
            else None
        ),
        original_value=base64.b64encode(value[:MAX_ORIGINAL_BYTES]).decode("ascii"),
    )
