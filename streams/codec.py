"""faust codec that stores pydantic models in tables as orjson bytes.

faust's own codecs know faust.Record, not pydantic; with this codec a table holds the model
itself in memory and writes its JSON to the changelog, and recovery rebuilds the model.
"""

from __future__ import annotations

from typing import Any, cast

import faust
from faust.serializers.codecs import Codec
from pydantic import BaseModel

from schemas.wire import decode, encode


class ModelCodec(Codec):
    """Codec for one pydantic model type."""

    def __init__(self, model_type: type[BaseModel], **kwargs: Any) -> None:
        super().__init__(model_type=model_type, **kwargs)
        self.model_type = model_type

    def _dumps(self, obj: Any) -> bytes:
        return encode(obj)

    def _loads(self, s: bytes) -> Any:
        return decode(self.model_type, s)


def model_table(app: faust.App, name: str, model_type: type[BaseModel]) -> Any:
    """A faust table of `model_type` values with str keys."""
    return coded_table(app, name, ModelCodec(model_type))


def coded_table(app: faust.App, name: str, codec: Codec) -> Any:
    """A faust table with str keys whose values `codec` writes and reads.

    faust picks a table's value serializer from faust.Record types only, and registering a
    table creates its changelog topic (which decodes during recovery) at once: so the codec is
    set on the table before it is registered, and writes and recovery both use it.
    """
    table = cast(Any, app.conf.Table)(app, name=name, key_type=str, beacon=app.beacon)
    table.value_serializer = codec
    return app.tables.add(table)
