"""`newsfold` commands: broker, worker, replay, tail, export, schemas, demo."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import orjson

from streams.settings import Settings, get_settings

DEMO_ARCHIVE = Path(__file__).resolve().parent / "data" / "demo.jsonl"


def _when(value: str | None) -> datetime | None:
    """Parse an ISO date or datetime from the command line; without a zone it is UTC."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date or datetime") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsfold")
def main() -> None:
    """newsfold: fold a firehose of news articles into de-duplicated incident records.

    Every command reads its settings from NEWSFOLD_* environment variables (see README.md);
    NEWSFOLD_BROKER names the Kafka bootstrap server, e.g. kafka://127.0.0.1:9092.
    """


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=0, show_default=True, help="Port; 0 picks a free one.")
def broker(host: str, port: int) -> None:
    """Run the embedded Kafka-compatible broker (Tansu, memory storage) until Ctrl-C/SIGTERM."""
    from streams.broker import BrokerError, start_broker

    try:
        running = start_broker(host=host, port=port)
    except BrokerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"broker ready: {running.url}")
    click.echo(f"  export NEWSFOLD_BROKER={running.url}")
    sys.stdout.flush()
    stop = {"now": False}

    def _stop(signum: int, frame: Any) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stop["now"] and running.process.poll() is None:
            time.sleep(0.2)
    finally:
        running.stop()
    if running.process.returncode not in (0, -signal.SIGTERM, None) and not stop["now"]:
        raise click.ClickException(f"broker exited with code {running.process.returncode}")
    click.echo("broker stopped")


@main.command()
@click.option("--loglevel", "-l", default=None, help="Log level (default NEWSFOLD_LOG_LEVEL).")
def worker(loglevel: str | None) -> None:
    """Run a newsfold worker: all stages, in the consumer group NEWSFOLD_APP_ID."""
    from faust.worker import Worker

    from streams.extract.gazetteer import gazetteer
    from streams.kafka import ensure_topics
    from streams.topology import app
    from streams.web import Health  # noqa: F401  (registers the HTTP API)

    settings = get_settings()
    # Load the gazetteer before joining the group: loading blocks the event loop (heartbeats
    # included) for ~1 s from the disk cache, ~8 s when it must be built.
    gazetteer()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(asyncio.wait_for(ensure_topics(settings), timeout=60))
    except Exception as exc:
        raise click.ClickException(
            f"cannot reach the broker at {settings.broker}: {exc.__class__.__name__}: {exc}"
        ) from exc
    Worker(
        app,
        loop=loop,
        loglevel=loglevel or settings.log_level,
        quiet=True,
        redirect_stdouts=False,
    ).execute_from_commandline()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--map",
    "field_map",
    multiple=True,
    metavar="FIELD=SOURCE",
    help="Rename a source field onto a RawArticle field, e.g. --map body=content.",
)
@click.option(
    "--published-at",
    default=None,
    help="published_at for a folder of .txt reports (ISO datetime; they carry none).",
)
@click.option("--since", default=None, help="Only articles published at or after (ISO).")
@click.option("--until", default=None, help="Only articles published before (ISO).")
@click.option("--rate", type=float, default=None, help="Articles per second (default: max).")
@click.option(
    "--sort",
    is_flag=True,
    help="Send in published_at order (reads the archives into memory first). Without it, "
    "lines go in file order and reports older than the watermark minus NEWSFOLD_RETENTION "
    "land in articles.late.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def replay(
    paths: tuple[Path, ...],
    field_map: tuple[str, ...],
    published_at: str | None,
    since: str | None,
    until: str | None,
    rate: float | None,
    sort: bool,
    quiet: bool,
) -> None:
    """Replay archives (JSONL files, or folders of .txt reports) into articles.raw.

    JSONL lines are RawArticle objects or the doc_id/dct/title/text layout; lines that are not
    articles are still sent, and the worker puts them in dead-letter with a reason.
    """
    from streams.replay import replay as run_replay
    from streams.sources import SourceError
    from streams.sources.reader import check_archive

    mapping = {}
    for item in field_map:
        new, sep, old = item.partition("=")
        if not sep or not new or not old:
            raise click.BadParameter(f"{item!r}: expected FIELD=SOURCE", param_hint="--map")
        mapping[new] = old
    try:
        for path in paths:
            check_archive(
                path,
                published_at=_when(published_at),
                max_record_bytes=get_settings().max_message_bytes,
            )
        result = asyncio.run(
            run_replay(
                get_settings(),
                paths,
                field_map=mapping,
                published_at=_when(published_at),
                since=_when(since),
                until=_when(until),
                rate=rate,
                progress=not quiet,
            )
        )
    except SourceError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot reach the broker: {exc}") from exc
    click.echo(
        f"sent {len(result.keys)} articles in {result.seconds:.1f}s"
        + (f", skipped {result.skipped} outside --since/--until" if result.skipped else ""),
        err=True,
    )


@main.command()
@click.argument("topic")
@click.option("--from-beginning/--from-end", default=True, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Raw JSON lines instead of readable lines.")
@click.option(
    "--follow/--no-follow",
    default=True,
    show_default=True,
    help="Keep waiting for new messages (Ctrl-C to stop).",
)
def tail(topic: str, from_beginning: bool, as_json: bool, follow: bool) -> None:
    """Print the messages of TOPIC (e.g. incidents, incidents.updates, dead-letter)."""
    from streams.kafka import TOPICS, read_topic
    from streams.show import readable

    if topic not in TOPICS:
        raise click.BadParameter(f"{topic!r} is not one of: {', '.join(TOPICS)}")
    settings = get_settings()

    async def run() -> None:
        async for record in read_topic(
            settings, settings.topic(topic), from_beginning=from_beginning, follow=follow
        ):
            line = (
                record.value.decode("utf-8", "replace")
                if as_json
                else readable(topic, record.value)
            )
            click.echo(line)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


@main.group()
def export() -> None:
    """Write results to files."""


@export.command("incidents")
@click.option("--out", type=click.Path(path_type=Path), required=True)
def export_incidents(out: Path) -> None:
    """The latest version of every incident, one JSON line each (with its article ids)."""
    incidents = asyncio.run(_latest_incidents(get_settings()))
    with out.open("wb") as handle:
        for incident in sorted(incidents.values(), key=lambda i: i.id):
            handle.write(orjson.dumps(incident.model_dump(mode="json")) + b"\n")
    click.echo(f"wrote {len(incidents)} incidents to {out}", err=True)


@export.command("assignments")
@click.option("--out", type=click.Path(path_type=Path), required=True)
def export_assignments(out: Path) -> None:
    """One line per article: {"doc_id": ..., "incident_id": ...}."""
    from streams.outcomes import Outcomes

    outcomes = Outcomes(incidents=asyncio.run(_latest_incidents(get_settings())))
    assignments = outcomes.assignments()
    with out.open("wb") as handle:
        for doc_id, incident_id in sorted(assignments.items()):
            handle.write(orjson.dumps({"doc_id": doc_id, "incident_id": incident_id}) + b"\n")
    click.echo(f"wrote {len(assignments)} assignments to {out}", err=True)


async def _latest_incidents(settings: Settings) -> dict[str, Any]:
    from schemas.incidents import Incident
    from schemas.wire import decode
    from streams.kafka import read_topic

    latest: dict[str, Incident] = {}
    async for record in read_topic(settings, settings.topic("incidents")):
        incident = decode(Incident, record.value)
        known = latest.get(incident.id)
        if known is None or incident.version >= known.version:
            latest[incident.id] = incident
    return latest


@main.command()
@click.option(
    "--out", type=click.Path(path_type=Path), default=Path("schemas/json"), show_default=True
)
def schemas(out: Path) -> None:
    """Write one JSON Schema per topic into OUT."""
    from schemas.export import write_json_schemas

    for path in write_json_schemas(out):
        click.echo(str(path))


@main.command()
@click.option(
    "--archive",
    type=click.Path(path_type=Path),
    default=DEMO_ARCHIVE,
    show_default="the shipped sample archive",
)
@click.option("--published-at", default=None, help="For a folder of .txt reports.")
@click.option("--timeout", default=300.0, show_default=True, help="Seconds to wait for idle.")
def demo(archive: Path, published_at: str | None, timeout: float) -> None:
    """Start a broker and a worker, replay ARCHIVE, print the incidents, stop everything."""
    from streams.demo import run_demo

    code = run_demo(archive, published_at=_when(published_at), timeout=timeout)
    if code:
        sys.exit(code)


@main.command()
@click.option("--articles", type=int, default=10_000, show_default=True)
@click.option("--incidents", type=int, default=None, help="Default: articles / 5.")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--html-share", type=float, default=0.0, show_default=True)
@click.option("--days", type=float, default=10.0, show_default=True, help="Event-time span.")
@click.option(
    "--places",
    type=click.Choice(["gazetteer", "curated"]),
    default="gazetteer",
    show_default=True,
    help="GeoNames towns drawn by size, or the generator's short list of about 140 towns.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def generate(
    articles: int,
    incidents: int | None,
    seed: int,
    html_share: float,
    days: float,
    places: str,
    out: Path,
) -> None:
    """Write a seeded synthetic archive (copies, residue, conflicting figures, late reports)."""
    from streams.bench import generate_archive

    incidents = incidents or max(1, articles // 5)
    try:
        generate_archive(out, articles, incidents, seed, html_share, days, places=places)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(f"wrote {articles} articles ({incidents} incidents) to {out}", err=True)


@main.command()
@click.option("--articles", type=int, default=3000, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--html-share", type=float, default=0.0, show_default=True)
@click.option("--rate", type=float, default=100.0, show_default=True, help="Offered rate, /s.")
@click.option("--latency-seconds", type=float, default=25.0, show_default=True)
@click.option("--days", type=float, default=10.0, show_default=True, help="Event-time span.")
@click.option("--seed", type=int, default=11, show_default=True)
@click.option("--core-only", is_flag=True, help="Only the pure stages; no broker, no workers.")
@click.option("--timeout", type=float, default=600.0, show_default=True)
@click.option(
    "--profile",
    "profile_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write core.prof and core.txt (cProfile) here; py-spy profiles of workers if installed.",
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def bench(
    articles: int,
    workers: int,
    html_share: float,
    rate: float,
    latency_seconds: float,
    days: float,
    seed: int,
    core_only: bool,
    timeout: float,
    profile_dir: Path | None,
    json_path: Path | None,
) -> None:
    """Throughput, latency percentiles, peak memory and per-stage time of the whole pipeline."""
    from streams.bench import format_report, run_bench
    from streams.broker import BrokerError

    try:
        report = run_bench(
            articles=articles,
            workers=workers,
            html_share=html_share,
            rate=rate,
            latency_seconds=latency_seconds,
            days=days,
            seed=seed,
            streaming=not core_only,
            timeout=timeout,
            profile_dir=profile_dir,
            json_path=json_path,
        )
    except (BrokerError, RuntimeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_report(report))


@main.command()
@click.option("--articles", type=int, default=200_000, show_default=True)
@click.option("--days", type=float, default=60.0, show_default=True, help="Event-time span.")
@click.option("--incidents", type=int, default=None, help="Default: articles / 5.")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--every", type=int, default=10_000, show_default=True, help="Sample period.")
@click.option(
    "--processes",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="2: clean and extract in a second process, the fold (all the state) in this one.",
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def soak(
    articles: int,
    days: float,
    incidents: int | None,
    seed: int,
    every: int,
    processes: int,
    json_path: Path | None,
) -> None:
    """Stream a long generated archive through the core and sample the hot state as it goes:
    open and retained incidents, dedup index, folded ids, RSS. Bounded state is flat over the
    second half (invariant 6)."""
    from streams.soak import HEADER, format_sample, growth, soak, to_json
    from streams.sources.synthetic import ArchiveSpec

    spec = ArchiveSpec(
        articles=articles, incidents=incidents or max(1, articles // 5), seed=seed, days=days
    )
    click.echo(f"soak: {articles:,} articles over {days:g} days of event time, seed {seed}")
    click.echo(HEADER + (f" {'front MB':>8}" if processes == 2 else ""))
    samples = []
    try:
        for sample in soak(spec, every, processes=processes):
            samples.append(sample)
            click.echo(format_sample(sample))
    except KeyboardInterrupt:
        # A long soak stopped by hand still says what it saw, over the samples it took.
        done = samples[-1].articles if samples else 0
        click.echo(f"stopped by Ctrl-C after the sample at {done:,} of {articles:,} articles")
    for field in ("open_incidents", "archived_incidents", "dedup_entries", "folded_ids", "rss_mb"):
        ratio = growth(samples, field)
        shown = "-" if ratio is None else f"{ratio:.2f}×"
        click.echo(f"  {field}: last sample / half-way sample = {shown}")
    if json_path is not None:
        json_path.write_bytes(to_json(spec, samples))
        click.echo(f"samples written to {json_path}")


@main.group(name="eval")
def evaluate() -> None:
    """Measure quality on labelled data (see ../shared/data/README.md)."""


@evaluate.command("cleaning")
@click.option(
    "--dataset",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="Scrapinghub-layout folder (HTML pages + gold bodies), or a folder holding a "
    "documents.jsonl (gva-dev layout) for the repeated-paragraph share.",
)
def eval_cleaning(dataset: Path) -> None:
    """Cleaning: token P/R/F1 against gold bodies and trafilatura direct, residue, speed."""
    from streams.evaluation.cleaning import run_cleaning_eval

    click.echo(run_cleaning_eval(dataset), nl=False)


@evaluate.command("extraction")
@click.option(
    "--dataset",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="gva-dev layout folder: documents.jsonl and incidents.jsonl.",
)
@click.option("--limit", type=int, default=None, help="Use only the first N documents.")
@click.option("--misses", default=0, show_default=True, help="Print N example misses.")
@click.option(
    "--misses-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write every incident that misses a measure here, one JSON line each.",
)
def eval_extraction(
    dataset: Path, limit: int | None, misses: int, misses_file: Path | None
) -> None:
    """Facts: killed, injured, state, city and event date against gold, per article and
    per incident, and the speed of the extract stage."""
    from streams.evaluation.extraction import evaluate as run
    from streams.evaluation.extraction import format_report

    report = run(dataset, limit=limit, misses_file=misses_file)
    click.echo(format_report(report, show_misses=misses))


@evaluate.command("duplicates")
@click.option(
    "--dataset",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="gva-dev documents.jsonl: copies are generated from its texts.",
)
@click.option("--seed", default=1, show_default=True, help="Seed of the generated copies.")
@click.option("--limit", type=int, default=None, help="Use only the first N articles.")
def eval_duplicates(dataset: Path, seed: int, limit: int | None) -> None:
    """Copies: precision/recall on generated copies, false duplicates, speed, bytes/article."""
    from streams.evaluation.duplicates import evaluate as run
    from streams.evaluation.duplicates import format_report

    click.echo(format_report(run(dataset, seed=seed, limit=limit)))


@evaluate.command("merge")
@click.option(
    "--dataset",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Labelled JSONL: doc_id, incident_id, dct, title, text.",
)
@click.option("--workers", default=1, show_default=True)
@click.option(
    "--partitions", type=int, default=None, help="Topic partitions (default NEWSFOLD_PARTITIONS)."
)
def eval_merge(dataset: Path, workers: int, partitions: int | None) -> None:
    """Incident merging: B-cubed and pairwise P/R/F1 through the real topology, with baselines."""
    from streams.evaluation.merge import evaluate as run
    from streams.evaluation.merge import format_report

    partitions = partitions or get_settings().partitions
    click.echo(format_report(run(dataset, workers=workers, partitions=partitions)))


if __name__ == "__main__":
    main()
