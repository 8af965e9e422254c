"""Shared fixtures: the path of ../shared, and the embedded broker for integration tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared; skips the test where it is absent, fails under CI=true."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the clone")
        pytest.skip(f"{path} is absent (a user's clone without ../shared)")
    return path


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One embedded broker for the whole test session, on a free port, stopped at the end."""
    from streams.broker import start_broker

    log = tmp_path_factory.mktemp("broker") / "broker.log"
    running = start_broker(log_file=log)
    try:
        yield running
    finally:
        running.stop()
