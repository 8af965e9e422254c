"""A producer flush that empties faust's producer buffer before it returns.

faust's `ProducerBuffer.flush` waits for one message at a time to leave the buffer and returns
as soon as one takes longer than 0.1 s (faust/transport/producer.py, `flush_atmost`), with
messages still in it; and a message being handed to the client when the buffer looks empty is
not waited for either. Under load that is common (the buffer held over 1,000 messages while the
fold worked through a backlog), and faust commits offsets right after such a flush, so a SIGKILL
then could lose changelog records and outputs of messages whose offsets were committed. The
fold's settling (streams/reorder.py) relies on a flush too. Replaced at app creation: the
buffer's flush now returns when no message is left in it or on its way to the client (whose
own flush, which faust calls next, then waits for their delivery).
"""

from __future__ import annotations

import asyncio
from typing import Any

from faust.transport.producer import ProducerBuffer

_original_send_pending = ProducerBuffer._send_pending


async def _send_pending_counted(self: ProducerBuffer, fut: Any) -> None:
    self.__dict__["_newsfold_sending"] = self.__dict__.get("_newsfold_sending", 0) + 1
    try:
        await _original_send_pending(self, fut)
    finally:
        self.__dict__["_newsfold_sending"] -= 1


async def _flush_until_empty(self: ProducerBuffer) -> None:
    while self.size or self.__dict__.get("_newsfold_sending", 0):
        if self.size:
            await self.flush_atmost(None)
        else:
            await asyncio.sleep(0.001)  # the last message is being handed to the client


def use_complete_flush_in_faust() -> None:
    """Make faust's producer buffer flush until it is empty (idempotent)."""
    ProducerBuffer._send_pending = _send_pending_counted  # type: ignore[method-assign]
    ProducerBuffer.flush = _flush_until_empty  # type: ignore[method-assign]
