"""A whole newsfold pipeline on this machine: the embedded broker (or NEWSFOLD_BROKER) plus workers.

Used by `newsfold demo`, `newsfold eval merge` and `newsfold bench`; the pipeline gets its own
topic prefix and consumer group so it never mixes with other data on a shared broker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from streams.broker import EmbeddedBroker, start_broker
from streams.settings import Settings, get_settings, settings_from


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start `newsfold worker` as a child process with extra NEWSFOLD_ environment."""
    handle = log.open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "worker"],
        env={**os.environ, **env},
        stdout=handle,
        stderr=handle,
        stdin=subprocess.DEVNULL,
    )


def stop_process(process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    """SIGTERM, then SIGKILL after `timeout` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class LocalPipeline:
    """Settings and processes of a running local pipeline."""

    settings: Settings
    env: dict[str, str]
    workdir: Path
    broker: EmbeddedBroker | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def add_worker(self) -> subprocess.Popen[bytes]:
        process = start_worker(self.env, self.workdir / f"worker-{len(self.workers)}.log")
        self.workers.append(process)
        return process


@contextlib.contextmanager
def local_pipeline(workers: int = 1, **overrides: str) -> Iterator[LocalPipeline]:
    """Broker (embedded unless NEWSFOLD_BROKER is set) and `workers` workers; all stopped after."""
    workdir = Path(tempfile.mkdtemp(prefix="newsfold-"))
    broker = None
    if "NEWSFOLD_BROKER" not in os.environ:
        broker = start_broker(log_file=workdir / "broker.log")
    url = broker.url if broker else get_settings().broker
    run = uuid.uuid4().hex[:8]
    env = {
        "NEWSFOLD_BROKER": url,
        "NEWSFOLD_TOPIC_PREFIX": f"{get_settings().topic_prefix}run-{run}.",
        "NEWSFOLD_APP_ID": f"newsfold-run-{run}",
        "NEWSFOLD_WEB_ENABLED": "false",
        "NEWSFOLD_DATA_DIR": str(workdir / "state"),
        **{f"NEWSFOLD_{k.upper()}": v for k, v in overrides.items()},
    }
    settings = settings_from(env)
    pipeline = LocalPipeline(settings, env, workdir, broker)
    try:
        for _ in range(workers):
            pipeline.add_worker()
        yield pipeline
    finally:
        for process in pipeline.workers:
            stop_process(process)
        if broker is not None:
            broker.stop()
