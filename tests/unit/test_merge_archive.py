"""Archived incidents: an evicted incident naming a town is remembered in brief, and a follow-up
weeks later reopens it on a shared town plus a shared person told with an age, or plus the
shooting's date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from schemas.articles import (
    CasualtyClaim,
    CleanArticle,
    Entity,
    EventDate,
    ExtractedArticle,
    Place,
)
from streams.fold_state import dumps, loads
from streams.folding import Fold, FoldTables
from streams.merge import MergeConfig, fold_article
from streams.merge.archive import (
    ArchivedIncident,
    archive_entry,
    holding,
    is_forgotten,
    recall,
    told_with_age,
)
from streams.merge.dates import mentioned_dates

CONFIG = MergeConfig()
T0 = datetime(2019, 3, 4, 9, tzinfo=UTC)
MAPLETON = Place(
    name="Mapleton",
    geonames_id=9100001,
    kind="city",
    country_code="US",
    admin1_code="OR",
    role="event",
)
RIVERDALE = Place(
    name="Riverdale",
    geonames_id=9100002,
    kind="city",
    country_code="US",
    admin1_code="OR",
    role="event",
)
SHOOTING = "Dana Quillfeather, 31, was shot in the chest outside a diner on Elm Road in Mapleton."
FOLLOW_UP = (
    "The trial of Rory Vance opened on Monday. He is charged in the March shooting of "
    "Dana Quillfeather outside an Elm Road diner in Mapleton."
)


def report(
    article_id: str,
    text: str,
    *,
    days: float = 0,
    people: tuple[str, ...] = (),
    place: Place = MAPLETON,
    event_day: date = date(2019, 3, 3),
    title: str = "Woman shot outside diner",
) -> ExtractedArticle:
    return ExtractedArticle(
        article=CleanArticle(
            id=article_id,
            source=f"{article_id}.example",
            title=title,
            published_at=T0 + timedelta(days=days),
            paragraphs=[text],
        ),
        region_key="US-OR",
        places=[place],
        entities=[Entity(name=name, kind="person") for name in people],
        event_date=EventDate(date=event_day, expression="on Sunday", sentence=text, confidence=0.9),
        casualties=[CasualtyClaim(kind="injured", value=1, sentence=text)],
        event_type="shooting",
        text_hash=f"h-{article_id}",
    )


def _archived(days: float = 0) -> ArchivedIncident:
    state = fold_article(report("a", SHOOTING, people=("Dana Quillfeather",)), [], CONFIG).state
    entry = archive_entry(state, T0 + timedelta(days=days), CONFIG)
    assert entry is not None
    return entry


def test_a_person_told_with_an_age_is_found_and_a_spokesperson_is_not() -> None:
    people = [
        Entity(name="Dana Quillfeather", kind="person"),
        Entity(name="Tomas Brightwater", kind="person"),
        Entity(name="Lee Ashgrove", kind="person"),
    ]
    texts = [
        SHOOTING,
        "Sergeant Tomas Brightwater said the shooter fled in a grey car.",
        "A 19-year-old Lee Ashgrove was arrested nearby.",
    ]
    assert told_with_age(people, texts) == {"dana quillfeather", "lee ashgrove"}
    assert told_with_age(people, ["Caption Image 1 of 12", "Tomas Brightwater (left) spoke."]) == (
        set()
    )


def test_the_brief_keeps_what_reopening_needs_and_drops_the_sentences() -> None:
    entry = _archived(days=10)
    assert entry.id.startswith("inc-")
    assert entry.told_names == ["dana quillfeather"]
    assert entry.towns == ["gn:9100001"]
    assert entry.incident.key_sentences == []
    assert all(c.sentence == "" for f in entry.incident.casualties for c in f.claims)
    assert [a.id for a in entry.incident.articles] == ["a"]
    assert entry.expires_at == T0 + timedelta(days=10) + CONFIG.archive_retention
    assert loads(dumps(entry)) == entry  # a kind of the fold-state table


def test_an_incident_without_a_told_name_is_archived_for_the_event_date_rule() -> None:
    plain = "A woman was shot outside a diner on Elm Road, police spokesman Tomas Brightwater said."
    state = fold_article(report("a", plain, people=("Tomas Brightwater",)), [], CONFIG).state
    entry = archive_entry(state, T0, CONFIG)
    assert entry is not None and entry.told_names == []  # kept for the event-date rule


def test_an_incident_without_a_town_is_archived_only_to_know_its_reports_again() -> None:
    told = "Jane Roe, 24, was shot outside a diner, police said."
    nowhere = report("n", told, people=("Jane Roe",)).model_copy(update={"places": []})
    entry = archive_entry(fold_article(nowhere, [], CONFIG).state, T0, CONFIG)
    assert entry is not None and entry.towns == []
    assert entry.names == [] and entry.told_names == []  # nothing to recall it by
    follow_up = report("f", "Jane Roe, 24, died of her wounds.", people=("Jane Roe",))
    assert recall(follow_up.model_copy(update={"places": []}), [entry]) is None
    assert holding("n", [entry]) is entry
    assert holding("f", [entry]) is None


def test_a_merged_away_incident_is_not_archived() -> None:
    state = fold_article(report("a", "A man was shot on Elm Road.", people=()), [], CONFIG).state
    merged = state.model_copy(
        update={"incident": state.incident.model_copy(update={"merged_into": "inc-other"})}
    )
    assert archive_entry(merged, T0, CONFIG) is None


def test_written_dates_are_read_with_the_last_such_day_before_the_report() -> None:
    published = date(2019, 1, 10)
    texts = [
        "He is charged in the Dec. 30 shooting and in a robbery on March 1, 2017.",
        "The hearing may 3 times be delayed; Feb. 30 is no date.",
    ]
    assert mentioned_dates(texts, published) == {date(2018, 12, 30), date(2017, 3, 1)}
    assert mentioned_dates(["Shot on January 9th at 10:30 p.m."], published) == {date(2019, 1, 9)}
    assert mentioned_dates(["Nothing dated here."], published) == set()


PLAIN = "A woman was shot outside a diner on Elm Road, police spokesman Tomas Brightwater said."
DATED_FOLLOW_UP = (
    "Rory Vance was sentenced on Monday to 12 years for the March 3 shooting outside a diner "
    "on Elm Road."
)


def _archived_plain(article_id: str = "a", event_day: date = date(2019, 3, 3)) -> ArchivedIncident:
    state = fold_article(report(article_id, PLAIN, event_day=event_day), [], CONFIG).state
    entry = archive_entry(state, T0, CONFIG)
    assert entry is not None
    return entry


def _sentencing(days: float = 200, place: Place = MAPLETON) -> ExtractedArticle:
    # Its own event date is the sentencing's: only the date it writes out is the shooting's.
    return report(
        "b",
        DATED_FOLLOW_UP,
        days=days,
        people=("Rory Vance",),
        place=place,
        event_day=date(2019, 9, 16),
    )


def test_a_follow_up_naming_the_shootings_date_in_the_same_town_recalls_the_incident() -> None:
    entry = _archived_plain()
    assert recall(_sentencing(), [entry]) == entry
    # The report's own event date counts too (the follow-up dates the shooting it retells).
    retold = report("c", "Rory Vance was sentenced for the shooting.", days=200)
    assert recall(retold, [entry]) == entry


def test_no_recall_by_date_in_another_town_on_another_day_or_when_two_incidents_fit() -> None:
    entry = _archived_plain()
    assert recall(_sentencing(place=RIVERDALE), [entry]) is None
    assert recall(_sentencing(), [_archived_plain(event_day=date(2019, 3, 1))]) is None
    # Two shootings in one town on one day: the date does not tell which one.
    assert recall(_sentencing(), [entry, _archived_plain("z")]) is None


def test_a_date_a_day_off_recalls_only_with_a_person_named_by_both() -> None:
    text = "Kit Marlowe was sentenced for the March 2 shooting outside the diner."
    follow = report("b", text, days=200, people=("Kit Marlowe",), event_day=date(2019, 9, 16))
    entry = _archived_plain()
    assert recall(follow, [entry]) is None
    state = fold_article(report("k", PLAIN, people=("Kit Marlowe",)), [], CONFIG).state
    named = archive_entry(state, T0, CONFIG)
    assert named is not None
    assert recall(follow, [named]) == named


def test_a_follow_up_naming_the_victim_in_the_same_town_recalls_the_incident() -> None:
    entry = _archived()
    follow = report("b", FOLLOW_UP, days=90, people=("Dana Quillfeather", "Rory Vance"))
    assert recall(follow, [entry]) == entry


def test_no_recall_without_a_shared_town_or_a_shared_name() -> None:
    entry = _archived()
    elsewhere = report(
        "b", FOLLOW_UP, days=90, people=("Dana Quillfeather", "Rory Vance"), place=RIVERDALE
    )
    assert recall(elsewhere, [entry]) is None
    stranger = report(
        "c",
        "Rory Vance, 40, was shot in Mapleton.",
        days=90,
        people=("Rory Vance",),
        event_day=date(2019, 6, 1),
    )
    assert recall(stranger, [entry]) is None


def test_a_name_two_incidents_share_is_no_evidence() -> None:
    first = _archived()
    other = report("z", SHOOTING.replace("diner", "bakery"), people=("Dana Quillfeather",))
    second = archive_entry(fold_article(other, [], CONFIG).state, T0, CONFIG)
    assert second is not None
    follow = report("b", FOLLOW_UP, days=90, people=("Dana Quillfeather",))
    assert recall(follow, [first, second]) is None


def test_archived_incidents_are_forgotten_by_event_time() -> None:
    entry = _archived()
    assert not is_forgotten(entry, T0 + CONFIG.archive_retention - timedelta(days=1))
    assert is_forgotten(entry, T0 + CONFIG.archive_retention)


def _fold(config: MergeConfig) -> Fold:
    """A fold over in-memory tables, sweeping every hour of event time."""
    return Fold(
        FoldTables.in_memory(),
        config,
        dedup_horizon=timedelta(days=7),
        sweep_interval=timedelta(hours=1),
    )


def _filler(n: int, days: float) -> ExtractedArticle:
    """An unrelated report in the same region that moves the watermark on."""
    return report(
        f"f{n}",
        f"A shed burned down on farm road {n} in Riverdale; nobody was hurt.",
        days=days,
        place=RIVERDALE,
        event_day=(T0 + timedelta(days=days)).date(),
        title=f"Shed fire {n}",
    )


def test_the_fold_reopens_an_evicted_incident_for_a_follow_up_months_later() -> None:
    fold = Fold(
        FoldTables.in_memory(),
        CONFIG,
        dedup_horizon=timedelta(days=7),
        sweep_interval=timedelta(hours=1),
    )
    outputs = fold.fold(0, report("a", SHOOTING, people=("Dana Quillfeather",)))
    original = next(o.value.id for o in outputs if o.topic == "incidents")  # type: ignore[attr-defined]
    for n, day in enumerate(range(5, 90, 5)):
        fold.fold(0, _filler(n, day))
    tables = fold.tables
    assert original not in tables.incident_states  # evicted from hot state ...
    assert original in tables.archived_incidents  # ... but remembered in brief
    # (the shed fires with it: every evicted incident naming a town is archived)
    assert original in tables.region_incidents["US-OR"].archived_ids

    follow = report("b", FOLLOW_UP, days=91, people=("Dana Quillfeather", "Rory Vance"))
    outputs = fold.fold(0, follow)
    versions = [o.value for o in outputs if o.topic == "incidents" and o.key == original]
    assert versions
    assert [a.id for a in versions[-1].articles] == ["a", "b"]  # type: ignore[attr-defined]
    # Hot again (its maximum span is long past, so the same sweep closes it at once, as it
    # closes any incident a report reopens after that span; it stays reopenable for retention).
    assert original not in tables.archived_incidents
    assert original in tables.incident_states
    assert original in tables.region_incidents["US-OR"].incident_ids
    kinds = [o.value.kind for o in outputs if o.topic == "incidents.updates"]  # type: ignore[attr-defined]
    assert "reopened" in kinds


def test_the_fold_reopens_an_evicted_incident_naming_no_one_for_a_dated_follow_up() -> None:
    fold = Fold(
        FoldTables.in_memory(),
        CONFIG,
        dedup_horizon=timedelta(days=7),
        sweep_interval=timedelta(hours=1),
    )
    outputs = fold.fold(0, report("a", PLAIN))
    original = next(o.value.id for o in outputs if o.topic == "incidents")  # type: ignore[attr-defined]
    for n, day in enumerate(range(5, 90, 5)):
        fold.fold(0, _filler(n, day))
    assert original in fold.tables.archived_incidents
    outputs = fold.fold(0, _sentencing(days=91))
    versions = [o.value for o in outputs if o.topic == "incidents" and o.key == original]
    assert [a.id for a in versions[-1].articles] == ["a", "b"]  # type: ignore[attr-defined]


def test_the_archive_is_bounded_per_region_and_by_event_time() -> None:
    fold = _fold(MergeConfig(max_archived_per_region=2, archive_retention=timedelta(days=60)))
    for n in range(3):
        text = f"Kit Marlowe{n}, 2{n}, was shot on Elm Road in Mapleton."
        fold.fold(0, report(f"v{n}", text, days=n * 20, people=(f"Kit Marlowe{n}",)))
    for n, day in enumerate(range(62, 100, 4)):
        fold.fold(0, _filler(n, day))
    region = fold.tables.region_incidents["US-OR"]
    assert len(region.archived_ids) <= 2
    assert set(fold.tables.archived_incidents) == set(region.archived_ids)
    for n, day in enumerate(range(100, 200, 4)):
        fold.fold(0, _filler(100 + n, day))
    # The shootings are forgotten; only the last shed fires, evicted within 60 days, are left.
    archived = fold.tables.archived_incidents
    assert len(archived) <= 2
    assert set(archived) == set(fold.tables.region_incidents["US-OR"].archived_ids)
    assert all(a.id.startswith("f") for e in archived.values() for a in e.incident.articles)


def test_the_archive_is_bounded_per_partition_across_its_regions() -> None:
    """The per-region cap alone grows with the number of regions: a partition keeps at most
    `max_archived_per_partition`, those expiring first dropped first, whatever their region."""

    def replay(cap: int) -> Fold:
        fold = _fold(
            MergeConfig(max_archived_per_partition=cap, archive_retention=timedelta(days=600))
        )
        for n in range(3):
            text = f"Kit Marlowe{n}, 2{n}, was shot on Elm Road in Mapleton."
            shooting = report(f"v{n}", text, days=n * 20, people=(f"Kit Marlowe{n}",))
            # Every other one in another region of the same partition.
            fold.fold(0, shooting.model_copy(update={"region_key": ("US-OR", "US-WA")[n % 2]}))
        for n, day in enumerate(range(62, 100, 4)):
            fold.fold(0, _filler(n, day))
        return fold

    unbounded, bounded = replay(1000), replay(3)
    everything = unbounded.tables.archived_incidents
    assert len(everything) > 3
    last = sorted(everything.values(), key=lambda e: (e.expires_at, e.id))[-3:]
    archived = bounded.tables.archived_incidents
    assert set(archived) == {e.id for e in last}
    assert bounded.archive_counts[0] == 3
    # The regions list exactly what the archive holds.
    listed = {
        i for key in ("US-OR", "US-WA") for i in bounded.tables.region_incidents[key].archived_ids
    }
    assert listed == set(archived)


def test_a_sentencing_three_years_on_still_reopens_the_incident() -> None:
    # Trials and sentencings come years after a shooting: the default archive keeps an incident
    # for four years of event time, so a sentencing three years on still finds it.
    entry = _archived()
    later = T0 + timedelta(days=3 * 365)
    assert not is_forgotten(entry, later)
    sentencing = report("s", FOLLOW_UP, days=3 * 365, people=("Dana Quillfeather",))
    assert recall(sentencing, [entry]) == entry
    assert is_forgotten(entry, T0 + timedelta(days=4 * 365 + 1))


def test_a_follow_up_naming_no_town_reopens_by_a_victim_it_tells_with_an_age() -> None:
    entry = _archived()
    townless = (
        "Rory Vance was sentenced on Monday for shooting Dana Quillfeather, 31, outside a "
        "diner in March."
    )
    follow = report("b", townless, days=200, people=("Dana Quillfeather",)).model_copy(
        update={"places": []}
    )
    assert recall(follow, [entry]) == entry
    # Without the age in the report itself (the entry's is not enough without a town), or with
    # the person named by another incident of the region too: no.
    bare = report("c", FOLLOW_UP, days=200, people=("Dana Quillfeather",)).model_copy(
        update={"places": []}
    )
    assert recall(bare, [entry]) is None
    other = report("z", SHOOTING.replace("diner", "bakery"), people=("Dana Quillfeather",))
    second = archive_entry(fold_article(other, [], CONFIG).state, T0, CONFIG)
    assert second is not None
    assert recall(follow, [entry, second]) is None
