"""Rules for where a US local report happened: the outlet's place from its URL, streets named
in pairs, a weekday after a town, hospital towns, datelines of towns named like states or
countries; and casualty rules: injured victims who died, two people hurt, one more hurt."""

from __future__ import annotations

from schemas.articles import CleanArticle, ExtractedArticle
from streams.extract import detect_dateline, places
from streams.extract.casualties import find_claims, injured_who_died
from streams.extract.entities import canonical
from streams.extract.outlet import outlet_places
from streams.extract.text import article_sentences
from tests.unit.extract_helpers import PUB, claims, event_city, extract


def _names(x: ExtractedArticle) -> set[str]:
    return {p.name for p in x.places}


# --- the outlet's place, from the URL ---------------------------------------------------------


def _surfaces(url: str | None) -> list[str]:
    return [p.surface for p in outlet_places(url)]


def test_url_host_names_a_big_city_or_a_state() -> None:
    assert _surfaces("http://abc7chicago.com/news/x/123/") == ["Chicago"]
    assert _surfaces("http://www.orlandosentinel.com/news/x.html") == ["Orlando"]
    assert _surfaces("http://www.nbcconnecticut.com/news/local/x.html") == ["Connecticut"]
    assert _surfaces("http://northwestgeorgianews.com/rome/news/x") == ["Georgia"]


def test_url_name_inside_a_longer_one_is_part_of_it() -> None:
    assert _surfaces("http://www.arkansasonline.com/news/x/") == ["Arkansas"]  # not Kansas
    assert _surfaces("http://www.trentonian.com/general-news/x") == []  # not Renton, Wash.
    assert _surfaces("http://www.bradenton.com/news/local/x.html") == []  # not Denton, Texas
    # Elsewhere in a word a name is one: "online" + Athens, "clickon" + Detroit.
    assert _surfaces("http://onlineathens.com/local-news/x") == ["Athens"]
    assert _surfaces("http://www.clickondetroit.com/news/x") == ["Detroit"]
    assert _surfaces("http://www.elpasoproud.com/news/x") == ["El Paso"]
    # "erie" in "series" is no name: a four-letter city only where a name starts.
    assert _surfaces("http://www.worldseriesnews.com/x/y") == []


def test_url_path_segment_names_a_state_not_the_slug() -> None:
    assert _surfaces("http://www.courant.com/news/connecticut/hc-vernon-teen") == ["Connecticut"]
    assert _surfaces("http://www.wusa9.com/news/local/dc/teens-shot") == ["District of Columbia"]
    # the story's slug is its headline, not the outlet's place
    assert _surfaces("http://www.cnn.com/2014/10/25/us/washington-school-shooting/") == []


def test_url_of_an_archived_copy_is_read_for_the_archived_url() -> None:
    url = "http://web.archive.org/web/20160604090711/http://miami.cbslocal.com/2014/07/07/x/"
    assert _surfaces(url) == ["Miami"]
    assert _surfaces(None) == []
    assert _surfaces("not a url") == []


def test_url_state_decides_a_namesake_town() -> None:
    text = ["A man was shot and wounded in Laurel on Tuesday, police said."]
    url = "http://www.clarionledger.com/story/news/local/mississippi/2016/10/04/laurel-shooting/"
    with_url = extract(text, url=url)
    assert with_url.region_key == "US-MS"
    assert event_city(with_url) == "Laurel"
    assert extract(text).region_key != "US-MS"


def test_outlet_part_of_title_joined_by_hyphens() -> None:
    x = extract(
        ["A man was shot and wounded in Laurel on Tuesday, police said."],
        title="Laurel man shot - WDAM-TV 7-News, Weather, Sports-Hattiesburg, MS",
    )
    assert x.region_key == "US-MS"


# --- streets, weekdays, hospitals ---------------------------------------------------------------


def test_first_of_two_streets_named_together_is_a_street() -> None:
    x = extract(
        [
            "Officers responded to a call of a person shot on the city's near west side, near"
            " Lynn and Michigan streets, Indianapolis police said."
        ]
    )
    assert "Lynn" not in _names(x)
    assert event_city(x) == "Indianapolis"


def test_metropolitan_police_names_its_town() -> None:
    sentences = article_sentences(
        "", ["Officers with the Indianapolis Metropolitan Police Department responded."]
    )
    found = places.find_mentions(sentences, None)
    assert [(m.surface, m.police) for m in found] == [("Indianapolis", True)]


def test_weekday_after_a_town_does_not_make_a_longer_name() -> None:
    x = extract(["A 9-month-old was injured in a double shooting in Kokomo Wednesday night."])
    assert event_city(x) == "Kokomo"


def test_sentence_openers_named_like_towns_are_not_places() -> None:
    x = extract(
        [
            "Early Sunday, two men were shot in Tulsa, Okla., police said.",
            "Area residents said the shooting happened behind an apartment building.",
        ]
    )
    assert {"Early", "Mundelein"}.isdisjoint(_names(x))
    assert event_city(x) == "Tulsa"


def test_long_island_is_not_long_island_city() -> None:
    x = extract(["A man was shot and killed in Wyandanch, Long Island, on Sunday."])
    assert "Long Island City" not in _names(x)


def test_town_a_victim_was_taken_to_is_not_the_event_place() -> None:
    x = extract(
        [
            "The Laurel Police Department is investigating a shooting in Laurel, Miss.",
            "Police said the victim was shot and then was taken to Jackson for treatment.",
        ]
    )
    assert event_city(x) == "Laurel"


def test_county_abbreviated_co() -> None:
    sentences = article_sentences("", ["A boy was shot in Marshall Co., Ala., on Friday."])
    found = places.resolve(places.find_mentions(sentences, None), sentences)
    assert [(m.name, m.kind, m.admin1_code) for m in found] == [("Marshall County", "admin2", "AL")]


# --- datelines ------------------------------------------------------------------------------


def test_page_furniture_is_no_dateline() -> None:
    for head in ("JUST IN", "GRAPHIC PICTURES", "PREVIOUS STORY"):
        article = CleanArticle(
            id="t", published_at=PUB, paragraphs=[f"{head} - A man was shot in Tulsa."]
        )
        assert detect_dateline(article) is None


def test_dateline_town_named_like_a_country() -> None:
    x = extract(
        ["A teenager has been accidentally shot in Lebanon on Saturday."],
        dateline="LEBANON, Ohio (WKRC)",
    )
    assert x.region_key == "US-OH"
    assert event_city(x) == "Lebanon"


def test_event_told_only_by_its_state_is_in_the_dateline_town() -> None:
    x = extract(
        [
            "A 15-year-old boy died Tuesday after he was accidentally shot.",
            "He is the eighth child to be accidentally shot and killed in Tennessee this year.",
        ],
        dateline="NASHVILLE, Tenn. (WKRN)",
    )
    assert event_city(x) == "Nashville"


def test_quarter_of_a_metropolis_under_its_dateline() -> None:
    x = extract(
        ["A 20-year-old man was shot and wounded in East Garfield Park on Sunday."],
        dateline="CHICAGO (AP)",
    )
    assert event_city(x) == "Chicago"
    # a smaller city's station covers real towns around it under its own dateline
    x = extract(
        ["A 20-year-old man was shot and wounded in Beech Grove on Sunday."],
        dateline="INDIANAPOLIS (WISH)",
    )
    assert event_city(x) == "Beech Grove"


# --- casualties -----------------------------------------------------------------------------


def test_injured_victim_who_died_is_not_also_injured() -> None:
    text = (
        "The boy was critically injured in the shooting Tuesday. "
        "The boy later died at the hospital."
    )
    sentences = article_sentences("", [text])
    found = find_claims(sentences, canonical)
    assert {c.kind for c in found} == {"killed", "injured"}
    assert {c.kind for c in injured_who_died(found)} == {"killed"}
    x = extract([text])
    assert {(c.kind, c.value) for c in x.casualties if not c.background} == {("killed", 1)}


def test_injured_victim_kept_beside_another_victim_or_a_death_in_the_same_sentence() -> None:
    assert ("injured", 1) in claims(
        "One man died at the hospital. Another man was injured and is in stable condition."
    )
    assert ("injured", 1) in claims(
        "A man was killed and a woman was injured in the shooting. The man died at the scene."
    )


def test_two_people_hurt_named_by_two_nouns() -> None:
    assert claims(
        "A 26-year-old woman and a 30-year-old man are in stable condition at the hospital."
    ) == {("injured", 2)}
    assert ("injured", 2) in claims(
        "An adult female and a 3-year-old child were both shot and injured but will live."
    )
    assert claims("A man and a woman were shot and killed.") == {("killed", 2)}


def test_one_more_hurt_after_the_dead() -> None:
    assert claims("The shooting left a 7-year-old girl dead and her grandmother wounded.") == {
        ("killed", 1),
        ("injured", 1),
    }
    assert ("injured", 1) in claims(
        "x", title="7-year-old girl killed, grandmother injured after shots fired into home"
    )
    assert ("injured", 1) not in claims("The older teen ran downstairs and found the boy dead.")


def test_headline_with_a_source_first() -> None:
    assert ("injured", 1) in claims("x", title="Police: Youth wounded in accidental shooting")
    assert ("killed", 1) in claims("x", title="Police: Man killed in shooting on Main Street")
    # the one shot died: not a wounded person
    assert ("injured", 1) not in claims("x", title="Coroner: Teen shot near festival dies")
