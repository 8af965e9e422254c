"""Event-time rules: the watermark, when an incident closes, when it is evicted, what is late.

Kafka Streams semantics (grace, suppression until the window closes) on our own logic because
faust's windowed tables expire by wall clock, which would drop an archive's state at once.
"""

from __future__ import annotations

from datetime import datetime

from schemas.incidents import Incident, IncidentUpdate
from streams.merge.config import MergeConfig


def advance_watermark(
    watermark: datetime | None, published_at: datetime, config: MergeConfig
) -> datetime:
    """The partition's watermark after seeing `published_at`: never moves backwards."""
    candidate = published_at - config.grace
    if watermark is None or candidate > watermark:
        return candidate
    return watermark


def close_deadline(incident: Incident, config: MergeConfig) -> datetime:
    """Event time at which an open incident closes: inactivity gap or maximum span."""
    return min(
        incident.last_published_at + config.inactivity_gap,
        incident.first_published_at + config.max_span,
    )


def is_expired(incident: Incident, watermark: datetime, config: MergeConfig) -> bool:
    """An open incident whose deadline the watermark has passed: `close_if_expired` closes it."""
    return incident.status == "open" and watermark >= close_deadline(incident, config)


def close_if_expired(
    incident: Incident, watermark: datetime, config: MergeConfig
) -> tuple[Incident, IncidentUpdate] | None:
    """Close `incident` when the watermark has passed its deadline; None when it stays as is."""
    if not is_expired(incident, watermark, config):
        return None
    closed = incident.model_copy(update={"status": "closed", "version": incident.version + 1})
    update = IncidentUpdate(
        incident_id=incident.id,
        version=closed.version,
        kind="closed",
        detail=f"no new report for {config.inactivity_gap} of event time",
        event_time=watermark,
    )
    return closed, update


def is_evictable(incident: Incident, watermark: datetime, config: MergeConfig) -> bool:
    """A closed incident leaves hot state once its retention has passed (it lives on in Kafka)
    and every report of it is late (`is_late`).

    Why the second condition: eviction forgets which reports were folded, so a redelivery
    after it must be late, or it would open a second incident. A report that reopened an
    incident past its maximum span can be days newer than the deadline: after a SIGKILL one was
    redelivered 3 event-days after its incident was evicted, and was counted twice.
    """
    return incident.status == "closed" and watermark >= sweep_due_at(incident, config)


def sweep_due_at(incident: Incident, config: MergeConfig) -> datetime:
    """Event time from which a sweep has something to do with `incident`: from then on it
    `is_expired` (an open one) or `is_evictable` (a closed one), and never before."""
    if incident.status == "open":
        return close_deadline(incident, config)
    return max(close_deadline(incident, config), incident.last_published_at) + config.retention


def is_late(published_at: datetime, watermark: datetime | None, config: MergeConfig) -> bool:
    """Too late even for a closed incident's retention: goes to articles.late."""
    return watermark is not None and published_at < watermark - config.retention
