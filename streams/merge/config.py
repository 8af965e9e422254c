"""Parameters of incident merging: event-time windows and match weights (one config for all)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class MergeConfig:
    """Event-time windows and match weights; defaults are the documented configuration.

    Match score (streams/merge/match.py `weigh`): the sum of the weights below for the evidence
    an article-incident pair shows, on a log-odds scale. The weights were set from a logistic
    fit of "same incident?" over article-candidate pairs of the gva-dev corpus (US shootings,
    so place, date, names and victims are what separate incidents), rounded, and are one
    configuration for every kind of event. An article joins the best incident scoring at least
    `join_threshold`; roughly, a pair needs a shared place plus the same event day plus a fair
    text overlap, or a shared person's name plus text overlap. Refitted (same method) when the
    place rarity and victim names came in: the other weights stayed within the fit's noise.
    """

    grace: timedelta = timedelta(hours=6)
    inactivity_gap: timedelta = timedelta(hours=72)
    max_span: timedelta = timedelta(days=14)
    retention: timedelta = timedelta(days=7)
    #: An evicted incident naming a town is remembered in brief this long after its last
    #: report, so a trial or arrest report can reopen it (merge/archive.py); at most
    #: `max_archived_per_region` per region key, oldest dropped first. Four years: trials and
    #: sentencings often come more than a year after the shooting, some several (gva-dev, one
    #: year -> two: pairwise F1 0.772 -> 0.775; two -> four, core fold: 0.7844 -> 0.7878,
    #: precision 0.8936 -> 0.8943, 1,811 archived at the end instead of 1,478, at most 146 in
    #: one region).
    archive_retention: timedelta = timedelta(days=1460)
    max_archived_per_region: int = 300
    #: And at most this many per partition, those expiring first dropped first: the per-region
    #: cap alone grows with the number of regions (an archived incident holds about 17 KB in a
    #: worker; a 60-day generated stream over ~200 regions filled ~1 GB with them). gva-dev
    #: archives about 450 per partition.
    max_archived_per_partition: int = 3000
    #: Reports whose confident event dates differ by more than this are never the same incident
    #: (unless they name the same person: then `penalty_confident_date_distance`).
    max_event_date_distance_days: int = 1
    #: A date at least this sure is "confident"; a weaker one far off is `penalty_date_distance`.
    confident_date: float = 0.7
    #: Event dates: the same day; one day apart (time zones, "late Friday" reported Saturday).
    weight_same_date: float = 1.8
    weight_near_date: float = 0.2
    #: Event dates further apart than `max_event_date_distance_days`, one of them not confident.
    #: (0.75 from the fit; 0.4 since a follow-up that writes out the shooting's day counts as
    #: that day (match.py `evidence`): the weak far dates left are mostly a follow-up's own,
    #: an arrest's or a funeral's. gva-dev: pairwise F1 0.780 -> 0.782, B-cubed 0.920 -> 0.921,
    #: pairwise precision 0.898 -> 0.897; 0.2 and 0 gave 0.781 and 0.782 at precision 0.892.)
    penalty_date_distance: float = 0.4
    #: Confident event dates far apart, tolerated only because both name the same person.
    penalty_confident_date_distance: float = 1.5
    #: Place agreement at the most specific level both give: town or village, county, state.
    #: The same town counts `weight_same_place` plus `weight_place_rarity` times the rarity of its
    #: name in the stream (match.py `place_rarity`, 0..1): a town named in a tenth of the reports
    #: adds about half as much as one never named before.
    weight_same_place: float = 0.3
    weight_place_rarity: float = 2.8
    weight_same_admin2: float = 1.5
    weight_same_admin1: float = 0.0
    #: A neighbourhood or suburb and its city (match.py `place_level` "near": one side's event
    #: town is among the other's places, the other's event town is another one). Counted as the
    #: state only (0) before: the suburb's report and the city's report of one shooting then
    #: needed nearly as much text in common as two reports naming no place. Less than the same
    #: county, which cost 0.011 of pairwise precision. gva-dev, core fold, with
    #: `weight_same_region` below: B-cubed F1 0.9264 -> 0.9279, pairwise F1 0.7971 -> 0.8015
    #: (precision 0.8999 -> 0.8984); alone: 0.9269 and 0.7994; 0.6 / 1.0: 0.9275 / 0.9277.
    weight_near_place: float = 0.8
    #: Same region key (so the same state) and no place on one side to compare with the
    #: other's (match.py `evidence` "region": mostly a report naming no place at all, whose
    #: region key comes from its outlet). Counted as the state only (0) before. Alone on gva-dev
    #: (core fold): B-cubed F1 0.9264 -> 0.9273, pairwise F1 0.7971 -> 0.7992, with precision
    #: up (0.8999 -> 0.9003: the shift moves joins from weaker candidates to the right one).
    #: Not given to a report naming only the state or county against an incident naming a town
    #: (or the other way round): that cost pairwise precision (0.8984 -> 0.8957 with both
    #: rules) for little recall, and same-day shootings of one state must stay apart.
    weight_same_region: float = 0.8
    #: Two different resolved towns, tolerated only because both name the same person.
    penalty_place_conflict: float = 1.5
    #: Same event type; two different known types (neither "other").
    weight_same_event_type: float = 0.5
    penalty_other_event_type: float = 2.0
    #: Per unit of text similarity (TF-IDF cosine with learned document frequencies, else the
    #: cosine of raw counts); similarities above `text_saturation` count as that (copies are
    #: the dedup stage's business, and a near-copy must not outvote a place or date veto).
    weight_text: float = 8.0
    text_saturation: float = 0.6
    #: Without document frequencies (no stream statistics yet) the cosine of raw counts stands
    #: in; it rewards shared common words ("shooting", the outlet's name), so it counts less
    #: and an overlap below `text_counts_offset / weight_text_counts` counts against.
    weight_text_counts: float = 5.0
    text_counts_offset: float = 0.5
    #: A person (first and last name) named by both; more for a second one.
    weight_shared_name: float = 2.0
    weight_more_shared_names: float = 0.6
    #: Both name victims (people named in a killed / injured sentence: match.py `victim_names`)
    #: and no person in common: likely other victims. Not learned: the fit gives it only about
    #: 0.6 (one report names the dead, another the wounded), but the issue wants same-type
    #: incidents of one town and week kept apart when the victims differ, so it is set so that
    #: a town (even a rare one) and a day in common are not enough for reports naming other
    #: victims. Counting every name (officials, reporters) instead cost 3 points of pairwise
    #: recall on gva-dev; counting victims only costs well under one.
    penalty_other_names: float = 2.5
    #: Killed or injured figure inside the incident's range; far outside it (other victims).
    weight_same_casualties: float = 0.5
    penalty_casualty_mismatch: float = 0.75
    #: Per day since the incident's last report (publication time), counted up to the maximum.
    penalty_per_day_since_last_report: float = 0.25
    max_days_since_last_report: float = 10.0
    #: The prior: the score a pair needs to be one incident.
    join_threshold: float = 3.3
    #: A report joining one incident also merges any other it scores at least this with.
    merge_threshold: float = 3.3
    #: Words whose document frequency a partition keeps (DocumentFrequencies, match.py).
    max_document_frequencies: int = 20_000
    #: Content words an incident keeps for text matching.
    max_terms: int = 400
    #: Statements an incident remembers to recognise repeats.
    max_sentences: int = 150
    #: Key sentences published per incident.
    max_key_sentences: int = 12
