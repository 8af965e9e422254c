"""Deterministic incident ids: the same archive gives the same ids however it is replayed."""

from __future__ import annotations

import hashlib


def incident_id(first_article_id: str) -> str:
    """The id of the incident opened by `first_article_id` (stable across replays)."""
    digest = hashlib.blake2b(first_article_id.encode("utf-8"), digest_size=8).hexdigest()
    return f"inc-{digest}"
