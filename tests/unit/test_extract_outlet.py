"""The outlet's home from its host name (streams/extract/outlet.py) and what it resolves: a bare
town name with namesakes in other states, and the region of a report that names no place.
Plus the other region and place rules of this change: a state as the only event place gives way
to the dateline's town, "Washington state" is the state, and a street word in lower case after
a town ("a Miami Gardens street", "a Fresno drive-by") does not make it an address."""

from __future__ import annotations

from schemas.articles import ExtractedArticle, Place
from streams.extract.outlet import outlet_host, outlet_states
from streams.extract.region import region_key
from tests.unit.extract_helpers import extract

WAYBACK = "http://web.archive.org/web/20161004120000/"


def _event_town(x: ExtractedArticle) -> tuple[str, str | None] | None:
    return next(
        ((p.name, p.admin1_code) for p in x.places if p.role == "event" and p.kind == "city"),
        None,
    )


def test_outlet_host_looks_through_archive_wrappers() -> None:
    assert outlet_host(WAYBACK + "http://www.wsmv.com:80/story/1") == "www.wsmv.com"
    assert outlet_host("https://abc7chicago.com/archive/9134576/") == "abc7chicago.com"
    assert outlet_host(None) == ""
    assert outlet_host("") == ""


def test_outlet_states_from_state_and_big_city_names() -> None:
    assert outlet_states(WAYBACK + "http://abc7chicago.com/a/") == {"IL"}
    assert outlet_states("http://www.delawareonline.com/story/news") == {"DE"}
    assert outlet_states("http://www.mysanantonio.com/news") == {"TX"}
    # Two cities of one name, neither far bigger: both states.
    assert outlet_states("http://www.kansascity.com/news") == {"KS", "MO"}


def test_outlet_states_none_when_the_host_names_no_home() -> None:
    assert outlet_states("http://www.wsmv.com/story") == frozenset()
    assert outlet_states("http://www.latimes.com/local") == frozenset()
    assert outlet_states(None) == frozenset()


def test_a_name_inside_a_longer_one_is_part_of_it() -> None:
    # "kansas" inside "arkansas", "virginia" inside "westvirginia".
    assert outlet_states("http://www.arkansasonline.com/news") == {"AR"}
    assert outlet_states("http://www.westvirginia.com/") == {"WV"}


def test_outlet_state_picks_the_local_namesake() -> None:
    text = ["Two men were shot dead late Friday in Pasadena, police said."]
    # Without context the bigger namesake (Pasadena, Texas) wins; a Los Angeles outlet's
    # report means Pasadena, California.
    assert _event_town(extract(text, title="2 shot dead")) == ("Pasadena", "TX")
    here = extract(text, title="2 shot dead", url=WAYBACK + "http://www.losangelesnews.com/a")
    assert _event_town(here) == ("Pasadena", "CA")
    assert here.region_key == "US-CA"


def test_a_state_the_text_names_beats_the_outlet_state() -> None:
    x = extract(
        ["Two men were shot dead late Friday in Pasadena, Texas, police said."],
        title="2 shot dead",
        url="http://www.losangelesnews.com/a",
    )
    assert _event_town(x) == ("Pasadena", "TX")


def test_a_report_naming_no_place_takes_the_outlet_state() -> None:
    text = ["A man was shot on Copeland Street on Sunday night and died at a hospital."]
    assert extract(text, title="Man shot dead").region_key == "unknown"
    x = extract(text, title="Man shot dead", url="http://www.northwestgeorgianews.com/rome/a")
    assert x.region_key == "US-GA"
    # Two states: no guess.
    x = extract(text, title="Man shot dead", url="http://www.kansascity.com/news/a")
    assert x.region_key == "unknown"


def _place(name: str, kind: str, role: str, country: str, admin1: str | None) -> Place:
    return Place(
        name=name,
        kind=kind,  # type: ignore[arg-type]
        role=role,  # type: ignore[arg-type]
        country_code=country,
        admin1_code=admin1,
    )


def test_region_outlet_state_only_when_no_place_says_otherwise() -> None:
    assert region_key([], "GA") == "US-GA"
    assert region_key([], None) == "unknown"
    town = _place("Rome", "city", "event", "US", "NY")
    assert region_key([town], "GA") == "US-NY"
    abroad = _place("Mexico", "country", "event", "MX", None)
    assert region_key([abroad], "GA") == "MX"


def test_region_a_bare_event_state_gives_way_to_the_dateline_town() -> None:
    texas = _place("Texas", "admin1", "event", "US", "TX")
    orleans = _place("New Orleans", "city", "dateline", "US", "LA")
    assert region_key([texas, orleans]) == "US-LA"
    assert region_key([texas]) == "US-TX"
    # A dateline abroad, or an event town, keeps the event's state.
    paris = _place("Paris", "city", "dateline", "FR", "11")
    assert region_key([texas, paris]) == "US-TX"
    houston = _place("Houston", "city", "event", "US", "TX")
    assert region_key([houston, texas, orleans]) == "US-TX"


def test_washington_state_is_the_state() -> None:
    x = extract(
        ["A gunman opened fire at a high school in Marysville, in Washington state, on Friday."],
        title="School shooting",
    )
    states = {p.admin1_code for p in x.places if p.kind == "admin1"}
    assert states == {"WA"}
    assert x.region_key == "US-WA"


def test_a_lower_case_street_word_after_a_town_is_no_address() -> None:
    x = extract([], title="Four-year-old wounded in central Fresno drive-by shooting")
    assert _event_town(x) == ("Fresno", "CA")
    x = extract([], title="Two people shot dead in car on Miami Gardens street")
    assert _event_town(x) == ("Miami Gardens", "FL")


def test_a_capitalised_street_word_still_makes_an_address() -> None:
    x = extract(["A man was shot on Fresno Drive in Pasadena, California, on Monday."])
    assert ("Fresno", "CA") not in {(p.name, p.admin1_code) for p in x.places}
