"""News items written for the resolution, record and export tests (our own words, invented
people and outlets): each scenario is a few short reports of one happening by different outlets."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


def item(text: str, outlet: str, url: str | None, published: str, title: str) -> dict:
    """One JSONL input line: the article and what a feed says about it."""
    out = {"text": text, "outlet": outlet, "published": published, "title": title}
    if url:
        out["url"] = url
    return out


# one wire story that two outlets carry nearly word for word (corroboration: one independent source)
WIRE = ("KALAT, Balochistan (Frontier Wire) - A roadside bomb struck a paramilitary vehicle in Kalat on Saturday, "
        "killing four soldiers and wounding two others, officials said.\n\n"
        "The blast hit the vehicle as it returned from a patrol near the highway, a local administration official "
        "said, speaking on condition of anonymity.\n\n"
        "No group immediately claimed responsibility for the attack, but separatist insurgents have targeted "
        "security forces in the province for years.\n\n"
        "Troops cordoned off the area and began a search for the attackers, the official added.")

SCENARIOS: dict[str, dict] = {
    'bannu_a': item("BANNU: Gunmen killed 47 people in a crowded market in Bannu on Sunday, police said.\n\n"
                    "The attackers fled on motorcycles after the shooting, a police official said.",
                    "Frontier Herald", "https://frontierherald.example/2023/03/bannu-market", "2023-03-13",
                    "Gunmen kill 47 in Bannu market"),
    'bannu_b': item("BANNU: Gunmen killed 90 people in a market in Bannu on Sunday, doctors at the district "
                    "hospital said.\n\nShopkeepers said the firing went on for several minutes.",
                    "Khyber Times", "https://khybertimes.example/news/bannu-shooting", "2023-03-13",
                    "Ninety dead in Bannu shooting"),
    'mardan_a': item("MARDAN: A suicide bomber blew himself up at a mosque in Mardan on Friday, killing 14 "
                     "worshippers, police said.", "Frontier Herald",
                     "https://frontierherald.example/2023/05/mardan-mosque", "2023-05-06", "Mosque bombing in Mardan"),
    'mardan_b': item("MARDAN: Militants attacked a mosque in Mardan on Friday, killing 14 worshippers, officials "
                     "said.", "Khyber Times", "https://khybertimes.example/news/mardan-mosque", "2023-05-06",
                     "Fourteen killed at Mardan mosque"),
    'zhob_a': item("ZHOB: Security forces arrested Fazal Rabbani Kakar in Zhob on June 4, 2023, police said.",
                   "Frontier Herald", "https://frontierherald.example/2023/06/zhob-arrest", "2023-06-05",
                   "Suspect arrested in Zhob"),
    'zhob_b': item("QUETTA: Police said Fazal Rabbani Kakar had been arrested in Zhob in June 2023.",
                   "Khyber Times", "https://khybertimes.example/news/kakar-court", "2023-08-15", "Kakar case in court"),
    'jadoon_a': item("KOHAT: Police arrested Shamsher Ali Jadoon in Kohat in 2015, officials said.",
                     "Frontier Herald", "https://frontierherald.example/2019/01/jadoon", "2019-01-10", "Jadoon profile"),
    'jadoon_b': item("KOHAT: Shamsher Ali Jadoon was arrested in Kohat in early 2015, his lawyer said.",
                     "Khyber Times", "https://khybertimes.example/news/jadoon-lawyer", "2019-02-11", "Lawyer speaks"),
    'jadoon_c': item("KOHAT: Shamsher Ali Jadoon was released from prison in Kohat in 2021, his family said.",
                     "Valley Post", "https://valleypost.example/jadoon-freed", "2021-09-01", "Jadoon freed"),
    'lakki_a': item("LAKKI MARWAT: Militants attacked a police station in Lakki Marwat on Saturday, killing three "
                    "policemen, officials said.", "Daily Frontier", "https://www.dailyfrontier.example/lakki",
                    "2023-01-15", "Police station attacked"),
    'lakki_b': item("PESHAWAR: Militants attacked a police station in Khyber Pakhtunkhwa province on Saturday, "
                    "killing three policemen, the provincial police chief told reporters.", "Capital Daily",
                    "https://capitaldaily.example/kp-police", "2023-01-15", "Three policemen killed in KP"),
    'lango_a': item("KHUZDAR: Kidnappers freed the contractor Rahim Dad Lango in Khuzdar in May 2022, his family "
                    "said.", "Valley Post", "https://valleypost.example/lango", "2022-07-01", "Contractor home"),
    'lango_b': item("KHUZDAR: The kidnappers freed contractor Rahim Dad Lango in Khuzdar on May 3, 2022, police "
                    "said.", "Daily Frontier", "https://www.dailyfrontier.example/lango", "2022-05-04",
                    "Contractor freed"),
    'datta_a': item("MIRAMSHAH: The military confirmed that its aircraft struck a militant hideout in Datta Khel on "
                    "Sunday, killing six militants.", "Daily Frontier",
                    "https://www.dailyfrontier.example/pakistan/datta-khel", "2023-09-04", "Strike in Datta Khel"),
    'datta_b': item("MIRAMSHAH: Tribal elders denied that aircraft had struck a hideout in Datta Khel on Sunday.",
                    "Baloch Tribune", "https://baloch-tribune.example/news/2023/09/04/datta", "2023-09-04",
                    "Elders deny strike"),
    'wana_a': item("WANA: Tribal elder Malik Sher Bahadur was shot dead in Wana on April 10, 2023, police said.",
                   "Frontier Herald", "https://frontierherald.example/2023/04/wana", "2023-04-12",
                   "Elder shot dead in Wana"),
    'wana_b': item("WANA: Tribal elder Malik Sher Bahadur was shot dead in Wana on April 9, 2023, his family said.",
                   "Khyber Times", "https://khybertimes.example/news/wana-elder", "2023-04-12", "Family mourns elder"),
    'charsadda_a': item("CHARSADDA: Gunmen shot dead Imran Khattak, a teacher, in Charsadda on Monday, police said.",
                        "Frontier Herald", "https://frontierherald.example/2023/09/teacher", "2023-09-12",
                        "Teacher killed"),
    'charsadda_b': item("CHARSADDA: Gunmen shot dead Sajid Nawaz, a shopkeeper, in Charsadda on Monday, police said.",
                        "Khyber Times", "https://khybertimes.example/news/shopkeeper", "2023-09-12",
                        "Shopkeeper killed"),
    'afridi_2015': item("LANDI KOTAL: Police arrested Gul Zaman Afridi in Landi Kotal in 2015, officials said.",
                        "Frontier Herald", "https://frontierherald.example/2015/afridi", "2015-07-01", "Afridi held"),
    'afridi_2021': item("LANDI KOTAL: Police arrested Gul Zaman Afridi in Landi Kotal in 2021, officials said.",
                        "Khyber Times", "https://khybertimes.example/news/afridi-again", "2021-07-01",
                        "Afridi held again"),
    'quetta_a': item("QUETTA: A bomb exploded near a vegetable market in Quetta on March 3, 2023, killing five "
                     "people, police said.", "Frontier Herald", "https://frontierherald.example/2023/03/quetta-1",
                     "2023-03-04", "Quetta blast"),
    'quetta_b': item("QUETTA: A bomb exploded outside a mosque in Quetta on March 10, 2023, killing eight people, "
                     "police said.", "Khyber Times", "https://khybertimes.example/news/quetta-2", "2023-03-11",
                     "Second Quetta blast"),
    'bannu_c': item("BANNU: Gunmen killed 52 people in a market in Bannu on Sunday, the deputy commissioner said.",
                    "Valley Post", "https://valleypost.example/bannu-toll", "2023-03-14", "Bannu toll"),
    'tirah_a': item("TIRAH: Security officials confirmed that militant commander Zarak Gul Afridi was killed in a "
                    "clash in Tirah on Tuesday.\n\nTwo soldiers were wounded in the fighting, the officials said.",
                    "Frontier Herald", "https://frontierherald.example/2023/10/tirah", "2023-10-11",
                    "Commander killed in Tirah"),
    'tirah_b': item("PESHAWAR: The Lashkar Qadim group denied that its commander Zarak Gul Afridi had been killed in "
                    "Tirah, saying he was alive.\n\nThe group did not offer any proof.", "Khyber Times",
                    "https://khybertimes.example/news/lashkar-denial", "2023-10-12", "Group denies commander's death"),
    'khar': item("KHAR: Police said gunmen killed Haji Rehmat Khan, a tribal elder, in Khar on Monday.\n\n"
                 "His son, Nasir Rehmat, denied that his father had been killed and said he was in hiding.",
                 "Capital Daily", "https://capitaldaily.example/khar-elder", "2023-02-22",
                 "Conflicting accounts of elder's fate"),
    'role_one': item("ISLAMABAD: A senior security official said Khalid Marwat was the spokesman of the Ghazi "
                     "Liberation Army.\n\nThe group's leader, Hamid Zaheer, denied that Marwat held any position in "
                     "the group.", "Capital Daily", "https://capitaldaily.example/marwat", "2023-11-02",
                     "Who is Khalid Marwat?"),
    'role_a': item("ISLAMABAD: The interior ministry said Waqas Durrani was the chief commander of the Jaish Frontier "
                   "group in the south.", "Capital Daily", "https://capitaldaily.example/durrani", "2023-11-05",
                   "Ministry names commander"),
    'role_b': item("QUETTA: The Jaish Frontier group denied that Waqas Durrani was a commander of the group, a "
                   "spokesman said.", "Valley Post", "https://valleypost.example/durrani-denial", "2023-11-06",
                   "Group rejects ministry claim"),
    'inv_one': item("TURBAT: Police said the Mazdoor Liberation Army carried out the attack on a convoy in Kech on "
                    "Friday.\n\nA spokesman for the Mazdoor Liberation Army denied that the group was involved in "
                    "the attack.", "Capital Daily", "https://capitaldaily.example/kech", "2023-03-26",
                    "Convoy attack"),
    'resp_a': item("PANJGUR: The Sarhad Liberation Army claimed responsibility for the bombing of a bus in Panjgur on "
                   "Monday, police said.", "Capital Daily", "https://capitaldaily.example/panjgur", "2023-12-05",
                   "Group claims Panjgur bombing"),
    'resp_b': item("QUETTA: A spokesman for the Sarhad Liberation Army denied that the group was involved in the "
                   "bombing of a bus in Panjgur on Monday.", "Valley Post",
                   "https://valleypost.example/panjgur-denial", "2023-12-06", "Group denies role"),
    'place_a': item("MINGORA: Journalist Nadia Gulzar was shot dead in Mingora on May 2, 2023, police said.",
                    "Frontier Herald", "https://frontierherald.example/2023/05/journalist", "2023-05-03",
                    "Journalist killed"),
    'place_b': item("PESHAWAR: Journalist Nadia Gulzar was shot dead in Peshawar on May 2, 2023, her colleagues said.",
                    "Khyber Times", "https://khybertimes.example/news/journalist", "2023-05-03",
                    "Colleagues mourn journalist"),
    'rel_a': item("DERA ISMAIL KHAN: Kidnappers freed the engineer Tariq Mehmood Sial in Dera Ismail Khan on May 3, "
                  "2022, police said.", "Frontier Herald", "https://frontierherald.example/2022/05/engineer",
                  "2022-05-04", "Engineer freed"),
    'rel_b': item("DERA ISMAIL KHAN: Kidnappers freed the engineer Tariq Mehmood Sial in Dera Ismail Khan on June 20, "
                  "2022, his brother said.", "Khyber Times", "https://khybertimes.example/news/engineer",
                  "2022-06-21", "Engineer home"),
    'sukkur_a': item("SUKKUR: A bomb exploded at a railway station in Sukkur on Thursday, killing at least 12 people, "
                     "police said.", "Frontier Herald", "https://frontierherald.example/2023/08/sukkur", "2023-08-11",
                     "Sukkur blast"),
    'sukkur_b': item("SUKKUR: A bomb exploded at a railway station in Sukkur on Thursday, killing 12 people, railway "
                     "officials said.", "Khyber Times", "https://khybertimes.example/news/sukkur", "2023-08-11",
                     "Twelve dead in Sukkur"),
    'role': item("ISLAMABAD: A senior security official said Khalid Marwat was the spokesman of the Ghazi Liberation "
                 "Army.\n\nThe group's leader, Hamid Zaheer, denied that Marwat held any position in the group.",
                 "Capital Daily", "https://capitaldaily.example/marwat", "2023-11-02", "Who is Khalid Marwat?"),
    'wire_a': item(WIRE, "Daily Frontier", "https://www.dailyfrontier.example/pakistan/kalat-bomb", "2023-07-16",
                   "Four soldiers killed in Kalat bombing"),
    'wire_b': item(WIRE.replace("Troops cordoned off", "Security forces cordoned off")
                   + "\n\nThe province has seen a rise in such attacks this year.", "Baloch Tribune",
                   "https://baloch-tribune.example/news/2023/07/16/kalat", "2023-07-16", "Bomb kills four FC men in Kalat"),
    'own_c': item("QUETTA: An improvised explosive device killed four Frontier Corps soldiers in Kalat on Saturday, "
                  "the military's media wing said in a statement.\n\nThe statement said the wounded had been shifted "
                  "to a hospital in Quetta.", "Quetta Observer", "https://quettaobserver.example/kalat-ied",
                  "2023-07-16", "FC vehicle hit in Kalat"),
    'own_d': item("KALAT: A roadside bomb killed four soldiers near the highway in Kalat on Saturday afternoon, "
                  "residents said.\n\nShops in the nearby bazaar closed early.", "Quetta Observer",
                  "https://quettaobserver.example/kalat-residents", "2023-07-17", "Kalat residents recall blast"),
    'chilas_a': item("GILGIT: Gunmen ambushed a passenger bus on the Karakoram Highway near Chilas on Tuesday, "
                     "killing nine passengers, police said.", "Northern Post", None, "2023-02-08",
                     "Nine killed in bus ambush"),
    'chilas_b': item("CHILAS: Gunmen killed nine passengers in an ambush on a bus near Chilas on Tuesday, the district "
                     "police chief said.\n\nRelatives of the dead blocked the highway in protest on Wednesday.",
                     "Northern Post", None, "2023-02-09", "Relatives block highway"),
    'jamrud': item("JAMRUD: The provincial government confirmed that militants had blown up a school in Jamrud on "
                   "Thursday.", "Valley Post", "https://valleypost.example/jamrud", "2023-06-09", "School blown up"),
    'chaman': item("CHAMAN: Border officials denied that Afghan forces had shelled a village near Chaman on "
                   "Wednesday.", "Valley Post", "https://valleypost.example/chaman", "2023-06-08",
                   "Officials deny shelling"),
    'bannu': item("BANNU: Gunmen killed 47 people in a crowded market in Bannu on Sunday, police said.",
                  "Frontier Herald", "https://frontierherald.example/2023/03/bannu-market", "2023-03-13",
                  "Gunmen kill 47 in Bannu market"),
    'kech': item("TURBAT: Police said the Mazdoor Liberation Army carried out the attack on a convoy in Kech on "
                 "Friday.\n\nA spokesman for the Mazdoor Liberation Army denied that the group was involved in the "
                 "attack.", "Capital Daily", "https://capitaldaily.example/kech", "2023-03-26", "Convoy attack"),
    'durrani': item("ISLAMABAD: The interior ministry said Waqas Durrani was the chief commander of the Jaish Frontier "
                    "group in the south.", "Capital Daily", "https://capitaldaily.example/durrani", "2023-11-05",
                    "Ministry names commander"),
}


def source_of(name: str, spec: dict) -> str:
    """The name a document of this item is stored under: its URL, else its file and line."""
    return spec.get("url") or f"{name}.jsonl#L1"


def pick(*names: str) -> dict[str, dict]:
    """The named items, in the order given (the file name of each is its key)."""
    return {name: SCENARIOS[name] for name in names}


def ingest_items(root: Path, articles: dict[str, dict]) -> tuple[Path, dict[str, str], dict[str, str]]:
    """Each item as a one-line JSONL file, ingested into ``root/kb.sqlite``.

    Returns the database, article name → document id, and document id → text.
    """
    from newsgraph.kb import KnowledgeBase

    folder, db = root / "articles", root / "kb.sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in articles.items():
        (folder / f"{name}.jsonl").write_text(json.dumps(spec) + "\n", encoding="utf-8")
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(folder)], workers=1)
        assert summary.ingested == len(articles) and not summary.rejected, summary
        documents = kb.documents()
    by_source = {d.source: d.id for d in documents}
    docs = {name: by_source[source_of(name, spec)] for name, spec in articles.items()}
    return db, docs, {d.id: d.text for d in documents}


@dataclass(repr=False)
class Built:
    """A knowledge base built from scenario items, with the ways back from records to articles."""

    path: Path
    docs: dict[str, str]  # article name -> document id
    names: dict[str, str]  # document id -> article name
    texts: dict[str, str]  # document id -> text

