"""graphml and gexf: networkx reads both files back into the same graph. Nodes are the entity
records (type, aliases), and the edges are affiliations and co-participation, weighted and with
evidence counts.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

nx = pytest.importorskip("networkx")


def _edges(graph) -> Counter:
    return Counter((frozenset((a, b)), d["kind"], d["weight"], d["evidence_count"])
                   for a, b, d in graph.edges(data=True))


def expected_edges(built) -> Counter:
    entities = {e["id"]: e for e in built.of("entity")}
    kinds: Counter = Counter()
    for e in entities.values():
        kinds.update(frozenset((e["id"], a["org"])) for a in e["affiliations"]
                     if a["org"] in entities and a["org"] != e["id"])
    affiliation = len(kinds)
    pairs = set()
    for event in built.of("event"):
        people = {p["entity"] for p in event["agents"] + event["victims"] if p["entity"] in entities}
        pairs |= {frozenset(p) for p in combinations(sorted(people), 2)}
    return Counter({"affiliation": affiliation, "co_participation": len(pairs)})


@pytest.mark.parametrize("fmt, reader", [("graphml", "read_graphml"), ("gexf", "read_gexf")])
def test_networkx_reads_nodes_and_weighted_edges(built, fmt, reader):
    graph = getattr(nx, reader)(built.files[fmt])
    entities = {e["id"]: e for e in built.of("entity")}
    assert set(graph.nodes) == set(entities)
    for node, data in graph.nodes(data=True):
        assert data["label"] == entities[node]["name"] and data["type"] == entities[node]["type"]
        assert data.get("aliases", "") == "; ".join(entities[node]["aliases"])
    assert Counter(d["kind"] for _, _, d in graph.edges(data=True)) == expected_edges(built)
    assert all(d["weight"] >= 1 and d["evidence_count"] >= 0 for _, _, d in graph.edges(data=True))
    assert built.counts[fmt] == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def test_both_formats_hold_the_same_graph(built):
    graphml, gexf = nx.read_graphml(built.files["graphml"]), nx.read_gexf(built.files["gexf"])
    assert _edges(graphml) == _edges(gexf)


def test_affiliation_edges_keep_their_roles_and_sentences(built):
    graph = nx.read_graphml(built.files["graphml"])
    entities = {e["id"]: e for e in built.of("entity")}
    ties = [(a, b, d) for a, b, d in graph.edges(data=True) if d["kind"] == "affiliation"]
    assert ties or not any(a["org"] in entities for e in entities.values() for a in e["affiliations"])
    for a, b, data in ties:
        member, org = (a, b) if any(x["org"] == b for x in entities[a]["affiliations"]) else (b, a)
        stated = [x for x in entities[member]["affiliations"] if x["org"] == org]
        for x in stated:
            if x["role"]:
                assert x["role"] in data["roles"]
            if x["evidence"]:
                assert " ".join(x["evidence"]["text"].split()) in data["evidence"]


def test_type_filter_keeps_people_and_groups(built, tmp_path):
    out = tmp_path / "people.gexf"
    result = CliRunner().invoke(main, ["export", "--db", str(built.db), "--format", "gexf", "--type", "PERSON",
                                       "--type", "ORG", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(out)
    assert {d["type"] for _, d in graph.nodes(data=True)} <= {"PERSON", "ORG"}
    assert graph.number_of_nodes() == sum(e["type"] in ("PERSON", "ORG") for e in built.of("entity"))
