"""Settings: env prefix, the README table and docker-compose.yml name only real settings."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import faust
import pytest

from streams.app import app_settings, broker_credentials
from streams.kafka import client_options
from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_settings_come_from_newsfold_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFOLD_BROKER", "kafka://10.0.0.1:9093")
    monkeypatch.setenv("NEWSFOLD_PARTITIONS", "8")
    monkeypatch.setenv("NEWSFOLD_GRACE", "PT2H")
    settings = Settings()
    assert settings.bootstrap_servers == "10.0.0.1:9093"
    assert settings.partitions == 8
    assert settings.grace.total_seconds() == 7200


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"NEWSFOLD_{name.upper()}" in readme, f"README lacks NEWSFOLD_{name.upper()}"


def test_docker_compose_sets_only_real_settings() -> None:
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"NEWSFOLD_([A-Z0-9_]+)", compose))
    assert used, "docker-compose.yml sets no NEWSFOLD_ variable"
    unknown = {u for u in used if u.lower() not in Settings.model_fields}
    assert not unknown, f"docker-compose.yml sets unknown settings: {unknown}"


def test_sasl_ssl_settings_reach_worker_and_cli() -> None:
    settings = Settings(
        security_protocol="SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_username="newsfold",
        sasl_password="secret",
    )
    options = client_options(settings)
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "newsfold"
    assert options["sasl_plain_password"] == "secret"
    assert options["ssl_context"] is not None
    credentials = app_settings(settings)["broker_credentials"]
    assert isinstance(credentials, faust.SASLCredentials)
    assert credentials.username == "newsfold"
    assert credentials.password == "secret"
    assert credentials.mechanism.value == "SCRAM-SHA-512"
    assert credentials.ssl_context is not None


def test_sasl_without_password_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="NEWSFOLD_SASL_PASSWORD"):
        broker_credentials(Settings(security_protocol="SASL_PLAINTEXT", sasl_username="u"))


@pytest.mark.parametrize(
    ("protocol", "mechanism"),
    [("SSL", None), ("SASL_SSL", "SCRAM-SHA-256"), ("SASL_PLAINTEXT", "PLAIN")],
)
def test_security_settings_configure_the_worker_and_cli_kafka_clients(
    protocol: str, mechanism: str | None
) -> None:
    """From NEWSFOLD_ variables to what aiokafka is given: by the CLI (replay, tail, export)
    and by the worker's faust transport."""
    import ssl

    import certifi
    from aiokafka import AIOKafkaProducer
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    from streams.kafka import producer
    from streams.settings import settings_from

    env = {
        "NEWSFOLD_SECURITY_PROTOCOL": protocol,
        "NEWSFOLD_SSL_CAFILE": certifi.where(),
        "NEWSFOLD_SASL_USERNAME": "newsfold",
        "NEWSFOLD_SASL_PASSWORD": "s3cret",
        **({"NEWSFOLD_SASL_MECHANISM": mechanism} if mechanism else {}),
    }
    settings = settings_from(env)
    uses_ssl = "SSL" in protocol

    async def cli_client() -> AIOKafkaProducer:
        return producer(settings)  # built, not started: nothing is contacted

    client = asyncio.run(cli_client()).client
    worker = credentials_to_aiokafka_auth(
        faust.App("t", **app_settings(settings)).conf.broker_credentials
    )
    for config, name in ((vars(client), "_{}"), (worker, "{}")):
        assert config[name.format("security_protocol")] == protocol
        context = config[name.format("ssl_context")]
        if uses_ssl:
            assert isinstance(context, ssl.SSLContext)
            assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
            assert context.cert_store_stats()["x509_ca"] > 0  # the CA file was loaded
        else:
            assert context is None
        if protocol.startswith("SASL"):
            assert config[name.format("sasl_mechanism")] == mechanism
            assert config[name.format("sasl_plain_username")] == "newsfold"
            assert config[name.format("sasl_plain_password")] == "s3cret"


def test_fetch_max_wait_reaches_the_consumer_faust_creates() -> None:
    """faust fixes the worker consumer's fetch wait at 1.5 s; NEWSFOLD_FETCH_MAX_WAIT replaces
    it on the aiokafka consumer the worker creates (built, not started: nothing is contacted)."""
    from aiokafka import AIOKafkaConsumer

    from streams.app import create_app
    from streams.settings import settings_from

    async def worker_consumer(wait: str) -> AIOKafkaConsumer:
        env = {"NEWSFOLD_FETCH_MAX_WAIT": wait, "NEWSFOLD_BROKER": "kafka://127.0.0.1:1"}
        app = create_app(settings_from(env))
        consumer = app.consumer._thread._create_consumer(loop=asyncio.get_running_loop())
        assert isinstance(consumer, AIOKafkaConsumer)
        return consumer

    assert asyncio.run(worker_consumer("0.05"))._fetch_max_wait_ms == 50
    assert asyncio.run(worker_consumer("0.25"))._fetch_max_wait_ms == 250


@pytest.mark.parametrize(("value", "expected"), [("lz4", "lz4"), ("zstd", "zstd"), ("none", None)])
def test_compression_reaches_the_worker_and_cli_producers(value: str, expected: str | None) -> None:
    """NEWSFOLD_COMPRESSION sets faust's producer (outputs, changelogs) and the CLI's producer
    (replay); built, not started: nothing is contacted."""
    from streams.kafka import producer
    from streams.settings import settings_from

    settings = settings_from({"NEWSFOLD_COMPRESSION": value})
    assert faust.App("t", **app_settings(settings)).conf.producer_compression_type == expected

    async def cli_producer() -> str | None:
        return producer(settings)._compression_type  # type: ignore[no-any-return]

    assert asyncio.run(cli_producer()) == expected
