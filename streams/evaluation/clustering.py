"""Clustering quality: B-cubed and pairwise precision / recall / F1 of predicted incidents.

Both compare a predicted assignment (article -> incident) with a gold one over the same articles.
B-cubed averages, per article, how much of its predicted cluster is right (precision) and how much
of its gold cluster it found (recall); pairwise counts same-incident article pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _clusters(assignment: Mapping[str, str]) -> dict[str, set[str]]:
    clusters: dict[str, set[str]] = defaultdict(set)
    for item, cluster in assignment.items():
        clusters[cluster].add(item)
    return clusters


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed precision and recall over the articles of `gold` (missing ones are singletons)."""
    items = list(gold)
    if not items:
        return Scores(0.0, 0.0)
    full = {item: predicted.get(item, f"\0{item}") for item in items}
    predicted_clusters = _clusters(full)
    gold_clusters = _clusters(gold)
    precision = recall = 0.0
    for item in items:
        mine = predicted_clusters[full[item]]
        theirs = gold_clusters[gold[item]]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    return Scores(precision / len(items), recall / len(items))


def _pairs(clusters: Mapping[str, set[str]]) -> int:
    return sum(len(c) * (len(c) - 1) // 2 for c in clusters.values())


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Pairwise precision and recall: article pairs put together, against gold pairs."""
    full = {item: predicted.get(item, f"\0{item}") for item in gold}
    predicted_pairs = _pairs(_clusters(full))
    gold_pairs = _pairs(_clusters(gold))
    # Pairs together in both = pairs within each (predicted, gold) intersection cell.
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for item in gold:
        cells[(full[item], gold[item])] += 1
    both = sum(n * (n - 1) // 2 for n in cells.values())
    return Scores(
        both / predicted_pairs if predicted_pairs else 1.0,
        both / gold_pairs if gold_pairs else 1.0,
    )
