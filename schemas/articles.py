"""Article models: articles.raw, articles.clean, articles.extracted and articles.duplicates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, ValidationInfo, field_validator

from schemas.base import Model

#: Default body limit; the worker passes NEWSFOLD_MAX_BODY_BYTES as validation context.
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_TITLE_CHARS = 2_000
MAX_ID_CHARS = 512
MIN_PUBLISHED_YEAR = 1900

ArticleId = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]
Title = Annotated[str, Field(max_length=MAX_TITLE_CHARS)]
ContentType = Literal["text/plain", "text/html"]


class RawArticle(Model):
    """What feeds and replays produce (topic articles.raw, key: id)."""

    id: ArticleId
    source: Annotated[str, Field(max_length=512)] = ""
    url: Annotated[str, Field(max_length=8_192)] | None = None
    title: Title = ""
    body: str
    content_type: ContentType = "text/plain"
    published_at: AwareDatetime

    @field_validator("body")
    @classmethod
    def _body_within_limit(cls, body: str, info: ValidationInfo) -> str:
        limit = (info.context or {}).get("max_body_bytes", DEFAULT_MAX_BODY_BYTES)
        # len(str) bounds the UTF-8 size from below; only encode when it could be over.
        if len(body) * 4 > limit and len(body.encode("utf-8", "surrogatepass")) > limit:
            raise ValueError(
                f"body is larger than the limit of {limit} bytes "
                "(raise NEWSFOLD_MAX_BODY_BYTES to accept it)"
            )
        return body

    @field_validator("published_at")
    @classmethod
    def _published_at_plausible(cls, published_at: datetime, info: ValidationInfo) -> datetime:
        if published_at.year < MIN_PUBLISHED_YEAR:
            raise ValueError(
                f"published_at {published_at.isoformat()} is before {MIN_PUBLISHED_YEAR}"
            )
        not_after = (info.context or {}).get("not_after")
        if not_after is not None and published_at > not_after:
            raise ValueError(
                f"published_at {published_at.isoformat()} is in the future "
                f"(after {not_after.isoformat()}); check the feed's time zone"
            )
        return published_at


class CleanArticle(Model):
    """A RawArticle with web residue removed and paragraphs normalised (topic articles.clean)."""

    id: ArticleId
    source: str = ""
    url: str | None = None
    title: Title = ""
    published_at: AwareDatetime
    content_type: ContentType = "text/plain"
    paragraphs: list[str]
    dateline: str | None = None
    author: str | None = None
    language: str = "und"
    residue_removed: dict[str, int] = Field(default_factory=dict)
    #: The body was page furniture only (a login wall, a video playlist, a newsletter box) and
    #: the headline is all there is of the story: extracted from the title, never a copy.
    headline_only: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


PlaceKind = Literal["country", "admin1", "admin2", "city", "locality"]
PlaceRole = Literal["dateline", "event", "mentioned"]


class Place(Model):
    """A place named in an article, resolved to GeoNames where the gazetteer knows it."""

    name: str
    geonames_id: int | None = None
    kind: PlaceKind
    country_code: str | None = None
    admin1_code: str | None = None
    admin2_name: str | None = None
    role: PlaceRole = "mentioned"
    #: For a place the gazetteer does not know (a village): the admin area it was attached to.
    within: str | None = None


class EventDate(Model):
    """When the reported event happened, resolved from the text against published_at."""

    date: date
    expression: str
    sentence: str
    confidence: Annotated[float, Field(ge=0.0, le=1.0)]


EntityKind = Literal["person", "organisation", "armed_group", "agency", "other"]


class Entity(Model):
    """An actor or entity with its spelling variants folded into one canonical name."""

    name: str
    kind: EntityKind = "other"
    aliases: list[str] = Field(default_factory=list)


CasualtyKind = Literal["killed", "injured", "missing", "arrested", "displaced"]
Qualifier = Literal["exact", "at_least", "more_than", "up_to", "about"]


class CasualtyClaim(Model):
    """One casualty figure as one source states it."""

    kind: CasualtyKind
    value: Annotated[int, Field(ge=0)]
    qualifier: Qualifier = "exact"
    who: str | None = None
    #: Breakdown of the figure, e.g. {"children": 10} for "including 10 children".
    including: dict[str, int] = Field(default_factory=dict)
    attributed_to: str | None = None
    sentence: str = ""
    #: True when the figure is about an earlier or other incident mentioned as background.
    background: bool = False
    article_id: str | None = None


class Quote(Model):
    """Who said what."""

    speaker: str
    text: str
    verb: str


EventType = Literal[
    "airstrike",
    "shooting",
    "bombing",
    "clash",
    "protest",
    "earthquake",
    "flood",
    "fire",
    "crash",
    "other",
]


class ExtractedArticle(Model):
    """A CleanArticle with its facts (topic articles.extracted, key: region_key)."""

    article: CleanArticle
    region_key: str
    places: list[Place] = Field(default_factory=list)
    event_date: EventDate | None = None
    entities: list[Entity] = Field(default_factory=list)
    casualties: list[CasualtyClaim] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    event_type: EventType = "other"
    event_type_terms: list[str] = Field(default_factory=list)
    #: Hash of the normalised text: equal hashes are exact copies whatever the ids.
    text_hash: str

    @property
    def id(self) -> str:
        return self.article.id


DuplicateKind = Literal["redelivery", "same_id", "exact", "near", "contains", "contained"]


class DuplicateNotice(Model):
    """An article found to copy another (topic articles.duplicates, key: article_id)."""

    article_id: ArticleId
    original_id: ArticleId
    kind: DuplicateKind
    similarity: Annotated[float, Field(ge=0.0, le=1.0)]
    incident_id: str | None = None
    published_at: AwareDatetime
