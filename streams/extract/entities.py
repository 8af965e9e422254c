"""Actors named in an article: people, organisations, armed groups and agencies.

Three sources: a curated alias table (ISIS / IS / ISIL / Daesh -> "Islamic State"), acronyms
bound to their expansion in the same text ("Syrian Democratic Forces (SDF)"), and runs of
capitalised words classified by their head word. Spelling variants of one name
("Lilwa al-Abdallah" / "Lelwa Abdullah") are folded with rapidfuzz into one Entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from schemas.articles import Entity, EntityKind
from streams.extract.text import MONTHS, WEEKDAYS, Sentence, lower_word_set, name_key

# canonical name -> (kind, aliases). Aliases are matched case-sensitively as whole words.
ALIASES: dict[str, tuple[EntityKind, tuple[str, ...]]] = {
    "Islamic State": (
        "armed_group",
        (
            "Islamic State",
            "ISIS",
            "ISIL",
            "IS",
            "Daesh",
            "Daech",
            "Islamic State group",
            "Islamic State in Iraq and Syria",
            "Islamic State of Iraq and the Levant",
            "Islamic State of Iraq and Syria",
            "so-called Islamic State",
        ),
    ),
    "Syrian Democratic Forces": ("armed_group", ("Syrian Democratic Forces", "SDF")),
    "People's Protection Units": ("armed_group", ("People's Protection Units", "YPG")),
    "Kurdistan Workers' Party": ("armed_group", ("Kurdistan Workers' Party", "PKK")),
    "Al-Qaeda": (
        "armed_group",
        ("al-Qaeda", "al-Qaida", "Al-Qaeda", "Al-Qaida", "al Qaeda", "Al Qaeda"),
    ),
    "Hayat Tahrir al-Sham": ("armed_group", ("Hayat Tahrir al-Sham", "HTS")),
    "Taliban": ("armed_group", ("Taliban",)),
    "Al-Shabaab": ("armed_group", ("al-Shabaab", "Al-Shabaab", "al-Shabab", "Al-Shabab")),
    "Boko Haram": ("armed_group", ("Boko Haram",)),
    "Hezbollah": ("armed_group", ("Hezbollah", "Hizbollah", "Hizbullah")),
    "Syrian Observatory for Human Rights": (
        "agency",
        (
            "Syrian Observatory for Human Rights",
            "SOHR",
            "Observatory",
            "Britain-based Syrian Observatory for Human Rights",
        ),
    ),
    "Syrian Arab News Agency": ("agency", ("SANA", "Syrian Arab News Agency")),
    "US-led coalition": (
        "armed_group",
        (
            "US-led coalition",
            "U.S.-led coalition",
            "US-led international coalition",
            "US-led global coalition",
        ),
    ),
    "Pentagon": ("agency", ("Pentagon", "Department of Defense", "Defense Department")),
    "State Department": (
        "agency",
        ("State Department", "US State Department", "Department of State"),
    ),
    "Federal Bureau of Investigation": ("agency", ("FBI", "Federal Bureau of Investigation")),
    "Bureau of Alcohol, Tobacco, Firearms and Explosives": ("agency", ("ATF",)),
    "Associated Press": ("organisation", ("AP", "Associated Press")),
    "Agence France-Presse": ("organisation", ("AFP", "Agence France-Presse", "Afp")),
    "Reuters": ("organisation", ("Reuters",)),
    "BBC": ("organisation", ("BBC", "British Broadcasting Corporation")),
    "Royal Air Force": ("armed_group", ("RAF", "Royal Air Force")),
    "United Nations": ("organisation", ("UN", "U.N.", "United Nations")),
    "Airwars": ("organisation", ("Airwars",)),
}

_ALIAS_TO_CANON: dict[str, str] = {}
for _canon, (_kind, _aliases) in ALIASES.items():
    for _a in _aliases:
        _ALIAS_TO_CANON[_a] = _canon
_ALIAS_KEY_TO_CANON = {name_key(a): c for a, c in _ALIAS_TO_CANON.items() if len(a) > 3}
_ALIAS_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(a) for a in sorted(_ALIAS_TO_CANON, key=len, reverse=True))
    + r")(?![\w-])"
)

# The first run of letters of every alias, lower-cased ("al-Qaeda" -> "al", "U.S.-led coalition"
# -> "u"): an alias is preceded by neither a word character nor "-", so a sentence holds one
# only if it has one of these runs as a whole word (in any case); the rest skip _ALIAS_RE, a long
# alternation that is slow to scan. The word sets are shared with the other extractors.
_ALIAS_FIRST_RUNS = frozenset(
    re.split(r"[^A-Za-z]", a, maxsplit=1)[0].lower() for a in _ALIAS_TO_CANON
)
_ALIAS_SCAN_ALL = "" in _ALIAS_FIRST_RUNS  # an alias not starting with a letter: no shortcut

_ACRONYM = re.compile(
    r"(?P<long>(?:[A-Z][\w'-]*\s+(?:(?:of|for|and|the|in|on|de|al)\s+)*){1,8})"
    r"\((?P<short>[A-Z][A-Za-z]{1,7})\)"
)
_RUN_JOINS = r"(?:of|for|and|the|al|el|bin|ibn|abu|de)"
_CAP_RUN = re.compile(
    r"(?<![\w'-])(?:(?:[A-Z][\w'-]*|(?:al|el|bin|ibn|abu|van|de)-[A-Z][\w'-]*)\.?"
    rf"(?:\s+(?:{_RUN_JOINS}\s+)?(?=[A-Z]|(?:al|el)-))?)+"
)
# _CAP_RUN for a sentence without "-" (four in five), where its "al-" branches cannot match:
# each word then starts with a capital, and the look-behind, moved after the first one (two
# characters wide: the one before it and itself), leaves the pattern starting with [A-Z], which
# `re` finds with a fast scan instead of trying the whole pattern at every character. The same
# matches; on the gva-dev sentences without "-" 168 -> 73 ms.
_CAP_WORD_REST = rf"[\w'-]*\.?(?:\s+(?:{_RUN_JOINS}\s+)?(?=[A-Z]))?"
_CAP_RUN_NO_DASH = re.compile(rf"[A-Z](?<![\w'-].){_CAP_WORD_REST}(?:[A-Z]{_CAP_WORD_REST})*")
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "maj",
        "col",
        "lt",
        "sgt",
        "capt",
        "cpl",
        "officer",
        "detective",
        "det",
        "sheriff",
        "deputy",
        "chief",
        "mayor",
        "president",
        "prime",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "general",
        "lieutenant",
        "sergeant",
        "captain",
        "governor",
        "sen",
        "senator",
        "rep",
        "king",
        "prince",
        "judge",
        "attorney",
        "trooper",
        "coach",
        "pastor",
        "rev",
        "father",
        "sister",
        "brother",
        "minister",
        "defence",
        "defense",
        "state",
    ]
)
_AGENCY_HEADS = frozenset(
    [
        "police",
        "department",
        "office",
        "ministry",
        "agency",
        "observatory",
        "bureau",
        "patrol",
        "sheriff's",
        "sheriff",
        "service",
        "services",
        "administration",
        "commission",
        "directorate",
        "authority",
        "council",
        "court",
        "prosecutor",
        "prosecutors",
        "coroner",
        "examiner's",
        "examiner",
    ]
)
_ARMED_HEADS = frozenset(
    [
        "forces",
        "army",
        "militia",
        "militias",
        "brigade",
        "brigades",
        "front",
        "units",
        "battalion",
        "regiment",
        "corps",
        "guard",
        "guards",
        "rebels",
        "movement",
    ]
)
_ORG_HEADS = frozenset(
    [
        "university",
        "college",
        "school",
        "hospital",
        "center",
        "centre",
        "committee",
        "coalition",
        "party",
        "news",
        "times",
        "post",
        "network",
        "press",
        "group",
        "association",
        "foundation",
        "company",
        "inc",
        "corp",
        "church",
        "institute",
        "union",
        "organisation",
        "organization",
        "club",
        "bank",
    ]
)
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "this",
        "that",
        "these",
        "those",
        "there",
        "in",
        "on",
        "at",
        "of",
        "for",
        "by",
        "and",
        "but",
        *WEEKDAYS,
        *MONTHS,
        "read",
        "more",
        "photo",
        "comments",
        "share",
        "according",
        "police",
        "said",
        "when",
        "after",
        "before",
        "while",
        "during",
        "if",
        "as",
        "so",
        "yesterday",
        "today",
    ]
)


@dataclass
class _Found:
    name: str
    kind: EntityKind
    aliases: list[str] = field(default_factory=list)


@lru_cache(maxsize=16_384)
def canonical(surface: str) -> str:
    """Canonical name of a known actor ('the Observatory' -> 'Syrian Observatory ...')."""
    s = re.sub(r"^(?:the|a)\s+", "", surface.strip(), flags=re.IGNORECASE)
    if s in _ALIAS_TO_CANON:
        return _ALIAS_TO_CANON[s]
    return _ALIAS_KEY_TO_CANON.get(name_key(s), s)


def _classify(words: list[str]) -> EntityKind | None:
    # (isdisjoint: the same test as any() over the words, in C; runs of capitalised words are
    # mostly new to `_run_name`'s cache, so this runs for a third of them.)
    lowered = [w.lower().rstrip(".") for w in words]
    if not _AGENCY_HEADS.isdisjoint(lowered):
        return "agency"
    if not _ARMED_HEADS.isdisjoint(lowered):
        return "armed_group"
    if not _ORG_HEADS.isdisjoint(lowered):
        return "organisation"
    if 2 <= len(words) <= 4 and all(w[:1].isupper() or "-" in w for w in words):
        return "person"
    return None


@lru_cache(maxsize=16_384)
def _run_name(run: str) -> tuple[str, EntityKind] | None:
    """The entity name and kind a run of capitalised words stands for, if any.

    Titles and leading function words are dropped ("Police Chief John Smith" -> "John Smith").
    Pure and asked again for the same runs ("Police", "The Associated Press"): cached.
    """
    words = run.split()
    while words and (words[0].lower().rstrip(".") in _TITLES or words[0].lower() in _NOT_NAMES):
        words = words[1:]
    while words and words[-1].lower() in {"of", "for", "and", "the", "al", "de"}:
        words = words[:-1]
    if not words:
        return None
    name = " ".join(w.rstrip(".,") for w in words)
    name = name.removesuffix("'s")  # (what re.sub(r"'s$", "", name) does: no newline here)
    if len(name) < 4:
        return None
    kind = _classify(name.split())
    if kind is None:
        return None
    if kind == "person" and any(w.lower() in _NOT_NAMES for w in name.split()):
        return None
    return name, kind


def _person_key(name: str) -> str:
    return name_key(name)


def extract_entities(sentences: Sequence[Sentence], place_keys: set[str]) -> list[Entity]:
    """Entities in order of first mention, with spelling variants folded."""
    found: dict[str, _Found] = {}
    acronyms: dict[str, str] = {}

    def add(name: str, kind: EntityKind, alias: str | None = None) -> None:
        f = found.get(name)
        if f is None:
            f = found[name] = _Found(name, kind)
        if alias and alias != name and alias not in f.aliases:
            f.aliases.append(alias)

    for sent in sentences:
        if "(" not in sent.text:
            continue  # an acronym is bound only as "Long Name (LN)"
        for m in _ACRONYM.finditer(sent.text):
            short = m.group("short")
            long_words = m.group("long").split()
            initials = [w for w in long_words if w[:1].isupper()]
            # Keep the trailing words whose initials spell the acronym, when they do.
            for start in range(len(initials)):
                if "".join(w[0] for w in initials[start:]).upper() == short.upper():
                    idx = long_words.index(initials[start])
                    long_words = long_words[idx:]
                    break
            long_name = " ".join(long_words)
            canon = canonical(long_name) if short not in _ALIAS_TO_CANON else canonical(short)
            acronyms[short] = canon
    for sent in sentences:
        text = sent.text
        taken: list[tuple[int, int]] = []
        skip = not _ALIAS_SCAN_ALL and _ALIAS_FIRST_RUNS.isdisjoint(lower_word_set(text))
        aliases = () if skip else _ALIAS_RE.finditer(text)
        for m in aliases:
            alias = m.group(0)
            if alias == "IS" and not re.search(r"\b(?:IS|ISIS)\b", text):
                pass
            canon = _ALIAS_TO_CANON[alias]
            add(canon, ALIASES[canon][0], alias)
            taken.append(m.span())
        for short, canon in acronyms.items():
            if short not in text:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                kind = (
                    ALIASES[canon][0]
                    if canon in ALIASES
                    else (_classify(canon.split()) or "organisation")
                )
                add(canon, "organisation" if kind == "person" else kind, short)
                taken.append(m.span())
        for m in (_CAP_RUN if "-" in text else _CAP_RUN_NO_DASH).finditer(text):
            if taken and any(s < m.end() and m.start() < e for s, e in taken):
                continue
            named = _run_name(m.group(0))
            if named is None or name_key(named[0]) in place_keys:
                continue
            add(canonical(named[0]), named[1])
    return _fold_people(list(found.values()))


def _fold_people(items: list[_Found]) -> list[Entity]:
    """Merge people whose folded names are near-identical (transliteration variants)."""
    merged: list[_Found] = []
    for item in items:
        target = None
        if item.kind == "person":
            key = _person_key(item.name)
            for other in merged:
                if (
                    other.kind == "person"
                    and fuzz.token_sort_ratio(key, _person_key(other.name)) >= 80
                ):
                    target = other
                    break
        if target is None:
            merged.append(item)
            continue
        for alias in [item.name, *item.aliases]:
            if alias != target.name and alias not in target.aliases:
                target.aliases.append(alias)
    return [Entity(name=f.name, kind=f.kind, aliases=f.aliases) for f in merged]
