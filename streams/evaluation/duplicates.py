"""Duplicate detection measured on gva-dev: copies made here, false copies counted on the real set.

From every usable gva-dev text (non-empty, at least 80 words once cleaned) the evaluation makes
copies of its own, deterministically from the seed: re-headlined, trimmed by up to 30%,
paragraphs reordered, 5% of words changed, and the text as a wire story inside a longer local
one (another article's paragraphs before and after it). Each copy is looked up against an index
of all originals; the originals themselves, looked up against every other incident's articles,
are the negatives. A copy found to copy an article of its source's incident counts as found
(gva-dev holds genuine cross-posted copies within an incident); anything pointing at another
incident is a false duplicate.

Apart from that, the real articles are streamed in date order through the index with its 7-day
horizon, as the worker does: an article flagged as a copy of another incident's article is a
false duplicate (reported per 1,000 articles).

Texts go through the real clean stage first (dedup sees cleaned paragraphs in the pipeline);
extraction is skipped: region key fixed, text_hash from streams.extract.fingerprint.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from schemas.articles import CleanArticle, ExtractedArticle, RawArticle
from schemas.wire import encode
from streams.clean import clean_article
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
from streams.extract.fingerprint import text_hash

MIN_WORDS = 80
HORIZON = timedelta(days=7)
TRANSFORMS = ("headline", "trimmed", "reordered", "words", "wire_in_local")
_REGION = "eval"


@dataclass
class KindScore:
    """Copies of one transformation: how many were made and found."""

    made: int = 0
    found: int = 0
    wrong: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


@dataclass
class DuplicateReport:
    """What `newsfold eval duplicates` prints."""

    articles: int
    copies: int
    true_positives: int
    false_positives: int
    negatives: int
    negative_false: int
    precision: float
    recall: float
    by_transform: dict[str, KindScore]
    streamed: int
    stream_copies_same_incident: int
    stream_false_duplicates: int
    false_per_1000: float
    false_per_1000_no_horizon: float
    articles_per_second: float
    index_per_second: float
    bytes_per_article: float
    entry_bytes_p99: int
    false_examples: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Doc:
    article: ExtractedArticle
    incident_id: str


def _extracted(
    doc_id: str, title: str, paragraphs: list[str], published_at: datetime
) -> ExtractedArticle:
    clean = CleanArticle(id=doc_id, title=title, published_at=published_at, paragraphs=paragraphs)
    return ExtractedArticle(article=clean, region_key=_REGION, text_hash=text_hash(paragraphs))


def load_documents(documents_jsonl: Path, limit: int | None = None) -> list[_Doc]:
    """Usable gva-dev articles, cleaned, in file order (at most `limit`)."""
    docs: list[_Doc] = []
    with documents_jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if not row["text"].strip() or len(row["text"].split()) < MIN_WORDS:
                continue
            published_at = datetime.fromisoformat(row["dct"]).replace(tzinfo=UTC)
            raw = RawArticle(
                id=row["doc_id"], title=row["title"], body=row["text"], published_at=published_at
            )
            try:
                clean = clean_article(raw)
            except ValueError:
                continue  # nothing left after cleaning: dead-letter in the pipeline
            if sum(len(p.split()) for p in clean.paragraphs) < MIN_WORDS:
                continue
            article = _extracted(clean.id, clean.title, list(clean.paragraphs), published_at)
            docs.append(_Doc(article, str(row["incident_id"])))
            if limit is not None and len(docs) >= limit:
                break
    return docs


# --- copies ---------------------------------------------------------------------------------
def _words(paragraphs: Sequence[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _trim(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Cut up to 30% of the words off the end (a shortened wire version)."""
    words = [p.split() for p in paragraphs]
    drop = int(_words(paragraphs) * rng.uniform(0.05, 0.30))
    while drop > 0 and words:
        if len(words[-1]) <= drop:
            drop -= len(words.pop())
        else:
            words[-1] = words[-1][:-drop]
            drop = 0
    return [" ".join(w) for w in words if w]


def _reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Paragraphs shuffled (a one-paragraph text is split at sentence ends to have some)."""
    parts = paragraphs if len(paragraphs) > 1 else paragraphs[0].replace(". ", ".\n").split("\n")
    shuffled = parts[:]
    while len(parts) > 1 and shuffled == parts:
        rng.shuffle(shuffled)
    return shuffled


def _change_words(
    paragraphs: list[str], rng: random.Random, vocabulary: Sequence[str]
) -> list[str]:
    """5% of the words replaced by other words of the corpus."""
    words = [p.split() for p in paragraphs]
    positions = [(i, j) for i, w in enumerate(words) for j in range(len(w))]
    for i, j in rng.sample(positions, max(1, round(len(positions) * 0.05))):
        replacement = rng.choice(vocabulary)
        while replacement.lower() == words[i][j].lower():
            replacement = rng.choice(vocabulary)
        words[i][j] = replacement
    return [" ".join(w) for w in words]


def _wire_in_local(paragraphs: list[str], other: list[str], rng: random.Random) -> list[str]:
    """The text inside another story: its paragraphs before and after, 20-100% of the text's
    length in all (a local station's intro and reaction around a wire story). At most half of
    the other story, so the copy contains only the one text whole."""
    budget = int(_words(paragraphs) * rng.uniform(0.2, 1.0))
    budget = max(1, min(budget, _words(other) // 2))
    extra: list[str] = []
    for paragraph in other:
        if budget <= 0:
            break
        words = paragraph.split()[:budget]
        extra.append(" ".join(words))
        budget -= len(words)
    cut = rng.randint(0, len(extra))
    return extra[:cut] + paragraphs + extra[cut:]


def make_copies(
    doc: _Doc, others: Sequence[_Doc], rng: random.Random, vocabulary: Sequence[str]
) -> list[tuple[str, ExtractedArticle]]:
    """(transformation, copy) for each transformation of one original."""
    source = doc.article.article
    paragraphs = list(source.paragraphs)
    other = rng.choice([o for o in others if o.incident_id != doc.incident_id] or others)
    made = {
        "headline": (f"UPDATE: {source.title[::-1] or 'news'}", paragraphs),
        "trimmed": (source.title, _trim(paragraphs, rng)),
        "reordered": (source.title, _reorder(paragraphs, rng)),
        "words": (source.title, _change_words(paragraphs, rng, vocabulary)),
        "wire_in_local": (
            f"Local: {source.title}",
            _wire_in_local(paragraphs, list(other.article.article.paragraphs), rng),
        ),
    }
    return [
        (kind, _extracted(f"{source.id}#{kind}", title, body, source.published_at))
        for kind, (title, body) in made.items()
    ]


# --- the index, as the shell keeps it ------------------------------------------------------
class _Index:
    """The two tables of streams.dedup.index as dicts (what the worker keeps in faust)."""

    def __init__(self) -> None:
        self.entries: dict[str, IndexedArticle] = {}
        self.buckets: dict[str, Bucket] = {}

    def add(self, entry: IndexedArticle) -> None:
        self.entries[entry.article_id] = entry
        for key in index_keys(entry):
            self.buckets[key] = bucket_with(self.buckets.get(key), entry.article_id)

    def remove(self, article_id: str) -> None:
        entry = self.entries.pop(article_id)
        for key in index_keys(entry):
            left = bucket_without(self.buckets[key], article_id)
            if left is None:
                del self.buckets[key]
            else:
                self.buckets[key] = left

    def candidates(self, keys: Iterable[str]) -> list[IndexedArticle]:
        """The entries the fold would confirm (streams.folding: ranked by keys found)."""
        hits: Counter[str] = Counter()
        for key in keys:
            bucket = self.buckets.get(key)
            if bucket is not None:
                hits.update(bucket.article_ids)
        return [self.entries[i] for i in rank_candidates(hits)]

    def stored_bytes(self) -> int:
        entries = sum(len(k) + len(encode(v)) for k, v in self.entries.items())
        return entries + sum(len(k) + len(encode(v)) for k, v in self.buckets.items())


def _stream_false(docs: Sequence[_Doc], horizon: timedelta | None) -> tuple[int, int, list]:
    """Stream the real articles by date; (copies within an incident, false duplicates, examples)."""
    index = _Index()
    incident_of = {d.article.id: d.incident_id for d in docs}
    ordered = sorted(docs, key=lambda d: (d.article.article.published_at, d.article.id))
    same = false = 0
    examples: list[tuple[str, str, str]] = []
    for doc in ordered:
        article = doc.article
        now = article.article.published_at
        if horizon is not None:
            for old in [i for i, e in index.entries.items() if e.published_at < now - horizon]:
                index.remove(old)
        sig = signature(article)
        notice = find_copy(article, index.candidates(query_keys(sig)), sig)
        if notice is None:
            index.add(index_entry(article, doc.incident_id, 0, sig))
        elif incident_of[notice.original_id] == doc.incident_id:
            same += 1
        else:
            false += 1
            examples.append((article.id, notice.original_id, notice.kind))
    return same, false, examples


def _right_original(
    original_id: str, doc: _Doc, incident_of: dict[str, str], hash_of: dict[str, str]
) -> bool:
    """The copy's source, an article of its incident (gva-dev's own cross-posted copies), or
    another article with the source's very text (a copy of that text too, whatever its label)."""
    return (
        incident_of[original_id] == doc.incident_id or hash_of[original_id] == doc.article.text_hash
    )


def evaluate(
    documents_jsonl: Path, seed: int = 1, limit: int | None = None, repeats: int = 3
) -> DuplicateReport:
    """Precision and recall on generated copies, false duplicates on the real articles, speed
    (best of `repeats`) and stored bytes per indexed article."""
    docs = load_documents(documents_jsonl, limit)
    rng = random.Random(seed)
    vocabulary = sorted({w for d in docs for p in d.article.article.paragraphs for w in p.split()})
    incident_of = {d.article.id: d.incident_id for d in docs}
    hash_of = {d.article.id: d.article.text_hash for d in docs}

    index = _Index()
    index_best = float("inf")
    for _ in range(repeats):
        index = _Index()
        started = time.perf_counter()
        for doc in docs:
            index.add(index_entry(doc.article, doc.incident_id, 0))
        index_best = min(index_best, time.perf_counter() - started)

    copies = [
        (doc, kind, copy) for doc in docs for kind, copy in make_copies(doc, docs, rng, vocabulary)
    ]
    by_transform = {kind: KindScore() for kind in TRANSFORMS}
    tp = fp = 0
    query_best = float("inf")
    for attempt in range(repeats):
        started = time.perf_counter()
        notices = []
        for _doc, _kind, copy in copies:
            sig = signature(copy)
            notices.append(find_copy(copy, index.candidates(query_keys(sig)), sig))
        query_best = min(query_best, time.perf_counter() - started)
        if attempt:
            continue
        for (doc, kind, _copy), notice in zip(copies, notices, strict=True):
            score = by_transform[kind]
            score.made += 1
            if notice is None:
                continue
            score.kinds[notice.kind] = score.kinds.get(notice.kind, 0) + 1
            if _right_original(notice.original_id, doc, incident_of, hash_of):
                score.found += 1
                tp += 1
            else:
                score.wrong += 1
                fp += 1

    negative_false = 0
    for doc in docs:
        sig = signature(doc.article)
        incident = doc.incident_id
        others = [
            c for c in index.candidates(query_keys(sig)) if incident_of[c.article_id] != incident
        ]
        if find_copy(doc.article, others, sig) is not None:
            negative_false += 1

    same, false, examples = _stream_false(docs, HORIZON)
    _, false_all, _ = _stream_false(docs, None)
    entry_sizes = sorted(len(a) + len(encode(e)) for a, e in index.entries.items())
    flagged = tp + fp + negative_false
    return DuplicateReport(
        articles=len(docs),
        copies=len(copies),
        true_positives=tp,
        false_positives=fp,
        negatives=len(docs),
        negative_false=negative_false,
        precision=tp / flagged if flagged else 1.0,
        recall=tp / len(copies) if copies else 0.0,
        by_transform=by_transform,
        streamed=len(docs),
        stream_copies_same_incident=same,
        stream_false_duplicates=false,
        false_per_1000=1000 * false / len(docs) if docs else 0.0,
        false_per_1000_no_horizon=1000 * false_all / len(docs) if docs else 0.0,
        articles_per_second=len(copies) / query_best if copies else 0.0,
        index_per_second=len(docs) / index_best if docs else 0.0,
        bytes_per_article=index.stored_bytes() / len(docs) if docs else 0.0,
        entry_bytes_p99=entry_sizes[int(0.99 * (len(entry_sizes) - 1))] if entry_sizes else 0,
        false_examples=examples,
    )


def format_report(report: DuplicateReport) -> str:
    """The report as the CLI prints it."""
    lines = [
        f"duplicates: {report.articles} gva-dev articles (cleaned, >= {MIN_WORDS} words), "
        f"{report.copies} generated copies",
        f"  precision {report.precision:.4f}  recall {report.recall:.4f}  "
        f"(found {report.true_positives}, wrong original {report.false_positives}, "
        f"originals flagged against other incidents {report.negative_false}/{report.negatives})",
    ]
    for kind, score in report.by_transform.items():
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(score.kinds.items()))
        recall = score.found / score.made if score.made else 0.0
        lines.append(f"    {kind:<14} recall {recall:.4f} ({score.found}/{score.made}) [{kinds}]")
    lines += [
        f"  streamed by date, {HORIZON.days}-day horizon: {report.stream_copies_same_incident} "
        f"copies within an incident, {report.stream_false_duplicates} false duplicates across "
        f"incidents = {report.false_per_1000:.2f} per 1,000 articles "
        f"(no horizon: {report.false_per_1000_no_horizon:.2f})",
        f"  speed: {report.articles_per_second:,.0f} articles/s signature+query+confirm, "
        f"{report.index_per_second:,.0f} articles/s indexing (one core, best of runs)",
        f"  memory: {report.bytes_per_article:,.0f} bytes per indexed article "
        f"(entry + bucket share, JSON as stored); entry p99 {report.entry_bytes_p99} bytes",
    ]
    lines += [f"    false: {a} -> {o} ({k})" for a, o, k in report.false_examples[:10]]
    return "\n".join(lines)
