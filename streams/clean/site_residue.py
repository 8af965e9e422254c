"""Learning a source's own residue: short lines that recur across many of its stories.

Footers, navigation and newsletter prompts that no line rule knows are still recognisable by
repetition: the same line in story after story of one source. `SiteResidue` is the per-source
state (a faust table value keyed by source); `observe` folds one cleaned article into it and
`learned_residue` gives the fingerprints the clean stage then removes (residue kind
"site_residue").

A line is learned only when it appears in at least `min_stories` *different* stories of the
source (distinct article ids). Two stories quoting the same statement share a sentence twice,
not five times, so quotes stay. Limitations: a sentence a source really does repeat in many
stories (a standing background paragraph: "The group has claimed 40 attacks since 2014.") is
learned if it is short; only lines of at most MAX_LINE_CHARS are observed, which keeps long
background paragraphs out. Syndicated copies of one story under different ids count as
different stories. Nothing is ever unlearned while it keeps its count (see the bound below).

A redelivered article is cleaned as it was the first time (`residue_for`), not with what the
source taught since: every stage is idempotent by article id. Without that, a report delivered
again after a crash or a rebalance lost lines learned in between, its places and so its region
key changed, and it reached another fold partition, which counted it a second time (63 of
10,000 generated articles changed region when cleaned again at the end of a replay; the
rebalance test saw several come out both in an incident and late).

Bound: at most MAX_LINES fingerprints are kept (plus a slack of MAX_LINES // 4 before a trim),
each with at most MAX_STORIES_PER_LINE story ids (beyond that the line is learned anyway, so
more ids add nothing). A trim drops the entries seen in the fewest stories, least recently
seen first: frequent lines stay, and new lines compete among themselves like an LRU.
`trim_sources` applies the same order over several sources at once (one partition's), which
bounds the memory over sources too: a feed of thousands of sources is mostly one-off story lines
of sources seen once in a while, and those go first. For that, the shell observes every source
of a partition on one clock (`observe(..., tick=)`), so last_seen compares across sources.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import Field

from schemas.base import Model
from streams.clean.normalise import match_key

MAX_LINES = 2_000
MAX_STORIES_PER_LINE = 16
#: Longer paragraphs are prose: footers and prompts are short.
MAX_LINE_CHARS = 240
DEFAULT_MIN_STORIES = 5


def fingerprint(line: str) -> str:
    """Hex digest of a line's match key: copies differing only in case, quotes or spaces match."""
    return hashlib.blake2b(match_key(line).encode(), digest_size=8).hexdigest()


class LineSeen(Model):
    """Stories one line fingerprint was seen in, and when it was last seen (observe count)."""

    stories: tuple[str, ...]
    last_seen: int


class SiteResidue(Model):
    """Per-source line statistics: fingerprint -> distinct stories it appeared in."""

    lines: dict[str, LineSeen] = Field(default_factory=dict)
    #: Number of observe() calls that changed the state: the clock of last_seen.
    tick: int = 0


def observe(
    state: SiteResidue, article_id: str, lines: Sequence[str], tick: int | None = None
) -> SiteResidue:
    """Return the state with one article's short lines counted (the input is not changed).

    `tick` is this observation's clock value, after `state.tick` (default: the next one);
    sources that are trimmed together share one clock. Idempotent for a redelivered article:
    an id already recorded for a line is not counted again, and when nothing changes the same
    state is returned.
    """
    if tick is None:
        tick = state.tick + 1
    elif tick <= state.tick:
        raise ValueError(f"tick {tick} is not after the state's clock {state.tick}")
    updated = dict(state.lines)
    changed = False
    for line in lines:
        if len(line) > MAX_LINE_CHARS or not line.strip():
            continue
        key = fingerprint(line)
        seen = updated.get(key)
        if seen is None:
            updated[key] = LineSeen(stories=(article_id,), last_seen=tick)
        elif article_id in seen.stories:
            continue
        else:
            stories = seen.stories
            if len(stories) < MAX_STORIES_PER_LINE:
                stories = (*stories, article_id)
            updated[key] = LineSeen(stories=stories, last_seen=tick)
        changed = True
    if not changed:
        return state
    if len(updated) > MAX_LINES + MAX_LINES // 4:
        # The fingerprint breaks ties, so the trim does not depend on the dict's order (the
        # shell rebuilds the state from a table after a restart: streams/site_residues.py).
        keep = sorted(
            updated.items(),
            key=lambda kv: (len(kv[1].stories), kv[1].last_seen, kv[0]),
            reverse=True,
        )[:MAX_LINES]
        updated = dict(keep)
    return SiteResidue(lines=updated, tick=tick)


def trim_sources(states: Mapping[str, SiteResidue], max_lines: int) -> dict[str, SiteResidue]:
    """Keep at most `max_lines` lines over all of `states` (source -> state, observed on one
    clock), in the order a source's own trim keeps them: seen in the most stories first, then
    the most recently seen. Returns the sources whose state changed, with their new state (no
    lines left: an empty state at the same clock); the others keep theirs.
    """
    total = sum(len(state.lines) for state in states.values())
    if total <= max_lines:
        return {}
    ranked = sorted(
        (
            (len(seen.stories), seen.last_seen, source, key)
            for source, state in states.items()
            for key, seen in state.lines.items()
        ),
        reverse=True,
    )
    dropped: dict[str, set[str]] = {}
    for _, _, source, key in ranked[max_lines:]:
        dropped.setdefault(source, set()).add(key)
    return {
        source: SiteResidue(
            lines={k: v for k, v in states[source].lines.items() if k not in keys},
            tick=states[source].tick,
        )
        for source, keys in dropped.items()
    }


def learned_residue(state: SiteResidue, min_stories: int = DEFAULT_MIN_STORIES) -> frozenset[str]:
    """Fingerprints of lines seen in at least `min_stories` different stories of the source."""
    if min_stories < 2:
        raise ValueError(
            f"min_stories={min_stories}: a line must recur across at least 2 stories to be "
            "residue, and more than a shared quote (use 5 or more)"
        )
    # A list, not a generator: this reads a source's ~2,000 lines per article (1.3 s of the
    # clean stage's 8.7 s cProfile over 3,000 articles), and resuming a generator per line
    # cost more than the test itself.
    return frozenset([k for k, seen in state.lines.items() if len(seen.stories) >= min_stories])


@dataclass(frozen=True, slots=True)
class ResidueFor:
    """The learned residue as one article's first cleaning saw it: a container of fingerprints
    for `clean_text`'s `site_residue`.

    A line its first cleaning kept lists the article among its stories (the clean stage records
    what it keeps), and the line was not residue then, even if it is now. A line learned before
    has no such entry (removed lines are not recorded) and stays residue. For an article seen
    for the first time, this is `learned` itself. Not exact in two rare cases: a line whose
    entry was trimmed and learned again since, and a first paragraph whose dateline was split
    off after the check (recorded under the shorter line's fingerprint).
    """

    learned: frozenset[str]
    lines: Mapping[str, LineSeen]
    article_id: str

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or key not in self.learned:
            return False
        seen = self.lines.get(key)
        return seen is None or self.article_id not in seen.stories

    def __bool__(self) -> bool:
        return bool(self.learned)


def residue_for(
    state: SiteResidue, article_id: str, min_stories: int = DEFAULT_MIN_STORIES
) -> ResidueFor:
    """`learned_residue` as `article_id` was first cleaned with it (see ResidueFor)."""
    return ResidueFor(learned_residue(state, min_stories), state.lines, article_id)
