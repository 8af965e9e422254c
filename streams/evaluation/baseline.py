"""A TF-IDF single-pass clustering baseline for `newsfold eval merge`, computed in the same run.

Documents in published order; each joins the most similar cluster of the last `window_days`
(cosine of TF-IDF vectors against the cluster's summed vector) when the similarity reaches
`threshold`, else opens a cluster. Document frequencies come from the whole dataset, which is
what a baseline "tuned on the data" may use and newsfold may not (it learns them from the stream).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Document:
    """What the baseline sees of an article."""

    id: str
    day: date
    text: str


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 2]


def single_pass(
    documents: Sequence[Document], threshold: float = 0.3, window_days: int = 3
) -> dict[str, str]:
    """Assignment document id -> cluster id (the id of the cluster's first document)."""
    counts = [Counter(_tokens(d.text)) for d in documents]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(documents)
    idf = {term: math.log((1 + n) / (1 + f)) + 1 for term, f in df.items()}
    order = sorted(range(n), key=lambda i: (documents[i].day, documents[i].id))
    # Active clusters only: documents come in day order, so a cluster last joined more than
    # window_days ago can never be joined again.
    active: list[_Cluster] = []
    assignment: dict[str, str] = {}
    for i in order:
        doc = documents[i]
        active = [c for c in active if (doc.day - c.last_day).days <= window_days]
        vector = {t: (1 + math.log(c)) * idf[t] for t, c in counts[i].items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        best: tuple[float, _Cluster] | None = None
        for cluster in active:
            dot = sum(v * cluster.centroid.get(t, 0.0) for t, v in vector.items())
            similarity = dot / (norm * cluster.norm) if cluster.norm else 0.0
            if similarity >= threshold and (best is None or similarity > best[0]):
                best = (similarity, cluster)
        if best is None:
            active.append(_Cluster(doc.id, doc.day, dict(vector), norm))
            assignment[doc.id] = doc.id
            continue
        cluster = best[1]
        for t, v in vector.items():
            cluster.centroid[t] = cluster.centroid.get(t, 0.0) + v
        cluster.norm = math.sqrt(sum(v * v for v in cluster.centroid.values()))
        cluster.last_day = max(cluster.last_day, doc.day)
        assignment[doc.id] = cluster.id
    return assignment


@dataclass
class _Cluster:
    id: str
    last_day: date
    centroid: dict[str, float]
    norm: float
