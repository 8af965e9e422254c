"""How well an article fits an incident: place, event date, event type, text and casualty figures.

Score = sum of documented weights (MergeConfig); hard vetoes return None: confident event dates
too far apart, or both name different resolved towns as the event place. Text similarity is the
cosine of content-word counts between the article and the incident's reports; actors count by the
share of the article's actors the incident already has; a killed figure inside the incident's
range counts for, one far outside it against.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from schemas.articles import ExtractedArticle, Place
from schemas.incidents import Incident
from streams.merge.config import MergeConfig
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


def term_counts(texts: Iterable[str]) -> Counter[str]:
    """Counts of the content words of the texts (lowercased; stop and short words dropped)."""
    return Counter(
        w for text in texts for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP
    )


def article_terms(article: ExtractedArticle) -> Counter[str]:
    """The words an article is matched on: headline and story."""
    return term_counts([article.article.title, *article.article.paragraphs])


def add_terms(terms: Mapping[str, int], counts: Mapping[str, int], limit: int) -> dict[str, int]:
    """An incident's term counts with one report's added, the `limit` most frequent kept."""
    merged = Counter(terms)
    merged.update(counts)
    top = sorted(merged.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return dict(top)


def cosine(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Cosine similarity of two term-count vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(count * b.get(term, 0) for term, count in a.items())
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm


def place_key(place: Place) -> str:
    """Identity of a place: its GeoNames id, else its folded name within its admin area."""
    if place.geonames_id is not None:
        return f"gn:{place.geonames_id}"
    return f"name:{place.name.lower()}|{(place.within or '').lower()}"


def event_places(places: Sequence[Place]) -> list[Place]:
    """The places where the event happened; all places when none is marked as event place."""
    chosen = [p for p in places if p.role == "event"]
    return chosen or [p for p in places if p.role != "dateline"] or list(places)


def _place_score(
    article: ExtractedArticle, incident: Incident, config: MergeConfig
) -> float | None:
    mine = event_places(article.places)
    theirs = event_places(incident.places)
    if not mine or not theirs:
        return 0.0
    my_specific = {place_key(p) for p in mine if p.kind in _SPECIFIC}
    their_specific = {place_key(p) for p in theirs if p.kind in _SPECIFIC}
    if my_specific & their_specific:
        return config.weight_same_place
    # Two different resolved towns are two incidents; an unresolved village never vetoes, as
    # one report may name the village and another only the nearest town.
    my_towns = {p.geonames_id for p in mine if p.kind == "city" and p.geonames_id}
    their_towns = {p.geonames_id for p in theirs if p.kind == "city" and p.geonames_id}
    if my_towns and their_towns:
        return None
    my_admin2 = {p.admin2_name for p in mine if p.admin2_name}
    their_admin2 = {p.admin2_name for p in theirs if p.admin2_name}
    if my_admin2 & their_admin2:
        return config.weight_same_admin2
    my_admin1 = {(p.country_code, p.admin1_code) for p in mine if p.admin1_code}
    their_admin1 = {(p.country_code, p.admin1_code) for p in theirs if p.admin1_code}
    if my_admin1 & their_admin1 or "-" in article.region_key == incident.region_key:
        return config.weight_same_admin1
    return 0.0


def _date_confidence(state: IncidentState) -> float:
    """How sure the incident's reports are of its event date (the best of those giving it)."""
    date = state.incident.event_date
    return max(
        (r.event_date_confidence for r in state.reports if r.event_date == date), default=0.0
    )


def _killed(claims: Iterable[tuple[str, int, bool]]) -> int | None:
    values = [v for kind, v, background in claims if kind == "killed" and not background]
    return max(values) if values else None


def score(
    article: ExtractedArticle,
    state: IncidentState,
    terms: Mapping[str, int],
    config: MergeConfig,
) -> float | None:
    """Match score of `article` against an incident; None when the two cannot be one incident."""
    incident = state.incident
    total = 0.0
    if article.event_date is not None and incident.event_date is not None:
        distance = abs((article.event_date.date - incident.event_date).days)
        if distance == 0:
            total += config.weight_same_date
        elif distance > config.max_event_date_distance_days:
            # Two confident dates far apart are two incidents; a weak one ("Sunday's attack"
            # may be an earlier event the report recalls) only counts against.
            if min(article.event_date.confidence, _date_confidence(state)) >= config.confident_date:
                return None
            total -= config.penalty_date_distance
    place = _place_score(article, incident, config)
    if place is None:
        return None
    total += place
    if article.event_type == incident.event_type:
        total += config.weight_same_event_type
    elif "other" not in (article.event_type, incident.event_type):
        total -= config.penalty_other_event_type
    total += config.weight_text * cosine(terms, state.terms)
    names = {e.name for e in article.entities}
    if names:
        shared = names & {e.name for e in incident.actors}
        total += config.weight_actors * len(shared) / len(names)
    mine = _killed((c.kind, c.value, c.background) for c in article.casualties)
    figure = next((f for f in incident.casualties if f.kind == "killed"), None)
    if mine is not None and figure is not None and figure.consensus is not None:
        low, high = figure.low or figure.consensus, figure.high or figure.consensus
        if low <= mine <= high:
            total += config.weight_same_casualties
        elif max(mine, high) > 2 * min(mine, low) + 2:
            total -= config.penalty_casualty_mismatch
    return total


def matches(
    article: ExtractedArticle, candidates: Sequence[IncidentState], config: MergeConfig
) -> list[IncidentState]:
    """Candidates the article could join, best first (ties: oldest first); merged-away
    incidents are never candidates."""
    terms = article_terms(article)
    scored = []
    for state in candidates:
        if state.incident.merged_into:
            continue
        value = score(article, state, terms, config)
        if value is not None and value >= config.join_threshold:
            scored.append((-value, state.incident.first_published_at, state.id, state))
    return [item[3] for item in sorted(scored, key=lambda item: item[:3])]
