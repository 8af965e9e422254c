"""How well an article fits an incident: text, place, event date, names and casualty figures.

`evidence` measures each signal on its own; `score` is their weighted sum with the documented
weights of MergeConfig, or None for a hard veto (two confident event dates too far apart, two
different resolved towns as the event place, headlines naming other quarters of one town, or
event types no incident is reported as together).
The signals:

- text: cosine of the article's and the incident's content words. With document frequencies
  learned from the stream (`DocumentFrequencies`, passed in by the shell) the words are weighted
  TF-IDF style (sublinear tf x smoothed idf), so a victim's surname or a street name counts for
  much more than "shooting" or "hospital"; without them, the cosine of raw counts.
- place: the same town or village, counting more the rarer its name is in the stream (learned
  like the word weights: a big city's name agrees often by chance); else the same county (also
  a county one side gives as the event place and the other names beside its town); else the
  same state. Two resolved towns that differ veto, unless one side's event town is among
  the other's places (a neighbourhood and its city): then they are "near", which counts a
  little; a side naming no place at all counts the region key it shares (the same state) a
  little too, while a report naming only the state or county against a town gets nothing. Two
  reports sharing the town whose headlines each name a quarter or town the other never names
  ("... in Brighton Park", "... in Woodlawn") veto, unless they name a person in common whom
  one of them tells with an age (a victim or suspect, not a spokesperson).
- event date: the same day counts for, one day apart is neutral, further apart vetoes (confident
  dates, unless a person told with an age is named by both) or counts against; a report that
  writes out the incident's day ("the May 3 shooting") has that day as its event date for
  this pair.
- names: people named by both (first and last name) count for; victims named by both (people
  in a killed or injured sentence) with no person in common count against.
- casualties: killed and injured figures inside the incident's range count for; figures far
  apart count against (another shooting with other victims).
- event type: the same type counts for, two different known types against; types no incident
  is reported as together (a fire and a shooting, a flood and a protest) veto.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz

from schemas.articles import CasualtyClaim, Entity, EventType, ExtractedArticle, Place
from schemas.base import Model
from schemas.incidents import Incident
from streams.merge.config import MergeConfig
from streams.merge.dates import mentioned_dates
from streams.merge.state import IncidentState

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "after",
        "before",
        "over",
        "under",
        "into",
        "than",
        "then",
        "there",
        "here",
        "said",
        "says",
        "say",
        "will",
        "would",
        "could",
        "also",
        "not",
        "no",
        "more",
        "most",
        "some",
        "any",
        "about",
        "up",
        "out",
        "one",
        "two",
        "three",
        "year",
        "years",
        "new",
        "news",
        "police",
    ]
)
_SPECIFIC = ("locality", "city")
#: Casualty kinds whose sentences name victims.
_VICTIM_KINDS = frozenset(["killed", "injured", "missing"])
#: Place rarity assumed without stream statistics (about the median of agreeing towns).
NEUTRAL_PLACE_RARITY = 0.5
_NAME_TOKEN = re.compile(r"[a-z][a-z'\-]+")
#: `shared_people`: a given name or surname spelt differently is the same one when both
#: spellings have this many letters and this rapidfuzz ratio ("malijha" / "malijah": 86;
#: "jane" / "jake": 75).
_MIN_VARIANT_LETTERS = 5
_VARIANT_SIMILARITY = 84.0
# Words that make a "person" entity a thing the NER mistook for a name ("Fort Worth Shooting",
# "Pate Drive", "Two Women"): such entities are never evidence of the same victims.
_NOT_NAME = frozenset(
    [
        "shooting",
        "shootings",
        "shot",
        "police",
        "department",
        "county",
        "city",
        "street",
        "st",
        "drive",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "lane",
        "court",
        "highway",
        "park",
        "hospital",
        "center",
        "centre",
        "school",
        "church",
        "jail",
        "office",
        "sheriff",
        "news",
        "women",
        "men",
        "people",
        "man",
        "woman",
        "child",
        "children",
        "boy",
        "girl",
        "teen",
        "teens",
        "family",
        "killed",
        "dead",
        "deputies",
        "officers",
        "officer",
        "chief",
        "mayor",
        "district",
        "including",
        "north",
        "south",
        "east",
        "west",
        # Tip lines, neighbourhoods ("Southwest Side"), hospitals, newspapers, photo captions,
        # time stamps ("PM EDT") and holidays the tagger takes for people: shared by reports
        # of different shootings of one city, they were 35 of the 93 "names" shared by wrong
        # article-incident candidates on gva-dev. Dropping them (with the broadcasters and
        # hospital words below): pairwise F1 0.775 -> 0.780 (precision 0.886 -> 0.898),
        # B-cubed 0.918 -> 0.920.
        "crime",
        "stoppers",
        "side",
        "health",
        "medical",
        "university",
        "college",
        "image",
        "images",
        "caption",
        "photo",
        "herald",
        "globe",
        "tribune",
        "times",
        "media",
        "apartments",
        "lounge",
        "division",
        "day",
        "am",
        "pm",
        "edt",
        "est",
        "cdt",
        "cst",
        "mdt",
        "pdt",
        "updated",
        "cbs",
        "nbc",
        "abc",
        "cnn",
        "central",
        "contact",
        "presbyterian",
        "memorial",
        "regional",
        # Headline words the tagger takes for a name when capitalised ("Suspect Arrested",
        # "Five Injured", "Victims Identified", "Person Dies", "Related: Oakland ..."), quarters
        # ("SE Houston", "Northeast Baltimore") and things ("Iraq War", "Purple Heart", "Pizza
        # Pub"): in a casualty sentence they passed for victims, and two reports of one
        # shooting naming "different victims" were kept apart (gva-dev, core fold: pairwise
        # F1 0.780 -> 0.783, precision 0.894 both, B-cubed 0.922 -> 0.923).
        "suspect",
        "suspects",
        "victim",
        "victims",
        "injured",
        "wounded",
        "arrested",
        "identified",
        "dies",
        "died",
        "person",
        "another",
        "related",
        "update",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "ne",
        "nw",
        "se",
        "sw",
        "war",
        "reserve",
        "heart",
        "car",
        "place",
        "parkway",
        "pub",
        "restaurant",
        "library",
        "year",
        "was",
        # Organisations and outlets the tagger takes for people ("Red Cross", "American Red
        # Cross", "Joint Command", "Frontline Daily"): named in many incidents of a region, they
        # lifted the town veto as "a person no other incident names" on a generated stream.
        "cross",
        "command",
        "daily",
    ]
)


class DocumentFrequencies(Model):
    """How many of the stream's reports contain each content word (bounded; see `observe`).

    Kept by the shell, one per partition of articles.extracted, updated with every report in
    stream order (deterministic for a replay). Words pruned from `counts` count as never seen,
    which is right for them: only the most frequent words are kept.
    """

    documents: int = Field(default=0, ge=0)
    counts: dict[str, int] = Field(default_factory=dict)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1."""
        return math.log((1 + self.documents) / (1 + self.counts.get(term, 0))) + 1.0


def observe(
    frequencies: DocumentFrequencies, terms: Iterable[str], config: MergeConfig
) -> DocumentFrequencies:
    """The frequencies with one more report (its distinct `terms`) counted.

    Bounded: above `config.max_document_frequencies * 5 / 4` words the most frequent
    `max_document_frequencies` are kept (ties by word), so pruning runs once per many reports.
    """
    counts = dict(frequencies.counts)
    # In the terms' own order, not a set's: a set's order changes with PYTHONHASHSEED, and with
    # it the order of `counts` and so the bytes of the same snapshot from run to run.
    for term in dict.fromkeys(terms):
        counts[term] = counts.get(term, 0) + 1
    limit = config.max_document_frequencies
    if len(counts) > limit + limit // 4:
        counts = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit])
    # Built from validated values: skip re-validating every count (the hot path of the shell).
    return DocumentFrequencies.model_construct(documents=frequencies.documents + 1, counts=counts)


def term_counts(texts: Iterable[str]) -> Counter[str]:
    """Counts of the content words of the texts (lowercased; stop and short words dropped)."""
    counts = Counter(
        w for text in texts for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP
    )
    # Interned: every held incident keeps up to `max_terms` of these words, so one string per
    # word, not one per incident: the fold's RSS after 15,000 generated reports at the soak's
    # 1M-in-60-days density went 335 -> 298 MB (132 MB before the first report).
    return Counter({sys.intern(w): n for w, n in counts.items()})


def article_terms(article: ExtractedArticle) -> Counter[str]:
    """The words an article is matched on: headline and story."""
    return term_counts([article.article.title, *article.article.paragraphs])


def add_terms(terms: Mapping[str, int], counts: Mapping[str, int], limit: int) -> dict[str, int]:
    """An incident's term counts with one report's added, the `limit` most frequent kept."""
    merged = Counter(terms)
    merged.update(counts)
    # Most frequent first, ties by word: two C sorts (by word, then a stable sort by count,
    # descending) give the order of one sort keyed (-count, word) without a Python key call
    # per item (add_terms was 0.9 s of the fold's 21 s cProfile over 3,000 articles).
    top = sorted(merged.items())
    top.sort(key=itemgetter(1), reverse=True)
    return dict(top[:limit])


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two term-weight vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(term, 0) for term, weight in a.items())
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm


#: 1 + ln(tf) of the small counts nearly every term has, computed once (the same floats as
#: math.log gives at each use): a tuple index is a third of the cost of the call.
_SUBLINEAR_TF = tuple(1.0 + math.log(c) if c > 0 else 0.0 for c in range(256))


def tfidf(counts: Mapping[str, int], frequencies: DocumentFrequencies) -> dict[str, float]:
    """Sublinear TF-IDF weights of term counts: (1 + ln tf) * idf."""
    # `idf` written out: this runs for every term of every candidate (the fold's hot loop).
    log, known, seen = math.log, frequencies.counts, 1 + frequencies.documents
    tf = _SUBLINEAR_TF
    return {
        t: (tf[c] if c < 256 else 1.0 + log(c)) * (log(seen / (1 + known.get(t, 0))) + 1.0)
        for t, c in counts.items()
        if c > 0
    }


def text_similarity(
    terms: Mapping[str, int],
    incident_terms: Mapping[str, int],
    frequencies: DocumentFrequencies | None,
    side: ArticleSide | None = None,
) -> float:
    """TF-IDF cosine with learned frequencies; the cosine of raw counts without them.

    `side`: the article's `article_side` for these `terms` and `frequencies` (its weights are
    then not computed again, and the incident's reuse the idf of words seen before)."""
    if frequencies is None or frequencies.documents == 0:
        return cosine(terms, incident_terms)
    if side is None:
        return cosine(tfidf(terms, frequencies), tfidf(incident_terms, frequencies))
    return cosine(side.weights, _tfidf_memo(incident_terms, frequencies, side.idf))


def _tfidf_memo(
    counts: Mapping[str, int], frequencies: DocumentFrequencies, idf: dict[str, float]
) -> dict[str, float]:
    """`tfidf`, with each word's idf looked up in (or added to) `idf`: the same numbers.

    Why: an article is weighed against 3 to 4 candidates of its region, with up to 400 words
    each and many words in common; the idf (a division and a log) is then computed once per
    word and article, not once per word and candidate."""
    log, known, seen = math.log, frequencies.counts, 1 + frequencies.documents
    tf = _SUBLINEAR_TF
    return {
        t: (tf[c] if c < 256 else 1.0 + log(c))
        * (idf[t] if t in idf else idf.setdefault(t, log(seen / (1 + known.get(t, 0))) + 1.0))
        for t, c in counts.items()
        if c > 0
    }


@dataclass(frozen=True)
class ArticleSide:
    """What `evidence` needs of the article alone, computed once per article, not once per
    candidate (`article_side`): 17,470 tfidf and name_keys calls for 8,735 pairs before."""

    #: TF-IDF weights of the article's terms (empty without learned frequencies).
    weights: dict[str, float]
    #: Idf of words met so far against these frequencies (filled by `text_similarity`).
    idf: dict[str, float]
    #: `name_keys` of the article's people (not to be changed).
    names: set[str]
    #: Calendar dates the article writes out (merge/dates.py `mentioned_dates`).
    dates: frozenset[date]
    #: `name_keys` of the people it tells with an age (`article_told`).
    told: set[str]


def article_side(
    article: ExtractedArticle, terms: Mapping[str, int], frequencies: DocumentFrequencies | None
) -> ArticleSide:
    """The article's half of every pair it is scored in (see `ArticleSide`)."""
    idf: dict[str, float] = {}
    weighted = frequencies is not None and frequencies.documents > 0
    return ArticleSide(
        weights=_tfidf_memo(terms, frequencies, idf) if frequencies and weighted else {},
        idf=idf,
        names=name_keys(e.name for e in article.entities if e.kind == "person"),
        dates=_written_dates(article),
        told=article_told(article),
    )


def _written_dates(article: ExtractedArticle) -> frozenset[date]:
    clean = article.article
    return frozenset(mentioned_dates([clean.title, *clean.paragraphs], clean.published_at.date()))


def place_key(place: Place) -> str:
    """Identity of a place: its GeoNames id, else its folded name within its admin area."""
    if place.geonames_id is not None:
        return f"gn:{place.geonames_id}"
    return f"name:{place.name.lower()}|{(place.within or '').lower()}"


def _same_place_key(place: Place) -> str:
    """What two mentions of one town or village share: the GeoNames id, else the folded name
    (candidates share the region key already, and "within" is spelt as each report spells the
    province: "Hasakah" / "Hasakeh")."""
    if place.geonames_id is not None:
        return f"gn:{place.geonames_id}"
    return "name:" + " ".join(_WORD.findall(place.name.lower()))


same_place_key = _same_place_key


def event_places(places: Sequence[Place]) -> list[Place]:
    """The places where the event happened; all places when none is marked as event place."""
    chosen = [p for p in places if p.role == "event"]
    return chosen or [p for p in places if p.role != "dateline"] or list(places)


def place_level(article_places: Sequence[Place], incident: Incident) -> str | None:
    """Where article and incident agree: "place" (town or village), "near" (one's event town
    among the other's places, the other's event town another), "admin2", "admin1" or "none";
    None when both name different resolved towns as the event place."""
    mine = event_places(article_places)
    theirs = event_places(incident.places)
    if not mine or not theirs:
        return "none"
    my_specific = {_same_place_key(p) for p in mine if p.kind in _SPECIFIC}
    their_specific = {_same_place_key(p) for p in theirs if p.kind in _SPECIFIC}
    if my_specific & their_specific:
        return "place"
    # A report may name the neighbourhood or the town the event was in while another names the
    # town the event was in: any specific place of the article among all the incident's places
    # (and the other way round) is agreement too.
    all_mine = {_same_place_key(p) for p in article_places if p.kind in _SPECIFIC}
    all_theirs = {_same_place_key(p) for p in incident.places if p.kind in _SPECIFIC}
    if my_specific & all_theirs and their_specific & all_mine:
        return "place"
    # One names the neighbourhood or suburb, the other the city ("Hunting Park" and
    # "Philadelphia"): when one side's event town is among the other's places, the two are
    # near enough not to veto: "near", weighed `weight_near_place` (less than the same county:
    # scoring them as the same county cost 0.011 of pairwise precision on gva-dev).
    near = bool(my_specific & all_theirs or their_specific & all_mine)
    # Two different resolved towns are two incidents; an unresolved village never vetoes, as
    # one report may name the village and another only the nearest town.
    my_towns = {p.geonames_id for p in mine if p.kind == "city" and p.geonames_id}
    their_towns = {p.geonames_id for p in theirs if p.kind == "city" and p.geonames_id}
    if my_towns and their_towns:
        return "near" if near else None
    my_admin2 = {p.admin2_name for p in mine if p.admin2_name}
    their_admin2 = {p.admin2_name for p in theirs if p.admin2_name}
    if my_admin2 & their_admin2:
        return "admin2"
    # One names the county as the event place, the other a town and the county beside it
    # ("Kaufman County shooting" / "in Forney ... Kaufman County officials"): the gazetteer
    # gives towns no county. gva-dev, core fold: B-cubed F1 0.9299 -> 0.9304, pairwise 0.8076
    # -> 0.8088 (precision 0.9080 -> 0.9082).
    all_my_admin2 = {p.admin2_name for p in article_places if p.admin2_name}
    all_their_admin2 = {p.admin2_name for p in incident.places if p.admin2_name}
    if (my_admin2 & all_their_admin2) or (their_admin2 & all_my_admin2):
        return "admin2"
    my_admin1 = {(p.country_code, p.admin1_code) for p in mine if p.admin1_code}
    their_admin1 = {(p.country_code, p.admin1_code) for p in theirs if p.admin1_code}
    if my_admin1 & their_admin1:
        return "admin1"
    return "none"


def _headline_places(title: str, places: Iterable[Place]) -> set[str]:
    """Same-place keys of the towns and quarters among `places` that the headline names."""
    words = f" {' '.join(_WORD.findall(title.lower()))} "
    found = set()
    for place in places:
        if place.kind in _SPECIFIC:
            name = " ".join(_WORD.findall(place.name.lower()))
            if name and f" {name} " in words:
                found.add(_same_place_key(place))
    return found


def other_headline_places(article: ExtractedArticle, incident: Incident) -> bool:
    """Whether the article's headline names a town or quarter the incident never names, and
    some headline of the incident's reports one the article never names: "2 dead in Brighton
    Park shooting" and "Boy, 16, shot in Woodlawn" share the city (Chicago, the event town of
    both), and a headline names where it happened. A big city's shootings of one day shared
    the city, the day and the words of the genre, and chained into one incident (gva-dev,
    core fold: pairwise precision 0.8984 -> 0.9009, F1 0.8015 -> 0.8025, B-cubed F1 0.9279 ->
    0.9282; a penalty of 1.5 instead of the veto changed nothing, one of 3 did as much as the
    veto). Places both name anywhere (the city, a quarter one report puts in its body) tell
    nothing."""
    mine = {_same_place_key(p) for p in article.places if p.kind in _SPECIFIC}
    theirs = {_same_place_key(p) for p in incident.places if p.kind in _SPECIFIC}
    my_headline = _headline_places(article.article.title, article.places) - theirs
    if not my_headline:
        return False
    return any(
        _headline_places(report.title, incident.places) - mine for report in incident.articles
    )


def place_rarity(
    article_places: Sequence[Place], incident: Incident, frequencies: DocumentFrequencies | None
) -> float:
    """How rare, in the stream, the town or village both name is: 1 for a name no report used,
    about 1 / (1 + ln N) for one every report uses. "Houston" agreeing says little in a stream
    of Texas shootings, a small town's name much more. The name's commonest word counts (for
    "Fort Worth": "fort" or "worth", whichever more reports use); of several shared places the
    rarest. Without stream statistics: `NEUTRAL_PLACE_RARITY`."""
    if frequencies is None or frequencies.documents == 0:
        return NEUTRAL_PLACE_RARITY
    theirs = {_same_place_key(p) for p in incident.places if p.kind in _SPECIFIC}
    shared = [
        p.name for p in article_places if p.kind in _SPECIFIC and _same_place_key(p) in theirs
    ]
    top = math.log(1 + frequencies.documents) + 1.0
    rarity = 0.0
    for name in shared:
        words = term_counts([name])
        if words:
            rarity = max(rarity, min(frequencies.idf(w) for w in words) / top)
    return rarity


def _date_confidence(state: IncidentState) -> float:
    """How sure the incident's reports are of its event date (the best of those giving it)."""
    day = state.incident.event_date
    return max((r.event_date_confidence for r in state.reports if r.event_date == day), default=0.0)


def name_keys(names: Iterable[str]) -> set[str]:
    """Keys of person names: "first last" of names of two or more words, lowercased; names
    with a word that shows a mistaken entity ("Fort Worth Shooting") are left out."""
    keys = set()
    for name in names:
        key = _name_key(name)
        if key:
            keys.add(key)
    return keys


# Cached: every candidate incident's people are keyed again for every report of its region
# (an eighth of the fold's time on a long generated stream). A pure function of the name, so
# the cache changes no result; bounded, so memory is too.
@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    """`name_keys` of one name ("" when it is no person's name)."""
    tokens = _NAME_TOKEN.findall(name.lower())
    if len(tokens) < 2 or any(t in _NOT_NAME for t in tokens) or tokens[0].endswith("'s"):
        # A possessive first word is a place's or a group's ("Nigeria's Minna"), not a name.
        return ""
    return f"{tokens[0]} {tokens[-1]}"


def actor_names(incident: Incident) -> list[str]:
    """`name_keys` of the incident's people, sorted (IncidentState.names)."""
    return sorted(name_keys(e.name for e in incident.actors if e.kind == "person"))


def state_names(state: IncidentState) -> set[str]:
    """`name_keys` of an incident's people: kept in its state, or keyed now for older states."""
    if state.names is not None:
        return set(state.names)
    return name_keys(e.name for e in state.incident.actors if e.kind == "person")


def _variant(a: str, b: str) -> bool:
    """Two spellings of one given name or surname ("malijha" / "malijah", "petersen" /
    "peterson"): long enough, and differing in a letter or two (rapidfuzz ratio)."""
    return min(len(a), len(b)) >= _MIN_VARIANT_LETTERS and fuzz.ratio(a, b) >= _VARIANT_SIMILARITY


def shared_people(mine: set[str], theirs: set[str]) -> int:
    """How many people (`name_keys`) both name: the same key, or the same surname with a
    variant spelling of the given name, or the same given name with a variant of the surname
    ("Malijha Grant" / "Malijah Grant", "Laylah Petersen" / "Laylah Peterson"): reports of one
    shooting spell its victims' names differently, and then looked like reports naming other
    victims (gva-dev, core fold: pairwise F1 0.783 -> 0.784, precision 0.894 both). Each of
    `theirs` counts once."""
    exact = mine & theirs
    count = len(exact)
    left = theirs - exact
    for name in mine - exact:
        if not left:
            break
        first, _, last = name.partition(" ")
        for other in left:
            other_first, _, other_last = other.partition(" ")
            if (first == other_first and _variant(last, other_last)) or (
                last == other_last and _variant(first, other_first)
            ):
                count += 1
                left = left - {other}
                break
    return count


def victim_names(names: set[str], claims: Iterable[CasualtyClaim]) -> set[str]:
    """The name keys (see `name_keys`) whose surname a casualty sentence uses: the people killed
    or hurt, as far as names tell (not "arrested": that sentence names the suspect). Police
    chiefs, mayors and reporters are named in other sentences, and are the same people across
    a city's different shootings."""
    text = " ".join(claim.sentence.lower() for claim in claims if claim.kind in _VICTIM_KINDS)
    return {name for name in names if name.rpartition(" ")[2] in text} if text else set()


def _other_victims(
    article: ExtractedArticle, incident: Incident, mine: set[str], theirs: set[str]
) -> bool:
    """Both name victims, and none of one's is among the other's people."""
    if not mine or not theirs or shared_people(mine, theirs):
        return False
    my_victims = victim_names(mine, article.casualties)
    if not my_victims:
        return False
    their_claims = (claim for figure in incident.casualties for claim in figure.claims)
    return bool(victim_names(theirs, their_claims))


#: After a full name: ", 24," / ", 24." / ", 24 and" / ", age 24" / " (24)".
_AGE_AFTER = re.compile(
    r"(?:,\s(?:age\s|aged\s)?\d{1,3}(?=[,.;)]|\s(?:and|was|were|is|of|from|who|had|has)\b)"
    r"|\s\(\d{1,3}\))"
)
#: Before a full name: "24-year-old Jane Roe", "the 17-year-old John Doe" (ending where the
#: name starts).
_AGE_BEFORE = re.compile(r"\b\d{1,3}-year-old\s$")
_WORD_BOUNDARY = re.compile(r"\b")


def told_with_age(people: Iterable[Entity], texts: Iterable[str]) -> set[str]:
    """Name keys of the people some text introduces with an age, by a spelling of two or more
    words ("Jane Roe, 24, was shot"; "a 17-year-old, John Doe" is not: the age is no part of
    the name's phrase).

    Each spelling is found with `str.find` and the age looked for next to it with the two
    compiled patterns: a pattern compiled per name (as before) missed `re`'s cache on a stream
    of many names, and was most of the fold's time on a dense generated stream.
    """
    text = "\n".join(texts)
    found = set()
    for person in people:
        keys = name_keys([person.name])
        if not keys:
            continue
        for spelling in {person.name, *person.aliases}:
            if len(spelling.split()) < 2:
                continue
            if _told_at(text, spelling):
                found |= keys
                break
    return found


def _told_at(text: str, spelling: str) -> bool:
    """Whether some occurrence of `spelling` in `text` has an age right after or before it."""
    at = text.find(spelling)
    while at >= 0:
        end = at + len(spelling)
        if _AGE_AFTER.match(text, end):
            return True
        if _AGE_BEFORE.search(text, max(0, at - 16), at) and _WORD_BOUNDARY.match(text, end):
            return True
        at = text.find(spelling, at + 1)
    return False


def _shared_told(mine: set[str], my_told: set[str], theirs: set[str], their_told: set[str]) -> int:
    """People both name whom one side at least tells with an age (`told_with_age`)."""
    return max(shared_people(my_told, theirs), shared_people(mine, their_told))


def _only_here(mine: set[str], theirs: set[str], named_by: Mapping[str, int]) -> int:
    """People both name (exactly) whom no other of the candidates names."""
    return sum(1 for name in mine & theirs if named_by.get(name, 0) <= 1)


def article_told(article: ExtractedArticle) -> set[str]:
    """Name keys of the people the article tells with an age (`told_with_age`)."""
    return told_with_age(
        (e for e in article.entities if e.kind == "person"),
        [article.article.title, *article.article.paragraphs],
    )


def figure_of(claims: Iterable[tuple[str, int, bool]], kind: str) -> int | None:
    """The largest main-incident figure of one kind among (kind, value, background) claims."""
    values = [v for k, v, background in claims if k == kind and not background]
    return max(values) if values else None


def casualty_agreement(value: int | None, low: int | None, high: int | None) -> int:
    """+1 when `value` is inside [low, high], -1 when far from it, 0 when unknown or close."""
    if value is None or low is None or high is None:
        return 0
    if low <= value <= high:
        return 1
    if max(value, high) > 2 * min(value, low) + 2:
        return -1
    return 0


@dataclass(frozen=True)
class Evidence:
    """Each signal of an article-incident pair, before weighting."""

    #: Days between the event dates (None when either has none).
    date_distance: int | None
    #: Both event dates are confident (at least MergeConfig.confident_date).
    confident_dates: bool
    place: str | None
    #: For `place == "place"`: how rare the shared town's name is in the stream (0..1).
    place_rarity: float
    same_type: bool
    other_type: bool
    #: Two known types no one incident is reported as (`compatible_types`): a veto.
    incompatible_type: bool
    text: float
    #: `text` is the TF-IDF cosine (document frequencies given), not the cosine of raw counts.
    text_weighted: bool
    #: People named by both.
    shared_names: int
    #: Of those, people told with an age on one side at least (`told_with_age`: a victim or a
    #: suspect, not a spokesperson or an official). Only worked out where a veto is at stake
    #: and a person is shared (else 0): only a veto needs it.
    shared_told: int
    #: People named by both whom no other incident of the region, live or archived, names (not
    #: a town's spokesperson or mayor, named in all its incidents). Only worked out where a
    #: place or date veto is at stake.
    shared_only_here: int
    #: Both name victims (people named in a casualty sentence), and no person in common.
    other_names: bool
    #: For `place == "place"`: each headline names a town or quarter the other side never
    #: names (`other_headline_places`).
    other_headline_places: bool
    #: Killed and injured figures: +1 inside the incident's range, -1 far outside, else 0.
    killed: int
    injured: int
    #: Days from the incident's last report to the article (publication times).
    days_since_last_report: float


#: Pairs of different event types that reports of one incident do use: a blast reported before
#: the air raid is known, a shootout called a clash, shots fired at a protest, a gun and bomb
#: attack, a fire set by a blast or a crash. Any other pair of known types (a flood and a
#: protest, a house fire and a shooting) is two incidents, however much else they share.
#: Why a veto and not the penalty alone: on a dense generated stream (6,000 reports, 12 days)
#: 1,615 of 2,831 wrong joins were of two types, against 46 of 1,041 right ones; a town's
#: incidents share its officials' names, words and casualty ranges, and outvoted the penalty.
_COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("airstrike", "bombing"),
        ("airstrike", "clash"),
        ("bombing", "clash"),
        ("bombing", "shooting"),
        ("shooting", "clash"),
        ("protest", "clash"),
        ("protest", "shooting"),
        ("bombing", "fire"),
        ("crash", "fire"),
    )
)


def compatible_types(a: EventType, b: EventType) -> bool:
    """Whether reports typed `a` and `b` can tell of one incident ("other" fits any type)."""
    return a == b or "other" in (a, b) or frozenset((a, b)) in _COMPATIBLE_TYPES


def evidence(
    article: ExtractedArticle,
    state: IncidentState,
    terms: Mapping[str, int],
    config: MergeConfig,
    frequencies: DocumentFrequencies | None = None,
    side: ArticleSide | None = None,
    named_by: Mapping[str, int] | None = None,
    their_names: set[str] | None = None,
    level: str | None | Literal[False] = False,
) -> Evidence:
    """The signals of one article-incident pair (`side`: the article's `article_side` for
    these `terms` and `frequencies`, when the caller has it; `named_by`: how many of the
    region's incidents (live and archived) name each person, and `their_names`: the
    `name_keys` of the incident's people, and `level`: their `place_level`, when the caller has
    them; False: not given).

    A pair `weigh` vetoes whatever else they share has its remaining signals left unmeasured
    (text 0, casualties 0, no other victims): most candidates of a big region are another town's
    incidents, and the text cosine was half of the fold's time on a long generated stream."""
    incident = state.incident
    distance = None
    confident = False
    if article.event_date is not None and incident.event_date is not None:
        distance = abs((article.event_date.date - incident.event_date).days)
        if distance > config.max_event_date_distance_days:
            # A follow-up's own date is the arrest's or the hearing's, but it writes out the
            # day of the shooting ("charged in the May 3 shooting"): that day is the event's.
            # gva-dev: pairwise F1 0.764 -> 0.772 (precision 0.885 -> 0.886), B-cubed 0.915 ->
            # 0.917; counting it a day off (neutral) instead gave 0.770.
            written = side.dates if side is not None else _written_dates(article)
            if incident.event_date in written:
                distance = 0
        confident = (
            min(article.event_date.confidence, _date_confidence(state)) >= config.confident_date
        )
    place = place_level(article.places, incident) if level is False else level
    if place == "none" and "-" in article.region_key and article.region_key == incident.region_key:
        # Same partition key, so the same state, and no place of one side to set against the
        # other's (mostly a report naming no place at all): "region", see
        # MergeConfig.weight_same_region.
        place = "region"
    my_names = (
        side.names
        if side is not None
        else name_keys(e.name for e in article.entities if e.kind == "person")
    )
    if their_names is None:
        their_names = state_names(state)
    gap = article.article.published_at - incident.last_published_at
    shared = shared_people(my_names, their_names)
    headlines = place == "place" and other_headline_places(article, incident)
    far_apart = (
        distance is not None and distance > config.max_event_date_distance_days and confident
    )
    told = (
        _shared_told(
            my_names,
            side.told if side is not None else article_told(article),
            their_names,
            set(state.told),
        )
        if shared and (place is None or far_apart or headlines)
        else 0
    )
    only_here = (
        _only_here(my_names, their_names, named_by)
        if shared and named_by is not None and (far_apart or place is None)
        else 0
    )
    incompatible = not compatible_types(article.event_type, incident.event_type)
    vetoed = (
        incompatible
        or ((place is None or far_apart) and not told and not only_here)
        or (headlines and not told)
    )
    agreement = {"killed": 0, "injured": 0}
    if not vetoed:
        claims = [(c.kind, c.value, c.background) for c in article.casualties]
        for figure in incident.casualties:
            if figure.kind not in agreement or figure.consensus is None:
                continue
            low = figure.low if figure.low is not None else figure.consensus
            high = figure.high if figure.high is not None else figure.consensus
            agreement[figure.kind] = casualty_agreement(figure_of(claims, figure.kind), low, high)
    return Evidence(
        date_distance=distance,
        confident_dates=confident,
        place=place,
        place_rarity=(
            place_rarity(article.places, incident, frequencies)
            if place == "place" and not vetoed
            else 0.0
        ),
        same_type=article.event_type == incident.event_type,
        other_type="other" not in (article.event_type, incident.event_type)
        and article.event_type != incident.event_type,
        incompatible_type=incompatible,
        text=0.0 if vetoed else text_similarity(terms, state.terms, frequencies, side),
        text_weighted=frequencies is not None and frequencies.documents > 0,
        shared_names=shared,
        shared_told=told,
        shared_only_here=only_here,
        other_names=not vetoed and _other_victims(article, incident, my_names, their_names),
        other_headline_places=headlines,
        killed=agreement["killed"],
        injured=agreement["injured"],
        days_since_last_report=max(gap.total_seconds() / 86400.0, 0.0),
    )


def weigh(found: Evidence, config: MergeConfig) -> float | None:
    """The weighted sum of the evidence (MergeConfig documents each weight); None for a veto.

    Vetoes: two different resolved towns as the event place, or two confident event dates more
    than `max_event_date_distance_days` apart, unless both name the same person and one side
    tells that person with an age (a victim or a suspect: `shared_told`): then the place or
    date extraction is the likelier error and the disagreement is only a penalty. Headlines
    naming other quarters or towns of the one they share (`other_headline_places`) veto too,
    unless the same holds: then they count nothing. Event types no incident is reported as
    together (`compatible_types`) always veto.

    Why a person told with an age, not any person: a town's or a state's spokespeople and
    officials are named in all its incidents. On a dense generated stream (6,000 reports of
    1,200 incidents over 12 days) officials' names let reports join incidents of other towns
    and days, which then matched every later report (incidents of 300-485 reports, never
    closed): wrong joins 2,357 -> 1,498, right ones 1,402 -> 2,013, and the folded-report
    state levelled off (16,000 reports over 48 days: 3,893 at 5,000 reports, 3,884 at
    12,500). gva-dev (4 partitions): B-cubed F1 0.928, pairwise F1 0.802 before and after,
    pairwise precision 0.899 -> 0.908. Any shared person lifting the place veto only when named
    in a casualty sentence (`victim_names`) instead cost 0.002 of pairwise F1.
    """
    named = found.shared_names > 0
    told = found.shared_told > 0
    total = 0.0
    if found.place is None:
        if not told and not found.shared_only_here:
            return None
        total -= config.penalty_place_conflict
    elif found.place == "place":
        total += config.weight_same_place + config.weight_place_rarity * found.place_rarity
    else:
        total += {
            "admin2": config.weight_same_admin2,
            "admin1": config.weight_same_admin1,
            "near": config.weight_near_place,
            "region": config.weight_same_region,
        }.get(found.place, 0.0)
    if found.date_distance is not None:
        if found.date_distance == 0:
            total += config.weight_same_date
        elif found.date_distance <= config.max_event_date_distance_days:
            total += config.weight_near_date
        elif found.confident_dates:
            if not told and not found.shared_only_here:
                return None
            total -= config.penalty_confident_date_distance
        else:
            # A weak date ("Sunday's attack" may be an earlier event the report recalls).
            total -= config.penalty_date_distance
    if found.incompatible_type:
        return None
    if found.same_type:
        total += config.weight_same_event_type
    elif found.other_type:
        total -= config.penalty_other_event_type
    text = min(found.text, config.text_saturation)
    if found.text_weighted:
        total += config.weight_text * text
    else:
        total += config.weight_text_counts * text - config.text_counts_offset
    if found.other_headline_places and not told:
        return None
    if found.other_names:
        total -= config.penalty_other_names
    if named:
        total += config.weight_shared_name
        if found.shared_names > 1:
            total += config.weight_more_shared_names
    for agreement in (found.killed, found.injured):
        if agreement > 0:
            total += config.weight_same_casualties
        elif agreement < 0:
            total -= config.penalty_casualty_mismatch
    total -= config.penalty_per_day_since_last_report * min(
        found.days_since_last_report, config.max_days_since_last_report
    )
    return total


def score(
    article: ExtractedArticle,
    state: IncidentState,
    terms: Mapping[str, int],
    config: MergeConfig,
    frequencies: DocumentFrequencies | None = None,
    side: ArticleSide | None = None,
) -> float | None:
    """Match score of `article` against an incident; None when the two cannot be one incident."""
    return weigh(evidence(article, state, terms, config, frequencies, side), config)


#: A headline counting several shootings: "3 killed, 12 wounded in Monday shootings across
#: Chicago", "2 girls shot in separate shootings", "NOPD investigates four separate shootings".
_ROUNDUP = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|separate)"
    r"\s+(?:[a-z-]+\s+)?(?:shootings|incidents)\b|\bshootings\s+across\b",
    re.IGNORECASE,
)


def is_roundup(title: str) -> bool:
    """Whether a headline tells of several shootings (`_ROUNDUP`)."""
    return _ROUNDUP.search(title) is not None


def matches(
    article: ExtractedArticle,
    candidates: Sequence[IncidentState],
    config: MergeConfig,
    frequencies: DocumentFrequencies | None = None,
    terms: Mapping[str, int] | None = None,
    archived_names: Iterable[Iterable[str]] = (),
) -> list[IncidentState]:
    """Candidates the article joins, best first (ties: oldest first): the best scoring at least
    `join_threshold`, and with it any other scoring at least `merge_threshold` (the article
    shows those are one incident). A round-up of several shootings (`is_roundup`) joins only an
    incident naming a person it names: its place, day and words fit each of them (gva-dev,
    core fold: pairwise precision 0.8955 -> 0.9000, F1 0.7939 -> 0.7951, B-cubed 0.926).
    Merged-away incidents are never candidates. `terms`: the article's `article_terms`, when
    the caller has them already; `archived_names`: the person name keys of each of the region's
    archived incidents (a name they use is not one live incident's alone)."""
    if terms is None:
        terms = article_terms(article)
    side = article_side(article, terms, frequencies)
    roundup = is_roundup(article.article.title)
    live = [state for state in candidates if not state.incident.merged_into]
    names = [state_names(s) for s in live]
    named_by: Counter[str] = Counter()
    for theirs in names:
        named_by.update(side.names & theirs)
    for entry_names in archived_names:
        named_by.update(side.names.intersection(entry_names))
    scored = []
    for state, theirs in zip(live, names, strict=True):
        # Blocking: pairs `weigh` vetoes whatever their text says are passed over before the
        # evidence is measured: event types no incident is reported as together, and another
        # resolved town with no person in common (only a shared person lifts that veto). The
        # same decisions; most of a big region's candidates are one or the other.
        if not compatible_types(article.event_type, state.incident.event_type):
            continue
        level = place_level(article.places, state.incident)
        if level is None and not shared_people(side.names, theirs):
            continue
        found = evidence(article, state, terms, config, frequencies, side, named_by, theirs, level)
        if roundup and not found.shared_names:
            continue  # which of its shootings? Only a person named by both tells.
        value = weigh(found, config)
        if value is not None and value >= config.join_threshold:
            scored.append((-value, state.incident.first_published_at, state.id, state))
    ranked = sorted(scored, key=lambda item: item[:3])
    return [
        item[3] for i, item in enumerate(ranked) if i == 0 or -item[0] >= config.merge_threshold
    ]
