"""How well an article fits an incident: place, event date, event type, text and casualty figures.

Score = sum of documented weights (MergeConfig); hard vetoes return None: event dates too far
apart, or both name different resolved towns as the event place. Text similarity is the overlap of
content words between the article's headline+lead and the incident's titles and key sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from schemas.articles import ExtractedArticle, Place
from schemas.incidents import Incident
from streams.merge.config import MergeConfig

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


def content_words(texts: Iterable[str]) -> frozenset[str]:
    """Lowercased words of the texts, stop words and 1–2 letter words dropped."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP)
    return frozenset(words)


def article_words(article: ExtractedArticle) -> frozenset[str]:
    """The words an article is matched on: its headline and first two paragraphs."""
    return content_words([article.article.title, *article.article.paragraphs[:2]])


def incident_words(incident: Incident) -> frozenset[str]:
    """The words an incident is matched on: its reports' titles and its key sentences."""
    return content_words(
        [a.title for a in incident.articles] + [s.text for s in incident.key_sentences]
    )


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
    if my_admin1 & their_admin1:
        return config.weight_same_admin1
    return 0.0


def _killed(claims: Iterable[tuple[str, int, bool]]) -> int | None:
    values = [v for kind, v, background in claims if kind == "killed" and not background]
    return max(values) if values else None


def score(
    article: ExtractedArticle,
    incident: Incident,
    words: frozenset[str],
    incident_vocabulary: frozenset[str],
    config: MergeConfig,
) -> float | None:
    """Match score of `article` against `incident`; None when the two cannot be one incident."""
    if article.event_date is not None and incident.event_date is not None:
        distance = abs((article.event_date.date - incident.event_date).days)
        if distance > config.max_event_date_distance_days:
            return None
        total = config.weight_same_date if distance == 0 else 0.0
    else:
        total = 0.0
    place = _place_score(article, incident, config)
    if place is None:
        return None
    total += place
    if article.event_type == incident.event_type:
        total += config.weight_same_event_type
    elif "other" not in (article.event_type, incident.event_type):
        total -= config.penalty_other_event_type
    if words and incident_vocabulary:
        overlap = len(words & incident_vocabulary) / min(len(words), len(incident_vocabulary))
        total += config.weight_text * overlap
    mine = _killed((c.kind, c.value, c.background) for c in article.casualties)
    theirs = [f.consensus for f in incident.casualties if f.kind == "killed"]
    if mine is not None and theirs and theirs[0] is not None:
        low, high = sorted((mine, theirs[0]))
        if high > 2 * low + 2:
            total -= config.penalty_casualty_mismatch
    return total


def best_match(
    article: ExtractedArticle, candidates: Sequence[Incident], config: MergeConfig
) -> Incident | None:
    """The candidate the article joins, or None to open a new incident (ties: oldest wins)."""
    words = article_words(article)
    best: tuple[float, Incident] | None = None
    for incident in sorted(candidates, key=lambda i: (i.first_published_at, i.id)):
        value = score(article, incident, words, incident_words(incident), config)
        if value is None or value < config.join_threshold:
            continue
        if best is None or value > best[0]:
            best = (value, incident)
    return best[1] if best else None
