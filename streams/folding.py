"""The fold stage's work on its tables: dedup, merge and the event-time sweep of one report.

The shell half of the fold, written once for the worker (streams/topology.py hands it faust
tables) and for `newsfold bench`'s core run (plain dicts), so the benchmark times the very steps a
worker takes. It reads and writes the tables it is given and returns the messages to send;
every decision is a pure function of streams.dedup and streams.merge.

Table keys: incident states by incident id; region incidents by region key; dedup entries by
article id; dedup buckets by "partition|index key" (a worker's table holds all its partitions,
and a bucket shared across them would let one partition's progress change another's decisions);
partition clocks and document frequencies by partition; folded articles by article id, valued
"incident id|documents counted when it was folded".
"""

from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel

from schemas.articles import ExtractedArticle
from streams.dedup import (
    Bucket,
    IndexedArticle,
    bucket_with,
    bucket_without,
    find_copy,
    index_entry,
    index_keys,
    query_keys,
    rank_candidates,
    signature,
)
from streams.merge import (
    MergeConfig,
    advance_watermark,
    close_if_expired,
    fold_article,
    is_evictable,
    is_expired,
    is_late,
    sweep_due_at,
)
from streams.merge.archive import ArchivedIncident, archive_entry, holding, is_forgotten
from streams.merge.match import DocumentFrequencies, article_terms
from streams.merge.match import observe as observe_frequencies
from streams.merge.state import IncidentState
from streams.state import PartitionClock, RegionIncidents

#: An entry with a partition, in a table whose entries expire by a heap (`_pop_due`).
E = TypeVar("E", bound="_Expiring")
OutputTopic = Literal["incidents", "incidents.updates", "articles.duplicates", "articles.late"]
#: Document frequencies are snapshotted every this many reports (a value is up to ~300 KB):
#: after a crash the weights miss at most that many reports, recounted on their redelivery.
DF_SNAPSHOT_EVERY = 200


@dataclass(frozen=True, slots=True)
class Output:
    """One message the fold sends: topic name (without prefix), key and model."""

    topic: OutputTopic
    key: str
    value: BaseModel


@dataclass
class FoldTables:
    """The fold's tables (faust tables in a worker, dicts in the benchmark)."""

    incident_states: MutableMapping[str, IncidentState]
    region_incidents: MutableMapping[str, RegionIncidents]
    dedup_entries: MutableMapping[str, IndexedArticle]
    dedup_buckets: MutableMapping[str, Bucket]
    partition_clocks: MutableMapping[str, PartitionClock]
    document_frequencies: MutableMapping[str, DocumentFrequencies]
    folded_articles: MutableMapping[str, str]
    #: Evicted incidents remembered in brief (streams/merge/archive.py), by incident id.
    archived_incidents: MutableMapping[str, ArchivedIncident] = field(default_factory=dict)

    @classmethod
    def in_memory(cls) -> FoldTables:
        return cls({}, {}, {}, {}, {}, {}, {}, {})


@dataclass
class Fold:
    """Folds reports into the incidents of their partition, one at a time, in event-time order."""

    tables: FoldTables
    config: MergeConfig
    dedup_horizon: timedelta
    sweep_interval: timedelta
    #: Current document frequencies per partition (the table holds snapshots).
    frequencies_now: dict[int, DocumentFrequencies] = field(default_factory=dict)
    #: Seconds spent per step ("dedup", "fold", "sweep") when profiling; None: not timed.
    times: dict[str, float] | None = None
    #: Per partition, a min-heap of (published_at, article id) over its dedup entries, so that
    #: a sweep finds the expired ones without reading every entry of the table (that scan was
    #: 2.0 s of the fold's 35 s cProfile over 3,000 articles, 1,197 sweeps). Built from the
    #: table at the partition's first sweep, then kept up by `fold`, the only writer of entries
    #: once a partition is folded on; items of entries since removed or re-indexed are skipped.
    dedup_expiry: dict[int, list[tuple[datetime, str]]] = field(default_factory=dict)
    #: The same for archived incidents: (expires_at, incident id) per partition.
    archive_expiry: dict[int, list[tuple[datetime, str]]] = field(default_factory=dict)
    #: The same for incident states: (sweep_due_at, incident id) per partition, pushed at every
    #: write of a state, so a sweep visits the incidents due instead of testing every state of
    #: the table (that scan was 3.6 s of the fold's 105 s cProfile over 3,000 articles, 1,197
    #: sweeps; measured: sweep 124 -> 82 µs CPU per article, same archive). Items of states
    #: since changed or removed are skipped; a state's latest write always has its own item.
    sweep_due: dict[int, list[tuple[datetime, str]]] = field(default_factory=dict)
    #: Per partition, how many archived incidents it holds (counted from the table at first
    #: need, then kept by every add and drop), for `MergeConfig.max_archived_per_partition`.
    archive_counts: dict[int, int] = field(default_factory=dict)

    def forget(self, partitions: set[int]) -> None:
        """Drop in-memory state of partitions this worker no longer owns."""
        for partition in partitions:
            self.frequencies_now.pop(partition, None)
            self.dedup_expiry.pop(partition, None)
            self.archive_expiry.pop(partition, None)
            self.sweep_due.pop(partition, None)
            self.archive_counts.pop(partition, None)

    def fold(self, partition: int, article: ExtractedArticle) -> list[Output]:
        """Dedup and merge one report on its partition, then close what the watermark passed."""
        tables = self.tables
        folded_as = tables.folded_articles.get(article.id)
        if folded_as is not None:
            # A redelivery: already folded, nothing changes -- except that document frequencies
            # are snapshotted, not written per report: if the snapshot predates this report,
            # count it again, in the same order as the first time, so weights come out the same.
            counted_at = int(folded_as.rpartition("|")[2] or 0)
            if counted_at > self._frequencies(partition).documents:
                self._count_document(partition, article)
            # Its offset was not committed, so its outputs may not all have reached Kafka
            # before a crash (table writes and sends are flushed together, not atomically):
            # send its incident's current version again. A consumer keeps the highest version
            # per id, so a repeat is harmless (README, Reliability; issue #8).
            state = tables.incident_states.get(folded_as.partition("|")[0])
            return [Output("incidents", state.incident.id, state.incident)] if state else []
        region = tables.region_incidents.get(article.region_key) or RegionIncidents()
        states = tables.incident_states
        candidates = [states[i] for i in region.incident_ids if i in states]
        published_at = article.article.published_at
        # Only an incident whose reports span the article's publication time can list it: the
        # time test first spares reading the reports of all a big region's incidents (that
        # scan was a tenth of the fold's time on a long generated stream).
        holder = next(
            (
                c
                for c in candidates
                if c.incident.merged_into is None
                and c.incident.first_published_at <= published_at <= c.incident.last_published_at
                and any(a.id == article.id for a in c.incident.articles)
            ),
            None,
        )
        if holder is not None:
            # Folded before, though its folded-article marker is gone: a live incident lists it.
            # (Seen after a table recovery cut short by a rebalance: some markers were missing
            # from the restored state, and their reports were folded a second time into other
            # incidents. And a merged-away incident's eviction drops the markers of reports its
            # survivor holds.) A redelivery: put the marker back, change nothing else.
            tables.folded_articles[article.id] = f"{holder.incident.id}|0"
            return [Output("incidents", holder.incident.id, holder.incident)]
        clock = tables.partition_clocks.get(str(partition)) or PartitionClock()
        if is_late(published_at, clock.watermark, self.config):
            archive = tables.archived_incidents
            if holding(article.id, (archive[i] for i in region.archived_ids if i in archive)):
                # Folded into an incident evicted since (eviction drops its markers): a
                # redelivery after a crash or a rebalance, however far event time has moved on.
                # Sent to articles.late it would be counted twice (issue #8).
                return []
            return [Output("articles.late", article.id, article)]

        started = time.perf_counter()
        # A headline-only report has no text to be a copy of, or to copy: every one of them
        # has the same empty text.
        textless = article.article.headline_only
        sig = signature(article)
        hits: Counter[str] = Counter()
        for key in [] if textless else query_keys(sig):
            bucket = tables.dedup_buckets.get(f"{partition}|{key}")
            if bucket is not None:
                hits.update(bucket.article_ids)
        entries = tables.dedup_entries
        indexed = [entries[i] for i in rank_candidates(hits) if i in entries]
        copy = find_copy(article, [e for e in indexed if e.partition == partition], sig)
        deduped = time.perf_counter()

        terms = article_terms(article)  # once: document frequencies and matching
        frequencies = self._count_document(partition, article, terms)
        archive = tables.archived_incidents
        archived = [archive[i] for i in region.archived_ids if i in archive]
        folded = fold_article(
            article,
            candidates,
            self.config,
            copy=copy,
            frequencies=frequencies,
            terms=terms,
            archived=archived,
        )
        state = folded.state.model_copy(update={"partition": partition})
        incident = state.incident
        states[incident.id] = state
        self._schedule(partition, state)
        if folded.revived is not None:  # an archived incident reopened: hot again
            if archive.pop(folded.revived, None) is not None:
                self._count_archived(partition, -1)
            region = region.without_archived(folded.revived)
            tables.region_incidents[article.region_key] = region
        if incident.id not in region.incident_ids:
            tables.region_incidents[article.region_key] = region.with_incident(incident.id)
        tables.folded_articles[article.id] = f"{incident.id}|{frequencies.documents}"
        outputs: list[Output] = []
        for retired in folded.retired:  # incidents this report showed to be the same one
            states[retired.id] = retired.model_copy(update={"partition": partition})
            self._schedule(partition, states[retired.id])
            outputs.append(Output("incidents", retired.id, retired.incident))
        outputs.append(Output("incidents", incident.id, incident))
        outputs.extend(Output("incidents.updates", u.incident_id, u) for u in folded.updates)
        merged = time.perf_counter()

        if copy is None and not textless:
            entry = index_entry(article, incident.id, partition, sig)
            entries[article.id] = entry
            expiry = self.dedup_expiry.get(partition)
            if expiry is not None:
                heapq.heappush(expiry, (entry.published_at, article.id))
            for key in index_keys(entry):
                scoped = f"{partition}|{key}"
                tables.dedup_buckets[scoped] = bucket_with(
                    tables.dedup_buckets.get(scoped), article.id
                )
        elif copy is not None:
            notice = copy.model_copy(update={"incident_id": incident.id})
            outputs.append(Output("articles.duplicates", article.id, notice))
        indexed_at = time.perf_counter()

        watermark = advance_watermark(clock.watermark, published_at, self.config)
        if clock.next_sweep is None or watermark >= clock.next_sweep:
            outputs.extend(self._sweep(partition, watermark))
            clock = PartitionClock(watermark=watermark, next_sweep=watermark + self.sweep_interval)
        else:
            clock = clock.model_copy(update={"watermark": watermark})
        tables.partition_clocks[str(partition)] = clock
        if self.times is not None:
            self.times["dedup"] += (deduped - started) + (indexed_at - merged)
            self.times["fold"] += merged - deduped
            self.times["sweep"] += time.perf_counter() - indexed_at
        return outputs

    def current_incidents(self, partition: int) -> list[Output]:
        """Every incident of `partition` at its current version, by id: what a partition's new
        owner sends again, since outputs the old one had not sent yet when it stopped are lost
        (a consumer keeps the highest version per id, so a repeat is harmless)."""
        mine = sorted(
            (
                (state.incident.id, state)
                for state in self.tables.incident_states.values()
                if state.partition == partition
            ),
            key=lambda pair: pair[0],
        )
        return [Output("incidents", incident_id, state.incident) for incident_id, state in mine]

    def _frequencies(self, partition: int) -> DocumentFrequencies:
        known = self.frequencies_now.get(partition)
        if known is None:
            known = self.frequencies_now[partition] = self._restore_frequencies(partition)
        return known

    def _restore_frequencies(self, partition: int) -> DocumentFrequencies:
        """The partition's frequencies from its table: the last snapshot, then the reports
        counted since, in order (issue #8). Offsets may have been committed past those reports
        (a rebalance commits all it folded; a crash what faust last committed), so they are not
        all redelivered: without their terms a new owner's weights would differ from an
        uninterrupted run's. Each report's terms sit under "partition|n mod N", N =
        DF_SNAPSHOT_EVERY, valued as frequencies of one document numbered n: bounded, no
        deletes, and an entry left from before the snapshot has the wrong number, so it stops
        the replay."""
        table = self.tables.document_frequencies
        frequencies = table.get(str(partition)) or DocumentFrequencies()
        while True:
            number = frequencies.documents + 1
            pending = table.get(f"{partition}|{number % DF_SNAPSHOT_EVERY}")
            if pending is None or pending.documents != number:
                return frequencies
            frequencies = observe_frequencies(frequencies, pending.counts, self.config)

    def _count_document(
        self, partition: int, article: ExtractedArticle, terms: Counter[str] | None = None
    ) -> DocumentFrequencies:
        """Count one report into its partition's document frequencies: a snapshot every
        DF_SNAPSHOT_EVERY reports, the report's own terms in between (_restore_frequencies).
        `terms`: the report's `article_terms`, when the caller has them already."""
        if terms is None:
            terms = article_terms(article)
        frequencies = observe_frequencies(self._frequencies(partition), terms, self.config)
        self.frequencies_now[partition] = frequencies
        number = frequencies.documents
        if number % DF_SNAPSHOT_EVERY == 0:
            self.tables.document_frequencies[str(partition)] = frequencies
        else:
            key = f"{partition}|{number % DF_SNAPSHOT_EVERY}"
            self.tables.document_frequencies[key] = DocumentFrequencies.model_construct(
                documents=number, counts=dict.fromkeys(terms, 1)
            )
        return frequencies

    def _sweep(self, partition: int, watermark: datetime) -> list[Output]:
        """Close incidents the watermark passed; evict closed ones past retention, and copies'
        originals past the dedup horizon. Sorted by id, so the sends come in a stable order."""
        tables = self.tables
        outputs: list[Output] = []
        config = self.config
        # Only the incidents with something to do are sorted and visited: each one's step
        # touches no other incident, so the steps and their order are those of a visit of all.
        for incident_id in self._due_incidents(partition, watermark):
            state = tables.incident_states[incident_id]
            if is_evictable(state.incident, watermark, self.config):
                del tables.incident_states[incident_id]
                for article in state.incident.articles:
                    tables.folded_articles.pop(article.id, None)
                region = tables.region_incidents.get(state.incident.region_key)
                if region is not None:
                    region = region.without(incident_id)
                    brief = archive_entry(state, watermark, config)
                    if brief is not None:
                        region = self._archive(partition, region, brief)
                    tables.region_incidents[state.incident.region_key] = region
                continue
            closed = close_if_expired(state.incident, watermark, self.config)
            if closed is not None:
                incident, update = closed
                tables.incident_states[incident_id] = state.model_copy(
                    update={"incident": incident}
                )
                self._schedule(partition, tables.incident_states[incident_id])
                outputs.append(Output("incidents", incident.id, incident))
                outputs.append(Output("incidents.updates", incident.id, update))
        self._forget_archived(partition, watermark)
        horizon = watermark - self.dedup_horizon
        for article_id in self._expired_entries(partition, horizon):
            entry = tables.dedup_entries[article_id]
            for key in index_keys(entry):
                scoped = f"{partition}|{key}"
                bucket = tables.dedup_buckets.get(scoped)
                remaining = bucket_without(bucket, article_id) if bucket else None
                if remaining is None:
                    tables.dedup_buckets.pop(scoped, None)
                else:
                    tables.dedup_buckets[scoped] = remaining
            del tables.dedup_entries[article_id]
        return outputs

    def _schedule(self, partition: int, state: IncidentState) -> None:
        """Note when the sweep of `partition` has to visit `state` (see `sweep_due`)."""
        heap = self.sweep_due.get(partition)
        if heap is not None:
            heapq.heappush(heap, (sweep_due_at(state.incident, self.config), state.incident.id))

    def _due_incidents(self, partition: int, watermark: datetime) -> list[str]:
        """Ids of `partition`'s incidents to close or evict at `watermark`, sorted: those a scan
        of every state would find, read off `sweep_due`."""
        config = self.config
        return _pop_due(
            self.sweep_due,
            partition,
            self.tables.incident_states,
            lambda state: sweep_due_at(state.incident, config),
            lambda due: due <= watermark,
            lambda state: (
                is_evictable(state.incident, watermark, config)
                or is_expired(state.incident, watermark, config)
            ),
        )

    def _archive(
        self, partition: int, region: RegionIncidents, entry: ArchivedIncident
    ) -> RegionIncidents:
        """Remember an evicted incident in brief; the region's oldest go past the region's cap,
        the partition's first to expire past the partition's."""
        archive = self.tables.archived_incidents
        if entry.id not in archive:
            self._count_archived(partition, 1)
        archive[entry.id] = entry
        heapq.heappush(self._archive_heap(partition), (entry.expires_at, entry.id))
        region = region.with_archived(entry.id)
        excess = len(region.archived_ids) - self.config.max_archived_per_region
        for oldest in region.archived_ids[: max(excess, 0)]:
            if archive.pop(oldest, None) is not None:
                self._count_archived(partition, -1)
            region = region.without_archived(oldest)
        heap = self._archive_heap(partition)
        while self.archive_counts[partition] > self.config.max_archived_per_partition and heap:
            expires_at, incident_id = heapq.heappop(heap)
            dropped = archive.get(incident_id)
            if dropped is None or dropped.partition != partition:
                continue  # an item of an entry since reopened or dropped
            if dropped.expires_at != expires_at:
                continue  # the entry was archived again since: its own item is further on
            del archive[incident_id]
            self._count_archived(partition, -1)
            region_key = dropped.incident.region_key
            if region_key == entry.incident.region_key:
                region = region.without_archived(incident_id)
            else:
                other = self.tables.region_incidents.get(region_key)
                if other is not None:
                    self.tables.region_incidents[region_key] = other.without_archived(incident_id)
        return region

    def _archive_heap(self, partition: int) -> list[tuple[datetime, str]]:
        """`archive_expiry` of `partition`, built from the table if this worker has none yet."""
        return _heap_of(
            self.archive_expiry,
            partition,
            self.tables.archived_incidents,
            lambda entry: entry.expires_at,
        )

    def _count_archived(self, partition: int, change: int) -> None:
        """Add `change` to `partition`'s archived count. Called before an entry is added and
        after one is dropped: a first call counts the table, which then holds the count before
        the add (so the add is counted on top) or after the drop (so it is not counted again)."""
        if partition not in self.archive_counts:
            self.archive_counts[partition] = sum(
                1 for e in self.tables.archived_incidents.values() if e.partition == partition
            ) + (change if change > 0 else 0)
            return
        self.archive_counts[partition] += change

    def _forget_archived(self, partition: int, watermark: datetime) -> None:
        """Drop `partition`'s archived incidents whose time is up (by a heap, like the dedup
        entries: built from the table at the partition's first sweep, then kept by `_archive`;
        items of entries since reopened or dropped are skipped)."""
        archive = self.tables.archived_incidents
        expired = _pop_due(
            self.archive_expiry,
            partition,
            archive,
            lambda entry: entry.expires_at,
            lambda due: due <= watermark,
            lambda entry: is_forgotten(entry, watermark),
        )
        for incident_id in expired:
            region_key = archive.pop(incident_id).incident.region_key
            self._count_archived(partition, -1)
            region = self.tables.region_incidents.get(region_key)
            if region is not None:
                self.tables.region_incidents[region_key] = region.without_archived(incident_id)

    def _expired_entries(self, partition: int, horizon: datetime) -> list[str]:
        """Ids of `partition`'s dedup entries published before `horizon`, sorted: the same as
        scanning the whole table, read off `dedup_expiry` instead."""
        return _pop_due(
            self.dedup_expiry,
            partition,
            self.tables.dedup_entries,
            lambda entry: entry.published_at,
            lambda due: due < horizon,
            lambda entry: entry.published_at < horizon,
        )


class _Expiring(Protocol):
    @property
    def partition(self) -> int: ...


def _pop_due(
    heaps: dict[int, list[tuple[datetime, str]]],
    partition: int,
    table: Mapping[str, E],
    due_at: Callable[[E], datetime],
    is_due: Callable[[datetime], bool],
    still_due: Callable[[E], bool],
) -> list[str]:
    """Keys of `partition`'s entries in `table` that are due, sorted: the same as scanning the
    whole table, read off a heap of (due time, key) instead. The heap is built from the table
    at the partition's first call and kept by whoever adds entries; items of entries since
    changed or dropped are skipped (`still_due` checks the entry as it is now)."""
    heap = _heap_of(heaps, partition, table, due_at)
    due = set()
    while heap and is_due(heap[0][0]):
        _, key = heapq.heappop(heap)
        entry = table.get(key)
        if entry is not None and entry.partition == partition and still_due(entry):
            due.add(key)
    return sorted(due)


def _heap_of(
    heaps: dict[int, list[tuple[datetime, str]]],
    partition: int,
    table: Mapping[str, E],
    due_at: Callable[[E], datetime],
) -> list[tuple[datetime, str]]:
    """`partition`'s heap of (due time, key) in `heaps`, built from `table` when absent."""
    heap = heaps.get(partition)
    if heap is None:
        heap = [(due_at(e), key) for key, e in table.items() if e.partition == partition]
        heapq.heapify(heap)
        heaps[partition] = heap
    return heap
