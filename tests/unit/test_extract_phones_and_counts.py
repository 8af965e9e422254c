"""Rules from the third gva-dev error analysis (issue #4): wounded counted in more phrasings,
the state told by the area code of a number to call, and the town of a victim's hospital."""

from __future__ import annotations

from streams.extract.phones import phone_states
from streams.extract.stations import station_states
from tests.unit.extract_helpers import claims, event_city, extract

# --- how many were hurt ---------------------------------------------------------------------


def test_listed_in_a_condition_and_taken_to_a_local_hospital_count_the_hurt() -> None:
    assert ("injured", 3) in claims("All three victims are listed in fair condition.")
    assert ("injured", 2) in claims("Two teens were taken to a nearby hospital.")
    # "taken" as a helper word does not make custody a casualty.
    assert claims("Two men were taken into custody.") == {("arrested", 2)}


def test_sustained_injuries_and_expected_to_survive_count_the_hurt() -> None:
    assert ("injured", 6) in claims("Officers said six people sustained minor injuries.")
    assert ("injured", 3) in claims("Three people sustained gunshot wounds.")
    assert ("injured", 4) in claims("All four victims are expected to recover.")
    assert claims("The two men are expected to appear in court.") == set()


def test_people_joined_by_and_after_the_count_are_counted_too() -> None:
    assert ("injured", 4) in claims("A gunman fired at a porch, wounding three men and a teen.")
    assert ("injured", 5) in claims("The shots wounded two adults and three children.")
    assert claims("The attack killed two adults and an unborn child.") == {("killed", 2)}
    # The one joined has a verb of its own: told apart, not added.
    got = claims("The gunman wounded two men and a woman was killed.")
    assert ("injured", 2) in got and ("killed", 1) in got


def test_both_with_a_hurt_verb_is_two_hurt() -> None:
    assert claims("Both boys are expected to recover.") == {("injured", 2)}
    assert ("injured", 2) in claims("Both of the victims were hospitalized.")
    # Not a death told with it, not the dead, and not a condition dated apart from the event.
    assert ("injured", 2) not in claims("Both men were taken to a hospital after the fatal attack.")
    assert claims("Both were killed.") == set()
    assert claims("Both are in fair condition Tuesday.") == set()


# --- where: the area code of the number to call ----------------------------------------------


def test_area_codes_name_states_and_toll_free_numbers_none() -> None:
    text = "Anyone with information should call (317) 555-0142 or 1-800-555-0199."
    assert phone_states([text]) == {"IN"}
    assert phone_states(["Call 208.555.0100."]) == {"ID"}
    assert phone_states(["Case 2015-555-0101 and lot 12345-6789"]) == frozenset()


def test_the_area_code_settles_a_town_name_several_states_share() -> None:
    text = [
        "A man was shot Friday night outside a bar in Greenville.",
        "Anyone with information is asked to call police at 864-555-0123.",
    ]
    x = extract(text)
    assert event_city(x) == "Greenville" and x.region_key == "US-SC"


# --- where: not the town of the hospital -----------------------------------------------------


def test_the_town_of_a_victims_hospital_is_not_where_it_happened() -> None:
    x = extract(
        [
            "A teenager is in serious condition at a Knoxville hospital after he was shot"
            " Saturday in Elizabethton, deputies said."
        ]
    )
    assert event_city(x) == "Elizabethton"
    x = extract(
        [
            "Deputies said a man was shot Saturday.",
            "He is in stable condition at a Knoxville hospital.",
            "The shooting happened in Elizabethton.",
        ]
    )
    assert event_city(x) == "Elizabethton"


def test_the_town_of_a_named_medical_center_is_not_the_scene() -> None:
    x = extract(
        [
            "A woman was shot Tuesday at her home in Rankin County, deputies said.",
            "She was taken to Baptist Medical Center in Jackson.",
        ]
    )
    assert event_city(x) == "Rankin County"


# --- where: small US towns ---------------------------------------------------------------------


def test_us_towns_under_a_thousand_people_are_known() -> None:
    x = extract(["A boy was shot Friday in Summerton. Clarendon County deputies are on the case."])
    assert event_city(x) == "Summerton" and x.region_key == "US-SC"


# --- where: a station's side of the Mississippi ----------------------------------------------


def test_a_call_sign_says_the_side_of_the_mississippi() -> None:
    west = station_states("https://www.kxyz.com/news/1", None, [])
    assert "NM" in west and "GA" not in west
    east = station_states(None, "WXYZ Channel 9", ["SPRINGFIELD (WXYZ) - A man was shot."])
    assert "GA" in east and "NM" not in east
    # Signs of both sides, a pre-1923 sign alone, or none: no side.
    assert station_states("http://kxyz.com/a", "WXYZ News", []) == frozenset()
    assert station_states(None, None, ["PITTSBURGH (KDKA) - A man was shot."]) == frozenset()
    assert station_states("http://www.example.com/a", None, ["No sign here."]) == frozenset()


def test_the_side_settles_a_town_named_on_both_banks() -> None:
    text = ["A man was shot and wounded late Friday outside a bar in Roswell, police said."]
    assert extract(text, url="https://www.kxyz.com/news/1").region_key == "US-NM"
    assert extract(text, url="https://www.wxyz.com/news/1").region_key == "US-GA"
