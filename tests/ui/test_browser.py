"""The analyst's pages in headless Chromium (Debian's), against a real server on loopback.

Every request the browser makes to anything but our server is aborted and fails the test, so
the pages are shown to work with no network beyond loopback. Screenshots go to
test-artifacts/ui/.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_fixtures import browser, page, server  # noqa: E402,F401 - fixtures

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "ui"

pytestmark = pytest.mark.slow


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_entity_event_evidence_document(page, server):
    page.goto(server.url + "/")
    page.fill("input[name=q]", "Taliban")
    page.click("form.search button")
    page.wait_for_selector("a.entity-hit")
    assert page.locator("meta[charset]").get_attribute("charset").lower() == "utf-8"
    shot(page, "01-search")
    page.locator("a.entity-hit", has_text="Taliban").first.click()
    page.wait_for_selector("#entity-name")
    shot(page, "02-entity")
    page.locator("a.event-link").first.click()
    page.wait_for_selector("a.evidence-sentence")
    shot(page, "03-event")
    sentence = page.locator(".evidence-list li").first.inner_text()
    page.locator("a.evidence-sentence").first.click()
    page.wait_for_selector("#reader .k-target")
    assert "/documents/" in page.url and "#at-" in page.url
    target = page.locator("#reader .k-target").all_inner_texts()
    assert "".join(target).strip()[:40] in sentence
    assert page.locator("#reader .k-mentions").count() > 0
    shot(page, "04-document")


def test_map_network_timeline_contradictions(page, server):
    page.goto(server.url + "/map")
    page.wait_for_selector("#map circle.event")
    assert page.locator("#map path.country").count() > 3
    shot(page, "05-map")
    page.goto(server.url + "/network")
    page.wait_for_selector("#network circle.node")
    assert page.locator("#network line.edge").count() > 0
    shot(page, "06-network")
    page.goto(server.url + "/events?type=bombing")
    page.wait_for_selector("#timeline-chart rect.bar")
    shot(page, "07-timeline")
    page.goto(server.url + "/contradictions")
    page.wait_for_selector(".contradiction .side")
    sides = page.locator(".contradiction").first.locator(".side")
    assert sides.count() == 2
    box_a, box_b = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert abs(box_a["y"] - box_b["y"]) < 5 and box_a["x"] != box_b["x"]  # side by side
    shot(page, "08-contradictions")
    sides.nth(1).locator("a.evidence").first.click()
    page.wait_for_selector("#reader .k-target")


def test_script_in_article_is_inert(page, server):
    page.goto(server.url + "/search?q=checkpoint")
    page.locator("a.doc-hit", has_text="checkpoint raid").first.click()
    page.wait_for_selector("#reader")
    assert "<script>" in page.locator("#reader").inner_text()
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.title() != "pwned" and page.title().startswith("Report on <script>")
    shot(page, "09-xss-inert")


def test_merge_and_undo(page, server):
    page.goto(server.url + "/search?q=Mehsud")
    page.wait_for_selector("a.entity-hit")
    links = page.locator("a.entity-hit")
    keep_url, other_url = links.nth(0).get_attribute("href"), links.nth(1).get_attribute("href")
    other_id = other_url.rsplit("/", 1)[1]
    page.goto(server.url + keep_url)
    page.fill("#token", server.token)
    page.click("#token-form button")
    page.fill("#merge-form input[name=other]", other_id)
    page.fill("#merge-form input[name=note]", "same person")
    page.click("#merge-form button")
    page.wait_for_selector("#flash.ok")
    assert re.search(r"audit entry #\d+", page.inner_text("#flash"))
    shot(page, "10-merged")
    assert page.goto(server.url + other_url).status == 404
    page.goto(server.url + "/review")
    page.wait_for_selector("table.audit form.review button")
    page.locator("table.audit form.review button").first.click()
    page.wait_for_selector("#flash.ok")
    assert "undone" in page.inner_text("table.audit")
    shot(page, "11-undone")
    assert page.goto(server.url + other_url).status == 200
