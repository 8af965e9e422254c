"""Rules for US local-news phrasing: one victim told by grammar, headline counts, people named
like towns, where a victim lives, and the police force's town as the event place."""

from __future__ import annotations

from datetime import date

from tests.unit.extract_helpers import PUB, claims, event_city, extract

# --- casualties: one person, no number -------------------------------------------------------


def test_singular_passive_death_counts_one() -> None:
    assert ("killed", 1) in claims("Jordan Smith was pronounced dead at the scene, police said.")
    assert ("killed", 1) in claims("The driver was shot and killed near the gas station.")


def test_name_and_age_then_died_counts_one() -> None:
    assert ("killed", 1) in claims("Marcus Reed, 28, died shortly after reaching the hospital.")


def test_killed_his_relative_counts_one() -> None:
    assert ("killed", 1) in claims("A 14-year-old boy shot and killed his 9-year-old brother.")
    assert ("killed", 1) in claims("A man fatally shot himself in a parking lot on Friday.")


def test_nobody_and_plural_subjects_are_not_one_death() -> None:
    assert claims("No one was killed in the exchange of gunfire.") == set()
    # "were" says more than one: no number, so no figure (never a wrong "1").
    assert ("killed", 1) not in claims("Several people were killed in the crash.")


def test_headline_with_one_victim_and_no_number() -> None:
    assert ("killed", 1) in claims(
        "Police have not named anyone.", title="Teen dead after shooting"
    )


def test_headline_title_case_counts() -> None:
    got = claims("Police are looking for the shooter.", title="2 Dead, 3 Wounded In Park Shooting")
    assert ("killed", 2) in got and ("injured", 3) in got


def test_death_noun_gives_one_only_without_a_figure() -> None:
    assert ("killed", 1) in claims("Police are investigating the fatal shooting on Elm Street.")
    # A counted figure wins: the noun adds nothing.
    assert claims("Two men were killed in the deadly shooting on Elm Street.") == {("killed", 2)}
    # Not deaths: a non-fatal wound, a homicide unit.
    assert ("killed", 1) not in claims("He suffered a non-fatal shooting wound to the leg.")
    assert ("killed", 1) not in claims("Homicide detectives were called to the scene.")


# --- casualties: the wounded ------------------------------------------------------------------


def test_one_person_hurt_without_a_number() -> None:
    assert ("injured", 1) in claims("Maria Lopez is in serious condition at a local hospital.")
    assert ("injured", 1) in claims("The clerk suffered a gunshot wound to the arm.")
    assert ("injured", 1) in claims("A man playing with a rifle shot a 13-year-old in the leg.")
    assert ("injured", 1) not in claims("The officer was not injured, police said.")
    assert claims("Nobody was hurt in the crash.") == set()


def test_shot_total_less_the_dead_told_elsewhere() -> None:
    got = claims("Four men were shot while playing dice. One of them died at the scene.")
    assert got == {("killed", 1), ("injured", 3)}
    # "others" are not a total: nothing is taken off them.
    got = claims("A man was shot and killed. Two others were shot and taken to a hospital.")
    assert ("injured", 2) in got and ("killed", 1) in got


def test_a_shot_victim_who_died_is_not_also_wounded() -> None:
    got = claims("A 30-year-old man was shot on Elm Street. He died at the hospital.")
    assert got == {("killed", 1)}


# --- places -----------------------------------------------------------------------------------


def test_people_named_like_towns_are_not_places() -> None:
    x = extract(
        [
            "A man was shot and killed on Tuesday in Campbell County, Virginia.",
            "Sheriff David Taylor said deputies found a handgun.",
            "Maj. L.T. Guthrie said the case remains open.",
            "Kenneth Shelton, 29, was arrested.",
        ]
    )
    names = {p.name for p in x.places}
    assert not names & {"Taylor", "Guthrie", "Shelton"}, names
    assert x.region_key == "US-VA"


def test_where_a_victim_lives_is_not_the_event_place() -> None:
    x = extract(
        ["Devon Black, 20, of Maple Heights, was shot and killed in Cleveland, Ohio, on Monday."]
    )
    assert event_city(x) == "Cleveland"


def test_police_town_over_its_neighbourhood() -> None:
    x = extract(
        [
            "Two teenagers were wounded in an East Garfield Park shooting on Sunday.",
            "The boys were standing on the sidewalk, according to Chicago police.",
        ]
    )
    assert event_city(x) == "Chicago"
    assert x.region_key == "US-IL"


def test_dateline_town_over_the_county_of_its_sheriff() -> None:
    x = extract(
        ["Reno County deputies said a teen was accidentally shot on Saturday."],
        dateline="HUTCHINSON, Kan.",
    )
    assert event_city(x) == "Hutchinson"
    assert x.region_key == "US-KS"


def test_seed_like_report_keeps_the_strike_sentence_for_its_place() -> None:
    # A later "a civilian was killed" (no number) must not move the event to another country.
    x = extract(
        [
            "The strike hit the village of Al-Qasr in Hasakah province, the Observatory said.",
            "A month ago a civilian was killed by an air strike near Mosul, Iraq.",
        ],
        title="Air strikes on Syria's Hasakah leave two dozen civilians dead",
    )
    assert x.region_key == "SY-01"
    assert date(2016, 1, 1) < x.event_date.date <= PUB.date()  # type: ignore[union-attr]


def test_washington_dc_and_washington_state() -> None:
    for text in (
        "Two men were shot in Southeast D.C. on Saturday, police said.",
        "Two men were shot in southeast Washington on Saturday, police said.",
        "Two men were shot at a party in Washington, D.C., on Saturday.",
    ):
        assert extract([text]).region_key == "US-DC", text
    x = extract(["Two men were shot on Saturday, police said."], dateline="WASHINGTON")
    assert x.region_key == "US-DC"
    state = extract(["Two men were shot in rural Washington state on Saturday."])
    assert state.region_key == "US-WA"


def test_west_virginia_abbreviated_after_a_town() -> None:
    for state in ("W.Va.", "W. Va."):
        x = extract([f"A man was shot in Fairmont, {state}, on Friday night, police said."])
        assert x.region_key == "US-WV", state


def test_a_big_us_city_anchors_its_state_despite_a_foreign_alternate_name() -> None:
    # "Philadelphia" is also an alternate name of Amman: the US city must still set the state
    # for its neighbourhood (Kensington is also a town in New York, Maryland, ...).
    x = extract(
        ["A man was shot in Kensington on Sunday, Philadelphia police said."],
    )
    assert x.region_key == "US-PA"
