"""Turning a failure into a DeadLetter a person can act on."""

from __future__ import annotations

import base64

from pydantic import ValidationError

from schemas.dead_letter import DeadLetter

_MAX_REASON = 2_000


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
    """The DeadLetter for a message that `stage` could not process."""
    return DeadLetter(
        stage=stage,
        error_type=exc.__class__.__name__,
        reason=describe(exc),
        article_id=article_id,
        topic=topic,
        partition=partition,
        offset=offset,
        original_key=base64.b64encode(key).decode("ascii") if key is not None else None,
        original_value=base64.b64encode(value or b"").decode("ascii"),
    )
