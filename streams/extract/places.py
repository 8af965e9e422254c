"""Find place names in an article, resolve them against the gazetteer and give them roles.

Capitalised n-grams are looked up in the gazetteer dicts (never a loop over the gazetteer).
Ambiguous names ("Springfield", "Washington County") are resolved with context from the same
text: an explicit qualifier right after the name ("Springfield, Ill.", "Jackson, Miss."), the
dateline, and the states/countries mentioned elsewhere. Villages the gazetteer does not know
("the village of Al-Qasr", "Gallatin, N.Y.") are kept as localities attached to their admin area.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, islice

from schemas.articles import Place, PlaceKind, PlaceRole
from streams.extract.gazetteer import AP_STATES, DEMONYMS, City, Gazetteer, gazetteer
from streams.extract.text import (
    MONTHS,
    WEEKDAYS,
    Sentence,
    fold_punct,
    lower_word_set,
    name_key,
    normalise_space,
)


def _wordset(text: str) -> frozenset[str]:
    """A set of words written as one string (easier to read and keep than a list)."""
    return frozenset(text.split())


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f'-]*\.?")
_CAPITAL = re.compile(r"[A-Z]")
_CONNECTORS = frozenset({"of", "de", "la", "du", "des", "del", "el", "al", "ez", "ed", "ad", "and"})
_ARABIC_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|az|ad|ed)-[A-Z]")
# Capitalised words that may follow a place name without making it part of a person's name.
_OK_AFTER = frozenset(
    [
        "police",
        "department",
        "county",
        "township",
        "city",
        "province",
        "governorate",
        "region",
        "district",
        "state",
        "sheriff",
        "sheriff's",
        "fire",
        "mayor",
        "council",
        "high",
        "school",
        "hospital",
        "memorial",
        "regional",
        "medical",
        "authorities",
        "officials",
        "residents",
        "man",
        "woman",
        "teen",
        "boy",
        "girl",
        "native",
        "area",
        "village",
        "town",
        "parish",
        "metro",
        "metropolitan",
        "community",
        "university",
        "college",
        "airport",
    ]
)
# Common capitalised words that happen to be town names somewhere (or are sentence starters).
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "in",
        "on",
        "at",
        "of",
        "for",
        "by",
        "police",
        "sheriff",
        "officer",
        "officers",
        "deputy",
        "deputies",
        "chief",
        "mayor",
        "president",
        "governor",
        "state",
        "city",
        "county",
        *WEEKDAYS,
        *MONTHS,
        "today",
        "tonight",
        "yesterday",
        "north",
        "south",
        "east",
        "west",
        "central",
        "center",
        "union",
        "liberty",
        "independence",
        "justice",
        "hope",
        "victory",
        "friendship",
        "commerce",
        "mission",
        "progress",
        "security",
        "church",
        "street",
        "avenue",
        "road",
        "home",
        "mobile",
        "national",
        "news",
        "report",
        "reporter",
        "photo",
        "video",
        "read",
        "more",
        "comments",
        "share",
        "email",
        "print",
        "post",
        "after",
        "before",
        "when",
        "while",
        "during",
        "but",
        "and",
        "or",
        "if",
        "as",
        "so",
        "not",
        "no",
        "yes",
        "why",
        "what",
        "who",
        "where",
        "how",
        "all",
        "some",
        "many",
        "most",
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
        "first",
        "second",
        "third",
        "man",
        "woman",
        "men",
        "women",
        "people",
        "family",
        "officials",
        "authorities",
        "witnesses",
        "victims",
        "victim",
        "suspect",
        "god",
        "christmas",
        "easter",
        "memorial",
        "labor",
        "veterans",
        "thanksgiving",
        "halloween",
        "boulevard",
        "court",
        "park",
        "lake",
        "river",
        "beach",
        "valley",
        "hill",
        "hills",
        "springs",
        "heights",
        "grove",
        "harbor",
        "bay",
        "island",
        "islands",
        "long",
        "short",
        "little",
        "big",
        "new",
        "old",
        "green",
        "white",
        "black",
        "brown",
        "king",
        "queen",
        "prince",
        "price",
        "unknown",
        "updated",
        "copyright",
        "related",
        "latest",
        "breaking",
        "local",
        "sports",
        "weather",
        "traffic",
        # "Area residents said", "University police": GeoNames knows both as towns' names.
        "area",
        "university",
        # "Early Sunday, ...", "Late Friday": before a day, never a town (Early, Texas).
        "early",
        "late",
        "last",
        "next",
        "since",
        "until",
        "overnight",
    ]
)
# "Long Island" is the island (GeoNames gives it as another name of Long Island City).
_NOT_PLACES = frozenset(
    {"white house", "u s", "us", "uk", "u k", "un", "eu", "gulf", "long island"}
)
_ADMIN_OF = re.compile(
    r"\b(?:province|governorate|region|district|oblast|prefecture) of\s+$", re.IGNORECASE
)
# The "after" patterns are used as rx.match(text, pos) (no slicing of the sentence), so they
# carry no "^": match() anchors at pos, where "^" would only match at the string's start.
_ADMIN_SUFFIX = re.compile(
    r"\s+(province|governorate|region|district|state|oblast|prefecture)\b", re.IGNORECASE
)
_POSTAL = re.compile(r"\s*,\s*([A-Z]{2})\b(?![.\w])")
# "Ill.", "N.C.", "W.Va." / "W. Va.", "Ohio", "New Mexico".
_QUALIFIER = re.compile(
    r"\s*,\s*((?:[A-Z]\.){2,}|[A-Z]\.\s?[A-Z][a-z]+\.|[A-Z][a-z]+\.|(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)"
)
_VILLAGE_BEFORE = re.compile(
    r"\b(?:village|town|hamlet|township|community|neighbou?rhood|suburb) of\s+$", re.IGNORECASE
)
_VILLAGE_WORDS = _wordset(
    "village town hamlet township community neighbourhood neighborhood suburb camp section"
)
_COMMA_NEXT = re.compile(r"\s*,")
# "in the Upton neighborhood", "the Kensington section of Philadelphia": a quarter of a town.
# (Both are tried only in a sentence with a word of _VILLAGE_WORDS, which lists "section".)
_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhood|section)\b", re.IGNORECASE)
_QUARTER_OF = re.compile(r"\b(?:neighbou?rhood|section) of\s+$", re.IGNORECASE)
_VILLAGE_AFTER = re.compile(r"\s+(village|town|hamlet|camp)\b", re.IGNORECASE)
_A_TOWN_IN = re.compile(r"\s*,\s*an?\s+(?:\w+\s+){0,2}(?:village|town|city|community)\b", re.I)

# Street names are often town names elsewhere ("the 1200 block of North Pulaski", "54th and
# Ludlow streets", "Caledonia Road"): a name right before a street word or after "block of" is
# an address, not a place.
_STREET_AFTER = re.compile(
    r"\s+(?:streets?|st\b|avenues?|ave\b|roads?|rd\b|drive(?![- ]by\b)|dr\b|boulevard|blvd"
    r"|lane|ln\b|way|court|ct\b|place|pl\b|parkway|pkwy|highway|hwy|terrace|circle|pike"
    r"|trail)\b",
    re.IGNORECASE,
)


def _street_after(text: str, end: int) -> bool:
    """A street word right after a name makes it an address ("Caledonia Road", "Ludlow and
    54th streets"); one street word in lower case is a street of the town, not a part of its
    name: "shot dead on a Miami Gardens street"; nor is "drive-by" ("a central Fresno drive-by
    shooting")."""
    found = _STREET_AFTER.match(text, end)
    if found is None:
        return False
    word = found.group(0).lstrip()
    return word[0].isupper() or word.endswith("s")


# "near Lynn and Michigan streets": the first of two streets named together.
_STREETS_AFTER = re.compile(
    r"\s+(?:and|&)\s+(?:[NSEW]\.?\s+)?[A-Z0-9][\w.'-]*(?:\s+[A-Z][\w.'-]*)?"
    r"\s+(?:streets|avenues|roads|drives|boulevards|lanes|sts\.|aves\.)"
)
# A bare number before a name is a house number ("4500 Pulaski") only with two digits or
# more: "2 Blytheville teens charged" counts people.
_STREET_BEFORE = re.compile(
    r"(?:\bblock of|\b\d+(?:st|nd|rd|th) (?:street |avenue )?and|\b\d{2,}"
    r"|\b(?:intersection|corner) of"
    r"|\b(?:street|st\.|avenue|ave\.|road|rd\.|drive|boulevard) and)\s+"
    r"(?:(?:north|south|east|west|n\.|s\.|e\.|w\.)\s+)?$",
    re.IGNORECASE,
)
# What _STREET_BEFORE can end with, once the whitespace before the name is stripped: "of",
# "and", a digit, or a direction.
_STREET_BEFORE_ENDS = ("of", "and", "north", "south", "east", "west", "n.", "s.", "e.", "w.")


def _street_before(text: str, start: int) -> bool:
    """Whether _STREET_BEFORE matches right before text[start:] ("the 1200 block of ...").

    Asked of every town and state name; most follow no word it can end with, and telling that
    from the last few characters spares the search (on gva-dev 104 -> 51 ms a pass).
    """
    tail = text[max(0, start - 16) : start].rstrip()
    if tail.isascii() and tail:
        tail = tail.lower()
        if not tail.endswith(_STREET_BEFORE_ENDS) and not tail[-1].isdigit():
            return False
    return _ends_with(_STREET_BEFORE, text, start) is not None


# The "before" patterns end in "$": searched over the whole text before a name they cost time
# quadratic in the sentence length, yet what they match is a few words long. Sentences have
# their whitespace folded to single spaces, so the last _BEFORE_WINDOW characters hold any match;
# search(text, pos, endpos) still sees the real character before pos for "\b".
_BEFORE_WINDOW = 80


# People named like towns ("Sheriff David Taylor said", "Cheron Shelton, 29,", "Maj. L.T.
# Guthrie"): a name after a title or an initial, before an age or before "said", is a person.
_PERSON_AFTER = re.compile(
    r",\s*\d{1,3}\s*,|\s+(?:said|says|told|added|testified|wrote|explained|stated|asked)\b"
)
_PERSON_TITLES = _wordset(
    "mr. mrs. ms. dr. sgt. lt. det. capt. cpl. maj. col. gen. sen. rep. gov. rev. ofc. "
    "insp. supt. deputy officer sergeant lieutenant detective captain sheriff chief mayor "
    "judge trooper agent coach pastor reverend attorney coroner spokesman spokeswoman "
    "councilman councilwoman commissioner superintendent principal president governor senator"
)
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:High|Middle|Elementary|Junior|Senior)?\s*(?:School|Academy|University|College|"
    r"Hospital|Medical Center|Memorial Hospital)\b"
)
_POLICE_AFTER = re.compile(
    r"\s+(?:(?:metropolitan|metro|city)\s+)?(?:police|police department|pd|police officers)\b",
    re.I,
)
_INITIAL = re.compile(r"(?:[A-Z]\.)+$")
# A quoted nickname comes between a person's given name and surname: 'Roderick "Riki" Rogers'.
_NICKNAME_BEFORE = re.compile(r"[\"“][A-Z][\w.'-]*[\"”]\s$")
# "<name>, 20, of X", "a man of X", "Veron Black of X": the residence of a person.
_RESIDENCE_BEFORE = re.compile(
    r"(?:\b\d{1,3},?|\b(?:man|woman|boy|girl|teen|teenager|resident|residents|native|youth|"
    r"male|female|victim|suspect|couple|family|mother|father|son|daughter)|\b(?P<cap>[A-Z][a-z]+),?)"
    r"\s+of\s+$"
)
# Capitalised words before "of" that open an institution or an area, not a person's name.
_OF_INSTITUTIONS = _wordset(
    "university city town village state county department bank college church republic "
    "province district borough township commonwealth gulf bay isle port school office board "
    "people outskirts north south east west center centre heart part area suburbs streets "
    "mayor governor chief sheriff police"
)


def _is_person(text: str, toks: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """Whether the name toks[i..j] is a person's, judged by the words right around it."""
    if _PERSON_AFTER.match(text, toks[j][1]):
        return True
    if i > 0 and text[toks[i - 1][1] : toks[i][0]] == " ":
        prev = toks[i - 1][2]
        if prev.lower() in _PERSON_TITLES or _INITIAL.match(prev):
            return True
    return False


# "was taken to Jackson for treatment", "flown to a hospital in Memphis": where a victim was
# treated, not where it happened.
_TREATED_BEFORE = re.compile(
    r"\b(?:taken|transported|rushed|flown|airlifted|driven|transferred|moved)\s+"
    r"(?:\w+\s+){0,2}?to\s+(?:(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:hospital|medical center|"
    r"trauma center)\s+in\s+)?$"
    r"|\bhospital in\s+$"
    # "taken to Regional Medical Center in Tupelo": a named hospital's town.
    r"|\b(?:medical|trauma|health) cent(?:er|re) in\s+$",
    re.IGNORECASE,
)
# "in critical condition at a Jackson hospital", "died in an Anchorage hospital": the town of
# the hospital a victim went to (lower-case "hospital": not a hospital's own name).
_HOSPITAL_AFTER = re.compile(r"\s+(?:area\s+)?hospitals?\b")


def _is_residence(text: str, start: int) -> bool:
    m = _ends_with_of(_RESIDENCE_BEFORE, text, start)
    return m is not None and (m.group("cap") or "").lower() not in _OF_INSTITUTIONS


def _ends_with(rx: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """rx (ending in "$") searched in text[:end], looking only at its last few words."""
    return rx.search(text, max(0, end - _BEFORE_WINDOW), end)


def _after_of(text: str, end: int) -> bool:
    """Whether text[:end] ends in "of" (any case) and whitespace.

    The "... of $" patterns (_ADMIN_OF, _VILLAGE_BEFORE, _RESIDENCE_BEFORE) are asked about
    nearly every name, and few names follow "of": this test is far cheaper than their search.
    """
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return 2 <= k < end and text[k - 2 : k].lower() == "of"


def _ends_with_of(rx: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """`_ends_with` for a pattern ending in "of\\s+$": no search where "of" is not there."""
    return _ends_with(rx, text, end) if _after_of(text, end) else None


#: A city this much bigger than every namesake is what an unqualified mention means.
_ANCHOR_POPULATION = 100_000
_ANCHOR_RATIO = 5
#: What the outlet's home state adds to a town's score in `_pick_city` (a state the text
#: names adds 4 or more; a tenfold population 0.5).
OUTLET_STATE_WEIGHT = 2.0
#: What a station's side of the Mississippi (its call sign, stations.py) adds to a town there.
STATION_SIDE_WEIGHT = 1.0

_KIND_RANK: dict[str, int] = {"locality": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}
_ROLE_RANK: dict[str, int] = {"event": 0, "dateline": 1, "mentioned": 2}


@dataclass
class Mention:
    """One place name occurrence and (once resolved) the place it denotes."""

    sentence: int
    start: int
    surface: str
    kind: PlaceKind
    candidates: list[City] = field(default_factory=list)
    country_code: str | None = None
    admin1_code: str | None = None
    admin2_name: str | None = None
    geonames_id: int | None = None
    name: str = ""
    qualifier_state: str | None = None
    qualifier_country: str | None = None
    village: bool = False
    dateline: bool = False
    within: str | None = None
    #: Where someone lives ("Veron Black, 20, of Maple Heights"), not where it happened.
    residence: bool = False
    #: Where a victim was taken for treatment ("taken to Jackson", "a hospital in Memphis").
    treated: bool = False
    #: Named as a police force's town ("Chicago police", "the Naples Police Department").
    police: bool = False
    #: Named in the outlet part of the title ("WBTV Charlotte"): context, not a dateline.
    site: bool = False
    #: Named as a part of a town ("the Upton neighborhood", "the Kensington section of"):
    #: the gazetteer knows many big cities' quarters as towns of their own.
    quarter: bool = False
    #: The name of an institution ("Edison High School", "Temple University Hospital"):
    #: often a person's or another town's name, so never where the event happened.
    institution: bool = False
    population: int = 0


_ARTICLE_WORDS = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "ez", "an", "at", "es"})


@lru_cache(maxsize=65_536)
def cached_key(surface: str) -> str:
    return name_key(surface)


def _clean_surface(text: str) -> str:
    text = text.rstrip(".,")
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


def _qualifier(gaz: Gazetteer, rest: str, pos: int = 0) -> tuple[str | None, str | None]:
    """A ', <state>' or ', <country>' at rest[pos:], right after a name: (state, country)."""
    m = _POSTAL.match(rest, pos)
    if m and m.group(1) in gaz.states:
        return m.group(1), "US"
    m = _QUALIFIER.match(rest, pos)
    if not m:
        return None, None
    surface = m.group(1)
    key = name_key(surface)
    code = gaz.state_keys.get(key)
    # AP forms ("Ill.", "N.C.") only count with their period; "Miss" alone is a title.
    if code and (key in _full_states() or surface.endswith(".")):
        return code, "US"
    first = key.split(" ")[0]
    country = gaz.country_keys.get(key) or gaz.country_keys.get(first)
    if country:
        return None, country
    return None, None


def _lookup(
    gaz: Gazetteer, surface: str, text: str, start: int, end: int
) -> tuple[PlaceKind, list[City], str] | None:
    """What `surface` (text[start:end], cleaned) names, judged with the words around it."""
    if surface in _NOWHERE:
        return None
    key = cached_key(surface)
    if not key or key in DEMONYMS or key in _NOT_PLACES:
        _nowhere(surface)
        return None
    if key in _STOP:
        if key not in gaz.city_keys:
            # No town is called so: not even the context rules below can make it a place.
            # Remembered like the unknown names below, for "The", "He", "Police" and the like
            # come back in nearly every sentence (on gva-dev, of a pass's 218,000 lookups,
            # 75,000 get past _NOWHERE where 121,000 did).
            _nowhere(surface)
            return None
        if not (_state_qualified_town(gaz, key, text, end) or _police_town(gaz, key, text, end)):
            return None
    if key == "d c" or key == "dc" and surface == "DC":
        return "admin1", [], "d c"  # "D.C.", "Southeast DC": the District of Columbia
    if surface.isupper() and len(surface) <= 5 and "." not in surface:
        return None  # "SANA", "AP", "US": acronyms, not places
    if key.endswith((" county", " parish", " borough")) and key in gaz.counties:
        return "admin2", [], key
    if key.endswith(" co") and f"{key[:-3]} county" in gaz.counties:
        return "admin2", [], f"{key[:-3]} county"  # "Marshall Co. boy", "in Gloucester Co."
    # Most capitalised words name no city even loosely: the context regexes below only run
    # for those that do (the gazetteer memoises the candidates per surface).
    loose_cands = gaz.candidates(surface, loose=True)
    if (
        not loose_cands
        and key not in (_FULL_STATE_KEYS or _full_states())
        and key not in gaz.country_keys
        and key not in gaz.counties
    ):
        # Names nothing whatever the context: most capitalised words ("Smith").
        _nowhere(surface)
        return None
    if loose_cands:
        admin_context = bool(
            _ADMIN_SUFFIX.match(text, end) or _ends_with_of(_ADMIN_OF, text, start)
        )
        if admin_context and not text[end:].lstrip().lower().startswith("state "):
            if key in (_FULL_STATE_KEYS or _full_states()):
                return "admin1", [], key  # "Washington state" is the state, not the city
            return "admin1", list(loose_cands), key
    if key in (_FULL_STATE_KEYS or _full_states()):
        # A state sharing its name with a big city: "Washington, D.C." and "southeast
        # Washington" name the city; "Washington" alone stays the state.
        if _CITY_OF_STATE_AFTER.match(text, end) or _ends_with(_QUARTER_BEFORE, text, start):
            city = _big_us_city(gaz, surface)
            if city is not None:
                return "city", [city], key
        return "admin1", [], key
    if key in gaz.country_keys:
        return "country", [], key
    cands = list(_own_names_first(surface))
    if not cands and len(key) >= 6 and loose_cands:
        # Transliteration fallback only for well-known places or where the text says "village".
        village = bool(
            _ends_with_of(_VILLAGE_BEFORE, text, start) or _VILLAGE_AFTER.match(text, end)
        )
        cands = [c for c in loose_cands if village or c.population >= 100_000]
    if cands:
        return "city", cands, key
    return None


@lru_cache(maxsize=16_384)
def _own_names_first(surface: str) -> list[City]:
    """Candidates of `surface`, without towns of a country it is only an alternate name of.

    "Harrington" is a town of that name in Delaware and, in GeoNames, an alternate name of
    Augusta, Maine: where a country has a town whose own name is the one written, a bigger
    town of the same country known by it only as an alternate is not what the text means.
    """
    cands = gazetteer().candidates(surface)
    if len(cands) < 2:
        return list(cands)
    key = cached_key(surface)
    own = {c.country_code for c in cands if cached_key(c.name) == key}
    return [c for c in cands if c.country_code not in own or cached_key(c.name) == key]


def _state_qualified_town(gaz: Gazetteer, key: str, text: str, end: int) -> bool:
    """Whether a common word that names towns is one here: "Independence, Mo.", "Mobile, Ala."

    Words such as "Independence", "Mobile" or "Union" are stop words (mostly they open a
    sentence or name a thing), but followed by the state of a town so named they are the town.
    """
    if not text.startswith(",", end) or key not in gaz.city_keys:
        return False
    state, _ = _qualifier(gaz, text, end)
    return state is not None and any(
        c.country_code == "US" and c.admin1_code == state for c in gaz.candidates(key)
    )


def _police_town(gaz: Gazetteer, key: str, text: str, end: int) -> bool:
    """Whether a common word that names towns is one as a police force's name.

    "according to Mobile Police", "Mission police said": a police force is named after the
    town it works, so the stop word ("Mobile", "Mission", "Independence") is the town here.
    On gva-dev per incident: state and city one incident each ("Mobile Police"; state .9207 ->
    .9213, city .7922 -> .7928), the others unchanged.
    """
    return key in gaz.city_keys and bool(_POLICE_AFTER.match(text, end))


_CITY_OF_STATE_AFTER = re.compile(r",?\s*(?:D\.\s?C\.|DC\b)")
_QUARTER_BEFORE = re.compile(r"\b(?:northeast|northwest|southeast|southwest)\s+$", re.I)


def _state_code(gaz: Gazetteer, surface: str) -> str | None:
    """The code of a state named in full, or of "D.C." / "DC"."""
    key = name_key(surface)
    return gaz.state_keys.get("d c" if key == "dc" else key)


def _towns_in(gaz: Gazetteer, surface: str, state: str) -> list[City]:
    """The US towns named `surface` in `state`."""
    return [c for c in gaz.candidates(surface) if c.country_code == "US" and c.admin1_code == state]


def _big_us_city(gaz: Gazetteer, surface: str) -> City | None:
    """The US city of 100,000 or more named `surface`, if there is one."""
    return next(
        (c for c in gaz.candidates(surface) if c.country_code == "US" and c.population >= 100_000),
        None,
    )


_FULL_STATE_KEYS: set[str] = set()
# Surfaces `_lookup` found to name no place in any context (bounded; the gazetteer is fixed for
# the life of the process, so an answer never goes stale).
_NOWHERE: set[str] = set()
_NOWHERE_LIMIT = 1 << 16


# Whether a known name may start at a token: its key's first word opens some gazetteer key, or
# it is an Arabic article ("Al" of "Al Qasr"). Asked of every capitalised word, memoised per
# token like _NOWHERE (same bound, same process-long gazetteer): keying the token each time
# was over 2% of extraction time on gva-dev.
_OPENERS: dict[str, bool] = {}


def _opens_ngram(gaz: Gazetteer, tok: str) -> bool:
    first = cached_key(tok)
    opens = first.split(" ", 1)[0] in gaz.first_words or first in _ARTICLE_WORDS
    if len(_OPENERS) >= _NOWHERE_LIMIT:
        _OPENERS.clear()
    _OPENERS[tok] = opens
    return opens


def _nowhere(surface: str) -> None:
    """Remember that `surface` names no place in any context (see _NOWHERE)."""
    if len(_NOWHERE) >= _NOWHERE_LIMIT:
        _NOWHERE.clear()
    _NOWHERE.add(surface)


def _full_states() -> set[str]:
    if not _FULL_STATE_KEYS:
        _FULL_STATE_KEYS.update(name_key(name) for name, _ in gazetteer().states.values())
    return _FULL_STATE_KEYS


_SITE_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])-(?=[A-Z])")


def find_mentions(
    sentences: Sequence[Sentence], dateline: str | None, site: str | None = None
) -> list[Mention]:
    """All place-name mentions, unresolved (candidates only), dateline first.

    `site` is the outlet part of a title ("WMC Action News 5 - Memphis, Tennessee"): its places
    say where the outlet is, which is context like a dateline, never the event place.
    """
    gaz = gazetteer()
    mentions: list[Mention] = []
    if dateline:
        mentions.extend(_dateline_mentions(gaz, dateline))
    if site:
        # "Sports-Hattiesburg, MS", "wave3.com-Louisville News": outlets join words with hyphens.
        site = _SITE_HYPHEN.sub(" ", site)
        for m in _sentence_mentions(gaz, Sentence(-1, site, True)):
            m.dateline = True
            m.site = True
            mentions.append(m)
    head = fold_punct(dateline).strip().lower() if dateline else None
    surnames: set[str] = set()
    for sent in sentences:
        found = _sentence_mentions(gaz, sent, surnames)
        if head and sent.text.lower().startswith(head):
            # The dateline repeated at the start of the body is not where the event happened.
            for m in found:
                if m.start < len(head):
                    m.dateline = True
        mentions.extend(found)
    if surnames:
        # "Judith Huntley ... Huntley was taken to a hospital": once a town's name is seen as a
        # person's surname, its bare mentions in the same article are that person too (a
        # qualified "Huntley, Ill." is still the town).
        mentions = [
            m
            for m in mentions
            if m.kind != "city" or m.qualifier_state or m.dateline or m.surface not in surnames
        ]
    return mentions


def _dateline_mentions(gaz: Gazetteer, dateline: str) -> list[Mention]:
    text = fold_punct(dateline)
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.split(r"\s[-:]\s|[-:]\s*$|:", text)[0]
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return []
    head = parts[0].title() if parts[0].isupper() else parts[0]
    # Datelines often drop the period of AP state forms ("BIRMINGHAM, Ala (WIAT):").
    tail = [p.title() if p.isupper() and len(p) > 2 else p for p in parts[1:]]
    tail = [p + "." if name_key(p) in AP_STATES and not p.endswith(".") else p for p in tail]
    rest = ", " + ", ".join(tail)
    state, country = _qualifier(gaz, rest) if len(parts) > 1 else (None, None)
    found = _lookup(gaz, head, head + rest, 0, len(head))
    if found is None:
        if not head[:1].isalpha() or name_key(head) in _STOP:
            return []
        m = Mention(-1, 0, head, "locality", qualifier_state=state, qualifier_country=country)
    else:
        kind, cands, _ = found
        if kind in ("country", "admin1") and state is not None:
            cands = _towns_in(gaz, head, state)
            if cands:
                kind = "city"
        if kind == "admin1" and not cands:
            # A dateline names a town: "WASHINGTON (WUSA9)" is the city, not the state.
            city = _big_us_city(gaz, head)
            if city is not None:
                kind, cands = "city", [city]
        m = Mention(-1, 0, head, kind, cands, qualifier_state=state, qualifier_country=country)
    m.dateline = True
    return [m]


def _sentence_mentions(
    gaz: Gazetteer, sent: Sentence, surnames: set[str] | None = None
) -> list[Mention]:
    """The sentence's place mentions; town names seen as people's surnames go to `surnames`."""
    text = sent.text
    space = text.find(" ")
    if text.isascii() and (space < 0 or not _CAPITAL.search(text, space)):
        # A third of sentences have no capital after their first word: only that word can
        # name a place, and no rule below looks past the word after it when that one is in
        # lower case (n-grams and names end at the first lower-case word), so two tokens do.
        toks = [(m.start(), m.end(), m.group(0)) for m in islice(_TOKEN.finditer(text), 2)]
    else:
        toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    # Capitalised, or an Arabic article before a capital ("al-Qasr"); inline, as this runs for
    # every word of every sentence.
    # (The prefix's "-" is the third or fourth character: most words starting with "a" or "e"
    # are told apart by that without the regex.)
    caps = [
        t[0].isupper() or (t[0] in "ae" and "-" in t[2:4] and _ARABIC_PREFIX.match(t) is not None)
        for _, _, t in toks
    ]
    # Whether _VILLAGE_BEFORE / _VILLAGE_AFTER can match anywhere in the sentence.
    village_words = not text.isascii() or not _VILLAGE_WORDS.isdisjoint(lower_word_set(text))
    # An unknown name is a place only by those words or by a comma after it (_unknown_locality).
    may_be_unknown = village_words or "," in text
    out: list[Mention] = []
    n = len(toks)
    # Only capitalised words start a name: visit those (compress() steps over the three in
    # four words that are not in C, not one loop turn each), from `after` on, the word after
    # the last one taken.
    after = 0
    for i in compress(range(n), caps):
        if i < after:
            continue
        start, _, tok = toks[i]
        best: tuple[int, PlaceKind, list[City]] | None = None
        opens = _OPENERS.get(tok)
        if opens is None:
            opens = _opens_ngram(gaz, tok)
        max_len = min(gaz.max_ngram + 1, n - i) if opens else 1
        # n-gram tokens must be adjacent words, with only connectors in lower case: the
        # n-grams from i that qualify are exactly those ending before the first break.
        reach = i + 1
        while reach < i + max_len:
            k = reach
            gap = text[toks[k - 1][1] : toks[k][0]]
            prev = toks[k - 1][2]
            if (
                gap not in (" ", "-")
                or prev.endswith((".", "'s"))
                and k - 1 > i
                and prev.lower() not in _NAME_ABBREVIATIONS
            ):
                break
            if not caps[k] and toks[k][2].lower() not in _CONNECTORS:
                break
            reach += 1
        for length in range(reach - i, 0, -1):
            j = i + length - 1
            if not caps[j]:
                continue
            end = toks[j][1]
            surface = _clean_surface(text[start:end])
            found = _lookup(gaz, surface, text, start, end)
            if found is not None:
                best = (length, found[0], found[1])
                break
        if best is None:
            m = (
                _unknown_locality(gaz, text, toks, caps, i, village_words)
                if may_be_unknown
                else None
            )
            if m is not None:
                m.sentence = sent.index
                out.append(m)
                after = i + len(m.surface.split())
            continue
        length, kind, cands = best
        j = i + length - 1
        end = toks[j][1]
        surface = _clean_surface(text[start:end])
        if (
            surnames is not None
            and kind == "city"
            and not sent.is_title
            and i == j
            and (
                _after_given_name(text, toks, caps, i)
                or _full_name_person(text, toks, caps, i)
                or ('"' in text or "“" in text)
                and _ends_with(_NICKNAME_BEFORE, text, start) is not None
            )
        ):
            surnames.add(surface)
        if (
            not _plausible(text, toks, caps, i, j, sent.is_title)
            or (
                kind == "city"
                and (
                    _street_after(text, end)
                    or _street_before(text, start)
                    or _STREETS_AFTER.match(text, end)
                    or _is_person(text, toks, i, j)
                )
            )
            or (
                # "Indiana Avenue", "the 400 block of Ohio Street": states name streets too.
                kind == "admin1" and (_street_after(text, end) or _street_before(text, start))
            )
        ):
            after = j + 1
            continue
        state, country = _qualifier(gaz, text, end)
        if kind in ("country", "admin1") and state is not None and not cands:
            # "Lebanon, Ohio", "Delaware, Ohio": a town named like a country or a state.
            towns = _towns_in(gaz, surface, state)
            if towns:
                kind, cands = "city", towns
        if kind == "admin2" and cached_key(surface).endswith(" co"):
            surface = f"{surface[:-2]}County"  # "Marshall Co." is Marshall County
        m = Mention(
            sent.index,
            start,
            surface,
            kind,
            cands,
            qualifier_state=state,
            qualifier_country=country,
        )
        if kind == "admin1" and cands:
            suffix = _ADMIN_SUFFIX.match(text, end) or _ends_with_of(_ADMIN_OF, text, start)
            word = suffix.group(0).split()[0].lower() if suffix else "province"
            m.surface = f"{surface} {word}"
        if (
            _ends_with_of(_VILLAGE_BEFORE, text, start)
            or _VILLAGE_AFTER.match(text, end)
            or _A_TOWN_IN.match(text, end)
        ):
            m.village = True
        if village_words and (
            _QUARTER_AFTER.match(text, end) or _ends_with_of(_QUARTER_OF, text, start)
        ):
            m.quarter = True
        m.residence = _is_residence(text, start)
        m.treated = (
            text[max(0, start - 4) : start].rstrip().endswith(("to", "in"))
            and _ends_with(_TREATED_BEFORE, text, start) is not None
        ) or (
            text[max(0, start - 4) : start].endswith((" a ", " an "))
            and _HOSPITAL_AFTER.match(text, end) is not None
        )
        m.police = bool(_POLICE_AFTER.match(text, end))
        m.institution = text.startswith(" ", end) and bool(_INSTITUTION_AFTER.match(text, end))
        out.append(m)
        after = j + 1
    return out


# Abbreviations inside a town's name ("Port St. Lucie", "Lake Ft. Myers"): a period there ends
# no name, as one after any other word inside an n-gram is taken to.
_NAME_ABBREVIATIONS = frozenset({"st.", "ste.", "ft.", "mt."})


def _after_given_name(
    text: str, toks: list[tuple[int, int, str]], caps: list[bool], i: int
) -> bool:
    """Whether toks[i] follows a given name: "Matthew Durham", "Judith Huntley".

    The word before is capitalised (the two make no place: that n-gram would have been taken
    whole), is no sentence opener or area word (_STOP and the like), and is itself preceded by
    a lower-case word, a comma or the sentence start; no capitalised word follows: a two-word
    proper noun, a person's name ("Sentara Norfolk General" is a longer name, not a person).
    """
    if i + 1 < len(toks) and caps[i + 1] and text[toks[i][1] : toks[i + 1][0]] == " ":
        return False
    if i == 0 or not caps[i - 1] or text[toks[i - 1][1] : toks[i][0]] != " ":
        return False
    prev = toks[i - 1][2]
    key = prev.lower()
    if (
        not prev.isalpha()
        or not prev[1:].islower()
        or key in _STOP
        or key in _AREA_WORDS
        or key in _OK_AFTER
    ):
        return False
    return i < 2 or not caps[i - 2] or text[toks[i - 2][1] : toks[i - 1][0]] != " "


def _full_name_person(
    text: str, toks: list[tuple[int, int, str]], caps: list[bool], i: int
) -> bool:
    """Whether toks[i] ends a person's full name, told by what follows it.

    "Javier Harvey Salinas, 18, was charged", "Officer Mark Quincy said": a town's name after a
    capitalised given name and before an age or a verb of saying is the person's surname, however
    many given names come before (`_after_given_name` takes only one).
    """
    if i == 0 or not caps[i - 1] or text[toks[i - 1][1] : toks[i][0]] != " ":
        return False
    prev = toks[i - 1][2]
    key = prev.lower()
    if not prev.isalpha() or not prev[1:].islower() or key in _STOP or key in _AREA_WORDS:
        return False
    return _PERSON_AFTER.match(text, toks[i][1]) is not None


#: "Downtown Houston", "Greater Boston": a direction or area word before a town's name.
_DIRECTION_WORDS = frozenset(
    {
        "downtown",
        "northern",
        "southern",
        "eastern",
        "western",
        "greater",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    }
)
_AREA_WORDS = _DIRECTION_WORDS | {
    "side",
    "suburban",
    "metro",
    "rural",
    "inner",
    "upper",
    "lower",
    "uptown",
    "midtown",
}


def _unknown_locality(
    gaz: Gazetteer,
    text: str,
    toks: list[tuple[int, int, str]],
    caps: list[bool],
    i: int,
    village_words: bool = True,
) -> Mention | None:
    """A name the gazetteer lacks that the text marks as a place ('village of X', 'X, N.Y.')."""
    start = toks[i][0]
    j = i
    while (
        j + 1 < len(toks)
        and j - i < 2
        and text[toks[j][1] : toks[j + 1][0]] in (" ", "-")
        and caps[j + 1]
        and not toks[j][2].endswith(".")
    ):
        j += 1
    end = toks[j][1]
    if not village_words and not _COMMA_NEXT.match(text, end):
        return None  # neither "village of X" / "X village" nor "X, <state>": not a place
    surface = _clean_surface(text[start:end])
    key = name_key(surface)
    if not key or key in _STOP or any(w in _STOP for w in key.split()) or len(key) < 3:
        return None
    if _ends_with_of(_VILLAGE_BEFORE, text, start) or _VILLAGE_AFTER.match(text, end):
        return Mention(-1, start, surface, "locality", village=True)
    state, country = _qualifier(gaz, text, end)
    if state is not None and (i == 0 or not caps[i - 1] or toks[i - 1][2] in ("In",)):
        return Mention(
            -1, start, surface, "locality", qualifier_state=state, qualifier_country="US"
        )
    return None


#: "shot in Kokomo Wednesday night", "in Gary Sept. 3": a day or month after a town's name.
_WHEN_AFTER = frozenset(
    [*WEEKDAYS, *MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept"]
    + ["oct", "nov", "dec"]
)


def _plausible(
    text: str,
    toks: list[tuple[int, int, str]],
    caps: list[bool],
    i: int,
    j: int,
    is_title: bool,
) -> bool:
    """Reject names that are part of a longer proper noun ('Jordan Baker', 'Lincoln Avenue')."""
    if is_title:
        return True
    if j + 1 < len(toks):
        nxt = toks[j + 1][2]
        # Only a name continued by a plain space is a longer proper noun ("Jordan Baker").
        joined = text[toks[j][1] : toks[j + 1][0]] == " "
        gap_ok = joined and not toks[j][2].endswith(".") and not toks[j][2].endswith("'s")
        if (
            gap_ok
            and caps[j + 1]
            and nxt.rstrip(".,").lower() not in _OK_AFTER
            and nxt.rstrip(".,").lower() not in _WHEN_AFTER
        ):
            return False
    if i > 0:
        prev = toks[i - 1][2]
        if (
            text[toks[i - 1][1] : toks[i][0]] == " "
            and caps[i - 1]
            and not prev.endswith(("'s", "'", "."))
            and prev.lower() not in _STOP
            and prev.lower() not in _DIRECTION_WORDS
        ):
            return False
    return True


@dataclass
class _Context:
    states: Counter[str]
    countries: Counter[str]
    dateline_state: str | None = None
    dateline_country: str | None = None
    #: Per name key, the state votes its own bare mentions gave as an anchor city.
    own_votes: dict[str, Counter[str]] = field(default_factory=dict)
    #: Per US state, the unqualified town and county names with a namesake there, each name
    #: counting 1 / its number of such states (a name found in one state only says most).
    shared: dict[str, float] = field(default_factory=dict)
    #: Per name key, the US states of its namesakes (what it added to `shared`).
    name_states: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Whether a place of the report itself (not the outlet part of the title) names a state.
    body_states: bool = True
    #: US states the outlet's host name spells out (outlet.py `outlet_states`).
    outlet_states: frozenset[str] = frozenset()
    #: US states on the side of the Mississippi a station's call sign says (stations.py).
    side_states: frozenset[str] = frozenset()
    #: Name keys the report names a police force by ("Edenton Police Department").
    police_keys: frozenset[str] = frozenset()

    def shared_without(self, key: str, state: str) -> float:
        """What names other than `key` add to `state` in `shared`."""
        own = self.name_states.get(key, frozenset())
        return self.shared.get(state, 0.0) - (1 / len(own) if state in own else 0.0)

    def states_without(self, key: str) -> Counter[str]:
        """The state context less what the name `key` itself voted (see `_pick_city`)."""
        own = self.own_votes.get(key)
        return self.states - own if own else self.states


_DEMONYM_WORDS = frozenset(DEMONYMS)


def _context(
    gaz: Gazetteer,
    mentions: Iterable[Mention],
    sentences: Sequence[Sentence],
    outlet_states: frozenset[str] = frozenset(),
    side_states: frozenset[str] = frozenset(),
) -> _Context:
    states: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    own_votes: dict[str, Counter[str]] = {}
    name_states: dict[str, frozenset[str]] = {}
    body_states = False
    police_keys: set[str] = set()
    for m in mentions:
        if m.police:
            police_keys.add(cached_key(m.surface))
        if (
            not body_states
            and not m.site
            and (
                m.qualifier_state
                or m.kind in ("admin1", "admin2")
                or (m.kind == "city" and _anchor_city(m.candidates) is not None)
            )
        ):
            body_states = True
        if not m.qualifier_state and not m.site and m.kind in ("city", "admin2"):
            key = cached_key(m.surface)
            if key not in name_states:
                name_states[key] = (
                    frozenset(c.admin1_code for c in m.candidates if c.country_code == "US")
                    if m.kind == "city"
                    else frozenset(c.state_code for c in gaz.county_candidates(m.surface))
                )
        if m.qualifier_state:
            states[m.qualifier_state] += 2
        if m.qualifier_country:
            countries[m.qualifier_country] += 2
        if m.kind == "admin1" and not m.candidates:
            code = _state_code(gaz, m.surface)
            if code:
                states[code] += 1
                countries["US"] += 1
        elif m.kind == "country":
            code = gaz.country_keys.get(name_key(m.surface))
            if code:
                countries[code] += 1
        elif m.kind == "admin2":
            cands = gaz.county_candidates(m.surface)
            if len(cands) == 1:
                states[cands[0].state_code] += 1
        elif m.kind == "city" and not m.qualifier_state:
            anchor = _anchor_city(m.candidates)
            if anchor is not None:
                # "Chicago police" says Illinois as surely as "Chicago, Ill." does, and it
                # keeps a street or suburb name from resolving to a namesake in another state.
                states[anchor.admin1_code] += 1
                own = own_votes.setdefault(cached_key(m.surface), Counter())
                own[anchor.admin1_code] += 1
    for sent in sentences:
        # A capitalised word is a run of letters of the sentence: one with no demonym among
        # them (nearly all) skips the scan, which cost 1.5% of extraction time on gva-dev.
        if _DEMONYM_WORDS.isdisjoint(lower_word_set(sent.text)):
            continue
        for word in re.findall(r"\b[A-Z][a-z]+\b", sent.text):
            code = DEMONYMS.get(word.lower())
            if code:
                countries[code] += 0.5  # type: ignore[assignment]
    if states:
        countries["US"] += 1
    shared: dict[str, float] = {}
    for codes in name_states.values():
        for code in codes:
            shared[code] = shared.get(code, 0.0) + 1 / len(codes)
    return _Context(
        states,
        countries,
        own_votes=own_votes,
        shared=shared,
        name_states=name_states,
        body_states=body_states,
        outlet_states=outlet_states,
        side_states=side_states,
        police_keys=frozenset(police_keys),
    )


def _anchor_city(cands: Sequence[City]) -> City | None:
    """The US city an unqualified name means on its own: big, and far bigger than its US
    namesakes (the state is what it anchors). A foreign namesake need only be smaller: some
    are alternate names ("Philadelphia" for Amman), and a report about a foreign town has its
    country named to resolve it."""
    us = [c for c in cands if c.country_code == "US"]
    if not us or us[0].population < _ANCHOR_POPULATION:
        return None
    others = [
        c.population
        for c in cands[1:]
        if c.country_code == "US" and c.geonames_id != us[0].geonames_id
    ]
    if cands[0] is not us[0] or (others and us[0].population < _ANCHOR_RATIO * max(others)):
        return None
    return us[0]


def _pick_city(m: Mention, ctx: _Context) -> City | None:
    cands = m.candidates
    if m.qualifier_state:
        sel = [c for c in cands if c.country_code == "US" and c.admin1_code == m.qualifier_state]
        return sel[0] if sel else None
    if m.qualifier_country:
        sel = [c for c in cands if c.country_code == m.qualifier_country]
        if sel:
            return sel[0]
    best: City | None = None
    best_score = -1.0
    # A big city's own mentions vote for its state (`_context`); they are no evidence about
    # which of its namesakes it is: "Lincoln" in a report naming Delaware is Lincoln, Del.
    key = cached_key(m.surface)
    states = ctx.states_without(key)
    # A big city far bigger than its namesakes keeps its own meaning against that evidence.
    anchor = _anchor_city(cands)
    # With no place context at all, an English-language report is most likely about a US town
    # (the GVA-style local news this pipeline is tuned on); foreign towns still need context.
    unanchored = not states and set(ctx.countries) <= {"US"}
    # A town with no support needs to be big; less so when only the outlet part of the title
    # names a state: stations carry their group's stories from other states.
    limit = 200_000 if ctx.body_states else _ANCHOR_POPULATION
    # A spelling only the transliteration key matched ("Kellough" ~ Kaluga, "Source" ~ Surco)
    # is a match only where the text is about that country.
    loose = cached_key(m.surface) not in gazetteer().city_keys
    for c in cands:
        if loose and not ctx.countries.get(c.country_code):
            continue
        score = math.log10(max(c.population, 10)) / 2
        supported = False
        if c.country_code == "US" and states.get(c.admin1_code):
            score += 4 + min(states[c.admin1_code], 5)
            supported = True
        elif (
            c.country_code == "US"
            and anchor is None
            and (others := ctx.shared_without(key, c.admin1_code))
        ):
            # Towns and counties named together lie together: "Oak Hill" next to "Beckley",
            # "Bluefield" and "Fayette County" is the West Virginia one, not Virginia's bigger
            # namesake. Weaker than a state the text names.
            score += min(others, 3)
            supported = supported or others >= 1
        if (
            not supported
            and c.country_code == "US"
            and key in ctx.police_keys
            and sum(o.country_code == "US" for o in cands) == 1
        ):
            # "The Edenton Police Department": a police force is named after its town, and a
            # name only one US town bears needs no other support to be that town. On gva-dev
            # per incident: state .921 -> .925 (8 incidents right, 2 wrong: "DeKalb Police",
            # a county's force, is taken for DeKalb, Ill.), city .793 -> .796 (9 right, 3
            # wrong); the others unchanged. Leaving out names the report also names a county
            # by ("DeKalb County") changed nothing.
            supported = True
        if c.country_code == "US" and c.admin1_code in ctx.outlet_states and not supported:
            # The outlet's home state (its host name): a bare town name in local news is the
            # local one. Weaker than a state the text names; enough to outweigh a namesake's
            # population, and to keep a small town that would be dropped for want of support.
            score += OUTLET_STATE_WEIGHT
            supported = True
        if c.country_code == "US" and c.admin1_code in ctx.side_states and not supported:
            # A station's side of the Mississippi: as much as a hundredfold population, and no
            # support of its own (a small town still needs the text's).
            score += STATION_SIDE_WEIGHT
        if ctx.countries.get(c.country_code):
            score += 3 + min(ctx.countries[c.country_code], 5)
            supported = supported or c.country_code != "US" or not states
        if unanchored and c.country_code == "US" and c.population >= 5000:
            supported = True
            score += 1
        # A big city needs no context, but a foreign one does in a report about US states
        # ("Cali" for California is not Cali, Colombia).
        foreign = c.country_code != "US" and bool(states)
        if not supported and (c.population < limit or foreign) and not m.dateline:
            continue
        if score > best_score:
            best, best_score = c, score
    return best


def resolve(
    mentions: list[Mention],
    sentences: Sequence[Sentence],
    outlet_states: frozenset[str] = frozenset(),
    side_states: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Resolve candidates to one place each; drop mentions that stay ambiguous or implausible.
    `outlet_states`: the US states the outlet's host names (outlet.py), weak context;
    `side_states`: those on a station's side of the Mississippi (stations.py), weaker."""
    gaz = gazetteer()
    ctx = _context(gaz, mentions, sentences, outlet_states, side_states)
    top_state = ctx.states.most_common(1)[0][0] if ctx.states else None
    top_country = ctx.countries.most_common(1)[0][0] if ctx.countries else None
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "city":
            city = _pick_city(m, ctx)
            if city is None:
                if m.qualifier_state:
                    m.kind = "locality"
                    m.name = m.surface
                    m.country_code, m.admin1_code = "US", m.qualifier_state
                    m.within = gaz.states[m.qualifier_state][0]
                    out.append(m)
                elif m.village:
                    m.kind = "locality"
                    m.name = m.surface
                    out.append(m)
                continue
            if m.village and (city.country_code != top_country and not m.qualifier_country):
                m.kind = "locality"
                m.name = m.surface
                out.append(m)
                continue
            m.geonames_id, m.name = city.geonames_id, city.name
            m.population = city.population
            m.country_code, m.admin1_code = city.country_code, city.admin1_code
        elif m.kind == "admin1" and m.candidates:
            sel = [c for c in m.candidates if ctx.countries.get(c.country_code)] or m.candidates
            if not ctx.countries.get(sel[0].country_code) and sel[0].population < 100_000:
                continue
            m.name = m.surface[:1].upper() + m.surface[1:]
            m.country_code, m.admin1_code = sel[0].country_code, sel[0].admin1_code
        elif m.kind == "admin1":
            code = _state_code(gaz, m.surface)
            if code is None:
                continue
            m.name, gid = gaz.states[code]
            m.geonames_id, m.country_code, m.admin1_code = gid, "US", code
        elif m.kind == "country":
            code = gaz.country_keys[name_key(m.surface)]
            country = gaz.countries.get(code)
            if country is None:
                continue
            town = _town_named_like_country(gaz, m, code, ctx, mentions)
            if town is not None:
                m.kind = "city"
                m.geonames_id, m.name, m.population = town.geonames_id, town.name, town.population
                m.country_code, m.admin1_code = town.country_code, town.admin1_code
                out.append(m)
                continue
            m.name, m.geonames_id, m.country_code = country.name, country.geonames_id, code
        elif m.kind == "admin2":
            cands = gaz.county_candidates(m.surface)
            if not cands:
                continue
            if m.qualifier_state:
                cands = [c for c in cands if c.state_code == m.qualifier_state] or cands
            if len(cands) > 1:
                scored = sorted(cands, key=lambda c: -ctx.states.get(c.state_code, 0))
                if not ctx.states.get(scored[0].state_code):
                    # "Five injured in Johnston County shooting" on wral.com: a county several
                    # states have, none of them named in the text, is the one in the outlet's
                    # state, else the only one on the station's side of the Mississippi.
                    scored = [c for c in cands if c.state_code in ctx.outlet_states] or [
                        c for c in cands if c.state_code in ctx.side_states
                    ]
                    if len(scored) != 1:
                        continue
                cands = scored
            m.name = m.admin2_name = cands[0].name
            m.country_code, m.admin1_code = "US", cands[0].state_code
        elif m.kind == "locality":
            m.name = m.name or m.surface
            if m.qualifier_state:
                m.country_code, m.admin1_code = "US", m.qualifier_state
                m.within = gaz.states[m.qualifier_state][0]
            elif m.dateline and top_state:
                m.country_code, m.admin1_code = "US", top_state
                m.within = gaz.states[top_state][0]
        out.append(m)
    _attach_localities(out, top_country)
    return out


def _town_named_like_country(
    gaz: Gazetteer, m: Mention, code: str, ctx: _Context, mentions: list[Mention]
) -> City | None:
    """The US town a country's name means in a report about a state that has one.

    "The Boone County Sheriff's Office received a call ... in Lebanon": where the report names
    a US state or county that has a town of the country's name, and nothing else in it (no other
    mention, no demonym) speaks of that country, the name is the town (Lebanon, Ind.; Denmark,
    S.C.). On gva-dev per incident: city one incident (.7928 -> .7934), the others unchanged.
    """
    if code == "US" or not ctx.states:
        return None
    own = sum(
        1
        for o in mentions
        if o.kind == "country" and cached_key(o.surface) == cached_key(m.surface)
    )
    if ctx.countries.get(code, 0) > own:
        return None
    towns = [
        c
        for c in gaz.candidates(m.surface)
        if c.country_code == "US" and ctx.states.get(c.admin1_code)
    ]
    return max(towns, key=lambda c: (ctx.states[c.admin1_code], c.population), default=None)


def _attach_localities(mentions: list[Mention], top_country: str | None) -> None:
    """Give villages the admin area named next to them (same sentence, else the one before)."""
    for m in mentions:
        if m.kind != "locality" or m.within:
            continue
        same = [
            o
            for o in mentions
            if o.sentence == m.sentence
            and o.start > m.start
            and o.kind in ("admin1", "admin2", "city")
            and o is not m
        ]
        near = same or [
            o
            for o in mentions
            if m.sentence - 1 <= o.sentence <= m.sentence
            and o.kind in ("admin1", "admin2")
            and o is not m
        ]
        if near:
            area = near[0]
            m.within = area.name
            m.country_code, m.admin1_code = area.country_code, area.admin1_code
        elif top_country:
            m.country_code = top_country


def to_places(
    mentions: list[Mention],
    event_sentences: Sequence[int],
    outlet_towns: Sequence[City] = (),
) -> list[Place]:
    """Distinct places, most specific first, with roles: dateline, event (see below), mentioned.

    The event place is the most specific place in the first event sentence (the sentence of the
    main casualty figure or event verb); when that sentence names only a region or country the
    next sentence may supply a more specific place inside it ("... in Hasakah province. The
    strike on the village of Al-Qasr ...").
    """
    by_key: dict[tuple[object, ...], Mention] = {}
    order: list[tuple[object, ...]] = []
    counts: Counter[tuple[object, ...]] = Counter()
    for m in mentions:
        key: tuple[object, ...] = (
            m.kind,
            m.geonames_id,
            name_key(m.name) if m.geonames_id is None else "",
            m.admin1_code if m.geonames_id is None else "",
        )
        counts[key] += 1
        if key not in by_key:
            by_key[key] = m
            order.append(key)
        elif m.dateline:
            by_key[key].dateline = True
    event_key: tuple[object, ...] | None = _event_key(mentions, event_sentences, counts)
    event_m = by_key.get(event_key) if event_key else None
    implied = _implied_town(mentions, event_m, outlet_towns) if event_m is not None else None
    if implied is not None:
        event_key = _mention_key(implied)
        if event_key not in by_key:
            by_key[event_key] = implied
            order.append(event_key)
        event_m = by_key[event_key]
    places: list[Place] = []
    for key in order:
        m = by_key[key]
        role: PlaceRole = "mentioned"
        if key == event_key or (event_m is not None and _contains(m, event_m)):
            role = "event"
        elif m.dateline:
            role = "dateline"
        places.append(
            Place(
                name=normalise_space(m.name),
                geonames_id=m.geonames_id,
                kind=m.kind,
                country_code=m.country_code,
                admin1_code=m.admin1_code,
                admin2_name=m.admin2_name,
                role=role,
                within=m.within,
            )
        )
    indexed = list(enumerate(places))
    indexed.sort(key=lambda ip: (_KIND_RANK[ip[1].kind], _ROLE_RANK[ip[1].role], ip[0]))
    return [p for _, p in indexed]


def _town_mention(city: City) -> Mention:
    """A town the article does not name but its event place implies (see `_implied_town`)."""
    return Mention(
        sentence=-1,
        start=0,
        surface=city.name,
        kind="city",
        country_code=city.country_code,
        admin1_code=city.admin1_code,
        geonames_id=city.geonames_id,
        name=city.name,
        population=city.population,
    )


def _implied_town(
    mentions: list[Mention], event: Mention, outlet_towns: Sequence[City]
) -> Mention | None:
    """The town an event place implies though the article may not name it.

    - The District of Columbia is one city: an event told only by the District ("a shooting in
      Southwest D.C.") happened in Washington.
    - "Englewood shooting ... in the Englewood neighborhood" from abc7chicago.com: a place the
      report calls a quarter is a part of the outlet's big city of its state (as
      `_quarter_town` takes a named city's), the city GeoNames lists it apart from.

    On gva-dev per incident: city .786 -> .792 (the District 6 incidents, the quarters 5; none
    lost); the other measures unchanged. Taking the outlet's million-city for any bare town of
    its state, quarter or not, lost 15 for 4 (Evanston, Waukegan, Calumet City are suburbs).
    """
    if event.country_code != "US":
        return None
    if event.kind == "admin1" and event.admin1_code == "DC":
        capital = next(
            (c for c in gazetteer().candidates("washington") if c.admin1_code == "DC"), None
        )
        return _town_mention(capital) if capital is not None else None
    key = _mention_key(event)
    if event.kind != "city" or not any(m.quarter and _mention_key(m) == key for m in mentions):
        return None
    town = max(
        (
            c
            for c in outlet_towns
            if c.country_code == "US"
            and c.admin1_code == event.admin1_code
            and c.population > event.population
            and c.geonames_id != event.geonames_id
        ),
        key=lambda c: c.population,
        default=None,
    )
    return _town_mention(town) if town is not None else None


def _contains(area: Mention, inner: Mention) -> bool:
    if area is inner or _KIND_RANK[area.kind] <= _KIND_RANK[inner.kind]:
        return False
    if area.kind == "country":
        return area.country_code == inner.country_code
    if area.kind == "admin1":
        return (area.country_code, area.admin1_code) == (inner.country_code, inner.admin1_code)
    if area.kind == "admin2":
        return inner.admin2_name == area.name or (inner.kind == "city" and False)
    return False


def _mention_key(m: Mention) -> tuple[object, ...]:
    return (
        m.kind,
        m.geonames_id,
        name_key(m.name) if m.geonames_id is None else "",
        m.admin1_code if m.geonames_id is None else "",
    )


def _event_key(
    mentions: list[Mention], event_sentences: Sequence[int], counts: Counter[tuple[object, ...]]
) -> tuple[object, ...] | None:
    """The key of the event place: `_event_mention`, then the police's town where it is bigger.

    "Chicago police" names the jurisdiction: when the event sentence names a smaller place of
    the same state (a neighbourhood such as "East Garfield Park", a county), the incident
    happened in the town whose police work it (US local news names its city that way).
    """
    event = _event_mention(mentions, event_sentences, counts)
    if event is not None and event.kind == "admin1":
        # "NASHVILLE, Tenn. - ... the eighth child shot in Tennessee this year": a report that
        # names only the state where it tells the event happened in its dateline's town.
        event = next(
            (
                m
                for m in mentions
                if m.dateline
                and not m.site
                and m.kind in ("city", "locality")
                and m.country_code == event.country_code
                and m.admin1_code == event.admin1_code
            ),
            event,
        )
        if event.kind == "admin1":
            event = _state_town(mentions, event, counts) or event
    elif event is not None and event.kind == "country":
        # "LEBANON, Ohio - ... shot in Lebanon": the dateline says which Lebanon.
        key = cached_key(event.surface)
        event = next(
            (
                m
                for m in mentions
                if m.dateline
                and not m.site
                and m.kind in ("city", "locality")
                and cached_key(m.surface) == key
            ),
            event,
        )
    if event is None or event.kind not in ("city", "locality", "admin2"):
        return _mention_key(event) if event is not None else None
    home = _dateline_home(mentions, event) or _dateline_metro(mentions, event)
    if home is not None:
        return _mention_key(home)
    town = _quarter_town(mentions, event)
    if town is not None:
        return _mention_key(town)
    police = [
        m
        for m in mentions
        if m.police
        and m.kind == "city"
        and m.country_code == event.country_code
        and m.admin1_code == event.admin1_code
        and m.geonames_id != event.geonames_id
    ]
    if police:
        town = max(police, key=lambda m: m.population)
        if event.kind != "city" or town.population > event.population:
            return _mention_key(town)
    return _mention_key(event)


def _state_town(
    mentions: list[Mention], state: Mention, counts: Counter[tuple[object, ...]]
) -> Mention | None:
    """The town of the state the report names most, when its event sentence names the state only.

    "Washington school shooting ... Investigators in Marysville", "2-year-old shot by dad in
    Ocean View" over a sentence that says "Delaware": without a dateline town, the town of that
    state the report names most often (first named on a tie) is where it happened. Towns named
    as where someone lives, was treated or studies are left out.
    """
    towns = [
        m
        for m in mentions
        if m.kind in ("city", "locality")
        and not m.site
        and not m.residence
        and not m.treated
        and not m.institution
        and m.country_code == state.country_code
        and m.admin1_code == state.admin1_code
    ]
    return max(towns, key=lambda m: (counts[_mention_key(m)], -m.sentence), default=None)


#: A dateline town this big is a metropolis whose quarters GeoNames lists as towns (smaller
#: cities' stations cover their suburbs, real towns, under the city's dateline).
_METRO_POPULATION = 1_000_000


def _dateline_metro(mentions: list[Mention], event: Mention) -> Mention | None:
    """The dateline's big city when the event town is an unqualified place of its state.

    "CHICAGO - ... shot in East Garfield Park", "CHICAGO (AP) - ... in Uptown": GeoNames lists
    a metropolis' quarters as towns of their own, and a report from the city names them bare.
    """
    if event.kind != "city" or event.qualifier_state or event.country_code != "US":
        return None
    return next(
        (
            m
            for m in mentions
            if m.dateline
            and not m.site
            and m.kind == "city"
            and m.country_code == "US"
            and m.admin1_code == event.admin1_code
            and m.population >= _METRO_POPULATION
            and m.population > event.population
        ),
        None,
    )


def _dateline_home(mentions: list[Mention], event: Mention) -> Mention | None:
    """The dateline's town when the event town is a namesake of a neighbourhood in it.

    "MEMPHIS, Tenn. - ... shot five people in Raleigh": Raleigh is a part of Memphis, not the
    North Carolina city. An unqualified US town resolved to a state nothing else in the article
    names (no qualifier, state, county or other town of that state), under a dateline town of
    another state, is taken as a part of the dateline town. A town of another state whose police
    the article cites ("Austin shooting ... a Chicago Police spokesman said") is that home as
    surely: local police work their own town.
    """
    if event.kind != "city" or event.qualifier_state or event.country_code != "US":
        return None
    home = next(
        (
            m
            for m in mentions
            if (m.dateline and not m.site or m.police)
            and m.kind == "city"
            and m.country_code == "US"
            and m.admin1_code
            and m.admin1_code != event.admin1_code
        ),
        None,
    )
    if home is None:
        return None
    for m in mentions:
        if m.admin1_code != event.admin1_code or m.country_code != "US":
            continue
        if m.qualifier_state or m.kind in ("admin1", "admin2"):
            return None
        if m.kind == "city" and m.geonames_id != event.geonames_id:
            return None
    return home


def _event_mention(
    mentions: list[Mention], event_sentences: Sequence[int], counts: Counter[tuple[object, ...]]
) -> Mention | None:
    key = _mention_key

    def most_specific(ms: list[Mention]) -> Mention | None:
        if not ms:
            return None
        return min(ms, key=lambda m: (_KIND_RANK[m.kind], -counts[key(m)], m.sentence, m.start))

    body = [m for m in mentions if not m.dateline]
    # Where a victim or suspect lives does not locate the event (the fallbacks still may).
    located = [m for m in body if not m.residence and not m.institution and not m.treated]
    for s in event_sentences:
        here = most_specific([m for m in located if m.sentence == s])
        if here is None:
            nxt = most_specific([m for m in located if m.sentence == s + 1])
            if nxt is not None and nxt.kind in ("locality", "city"):
                return nxt
            continue
        if here.kind in ("admin1", "country"):
            nxt = most_specific([m for m in located if m.sentence == s + 1])
            if (
                nxt is not None
                and _KIND_RANK[nxt.kind] < _KIND_RANK[here.kind]
                and (nxt.country_code == here.country_code)
            ):
                if nxt.kind == "admin2":
                    return _county_town(mentions, located, nxt, most_specific) or nxt
                return nxt
        if here.kind == "admin2":
            return _county_town(mentions, located, here, most_specific) or here
        return here
    # The outlet's town says where the station is, and stations carry stories from elsewhere:
    # a town the report itself names comes before it (a state or an institution does not).
    dl = [m for m in mentions if m.dateline and not m.site]
    if dl:
        return dl[0]
    spec = [m for m in located if m.kind in ("locality", "city", "admin2")]
    if spec:
        best = max(spec, key=lambda m: (counts[key(m)], -_KIND_RANK[m.kind], -m.sentence))
        if best.kind == "admin2":
            return _county_town(mentions, located, best, most_specific) or best
        return best
    site = [m for m in mentions if m.site]
    if site:
        return site[0]
    if body:
        spec = [m for m in body if m.kind in ("locality", "city", "admin2")] or body
        return max(spec, key=lambda m: (counts[key(m)], -_KIND_RANK[m.kind], -m.sentence))
    return None


def _county_town(
    mentions: list[Mention],
    located: list[Mention],
    county: Mention,
    most_specific: Callable[[list[Mention]], Mention | None],
) -> Mention | None:
    """The town an event told only by its county happened in, if the article names one.

    "Reno County deputies ..." under a "HUTCHINSON, Kan." dateline: the county is where the
    sheriff works; the dateline town in it is the more specific place. "Deputies were called to
    a home in Wake County ... in Raleigh": a town of the same state named in the article (not
    as where someone lives) is the more specific place, as the gazetteer cannot say which
    county a town lies in.
    """
    town = next(
        (
            m
            for m in mentions
            if m.dateline
            and m.kind in ("city", "locality")
            and m.country_code == county.country_code
            and m.admin1_code == county.admin1_code
        ),
        None,
    )
    if town is not None:
        return town
    return most_specific(
        [
            m
            for m in located
            if m.kind in ("city", "locality")
            and m.country_code == county.country_code
            and m.admin1_code == county.admin1_code
        ]
    )


def _quarter_town(mentions: list[Mention], event: Mention) -> Mention | None:
    """The town an event place named as a quarter of a town is part of.

    "Three shot in Baltimore ... in the Upton neighborhood": GeoNames lists many big cities'
    quarters (Upton, Uptown, Englewood) as towns of their own, yet the incident happened in
    the city. The biggest town of the same state the article names (not as where someone
    lives), bigger than the quarter, is that city.
    """
    key = _mention_key(event)
    if event.kind != "city" or not any(m.quarter and _mention_key(m) == key for m in mentions):
        return None
    towns = [
        m
        for m in mentions
        if m.kind == "city"
        and not m.residence
        and not m.treated
        and not m.institution
        and m.country_code == event.country_code
        and m.admin1_code == event.admin1_code
        and m.population > event.population
    ]
    return max(towns, key=lambda m: m.population) if towns else None
