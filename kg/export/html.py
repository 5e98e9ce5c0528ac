"""Interactive HTML export: the graph as one self-contained page that works offline.

Requires: the pipeline's ``networkx.MultiDiGraph`` (node attributes ``label``, ``type``,
``aliases``, ``mentions``, ``documents``; edge key = relation, attributes ``predicate``,
``weight``, ``evidence``). Assigns: nothing; :func:`write_html` writes only its path.

The page is pyvis's ``in_line`` template (vis-network 9 inlined) minus its CDN tags,
plus our toolbar, legend, filters, panel and script from ``html_template/``. Graph text
enters only as JSON via Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&``, ``'``)
or via :func:`html.escape`; vis-network 9 shows string tooltips as text and our script
fills the panel with ``textContent``.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import re
from collections import Counter, deque
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
COOCCURS = "cooccursWith"
PHYSICS_MAX_NODES = 300  # above this vis-network's own layout takes tens of seconds
LAYOUT_CORE = 400  # networkx's dense spring layout stays under ~0.5 s up to here
SPACING = 120.0  # canvas units between neighbours, as springLength in vis-options.json
SEED = 7
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

#: entity type -> (colour, vis shape drawing its label below, legend symbol)
NODE_STYLES = MappingProxyType({
    "Concept": ("#4e79a7", "dot", "●"), "Industry": ("#f28e2b", "square", "■"),
    "Policy": ("#e15759", "diamond", "◆"), "Event": ("#76b7b2", "star", "★"),
    "Date": ("#59a14f", "triangle", "▲"), "Source": ("#edc948", "triangleDown", "▼"),
    "Person": ("#b07aa1", "hexagon", "⬢"), "Organization": ("#ff9da7", "square", "■"),
    "Place": ("#9c755f", "triangle", "▲"), "Document": ("#79706e", "square", "■"),
})
OTHER_NODE = ("#bab0ac", "dot", "●")
#: relation -> (colour, dashed)
EDGE_STYLES = MappingProxyType({
    "includes": ("#4e79a7", False), "promotes": ("#e15759", False), "definedAs": ("#59a14f", False),
    "proposedBy": ("#b07aa1", False), "proposedAt": ("#9c755f", False), "occurredOn": ("#76b7b2", True),
    "hasDate": ("#59a14f", True), "writtenInto": ("#f28e2b", False), "cites": ("#edc948", True),
    COOCCURS: ("#c7c7c7", True),
})
OTHER_EDGE = ("#888888", False)
_EXTERNAL = re.compile(r"<(?:script|link|img|iframe|a)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
_CDN_TAG = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.I)
_LEFTOVERS = re.compile(r"<!--\s*<link.*?-->|<center>\s*<h1>\s*</h1>\s*</center>", re.S)
Point = tuple[float, float]


class LabelNotFoundError(KGError, KeyError):
    """No node has the requested label or alias."""

    def __str__(self) -> str:
        return str(self.args[0])  # KeyError would print the message inside quotes


def to_html(graph: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """Render ``graph`` as one self-contained, deterministic HTML page.

    Parameters: ``title`` heads the page; above ``max_nodes`` only the most
    mentioned (then best connected) nodes are drawn and the page says how many
    nodes and edges were left out.
    Returns: the page; the same graph always gives the same string.
    Raises: ``ValueError`` if ``max_nodes`` is not a positive int;
    :class:`ExportError` if the pyvis template no longer matches this module.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("kg:a", {"label": "新质生产力", "type": "Concept", "mentions": 5}),
    ...                   ("kg:b", {"label": "高质量发展", "type": "Concept", "mentions": 2})])
    >>> _ = g.add_edge("kg:a", "kg:b", key="promotes", predicate="promotes", weight=1, evidence=())
    >>> page = to_html(g, title="示例", max_nodes=1)
    >>> page.startswith("<!DOCTYPE html>") and "<title>示例</title>" in page and "1 node and 1 edge left out" in page
    True
    """
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    order = _rank(graph)[:max_nodes]
    shown = graph.subgraph(order)
    physics = 0 < len(order) <= PHYSICS_MAX_NODES
    dropped = (len(graph) - len(order), graph.number_of_edges() - shown.number_of_edges())
    return _decorate(_pyvis_page(shown, order, physics), shown, title, dropped, physics)


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
    """Return a copy of the nodes within ``depth`` hops (either direction) of the node named ``label``.

    A canonical label wins over an alias; if several nodes carry the name (e.g.
    a Concept and a Policy), their neighbourhoods are joined.
    Raises: :class:`LabelNotFoundError` (a ``KeyError``) suggesting close
    labels; ``ValueError`` if ``depth < 0``.

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
        labels = sorted({str(d.get("label", "")) for _, d in graph.nodes(data=True)})
        close = difflib.get_close_matches(label, labels, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "check the spelling of the canonical name"
        raise LabelNotFoundError(f"no node has the label or alias {label!r} ({len(graph)} nodes searched); {hint}")
    undirected = graph.to_undirected(as_view=True)
    keep: set[Any] = set()
    for centre in centres:
        keep.update(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    return graph.subgraph(keep).copy()


def _nodes_named(graph: nx.MultiDiGraph, name: str) -> list[Any]:
    """Nodes whose label is ``name``, else those that have it as an alias."""
    by_label = [n for n, d in graph.nodes(data=True) if d.get("label") == name]
    return by_label or [n for n, d in graph.nodes(data=True) if name in (d.get("aliases") or ())]


def _rank(graph: nx.MultiDiGraph) -> list[Any]:
    """Nodes by importance: mention count, then degree, then id (for a stable order)."""
    return sorted(graph, key=lambda n: (-_mentions(graph.nodes[n]), -graph.degree(n), str(n)))


def _mentions(data: dict[str, Any]) -> int:
    return max(0, int(data.get("mentions") or 0))


def _type(graph: nx.MultiDiGraph, node: Any) -> str:
    return str(graph.nodes[node].get("type") or "Other")


def _pyvis_page(graph: nx.MultiDiGraph, order: list[Any], physics: bool) -> str:
    """pyvis's in_line page for ``graph``, as a string (pyvis's own writer has side effects)."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # ensure_ascii=False keeps Chinese as UTF-8 (half the size of \\u escapes);
    # tojson still escapes < > & ' so no label can close the <script>
    net.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    types = sorted({_type(graph, n) for n in order})
    positions = _layout(graph, order)
    # pyvis's add_node/add_edge scan lists (quadratic); its data lists are public
    net.nodes = [_node_item(graph, n, positions[n], types.index(_type(graph, n))) for n in order]
    net.edges = _edge_items(graph)
    net.options = _vis_options(types, physics)
    return net.generate_html()


def _node_item(graph: nx.MultiDiGraph, node: Any, xy: Point, group: int) -> dict[str, Any]:
    """A vis-network node; its tooltip is built in the page (pyvis renders titles with "href" as HTML)."""
    data = graph.nodes[node]
    return {
        "id": str(node), "label": str(data.get("label") or node), "type": _type(graph, node),
        "group": f"t{group}", "aliases": [str(a) for a in data.get("aliases") or ()],
        "mentions": _mentions(data), "docs": [[str(d), int(c)] for d, c in data.get("documents") or ()],
        "size": round(min(48.0, 10 + 4 * math.sqrt(_mentions(data))), 1), "x": xy[0], "y": xy[1],
    }


def _edge_items(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """vis-network edges, sorted; parallel edges of one node pair get growing curvature."""
    earlier: Counter[frozenset[str]] = Counter()
    items = []
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for index, (u, v, key, data) in enumerate(edges):
        pair = frozenset((str(u), str(v)))
        items.append(_edge_item(f"e{index}", (str(u), str(v)), str(data.get("predicate") or key), data, earlier[pair]))
        earlier[pair] += 1
    return items


def _edge_item(eid: str, ends: tuple[str, str], rel: str, data: dict[str, Any], parallel: int) -> dict[str, Any]:
    colour, dashed = EDGE_STYLES.get(rel, OTHER_EDGE)
    weight = int(data.get("weight") or 1)
    item: dict[str, Any] = {
        "id": eid, "from": ends[0], "to": ends[1], "rel": rel, "weight": weight, "color": colour,
        "dashes": dashed, "width": round(1 + min(4.0, math.log2(max(1, weight))), 2),
        "evidence": [[str(d), str(s), str(r)] for d, s, r in data.get("evidence") or ()],
    }
    if rel == COOCCURS:
        item["arrows"] = {"to": {"enabled": False}}  # co-occurrence has no direction
    if parallel:
        item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * parallel, 2)}
    return item


def _vis_options(types: list[str], physics: bool) -> dict[str, Any]:
    """vis-network options; only our constants go in, because pyvis inserts them unescaped."""
    options = json.loads(_asset("vis-options.json"))
    options["physics"]["enabled"] = options["physics"]["stabilization"]["enabled"] = physics
    # without physics the page draws thousands of nodes; keep dragging and zooming fluid
    options["interaction"]["hideEdgesOnDrag"] = options["interaction"]["hideEdgesOnZoom"] = not physics
    options["groups"] = {f"t{i}": _group_style(t) for i, t in enumerate(types)}
    return options


def _group_style(entity_type: str) -> dict[str, Any]:
    colour, shape, _ = NODE_STYLES.get(entity_type, OTHER_NODE)
    emphasis = {"background": colour, "border": "#000000"}
    colours = {"background": colour, "border": "#333333", "highlight": emphasis, "hover": emphasis}
    return {"shape": shape, "color": colours}


def _layout(graph: nx.MultiDiGraph, order: list[Any]) -> dict[Any, Point]:
    """Positions in canvas units: spring layout for the core, golden-angle spirals for the rest.

    networkx's spring layout takes ~40 s for 5,000 nodes (its sparse solver loops
    in Python), so only the LAYOUT_CORE most important nodes get it. Every other
    node goes on a spiral round the node through which a breadth-first search
    from the core first reached it: linear time, deterministic, no sibling overlaps.
    """
    adjacency = _adjacency(graph, order)
    core = order[:LAYOUT_CORE]
    radius = SPACING * 0.6 * math.sqrt(len(order))  # leaves room round each core node for its spiral
    positions = _even_out(_spring(adjacency, core), radius)
    outer = radius + SPACING * 1.5
    queue, n_outer = deque(core), 0
    for root in order:  # the first pass grows from the core; later ones start other components
        if root not in positions:
            positions[root] = _spiral((0.0, 0.0), n_outer, 0.0, outer, SPACING * 1.2)
            queue.append(root)
            n_outer += 1
        while queue:
            parent = queue.popleft()
            kids = [n for n in adjacency[parent] if n not in positions]
            x, y = positions[parent]
            for index, kid in enumerate(kids):  # spiral starts on the side away from the centre
                positions[kid] = _spiral((x, y), index, math.atan2(y, x), SPACING * 0.8, SPACING * 0.55)
            queue.extend(kids)
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


def _spring(adjacency: dict[Any, list[Any]], core: list[Any]) -> dict[Any, Point]:
    simple = nx.Graph()
    simple.add_nodes_from(core)  # insertion order fixes the matrix order, hence the result
    members = set(core)
    simple.add_edges_from((u, v) for u in core for v in adjacency[u] if v in members)
    layout = nx.spring_layout(simple, seed=SEED) if core else {}
    return {n: (float(xy[0]), float(xy[1])) for n, xy in layout.items()}


def _even_out(layout: dict[Any, Point], radius: float) -> dict[Any, Point]:
    """Spread points evenly over a disc of ``radius``, keeping each angle and the order by distance.

    Spring layouts of dense co-occurrence graphs pile hubs into the centre and push
    stray nodes to the rim; equal-area radii keep the picture but make room for labels.
    """
    ranked = sorted(layout, key=lambda n: math.hypot(*layout[n]))  # networkx centres its layouts at 0
    return {n: _polar((0.0, 0.0), radius * math.sqrt((i + 0.5) / len(ranked)), math.atan2(layout[n][1], layout[n][0]))
            for i, n in enumerate(ranked)}


def _spiral(centre: Point, index: int, start: float, first: float, step: float) -> Point:
    """Point ``index`` of a sunflower spiral: equal area per point, so no overlaps."""
    return _polar(centre, first + step * math.sqrt(index), start + index * GOLDEN_ANGLE)


def _polar(centre: Point, radius: float, angle: float) -> Point:
    return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)


def _decorate(page: str, graph: nx.MultiDiGraph, title: str, dropped: tuple[int, int], physics: bool) -> str:
    """Strip pyvis's CDN tags; add our title, toolbar, filters, panel and script."""
    page = _LEFTOVERS.sub("", _CDN_TAG.sub("", page))
    config = json.dumps({"physics": physics, "cooccurs": COOCCURS}).replace("<", "\\u003c")
    head = f"<title>{html.escape(title)}</title>\n<style>\n{_asset('kg.css')}</style>\n"
    tail = f'<script type="application/json" id="kg-config">{config}</script>\n<script>\n{_asset("kg.js")}</script>\n'
    page = _splice(page, "</head>", head)
    page = _splice(page, "<body>", "\n" + _shell(graph, title, dropped), after=True)
    page = "<!DOCTYPE html>\n" + _splice(page, "</body>", tail)
    if match := _EXTERNAL.search(page):
        raise ExportError(f"the pyvis template references an outside resource ({match.group(0)!r}); "
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
    """Toolbar, legend with filters, and panel; every graph string goes through html.escape."""
    edges = [(str(d.get("predicate") or k), int(d.get("weight") or 1))
             for _, _, k, d in graph.edges(keys=True, data=True)]
    max_weight = max((w for rel, w in edges if rel == COOCCURS), default=1)
    types = sorted(Counter(_type(graph, n) for n in graph).items())
    return Template(_asset("shell.html")).substitute(
        title=html.escape(title),
        stats=f"{len(graph):,} nodes · {len(edges):,} edges",
        note=_note(*dropped),
        types="".join(_legend_row("type", t, count) for t, count in types),
        relations="".join(_legend_row("rel", r, count) for r, count in sorted(Counter(r for r, _ in edges).items())),
        weight_hidden="" if max_weight > 1 else " hidden",
        max_weight=max(max_weight, 1),
    )


def _note(nodes: int, edges: int) -> str:
    if not nodes:
        return ""
    counted = [f"{n:,} {word}{'' if n == 1 else 's'}" for n, word in ((nodes, "node"), (edges, "edge"))]
    return (f'<p id="kg-note" role="note">{counted[0]} and {counted[1]} left out: '
            "only the most-mentioned, best-connected nodes are drawn.</p>")


def _legend_row(kind: str, value: str, count: int) -> str:
    """A legend line that is also the checkbox showing ``value``; ``kind`` is "type" or "rel"."""
    name = html.escape(value)
    if kind == "type":
        colour, _, symbol = NODE_STYLES.get(value, OTHER_NODE)
        swatch = f'<span class="kg-sym" style="color:{colour}">{symbol}</span>'
    else:
        colour, dashed = EDGE_STYLES.get(value, OTHER_EDGE)
        swatch = f'<span class="kg-line" style="border-top:3px {"dashed" if dashed else "solid"} {colour}"></span>'
    return (f'<label class="kg-row"><input type="checkbox" checked data-kg-{kind}="{name}">{swatch}{name}'
            f'<span class="kg-count">{count:,}</span></label>\n')
