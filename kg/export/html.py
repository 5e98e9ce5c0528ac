"""Interactive HTML export: the graph as one self-contained page that works offline.

Requires: a ``networkx.MultiDiGraph`` as built by the pipeline (node attributes
``label``, ``type``, ``aliases``, ``mentions``, ``documents``; edge key = relation
name, attributes ``predicate``, ``weight``, ``evidence``). Assigns: nothing;
:func:`write_html` writes exactly the path it is given.

The page is pyvis's ``in_line`` template (vis-network 9 inlined) without its CDN
bootstrap tags, plus our toolbar, legend, filters and side panel
(``html_template/``). Graph text reaches the page only as JSON through Jinja's
``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``) or through
:func:`html.escape`; vis-network 9 shows string tooltips as text, and our
script builds the panel with ``textContent``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("kg:a", label="新质生产力", type="Concept", mentions=3)
>>> page = to_html(g, title="示例")
>>> page.startswith("<!DOCTYPE html>") and "<title>示例</title>" in page
True
"""

from __future__ import annotations

import difflib
import html
import json
import math
import re
from collections import deque
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from string import Template
from types import MappingProxyType
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.errors import ExportError, KGError
from kg.fileio import write_text_atomic

DEFAULT_TITLE = "xinzhi-kg"
DEFAULT_MAX_NODES = 500
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
COOCCURS = "cooccursWith"
PHYSICS_MAX_NODES = 300  # above this vis-network's own layout takes tens of seconds
LAYOUT_CORE = 400  # networkx's dense spring layout stays under ~0.5 s up to here
SPACING = 120.0  # canvas units per node; with 30 px labels this reads well when fitted
SEED = 7
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

#: entity type -> (colour, vis shape, legend symbol); shapes that draw the label below
NODE_STYLES = MappingProxyType({
    "Concept": ("#4e79a7", "dot", "●"),
    "Industry": ("#f28e2b", "square", "■"),
    "Policy": ("#e15759", "diamond", "◆"),
    "Event": ("#76b7b2", "star", "★"),
    "Date": ("#59a14f", "triangle", "▲"),
    "Source": ("#edc948", "triangleDown", "▼"),
    "Person": ("#b07aa1", "hexagon", "⬢"),
    "Organization": ("#ff9da7", "square", "■"),
    "Place": ("#9c755f", "triangle", "▲"),
    "Document": ("#79706e", "square", "■"),
})
OTHER_NODE = ("#bab0ac", "dot", "●")
#: relation -> (colour, dashed)
EDGE_STYLES = MappingProxyType({
    "includes": ("#4e79a7", False),
    "promotes": ("#e15759", False),
    "definedAs": ("#59a14f", False),
    "proposedBy": ("#b07aa1", False),
    "proposedAt": ("#9c755f", False),
    "occurredOn": ("#76b7b2", True),
    "hasDate": ("#59a14f", True),
    "writtenInto": ("#f28e2b", False),
    "cites": ("#edc948", True),
    COOCCURS: ("#c7c7c7", True),
})
OTHER_EDGE = ("#888888", False)
_EXTERNAL = re.compile(r"<(?:script|link|img|iframe|a)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
_CDN_TAG = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.I)
_LEFTOVERS = re.compile(r"<!--\s*<link.*?-->|<center>\s*<h1>\s*</h1>\s*</center>", re.S)


class LabelNotFoundError(KGError, KeyError):
    """No node has the requested label or alias."""

    def __str__(self) -> str:
        # KeyError would print the message inside quotes
        return str(self.args[0])


def to_html(graph: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """Render ``graph`` as one self-contained, deterministic HTML page.

    Parameters: ``title`` heads the page; above ``max_nodes`` only the most
    mentioned (then best connected) nodes are drawn and the page says how many
    nodes and edges were left out.
    Returns: the page; the same graph always gives the same string.
    Raises: ``ValueError`` if ``max_nodes < 1``; :class:`ExportError` if the
    pyvis template no longer matches what this module expects.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("kg:a", {"label": "新质生产力", "type": "Concept", "mentions": 5}),
    ...                   ("kg:b", {"label": "高质量发展", "type": "Concept", "mentions": 2})])
    >>> _ = g.add_edge("kg:a", "kg:b", key="promotes", predicate="promotes", weight=1, evidence=())
    >>> page = to_html(g, max_nodes=1)
    >>> "1 node and 1 edge left out" in page and to_html(g) == to_html(g)
    True
    """
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    order = _rank(graph)[:max_nodes]
    shown = graph.subgraph(order)
    physics = 0 < len(order) <= PHYSICS_MAX_NODES
    page = _pyvis_page(shown, order, physics)
    dropped = (len(graph) - len(order), graph.number_of_edges() - shown.number_of_edges())
    return _decorate(page, shown, title, dropped, physics)


def write_html(
    graph: nx.MultiDiGraph, path: Path | str, *, title: str = DEFAULT_TITLE, max_nodes: int = DEFAULT_MAX_NODES
) -> None:
    """Write :func:`to_html` of ``graph`` to ``path`` (UTF-8, temporary file then rename).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "graph.html"
    >>> write_html(nx.MultiDiGraph(), out, title="空图")
    >>> "<title>空图</title>" in out.read_text(encoding="utf-8")
    True
    """
    write_text_atomic(path, to_html(graph, title=title, max_nodes=max_nodes))


def focus_subgraph(graph: nx.MultiDiGraph, label: str, depth: int) -> nx.MultiDiGraph:
    """Return the nodes within ``depth`` hops (either direction) of the node named ``label``.

    A canonical label wins over an alias; if several nodes carry the name (e.g.
    a Concept and a Policy), the neighbourhoods of all of them are joined.
    Raises: :class:`LabelNotFoundError` (a ``KeyError``) naming close matches;
    ``ValueError`` if ``depth < 0``.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("kg:a", label="新质生产力", aliases=("新质生产力理论",))
    >>> g.add_node("kg:b", label="高质量发展"); g.add_node("kg:c", label="科技创新")
    >>> _ = g.add_edge("kg:a", "kg:b", key="promotes"); _ = g.add_edge("kg:c", "kg:b", key="promotes")
    >>> sorted(focus_subgraph(g, "新质生产力理论", 1))
    ['kg:a', 'kg:b']
    """
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}")
    centres = _nodes_named(graph, label)
    if not centres:
        raise LabelNotFoundError(_not_found_message(graph, label))
    undirected = graph.to_undirected(as_view=True)
    keep: set[Any] = set()
    for centre in centres:
        keep.update(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    return graph.subgraph(keep).copy()


def _nodes_named(graph: nx.MultiDiGraph, name: str) -> list[Any]:
    """Nodes whose label is ``name``, else those that have it as an alias."""
    by_label = [n for n, d in graph.nodes(data=True) if d.get("label") == name]
    return by_label or [n for n, d in graph.nodes(data=True) if name in (d.get("aliases") or ())]


def _not_found_message(graph: nx.MultiDiGraph, name: str) -> str:
    names = {d.get("label", "") for _, d in graph.nodes(data=True)}
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "check the spelling; labels are canonical Chinese names"
    return f"no node has the label or alias {name!r} ({len(graph)} nodes searched); {hint}"


def _rank(graph: nx.MultiDiGraph) -> list[Any]:
    """Nodes by importance: mention count, then degree, then id (for a stable order)."""
    return sorted(graph, key=lambda n: (-int(graph.nodes[n].get("mentions") or 0), -graph.degree(n), str(n)))


def _pyvis_page(graph: nx.MultiDiGraph, order: list[Any], physics: bool) -> str:
    """pyvis's in_line page for ``graph``; no file is written (see code-habits C)."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # ensure_ascii=False keeps Chinese as UTF-8 (half the size of \\u escapes);
    # tojson still escapes < > & ' so labels cannot close the <script>
    net.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    types = sorted({_type(graph, n) for n in order})
    positions = _layout(graph, order)
    # pyvis's add_node/add_edge scan lists (quadratic); its data lists are public
    net.nodes = [_node_item(graph, n, positions[n], types.index(_type(graph, n))) for n in order]
    net.edges = _edge_items(graph)
    net.options = _vis_options(types, physics, len(order))
    return net.generate_html()


def _type(graph: nx.MultiDiGraph, node: Any) -> str:
    return str(graph.nodes[node].get("type") or "Other")


def _node_item(graph: nx.MultiDiGraph, node: Any, xy: tuple[float, float], group: int) -> dict[str, Any]:
    """The vis-network node; ``title`` is added in the page (pyvis would treat an "href" label as HTML)."""
    data = graph.nodes[node]
    mentions = int(data.get("mentions") or 0)
    return {
        "id": str(node), "label": str(data.get("label") or node), "type": _type(graph, node),
        "group": f"t{group}", "aliases": [str(a) for a in data.get("aliases") or ()],
        "mentions": mentions, "docs": [[str(d), int(c)] for d, c in data.get("documents") or ()],
        "size": round(min(48.0, 10 + 4 * math.sqrt(mentions)), 1), "x": xy[0], "y": xy[1],
    }


def _edge_items(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """vis-network edges, sorted; parallel edges of one node pair get growing curvature."""
    seen_pairs: dict[frozenset[str], int] = {}
    items = []
    triples = sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for index, (u, v, key, data) in enumerate(triples):
        pair = frozenset((str(u), str(v)))
        rank = seen_pairs[pair] = seen_pairs.get(pair, -1) + 1
        items.append(_edge_item(f"e{index}", str(u), str(v), str(data.get("predicate") or key), data, rank))
    return items


def _edge_item(eid: str, u: str, v: str, rel: str, data: dict[str, Any], rank: int) -> dict[str, Any]:
    colour, dashed = EDGE_STYLES.get(rel, OTHER_EDGE)
    weight = int(data.get("weight") or 1)
    item: dict[str, Any] = {
        "id": eid, "from": u, "to": v, "rel": rel, "weight": weight, "color": colour, "dashes": dashed,
        "width": round(1 + min(4.0, math.log2(weight)), 2),
        "evidence": [[str(d), str(s), str(r)] for d, s, r in data.get("evidence") or ()],
    }
    if rel == COOCCURS:
        item["arrows"] = {"to": {"enabled": False}}  # co-occurrence has no direction
    if rank:
        item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * rank, 2)}
    return item


def _vis_options(types: list[str], physics: bool, n_nodes: int) -> dict[str, Any]:
    """vis-network options; only our constants go in (pyvis inserts them unescaped)."""
    groups = {f"t{i}": _group_style(t) for i, t in enumerate(types)}
    big = n_nodes > PHYSICS_MAX_NODES
    return {
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "physics": {
            "enabled": physics, "solver": "barnesHut", "minVelocity": 1.0,
            "barnesHut": {"springLength": SPACING, "gravitationalConstant": -4000, "avoidOverlap": 0.2},
            "stabilization": {"enabled": physics, "iterations": 200, "updateInterval": 25, "fit": True},
        },
        "nodes": {"borderWidth": 1, "borderWidthSelected": 4,
                  "font": {"size": 30, "face": FONT_STACK, "strokeWidth": 6, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": {"enabled": False},
                  "selectionWidth": 2, "hoverWidth": 1},
        "groups": groups,
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
    }


def _group_style(entity_type: str) -> dict[str, Any]:
    colour, shape, _ = NODE_STYLES.get(entity_type, OTHER_NODE)
    return {"shape": shape, "color": {"background": colour, "border": "#333333",
                                      "highlight": {"background": colour, "border": "#000000"},
                                      "hover": {"background": colour, "border": "#000000"}}}


def _layout(graph: nx.MultiDiGraph, order: list[Any]) -> dict[Any, tuple[float, float]]:
    """Positions in canvas units: spring layout for the core, golden-angle spirals for the rest.

    networkx's spring layout takes ~40 s for 5,000 nodes (its sparse solver loops
    in Python), so only the LAYOUT_CORE most important nodes get it. Every other
    node goes on a spiral round the node through which a breadth-first search
    from the core reached it: linear time, deterministic, and siblings never overlap.
    """
    adjacency = _adjacency(graph, order)
    core = order[:LAYOUT_CORE]
    positions = _spring(adjacency, core, SPACING * math.sqrt(len(order)) / 2)
    children, roots = _bfs_forest(adjacency, order, core)
    radius = max((math.hypot(*xy) for xy in positions.values()), default=0.0)
    for index, root in enumerate(r for r in roots if r not in positions):
        positions[root] = _spiral((0.0, 0.0), index, 0.0, radius + SPACING * 3, SPACING * 2)
    for parent in _breadth_first(children, roots):
        _place_children(positions, parent, children.get(parent, []))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


def _adjacency(graph: nx.MultiDiGraph, order: list[Any]) -> dict[Any, list[Any]]:
    """Undirected neighbours of each node, most important first."""
    rank = {n: i for i, n in enumerate(order)}
    neighbours: dict[Any, set[Any]] = {n: set() for n in order}
    for u, v in graph.edges():
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    return {n: sorted(neighbours[n], key=rank.__getitem__) for n in order}


def _spring(adjacency: dict[Any, list[Any]], core: list[Any], scale: float) -> dict[Any, tuple[float, float]]:
    simple = nx.Graph()
    simple.add_nodes_from(core)  # insertion order fixes the matrix order, hence the result
    members = set(core)
    simple.add_edges_from((u, v) for u in core for v in adjacency[u] if v in members)
    layout = nx.spring_layout(simple, seed=SEED, scale=scale) if core else {}
    return {n: (float(xy[0]), float(xy[1])) for n, xy in layout.items()}


def _bfs_forest(adjacency: dict[Any, list[Any]], order: list[Any], core: list[Any]) -> tuple[dict, list]:
    """Children of each node in a breadth-first forest grown from the core, and its roots."""
    children: dict[Any, list[Any]] = {}
    seen, roots, queue = set(core), list(core), deque(core)
    unseen = iter(order)
    while True:
        while queue:
            node = queue.popleft()
            for other in adjacency[node]:
                if other not in seen:
                    seen.add(other)
                    children.setdefault(node, []).append(other)
                    queue.append(other)
        root = next((n for n in unseen if n not in seen), None)
        if root is None:
            return children, roots
        seen.add(root)
        roots.append(root)
        queue.append(root)


def _breadth_first(children: dict[Any, list[Any]], roots: list[Any]) -> Iterable[Any]:
    queue = deque(roots)
    while queue:
        node = queue.popleft()
        yield node
        queue.extend(children.get(node, ()))


def _place_children(positions: dict[Any, tuple[float, float]], parent: Any, kids: list[Any]) -> None:
    x, y = positions[parent]
    away = math.atan2(y, x)  # start the spiral on the side away from the centre
    for index, kid in enumerate(kids):
        positions[kid] = _spiral((x, y), index, away, SPACING * 0.8, SPACING * 0.55)


def _spiral(centre: tuple[float, float], index: int, start: float, first: float, step: float) -> tuple[float, float]:
    """Point ``index`` of a sunflower spiral: equal area per point, so no overlaps."""
    angle = start + index * GOLDEN_ANGLE
    radius = first + step * math.sqrt(index)
    return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)


def _decorate(page: str, graph: nx.MultiDiGraph, title: str, dropped: tuple[int, int], physics: bool) -> str:
    """Strip pyvis's CDN tags and add our title, toolbar, filters, panel and script."""
    page = _LEFTOVERS.sub("", _CDN_TAG.sub("", page))
    config = json.dumps({"physics": physics, "cooccurs": COOCCURS}).replace("<", "\\u003c")
    head = f"<title>{html.escape(title)}</title>\n<style>\n{_asset('kg.css')}</style>\n"
    tail = f'<script type="application/json" id="kg-config">{config}</script>\n<script>\n{_asset("kg.js")}</script>\n'
    page = _splice(page, "</head>", head)
    page = _splice(page, "<body>", "\n" + _shell(graph, title, dropped), after=True)
    page = "<!DOCTYPE html>\n" + _splice(page, "</body>", tail)
    if match := _EXTERNAL.search(page):
        raise ExportError(f"the pyvis template references an external resource ({match.group(0)!r}); "
                          "update the patterns in kg/export/html.py")
    return page


def _splice(page: str, anchor: str, text: str, *, after: bool = False) -> str:
    """Put ``text`` before (or after) ``anchor``, which must occur exactly once."""
    if page.count(anchor) != 1:
        raise ExportError(f"the pyvis template has {page.count(anchor)} {anchor!r} tags, expected 1; "
                          "check the pyvis version against kg/export/html.py")
    return page.replace(anchor, anchor + text if after else text + anchor)


def _asset(name: str) -> str:
    return resources.files("kg.export").joinpath("html_template", name).read_text(encoding="utf-8")


def _shell(graph: nx.MultiDiGraph, title: str, dropped: tuple[int, int]) -> str:
    """Toolbar, legend with filters and side panel; every graph string goes through html.escape."""
    rels = [(str(d.get("predicate") or k), int(d.get("weight") or 1)) for _, _, k, d in graph.edges(keys=True, data=True)]
    max_weight = max((w for r, w in rels if r == COOCCURS), default=0)
    return Template(_asset("shell.html")).substitute(
        title=html.escape(title),
        stats=f"{len(graph):,} nodes · {graph.number_of_edges():,} edges",
        note=_note(dropped),
        types="".join(_type_row(t, c) for t, c in _counts(_type(graph, n) for n in graph)),
        relations="".join(_relation_row(r, c) for r, c in _counts(r for r, _ in rels)),
        weight_hidden="" if max_weight > 1 else " hidden",
        max_weight=max(max_weight, 1),
    )


def _counts(values: Iterable[str]) -> list[tuple[str, int]]:
    tally: dict[str, int] = {}
    for value in values:
        tally[value] = tally.get(value, 0) + 1
    return sorted(tally.items())


def _note(dropped: tuple[int, int]) -> str:
    nodes, edges = dropped
    if not nodes:
        return ""
    plural = lambda n, word: f"{n:,} {word}{'' if n == 1 else 's'}"  # noqa: E731
    return (f'<p id="kg-note" role="note">{plural(nodes, "node")} and {plural(edges, "edge")} left out: '
            "only the most-mentioned, best-connected nodes are drawn.</p>")


def _type_row(entity_type: str, count: int) -> str:
    colour, _, symbol = NODE_STYLES.get(entity_type, OTHER_NODE)
    name = html.escape(entity_type)
    return (f'<label class="kg-row"><input type="checkbox" checked data-kg-type="{name}">'
            f'<span class="kg-sym" style="color:{colour}">{symbol}</span>{name}<span class="kg-count">{count:,}</span></label>\n')


def _relation_row(relation: str, count: int) -> str:
    colour, dashed = EDGE_STYLES.get(relation, OTHER_EDGE)
    name, line = html.escape(relation), "dashed" if dashed else "solid"
    return (f'<label class="kg-row"><input type="checkbox" checked data-kg-rel="{name}">'
            f'<span class="kg-line" style="border-top:3px {line} {colour}"></span>{name}<span class="kg-count">{count:,}</span></label>\n')
