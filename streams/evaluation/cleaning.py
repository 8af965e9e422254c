"""Quality and speed of the clean stage, measured on labelled data (no Kafka).

Three measures, one per kind of input the stage sees:

- HTML pages (the Scrapinghub article-extraction benchmark layout): the real `clean_article`
  and, on the same pages in the same run, `trafilatura.extract(html)` with default settings,
  scored against the gold articleBody. Three scores are printed for each:
  * **benchmark** - the upstream benchmark's own metric (scrapinghub/article-extraction-benchmark
    evaluate.py): 4-gram word shingles, tp/fp/fn normalised per page so that long pages do not
    weigh more, precision and recall averaged over pages, F1 the harmonic mean of those two
    averages. This is the metric behind trafilatura's published ~0.958 on this set, so it is the
    headline figure and the one the issue's "F1 >= 0.95" is checked against.
  * **token micro** - lowercased word tokens, bag overlap with multiplicity, summed over pages
    (sum of overlaps / sum of lengths): long pages weigh more.
  * **token macro** - the same per page, then the mean of per-page precision, recall and F1.
- Plain text: a labelled set written for the project (plaintext_fixtures.py): the share of
  residue lines removed and of story sentences kept.
- gva-dev (crawled plain text): the share of cleaned articles still holding a repeated or
  near-repeated paragraph.

Pages or articles on which the stage raises EmptyArticle count as empty output.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import trafilatura

from schemas.articles import CleanArticle, RawArticle
from streams.clean import EmptyArticle, clean_article, match_key
from streams.clean.language import detect_language
from streams.clean.paragraphs import drop_repeats
from streams.evaluation.plaintext_fixtures import FIXTURES, PlainFixture
from streams.sources.jsonl import to_raw_article

#: Any fixed time: cleaning does not depend on it, RawArticle only requires one.
_WHEN = datetime(2020, 1, 1, 12, tzinfo=UTC)
_WORD = re.compile(r"\w+")
#: Shingle size of the upstream benchmark metric.
BENCHMARK_NGRAM = 4


# --- metrics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 in [0, 1]."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Overlap:
    """Word tokens of one prediction against its gold text: lengths and shared count."""

    predicted: int
    gold: int
    shared: int

    @property
    def scores(self) -> Scores:
        return _scores(self.shared, self.predicted, self.gold)


def tokens(text: str) -> list[str]:
    """Lowercased word tokens (runs of \\w)."""
    return _WORD.findall(text.lower())


def token_overlap(predicted: str, gold: str) -> Overlap:
    """Bag-of-tokens overlap with multiplicity: a token shared twice counts twice."""
    pred, true = Counter(tokens(predicted)), Counter(tokens(gold))
    return Overlap(
        predicted=sum(pred.values()), gold=sum(true.values()), shared=sum((pred & true).values())
    )


def _scores(shared: float, predicted: float, gold: float) -> Scores:
    # Nothing predicted and nothing to find is a perfect answer; one empty side scores zero.
    if predicted == 0 and gold == 0:
        return Scores(1.0, 1.0, 1.0)
    precision = shared / predicted if predicted else 0.0
    recall = shared / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def micro_scores(overlaps: Iterable[Overlap]) -> Scores:
    """Summed over pages: sum of shared tokens / sum of predicted (or gold) tokens."""
    items = list(overlaps)
    return _scores(
        sum(o.shared for o in items), sum(o.predicted for o in items), sum(o.gold for o in items)
    )


def macro_scores(overlaps: Iterable[Overlap]) -> Scores:
    """Mean over pages of per-page precision, recall and F1 (F1 is the mean of page F1s)."""
    per_page = [o.scores for o in overlaps]
    if not per_page:
        return Scores(0.0, 0.0, 0.0)
    return Scores(
        statistics.fmean(s.precision for s in per_page),
        statistics.fmean(s.recall for s in per_page),
        statistics.fmean(s.f1 for s in per_page),
    )


TpFpFn = tuple[float, float, float]


def shingle_match(predicted: str, gold: str, n: int = BENCHMARK_NGRAM) -> TpFpFn:
    """The upstream benchmark's per-page tp/fp/fn over n-gram shingles, normalised to sum 1.

    As upstream: tokens are case-sensitive \\w runs; a text shorter than n tokens is one shingle.
    """
    pred, true = _shingles(predicted, n), _shingles(gold, n)
    tp = float(sum((pred & true).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def benchmark_scores(matches: Sequence[TpFpFn]) -> Scores:
    """Upstream aggregation: mean page precision, mean page recall, F1 of the two means."""

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else tp / (tp + fn)

    ps = [precision(*m) for m in matches if m[0] + m[1] > 0]
    rs = [recall(*m) for m in matches if m[0] + m[2] > 0]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0)


# --- HTML: Scrapinghub layout ------------------------------------------------------------------


@dataclass(frozen=True)
class SystemScores:
    """One extractor's scores on a set of pages."""

    benchmark: Scores
    micro: Scores
    macro: Scores
    #: Pages with no text at all (for our stage: EmptyArticle raised).
    empty: int


@dataclass(frozen=True)
class HtmlReport:
    """Our clean stage against trafilatura called directly, on the same pages."""

    pages: int
    ours: SystemScores
    trafilatura: SystemScores
    #: Page ids with our token F1 and trafilatura's, worst-first by (ours - trafilatura).
    page_f1: tuple[tuple[str, float, float], ...] = ()


def load_scrapinghub(dataset_dir: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(page id, decoded HTML, gold articleBody) for the pages of the benchmark layout.

    ground-truth.json maps a page id to {"articleBody": ..., "url": ...}; html/<id>.html.gz is
    the page, gzip-compressed UTF-8 (per the benchmark's README). Sorted by id for stable runs.
    """
    truth: dict[str, Any] = orjson.loads((dataset_dir / "ground-truth.json").read_bytes())
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((dataset_dir / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, raw.decode("utf-8", "replace"), truth[page_id]["articleBody"]))
    return pages


def article_text(article: CleanArticle) -> str:
    """The story text of a cleaned article as a reader sees it: dateline, then paragraphs.

    The dateline is split into its own field but is still article text (the gold bodies keep
    "WASHINGTON (Reuters) -"), so it is scored with the paragraphs.
    """
    if article.dateline:
        return "\n\n".join([article.dateline, *article.paragraphs])
    return article.text


def clean_html_text(page_id: str, html: str) -> str:
    """Our stage's text for one page; empty when it raises EmptyArticle."""
    raw = RawArticle(
        id=page_id, source="eval", body=html, content_type="text/html", published_at=_WHEN
    )
    try:
        return article_text(clean_article(raw))
    except EmptyArticle:
        return ""


def trafilatura_text(html: str) -> str:
    """trafilatura.extract with its default settings; empty when it finds nothing."""
    return trafilatura.extract(html) or ""


def _system_scores(outputs: Sequence[str], golds: Sequence[str]) -> SystemScores:
    overlaps = [token_overlap(o, g) for o, g in zip(outputs, golds, strict=True)]
    return SystemScores(
        benchmark=benchmark_scores(
            [shingle_match(o, g) for o, g in zip(outputs, golds, strict=True)]
        ),
        micro=micro_scores(overlaps),
        macro=macro_scores(overlaps),
        empty=sum(1 for o in outputs if not o.strip()),
    )


def evaluate_html(dataset_dir: Path, limit: int | None = None) -> HtmlReport:
    """Score our clean stage and trafilatura (defaults) on the Scrapinghub-layout pages."""
    pages = load_scrapinghub(dataset_dir, limit)
    golds = [gold for _, _, gold in pages]
    ours = [clean_html_text(page_id, html) for page_id, html, _ in pages]
    theirs = [trafilatura_text(html) for _, html, _ in pages]
    page_f1 = sorted(
        (
            (page_id, token_overlap(o, g).scores.f1, token_overlap(t, g).scores.f1)
            for (page_id, _, g), o, t in zip(pages, ours, theirs, strict=True)
        ),
        key=lambda row: row[1] - row[2],
    )
    return HtmlReport(
        pages=len(pages),
        ours=_system_scores(ours, golds),
        trafilatura=_system_scores(theirs, golds),
        page_f1=tuple(page_f1),
    )


# --- plain text: the project's own labelled set -----------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?\"'”’)])\s+(?=[A-Z\"“‘(])")


@dataclass(frozen=True)
class PlainReport:
    """Residue lines removed and story sentences kept on the labelled plain-text set."""

    articles: int
    residue_lines: int
    residue_removed: int
    story_sentences: int
    story_kept: int
    #: Residue lines left, as (article name, kind, line).
    residue_left: tuple[tuple[str, str, str], ...] = ()
    #: Story sentences lost, as (article name, sentence).
    story_lost: tuple[tuple[str, str], ...] = ()
    #: Residue lines by kind: kind -> (lines, removed).
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def residue_removed_share(self) -> float:
        return self.residue_removed / self.residue_lines if self.residue_lines else 1.0

    @property
    def story_kept_share(self) -> float:
        return self.story_kept / self.story_sentences if self.story_sentences else 1.0


def _token_string(text: str) -> str:
    return " " + " ".join(tokens(text)) + " "


def score_fixture(fixture: PlainFixture, article: CleanArticle | None) -> PlainReport:
    """Compare one cleaned fixture with its labels.

    A story sentence is kept when its word sequence appears in the output (dateline included,
    since splitting a dateline off loses nothing). A residue line is removed when no output
    paragraph still holds it; an output paragraph equal to a story line is first set against
    that story line, so that a repeated paragraph (story once, residue the second time) is
    only counted as removed when the output holds it once.
    """
    paragraphs = [] if article is None else list(article.paragraphs)
    if article is not None and article.dateline:
        paragraphs.insert(0, article.dateline)
    out_text = _token_string(" ".join(paragraphs))
    left = Counter(match_key(p) for p in paragraphs)

    sentences = kept = 0
    lost: list[tuple[str, str]] = []
    for kind, line in fixture.lines:
        if kind != "story":
            continue
        key = match_key(line)
        if left[key] > 0:
            left[key] -= 1
        for sentence in _SENTENCE.split(line):
            sentences += 1
            if _token_string(sentence) in out_text:
                kept += 1
            else:
                lost.append((fixture.name, sentence))

    leftover = [_token_string(p) for p, n in left.items() for _ in range(n)]
    by_kind: dict[str, list[int]] = {}
    residue = removed = 0
    residue_left: list[tuple[str, str, str]] = []
    for kind, line in fixture.lines:
        if kind == "story":
            continue
        residue += 1
        counts = by_kind.setdefault(kind, [0, 0])
        counts[0] += 1
        needle = _token_string(line)
        hit = next((i for i, p in enumerate(leftover) if needle in p), None)
        if hit is None:
            removed += 1
            counts[1] += 1
        else:
            leftover.pop(hit)
            residue_left.append((fixture.name, kind, line))
    return PlainReport(
        articles=1,
        residue_lines=residue,
        residue_removed=removed,
        story_sentences=sentences,
        story_kept=kept,
        residue_left=tuple(residue_left),
        story_lost=tuple(lost),
        by_kind={k: (v[0], v[1]) for k, v in by_kind.items()},
    )


def fixture_article(fixture: PlainFixture) -> RawArticle:
    """The RawArticle a feed would deliver for a fixture: its lines one per line."""
    return RawArticle(
        id=fixture.name,
        source="fixtures",
        title=fixture.title,
        body="\n".join(line for _, line in fixture.lines),
        published_at=_WHEN,
    )


def evaluate_plaintext(fixtures: Sequence[PlainFixture] = FIXTURES) -> PlainReport:
    """Residue lines removed and story sentences kept over the labelled plain-text fixtures."""
    reports = []
    for fixture in fixtures:
        try:
            article: CleanArticle | None = clean_article(fixture_article(fixture))
        except EmptyArticle:
            article = None
        reports.append(score_fixture(fixture, article))
    by_kind: dict[str, tuple[int, int]] = {}
    for r in reports:
        for kind, (n, done) in r.by_kind.items():
            old = by_kind.get(kind, (0, 0))
            by_kind[kind] = (old[0] + n, old[1] + done)
    return PlainReport(
        articles=len(reports),
        residue_lines=sum(r.residue_lines for r in reports),
        residue_removed=sum(r.residue_removed for r in reports),
        story_sentences=sum(r.story_sentences for r in reports),
        story_kept=sum(r.story_kept for r in reports),
        residue_left=tuple(x for r in reports for x in r.residue_left),
        story_lost=tuple(x for r in reports for x in r.story_lost),
        by_kind=dict(sorted(by_kind.items())),
    )


# --- repeated paragraphs left in crawled text -------------------------------------------------


def has_repeat(paragraphs: Sequence[str]) -> bool:
    """True when a paragraph repeats or near-repeats an earlier one (the stage's own rule)."""
    _, exact, near = drop_repeats(paragraphs)
    return exact + near > 0


def read_documents(documents_jsonl: Path) -> list[RawArticle]:
    """gva-dev documents as the JSONL source maps them (doc layout); empty texts skipped."""
    articles = []
    with documents_jsonl.open("rb") as handle:
        for line in handle:
            if not line.strip():
                continue
            fields = to_raw_article(orjson.loads(line), {})
            if not (fields.get("body") or "").strip():
                continue
            articles.append(RawArticle.model_validate_json(orjson.dumps(fields), strict=False))
    return articles


def evaluate_repeats(documents_jsonl: Path) -> float:
    """Share of cleaned articles that still hold a repeated or near-repeated paragraph.

    Articles the stage rejects (EmptyArticle) and empty crawls are not in the denominator:
    they leave no text that could repeat.
    """
    cleaned = repeated = 0
    for raw in read_documents(documents_jsonl):
        try:
            article = clean_article(raw)
        except EmptyArticle:
            continue
        cleaned += 1
        repeated += has_repeat(
            [*([article.dateline] if article.dateline else []), *article.paragraphs]
        )
    return repeated / cleaned if cleaned else 0.0


# --- speed -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """Throughput of `clean_article` on one set of inputs, one process.

    `per_core` divides the items by the process's CPU time (time.process_time): what one core
    does, whatever else runs on the machine. `wall` divides by elapsed time, which other
    processes sharing the cores lower. Both are the best of `runs` passes.
    """

    label: str
    items: int
    mean_bytes: float
    per_core: float
    wall: float


@dataclass(frozen=True)
class SpeedReport:
    """Speed of the clean stage's core function (`clean_article`, no Kafka) per kind of input."""

    plain: tuple[Rate, ...] = ()
    html: Rate | None = None
    #: trafilatura.extract with defaults on the same pages, per core: the reference point.
    trafilatura_per_core: float | None = None
    runs: int = 3


def best_rates(work: Callable[[], int], runs: int = 3) -> tuple[float, float]:
    """(items per CPU second, items per wall second) of the fastest of `runs` passes."""
    best_cpu = best_wall = float("inf")
    items = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        items = work()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return (
        items / best_cpu if best_cpu > 0 else float("inf"),
        items / best_wall if best_wall > 0 else float("inf"),
    )


def _clean_all(articles: Sequence[RawArticle]) -> Callable[[], int]:
    def work() -> int:
        for raw in articles:
            with contextlib.suppress(EmptyArticle):
                clean_article(raw)
        return len(articles)

    return work


def measure_rate(label: str, articles: Sequence[RawArticle], runs: int = 3) -> Rate:
    """The Rate of `clean_article` over `articles` (the language model is loaded first)."""
    detect_language("warm up: the language model loads on first use, not in the timing")
    per_core, wall = best_rates(_clean_all(articles), runs)
    return Rate(
        label=label,
        items=len(articles),
        mean_bytes=statistics.fmean(len(a.body.encode()) for a in articles) if articles else 0.0,
        per_core=per_core,
        wall=wall,
    )


def plain_speed_articles(golds: Sequence[str], size: int = 4096) -> list[RawArticle]:
    """~`size`-byte plain-text articles: real news prose (gold bodies) with fixture residue.

    Each gold body is cut at a paragraph boundary near `size` bytes, and residue lines of a
    fixture are put around it the way crawls carry them (share bar on top, prompts and a
    repeated paragraph at the end), so every rule of the stage runs.
    """
    articles = []
    for i, gold in enumerate(golds):
        residue = [line for kind, line in FIXTURES[i % len(FIXTURES)].lines if kind != "story"]
        body: list[str] = residue[:2]
        for paragraph in gold.split("\n"):
            if paragraph.strip():
                body.append(paragraph)
            if len("\n".join(body).encode()) >= size - 300:
                break
        body.extend([*residue[2:], body[min(2, len(body) - 1)]])
        articles.append(RawArticle(id=f"s{i}", title="", body="\n".join(body), published_at=_WHEN))
    return articles


def measure_speed(
    dataset_dir: Path | None = None,
    runs: int = 3,
    documents: Sequence[RawArticle] = (),
) -> SpeedReport:
    """Speed of the core function on plain text and, given a Scrapinghub dataset, its HTML.

    Plain text: the Scrapinghub gold bodies cut near 4 KB with fixture residue around them
    (`plain_speed_articles`), and `documents` as they are (the gva-dev crawls); with neither,
    the fixtures. HTML: every page of the dataset, whole (~170 KB on average),
    with trafilatura.extract (defaults) on the same pages for reference.
    """
    pages = load_scrapinghub(dataset_dir) if dataset_dir is not None else []
    plain: list[Rate] = []
    if pages:
        golds = [gold for _, _, gold in pages]
        plain.append(measure_rate("gold bodies + residue", plain_speed_articles(golds), runs))
    if documents:
        plain.append(measure_rate("crawled texts (gva-dev)", documents, runs))
    if not plain:
        fixtures = ["\n".join(line for _, line in f.lines) for f in FIXTURES]
        plain.append(measure_rate("fixtures + residue", plain_speed_articles(fixtures), runs))
    if not pages:
        return SpeedReport(plain=tuple(plain), runs=runs)
    html = [
        RawArticle(id=pid, body=page, content_type="text/html", published_at=_WHEN)
        for pid, page, _ in pages
    ]

    def direct() -> int:
        for _, page, _ in pages:
            trafilatura.extract(page)
        return len(pages)

    return SpeedReport(
        plain=tuple(plain),
        html=measure_rate("Scrapinghub pages", html, runs),
        trafilatura_per_core=best_rates(direct, runs)[0],
        runs=runs,
    )


# --- report ------------------------------------------------------------------------------------


def _row(name: str, s: Scores) -> str:
    return f"  {name:<28} {s.precision:>9.3f} {s.recall:>9.3f} {s.f1:>9.3f}"


def _size(n_bytes: float) -> str:
    return f"{n_bytes / 1024:.1f} KB" if n_bytes < 10_240 else f"{n_bytes / 1024:.0f} KB"


def format_report(
    html: HtmlReport | None = None,
    plain: PlainReport | None = None,
    repeat_share: float | None = None,
    speed: SpeedReport | None = None,
) -> str:
    """A readable table of whichever measures were run."""
    out: list[str] = []
    if html is not None:
        out.append(f"HTML: {html.pages} pages (Scrapinghub layout), scored against articleBody")
        out.append(f"  {'':<28} {'precision':>9} {'recall':>9} {'F1':>9}")
        for label, system in (("ours", html.ours), ("trafilatura direct", html.trafilatura)):
            out.append(_row(f"{label}: benchmark *", system.benchmark))
            out.append(_row(f"{label}: token micro", system.micro))
            out.append(_row(f"{label}: token macro", system.macro))
            out.append(f"  {label + ': empty pages':<28} {system.empty:>9}")
        out.append(
            "  * headline: the upstream benchmark metric (4-gram shingles, per-page normalised,"
        )
        out.append("    mean precision and recall), the metric of trafilatura's published 0.958")
        delta = html.ours.benchmark.f1 - html.trafilatura.benchmark.f1
        out.append(f"  ours minus trafilatura (benchmark F1): {delta:+.3f}")
        out.append("")
    if plain is not None:
        out.append(f"Plain text: {plain.articles} labelled articles (plaintext_fixtures.py)")
        out.append(
            f"  residue lines removed   {plain.residue_removed:>4}/{plain.residue_lines:<4} "
            f"{plain.residue_removed_share:7.1%}"
        )
        out.append(
            f"  story sentences kept    {plain.story_kept:>4}/{plain.story_sentences:<4} "
            f"{plain.story_kept_share:7.1%}"
        )
        for kind, (n, done) in plain.by_kind.items():
            out.append(f"    {kind:<22} {done:>4}/{n:<4}")
        for name, kind, line in plain.residue_left:
            out.append(f"  residue left  [{name}] {kind}: {line[:70]}")
        for name, sentence in plain.story_lost:
            out.append(f"  story lost    [{name}] {sentence[:70]}")
        out.append("")
    if repeat_share is not None:
        out.append(
            f"Repeated paragraphs left after cleaning: {repeat_share:.2%} of articles (target < 1%)"
        )
        out.append("")
    if speed is not None:
        out.append(
            f"Speed of clean_article (the core function, no Kafka), best of {speed.runs}; "
            "per core = items / CPU seconds of this process, wall = items / elapsed seconds:"
        )
        targets = [("plain text", rate, 2000) for rate in speed.plain]
        if speed.html is not None:
            targets.append(("HTML", speed.html, 200))
        for kind, rate, target in targets:
            out.append(
                f"  {kind:<10} {rate.per_core:>7.0f}/s per core {rate.wall:>7.0f}/s wall  "
                f"(target >= {target:,} per core)  {rate.items} {rate.label}, "
                f"mean {_size(rate.mean_bytes)}"
            )
        if speed.trafilatura_per_core is not None:
            out.append(
                f"  trafilatura.extract (defaults), same pages: "
                f"{speed.trafilatura_per_core:.0f}/s per core"
            )
    return "\n".join(out).rstrip() + "\n"


def run_cleaning_eval(dataset: Path) -> str:
    """What `newsfold eval cleaning --dataset DIR` prints.

    DIR holding documents.jsonl (gva-dev layout): the repeated-paragraph share, and the speed
    on those crawled texts. Otherwise DIR is a Scrapinghub-layout folder: HTML scores, the
    plain-text set, and speed on its pages and on its gold bodies made into plain text.
    """
    documents = dataset / "documents.jsonl"
    if documents.exists():
        return format_report(
            repeat_share=evaluate_repeats(documents),
            speed=measure_speed(documents=read_documents(documents)),
        )
    return format_report(
        html=evaluate_html(dataset), plain=evaluate_plaintext(), speed=measure_speed(dataset)
    )
