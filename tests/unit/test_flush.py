"""faust's producer buffer, once newsfold's flush is in (streams/flush.py), is empty after a
flush however slowly its messages leave it (no broker: the messages' channel is a slow stub)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from faust.transport.producer import ProducerBuffer

from streams.flush import DeferredSends, use_complete_flush_in_faust


class SlowChannel:
    """Takes 0.25 s to hand each message on: longer than faust's 0.1 s wait per message."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    async def publish_message(self, fut: Any, wait: bool = False) -> None:
        await asyncio.sleep(0.25)
        self.sent.append(fut.number)


def test_a_flush_returns_only_when_every_message_has_left_the_buffer() -> None:
    use_complete_flush_in_faust()

    async def run() -> list[int]:
        buffer = ProducerBuffer()
        buffer.app = SimpleNamespace(conf=SimpleNamespace(producer_threaded=False))  # type: ignore[assignment]
        channel = SlowChannel()
        await buffer.start()
        try:
            for number in range(4):
                buffer.put(SimpleNamespace(number=number, message=SimpleNamespace(channel=channel)))  # type: ignore[arg-type]
            await asyncio.wait_for(buffer.flush(), timeout=60)
            return channel.sent
        finally:
            await buffer.stop()

    assert asyncio.run(run()) == [0, 1, 2, 3]


def test_a_deferred_send_waits_for_the_delivery_it_follows() -> None:
    async def run() -> tuple[list[str], int, list[str], int]:
        deferred = DeferredSends()
        sent: list[str] = []
        deferred.after(None, lambda: sent.append("now"))
        delivery: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        deferred.after(delivery, lambda: sent.append("after"))
        before, waiting = list(sent), deferred.waiting
        delivery.set_result(None)
        await asyncio.sleep(0)  # done callbacks run on the next turn of the loop
        return before, waiting, sent, deferred.waiting

    before, waiting, sent, left = asyncio.run(run())
    assert (before, waiting) == (["now"], 1)
    assert (sent, left) == (["now", "after"], 0)
