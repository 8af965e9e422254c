"""Bytes on the wire: every topic value is a JSON object of one schema model.

Encoding goes through orjson (datetimes and dates as RFC 3339). Decoding uses pydantic's own
Rust JSON parser (`model_validate_json`), which parses and validates in one pass: strict mode
accepts ISO datetime strings only from JSON, and the one pass is faster than orjson.loads plus
model_validate (DESIGN.md budget: validate_json 139,000/s).
"""

from __future__ import annotations

from typing import Any, TypeVar

import orjson
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def _fields(value: Any) -> Any:
    """orjson's fallback for what it cannot write itself: a model becomes its fields.

    A model's `__dict__` holds exactly its field values in field order (extra fields, which
    Model forbids, live apart in `__pydantic_extra__`): the same object `model_dump(mode=
    "python")` builds, without pydantic building every nested dict first. Same bytes (checked
    on all 119,175 values a 3,000-article core run encodes), twice as fast. Measured on those
    values: 520 -> 246 µs of encoding per article; core bench "wire" 1,449 -> 574 µs CPU per
    article, of which about 480 µs were garbage collections the old encoder's temporary dicts
    set off (they now run in the stages instead; with the collector off: 903 -> 540).
    """
    if isinstance(value, BaseModel):
        if value.__pydantic_extra__:
            return value.model_dump(mode="python")
        return value.__dict__
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def encode(model: BaseModel) -> bytes:
    """Serialise a model as compact JSON bytes."""
    return orjson.dumps(model, default=_fields)


def decode(model_type: type[M], data: bytes | str, context: dict[str, Any] | None = None) -> M:
    """Parse and validate JSON bytes as `model_type`; raises pydantic.ValidationError."""
    return model_type.model_validate_json(data, strict=True, context=context)
