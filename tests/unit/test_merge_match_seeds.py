"""The seeds case: five reports of one airstrike end as one live incident in every order."""

from __future__ import annotations

import itertools
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas.articles import ExtractedArticle, RawArticle
from streams.clean import clean_article
from streams.extract import extract_article
from streams.merge import MergeConfig, fold_article
from streams.merge.state import IncidentState

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed_articles() -> list[ExtractedArticle]:
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed reports missing at {SEEDS} (required in CI)")
        pytest.skip(f"seed reports not found at {SEEDS} (../shared is outside the repository)")
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        raw = RawArticle(
            id=path.stem,
            source=path.stem,
            title=title.strip(),
            body=body,
            published_at=datetime(2018, 5, 2, 8, tzinfo=UTC),
        )
        articles.append(extract_article(clean_article(raw)))
    return articles


def test_every_order_of_the_five_seed_reports_makes_one_live_incident() -> None:
    articles = _seed_articles()
    assert len(articles) == 5
    config = MergeConfig()
    failures = []
    for order in itertools.permutations(articles):
        states: dict[str, IncidentState] = {}
        for article in order:
            live = [s for s in states.values() if not s.incident.merged_into]
            folded = fold_article(article, live, config)
            for retired in folded.retired:
                states[retired.id] = retired
            states[folded.state.id] = folded.state
        live = [s for s in states.values() if not s.incident.merged_into]
        if len(live) != 1:
            failures.append(([a.id[:3] for a in order], len(live)))
    assert not failures, f"{len(failures)} of 120 orders split the incident: {failures[:5]}"
