"""Where every article ended (streams/outcomes.py): the count that conservation checks."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.incidents import Incident, IncidentArticle
from schemas.wire import encode
from streams.outcomes import Outcomes

WHEN = datetime(2018, 5, 1, 12, tzinfo=UTC)


def _incident(incident_id: str, article_ids: list[str], merged_into: str | None = None) -> bytes:
    return encode(
        Incident(
            id=incident_id,
            version=1,
            region_key="SY-HA",
            title="t",
            articles=[IncidentArticle(id=a, published_at=WHEN) for a in article_ids],
            independent_sources=len(article_ids),
            first_published_at=WHEN,
            last_published_at=WHEN,
            merged_into=merged_into,
        )
    )


def test_an_article_in_two_live_incidents_has_two_outcomes() -> None:
    outcomes = Outcomes()
    outcomes.add("incidents", b"inc-a", _incident("inc-a", ["x", "y"]))
    outcomes.add("incidents", b"inc-b", _incident("inc-b", ["y"]))
    outcomes.add("incidents", b"inc-c", _incident("inc-c", ["x"], merged_into="inc-a"))
    outcomes.add("articles.late", b"z", b"{}")
    found = outcomes.outcome_of()
    assert found["x"] == ["incident:inc-a"]  # a merged-away incident is not an outcome
    assert sorted(found["y"]) == ["incident:inc-a", "incident:inc-b"]
    assert found["z"] == ["late"]
    assert outcomes.unaccounted(["x", "y", "z", "w"]) == ["w"]
