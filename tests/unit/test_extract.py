"""Unit tests of the extract stage (pure functions, no broker)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from schemas.articles import CleanArticle, ExtractedArticle, Place
from streams.extract import extract_article
from streams.extract.casualties import finalise, find_claims
from streams.extract.dates import event_date
from streams.extract.entities import canonical, extract_entities
from streams.extract.event_type import classify
from streams.extract.fingerprint import text_hash
from streams.extract.gazetteer import gazetteer
from streams.extract.numbers import parse_number
from streams.extract.region import region_key
from streams.extract.text import Sentence, article_sentences

PUB = datetime(2018, 5, 2, 12, tzinfo=UTC)


def article(paragraphs: list[str], title: str = "", published: datetime = PUB,
            dateline: str | None = None, id: str = "a1") -> CleanArticle:
    return CleanArticle(id=id, title=title, published_at=published, paragraphs=paragraphs,
                        dateline=dateline)


def claims(text: str, event: date | None = date(2018, 5, 1)) -> list:
    sentences = article_sentences("", [text])
    return finalise(find_claims(sentences, canonical), event, PUB.date(), None)


# --- numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("23", 23), ("6,259", 6259), ("twenty-three", 23), ("two dozen", 24), ("a dozen", 12),
    ("three dozen", 36), ("ten", 10),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


# --- places --------------------------------------------------------------------------------

def test_hasakah_spellings_fold_to_one_geonames_id() -> None:
    gaz = gazetteer()
    ids = {gaz.city_candidates(s, loose=True)[0].geonames_id
           for s in ("Hasakah", "Hasakeh", "Hasaka", "Al-Hasakah", "al-Hasakah")}
    assert len(ids) == 1


def test_us_city_state_with_ap_abbreviation() -> None:
    x = extract_article(article(["Two men were shot in Springfield, Ill., on Monday night."]))
    city = next(p for p in x.places if p.kind == "city")
    assert (city.name, city.country_code, city.admin1_code) == ("Springfield", "US", "IL")
    assert city.role == "event"
    assert x.region_key == "US-IL"


def test_jackson_miss_and_county() -> None:
    x = extract_article(article([
        "A woman was killed in a shooting in Jackson, Miss., police said.",
        "The Hinds County coroner identified the victim.",
    ]))
    city = next(p for p in x.places if p.kind == "city")
    assert (city.name, city.admin1_code) == ("Jackson", "MS")
    county = next(p for p in x.places if p.kind == "admin2")
    assert (county.name, county.admin1_code) == ("Hinds County", "MS")


def test_us_dateline_role() -> None:
    x = extract_article(article(["A man was shot and wounded Tuesday, police said."],
                                dateline="CHICAGO (AP)"))
    chicago = next(p for p in x.places if p.name == "Chicago")
    assert chicago.role in ("dateline", "event")
    assert chicago.admin1_code == "IL"
    assert x.region_key == "US-IL"


def test_village_attached_to_admin_area() -> None:
    x = extract_article(article([
        "Air strikes killed 12 civilians in Syria on Monday, a monitor said.",
        "The strike hit the village of Al-Qasr in Hasakeh province.",
    ]))
    village = next(p for p in x.places if p.kind == "locality")
    assert village.name == "Al-Qasr"
    assert village.within == "Hasakeh province"
    assert (village.country_code, village.admin1_code) == ("SY", "01")
    assert village.role == "event"
    assert x.places[0] == village  # most specific first
    assert x.region_key == "SY-01"


# --- dates ---------------------------------------------------------------------------------

def _date(text: str, published: date = date(2018, 5, 2)) -> tuple[date, str]:
    sents = [Sentence(0, text)]
    ev = event_date(sents, [0], published, strong=[0])
    return ev.date, ev.expression


def test_weekday_resolves_to_latest_on_or_before_publication() -> None:
    assert _date("Two people were killed on Tuesday.")[0] == date(2018, 5, 1)
    assert _date("Two people were killed on Wednesday.")[0] == date(2018, 5, 2)
    assert _date("Two people were killed on Thursday.")[0] == date(2018, 4, 26)


def test_weekday_with_explicit_date_and_relative_days() -> None:
    assert _date("Strikes killed 23 people on Tuesday (May 1).") == (date(2018, 5, 1),
                                                                    "Tuesday (May 1)")
    assert _date("A man was shot yesterday.")[0] == date(2018, 5, 1)
    assert _date("A man was shot last night.")[0] == date(2018, 5, 1)
    assert _date("The shooting happened on May 1, 2018.")[0] == date(2018, 5, 1)


def test_explicit_date_without_year_across_year_boundary() -> None:
    assert _date("The shooting happened Dec. 31.", date(2019, 1, 2))[0] == date(2018, 12, 31)
    assert _date("The shooting happened on 30 December.", date(2019, 1, 2))[0] == date(2018, 12,
                                                                                         30)


def test_default_event_date_is_publication_with_low_confidence() -> None:
    ev = event_date([Sentence(0, "Nothing dated here.")], [0], date(2018, 5, 2))
    assert ev.date == date(2018, 5, 2) and ev.expression == "published_at"
    assert ev.confidence <= 0.3


# --- casualties ----------------------------------------------------------------------------

def test_casualties_number_words_qualifiers_breakdown_attribution() -> None:
    (c,) = claims("Air strikes killed at least 23 civilians, including 10 children, in a "
                  "village on Tuesday, the Syrian Observatory for Human Rights said.")
    assert (c.kind, c.value, c.qualifier, c.who) == ("killed", 23, "at_least", "civilians")
    assert c.including == {"children": 10}
    assert c.attributed_to == "Syrian Observatory for Human Rights"
    assert not c.background


def test_casualties_dozens_and_more_than() -> None:
    (c,) = claims("Strikes leave over two dozen civilians dead.")
    assert (c.kind, c.value, c.qualifier) == ("killed", 24, "more_than")
    (c,) = claims("More than a dozen people were injured, according to police.")
    assert (c.kind, c.value, c.qualifier, c.attributed_to) == ("injured", 12, "more_than",
                                                               "police")


def test_ages_are_not_counts_and_single_victims_count_one() -> None:
    got = {(c.kind, c.value) for c in claims(
        "A 21-year-old man was killed and two people were injured at 3 p.m. on 500 Main St.")}
    assert got == {("killed", 1), ("injured", 2)}
    (c,) = claims("A man was shot and killed.")
    assert (c.kind, c.value) == ("killed", 1)


def test_shot_one_fatally() -> None:
    got = {(c.kind, c.value) for c in claims("Five people were shot, one fatally, at a party.")}
    assert got == {("killed", 1), ("injured", 4)}


def test_background_figures() -> None:
    (c,) = claims("In February, coalition air raids killed 25 civilians including seven "
                  "children in the village of Shaafah, according to the Observatory.")
    assert c.background and c.value == 25 and c.including == {"children": 7}
    assert c.attributed_to == "Syrian Observatory for Human Rights"
    (c,) = claims("Last year, three people were killed in a similar shooting.")
    assert c.background


# --- entities, quotes, event type ----------------------------------------------------------

def test_entity_aliases_acronyms_and_fuzzy_names() -> None:
    sents = article_sentences("", [
        "ISIS and Daesh fighters clashed with the Kurdish-led Syrian Democratic Forces (SDF).",
        "The SDF said the Islamic State in Iraq and Syria lost ground.",
        "Lilwa al-Abdallah, a spokeswoman, said the operation began.",
        "Lelwa Abdullah said the offensive would continue.",
    ])
    ents = {e.name: e for e in extract_entities(sents, set())}
    assert ents["Islamic State"].kind == "armed_group"
    assert {"ISIS", "Daesh"} <= set(ents["Islamic State"].aliases)
    assert "SDF" in ents["Syrian Democratic Forces"].aliases
    people = [e for e in ents.values() if e.kind == "person" and "Abd" in e.name]
    assert len(people) == 1
    assert "Lelwa Abdullah" in people[0].aliases


def test_quotes() -> None:
    x = extract_article(article([
        '"We have rearranged our ranks," Lilwa Al-Abdallah told reporters.',
        'Police Chief John Smith said: "This was a senseless act of violence."',
    ]))
    speakers = {(q.speaker, q.verb) for q in x.quotes}
    assert ("Lilwa Al-Abdallah", "told") in speakers
    assert any("senseless act" in q.text for q in x.quotes)


@pytest.mark.parametrize(("text", "kind"), [
    ("Air strikes by warplanes hit the village; the airstrike killed 5.", "airstrike"),
    ("A gunman opened fire outside a bar; the shooting left two dead.", "shooting"),
    ("A car bomb exploded near the market.", "bombing"),
    ("A magnitude 6.1 earthquake struck the region.", "earthquake"),
    ("Protesters marched in the capital; the protest was peaceful.", "protest"),
    ("The council met on Monday.", "other"),
    # A shootout that ends in a blaze is a shooting, not a fire.
    ("Two agents were hurt in a shootout at a motel; a fire broke out and the blaze spread.",
     "shooting"),
])
def test_event_type(text: str, kind: str) -> None:
    got, terms = classify(article_sentences("", [text]))
    assert got == kind
    assert (terms != []) == (kind != "other")


# --- region key and hash -------------------------------------------------------------------

def test_region_key_fallbacks() -> None:
    ev = Place(name="Springfield", kind="city", country_code="US", admin1_code="IL",
               role="event")
    dl = Place(name="Beirut", kind="city", country_code="LB", admin1_code="04", role="dateline")
    sy = Place(name="Syria", kind="country", country_code="SY", role="event")
    assert region_key([ev, dl]) == "US-IL"
    assert region_key([sy, dl]) == "LB-04"
    assert region_key([sy]) == "SY"
    assert region_key([]) == "unknown"


def test_text_hash_ignores_whitespace_and_typographic_quotes() -> None:
    a = text_hash(["\u201cWe don\u2019t know,\u201d he said \u2014 twice.", "Next  paragraph."])
    b = text_hash(['"We don\'t know," he said - twice.', "Next paragraph."])
    assert a == b and len(a) == 32
    assert a != text_hash(["Something else."])


def test_extract_article_is_pure_and_valid() -> None:
    art = article(["Two people were injured in a shooting in Dayton, Ohio, on Sunday."])
    x = extract_article(art)
    assert isinstance(x, ExtractedArticle) and x.article == art
    assert x.event_type == "shooting"
    assert extract_article(art) == x


# --- seeds ---------------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seeds() -> dict[str, ExtractedArticle]:
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed directory {SEEDS} is missing on CI")
        pytest.skip(f"seed directory {SEEDS} not present (shared data is outside the repo)")
    out: dict[str, ExtractedArticle] = {}
    for f in sorted(SEEDS.glob("*.txt")):
        title, *body = f.read_text(encoding="utf-8").split("\n")
        out[f.name[:3]] = extract_article(article([p for p in body if p.strip()], title=title,
                                                  id=f.stem))
    return out


@pytest.mark.shared
def test_seed_articles() -> None:
    seeds = _seeds()
    for x in seeds.values():
        assert x.event_type == "airstrike"
        assert x.region_key == "SY-01"
    for key in ("000", "002", "003", "004"):
        assert seeds[key].event_date is not None
        assert seeds[key].event_date.date == date(2018, 5, 1), key
    for key in ("001", "002", "003", "004"):
        event = next(p for p in seeds[key].places if p.role == "event")
        assert event.kind == "locality" and event.name.lower() == "al-qasr", key
        assert (event.country_code, event.admin1_code) == ("SY", "01")
        assert event.within and "has" in event.within.lower()
    obs = "Syrian Observatory for Human Rights"

    def killed(key: str) -> list:
        return [c for c in seeds[key].casualties if c.kind == "killed"]

    for key in ("000", "002", "003"):
        assert any(c.value == 23 and c.including == {"children": 10} and c.attributed_to == obs
                   and not c.background for c in killed(key)), key
    assert any(c.value == 14 and c.including == {"children": 5} and c.attributed_to == obs
               for c in killed("004"))
    assert any(c.value == 25 and c.attributed_to == "Syrian state media" and not c.background
               for c in killed("004"))
    shaafah = [c for c in killed("002") if "Shaafah" in c.sentence]
    assert shaafah and all(c.background for c in shaafah)
