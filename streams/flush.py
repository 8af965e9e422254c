"""A producer flush that returns only when everything sent so far is delivered: faust's buffer
empty, the client's batches delivered, and the sends waiting for those deliveries made too.

faust's `ProducerBuffer.flush` waits for one message at a time to leave the buffer and returns
as soon as one takes longer than 0.1 s (faust/transport/producer.py, `flush_atmost`), with
messages still in it; and a message being handed to the client when the buffer looks empty is
not waited for either. Under load that is common (the buffer held over 1,000 messages while the
fold worked through a backlog), and faust commits offsets right after such a flush, so a SIGKILL
then could lose changelog records and outputs of messages whose offsets were committed. The
fold's settling (streams/reorder.py) relies on a flush too. Replaced at app creation: the
buffer's flush now returns when no message is left in it or on its way to the client (whose
own flush, which faust calls next, then waits for their delivery).

The fold sends its outputs only once the changelog records they come from are delivered
(`DeferredSends`, streams/topology.py): those sends join the buffer after the deliveries that
release them, so the producer's flush repeats until none is left waiting either.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from faust.transport.drivers.aiokafka import Producer
from faust.transport.producer import ProducerBuffer

_original_send_pending = ProducerBuffer._send_pending
_original_producer_flush = Producer.flush


class DeferredSends:
    """Sends that wait for an earlier send to be delivered; a producer flush waits for them."""

    def __init__(self) -> None:
        self.waiting = 0

    def after(self, sent: Any, send: Callable[[], None]) -> None:
        """Call `send` once `sent` (a faust FutureMessage, or None) is done; now if it is."""
        if sent is None or sent.done():
            send()
            return
        self.waiting += 1

        def run(_: Any) -> None:
            self.waiting -= 1
            send()

        sent.add_done_callback(run)


#: The worker's deferred sends (one producer per worker).
deferred_sends = DeferredSends()


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


async def _flush_until_delivered(self: Producer) -> None:
    while True:
        await _original_producer_flush(self)
        if not deferred_sends.waiting and not self.buffer.size:
            return
        await asyncio.sleep(0.001)  # deliveries' callbacks are about to queue their sends


def use_complete_flush_in_faust() -> None:
    """Make faust's producer flush deliver everything, deferred sends included (idempotent)."""
    ProducerBuffer._send_pending = _send_pending_counted  # type: ignore[method-assign]
    ProducerBuffer.flush = _flush_until_empty  # type: ignore[method-assign]
    Producer.flush = _flush_until_delivered  # type: ignore[method-assign]
