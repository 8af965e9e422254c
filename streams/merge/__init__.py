"""Incident merging: reports of the same incident folded, by event time, into one Incident.

Pure functions over schema models (no Kafka, no clock): `fold_article` decides which incident an
article joins and returns the new incident version with its IncidentUpdates; `eventtime` holds
the watermark, close, reopen, eviction and lateness rules.
"""

from streams.merge.config import MergeConfig
from streams.merge.eventtime import (
    advance_watermark,
    close_if_expired,
    is_evictable,
    is_expired,
    is_late,
    sweep_due_at,
)
from streams.merge.fold import Folded, fold_article

__all__ = [
    "Folded",
    "MergeConfig",
    "advance_watermark",
    "close_if_expired",
    "fold_article",
    "is_evictable",
    "is_expired",
    "is_late",
    "sweep_due_at",
]
