"""The clean stage's memory of each source's residue lines, kept line by line in a table.

The shell half of site-residue learning (the pure half is streams/clean/site_residue.py), shared
by the worker (a faust table) and the core bench (a dict). A source's SiteResidue holds up to
~2,500 line fingerprints with their story ids (35 KB on average, measured); written whole after
every article, it cost an encode and a changelog record of that size per article, and a restarted
worker re-read all of them (the embedded broker does not compact): 3 minutes of restore after
5,000 articles. So the table holds one small value per line (key "site|fingerprint") plus the
site's observe clock (key "site|~tick"), only changed lines are written, and the whole
SiteResidue lives in memory, rebuilt from the table when a site is first seen after an
assignment. Rebuilt or kept, it is the same value: cleaning stays deterministic across crashes.

A site is a source within one partition ("source@partition", `site_key`): the clean stage is
co-partitioned with its input, so a replay sees each partition's articles in the same order and
learns the same lines. The sites of one partition share one observe clock (the highest tick
among them), and together hold at most `max_lines_per_partition` lines (`trim_sources`, run
when the slack of a quarter is used up): the per-site bound alone let a feed of thousands of
sources grow without end (measured: 215,610 lines over 4,206 sources after 30,000 generated
articles, ~860 bytes each). The clock and the trim depend only on the partition's own
articles, so cleaning stays deterministic.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field

from streams.clean.site_residue import (
    DEFAULT_MIN_STORIES,
    LineSeen,
    ResidueFor,
    SiteResidue,
    learned_residue,
    observe,
    trim_sources,
)

TICK = "~tick"
#: Default bound over all sources of a partition (~860 bytes a line with one story id).
MAX_LINES_PER_PARTITION = 25_000


def site_key(source: str, partition: int) -> str:
    """The key of a source's residue state within one partition."""
    return f"{source}@{partition}"


def _partition_of(site: str) -> str:
    return site.rpartition("@")[2]


@dataclass
class SiteResidues:
    """Per-site residue state: in memory, written to `table` line by line."""

    table: MutableMapping[str, LineSeen]
    max_lines_per_partition: int = MAX_LINES_PER_PARTITION
    known: dict[str, SiteResidue] = field(default_factory=dict)
    #: Whether `known` holds every site of the table (false again after a rebalance).
    loaded: bool = False
    #: Per site, the state `known` holds and its `learned_residue`, kept up to date by `put`
    #: from the lines that changed. Why: `learned_residue` reads all of a source's ~2,000
    #: lines for every article (measured: clean 1,041 -> 863 µs CPU per article, core bench
    #: over 3,000 articles).
    learned_lines: dict[str, tuple[SiteResidue, frozenset[str]]] = field(default_factory=dict)
    #: Per partition: the shared observe clock and the lines held over its sites.
    clocks: dict[str, int] = field(default_factory=dict)
    line_counts: dict[str, int] = field(default_factory=dict)

    def record(self, site: str, article_id: str, lines: Sequence[str]) -> None:
        """Count one cleaned article's lines into the site's state (on its partition's clock)."""
        before = self.get(site)
        tick = self.clocks.get(_partition_of(site), 0) + 1
        after = observe(before or SiteResidue(), article_id, lines, tick=tick)
        if after is not before:
            self.put(site, before, after)

    def residue_for(self, site: str, article_id: str) -> ResidueFor | None:
        """What the clean stage removes from `article_id` as the site's learned residue: as its
        first cleaning did, when it is delivered again (None for a site never seen)."""
        learned = self.learned(site)
        if learned is None:
            return None
        return ResidueFor(learned, self.known[site].lines, article_id)

    def learned(self, site: str) -> frozenset[str] | None:
        """`learned_residue` of the site's state (None for a site never seen)."""
        state = self.get(site)
        if state is None:
            return None
        kept = self.learned_lines.get(site)
        if kept is not None and kept[0] is state:
            return kept[1]
        found = learned_residue(state)
        self.learned_lines[site] = (state, found)
        return found

    def get(self, site: str) -> SiteResidue | None:
        """The site's residue state, None for a site never seen."""
        if not self.loaded:
            self._load()
        return self.known.get(site)

    def put(self, site: str, before: SiteResidue | None, after: SiteResidue) -> None:
        """Record the site's new state: write the lines that changed, delete the dropped ones;
        then trim the partition's sites if they hold too many lines."""
        self._write(site, before, after)
        partition = _partition_of(site)
        self.clocks[partition] = max(self.clocks.get(partition, 0), after.tick)
        if self.line_counts.get(partition, 0) > self.max_lines_per_partition * 5 // 4:
            self._trim(partition)

    def _trim(self, partition: str) -> None:
        sites = {s: state for s, state in self.known.items() if _partition_of(s) == partition}
        for site, trimmed in trim_sources(sites, self.max_lines_per_partition).items():
            self._write(site, sites[site], trimmed)
            if not trimmed.lines:  # the partition's clock lives on in its other sites' ticks
                del self.known[site]
                self.learned_lines.pop(site, None)
                self.table.pop(f"{site}|{TICK}", None)

    def _write(self, site: str, before: SiteResidue | None, after: SiteResidue) -> None:
        self.known[site] = after
        old = before.lines if before is not None else {}
        partition = _partition_of(site)
        self.line_counts[partition] = (
            self.line_counts.get(partition, 0) + len(after.lines) - len(old)
        )
        kept = self.learned_lines.pop(site, None)
        # Whether a line is learned depends on that line alone: the lines that changed are
        # all that can change the learned set.
        learned = set(kept[1]) if kept is not None and kept[0] is before else None
        for key, seen in after.lines.items():
            # `observe` keeps an unchanged line as the same value: the identity test spares
            # ~200 pydantic __eq__ calls per article (1.4 s of the 68 s core cProfile).
            before_line = old.get(key)
            if before_line is not seen and before_line != seen:
                self.table[f"{site}|{key}"] = seen
                if learned is not None:
                    if len(seen.stories) >= DEFAULT_MIN_STORIES:
                        learned.add(key)
                    else:
                        learned.discard(key)
        for key in old.keys() - after.lines.keys():
            self.table.pop(f"{site}|{key}", None)
            if learned is not None:
                learned.discard(key)
        if before is None or before.tick != after.tick:
            self.table[f"{site}|{TICK}"] = LineSeen(stories=(), last_seen=after.tick)
        if learned is not None:
            self.learned_lines[site] = (after, frozenset(learned))

    def forget(self) -> None:
        """Partitions moved: rebuild from the table on next use."""
        self.known.clear()
        self.learned_lines.clear()
        self.clocks.clear()
        self.line_counts.clear()
        self.loaded = False

    def _load(self) -> None:
        lines: dict[str, dict[str, LineSeen]] = {}
        ticks: dict[str, int] = {}
        for name, seen in self.table.items():
            site, _, key = name.rpartition("|")
            if key == TICK:
                ticks[site] = seen.last_seen
            else:
                lines.setdefault(site, {})[key] = seen
        self.known = {
            site: SiteResidue(lines=found, tick=ticks.get(site, 0)) for site, found in lines.items()
        }
        for site, state in self.known.items():
            partition = _partition_of(site)
            self.clocks[partition] = max(self.clocks.get(partition, 0), state.tick)
            self.line_counts[partition] = self.line_counts.get(partition, 0) + len(state.lines)
        self.loaded = True
