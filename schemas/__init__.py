"""The contract of every newsfold topic: pydantic v2 models, one module per topic family.

`schemas.articles`   articles.raw, articles.clean, articles.extracted, articles.duplicates
`schemas.incidents`  incidents, incidents.updates
`schemas.dead_letter` dead-letter
`schemas.wire`       bytes on the wire (orjson out, pydantic's one-pass JSON validation in)
"""

from schemas.articles import (
    CasualtyClaim,
    CleanArticle,
    DuplicateNotice,
    Entity,
    EventDate,
    ExtractedArticle,
    Place,
    Quote,
    RawArticle,
)
from schemas.dead_letter import DeadLetter
from schemas.incidents import (
    CasualtyFigure,
    Conflict,
    Incident,
    IncidentArticle,
    IncidentUpdate,
    KeySentence,
)

__all__ = [
    "CasualtyClaim",
    "CasualtyFigure",
    "CleanArticle",
    "Conflict",
    "DeadLetter",
    "DuplicateNotice",
    "Entity",
    "EventDate",
    "ExtractedArticle",
    "Incident",
    "IncidentArticle",
    "IncidentUpdate",
    "KeySentence",
    "Place",
    "Quote",
    "RawArticle",
]
