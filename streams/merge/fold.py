"""Fold one article into the incident it reports, or open a new incident.

`fold_article` is the whole decision for one article given its candidates: it returns the new
version of the incident it joined or opened, and one IncidentUpdate per version step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from schemas.articles import CasualtyClaim, DuplicateNotice, Entity, ExtractedArticle, Place
from schemas.incidents import Incident, IncidentArticle, IncidentUpdate
from streams.merge.archive import ArchivedIncident, recall, revive
from streams.merge.casualties import casualty_figures
from streams.merge.config import MergeConfig
from streams.merge.ids import incident_id
from streams.merge.match import (
    DocumentFrequencies,
    actor_names,
    add_terms,
    article_terms,
    article_told,
    event_places,
    matches,
    place_key,
)
from streams.merge.sentences import add_sentences, merge_sentences, top_sentences
from streams.merge.state import IncidentState, ReportFacts

_SPECIFICITY = {"locality": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}
_ROLE_ORDER = {"event": 0, "mentioned": 1, "dateline": 2}


@dataclass(frozen=True)
class Folded:
    """Result of folding one article: the incident's new state and what changed."""

    state: IncidentState
    updates: list[IncidentUpdate] = field(default_factory=list)
    #: Incidents this article showed to be the same as `state`: closed as merged into it.
    retired: list[IncidentState] = field(default_factory=list)
    #: The archived incident this article reopened (its archive entry is spent), if any.
    revived: str | None = None


def fold_article(
    article: ExtractedArticle,
    candidates: Sequence[IncidentState],
    config: MergeConfig,
    copy: DuplicateNotice | None = None,
    frequencies: DocumentFrequencies | None = None,
    terms: Counter[str] | None = None,
    archived: Sequence[ArchivedIncident] = (),
) -> Folded:
    """Join the article to the incident it reports (its original's, for a copy) or open one.

    `frequencies`: the partition's document frequencies, for TF-IDF text similarity; `terms`:
    the article's `article_terms`, when the caller has them already (the shell counted them
    into the frequencies); `archived`: the region's archived incidents (merge/archive.py),
    one of which an article that joins no live incident may reopen."""
    if copy is not None:
        for state in candidates:
            if state.id == copy.incident_id and not state.incident.merged_into:
                return join(state, article, config, copy_of=copy.original_id)
    if terms is None:
        terms = article_terms(article)  # once: matching, and the incident's terms after
    matched = matches(
        article, candidates, config, frequencies, terms, [entry.names for entry in archived]
    )
    if not matched:
        entry = recall(article, archived, candidates)
        if entry is None:
            return open_incident(article, config, terms)
        reopened = join(revive(entry), article, config, terms=terms)
        return Folded(reopened.state, reopened.updates, revived=entry.id)
    folded = join(matched[0], article, config, terms=terms)
    # Only incidents that could be one are merged: a report may fit two incidents in different
    # towns (a round-up of the week's shootings), which stay apart.
    matched = [matched[0], *(m for m in matched[1:] if can_merge(matched[0].incident, m.incident))]
    if len(matched) == 1:
        return folded
    # The report fits several incidents: they are one. Merge into the oldest id.
    states = [folded.state, *matched[1:]]
    survivor, *others = sorted(states, key=lambda s: (s.incident.first_published_at, s.id))
    updates = list(folded.updates) if survivor.id == folded.state.id else []
    retired = []
    at = article.article.published_at
    for other in others:
        survivor, closed, steps = absorb(survivor, other, at, config)
        retired.append(closed)
        updates += steps
    if survivor.id != folded.state.id:
        # The joined incident was absorbed: its join updates belong to its retired version.
        updates = [u for u in folded.updates] + updates
    return Folded(survivor, updates, retired)


def can_merge(first: Incident, second: Incident) -> bool:
    """Whether two incidents may be one: not when each names a different resolved town.
    (Dates are not compared: an incident's date may rest on one weak report.)"""
    towns = [
        {p.geonames_id for p in event_places(i.places) if p.kind == "city" and p.geonames_id}
        for i in (first, second)
    ]
    return not (towns[0] and towns[1] and not towns[0] & towns[1])


def absorb(
    survivor: IncidentState, other: IncidentState, at: datetime, config: MergeConfig
) -> tuple[IncidentState, IncidentState, list[IncidentUpdate]]:
    """Merge `other` into `survivor`: survivor gets its reports, other closes as merged-into."""
    known = {r.article_id for r in survivor.reports}
    reports = [*survivor.reports, *(r for r in other.reports if r.article_id not in known)]
    mine, theirs = survivor.incident, other.incident
    articles = sorted(
        {a.id: a for a in [*mine.articles, *theirs.articles]}.values(),
        key=lambda a: (a.published_at, a.id),
    )
    claims = [c for f in [*mine.casualties, *theirs.casualties] for c in f.claims]
    sentences = merge_sentences(survivor.sentences, other.sentences, config.max_sentences)
    independent = [r.article_id for r in reports if r.copy_of is None]
    figures, conflicts = casualty_figures(claims, _by_time(independent, articles))
    version = mine.version + 1
    merged = mine.model_copy(
        update={
            "version": version,
            "status": "open",
            "articles": articles,
            "first_published_at": min(mine.first_published_at, theirs.first_published_at),
            "last_published_at": max(mine.last_published_at, theirs.last_published_at),
            "event_date": _vote_event_date([r for r in reports if r.copy_of is None]),
            "event_type": mine.event_type if mine.event_type != "other" else theirs.event_type,
            "places": _merge_places(mine.places, theirs.places),
            "actors": _merge_entities(mine.actors, theirs.actors),
            "casualties": figures,
            "conflicts": conflicts,
            "key_sentences": top_sentences(sentences, config.max_key_sentences),
            "independent_sources": len(
                {r.source or r.article_id for r in reports if r.copy_of is None}
            ),
        }
    )
    closed = theirs.model_copy(
        update={"status": "closed", "merged_into": mine.id, "version": theirs.version + 1}
    )
    steps = [
        IncidentUpdate(
            incident_id=mine.id,
            version=version,
            kind="merged",
            detail=f"absorbed {theirs.id} ({len(theirs.articles)} reports)",
            event_time=at,
        ),
        IncidentUpdate(
            incident_id=theirs.id,
            version=closed.version,
            kind="merged",
            detail=f"merged into {mine.id}",
            event_time=at,
        ),
    ]
    survivor_state = IncidentState(
        incident=merged,
        reports=reports,
        terms=add_terms(survivor.terms, other.terms, config.max_terms),
        sentences=sentences,
        partition=survivor.partition,
        told=sorted({*survivor.told, *other.told}),
        names=actor_names(merged),
    )
    return survivor_state, other.model_copy(update={"incident": closed}), steps


def open_incident(
    article: ExtractedArticle, config: MergeConfig, terms: Counter[str] | None = None
) -> Folded:
    """A new incident with this article as its first report (`terms`: its `article_terms`, when
    the caller has them already)."""
    clean = article.article
    report = _report(article, None)
    incident = _recompute(
        Incident(
            id=incident_id(clean.id),
            version=1,
            region_key=article.region_key,
            title=clean.title or (clean.paragraphs[0][:160] if clean.paragraphs else clean.id),
            event_type=article.event_type,
            articles=[_incident_article(article, None)],
            independent_sources=1,
            first_published_at=clean.published_at,
            last_published_at=clean.published_at,
        ),
        [report],
        article,
        [],
        config,
    )
    update = IncidentUpdate(
        incident_id=incident.id,
        version=1,
        kind="created",
        article_id=clean.id,
        detail=f"opened by {clean.source or clean.id}: {incident.title}",
        event_time=clean.published_at,
    )
    words = terms if terms is not None else article_terms(article)
    sentences = add_sentences([], clean.id, clean.paragraphs, config.max_sentences)
    incident = incident.model_copy(
        update={"key_sentences": top_sentences(sentences, config.max_key_sentences)}
    )
    state = IncidentState(
        incident=incident,
        reports=[report],
        terms=add_terms({}, words, config.max_terms),
        sentences=sentences,
        told=sorted(article_told(article)),
        names=actor_names(incident),
    )
    return Folded(state, [update])


def join(
    state: IncidentState,
    article: ExtractedArticle,
    config: MergeConfig,
    copy_of: str | None = None,
    terms: Counter[str] | None = None,
) -> Folded:
    """The incident with one more report; a closed incident is reopened (`terms`: the article's
    `article_terms`, when the caller has them already)."""
    clean = article.article
    old = state.incident
    updates: list[IncidentUpdate] = []
    version = old.version
    if old.status == "closed":
        version += 1
        updates.append(
            IncidentUpdate(
                incident_id=old.id,
                version=version,
                kind="reopened",
                article_id=clean.id,
                detail="a report arrived within the retention period",
                event_time=clean.published_at,
            )
        )
    reports = [*state.reports, _report(article, copy_of)]
    articles = sorted(
        [*old.articles, _incident_article(article, copy_of)],
        key=lambda a: (a.published_at, a.id),
    )
    joined = old.model_copy(
        update={
            "status": "open",
            "articles": articles,
            "first_published_at": min(old.first_published_at, clean.published_at),
            "last_published_at": max(old.last_published_at, clean.published_at),
        }
    )
    previous_claims = [claim for figure in old.casualties for claim in figure.claims]
    new = _recompute(joined, reports, article, previous_claims, config)
    version += 1
    updates.append(
        IncidentUpdate(
            incident_id=old.id,
            version=version,
            kind="joined",
            article_id=clean.id,
            detail=(f"copy of {copy_of}" if copy_of else f"report from {clean.source or clean.id}"),
            event_time=clean.published_at,
        )
    )
    changed = _changed_facts(old, new)
    if changed:
        version += 1
        updates.append(
            IncidentUpdate(
                incident_id=old.id,
                version=version,
                kind="fact_changed",
                article_id=clean.id,
                detail="; ".join(changed),
                event_time=clean.published_at,
            )
        )
    sentences = (
        state.sentences
        if copy_of
        else add_sentences(state.sentences, clean.id, clean.paragraphs, config.max_sentences)
    )
    new = new.model_copy(
        update={
            "version": version,
            "key_sentences": top_sentences(sentences, config.max_key_sentences),
        }
    )
    if terms is None and not copy_of:
        terms = article_terms(article)
    merged_terms = (
        state.terms if copy_of or terms is None else add_terms(state.terms, terms, config.max_terms)
    )
    return Folded(
        IncidentState(
            incident=new,
            reports=reports,
            terms=merged_terms,
            sentences=sentences,
            partition=state.partition,
            told=state.told if copy_of else sorted({*state.told, *article_told(article)}),
            names=actor_names(new),
        ),
        updates,
    )


def _report(article: ExtractedArticle, copy_of: str | None) -> ReportFacts:
    event_date = article.event_date
    return ReportFacts(
        article_id=article.article.id,
        source=article.article.source,
        event_date=event_date.date if event_date else None,
        event_date_confidence=event_date.confidence if event_date else 0.0,
        copy_of=copy_of,
    )


def _incident_article(article: ExtractedArticle, copy_of: str | None) -> IncidentArticle:
    clean = article.article
    return IncidentArticle(
        id=clean.id,
        source=clean.source,
        title=clean.title,
        published_at=clean.published_at,
        copy_of=copy_of,
    )


def _recompute(
    incident: Incident,
    reports: list[ReportFacts],
    article: ExtractedArticle,
    previous_claims: list[CasualtyClaim],
    config: MergeConfig,
) -> Incident:
    """Refresh every voted fact of `incident` after `article` joined it."""
    independent = [r for r in reports if r.copy_of is None]
    is_copy = reports[-1].copy_of is not None
    claims = list(previous_claims)
    if not is_copy:
        claims += [
            c.model_copy(update={"article_id": article.article.id}) for c in article.casualties
        ]
    figures, conflicts = casualty_figures(
        claims, _by_time([r.article_id for r in independent], incident.articles)
    )
    event_type = incident.event_type
    if event_type == "other" and article.event_type != "other":
        event_type = article.event_type
    return incident.model_copy(
        update={
            "event_type": event_type,
            "event_date": _vote_event_date(independent),
            "places": _merge_places(incident.places, article.places),
            "actors": _merge_entities(incident.actors, article.entities),
            "casualties": figures,
            "conflicts": conflicts,
            "independent_sources": len({r.source or r.article_id for r in independent}),
        }
    )


def _vote_event_date(reports: Sequence[ReportFacts]) -> date | None:
    """The date most reports give, weighted by confidence; ties go to the earlier date."""
    votes: dict[date, float] = {}
    for report in reports:
        if report.event_date is not None:
            weight = max(report.event_date_confidence, 0.05)
            votes[report.event_date] = votes.get(report.event_date, 0.0) + weight
    if not votes:
        return None
    return min(votes, key=lambda d: (-votes[d], d))


def _merge_places(current: Sequence[Place], new: Sequence[Place]) -> list[Place]:
    """Union of places, event places first, most specific first; first spelling wins."""
    seen = {place_key(p): p for p in current}
    for place in new:
        key = place_key(place)
        known = seen.get(key)
        if known is None or _ROLE_ORDER[place.role] < _ROLE_ORDER[known.role]:
            seen[key] = place if known is None else known.model_copy(update={"role": place.role})
    return sorted(seen.values(), key=lambda p: (_ROLE_ORDER[p.role], _SPECIFICITY[p.kind], p.name))


def _merge_entities(current: Sequence[Entity], new: Sequence[Entity]) -> list[Entity]:
    """Union of actors by canonical name, aliases pooled."""
    merged = {e.name: e for e in current}
    for entity in new:
        known = merged.get(entity.name)
        if known is None:
            merged[entity.name] = entity
        else:
            aliases = sorted(set(known.aliases) | set(entity.aliases))
            if aliases != known.aliases:
                merged[entity.name] = known.model_copy(update={"aliases": aliases})
    return sorted(merged.values(), key=lambda e: e.name)


def _changed_facts(old: Incident, new: Incident) -> list[str]:
    changes = []
    if old.event_date != new.event_date:
        changes.append(f"event_date {old.event_date} -> {new.event_date}")
    if old.event_type != new.event_type:
        changes.append(f"event_type {old.event_type} -> {new.event_type}")
    before = {f.kind: f.consensus for f in old.casualties}
    for figure in new.casualties:
        if before.get(figure.kind) != figure.consensus:
            changes.append(f"{figure.kind} {before.get(figure.kind)} -> {figure.consensus}")
    return changes


def _by_time(article_ids: list[str], articles: list[IncidentArticle]) -> list[str]:
    """`article_ids` in the order of the incident's `articles` (by publication time, then id):
    the order casualty figures read the reports in."""
    rank = {a.id: n for n, a in enumerate(articles)}
    return sorted(article_ids, key=lambda i: (rank.get(i, len(rank)), i))
