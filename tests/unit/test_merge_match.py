"""Incident matching: TF-IDF text similarity with learned document frequencies, place levels,
names, casualty figures and event dates (streams/merge/match.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from schemas.articles import (
    CasualtyClaim,
    CleanArticle,
    Entity,
    EventDate,
    ExtractedArticle,
    Place,
)
from streams.merge import MergeConfig, fold_article
from streams.merge.match import (
    NEUTRAL_PLACE_RARITY,
    DocumentFrequencies,
    article_terms,
    casualty_agreement,
    compatible_types,
    evidence,
    matches,
    name_keys,
    observe,
    place_level,
    place_rarity,
    score,
    state_names,
    text_similarity,
    victim_names,
    weigh,
)
from streams.merge.state import IncidentState

CONFIG = MergeConfig()
T0 = datetime(2016, 3, 7, 15, tzinfo=UTC)


def _city(name: str, geonames_id: int, admin2: str | None = None) -> Place:
    return Place(
        name=name,
        geonames_id=geonames_id,
        kind="city",
        country_code="US",
        admin1_code="TX",
        admin2_name=admin2,
        role="event",
    )


def _county(name: str) -> Place:
    return Place(
        name=name,
        kind="admin2",
        country_code="US",
        admin1_code="TX",
        admin2_name=name,
        role="event",
    )


HOUSTON = _city("Houston", 4699066, "Harris County")
PASADENA = _city("Pasadena", 4717560, "Harris County")
TEXAS = Place(name="Texas", kind="admin1", country_code="US", admin1_code="TX", role="event")

# Background reports of other shootings: what the stream has seen before, for the frequencies.
BACKGROUND = [
    "Police said a man was shot and killed Saturday night; the shooting is under investigation.",
    "A woman was wounded in a shooting on Sunday, police said; no arrests have been made.",
    "Officers responded to reports of a shooting and found a victim with a gunshot wound.",
    "The victim was taken to a hospital in critical condition after the shooting, police said.",
    "Police are asking anyone with information about the shooting to call Crime Stoppers.",
    "A teenager was shot Friday evening outside an apartment complex, authorities said.",
]


def report(
    article_id: str,
    text: str,
    *,
    place: Place = HOUSTON,
    event_day: date = date(2016, 3, 6),
    hours: float = 0,
    killed: int | None = None,
    injured: int | None = None,
    people: tuple[str, ...] = (),
) -> ExtractedArticle:
    claims = []
    if killed is not None:
        claims.append(CasualtyClaim(kind="killed", value=killed, sentence=text))
    if injured is not None:
        claims.append(CasualtyClaim(kind="injured", value=injured, sentence=text))
    return ExtractedArticle(
        article=CleanArticle(
            id=article_id,
            source=f"{article_id}.example",
            title="",
            published_at=T0 + timedelta(hours=hours),
            paragraphs=[text],
        ),
        region_key="US-TX",
        places=[place],
        event_date=EventDate(date=event_day, expression="Sunday", sentence=text, confidence=0.8),
        entities=[Entity(name=n, kind="person") for n in people],
        casualties=claims,
        event_type="shooting",
        text_hash=f"h-{article_id}",
    )


def frequencies(*texts: str) -> DocumentFrequencies:
    df = DocumentFrequencies()
    for text in [*BACKGROUND, *texts]:
        df = observe(df, article_terms(report("bg", text)), CONFIG)
    return df


def opened(article: ExtractedArticle) -> IncidentState:
    return fold_article(article, [], CONFIG).state


def test_document_frequencies_count_each_report_once_and_stay_bounded() -> None:
    df = observe(DocumentFrequencies(), ["shooting", "shooting", "houston"], CONFIG)
    df = observe(df, ["shooting"], CONFIG)
    assert df.documents == 2
    assert df.counts == {"shooting": 2, "houston": 1}
    assert df.idf("shooting") < df.idf("houston") < df.idf("never-seen")
    small = MergeConfig(max_document_frequencies=4)
    bounded = DocumentFrequencies()
    for i in range(20):
        bounded = observe(bounded, ["common", f"rare{i}"], small)
    assert len(bounded.counts) <= 5
    assert bounded.counts["common"] == 20  # the frequent word survives pruning


def test_learned_frequencies_weight_rare_words_over_common_ones() -> None:
    common = article_terms(report("a", "Police said the shooting victim was taken to a hospital."))
    other = article_terms(report("b", "Police said the shooting victim was taken to a hospital."))
    rare = article_terms(report("c", "Deshawn Okafor was shot on Bellfort Avenue."))
    rare_too = article_terms(report("d", "Okafor died on Bellfort Avenue, police said."))
    df = frequencies()
    # Raw counts: the boilerplate pair looks identical; TF-IDF keeps it identical but the pair
    # sharing only rare words now scores well too, relative to its raw cosine.
    raw_rare = text_similarity(rare, rare_too, None)
    weighted_rare = text_similarity(rare, rare_too, df)
    assert weighted_rare > raw_rare
    assert text_similarity(common, rare, df) < 0.1
    assert text_similarity(common, other, df) > 0.99


def test_place_levels() -> None:
    incident = opened(report("a", "x", place=HOUSTON)).incident
    assert place_level([HOUSTON], incident) == "place"
    assert place_level([PASADENA], incident) is None  # two towns: a veto
    assert place_level([_county("Harris County")], incident) == "admin2"
    assert place_level([TEXAS], incident) == "admin1"


def test_a_county_as_the_event_place_agrees_with_a_town_reported_beside_that_county() -> None:
    # "5-Year-Old Kaufman County Shooting Victim" against reports of the shooting in Forney
    # that name Kaufman County's officials: the gazetteer gives towns no county, so only the
    # county one report names beside its town ties them.
    kaufman = _county("Kaufman County")
    forney = _city("Forney", 4690198)
    article = report("a", "x", place=forney)
    with_county = article.model_copy(
        update={"places": [forney, kaufman.model_copy(update={"role": "mentioned"})]}
    )
    assert place_level([kaufman], opened(with_county).incident) == "admin2"
    # Without the county beside the town nothing ties them but the state.
    assert place_level([kaufman], opened(article).incident) == "admin1"


def test_a_neighbourhood_and_its_city_do_not_veto_but_count_as_near() -> None:
    # One report names the suburb as the event town and the city among its places, the other
    # only the city: near, not two incidents; less than the same county (see below).
    mentioned_houston = HOUSTON.model_copy(update={"role": "mentioned"})
    incident = opened(report("a", "x", place=HOUSTON)).incident
    assert place_level([PASADENA, mentioned_houston], incident) == "near"
    assert place_level([PASADENA], incident) is None  # nothing ties them: still a veto
    assert 0 < CONFIG.weight_near_place < CONFIG.weight_same_admin2


def test_unresolved_village_matches_by_name_whatever_its_province_spelling() -> None:
    qasr = Place(name="Al-Qasr", kind="locality", role="event", within="Hasakah province")
    spelt = Place(name="al-Qasr", kind="locality", role="event", within="Hasaka province")
    incident = opened(report("a", "x", place=qasr)).incident
    assert place_level([spelt], incident) == "place"


def test_names_need_first_and_last_name_and_skip_mistaken_entities() -> None:
    assert name_keys(["Deshawn Okafor", "Deshawn M. Okafor"]) == {"deshawn okafor"}
    assert name_keys(["Okafor", "Fort Worth Shooting", "Pate Drive", "Two Women"]) == set()
    # Tip lines, neighbourhoods, captions, newspapers and time stamps are no one's name.
    mistaken = ["Crime Stoppers", "Northwest Side", "Caption Image", "Daily Herald", "PM EDT"]
    assert name_keys([*mistaken, "Jane Roe"]) == {"jane roe"}


def test_casualty_agreement() -> None:
    assert casualty_agreement(2, 2, 3) == 1
    assert casualty_agreement(4, 2, 3) == 0  # close: a victim died later
    assert casualty_agreement(12, 2, 2) == -1
    assert casualty_agreement(None, 2, 2) == 0


FIRST = (
    "Deshawn Okafor, 24, was shot and killed Sunday night on Bellfort Avenue in southeast "
    "Houston, police said. Two other men were wounded."
)
SECOND = (
    "Houston police identified the man killed in a Sunday shooting on Bellfort Avenue as "
    "Deshawn Okafor. Two men were hospitalised."
)
ELSEWHERE = (
    "A 17-year-old girl, Maria Villanueva, was wounded in a drive-by shooting on Airline Drive "
    "in north Houston on Sunday, police said."
)


def test_two_reports_of_one_shooting_join_with_learned_frequencies() -> None:
    df = frequencies(FIRST, SECOND, ELSEWHERE)
    first = opened(report("a", FIRST, killed=1, injured=2, people=("Deshawn Okafor",)))
    second = report("b", SECOND, hours=20, killed=1, injured=2, people=("Deshawn Okafor",))
    value = score(second, first, article_terms(second), CONFIG, df)
    assert value is not None and value >= CONFIG.join_threshold
    assert matches(second, [first], CONFIG, df) == [first]


def test_other_victims_named_in_the_same_city_count_against() -> None:
    df = frequencies(FIRST, SECOND, ELSEWHERE)
    first = opened(report("a", FIRST, killed=1, injured=2, people=("Deshawn Okafor",)))
    other = report("c", ELSEWHERE, hours=30, injured=1, people=("Maria Villanueva",))
    found = evidence(other, first, article_terms(other), CONFIG, df)
    assert found.place == "place" and found.shared_names == 0 and found.other_names
    unnamed = report("d", ELSEWHERE, hours=30, injured=1)
    named_score = score(other, first, article_terms(other), CONFIG, df)
    unnamed_score = score(unnamed, first, article_terms(unnamed), CONFIG, df)
    assert named_score is not None and unnamed_score is not None
    assert named_score <= unnamed_score - CONFIG.penalty_other_names
    # A day later, other victims, little text in common: apart, with or without frequencies.
    assert matches(other, [first], CONFIG, df) == []
    assert matches(other, [first], CONFIG) == []


def test_same_state_same_week_different_town_or_victims_stay_apart() -> None:
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, injured=2))
    # The same words, but another town: a veto.
    pasadena = report("b", SECOND, place=PASADENA, hours=30, killed=1, injured=2)
    assert score(pasadena, first, article_terms(pasadena), CONFIG, df) is None
    # Only the state named, a day later, other figures and other words: apart.
    state_only = report(
        "c",
        "Five people were shot at a party in Texas early Monday, authorities said.",
        place=TEXAS,
        event_day=date(2016, 3, 7),
        hours=30,
        injured=5,
    )
    assert matches(state_only, [first], CONFIG, df) == []
    # The same town and day, other victims named in the casualty sentences, other figures and
    # other words: apart, however often the stream has named the town.
    other = report("d", ELSEWHERE, hours=30, injured=4, people=("Maria Villanueva",))
    named = opened(report("a", FIRST, killed=1, injured=2, people=("Deshawn Okafor",)))
    for stream in (df, frequencies(FIRST, SECOND, *[FIRST] * 20)):
        assert matches(other, [named], CONFIG, stream) == []


def test_a_shared_name_outweighs_a_place_extraction_error() -> None:
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, people=("Deshawn Okafor",)))
    # The second report's town came out wrong, but it names the same victim and street.
    second = report("b", SECOND, place=PASADENA, hours=20, killed=1, people=("Deshawn Okafor",))
    assert matches(second, [first], CONFIG, df) == [first]


def test_a_report_far_from_the_last_one_needs_more_evidence() -> None:
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, injured=2))
    soon = report("b", SECOND, hours=12, killed=1, injured=2)
    late = report("c", SECOND, hours=24 * 9, killed=1, injured=2)
    soon_score = score(soon, first, article_terms(soon), CONFIG, df)
    late_score = score(late, first, article_terms(late), CONFIG, df)
    assert soon_score is not None and late_score is not None
    assert late_score < soon_score - 1.5


def test_only_people_named_in_casualty_sentences_are_victims() -> None:
    killed = CasualtyClaim(kind="killed", value=1, sentence="Deshawn Okafor, 24, was killed.")
    arrested = CasualtyClaim(kind="arrested", value=1, sentence="Police arrested Tyrell Banks.")
    names = {"deshawn okafor", "tyrell banks", "art acevedo"}
    assert victim_names(names, [killed, arrested]) == {"deshawn okafor"}
    assert victim_names(names, []) == set()


def test_a_spokesman_named_by_one_report_only_is_not_another_victim() -> None:
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, injured=2, people=("Deshawn Okafor",)))
    quoted = SECOND + " Officer Kese Smith said the investigation was continuing."
    second = report("b", quoted, hours=20, killed=1, injured=2, people=("Kese Smith",))
    # The casualty figures come from the sentence naming no one; the officer is in another.
    second = second.model_copy(
        update={
            "casualties": [c.model_copy(update={"sentence": SECOND}) for c in second.casualties]
        }
    )
    found = evidence(second, first, article_terms(second), CONFIG, df)
    assert found.shared_names == 0 and not found.other_names
    assert matches(second, [first], CONFIG, df) == [first]
    # The same report naming another victim where it gives the figures: other victims.
    victim = second.model_copy(
        update={
            "casualties": [c.model_copy(update={"sentence": quoted}) for c in second.casualties]
        }
    )
    assert evidence(victim, first, article_terms(victim), CONFIG, df).other_names


def test_a_town_the_stream_names_often_counts_less_than_a_rare_one() -> None:
    katy = _city("Katy", 4705191, "Harris County")
    busy = frequencies(*[f"A man was shot in Houston, report {i}." for i in range(30)], FIRST)
    in_houston = opened(report("a", FIRST)).incident
    in_katy = opened(report("b", FIRST, place=katy)).incident
    common = place_rarity([HOUSTON], in_houston, busy)
    rare = place_rarity([katy], in_katy, busy)
    assert 0.0 < common < rare <= 1.0
    assert place_rarity([HOUSTON], in_houston, None) == NEUTRAL_PLACE_RARITY
    # The rarity is what the place agreement weighs, and only for the same town.
    houston_report = report("c", SECOND, hours=5)
    katy_report = report("d", SECOND, place=katy, hours=5)
    s_common = score(
        houston_report, opened(report("a", FIRST)), article_terms(houston_report), CONFIG, busy
    )
    s_rare = score(
        katy_report,
        opened(report("b", FIRST, place=katy)),
        article_terms(katy_report),
        CONFIG,
        busy,
    )
    assert s_common is not None and s_rare is not None
    assert abs((s_rare - s_common) - CONFIG.weight_place_rarity * (rare - common)) < 1e-9
    county = evidence(
        katy_report, opened(report("a", FIRST)), article_terms(katy_report), CONFIG, busy
    )
    assert county.place is None and county.place_rarity == 0.0  # two towns: no rarity, a veto


def test_a_follow_up_writing_out_the_shootings_day_is_not_vetoed_by_its_own_date() -> None:
    first = opened(report("a", "A man was shot and killed outside a bar on Lyons Avenue."))
    # The arrest report's own (confident) date is the arrest's, eight days later.
    arrest = "Police arrested a man on Monday in the March 6 killing outside a Lyons Avenue bar."
    follow_up = report("b", arrest, event_day=date(2016, 3, 14), hours=24 * 8)
    found = evidence(follow_up, first, article_terms(follow_up), CONFIG)
    assert found.date_distance == 0
    assert score(follow_up, first, article_terms(follow_up), CONFIG) is not None
    # Without the written day the dates are too far apart: a veto.
    bare = report("c", arrest.replace("March 6 ", ""), event_day=date(2016, 3, 14), hours=24 * 8)
    assert score(bare, first, article_terms(bare), CONFIG) is None


def test_an_arrest_report_with_a_weak_later_date_of_its_own_still_joins() -> None:
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, injured=2))
    arrest = "A man was arrested on Friday in the Bellfort Avenue shooting, police said."
    follow_up = report("b", arrest, hours=24 * 4, killed=1, event_day=date(2016, 3, 10))
    weak = follow_up.event_date.model_copy(update={"confidence": 0.5})  # type: ignore[union-attr]
    follow_up = follow_up.model_copy(update={"event_date": weak})
    # Its own date (the arrest's, a weak one) counts against it only a little.
    assert matches(follow_up, [first], CONFIG, df) == [first]


# A short report of the same shooting a week later: little text in common, no names, no figures.
FOLLOW_UP = "Officers said a man was killed in a shooting on Sunday night."


def test_a_suburbs_report_of_a_citys_shooting_counts_the_near_place() -> None:
    # The suburb is its event town, the city among its places: "near" adds
    # `weight_near_place`, enough here where counting it as the state only (0) was not.
    df = frequencies(FIRST, SECOND, ELSEWHERE)
    first = opened(report("a", FIRST, place=HOUSTON))
    mentioned_houston = HOUSTON.model_copy(update={"role": "mentioned"})
    suburb = report("b", FOLLOW_UP, place=PASADENA, hours=170)
    suburb = suburb.model_copy(update={"places": [PASADENA, mentioned_houston]})
    assert evidence(suburb, first, article_terms(suburb), CONFIG, df).place == "near"
    with_near = score(suburb, first, article_terms(suburb), CONFIG, df)
    as_state = score(suburb, first, article_terms(suburb), replace(CONFIG, weight_near_place=0), df)
    assert with_near is not None and as_state is not None
    assert abs(with_near - as_state - CONFIG.weight_near_place) < 1e-9
    assert matches(suburb, [first], CONFIG, df) == [first]
    assert matches(suburb, [first], replace(CONFIG, weight_near_place=0), df) == []


def test_a_report_naming_no_place_counts_its_region_but_a_state_only_report_does_not() -> None:
    df = frequencies(FIRST, SECOND, ELSEWHERE)
    first = opened(report("a", FIRST, place=HOUSTON))
    placeless = report("b", FOLLOW_UP, hours=170).model_copy(update={"places": []})
    found = evidence(placeless, first, article_terms(placeless), CONFIG, df)
    assert found.place == "region"
    assert matches(placeless, [first], CONFIG, df) == [first]
    assert matches(placeless, [first], replace(CONFIG, weight_same_region=0), df) == []
    # Naming only the state against an incident naming a town gets no bonus: same-day
    # shootings of one state stay apart on that little text.
    state_only = placeless.model_copy(update={"places": [TEXAS]})
    assert evidence(state_only, first, article_terms(state_only), CONFIG, df).place == "admin1"
    assert matches(state_only, [first], CONFIG, df) == []


def _quarter(name: str, geonames_id: int) -> Place:
    return _city(name, geonames_id).model_copy(update={"role": "mentioned"})


SUNNYSIDE = _quarter("Sunnyside", 4735001)
ACRES_HOMES = _quarter("Acres Homes", 4670001)


def _headlined(article: ExtractedArticle, title: str, *places: Place) -> ExtractedArticle:
    return article.model_copy(
        update={
            "article": article.article.model_copy(update={"title": title}),
            "places": [HOUSTON, *places],
        }
    )


def test_headlines_naming_other_quarters_of_one_city_are_other_shootings() -> None:
    df = frequencies(FIRST, SECOND, ELSEWHERE)
    first = opened(_headlined(report("a", FIRST), "Man killed in Sunnyside shooting", SUNNYSIDE))
    other = _headlined(report("b", SECOND, hours=20), "Man killed in Acres Homes", ACRES_HOMES)
    found = evidence(other, first, article_terms(other), CONFIG, df)
    assert found.place == "place" and found.other_headline_places
    assert score(other, first, article_terms(other), CONFIG, df) is None
    # The same quarter in the headline, or the other's quarter named in the body: one shooting.
    same = _headlined(report("c", SECOND, hours=20), "Sunnyside shooting victim named", SUNNYSIDE)
    assert matches(same, [first], CONFIG, df) == [first]
    body = _headlined(
        report("d", SECOND, hours=20), "Man killed in Acres Homes", ACRES_HOMES, SUNNYSIDE
    )
    assert not evidence(body, first, article_terms(body), CONFIG, df).other_headline_places
    assert matches(body, [first], CONFIG, df) == [first]
    # A headline naming only the city tells nothing.
    city = _headlined(report("e", SECOND, hours=20), "Man killed in Houston", ACRES_HOMES)
    assert matches(city, [first], CONFIG, df) == [first]
    # A victim named by both outweighs the headlines (one may name the street's quarter).
    named_first = opened(
        _headlined(
            report("f", FIRST, people=("Deshawn Okafor",)),
            "Man killed in Sunnyside shooting",
            SUNNYSIDE,
        )
    )
    named = other.model_copy(update={"entities": [Entity(name="Deshawn Okafor", kind="person")]})
    assert matches(named, [named_first], CONFIG, df) == [named_first]


def test_event_types_no_incident_is_reported_as_together_veto_whatever_else_is_shared() -> None:
    assert compatible_types("airstrike", "bombing") and compatible_types("protest", "shooting")
    assert compatible_types("fire", "other") and compatible_types("flood", "flood")
    assert not compatible_types("fire", "shooting") and not compatible_types("flood", "protest")
    df = frequencies(FIRST, SECOND)
    first = opened(report("a", FIRST, killed=1, injured=2, people=("Deshawn Okafor",)))
    # The same town, day, words, figures and person: one incident when both are shootings...
    same = report("b", SECOND, hours=6, killed=1, injured=2, people=("Deshawn Okafor",))
    assert matches(same, [first], CONFIG, df) == [first]
    # ... but a report of a house fire is another incident (a town's incidents share its
    # officials' names and its words), and one of a blast may be the shooting's.
    fire = same.model_copy(update={"event_type": "fire"})
    assert evidence(fire, first, article_terms(fire), CONFIG, df).incompatible_type
    assert score(fire, first, article_terms(fire), CONFIG, df) is None
    blast = same.model_copy(update={"event_type": "bombing"})
    assert matches(blast, [first], CONFIG, df) == [first]


def test_only_a_person_told_with_an_age_lifts_a_place_or_date_veto() -> None:
    spokesperson = "Police spokeswoman Carla Whitfield said detectives were looking for a car."
    df = frequencies(FIRST, SECOND, spokesperson)
    first = opened(
        report(
            "a", f"{FIRST} {spokesperson}", killed=1, people=("Deshawn Okafor", "Carla Whitfield")
        )
    )
    # Another town's shooting, quoting the same spokeswoman (a city's officials speak of all
    # its shootings): the place veto stands.
    elsewhere = report(
        "b", f"{ELSEWHERE} {spokesperson}", place=PASADENA, hours=20, people=("Carla Whitfield",)
    )
    found = evidence(elsewhere, first, article_terms(elsewhere), CONFIG, df)
    assert found.place is None and found.shared_names == 1 and found.shared_told == 0
    assert score(elsewhere, first, article_terms(elsewhere), CONFIG, df) is None
    # The same town a week later, a confident date of its own: the date veto stands too.
    later = report(
        "c",
        f"{ELSEWHERE} {spokesperson}",
        event_day=date(2016, 3, 13),
        hours=24 * 7,
        people=("Carla Whitfield",),
    )
    assert score(later, first, article_terms(later), CONFIG, df) is None
    # The victim the first report told with an age ("Deshawn Okafor, 24,") lifts both.
    for vetoed in (elsewhere, later):
        victim = vetoed.model_copy(
            update={"entities": [Entity(name="Deshawn Okafor", kind="person")]}
        )
        found = evidence(victim, first, article_terms(victim), CONFIG, df)
        assert found.shared_told == 1
        assert score(victim, first, article_terms(victim), CONFIG, df) is not None


def test_a_person_no_other_live_incident_names_lifts_a_place_or_date_veto() -> None:
    """A name only one of the region's incidents uses is that incident's (a victim, a suspect,
    a witness), even untold with an age; one that two incidents use is a spokesperson's or an
    official's, and lifts nothing."""
    df = frequencies(FIRST, SECOND, ELSEWHERE)
    first = opened(report("a", FIRST, killed=1, people=("Jamal Pruitt",)))
    # A follow-up a week later with a confident date of its own (the hearing's), naming the
    # same man: the date veto alone would keep it out.
    later = report("c", SECOND, event_day=date(2016, 3, 13), hours=30, people=("Jamal Pruitt",))
    terms = article_terms(later)
    assert score(later, first, terms, CONFIG, df) is None
    assert [s.id for s in matches(later, [first], CONFIG, df, terms)] == [first.id]
    # An archived incident of the region named him as well: he is no one incident's either.
    assert matches(later, [first], CONFIG, df, terms, [["jamal pruitt"]]) == []
    # Another of the region's incidents names him too: he is no one incident's.
    other = opened(report("b", ELSEWHERE, place=PASADENA, hours=2, people=("Jamal Pruitt",)))
    assert matches(later, [first, other], CONFIG, df, terms) == []
    found = evidence(later, first, terms, CONFIG, df, named_by={"jamal pruitt": 2})
    assert found.shared_only_here == 0 and weigh(found, CONFIG) is None
    # What the veto stops is not measured: no text cosine for a pair that cannot join.
    assert found.text == 0.0


def test_organisations_and_possessives_are_no_persons_names() -> None:
    assert name_keys(["American Red Cross", "Joint Command", "Nigeria's Minna"]) == set()
    assert name_keys(["Jamal Pruitt"]) == {"jamal pruitt"}


def test_an_incident_keeps_its_peoples_name_keys_and_older_states_are_keyed_on_the_fly() -> None:
    first = opened(report("a", FIRST, people=("Deshawn Okafor",)))
    assert first.names == ["deshawn okafor"]
    joined = fold_article(
        report("b", SECOND, hours=3, people=("Carla Whitfield",)), [first], CONFIG
    ).state
    assert joined.names == ["carla whitfield", "deshawn okafor"]
    older = joined.model_copy(update={"names": None})  # written before the field existed
    assert state_names(older) == {"carla whitfield", "deshawn okafor"}
