"""`newsfold demo`: broker, worker, replay, wait for every article's outcome, print, stop."""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import datetime
from pathlib import Path

from streams.broker import BrokerError
from streams.local import local_pipeline
from streams.outcomes import Outcomes, collect_outcomes
from streams.replay import replay
from streams.show import incident_place


def print_incidents(outcomes: Outcomes) -> None:
    """A readable table of incidents and where every article went."""
    rows = sorted(
        (i for i in outcomes.incidents.values() if not i.merged_into),
        key=lambda i: (i.event_date or i.first_published_at.date(), i.id),
    )
    header = f"{'date':10}  {'type':9}  {'place':28}  {'rep':>3}  {'src':>3}  title"
    print(header)
    print("-" * len(header))
    for i in rows:
        print(
            f"{str(i.event_date or '?'):10}  {i.event_type:9}  {incident_place(i)[:28]:28}  "
            f"{len(i.articles):>3}  {i.independent_sources:>3}  {i.title[:60]}"
        )
    print()
    print(
        f"{len(rows)} incidents; {len(outcomes.duplicates)} duplicates; "
        f"{len(outcomes.late)} late; {len(outcomes.dead_letters)} in dead-letter"
    )
    for key, letter in sorted(outcomes.dead_letters.items()):
        print(f"  dead-letter {key}: [{letter.stage}] {letter.reason[:110]}")


def run_demo(archive: Path, *, published_at: datetime | None = None, timeout: float = 300) -> int:
    """Run the whole pipeline on `archive` and print the result; returns an exit code."""
    started = time.monotonic()
    try:
        with local_pipeline() as pipeline:
            print(f"broker {pipeline.settings.broker}; logs in {pipeline.workdir}", file=sys.stderr)
            result = asyncio.run(replay(pipeline.settings, [archive], published_at=published_at))
            print(
                f"replayed {len(result.keys)} messages; waiting for every outcome", file=sys.stderr
            )
            outcomes = asyncio.run(
                collect_outcomes(pipeline.settings, result.keys, timeout=timeout)
            )
    except BrokerError as exc:
        print(f"newsfold demo: {exc}", file=sys.stderr)
        return 1
    missing = outcomes.unaccounted(result.keys)
    print()
    print_incidents(outcomes)
    print(f"\ndone in {time.monotonic() - started:.1f}s")
    if missing:
        print(f"{len(missing)} articles have no outcome: {missing[:5]}", file=sys.stderr)
        return 2
    return 0
