"""The topic models: strictness, limits, the wire format and the committed JSON Schemas."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas import DeadLetter, Incident, IncidentArticle, RawArticle
from schemas.export import TOPIC_MODELS, json_schemas
from schemas.wire import decode, encode

GOOD = {
    "id": "a-1",
    "body": "Text of the story.",
    "published_at": "2018-05-01T10:00:00+00:00",
}


def _json(**changes: object) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


def test_raw_article_round_trips_through_the_wire() -> None:
    article = decode(RawArticle, _json(title="T", source="s"))
    assert decode(RawArticle, encode(article)) == article
    assert article.published_at == datetime(2018, 5, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": 5}, "valid string"),
        ({"id": ""}, "at least 1 character"),
        ({"published_at": "2018-05-01T10:00:00"}, "timezone"),
        ({"published_at": "1899-12-31T23:00:00Z"}, "before 1900"),
        ({"content_type": "application/pdf"}, "text/plain"),
        ({"title": "x" * 2001}, "at most 2000"),
        ({"unexpected": 1}, "Extra inputs"),
    ],
)
def test_raw_article_is_strict(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        decode(RawArticle, _json(**changes))


def test_body_limit_is_configurable() -> None:
    body = "é" * 600  # 1,200 bytes of UTF-8
    decode(RawArticle, _json(body=body), {"max_body_bytes": 1_200})
    with pytest.raises(ValidationError, match="larger than the limit of 1199 bytes"):
        decode(RawArticle, _json(body=body), {"max_body_bytes": 1_199})


def test_default_body_limit_is_two_megabytes() -> None:
    decode(RawArticle, _json(body="a" * (2 * 1024 * 1024)))
    with pytest.raises(ValidationError, match="larger than the limit"):
        decode(RawArticle, _json(body="a" * (2 * 1024 * 1024 + 1)))


def test_future_dates_are_refused_against_the_given_clock() -> None:
    not_after = datetime(2020, 1, 1, tzinfo=UTC)
    with pytest.raises(ValidationError, match="in the future"):
        decode(RawArticle, _json(published_at="2020-01-02T00:00:00Z"), {"not_after": not_after})


def test_models_are_frozen() -> None:
    article = decode(RawArticle, _json())
    with pytest.raises(ValidationError):
        article.id = "other"  # type: ignore[misc]


def test_incident_and_dead_letter_round_trip() -> None:
    when = datetime(2018, 5, 1, tzinfo=UTC)
    incident = Incident(
        id="inc-1",
        version=1,
        region_key="SY-01",
        title="t",
        articles=[IncidentArticle(id="a", published_at=when)],
        independent_sources=1,
        first_published_at=when,
        last_published_at=when,
    )
    assert decode(Incident, encode(incident)) == incident
    letter = DeadLetter(stage="clean", error_type="E", reason="r", topic="t", original_value="AAE=")
    assert decode(DeadLetter, encode(letter)).original_bytes == b"\x00\x01"


def test_committed_json_schemas_match_the_models() -> None:
    folder = Path(__file__).resolve().parents[2] / "schemas" / "json"
    expected = json_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.json")}
    assert set(committed) == set(expected), "run `make schemas`"
    for name, text in expected.items():
        assert committed[name] == text, f"{name} is stale: run `make schemas`"
    assert len(expected) == len(TOPIC_MODELS)


def test_encode_writes_what_model_dump_writes() -> None:
    # encode serialises a model's fields straight from the model (schemas/wire.py): the bytes
    # must be those of model_dump, nested models, tuples, dates and defaults included.
    import orjson

    from streams.clean.site_residue import LineSeen

    incident = Incident(
        id="inc-1",
        version=2,
        region_key="us-tx",
        title="T",
        event_date=date(2018, 5, 1),
        articles=[
            IncidentArticle(id="a-1", published_at=datetime(2018, 5, 1, 10, tzinfo=UTC)),
            IncidentArticle(id="a-2", title="é “q”", published_at=datetime(2018, 5, 2, tzinfo=UTC)),
        ],
        independent_sources=2,
        first_published_at=datetime(2018, 5, 1, 10, tzinfo=UTC),
        last_published_at=datetime(2018, 5, 2, tzinfo=UTC),
    )
    for model in (
        incident,
        incident.model_copy(update={"status": "closed"}),
        LineSeen(stories=("a", "b"), last_seen=3),
        decode(RawArticle, _json(title="T", source="s")),
    ):
        assert encode(model) == orjson.dumps(model.model_dump(mode="python"))


def test_instances_of_a_model_share_one_set_of_field_names_and_still_round_trip() -> None:
    # Memory: pydantic's per-instance set of given fields is shared (schemas/base.py); what a
    # value holds, compares equal to and writes on the wire must not change with it.
    from schemas.incidents import KeySentence

    given = KeySentence(text="Police said two men were shot.", article_ids=["a1"])
    built = KeySentence.model_construct(text="Another statement.", article_ids=[])
    updated = given.model_copy(update={"article_ids": ["a1", "a2"]})
    read = decode(KeySentence, encode(updated))
    assert given.model_fields_set is built.model_fields_set is updated.model_fields_set
    assert read.model_fields_set is given.model_fields_set
    assert given.model_fields_set == {"text", "article_ids"}  # the copy's update added nothing
    assert read == updated and updated.article_ids == ["a1", "a2"] and given.article_ids == ["a1"]
    # A field left at its default is still written out.
    when = datetime(2020, 1, 1, tzinfo=UTC)
    article = IncidentArticle(id="a1", source="example.com", published_at=when)
    assert "copy_of" in json.loads(encode(article))
