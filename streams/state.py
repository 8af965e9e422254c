"""Small shell-side table values: a partition's event-time clock and a region's incident list."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.base import Model


class PartitionClock(Model):
    """Event time of one partition of articles.extracted (table partition-clocks)."""

    watermark: datetime | None = None
    next_sweep: datetime | None = None


class RegionIncidents(Model):
    """Open and retained incidents of one region key (table region-incidents)."""

    incident_ids: list[str] = Field(default_factory=list)
    #: Its archived incidents (streams/merge/archive.py), oldest first.
    archived_ids: list[str] = Field(default_factory=list)

    def with_incident(self, incident_id: str) -> RegionIncidents:
        if incident_id in self.incident_ids:
            return self
        return self.model_copy(update={"incident_ids": [*self.incident_ids, incident_id]})

    def without(self, incident_id: str) -> RegionIncidents:
        return self.model_copy(
            update={"incident_ids": [i for i in self.incident_ids if i != incident_id]}
        )

    def with_archived(self, incident_id: str) -> RegionIncidents:
        kept = [i for i in self.archived_ids if i != incident_id]
        return self.model_copy(update={"archived_ids": [*kept, incident_id]})

    def without_archived(self, incident_id: str) -> RegionIncidents:
        return self.model_copy(
            update={"archived_ids": [i for i in self.archived_ids if i != incident_id]}
        )
