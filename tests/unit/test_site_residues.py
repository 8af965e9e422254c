"""Site residue kept line by line: a state rebuilt from the table equals the one kept in memory."""

from __future__ import annotations

from streams.clean.site_residue import MAX_LINES, LineSeen, SiteResidue, observe
from streams.site_residues import SiteResidues

SITE = "example.com@0"


def _article(n: int) -> list[str]:
    # Two footer lines every story shares, and lines of its own: enough over the stories to
    # pass MAX_LINES and make observe trim.
    own = [f"Story {n} line {i} about something else." for i in range(12)]
    return ["Subscribe to our newsletter", "Copyright Example Media", *own]


def _run(store: SiteResidues, articles: range) -> None:
    for n in articles:
        before = store.get(SITE)
        after = observe(before or SiteResidue(), f"a{n}", _article(n))
        if after is not before:
            store.put(SITE, before, after)


def test_a_state_rebuilt_from_the_table_equals_the_one_in_memory_and_evolves_alike() -> None:
    table: dict[str, LineSeen] = {}
    kept = SiteResidues(table)
    _run(kept, range(260))  # 260 stories x 12 own lines: trims happen
    state = kept.get(SITE)
    assert state is not None
    assert len(state.lines) <= MAX_LINES + MAX_LINES // 4
    assert len(table) == len(state.lines) + 1  # every line and the clock; trimmed ones deleted

    rebuilt = SiteResidues(dict(table))
    assert rebuilt.get(SITE) == state

    _run(kept, range(260, 400))
    _run(rebuilt, range(260, 400))
    assert rebuilt.get(SITE) == kept.get(SITE)
    assert rebuilt.table == kept.table


def test_only_changed_lines_are_written() -> None:
    writes: list[str] = []

    class Recording(dict[str, LineSeen]):
        def __setitem__(self, key: str, value: LineSeen) -> None:
            writes.append(key)
            super().__setitem__(key, value)

    store = SiteResidues(Recording())
    _run(store, range(3))
    writes.clear()
    _run(store, range(3, 4))  # one more story: its 12 lines, the 2 footers, the clock
    assert len(writes) == 12 + 2 + 1
    assert store.get("other.org@0") is None


def test_learned_lines_kept_up_to_date_equal_learned_residue() -> None:
    # SiteResidues.learned keeps each site's learned set up to date from the lines `put` sees
    # change (trims included): always what learned_residue computes from the whole state.
    from streams.clean.site_residue import learned_residue

    kept = SiteResidues({})
    for n in range(400):
        before = kept.get(SITE)
        if before is not None:
            assert kept.learned(SITE) == learned_residue(before)
        after = observe(before or SiteResidue(), f"a{n}", _article(n))
        if after is not before:
            kept.put(SITE, before, after)
    state = kept.get(SITE)
    assert state is not None and kept.learned(SITE) == learned_residue(state)
    assert kept.learned(SITE)  # the two shared footer lines
    assert kept.learned("other@0") is None
