"""Incident models: the compacted incidents topic and the append-only incidents.updates."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from schemas.articles import CasualtyClaim, CasualtyKind, Entity, EventType, Place
from schemas.base import Model


class IncidentArticle(Model):
    """One report of an incident; copies name the article they copy."""

    id: str
    source: str = ""
    title: str = ""
    published_at: AwareDatetime
    copy_of: str | None = None


class CasualtyFigure(Model):
    """All claims for one kind of casualty, with the consensus and the range."""

    kind: CasualtyKind
    claims: list[CasualtyClaim]
    #: Median of the main-incident claims of independent reports (see merge/casualties.py).
    consensus: int | None = None
    low: int | None = None
    high: int | None = None


class Conflict(Model):
    """Sources that disagree on a fact."""

    field: str
    values: list[str]
    article_ids: list[str]


class KeySentence(Model):
    """A statement made in the incident's reports, listed once with every report carrying it."""

    text: str
    article_ids: list[str]


IncidentStatus = Literal["open", "closed"]


class Incident(Model):
    """The latest version of one incident (topic incidents, compacted, key: id)."""

    id: str
    version: int = Field(ge=1)
    status: IncidentStatus = "open"
    region_key: str
    title: str
    event_type: EventType = "other"
    event_date: date | None = None
    places: list[Place] = Field(default_factory=list)
    actors: list[Entity] = Field(default_factory=list)
    casualties: list[CasualtyFigure] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    articles: list[IncidentArticle]
    independent_sources: int = Field(ge=0)
    key_sentences: list[KeySentence] = Field(default_factory=list)
    first_published_at: AwareDatetime
    last_published_at: AwareDatetime
    merged_into: str | None = None

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.articles]


UpdateKind = Literal["created", "joined", "fact_changed", "merged", "closed", "reopened"]


class IncidentUpdate(Model):
    """One change to an incident (topic incidents.updates, append-only, key: incident_id)."""

    incident_id: str
    version: int = Field(ge=1)
    kind: UpdateKind
    article_id: str | None = None
    detail: str = ""
    #: Event time of the change: the article's published_at, or the watermark for a close.
    event_time: AwareDatetime
