"""The whole newsfold pipeline, top to bottom: every topic, table and agent.

    articles.raw --clean--> articles.clean --extract--> articles.extracted (keyed by region)
        --fold--> incidents (compacted) + incidents.updates, articles.duplicates, articles.late
    any stage's bad input --> dead-letter

Agents only move models between topics and tables; every decision is a pure function from
streams.clean, streams.extract, streams.dedup and streams.merge. Delivery is at-least-once
(faust flushes the producer before it commits offsets); effects are idempotent by article id.

Event-time order survives the repartition (streams.merge.ordering): extract stamps each message
with its upstream partition's progress and sends `~progress` markers; replay's `~end` markers
pass through clean and extract; fold holds reports until every upstream has passed them.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, TypeVar, cast

import faust
from faust.types import TP
from pydantic import BaseModel

from schemas.articles import CleanArticle, ExtractedArticle, RawArticle
from schemas.wire import decode, encode
from streams.app import app
from streams.caught_up import CaughtUp
from streams.changelog_read import latest_values, mend, records_between
from streams.clean import clean_article
from streams.clean.site_residue import LineSeen
from streams.codec import coded_table, model_table
from streams.errors import dead_letter
from streams.extract import extract_article
from streams.flush import deferred_sends
from streams.fold_state import FoldState, FoldStateCodec
from streams.folding import Fold, Output, OutputTopic
from streams.kafka import client_options
from streams.merge import MergeConfig
from streams.reorder import END_KEY, PROGRESS_KEY, ReorderBuffers, progress_headers, read_progress
from streams.settings import get_settings
from streams.site_residues import SiteResidues, site_key
from streams.skips import OffsetWatch

settings = get_settings()
logger = logging.getLogger(__name__)
MIN_TIME = datetime.min.replace(tzinfo=UTC)
#: Progress of the articles.clean partitions this worker extracts (upstream -> published_at).
extract_progress: dict[int, datetime] = {}
#: Upstream partitions whose archive replay has ended (an END_KEY marker came through).
ended_upstreams: set[int] = set()
#: Fold partitions this worker has taken over (state read again, incidents sent again).
taken_over: set[int] = set()
#: Per stage, the next offset of each input partition (streams/skips.py).
clean_watch, extract_watch, fold_watch = OffsetWatch(), OffsetWatch(), OffsetWatch()
merge_config = MergeConfig(
    grace=settings.grace,
    inactivity_gap=settings.inactivity_gap,
    max_span=settings.max_span,
    retention=settings.retention,
)
T = TypeVar("T", bound=BaseModel)


def _topic(name: str, **options: Any) -> faust.TopicT:
    return app.topic(
        settings.topic(name),
        key_type=bytes,
        value_type=bytes,
        partitions=settings.partitions,
        **options,
    )


# --- topics ------------------------------------------------------------------------------------
raw_articles = _topic("articles.raw")
clean_articles = _topic("articles.clean")
extracted_articles = _topic("articles.extracted")
duplicates = _topic("articles.duplicates")
late_articles = _topic("articles.late")
incidents = _topic("incidents", compacting=True)
incident_updates = _topic("incidents.updates")
dead_letters = _topic("dead-letter")

#: What the clean and extract stages have processed: tells the fold when an upstream is quiet.
caught_up = CaughtUp(raw_articles.get_topic_name(), clean_articles.get_topic_name())

# --- tables (all on the region-keyed partitions of articles.extracted; keys: streams/folding.py)
# key: "source@partition|line fingerprint" (streams/site_residues.py says why line by line)
site_residues = SiteResidues(
    model_table(app, "site-residue-lines", LineSeen), settings.site_residue_lines
)
# One table, one changelog, written through a journal per report (streams/fold_state.py says why)
fold_state = FoldState(coded_table(app, "fold-state", FoldStateCodec()))
fold_tables = fold_state.tables()
incident_states = fold_tables.incident_states  # the HTTP API reads it (streams/web.py)
# key: "partition|article id"; reports held for event-time order (streams/reorder.py says why)
held_reports = model_table(app, "held-reports", ExtractedArticle)
reorder = ReorderBuffers(
    upstreams=settings.partitions,
    idle_timeout=settings.idle_timeout,
    table=held_reports,
    resume_gap=max(5.0, 4 * settings.progress_interval),
)
folder = Fold(
    fold_tables,
    merge_config,
    dedup_horizon=settings.dedup_horizon,
    sweep_interval=settings.sweep_interval,
)
output_topics: dict[OutputTopic, faust.TopicT] = {
    "incidents": incidents,
    "incidents.updates": incident_updates,
    "articles.duplicates": duplicates,
    "articles.late": late_articles,
}


async def _to_dead_letter(
    stage: str, event: faust.EventT, exc: Exception, article_id: str | None = None
) -> None:
    message = event.message
    if article_id is None and stage in ("clean", "extract") and message.key is not None:
        article_id = message.key.decode("utf-8", "replace")  # upstream topics key by article id
    letter = dead_letter(
        stage,
        exc,
        message.topic,
        message.key,
        message.value,
        message.partition,
        message.offset,
        article_id,
    )
    await dead_letters.send(key=message.key, value=encode(letter))


async def _guarded(stage: str, event: faust.EventT, work: Callable[..., T], *args: Any) -> T | None:
    """Run one stage on one message; a failure goes to dead-letter and the worker goes on."""
    try:
        return work(*args)
    except Exception as exc:  # any failure of one message must not stop a worker
        await _to_dead_letter(stage, event, exc)
        return None


def _decode_raw(value: bytes) -> RawArticle:
    if len(value) > settings.max_message_bytes:
        raise ValueError(
            f"message of {len(value)} bytes is over NEWSFOLD_MAX_MESSAGE_BYTES "
            f"({settings.max_message_bytes})"
        )
    try:
        value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"message is not valid UTF-8 (byte {exc.start}: {exc.reason}); "
            "the producer must send JSON encoded as UTF-8"
        ) from None
    context = {
        "max_body_bytes": settings.max_body_bytes,
        # The one wall-clock read of the pipeline: refuse articles from the future.
        "not_after": datetime.now(UTC) + settings.future_skew,
    }
    return decode(RawArticle, value, context)


# --- stage 1: clean ----------------------------------------------------------------------------
@app.agent(raw_articles)
async def clean(events: faust.StreamT[bytes]) -> AsyncIterator[None]:
    """articles.raw -> articles.clean: web residue removed, paragraphs normalised."""
    async for event in events.events():
        await _read_back_skipped(clean_watch, event, _clean_message)
        await _clean_message(event)
        yield None


async def _clean_message(event: faust.EventT) -> None:
    message = event.message
    if message.key == END_KEY:  # an archive's end: pass it on, in order, to the same partition
        await clean_articles.send(key=END_KEY, value=b"", partition=message.partition)
        caught_up.done(message.topic, message.partition, message.offset)
        return
    raw = await _guarded("clean", event, _decode_raw, message.value)
    if raw is not None:
        # Site residue is learned per source and partition: co-partitioned with the input,
        # so a replay learns the same lines in the same order (deterministic cleaning).
        site = site_key(raw.source, message.partition) if raw.source else None
        residue = site_residues.residue_for(site, raw.id) if site else None
        article = await _guarded("clean", event, clean_article, raw, residue)
        if article is not None:
            if site:
                site_residues.record(site, raw.id, article.paragraphs)
            await clean_articles.send(key=article.id, value=encode(article))
    caught_up.done(message.topic, message.partition, message.offset)


# --- stage 2: extract --------------------------------------------------------------------------
@app.agent(clean_articles)
async def extract(events: faust.StreamT[bytes]) -> AsyncIterator[None]:
    """articles.clean -> articles.extracted, re-keyed by region so an incident's reports meet;
    each message carries its upstream partition's progress (streams.merge.ordering)."""
    async for event in events.events():
        await _read_back_skipped(extract_watch, event, _extract_message)
        await _extract_message(event)
        yield None


async def _extract_message(event: faust.EventT) -> None:
    message = event.message
    upstream = message.partition
    if message.key == END_KEY:  # its upstream partition has nothing more: stop holding for it
        ended_upstreams.add(upstream)
        await _send_progress(upstream, drained=True)
        caught_up.done(message.topic, upstream, message.offset)
        return
    cleaned = await _guarded("extract", event, decode, CleanArticle, message.value)
    article = (
        await _guarded("extract", event, extract_article, cleaned) if cleaned is not None else None
    )
    if article is not None:
        ended_upstreams.discard(upstream)
        progress = max(article.article.published_at, extract_progress.get(upstream, MIN_TIME))
        extract_progress[upstream] = progress
        await extracted_articles.send(
            key=article.region_key,
            value=encode(article),
            headers=progress_headers(upstream, progress),
        )
    caught_up.done(message.topic, upstream, message.offset)


@app.timer(interval=settings.progress_interval)
async def send_progress() -> None:
    """Progress markers from this worker's upstream partitions to every fold partition: the
    fold's proof that an upstream is alive, and, once it has read all there is (caught up, or
    its archive ended), that it holds nothing back (streams/caught_up.py)."""
    owned = {
        tp.partition
        for tp in app.consumer.assignment()
        if tp.topic == clean_articles.get_topic_name()
    }
    for upstream in sorted(owned):
        quiet = caught_up.check(upstream, _highwater, _committed)
        await _send_progress(upstream, drained=quiet or upstream in ended_upstreams)


def _highwater(topic: str, partition: int) -> int | None:
    try:
        return cast(int | None, app.consumer.highwater(TP(topic, partition)))
    except Exception:  # not assigned to this worker (any more), or not fetched yet
        return None


def _committed(topic: str, partition: int) -> int | None:
    # Where this worker started reading: faust keeps it, with no public accessor.
    committed = getattr(app.consumer, "_committed_offset", {})
    return cast(int | None, committed.get(TP(topic, partition)))


async def _send_progress(upstream: int, drained: bool) -> None:
    progress = extract_progress.get(upstream, MIN_TIME)
    headers = progress_headers(upstream, progress, drained=drained)
    for partition in range(settings.partitions):
        await extracted_articles.send(
            key=PROGRESS_KEY, value=b"", partition=partition, headers=headers
        )


# --- stage 3: dedup and merge ------------------------------------------------------------------
@app.agent(extracted_articles)
async def fold(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
    """articles.extracted -> incidents + incidents.updates, articles.duplicates, articles.late.

    Reports are held (in a table) until every upstream has passed them, then folded in
    event-time order (streams/reorder.py).
    """
    async for event in stream.events():
        message = event.message
        partition = message.partition
        if partition not in taken_over:
            await _take_over(partition)
        await _read_back_skipped(fold_watch, event, _fold_message)
        await _fold_message(event)
        # faust acknowledges the message when the loop comes back for the next one: everything
        # it led to is done by then. A rebalance waits for unacknowledged messages
        # (stream_wait_empty), then flushes the producer: the next owner restores it all.
        yield None


async def _fold_message(event: faust.EventT) -> None:
    """One message of articles.extracted: a progress stamp, a report to hold or fold, or both."""
    message = event.message
    partition = message.partition
    stamp = read_progress(message.headers)
    if stamp is not None:
        sent_at = message.timestamp or time.time()  # the producer's clock
        reorder.heard(partition, *stamp, sent_at=sent_at)
    if message.key != PROGRESS_KEY:
        article = await _guarded("merge", event, decode, ExtractedArticle, message.value)
        if article is not None and stamp is None:  # another producer: no order to restore
            await _fold_or_dead_letter(partition, article)
        elif article is not None:
            reorder.hold(partition, article)
    for held in list(reorder.release(partition)):
        await _fold_or_dead_letter(partition, held)
    if reorder.settle_due(partition):
        await app.producer.flush()
        reorder.settled(partition)


@dataclass(frozen=True)
class _ReadBack:
    """A message read back with aiokafka, shaped as faust's event (only what the stages and
    the dead-letter path use)."""

    message: Any

    @property
    def key(self) -> bytes | None:
        return cast(bytes | None, self.message.key)

    @property
    def value(self) -> bytes:
        return cast(bytes, self.message.value)

    @classmethod
    def of(cls, record: Any) -> _ReadBack:
        fields = {
            "topic": record.topic,
            "partition": record.partition,
            "offset": record.offset,
            "key": record.key,
            "value": record.value,
            "headers": list(record.headers or []),
            "timestamp": record.timestamp / 1000 if record.timestamp is not None else None,
        }
        return cls(SimpleNamespace(**fields))


async def _read_back_skipped(
    watch: OffsetWatch, event: faust.EventT, process: Callable[[Any], Awaitable[None]]
) -> None:
    """Process first, read back from Kafka, the messages faust's stream jumped over before
    `event` (streams/skips.py says why). A message processed twice changes nothing."""
    message = event.message
    started_at = _committed(message.topic, message.partition)
    skipped = watch.skipped(message.partition, message.offset, started_at)
    if not skipped:
        return
    records = await records_between(
        client_options(settings), message.topic, message.partition, skipped.start, skipped.stop
    )
    logger.warning(
        "%s[%d]: faust's stream skipped offsets %d-%d; %d messages read back and processed first",
        message.topic,
        message.partition,
        skipped.start,
        skipped.stop - 1,
        len(records),
    )
    for record in records:
        await process(_ReadBack.of(record))


@app.on_partitions_revoked.connect  # type: ignore[arg-type]
async def _forget_revoked(app: faust.App, revoked: set[Any], **kwargs: Any) -> None:
    mine = {tp.partition for tp in revoked if tp.topic == extracted_articles.get_topic_name()}
    reorder.forget(mine)
    folder.forget(mine)
    fold_state.forget()
    taken_over.difference_update(mine)
    site_residues.forget()
    moved: dict[str, set[int]] = {}
    for tp in revoked:
        moved.setdefault(tp.topic, set()).add(tp.partition)
    caught_up.forget(moved)
    for topic, watch in (
        (raw_articles, clean_watch),
        (clean_articles, extract_watch),
        (extracted_articles, fold_watch),
    ):
        watch.forget(moved.get(topic.get_topic_name(), set()))
    # faust flushed before this signal (and its flush waits for the fold's deferred outputs:
    # streams/flush.py); flush again for what the signal's receivers sent.
    await app.producer.flush()


@app.on_partitions_assigned.connect  # type: ignore[arg-type]
async def _reload_site_residues(app: faust.App, assigned: set[Any], **kwargs: Any) -> None:
    site_residues.forget()  # newly assigned partitions' lines arrive by table recovery


async def _fold_or_dead_letter(partition: int, article: ExtractedArticle) -> None:
    """Dedup and merge one report (streams/folding.py), then send what it produced."""
    fold_state.begin(partition)
    try:
        outputs = folder.fold(partition, article)
    except Exception as exc:  # see _guarded
        fold_state.commit(article.id)
        value = encode(article)
        letter = dead_letter(
            "merge",
            exc,
            extracted_articles.get_topic_name(),
            article.region_key.encode(),
            value,
            partition,
            None,  # held reports may come from the table, not from a message
            article.id,
        )
        await dead_letters.send(key=article.region_key.encode(), value=encode(letter))
        return
    fold_state.commit(article.id)
    _send_when_durable(partition, outputs)


async def _take_over(partition: int) -> None:
    """Make a fold partition this worker was given (or restarted with) whole before its first
    message: read its tables again from their changelogs, since faust's table recovery is not
    trusted to be (streams/changelog_read.py says why); finish the last report's writes a crash
    may have cut off (streams/fold_state.py); and send every incident again, since outputs the
    old owner had not sent yet are lost."""
    client = client_options(settings)
    for name, table, restore in (
        ("fold-state", fold_state.table, fold_state.restore),
        ("held-reports", held_reports, _restore_held_reports),
    ):
        topic = table.changelog_topic.get_topic_name()
        records = await latest_values(client, topic, partition)
        latest = {_changelog_key(table, key): value for key, value in records.items()}
        wrong = restore(latest)
        kinds = dict(Counter(key.partition("|")[0] for key in wrong).most_common(8))
        # One line per partition and table: what a reader of a failed run needs first.
        logger.log(
            logging.WARNING if wrong else logging.INFO,
            "take-over %s[%d]: %d keys read back from the changelog, %d differed from table "
            "recovery (by kind: %s; e.g. %s)",
            name,
            partition,
            len(latest),
            len(wrong),
            kinds,
            wrong[:3],
        )
    fold_state.recover(partition)
    taken_over.add(partition)
    _send_when_durable(partition, folder.current_incidents(partition))


def _changelog_key(table: Any, key: bytes) -> str:
    # As faust wrote it: a table's changelog keys are JSON, whatever the app's key serializer.
    serializer = table.changelog_topic.key_serializer
    return cast(str, app.serializers.loads_key(table.key_type, key, serializer=serializer))


def _restore_held_reports(latest: dict[str, bytes | None]) -> list[str]:
    return mend(held_reports.data, latest, lambda stored: decode(ExtractedArticle, stored))


def _send_when_durable(partition: int, outputs: list[Output]) -> None:
    """Send `outputs` once the partition's changelog holds the state they come from: a consumer
    never sees an incident version a restarted worker could not restore. (They used to follow
    the table writes through the producer buffer, but the producer orders records per topic
    only: after a SIGKILL, consumers had seen version 28 of an incident restored at 26.)"""
    if not outputs:
        return

    def send() -> None:
        for output in outputs:
            output_topics[output.topic].send_soon(key=output.key, value=encode(output.value))

    deferred_sends.after(fold_state.durable(partition), send)
