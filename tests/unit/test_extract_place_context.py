"""Rules that resolve a US town's state from its own article: stop words that name towns,
counts before a name, alternate names, people's full names, "|" datelines and anchor cities
that are no evidence about themselves. Each with a short made-up report."""

from __future__ import annotations

from schemas.articles import CleanArticle, ExtractedArticle
from streams.extract import detect_dateline
from tests.unit.extract_helpers import PUB, claims, extract


def _event(x: ExtractedArticle) -> tuple[str, str | None] | None:
    """(name, state) of the most specific event town."""
    return next(
        (
            (p.name, p.admin1_code)
            for p in x.places
            if p.role == "event" and p.kind in ("locality", "city", "admin2")
        ),
        None,
    )


def test_stop_word_town_counts_with_its_state() -> None:
    # "Independence" is a stop word on its own; with ", Mo." after it it is the town.
    x = extract(
        ["A man was shot and wounded outside a store on Monday night, police said."],
        title="Man wounded in shooting",
        dateline="INDEPENDENCE, Mo.",
    )
    assert x.region_key == "US-MO"
    assert _event(x) == ("Independence", "MO")


def test_stop_word_without_a_state_is_still_no_town() -> None:
    x = extract(["Independence was the theme of the parade on Monday."], title="Parade")
    assert all(p.name != "Independence" for p in x.places)


def test_one_digit_before_a_name_is_a_count_not_a_house_number() -> None:
    # "2 Blytheville teens": a head count; "4500 Pulaski" would be an address.
    x = extract(
        ["Two teenagers were charged on Friday in the killing of a man last week."],
        title="2 Blytheville teens charged in killing",
    )
    assert x.region_key == "US-AR"


def test_a_towns_own_name_beats_an_alternate_name_of_a_bigger_town() -> None:
    # GeoNames lists "Harrington" as an alternate name of Augusta, Maine; Delaware has a
    # Harrington of its own.
    x = extract(
        ["Six people were shot at a house party in Harrington early Sunday, police said."],
        title="6 people shot at Harrington party",
    )
    assert all(p.name != "Augusta" for p in x.places)
    x = extract(["Six people were shot at a house party in Harrington, Del., on Sunday."])
    assert _event(x) == ("Harrington", "DE")


def test_town_named_as_a_persons_surname_after_two_given_names_is_no_place() -> None:
    # "Salinas" is a Californian city, but here only the suspect's surname: it must not pull
    # Roswell to California's namesake-free side or become the event place.
    x = extract(
        [
            "A 17-year-old girl was accidentally shot in the abdomen in Roswell on Sunday.",
            "Javier Harvey Salinas, 18, was handling the gun when it fired, police said.",
            "Salinas was arrested a short time later.",
        ],
        title="Roswell teen shot in stomach",
    )
    assert all(p.name != "Salinas" for p in x.places)
    assert _event(x) is not None and _event(x)[0] == "Roswell"  # type: ignore[index]


def test_dateline_with_a_bar_separator() -> None:
    article = CleanArticle(
        id="t",
        title="Child shot",
        published_at=PUB,
        paragraphs=["GARY | A 3-year-old child was shot in the hand on Tuesday, police said."],
    )
    dateline = detect_dateline(article)
    assert dateline is not None and dateline.strip() == "GARY"


def test_an_anchor_city_is_no_evidence_about_its_own_namesakes() -> None:
    # Cleveland, Ohio is big enough to anchor Ohio on its own, but a report that names
    # Tennessee is about Cleveland, Tenn.
    x = extract(
        [
            "A man was shot and killed in Cleveland on Saturday, police said.",
            "He was the third person killed in Tennessee this month by a stray bullet.",
        ],
        title="Man killed in shooting",
    )
    assert _event(x) == ("Cleveland", "TN")


def test_a_big_city_alone_still_resolves_to_itself() -> None:
    x = extract(["A man was shot and killed in Cleveland on Saturday, police said."])
    assert _event(x) == ("Cleveland", "OH")


def test_fighting_for_her_life_is_one_hurt() -> None:
    text = "Two men died at the scene and a woman is fighting for her life at a hospital."
    assert ("injured", 1) in claims(text)


def test_headline_victim_hospitalized_is_one_hurt() -> None:
    assert ("injured", 1) in claims(
        "Police are looking for the shooter.", title="Teen hospitalized after shooting"
    )
