"""The faust.App: broker, store and consumer settings, all from streams.settings."""

from __future__ import annotations

from typing import Any

import faust
from aiokafka.helpers import create_ssl_context

from streams.consumer_fetch import use_fetch_max_wait_in_faust
from streams.flush import use_complete_flush_in_faust
from streams.kafka import client_options
from streams.offsets import use_true_end_offsets_in_faust
from streams.settings import Settings, get_settings
from streams.skips import acknowledge_only_processed_in_faust


def broker_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    """SASL/SSL credentials for faust from NEWSFOLD_ settings; None for PLAINTEXT."""
    protocol = settings.security_protocol
    if protocol == "PLAINTEXT":
        return None
    ssl_context = create_ssl_context(cafile=settings.ssl_cafile) if "SSL" in protocol else None
    if protocol.startswith("SASL"):
        if not settings.sasl_username or not settings.sasl_password:
            raise ValueError(
                f"NEWSFOLD_SECURITY_PROTOCOL={protocol} needs NEWSFOLD_SASL_USERNAME and "
                "NEWSFOLD_SASL_PASSWORD"
            )
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            mechanism=settings.sasl_mechanism,
            ssl_context=ssl_context,
        )
    return faust.SSLCredentials(ssl_context)


def app_settings(settings: Settings) -> dict[str, Any]:
    """Keyword settings of the faust.App (kept apart so a test can check what it is given)."""
    return {
        "broker": settings.broker,
        "broker_credentials": broker_credentials(settings),
        "store": settings.store,
        "datadir": settings.data_dir,
        "topic_partitions": settings.partitions,
        "topic_replication_factor": settings.replication_factor,
        "broker_session_timeout": settings.session_timeout,
        "broker_heartbeat_interval": settings.heartbeat_interval,
        "broker_rebalance_timeout": max(settings.session_timeout * 2, 6.0),
        "consumer_auto_offset_reset": "earliest",
        "producer_max_request_size": settings.max_message_bytes,
        "producer_max_batch_size": settings.producer_max_batch_bytes,
        "producer_compression_type": settings.compression_type,
        "consumer_max_fetch_size": settings.max_message_bytes,
        "web_enabled": settings.web_enabled,
        "web_port": settings.web_port,
        "web_host": "127.0.0.1",
        "key_serializer": "raw",
        "value_serializer": "raw",
        # The embedded broker reports wrong end offsets (DESIGN.md): faust's check would stop a
        # rocksdb worker with ConsistencyError. Soundness comes from our own recovery check.
        "recovery_consistency_check": False,
        "table_standby_replicas": 0,
        # A rebalance waits for every message being processed to be acknowledged, then flushes
        # the producer: the partition's next owner restores all its table writes. (The fold
        # keeps held reports in a table and acknowledges each message when done with it.)
        "stream_wait_empty": True,
        "autodiscover": False,
    }


def create_app(settings: Settings | None = None) -> faust.App:
    """The newsfold faust.App."""
    settings = settings or get_settings()
    use_true_end_offsets_in_faust(client_options(settings))
    use_complete_flush_in_faust()
    use_fetch_max_wait_in_faust(settings.fetch_max_wait)
    acknowledge_only_processed_in_faust()
    return faust.App(settings.app_id, **app_settings(settings))


app = create_app()
