"""`newsfold soak`: does hot state level off over a long stretch of event time?

Invariant 6 (DESIGN.md): hot state holds open incidents and a bounded dedup index; closed
incidents leave after their retention. A soak streams a long generated archive (e.g. 60 days of
event time) through the same stage and fold code a worker runs (streams/bench.py CorePipeline,
streams/folding.py; tables as dicts, no Kafka) straight from the generator, so nothing but the
state grows with the archive, and samples every N articles: the incidents held (open and
closed-but-retained), dedup entries and buckets, the folded-article ids, the document-frequency
terms, and this process's resident memory. Bounded state shows as flat columns over the second
half; `growth` compares the last sample with the one at half-way.

With `processes=2` the stateless half (generate, clean, extract) runs in a second process and
hands each extracted article to this one, encoded as on articles.extracted, where the fold keeps
all the state: the two halves of a worker's work on two cores. The stateless half then sets the
pace (about 130 articles/s on the 2-CPU dev VM, so 1,000,000 articles still take over two
hours). The state and the fold's memory are the same as in one process; `front_rss_mb` is the
other process's.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from multiprocessing.connection import Connection

import orjson

from streams.bench import CorePipeline, read_memory_mb
from streams.settings import Settings, get_settings
from streams.sources.synthetic import ArchiveSpec, generate_articles


@dataclass(frozen=True)
class StateSample:
    """Hot state after `articles` articles."""

    articles: int
    #: Highest partition watermark so far (event time: published_at minus grace).
    event_time: datetime | None
    open_incidents: int
    closed_incidents: int
    #: Evicted incidents remembered in brief (merge/archive.py): bounded by
    #: `max_archived_per_region` per region, `max_archived_per_partition` per partition and
    #: `archive_retention`, so they grow until they reach those caps.
    archived_incidents: int
    dedup_entries: int
    dedup_buckets: int
    folded_ids: int
    frequency_terms: int
    rss_mb: float
    #: Articles per second since the previous sample (wall clock, this process).
    rate: float
    #: Resident memory of the process that cleans and extracts, with `processes=2` (else 0).
    front_rss_mb: float = 0.0


def _sample(
    pipeline: CorePipeline, articles: int, rate: float, front: int | None = None
) -> StateSample:
    tables = pipeline.folder.tables
    states = list(tables.incident_states.values())
    open_count = sum(1 for s in states if s.incident.status == "open")
    clocks = [c.watermark for c in tables.partition_clocks.values() if c.watermark is not None]
    now = max(clocks, default=None)
    frequencies = list(pipeline.folder.frequencies_now.values())
    memory = read_memory_mb(os.getpid())
    return StateSample(
        articles=articles,
        event_time=now,
        open_incidents=open_count,
        closed_incidents=len(states) - open_count,
        archived_incidents=len(tables.archived_incidents),
        dedup_entries=len(tables.dedup_entries),
        dedup_buckets=len(tables.dedup_buckets),
        folded_ids=len(tables.folded_articles),
        frequency_terms=sum(len(f.counts) for f in frequencies),
        rss_mb=memory[0] if memory else 0.0,
        rate=rate,
        front_rss_mb=(read_memory_mb(front) or (0.0, 0.0))[0] if front else 0.0,
    )


#: Extracted articles per message from the front process (fewer, larger pipe writes).
_BATCH = 256


def soak(
    spec: ArchiveSpec, every: int, settings: Settings | None = None, processes: int = 1
) -> Iterator[StateSample]:
    """Stream `spec`'s articles through the core, yielding a StateSample every `every`;
    `processes=2` cleans and extracts in a second process (see the module docstring)."""
    if every < 1:
        raise ValueError("every must be at least 1")
    if processes not in (1, 2):
        raise ValueError("processes must be 1 or 2")
    settings = settings or get_settings()
    pipeline = CorePipeline(settings)
    if processes == 1:
        messages: Iterator[bytes | None] = (
            pipeline.extract(str(raw["id"]), orjson.dumps(raw))
            for raw in (article.raw() for article in generate_articles(spec))
        )
        yield from _fold_all(pipeline, messages, spec.articles, every, None)
        return
    # spawn, not fork: a clean interpreter, whatever threads this one has started.
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    front = context.Process(target=_front, args=(spec, settings, sender), daemon=True)
    front.start()
    sender.close()
    try:
        yield from _fold_all(pipeline, _received(receiver), spec.articles, every, front.pid)
    finally:
        front.kill()
        front.join()


def _front(spec: ArchiveSpec, settings: Settings, sender: Connection) -> None:
    """The second process: generate, clean and extract, send the extracted articles on."""
    pipeline = CorePipeline(settings)
    batch: list[bytes | None] = []
    for article in generate_articles(spec):
        raw = article.raw()
        batch.append(pipeline.extract(str(raw["id"]), orjson.dumps(raw)))
        if len(batch) == _BATCH:
            sender.send(batch)  # blocks while the fold is behind: the pipe is the backpressure
            batch = []
    sender.send(batch)
    sender.close()


def _received(receiver: Connection) -> Iterator[bytes | None]:
    while True:
        try:
            batch = receiver.recv()
        except EOFError:
            return
        yield from batch


def _fold_all(
    pipeline: CorePipeline,
    messages: Iterator[bytes | None],
    total: int,
    every: int,
    front: int | None,
) -> Iterator[StateSample]:
    started = time.perf_counter()
    count = 0
    for count, message in enumerate(messages, start=1):
        outcome = "dead-letter" if message is None else pipeline.fold(message)
        pipeline.outcomes[outcome] += 1
        if count % every == 0 or count == total:
            now = time.perf_counter()
            yield _sample(pipeline, count, every / max(now - started, 1e-9), front)
            started = now
    if count != total:
        raise RuntimeError(f"the front process stopped after {count:,} of {total:,} articles")


def growth(samples: list[StateSample], field: str) -> float | None:
    """Last sample's `field` over the half-way sample's (1.0 = flat); None when unknown."""
    if len(samples) < 2:
        return None
    middle = samples[(len(samples) - 1) // 2]
    base = float(getattr(middle, field))
    return float(getattr(samples[-1], field)) / base if base > 0 else None


def format_sample(sample: StateSample) -> str:
    day = sample.event_time.date().isoformat() if sample.event_time else "-"
    return (
        f"{sample.articles:>9,} {day:>11} {sample.open_incidents:>7,} "
        f"{sample.closed_incidents:>7,} {sample.archived_incidents:>8,} "
        f"{sample.dedup_entries:>8,} {sample.dedup_buckets:>9,} "
        f"{sample.folded_ids:>8,} {sample.frequency_terms:>8,} {sample.rss_mb:>8.0f} "
        f"{sample.rate:>7.0f}" + (f" {sample.front_rss_mb:>8.0f}" if sample.front_rss_mb else "")
    )


HEADER = (
    f"{'articles':>9} {'event day':>11} {'open':>7} {'closed':>7} {'archived':>8} "
    f"{'entries':>8} "
    f"{'buckets':>9} {'folded':>8} {'df terms':>8} {'RSS MB':>8} {'art/s':>7}"
)


def to_json(spec: ArchiveSpec, samples: list[StateSample]) -> bytes:
    fields = ("open_incidents", "archived_incidents", "dedup_entries", "folded_ids", "rss_mb")
    return orjson.dumps(
        {
            "config": {"articles": spec.articles, "days": spec.days, "seed": spec.seed},
            # Fewer than asked when the soak was stopped early (Ctrl-C).
            "articles_sampled": samples[-1].articles if samples else 0,
            "samples": [asdict(s) for s in samples],
            "growth_over_second_half": {f: growth(samples, f) for f in fields},
        },
        option=orjson.OPT_INDENT_2,
    )
