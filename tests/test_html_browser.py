"""Browser tests of the HTML export: Debian's chromium via Playwright, file://, network blocked.

Skipped with a reason when Playwright or chromium is missing, except when the
environment variable CI is set: then a missing browser is a failure.
(That labels render without tofu needs a CJK font and a human eye; not tested.)
"""

from __future__ import annotations

import os
import shutil

import networkx as nx
import pytest

from html_samples import CITES, EDGES, HOSTILE, IMG, QUOTES, build, hostile_graph, synthetic
from kg.export.html import PHYSICS_MAX_NODES, write_html

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]



def sample():
    """The shared sample graph with a ``cites`` edge, whose tooltip the tests read."""
    return build(edges=[*EDGES, CITES])


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so the browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("chromium is not on PATH (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser, tmp_path):
    """Write a graph's page, open it from file:// with every other request aborted, wait for kgReady."""
    contexts, outside, errors = [], [], []

    def block(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def _open(graph: nx.MultiDiGraph, **kw):
        path = tmp_path / f"page{len(contexts)}.html"
        write_html(graph, path, **kw)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        context.route("**/*", block)
        page = context.new_page()
        page.on("request", lambda r: None if r.url.startswith(("file://", "data:")) else outside.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("window.kgReady === true", timeout=60_000)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert outside == [], "requests left the machine"
    assert errors == [], "the page threw"


def screen_point(page, node_id: str) -> tuple[float, float]:
    """Viewport coordinates of a node's centre."""
    return page.evaluate("""id => {
        const box = document.getElementById("mynetwork").getBoundingClientRect();
        const p = network.canvasToDOM(network.getPosition(id));
        return [box.left + p.x, box.top + p.y];
    }""", node_id)


def click_node(page, node_id: str) -> None:
    page.evaluate("network.fit()")
    page.mouse.click(*screen_point(page, node_id))


def panel_text(page) -> str:
    page.wait_for_selector("#kg-panel:not([hidden])")
    return page.inner_text("#kg-panel")


def test_html_browser_page_loads(open_page):
    graph = sample()
    page = open_page(graph)
    counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [len(graph), graph.number_of_edges()]
    assert page.evaluate("network.physics.physicsEnabled") is False  # stabilised, then switched off
    assert page.inner_text("#kg-status") == "Ready"


def test_html_browser_search_centres_node(open_page):
    page = open_page(sample())
    page.fill("#kg-search", "科创")  # an alias of 科技创新
    page.press("#kg-search", "Enter")
    page.wait_for_function("""() => {
        const p = network.getPosition("kg:concept/科技创新"), v = network.getViewPosition();
        return Math.hypot(p.x - v.x, p.y - v.y) < 1;
    }""")
    assert page.evaluate("network.getSelectedNodes()") == ["kg:concept/科技创新"]
    assert "科技创新" in panel_text(page)


def test_html_browser_search_unknown_name(open_page):
    page = open_page(sample())
    page.fill("#kg-search", "不存在的概念")
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-status") == "Not found: 不存在的概念"


def test_html_browser_type_filter_hides_type(open_page):
    page = open_page(sample())
    hidden = "id => network.body.nodes[id].options.hidden === true"
    industry, concept = "kg:industry/战略性新兴产业", "kg:concept/新质生产力"
    page.uncheck('input[data-kg-type="Industry"]')
    assert page.evaluate(hidden, industry) and not page.evaluate(hidden, concept)
    includes = page.evaluate("network.body.data.edges.get({filter: e => e.rel === 'includes'})[0]")
    assert includes["hidden"] is True  # an edge to a hidden node goes too
    page.check('input[data-kg-type="Industry"]')
    assert not page.evaluate(hidden, industry)


def test_html_browser_relation_filter_and_weight_slider(open_page):
    page = open_page(sample())
    hidden_rels = "network.body.data.edges.get({filter: e => e.hidden}).map(e => e.rel + e.weight).sort()"
    page.uncheck('input[data-kg-rel="promotes"]')
    assert page.evaluate(hidden_rels) == ["promotes1", "promotes2"]
    page.check('input[data-kg-rel="promotes"]')
    page.eval_on_selector("#kg-minw", "el => { el.value = 3; el.dispatchEvent(new Event('input')); }")
    assert page.evaluate(hidden_rels) == ["cooccursWith2"]
    assert page.inner_text("#kg-minw-out") == "3"


def test_html_browser_click_node_shows_panel_with_evidence(open_page):
    page = open_page(sample())
    click_node(page, "kg:concept/新质生产力")
    text = panel_text(page)
    for expected in ("新质生产力", "Concept", "新质生产力理论", "12", "doc1 × 8", "doc2 × 4", "promotes (2)",
                     "includes (1)", "cooccursWith (2)", "→ 高质量发展", "← 科技创新",
                     "发展新质生产力是推动高质量发展的内在要求和重要着力点。", "doc1 · rule.promotes.1"):
        assert expected in text


def test_html_browser_click_edge_shows_its_evidence(open_page):
    page = open_page(sample())
    page.evaluate("network.fit()")
    head, tail = screen_point(page, "kg:org/国务院"), screen_point(page, "kg:concept/高质量发展")
    page.mouse.click((head[0] + tail[0]) / 2, (head[1] + tail[1]) / 2)
    text = panel_text(page)
    for expected in ("国务院 —cites→ 高质量发展", "国务院强调高质量发展。", "doc3 · rule.cites.1"):
        assert expected in text


def test_html_browser_evidence_link_lists_every_sentence(open_page):
    page = open_page(sample())
    click_node(page, "kg:concept/高质量发展")
    page.wait_for_selector("#kg-panel:not([hidden])")
    relation = page.locator("#kg-panel-body > ul > li").filter(has_text="内在要求")  # the promotes edge
    relation.get_by_role("button", name="[evidence]").click()
    text = panel_text(page)
    assert "Evidence sentences" in text
    for expected in ("内在要求和重要着力点。", "doc1 · rule.promotes.1", "新质生产力促进高质量发展。", "doc2 · rule.promotes.2"):
        assert expected in text


def test_html_browser_hover_shows_tooltips(open_page):
    page = open_page(sample())
    page.evaluate("network.fit()")
    x, y = screen_point(page, "kg:concept/新质生产力")
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = page.inner_text("div.vis-tooltip")
    assert "Type: Concept" in tip and "Aliases: 新质生产力理论" in tip and "Mentions: 12" in tip
    head, tail = screen_point(page, "kg:org/国务院"), screen_point(page, "kg:concept/高质量发展")
    page.mouse.move((head[0] + tail[0]) / 2, (head[1] + tail[1]) / 2)
    page.wait_for_function("document.querySelector('div.vis-tooltip').innerText.includes('cites')")
    tip = page.inner_text("div.vis-tooltip")
    assert "国务院 —cites→ 高质量发展" in tip and "“国务院强调高质量发展。” (doc3)" in tip


def test_html_browser_hostile_label_stays_text(open_page):
    page = open_page(hostile_graph(), title=HOSTILE)
    assert page.title() == HOSTILE
    page.evaluate("network.fit()")
    x, y = screen_point(page, "kg:policy/x")
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert HOSTILE in page.inner_text("div.vis-tooltip") and QUOTES in page.inner_text("div.vis-tooltip")
    page.mouse.click(x, y)
    text = panel_text(page)
    assert HOSTILE in text and QUOTES in text and IMG in text and "<doc> · rule.<b>" in text
    page.fill("#kg-search", QUOTES)
    page.press("#kg-search", "Enter")
    page.wait_for_timeout(400)
    assert page.evaluate("network.getSelectedNodes()") == ["kg:policy/x"]
    # 2 inlined in <head> (pyvis utils, vis-network) + drawGraph, kg-config and kg.js
    state = page.evaluate("[typeof window.__pwned, document.scripts.length, document.images.length]")
    assert state == ["undefined", 5, 0]


def test_html_browser_big_page_has_fixed_layout_and_note(open_page):
    graph = synthetic(PHYSICS_MAX_NODES + 100, hub=5, cooccurrence=False)
    page = open_page(graph, max_nodes=PHYSICS_MAX_NODES + 50)
    assert page.evaluate("network.body.data.nodes.length") == PHYSICS_MAX_NODES + 50
    assert page.evaluate("network.physics.physicsEnabled") is False
    assert page.inner_text("#kg-note").startswith("50 nodes and 50 edges left out")
    # the most-mentioned labels are drawn at >= 16 px even at fit zoom; the rest keep their font
    on_screen = "id => network.body.nodes[id].options.font.size * network.getScale()"
    hub, other = page.evaluate(on_screen, "kg:e0"), page.evaluate(on_screen, "kg:e99")
    assert hub >= 16 and hub > other
    page.fill("#kg-search", "概念0")  # focus zooms in: the hub font shrinks back to the base size
    page.press("#kg-search", "Enter")
    font = "id => network.body.nodes[id].options.font.size"
    page.wait_for_function(f"({font})('kg:e0') === ({font})('kg:e99')")
