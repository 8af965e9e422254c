"""`newsfold generate` and `newsfold bench`: throughput, latency, memory and where the time goes.

One bench run (issue 7) measures, on the same generated archive:

- core: the pure stages in this process with no Kafka (decode, clean, extract, dedup, fold,
  sweep), with the worker's state kept in plain dicts exactly as topology.py keeps it in faust
  tables; time per article per stage. The serialisation a worker pays on top (hop messages
  encoded and decoded, table values encoded for their changelogs) is timed as "wire", apart,
  and not counted in the core rate.
- end to end: the embedded broker (or NEWSFOLD_BROKER) and W `newsfold worker` processes; the
  archive is sent as fast as possible and the rate is articles / (first send -> last outcome).
- latency: a second archive sent at a fixed offered rate; per article, the wall-clock time from
  its send to the first outcome message naming it (incidents.updates, articles.duplicates,
  articles.late or dead-letter), read by a consumer in this process (same clock at both ends).
- memory: VmRSS of every worker and of the broker, apart, sampled every 0.5 s, and VmHWM.

The three archives (warm-up, throughput, latency) have different seeds, so different article
ids, and follow each other in event time, so the later ones are not late to the earlier ones'
watermark. The warm-up archive exists because each worker's first article pays the gazetteer
load (about 6 s), which would otherwise be counted as streaming cost.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import io
import os
import platform
import pstats
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer
from aiokafka.partitioner import murmur2
from pydantic import BaseModel

from schemas.articles import CleanArticle, ExtractedArticle, RawArticle
from schemas.wire import decode, encode
from streams.clean import clean_article
from streams.extract import extract_article
from streams.folding import Fold, FoldTables
from streams.kafka import client_options, ensure_topics, producer
from streams.merge import MergeConfig
from streams.outcomes import assign_from_beginning
from streams.replay import send_end_markers
from streams.settings import Settings, get_settings
from streams.site_residues import SiteResidues, site_key
from streams.sources import read_archive
from streams.sources.records import ArchiveRecord
from streams.sources.synthetic import ArchiveSpec, write_jsonl

__all__ = [
    "STAGES",
    "BenchReport",
    "CoreResult",
    "EndToEndResult",
    "LatencyResult",
    "ProcessMemory",
    "format_report",
    "generate_archive",
    "percentile",
    "run_bench",
    "run_core",
]

#: Core stages in pipeline order; "wire" is timed too but is not part of the core rate.
STAGES: tuple[str, ...] = ("decode", "clean", "extract", "dedup", "fold", "sweep")
#: Topics that say an article has reached its end (DESIGN.md invariant 1), read for latency.
#: incidents.updates rather than incidents: every created/joined update names its article, and
#: reading it does not mean parsing whole incident records.
OUTCOME_TOPICS: tuple[str, ...] = (
    "incidents.updates",
    "articles.duplicates",
    "articles.late",
    "dead-letter",
)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- generate ----------------------------------------------------------------------------------
def generate_archive(
    path: Path,
    articles: int,
    incidents: int,
    seed: int,
    html_share: float,
    days: float,
    *,
    start: datetime | None = None,
    places: str = ArchiveSpec.places,
) -> None:
    """Write a synthetic archive (JSONL with gold labels) for load (streams.sources.synthetic)."""
    spec = ArchiveSpec(
        articles=articles,
        incidents=incidents,
        seed=seed,
        html_share=html_share,
        days=days,
        places=places,
    )
    if start is not None:
        spec = replace(spec, start=start)
    write_jsonl(spec, path)


# --- statistics --------------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0.0 <= q <= 100.0:
        raise ValueError("q must be within [0, 100]")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --- results -----------------------------------------------------------------------------------
@dataclass
class CoreResult:
    """The pure stages in one process: counts, total time and mean time per stage."""

    articles: int
    seconds: float
    #: Mean microseconds per article of each stage (over every article, so they add up).
    stage_us: dict[str, float]
    #: Serialisation a worker pays besides the stages (hops and changelogs), µs per article.
    wire_us: float
    outcomes: dict[str, int]

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass
class EndToEndResult:
    """Articles sent as fast as possible through the real topology."""

    articles: int
    seconds: float
    send_seconds: float
    outcomes: dict[str, int]
    missing: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass
class LatencyResult:
    """Send -> first outcome message, per article, at a fixed offered rate."""

    offered_rate: float
    achieved_rate: float
    articles: int
    received: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float


@dataclass
class ProcessMemory:
    """One process's resident memory over the run."""

    name: str
    pid: int
    peak_rss_mb: float = 0.0
    last_rss_mb: float = 0.0
    #: The kernel's own high-water mark, read at the end (catches peaks between samples).
    hwm_mb: float = 0.0
    samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MB)


@dataclass
class BenchReport:
    """Everything one bench run measured, with the machine and the configuration."""

    config: dict[str, Any]
    machine: dict[str, Any]
    core: CoreResult
    end_to_end: EndToEndResult | None = None
    latency: LatencyResult | None = None
    memory: list[ProcessMemory] = field(default_factory=list)
    profile_files: list[str] = field(default_factory=list)

    @property
    def overhead(self) -> float | None:
        """Core articles/s over end-to-end articles/s (the issue's goal: at most 2)."""
        if self.end_to_end is None or self.end_to_end.articles_per_second <= 0:
            return None
        return self.core.articles_per_second / self.end_to_end.articles_per_second

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["core"]["articles_per_second"] = self.core.articles_per_second
        if self.end_to_end is not None:
            data["end_to_end"]["articles_per_second"] = self.end_to_end.articles_per_second
        data["overhead"] = self.overhead
        return data


def machine_info(broker: str) -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "broker": broker,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


# --- core: the pure stages in one process ------------------------------------------------------
def _partition(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner (murmur2) gives `key`, so that per-partition
    state (site residue, watermark) evolves as it does in the workers."""
    return (murmur2(key.encode("utf-8")) & 0x7FFFFFFF) % partitions


class _ChangelogDict(dict[str, Any]):
    """A table as a dict that notes each value written, so its changelog encoding is timed as
    "wire" apart from the stage that wrote it (a worker's faust table encodes on write)."""

    def __init__(self, written: list[Any]) -> None:
        super().__init__()
        self.written = written

    def __setitem__(self, key: str, value: Any) -> None:
        self.written.append(value)
        super().__setitem__(key, value)


class CorePipeline:
    """topology.py's agents with plain dicts for tables and no Kafka: one article at a time.

    Kept step for step like clean/extract/_fold_one/_sweep so the core rate is the same work a
    worker does minus faust and the broker; `timed` adds each stage's time into `times`.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.config = MergeConfig(
            grace=settings.grace,
            inactivity_gap=settings.inactivity_gap,
            max_span=settings.max_span,
            retention=settings.retention,
        )
        self.partitions = settings.partitions
        self.times: dict[str, float] = dict.fromkeys((*STAGES, "wire"), 0.0)
        self.written: list[Any] = []  # table values written since the last article
        self.site_residues = SiteResidues(
            _ChangelogDict(self.written), settings.site_residue_lines
        )
        self.folder = Fold(
            FoldTables(*(_ChangelogDict(self.written) for _ in range(8))),
            self.config,
            dedup_horizon=settings.dedup_horizon,
            sweep_interval=settings.sweep_interval,
            times=self.times,
        )
        self.outcomes: dict[str, int] = dict.fromkeys(
            ("incident", "duplicate", "late", "dead-letter"), 0
        )

    def process(self, key: str, value: bytes) -> str:
        """Run one raw message through every stage; returns its outcome."""
        extracted = self.extract(key, value)
        outcome = "dead-letter" if extracted is None else self.fold(extracted)
        self.outcomes[outcome] += 1
        return outcome

    def extract(self, key: str, value: bytes) -> bytes | None:
        """The stateless half: decode, clean, extract. Returns the ExtractedArticle as the
        extract agent sends it on articles.extracted, or None for a dead letter."""
        clock = time.perf_counter
        times = self.times
        try:
            t0 = clock()
            context = {
                "max_body_bytes": self.settings.max_body_bytes,
                "not_after": datetime.now(UTC) + self.settings.future_skew,
            }
            raw = decode(RawArticle, value, context)
            t1 = clock()
            times["decode"] += t1 - t0
            wire = times["wire"]
            cleaned = self._clean(raw, _partition(key, self.partitions))
            t2 = clock()
            times["clean"] += t2 - t1 - (times["wire"] - wire)
            # A hop: the worker encodes the clean article and the next agent decodes it.
            cleaned = decode(CleanArticle, encode(cleaned))
            t3 = clock()
            times["wire"] += t3 - t2
            extracted = extract_article(cleaned)
            t4 = clock()
            times["extract"] += t4 - t3
            message = encode(extracted)
            times["wire"] += clock() - t4
            return message
        except Exception:  # the worker sends any failing message to dead-letter and goes on
            return None

    def fold(self, message: bytes) -> str:
        """The stateful half: decode an extracted article and fold it; returns its outcome."""
        try:
            t0 = time.perf_counter()
            extracted = decode(ExtractedArticle, message)
            self.times["wire"] += time.perf_counter() - t0
            return self._fold(extracted, _partition(extracted.region_key, self.partitions))
        except Exception:  # the worker sends any failing message to dead-letter and goes on
            return "dead-letter"

    def _clean(self, raw: RawArticle, partition: int) -> CleanArticle:
        site = site_key(raw.source, partition) if raw.source else None
        residue = self.site_residues.residue_for(site, raw.id) if site else None
        article = clean_article(raw, residue)
        if site:
            self.site_residues.record(site, raw.id, article.paragraphs)
        self._encode_written()  # the site residue lines it wrote, as a worker's table would
        return article

    def _encode_written(self) -> None:
        """Encode every table value written since the last call, timed as "wire", and let them
        go. (Left to the fold alone, a process that only cleans and extracts, the soak's
        second one, kept every site-residue line it ever wrote: 75 MB per 25,000 articles.)"""
        t0 = time.perf_counter()
        for value in self.written:
            if isinstance(value, BaseModel):
                encode(value)
        self.written.clear()
        self.times["wire"] += time.perf_counter() - t0

    def _fold(self, article: ExtractedArticle, partition: int) -> str:
        outputs = self.folder.fold(partition, article)
        t0 = time.perf_counter()
        for output in outputs:  # the worker encodes every message it sends
            encode(output.value)
        self.times["wire"] += time.perf_counter() - t0
        self._encode_written()  # and every table value for its changelog
        topics = {output.topic for output in outputs}
        if "articles.late" in topics:
            return "late"
        return "duplicate" if "articles.duplicates" in topics else "incident"


def run_core(
    records: Sequence[ArchiveRecord],
    *,
    warmup: Iterable[ArchiveRecord] = (),
    settings: Settings | None = None,
    profile_dir: Path | None = None,
) -> tuple[CoreResult, list[str]]:
    """Time the pure stages over `records` (after an untimed pass over `warmup`, which loads the
    gazetteer and the language model); with `profile_dir`, the timed pass runs under cProfile and
    core.prof and core.txt are written there. Returns the result and the files written."""
    pipeline = CorePipeline(settings or get_settings())
    for record in warmup:
        pipeline.process(record.key, record.value)
    pipeline.times.update(dict.fromkeys(pipeline.times, 0.0))
    pipeline.outcomes = dict.fromkeys(pipeline.outcomes, 0)
    profiler = cProfile.Profile() if profile_dir is not None else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    for record in records:
        pipeline.process(record.key, record.value)
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - started
    files: list[str] = []
    if profiler is not None and profile_dir is not None:
        files = _write_profile(profiler, profile_dir, "core")
    n = max(len(records), 1)
    stage_us = {s: pipeline.times[s] * 1e6 / n for s in STAGES}
    # Only the stages count: the wire share is reported apart (see the module docstring), so the
    # core time is the sum of the stages, not the loop's wall time.
    core_seconds = sum(pipeline.times[s] for s in STAGES)
    if profiler is not None:
        core_seconds = seconds  # under cProfile the stage clocks are inflated alike; keep wall
    result = CoreResult(
        articles=len(records),
        seconds=core_seconds,
        stage_us=stage_us,
        wire_us=pipeline.times["wire"] * 1e6 / n,
        outcomes=pipeline.outcomes,
    )
    return result, files


def _write_profile(profiler: cProfile.Profile, directory: Path, name: str) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    prof = directory / f"{name}.prof"
    text = directory / f"{name}.txt"
    profiler.dump_stats(str(prof))
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.strip_dirs().sort_stats("cumulative").print_stats(40)
    buffer.write("\n")
    stats.sort_stats("tottime").print_stats(25)
    text.write_text(buffer.getvalue(), encoding="utf-8")
    return [str(prof), str(text)]


# --- memory sampling ---------------------------------------------------------------------------
def read_memory_mb(pid: int) -> tuple[float, float] | None:
    """(VmRSS, VmHWM) of `pid` in MB from /proc, or None when it is gone or not Linux."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values = {"VmRSS": 0.0, "VmHWM": 0.0}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in values:
            values[name] = int(rest.split()[0]) / 1024.0  # kB
    return values["VmRSS"], values["VmHWM"]


class MemorySampler:
    """Samples VmRSS of named processes every `interval` seconds in a daemon thread."""

    def __init__(self, processes: dict[str, int], interval: float = 0.5) -> None:
        self.memory = [ProcessMemory(name, pid) for name, pid in processes.items()]
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._started = time.monotonic()

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _sample(self) -> None:
        now = time.monotonic() - self._started
        for proc in self.memory:
            read = read_memory_mb(proc.pid)
            if read is None:
                continue
            rss, hwm = read
            proc.last_rss_mb = rss
            proc.peak_rss_mb = max(proc.peak_rss_mb, rss)
            proc.hwm_mb = max(proc.hwm_mb, hwm)
            proc.samples.append((round(now, 2), round(rss, 1)))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def stop(self) -> None:
        """Take a last sample (the processes must still be running) and stop the thread."""
        if not self._stop.is_set():
            self._stop.set()
            self._thread.join()
            self._sample()


# --- the streaming run -------------------------------------------------------------------------
class OutcomeWatcher:
    """Reads the outcome topics from their start and records, per article id, the monotonic time
    its first outcome message arrived and every kind of outcome it got."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.first_seen: dict[str, float] = {}
        self.kinds: dict[str, set[str]] = {}
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self, timeout: float = 60.0) -> None:
        consumer = AIOKafkaConsumer(
            **client_options(self.settings),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            group_id=None,
            max_partition_fetch_bytes=self.settings.max_message_bytes,
            fetch_max_wait_ms=round(self.settings.fetch_max_wait * 1000),
            fetch_max_bytes=max(self.settings.max_message_bytes, 52_428_800),
        )
        await consumer.start()
        self._consumer = consumer
        deadline = time.monotonic() + timeout
        await assign_from_beginning(consumer, self.settings, OUTCOME_TOPICS, deadline)
        self._task = asyncio.create_task(self._run(consumer))

    async def _run(self, consumer: AIOKafkaConsumer) -> None:
        names = {self.settings.topic(n): n for n in OUTCOME_TOPICS}
        while True:
            batch = await consumer.getmany(timeout_ms=100)
            now = time.monotonic()
            for tp, records in batch.items():
                kind = names[tp.topic]
                for record in records:
                    article_id = _article_id(kind, record.key, record.value)
                    if article_id is None:
                        continue
                    self.first_seen.setdefault(article_id, now)
                    self.kinds.setdefault(article_id, set()).add(kind)

    async def wait_for(self, keys: Sequence[str], timeout: float) -> list[str]:
        """Wait until every key has an outcome; returns the keys still missing at `timeout`."""
        deadline = time.monotonic() + timeout
        missing = [k for k in keys if k not in self.first_seen]
        while missing and time.monotonic() < deadline:
            if self._task is not None and self._task.done():
                self._task.result()  # the reader died: raise its error
            await asyncio.sleep(0.05)
            missing = [k for k in missing if k not in self.first_seen]
        return missing

    def outcome_counts(self, keys: Iterable[str]) -> dict[str, int]:
        """One outcome per article; a copy shows up as a join and a duplicate: it is a duplicate."""
        counts = dict.fromkeys(("incident", "duplicate", "late", "dead-letter"), 0)
        for key in keys:
            kinds = self.kinds.get(key, set())
            if "articles.duplicates" in kinds:
                counts["duplicate"] += 1
            elif "dead-letter" in kinds:
                counts["dead-letter"] += 1
            elif "articles.late" in kinds:
                counts["late"] += 1
            elif kinds:
                counts["incident"] += 1
        return counts

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop()


def _article_id(kind: str, key: bytes | None, value: bytes) -> str | None:
    """The article an outcome message is about (updates without one, e.g. closes, give None)."""
    if kind == "articles.late":
        return (key or b"").decode("utf-8", "replace") or None
    try:
        data = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    article_id = data.get("article_id") if isinstance(data, dict) else None
    if article_id is None and kind == "dead-letter":
        return (key or b"").decode("utf-8", "replace") or None
    return article_id if isinstance(article_id, str) else None


async def send_records(
    settings: Settings,
    records: Sequence[ArchiveRecord],
    *,
    rate: float | None = None,
    sent_at: dict[str, float] | None = None,
) -> float:
    """Send `records` to articles.raw as `newsfold replay` does (key, value, published_at as the
    timestamp), paced at `rate` per second when given; records each key's monotonic send time
    into `sent_at`. Returns the seconds it took, flush included."""
    topic = settings.topic("articles.raw")
    kafka = producer(settings)
    await kafka.start()
    started = time.monotonic()
    try:
        pending = []
        for i, record in enumerate(records):
            if rate:
                delay = started + i / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            timestamp = (
                int(record.published_at.timestamp() * 1000)
                if record.published_at is not None and record.published_at.year >= 1970
                else None
            )
            if sent_at is not None:
                sent_at[record.key] = time.monotonic()
            pending.append(
                await kafka.send(
                    topic, record.value, key=record.key.encode("utf-8"), timestamp_ms=timestamp
                )
            )
            if len(pending) >= 1000:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
        await send_end_markers(kafka, topic)
        await kafka.flush()
    finally:
        await kafka.stop()
    return time.monotonic() - started


@dataclass
class _Archives:
    warmup: list[ArchiveRecord]
    main: list[ArchiveRecord]
    latency: list[ArchiveRecord]


async def _stream(
    settings: Settings, archives: _Archives, rate: float, timeout: float
) -> tuple[EndToEndResult, LatencyResult | None]:
    await ensure_topics(settings)
    watcher = OutcomeWatcher(settings)
    await watcher.start()
    try:
        _say(f"warm-up: {len(archives.warmup)} articles (workers load the gazetteer)")
        await send_records(settings, archives.warmup)
        missing = await watcher.wait_for([r.key for r in archives.warmup], timeout)
        if missing:
            raise RuntimeError(
                f"warm-up: {len(missing)} of {len(archives.warmup)} articles had no outcome "
                f"after {timeout:.0f} s (workers not running? see their logs)"
            )

        keys = [r.key for r in archives.main]
        _say(f"throughput: {len(keys)} articles as fast as possible")
        started = time.monotonic()
        send_seconds = await send_records(settings, archives.main)
        missing = await watcher.wait_for(keys, timeout)
        seen = [watcher.first_seen[k] for k in keys if k in watcher.first_seen]
        end = max(seen) if seen else time.monotonic()
        e2e = EndToEndResult(
            articles=len(keys),
            seconds=end - started,
            send_seconds=send_seconds,
            outcomes=watcher.outcome_counts(keys),
            missing=len(missing),
        )

        latency = None
        if archives.latency:
            _say(f"latency: {len(archives.latency)} articles at {rate:g}/s")
            sent_at: dict[str, float] = {}
            send_seconds = await send_records(
                settings, archives.latency, rate=rate, sent_at=sent_at
            )
            lkeys = [r.key for r in archives.latency]
            await watcher.wait_for(lkeys, timeout)
            delays = [
                (watcher.first_seen[k] - sent_at[k]) * 1000.0
                for k in lkeys
                if k in watcher.first_seen and k in sent_at
            ]
            latency = LatencyResult(
                offered_rate=rate,
                achieved_rate=len(lkeys) / send_seconds if send_seconds > 0 else 0.0,
                articles=len(lkeys),
                received=len(delays),
                p50_ms=percentile(delays, 50) if delays else float("nan"),
                p95_ms=percentile(delays, 95) if delays else float("nan"),
                p99_ms=percentile(delays, 99) if delays else float("nan"),
                max_ms=max(delays) if delays else float("nan"),
            )
        return e2e, latency
    finally:
        await watcher.stop()


def _start_py_spy(
    directory: Path, pids: dict[str, int]
) -> list[tuple[subprocess.Popen[bytes], Path]]:
    """py-spy on each worker when it is installed (the `profile` extra; it needs ptrace
    permission): collapsed stacks per worker, summarised by `_stop_py_spy`."""
    beside_python = Path(sys.executable).with_name("py-spy")
    exe = str(beside_python) if beside_python.exists() else shutil.which("py-spy")
    if exe is None:
        return []
    directory.mkdir(parents=True, exist_ok=True)
    started = []
    for name, pid in pids.items():
        out = directory / f"{name}.folded"
        log = (directory / f"{name}.py-spy.log").open("wb")
        process = subprocess.Popen(
            [exe, "record", "--pid", str(pid), "--format", "raw", "--output", str(out)],
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
        )
        started.append((process, out))
    return started


def _stop_py_spy(running: list[tuple[subprocess.Popen[bytes], Path]]) -> list[str]:
    files = []
    for process, out in running:
        # py-spy writes its profile when interrupted, not when killed.
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if out.exists():
            summary = out.with_suffix(".txt")
            summary.write_text(summarize_stacks(out.read_text(errors="replace")))
            files += [str(out), str(summary)]
    return files


_LINE = re.compile(r":\d+\)$")


def summarize_stacks(folded: str, top: int = 40) -> str:
    """Where a worker's time goes, from py-spy's collapsed stacks ("frame;frame;... count"):
    the functions holding most samples inclusive (anywhere on the stack) and on top."""
    inclusive: Counter[str] = Counter()
    on_top: Counter[str] = Counter()
    total = 0
    for line in folded.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        # "function (file.py:123)" -> "function (file.py)": a function, not each of its lines.
        frames = [_LINE.sub(")", f.strip()) for f in stack.split(";") if f.strip()]
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        if frames:
            on_top[frames[-1]] += count
    if total == 0:
        return "no samples\n"
    lines = [f"{total} samples", "", "inclusive  function"]
    lines += [f"{100 * n / total:8.1f}%  {frame}" for frame, n in inclusive.most_common(top)]
    lines += ["", "on top     function"]
    lines += [f"{100 * n / total:8.1f}%  {frame}" for frame, n in on_top.most_common(top)]
    return "\n".join(lines) + "\n"


def _records(path: Path) -> list[ArchiveRecord]:
    return list(read_archive(path))


def run_bench(
    *,
    articles: int = 3000,
    workers: int = 2,
    html_share: float = 0.0,
    rate: float = 100.0,
    latency_seconds: float = 25.0,
    incidents: int | None = None,
    days: float = 10.0,
    seed: int = 11,
    warmup_articles: int = 40,
    streaming: bool = True,
    timeout: float = 600.0,
    profile_dir: Path | None = None,
    json_path: Path | None = None,
) -> BenchReport:
    """Generate the archives, time the core, run the streaming bench, write JSON if asked.

    `streaming=False` measures the core only (no broker, no workers).
    """
    per_incident = 5  # the synthetic generator's typical reports per incident
    incidents = incidents or max(1, articles // per_incident)
    start = ArchiveSpec().start
    latency_articles = int(rate * latency_seconds) if streaming and rate > 0 else 0
    config = {
        "articles": articles,
        "incidents": incidents,
        "workers": workers,
        "html_share": html_share,
        "days": days,
        "seed": seed,
        "offered_rate": rate,
        "latency_articles": latency_articles,
        "warmup_articles": warmup_articles,
        "partitions": get_settings().partitions,
    }
    with tempfile.TemporaryDirectory(prefix="newsfold-bench-") as tmp:
        folder = Path(tmp)
        _say(f"generating {articles} articles ({incidents} incidents, html share {html_share:g})")
        # Warm-up before, latency after the main archive in event time (see module docstring).
        generate_archive(
            folder / "warmup.jsonl",
            max(warmup_articles, 2),
            max(1, warmup_articles // per_incident),
            seed + 1000,
            html_share,
            1.0,
            start=start - timedelta(days=30),
        )
        generate_archive(folder / "main.jsonl", articles, incidents, seed, html_share, days)
        if latency_articles:
            generate_archive(
                folder / "latency.jsonl",
                latency_articles,
                max(1, latency_articles // per_incident),
                seed + 2000,
                html_share,
                max(1.0, days * latency_articles / articles),
                start=start + timedelta(days=days + 14),
            )
        archives = _Archives(
            warmup=_records(folder / "warmup.jsonl"),
            main=_records(folder / "main.jsonl"),
            latency=_records(folder / "latency.jsonl") if latency_articles else [],
        )

    _say("core: the pure stages in this process")
    core, files = run_core(archives.main, warmup=archives.warmup, profile_dir=profile_dir)
    if profile_dir is not None:
        # The profiled pass is slower; time the core once more without the profiler.
        core, _ = run_core(archives.main, warmup=archives.warmup)
    broker_kind = "external (NEWSFOLD_BROKER)" if "NEWSFOLD_BROKER" in os.environ else "embedded"
    report = BenchReport(config=config, machine=machine_info(broker_kind), core=core)
    report.profile_files = files

    if streaming:
        from streams.local import local_pipeline

        overrides: dict[str, str] = {}
        if "NEWSFOLD_SESSION_TIMEOUT" not in os.environ:
            # A worker's first article loads the gazetteer with its event loop blocked for
            # seconds; on a busy machine the 2 s session of the embedded-broker defaults got a
            # worker evicted, and table recovery after that rebalance stalled (seen in a bench
            # run). A longer session keeps the group stable; the slower join is before timing.
            overrides = {"session_timeout": "10", "heartbeat_interval": "1"}
        report.config["pipeline_overrides"] = overrides
        with local_pipeline(workers=workers, **overrides) as pipeline:
            report.machine["broker_url"] = pipeline.settings.broker
            report.machine["workdir"] = str(pipeline.workdir)
            pids = {f"worker-{i}": p.pid for i, p in enumerate(pipeline.workers)}
            if pipeline.broker is not None:
                pids["broker"] = pipeline.broker.process.pid
            spies = (
                _start_py_spy(profile_dir, {k: v for k, v in pids.items() if k != "broker"})
                if profile_dir is not None
                else []
            )
            with MemorySampler(pids) as sampler:
                try:
                    report.end_to_end, report.latency = asyncio.run(
                        _stream(pipeline.settings, archives, rate, timeout)
                    )
                finally:
                    sampler.stop()
                    report.profile_files += _stop_py_spy(spies)
            report.memory = sampler.memory

    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_bytes(orjson.dumps(report.to_json(), option=orjson.OPT_INDENT_2))
    return report


# --- the readable table ------------------------------------------------------------------------
def format_report(report: BenchReport) -> str:
    """The bench as a readable table (the JSON file holds the same numbers and the samples)."""
    c = report.config
    m = report.machine
    out = [
        f"newsfold bench: {c['articles']} articles ({c['incidents']} incidents, html share "
        f"{c['html_share']:g}), {c['workers']} worker(s), {c['partitions']} partitions, "
        f"{m['broker']} broker",
        f"machine: {m['cpu_count']} CPUs, {m['platform']}, Python {m['python']}"
        + (f", load {m['load_average'][0]:.2f}" if m.get("load_average") else ""),
        "",
        "core (pure stages, one process, no Kafka)",
        f"  {'stage':<10}{'µs/article':>12}{'share':>8}",
    ]
    core = report.core
    total_us = sum(core.stage_us.values()) or 1.0
    for stage in STAGES:
        us = core.stage_us.get(stage, 0.0)
        out.append(f"  {stage:<10}{us:>12.0f}{us / total_us:>8.0%}")
    out.append(f"  {'total':<10}{total_us:>12.0f}")
    out.append(
        f"  {'wire':<10}{core.wire_us:>12.0f}  (serialising hops and table writes; not in core)"
    )
    out.append(
        f"  core throughput: {core.articles_per_second:,.0f} articles/s ({_counts(core.outcomes)})"
    )
    e2e = report.end_to_end
    if e2e is not None:
        out += [
            "",
            "end to end (broker + workers, sent as fast as possible)",
            f"  throughput: {e2e.articles_per_second:,.0f} articles/s "
            f"({e2e.articles} in {e2e.seconds:.1f} s; sending took {e2e.send_seconds:.1f} s)",
            f"  outcomes: {_counts(e2e.outcomes)}"
            + (f"; {e2e.missing} WITHOUT AN OUTCOME" if e2e.missing else ""),
        ]
        if report.overhead is not None:
            out.append(f"  streaming overhead (core ÷ end to end): {report.overhead:.1f}×")
    lat = report.latency
    if lat is not None:
        out += [
            "",
            f"latency raw -> first outcome at {lat.offered_rate:g} articles/s offered "
            f"({lat.achieved_rate:.0f}/s achieved, {lat.received}/{lat.articles} received)",
            f"  p50 {lat.p50_ms:,.0f} ms   p95 {lat.p95_ms:,.0f} ms   p99 {lat.p99_ms:,.0f} ms   "
            f"max {lat.max_ms:,.0f} ms",
        ]
    if report.memory:
        out += ["", "memory", f"  {'process':<10}{'pid':>8}{'peak RSS':>11}{'VmHWM':>9}{'last':>9}"]
        for proc in report.memory:
            out.append(
                f"  {proc.name:<10}{proc.pid:>8}{proc.peak_rss_mb:>8.0f} MB{proc.hwm_mb:>6.0f} MB"
                f"{proc.last_rss_mb:>6.0f} MB"
            )
    if report.profile_files:
        out += ["", "profiles:", *(f"  {f}" for f in report.profile_files)]
    return "\n".join(out)


def _counts(outcomes: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in outcomes.items() if v) or "none"
