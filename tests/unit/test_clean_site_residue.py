"""Learning a source's residue: lines recurring across many stories go, shared quotes stay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.articles import RawArticle
from streams.clean import clean_article
from streams.clean.site_residue import (
    MAX_LINES,
    MAX_STORIES_PER_LINE,
    SiteResidue,
    fingerprint,
    learned_residue,
    observe,
    residue_for,
    trim_sources,
)

WHEN = datetime(2021, 3, 4, 12, 0, tzinfo=UTC)
FOOTER = "Valley Post: your neighbourhood, your news, every morning"
QUOTE = "\"We will rebuild every house that was lost,\" the governor said."


def story(i: int) -> list[str]:
    return [
        f"Story number {i} happened in the town of Amberley on a quiet Sunday, police said.",
        FOOTER,
    ]


def learn(n: int, state: SiteResidue | None = None) -> SiteResidue:
    state = state or SiteResidue()
    for i in range(n):
        state = observe(state, f"a{i}", story(i))
    return state


def test_fingerprint_ignores_case_quotes_and_spacing() -> None:
    assert fingerprint("It’s  the  END") == fingerprint("it's the end")
    assert fingerprint("it's the end") != fingerprint("it's the start")


def test_line_is_learned_only_after_min_stories_distinct_stories() -> None:
    assert fingerprint(FOOTER) not in learned_residue(learn(4))
    assert fingerprint(FOOTER) in learned_residue(learn(5))
    # The story lines are each in one story only.
    assert learned_residue(learn(5)) == {fingerprint(FOOTER)}


def test_redelivered_article_does_not_count_twice() -> None:
    state = SiteResidue()
    for _ in range(10):
        state = observe(state, "same-id", [FOOTER])
    assert learned_residue(state) == frozenset()
    assert observe(state, "same-id", [FOOTER]) is state


def test_quote_shared_by_two_stories_is_not_learned() -> None:
    state = observe(SiteResidue(), "s1", [QUOTE, "First story text, police said."])
    state = observe(state, "s2", [QUOTE, "Second story text, the mayor said."])
    assert fingerprint(QUOTE) not in learned_residue(state, min_stories=5)
    with pytest.raises(ValueError, match="min_stories"):
        learned_residue(state, min_stories=1)


def test_long_paragraphs_are_not_observed() -> None:
    long = "word " * 100
    state = SiteResidue()
    for i in range(6):
        state = observe(state, f"a{i}", [long])
    assert state.lines == {}


def test_state_is_bounded_and_keeps_frequent_lines() -> None:
    state = learn(6)
    for i in range(MAX_LINES * 2):
        state = observe(state, f"n{i}", [f"one-off line {i}"])
    assert len(state.lines) <= MAX_LINES + MAX_LINES // 4
    assert fingerprint(FOOTER) in learned_residue(state)
    many = SiteResidue()
    for i in range(MAX_STORIES_PER_LINE + 5):
        many = observe(many, f"m{i}", [FOOTER])
    assert len(many.lines[fingerprint(FOOTER)].stories) == MAX_STORIES_PER_LINE


def test_state_round_trips_as_json() -> None:
    state = learn(5)
    assert SiteResidue.model_validate_json(state.model_dump_json()) == state


def test_clean_article_removes_learned_lines_as_site_residue() -> None:
    body = "\n".join([story(99)[0], QUOTE, FOOTER])
    raw = RawArticle(id="x", source="valley", body=body, published_at=WHEN)
    learned = learned_residue(learn(5))
    article = clean_article(raw, site_residue=learned)
    assert FOOTER not in article.paragraphs
    assert QUOTE in article.paragraphs
    assert article.residue_removed.get("site_residue") == 1
    assert FOOTER in clean_article(raw).paragraphs


def test_an_article_delivered_again_is_cleaned_as_the_first_time_not_as_learned_since() -> None:
    # a2 is cleaned while the footer is in two stories only: it keeps the footer. Three more
    # stories teach it; a2 delivered again (a crash, a rebalance) must come out the same, or
    # its places, region key and fold partition may change (it was counted twice that way).
    raws = {
        f"a{i}": RawArticle(
            id=f"a{i}", source="valley", body="\n".join(story(i)), published_at=WHEN
        )
        for i in range(6)
    }
    state, first = SiteResidue(), {}
    for article_id, raw in raws.items():
        first[article_id] = clean_article(raw, site_residue=residue_for(state, article_id))
        state = observe(state, article_id, first[article_id].paragraphs)
    assert FOOTER in first["a2"].paragraphs and FOOTER not in first["a5"].paragraphs
    assert fingerprint(FOOTER) in learned_residue(state)
    for article_id, raw in raws.items():
        again = clean_article(raw, site_residue=residue_for(state, article_id))
        assert again == first[article_id], article_id
        assert observe(state, article_id, again.paragraphs) is state  # nothing counted twice
    # A story seen for the first time gets all that was learned.
    new = RawArticle(id="n", source="valley", body="\n".join(story(7)), published_at=WHEN)
    assert FOOTER not in clean_article(new, site_residue=residue_for(state, "n")).paragraphs
    assert not residue_for(SiteResidue(), "n") and residue_for(state, "n")


def test_trim_sources_keeps_recurring_lines_and_the_newest_one_off_lines_over_all_sources() -> None:
    big = SiteResidue()
    for i in range(6):  # the footer in six stories, each with a line of its own
        big = observe(big, f"b{i}", [FOOTER, f"Big story {i}."], tick=2 * i + 1)
    small = observe(SiteResidue(), "s1", ["A small source's only line."], tick=12)
    trimmed = trim_sources({"big": big, "small": small}, max_lines=3)
    # Kept: the footer (six stories), then the newest one-off lines: small's (tick 12) and
    # big's last story (tick 11). Big's five older story lines go.
    assert set(trimmed) == {"big"}  # small is unchanged, so not returned
    assert set(trimmed["big"].lines) == {fingerprint(FOOTER), fingerprint("Big story 5.")}
    assert trimmed["big"].tick == big.tick
    assert trim_sources({"big": big, "small": small}, max_lines=8) == {}
    gone = trim_sources({"big": big, "small": small}, max_lines=1)
    assert gone["small"].lines == {} and set(gone["big"].lines) == {fingerprint(FOOTER)}


def test_observe_on_a_shared_clock_takes_its_tick_and_refuses_to_go_back() -> None:
    state = observe(SiteResidue(), "a1", [FOOTER], tick=40)
    assert state.tick == 40 and state.lines[fingerprint(FOOTER)].last_seen == 40
    with pytest.raises(ValueError, match="not after"):
        observe(state, "a2", [FOOTER], tick=40)
