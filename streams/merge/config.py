"""Parameters of incident merging: event-time windows and match weights (one config for all)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class MergeConfig:
    """Event-time windows and match weights; defaults are the documented configuration."""

    grace: timedelta = timedelta(hours=6)
    inactivity_gap: timedelta = timedelta(hours=72)
    max_span: timedelta = timedelta(days=14)
    retention: timedelta = timedelta(days=7)
    #: Reports whose event dates differ by more than this are never the same incident.
    max_event_date_distance_days: int = 1
    #: ...unless the article's date is less sure than this: then it is a penalty, not a veto.
    confident_date: float = 0.7
    penalty_date_distance: float = 0.1
    #: Score weights (streams/merge/match.py); an article joins the best incident scoring at
    #: least `join_threshold`.
    weight_same_place: float = 0.5
    weight_same_admin2: float = 0.25
    weight_same_admin1: float = 0.1
    weight_same_event_type: float = 0.2
    penalty_other_event_type: float = 0.3
    weight_text: float = 0.6
    weight_actors: float = 0.3
    weight_same_casualties: float = 0.15
    weight_same_date: float = 0.1
    penalty_casualty_mismatch: float = 0.25
    join_threshold: float = 0.55
    #: Content words an incident keeps for text matching.
    max_terms: int = 400
    #: Statements an incident remembers to recognise repeats.
    max_sentences: int = 150
    #: Key sentences published per incident.
    max_key_sentences: int = 12
