"""Rules from the second gva-dev error analysis (issue #4): the one or two wounded told without
a number, days that do or do not make a figure background, and where it happened (an outlet's
town, a county's town, a city's quarter, another state's police, towns named together)."""

from __future__ import annotations

from tests.unit.extract_helpers import claims, event_city, extract

# --- one person wounded, told by grammar ---------------------------------------------------------


def test_where_the_bullet_went_in_is_one_wounded() -> None:
    assert ("injured", 1) in claims("The gun went off and shot him in the thigh.")
    assert ("injured", 1) in claims("The round went through a door, striking the cook in the back.")
    assert ("injured", 1) in claims(
        "A stray round came through the wall, hitting a woman in the arm."
    )
    assert ("injured", 1) in claims("The boy was hit in the leg and taken to a hospital.")


def test_self_inflicted_recovering_and_stray_bullets_are_one_wounded() -> None:
    assert ("injured", 1) in claims("A hunter injured himself while cleaning a rifle.")
    assert ("injured", 1) in claims("He arrived with an apparently self-inflicted gunshot wound.")
    assert ("injured", 1) in claims("Officers said the cashier is expected to recover.")
    assert ("injured", 1) in claims("Nothing else.", title="Girl hit by stray bullet at park")
    assert ("injured", 1) in claims("A stray bullet struck her as she slept, police said.")


def test_charges_naming_death_do_not_say_someone_died() -> None:
    # A survivor's shooting is charged as attempted murder or assault with a deadly weapon.
    got = claims("The clerk was shot in the hand. The suspect faces a charge of attempted murder.")
    assert got == {("injured", 1)}
    got = claims(
        "The clerk was shot in the hand. He was charged with assault with a deadly weapon."
    )
    assert got == {("injured", 1)}
    # A death told in the article still keeps the fallback from counting one wounded.
    assert claims("The clerk was shot in the hand. He later died.") == {("killed", 1)}


def test_in_or_rushed_to_the_hospital_counts_the_hurt() -> None:
    assert ("injured", 2) in claims("Two men are in the hospital after a fight turned violent.")
    assert ("injured", 3) in claims("Three people were rushed to the hospital after the crash.")


def test_an_age_range_is_not_a_count() -> None:
    got = claims("The victims, who range in age from 18 to 27, were hospitalized.")
    assert ("injured", 27) not in got


def test_shot_and_later_died_is_one_dead_and_nobody_wounded() -> None:
    got = claims("The sheriff said a young boy was shot and later died at a hospital.")
    assert got == {("killed", 1)}


# --- two people, told without a number ----------------------------------------------------------


def test_two_people_joined_by_and_are_two() -> None:
    assert ("injured", 2) in claims("A 7-year-old boy and a 40-year-old man were injured Monday.")
    assert ("killed", 2) in claims("A man and a woman were killed in the attack, police said.")
    assert ("injured", 2) in claims("Nothing else.", title="Father and son shot outside store")
    got = claims("Deputies found a man and woman suffering from gunshot wounds.")
    assert ("injured", 2) in got
    # A number and one more: "two teenagers and a man" are three.
    assert ("injured", 3) in claims("Two teenagers and a young man were shot on Friday night.")


def test_two_people_as_the_object_are_two() -> None:
    assert ("injured", 2) in claims("The gun went off, shooting himself and a friend.")
    assert ("injured", 2) in claims("Nothing else.", title="Man wounded his wife and son")
    # Firing at people is not hitting them.
    got = claims("The driver started shooting at the victim and his friend.")
    assert ("injured", 2) not in got


def test_a_pair_left_dead_is_two_dead() -> None:
    assert claims("The double shooting left a man and woman dead.") == {("killed", 2)}


def test_shot_in_the_side_of_the_head_is_no_wound_of_one_who_lived() -> None:
    got = claims(
        "Her boyfriend died at a hospital. She had shot her boyfriend in the side of the head."
    )
    assert got == {("killed", 1)}
    assert claims("He shot his friend in the side during an argument.") == {("injured", 1)}


def test_two_people_killed_as_the_object_are_two_dead() -> None:
    got = claims("Nothing else.", title="Man kills his wife and her son, then himself")
    assert ("killed", 2) in got
    # The same pair told shot after their deaths are the dead, not two wounded.
    got = claims("He shot his wife and her son.", title="Man kills his wife and her son")
    assert got == {("killed", 2)}


# --- background told by days ----------------------------------------------------------------------


def test_a_later_day_beside_the_event_day_is_not_background() -> None:
    # Published Tuesday 2016-10-04: Saturday is 10-01, the event; Tuesday tells the state since.
    x = extract(["A boy who was shot Saturday was still in critical condition Tuesday."])
    assert any(c.kind == "injured" and not c.background for c in x.casualties)


# --- where it happened ------------------------------------------------------------------------


def test_the_outlet_town_comes_after_the_towns_the_report_names() -> None:
    # The body names no place; the title does, and its outlet part names another state.
    x = extract(
        [
            "A 4-year-old boy is dead after being shot in the chest.",
            "Police say the boy was accidentally shot by another child.",
        ],
        title="Boy fatally shot in Richmond - WZZZ.com, South Georgia News, Weather, Sports",
    )
    assert event_city(x) == "Richmond"
    assert x.region_key == "US-VA"


def test_a_county_event_takes_the_town_named_in_the_article() -> None:
    # The event sentence names no place: the county, named most, is the sheriff's beat and the
    # town named in the article the more specific place.
    x = extract(
        [
            "Deputies said a teen was accidentally shot on Saturday.",
            "Wake County deputies were called to the home at noon.",
            "The home lies a mile outside Raleigh, a Wake County spokesman said.",
        ]
    )
    assert event_city(x) == "Raleigh"
    assert x.region_key == "US-NC"


def test_a_quarter_named_as_a_neighbourhood_is_part_of_its_city() -> None:
    x = extract(
        [
            "Two men were wounded in a shooting in the Uptown neighborhood on Friday.",
            "Both were taken to hospitals in Chicago, police said.",
        ]
    )
    assert event_city(x) == "Chicago"
    assert x.region_key == "US-IL"


def test_another_states_police_town_over_a_big_namesake() -> None:
    x = extract(
        [
            "Three teens were wounded in an Austin shooting on Monday.",
            "A Chicago Police spokesman said no one was in custody.",
        ]
    )
    assert event_city(x) == "Chicago"
    assert x.region_key == "US-IL"


def test_a_surname_after_a_quoted_nickname_is_no_town() -> None:
    x = extract(
        [
            'A man was shot on Friday, and Marcus "Bo" Rogers was arrested.',
            "The shooting happened in Bridgeport.",
        ]
    )
    assert event_city(x) == "Bridgeport"
    assert x.region_key == "US-CT"


def test_towns_named_together_lie_in_one_state() -> None:
    # Oak Hill, Va. is bigger than Oak Hill, W.Va.; Beckley is only in West Virginia.
    x = extract(
        ["A man was shot on Main Street in Oak Hill on Friday.", "He was taken to Beckley."]
    )
    assert event_city(x) == "Oak Hill"
    assert x.region_key == "US-WV"


# --- numbers that are no head counts, and tallies -------------------------------------------------


def test_a_day_of_a_month_and_a_gallery_count_are_not_counts() -> None:
    got = claims("Deputies went to a home on Monday, December 21 after a teen was shot.")
    assert ("injured", 21) not in got
    assert ("injured", 8) not in claims("Image 1 of 8 A child was shot at a home on Elm Street.")


def test_suffered_injuries_with_two_words_of_how_bad() -> None:
    assert ("injured", 2) in claims("Two men suffered non-life threatening injuries on Friday.")


def test_a_pair_named_by_age_alone() -> None:
    got = claims("Officers found a 48-year-old man and a 15-year-old with gunshot wounds.")
    assert ("injured", 2) in got


def test_figures_of_other_or_separate_attacks_are_background() -> None:
    got = claims("Earlier in the day, two other shootings left three people injured.")
    assert got == set()
    assert claims("In other Sunday attacks, at least eight people were shot.") == set()
    got = claims("Two more men were wounded in separate Westside neighborhood attacks.")
    assert got == set()
    # The story's own victims beside "others" are still counted.
    assert claims("Two other people were wounded in the attack.") == {("injured", 2)}


def test_a_tally_of_several_shootings_is_background_but_locates_them() -> None:
    assert (
        claims("Four people were killed and 30 wounded in weekend shootings across town.") == set()
    )
    # A town's abbreviated name between "in" and "shootings".
    assert claims("Three dead, one hurt in overnight St. Louis shootings.") == set()
    x = extract(
        [
            "Six people were wounded in weekend shootings across Chicago.",
            "In one attack, a man was shot in the leg on a porch.",
        ]
    )
    assert {(c.kind, c.value) for c in x.casualties if not c.background} == {("injured", 1)}
    assert event_city(x) == "Chicago"


def test_the_outlet_state_does_not_rule_out_a_big_city_of_another_state() -> None:
    # A Memphis station carries a story from Montgomery, Ala. (a foreign alternate name of the
    # same spelling is bigger, so Montgomery anchors no state on its own).
    x = extract(
        ["A woman was shot in the arm on Friday night.", "Montgomery police are investigating."],
        title="Woman hurt in shooting - WZZZ News 5 - Memphis, Tennessee",
    )
    assert event_city(x) == "Montgomery"
    assert x.region_key == "US-AL"


def test_a_county_of_several_states_is_the_one_of_the_outlet_or_the_station_side() -> None:
    paragraphs = ["Deputies said five people were hurt in the shooting early Sunday."]
    title = "Five injured in Johnston County shooting"
    # Johnston County, N.C. and Okla.: a W station is east of the Mississippi.
    x = extract(paragraphs, title=title, url="http://www.wral.com/five-injured/15014504/")
    assert x.region_key == "US-NC"
    assert event_city(x) == "Johnston County"
    # No outlet, no side: the county stays unresolved.
    x = extract(paragraphs, title=title, url="http://www.example.com/five-injured/15014504/")
    assert event_city(x) is None


def test_an_abbreviation_inside_a_town_name_does_not_end_it() -> None:
    x = extract(["Police arrested the boy on Monday."], title="Sister shot in Port St. Lucie")
    assert event_city(x) == "Port Saint Lucie"
    assert x.region_key == "US-FL"


def test_an_event_told_by_its_state_only_is_in_the_town_of_that_state_named_most() -> None:
    x = extract(
        [
            "Two people were wounded in a shooting in Delaware on Sunday.",
            "Troopers have not named a suspect.",
            "Neighbors in Ocean View said they heard shots near the Ocean View marina.",
            "A spokesman for the Georgetown barracks said the father was charged.",
        ],
        title="Troopers investigate shooting",
    )
    assert event_city(x) == "Ocean View"
