"""Rules from the gva-dev error analysis: how US local news counts the wounded (ages are not
counts, one victim told without a number, the shot who later died) and where it happened
(neighbourhoods named like towns elsewhere, schools, counties, streets, surnames)."""

from __future__ import annotations

from tests.unit.extract_helpers import claims, event_city, extract

# --- ages are not head counts ----------------------------------------------------------------


def test_age_between_commas_after_any_noun_is_not_a_count() -> None:
    assert claims("The other man, 31, was shot in his leg.") == {("injured", 1)}
    assert ("injured", 46) not in claims("Nicholas Cardillo III, 46, was injured in the incident.")
    assert ("injured", 38) not in claims("Police said Joseph Jenkins Jr., 38, had shot his wife.")


def test_lists_and_bounds_of_ages_are_not_counts() -> None:
    got = claims("The other victims, ages 13, 17 and 19, were treated for minor injuries.")
    assert ("injured", 19) not in got
    got = claims("Officers found three women, aged 25, 32 and 51, with gunshot wounds.")
    assert ("injured", 51) not in got
    assert ("injured", 12) not in claims("A boy younger than 12 was shot in the complex.")
    assert ("injured", 19) not in claims("Two men, 33 and 19, were shot on East 94th Street.")
    assert ("injured", 20) not in claims("Police said the man was 20 and was in good condition.")


def test_counts_of_reports_and_calls_are_not_counts_of_people() -> None:
    got = claims("A man died after police responded to five reports of people shot.")
    assert ("injured", 5) not in got and ("injured", 4) not in got
    assert claims("Dispatchers got three calls about a man shot on Elm Street.") == {("injured", 1)}


def test_emergency_number_station_name_and_yr_old_are_not_counts() -> None:
    assert ("injured", 911) not in claims("His wife called 911 and was taken to a hospital.")
    assert ("injured", 26) not in claims("A 26 yr old man is in critical condition.")
    assert ("injured", 13) not in claims("Police told 13 News two people were shot.")
    assert ("injured", 15) not in claims("Dispatchers told NewsChannel 15 that a child was shot.")


def test_ages_told_with_to_be_or_also_are_not_counts() -> None:
    got = claims("Four teens were shot; one who was 19 and three who were 17 were treated.")
    assert ("injured", 17) not in got
    assert ("injured", 15) not in claims("Another teen, also 15, was shot in the foot.")


# --- the wounded, counted ------------------------------------------------------------------------


def test_bare_shot_after_a_count_of_two_or_more() -> None:
    # "Five shot" is five people; "five shots" are bullets.
    assert ("injured", 5) in claims("Nothing else.", title="Five shot in West Baltimore")
    assert ("injured", 5) not in claims("Police said five shots were fired.")
    # Headlines capitalise it.
    assert ("injured", 6) in claims("Nothing else.", title="Six Shot At Downtown Bar")


def test_capitalised_people_after_a_count_in_headlines() -> None:
    # "Men", "People" name the people counted, as "Girls" does; "Main" names a street.
    assert ("injured", 3) in claims("Nothing else.", title="3 Men Shot Near Park")
    assert ("injured", 2) in claims("Nothing else.", title="Two People Hurt In Shooting")
    assert claims("Two men were shot at 12 Main Street.") == {("injured", 2)}


def test_struck_and_hit_in_headlines() -> None:
    assert ("injured", 4) in claims("Nothing else.", title="4 Struck in Port Norris Shooting")
    assert ("injured", 4) in claims("Nothing else.", title="Police: 4 hit in shooting")
    # An ordinal still is one: "1st" is no head count.
    assert claims("He was hit by a car on 1st Street.") == set()


def test_shot_with_an_adverb_and_victims_with_gunshot_wounds() -> None:
    assert ("injured", 2) in claims("Two teenagers were accidentally shot at a party.")
    assert ("injured", 3) in claims("Deputies found 3 victims with gunshot wounds.")
    assert ("injured", 4) in claims("A shooting sent four people to the hospital on Sunday.")


def test_words_set_off_by_dashes_and_an_adverb_before_to_the_hospital() -> None:
    got = claims("Two other people - both teens - were taken privately to a hospital.")
    assert got == {("injured", 2)}
    got = claims("Three men – all in their 20s – were wounded outside the club.")
    assert got == {("injured", 3)}


def test_a_list_of_the_people_counted_between_commas() -> None:
    got = claims(
        "Three victims, a 25-year-old man, a 26-year-old man, and a 33-year-old man, were all"
        " taken to a hospital."
    )
    # (Each "a ... man" may count one too: the article's figure is its largest.)
    assert max(value for kind, value in got if kind == "injured") == 3
    assert claims("Two men, a 20-year-old and a 30-year-old, were wounded.") == {("injured", 2)}


def test_both_at_an_area_hospital_are_two_hurt() -> None:
    got = claims("Both are at an area hospital and are expected to be OK.", title="Teens hurt")
    assert ("injured", 2) in got


def test_coordinated_subjects_are_summed() -> None:
    got = claims("Three men and a woman were wounded by gunfire outside a bar.")
    assert got == {("injured", 4)}
    got = claims("A 12-year-old is critical after he and three others were shot on a court.")
    assert ("injured", 4) in got
    got = claims("A 2-year-old girl and four other people were wounded in a shooting.")
    assert ("injured", 5) in got and ("injured", 6) not in got
    got = claims("Officials say a 16-year-old and two children were shot late Saturday.")
    assert ("injured", 3) in got
    # Separate verbs are separate figures.
    got = claims("A man was killed and three others were injured.")
    assert got == {("killed", 1), ("injured", 3)}


# --- the wounded, one without a number ------------------------------------------------------


def test_one_more_wounded_after_a_count_of_the_wounded() -> None:
    got = claims("Nothing else.", title="Three men shot, a fourth wounded by shrapnel")
    assert ("injured", 4) in got
    assert ("injured", 3) in claims("Two men were wounded and another was grazed by a bullet.")


def test_suffered_gunshot_wounds_counts_the_dead_too() -> None:
    # "All three suffered gunshot wounds" in a report of three deaths: nobody left wounded.
    got = claims("Three people were found dead in the home. All three suffered gunshot wounds.")
    assert got == {("killed", 3)}
    got = claims("He suffered a gunshot wound to the chest. He died at the scene.")
    assert got == {("killed", 1)}
    # Without a death they are the wounded.
    assert ("injured", 1) in claims("The clerk suffered a gunshot wound to the arm.")


def test_another_wounded_after_the_dead() -> None:
    got = claims("He is accused of killing three men and wounding another on Wednesday.")
    assert got == {("killed", 3), ("injured", 1)}
    got = claims("The shooting left three people dead and another injured.")
    assert got == {("killed", 3), ("injured", 1)}


def test_injuries_told_as_not_life_threatening_are_one_wounded() -> None:
    assert ("injured", 1) in claims("The boy's injuries are not life-threatening, police said.")
    assert ("injured", 1) in claims(
        "A woman was taken to the hospital with non-life threatening injuries."
    )
    # Plural words: more than one, and no count to give.
    assert ("injured", 1) not in claims("Their injuries are non-life threatening.")


def test_headline_names_one_wounded_victim() -> None:
    assert ("injured", 1) in claims(
        "Police did not name him.", title="Boy, 3, wounded in accidental shooting"
    )
    assert ("injured", 1) in claims(
        "Police did not name him.", title="Teen accidentally shot in northwest Charlotte"
    )
    # A shot victim who died is no wounded one.
    assert ("injured", 1) not in claims(
        "The boy died at the hospital.", title="2-year-old boy shot, killed in High Point"
    )


def test_headline_names_one_killed_victim_as_the_object() -> None:
    got = claims("Police did not name her.", title="Drive-by shooting kills teen girl, injures 4")
    assert got == {("killed", 1), ("injured", 4)}
    got = claims("The boy shot his grandfather on Sunday.", title="Boy fatally shoots grandfather")
    assert got == {("killed", 1)}
    # The killer named after "by" and two people joined by "and" are not one dead.
    assert ("killed", 1) not in claims("Nothing else.", title="Sisters killed by father in Tucson")
    assert ("killed", 1) not in claims("Nothing else.", title="Man kills wife and son")


def test_shot_comma_killed_or_wounded_in_headlines() -> None:
    assert ("killed", 2) in claims("Nothing else.", title="Two girls shot, killed by father")
    assert ("injured", 3) in claims("Nothing else.", title="Three teens shot, wounded at party")


def test_a_count_before_a_clause_is_not_the_victim_of_that_clause() -> None:
    # The two arrested are not the teen shot; the teen, told without a number, is one wounded.
    got = claims("Nothing else.", title="2 arrested after teen shot in head during robbery")
    assert got == {("arrested", 2), ("injured", 1)}
    got = claims("Nothing else.", title="Woman charged when boy, 4, wounded by gun at home")
    assert ("injured", 1) in got
    # Still none where the one shot died.
    assert claims("Nothing else.", title="Vigil held after teen shot dead") == set()


def test_an_ordinal_victim_tells_how_many_were_shot() -> None:
    title = "3 men walk into store with gunshots, 4th shooting victim found"
    got = claims("Nothing else.", title=title)
    assert ("injured", 4) in got
    assert ("injured", 8) in claims("Police now say an 8th teen was injured in the shooting.")
    # The dead are taken off the people shot.
    got = claims("One man died. Police said a third victim was found shot in an alley.")
    assert got == {("killed", 1), ("injured", 2)}
    got = claims("Three people were shot at the club. A fourth victim was also injured.")
    assert ("injured", 4) in got
    # The one who fired is no victim.
    assert claims("A second officer shot the boy twice.") == {("injured", 1)}


def test_another_victim_shot_or_still_in_hospital_beside_the_dead() -> None:
    got = claims("A man was shot and died at a hospital. Another man was also shot in the back.")
    assert got == {("killed", 1), ("injured", 1)}
    got = claims("A girl has died and her mother remains in the hospital after the shooting.")
    assert got == {("killed", 1), ("injured", 1)}
    # The other one shot who died is no wounded one.
    got = claims("One man was killed. Another man was shot and later died.")
    assert ("injured", 1) not in got


def test_one_victim_shot_by_a_relative_without_a_number() -> None:
    assert ("injured", 1) in claims("A mom accidentally shot her daughter on Wednesday night.")
    assert ("injured", 1) in claims(
        "She returned to find the girl with a gunshot wound to her leg."
    )


def test_a_denial_or_question_farther_before_is_no_wounded() -> None:
    assert claims("He said nobody else inside the car had been injured.") == set()
    assert claims("Officers asked him if anyone was hurt in the shooting.") == set()
    assert claims("The boy was hurt in the shooting.") == {("injured", 1)}


def test_nobody_else_and_fatal_wounds_are_no_wounded() -> None:
    assert ("injured", 1) not in claims("A man was killed. No one else was hurt in the incident.")
    assert ("injured", 1) not in claims("Maribel Barrera was fatally injured after shots rang out.")
    assert ("injured", 1) not in claims("The woman suffered a fatal gunshot wound to the chest.")


def test_the_shot_who_died_are_not_also_wounded() -> None:
    got = claims("A man shot on Elm Street on Friday was pronounced dead at the hospital.")
    assert got == {("killed", 1)}
    got = claims(
        "A woman was wounded in the shooting on Sunday, and she later died at the hospital."
    )
    assert got == {("killed", 1)}


# --- places -----------------------------------------------------------------------------------


def test_neighbourhood_named_like_a_town_elsewhere_is_in_the_dateline_town() -> None:
    x = extract(
        ["Police are searching for a group of men who shot five people in Raleigh."],
        title="Five people shot at apartment complex",
        dateline="MEMPHIS, Tenn.",
    )
    assert x.region_key == "US-TN"
    assert event_city(x) == "Memphis"


def test_the_named_town_still_wins_where_its_state_is_named() -> None:
    x = extract(
        ["Police say a man shot five people in Raleigh, North Carolina, on Sunday."],
        dateline="MEMPHIS, Tenn.",
    )
    assert x.region_key == "US-NC"


def test_a_school_named_like_a_town_is_not_the_event_place() -> None:
    x = extract(
        [
            "Five people were shot near Edison High School in Fresno on Sunday.",
            "Edison High School was closed on Monday.",
        ]
    )
    assert event_city(x) == "Fresno"
    assert x.region_key == "US-CA"


def test_a_town_of_the_state_named_with_the_county_is_the_event_place() -> None:
    x = extract(
        [
            "A 7-year-old was shot at a home in Wake County on Tuesday, deputies said.",
            "The child was taken to a hospital and the homeowner was arrested in Raleigh.",
        ]
    )
    assert event_city(x) == "Raleigh"


def test_a_state_named_street_is_not_the_state() -> None:
    # Headlines capitalise every word: there "Indiana Avenue" is not told apart by case.
    x = extract(
        ["Two men were shot on Sunday in Lafayette, police said."],
        title="Two Men Shot On Indiana Avenue",
    )
    assert x.region_key == "US-LA"


def test_a_town_seen_as_a_surname_is_not_a_place_in_that_article() -> None:
    x = extract(
        [
            "Matthew Durham, a 19-year-old student, was shot in the leg on Sunday.",
            "Police said Durham was taken to a hospital.",
        ],
        title="Teen shot in Oklahoma City",
    )
    assert x.region_key == "US-OK"
    assert event_city(x) == "Oklahoma City"
