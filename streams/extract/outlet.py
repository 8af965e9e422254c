"""Where an outlet is, from its host name: "chicagotribune.com", "delawareonline.com".

Local news names its home in its host more often than not, and a report names its town bare
("a shooting in Pasadena"), trusting its readers to know which one. So a host that spells out
a US state or a big US city is weak context for towns with namesakes in other states
(places.py `_pick_city`): weaker than a state the text names, stronger than population alone.
Archive wrappers ("web.archive.org/web/2016.../http://www.wsmv.com/...") are looked through
to the outlet's own URL. A report that names no place at all takes the outlet's state as its
region (region.py). On gva-dev the hosts of 583 articles name one state, 543 the right one; with
these two rules (and "drive-by" / "a Miami Gardens street" no longer read as addresses,
places.py `_street_after`) region keys right went from 2,552 to 2,598 of the 2,888 articles
with a gold state, and the merge's pairwise F1 (core fold) from 0.775 to 0.780.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from streams.extract.gazetteer import gazetteer

#: A US city this big whose name a host spells out counts as the outlet's home.
HOME_CITY_POPULATION = 100_000
#: Names shorter than this are too often part of other words ("erie" in "series").
_MIN_NAME = 5
#: A namesake this many times bigger than every other US one of its name is the one meant.
_ANCHOR_RATIO = 5
_EMBEDDED_URL = re.compile(r"/(https?:/{1,2}[^/].*)$", re.IGNORECASE)
_NOT_LETTER = re.compile(r"[^a-z]")
_HOST_PREFIXES = frozenset({"www", "m", "mobile", "amp", "edition", "beta"})


def outlet_host(url: str | None) -> str:
    """The host of the outlet that published `url`, looking through archive wrappers."""
    if not url:
        return ""
    inner = _EMBEDDED_URL.search(url)
    if inner is not None:
        url = inner.group(1)
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.lower()


@lru_cache(maxsize=1)
def _home_names() -> tuple[tuple[str, frozenset[str]], ...]:
    """(letters-only name, US states it means) of every state and big US city."""
    gaz = gazetteer()
    found: dict[str, set[str]] = {}
    for code, (name, _) in gaz.states.items():
        key = _NOT_LETTER.sub("", name.lower())
        if len(key) >= 4:
            found.setdefault(key, set()).add(code)
    cities: dict[str, list[tuple[int, str]]] = {}
    for row, name in enumerate(gaz.names):
        if gaz.country_codes[row] == "US":
            key = _NOT_LETTER.sub("", name.lower())
            cities.setdefault(key, []).append((gaz.populations[row], gaz.admin1_codes[row]))
    for key, towns in cities.items():
        towns.sort(reverse=True)
        if len(key) < _MIN_NAME or towns[0][0] < HOME_CITY_POPULATION:
            continue
        # "Kansas City" is two cities of one name, neither far bigger: both states.
        if len(towns) > 1 and towns[0][0] < _ANCHOR_RATIO * towns[1][0]:
            states = {s for p, s in towns if p * _ANCHOR_RATIO > towns[0][0]}
        else:
            states = {towns[0][1]}
        found.setdefault(key, set()).update(states)
    return tuple(sorted((k, frozenset(v)) for k, v in found.items()))


def outlet_states(url: str | None) -> frozenset[str]:
    """US state codes the outlet's host names ("delawareonline.com": DE; "abc7chicago.com":
    IL); empty when it names none, or names places of more than one state."""
    host = outlet_host(url)
    if not host:
        return frozenset()
    labels = [label for label in host.split(".")[:-1] if label not in _HOST_PREFIXES]
    letters = _NOT_LETTER.sub("", "".join(labels))
    if len(letters) < 4:
        return frozenset()
    spans = []
    for key, codes in _home_names():
        start = letters.find(key)
        if start >= 0:
            spans.append((start, start + len(key), codes))
    # A name inside a longer one found is part of it: "kansas" in "arkansas", "virginia" in
    # "westvirginia", "indiana" in "indianapolis".
    states: set[str] = set()
    for start, end, codes in spans:
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans):
            states |= codes
    return frozenset(states) if len(states) <= 2 else frozenset()
