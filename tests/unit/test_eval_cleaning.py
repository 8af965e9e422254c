"""The cleaning evaluation: its metrics on tiny inputs, and the stage against trafilatura."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from streams.evaluation.cleaning import (
    Overlap,
    benchmark_scores,
    evaluate_html,
    evaluate_plaintext,
    format_report,
    has_repeat,
    macro_scores,
    micro_scores,
    score_fixture,
    shingle_match,
    token_overlap,
    tokens,
)
from streams.evaluation.plaintext_fixtures import FIXTURES, PlainFixture

SCRAPINGHUB = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "scrapinghub"


def test_tokens_are_lowercased_word_runs() -> None:
    assert tokens("Hello, World! It's 2018.") == ["hello", "world", "it", "s", "2018"]


def test_token_overlap_counts_multiplicity() -> None:
    o = token_overlap("the cat the cat", "the cat sat")
    # "the" and "cat" are shared once each: the gold has them once.
    assert (o.predicted, o.gold, o.shared) == (4, 3, 2)
    assert o.scores.precision == pytest.approx(0.5)
    assert o.scores.recall == pytest.approx(2 / 3)
    assert o.scores.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_empty_prediction_scores_zero_and_both_empty_scores_one() -> None:
    assert token_overlap("", "some gold text").scores.f1 == 0.0
    assert token_overlap("", "").scores.f1 == 1.0


def test_micro_weighs_long_pages_and_macro_weighs_pages_equally() -> None:
    long_perfect = Overlap(predicted=90, gold=90, shared=90)
    short_wrong = Overlap(predicted=10, gold=10, shared=0)
    assert micro_scores([long_perfect, short_wrong]).f1 == pytest.approx(0.9)
    assert macro_scores([long_perfect, short_wrong]).f1 == pytest.approx(0.5)


def test_shingle_match_is_normalised_per_page() -> None:
    gold = "one two three four five"
    assert shingle_match(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_match("one two three four six", gold)
    # shingles: (1234) shared; (2346) extra; (2345) missed.
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert shingle_match("", "") == (0.0, 0.0, 0.0)


def test_benchmark_scores_average_precision_and_recall_over_pages() -> None:
    s = benchmark_scores([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(1.0)
    assert s.f1 == pytest.approx(2 * 0.75 / 1.75)


def test_has_repeat_uses_the_stages_rule() -> None:
    para = "The river burst its banks on Sunday, flooding more than 200 homes in the town."
    assert has_repeat([para, "Other text.", para])
    assert has_repeat([para, para.replace("Sunday", "Sunday,")])
    assert not has_repeat([para, "Rescuers used boats to reach families trapped upstairs."])


def test_score_fixture_counts_left_residue_and_lost_story() -> None:
    fixture = PlainFixture(
        "t",
        "",
        (
            ("story", "Police said two men were hurt. Both are stable."),
            ("share_chrome", "Share | Tweet"),
            ("repeated_paragraph", "Police said two men were hurt. Both are stable."),
        ),
    )
    report = score_fixture(fixture, None)
    assert (report.residue_removed, report.story_kept, report.story_sentences) == (2, 0, 2)


def test_plaintext_set_covers_every_kind_and_meets_its_bar() -> None:
    kinds = {kind for f in FIXTURES for kind, _ in f.lines} - {"story"}
    assert {"share_chrome", "agency_date", "photo_credit", "teaser", "comment_section",
            "repeated_paragraph", "near_repeated_paragraph", "repeated_title", "page_prompt",
            "copyright", "contact", "byline", "separator", "section_label"} <= kinds
    report = evaluate_plaintext()
    assert report.story_kept_share == 1.0, report.story_lost
    assert report.residue_removed_share >= 0.95, report.residue_left
    assert "story sentences kept" in format_report(plain=report)


@pytest.mark.shared
def test_stage_not_worse_than_trafilatura_on_scrapinghub_pages() -> None:
    if not SCRAPINGHUB.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SCRAPINGHUB} is missing: CI must run with ../shared beside the clone")
        pytest.skip(f"{SCRAPINGHUB} is absent (a clone without ../shared beside it)")
    report = evaluate_html(SCRAPINGHUB, limit=20)
    assert report.pages == 20
    assert report.ours.benchmark.f1 >= report.trafilatura.benchmark.f1 - 0.01
    assert report.ours.macro.f1 >= report.trafilatura.macro.f1 - 0.01
    assert "ours minus trafilatura" in format_report(html=report)
