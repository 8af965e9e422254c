"""The dedup index: what the shell stores per indexed article and per index key.

Two faust tables, both on the region-keyed partition of articles.extracted (copies share their
places, so they meet there):

* entries, key: article id -> IndexedArticle (ids, event time, exact text hash and the bottom-k
  shingle sample that confirms near copies and containment);
* buckets, key: an index key from `index_keys` -> Bucket (the ids of the articles under it).

An entry carries published_at and partition so the shell evicts it by the partition's watermark
after the horizon, and `index_keys(entry)` recomputes its keys from the stored sample so the shell
can take it out of its buckets without storing the keys twice.
"""

from __future__ import annotations

import base64
from datetime import datetime

import numpy as np
import numpy.typing as npt

from schemas.base import Model
from streams.dedup.shingles import sorted_unique

#: Most articles a bucket keeps. A key shared by more articles within the horizon is boilerplate
#: (a station's footer, a stock phrase), not evidence of a copy; capping keeps every bucket write
#: small. The newest ids are kept: copies of a story arrive close together.
BUCKET_CAP = 32

#: A sample value is the high 32 bits of a shingle hash; index keys are the values divisible by
#: this (a consistent 1-in-8 subsample: a shingle two texts share is a key of both or of neither).
KEY_MODULUS = 8
#: At most this many index keys per stored article (the smallest: consistent across texts).
MAX_INDEX_KEYS = 24
#: Texts too short to have this many keys use their smallest sample values instead.
MIN_INDEX_KEYS = 4

Sample = npt.NDArray[np.uint32]


class IndexedArticle(Model):
    """Dedup index value (key: article id): one article remembered as a possible original."""

    article_id: str
    incident_id: str
    published_at: datetime
    partition: int
    #: Hash of the normalised text (ExtractedArticle.text_hash): equal hashes are exact copies.
    text_hash: str = ""
    #: Distinct shingles in the text (the sample below is exact when this is ≤ its capacity).
    shingles: int = 0
    #: Bottom-k sample of the shingle hashes: sorted big-endian uint32, base64.
    sample: str = ""

    def sample_values(self) -> Sample:
        """The stored sample as a sorted array."""
        return decode_sample(self.sample)


#: The name the exact-copy shell uses; an IndexedArticle without a sample is an exact-only entry.
TextIndexEntry = IndexedArticle


class Bucket(Model):
    """Dedup bucket value (key: an index key): the articles indexed under it, oldest first."""

    article_ids: list[str] = []


def encode_sample(values: Sample) -> str:
    """Sorted uint32 values as compact base64 text (4 bytes a value before base64)."""
    return base64.b64encode(values.astype(">u4").tobytes()).decode("ascii")


def decode_sample(text: str) -> Sample:
    """Inverse of encode_sample."""
    return np.frombuffer(base64.b64decode(text), dtype=">u4").astype(np.uint32)


def exact_key(text_hash: str) -> str:
    """Index key of an exact text: copies with any id meet under it."""
    return f"t:{text_hash}"


def sample_keys(values: Sample, limit: int) -> list[str]:
    """Index keys of a sorted sample: its values divisible by KEY_MODULUS, smallest first."""
    chosen = values[values % KEY_MODULUS == 0][:limit]
    if len(chosen) < MIN_INDEX_KEYS:
        chosen = sorted_unique(np.concatenate([chosen, values[:MIN_INDEX_KEYS]]))
    return [f"s:{int(v):08x}" for v in chosen]


def index_keys(entry: IndexedArticle) -> list[str]:
    """Every bucket key the article is stored under (to add it, and to evict it)."""
    keys = [exact_key(entry.text_hash)] if entry.text_hash else []
    if entry.sample:
        keys.extend(sample_keys(entry.sample_values(), MAX_INDEX_KEYS))
    return keys


def bucket_with(bucket: Bucket | None, article_id: str, cap: int = BUCKET_CAP) -> Bucket:
    """The bucket with `article_id` added (idempotent), the oldest dropped beyond `cap`."""
    ids = [] if bucket is None else bucket.article_ids
    if article_id in ids:
        return bucket if bucket is not None else Bucket(article_ids=[article_id])
    return Bucket(article_ids=[*ids, article_id][-cap:])


def bucket_without(bucket: Bucket, article_id: str) -> Bucket | None:
    """The bucket with `article_id` removed; None when it is left empty (delete the key)."""
    ids = [i for i in bucket.article_ids if i != article_id]
    return Bucket(article_ids=ids) if ids else None
