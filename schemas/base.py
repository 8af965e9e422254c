"""Shared model configuration: strict types, no unknown fields, immutable values."""

from typing import Any, Self

from pydantic import BaseModel, ConfigDict

#: Per model class, the set of all its field names: what every instance gives as its
#: `model_fields_set` (see Model.model_post_init).
_FIELD_NAMES: dict[type[BaseModel], set[str]] = {}


def _field_names(cls: type[BaseModel]) -> set[str]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = set(cls.model_fields)
    return names


class Model(BaseModel):
    """Base of every topic model.

    Strict so that `"id": 123` or `"published_at": "yesterday"` is an error, not a guess; frozen so
    that a stage can only make a new value (the functional core never mutates its input).
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    # Why: pydantic keeps on every instance a set of the fields given explicitly (216 to 728
    # bytes). The fold holds some 250,000 model values in hot state, and those sets were 104 of
    # its 300 MB (tracemalloc, 15,000 generated reports at the soak's 1M-in-60-days density).
    # newsfold never asks which fields were given (no exclude_unset anywhere), so all instances
    # of a class share one set of all its field names. model_copy(update=...) adds the updated
    # names to it: field names it already holds, so it does not change.
    def model_post_init(self, context: Any, /) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", _field_names(type(self)))

    def __copy__(self) -> Self:
        copied = super().__copy__()
        object.__setattr__(copied, "__pydantic_fields_set__", _field_names(type(self)))
        return copied
