"""The clean stage's fast paths give the answers of the slow definitions they stand in for.

Each shortcut taken for speed (the page parsed and stripped before trafilatura, byte-level
repairs, the match key's whitespace check, the language fast path, the prompt anchors, the
split agency rule, the windowed near-repeat search) is checked here against the plain
definition on inputs chosen to hit its edge cases.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

import pytest
import trafilatura
from trafilatura.utils import repair_faulty_html

from schemas.articles import RawArticle
from streams.clean import clean_article, match_key
from streams.clean.html import (
    _OPTIONS,
    NEVER_STORY_TAGS,
    UNWRAPPED_TAGS,
    _repaired_bytes,
    extract_html,
    head_metadata,
    load_page,
    simplify_page,
    tree_metadata,
)
from streams.clean.language import detect_language
from streams.clean.paragraphs import drop_repeats
from streams.clean.residue import (
    _PROMPT_ANCHORS,
    _PROMPT_PHRASES,
    _anchor,
    is_agency_or_date,
    is_page_prompt,
    literal_trie_pattern,
    residue_kind,
)
from streams.evaluation.cleaning import Rate, SpeedReport, format_report, measure_speed

STORY = (
    "Firefighters pulled three people from a burning apartment building in Harwick early on "
    "Saturday, and one of them later died in hospital, the fire service said."
)
STORY_2 = (
    "The blaze started in a ground-floor kitchen shortly after 2 a.m. and spread to the upper "
    "floors through a stairwell, according to the fire chief."
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Fire kills one in Harwick | Harwick Times</title>
<meta property="og:title" content="Fire kills one in Harwick">
<meta name="author" content="Ana Ruiz">
<script>var tracker = "script text never reaches the story";</script>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Fire"}}</script>
<style>p {{ color: red }}</style></head>
<body><nav><a href="/">Navigation link text</a></nav>
<noscript>Please enable JavaScript noscript text</noscript>
<svg><title>Icon title text</title></svg>
<article><h1>Fire kills one in Harwick</h1><p>{STORY}</p><p>{STORY_2}</p>
<p>Neighbours said the alarm sounded for several minutes before anyone noticed the smoke,
and the building's owner said he would cooperate with investigators.</p>
<form><input value="Search input text"><button>Subscribe button text</button></form>
</article><aside>Aside teaser text</aside><footer>Footer text</footer></body></html>"""


# --- HTML: one parse, stripped, handed to trafilatura ---------------------------------------


def test_load_page_strips_never_story_elements_but_keeps_json_ld() -> None:
    tree = load_page(PAGE)
    assert tree is not None and tree.tag == "html"
    tags = {element.tag for element in tree.iter() if isinstance(element.tag, str)}
    assert not tags & set(NEVER_STORY_TAGS)
    scripts = tree.findall(".//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    text = tree.text_content()
    assert STORY in " ".join(text.split())
    for gone in ("tracker", "Navigation link", "noscript text", "Icon title", "Aside teaser"):
        assert gone not in text


def test_load_page_leaves_fragments_to_trafilatura() -> None:
    assert load_page(f"<p>{STORY}</p>") is None
    # and the fragment still gives its text through trafilatura's own path or the fallback
    assert STORY in extract_html(f"<div><p>{STORY}</p><p>{STORY_2}</p></div>").text


def test_extract_html_keeps_the_story_and_drops_the_page() -> None:
    page = extract_html(PAGE)
    assert STORY in page.text and STORY_2 in page.text
    for gone in (
        "script text",
        "Navigation link",
        "noscript text",
        "Icon title",
        "Search input",
        "Subscribe button",
        "Aside teaser",
        "Footer text",
    ):
        assert gone not in page.text
    assert (page.title, page.author) == ("Fire kills one in Harwick", "Ana Ruiz")


def test_tree_metadata_reads_what_head_metadata_reads() -> None:
    tree = load_page(PAGE)
    assert tree is not None
    assert tree_metadata(tree) == head_metadata(PAGE) == ("Fire kills one in Harwick", "Ana Ruiz")


@pytest.mark.parametrize(
    "html",
    [
        PAGE,
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd">\n<html><body>a</body></html>',
        "<html/>\n<head></head><body><p>x</p></body></html>",
        "<html><body><p>bell\x07 nul\x00 esc\x1b tab\t ok\ufffe\uffff caf\u00e9</p></body></html>",
        "<html><body><p>\u2603 snow \U0001f600</p></body></html>",
        '<html lang="en" \x0b/>\n<body><p>a vertical tab inside the self-closing tag</p></body>',
    ],
)
def test_repaired_bytes_equal_trafilaturas_repair(html: str) -> None:
    beginning = html[:50].lower()
    expected = repair_faulty_html(html, beginning).encode("utf-8", "surrogatepass")
    assert _repaired_bytes(html, beginning) == expected


def test_html_article_through_the_stage() -> None:
    raw = RawArticle(
        id="h1",
        title="",
        body=PAGE,
        content_type="text/html",
        published_at=datetime(2021, 5, 1, 8, tzinfo=UTC),
    )
    article = clean_article(raw)
    assert article.paragraphs[:2] == [STORY, STORY_2]
    assert (article.title, article.author, article.language) == (
        "Fire kills one in Harwick",
        "Ana Ruiz",
        "en",
    )


FORMATTED_PAGE = f"""<!DOCTYPE html>
<html><head><title>Fire in Harwick</title><meta name="author" content="Ana Ruiz"></head>
<body><div class="wrapper"><div class="ad-slot"></div>
<article><h1>Fire <small>kills</small> one</h1>
<p>{STORY[:40]}<b>{STORY[40:80]}</b><i class="icon"></i>{STORY[80:]}</p>
<p><span>{STORY_2[:50]}</span><font color="red">{STORY_2[50:]}</font><img src="a.jpg"></p>
<table><thead><tr><th>Floor</th><th>Hurt</th></tr></thead>
<tbody><tr><td>1st</td><td><em>two</em></td></tr></tbody></table>
<p><strong class="schema-faq-question">What caused it?</strong> A kitchen fire.</p>
<p></p><div></div><address>Harwick Times, 1 Main St</address>
</article></div></body></html>"""


def test_simplify_page_unwraps_inline_tags_and_drops_empty_elements() -> None:
    tree = load_page(FORMATTED_PAGE)
    assert tree is not None
    text_before = " ".join(tree.text_content().split())
    simplify_page(tree)
    tags = {element.tag for element in tree.iter() if isinstance(element.tag, str)}
    assert not tags & set(UNWRAPPED_TAGS)
    assert {"strong", "address", "span", "table", "tr", "td"} <= tags
    # The text stays where it was: unwrapping keeps it, the dropped elements held none.
    assert " ".join(tree.text_content().split()) == text_before
    assert not [e for e in tree.iter("p", "div") if e.text is None and len(e) == 0]
    assert tree.find(".//div[@class='ad-slot']") is None


def test_simplify_page_gives_trafilatura_the_same_text() -> None:
    # The steps are trafilatura's own, taken earlier: its text is the same with or without.
    plain, simplified = load_page(FORMATTED_PAGE), load_page(FORMATTED_PAGE)
    assert plain is not None and simplified is not None
    simplify_page(simplified)
    before = trafilatura.bare_extraction(plain, options=_OPTIONS)
    after = trafilatura.bare_extraction(simplified, options=_OPTIONS)
    assert before is not None and after is not None
    assert not isinstance(before, dict) and not isinstance(after, dict)
    assert after.text == before.text and STORY in after.text.replace("\n", "")


# --- match key: the whitespace shortcut ---------------------------------------------------------


def _slow_match_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    for typographic, plain in (
        ("\u2018", "'"),
        ("\u2019", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("\u2026", "..."),
    ):
        text = text.replace(typographic, plain)
    return " ".join(text.lower().split())


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII line, already tidy.",
        "  leading and trailing  ",
        "tab\tinside and\nnewline",
        "no\u00a0break\u2009thin\u3000ideographic",
        "zero\u200bwidth soft\u00adhyphen",
        "\u201cCurly\u201d \u2018quotes\u2019 \u2014 dashes \u2013 and\u2026",
        "Cafe\u0301 composed",
        "line\u2028separator\x85next",
        "",
    ],
)
def test_match_key_shortcut_equals_the_definition(text: str) -> None:
    assert match_key(text) == _slow_match_key(text)


# --- language: typographic punctuation and the longer fast sample -----------------------------


def test_english_with_curly_quotes_and_dashes_is_english() -> None:
    text = (
        "\u201cWe heard two loud bangs,\u201d said a neighbour \u2014 who asked not to be named "
        "\u2014 adding that the police arrived within minutes of the call and closed the road."
    )
    assert detect_language(text) == "en"


def test_english_opening_with_a_list_of_names_is_english() -> None:
    names = "Dubuque, Dyersville, Epworth, Peosta, Cascade, Farley, Asbury, Balltown, Sherrill, "
    text = names * 3 + (
        "Police said the shooting happened on Saturday night and that the man who was hurt "
        "was taken to a hospital in the city, where he is expected to recover from his wounds."
    )
    assert detect_language(text) == "en"


def test_non_english_with_curly_quotes_is_not_english() -> None:
    spanish = (
        "\u201cEscuchamos dos disparos\u201d, dijo una vecina que pidi\u00f3 no ser nombrada, y "
        "a\u00f1adi\u00f3 que la polic\u00eda lleg\u00f3 a los pocos minutos y cerr\u00f3 la calle."
    )
    assert detect_language(spanish) == "es"


# --- page prompts: anchors are a necessary condition -----------------------------------------


def test_every_prompt_trigger_holds_its_anchor() -> None:
    for trigger, _ in _PROMPT_PHRASES:
        assert _anchor(trigger) in trigger
        assert _PROMPT_ANCHORS.search(f"text before {trigger} text after") is not None


def test_literal_trie_matches_what_a_flat_alternation_matches() -> None:
    literals = ["your", "your x", "yo", "abc", "a.c", "b(", "cookie", "zip", "{*"]
    trie = re.compile(literal_trie_pattern(literals))
    flat = re.compile("|".join(re.escape(w) for w in literals))
    texts = ["", "yo", "you", "ab", "xabcx", "your", "a.c", "axc", "b(", "{*}", "cooki", "zipper"]
    for text in texts:
        for start in range(len(text) + 1):
            t, f = trie.search(text, start), flat.search(text, start)
            assert (t is None) == (f is None), (text, start)
            assert t is None or f is None or t.start() == f.start(), (text, start)


@pytest.mark.parametrize(
    "line",
    [
        "Please enable JavaScript to view the comments.",
        "Subscribe now for unlimited access",
        "We use cookies to improve your experience.",
        "Sign up for our daily newsletter",
        "Download the Harwick Times app",
        "Your zip code is not in our delivery area.",
    ],
)
def test_prompts_are_still_found(line: str) -> None:
    assert is_page_prompt(line)


def test_prose_with_prompt_words_stays() -> None:
    line = (
        "The suspect told officers he had been trying to sign in to his account when the "
        "argument started, police said. Subscribe to updates was not mentioned."
    )
    assert not is_page_prompt(line)


# --- agency lines: the generic alternative split off ----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Reuters Staff",
        "By Harwick Times Staff",
        "Daily Courier Wire | May 1, 2018",
        "Valley Press News Service",
        "AFP May 01, 2018",
        "By AP",
        "Staff Reports",
    ],
)
def test_agency_lines_are_residue(line: str) -> None:
    assert is_agency_or_date(line)
    assert residue_kind(line) == "agency_date"


@pytest.mark.parametrize(
    "line",
    [
        "News of the shooting spread quickly through the town.",
        "The wire was cut before the alarm went off, staff said.",
    ],
)
def test_lines_with_agency_words_that_are_story_stay(line: str) -> None:
    assert not is_agency_or_date(line)


# --- near repeats: the length window ---------------------------------------------------------


def test_near_repeat_found_among_paragraphs_of_other_lengths() -> None:
    short = "Officers closed Main Street for two hours while they searched the area."
    long = STORY_2 + " Residents of the block were moved to a school gym for the night."
    edited = STORY.replace("early on Saturday", "early Saturday")
    kept, exact, near = drop_repeats([STORY, short, long, STORY_2, edited, short])
    assert kept == [STORY, short, long, STORY_2]
    assert (exact, near) == (1, 1)


def test_paragraph_extending_another_is_not_a_near_repeat() -> None:
    # The same opening with a long addition: lengths too different for the score, both stay.
    longer = STORY + " The cause of the fire is under investigation by the state fire marshal."
    kept, _, near = drop_repeats([STORY, longer])
    assert kept == [STORY, longer] and near == 0


# --- the speed report -------------------------------------------------------------------------


def test_speed_report_prints_per_core_and_wall_rates() -> None:
    report = measure_speed(runs=1)
    assert [rate.label for rate in report.plain] == ["fixtures + residue"]
    rate = report.plain[0]
    assert rate.items > 0 and rate.per_core > 0 and rate.wall > 0 and rate.mean_bytes > 0
    text = format_report(
        speed=SpeedReport(
            plain=(rate,),
            html=Rate("pages", 3, 170_000.0, per_core=12.0, wall=6.0),
            trafilatura_per_core=10.0,
            runs=1,
        )
    )
    assert "per core" in text and "wall" in text
    assert "target >= 2,000 per core" in text and "target >= 200 per core" in text
    assert "12/s per core" in text and "166 KB" in text
