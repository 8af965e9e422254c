"""`newsfold eval merge`: replay a labelled archive through the real topology and score incidents.

Prints B-cubed and pairwise precision / recall / F1 of newsfold's incidents against the labels,
with two baselines computed on the same data in the same run: all-singletons and a TF-IDF
single-pass clustering (streams/evaluation/baseline.py).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson

from streams.evaluation.baseline import Document, single_pass
from streams.evaluation.clustering import Scores, bcubed, pairwise
from streams.local import local_pipeline
from streams.outcomes import collect_outcomes
from streams.replay import replay


@dataclass(frozen=True)
class LabelledArticle:
    """An article id with its gold incident, day and text (for the baseline)."""

    id: str
    incident_id: str
    day: date
    text: str


def read_labels(path: Path) -> list[LabelledArticle]:
    """Labelled lines: doc_id or id, incident_id, dct or published_at, title, text or body."""
    labelled = []
    with path.open("rb") as handle:
        for line in handle:
            if not line.strip():
                continue
            obj = orjson.loads(line)
            if not isinstance(obj, dict) or "incident_id" not in obj:
                continue
            article_id = obj.get("doc_id") or obj.get("id")
            when = str(obj.get("dct") or obj.get("published_at") or "")[:10]
            text = f"{obj.get('title') or ''}\n{obj.get('text') or obj.get('body') or ''}"
            labelled.append(
                LabelledArticle(
                    str(article_id), str(obj["incident_id"]), date.fromisoformat(when), text
                )
            )
    return labelled


@dataclass(frozen=True)
class MergeReport:
    """Scores of newsfold and of the baselines on one dataset."""

    dataset: str
    partitions: int
    articles: int
    gold_incidents: int
    predicted_incidents: int
    dead_letters: int
    late: int
    duplicates: int
    seconds: float
    newsfold: tuple[Scores, Scores]
    singletons: tuple[Scores, Scores]
    tfidf: tuple[Scores, Scores]


def evaluate(
    dataset: Path, workers: int = 1, partitions: int = 4, timeout: float = 1800.0
) -> MergeReport:
    """Run the pipeline on `dataset` and score it (starts and stops its own pipeline).

    The archive is replayed in published_at order, as a time-ordered feed would arrive."""
    labelled = read_labels(dataset)
    gold = {a.id: a.incident_id for a in labelled}
    started = time.monotonic()
    with local_pipeline(workers=workers, partitions=str(partitions)) as pipeline:
        result = asyncio.run(replay(pipeline.settings, [dataset], progress=False, sort=True))
        outcomes = asyncio.run(collect_outcomes(pipeline.settings, result.keys, timeout=timeout))
    seconds = time.monotonic() - started
    predicted = {k: v for k, v in outcomes.assignments().items() if k in gold}
    singletons = {k: k for k in gold}
    baseline = single_pass([Document(a.id, a.day, a.text) for a in labelled])
    return MergeReport(
        dataset=str(dataset),
        partitions=partitions,
        articles=len(gold),
        gold_incidents=len(set(gold.values())),
        predicted_incidents=len(set(predicted.values())),
        dead_letters=sum(1 for k in outcomes.dead_letters if k in gold),
        late=sum(1 for k in outcomes.late if k in gold),
        duplicates=sum(1 for k in outcomes.duplicates if k in gold),
        seconds=seconds,
        newsfold=(bcubed(predicted, gold), pairwise(predicted, gold)),
        singletons=(bcubed(singletons, gold), pairwise(singletons, gold)),
        tfidf=(bcubed(baseline, gold), pairwise(baseline, gold)),
    )


def format_report(report: MergeReport) -> str:
    """A readable table of the scores."""
    lines = [
        f"dataset {report.dataset} ({report.partitions} partitions): "
        f"{report.articles} labelled articles, "
        f"{report.gold_incidents} gold incidents; newsfold made {report.predicted_incidents} "
        f"incidents in {report.seconds:.0f}s; {report.duplicates} copies, {report.late} late and "
        f"{report.dead_letters} dead-lettered (late and dead-lettered count as singletons)",
        "",
        f"{'':22}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}   {'pair P':>7}{'pair R':>7}{'pair F1':>8}",
    ]
    for name, (b3, pw) in (
        ("newsfold", report.newsfold),
        ("all singletons", report.singletons),
        ("TF-IDF single pass", report.tfidf),
    ):
        lines.append(
            f"{name:22}{b3.precision:7.3f}{b3.recall:7.3f}{b3.f1:7.3f}   "
            f"{pw.precision:7.3f}{pw.recall:7.3f}{pw.f1:8.3f}"
        )
    return "\n".join(lines)
