"""A labelled plain-text set for the clean stage, written for the project (all invented).

Each fixture is a short news article as a feed delivers it: story lines mixed with page residue
of every kind the stage handles, each line labelled "story" or with its residue kind. Places,
people and outlets are fictional. Story lines include traps: sentences that mention photos,
email, comments or sharing, quotes, short lines, and lines opening with a capitalised place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlainFixture:
    """One labelled article: a title and its body lines, each (kind, line)."""

    name: str
    title: str
    lines: tuple[tuple[str, str], ...]


S = "story"


def _f(name: str, title: str, *lines: tuple[str, str]) -> PlainFixture:
    return PlainFixture(name, title, lines)


FIXTURES: tuple[PlainFixture, ...] = (
    _f(
        "airstrike-chrome",
        "Airstrike on village kills 12 in Dorvan province",
        ("repeated_title", "• Airstrike on village kills 12 in Dorvan province"),
        ("share_chrome", "Adjust Comment Print"),
        ("agency_date", "Afp May 01, 2018"),
        (
            S,
            "KALMAR, Dorvan Province: An airstrike on the village of Tell Asra killed 12 "
            "civilians, including five children, on Tuesday, a monitoring group said.",
        ),
        ("photo_credit", "PHOTO: AFP"),
        (
            S,
            "The group said the dead included members of two families who had fled fighting "
            "further north last year.",
        ),
        ("teaser", "Read: Ministry says talks on the border crossing will resume"),
        (
            S,
            "Residents told reporters that the strike hit a house near the main mosque shortly "
            "after dawn prayers.",
        ),
        (S, '"We pulled them out with our hands," said Omar Haddi, a neighbour.'),
    ),
    _f(
        "shooting-comments",
        "Two hurt in Millbrook parking lot shooting",
        ("byline", "By Jane Calloway"),
        ("share_chrome", "Share | Tweet | Email"),
        (
            S,
            "MILLBROOK, Ohio (AP) — Two men were wounded in a shooting in a grocery store "
            "parking lot on Friday night, police said.",
        ),
        (
            S,
            "Officers found both men with gunshot wounds shortly after 9 p.m. and took them to "
            "Millbrook General Hospital.",
        ),
        (
            S,
            "Police asked anyone with photos or video of the parking lot to email the "
            "detective bureau.",
        ),
        ("comment_section", "COMMENTS"),
        ("comment_section", "Replying to Dave R."),
        ("comment_section", "This town has gone downhill since the mill closed."),
        ("comment_section", "Comments are moderated and may take a while to appear."),
    ),
    _f(
        "flood-repeats",
        "River Esk bursts its banks",
        (
            S,
            "The River Esk burst its banks on Sunday, flooding more than 200 homes in the "
            "market town of Hollow Bridge.",
        ),
        (
            S,
            "Emergency crews used boats to reach families trapped on upper floors, the county "
            "fire service said.",
        ),
        ("separator", "* * *"),
        (
            S,
            "Forecasters expect more rain on Monday, and a severe flood warning remains in "
            "place for the lower valley.",
        ),
        (
            "repeated_paragraph",
            "The River Esk burst its banks on Sunday, flooding more than "
            "200 homes in the market town of Hollow Bridge.",
        ),
        (
            "repeated_paragraph",
            "Emergency crews used boats to reach families trapped on "
            "upper floors, the county fire service said.",
        ),
    ),
    _f(
        "fire-near-repeat",
        "Warehouse fire in Port Allard",
        (
            S,
            "A fire tore through a furniture warehouse in Port Allard early on Wednesday, "
            "sending a column of black smoke over the harbour.",
        ),
        (
            S,
            "No one was hurt, but two firefighters were treated for heat exhaustion at the "
            "scene, a spokesman said.",
        ),
        (
            "near_repeated_paragraph",
            "A fire tore through a furniture warehouse in Port "
            "Allard early Wednesday, sending a column of black smoke over the harbour.",
        ),
        (S, "The cause of the blaze is under investigation."),
        ("copyright", "© 2019 Harbour Media Group. All rights reserved."),
    ),
    _f(
        "crash-prompts",
        "Bus crash on mountain road",
        ("page_prompt", "Please verify you're not a robot by clicking the box."),
        ("page_prompt", "Sign up for our daily email newsletter"),
        (
            S,
            "A bus carrying 40 pilgrims overturned on a mountain road near Vesna Pass on "
            "Thursday, killing seven people, officials said.",
        ),
        (S, "Rescuers worked through the night to free passengers trapped in the wreck."),
        (
            S,
            "The regional governor said the driver had lost control on a sharp bend after "
            "heavy rain.",
        ),
        ("page_prompt", "We use cookies to improve your experience on our site."),
        ("contact", "Contact reporter Lee Arno: larno@valleypost.example or (555) 201-3344"),
    ),
    _f(
        "protest-live",
        "Thousands march in Saranport",
        ("section_label", "UPDATE:"),
        (
            S,
            "Thousands of people marched through central Saranport on Saturday to protest a "
            "rise in fuel prices.",
        ),
        (S, "Police estimated the crowd at 15,000; organisers put it at twice that."),
        ("section_label", "Original story:"),
        (
            S,
            "Shops along Harbour Avenue closed early as the march approached the "
            "parliament building.",
        ),
        ("teaser", "Related: Fuel subsidy cut takes effect next month"),
        (
            S,
            "Several protesters carried photos of relatives who had lost their jobs at the "
            "refinery.",
        ),
    ),
    _f(
        "quake-teaser-headline",
        "Earthquake shakes Lirana coast",
        (
            S,
            "A magnitude 6.1 earthquake struck off the Lirana coast on Monday morning, "
            "damaging dozens of buildings in the port of Cass.",
        ),
        (
            S,
            "The national seismic institute said the quake was centred 30 km offshore at a "
            "depth of 12 km.",
        ),
        ("teaser", "Minister resigns over harbour contract scandal"),
        (
            S,
            "At least 14 people were injured by falling masonry, the health ministry said in "
            "a statement.",
        ),
        (
            S,
            "Schools in the coastal district will stay closed until engineers have inspected them.",
        ),
        ("share_chrome", "Share this: Facebook Twitter Email"),
    ),
    _f(
        "stabbing-byline-wire",
        "Man stabbed at Fenwick station",
        ("byline", "By: Tom Reyes | Staff Writer"),
        ("agency_date", "Posted on March 3, 2020 at 4:15 pm"),
        (
            S,
            "A 34-year-old man was stabbed at Fenwick railway station on Tuesday evening and is "
            "in a serious condition, police said.",
        ),
        (
            S,
            "Transit police said they arrested a 19-year-old suspect on the platform minutes "
            "later.",
        ),
        (S, "Witnesses said the two men had argued on the train."),
        ("photo_credit", "(Photo: Fenwick Transit Police)"),
        ("copyright", "Copyright 2020 WFNK. All rights reserved."),
    ),
    _f(
        "storm-newsletter",
        "Storm cuts power to 80,000 homes",
        (
            S,
            "A winter storm cut power to about 80,000 homes across the northern counties "
            "overnight, the grid operator said on Friday.",
        ),
        ("page_prompt", "Subscribe to our weather newsletter"),
        (S, "Crews expect to restore most connections by Saturday evening."),
        (
            S,
            "Schools in Dunmore and Carrick were closed, and trains between the two towns were "
            "cancelled.",
        ),
        ("teaser", "More from Weather:"),
        ("teaser", "Read more: Coldest night of the year forecast for Sunday"),
        ("separator", "__________"),
    ),
    _f(
        "hostage-dateline",
        "Hostages freed in Ostrava Bay raid",
        (
            S,
            "OSTRAVA BAY, Veridia (Reuters) - Special forces freed six hostages held by "
            "gunmen in a farmhouse near Ostrava Bay on Sunday, the interior ministry said.",
        ),
        ("photo_credit", "Getty Images"),
        (S, "Two of the gunmen were killed and one was arrested, the ministry said."),
        (S, "The hostages, all employees of a shipping firm, were taken on Thursday."),
        ("share_chrome", "Facebook Twitter Whatsapp Email"),
        (
            "repeated_paragraph",
            "Two of the gunmen were killed and one was arrested, the ministry said.",
        ),
    ),
    _f(
        "mine-collapse",
        "Miners trapped after collapse",
        ("repeated_title", "Miners trapped after collapse"),
        (
            S,
            "Eleven miners were trapped underground after part of a coal mine collapsed in "
            "the Tavor valley on Wednesday.",
        ),
        (
            S,
            "Rescuers have made contact with the men through a ventilation shaft, the mine's "
            "owner said.",
        ),
        ("teaser", "Also read: Mining safety rules to be reviewed"),
        (S, '"They are alive and they are talking to us," said rescue chief Anna Moll.'),
        ("comment_section", "Leave a comment"),
        ("comment_section", "Please log in to comment."),
    ),
    _f(
        "ferry-sinking",
        "Ferry sinks off Calder Island",
        ("agency_date", "Reuters Staff"),
        (
            S,
            "A passenger ferry sank off Calder Island on Saturday, and coastguards said 23 "
            "people were missing.",
        ),
        (S, "Fishing boats rescued 61 people from the water."),
        ("photo_credit", "Photo by Marta Lind"),
        (S, "The ferry was carrying more than 80 people on a route it has served for 20 years."),
        ("contact", "Email: newsdesk@islandtimes.example"),
        ("copyright", "© 2021 Island Times"),
    ),
    _f(
        "court-email-trap",
        "Ex-mayor charged with fraud",
        (
            S,
            "Former Redfield mayor Paul Dansk was charged on Monday with fraud over contracts "
            "awarded during his second term.",
        ),
        (
            S,
            "Prosecutors say Dansk used a private email account to steer contracts to a "
            "company owned by his brother-in-law.",
        ),
        (
            S,
            "Dansk denies the charges; his lawyer said he would share documents that prove "
            "his innocence.",
        ),
        ("share_chrome", "Print"),
        ("page_prompt", "Click here to subscribe to breaking news alerts."),
    ),
    _f(
        "heatwave-repeat-title",
        "Heatwave: hospitals on alert",
        ("repeated_title", "Heatwave: hospitals on alert"),
        ("agency_date", "Updated: 10:42 a.m."),
        (
            S,
            "Hospitals across the southern region were put on alert on Tuesday as "
            "temperatures passed 44C for a third day.",
        ),
        (S, "Health officials urged people to stay indoors between noon and 5 p.m."),
        ("section_label", "Editor's note:"),
        (S, "Three deaths have been linked to the heat, the regional health authority said."),
        ("separator", "---"),
        ("teaser", "Watch: How to keep cool without air conditioning"),
    ),
    _f(
        "explosion-factory",
        "Blast at chemical plant",
        (
            S,
            "BRANNOCK — An explosion at a chemical plant on the edge of Brannock killed two "
            "workers and injured nine on Thursday, the company said.",
        ),
        (S, "Residents within a mile of the plant were told to keep windows closed."),
        ("teaser", "Plant owner fined last year over safety failures"),
        (S, "The company said it was working with investigators to find the cause of the blast."),
        (S, "Photos posted online showed a plume of orange smoke over the industrial estate."),
        (
            "near_repeated_paragraph",
            "Residents within a mile of the plant were told to keep their windows closed.",
        ),
        ("page_prompt", "Download the Brannock Echo app"),
    ),
    _f(
        "missing-child",
        "Search for missing boy, 8",
        (
            S,
            "Police and volunteers searched woodland near Eastby on Sunday for an 8-year-old "
            "boy who has been missing since Friday afternoon.",
        ),
        (S, "He was last seen riding a red bicycle on Mill Lane."),
        (S, "Anyone with information is asked to call police on 101."),
        ("share_chrome", "Share"),
        ("share_chrome", "Tweet"),
        ("comment_section", "0 Comments"),
        ("comment_section", "Be the first to comment."),
    ),
    _f(
        "election-violence",
        "Clashes after disputed vote",
        ("byline", "By Amal Farouk and Piet de Wit, Reuters"),
        (
            S,
            "Clashes between rival supporters left four people dead in the northern city of "
            "Kessa after a disputed regional election, officials said on Monday.",
        ),
        (S, "The electoral commission said results from 30 polling stations would be recounted."),
        ("photo_credit", "Image copyright: Reuters"),
        (
            S,
            '"Violence will not decide this election," the commission\'s chairman told a '
            "news conference.",
        ),
        ("teaser", "In other news: Kessa airport reopens after runway repairs"),
        (S, "Opposition leaders called for calm but said they would challenge the count in court."),
    ),
    _f(
        "landslide",
        "Landslide buries homes in Vell",
        (
            S,
            "A landslide buried at least 15 homes in the hill village of Vell after days of "
            "heavy rain, the disaster agency said on Wednesday.",
        ),
        ("agency_date", "Wednesday, June 12, 2019"),
        (S, "Nine bodies have been recovered and rescuers are searching for about 20 more people."),
        (S, "Soldiers joined the search on Wednesday afternoon, using dogs and their bare hands."),
        ("page_prompt", "Report an error or submit a tip"),
        (
            "repeated_paragraph",
            "Nine bodies have been recovered and rescuers are searching for about 20 more people.",
        ),
        ("copyright", "Copyright © 2019 Vell Daily News"),
    ),
)
