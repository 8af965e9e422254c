"""How long a worker's fetch may wait at the broker for new records (faust fixes it at 1.5 s).

faust creates its aiokafka consumer with `fetch_max_wait_ms=1500` and no setting to change it
(faust/transport/drivers/aiokafka.py, `_create_worker_consumer`). A broker should answer a
waiting fetch as soon as a record arrives, but the embedded broker answers late: measured on
2026-11-28, one record took 617 ms (p50) from send to a consumer with a 1,500 ms wait, 116 ms
with 500 ms, 15 ms with 100 ms. Every hop of the pipeline (raw -> clean -> extracted -> fold)
paid that, which put a floor of about 2.7 s under the latency from articles.raw to the
incident update even at 20 articles/s offered. The wait is set on the consumer faust creates,
before it starts (aiokafka reads it only when it starts its fetcher). A shorter wait costs an
empty fetch per wait on an idle partition, nothing when records flow.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

_original_create_worker_consumer = AIOKafkaConsumerThread._create_worker_consumer


def use_fetch_max_wait_in_faust(seconds: float) -> None:
    """Make every faust worker consumer created from now on wait at most `seconds` per fetch."""
    wait_ms = max(1, round(seconds * 1000))

    def create_worker_consumer(self: AIOKafkaConsumerThread, transport: Any) -> Any:
        consumer = _original_create_worker_consumer(self, transport)
        # aiokafka keeps the constructor's value here and hands it to its Fetcher on start().
        consumer._fetch_max_wait_ms = wait_ms
        return consumer

    AIOKafkaConsumerThread._create_worker_consumer = create_worker_consumer  # type: ignore[method-assign]
