"""Site residue kept line by line: a state rebuilt from the table equals the one kept in memory."""

from __future__ import annotations

from streams.clean.site_residue import MAX_LINES, LineSeen, fingerprint, learned_residue
from streams.site_residues import SiteResidues, site_key

SITE = "example.com@0"


def _article(n: int) -> list[str]:
    # Two footer lines every story shares, and lines of its own: enough over the stories to
    # pass MAX_LINES and make observe trim.
    own = [f"Story {n} line {i} about something else." for i in range(12)]
    return ["Subscribe to our newsletter", "Copyright Example Media", *own]


def _run(store: SiteResidues, articles: range) -> None:
    for n in articles:
        store.record(SITE, f"a{n}", _article(n))


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
    kept = SiteResidues({})
    for n in range(400):
        before = kept.get(SITE)
        if before is not None:
            assert kept.learned(SITE) == learned_residue(before)
        kept.record(SITE, f"a{n}", _article(n))
    state = kept.get(SITE)
    assert state is not None and kept.learned(SITE) == learned_residue(state)
    assert kept.learned(SITE)  # the two shared footer lines
    assert kept.learned("other@0") is None


FOOTER = "Subscribe to our newsletter"


def _many_sources(store: SiteResidues, partition: int, articles: range) -> None:
    """One big source with a footer in every story, and a new small source every article
    (three one-off lines each): the shape of a feed of thousands of sources."""
    for n in articles:
        store.record(site_key("big.example", partition), f"b{n}", [FOOTER, f"Big story {n}."])
        store.record(
            site_key(f"small{n}.example", partition),
            f"s{n}",
            [f"Small story {n}, line {i}." for i in range(3)],
        )


def test_the_sources_of_a_partition_hold_a_bounded_number_of_lines_and_keep_their_footers() -> None:
    table: dict[str, LineSeen] = {}
    store = SiteResidues(table, max_lines_per_partition=400)
    _many_sources(store, 0, range(1_000))
    held = sum(len(state.lines) for state in store.known.values())
    assert held <= 400 * 5 // 4  # 5,000 lines were seen: without the bound all stay
    assert len(store.known) < 1_000  # small sources whose lines all went are forgotten
    assert fingerprint(FOOTER) in (store.learned(site_key("big.example", 0)) or ())
    # The most recent one-off lines stay, the oldest went: the bound is an LRU among them.
    assert store.get(site_key("small999.example", 0)) is not None
    assert store.get(site_key("small0.example", 0)) is None
    # The table holds exactly what memory holds: each line and a clock per source.
    assert len(table) == held + len(store.known)


def test_a_bounded_store_rebuilt_from_its_table_evolves_like_the_one_kept_in_memory() -> None:
    table: dict[str, LineSeen] = {}
    kept = SiteResidues(table, max_lines_per_partition=400)
    _many_sources(kept, 0, range(300))
    rebuilt = SiteResidues(dict(table), max_lines_per_partition=400)
    _many_sources(kept, 0, range(300, 700))
    _many_sources(rebuilt, 0, range(300, 700))
    assert rebuilt.known == kept.known
    assert rebuilt.table == kept.table


def test_the_bound_holds_per_partition() -> None:
    store = SiteResidues({}, max_lines_per_partition=400)
    _many_sources(store, 0, range(300))
    store.record(site_key("quiet.example", 1), "q1", ["A line of the other partition."])
    _many_sources(store, 0, range(300, 600))
    # Partition 0's trims never touch partition 1, however old its only line is.
    assert store.get(site_key("quiet.example", 1)) is not None


def test_residue_for_a_redelivered_article_is_what_its_first_cleaning_removed() -> None:
    store = SiteResidues({})
    _run(store, range(5))  # a0..a4 kept the footers (fewer than 5 stories then), so list them
    footer = fingerprint("Subscribe to our newsletter")
    assert footer in (store.learned(SITE) or ())
    # a5 came once the footers were learned: the clean stage removed them, recording the rest.
    store.record(SITE, "a5", _article(5)[2:])
    early, late = store.residue_for(SITE, "a1"), store.residue_for(SITE, "a5")
    assert early is not None and late is not None
    assert footer not in early  # cleaned again, a1 keeps the footer as it did
    assert footer in late and footer in (store.residue_for(SITE, "new") or ())
    assert store.residue_for("other@0", "a1") is None
