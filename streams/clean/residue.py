"""Line rules for page residue in plain-text feeds: one predicate per kind of residue.

Each predicate looks at one tidied paragraph on its own and answers "is this whole paragraph
residue of my kind?". They are deliberately narrow: a paragraph is residue only when all of it
is furniture (a share bar, a photo credit, a newsletter prompt), never because it mentions a
word such as "photo" or "email". Rules that need the paragraphs around a line (comment
sections, a repeated headline, teaser headlines between story paragraphs) are in sections.py.

Patterns match the original text case-insensitively, with both ASCII and typographic quotes
and dashes, so that no per-rule normalisation is paid on the hot path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_I = re.IGNORECASE

# A paragraph longer than this is prose, whatever words it contains: no rule below looks at it.
MAX_RESIDUE_CHARS = 360

# --- share / print chrome ---------------------------------------------------------------------

_SHARE_CORE = frozenset(
    [
        "share",
        "shares",
        "sharing",
        "tweet",
        "retweet",
        "email",
        "e-mail",
        "print",
        "printer",
        "comment",
        "comments",
        "adjust",
        "facebook",
        "twitter",
        "pinterest",
        "google",
        "google+",
        "linkedin",
        "whatsapp",
        "reddit",
        "tumblr",
        "messenger",
        "sms",
        "flipboard",
        "telegram",
        "reprints",
        "permalink",
    ]
)
_SHARE_FILLER = frozenset(
    [
        "this",
        "story",
        "article",
        "page",
        "on",
        "via",
        "x",
        "more",
        "save",
        "copy",
        "link",
        "url",
        "like",
        "it",
        "a",
        "a+",
        "a-",
        "font",
        "size",
        "text",
        "close",
        "show",
        "hide",
        "transcript",
        "options",
    ]
)
_SHARE_OPENERS = frozenset(["read", "hide", "click"])
_SHARE_SPLIT = re.compile(r"[\s|•·/,;:]+")
_SHARE_PHRASE = re.compile(
    r"^(?:read or share this story:\s*\S+"
    r"|share this:?(?:\s+(?:facebook|twitter|email|print|more))*"
    r"|like this:?\s*like loading\W*"
    r"|hide transcript show transcript"
    r"|copy link copy"
    r"|click here for reuse options\W*)$",
    _I,
)


def is_share_chrome(line: str) -> bool:
    """Share/print/social button rows: "Adjust Comment Print", "Share | Tweet | Email"."""
    if len(line) > 120:
        return False
    lowered = line.lower()
    # Fast exit for prose: a share row opens with one of its own words.
    first = lowered.split(None, 1)[0].strip("|•·/,;:") if lowered else ""
    if first not in _SHARE_CORE and first not in _SHARE_FILLER and first not in _SHARE_OPENERS:
        return False
    if _SHARE_PHRASE.match(line):
        return True
    words = [w for w in _SHARE_SPLIT.split(lowered) if w]
    if not words or len(words) > 10:
        return False
    return any(w in _SHARE_CORE for w in words) and all(
        w in _SHARE_CORE or w in _SHARE_FILLER for w in words
    )


# --- agency and date-only lines -----------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DATE = (
    rf"(?:(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}))"
)
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s+[a-z]{2,4}\b)?)"
_STAMP_PART = rf"(?:{_DATE}|{_TIME}|at|on|\||-|–|,|/)"
_AGENCY_NAMES = (
    r"afp|agence france[- ]presse|reuters|ap|(?:the\s+)?associated press|xinhua"
    r"|anadolu(?:\s+agency)?|dpa|efe|ani|pti|ians|upi|sana|irna|tass|bna|wam|kuna"
    r"|bbc(?:\s+news)?|cnn|al[- ]?jazeera|bloomberg"
)
# "<up to five words> staff / wire / news service": the one alternative that can open with any
# word, and the costly one (it backtracks over the words of every line).
_AGENCY_GENERIC = (
    r"[\w.'\u2019&-]+(?:\s+[\w.'\u2019&-]+){0,4}\s+(?:staff(?:\s+writers?)?|wire|news\s+service)"
)
_AGENCY_DESKS = r"staff(?:\s+(?:reports?|writers?))?|wire\s+reports?|news\s+desk|web\s+desk"
_AGENCY = rf"(?:{_AGENCY_NAMES}|{_AGENCY_GENERIC}|{_AGENCY_DESKS})"
# The agency line is _AGENCY followed by stamps, in two regexes: the generic alternative only
# runs when the line holds one of the words it needs (staff, wire, news), which halves the
# rule's cost on story lines. Together they match exactly what one regex of _AGENCY would.
_AGENCY_NAMED_LINE = re.compile(
    rf"^(?:by:?\s+)?(?:{_AGENCY_NAMES}|{_AGENCY_DESKS})(?:\s*{_STAMP_PART})*\s*$",
    _I,
)
_AGENCY_GENERIC_LINE = re.compile(
    rf"^(?:by:?\s+)?(?:{_AGENCY_GENERIC})(?:\s*{_STAMP_PART})*\s*$",
    _I,
)
_STAMP_LINE = re.compile(
    rf"^(?:(?:posted|updated|published|last\s+updated|created|modified)(?:\s+(?:on|at))?:?\s*)"
    rf"?(?:{_STAMP_PART}\s*)*$",
    _I,
)
_HAS_DIGIT_OR_WORD = re.compile(r"\w")


def is_agency_or_date(line: str) -> bool:
    """Agency and date stamps: "Afp May 01, 2018", "By AFP", "Reuters Staff", "Posted on"."""
    if len(line) > 120:
        return False
    if _AGENCY_NAMED_LINE.match(line):
        return True
    lowered = line.lower()
    if (
        "staff" in lowered or "wire" in lowered or "news" in lowered  # _AGENCY_GENERIC's words
    ) and _AGENCY_GENERIC_LINE.match(line):
        return True
    return bool(_HAS_DIGIT_OR_WORD.search(line)) and bool(_STAMP_LINE.match(line))


# --- bylines with a name (the name is kept as the author) -----------------------------------

_NAME_WORD = r"[A-Z][\w.'\u2019-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|da|van|von|der|al|bin|el|la|le|di)){{1,3}}"
_NOT_A_NAME = re.compile(
    rf"^(?:{_WEEKDAY}|{_MONTH}|the|then|now|this|that|late|early|noon|midnight)\b", _I
)
_BYLINE = re.compile(
    rf"^By:?\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    rf"(?i:\s*[,|/–—-]\s*(?:{_AGENCY}|[\w ]{{1,30}}(?:writer|reporter|editor|correspondent)))?"
    rf"(?i:\s*{_STAMP_PART})*\s*$",
)


def byline_author(line: str) -> str | None:
    """The author named by a byline paragraph ("By Jane Doe, Reuters"), or None."""
    if len(line) > 160:
        return None
    m = _BYLINE.match(line)
    if m is None or _NOT_A_NAME.match(m.group("names")):
        return None
    return m.group("names")


def is_byline(line: str) -> bool:
    """Bylines naming a person: "By Jane Doe", "By: John Smith | Staff Writer"."""
    return byline_author(line) is not None


# --- photo credits ----------------------------------------------------------------------------

_PHOTO = re.compile(
    r"^[\s.(\[]*(?:"
    r"(?:(?:ap|afp|reuters|file|getty|staff|epa)\s+)?(?:photo|photograph|image|picture|pic)s?"
    r"(?:\s+(?:copyright|credit|courtesy|by|via|source|caption))?\s*[:/]"
    r"|(?:photo|photograph|image|picture)s?\s+(?:copyright|courtesy|credit|via|caption)\b"
    r"|(?:photo|photograph|picture)s?\s+by\s+[\w .'’/-]{2,60}\W*$"
    r"|(?:[\w .&-]{0,40}/)?(?:getty\s+images|shutterstock|istock(?:photo)?|ap\s+photo"
    r"|epa(?:-efe)?|afp)(?:/[\w .'’-]+)?[\s.)\]]*$"
    r")",
    _I,
)


_GALLERY = re.compile(r"\bimage\s+\d+\s+of\b", _I)
# A credit names a photographer or agency; more words than this after "Photo:" is a caption,
# which can carry a story sentence, so it stays.
_MAX_CREDIT_WORDS = 10


def is_photo_credit(line: str) -> bool:
    """Photo credits and gallery labels: "PHOTO: AFP", "(Photo: WKRN)", "Getty Images"."""
    if len(line) > 200:
        return False
    m = _PHOTO.match(line)
    if m is None:
        return False
    return len(line[m.end() :].split()) <= _MAX_CREDIT_WORDS or bool(_GALLERY.search(line))


# --- teasers for other stories -----------------------------------------------------------------

_TEASER = re.compile(
    r"^(?:(?:read|read\s+more|related|related\s+(?:stories|story|coverage|content|articles?)"
    r"|also\s+read|also\s+see|see\s+also|more|more\s+(?:from|on)\b[^:]{0,40}|watch|watch\s+more"
    r"|recommended|trending(?:\s+stories)?|top\s+stories|you\s+may\s+also\s+like"
    r"|don['’]t\s+miss|in\s+other\s+news|editor['’]s\s+picks)\s*(?::|\||»|>>)"
    r"|(?:related\s+links|previous\s+stories|more\s+local\s+news|more\s+stories\b.{0,60}"
    r"|read\s+more\s+top\s+trending\s+stories\b.{0,60}|more\s+\w+\s+news|in\s+other\s+shootings:?)"
    r"\s*$"
    r"|\d{1,2}:\d{2}\s+(?![ap]\.?\s?m\b)\S)",
    _I,
)


def is_teaser_link(line: str) -> bool:
    """Links to other stories: "Read: ...", "Related: ...", "1:37 Video headline"."""
    return len(line) <= 200 and _TEASER.match(line) is not None


# --- section labels of live-updated pages --------------------------------------------------

_LABEL = re.compile(
    r"^(?:\d{1,2}:\d{2}\s*[ap]\.?\s?m\.?\s+)?(?:update|updated|editor['’]s\s+note|first\s+report"
    r"|original\s+story|previous|breaking(?:\s+news)?|developing(?:\s+story)?"
    r"|for\s+immediate\s+release|quick\s+facts|incident\s+update|also)\s*:?$",
    _I,
)


def is_section_label(line: str) -> bool:
    """Labels of live-updated pages: "UPDATE:", "4:20 P.M. UPDATE:", "ORIGINAL STORY"."""
    return len(line) <= 60 and _LABEL.match(line) is not None


# --- navigation, captcha, cookie, newsletter and subscription prompts ------------------------

_PROMPT_LINE = re.compile(
    r"^(?:advertisement|advertisment|sponsored(?:\s+content)?|close|skip|menu|search|home"
    r"|loading\W*|just\s+one\s+more\s+thing\W*|why\s+are\s+we\s+asking\s+this\?"
    r"|already\s+have\s+an\s+account\?|already\s+a\s+subscriber\?|thank\s+you\s+for\s+registering!?"
    r"|total\s+access|get\s+digital\s+access|page\s+\d+\s+of\s+\d+|scroll\s+down\s+for\s+video"
    r"|watch\s+this\s+story|previous|next|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content"
    r"|today|tonight|tomorrow|subscribe|sign\s+in|sign\s+up|log\s*in|register|newsletter)\W*$",
    _I,
)
# Each phrase with a literal that must occur in the lowercased line: a substring test per
# literal is ~50x cheaper than one big case-insensitive alternation scanned over every story
# paragraph, and story paragraphs are most of what this function sees.
_PROMPT_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (trigger, re.compile(pattern))
    for trigger, pattern in (
        (
            "javascript",
            r"please enable javascript|javascript (?:is )?(?:required|disabled)"
            r"|requires javascript",
        ),
        (
            "notification",
            r"your notification has been saved|problem saving your notification"
            r"|email notifications are only sent|get email notifications on",
        ),
        ("new content", r"posts new content, you['’]ll get an email"),
        (
            "characters",
            r"you must enter the characters|(?:enter|type) the characters "
            r"(?:you see|shown)",
        ),
        ("captcha", r"captcha"),
        ("robot", r"(?:i['’]?m|(?:you|you['’]re|you are)) not a robot"),
        ("verification", r"verification (?:email|message)"),
        ("activate your", r"activate your (?:[\w.]+ )?(?:profile|account)"),
        ("registration", r"by submitting your registration"),
        (
            "newsletter",
            r"sign up for (?:one of )?our (?:[\w-]+ )?(?:email )?newsletters?"
            r"|email newsletters|subscribe to (?:our|the) (?:[\w-]+ )?newsletter",
        ),
        (
            "cookie",
            r"(?:we|this (?:site|website)) uses? cookies|cookie (?:policy|settings)"
            r"|accept (?:all )?cookies",
        ),
        ("sign in", r"sign in using|welcome back\. please sign in"),
        (
            "click ",
            r"click (?:here|on the button below) to (?:return|subscribe|sign|set up"
            r"|download|log|register)|for updates and more news click here",
        ),
        ("download the", r"download the [\w .-]{1,40} app"),
        ("zip", r"zip ?code is not in our|re-enter zip code"),
        ("home delivery", r"enjoy the convenience of home delivery"),
        ("subscribe ", r"subscribe (?:now|today)"),
        ("start your", r"start your (?:free )?(?:trial|subscription)"),
        (
            "facebook",
            r"follow [\w.@]+ ?: ?facebook|join the conversation on the [\w .]{1,30} "
            r"facebook page",
        ),
        ("stay up to date", r"stay up to date, follow"),
        ("stay with", r"stay with [\w.]+ for more details"),
        ("report an error", r"report an error or submit a tip"),
        ("{*", r"\{\*.*\*\}"),
        ("anytime:", r"get the latest from .{1,60}anytime:"),
        ("free apps", r"free apps \|"),
        ("owner of this", r"you are the owner of this article"),
        ("neighborhood news", r"for more neighborhood news, listen"),
        ("look forward", r"we look forward to seeing you on"),
        ("radio here", r"listen to [\w ]{1,30} radio here"),
    )
)


#: Prompts are short; the longest seen in crawls is about 200 characters.
MAX_PROMPT_CHARS = 240


# Letters rare in English prose, rarest first (and "{", which opens a template placeholder).
_RARE_FIRST = "{jzqxkvbpgwyf"


def _anchor(trigger: str) -> str:
    """The tail of a trigger from its rarest letter on (at least 5 characters), or the trigger.

    Every line holding the trigger holds its anchor, so a line without any anchor holds no
    trigger. One regex over the anchors rejects a prose line in about half the time of 30
    substring tests: the regex engine only stops at characters that open an anchor, and
    anchors open with rare letters.
    """
    for letter in _RARE_FIRST:
        i = trigger.find(letter)
        if i != -1 and len(trigger) - i >= min(5, len(trigger)):
            return trigger[i:]
    return trigger


_Trie = dict[str, "_Trie"]


def literal_trie_pattern(literals: Iterable[str]) -> str:
    """A regex matching any of `literals`, written as a trie ("b(?:orhood news|scribe )|...").

    It matches what "a|b|c" matches, faster: where a flat alternation tries every literal at
    each candidate position, the trie tries one branch per character.
    """
    trie: _Trie = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        ends_here = "" in node
        if len(branches) == 1 and not ends_here:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")

    return build(trie)


_PROMPT_ANCHORS = re.compile(literal_trie_pattern({_anchor(t) for t, _ in _PROMPT_PHRASES}))


def _prompt_phrase_start(lowered: str) -> int:
    """Where the first prompt phrase starts in a lowercased line, or -1."""
    # Most lines are prose and hold no trigger: the anchors' regex says so in one pass.
    if _PROMPT_ANCHORS.search(lowered) is None:
        return -1
    starts = [
        m.start()
        for trigger, pattern in _PROMPT_PHRASES
        if trigger in lowered and (m := pattern.search(lowered)) is not None
    ]
    return min(starts, default=-1)


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+")
# A prompt glued after a story sentence ("..., police said. Subscribe to ...") keeps the
# paragraph: losing the sentence costs more than keeping the prompt.
_MIN_SENTENCE_WORDS = 6


def is_page_prompt(line: str) -> bool:
    """Navigation, captcha, cookie, newsletter and subscription prompts of the crawled page."""
    if len(line) > MAX_PROMPT_CHARS:
        return False
    if _PROMPT_LINE.match(line):
        return True
    start = _prompt_phrase_start(line.lower())
    if start < 0:
        return False
    breaks = list(_SENTENCE_BREAK.finditer(line, 0, start))
    return not breaks or len(line[: breaks[-1].start()].split()) < _MIN_SENTENCE_WORDS


# --- copyright notices -------------------------------------------------------------------------

_COPYRIGHT_START = re.compile(r"^\W*(?:copyright\b|©|\(c\)\s*\d{4})", _I)


def is_copyright(line: str) -> bool:
    """Copyright notices: "© 2016 Cox Media Group.", "Copyright 2016 WAFB. All rights reserved."."""
    if len(line) > MAX_RESIDUE_CHARS:
        return False
    if _COPYRIGHT_START.match(line) and len(line) <= 160:
        return True
    lowered = line.lower()
    return "all rights reserved" in lowered or "may not be published, broadcast" in lowered


# --- contact lines -----------------------------------------------------------------------------

_CONTACT_ITEM = (
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30}|(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4})"
)
_CONTACT = re.compile(
    rf"^(?:(?:contact|email|e-mail|twitter|follow|reach)\b[^:@]{{0,40}}:?\s*"
    rf"|[\w .'’-]{{1,40}}:\s*)?{_CONTACT_ITEM}(?:\s*(?:or|,|\||and)\s*{_CONTACT_ITEM})*\W*$",
    _I,
)


def is_contact(line: str) -> bool:
    """Reporter contact lines: "jdoe@example.com", "Contact Jane Doe: jdoe@x.com or 555-..."."""
    return len(line) <= 120 and _CONTACT.match(line) is not None


# --- separators --------------------------------------------------------------------------------

_SEPARATOR = re.compile(r"^[\W_]+$")


def is_separator(line: str) -> bool:
    """Lines with no letters or digits: "___", "* * *", "..........", "###"."""
    return _SEPARATOR.match(line) is not None


#: Line rules in the order they are tried; the first that matches names the kind removed.
LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("separator", is_separator),
    ("share_chrome", is_share_chrome),
    ("agency_date", is_agency_or_date),
    ("byline", is_byline),
    ("photo_credit", is_photo_credit),
    ("teaser", is_teaser_link),
    ("section_label", is_section_label),
    ("page_prompt", is_page_prompt),
    ("copyright", is_copyright),
    ("contact", is_contact),
)


def residue_kind(line: str) -> str | None:
    """The kind of residue a whole paragraph is, or None when it may be story text."""
    if len(line) > MAX_RESIDUE_CHARS:
        return None
    for kind, rule in LINE_RULES:
        if rule(line):
            return kind
    return None
