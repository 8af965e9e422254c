"""JSON Schema export: one file per topic, for consumers in other languages."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.articles import CleanArticle, DuplicateNotice, ExtractedArticle, RawArticle
from schemas.dead_letter import DeadLetter
from schemas.incidents import Incident, IncidentUpdate

#: topic (without prefix) -> the model of its values
TOPIC_MODELS: dict[str, type[BaseModel]] = {
    "articles.raw": RawArticle,
    "articles.clean": CleanArticle,
    "articles.extracted": ExtractedArticle,
    "articles.duplicates": DuplicateNotice,
    "articles.late": ExtractedArticle,
    "incidents": Incident,
    "incidents.updates": IncidentUpdate,
    "dead-letter": DeadLetter,
}


def json_schemas() -> dict[str, str]:
    """File name -> JSON Schema text for every topic."""
    out: dict[str, str] = {}
    for topic, model in TOPIC_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$id"] = f"newsfold:{topic}"
        schema["description"] = f"Value of topic {topic}. " + schema.get("description", "")
        out[f"{topic}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def write_json_schemas(out_dir: Path) -> list[Path]:
    """Write one JSON Schema per topic into out_dir; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
