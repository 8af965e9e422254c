"""A tiny `newsfold bench` end to end: its own embedded broker, one worker, every phase.

Checks shapes and conservation, never speed (the machine may be busy); timeouts are generous.
"""

from __future__ import annotations

import math
from pathlib import Path

import orjson
import pytest

from streams.bench import format_report, run_bench

pytestmark = pytest.mark.integration


def test_tiny_bench_measures_every_phase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The bench starts its own embedded broker unless NEWSFOLD_BROKER is set.
    monkeypatch.delenv("NEWSFOLD_BROKER", raising=False)
    out = tmp_path / "bench.json"
    report = run_bench(
        articles=40,
        workers=1,
        rate=20.0,
        latency_seconds=2.0,
        warmup_articles=6,
        timeout=300.0,
        json_path=out,
    )
    e2e = report.end_to_end
    assert e2e is not None and e2e.missing == 0
    assert sum(e2e.outcomes.values()) == 40
    assert e2e.outcomes["dead-letter"] == report.core.outcomes["dead-letter"] == 0
    assert e2e.articles_per_second > 0
    latency = report.latency
    assert latency is not None and latency.received == latency.articles == 40
    assert 0 < latency.p50_ms <= latency.p95_ms <= latency.p99_ms <= latency.max_ms
    names = {m.name for m in report.memory}
    assert names == {"worker-0", "broker"}
    assert all(m.peak_rss_mb > 0 and m.hwm_mb >= m.peak_rss_mb * 0.99 for m in report.memory)
    assert report.overhead is not None and math.isfinite(report.overhead)
    data = orjson.loads(out.read_bytes())
    assert data["end_to_end"]["articles"] == 40
    assert data["machine"]["broker"] == "embedded"
    assert "end to end" in format_report(report)
