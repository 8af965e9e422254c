"""All of the fold's state in one changelogged table, written one report at a time through a
journal: after a crash, the state a worker restores is one the fold actually passed through.

Why one table, and why a journal (issue #8). The fold's state used to live in seven faust tables,
each with its own changelog topic. The producer sends each topic's records in order, but not the
topics in order with one another (a full batch of one goes out before an older, smaller one of
another), so a SIGKILL between two commits could keep a report's folded-article marker and lose
the incident it created: its redelivery then counted as already folded, and the incident never
existed (31 to 38 of ~2,000 incidents came out with other ids after a kill during recovery).
Here every key lives in one table, "fold-state", keyed "kind|key" (KINDS), so one changelog
partition per fold partition holds every write in the order it was made, and what survives a
crash is a prefix of it. A prefix may still end halfway through one report's writes; so the
writes of a report are sent after one record that holds them all, the partition's journal
("j|partition"), and a worker that takes a partition over applies its journal again first
(`recover`): the state is then whole up to the last journaled report.

Reads and writes go straight to the table's store; changelog records are sent by `commit`, once
per report. `durable` is the send of a report's last record: outputs derived from the state are
sent only when it is done (streams/topology.py), so no consumer sees an incident version the
changelog does not hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

import orjson
from faust.serializers.codecs import Codec
from pydantic import BaseModel

from schemas.wire import decode, encode
from streams.changelog_read import mend
from streams.dedup import Bucket, IndexedArticle
from streams.folding import FoldTables
from streams.merge.archive import ArchivedIncident
from streams.merge.match import DocumentFrequencies
from streams.merge.state import IncidentState
from streams.state import PartitionClock, RegionIncidents

V = TypeVar("V")

#: Tag of each kind of value, the first part of its key ("s|inc-...") and of its stored bytes.
KINDS: dict[str, type[BaseModel] | type[str]] = {
    "s": IncidentState,
    "r": RegionIncidents,
    "e": IndexedArticle,
    "b": Bucket,
    "c": PartitionClock,
    "f": DocumentFrequencies,
    "a": str,  # folded articles: "incident id|documents counted when it was folded"
    "h": ArchivedIncident,  # evicted incidents in brief (streams/merge/archive.py)
}
TAG_OF: dict[type, str] = {kind: tag for tag, kind in KINDS.items()}
JOURNAL_TAG = "j"


@dataclass(frozen=True, slots=True)
class Journal:
    """The writes of one report's fold (None: a delete), kept under its partition's journal key."""

    article_id: str
    writes: dict[str, Any]


def journal_key(partition: int) -> str:
    return f"{JOURNAL_TAG}|{partition}"


def _value_json(value: Any) -> bytes:
    return orjson.dumps(value) if isinstance(value, str) else encode(value)


def _from_json(tag: str, data: bytes) -> Any:
    kind = KINDS[tag]
    return orjson.loads(data) if kind is str else decode(cast(type[BaseModel], kind), data)


def dumps(value: Any) -> bytes:
    """Stored bytes of a value: its tag, a NUL (never in JSON), its JSON."""
    if isinstance(value, Journal):
        encoded = {k: None if v is None else dumps(v) for k, v in value.writes.items()}
        return journal_bytes(value.article_id, encoded)
    return TAG_OF[type(value)].encode() + b"\0" + _value_json(value)


def journal_bytes(article_id: str, encoded: dict[str, bytes | None]) -> bytes:
    """Stored bytes of a journal whose values are already stored bytes (encoded once, sent
    twice: in the journal and on their own)."""
    writes = [
        [key, None if v is None else orjson.Fragment(v.partition(b"\0")[2])]
        for key, v in encoded.items()
    ]
    body = orjson.dumps({"article_id": article_id, "writes": writes})
    return JOURNAL_TAG.encode() + b"\0" + body


def loads(data: bytes) -> Any:
    """The value `dumps` stored."""
    tag, _, body = data.partition(b"\0")
    kind = tag.decode()
    if kind == JOURNAL_TAG:  # read back only in recovery: parsing values twice costs little
        parsed = orjson.loads(body)
        writes = {
            key: None if v is None else _from_json(key.partition("|")[0], orjson.dumps(v))
            for key, v in parsed["writes"]
        }
        return Journal(parsed["article_id"], writes)
    return _from_json(kind, body)


class FoldStateCodec(Codec):
    """faust codec of the fold-state table (tagged values, see `dumps`)."""

    def _dumps(self, obj: Any) -> bytes:
        return dumps(obj)

    def _loads(self, s: bytes) -> Any:
        return loads(s)


@dataclass
class FoldState:
    """The fold-state table: typed views for streams.folding, and the journaled commit."""

    #: The faust table (its `data` is the store; `send_changelog` writes the changelog).
    table: Any
    #: Writes of the report being folded, by full key, in order (None: deleted).
    pending: dict[str, Any] = field(default_factory=dict)
    partition: int | None = None
    #: Per partition, the send of its latest changelog record (outputs wait for it).
    last_send: dict[int, Any] = field(default_factory=dict)
    _views: list[StateView[Any]] = field(default_factory=list)

    @property
    def store(self) -> MutableMapping[str, Any]:
        return cast(MutableMapping[str, Any], self.table.data)

    def tables(self) -> FoldTables:
        """The fold's tables, each a view of its kind of key."""
        return FoldTables(
            incident_states=self.view(IncidentState),
            region_incidents=self.view(RegionIncidents),
            dedup_entries=self.view(IndexedArticle),
            dedup_buckets=self.view(Bucket),
            partition_clocks=self.view(PartitionClock),
            document_frequencies=self.view(DocumentFrequencies),
            folded_articles=self.view(str),
            archived_incidents=self.view(ArchivedIncident),
        )

    def view(self, kind: type[V]) -> StateView[V]:
        made: StateView[V] = StateView(self, TAG_OF[kind])
        self._views.append(made)
        return made

    def begin(self, partition: int) -> None:
        """Start collecting the writes of one report folded on `partition`."""
        self.pending.clear()
        self.partition = partition

    def write(self, key: str, value: Any) -> None:
        if value is None:
            self.store.pop(key, None)
        else:
            self.store[key] = value
        self.pending[key] = value

    def commit(self, article_id: str) -> None:
        """Send the journal of the writes since `begin`, then the writes themselves."""
        partition = self.partition
        if partition is None or not self.pending:
            return
        self.store[journal_key(partition)] = Journal(article_id, dict(self.pending))
        encoded = {k: None if v is None else dumps(v) for k, v in self.pending.items()}
        self._send(partition, journal_key(partition), journal_bytes(article_id, encoded))
        for key, value in encoded.items():
            self._send(partition, key, value)
        self.pending.clear()

    def recover(self, partition: int) -> bool:
        """Apply `partition`'s journal again, store and changelog: what a crash cut off the end
        of the last report's writes comes back (a write already there is rewritten unchanged).
        Call once per partition on taking it over, before folding on it; True if it had one."""
        journal = self.store.get(journal_key(partition))
        if not isinstance(journal, Journal):
            return False
        self.begin(partition)
        for key, value in journal.writes.items():
            self.write(key, value)
        self.commit(journal.article_id)
        return True

    def restore(self, latest: Mapping[str, bytes | None]) -> list[str]:
        """Put each key's latest changelog value (streams/changelog_read.py; None: deleted)
        back in the store over what table recovery left there; the keys it had wrong.
        Call on taking a partition over with that partition's changelog, before `recover`."""
        wrong = mend(self.store, latest, loads)
        for made in self._views:
            made.forget()
        return wrong

    def durable(self, partition: int) -> Any:
        """The send of `partition`'s latest changelog record (None: nothing sent yet)."""
        return self.last_send.get(partition)

    def forget(self) -> None:
        """Partitions moved: the views' key indexes are rebuilt from the store on next use."""
        for made in self._views:
            made.forget()
        self.last_send.clear()

    def _send(self, partition: int, key: str, value: bytes | None) -> None:
        self.last_send[partition] = self.table.send_changelog(
            partition, key, value, value_serializer="raw"
        )


class StateView(MutableMapping[str, V], Generic[V]):
    """The keys of one kind in the fold-state table, without their tag: a table of its own to
    streams.folding. Iteration goes by an index of the kind's keys, built from the store once
    after partitions move and kept up to date by every write (a scan of the whole store per
    sweep would cost as much as the fold itself)."""

    def __init__(self, state: FoldState, tag: str) -> None:
        self._state = state
        self._prefix = f"{tag}|"
        self._index: set[str] | None = None

    def forget(self) -> None:
        self._index = None

    def _keys(self) -> set[str]:
        if self._index is None:
            n = len(self._prefix)
            self._index = {k[n:] for k in list(self._state.store) if k.startswith(self._prefix)}
        return self._index

    def __getitem__(self, key: str) -> V:
        return cast(V, self._state.store[self._prefix + key])

    def __setitem__(self, key: str, value: V) -> None:
        self._state.write(self._prefix + key, value)
        if self._index is not None:
            self._index.add(key)

    def __delitem__(self, key: str) -> None:
        if self._prefix + key not in self._state.store:
            raise KeyError(key)
        self._state.write(self._prefix + key, None)
        if self._index is not None:
            self._index.discard(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (self._prefix + key) in self._state.store

    def __iter__(self) -> Iterator[str]:
        store = self._state.store
        return iter([k for k in self._keys() if self._prefix + k in store])

    def __len__(self) -> int:
        return sum(1 for _ in self)
