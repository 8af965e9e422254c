"""The bench's pure parts: percentiles, the core run over generated articles, the report.

No timing thresholds: these must pass on any machine at any load; only shapes and counts.
"""

from __future__ import annotations

import math
from pathlib import Path

import orjson
import pytest

from streams.bench import (
    STAGES,
    BenchReport,
    CorePipeline,
    CoreResult,
    EndToEndResult,
    LatencyResult,
    ProcessMemory,
    format_report,
    generate_archive,
    percentile,
    read_memory_mb,
    run_core,
)
from streams.settings import Settings
from streams.sources import read_archive


def test_percentile_interpolates_like_numpy() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 100.0
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 99) == pytest.approx(99.01)
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0  # unsorted input
    assert percentile([7.0], 95) == 7.0


def test_percentile_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_generate_archive_writes_the_spec(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    generate_archive(path, 12, 3, 5, 0.5, 2.0)
    lines = path.read_text().splitlines()
    assert len(lines) == 12
    records = [orjson.loads(line) for line in lines]
    assert len({r["incident_id"] for r in records}) == 3
    assert {r["content_type"] for r in records} <= {"text/plain", "text/html"}
    again = tmp_path / "b.jsonl"
    generate_archive(again, 12, 3, 5, 0.5, 2.0)
    assert again.read_bytes() == path.read_bytes()  # seeded: same bytes


@pytest.fixture(scope="module")
def core_run(tmp_path_factory: pytest.TempPathFactory) -> CoreResult:
    folder = tmp_path_factory.mktemp("bench")
    generate_archive(folder / "warm.jsonl", 4, 1, 101, 0.0, 1.0)
    generate_archive(folder / "main.jsonl", 30, 6, 7, 0.2, 3.0)
    records = list(read_archive(folder / "main.jsonl"))
    result, files = run_core(records, warmup=list(read_archive(folder / "warm.jsonl")))
    assert files == []
    return result


def test_core_run_counts_every_article_once(core_run: CoreResult) -> None:
    assert core_run.articles == 30
    assert sum(core_run.outcomes.values()) == 30
    assert core_run.outcomes["dead-letter"] == 0  # generated articles are all good
    assert core_run.outcomes["incident"] > 0


def test_core_run_times_every_stage(core_run: CoreResult) -> None:
    assert set(core_run.stage_us) == set(STAGES)
    assert all(us >= 0 and math.isfinite(us) for us in core_run.stage_us.values())
    for stage in ("decode", "clean", "extract", "dedup", "fold"):
        assert core_run.stage_us[stage] > 0
    assert core_run.wire_us > 0
    # The core time is the sum of the stages, so per-stage times add up to 1 / rate.
    total_us = sum(core_run.stage_us.values())
    assert core_run.articles_per_second == pytest.approx(1e6 / total_us, rel=1e-6)


def test_core_profile_writes_files(tmp_path: Path) -> None:
    generate_archive(tmp_path / "a.jsonl", 5, 1, 3, 0.0, 1.0)
    records = list(read_archive(tmp_path / "a.jsonl"))
    result, files = run_core(records, profile_dir=tmp_path / "prof")
    assert result.articles == 5
    assert sorted(Path(f).name for f in files) == ["core.prof", "core.txt"]
    assert "cumulative" in (tmp_path / "prof" / "core.txt").read_text()


def _report() -> BenchReport:
    core = CoreResult(
        articles=100,
        seconds=0.5,
        stage_us=dict.fromkeys(STAGES, 5000.0 / len(STAGES)),
        wire_us=300.0,
        outcomes={"incident": 80, "duplicate": 20, "late": 0, "dead-letter": 0},
    )
    return BenchReport(
        config={
            "articles": 100,
            "incidents": 20,
            "workers": 2,
            "html_share": 0.0,
            "partitions": 4,
        },
        machine={
            "cpu_count": 2,
            "platform": "Linux",
            "python": "3.11",
            "load_average": [1.0, 1.0, 1.0],
            "broker": "embedded",
        },
        core=core,
        end_to_end=EndToEndResult(
            articles=100,
            seconds=1.0,
            send_seconds=0.1,
            outcomes={"incident": 80, "duplicate": 20, "late": 0, "dead-letter": 0},
            missing=0,
        ),
        latency=LatencyResult(100.0, 99.5, 50, 50, 40.0, 90.0, 120.0, 130.0),
        memory=[ProcessMemory("worker-0", 42, 210.0, 200.0, 215.0, [(0.5, 200.0)])],
    )


def test_overhead_is_core_rate_over_end_to_end_rate() -> None:
    report = _report()
    assert report.core.articles_per_second == 200.0
    assert report.end_to_end is not None
    assert report.end_to_end.articles_per_second == 100.0
    assert report.overhead == pytest.approx(2.0)
    report.end_to_end = None
    assert report.overhead is None


def test_format_report_shows_every_number() -> None:
    text = format_report(_report())
    for stage in STAGES:
        assert stage in text
    assert "200 articles/s" in text  # core
    assert "100 articles/s" in text  # end to end
    assert "2.0×" in text
    assert "p99 120 ms" in text
    assert "worker-0" in text and "210 MB" in text


def test_report_json_round_trips() -> None:
    data = orjson.loads(orjson.dumps(_report().to_json()))
    assert data["overhead"] == pytest.approx(2.0)
    assert data["core"]["articles_per_second"] == 200.0
    assert data["latency"]["p99_ms"] == 120.0
    assert data["memory"][0]["samples"] == [[0.5, 200.0]]


def test_read_memory_of_this_process() -> None:
    import os
    import sys

    read = read_memory_mb(os.getpid())
    if not sys.platform.startswith("linux"):
        assert read is None
        return
    assert read is not None
    rss, hwm = read
    assert 0 < rss <= hwm
    assert read_memory_mb(2**22 + 12345) is None  # no such process


def test_the_stateless_half_alone_keeps_none_of_the_table_values_it_wrote(tmp_path: Path) -> None:
    # The soak's second process only cleans and extracts: the site residue lines it writes must
    # be encoded and let go per article, not kept for a fold that never runs there.
    generate_archive(tmp_path / "a.jsonl", 40, 4, 11, 0.0, 2.0)
    pipeline = CorePipeline(Settings())
    for record in read_archive(tmp_path / "a.jsonl"):
        assert pipeline.extract(record.key, record.value) is not None
        assert pipeline.written == []
    assert pipeline.site_residues.known  # lines were written, and went to the table
    assert pipeline.times["wire"] > 0
