"""Split: a file holding several stories → one document per story, all with the same source."""
from __future__ import annotations

import pytest

from support import CHECKPOINT, CURFEW, NO_DATE, TWO_STORIES, write
from newsgraph import pipeline
from newsgraph.document.clean import clean_text
from newsgraph.document.split import split_articles
from newsgraph.records import Document

P1 = "Officials said the assault began shortly after dawn and lasted for several hours before troops regained control."
P2 = "Residents said they heard loud explosions and saw smoke rising over the district headquarters that morning."
P3 = "A spokesman for the provincial government said an investigation had been ordered into the incident."


def story(headline: str, stamp: str, paragraphs: int = 3) -> str:
    return "\n\n".join([headline, stamp, *[P1, P2, P3][:paragraphs]])


@pytest.mark.parametrize("name, text, titles", [
    ("one story", CHECKPOINT, ["Militants storm police checkpoint"]),
    ("one story without a date", NO_DATE, ["Aid convoy reaches besieged town"]),
    ("two stories with Published lines", TWO_STORIES, ["Militants storm police checkpoint", "Curfew eased in Kurram"]),
    ("three stories with bare date lines",
     "\n\n".join(story(f"Clashes reported in district {n}", f"May {n}, 2020") for n in (1, 2, 3)),
     ["Clashes reported in district 1", "Clashes reported in district 2", "Clashes reported in district 3"]),
    ("stories with Updated lines",
     story("Ceasefire talks resume in Doha", "Updated 08 January 2023")
     + "\n\n" + story("Suspect held at border crossing", "Updated 22 December 2025"),
     ["Ceasefire talks resume in Doha", "Suspect held at border crossing"]),
    ("second story with a standfirst and byline above its stamp",
     story("Ceasefire talks resume in Doha", "Published January 6, 2022")
     + "\n\nSuspect held at border crossing\n\nOfficials say he planned attacks abroad\n\nBy Omar Farooq\n\n"
     + "Published January 9, 2022\n\n" + "\n\n".join([P1, P2]),
     ["Ceasefire talks resume in Doha", "Suspect held at border crossing"]),
    ("an update line after the story belongs to it",
     story("Ceasefire talks resume in Doha", "Published May 1, 2020") + "\n\nUpdated May 2, 2020",
     ["Ceasefire talks resume in Doha"]),
    ("a date line after too little prose does not start a story",
     story("Ceasefire talks resume in Doha", "Published May 1, 2020", paragraphs=2)
     + "\n\n" + story("Suspect held at border crossing", "May 3, 2020"),
     ["Ceasefire talks resume in Doha"]),
])
def test_split_table(name, text, titles):
    articles = split_articles(text)
    assert len(articles) == len(titles), [a[:60] for a in articles]
    for article, title in zip(articles, titles):
        assert article.startswith(title)
    assert "\n\n".join(articles) == "\n\n".join(p for p in text.split("\n\n") if p.strip())  # nothing lost


def test_empty_text_has_no_articles():
    assert split_articles("") == [] and split_articles("\n\n  \n\n") == []


def test_stories_sharing_a_date_line_still_split_after_cleaning():
    text = story("Clashes reported in the north", "Published March 3, 2021") + "\n\n" + \
        story("Curfew lifted in border town", "Published March 3, 2021")
    assert len(split_articles(clean_text(text))) == 2


def test_a_related_block_between_two_stories_does_not_swallow_the_second_header():
    second = story("Suspect held at border crossing", "Published May 3, 2020").replace(P1, P1.replace("dawn", "dusk"))
    text = story("Ceasefire talks resume in Doha", "Published May 1, 2020") + \
        "\n\nRelated Articles\n\nGunmen kill two policemen in night raid\nCourt frees detained tribal elder\n\n" + second
    cleaned = clean_text(text)
    assert "Related Articles" not in cleaned and "night raid" not in cleaned and "tribal elder" not in cleaned
    articles = split_articles(cleaned)
    assert [a.split("\n")[0] for a in articles] == ["Ceasefire talks resume in Doha", "Suspect held at border crossing"]
    assert "Published May 3, 2020" in articles[1]


def test_documents_of_one_file_share_source_and_parent(tmp_path):
    path = write(tmp_path / "digest.txt", "Home > News > Frontier\n\n" + TWO_STORIES)
    docs = [d for d in pipeline.documents([str(path)]) if isinstance(d, Document)]
    assert [d.title for d in docs] == ["Militants storm police checkpoint in Lakki Marwat",
                                       "Curfew eased in Kurram after week of tribal clashes"]
    assert {d.source for d in docs} == {"digest.txt"}
    assert docs[0].parent is not None and docs[0].parent == docs[1].parent
    assert [d.index for d in docs] == [0, 1]
    assert [d.published for d in docs] == ["2023-03-14", "2023-03-21"]
    assert docs[0].id != docs[1].id
    assert "Curfew" not in docs[0].text and "Lakki Marwat" not in docs[1].text


def test_single_story_has_no_parent(tmp_path):
    [doc] = pipeline.documents([str(write(tmp_path / "one.txt", CURFEW))])
    assert doc.parent is None and doc.index == 0 and doc.source == "one.txt"


def test_file_left_empty_by_cleaning_is_rejected_not_stored(tmp_path):
    path = write(tmp_path / "furniture.txt", "Post a comment\n\nShare this article\n\n4 min read\n")
    [item] = pipeline.documents([str(path)])
    assert not isinstance(item, Document)
    assert item.input == "furniture.txt" and "no article text left" in item.reason
