"""Incidents past retention, remembered in brief so a follow-up weeks later can reopen them.

An incident leaves hot state `retention` after it closes (streams/merge/eventtime.py); its full
state (terms, statements, claims with their sentences) goes. Trial, arrest and sentencing
reports come weeks to months later, name the same victim or suspect, and would otherwise open
a new incident. So an evicted incident that names a person "told with an age" ("Jane Roe, 24,
was shot", "the 17-year-old John Doe"; the way news introduces victims and suspects, never
police spokespeople, reporters or the institutions a person-tagger mistakes for people) is
kept as an `ArchivedIncident`: the published incident without its key sentences and with its
casualty claims' sentences dropped, the per-report facts its date is voted from, and the keys
matching needs. Archived incidents expire `archive_retention` of event time after their last
report, and a region keeps at most `max_archived_per_region` (oldest dropped first), so the
state stays bounded by event time and by count.

A report that joins no live incident reopens an archived one of its region (`recall`) on strong
evidence only: a person named by both, told with an age on one side at least, whom no other
incident of the region (archived or live) names, plus a town or village named by both. Event
dates are not compared: a follow-up's own date is the trial's or the arrest's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

from pydantic import AwareDatetime, Field

from schemas.articles import Entity, ExtractedArticle, Place
from schemas.base import Model
from schemas.incidents import Incident
from streams.merge.config import MergeConfig
from streams.merge.match import name_keys, same_place_key
from streams.merge.state import IncidentState, ReportFacts

_SPECIFIC = ("locality", "city")
#: After a full name: ", 24," / ", 24." / ", 24 and" / ", age 24" / " (24)".
_AGE_AFTER = (
    r"(?:,\s(?:age\s|aged\s)?\d{1,3}(?=[,.;)]|\s(?:and|was|were|is|of|from|who|had|has)\b)"
    r"|\s\(\d{1,3}\))"
)
#: Before a full name: "24-year-old Jane Roe", "the 17-year-old John Doe".
_AGE_BEFORE = r"\b\d{1,3}-year-old\s"


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


def told_with_age(people: Iterable[Entity], texts: Iterable[str]) -> set[str]:
    """Name keys of the people some text introduces with an age, by a spelling of two or more
    words ("Jane Roe, 24, was shot"; "a 17-year-old, John Doe" is not: the age is no part of
    the name's phrase)."""
    text = "\n".join(texts)
    found = set()
    for person in people:
        keys = name_keys([person.name])
        if not keys:
            continue
        for spelling in {person.name, *person.aliases}:
            if len(spelling.split()) < 2 or spelling not in text:
                continue
            name = re.escape(spelling)
            if re.search(name + _AGE_AFTER, text) or re.search(_AGE_BEFORE + name + r"\b", text):
                found |= keys
                break
    return found


def _towns(places: Sequence[Place]) -> set[str]:
    return {same_place_key(p) for p in places if p.kind in _SPECIFIC}


def archive_entry(
    state: IncidentState, watermark: datetime, config: MergeConfig
) -> ArchivedIncident | None:
    """The brief an evicted incident is remembered by; None when nothing could ever recall it
    (merged into another, or no person told with an age)."""
    incident = state.incident
    if incident.merged_into is not None:
        return None
    people = [e for e in incident.actors if e.kind == "person"]
    texts = [*(a.title for a in incident.articles), *(s.text for s in state.sentences)]
    told = told_with_age(people, texts)
    if not told:
        return None
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
        towns=sorted(_towns(incident.places)),
        partition=state.partition,
        expires_at=max(incident.last_published_at, watermark) + config.archive_retention,
    )


def is_forgotten(entry: ArchivedIncident, watermark: datetime) -> bool:
    """An archived incident whose `expires_at` the watermark has reached."""
    return watermark >= entry.expires_at


def recall(
    article: ExtractedArticle,
    archived: Sequence[ArchivedIncident],
    live: Sequence[IncidentState] = (),
) -> ArchivedIncident | None:
    """The archived incident of the article's region that it reports, if the evidence is
    strong (see the module docstring); of several, the one sharing most such names, then the
    most recent. `live`: the region's incidents in hot state (a name they use is no one's)."""
    people = [e for e in article.entities if e.kind == "person"]
    mine = name_keys(e.name for e in people)
    if not mine or not archived:
        return None
    my_towns = _towns(article.places)
    if not my_towns:
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
            if named_by[n] == 1 and (n in told or n in entry.told_names)
        }
        if not shared or not my_towns.intersection(entry.towns):
            continue
        rank = (len(shared), entry.incident.last_published_at, entry.id)
        if best is None or rank > best:
            best, chosen = rank, entry
    return chosen


def revive(entry: ArchivedIncident) -> IncidentState:
    """The hot state of an archived incident, closed, as `join` reopens it: no terms or
    statements (the joining report brings its own)."""
    incident = entry.incident.model_copy(update={"status": "closed"})
    return IncidentState(incident=incident, reports=entry.reports, partition=entry.partition)
