"""Event type by keyword scoring over a small taxonomy; the deciding words are returned too."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from schemas.articles import EventType
from streams.extract.text import Sentence, caseless_search, lower_word_set, lowercase_twin

# type -> (pattern, weight). Specific phrases outweigh generic words like "strike" or "fire".
_TERMS: dict[str, list[tuple[str, float]]] = {
    "airstrike": [
        (r"air ?strikes?", 3),
        (r"air raids?", 3),
        (r"warplanes?", 2),
        (r"drone strikes?", 3),
        (r"bombard(?:ed|ment)", 1.5),
        (r"strikes?", 0.5),
        (r"jets?", 0.5),
        (r"airstrikes", 3),
    ],
    "shooting": [
        (r"shootings?", 3),
        # A shootout with police may end in a fire or a crash; it is still a shooting.
        (r"shoot-?outs?", 3),
        (r"shot", 2),
        (r"gunman|gunmen", 2),
        (r"gunfire", 2),
        (r"gunshots?", 2),
        (r"opened fire", 3),
        (r"shots (?:were )?fired", 3),
        (r"drive-by", 3),
        (r"firearms?|handgun|rifle|shotgun", 1),
    ],
    "bombing": [
        (r"bombings?", 3),
        # ("ieds?" finds "IEDs": every term is case-insensitive, and written in lower case for
        # `lowercase_twin` below.)
        (r"car bomb|suicide bomb(?:er|ing)?s?|ieds?", 3),
        (r"explosions?|exploded|blasts?", 1.5),
        (r"explosive devices?", 2),
    ],
    "clash": [(r"clash(?:es|ed)?", 3), (r"firefights?", 2), (r"fighting", 1), (r"battles?", 1)],
    "protest": [
        (r"protests?|protesters|protestors", 3),
        (r"demonstrat(?:ors|ions?)", 2),
        (r"rall(?:y|ies)", 1),
        (r"riots?", 2),
    ],
    "earthquake": [(r"earthquakes?|quakes?", 4), (r"tremors?|magnitude", 2)],
    "flood": [(r"floods?|flooding|flash floods?", 3), (r"torrential rains?", 2)],
    "fire": [
        (r"blaze", 2),
        (r"wildfires?", 3),
        (r"arson", 2),
        (r"(?<!opened )(?<!open )(?<!returned )\bfire\b(?! department| chief| truck)", 1),
    ],
    "crash": [(r"crash(?:ed|es)?", 2.5), (r"collisions?|collided", 2), (r"derail(?:ed|ment)", 3)],
}
# Per type, whether any of its terms is in a sentence: one scan for all of them (an
# alternation matches where any of its branches would) instead of one per term, and over the
# lower-cased sentence (`lowercase_twin`); on gva-dev 1.5% of extraction time before.
_ANY_TERM = {
    kind: re.compile("|".join(rf"\b(?:{p})\b" for p, _ in terms), re.IGNORECASE)
    for kind, terms in _TERMS.items()
}
_ANY_TERM_LOWER = {kind: lowercase_twin(rx) for kind, rx in _ANY_TERM.items()}
# One pass per sentence: every term is a named group; the group name says kind and weight.
_GROUPS: dict[str, tuple[str, float]] = {}
_parts: list[str] = []
for _kind, _terms in _TERMS.items():
    for _n, (_p, _w) in enumerate(_terms):
        _GROUPS[f"{_kind}_{_n}"] = (_kind, _w)
        _parts.append(f"(?P<{_kind}_{_n}>{_p})")
_ALL = re.compile(r"\b(?:" + "|".join(_parts) + r")\b", re.IGNORECASE)


def _wordset(text: str) -> frozenset[str]:
    """A set of words written as one string (easier to read and keep than a list)."""
    return frozenset(text.split())


# Running _ALL at every position of every sentence was most of this module's cost (a big
# case-insensitive alternation behind a "\b" gets no fast scan in `re`). Every match starts at a
# word boundary with one of these words (its first run of letters, lower-cased), so the regex is
# only tried where a word of this table starts. Keep it in step with _TERMS: the unit test
# `test_every_event_term_has_a_sample_and_a_trigger` checks each term against it.
TRIGGERS: dict[str, frozenset[str]] = {
    "airstrike": _wordset(
        """
     air airstrike airstrikes warplane warplanes drone bombarded bombardment strike strikes jet
     jets
     """
    ),
    "shooting": _wordset(
        """
     shooting shootings shootout shootouts shoot shot gunman gunmen gunfire gunshot gunshots
     opened shots drive firearm firearms handgun rifle shotgun
     """
    ),
    "bombing": _wordset(
        """
     bombing bombings car suicide ied ieds explosion explosions exploded blast blasts explosive
     """
    ),
    "clash": frozenset(
        ["clash", "clashes", "clashed", "firefight", "firefights", "fighting", "battle", "battles"]
    ),
    "protest": _wordset(
        """
     protest protests protesters protestors demonstrators demonstration demonstrations rally
     rallies riot riots
     """
    ),
    "earthquake": frozenset(
        ["earthquake", "earthquakes", "quake", "quakes", "tremor", "tremors", "magnitude"]
    ),
    "flood": frozenset(["flood", "floods", "flooding", "flash", "torrential"]),
    "fire": frozenset(["blaze", "wildfire", "wildfires", "arson", "fire"]),
    "crash": _wordset("crash crashed crashes collision collisions collided derailed derailment"),
}
_TRIGGER_KINDS: dict[str, frozenset[str]] = {}
for _kind, _words in TRIGGERS.items():
    for _word in _words:
        _TRIGGER_KINDS[_word] = _TRIGGER_KINDS.get(_word, frozenset()) | {_kind}
_TRIGGER_WORDS = frozenset(_TRIGGER_KINDS)
_WORD_RUN = re.compile(r"[A-Za-z]+")


def _matches(text: str) -> list[re.Match[str]]:
    """_ALL.finditer(text), tried only where a term can start (same matches, same order).

    Non-ASCII text takes the plain path: case folding there may match letters outside A-Z.
    """
    if not text.isascii():
        return list(_ALL.finditer(text))
    if _TRIGGER_WORDS.isdisjoint(lower_word_set(text)):
        return []
    out: list[re.Match[str]] = []
    end = 0
    for w in _WORD_RUN.finditer(text):
        pos = w.start()
        if pos < end or w.group(0).lower() not in _TRIGGER_WORDS:
            continue
        m = _ALL.match(text, pos)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _kind_possible(text: str, kind: str) -> bool:
    """False only when none of kind's terms can occur in text."""
    return not text.isascii() or not TRIGGERS[kind].isdisjoint(lower_word_set(text))


_MIN_SCORE = 2.0


def classify(sentences: Sequence[Sentence]) -> tuple[EventType, list[str]]:
    """Best-scoring type and its matched terms (most frequent first); 'other' below threshold.

    The title and the first sentences count double: they say what the story is about.
    """
    scores: Counter[str] = Counter()
    terms: dict[str, Counter[str]] = {k: Counter() for k in _TERMS}
    for pos, sent in enumerate(sentences):
        boost = 2.0 if sent.is_title or pos <= 2 else 1.0
        for m in _matches(sent.text):
            kind, weight = _GROUPS[m.lastgroup or ""]
            scores[kind] += weight * boost  # type: ignore[assignment]
            terms[kind][m.group(0).lower()] += 1
    if not scores:
        return "other", []
    kind, score = scores.most_common(1)[0]
    if score < _MIN_SCORE:
        return "other", []
    return kind, [t for t, _ in terms[kind].most_common()]  # type: ignore[return-value]


def event_sentence_indices(sentences: Sequence[Sentence], kind: str) -> list[int]:
    """Indices of sentences that use the winning type's terms, in reading order."""
    if kind not in _ANY_TERM:
        return []
    rx, twin = _ANY_TERM[kind], _ANY_TERM_LOWER[kind]
    out: list[int] = []
    for sent in sentences:
        if sent.is_title or not _kind_possible(sent.text, kind):
            continue
        if caseless_search(rx, twin, sent.text) is not None:
            out.append(sent.index)
    return out
