"""The soak: hot state sampled over a long stretch of event time levels off (invariant 6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from streams.soak import StateSample, growth, soak
from streams.sources.synthetic import ArchiveSpec


def test_incidents_and_dedup_entries_leave_hot_state_after_their_retention() -> None:
    spec = ArchiveSpec(articles=400, incidents=80, seed=3, days=40, late_reports=0)
    samples = list(soak(spec, every=100))

    assert [s.articles for s in samples] == [100, 200, 300, 400]
    last = samples[-1]
    # 40 days of events, 7 days of retention and of dedup horizon: most of it has left.
    assert last.open_incidents + last.closed_incidents < 40
    assert last.dedup_entries < 200
    assert last.folded_ids < 200
    assert last.event_time is not None and last.event_time.year == 2018


def test_two_processes_hold_the_same_state_as_one() -> None:
    """Cleaning and extracting in a second process changes where the work runs, not the
    state the fold keeps."""
    spec = ArchiveSpec(articles=300, incidents=60, seed=4, days=20, late_reports=2)
    state = (
        "articles",
        "event_time",
        "open_incidents",
        "closed_incidents",
        "archived_incidents",
        "dedup_entries",
        "dedup_buckets",
        "folded_ids",
        "frequency_terms",
    )
    one = [tuple(getattr(s, f) for f in state) for s in soak(spec, every=100)]
    two = list(soak(spec, every=100, processes=2))
    assert [tuple(getattr(s, f) for f in state) for s in two] == one
    assert two[0].front_rss_mb > 0


def test_growth_compares_the_last_sample_with_the_half_way_one() -> None:
    def sample(articles: int, entries: int) -> StateSample:
        return StateSample(articles, None, 0, 0, 0, entries, 0, 0, 0, 0.0, 0.0)

    samples = [sample(1, 10), sample(2, 40), sample(3, 50), sample(4, 60)]
    assert growth(samples, "dedup_entries") == 60 / 40
    assert growth(samples[:1], "dedup_entries") is None


def test_a_soak_stopped_by_ctrl_c_still_reports_and_writes_its_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import streams.soak
    from streams.cli import main

    real = streams.soak.soak

    def interrupted(*args: object, **kwargs: object) -> Iterator[StateSample]:
        for n, sample in enumerate(real(*args, **kwargs), start=1):  # type: ignore[arg-type]
            yield sample
            if n == 2:
                raise KeyboardInterrupt

    monkeypatch.setattr(streams.soak, "soak", interrupted)
    out = tmp_path / "soak.json"
    result = CliRunner().invoke(
        main, ["soak", "--articles", "400", "--days", "20", "--every", "100", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "stopped by Ctrl-C after the sample at 200 of 400 articles" in result.output
    assert "folded_ids: last sample / half-way sample" in result.output
    written = orjson.loads(out.read_bytes())
    assert written["articles_sampled"] == 200
    assert [s["articles"] for s in written["samples"]] == [100, 200]
