"""Casualty figures of an incident: every attributed claim kept, a consensus and the range.

Consensus: per independent report, its largest main-incident (non-background) figure of that kind;
the consensus is the lower median of those, so one outlier report cannot move it, and the
range is their min and max. Reports that disagree are listed as a Conflict.

A victim first reported wounded often dies later: a later report names one more dead and says
nothing of the wounded. Read alone it casts no injured vote, and the earlier "1 injured" stood
(48 gva-dev incidents came out one injured too many that way). So a report that names more
dead than the last earlier report with an injured figure, and no injured figure itself, votes
that figure less the new dead (never below 0).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from schemas.articles import CasualtyClaim, CasualtyKind
from schemas.incidents import CasualtyFigure, Conflict

#: A report's key: an article id here, an index in the extraction eval.
K = TypeVar("K", bound=Hashable)
_KINDS: tuple[CasualtyKind, ...] = ("killed", "injured", "missing", "arrested", "displaced")


def casualty_figures(
    claims: Iterable[CasualtyClaim], independent_ids: Sequence[str]
) -> tuple[list[CasualtyFigure], list[Conflict]]:
    """Fold attributed claims (each with its article_id) into figures and conflicts.
    `independent_ids`: the incident's reports that are not copies, by publication time."""
    independent = set(independent_ids)
    by_kind: dict[str, list[CasualtyClaim]] = {}
    for claim in claims:
        by_kind.setdefault(claim.kind, []).append(claim)
    figures: list[CasualtyFigure] = []
    conflicts: list[Conflict] = []
    stated = {kind: _per_report(by_kind.get(kind, []), independent) for kind in _KINDS}
    died = injured_who_died(stated["killed"], stated["injured"], independent_ids)
    for kind in _KINDS:
        kind_claims = by_kind.get(kind)
        if not kind_claims:
            continue
        per_report = stated[kind]
        votes = [*per_report.values(), *(died.values() if kind == "injured" else [])]
        values = sorted(votes)
        consensus = values[(len(values) - 1) // 2] if values else None
        figures.append(
            CasualtyFigure(
                kind=kind,
                claims=kind_claims,
                consensus=consensus,
                low=values[0] if values else None,
                high=values[-1] if values else None,
            )
        )
        if len(set(values)) > 1:
            ordered = sorted(per_report.items(), key=lambda item: (item[1], item[0]))
            conflicts.append(
                Conflict(
                    field=f"casualties.{kind}",
                    values=[str(v) for _, v in ordered],
                    article_ids=[a for a, _ in ordered],
                )
            )
    return figures, conflicts


def _per_report(claims: Iterable[CasualtyClaim], independent: set[str]) -> dict[str, int]:
    """Each independent report's largest main-incident figure among `claims`."""
    per_report: dict[str, int] = {}
    for claim in claims:
        if claim.background or claim.article_id not in independent:
            continue
        per_report[claim.article_id] = max(per_report.get(claim.article_id, 0), claim.value)
    return per_report


def injured_who_died(
    killed: Mapping[K, int], injured: Mapping[K, int], in_order: Iterable[K]
) -> dict[K, int]:
    """Injured votes of reports that name more dead than the last earlier report with an
    injured figure and give none themselves: that figure less the new dead (module docstring).
    `in_order`: the independent reports by publication time."""
    votes: dict[K, int] = {}
    last: K | None = None  # the latest report so far with an injured figure
    for report in in_order:
        if report in injured:
            last = report
        elif last is not None and killed.get(report, 0) > killed.get(last, 0):
            votes[report] = max(0, injured[last] - (killed[report] - killed.get(last, 0)))
    return votes
