"""Rules from the third gva-dev error analysis (issue #4): towns an event place implies (the
District of Columbia is Washington; a quarter is part of the outlet's big city), a town named
like a common word as a police force's name, shot totals told as "a quadruple shooting", "the
shootings" as the story's own, and a death investigation as a death."""

from __future__ import annotations

from streams.extract.casualties import is_tally_text
from tests.unit.extract_helpers import claims, event_city, extract

WAYBACK = "http://web.archive.org/web/20170313015443/"


# --- towns an event place implies ---------------------------------------------------------------


def test_an_event_told_only_by_the_district_of_columbia_is_in_washington() -> None:
    x = extract(
        [
            "D.C. police are investigating a shooting in Southwest that left six people injured.",
            "The shooting occurred in the unit block of N Street Southwest, police said.",
        ],
        title="Six injured in shooting in Southwest D.C.",
    )
    assert event_city(x) == "Washington"
    assert x.region_key == "US-DC"


def test_a_quarter_is_part_of_the_outlets_big_city() -> None:
    paragraphs = [
        "A teen was shot multiple times as she sat on a porch in the Englewood neighborhood.",
        "Four others were wounded, police said.",
    ]
    x = extract(paragraphs, url=WAYBACK + "http://abc7chicago.com/archive/9134576/")
    assert event_city(x) == "Chicago"
    assert x.region_key == "US-IL"
    # Without the outlet's city the quarter stays the most specific place named.
    assert event_city(extract(paragraphs, url="http://example.com/news/1/")) == "Englewood"


def test_a_bare_town_is_not_part_of_the_outlets_big_city() -> None:
    # Not called a quarter: a suburb the city's stations cover is a town of its own.
    x = extract(
        ["A man was shot and wounded in Evanston on Friday night, police said."],
        url="http://abc7chicago.com/news/1/",
    )
    assert event_city(x) == "Evanston"


# --- a common word that names a town, as a police force's name ----------------------------------


def test_a_stop_word_town_before_police_is_the_town() -> None:
    x = extract(
        [
            "A 14-year-old boy and girl were shot in the leg, according to Mobile Police.",
            "All were taken to a local hospital with injuries that are not life-threatening.",
        ],
        title="At Least 4 Injured in Shooting at a movie theater",
    )
    assert event_city(x) == "Mobile"
    assert x.region_key == "US-AL"
    # Elsewhere the word stays a word.
    y = extract(["A man was shot in the arm while buying a mobile phone on Friday."])
    assert event_city(y) is None


# --- shot totals told by the kind of shooting ---------------------------------------------------


def test_a_quadruple_shooting_counts_four_shot() -> None:
    got = claims(
        "Police are investigating a quadruple shooting Thursday night in West Philadelphia."
    )
    assert ("injured", 4) in got
    assert ("injured", 2) in claims("Officers responded to a double-shooting on Main Street.")


def test_a_multiple_shooting_less_the_dead_is_the_wounded() -> None:
    got = claims("A triple shooting left one man dead on Sunday. Police have no suspects.")
    assert ("injured", 2) in got
    assert ("killed", 1) in got


def test_another_double_shooting_is_another_incident() -> None:
    got = claims("Police are also looking for the man behind another double shooting nearby.")
    assert ("injured", 2) not in got


# --- "the shootings" are the story's own ------------------------------------------------------


def test_the_shootings_are_no_tally() -> None:
    text = "In addition to the six killed, three others were injured in the shootings."
    assert not is_tally_text(text)
    assert ("injured", 3) in claims(text)
    # Shootings counted or told apart are still a tally.
    assert is_tally_text("Six people were wounded in weekend shootings across Chicago.")
    assert is_tally_text("Three people were hurt in two shootings on Sunday.")


# --- a death investigation ----------------------------------------------------------------------


def test_a_death_investigation_says_someone_died() -> None:
    got = claims(
        "A death investigation is underway after a woman allegedly shot herself with a gun."
    )
    assert got == {("killed", 1)}


# --- a country's name as a US town -------------------------------------------------------------


def test_a_country_name_in_a_report_about_a_us_county_is_its_town() -> None:
    x = extract(
        [
            "A Boone County, Indiana, man has died after he accidentally shot himself.",
            "The sheriff's office received a call about a man down in a yard in Lebanon.",
        ]
    )
    assert event_city(x) == "Lebanon"
    assert x.region_key == "US-IN"


def test_a_country_the_report_speaks_of_stays_the_country() -> None:
    x = extract(
        [
            "An Israeli airstrike killed three people in southern Lebanon on Monday.",
            "Lebanese officials said the strike hit a house near the border.",
        ]
    )
    assert any(p.kind == "country" and p.name == "Lebanon" for p in x.places)


# --- a police force's town ----------------------------------------------------------------------


def test_a_small_town_named_by_its_police_department_is_that_town() -> None:
    x = extract(
        [
            "A teen was shot in the leg on Saturday, the Edenton Police Department said.",
            "The victim was taken to a hospital and is expected to recover.",
        ]
    )
    assert event_city(x) == "Edenton"
    assert x.region_key == "US-NC"
