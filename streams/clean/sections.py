"""Residue rules that need a paragraph's position: comment sections, headline repeats, teasers.

Each function takes the paragraph list and returns the paragraphs kept and how many it removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from streams.clean.normalise import match_key

# --- comment section ---------------------------------------------------------------------------

_COMMENT_HEADER = re.compile(
    r"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?"
    r"|(?:post|leave|add|write|submit|show|view|hide|load|read)\s+(?:a\s+|your\s+|all\s+|the\s+)?"
    r"(?:\d+\s+)?comments?"
    r"|comments?\s+(?:are\s+)?(?:closed|disabled)|join\s+the\s+discussion|discussion"
    r"|\d+\s+comments?\s+(?:on|to)\s+.{1,120}$",
    re.IGNORECASE,
)
# Furniture phrases that may sit anywhere in the line; the rest must open it.
_COMMENT_PHRASES = ("comments are moderated", "comments faq", "moderates all comments")
_COMMENT_FURNITURE = re.compile(
    r"^replying\s+to\b"
    r"|^(?:please\s+)?(?:log\s*in|sign\s+in|register)\s+to\s+(?:post\s+a\s+)?comment"
    r"|^you\s+must\s+be\s+logged\s+in\s+to\s+(?:post\s+a\s+)?comment"
    r"|^commenting\s+(?:is\s+)?(?:closed|disabled|policy)|^comments\s+policy",
    re.IGNORECASE,
)


def starts_comment_section(paragraph: str) -> bool:
    """A comment-section heading ("COMMENTS", "Post a comment") or its furniture
    ("Replying to X", "Comments are moderated ...", "Log in to comment")."""
    if len(paragraph) > 300:
        return False
    lowered = paragraph.lower()
    # Fast exit for prose: every heading and furniture line names comments or discussion.
    if "comment" not in lowered and "discussion" not in lowered and "replying" not in lowered:
        return False
    text = paragraph.strip(" .:!-–—")
    if _COMMENT_HEADER.fullmatch(text) or _COMMENT_FURNITURE.match(text):
        return True
    return any(phrase in lowered for phrase in _COMMENT_PHRASES)


def cut_comment_section(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """Drop the comment section: from its first heading or furniture line to the end.

    Readers' comments are not the story, and sites put them after it; the cut only happens
    after at least one paragraph, so a page that opens with "Comments" keeps its text.
    """
    for i, paragraph in enumerate(paragraphs):
        if i > 0 and starts_comment_section(paragraph):
            return list(paragraphs[:i]), len(paragraphs) - i
    return list(paragraphs), 0


# --- the headline repeated at the top of the body ---------------------------------------------

_BULLET = re.compile(r"^[\s•·▪●◦*>-]+")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def title_keys(title: str) -> frozenset[str]:
    """Match keys of a title, with and without a " - Site Name" / " | Site" suffix."""
    if not title.strip():
        return frozenset()
    keys = {match_key(title)}
    head = _SITE_SUFFIX.split(title, maxsplit=1)[0]
    if len(head.split()) >= 3:
        keys.add(match_key(head))
    return frozenset(keys)


def drop_title_repeats(paragraphs: Sequence[str], title: str) -> tuple[list[str], int]:
    """Drop copies of the headline (plain or bulleted: "• <title>") at the top of the body.

    When the title is a whole sentence, the feed used the story's first sentence as its title:
    that sentence is story text, so it stays in the body.
    """
    keys = title_keys(title)
    if not keys or _SENTENCE_END.search(title.strip()):
        return list(paragraphs), 0
    start = 0
    while start < len(paragraphs) and match_key(_BULLET.sub("", paragraphs[start])) in keys:
        start += 1
    return list(paragraphs[start:]), start


# --- teaser headlines of other stories between story paragraphs ------------------------------

_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_HEADLINE_END = re.compile(r"[\w)%]$")
_OPENS_LIKE_HEADLINE = re.compile(r"^[A-Z0-9]")
_INNER_SENTENCE = re.compile(r"[.!?][\"'”’]?\s+[A-Z]")
# Quoted speech and attribution are story, even when the feed lost the final full stop.
_SPEECH = re.compile(r"[\"“”]|\b(?:said|says|told|according)\b", re.IGNORECASE)
_MIN_STORY_WORDS = 8
_MAX_HEADLINE_WORDS = 14


def is_story_paragraph(paragraph: str) -> bool:
    """Looks like prose: ends a sentence and is long enough to be more than a label."""
    return (
        len(paragraph.split()) >= _MIN_STORY_WORDS and _ENDS_SENTENCE.search(paragraph) is not None
    )


def is_headline_like(paragraph: str) -> bool:
    """Short, capitalised, one clause, no closing punctuation: how headlines are written."""
    if len(paragraph) > 120:
        return False
    words = len(paragraph.split())
    return (
        2 <= words <= _MAX_HEADLINE_WORDS
        and _OPENS_LIKE_HEADLINE.match(paragraph) is not None
        and _HEADLINE_END.search(paragraph) is not None
        and _INNER_SENTENCE.search(paragraph) is None
        and _SPEECH.search(paragraph) is None
    )


def drop_teaser_headlines(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """Drop headlines of other stories dropped mid-body ("Syrian army renews push on ...").

    Only a headline-like line with a story paragraph on both sides goes: a story sentence ends
    with punctuation, so it is never headline-like, and a heading at the top or bottom of the
    text is left alone because nothing shows it interrupts the story.
    """
    kept: list[str] = []
    removed = 0
    for i, paragraph in enumerate(paragraphs):
        if (
            0 < i < len(paragraphs) - 1
            and is_headline_like(paragraph)
            and is_story_paragraph(paragraphs[i - 1])
            and is_story_paragraph(paragraphs[i + 1])
        ):
            removed += 1
            continue
        kept.append(paragraph)
    return kept, removed
