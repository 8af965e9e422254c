"""Casualty figures of an incident: every attributed claim kept, a consensus and the range.

Consensus: per independent report, its largest main-incident (non-background) figure of that kind;
the consensus is the lower median of those, so one outlier report cannot move it, and the
range is their min and max. Reports that disagree are listed as a Conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from schemas.articles import CasualtyClaim, CasualtyKind
from schemas.incidents import CasualtyFigure, Conflict

_KINDS: tuple[CasualtyKind, ...] = ("killed", "injured", "missing", "arrested", "displaced")


def casualty_figures(
    claims: Iterable[CasualtyClaim], independent_ids: Sequence[str]
) -> tuple[list[CasualtyFigure], list[Conflict]]:
    """Fold attributed claims (each with its article_id) into figures and conflicts."""
    independent = set(independent_ids)
    by_kind: dict[str, list[CasualtyClaim]] = {}
    for claim in claims:
        by_kind.setdefault(claim.kind, []).append(claim)
    figures: list[CasualtyFigure] = []
    conflicts: list[Conflict] = []
    for kind in _KINDS:
        kind_claims = by_kind.get(kind)
        if not kind_claims:
            continue
        per_report: dict[str, int] = {}
        for claim in kind_claims:
            if claim.background or claim.article_id not in independent:
                continue
            per_report[claim.article_id] = max(per_report.get(claim.article_id, 0), claim.value)
        values = sorted(per_report.values())
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
