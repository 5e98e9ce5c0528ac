// xinzhi-kg page behaviour: tooltips, search, filters, side panel, readiness flag.
// Runs after pyvis's drawGraph(), which sets the global `network`.
// Graph text is only ever put into the page with textContent / .value, and
// vis-network 9 renders string titles with innerText, so labels stay text.
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("kg-config").textContent);
  var nodeSet = network.body.data.nodes;
  var edgeSet = network.body.data.edges;
  var byId = function (id) { return document.getElementById(id); };
  var MAX_PER_RELATION = 50;
  var EVIDENCE_IN_NODE_PANEL = 3;
  var HUB_LABELS = 20;
  var HUB_LABEL_PX = 16;

  function setStatus(text) { byId("kg-status").textContent = text; }

  function labelOf(id) {
    var node = nodeSet.get(id);
    return node ? node.label : String(id);
  }

  function clip(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  function nodeTitle(n) {
    return [n.label, "Type: " + n.type, "Aliases: " + (n.aliases.length ? n.aliases.join("、") : "—"),
            "Mentions: " + n.mentions].join("\n");
  }

  function edgeTitle(e) {
    var lines = [labelOf(e.from) + " —" + e.rel + "→ " + labelOf(e.to), "Weight: " + e.weight];
    if (e.evidence.length) {
      lines.push("“" + clip(e.evidence[0][1], 140) + "” (" + e.evidence[0][0] + ")");
      if (e.evidence.length > 1) lines.push("+" + (e.evidence.length - 1) + " more: click the edge");
    }
    return lines.join("\n");
  }

  // Titles are built on first hover, not in Python: pyvis switches to an
  // innerHTML popup when any node title contains "href", and setting all of
  // them up front costs seconds on a 5,000-node page. vis shows the popup
  // after tooltipDelay, by which time the title is set.
  function bindTitles() {
    network.on("hoverNode", function (params) {
      var n = nodeSet.get(params.node);
      if (n && n.title === undefined) nodeSet.update({ id: n.id, title: nodeTitle(n) });
    });
    network.on("hoverEdge", function (params) {
      var e = edgeSet.get(params.edge);
      if (e && e.title === undefined) edgeSet.update({ id: e.id, title: edgeTitle(e) });
    });
  }

  // ---- filters -------------------------------------------------------------
  function checkedMap(attr) {
    var on = new Map();
    document.querySelectorAll("input[" + attr + "]").forEach(function (box) {
      on.set(box.getAttribute(attr), box.checked);
    });
    return on;
  }

  function applyFilters() {
    var types = checkedMap("data-kg-type");
    var rels = checkedMap("data-kg-rel");
    var minWeight = Number(byId("kg-minw").value);
    var hiddenNode = new Map();
    var nodeChanges = [];
    nodeSet.forEach(function (n) {
      var hide = types.get(n.type) === false;
      hiddenNode.set(n.id, hide);
      if (Boolean(n.hidden) !== hide) nodeChanges.push({ id: n.id, hidden: hide });
    });
    var edgeChanges = [];
    edgeSet.forEach(function (e) {
      var hide = rels.get(e.rel) === false || hiddenNode.get(e.from) || hiddenNode.get(e.to) ||
        (e.rel === cfg.cooccurs && e.weight < minWeight);
      if (Boolean(e.hidden) !== hide) edgeChanges.push({ id: e.id, hidden: hide });
    });
    nodeSet.update(nodeChanges);
    edgeSet.update(edgeChanges);
  }

  function bindFilters() {
    document.querySelectorAll("input[data-kg-type], input[data-kg-rel]").forEach(function (box) {
      box.addEventListener("change", applyFilters);
    });
    byId("kg-minw").addEventListener("input", function () {
      byId("kg-minw-out").textContent = byId("kg-minw").value;
      applyFilters();
    });
  }

  // ---- search --------------------------------------------------------------
  var index = nodeSet.get().map(function (n) {
    return { id: n.id, names: [n.label].concat(n.aliases).map(function (s) { return s.toLowerCase(); }) };
  });

  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    // canonical name, then alias, then substring; nodes are listed most-mentioned first
    var tests = [
      function (item) { return item.names[0] === q; },
      function (item) { return item.names.indexOf(q) >= 0; },
      function (item) { return item.names.some(function (s) { return s.indexOf(q) >= 0; }); },
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = index.find(tests[i]);
      if (hit) return hit.id;
    }
    return null;
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    showNode(id);
  }

  function fillNames() {
    var seen = new Set();
    var list = byId("kg-names");
    nodeSet.forEach(function (n) {
      [n.label].concat(n.aliases).forEach(function (name) {
        if (seen.has(name)) return;
        seen.add(name);
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    });
  }

  function bindSearch() {
    byId("kg-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var query = byId("kg-search").value;
      var id = findNode(query);
      if (id === null) { setStatus("Not found: " + query); return; }
      focusNode(id);
      setStatus(nodeSet.get(id).hidden ? "Found (hidden by a filter): " + labelOf(id) : "Found: " + labelOf(id));
    });
  }

  // ---- side panel ----------------------------------------------------------
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function fields(pairs) {
    var dl = el("dl");
    pairs.forEach(function (p) { dl.append(el("dt", p[0]), el("dd", p[1])); });
    return dl;
  }

  function link(text, onClick) {
    var button = el("button", text, "kg-link");
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }

  function evidenceItem(ev, tag) {
    var item = el(tag || "li", null, "kg-evidence");
    item.append(el("q", ev[1]), el("span", ev[0] + " · " + ev[2], "kg-source"));
    return item;
  }

  function openPanel(children) {
    byId("kg-panel-body").replaceChildren.apply(byId("kg-panel-body"), children);
    byId("kg-panel").hidden = false;
  }

  function relationsOf(id) {
    var groups = new Map();
    edgeSet.get(network.getConnectedEdges(id)).forEach(function (e) {
      if (!groups.has(e.rel)) groups.set(e.rel, []);
      groups.get(e.rel).push(e);
    });
    return Array.from(groups.keys()).sort().map(function (rel) {
      return [rel, groups.get(rel).sort(function (a, b) { return b.weight - a.weight || (a.id < b.id ? -1 : 1); })];
    });
  }

  function relationItem(e, id) {
    var other = e.from === id ? e.to : e.from;
    var item = el("li");
    item.append(el("span", e.from === id ? "→ " : "← "), link(labelOf(other), function () { focusNode(other); }),
      el("span", " ×" + e.weight + " "), link("[evidence]", function () { showEdge(e.id); }));
    var sample = e.evidence.slice(0, EVIDENCE_IN_NODE_PANEL);
    if (sample.length) {
      var list = el("ul");
      sample.forEach(function (ev) { list.append(evidenceItem(ev)); });
      if (e.evidence.length > sample.length) list.append(el("li", "+" + (e.evidence.length - sample.length) + " more"));
      item.append(list);
    }
    return item;
  }

  function relationSection(rel, list, id) {
    var ul = el("ul");
    list.slice(0, MAX_PER_RELATION).forEach(function (e) { ul.append(relationItem(e, id)); });
    if (list.length > MAX_PER_RELATION) ul.append(el("li", "+" + (list.length - MAX_PER_RELATION) + " more"));
    return [el("h4", rel + " (" + list.length + ")"), ul];
  }

  function showNode(id) {
    var n = nodeSet.get(id);
    var parts = [el("h2", n.label), fields([["Type", n.type], ["Aliases", n.aliases.join("、") || "—"],
      ["Mentions", String(n.mentions)], ["IRI", n.id]])];
    var docs = el("ul");
    n.docs.forEach(function (d) { docs.append(el("li", d[0] + " × " + d[1])); });
    parts.push(el("h3", "Documents (" + n.docs.length + ")"), docs, el("h3", "Relations"));
    relationsOf(id).forEach(function (group) { parts = parts.concat(relationSection(group[0], group[1], id)); });
    openPanel(parts);
  }

  function showEdge(eid) {
    var e = edgeSet.get(eid);
    var list = el("ol");
    e.evidence.forEach(function (ev) { list.append(evidenceItem(ev)); });
    openPanel([
      el("h2", labelOf(e.from) + " —" + e.rel + "→ " + labelOf(e.to)),
      fields([["Relation", e.rel], ["Weight", String(e.weight)], ["Evidence", String(e.evidence.length)]]),
      el("h3", "Evidence sentences"),
      e.evidence.length ? list : el("p", "No evidence sentences (counted from co-occurrence)."),
    ]);
  }

  function bindPanel() {
    byId("kg-panel-close").addEventListener("click", function () { byId("kg-panel").hidden = true; });
    network.on("click", function (params) {
      if (params.nodes.length) showNode(params.nodes[0]);
      else if (params.edges.length) showEdge(params.edges[0]);
      else byId("kg-panel").hidden = true;
    });
  }

  // ---- readiness: physics runs only until the layout settles ---------------
  function markReady() {
    window.kgReadyAt = performance.now();
    window.kgReady = true;
    setStatus("Ready");
  }

  // Labels must be readable at fit zoom, where a big graph shrinks them below
  // vis's draw threshold: the most-mentioned nodes (listed first) get a font
  // that shows at HUB_LABEL_PX whatever the zoom, never smaller than the rest.
  var hubs = nodeSet.getIds().slice(0, HUB_LABELS);
  var baseFont = hubs.length ? network.body.nodes[hubs[0]].options.font.size : 0;

  function fitHubLabels() {
    if (!hubs.length) return;
    var size = Math.max(baseFont, Math.ceil(HUB_LABEL_PX / network.getScale()));
    var current = network.body.nodes[hubs[0]].options.font.size;
    // a 10 % step avoids an update per wheel tick, but always land on the base size
    if (size === current || (size !== baseFont && Math.abs(size - current) < 0.1 * current)) return;
    nodeSet.update(hubs.map(function (id) { return { id: id, font: { size: size } }; }));
  }

  function drawThenReady() {
    fitHubLabels();
    network.on("zoom", fitHubLabels);
    network.on("animationFinished", fitHubLabels);  // search zooms with network.focus
    network.once("afterDrawing", markReady);
    network.redraw();
  }

  function whenSettled() {
    if (!cfg.physics) { network.fit(); drawThenReady(); return; }
    network.on("stabilizationProgress", function (p) {
      setStatus("Laying out… " + Math.round(100 * p.iterations / p.total) + "%");
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });  // no endless jiggle
      network.fit();
      drawThenReady();
    });
  }

  bindTitles();
  bindFilters();
  bindSearch();
  bindPanel();
  fillNames();
  whenSettled();
})();
