"""Copy detection: exact, near and containment, and what is not a copy."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from schemas.articles import CleanArticle, ExtractedArticle
from streams.dedup import (
    Bucket,
    IndexedArticle,
    bucket_with,
    bucket_without,
    find_copy,
    index_entry,
    index_keys,
    query_keys,
    signature,
)
from streams.extract.fingerprint import text_hash

WHEN = datetime(2018, 5, 1, 12, tzinfo=UTC)
_RNG = random.Random(7)
_VOCAB = [
    "police", "said", "the", "a", "shooting", "man", "woman", "county", "street", "officers",
    "hospital", "night", "witnesses", "car", "home", "after", "two", "three", "injured", "killed",
    "sheriff", "deputies", "suspect", "arrested", "victim", "gun", "fired", "shots", "near",
    "school", "neighbors", "told", "reporters", "investigators", "scene", "morning", "at", "in",
]  # fmt: skip


def _story(seed: int, paragraphs: int = 6, words: int = 40) -> list[str]:
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(_VOCAB) + str(rng.randint(0, 999)) for _ in range(words))
        for _ in range(paragraphs)
    ]


def _article(article_id: str, paragraphs: list[str], title: str = "t") -> ExtractedArticle:
    clean = CleanArticle(id=article_id, title=title, published_at=WHEN, paragraphs=paragraphs)
    return ExtractedArticle(article=clean, region_key="r", text_hash=text_hash(paragraphs))


def _indexed(article: ExtractedArticle) -> IndexedArticle:
    return index_entry(article, f"inc-{article.id}", 0)


ORIGINAL = _article("orig", _story(1))


def test_headline_change_is_an_exact_copy() -> None:
    copy = _article("copy", list(ORIGINAL.article.paragraphs), title="New headline")
    notice = find_copy(copy, [_indexed(ORIGINAL)])
    assert notice is not None
    assert (notice.kind, notice.original_id, notice.similarity) == ("exact", "orig", 1.0)
    assert notice.incident_id == "inc-orig"


def test_exact_copy_through_the_single_entry_lookup() -> None:
    copy = _article("copy", list(ORIGINAL.article.paragraphs))
    notice = find_copy(copy, _indexed(ORIGINAL))
    assert notice is not None and notice.kind == "exact"
    assert find_copy(copy, None) is None


def test_redelivery_is_not_a_copy() -> None:
    assert find_copy(ORIGINAL, [_indexed(ORIGINAL)]) is None
    assert find_copy(ORIGINAL, _indexed(ORIGINAL)) is None


def test_reordered_paragraphs_are_a_near_copy() -> None:
    paragraphs = list(ORIGINAL.article.paragraphs)
    copy = _article("copy", paragraphs[3:] + paragraphs[:3])
    notice = find_copy(copy, [_indexed(ORIGINAL)])
    assert notice is not None and notice.kind == "near" and notice.similarity == 1.0


def test_trimmed_copy_is_contained() -> None:
    paragraphs = list(ORIGINAL.article.paragraphs)
    copy = _article("copy", paragraphs[:4] + [" ".join(paragraphs[4].split()[:20])])
    notice = find_copy(copy, [_indexed(ORIGINAL)])
    assert notice is not None and notice.kind == "contained"


def test_five_percent_of_words_changed_is_a_near_copy() -> None:
    words = [p.split() for p in ORIGINAL.article.paragraphs]
    positions = [(i, j) for i, w in enumerate(words) for j in range(len(w))]
    for i, j in random.Random(3).sample(positions, len(positions) // 20):
        words[i][j] = "changed"
    copy = _article("copy", [" ".join(w) for w in words])
    notice = find_copy(copy, [_indexed(ORIGINAL)])
    assert notice is not None and notice.original_id == "orig"
    assert notice.kind in ("near", "contains", "contained")


def test_containment_both_directions() -> None:
    wire = _article("wire", _story(2, paragraphs=4))
    local_paragraphs = _story(3, paragraphs=2) + list(wire.article.paragraphs) + _story(4, 1)
    local = _article("local", local_paragraphs)
    notice = find_copy(local, [_indexed(wire)])  # the wire came first: local contains it
    assert notice is not None and (notice.kind, notice.original_id) == ("contains", "wire")
    notice = find_copy(wire, [_indexed(local)])  # the local story came first
    assert notice is not None and (notice.kind, notice.original_id) == ("contained", "local")


def test_different_texts_are_not_copies() -> None:
    entries = [_indexed(_article(f"other-{seed}", _story(seed))) for seed in range(10, 20)]
    assert find_copy(ORIGINAL, entries) is None


def test_closest_original_wins_whatever_the_order() -> None:
    exact = _indexed(_article("exact", list(ORIGINAL.article.paragraphs)))
    near = _indexed(_article("near", list(ORIGINAL.article.paragraphs)[:5]))
    copy = _article("copy", list(ORIGINAL.article.paragraphs))
    for candidates in ([exact, near], [near, exact]):
        notice = find_copy(copy, candidates)
        assert notice is not None and notice.original_id == "exact"


def test_a_copy_is_found_through_the_index_keys() -> None:
    paragraphs = list(ORIGINAL.article.paragraphs)
    copies = [
        _article("reordered", paragraphs[::-1]),
        _article("trimmed", paragraphs[:4]),
        _article("local", _story(5, 3) + paragraphs),
        _article("exact", paragraphs, title="other"),
    ]
    stored = set(index_keys(_indexed(ORIGINAL)))
    for copy in copies:
        assert stored & set(query_keys(signature(copy))), copy.id


def test_entry_round_trips_and_stays_small() -> None:
    from schemas.wire import decode, encode

    long_story = _article("long", _story(9, paragraphs=40, words=80))
    entry = _indexed(long_story)
    assert decode(IndexedArticle, encode(entry)) == entry
    assert len(encode(entry)) < 1_000
    assert len(index_keys(entry)) <= 25


def test_buckets_are_idempotent_capped_and_emptied() -> None:
    bucket = bucket_with(None, "a")
    assert bucket_with(bucket, "a") == bucket
    for i in range(40):
        bucket = bucket_with(bucket, f"id{i}", cap=32)
    assert len(bucket.article_ids) == 32 and bucket.article_ids[-1] == "id39"
    assert bucket_without(Bucket(article_ids=["a"]), "a") is None
    assert bucket_without(Bucket(article_ids=["a", "b"]), "a") == Bucket(article_ids=["b"])


def test_sorted_unique_is_np_unique() -> None:
    import numpy as np

    from streams.dedup.shingles import sorted_unique

    rng = np.random.default_rng(7)
    for size in (0, 1, 2, 3, 50, 600):
        for dtype in (np.uint32, np.uint64):
            values = rng.integers(0, 40, size).astype(dtype)
            found, expected = sorted_unique(values), np.unique(values)
            assert found.dtype == expected.dtype
            assert found.tolist() == expected.tolist()
