"""Where an article's outlet is, as its own URL says: "abc7chicago.com", "nbcconnecticut.com",
"delawareonline.com", "courant.com/news/connecticut/...", "miami.cbslocal.com".

US local news names a town without its state ("shot in Laurel", "a shooting in Pasadena"),
trusting its readers to know where the paper is. The outlet's name often says it, and the name
is in the URL. This module reads only the URL's own words, never a list of outlets:

- in the host name (without "www." and the top-level domain), the name of a US state
  ("nbcconnecticut", "northwestgeorgianews", "limaohio") or of a US city of 100,000 or more
  people ("abc7chicago", "onlineathens", "kansascity") anywhere in a run of letters, longest
  first; but not inside a longer name, of a state or of any US town of 20,000 or more: not
  "kansas" in "arkansas", "renton" (Wash.) in "trentonian" (Trenton), "denton" in "bradenton".
  A city's name of four letters ("mesa", "erie") counts only where a name starts: at the start
  of the run or after an outlet's prefix word ("nbc", "fox", "the", "my", "north"...), so
  "erie" in "series" is none;
- a whole path segment ("/news/connecticut/", "/local/dc/", "/new-york/") that is a state's
  name, or the "dc" of the District of Columbia; or a first segment that is a big city's, a
  site's edition ("dnainfo.com/chicago/"). The story's slug is its headline, never read.

Archive wrappers ("http://web.archive.org/web/2014.../http://www.waff.com/...") are looked
through to the outlet's own URL. What this finds is context, not the event's place: stations
and papers carry stories from elsewhere, so it only tips what the report leaves open. The
states of these places (`outlet_states`, at most two) weigh towns with namesakes in other
states (places.py `_pick_city`: weaker than a state the text names, stronger than population
alone), and a report that names no place at all takes the one state as its region (region.py).
On gva-dev the URLs of 776 articles name one state, 682 the right one; their hosts alone 668,
584 right (reading names only at a word's start: 536 of 619; anywhere in the host, even inside
a longer name: 566 of 642). Adding these places as context mentions of their own, like the
outlet part of a title, lowered the merge's pairwise precision (0.900 to 0.892): not done.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from streams.extract.gazetteer import City, gazetteer
from streams.extract.text import strip_accents

#: A city big enough that its name in a host name means it (smaller towns' names are words).
BIG_CITY = 100_000
#: A town this big whose name holds a big city's ("Trenton": "renton") hides it.
TOWN = 20_000
#: Shortest run of letters read as a name: "iowa", "ohio", "utah", "erie", "mesa"...
_MIN_LEN = 4
#: A city's name shorter than this is read only where a name starts ("erie" in "series" is not).
_MIN_INSIDE = 5
#: Words of outlets' names that are also the names of cities somewhere ("Enterprise, Nev.").
_MEDIA_NAMES = frozenset({"enterprise", "independence", "mobile", "citizen", "sun"})

#: Words outlets put before their town's name: networks, "the", "my", "we are", directions.
_PREFIXES = (
    "the",
    "my",
    "we",
    "are",
    "abc",
    "nbc",
    "cbs",
    "fox",
    "news",
    "wgn",
    "cw",
    "go",
    "visit",
    "north",
    "south",
    "east",
    "west",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
    "central",
    "upper",
    "greater",
    "metro",
)

#: A namesake this many times smaller than the biggest US one of its name is not meant.
_ANCHOR_RATIO = 5
#: More states than this in one host name say nothing of where the outlet is.
_MAX_STATES = 2

_EMBEDDED_URL = re.compile(r"/(https?:/{1,2}[^/].*)$", re.IGNORECASE)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//([^/?#:]+)(?::\d+)?([^?#]*)", re.IGNORECASE)
_LETTERS = re.compile(r"[a-z]+")
_NOT_LETTER = re.compile(r"[^a-z]")


class OutletPlace(NamedTuple):
    """A place the URL names: a state (`state` its code) or a big city's US namesakes (`cities`)."""

    surface: str
    state: str | None
    cities: tuple[City, ...]


class _Names(NamedTuple):
    states: dict[str, str]  # state name without spaces -> code
    cities: dict[str, str]  # city name as letters only -> the name as the gazetteer writes it
    towns: frozenset[str]  # smaller US towns' names without spaces


def _joined(name: str) -> str:
    """A name as a host name writes it: "El Paso" as "elpaso", "St. Louis" as "stlouis"."""
    return _NOT_LETTER.sub("", strip_accents(name.lower()))


@lru_cache(maxsize=1)
def _names() -> _Names:
    """State and big-city names as they are written in host names (lower case, no spaces)."""
    gaz = gazetteer()
    states = {_joined(name): code for code, (name, _) in gaz.states.items()}
    cities: dict[str, str] = {}
    towns: set[str] = set()
    for row, name in enumerate(gaz.names):
        if gaz.populations[row] < TOWN:
            break  # rows are most populous first
        if gaz.country_codes[row] != "US":
            continue
        joined = _joined(name)
        if len(joined) < _MIN_LEN or joined in states or joined in _MEDIA_NAMES:
            continue
        if gaz.populations[row] >= BIG_CITY:
            cities.setdefault(joined, name)
        elif joined not in cities:
            towns.add(joined)
    return _Names(states, cities, frozenset(towns))


def _outlet_url(url: str) -> str:
    """`url`, or the outlet's own URL inside an archive wrapper."""
    inner = _EMBEDDED_URL.search(url.strip())
    return inner.group(1) if inner is not None else url.strip()


def outlet_host(url: str | None) -> str:
    """The host of the outlet that published `url` (lower case), looking through archives."""
    if not url:
        return ""
    m = _URL.match(_outlet_url(url))
    return m.group(1).lower() if m else ""


def _big_states(cities: tuple[City, ...]) -> set[str]:
    """States of a name's US namesakes not far smaller than its biggest one."""
    if not cities:
        return set()
    top = max(c.population for c in cities)
    return {c.admin1_code for c in cities if c.admin1_code and c.population * _ANCHOR_RATIO > top}


def outlet_states(url: str | None) -> frozenset[str]:
    """US state codes of the places the outlet's URL names ("delawareonline.com": DE;
    "abc7chicago.com": IL; "kansascity.com": KS and MO; "courant.com/news/connecticut/": CT);
    empty when it names none, or too many states."""
    states: set[str] = set()
    for place in outlet_places(url):
        if place.state:
            states.add(place.state)
        else:
            states |= _big_states(place.cities)
    return frozenset(states) if len(states) <= _MAX_STATES else frozenset()


@lru_cache(maxsize=4096)
def _host_places(host: str) -> tuple[OutletPlace, ...]:
    names = _names()
    gaz = gazetteer()
    labels = host.lower().split(".")
    if labels[:1] == ["www"]:
        labels = labels[1:]
    found: list[OutletPlace] = []
    for label in labels[:-1]:  # not the top-level domain
        for run in _LETTERS.findall(label):
            spans = _spans(run)
            for i, j, word in spans:
                # A name inside a longer one is part of it: "kansas" in "arkansas", "renton" in
                # "trentonian" (Trenton), "denton" in "bradenton".
                if not word or any(s <= i and j <= e and (s, e) != (i, j) for s, e, _ in spans):
                    continue
                if word in names.states:
                    found.append(_state_place(word, names.states[word]))
                else:
                    key = names.cities[word]
                    cands = tuple(
                        c
                        for c in gaz.candidates(key)
                        if c.country_code == "US" and _joined(c.name) == word
                    )
                    found.append(OutletPlace(key, None, cands))
    return tuple(found)


def _spans(run: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the longest name at each place of a run of letters: a state's or
    big city's name, or "" for a smaller town's (which only covers the names inside it)."""
    names = _names()
    starts = _name_starts(run)
    spans: list[tuple[int, int, str]] = []
    for i in range(len(run)):
        for j in range(len(run), i + _MIN_LEN - 1, -1):
            word = run[i:j]
            if word in names.states or (
                word in names.cities and (len(word) >= _MIN_INSIDE or i in starts)
            ):
                spans.append((i, j, word))
                break
            if word in names.towns:
                spans.append((i, j, ""))
                break
    return spans


def _name_starts(run: str) -> list[int]:
    """Where a name may start in a run of letters: its start, or after prefix words."""
    starts = [0]
    frontier = [0]
    while frontier:
        i = frontier.pop()
        for word in _PREFIXES:
            if run.startswith(word, i) and i + len(word) not in starts:
                starts.append(i + len(word))
                frontier.append(i + len(word))
    return sorted(starts)


def _state_place(word: str, code: str) -> OutletPlace:
    gaz = gazetteer()
    if code == "WA" and word == "washington":
        # "washingtonpost", "nbcwashington": the capital, as a dateline "WASHINGTON" is.
        capital = tuple(
            c
            for c in gaz.candidates("Washington")
            if c.country_code == "US" and c.admin1_code == "DC"
        )
        if capital:
            return OutletPlace("Washington", None, capital[:1])
    return OutletPlace(gaz.states[code][0], code, ())


def outlet_places(url: str | None) -> list[OutletPlace]:
    """The places the article's URL names (see the module docstring), host first."""
    if not url:
        return []
    m = _URL.match(_outlet_url(url))
    if m is None:
        return []
    found = list(_host_places(m.group(1)))
    names = _names()
    segments = m.group(2).lower().split("/")[1:-1]  # the last one is the story's slug
    for n, segment in enumerate(segments):
        word = segment.replace("-", "").replace("_", "")
        if word == "dc":
            found.append(OutletPlace(gazetteer().states["DC"][0], "DC", ()))
        elif word in names.states:
            found.append(_state_place(word, names.states[word]))
        elif n == 0 and word in names.cities:
            # A site's edition: "dnainfo.com/chicago/...", "patch.com/..." (later segments are
            # sections, often a city's neighbourhoods: ".../chicago/20160322/austin/").
            key = names.cities[word]
            cands = tuple(
                c
                for c in gazetteer().candidates(key)
                if c.country_code == "US" and _joined(c.name) == word
            )
            found.append(OutletPlace(key, None, cands))
    return found
