// supportladder interactive career map. Written for supportladder (MIT licence); no
// network, no library. Reads the graph from the JSON block #sl-data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sl-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("sl-svg");
  var H = data.height;
  var shownKinds = {};
  data.kinds.forEach(function (k) { shownKinds[k] = true; });
  var byId = {};
  data.roles.forEach(function (r) { byId[r.id] = r; });
  var from = null, to = null;

  function el(tag, attrs, parent) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function px(v) { return (v * 72).toFixed(1); }
  function py(v) { return ((H - v) * 72).toFixed(1); }

  svg.setAttribute("viewBox", "0 0 " + px(data.width) + " " + px(H));
  svg.setAttribute("width", "100%");
  svg.style.maxWidth = (data.width * 72 * 1.6).toFixed(0) + "px";
  var defs = el("defs", {}, svg);
  Object.keys(data.colors).forEach(function (k) {
    var m = el("marker", {id: "sl-arrow-" + k, viewBox: "0 0 10 10", refX: "9", refY: "5",
      markerWidth: "7", markerHeight: "7", markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse"}, defs);
    el("path", {d: "M0,0 L10,5 L0,10 z", fill: data.colors[k]}, m);
  });
  data.bands.forEach(function (b) {
    el("rect", {x: px(b.x), y: py(b.y1), width: px(b.w), height: px(b.y1 - b.y0),
      fill: b.color, "class": "sl-band"}, svg);
    var t = el("text", {x: px(b.x + 0.05), y: py(b.label_y) , "class": "sl-track"}, svg);
    t.textContent = b.name;
  });
  data.rungs.forEach(function (r) {
    var t = el("text", {x: px(-0.05), y: py(r.y), "class": "sl-rung", "text-anchor": "end"}, svg);
    t.textContent = r.label;
  });
  var moveEls = [];
  data.moves.forEach(function (m, i) {
    var d = m.points.map(function (p, j) { return (j ? "L" : "M") + px(p[0]) + "," + py(p[1]); });
    var path = el("path", {d: d.join(" "), "class": "sl-move sl-" + m.kind, stroke: data.colors[m.kind],
      "data-source": m.source, "data-target": m.target, "data-kind": m.kind,
      "marker-end": "url(#sl-arrow-" + m.kind + ")"}, svg);
    moveEls.push(path);
  });
  var roleEls = {};
  data.roles.forEach(function (r) {
    var g = el("g", {"class": "sl-role", "data-id": r.id, tabindex: "0"}, svg);
    el("rect", {x: px(r.x - r.w / 2), y: py(r.y + r.h / 2), width: px(r.w), height: px(r.h),
      rx: "4"}, g);
    var lines = r.label.split("\n");
    var t = el("text", {x: px(r.x), y: py(r.y), "text-anchor": "middle"}, g);
    lines.forEach(function (line, i) {
      var span = el("tspan", {x: px(r.x), dy: i ? "1.1em" : (-(lines.length - 1) * 0.55 + 0.35) + "em"}, t);
      span.textContent = line;
    });
    if (r.holland) {
      var h = el("text", {x: px(r.x + r.w / 2 - 0.06), y: py(r.y + r.h / 2 + 0.01),
        "class": "sl-holland", "text-anchor": "end"}, g);
      h.textContent = r.holland;
    }
    g.addEventListener("click", function () { pick(r.id); });
    g.addEventListener("keydown", function (e) { if (e.key === "Enter") { pick(r.id); } });
    roleEls[r.id] = g;
  });

  // Cheapest route: exact costs (integers over 2^K, as BigInt), ties broken by the
  // lexicographically smallest sequence of role ids, as supportladder.queries does.
  function better(c1, s1, c2, s2) {
    if (c2 === null) { return true; }
    if (c1 !== c2) { return c1 < c2; }
    for (var i = 0; i < Math.min(s1.length, s2.length); i++) {
      if (s1[i] !== s2[i]) { return s1[i] < s2[i]; }
    }
    return s1.length < s2.length;
  }
  function cheapest(a, b) {
    var out = {};
    data.moves.forEach(function (m, i) {
      if (!shownKinds[m.kind]) { return; }
      (out[m.source] = out[m.source] || []).push(i);
    });
    var cost = {}, seq = {}, done = {};
    cost[a] = BigInt(0); seq[a] = [a];
    for (;;) {
      var u = null;
      Object.keys(cost).forEach(function (n) {
        if (!done[n] && (u === null || better(cost[n], seq[n], cost[u], seq[u]))) { u = n; }
      });
      if (u === null) { return null; }
      if (u === b) { return seq[u]; }
      done[u] = true;
      (out[u] || []).forEach(function (i) {
        var m = data.moves[i], v = m.target;
        if (done[v]) { return; }
        var c = cost[u] + BigInt(m.num), s = seq[u].concat([v]);
        if (better(c, s, v in cost ? cost[v] : null, seq[v])) { cost[v] = c; seq[v] = s; }
      });
    }
  }

  var panel = document.getElementById("sl-panel");
  var routeBox = document.getElementById("sl-route");
  function text(tag, content, parent, cls) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (cls) { node.className = cls; }
    parent.appendChild(node);
    return node;
  }
  function show(id) {
    var r = byId[id];
    panel.innerHTML = "";
    text("h3", r.title, panel);
    if (r.description) { text("p", r.description, panel); }
    text("p", "Level " + r.level + " · " + r.track + (r.holland ? " · Holland " + r.holland : ""), panel, "sl-muted");
    text("h4", "Skills", panel);
    var ul = document.createElement("ul"); panel.appendChild(ul);
    r.skills.forEach(function (s) { text("li", s[0] + ": " + s[1], ul); });
    var ins = data.moves.filter(function (m) { return m.target === id && m.requirements.length; });
    if (ins.length) {
      text("h4", "Requirements of the moves in", panel);
      var rl = document.createElement("ul"); panel.appendChild(rl);
      ins.forEach(function (m) { text("li", byId[m.source].title + ": " + m.requirements.join("; "), rl); });
    }
    if (r.sources.length) {
      text("h4", "Sources", panel);
      var sl = document.createElement("ul"); panel.appendChild(sl);
      r.sources.forEach(function (s) { text("li", s, sl); });
    }
  }
  function highlight(route) {
    moveEls.forEach(function (p) { p.classList.remove("sl-on-route"); });
    Object.keys(roleEls).forEach(function (k) { roleEls[k].classList.remove("sl-on-route", "sl-picked"); });
    if (from) { roleEls[from].classList.add("sl-picked"); }
    if (to) { roleEls[to].classList.add("sl-picked"); }
    routeBox.innerHTML = "";
    document.body.setAttribute("data-route", route ? route.join(" ") : "");
    if (!from || !to) { text("p", from ? "Now pick the role to reach." : "Click a role to start.", routeBox, "sl-muted"); return; }
    if (!route) { text("p", "No route from " + byId[from].title + " to " + byId[to].title + " with the kinds shown.", routeBox); return; }
    var total = 0;
    var ol = document.createElement("ol");
    for (var i = 0; i + 1 < route.length; i++) {
      var a = route[i], b = route[i + 1];
      roleEls[a].classList.add("sl-on-route"); roleEls[b].classList.add("sl-on-route");
      var m = data.moves.filter(function (x) { return x.source === a && x.target === b; })[0];
      moveEls[data.moves.indexOf(m)].classList.add("sl-on-route");
      total += m.weight;
      var li = text("li", byId[a].title + " → " + byId[b].title + " (" + m.kind + ", cost " + m.cost + ")", ol);
      if (m.gaps.length) { text("div", "build: " + m.gaps.join(", "), li, "sl-muted"); }
    }
    text("p", "Cheapest route: " + (route.length - 1) + " moves, cost " + (Math.round(total * 100) / 100), routeBox);
    routeBox.appendChild(ol);
  }
  function pick(id) {
    show(id);
    if (!from || to) { from = id; to = null; } else if (id !== from) { to = id; }
    highlight(from && to ? cheapest(from, to) : null);
  }
  document.querySelectorAll(".sl-kind").forEach(function (box) {
    box.addEventListener("change", function () {
      shownKinds[box.value] = box.checked;
      moveEls.forEach(function (p) {
        p.style.display = shownKinds[p.getAttribute("data-kind")] ? "" : "none";
      });
      highlight(from && to ? cheapest(from, to) : null);
    });
  });
  highlight(null);
  window.supportladderMap = {pick: pick, cheapest: cheapest};
})();
