"""Bodies that are page furniture only are rejected; the same furniture around a story is not.

Some crawls of news pages captured only what the page shows over or beside the story: a video
playlist of other stories, an author-alert box, a registration or verification pop-up, a
paywall's delivery-area prompt. The clean stage must reject those (nothing in them is the
story, and identical furniture on many pages would look like copies of one text to dedup),
while the same furniture around real story paragraphs goes and the story stays. The bodies
below are written for these tests in the shape of such crawls.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.articles import RawArticle
from streams.clean import EmptyArticle, clean_article

WHEN = datetime(2016, 3, 14, 9, 30, tzinfo=UTC)

VIDEO_PLAYLIST = (
    "1:12 Deputies search river bank after truck found abandoned Pause\n\n"
    "0:47 Zoo welcomes twin otter pups\n\n"
    "2:05 'He was always smiling,' says coach of slain teenager\n\n"
    "1:33 Raw video: Crews battle warehouse fire on Elm Street\n\n"
    "3:18 Council debates new stadium parking plan\n\n"
    "0:29 Police chief talks about holiday patrols"
)
AUTHOR_ALERTS = (
    "Close Get email notifications on Dana Whitfield daily!\n\n"
    "Your notification has been saved.\n\n"
    "There was a problem saving your notification.\n\n"
    "Whenever Dana Whitfield posts new content, you'll get an email delivered to your inbox "
    "with a link.\n\n"
    "Email notifications are only sent once a day, and only if there are new matching items."
)
VERIFICATION_POPUP = (
    "Just One More Thing...\n\n"
    "We have sent you a verification email. Please check your email and click on the link to "
    "activate your Example.com profile.\n\n"
    "If you do not receive the verification message within a few minutes of signing up, "
    "please check your Spam or Junk folder.\n\n"
    "Close"
)
REGISTRATION_POPUP = (
    "Sign in using your wxyz profile\n\n"
    "Welcome back. Please sign in\n\n"
    "Why are we asking this?\n\n"
    "By submitting your registration information, you agree to our Terms of Service and "
    "Privacy Policy .\n\n"
    "Already have an account?\n\n"
    "We have sent a confirmation email to {* data_emailAddress *}. Please check your email "
    "and click on the link to activate your account.\n\n"
    "Thank you for registering!\n\n"
    "Click here to return to the page you were visiting."
)
PAYWALL = (
    "Sorry, this zipcode is not in our deliverable area for this subscription service.\n\n"
    "Re-enter zip code or sign up for digital access.\n\n"
    "Get digital access\n\n"
    "Already a subscriber?\n\n"
    "Click on the button below to set up your account or log in if you already have one."
)
OWNER_NOTICE = "You are the owner of this article."

FURNITURE = {
    "video_playlist": VIDEO_PLAYLIST,
    "author_alerts": AUTHOR_ALERTS,
    "verification_popup": VERIFICATION_POPUP,
    "registration_popup": REGISTRATION_POPUP,
    "paywall": PAYWALL,
    "owner_notice": OWNER_NOTICE,
}

STORY = [
    "Two men were wounded early Sunday in a shooting outside a bar on Lakeview Avenue, "
    "police said.",
    "Officers found both men with gunshot wounds shortly after 1 a.m. and took them to a "
    "hospital, where they were listed in stable condition.",
    "Investigators have not named a suspect and asked anyone with information to call the "
    "department's tip line.",
]


def raw(body: str) -> RawArticle:
    return RawArticle(
        id="a1",
        source="test",
        title="Two men wounded in shooting outside Lakeview bar",
        body=body,
        published_at=WHEN,
    )


@pytest.mark.parametrize("body", FURNITURE.values(), ids=FURNITURE.keys())
def test_furniture_only_body_leaves_the_headline_only(body: str) -> None:
    article = clean_article(raw(body))
    assert article.headline_only and article.paragraphs == []
    assert article.title == "Two men wounded in shooting outside Lakeview bar"


@pytest.mark.parametrize("body", FURNITURE.values(), ids=FURNITURE.keys())
def test_furniture_only_body_under_a_short_title_is_rejected_as_residue(body: str) -> None:
    with pytest.raises(EmptyArticle, match="no story text left"):
        clean_article(raw(body).model_copy(update={"title": "Local news"}))


def test_an_article_with_story_text_is_not_headline_only() -> None:
    assert not clean_article(raw("\n\n".join(STORY))).headline_only


@pytest.mark.parametrize("furniture", FURNITURE.values(), ids=FURNITURE.keys())
def test_furniture_around_a_story_goes_and_the_story_stays(furniture: str) -> None:
    body = "\n\n".join([furniture, *STORY, furniture])
    assert clean_article(raw(body)).paragraphs == STORY
