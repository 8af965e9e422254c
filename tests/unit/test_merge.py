"""The merge core: folding, ids, casualty consensus, key sentences and event-time rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from schemas.articles import (
    CasualtyClaim,
    CleanArticle,
    DuplicateNotice,
    EventDate,
    ExtractedArticle,
    Place,
)
from streams.merge import (
    MergeConfig,
    advance_watermark,
    close_if_expired,
    fold_article,
    is_evictable,
    is_expired,
    is_late,
    sweep_due_at,
)
from streams.merge.casualties import casualty_figures
from streams.merge.eventtime import close_deadline
from streams.merge.ids import incident_id

CONFIG = MergeConfig()
T0 = datetime(2018, 5, 1, 9, tzinfo=UTC)
DAYTON = Place(
    name="Dayton",
    geonames_id=4509884,
    kind="city",
    country_code="US",
    admin1_code="OH",
    role="event",
)
AKRON = Place(
    name="Akron",
    geonames_id=5145476,
    kind="city",
    country_code="US",
    admin1_code="OH",
    role="event",
)


def article(
    article_id: str,
    *,
    place: Place = DAYTON,
    hours: float = 0,
    event_day: date = date(2018, 5, 1),
    killed: int | None = 2,
    text: str = "A gunman opened fire outside a bar on Main Street, killing two people.",
    source: str | None = None,
) -> ExtractedArticle:
    published = T0 + timedelta(hours=hours)
    claims = (
        [CasualtyClaim(kind="killed", value=killed, sentence=text)] if killed is not None else []
    )
    return ExtractedArticle(
        article=CleanArticle(
            id=article_id,
            source=source or f"{article_id}.example",
            title="Shooting at bar",
            published_at=published,
            paragraphs=[text],
        ),
        region_key="US-OH",
        places=[place],
        event_date=EventDate(
            date=event_day, expression="on Tuesday", sentence=text, confidence=0.9
        ),
        casualties=claims,
        event_type="shooting",
        text_hash=f"h-{article_id}",
    )


def test_first_report_opens_an_incident_with_a_stable_id() -> None:
    folded = fold_article(article("a"), [], CONFIG)
    assert (
        folded.state.incident.id
        == incident_id("a")
        == fold_article(article("a"), [], CONFIG).state.id
    )
    assert folded.state.incident.version == 1
    assert [u.kind for u in folded.updates] == ["created"]


def test_second_report_of_the_same_event_joins() -> None:
    first = fold_article(article("a"), [], CONFIG).state
    second = fold_article(article("b", hours=3, killed=3), [first], CONFIG)
    incident = second.state.incident
    assert incident.id == first.id
    assert incident.article_ids == ["a", "b"]
    assert incident.independent_sources == 2
    assert [u.kind for u in second.updates] == ["joined"]
    assert incident.version == 2
    killed = incident.casualties[0]
    assert (killed.low, killed.high, killed.consensus) == (2, 3, 2)
    assert incident.conflicts and incident.conflicts[0].field == "casualties.killed"
    third = fold_article(article("c", hours=5, killed=3), [second.state], CONFIG)
    assert [(u.kind, u.version) for u in third.updates] == [("joined", 3), ("fact_changed", 4)]
    assert third.updates[1].detail == "killed 2 -> 3"
    assert third.state.incident.version == 4


def test_same_day_same_state_different_city_stays_apart() -> None:
    first = fold_article(article("a"), [], CONFIG).state
    other = fold_article(article("b", place=AKRON), [first], CONFIG)
    assert other.state.id != first.id


def test_event_dates_too_far_apart_stay_apart() -> None:
    first = fold_article(article("a"), [], CONFIG).state
    later = fold_article(article("b", event_day=date(2018, 5, 5), hours=96), [first], CONFIG)
    assert later.state.id != first.id


def test_a_copy_joins_its_original_and_does_not_count_as_a_source() -> None:
    first = fold_article(article("a"), [], CONFIG).state
    notice = DuplicateNotice(
        article_id="b",
        original_id="a",
        kind="exact",
        similarity=1.0,
        incident_id=first.id,
        published_at=T0,
    )
    copied = fold_article(article("b", killed=9), [first], CONFIG, copy=notice).state.incident
    assert copied.independent_sources == 1
    assert [a.copy_of for a in copied.articles] == [None, "a"]
    assert copied.casualties[0].consensus == 2  # the copy's figures are not votes


def test_consensus_is_the_lower_median_and_ignores_background() -> None:
    claims = [
        CasualtyClaim(kind="killed", value=23, article_id="a"),
        CasualtyClaim(kind="killed", value=14, article_id="b"),
        CasualtyClaim(kind="killed", value=25, article_id="c"),
        CasualtyClaim(kind="killed", value=25, article_id="a", background=True),
    ]
    figures, conflicts = casualty_figures(claims, ["a", "b", "c"])
    assert (figures[0].consensus, figures[0].low, figures[0].high) == (23, 14, 25)
    assert len(figures[0].claims) == 4
    assert conflicts[0].values == ["14", "23", "25"]


def test_key_sentences_list_a_shared_statement_once() -> None:
    shared = "Air strikes killed at least 23 civilians in a village on Tuesday, monitors said."
    first = fold_article(article("a", text=shared), [], CONFIG).state
    second = fold_article(
        article("b", text=shared + " More detail follows here today."), [first], CONFIG
    ).state.incident
    carriers = {s.text: s.article_ids for s in second.key_sentences}
    assert carriers[shared] == ["a", "b"]


def test_watermark_never_moves_back() -> None:
    wm = advance_watermark(None, T0, CONFIG)
    assert wm == T0 - CONFIG.grace
    assert advance_watermark(wm, T0 - timedelta(days=3), CONFIG) == wm


def test_incident_closes_after_the_gap_reopens_and_is_evicted_after_retention() -> None:
    state = fold_article(article("a"), [], CONFIG).state
    quiet = T0 + CONFIG.inactivity_gap
    assert close_if_expired(state.incident, quiet - timedelta(seconds=1), CONFIG) is None
    closed = close_if_expired(state.incident, quiet, CONFIG)
    assert closed is not None
    incident, update = closed
    assert incident.status == "closed" and update.kind == "closed"
    assert incident.version == state.incident.version + 1
    reopened = fold_article(
        article("b", hours=70), [state.model_copy(update={"incident": incident})], CONFIG
    )
    assert [u.kind for u in reopened.updates][0] == "reopened"
    assert reopened.state.incident.status == "open"
    assert not is_evictable(incident, quiet + CONFIG.retention - timedelta(seconds=1), CONFIG)
    assert is_evictable(incident, quiet + CONFIG.retention, CONFIG)


def test_an_incident_stays_until_its_newest_report_is_late() -> None:
    # Opened at T0, its maximum span passed; a report days after the deadline joined it (a
    # reopen); closed again at once. Evicted only when that report is late, so that its
    # redelivery is never taken for a new incident.
    first = fold_article(article("a"), [], CONFIG).state.incident
    span_end = T0 + CONFIG.max_span
    late_joiner = span_end + timedelta(days=3)
    incident = first.model_copy(update={"status": "closed", "last_published_at": late_joiner})
    assert close_deadline(incident, CONFIG) == span_end
    assert not is_evictable(incident, span_end + CONFIG.retention, CONFIG)
    assert not is_late(late_joiner, late_joiner + CONFIG.retention - timedelta(seconds=1), CONFIG)
    assert not is_evictable(incident, late_joiner + CONFIG.retention - timedelta(seconds=1), CONFIG)
    assert is_evictable(incident, late_joiner + CONFIG.retention, CONFIG)


def test_lateness_is_measured_against_the_watermark() -> None:
    wm = T0
    assert not is_late(T0 - CONFIG.retention, wm, CONFIG)
    assert is_late(T0 - CONFIG.retention - timedelta(seconds=1), wm, CONFIG)
    assert not is_late(T0 - timedelta(days=365), None, CONFIG)


def test_a_report_that_fits_two_incidents_merges_them_into_the_older() -> None:
    first = fold_article(article("a"), [], CONFIG).state
    # A report naming only the state, with another figure and other words, stays apart...
    ohio = Place(name="Ohio", kind="admin1", country_code="US", admin1_code="OH", role="event")
    second = fold_article(
        article(
            "b",
            place=ohio,
            hours=1,
            killed=12,
            text="Twelve people died in a blaze downtown, officials said.",
        ),
        [first],
        CONFIG,
    ).state
    assert second.id != first.id
    # ...until a report carrying both stories' words and figures shows they are one.
    bridge = article(
        "c",
        hours=2,
        killed=None,
        text="A gunman opened fire outside a bar on Main Street, killing two people. "
        "Twelve people died in a blaze downtown, officials said.",
    )
    folded = fold_article(bridge, [first, second], CONFIG)
    assert folded.state.id == first.id  # the older id survives
    assert [r.id for r in folded.retired] == [second.id]
    retired = folded.retired[0].incident
    assert retired.status == "closed" and retired.merged_into == first.id
    assert retired.version == second.incident.version + 1
    assert sorted(folded.state.incident.article_ids) == ["a", "b", "c"]
    merged = [u for u in folded.updates if u.kind == "merged"]
    assert {u.incident_id for u in merged} == {first.id, second.id}
    versions = [u.version for u in folded.updates if u.incident_id == first.id]
    assert versions == sorted(versions) and versions[-1] == folded.state.incident.version


def test_a_report_fitting_incidents_in_two_towns_does_not_merge_them() -> None:
    from streams.merge.fold import can_merge

    dayton = fold_article(article("a"), [], CONFIG).state.incident
    akron = fold_article(article("b", place=AKRON), [], CONFIG).state.incident
    ohio = Place(name="Ohio", kind="admin1", country_code="US", admin1_code="OH", role="event")
    state_only = fold_article(article("c", place=ohio), [], CONFIG).state.incident
    assert not can_merge(dayton, akron)
    assert can_merge(dayton, state_only) and can_merge(state_only, akron)
    assert can_merge(dayton, fold_article(article("d"), [], CONFIG).state.incident)


def test_sweep_due_at_is_when_an_incident_expires_or_becomes_evictable() -> None:
    # Fold's sweep visits an incident from sweep_due_at on (streams/folding.py, sweep_due):
    # never before it has something to do, and from then on always.
    open_ = fold_article(article("a"), [], CONFIG).state.incident
    closed = open_.model_copy(update={"status": "closed", "version": open_.version + 1})
    for incident in (open_, closed):
        due = sweep_due_at(incident, CONFIG)
        for watermark in (due - timedelta(seconds=1), due, due + timedelta(days=1)):
            acts = is_expired(incident, watermark, CONFIG) or is_evictable(
                incident, watermark, CONFIG
            )
            assert acts == (watermark >= due)


def test_document_frequencies_keep_the_terms_own_order() -> None:
    """The same reports give the same snapshot bytes in every process: words are counted in
    the order the report gives them (a set's order changes with PYTHONHASHSEED)."""
    from streams.merge.match import DocumentFrequencies, observe

    words = [f"word{i}" for i in range(40)]
    frequencies = observe(DocumentFrequencies(), [*words, *words[:5]], MergeConfig())
    frequencies = observe(frequencies, ["late", *reversed(words)], MergeConfig())
    assert list(frequencies.counts) == [*words, "late"]
    assert frequencies.counts["word0"] == 2 and frequencies.counts["late"] == 1


def test_a_later_report_of_a_death_takes_the_victim_off_the_injured() -> None:
    """'A man was shot and is in critical condition' (a), then 'the man died' (b): b names one
    more dead and no injured, so it votes the one injured less the new dead."""
    wounded = CasualtyClaim(kind="injured", value=1, article_id="a")
    dead = CasualtyClaim(kind="killed", value=1, article_id="b")
    figures, _ = casualty_figures([wounded, dead], ["a", "b"])
    consensus = {f.kind: f.consensus for f in figures}
    assert consensus == {"killed": 1, "injured": 0}
    # In the other order the death came first: a later "1 injured" is someone else.
    figures, _ = casualty_figures([wounded, dead], ["b", "a"])
    assert {f.kind: f.consensus for f in figures} == {"killed": 1, "injured": 1}
    # Two wounded, one of whom died: one injured is left.
    two = CasualtyClaim(kind="injured", value=2, article_id="a")
    figures, _ = casualty_figures([two, dead], ["a", "b"])
    assert {f.kind: f.consensus for f in figures} == {"killed": 1, "injured": 1}
