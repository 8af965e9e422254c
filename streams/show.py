"""One readable line per message, for `newsfold tail` and the demo table."""

from __future__ import annotations

from pydantic import ValidationError

from schemas.articles import CleanArticle, DuplicateNotice, ExtractedArticle, RawArticle
from schemas.dead_letter import DeadLetter
from schemas.incidents import Incident, IncidentUpdate
from schemas.wire import decode


def incident_place(incident: Incident) -> str:
    """The most specific event place of an incident, with its admin area."""
    for place in incident.places:
        if place.role == "event":
            return place.name + (f", {place.within}" if place.within else "")
    return incident.places[0].name if incident.places else incident.region_key


def readable(topic: str, value: bytes) -> str:
    """A one-line summary of a message of `topic`."""
    try:
        return _readable(topic, value)
    except ValidationError:
        return value[:300].decode("utf-8", "replace")


def _readable(topic: str, value: bytes) -> str:
    if topic == "incidents":
        i = decode(Incident, value)
        return (
            f"{i.id} v{i.version} {i.status:6} {i.event_type:9} {i.event_date or '?'} "
            f"{incident_place(i)} | {i.title[:70]} | reports={len(i.articles)} "
            f"sources={i.independent_sources}"
        )
    if topic == "incidents.updates":
        u = decode(IncidentUpdate, value)
        return f"{u.incident_id} v{u.version} {u.kind:12} {u.article_id or ''} {u.detail}"
    if topic == "dead-letter":
        d = decode(DeadLetter, value)
        return f"[{d.stage}] {d.article_id or '?'} {d.error_type}: {d.reason}"
    if topic == "articles.duplicates":
        n = decode(DuplicateNotice, value)
        return f"{n.article_id} {n.kind} of {n.original_id} ({n.similarity:.2f}) -> {n.incident_id}"
    if topic in ("articles.extracted", "articles.late"):
        e = decode(ExtractedArticle, value)
        return f"{e.id} [{e.region_key}] {e.event_type} {e.article.title[:80]}"
    if topic == "articles.clean":
        c = decode(CleanArticle, value)
        return f"{c.id} {c.published_at:%Y-%m-%d} {c.language} {c.title[:80]}"
    r = decode(RawArticle, value)
    return f"{r.id} {r.published_at:%Y-%m-%d} {r.source} {r.title[:80]}"
