"""Casualty figures (killed, injured, missing, arrested, displaced) as stated, one claim each.

Each figure keeps its qualifier ("at least 23" -> at_least), who it counts, a breakdown
("including 10 children"), the source it is attributed to and whether it is background (about
an earlier or other incident). Ages, times, addresses, years and phone numbers are not counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from schemas.articles import CasualtyClaim, CasualtyKind, Qualifier
from streams.extract.dates import find_dates
from streams.extract.numbers import NUMBER_PATTERN, QUALIFIER_PATTERN, QUALIFIERS, parse_number
from streams.extract.text import (
    MONTHS,
    WEEKDAYS,
    Sentence,
    ascii_lower_words,
    caseless_search,
    lower_word_set,
    lowercase_twin,
)

_WHO: dict[str, str] = {}
for _canon, _words in {
    "civilians": "civilian civilians non-combatants noncombatants",
    "children": "child children kids kid boy boys girl girls baby babies infant infants toddler "
    "toddlers minors minor",
    "fighters": "fighter fighters militants militant soldiers soldier troops forces rebels rebel "
    "jihadists jihadist gunmen insurgents insurgent combatants members servicemen personnel",
    "police": "police officer officers policeman policemen deputy deputies trooper troopers "
    "cops cop agents agent",
    "suspects": "suspect suspects gunman shooter shooters attacker attackers",
    "women": "women",
    "people": "people persons person man men woman victim victims others residents individuals "
    "teen teens teenager teenagers student students adult adults bystanders bystander "
    "passengers passenger worshippers protesters protestors demonstrators workers worker "
    "villagers relatives family members syrians iraqis afghans americans patrons customers "
    "pedestrians pedestrian driver drivers occupants guests partygoers youths youth juveniles "
    "juvenile males male females female",
}.items():
    for _w in _words.split():
        _WHO.setdefault(_w, _canon)

_WHO_WORD = "|".join(sorted((re.escape(w) for w in _WHO), key=len, reverse=True))
_NUM = rf"(?:(?P<q>{QUALIFIER_PATTERN})\s+)?(?P<n>{NUMBER_PATTERN})"

# Verb phrases per kind, for figures after the number ("23 civilians were killed").
_AFTER_VERBS: list[tuple[str, str]] = [
    (
        "killed",
        # (Headlines write "shot, killed" and "shot, wounded" for "shot and ...".)
        r"shot(?:,? and killed|, killed| dead| to death)|stabbed to death|fatally (?:shot|wounded|"
        r"injured|stabbed|struck)|killed|dead|died|slain|murdered|perished|"
        r"lost (?:their|his|her) lives|were fatalities|deceased",
    ),
    (
        "injured",
        r"shot(?:,? and|,) (?:wounded|injured)|injured|wounded|hurt|hospitali[sz]ed|"
        r"(?:treated|taken (?:\w+ly )?to (?:a |the )?hospital|transported)|struck by (?:gunfire|"
        r"bullets|pellets|stray)|in (?:critical|serious|stable|fair|good) condition|"
        # ("suffered gunshot wounds" is a shot total, below: the dead suffered them too.)
        # ("suffered non-life threatening injuries": up to two words say how bad.)
        r"(?:suffered|sustained) (?!gunshot|multiple gunshot)(?:[\w-]+ ){0,2}?(?:injuries|wounds)|"
        r"grazed|expected to (?:survive|recover|live)|"
        # "a shooting that sent four people to the hospital", "two men are in the hospital"
        # ("both are at an area hospital and are expected to be OK")
        r"(?:to|in|at) (?:a |the |an )?(?:area |local |nearby )?hospitals?",
    ),
    # "4 hit in shooting", "two people hit by gunfire": "hit" alone is too general (a car).
    (
        "shot",
        r"shot|struck|hit by (?:a |an )?(?:stray )?(?:gunfire|bullets?|rounds?|stray)|"
        r"hit in (?:a |an |the )?(?:[\w-]+ )?(?:shooting|gunfire|crossfire)|"
        # "found 3 victims with gunshot wounds": shot, dead or alive (a shot total).
        r"(?:suffering (?:from )?|suffered |sustained |with )(?:apparent |multiple |possible |"
        r"\w+-threatening )?gunshot(?: wounds?)?",
    ),
    ("missing", r"missing|unaccounted for"),
    (
        "arrested",
        r"arrested|detained|taken into custody|in custody|apprehended|"
        r"booked|charged",
    ),
    ("displaced", r"displaced|fled (?:their|the) homes|made homeless|evacuated"),
]
# Verbs and nouns that take the figure after them ("killed at least 23", "the deaths of 25").
_BEFORE_VERBS: list[tuple[str, str]] = [
    (
        "killed",
        r"killed|killing|kills|kill|slew|slaying|deaths? of|death toll (?:\w+ ){0,3}"
        r"(?:to|at|of|is|was|stands at|rose to)|bodies of|claimed the lives of|"
        r"killing at least|murdered|murder of|dead:|fatalities:|toll (?:\w+ ){0,2}to",
    ),
    (
        "injured",
        r"injured|injuring|injures|injure|wounded|wounding|wounds|wound|hurt|hurting|"
        r"injured:",
    ),
    ("shot", r"shot|shooting|shoots|struck"),
    ("arrested", r"arrested|arresting|arrests|detained|detaining"),
    ("displaced", r"displaced|displacing|displacement of"),
]


def _wordset(text: str) -> frozenset[str]:
    """A set of words written as one string (easier to read and keep than a list)."""
    return frozenset(text.split())


_CLAUSE_OPENERS = "(?:after|before|when|while|since|following|as)"


def _after_pattern(verbs: str) -> str:
    """A head count's words after it: an optional "who", then helper words, then `verbs`."""
    # (Case-insensitive, and in lower case for `lowercase_twin`: "[a-z]" takes "A-Z" too.)
    # (The words before "who" never open a clause of their own: in "2 arrested after teen
    # shot" the two are not the teen.)
    return (
        rf"^\s*(?P<who>(?:(?!{_CLAUSE_OPENERS}\b)[a-z'-]+\s+){{0,3}}?(?:{_WHO_WORD})\b)?,?\s*"
        r"(?:\((?:[^)]{0,60})\)\s*)?"
        # "Three victims, a 25-year-old man, a 26-year-old man, and a 33-year-old man, were all
        # transported": a list of them set off by commas, each item opened by "a"/"an"/"and".
        r"(?:,\s*(?:(?:and\s+)?an?\s+[^,.;()]{1,40}?,\s*){1,6})?"
        # "two other people - both juveniles - were taken to a hospital": set off by dashes.
        r"(?:[-\u2013\u2014]\s+[^-\u2013\u2014.;]{1,40}?\s+[-\u2013\u2014]\s*)?"
        r"(?:,?\s*including [^,.;]{1,60},\s*)?"
        r"(?:(?:who|that|were|was|have|has|had|are|is|been|being|got|all|both|also|later|now|"
        r"reportedly|were reported|confirmed|believed|to|be|found|left|remain|remained|"
        r"and|critically|seriously|fatally|others|people|in|the|attack|shooting|strike|"
        r"strikes|blast|explosion|of|them|whom|those|"
        # "four people were rushed to the hospital": how they got there (the verb is "to").
        r"sent|rushed|brought|flown|airlifted|taken|"
        # "all four victims are listed in stable condition": how their state is given.
        r"listed|"
        # "two teenagers were accidentally shot": how it happened, not who or how many.
        r"accidentally|allegedly|apparently|mistakenly|unintentionally)\s+){0,5}"
        rf"(?P<verb>{verbs})\b"
    )


def _before_pattern(verbs: str) -> str:
    """A head count's words before it: `verbs`, then "a total of" or "an estimated" at most."""
    return rf"\b(?P<verb>{verbs})\s+(?:(?:a total of|an? estimated)\s+)?$"


_AFTER_RES = [
    (kind, re.compile(_after_pattern(verbs), re.IGNORECASE)) for kind, verbs in _AFTER_VERBS
]
_BEFORE_RES = [
    (kind, re.compile(_before_pattern(verbs), re.IGNORECASE)) for kind, verbs in _BEFORE_VERBS
]
_NUM_RE = re.compile(rf"(?<![\w$#/.-]){_NUM}\b", re.IGNORECASE)
_NUM_LOWER = lowercase_twin(_NUM_RE)
_ONE_PERSON = re.compile(
    r"\b(?P<n>[Aa]n?|[Oo]ne)\s+(?:(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old\s+)?(?:[a-z-]+\s+){0,2}?"
    rf"(?P<who>{_WHO_WORD})\b(?!\s+(?:of|who\s+(?:said|told|saw|called|lives)))",
)
# One person, told by grammar rather than a number: local news says "Smith, 28, died",
# "the victim was pronounced dead", "he shot and killed his 9-year-old brother". A singular
# subject ("was", a name, an age, "he") or a singular object ("his/a <noun>") makes it one.
_SINGULAR = (
    r"victim|man|woman|boy|girl|teen|teenager|child|toddler|infant|baby|driver|passenger|"
    r"officer|deputy|trooper|suspect|gunman|shooter|resident|student|mother|father|mom|dad|son|"
    r"daughter|brother|sister|husband|wife|friend|girlfriend|boyfriend|cousin|uncle|aunt|"
    r"grandmother|grandfather|neighbor|neighbour|roommate|clerk|guard|person|male|female|"
    r"juvenile|youth|teenage|stepson|stepfather|nephew|niece|fiancee|fiance|owner|employee|"
    r"customer|pedestrian|motorist|homeowner|newborn|hunter|grandson|granddaughter|"
    r"stepdaughter|worker|bystander|kid"
)
_DEATH_PASSIVE = (
    r"shot and killed|killed|fatally (?:shot|wounded|injured|stabbed|struck)|shot dead|"
    r"shot to death|stabbed to death|beaten to death|pronounced dead|found dead|declared dead|"
    r"murdered|slain"
)
_ONE_DIED = re.compile(
    # "X was killed": "was" (not "were") makes the subject one person.
    rf"\b(?:was|has been|had been)\s+(?:(?:\w+ly|later|then|also|reportedly)\s+)?"
    rf"(?:{_DEATH_PASSIVE})\b"
    # "shot and killed his 9-year-old brother", "fatally shot himself".
    r"|\b(?:shot and killed|shoots and kills|fatally (?:shot|shoots|stabbed|stabs)|killed|kills|"
    r"killing|murdered)\s+(?:him|her)self\b"
    r"|\b(?:shot and killed|shoots and kills|fatally (?:shot|shoots|stabbed|stabs|wounded)|"
    r"killed|kills|killing|murdered)\s+(?:his|her|their|a|an)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{_SINGULAR})\b"
)
# "Halbrook, 28, died", "He later died", "the victim succumbed" (a scan at every capital
# letter: run only on sentences that say "died" or "succumbed").
_ONE_DIED_SUBJECT = re.compile(
    rf"(?:\b[A-Z][a-z]+|\b\d{{1,2}},|\b(?:[Hh]e|[Ss]he|{_SINGULAR}))\s+"
    r"(?:(?:later|eventually|then|subsequently|has|had|reportedly|also)\s+)?"
    r"(?:died|succumbed)\b"
    # "a young child was shot and later died": the one shot died.
    r"|\b(?:was|been)\s+(?:\w+\s+){0,2}?(?:shot|wounded|injured|hurt)\s+(?:\w+\s+){0,6}?and\s+"
    r"(?:(?:later|eventually|then|subsequently)\s+)?(?:died|succumbed)\b"
)
# Words one of which each pattern above needs: sentences with none skip the scans.
_ONE_DIED_WORDS = _wordset("killed kills killing murdered dead death slain fatally")
_DIED_WORDS = _wordset("died succumbed")
_ONE_GUNSHOT_WOUND = re.compile(r"suffered\s+(?:a|one)\s+(?:[\w-]+\s+){0,2}?gunshot")
# After one person told hurt, a death told later in the sentence is that person's.
_LATER_DIED = re.compile(r"\b(?:died|dies|succumbed|passed away)\b")
_LATER_DIED_WORDS = _wordset("died dies succumbed passed")
_ONE_HURT_WORDS = _wordset(
    "condition wounded wounding injured injuring hurt grazed hospitalized hospitalised wound shot"
    " fighting remains remained"
)
# One person hurt, told by grammar: "Jessica Daugherty is in serious condition", "the boy was
# wounded", "suffered a gunshot wound", "shot a 13-year-old in the leg", "wounding his father".
_ONE_HURT = re.compile(
    r"\b(?:is|was|remains|remained)\s+(?:(?:listed|reported|still|now)\s+)?in\s+"
    r"(?:critical|serious|stable|fair|good|grave|guarded)(?:\s+but\s+stable)?\s+condition\b"
    # ("fatally injured", "a fatal gunshot wound": a death, not someone hurt.)
    r"|\b(?:was|has been|had been)\s+(?:(?!fatally\b)(?:\w+ly|also|then|later|reportedly)\s+)?"
    r"(?:wounded|injured|hurt|grazed|hospitali[sz]ed|shot and (?:wounded|injured))\b"
    r"|\bsuffered\s+(?:a|one)\s+(?:(?!fatal\b|deadly\b)[\w-]+\s+){0,2}?(?:gunshot|bullet|graze)"
    r"\s+wound\b"
    r"|\b(?:wounded|wounding|injured|injuring)\s+(?:his|her|their|a|an)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{_SINGULAR})\b"
    r"|\bshot\s+(?:his|her|a|an)\s+(?:[\w-]+\s+){0,2}?(?:[\w-]+)\s+in\s+the\s+"
    r"(?:leg|legs|foot|feet|arm|arms|hand|hands|shoulder|hip|thigh|knee|ankle|buttocks|back|"
    r"side|abdomen|stomach|wrist|finger|elbow)\b(?!\s+of\s+(?:the|his|her)\s+(?:head|face|neck))"
    # One more victim after the others are counted: "killing three men and wounding another",
    # "left three people dead and another injured", "a third was hurt".
    r"|\b(?:wounding|injuring|wounded|injured|hurting)\s+(?:another|a\s+(?:second|third|"
    r"fourth|fifth|sixth))\b(?!\s+(?:\w+\s+)?(?:people|persons|men|women|victims|others))"
    r"|(?:\band|,)\s+(?:another|a\s+(?:second|third|fourth|fifth|sixth))(?:\s+[\w-]+){0,2}?"
    r"\s+(?:(?:was|is|got|being)\s+)?(?:(?:\w+ly)\s+)?(?:wounded|injured|hurt)\b"
    # "another is fighting for her life": one person alive and badly hurt.
    r"|\b(?:is|was|remains|remained)\s+(?:still\s+)?fighting\s+for\s+(?:his|her)\s+life\b"
    # "An 8-year-old girl has died and her mother remains in the hospital".
    r"|\b(?:remains|remained)\s+(?:in\s+(?:the|a)\s+hospital|hospitali[sz]ed)\b"
    # A sentence of its own after the dead: "Another 15-year-old in the car was also shot."
    r"|^Another\s+(?:[\w-]+\s+){0,6}?(?:was|is)\s+(?:(?:also|then|later|\w+ly)\s+){0,2}"
    r"(?:shot|wounded|injured|hurt|grazed)\b(?![^.]*\b(?:killed|dead|died|dies|death)\b)"
)
# Two people hurt, each named by a singular noun: "An adult female and a 3-year-old child
# were both shot and injured", "a 26-year-old woman and a 30-year-old man are in stable
# condition".
_ONE_NOUN = rf"(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?(?:{_SINGULAR})(?:,\s*\d{{1,2}},)?"
_TWO_HURT = re.compile(
    rf"\b{_ONE_NOUN}\s+and\s+{_ONE_NOUN}\s+(?:were|are|have\s+been|had\s+been)\s+"
    r"(?:both\s+)?(?:(?:\w+ly|also|then|later|reportedly|each)\s+)?"
    r"(?:(?P<shot>shot)\b(?!\s+(?:and\s+)?(?:killed|dead)|\s+to\s+death)"
    r"|wounded|injured|hurt|grazed|hospitali[sz]ed"
    r"|(?:listed\s+)?in\s+(?:critical|serious|stable|fair|good|grave)\s+condition)\b",
    re.IGNORECASE,
)
# What _TWO_HURT needs after its two nouns, searched first: a cheap scan that most sentences
# fail, where _TWO_HURT tries every article-and-noun in the sentence.
_TWO_HURT_VERB = re.compile(
    r"\b(?:were|are|been)\s+(?:both\s+)?(?:\w+\s+)?(?:shot|wounded|injured|hurt|grazed"
    r"|hospitali[sz]ed|in\s+\w+\s+condition|listed)\b",
    re.IGNORECASE,
)
# Words one of which _TWO_HURT needs: sentences with none skip the scan.
_TWO_HURT_WORDS = _wordset("shot wounded injured hurt grazed hospitalized hospitalised condition")
# "Both victims are expected to survive", "both teens were in good condition": two people
# hurt, told by "both" and a hurt verb after it; not where the sentence tells a death ("both
# were taken to a hospital, where one died"), and never as dead ("both were killed" is left
# to the counts).
_BOTH = re.compile(r"\b[Bb]oth\s+(?=(?:of (?:them|the \w+)\s+|the \w+\s+|\w+\s+)?(?:were|are)\b)")
_BOTH_WORD = frozenset({"both"})
_DAY_WORDS = frozenset([*WEEKDAYS, *MONTHS, "today", "yesterday", "tonight", "overnight"])
# "left a 7-year-old girl dead and her grandmother wounded", "girl killed, grandmother
# injured": one more person, hurt, after the dead (sought only where a death is told).
_ONE_MORE_HURT = re.compile(
    rf"(?:\band|,)\s+(?:(?:his|her|their|a|an|the)\s+)?(?:[\w]+-year-old\s+)?(?:{_SINGULAR})"
    r"\s+(?:(?:was|is|got|left)\s+)?(?:(?:\w+ly)\s+)?(?:wounded|injured|hurt)\b"
)
_DEAD_WORDS = _wordset("dead killed died dies slain")
# Before "was killed": a negation says nobody died ("no one was killed"); a plural subject
# ("were") never matches the passive branch at all.
# "two others were shot", "three more people were hit": not counting the dead told elsewhere.
_OTHERS_AFTER = re.compile(
    rf"(?:(?:{QUALIFIER_PATTERN})\s+)?{NUMBER_PATTERN}\s+(?:other|others|more|additional)\b", re.I
)
_NO_BEFORE = re.compile(r"\b(?:no|not)\s+$", re.I)
# ("No one else was hurt" denies as much as "no one was hurt".)
_NOBODY_BEFORE = re.compile(
    r"\b(?:no one|nobody|none|neither|no-one|not one)(?:\s+else)?\s+$", re.I
)
# "nobody else inside the car had been injured", "asked if anyone was hurt": a denial or a
# question farther before the verb than _NOBODY_BEFORE looks.
_NOBODY_CLAUSE = re.compile(
    r"\b(?:[Nn]o one|[Nn]obody|[Nn]o-one|[Nn]one of|[Nn]o other)\b(?:\s+[\w-]+){0,5}\s+$"
    r"|\b(?:if|whether)\s+(?:anyone|anybody)\s+$"
)
# A headline names one victim without a number: "Teen dead after shooting", "Man killed".
_TITLE_ONE_DEAD = re.compile(
    rf"^(?:[\w'-]+(?:\s+[\w'-]+)?:\s+)?(?:[\w'-]+\s+){{0,2}}?(?:{_SINGULAR})\s+"
    r"(?:(?:is|was|found|shot)\s+)?"
    r"(?:dead|killed|dies)\b",
    re.IGNORECASE,
)
# A headline drops the article before the one it says was killed: "Drive-by shooting kills teen
# girl", "6-year-old fatally shoots grandfather" (the body's "a man was killed" is _ONE_DIED's).
# Not "killed by father": that names the killer.
_TITLE_KILLS_ONE = re.compile(
    r"\b(?:kills|killed|fatally\s+(?:shoots|shot|stabs|stabbed)|shoots\s+and\s+kills|"
    r"shoots,\s+kills)\s+(?:(?!and\b|by\b)[\w'-]+\s+){0,2}?"
    rf"(?:{_SINGULAR})\b(?!\s+and\b|,\s*(?:\d|[\w'-]+\s+and\b))",
    re.IGNORECASE,
)
# A headline names one victim hurt without a number: "Boy, 3, wounded in accidental shooting",
# "Teen accidentally shot in northwest Charlotte", "16-Year-Old Accidentally Shot". "Shot"
# alone counts the dead too (the victim may have died), so it is a shot total (`find_claims`
# takes it off a death told in the article); "wounded", "injured" and "hurt" say the victim lived.
_TITLE_ONE_HURT = re.compile(
    # ("Police: Youth wounded ...", "UPDATE: Boy shot ...": a source or a label first; "2
    # arrested after teen shot in head": the victim in a clause after what followed.)
    r"(?:^(?:[\w'-]+(?:\s+[\w'-]+)?:\s+)?|\b(?:after|when|as)\s+)"
    rf"(?:[\w'-]+\s+){{0,2}}?(?:{_SINGULAR}|(?:\d{{1,2}}|[a-z]+)-year-old)(?:,\s*\d{{1,2}},)?\s+"
    r"(?:(?:is|was|gets|accidentally|critically|seriously|badly|reportedly|hospitalized)\s+){0,2}"
    r"(?:(?P<shot>shot)|wounded|injured|hurt|grazed|hospitali[sz]ed)\b"
    r"(?!,?\s+(?:and\s+)?(?:killed|dead|dies|died|to\s+death|kill))"
    # ("Teen shot near AlterFest dies": the one shot died.)
    r"(?!.*\b(?:dies|died|dead|killed)\b)",
    re.IGNORECASE,
)
# A death named by a noun ("the fatal shooting", "the shooting death of", "the murder of"):
# at least one person died. Used only when nothing in the article gives a killed figure.
# Lower case only: "Homicide detectives" and "the Homicide Unit" are departments, not deaths;
# "non-fatal" and "attempted homicide" are no deaths either.
# "A death investigation is underway after a woman shot herself" says someone died as surely
# (on gva-dev all 15 articles using it are of incidents with a death). Per incident: killed
# .868 -> .869 and injured .810 -> .811 (one incident; it is no longer one wounded). "A
# murder-suicide" was tried too: it names two dead, so "killed 1" lost two incidents for one.
_DEATH_NOUN = re.compile(
    r"(?<!non-)\b(?:fatal|deadly) (?:shooting|stabbing|gunshot)|\bshooting death|\bmurder of|"
    r"\bkilling of|\bdeath of|\b(?:a|the|this|first|latest) homicide\b|\bdeath investigation"
)
_DEATH_NOUN_WORDS = frozenset({"fatal", "deadly", "death", "murder", "killing", "homicide"})
_SKIP_AFTER = re.compile(
    r"^(?:-?year|-?yr|-?month|-?week|-?day|-?hour|-?minute|%|\s*(?:percent|per cent|years?|"
    r"yrs?\b|y/o\b|"
    r"months?|weeks?|days?|hours?|minutes?|seconds?|times|miles?|feet|foot|ft|yards?|mph|"
    r"rounds?|shots?|bullets?|shell|casings?|calibers?|caliber|mm|millimeter|am|pm|a\.m|p\.m|"
    r"o'clock|block|blocks|dollars?|cents?|degrees?|pounds?|kilometers?|km|kilometres?|acres?|"
    # "responded to five reports of people shot", "three calls about a man shot": not people.
    r"reports|calls|"
    r"inch(?:es)?|tons?|gallons?|cars?|vehicles?|homes?|houses?|buildings?|nations|countries|"
    r"organi[sz]ations|shots fired|point|points|games?|grade|(?:st|nd|rd|th)\b|:\d|\.\d|-\d|/\d))",
    re.IGNORECASE,
)
# "Five shot in West Baltimore": two or more "shot" are people (shots fired are "shots");
# "one shot" is as often a single bullet, so it stays skipped. Headlines capitalise it ("Six
# Shot At Nightclub"), so the case is ignored.
_SHOT_AFTER = re.compile(r"\s+shot\b", re.IGNORECASE)
# (One "\b" before the words' alternation rather than one in each: the same matches, but `re`
# then tries the alternation only at word starts; 19.5 -> 5 us a search on the bench archive.)
_SKIP_BEFORE = re.compile(
    r"(?:\$|#|\b(?:no\.|number|route|highway|i-|interstate|ages?|aged|age of|"
    r"suite|apt\.?|unit|call|called|dialed|dialled|at|by|in|since|"
    r"from|until|on|of the|news|newschannel|channel|"
    r"version|chapter|page|"
    # A day of a month ("on Monday, December 21 after a teen was shot") and a gallery's
    # count ("Image 1 of 8 A child was shot") are no head counts.
    r"jan\.?|january|feb\.?|february|march|april|june|july|aug\.?|august|sept?\.?|september|"
    r"oct\.?|october|nov\.?|november|dec\.?|december|"
    r"(?:image|photo|slide|picture)s?\s+\d+\s+of))\s*$",
    re.IGNORECASE,
)
_INCLUDING = re.compile(
    rf"^[^.;]{{0,40}}?\bincluding\s+(?:(?:{QUALIFIER_PATTERN})\s+)?(?P<n>{NUMBER_PATTERN})\s+"
    r"(?P<who>[a-z-]+)(?:\s+and\s+(?P<n2>" + NUMBER_PATTERN + r")\s+(?P<who2>[a-z-]+))?",
    re.IGNORECASE,
)
_ATTRIB_ACCORDING = re.compile(r"\baccording to (?P<src>[^,.;\"]{2,80})", re.IGNORECASE)
_ATTRIB_SAID = re.compile(
    r"(?P<src>(?:[Tt]he\s+)?(?:(?:[A-Z][\w'&.-]*|of|for|and|the|state|local|news|media|police|"
    r"officials?|authorities|monitor|group|agency|sources?|medics|doctors|activists|witnesses|"
    r"hospital|health|ministry|spokesm[ae]n|spokeswoman|spokesperson|military|army|residents|"
    r"officers?|investigators|coroner|examiner|department)\s+){0,8}?"
    r"(?:[A-Z][\w'&.-]*|police|officials|authorities|media|monitor|observatory|sources|"
    r"medics|doctors|activists|witnesses|ministry|spokesm[ae]n|spokeswoman|spokesperson|"
    r"military|army|investigators|coroner|examiner|department))\s+"
    r"(?:(?:also|later|have|has|had)\s+)?(?P<verb>said|says|reported|reports|told|confirmed|"
    r"announced|stated|estimated|added)\b"
)
_SAID_SRC = re.compile(
    r"\b(?:said|says|reported|told)\s+(?P<src>(?:the\s+)?(?:[A-Z][\w'&.-]*\s*){1,6})(?:[,.]|$)"
)
# A figure is a claim only next to one of the verb phrases above (or "he died"): a sentence with
# none of these words has no claim, and most sentences of a report have none, so they skip the
# per-number regexes. Each phrase is represented by one word it always contains, as a whole
# word ("in critical condition" by "condition"); keep in step with the phrase lists (the unit
# test `test_claim_words_cover_verbs` checks every phrase against this set).
CLAIM_WORDS = _wordset(
    """
     shot stabbed fatally killed dead died slain murdered perished lives fatalities deceased
     injured wounded hurt hospitalized hospitalised treated hospital transported struck
     condition suffered grazed missing unaccounted arrested detained custody apprehended booked
     charged displaced fled homeless evacuated killing kills kill slew slaying death deaths toll
     bodies murder injuring injures injure wounding wounds wound hurting shooting shoots
     arresting arrests detaining displacing displacement succumbed dies threatening hit gunshot
     hospitals sustained expected
     """
)

# The same idea per number: _BEFORE_RES needs one of these words in the 60 characters before
# it, _AFTER_RES one of those in the 140 after it (most numbers have neither: ages, times).
_BEFORE_WORDS = _wordset(
    """
     killed killing kills kill slew slaying death deaths toll bodies lives murdered murder dead
     fatalities injured injuring injures injure wounded wounding wounds wound hurt hurting shot
     shooting shoots struck arrested arresting arrests detained detaining displaced displacing
     displacement
     """
)
_AFTER_WORDS = _wordset(
    """
     shot stabbed fatally killed dead died slain murdered perished lives fatalities deceased
     injured wounded hurt hospitalized hospitalised treated hospital transported struck
     condition suffered grazed missing unaccounted arrested detained custody apprehended booked
     charged displaced fled homeless evacuated hit gunshot hospitals sustained expected
     """
)


def _has_word(text: str, words: frozenset[str]) -> bool:
    """Whether text has one of `words` (lower case) as a run of letters; True if not ASCII."""
    if not text.isascii():
        return True
    # (Asked of the text on both sides of every figure: translate() then split() took 174 ms
    # where findall() and a lower() per word took 485, on 195,000 such slices of gva-dev.)
    return not words.isdisjoint(ascii_lower_words(text))


# A figure is digits or starts with one of these words as a whole run of letters ("a dozen" and
# "several dozen" contain "dozen"); a sentence with neither skips _NUM_RE, a slow scan.
_NUMBER_WORDS = _wordset(
    """
     zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
     fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
     ninety hundred thousand dozen dozens
     """
)
_DIGIT = re.compile(r"\d")


def _may_have_number(text: str) -> bool:
    if not text.isascii() or _DIGIT.search(text):
        return True
    return not _NUMBER_WORDS.isdisjoint(lower_word_set(text))


# _ONE_PERSON needs "a", "an" or "one" and then a _WHO word, whose last run of letters ends the
# word ("non-combatants" -> "combatants"): a sentence lacking either skips its scan.
_ONE_WORDS = frozenset({"a", "an", "one"})
_WHO_RUNS = frozenset(re.findall(r"[a-z]+$", w)[0] for w in _WHO)


def _may_be_one_person(text: str) -> bool:
    """False only when _ONE_PERSON cannot match text."""
    if not text.isascii():
        return True
    words = lower_word_set(text)
    return not _ONE_WORDS.isdisjoint(words) and not _WHO_RUNS.isdisjoint(words)


def may_claim(text: str) -> bool:
    """False only when text cannot hold a casualty figure (no claim word in it)."""
    if not text.isascii():
        return True  # case folding beyond A-Z: let the full regexes decide
    return not CLAIM_WORDS.isdisjoint(lower_word_set(text))


# The look-behind checks below end in "$": searched over everything before a number they are
# quadratic in the sentence length. Sentences have single spaces, so what they match (a few
# words) lies in the last _BEFORE_WINDOW characters; search(text, pos, endpos) keeps "\b" exact.
_BEFORE_WINDOW = 80
_COMMA_AFTER = re.compile(r"\s*,")
# An age in apposition sits between commas after the person it describes, whoever that is: a
# name ("Stockard, 19,"), a suffix ("Jenkins Jr., 38,", "Cardillo III, 46,") or a common noun
# ("The other man, 31, was shot", "another teen, also 15,"). A head count is never set off
# by commas that way.
_AGE_AFTER_NAME = re.compile(r"[\w.')’],\s*(?:also\s+|both\s+|each\s+)?$")
# The later ages of a list ("ages 13, 17 and 19", "between the ages of 14 and 17", "range in
# age from 19 to 34") and an age bound ("a boy younger than 12") are not head counts either.
_AGE_LIST_BEFORE = re.compile(
    r"\bage[sd]?\s+(?:of\s+|from\s+)?(?:\d{1,3}\s*(?:,\s*(?:and\s+|&\s+)?|and\s+|&\s+|to\s+|-\s*))+$"
    r"|\b(?:younger|older)\s+than\s+$",
    re.IGNORECASE,
)
# Ages in apposition to a plural ("two men, 33 and 19, were shot", "Boys, 4 and 6, Shot"):
# a list of small numbers set off by commas, this one its last (a comma follows it).
_AGE_APPOSITION_LIST = re.compile(
    r"[\w.')’],\s*(?:\d{1,3}\s*(?:,\s*(?:and\s+|&\s+)?|and\s+|&\s+))+$", re.IGNORECASE
)
# "the man was 20 and in good condition", "three who were 17": an age told with "to be".
_TO_BE_ENDINGS = ("was ", "is ", "were ", "are ")
_LIST_ENDINGS = (
    ",",
    ", ",
    "and ",
    "& ",
    "to ",
    "-",
    "- ",
    "than ",
    *(f"{d} " for d in "0123456789"),
)
_AGE_OF_ONE_BEFORE = re.compile(
    rf"\b(?:[Hh]e|[Ss]he|{_SINGULAR})\s+(?:was|is)\s+$|\bwho\s+(?:was|were|is|are)\s+$"
)
_BREAKDOWN_BEFORE = re.compile(r"\bincluding\s+(?:(?:" + QUALIFIER_PATTERN + r")\s+)?$", re.I)
_YEAR_WHO = re.compile(rf"^\s+(?:{_WHO_WORD})\b", re.I)
_CAPITAL_AFTER = re.compile(r"^\s+[A-Z][a-z]")
# ("13 News", "4 News" name a station, not people.) Headlines capitalise the people counted,
# plurals without an "s" too: "2 Men Shot", "3 People Hurt" ("Main", "Oak" are no such nouns).
_PLURAL_CAPITAL_AFTER = re.compile(rf"^\s+(?!News\b)(?:[A-Z][a-z]+s|(?=[A-Z])(?i:{_WHO_WORD}))\b")
# Headlines capitalise every word: "2 Dead, 3 Wounded" is a head count, not a name.
_TITLE_CASE_VERB = re.compile(
    r"^\s+(?:Dead|Killed|Wounded|Injured|Hurt|Shot|Die|Dies|Died|Slain|Hospitalized|Struck|Hit)\b"
)
_WHO_AFTER = re.compile(rf"^\s*(?:[\w'-]+\s+){{0,3}}?(?P<w>{_WHO_WORD})\b", re.I)
_FATAL_SPLIT = re.compile(r"\s*(?:,\s*)?(?:one|two|three|\w+ of (?:them|whom)) fatally")
_FATALLY_WORD = frozenset({"fatally"})
_FATALLY = re.compile(rf"\b(?P<n>{NUMBER_PATTERN}) (?:of them |of whom )?fatally\b", re.I)


# Whether any of _BEFORE_RES / _AFTER_RES can match, in one pass: the usual number (no verb
# beside it) costs one search, not one per kind. The patterns of a list differ only in their
# verbs, so one pattern whose verb is any kind's verb matches exactly where one of them does
# (a backtracking match exists iff some path exists; no atomic groups here). A union of the
# whole patterns ran the shared prefix, with its nested optional words, once per kind: with
# the verbs' union it runs once (_ANY_AFTER: 29 -> 7.7 us a call on the bench archive's
# numbers, same answers on all 13,280 of them).
def _any_verb(verbs: Sequence[tuple[str, str]]) -> str:
    return "|".join(f"(?:{v})" for _, v in verbs)


_ANY_BEFORE = re.compile(_before_pattern(_any_verb(_BEFORE_VERBS)), re.IGNORECASE)
_ANY_AFTER = re.compile(_after_pattern(_any_verb(_AFTER_VERBS)), re.IGNORECASE)
# The same over the lower-cased words after a figure (see `lowercase_twin`; what the callers
# read of a match, its "who" and its end, is the same): _ANY_AFTER 167 -> 42 ms over the
# 22,619 figures of the gva-dev sentences.
_ANY_AFTER_LOWER = lowercase_twin(_ANY_AFTER)
_AFTER_LOWER = [(kind, lowercase_twin(rx)) for kind, rx in _AFTER_RES]

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "officials", "who", "this", "that"})

_BACKGROUND_CUES = re.compile(
    r"\b(?:last year|previous year|(?:the )?year before|earlier this year|so far this year|"
    r"this year|last (?:spring|summer|fall|autumn|winter|decade)|previous(?:ly)?|"
    r"(?:\w+ )?(?:days?|weeks?|months?|years?) ago|ago|since (?:19|20)\d\d|"
    r"(?:in|during|of) (?:19|20)\d\d|overall|in total|a total of|so far|to date|"
    r"anniversary|a similar|another (?:shooting|attack|strike|incident)|"
    # "two more men were wounded in separate Lawndale neighborhood attacks", "in other Sunday
    # attacks", "two other shootings left three people injured": other incidents' figures.
    r"(?:earlier|prior|separate|unrelated) (?:[\w-]+ ){0,2}?"
    r"(?:attack|incident|shooting|strike|raid)s?|"
    r"other (?:[\w-]+ ){0,2}?(?:attacks|incidents|shootings)|"
    r"death toll of the|true toll|campaign)\b",
    re.IGNORECASE,
)
# A tally over several shootings ("53 wounded in weekend shootings across Chicago", "three hurt
# in two shootings") is no one incident's figure, though it still says where they happened: its
# figures are background, its sentence still locates the event (unlike _BACKGROUND_CUES).
# "The shootings" (the story's own: "three others were injured in the shootings", "arrested in
# connection with the shootings that injured a boy and a woman") are one spree or exchange of
# fire the report tells, not a tally of unrelated ones. On gva-dev per article: injured .729 ->
# .730 (per incident unchanged; no other measure moves).
_TALLY_CUES = re.compile(
    # ("in overnight St. Louis shootings": a town's name may hold an abbreviation's period.)
    r"\b(?:in|from|during) (?:[\w.-]+ ){0,3}?(?<!\bthe )(?<!\bthese )(?<!\bthose )shootings\b",
    re.IGNORECASE,
)
_BACKGROUND_LOWER = lowercase_twin(_BACKGROUND_CUES)
_BACKGROUND_WORDS = _wordset(
    "last previous previously year earlier far ago overall total date anniversary similar"
    " another prior separate unrelated toll campaign other"
)
_TALLY_LOWER = lowercase_twin(_TALLY_CUES)
_MONTH_ONLY = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Ll]ast|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?P<mon>January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)"
)
_MONTHS = list(MONTHS)


@dataclass
class RawClaim:
    """A figure found in a sentence before background is decided."""

    kind: str
    value: int
    qualifier: str
    sentence: Sentence
    start: int
    who: str | None = None
    including: dict[str, int] = field(default_factory=dict)
    attributed_to: str | None = None
    #: Told by grammar, not a number ("he died", "the fatal shooting"): weaker evidence of
    #: which sentence tells the main event.
    implicit: bool = False
    #: "Four people were shot" with no death told in that sentence: a total of dead and
    #: wounded, so the article's killed figure is taken off it (see `find_claims`).
    shot_total: bool = False


def _who(text: str | None) -> str | None:
    if not text:
        return None
    words = text.lower().split()
    for w in reversed(words):
        if w in _WHO:
            return _WHO[w]
    return None


def _including(rest: str) -> dict[str, int]:
    m = _INCLUDING.match(rest)
    if not m:
        return {}
    out: dict[str, int] = {}
    for n_key, who_key in (("n", "who"), ("n2", "who2")):
        n, who = m.group(n_key), m.group(who_key)
        if n is None or who is None:
            continue
        value = parse_number(n)
        if value is not None:
            label = _WHO.get(who.lower(), who.lower())
            out[label if label != "people" else who.lower()] = value
    return out


# Each attribution pattern needs "according" or one of these verbs as a whole word; a sentence
# with none (most sentences with a figure) skips their scans. Keep in step with the patterns.
_ATTRIB_VERBS = _wordset(
    "said says reported reports told confirmed announced stated estimated added"
)


def _attribution(text: str, canonical: Callable[[str], str]) -> str | None:
    words = lower_word_set(text) if text.isascii() else None
    if words is not None and "according" not in words and _ATTRIB_VERBS.isdisjoint(words):
        return None
    m = _ATTRIB_ACCORDING.search(text) if words is None or "according" in words else None
    src: str | None = None
    if m:
        src = m.group("src")
        src = re.split(r"\s+(?:who|which|that|in|on|at|as)\s+", src)[0]
    else:
        m2 = _ATTRIB_SAID.search(text)
        if m2:
            src = m2.group("src")
        else:
            m3 = _SAID_SRC.search(text)
            if m3:
                src = m3.group("src")
    if not src:
        return None
    src = re.sub(r"^(?:the|a|an)\s+", "", src.strip(), flags=re.IGNORECASE)
    src = re.sub(r"\s+(?:monitor|group)$", "", src)
    if not src or src.lower() in _PRONOUNS or len(src) > 80:
        return None
    return canonical(src)


def _one_died(sent: Sentence) -> int | None:
    """Where the sentence tells of one death without a number (see _ONE_DIED), else None."""
    text = sent.text
    words = lower_word_set(text) if text.isascii() else None
    if sent.is_title:
        m = _TITLE_ONE_DEAD.match(text) or _TITLE_KILLS_ONE.search(text)
        if m:
            return m.start()
    starts: list[int] = []
    for rx, cues in ((_ONE_DIED, _ONE_DIED_WORDS), (_ONE_DIED_SUBJECT, _DIED_WORDS)):
        if words is not None and cues.isdisjoint(words):
            continue
        for m in rx.finditer(text):
            if not _NOBODY_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                starts.append(m.start())
                break
    return min(starts, default=None)


# Injuries told as not grave ("was taken to hospital with non-life-threatening injuries", "the
# boy's injuries are not life-threatening", "suffered minor injuries"): someone was hurt and
# lives. One person, unless the sentence speaks of several (_PLURAL_WORDS): local news gives
# a count when more than one was hurt, so a sentence without one tells of a single victim.
_ONE_MINOR = re.compile(
    r"\b(?:non-?\s?life[- ]threatening|not\s+life[- ]threatening|minor)\s+(?:gunshot\s+)?"
    r"(?:injury|injuries|wound|wounds)\b"
    r"|\binjur(?:y|ies)\s+(?:(?:is|are|was|were|appeared|appears|did|does)\s+)?(?:to\s+be\s+)?"
    r"(?:not\s+(?:considered\s+)?life[- ]threatening|non-?\s?life[- ]threatening)\b",
    re.IGNORECASE,
)
_MINOR_WORDS = _wordset("threatening minor")
_PLURAL_WORDS = _wordset(
    "victims both they them their all others people persons men women children kids teens "
    "several two three four five six seven eight nine ten"
)


# Each branch of _ONE_HURT needs one of these words, but for the "shot ... in the leg" one,
# which needs "shot" and a body part: "shot" alone (in most sentences of a shooting report)
# does not make the scan worth it. (_ONE_HURT_WORDS, the test before, also lets through the
# sentences _ONE_MINOR is for, and lacks the "hurting" of "hurting another".) A scan costs more
# than any other pattern's of this module; this skips 45% of them on gva-dev.
_ONE_HURT_NEEDS = _wordset(
    "condition wounded wounding injured injuring hurt hurting grazed hospitalized hospitalised"
    " wound fighting remains remained"
)
_BODY_PART_WORDS = _wordset(
    "leg legs foot feet arm arms hand hands shoulder hip thigh knee ankle buttocks back side"
    " abdomen stomach wrist finger elbow"
)


def _may_be_one_hurt(words: frozenset[str]) -> bool:
    """False only when _ONE_HURT cannot match a sentence of these (ASCII) words."""
    if not _ONE_HURT_NEEDS.isdisjoint(words):
        return True
    return "shot" in words and ("another" in words or not _BODY_PART_WORDS.isdisjoint(words))


def _one_hurt(sent: Sentence) -> int | None:
    """Where the sentence tells of one person hurt without a number (see _ONE_HURT)."""
    text = sent.text
    words = lower_word_set(text) if text.isascii() else None
    if words is not None and _ONE_HURT_WORDS.isdisjoint(words) and _MINOR_WORDS.isdisjoint(words):
        return None
    for m in _ONE_HURT.finditer(text) if words is None or _may_be_one_hurt(words) else ():
        if not _NOBODY_BEFORE.search(text, max(0, m.start() - 20), m.start()) and not (
            _NOBODY_CLAUSE.search(text, 0, m.start())
        ):
            return m.start()
    if words is None or not _DEAD_WORDS.isdisjoint(words):
        more = _ONE_MORE_HURT.search(text)
        if more is not None:
            return more.start()
    if words is None or not _MINOR_WORDS.isdisjoint(words):
        minor = _ONE_MINOR.search(text)
        if minor and (words is None or _PLURAL_WORDS.isdisjoint(words)):
            return minor.start()
    return None


# Coordinated subjects share one verb: "three men and a woman were wounded" is four wounded,
# not three and one. Two claims of a kind, the first's head count then its noun and "and"
# right before the second, are one figure: their sum.
_COORDINATED = re.compile(
    rf"(?:[\w-]+\s+){{0,4}}?(?:{_WHO_WORD}|[\w]+-year-old),?\s+and\s+", re.IGNORECASE
)
# A figure after its verb, then more people joined by "and" with no verb of their own: "wounding
# three adults and a teen" is four wounded, "wounding two men and three women" five. Not "and an
# unborn child": the people counted are the born (police and the tallies count them apart).
_AND_MORE = re.compile(
    r"\s*,?\s+and\s+(?:(?P<one>an?|one)\s+(?!unborn\b)(?:(?:\d+|[a-z]+)-year-old\s+)?"
    r"(?:[\w-]+\s+)?"
    rf"(?:{_SINGULAR})|(?P<n>two|three|four|five|[2-9])\s+(?:[\w-]+\s+){{0,2}}?(?:{_WHO_WORD}))\b"
)
# "He and three others were shot", "Smith and two others were wounded": the one named before
# "and" is one more than the others counted ("a girl and four others" is _COORDINATED's).
_OTHER_WORD = re.compile(r"\s+others?\b", re.IGNORECASE)
_ONE_AND_BEFORE = re.compile(r"(?:\b[Hh]e|\b[Ss]he|\b[A-Z][a-z]+),?\s+and\s+$")


def _coordinated(claims: list[RawClaim], text: str) -> list[RawClaim]:
    """Claims with each run of coordinated head counts (_COORDINATED) summed into its first."""
    if len(claims) < 2 or not _has_word(text, _AND_WORD):
        return claims
    out: list[RawClaim] = []
    for c in sorted(claims, key=lambda c: c.start):
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == c.kind
            and not last.implicit
            and not c.implicit
            and _COORDINATED.fullmatch(text, last.start, c.start)
        ):
            last.value += c.value
            continue
        out.append(c)
    return out


_AND_WORD = frozenset({"and"})
# Two people named one each and joined by "and", then a plural verb: "A 3-year-old girl and a
# 19-year-old man were injured", "a mother and her daughter were shot", "found a man and woman
# suffering from gunshot wounds", and in headlines without the verb "to be": "Mother and child
# shot". Two victims, told without a number; "two teenagers and a young man were shot" is the
# number and one more.
_PAIR_ONE = (
    rf"(?:(?:an?|the|his|her|their)\s+)?(?:[\w-]+,?\s+){{0,2}}?"
    rf"(?:{_SINGULAR}|(?:\d{{1,2}}|[a-z]+)-year-old)"
)
_PAIR_AND = r"\s*(?:,\s*and|,|and|&)\s+"
# (Case-insensitive, and in lower case for `lowercase_twin`: "an?" takes "An" too.)
_PAIR = re.compile(
    rf"(?<![\w-])(?:(?:an?\s+|the\s+|^)(?:[\w-]+,?\s+){{0,2}}?(?:{_SINGULAR})"
    rf"|(?P<n>two|three|four|five|[2-5])\s+(?:[\w-]+\s+){{0,2}}?(?:{_WHO_WORD}))"
    rf"(?:,\s*\d{{1,2}},)?(?:{_PAIR_AND}){_PAIR_ONE}"
    r"(?:,\s*\d{1,2},)?\s+"
    r"(?:(?:were|are|have been|had been|both|all|reportedly|each|found)\s+){0,2}"
    r"(?:(?:\w+ly)\s+)?"
    # ("left a man and woman dead": "dead" after the pair.)
    r"(?:(?P<dead>shot and killed|shot dead|shot to death|killed|found dead|slain|murdered|dead)"
    r"|(?P<hurt>shot and wounded|wounded|injured|hurt|hospitali[sz]ed)|shot"
    r"|(?:suffering\s+(?:from\s+)?|with\s+)(?:[\w-]+\s+){0,3}?gunshot\s+wounds)\b",
    re.IGNORECASE,
)
# The pair as the object: "shooting himself and a woman", "Woman shot her husband & son",
# "injuring himself, juvenile", "Man kills his girlfriend and her daughter" (two dead).
_PAIR_OBJECT = re.compile(
    r"\b(?:(?P<dead>shot and killed|shoots and kills|fatally (?:shot|shoots)|killed|kills|killing)"
    r"|shot|shoots|shooting|(?P<hurt>wounded|wounding|injured|injuring))\s+"
    rf"(?:himself|herself|(?:his|her|their|a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{_SINGULAR}))"
    rf"(?:{_PAIR_AND})(?:(?:his|her|their|a|an|the)\s+)?(?:[\w-]+\s+)?(?:{_SINGULAR})\b",
    re.IGNORECASE,
)
# "Three men shot, a fourth wounded by shrapnel", "two were wounded and another was grazed":
# one more of the figure told before it in the sentence.
_ONE_MORE = re.compile(
    r"(?:\band|,)\s+(?:another|a\s+(?:second|third|fourth|fifth|sixth|seventh|eighth))\b"
    r"(?:\s+[\w-]+){0,2}?\s+(?:(?:was|is|got|being)\s+)?(?:\w+ly\s+)?"
    r"(?:wounded|injured|hurt|shot|grazed)\b"
)
_ONE_MORE_WORDS = _wordset("another second third fourth fifth sixth seventh eighth")


# "Police now say an 8th teen was injured", "4th shooting victim found": an ordinal victim
# hurt or found tells that many people shot (a shot total: the dead are taken off it), where
# no figure of the sentence says as many.
_ORDINAL_NAMES = "second third fourth fifth sixth seventh eighth ninth tenth"
_ORDINALS = {w: n for n, w in enumerate(_ORDINAL_NAMES.split(), 2)}
_ORDINAL_WORDS = frozenset(_ORDINALS)
_DIGIT_ORDINAL = re.compile(r"\d(?:nd|rd|th)\b")
_ORDINAL_VICTIM = re.compile(
    rf"\b(?P<ord>{'|'.join(_ORDINALS)}|[2-9](?:nd|rd|th)|1\d(?:th))\s+(?:[\w-]+\s+)?"
    rf"(?:{_SINGULAR}|{_WHO_WORD})\b"
    r"(?:\s+(?:was|is|has\s+been|had\s+been)(?:\s+(?:\w+ly|also))?)?"
    r"\s+(?:shot|wounded|injured|hurt|grazed|found|struck|hit)\b"
    # ("a second officer shot the boy": the one who fired.)
    r"(?!\s+(?:the|a|an|him|her|his|their|them|at|and\s+killed)\b)",
    re.IGNORECASE,
)


def _ordinal_victim(claims: list[RawClaim], sent: Sentence) -> None:
    """Add the shot total an ordinal victim tells (`_ORDINAL_VICTIM`) to the sentence's claims."""
    text = sent.text
    if not _has_word(text, _ORDINAL_WORDS) and not _DIGIT_ORDINAL.search(text):
        return
    m = _ORDINAL_VICTIM.search(text)
    if m is None:
        return
    word = m.group("ord").lower()
    value = _ORDINALS.get(word) or int(word[:-2])
    if any(c.kind in ("injured", "shot") and c.value >= value for c in claims):
        return
    claims.append(
        RawClaim(
            "injured", value, "at_least", sent, m.start(), "people", implicit=True, shot_total=True
        )
    )


def _one_more(claims: list[RawClaim], text: str) -> None:
    """Add the one more victim of `_ONE_MORE` to the wounded or shot figure told before it."""
    counted = [c for c in claims if c.kind in ("injured", "shot") and not c.implicit]
    if not counted or not _has_word(text, _ONE_MORE_WORDS):
        return
    m = _ONE_MORE.search(text, min(c.start for c in counted))
    if m:
        before = [c for c in counted if c.start < m.start()]
        if before:
            max(before, key=lambda c: c.start).value += 1


# Words _PAIR / _PAIR_OBJECT need (a verb, a singular noun or "-year-old"): most sentences
# with "and" have none of them and skip both scans.
_PAIR_VERBS = _wordset(
    "shot shoots shooting wounded wounding injured injuring hurt killed kills killing dead slain"
    " murdered hospitalized hospitalised gunshot"
)
_PAIR_NOUNS = frozenset(_SINGULAR.split("|"))


def _may_pair(text: str) -> bool:
    """False only when neither `_PAIR` nor `_PAIR_OBJECT` can match text."""
    if not text.isascii():
        return True
    words = lower_word_set(text)
    return (
        ("and" in words or "&" in text)
        and not _PAIR_VERBS.isdisjoint(words)
        and (not _PAIR_NOUNS.isdisjoint(words) or "year-old" in text)
    )


# Both searched over the lower-cased sentence where that finds the same (`lowercase_twin`; the
# callers read spans, the number, whether a group took part): 88 -> 39 ms on gva-dev.
_PAIR_LOWER = lowercase_twin(_PAIR)
_PAIR_OBJECT_LOWER = lowercase_twin(_PAIR_OBJECT)


def _pair(claims: list[RawClaim], sent: Sentence) -> list[RawClaim]:
    """Claims with the two victims of `_PAIR` / `_PAIR_OBJECT` as one figure (see there)."""
    text = sent.text
    if text.isascii():
        pair, pair_object, text = _PAIR_LOWER, _PAIR_OBJECT_LOWER, text.lower()
    else:
        pair, pair_object = _PAIR, _PAIR_OBJECT
    m = pair.search(text)
    if m is not None:
        dead, hurt = m.group("dead"), m.group("hurt")
        kind = "killed" if dead else "injured" if hurt else "shot"
        value = (parse_number(m.group("n")) or 0) + 1 if m.group("n") else 2
    else:
        m = pair_object.search(text)
        if m is None:
            return claims
        kind = "killed" if m.group("dead") else "injured" if m.group("hurt") else "shot"
        value = 2
    if any(
        c.kind == kind and c.value >= value and not m.start() <= c.start < m.end() for c in claims
    ):
        return claims  # the sentence counts them with a number elsewhere
    # The pair is one figure: a "one" told of either person inside it is not another.
    out = [c for c in claims if not m.start() <= c.start < m.end()]
    out.append(RawClaim(kind, value, "exact", sent, m.start(), "people"))
    return out


def _numbers(text: str) -> Iterator[re.Match[str]]:
    """`_NUM_RE.finditer(text)`: the same matches, found on the lower-cased text when ASCII.

    The scan for figures at every position was the single costliest regex of extraction (4% of
    it); its case-insensitive twin over the lower-cased text takes half the time (`text.py`).
    """
    if not text.isascii():
        yield from _NUM_RE.finditer(text)
        return
    for found in _NUM_LOWER.finditer(text.lower()):
        m = _NUM_RE.match(text, found.start())
        assert m is not None and m.end() == found.end()  # (same pattern, same case-folded text)
        yield m


def _claims_in(sent: Sentence, canonical: Callable[[str], str]) -> list[RawClaim]:
    text = sent.text
    if not may_claim(text):
        return []
    claims: list[RawClaim] = []
    spans: list[tuple[int, int]] = []
    # The words after a figure are matched lower-cased where that finds the same (ASCII).
    if text.isascii():
        lowered, any_after, after_res = text.lower(), _ANY_AFTER_LOWER, _AFTER_LOWER
    else:
        lowered, any_after, after_res = text, _ANY_AFTER, _AFTER_RES
    for m in _numbers(text) if _may_have_number(text) else ():
        value = parse_number(m.group("n"))
        if value is None or value > 1_000_000:
            continue
        start = m.start()
        after = text[m.end() :]
        # A slice, not search(pos): the patterns' "\b" has always been judged at the slice start.
        before = text[max(0, start - 60) : start]
        before_cue = _has_word(before, _BEFORE_WORDS)
        if not before_cue and not _has_word(after[:140], _AFTER_WORDS):
            continue  # no verb either side: not a casualty figure, whatever else it is
        lo = max(0, start - _BEFORE_WINDOW)
        if (_SKIP_AFTER.match(after) and not (value >= 2 and _SHOT_AFTER.match(after))) or (
            not m.group("q") and _SKIP_BEFORE.search(text, max(0, start - 24), start)
        ):
            continue  # (its longest match is "interstate ": 24 characters hold it)
        if _COMMA_AFTER.match(after) and (
            _AGE_AFTER_NAME.search(text, lo, start) or _AGE_APPOSITION_LIST.search(text, lo, start)
        ):
            continue  # "Stockard, 19, had been shot": an age after a name
        # (Both need "is"/"was"/"were"/"are" or an earlier number or "than" right before.)
        if text.endswith(_TO_BE_ENDINGS, lo, start) and _AGE_OF_ONE_BEFORE.search(text, lo, start):
            continue  # "the victim was 20": an age
        if text.endswith(_LIST_ENDINGS, lo, start) and _AGE_LIST_BEFORE.search(text, lo, start):
            continue  # "ages 13, 17 and 19", "younger than 12": ages, not head counts
        if _BREAKDOWN_BEFORE.search(text, lo, start):
            continue  # a breakdown of the figure before it, not a figure of its own
        if 1900 <= value <= 2100 and not _YEAR_WHO.match(after):
            continue
        if (
            _CAPITAL_AFTER.match(after)
            and not _PLURAL_CAPITAL_AFTER.match(after)
            and not _TITLE_CASE_VERB.match(after)
        ):
            continue  # "37 Main St." or "4 News": an address or a name, not a head count
        kind = None
        who = None
        if before_cue and _ANY_BEFORE.search(before):
            for k, rx in _BEFORE_RES:
                if rx.search(before):
                    kind = k
                    wm = _WHO_AFTER.match(after)
                    who = wm.group("w") if wm else None
                    more = _AND_MORE.match(after, wm.end()) if wm and " and " in after else None
                    if more and not _ANY_AFTER.match(after[more.end() :]):
                        value += 1 if more.group("one") else parse_number(more.group("n")) or 0
                    break
        # (A slice, not match(pos): the patterns open with "^".)
        if kind is None and any_after.match(words_after := lowered[m.end() : m.end() + 140]):
            for k, rx in after_res:
                am = rx.match(words_after)
                if am:
                    kind = k
                    who = am.group("who")
                    if k == "shot" and _FATAL_SPLIT.match(after[am.end() :]):
                        kind = "shot"
                    break
        if kind is None:
            continue
        if value == 0 and not m.group("n").lower().startswith(("no", "zero")):
            continue
        if _NO_BEFORE.search(text, max(0, start - 8), start):
            continue  # "no one was killed", "not one was hurt": nobody
        qualifier = QUALIFIERS.get((m.group("q") or "").lower(), "exact")
        if _OTHER_WORD.match(after) and _ONE_AND_BEFORE.search(text, lo, start):
            value += 1  # "he and three others were shot": the one named, and three more
        claims.append(
            RawClaim(kind, value, qualifier, sent, m.start(), _who(who), _including(after), None)
        )
        spans.append((m.start(), m.end()))
    for m in _ONE_PERSON.finditer(text) if _may_be_one_person(text) else ():
        if any(s <= m.start() < e for s, e in spans):
            continue
        after = lowered[m.end() : m.end() + 100]
        if not _has_word(after, _AFTER_WORDS) or not any_after.match(after):
            continue  # "a man who lives nearby": no verb of any kind follows
        for k, rx in after_res:
            am = rx.match(after)
            if am:
                claims.append(RawClaim(k, 1, "exact", sent, m.start(), _who(m.group("who"))))
                break
    if _may_pair(text):
        claims = _pair(claims, sent)
    claims = _coordinated(claims, text)
    _one_more(claims, text)
    _ordinal_victim(claims, sent)
    two = (
        _TWO_HURT.search(text)
        if " and " in text
        and not _TWO_HURT_WORDS.isdisjoint(lower_word_set(text))
        and _TWO_HURT_VERB.search(text)
        else None
    )
    if two is not None and not any(
        c.kind in ("injured", "shot") and not (c.value == 1 and two.start() <= c.start < two.end())
        for c in claims
    ):
        # "A 26-year-old woman and a 30-year-old man are in stable condition": two people,
        # not the one the second noun alone would count.
        claims = [c for c in claims if c.kind not in ("injured", "shot")]
        claims.append(
            RawClaim(
                "injured",
                2,
                "exact",
                sent,
                two.start(),
                "people",
                implicit=True,
                shot_total=two.group("shot") is not None,
            )
        )
    words = lower_word_set(text)
    both = (
        _BOTH.search(text)
        if not claims
        and not _BOTH_WORD.isdisjoint(words)
        # "both were taken to a hospital, where one died": not two survivors.
        and not _DEATH_WORDS.search(text)
        # "Both are in stable condition Saturday": the day of a condition report, not of the
        # shooting; such a sentence would become the one the event date is read from.
        and _DAY_WORDS.isdisjoint(words)
        else None
    )
    if both is not None:
        am = _AFTER_RES[1][1].match(text[both.end() : both.end() + 140])
        if am is not None:
            claims.append(
                RawClaim("injured", 2, "exact", sent, both.start(), "people", implicit=True)
            )
    if not any(c.kind in ("injured", "shot") for c in claims):
        th = _TITLE_ONE_HURT.search(text) if sent.is_title else None
        hurt = _one_hurt(sent) if th is None else th.start()
        if hurt is not None:
            # "He suffered a gunshot wound" says no more than "he was shot": a shot total.
            shot_total = (
                th.group("shot") is not None
                if th is not None
                else _ONE_GUNSHOT_WOUND.match(text, hurt) is not None
            )
            claims.append(
                RawClaim(
                    "injured",
                    1,
                    "exact",
                    sent,
                    hurt,
                    "people",
                    implicit=True,
                    shot_total=shot_total,
                )
            )
    if not any(c.kind == "killed" for c in claims):
        one = _one_died(sent)
        if one is not None:
            claims.append(RawClaim("killed", 1, "exact", sent, one, "people", implicit=True))
    # "Five people were shot, one fatally": shot minus killed were injured.
    fatal: re.Match[str] | None = None
    if any(c.kind == "shot" for c in claims) and _has_word(text, _FATALLY_WORD):
        fatal = _FATALLY.search(text)
    dropped: list[RawClaim] = []
    for c in claims:
        if c.kind != "shot":
            continue
        killed = [k for k in claims if k.kind == "killed"]
        k_value = sum(k.value for k in killed)
        if fatal and not killed:
            fv = parse_number(fatal.group("n")) or 0
            if 0 < fv <= c.value:
                claims.append(RawClaim("killed", fv, "exact", sent, fatal.start(), c.who))
                k_value = fv
        c.kind = "injured"
        if k_value >= c.value and any(k.start > c.start for k in killed):
            # "A boy shot Wednesday has died", "two men shot ... were pronounced dead": the
            # death told after the shooting is of the people shot, so nobody is left wounded.
            dropped.append(c)
            continue
        c.value = max(c.value - k_value, 0) if k_value < c.value else c.value
        # "Four were shot" and no death here: shot counts the dead too, unless "four others".
        c.shot_total = not k_value and not _OTHERS_AFTER.match(text, c.start)
    if (
        any(c.kind == "injured" for c in claims)
        and any(c.kind == "killed" for c in claims)
        and _has_word(text, _LATER_DIED_WORDS)
    ):
        # "A woman who was wounded Sunday has died", "the teen, in critical condition since
        # Friday, died": the people told hurt are the dead told after them, not survivors.
        for c in claims:
            if (
                c.kind == "injured"
                and any(
                    k.kind == "killed" and k.start > c.start and k.value >= c.value for k in claims
                )
                and _LATER_DIED.search(text, c.start)
            ):
                dropped.append(c)
    if dropped:
        claims = [c for c in claims if not any(c is d for d in dropped)]
    attributed = _attribution(text, canonical) if claims else None
    for c in claims:
        c.attributed_to = attributed
    return claims


_BODY_PARTS = (
    r"head|face|neck|chest|leg|legs|foot|feet|arm|arms|hand|hands|shoulder|hip|thigh|knee|ankle|"
    r"buttocks|back|side|abdomen|stomach|wrist|finger|elbow|torso|groin|calf|jaw|eye|cheek"
)
# One unnamed-count victim: "accidentally shot himself in the hand", "was grazed by a bullet",
# "An 18-year-old man was accidentally shot in the face". Local news rarely says "one injured".
_ONE_SHOT = re.compile(
    r"\b(?:shot|shoots|shooting|wounded|wounds|wounding|grazed|struck|injured|injuring|"
    r"injures)\s+(?:himself|herself|self)\b|"
    # "shot him in the thigh", "striking the driver in the back", "hitting a 73-year-old man in
    # the upper chest": a bullet's path into one body, told by where it went in.
    r"\b(?:shot|shooting|striking|hitting|struck|hit)\s+(?:him|her|(?:the|a|an|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}?[\w-]+)\s+in\s+(?:the|his|her)\s+(?:(?:upper|lower|left|right)\s+)?"
    rf"(?:{_BODY_PARTS})\b|"
    # "is expected to recover", "was expected to survive": someone hurt who lived.
    r"\b(?:is|was|are|were)\s+expected\s+to\s+(?:recover|survive)\b|"
    # "A mom accidentally shot her daughter", "Man accidentally shoots daughter", "found the
    # girl with a gunshot wound to her leg": one victim, named by a singular noun.
    rf"\b(?:shot|shoots)\s+(?:(?:his|her|their|a|an|the)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_SINGULAR})\b|"
    # "a gunshot wound", "an apparently self-inflicted gunshot wound": one wound, one person.
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?gunshot\s+wound\b|"
    r"\b(?:was|been|got|is)\s+(?:(?:\w+ly|then|also|later|reportedly)\s+){0,2}"
    r"(?:shot|wounded|grazed|(?:struck|hit) (?:by|with) (?:a |an )?(?:bullet|gunfire|stray|round)"
    rf"|(?:hit|struck) in the (?:(?:upper|lower|left|right)\s+)?(?:{_BODY_PARTS}))\b|"
    # Headlines drop "was": "Boy hit by stray bullet", "Teen's toe grazed by bullet"; and
    # "a stray bullet hit her": the bullet as the subject.
    r"\b(?:hit|struck|grazed)\s+by\s+(?:a\s+)?(?:stray\s+)?bullet\b|"
    r"\bbullet\s+(?:hit|struck|grazed)\s+(?:him|her)\b",
    re.IGNORECASE,
)
# Words that say someone died. Not the charge of a survivor's shooting: "attempted murder",
# "attempted homicide", "assault with a deadly weapon", "deadly force".
_DEATH_WORDS = re.compile(
    r"\b(?:kill\w*|died|dies|dead|death|fatal\w*|slain|suicide)\b"
    r"|(?<!attempted )\b(?:murder\w*|homicide)\b"
    r"|\bdeadly\b(?!\s+(?:weapon|force))",
    re.IGNORECASE,
)


def find_claims(
    sentences: Sequence[Sentence], canonical: Callable[[str], str] = lambda s: s
) -> list[RawClaim]:
    """All figures in reading order (title first).

    When no sentence gives a killed figure, the first (non-background) one naming a death with a
    noun ("the fatal shooting", "the murder of") gives "killed 1": someone died. When still no
    sentence gives a killed or injured figure and none speaks of a death, the first sentence
    saying someone was shot gives "injured 1": a story about one wounded person tells its count
    by grammar ("a man was shot in the leg"), not with a number.
    """
    out: list[RawClaim] = []
    for sent in sentences:
        out.extend(_claims_in(sent, canonical))
    if not any(c.kind == "killed" for c in out):
        for sent in sentences:
            text = sent.text
            if text.isascii() and _DEATH_NOUN_WORDS.isdisjoint(lower_word_set(text)):
                continue
            if is_background_text(text):
                continue
            m = _DEATH_NOUN.search(sent.text)
            if m:
                out.append(RawClaim("killed", 1, "exact", sent, m.start(), "people", implicit=True))
                break
    out.extend(_multiple_shootings(sentences))
    out = _take_dead_off_shot(out)
    if any(c.kind in ("killed", "injured") for c in out):
        return out
    if any(_DEATH_WORDS.search(sent.text) for sent in sentences):
        return out
    for sent in sentences:
        m = _ONE_SHOT.search(sent.text)
        if m:
            out.append(RawClaim("injured", 1, "exact", sent, m.start(), "people", implicit=True))
            break
    return out


# "Police investigate quadruple shooting in West Philadelphia", "a double shooting left one
# man dead": the word counts the people shot, dead or alive, so it is a shot total like "four
# people were shot" (the dead are taken off it). "Another double shooting" is a second incident.
# On gva-dev the people shot (killed + injured) equal the word's count in 71 of the 86 articles
# that use it. Per incident: injured .805 -> .810 (9 incidents right, 1 wrong), date ±1 day
# .894 -> .895 (the sentence now tells the event); killed, state and city unchanged.
_MULTIPLE_SHOOTING = re.compile(
    r"(?<!another )\b(?P<w>double|triple|quadruple|quintuple)[- ]shooting\b", re.IGNORECASE
)
_MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}


def _multiple_shootings(sentences: Sequence[Sentence]) -> list[RawClaim]:
    """Shot totals told by "a double (triple, quadruple, quintuple) shooting"."""
    out: list[RawClaim] = []
    for sent in sentences:
        if "shooting" not in sent.text.lower():
            continue
        for m in _MULTIPLE_SHOOTING.finditer(sent.text):
            value = _MULTIPLES[m.group("w").lower()]
            out.append(
                RawClaim("injured", value, "exact", sent, m.start(), "people", shot_total=True)
            )
    return out


def _take_dead_off_shot(claims: list[RawClaim]) -> list[RawClaim]:
    """A shot total ("4 men shot ... one dead") less the main killed figure is the injured.

    A total no bigger than the killed figure ("a man was shot" in a report of one death) counts
    the dead themselves: it says nothing of anyone wounded, so it is dropped.
    """
    dead = max(
        (
            c.value
            for c in claims
            if c.kind == "killed"
            and not is_background_text(c.sentence.text)
            and not is_tally_text(c.sentence.text)
        ),
        default=0,
    )
    if not dead:
        return claims
    out: list[RawClaim] = []
    for c in claims:
        if c.shot_total and c.kind == "injured":
            if dead >= c.value:
                continue
            c.value -= dead
            c.shot_total = False
        out.append(c)
    return out


def is_tally_text(text: str) -> bool:
    """Whether a sentence tallies several shootings (`_TALLY_CUES`): background figures, yet
    the place where they happened."""
    if text.isascii() and "shootings" not in lower_word_set(text):
        return False  # (the pattern ends in the whole word; most sentences lack it)
    return caseless_search(_TALLY_CUES, _TALLY_LOWER, text) is not None


@lru_cache(maxsize=4096)
def is_background_text(text: str) -> bool:
    """Cues that a sentence reports an earlier or cumulative figure, whatever the event date."""
    # (Asked of every sentence with a figure. Every cue but the years has one of
    # _BACKGROUND_WORDS as a whole word, and a year has "19" or "20": most sentences skip the
    # search, and the lower-case twin halves the cost of the others, `text.py`.)
    years = "19" in text or "20" in text
    if not years and text.isascii() and _BACKGROUND_WORDS.isdisjoint(lower_word_set(text)):
        return False
    return caseless_search(_BACKGROUND_CUES, _BACKGROUND_LOWER, text) is not None


def finalise(
    raw: Sequence[RawClaim], event: date | None, published: date, article_id: str | None
) -> list[CasualtyClaim]:
    """Claims with background decided against the event date, exact repeats dropped."""
    out: list[CasualtyClaim] = []
    seen: set[tuple[object, ...]] = set()
    for c in raw:
        background = is_background_text(c.sentence.text) or is_tally_text(c.sentence.text)
        if not background and event is not None:
            # A day far from the event's marks an earlier or other incident, unless the
            # sentence also names the event's day and the far day is later: "a boy shot
            # Sunday was in critical condition Monday" tells the victim's state since.
            days = [
                (hit.date - event).days
                for hit in find_dates(c.sentence, published)
                if hit.confidence >= 0.5
            ]
            far = [d for d in days if abs(d) > 2]
            near = len(far) < len(days)
            background = bool(far) and not (near and min(far) > 0)
            mm = _MONTH_ONLY.search(c.sentence.text)
            if mm and _MONTHS.index(mm.group("mon").lower()) + 1 != event.month:
                background = True
        key = (
            c.kind,
            c.value,
            c.qualifier,
            c.who,
            tuple(sorted(c.including.items())),
            c.attributed_to,
            background,
        )
        if key in seen:
            continue
        seen.add(key)
        kind: CasualtyKind = c.kind  # type: ignore[assignment]
        qualifier: Qualifier = c.qualifier  # type: ignore[assignment]
        out.append(
            CasualtyClaim(
                kind=kind,
                value=c.value,
                qualifier=qualifier,
                who=c.who,
                including=c.including,
                attributed_to=c.attributed_to,
                sentence=c.sentence.text,
                background=background,
                article_id=article_id,
            )
        )
    return out


# An injured figure told beside another victim ("another man was wounded", "both were shot").
_OTHER_VICTIM = re.compile(
    r"\b(?:another|other|others|second|third|also|both|survived|survivors?|several|recover\w*)\b",
    re.I,
)
# The victim's wounds told in words: an injured figure derived from a count of people shot
# ("a quadruple shooting", three of them dead) is no earlier word about the dead.
_WOUND_WORDS = re.compile(
    r"\b(?:injur\w*|wound\w*|hurt|condition|hospitali[sz]ed|grazed|critical\w*)\b", re.I
)


def injured_who_died(raw: Sequence[RawClaim]) -> list[RawClaim]:
    """The claims without the injured figures of victims the article says died later.

    "Kendal Pinkerton was critically injured in the shooting ... The 2-year-old who was shot
    has died": an update keeps the earlier report's words about the victim's wounds. Where the
    article tells a death with "died" (or "succumbed", "passed away"), every injured figure of
    the main event is no larger than its dead, no injured figure shares a sentence with a death
    ("one killed and another hurt" counts two people) and none speaks of another victim, the
    injured were the dead.
    """
    kinds = {c.kind for c in raw}
    if "killed" not in kinds or "injured" not in kinds:
        return list(raw)  # most articles: nothing to weigh
    killed = [c for c in raw if c.kind == "killed" and _LATER_DIED.search(c.sentence.text)]
    if not killed:
        return list(raw)
    main = [c for c in raw if not is_background_text(c.sentence.text)]
    killed = [c for c in main if c.kind == "killed"]
    injured = [c for c in main if c.kind == "injured"]
    if not injured or not any(_LATER_DIED.search(c.sentence.text) for c in killed):
        return list(raw)
    dead = max(c.value for c in killed)
    death_sentences = {c.sentence.index for c in killed}
    for c in injured:
        if (
            c.value > dead
            or c.sentence.index in death_sentences
            or _OTHER_VICTIM.search(c.sentence.text)
            or not _WOUND_WORDS.search(c.sentence.text)
        ):
            return list(raw)
    drop = {id(c) for c in injured}
    return [c for c in raw if id(c) not in drop]
