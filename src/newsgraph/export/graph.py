"""The entity network as GraphML (yEd, Cytoscape, igraph, networkx) and GEXF 1.3 (Gephi).

Nodes are entity records: label, type, aliases, titles, roles, how many documents and
mentions name them, and coordinates for places. There are two kinds of edge, both undirected
and weighted, and each counts the evidence behind it:

- ``affiliation``: a person (or group) and the organisation or state the sources tie it to.
  ``roles`` lists what the sources call it there, ``weight`` is how many documents say so,
  and ``evidence`` holds the sentences.
- ``co_participation``: two entities named as agents or victims of the same events.
  ``weight`` is the number of shared events, ``events`` lists them, and ``evidence_count``
  is the number of sentences that state those events.

A pair can have one edge of each kind, so readers see a multigraph. Both files are written
with the standard library, so no extra package is needed. Multi-valued text is joined with
"; ", because neither format has a portable list type.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import IO, Any

SEP = "; "
NODE_ATTRS = (("label", "string"), ("type", "string"), ("aliases", "string"), ("titles", "string"),
              ("roles", "string"), ("documents", "int"), ("mentions", "int"), ("country", "string"),
              ("latitude", "double"), ("longitude", "double"))
EDGE_ATTRS = (("kind", "string"), ("weight", "double"), ("evidence_count", "int"), ("documents", "int"),
              ("roles", "string"), ("events", "string"), ("evidence", "string"))
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Graph:
    nodes: dict[str, dict[str, Any]]
    edges: list[tuple[str, str, dict[str, Any]]]


def build(records: Iterable[dict]) -> Graph:
    """Nodes and edges from kb-export records; edges to entities not in the records are left out."""
    rows = list(records)
    entities = [r for r in rows if r["kind"] == "entity"]
    nodes = {e["id"]: _node(e) for e in entities}
    edges = _affiliations(entities, nodes) + _co_participation([r for r in rows if r["kind"] == "event"], nodes)
    return Graph(nodes, edges)


def _node(e: dict) -> dict[str, Any]:
    geo, mentions = e.get("geo") or {}, e.get("mentions") or []
    roles = [a["role"] for a in e.get("affiliations") or () if a.get("role")]
    node = {"label": e.get("name") or e["id"], "type": e.get("type"), "aliases": SEP.join(e.get("aliases") or ()),
            "titles": SEP.join(e.get("titles") or ()), "roles": SEP.join(dict.fromkeys(roles)),
            "documents": len({m["doc"] for m in mentions}), "mentions": len(mentions),
            "country": geo.get("country"), "latitude": geo.get("lat"), "longitude": geo.get("lon")}
    return {k: v for k, v in node.items() if v not in (None, "")}


def _affiliations(entities: list[dict], nodes: dict) -> list[tuple[str, str, dict]]:
    found: dict[tuple[str, str], dict] = {}
    for e in entities:
        for a in e.get("affiliations") or ():
            org = a.get("org")
            if not org or org == e["id"] or org not in nodes:
                continue  # a role with no organisation record ("prime minister") stays a node attribute
            edge = found.setdefault((e["id"], org), {"roles": {}, "evidence": {}})
            if a.get("role"):
                edge["roles"][a["role"]] = None
            if a.get("evidence"):
                ev = a["evidence"]
                edge["evidence"][(ev["doc"], ev["start"], ev["end"])] = " ".join(ev["text"].split())
    out = []
    for (person, org), edge in found.items():
        docs = {doc for doc, _, _ in edge["evidence"]}
        out.append((person, org, {"kind": "affiliation", "weight": float(max(1, len(docs))),
                                  "evidence_count": len(edge["evidence"]), "documents": len(docs),
                                  "roles": SEP.join(edge["roles"]),
                                  "evidence": " | ".join(dict.fromkeys(edge["evidence"].values()))}))
    return out


def _co_participation(events: list[dict], nodes: dict) -> list[tuple[str, str, dict]]:
    pairs: dict[tuple[str, str], dict] = {}
    for event in events:
        people = sorted({p["entity"] for p in [*(event.get("agents") or ()), *(event.get("victims") or ())]
                         if p.get("entity") in nodes})
        evidence = event.get("evidence") or []
        for a, b in combinations(people, 2):
            pair = pairs.setdefault((a, b), {"events": [], "evidence": 0, "docs": set()})
            pair["events"].append(event["id"])
            pair["evidence"] += len(evidence)
            pair["docs"] |= {ev["doc"] for ev in evidence}
    return [(a, b, {"kind": "co_participation", "weight": float(len(p["events"])), "evidence_count": p["evidence"],
                    "documents": len(p["docs"]), "events": SEP.join(p["events"])})
            for (a, b), p in pairs.items()]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def graphml(graph: Graph) -> ET.ElementTree:
    """GraphML 1.0 with typed keys (``attr.name``/``attr.type``), as networkx and yEd read them."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                                  "xsi:schemaLocation": f"{ns} {ns}/1.0/graphml.xsd"})
    for where, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        for name, type_ in attrs:
            ET.SubElement(root, "key", {"id": f"{where[0]}_{name}", "for": where, "attr.name": name, "attr.type": type_})
    g = ET.SubElement(root, "graph", {"id": "newsgraph", "edgedefault": "undirected"})
    for node_id, attrs in graph.nodes.items():
        node = ET.SubElement(g, "node", {"id": _text(node_id)})
        for name, _ in NODE_ATTRS:
            if name in attrs:
                ET.SubElement(node, "data", {"key": f"n_{name}"}).text = _text(attrs[name])
    for i, (source, target, attrs) in enumerate(graph.edges):
        edge = ET.SubElement(g, "edge", {"id": f"x{i}", "source": _text(source), "target": _text(target)})
        for name, _ in EDGE_ATTRS:
            if attrs.get(name) not in (None, ""):
                ET.SubElement(edge, "data", {"key": f"e_{name}"}).text = _text(attrs[name])
    return ET.ElementTree(root)


def gexf(graph: Graph, today: str | None = None) -> ET.ElementTree:
    """GEXF 1.3: static, undirected; the weight on the edge element, the rest as attvalues."""
    ns = "http://gexf.net/1.3"
    root = ET.Element("gexf", {"xmlns": ns, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                               "xsi:schemaLocation": f"{ns} {ns}/gexf.xsd", "version": "1.3"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": today or date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "newsgraph"
    ET.SubElement(meta, "description").text = "entities, affiliations and co-participation in events"
    g = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "undirected"})
    gexf_type = {"string": "string", "int": "integer", "double": "double"}
    node_attrs = [(n, t) for n, t in NODE_ATTRS if n != "label"]
    edge_attrs = [(n, t) for n, t in EDGE_ATTRS if n != "weight"]
    for where, attrs in (("node", node_attrs), ("edge", edge_attrs)):
        block = ET.SubElement(g, "attributes", {"class": where, "mode": "static"})
        for i, (name, type_) in enumerate(attrs):
            ET.SubElement(block, "attribute", {"id": str(i), "title": name, "type": gexf_type[type_]})
    nodes = ET.SubElement(g, "nodes")
    for node_id, attrs in graph.nodes.items():
        node = ET.SubElement(nodes, "node", {"id": _text(node_id), "label": _text(attrs.get("label", node_id))})
        _attvalues(node, node_attrs, attrs)
    edges = ET.SubElement(g, "edges")
    for i, (source, target, attrs) in enumerate(graph.edges):
        edge = ET.SubElement(edges, "edge", {"id": str(i), "source": _text(source), "target": _text(target),
                                             "weight": _text(attrs["weight"]), "label": attrs["kind"]})
        _attvalues(edge, edge_attrs, attrs)
    return ET.ElementTree(root)


def _attvalues(element: ET.Element, attrs: list[tuple[str, str]], values: dict) -> None:
    given = [(i, values[name]) for i, (name, _) in enumerate(attrs) if values.get(name) not in (None, "")]
    if given:
        block = ET.SubElement(element, "attvalues")
        for i, value in given:
            ET.SubElement(block, "attvalue", {"for": str(i), "value": _text(value)})


def _write(tree: ET.ElementTree, out: IO[str]) -> None:
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="unicode", xml_declaration=False)
    out.write("\n")


def write_graphml(records: Iterable[dict], out: IO[str]) -> dict[str, int]:
    graph = build(records)
    _write(graphml(graph), out)
    return {"nodes": len(graph.nodes), "edges": len(graph.edges)}


def write_gexf(records: Iterable[dict], out: IO[str]) -> dict[str, int]:
    graph = build(records)
    _write(gexf(graph), out)
    return {"nodes": len(graph.nodes), "edges": len(graph.edges)}
