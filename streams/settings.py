"""All configuration in one place: NEWSFOLD_* environment variables (documented in README.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """newsfold settings; each field is read from NEWSFOLD_<FIELD NAME IN CAPITALS>."""

    model_config = SettingsConfigDict(env_prefix="NEWSFOLD_", extra="ignore")

    # --- Kafka -------------------------------------------------------------------------------
    broker: str = Field(
        "kafka://127.0.0.1:9092",
        description="Bootstrap servers, comma separated, e.g. kafka://127.0.0.1:9092",
    )
    topic_prefix: str = Field("", description="Prepended to every topic name, e.g. 'prod.'")
    partitions: int = Field(4, ge=1, description="Partitions of every topic newsfold creates")
    replication_factor: int = Field(1, ge=1, description="Replication factor of created topics")
    app_id: str = Field("newsfold", description="Consumer group and changelog topic prefix")
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "PLAIN"
    sasl_username: str | None = None
    sasl_password: str | None = None
    ssl_cafile: str | None = Field(None, description="CA bundle to verify the brokers (SSL)")
    # Tuned for the embedded broker, whose group join waits half the session timeout (DESIGN.md);
    # against Apache Kafka raise these (e.g. 30 and 3).
    session_timeout: float = Field(2.0, gt=0, description="Consumer session timeout, seconds")
    heartbeat_interval: float = Field(0.5, gt=0, description="Consumer heartbeat, seconds")

    # The embedded broker answers ListOffsets(LATEST) with the base offset of the last record
    # batch + 1; table recovery reads the true end from a fetch instead (streams/offsets.py), so
    # records may be batched. 1 = one record per batch, the old workaround (about 6,500 instead
    # of 26,000 messages/s here).
    producer_max_batch_bytes: int = Field(
        16384, ge=1, description="Producer batch size in bytes (records per request)"
    )

    # Values are JSON (a report's fold-state writes and their journal came to ~54 KB per
    # article): lz4 batches halved the embedded broker's memory and cut its CPU per article by
    # a quarter, at no measurable cost to the worker (1,500 articles, one worker, 2026-11-28).
    compression: Literal["none", "gzip", "snappy", "lz4", "zstd"] = Field(
        "lz4", description="Compression of every record batch newsfold produces"
    )

    # --- worker ------------------------------------------------------------------------------
    store: str = Field("memory://", description="Table store: memory:// or rocksdb://")
    data_dir: str = Field(".newsfold", description="Worker state directory (rocksdb, logs)")
    web_port: int = Field(6066, ge=0, le=65535, description="HTTP API port of the worker")
    web_enabled: bool = Field(True, description="Serve the HTTP API")
    log_level: str = Field("warning", description="Worker log level")
    cache_dir: str | None = Field(
        None, description="Where the built gazetteer index is cached (default ~/.cache/newsfold)"
    )
    gazetteer_cache: bool = Field(True, description="Cache the built gazetteer index on disk")

    # --- limits ------------------------------------------------------------------------------
    max_message_bytes: int = Field(
        8 * 1024 * 1024, gt=0, description="Largest Kafka message read or written"
    )
    max_body_bytes: int = Field(
        2 * 1024 * 1024, gt=0, description="Largest article body (UTF-8 bytes) accepted"
    )
    future_skew: timedelta = Field(
        timedelta(days=1),
        description="How far past the wall clock published_at may be before it is refused",
    )

    # --- event time --------------------------------------------------------------------------
    grace: timedelta = Field(
        timedelta(hours=6), description="Watermark = highest published_at seen minus grace"
    )
    inactivity_gap: timedelta = Field(
        timedelta(hours=72), description="An incident closes after this much event time quiet"
    )
    max_span: timedelta = Field(
        timedelta(days=14), description="An incident closes at most this long after it opened"
    )
    retention: timedelta = Field(
        timedelta(days=7), description="Closed incidents stay reopenable this long, then evicted"
    )
    dedup_horizon: timedelta = Field(
        timedelta(days=7), description="How long an article is remembered to find its copies"
    )
    site_residue_lines: int = Field(
        25_000,
        ge=100,
        description="Lines of learned site residue kept per partition, over all its sources "
        "(about 860 bytes each)",
    )
    # Longer than a worker takes to start: a worker joining a group sends no progress markers
    # until its tables are restored (faust starts app timers after the first recovery), and a
    # fold that stopped waiting for its upstreams meanwhile folded reports out of order (a
    # join took 63 s under a load of 4 on 2 cores; ids of 249 incidents of 2,050 changed).
    idle_timeout: float = Field(
        120.0,
        gt=0,
        description="Seconds without any message from an upstream partition (its worker gone) "
        "before the fold stops waiting for it to order reports by event time",
    )
    # A report held for event-time order waits up to about this long for the progress of the
    # upstream partitions that sent nothing to its partition meanwhile: it bounds the latency
    # the ordering adds. Each tick costs partitions x owned upstreams empty messages.
    progress_interval: float = Field(
        1.0, gt=0, description="Seconds between progress markers from the extract stage"
    )
    fetch_max_wait: float = Field(
        0.1,
        gt=0,
        le=30,
        description="Seconds a worker's fetch may wait at the broker for new records "
        "(faust's own 1.5 s adds most of a second per hop on the embedded broker)",
    )
    sweep_interval: timedelta = Field(
        timedelta(minutes=30),
        description="Event time between two sweeps that close and evict incidents",
    )

    @property
    def compression_type(self) -> str | None:
        """`compression` as Kafka clients take it (None: uncompressed)."""
        return None if self.compression == "none" else self.compression

    def topic(self, name: str) -> str:
        """The full name of a newsfold topic."""
        return f"{self.topic_prefix}{name}"

    @property
    def bootstrap_servers(self) -> str:
        """The broker URL(s) without the kafka:// scheme, as aiokafka wants them."""
        return ",".join(
            part.strip().removeprefix("kafka://") for part in self.broker.split(";") if part.strip()
        ).replace(";", ",")


def settings_from(env: Mapping[str, str]) -> Settings:
    """Settings from this process's environment overlaid with `env` (NEWSFOLD_* names): what a
    child process started with that environment will read."""
    merged = {**os.environ, **env}
    values = {
        key.removeprefix("NEWSFOLD_").lower(): value
        for key, value in merged.items()
        if key.startswith("NEWSFOLD_")
        and key.removeprefix("NEWSFOLD_").lower() in Settings.model_fields
    }
    return Settings.model_validate(values)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()
