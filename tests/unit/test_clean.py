"""Unit tests of the clean stage: residue rules, paragraphs, dateline, language, HTML, errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.articles import RawArticle
from streams.clean import EmptyArticle, clean_article, match_key
from streams.clean.dateline import split_dateline
from streams.clean.language import detect_language
from streams.clean.paragraphs import drop_repeats, split_paragraphs
from streams.clean.plaintext import clean_text
from streams.clean.residue import (
    byline_author,
    is_agency_or_date,
    is_byline,
    is_contact,
    is_copyright,
    is_page_prompt,
    is_photo_credit,
    is_section_label,
    is_separator,
    is_share_chrome,
    is_teaser_link,
)
from streams.clean.sections import (
    cut_comment_section,
    drop_teaser_headlines,
    drop_title_repeats,
)

WHEN = datetime(2021, 3, 4, 12, 0, tzinfo=UTC)

STORY_1 = (
    "Gunmen opened fire on a bus carrying farm workers near the town of Dalrymple on Sunday, "
    "killing four people and wounding nine, the provincial police said."
)
STORY_2 = (
    "The attackers fled on motorcycles towards the river crossing, according to a witness who "
    "asked not to be named."
)
STORY_3 = "Police said the wounded were taken to the district hospital in Marrowby."


def raw(body: str, title: str = "Bus attack kills four near Dalrymple", **kw: object) -> RawArticle:
    return RawArticle(id="a1", source="test", title=title, body=body, published_at=WHEN, **kw)


# --- line rules: each removes its residue and keeps a similar-looking story line ------------


@pytest.mark.parametrize(
    "line", ["Adjust Comment Print", "Share | Tweet | Email", "Share this: Facebook", "Print"]
)
def test_share_chrome_is_residue(line: str) -> None:
    assert is_share_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["Share prices fell sharply on Monday.", "Print shops were closed during the curfew.", STORY_1],
)
def test_share_chrome_keeps_story(line: str) -> None:
    assert not is_share_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["Afp May 01, 2018", "By AFP", "Reuters Staff", "By: Breaking News Staff",
     "Updated: Apr 27, 2016 - 1:23 PM", "Posted on", "Associated Press"],
)
def test_agency_and_date_lines_are_residue(line: str) -> None:
    assert is_agency_or_date(line)


@pytest.mark.parametrize(
    "line",
    ["AFP reported that 12 people were killed on May 1, 2018.",
     "Reuters could not independently verify the figures.", "On May 2, 2018 the army withdrew."],
)
def test_agency_and_date_rule_keeps_story(line: str) -> None:
    assert not is_agency_or_date(line)


def test_byline_names_the_author() -> None:
    assert byline_author("By Jane Okafor, Reuters") == "Jane Okafor"
    assert is_byline("By Tom de Wit")
    assert not is_byline("By Tuesday Night the fires were out.")
    assert not is_byline("By nightfall, rescuers had pulled 12 people from the rubble.")


@pytest.mark.parametrize(
    "line",
    ["PHOTO: AFP", "(Photo: WKRN)", ". (Photo: KING 5 News)", "Image copyright Getty Images",
     "Getty Images", "(AP Photo/Jon Smith)", "Photo credit: Family photo"],
)
def test_photo_credits_are_residue(line: str) -> None:
    assert is_photo_credit(line)


@pytest.mark.parametrize(
    "line",
    ["Photos posted on social media showed smoke rising over the market.",
     "In this photo released on Monday, soldiers gather in front of a bus near Damascus.",
     "Photo: A preliminary investigation found the shots were fired from a passing car on "
     "the bridge, police said."],
)
def test_photo_rule_keeps_story(line: str) -> None:
    assert not is_photo_credit(line)


@pytest.mark.parametrize(
    "line",
    ["Read: White House says troops will stay", "Read more: Flood toll rises to 30",
     "Related: Ceasefire talks collapse", "RELATED LINKS", "1:37 Officer rescues dog from lake"],
)
def test_teaser_links_are_residue(line: str) -> None:
    assert is_teaser_link(line)


@pytest.mark.parametrize(
    "line",
    ["Read the full statement, the ministry told reporters.",
     "Related charges were filed against two other men on Friday.",
     "10:30 p.m. was when the first call came in, police said."],
)
def test_teaser_rule_keeps_story(line: str) -> None:
    assert not is_teaser_link(line)


def test_section_labels() -> None:
    assert is_section_label("UPDATE:")
    assert is_section_label("4:20 P.M. UPDATE:")
    assert not is_section_label("Update: the road has reopened to traffic.")


@pytest.mark.parametrize(
    "line",
    ["Please enable Javascript to watch this video", "Advertisement",
     "You must enter the characters with black color that stand out from the other characters",
     "Sign up for one of our email newsletters.", "We use cookies to improve your experience.",
     "Subscribe now for complete access to local news.",
     "Whenever Jane Doe posts new content, you'll get an email delivered to your inbox."],
)
def test_page_prompts_are_residue(line: str) -> None:
    assert is_page_prompt(line)


@pytest.mark.parametrize(
    "line",
    ["The victim was taken to hospital in stable condition, police said. For the latest on "
     "this story, subscribe to our newsletter.",
     "Residents were asked to sign up for emergency text alerts, the mayor said.",
     "Advertisement boards near the stadium were damaged in the blast."],
)
def test_page_prompt_rule_keeps_story(line: str) -> None:
    assert not is_page_prompt(line)


def test_copyright_contact_and_separators() -> None:
    assert is_copyright("Copyright 2016 WAFB. All rights reserved.")
    assert is_copyright("© 2017 Cox Media Group.")
    assert not is_copyright("The copyright dispute between the two stations went to court.")
    assert is_contact("jdoe@example.com")
    assert is_contact("Contact Jane Doe: jdoe@example.com or 555-201-3344.")
    assert not is_contact("Anyone with information is asked to call 555-201-3344.")
    assert is_separator("___") and is_separator("* * *")
    assert not is_separator("3")


# --- rules that need position -----------------------------------------------------------------


def test_comment_section_is_cut_to_the_end() -> None:
    paragraphs = [STORY_1, STORY_2, "COMMENTS", "Replying to X", "Great article!", "Comments FAQ"]
    kept, removed = cut_comment_section(paragraphs)
    assert kept == [STORY_1, STORY_2]
    assert removed == 4


def test_comment_section_keeps_story_about_comments() -> None:
    line = "The minister's comments drew criticism from opposition lawmakers on Monday."
    kept, removed = cut_comment_section([STORY_1, line, STORY_2])
    assert kept == [STORY_1, line, STORY_2] and removed == 0


def test_title_repeats_at_top_are_removed() -> None:
    title = "Bus attack kills four near Dalrymple"
    kept, removed = drop_title_repeats([f"  • {title}", title.upper(), STORY_1, title], title)
    assert kept == [STORY_1, title]  # only the top copies go
    assert removed == 2


def test_title_that_is_a_sentence_stays_in_body() -> None:
    kept, removed = drop_title_repeats([STORY_1, STORY_2], STORY_1)
    assert kept == [STORY_1, STORY_2] and removed == 0


def test_teaser_headline_between_story_paragraphs_is_removed() -> None:
    teaser = "Army renews push on besieged districts"
    kept, removed = drop_teaser_headlines([STORY_1, teaser, STORY_2])
    assert kept == [STORY_1, STORY_2] and removed == 1


@pytest.mark.parametrize(
    "line",
    ["Four people were killed.", '"We heard about twenty shots," said neighbour Ama Boateng',
     "The attack came hours after the ceasefire, officials said"],
)
def test_teaser_rule_keeps_short_story_lines(line: str) -> None:
    kept, removed = drop_teaser_headlines([STORY_1, line, STORY_2])
    assert line in kept and removed == 0


# --- paragraphs -------------------------------------------------------------------------------


def test_split_paragraphs_blank_lines_single_lines_and_hard_wraps() -> None:
    text = f"{STORY_1}\n\n{STORY_2}\n{STORY_3}\nThe road\nwas closed for hours.\n\n\n"
    assert split_paragraphs(text) == [STORY_1, STORY_2, STORY_3, "The road was closed for hours."]


def test_exact_and_near_repeats_keep_the_first() -> None:
    near = STORY_1.replace("Sunday", "Sunday morning").replace("’", "'")
    curly = STORY_2.replace("asked", "ASKED")
    kept, exact, near_n = drop_repeats([STORY_1, STORY_2, STORY_1, near, curly, STORY_3])
    assert kept == [STORY_1, STORY_2, STORY_3]
    assert (exact, near_n) == (2, 1)


def test_short_different_facts_are_not_near_repeats() -> None:
    kept, exact, near = drop_repeats(["Two people were killed.", "Three people were killed."])
    assert len(kept) == 2 and exact == near == 0


def test_match_key_folds_form_only() -> None:
    assert match_key("“Don’t  go” – he said\u00a0") == match_key('"don\'t go" - HE SAID')
    assert match_key("Cafe\u0301") == match_key("Café")


# --- dateline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("ERBIL, Kurdistan Region – The SDF announced the offensive.", "ERBIL, Kurdistan Region",
         "The SDF announced the offensive."),
        ("BEIRUT, SYRIA: Air strikes killed 23 civilians.", "BEIRUT, SYRIA",
         "Air strikes killed 23 civilians."),
        ("WASHINGTON (Reuters) - The Pentagon said on Monday.", "WASHINGTON (Reuters)",
         "The Pentagon said on Monday."),
        ("DAMASCUS, May 2 (Xinhua) -- Syrian troops advanced.", "DAMASCUS, May 2 (Xinhua)",
         "Syrian troops advanced."),
    ],
)
def test_dateline_split(paragraph: str, dateline: str, rest: str) -> None:
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize(
    "paragraph",
    ["UPDATE: Police have named the victim.", "ISIS - the group says - claimed it.", STORY_1],
)
def test_no_dateline(paragraph: str) -> None:
    assert split_dateline(paragraph) == (None, paragraph)


# --- language -----------------------------------------------------------------------------------


def test_language() -> None:
    assert detect_language(f"{STORY_1} {STORY_2}") == "en"
    french = (
        "Des frappes aériennes ont tué au moins vingt-trois civils dans un village du nord-est "
        "de la Syrie mardi, selon l'Observatoire syrien des droits de l'homme."
    )
    spanish = (
        "Los ataques aéreos mataron al menos a veintitrés civiles en una aldea del noreste de "
        "Siria el martes, según el Observatorio Sirio de Derechos Humanos."
    )
    assert detect_language(french) == "fr"
    assert detect_language(spanish) == "es"
    assert detect_language("Shots fired") == "und"


# --- whole article --------------------------------------------------------------------------------


def test_clean_article_plain_text() -> None:
    body = "\n\n".join([
        "  • Bus attack kills four near Dalrymple",
        "Adjust Comment Print",
        "By Jane Okafor",
        "PHOTO: AFP",
        f"DALRYMPLE, Northland – {STORY_1}",
        STORY_2,
        "Read more: Flood toll rises to 30",
        STORY_3,
        STORY_2,
        "COMMENTS",
        "Replying to X",
    ])
    article = clean_article(raw(body))
    assert article.paragraphs == [STORY_1, STORY_2, STORY_3]
    assert article.dateline == "DALRYMPLE, Northland"
    assert article.author == "Jane Okafor"
    assert article.language == "en"
    assert article.residue_removed == {
        "byline": 1, "comment_section": 2, "photo_credit": 1, "repeated_paragraph": 1,
        "repeated_title": 1, "share_chrome": 1, "teaser": 1,
    }
    assert (article.id, article.title, article.published_at) == ("a1", raw(body).title, WHEN)


def test_clean_article_keeps_original_characters_nfc() -> None:
    body = "Le maire a déclaré : « Nous sommes en deuil »,  a-t-il dit.\u00a0\n" + STORY_1
    article = clean_article(raw("Cafe\u0301 " + body))
    assert article.paragraphs[0].startswith("Café Le maire a déclaré : « Nous")
    assert "  " not in article.paragraphs[0]


HTML_PAGE = f"""<!DOCTYPE html><html><head><title>Bus attack kills four - Daily Courier</title>
<meta name="author" content="Jane Okafor"><script>var tracking = "should never appear";</script>
<style>.x {{ color: red }}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li></ul></nav>
<header><div class="logo">Daily Courier navigation banner</div></header>
<article><h1>Bus attack kills four near Dalrymple</h1>
<p>{STORY_1}</p><p>{STORY_2}</p><p>{STORY_3}</p>
<p>Officials said a curfew would remain in force in the district until further notice, and
that extra police units had been sent from the provincial capital overnight.</p></article>
<footer><p>Copyright 2021 Daily Courier footer text. Contact us. Privacy policy.</p></footer>
</body></html>"""


def test_clean_article_html() -> None:
    article = clean_article(raw(HTML_PAGE, title="", content_type="text/html"))
    text = article.text
    for sentence in (STORY_1, STORY_2, STORY_3):
        assert sentence in text
    for residue in ("should never appear", "World news section", "navigation banner", "footer"):
        assert residue not in text
    assert article.title  # filled from the page when the feed has none
    assert article.language == "en"


def test_html_fallback_reads_paragraphs() -> None:
    from streams.clean.html import _fallback_text

    text, method = _fallback_text(f"<html><body><nav>Menu</nav><p>{STORY_1}</p></body></html>")
    assert (text, method) == (STORY_1, "paragraphs")


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("", "text/plain", "empty body"),
        ("  \n\n ", "text/plain", "empty body"),
        ("Share\n\nAdvertisement\n\nCOMMENTS\n\nPosted on", "text/plain", "page residue"),
        ("<html><head><script>alert(1)</script><style>p{}</style></head><body></body></html>",
         "text/html", "no readable text"),
    ],
)
def test_empty_article(body: str, content_type: str, message: str) -> None:
    # A headline of a few words is not a story either (a longer one is kept on its own:
    # tests/unit/test_clean_residue_only.py).
    with pytest.raises(EmptyArticle, match=message):
        clean_article(raw(body, title="Latest news", content_type=content_type))


def test_empty_article_is_value_error() -> None:
    assert issubclass(EmptyArticle, ValueError)


def test_clean_text_is_pure() -> None:
    body = f"{STORY_1}\n\nShare\n\n{STORY_1}"
    assert clean_text(body) == clean_text(body)
