"""Duplicate evaluation on a slice of gva-dev: generated copies found, real articles not confused.

Skipped when ../shared is absent, except in CI (CI=true), where its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from streams.evaluation.duplicates import evaluate, format_report

DOCUMENTS = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gva-dev" / "documents.jsonl"
)

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def documents() -> Path:
    if not DOCUMENTS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"gva-dev documents missing at {DOCUMENTS} (required in CI)")
        pytest.skip(f"gva-dev documents not found at {DOCUMENTS}: ../shared is not checked out")
    return DOCUMENTS


def test_copies_of_gva_dev_texts_meet_the_issue_thresholds(documents: Path) -> None:
    report = evaluate(documents, seed=1, limit=200, repeats=1)
    text = format_report(report)
    assert report.articles == 200 and report.copies == 1_000, text
    assert report.precision >= 0.98, text
    assert report.recall >= 0.95, text
    for kind, score in report.by_transform.items():
        assert score.found / score.made >= 0.95, (kind, text)
    assert report.false_per_1000 < 1.0, text
    assert report.bytes_per_article <= 2_048, text


def test_evaluation_is_deterministic(documents: Path) -> None:
    first = evaluate(documents, seed=2, limit=60, repeats=1)
    second = evaluate(documents, seed=2, limit=60, repeats=1)
    assert (first.true_positives, first.false_positives, first.negative_false) == (
        second.true_positives,
        second.false_positives,
        second.negative_false,
    )
