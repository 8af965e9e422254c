"""Incidents past retention, remembered in brief so a follow-up weeks later can reopen them.

An incident leaves hot state `retention` after it closes (streams/merge/eventtime.py); its full
state (terms, statements, claims with their sentences) goes. Trial, arrest and sentencing
reports come weeks to months later and would otherwise open a new incident. So an evicted
incident is kept as an `ArchivedIncident` (one naming no town or village only so that its
reports are known when delivered again: `holding`; nothing recalls it): the published incident
without its key sentences and with its casualty claims' sentences dropped, the per-report facts
its date is voted from, and the keys matching needs. Archived incidents expire
`archive_retention` of event time after their last report, and a region keeps at most
`max_archived_per_region` (oldest dropped first), so the state stays bounded by event time and
by count.

A report that joins no live incident reopens an archived one of its region (`recall`) on strong
evidence only: a report naming no town or village, by a person it tells with an age itself whom
no other incident of the region names (a follow-up that says only "Jane Roe, 24, was killed in
May"; gva-dev, core fold: pairwise F1 0.7927 -> 0.7939, precision 0.8952 -> 0.8955); else a
town or village named by both plus either

- a person named by both, told with an age on one side at least ("Jane Roe, 24, was shot",
  "the 17-year-old John Doe": the way news introduces victims and suspects, never police
  spokespeople or reporters), whom no other incident of the region (archived or live) names; or
- the incident's event date, as the follow-up's own event date or as a date it writes out
  ("in the May 3 shooting", "on March 1, 2014"; merge/dates.py), or a day off from it when a
  person is named by both, and no other archived incident of the region has that town and
  date. Follow-ups name the day of the shooting they go back to; a new shooting in the same
  town is reported within days, while its incident is still live. To have that rule, every
  evicted incident naming a town is archived, not only those naming a person told with an
  age. On gva-dev: B-cubed F1 0.904 -> 0.915, pairwise F1 0.716 -> 0.764 (precision 0.890
  -> 0.885); of the 115 reopenings, 107 were right.

Event dates are not compared otherwise: a follow-up's own date is the trial's or the arrest's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from pydantic import AwareDatetime, Field

from schemas.articles import ExtractedArticle, Place
from schemas.base import Model
from schemas.incidents import Incident
from streams.merge.config import MergeConfig
from streams.merge.dates import mentioned_dates
from streams.merge.match import actor_names, name_keys, same_place_key, told_with_age
from streams.merge.state import IncidentState, ReportFacts

_SPECIFIC = ("locality", "city")


class ArchivedIncident(Model):
    """Table value of the archived incidents (key: incident id): an evicted incident in brief."""

    #: The last published version, with no key sentences and claims without their sentences.
    incident: Incident
    #: What the event date is voted from when it reopens.
    reports: list[ReportFacts] = Field(default_factory=list)
    #: Person name keys (match.py `name_keys`) of its actors.
    names: list[str] = Field(default_factory=list)
    #: Those of them its reports told with an age.
    told_names: list[str] = Field(default_factory=list)
    #: Same-place keys (match.py `same_place_key`) of the towns and villages it names.
    towns: list[str] = Field(default_factory=list)
    #: Partition of articles.extracted it lived on.
    partition: int = 0
    #: Event time after which it is forgotten.
    expires_at: AwareDatetime

    @property
    def id(self) -> str:
        return self.incident.id


def _towns(places: Sequence[Place]) -> set[str]:
    return {same_place_key(p) for p in places if p.kind in _SPECIFIC}


def archive_entry(
    state: IncidentState, watermark: datetime, config: MergeConfig
) -> ArchivedIncident | None:
    """The brief an evicted incident is remembered by; None when merged into another (its
    reports live on in the survivor). Incidents without a person told with an age are kept
    too, for the event-date rule of `recall`; those naming no town or village are kept with no
    names either, so `recall` never reopens them: only so that a redelivered report of theirs
    is known as folded (`holding`) instead of being sent to articles.late a second time."""
    incident = state.incident
    if incident.merged_into is not None:
        return None
    towns = _towns(incident.places)
    people = [e for e in incident.actors if e.kind == "person"] if towns else []
    texts = [*(a.title for a in incident.articles), *(s.text for s in state.sentences)]
    told = told_with_age(people, texts)
    figures = [
        f.model_copy(update={"claims": [c.model_copy(update={"sentence": ""}) for c in f.claims]})
        for f in incident.casualties
    ]
    brief = incident.model_copy(update={"key_sentences": [], "casualties": figures})
    return ArchivedIncident(
        incident=brief,
        reports=state.reports,
        names=sorted(name_keys(e.name for e in people)),
        told_names=sorted(told),
        towns=sorted(towns),
        partition=state.partition,
        expires_at=max(incident.last_published_at, watermark) + config.archive_retention,
    )


def holding(article_id: str, archived: Iterable[ArchivedIncident]) -> ArchivedIncident | None:
    """The archived incident that lists the report `article_id`, if any: a report folded before
    its incident was evicted, now delivered again (a crash or a rebalance re-reads what was not
    committed, however far event time has moved on since)."""
    return next((e for e in archived if any(a.id == article_id for a in e.incident.articles)), None)


def is_forgotten(entry: ArchivedIncident, watermark: datetime) -> bool:
    """An archived incident whose `expires_at` the watermark has reached."""
    return watermark >= entry.expires_at


def recall(
    article: ExtractedArticle,
    archived: Sequence[ArchivedIncident],
    live: Sequence[IncidentState] = (),
) -> ArchivedIncident | None:
    """The archived incident of the article's region that it reports, if the evidence is
    strong (see the module docstring): by a shared name, of several the one sharing most such
    names, then the most recent; else by the event date. `live`: the region's incidents in hot
    state (a name they use is no one's)."""
    if not archived:
        return None
    my_towns = _towns(article.places)
    if not my_towns:
        return _recall_by_name(article, archived, live, None)
    by_name = _recall_by_name(article, archived, live, my_towns)
    if by_name is not None:
        return by_name
    clean = article.article
    dates = mentioned_dates([clean.title, *clean.paragraphs], clean.published_at.date())
    if article.event_date is not None:
        dates.add(article.event_date.date)
    names = name_keys(e.name for e in article.entities if e.kind == "person")
    dated = [
        entry
        for entry in archived
        if my_towns.intersection(entry.towns) and _dated(entry, dates, names)
    ]
    # Two shootings of one town on one day: the date tells neither from the other.
    return dated[0] if len(dated) == 1 else None


def _dated(entry: ArchivedIncident, dates: set[date], names: set[str]) -> bool:
    """The entry's event date is among `dates`, or a day off and a person is named by both
    (a late-night shooting is dated by its day or the next)."""
    day = entry.incident.event_date
    if day is None or not dates:
        return False
    if day in dates:
        return True
    return bool(names.intersection(entry.names)) and any(abs((d - day).days) == 1 for d in dates)


def _recall_by_name(
    article: ExtractedArticle,
    archived: Sequence[ArchivedIncident],
    live: Sequence[IncidentState],
    my_towns: set[str] | None,
) -> ArchivedIncident | None:
    """The archived incident sharing a town and a person told with an age (see `recall`);
    `my_towns` None: the report names no town, and must tell the person's age itself."""
    people = [e for e in article.entities if e.kind == "person"]
    mine = name_keys(e.name for e in people)
    if not mine:
        return None
    # The age test (regexes per name) only when some entry could use it: now that every
    # evicted incident naming a town is archived, most reports meet entries, few share a name.
    if not any(
        mine.intersection(e.names) and (my_towns is None or my_towns.intersection(e.towns))
        for e in archived
    ):
        return None
    told = told_with_age(people, [article.article.title, *article.article.paragraphs])
    # How many incidents of the region name each person: one named by two is a public figure
    # (a spokesperson, a reporter) or a tagger's mistake, not evidence of one incident.
    named_by: Counter[str] = Counter()
    for entry in archived:
        named_by.update(mine.intersection(entry.names))
    for state in live:
        if not state.incident.merged_into:
            named_by.update(mine & name_keys(e.name for e in state.incident.actors))
    best: tuple[int, datetime, str] | None = None
    chosen = None
    for entry in archived:
        shared = {
            n
            for n in mine.intersection(entry.names)
            if named_by[n] == 1 and (n in told or (my_towns is not None and n in entry.told_names))
        }
        if not shared or (my_towns is not None and not my_towns.intersection(entry.towns)):
            continue
        rank = (len(shared), entry.incident.last_published_at, entry.id)
        if best is None or rank > best:
            best, chosen = rank, entry
    return chosen


def revive(entry: ArchivedIncident) -> IncidentState:
    """The hot state of an archived incident, closed, as `join` reopens it: no terms or
    statements (the joining report brings its own)."""
    incident = entry.incident.model_copy(update={"status": "closed"})
    return IncidentState(
        incident=incident,
        reports=entry.reports,
        partition=entry.partition,
        told=entry.told_names,
        names=actor_names(incident),
    )
