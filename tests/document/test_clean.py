"""Clean: page furniture out, the story's own paragraphs kept (plain text and HTML).

Each case is a table row in the trafilatura style: text that must remain (``with``) and text
that must be gone (``without``).
"""
from __future__ import annotations

import pytest

from support import CHECKPOINT, CURFEW, HTML_PAGE
from newsgraph.document.clean import clean, clean_text, patterns
from newsgraph.document.ingest import RawInput

BODY = ("QUETTA: A roadside bomb struck a paramilitary convoy on Friday morning, killing four soldiers "
        "and wounding two, the army said.\n\n"
        "The convoy was travelling between two district towns when the device went off, officials added.\n\n"
        "No group has claimed the attack, but separatists have staged similar ambushes on the highway.")

CASES = [
    ("read-time badge",
     "Roadside bomb kills four soldiers\n\n4 min read\n\n" + BODY,
     ["Roadside bomb kills four soldiers", "QUETTA: A roadside bomb"], ["min read"]),
    ("reading time", "Reading time: 3 minutes\n\n" + BODY, ["separatists have staged"], ["Reading time"]),
    ("short url", "Short Url\n\n" + BODY + "\n\nShort URL: https://example.org/x1",
     ["the army said."], ["Short Url", "Short URL", "example.org"]),
    ("follow and share lines",
     "Follow\n\nFollow us on Twitter, Facebook & Telegram\n\nShare this article\n\nShare on WhatsApp\n\n"
     "Share | Tweet | Email | Print\n\n" + BODY,
     ["officials added."], ["Follow", "Share", "Tweet", "WhatsApp"]),
    ("subscribe prompts",
     "Subscribe to Frontier Weekly\n\n" + BODY + "\n\nSubscribe now for full access\n\n"
     "Sign up for our morning newsletter",
     ["QUETTA:"], ["Subscribe", "newsletter"]),
    ("comment prompts",
     BODY + "\n\nPost a comment\n\nLeave a Reply\n\nYour email address will not be published. "
     "Required fields are marked *\n\nComment *\n\nName *\n\nEmail *\n\nWebsite",
     ["separatists have staged similar ambushes"],
     ["Post a comment", "Leave a Reply", "email address", "Required fields", "Name *", "Website"]),
    ("a whole comment form",
     BODY + "\n\nLeave a Reply Cancel reply\n\nYour email address will not be published.\n\n"
     "Save my name, email, and website in this browser for the next time I comment.\n\n"
     "Notify me of follow-up comments by email.",
     ["the army said."], ["Leave a Reply", "Cancel reply", "Save my name", "Notify me", "email address"]),
    ("lower-case comment heading", BODY + "\n\nleave a reply:\n\nPost Comment",
     ["the army said."], ["leave a reply", "Post Comment"]),
    ("related articles and the headlines under them",
     BODY + "\n\nRelated Articles\n\nGunmen kill two policemen in night raid on post\n"
     "Court orders release of detained tribal elder\nMilitants torch girls' school in remote valley",
     ["the army said."], ["Related Articles", "night raid", "tribal elder", "girls' school"]),
    ("ALSO SEE block in the middle of the story",
     "ALSO SEE\n\nPolice post attacked in Bannu overnight\n\nCurfew lifted in border town\n\n" + BODY,
     ["QUETTA: A roadside bomb", "separatists have staged"], ["ALSO SEE", "Bannu", "Curfew lifted"]),
    ("see-also heading with a colon", BODY + "\n\nSee also:\nArmy chief visits troops on frontier",
     ["officials added."], ["See also", "Army chief visits"]),
    ("you may also like", BODY + "\n\nYou may also like\n\nTalks collapse as ceasefire ends",
     ["officials added."], ["You may also like", "Talks collapse"]),
    ("photo credits in brackets",
     "Soldiers inspect the wreckage on the highway. [IC: Staff Photographer]\n\n" + BODY,
     ["Soldiers inspect the wreckage on the highway."], ["[IC:", "Staff Photographer"]),
    ("photo credits in parentheses",
     "Police stand guard near the blast site. (Photo courtesy: Frontier Herald/File)\n\n" + BODY,
     ["Police stand guard near the blast site."], ["Photo courtesy", "File)"]),
    ("image caption repeated in the body",
     "Mourners carry the coffin of a policeman killed in the attack. [IC: Agency]\n\n"
     "Mourners carry the coffin of a policeman killed in the attack.\n\n" + BODY,
     ["Mourners carry the coffin"], ["[IC:"]),
    ("title repeated as the first paragraph",
     "Roadside bomb kills four soldiers\n\nRoadside bomb kills four soldiers\n\n" + BODY,
     ["Roadside bomb kills four soldiers"], []),
    ("breadcrumbs, ads and copyright",
     "Home > Pakistan > Balochistan\n\nAdvertisement\n\n" + BODY + "\n\nScroll to continue with content\n\n"
     "© 2024 Frontier Herald. All rights reserved.",
     ["the army said."], ["Home >", "Advertisement", "Scroll to continue", "All rights reserved", "©"]),
    ("read more, tags and comment counts",
     BODY + "\n\nRead more: Army says convoy route will stay open\n\nTags: Balochistan, security\n\n12 Comments",
     ["officials added."], ["Read more", "Tags:", "12 Comments"]),
    ("words that only look like furniture stay in prose",
     "Residents said they would follow the curfew, and elders urged people to share food with "
     "displaced families.\n\nThe military declined to comment. Officials said related incidents were "
     "under review, and a spokesman said a detailed reading of the report would take days.",
     ["would follow the curfew", "share food", "declined to comment", "related incidents"], []),
]


@pytest.mark.parametrize("name, text, with_, without", CASES, ids=[c[0] for c in CASES])
def test_boilerplate_table(name, text, with_, without):
    out = clean_text(text)
    for fragment in with_:
        assert fragment in out, f"{name}: lost {fragment!r}\n---\n{out}"
    for fragment in without:
        assert fragment not in out, f"{name}: kept {fragment!r}\n---\n{out}"


@pytest.mark.parametrize("name, text, expected", [
    ("repeated title", "Roadside bomb kills four soldiers\n\nRoadside bomb kills four soldiers\n\n" + BODY, 1),
    ("repeated caption", "Smoke rises over the market.\n\nSmoke rises over the market.\n\n" + BODY, 1),
    ("caption repeated with its credit", "Smoke rises over the market. [IC: Agency]\n\n" + BODY
     + "\n\nSmoke rises over the market.", 1),
])
def test_repeats_are_kept_once(name, text, expected):
    out = clean_text(text)
    first_line = text.split("\n")[0].split(" [IC")[0]
    assert out.count(first_line) == expected, out


def test_title_given_by_markup_is_not_repeated_in_the_text():
    out = clean_text("Roadside bomb kills four soldiers\n\n" + BODY, title="Roadside bomb kills four soldiers")
    assert out == BODY


def test_paragraphs_are_separated_by_one_blank_line_and_lines_trimmed():
    out = clean_text("  First paragraph of the story, officials said.  \n\n\n\n\tSecond\u00a0one  here.\n\n\n")
    assert out == "First paragraph of the story, officials said.\n\nSecond one here."


def test_two_stories_in_one_file_keep_their_own_stamp_and_byline():
    """A repeat across two stories is not a repeat: each needs its own date line and byline."""
    first = CHECKPOINT
    second = CURFEW.replace("Published March 21, 2023", "By Farah Naz\n\nPublished March 14, 2023")
    out = clean_text(first + "\n" + second)
    assert out.count("Published March 14, 2023") == 2
    assert out.count("By Farah Naz") == 2


def test_clean_is_idempotent():
    once = clean_text("4 min read\n\nShort Url\n\n" + CHECKPOINT + "\nRelated Articles\n\nA headline here")
    assert clean_text(once) == once


def test_patterns_file_has_every_section():
    pats = patterns()
    assert pats.line.match("4 min read") and pats.related.match("Related Articles")
    assert pats.comments.match("Leave a Reply") and pats.inline.search("[IC: Someone]")


# --------------------------------------------------------------------------- HTML

def _raw_html(html: str, meta: dict | None = None) -> RawInput:
    return RawInput("drone.html", html, True, "0" * 64, "utf-8", meta or {})


def test_html_goes_through_trafilatura_and_keeps_its_markup():
    cleaned = clean(_raw_html(HTML_PAGE))
    assert cleaned.markup == HTML_PAGE  # the original page, for display
    for fragment in ["MIRAMSHAH: A drone strike destroyed a compound", "declined to comment on the report."]:
        assert fragment in cleaned.text
    for fragment in ["<p>", "Home", "Related Articles", "Curfew imposed", "Share this article",
                     "All rights reserved", "Frontier Herald"]:
        assert fragment not in cleaned.text
    assert cleaned.meta["title"] == "Drone strike destroys compound near border"
    assert cleaned.meta["author"] == "Sana Qureshi"
    assert cleaned.meta["outlet"] == "Frontier Herald"
    assert cleaned.meta["published"].startswith("2023-05-04")


def test_html_title_repeated_as_heading_is_dropped_from_the_text():
    cleaned = clean(_raw_html(HTML_PAGE))
    assert "Drone strike destroys compound near border" not in cleaned.text


def test_metadata_given_with_html_wins_over_markup():
    cleaned = clean(_raw_html(HTML_PAGE, {"title": "Strike near the border", "outlet": "Wire Desk"}))
    assert cleaned.meta["title"] == "Strike near the border" and cleaned.meta["outlet"] == "Wire Desk"


def test_plain_text_has_no_markup():
    cleaned = clean(RawInput("a.txt", CHECKPOINT, False, "0" * 64, "utf-8", {"outlet": "Wire Desk"}))
    assert cleaned.markup is None and cleaned.meta == {"outlet": "Wire Desk"}
    assert cleaned.text.startswith("Militants storm police checkpoint in Lakki Marwat\n\nBy Farah Naz")
