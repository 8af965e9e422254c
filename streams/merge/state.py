"""Hot state of one incident: the published Incident plus the per-report facts it is folded from.

The Incident is what consumers read; the reports list keeps what is needed to recompute its facts
when a report joins (event date votes, sources), so a join never needs the earlier articles.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from schemas.base import Model
from schemas.incidents import Incident, KeySentence


class ReportFacts(Model):
    """What one report said that the incident's facts are voted from."""

    article_id: str
    source: str
    event_date: date | None = None
    event_date_confidence: float = 0.0
    copy_of: str | None = None


class IncidentState(Model):
    """Table value of the incidents state table (key: incident id)."""

    incident: Incident
    reports: list[ReportFacts] = Field(default_factory=list)
    #: Counts of the content words of its independent reports, the most frequent only.
    terms: dict[str, int] = Field(default_factory=dict)
    #: Statements of its reports with their carriers, in order of first appearance (bounded).
    sentences: list[KeySentence] = Field(default_factory=list)
    #: Partition of articles.extracted the incident lives on (its region key's partition).
    partition: int = 0
    #: Name keys of the people its reports tell with an age (merge/match.py `told_with_age`):
    #: its victims and suspects, whom a report must name to lift a place or date veto.
    told: list[str] = Field(default_factory=list)
    #: Name keys (merge/match.py `name_keys`) of all the people among its actors, kept here
    #: because every report of the region is matched against them; None in states written
    #: before this field, which matching then keys on the fly.
    names: list[str] | None = None

    @property
    def id(self) -> str:
        return self.incident.id
