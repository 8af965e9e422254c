"""Shared model configuration: strict types, no unknown fields, immutable values."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base of every topic model.

    Strict so that `"id": 123` or `"published_at": "yesterday"` is an error, not a guess; frozen so
    that a stage can only make a new value (the functional core never mutates its input).
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
