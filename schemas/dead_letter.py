"""The dead-letter topic: bad input with the stage, the error and the original bytes."""

from __future__ import annotations

import base64

from pydantic import Field

from schemas.base import Model


class DeadLetter(Model):
    """A message a stage could not process (topic dead-letter, key: the original key)."""

    stage: str
    error_type: str
    reason: str = Field(description="What went wrong, in words a person can act on.")
    article_id: str | None = Field(default=None, description="The article's id, when known")
    topic: str
    partition: int | None = None
    offset: int | None = None
    original_key: str | None = Field(default=None, description="base64 of the original key")
    original_value: str = Field(description="base64 of the original value bytes")

    @property
    def original_bytes(self) -> bytes:
        return base64.b64decode(self.original_value)
