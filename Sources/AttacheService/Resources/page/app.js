// Attaché page: paste an article, see its entities and events, follow an entity through time.
// Plain DOM, no dependencies, no build step. Offsets from the API are Unicode code points, so text is
// sliced as Array.from(text), never with String indices (which count UTF-16 units).
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const SVGNS = "http://www.w3.org/2000/svg";

  const TYPES = {
    person: { label: "Person", plural: "People", abbr: "PER" },
    country: { label: "Country", plural: "Countries", abbr: "CTRY" },
    organization: { label: "Organization", plural: "Organizations", abbr: "ORG" },
    location: { label: "Location", plural: "Locations", abbr: "LOC" },
  };
  const KINDS = {
    name: "name",
    alias: "alias",
    acronym: "acronym",
    demonym: "demonym (a people or adjective)",
    metonym: "metonym (a capital or seat of power standing for its government)",
    surname: "surname or short form",
  };
  // PLOVER event types: colour by quad class (Okabe-Ito/Tol hues, darkened for contrast), shape within it.
  const CLASS_COLOR = { vcoop: "#0072B2", mcoop: "#007A5A", vconf: "#A65E00", mconf: "#CC3311", mention: "#6B7280" };
  const EVENT_TYPES = {
    statement: ["vcoop", "circle"], appeal: ["vcoop", "triDown"], agree: ["vcoop", "square"],
    consult: ["vcoop", "diamond"], cooperate: ["vcoop", "triUp"],
    aid: ["mcoop", "circle"], concede: ["mcoop", "square"], investigate: ["mcoop", "diamond"],
    demand: ["vconf", "triUp"], accuse: ["vconf", "diamond"], reject: ["vconf", "square"],
    threaten: ["vconf", "triDown"], protest: ["vconf", "circle"],
    mobilize: ["mconf", "triUp"], sanction: ["mconf", "square"], assault: ["mconf", "diamond"],
  };
  // Timeline page size: 50, or ?timelineLimit=N (1-500) in the page's URL.
  const TIMELINE_PAGE = (() => {
    const n = parseInt(new URLSearchParams(location.search).get("timelineLimit") || "", 10);
    return n >= 1 && n <= 500 ? n : 50;
  })();
  // The chart plots the whole filtered timeline, fetched in pages of the API's largest size; past
  // CHART_MAX_PAGES pages it plots the earliest items and says so.
  const CHART_PAGE = 500;
  const CHART_MAX_PAGES = 20;
  // Stored articles listed per page.
  const LIBRARY_PAGE = 10;

  // ---- small helpers ----

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }
  function debounce(fn, ms) {
    let t = 0;
    return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
  }
  function styleOf(eventType) {
    const s = EVENT_TYPES[eventType];
    return s ? { color: CLASS_COLOR[s[0]], shape: s[1], hollow: false } : { color: CLASS_COLOR.mention, shape: "circle", hollow: true };
  }
  function shapePath(shape, r) {
    const h = r * 0.87;
    switch (shape) {
      case "square": return `M${-r * 0.85},${-r * 0.85}h${r * 1.7}v${r * 1.7}h${-r * 1.7}z`;
      case "diamond": return `M0,${-r * 1.15}L${r * 1.15},0L0,${r * 1.15}L${-r * 1.15},0z`;
      case "triUp": return `M0,${-r * 1.1}L${h * 1.2},${r * 0.8}L${-h * 1.2},${r * 0.8}z`;
      case "triDown": return `M0,${r * 1.1}L${h * 1.2},${-r * 0.8}L${-h * 1.2},${-r * 0.8}z`;
      default: return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0z`;
    }
  }
  function shapeNode(eventType, r) {
    const st = styleOf(eventType);
    return svg("path", {
      d: shapePath(st.shape, r), fill: st.hollow ? "#fff" : st.color, stroke: st.color, "stroke-width": st.hollow ? 2 : 1,
    });
  }
  function shapeIcon(eventType) {
    const s = svg("svg", { class: "shape", viewBox: "-8 -8 16 16", "aria-hidden": "true", focusable: "false" });
    s.append(shapeNode(eventType, 5.5));
    return s;
  }
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  /** "2015-12-15", "2015-12", "2015" or an RFC 3339 timestamp → {t (UTC ms), precision}; null when unreadable. */
  function parseDate(s) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s || "");
    if (!m) return null;
    const y = +m[1], mo = m[2] ? +m[2] : 1, d = m[3] ? +m[3] : 1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return { t: Date.UTC(y, mo - 1, d), precision: m[3] ? "day" : m[2] ? "month" : "year" };
  }
  function formatDate(s) {
    const p = parseDate(s);
    if (!p) return s || "undated";
    const d = new Date(p.t);
    if (p.precision === "year") return String(d.getUTCFullYear());
    if (p.precision === "month") return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }

  // ---- API ----

  class ApiError extends Error {
    constructor(status, title, detail, field) {
      super(detail || title);
      this.status = status; this.title = title; this.detail = detail; this.field = field;
    }
  }
  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const key = $("api-key").value.trim();
    if (key) headers.Authorization = "Bearer " + key;
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, "No answer", "The service did not answer (is attache running, or was the request too large?).");
    }
    const raw = await res.text();
    let data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
    if (!res.ok) {
      let detail = (data && data.detail) || raw.slice(0, 300);
      if (res.status === 503 && res.headers.get("Retry-After")) detail += ` (try again in ${res.headers.get("Retry-After")} s)`;
      throw new ApiError(res.status, (data && data.title) || res.statusText || "Error", detail, data && data.field);
    }
    return { status: res.status, data };
  }

  function showMessage(box, kind, title, detail) {
    box.className = "message " + kind;
    box.replaceChildren(el("strong", { text: title }), document.createTextNode(detail || ""));
    box.hidden = false;
  }
  function showError(box, e) {
    if (!(e instanceof ApiError)) { console.warn(e); e = new ApiError(0, "Error", String(e && e.message || e)); }
    const head = e.status ? `${e.status} ${e.title}:` : `${e.title}:`;
    showMessage(box, "error", head, e.detail + (e.field ? ` (field: ${e.field})` : ""));
  }
  function clearMessage(box) { box.hidden = true; box.replaceChildren(); }

  // ---- tooltip ----

  const tip = $("tip");
  let tipOwner = null;
  function showTip(target, content) {
    tip.replaceChildren(...content);
    tip.hidden = false;
    tipOwner = target;
    placeTip();
  }
  function placeTip() {
    if (!tipOwner) return;
    const r = tipOwner.getBoundingClientRect();
    const w = tip.offsetWidth, h = tip.offsetHeight;
    let left = Math.min(Math.max(8, r.left), window.innerWidth - w - 8);
    let top = r.bottom + 8;
    if (top + h > window.innerHeight - 8) top = Math.max(8, r.top - h - 8);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip(target) {
    if (target && target !== tipOwner) return;
    tip.hidden = true;
    tipOwner = null;
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") { hideTip(); hideSearch(); } });
  // Focus scrolls the mark into view after the tip is shown: follow it rather than hide.
  window.addEventListener("scroll", placeTip, { passive: true });

  // ---- analysis view ----

  let current = null; // {analysis, byId, marksByEntity, triggerEls}

  function entityTip(ent, mention) {
    const t = TYPES[ent.type] || { label: ent.type };
    const dl = el("dl");
    const row = (k, v) => { if (v !== null && v !== undefined && v !== "") dl.append(el("dt", { text: k }), el("dd", { text: v })); };
    row("Type", t.label);
    row("Id", ent.id);
    if (ent.iso2 || ent.iso3) row("ISO", [ent.iso2, ent.iso3].filter(Boolean).join(" / "));
    else row("Country", ent.country);
    if (ent.type === "person" || (ent.roles || []).length) row("Roles", (ent.roles || []).join("; ") || "none known");
    if (mention) row("Mention", KINDS[mention.kind] || mention.kind);
    row("Found by", ent.source === "kb" ? "knowledge base" : ent.source);
    row("Salience", typeof ent.salience === "number" ? ent.salience.toFixed(2) : null);
    row("Mentions", String((ent.mentions || []).length));
    return [el("div", { class: "tname", text: ent.name }), dl];
  }

  /** Renders `text` into `box` with entity mentions as focusable marks and event triggers as spans. */
  function renderSpans(box, text, mentions, triggers, state) {
    const cps = Array.from(text);
    const n = cps.length;
    const slice = (a, b) => cps.slice(a, b).join("");
    const frag = document.createDocumentFragment();
    const sorted = mentions.filter((m) => m.start >= 0 && m.end <= n && m.start < m.end)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const trig = triggers.filter((t) => t.start >= 0 && t.end <= n && t.start < t.end);
    const covering = (a, b) => trig.filter((t) => t.start < b && t.end > a).map((t) => t.id);
    const register = (node, ids) => {
      for (const id of ids) (state.triggerEls[id] ||= []).push(node);
      node.dataset.events = ids.join(" ");
    };
    const plain = (a, b) => {
      if (a >= b) return;
      const cuts = new Set([a, b]);
      for (const t of trig) {
        if (t.start > a && t.start < b) cuts.add(t.start);
        if (t.end > a && t.end < b) cuts.add(t.end);
      }
      const pts = [...cuts].sort((x, y) => x - y);
      for (let i = 0; i + 1 < pts.length; i++) {
        const ids = covering(pts[i], pts[i + 1]);
        if (ids.length === 0) { frag.append(slice(pts[i], pts[i + 1])); continue; }
        const s = el("span", { class: "trg" }, slice(pts[i], pts[i + 1]));
        register(s, ids);
        frag.append(s);
      }
    };
    let pos = 0;
    for (const m of sorted) {
      if (m.start < pos) continue; // overlaps an earlier mention: keep the first
      plain(pos, m.start);
      const ent = m.entity;
      const t = TYPES[ent.type] || { label: ent.type, abbr: String(ent.type).slice(0, 3).toUpperCase() };
      const mark = el("mark", {
        class: "ent", tabindex: 0, "data-type": ent.type, "data-abbr": t.abbr, "data-entity": ent.id,
        "data-kind": m.kind, "data-start": m.start, "data-end": m.end, "aria-label": `${slice(m.start, m.end)}: ${t.label}, ${ent.name}`,
      }, slice(m.start, m.end));
      const ids = covering(m.start, m.end);
      if (ids.length) { mark.classList.add("trg"); register(mark, ids); }
      (state.marksByEntity[ent.id] ||= []).push(mark);
      state.markInfo.set(mark, { ent, mention: m });
      frag.append(mark);
      pos = m.end;
    }
    plain(pos, n);
    box.replaceChildren(frag);
  }

  function light(nodes, on) { for (const n of nodes || []) n.classList.toggle("lit", on); }

  function renderAnalysis(analysis, input) {
    const state = { analysis, byId: new Map(), marksByEntity: {}, triggerEls: {}, markInfo: new Map() };
    current = state;
    const entities = analysis.entities || [];
    const events = analysis.events || [];
    for (const e of entities) state.byId.set(e.id, e);
    const textMentions = [], titleMentions = [];
    for (const e of entities) for (const m of e.mentions || []) {
      (m.field === "title" ? titleMentions : textMentions).push({ start: m.start, end: m.end, kind: m.kind, entity: e });
    }
    const triggers = events.filter((ev) => ev.trigger && typeof ev.trigger.start === "number")
      .map((ev) => ({ id: ev.id, start: ev.trigger.start, end: ev.trigger.end }));

    const title = input.title || (analysis.article && analysis.article.title) || "";
    renderSpans($("doc-title"), title, titleMentions, [], state);
    $("doc-title").hidden = !title;
    const a = analysis.article || {};
    const meta = [];
    if (a.id) meta.push(`id ${a.id}`);
    if (a.publishedAt) meta.push(`published ${formatDate(a.publishedAt)}`);
    if (a.dateline) meta.push(`dateline ${a.dateline}`);
    if (typeof a.wordCount === "number") meta.push(`${a.wordCount} words`);
    meta.push(`${entities.length} entities, ${textMentions.length + titleMentions.length} mentions, ${events.length} events`);
    $("doc-meta").textContent = meta.join(" · ");
    renderSpans($("doc-text"), input.text, textMentions, triggers, state);
    renderEntities(entities, state);
    renderEvents(events, state);
    $("result").hidden = false;
  }

  function renderEntities(entities, state) {
    const box = $("entities");
    box.replaceChildren();
    if (entities.length === 0) { box.append(el("p", { class: "empty", text: "No entities found." })); return; }
    for (const type of Object.keys(TYPES)) {
      const group = entities.filter((e) => e.type === type)
        .sort((a, b) => (b.salience || 0) - (a.salience || 0) || b.mentions.length - a.mentions.length);
      if (group.length === 0) continue;
      const total = group.reduce((s, e) => s + (e.mentions || []).length, 0);
      const ul = el("ul");
      for (const e of group) {
        const btn = el("button", { type: "button", "data-entity": e.id, title: `Timeline of ${e.name}` }, e.name);
        btn.addEventListener("click", () => openTimeline(e.id, e.name));
        const sal = typeof e.salience === "number" ? e.salience : 0;
        const bar = el("span", { class: "bar", "aria-hidden": "true" }, el("span"));
        bar.firstChild.style.width = Math.round(Math.max(0, Math.min(1, sal)) * 100) + "%";
        const li = el("li", { "data-entity": e.id },
          btn, el("span", { class: "count", text: `×${e.mentions.length} · ${sal.toFixed(2)}`, title: "mentions · salience" }), bar);
        li.addEventListener("mouseenter", () => light(state.marksByEntity[e.id], true));
        li.addEventListener("mouseleave", () => light(state.marksByEntity[e.id], false));
        btn.addEventListener("focus", () => light(state.marksByEntity[e.id], true));
        btn.addEventListener("blur", () => light(state.marksByEntity[e.id], false));
        ul.append(li);
      }
      box.append(el("div", { class: "group", "data-type": type },
        el("h4", {}, el("span", { class: "ent", "data-type": type, "aria-hidden": "true" }, TYPES[type].abbr),
          `${TYPES[type].plural} (${group.length}, ${total} mentions)`), ul));
    }
  }

  function renderEvents(events, state) {
    const box = $("events");
    box.replaceChildren();
    if (events.length === 0) { box.append(el("li", { class: "empty", text: "No events found." })); return; }
    const name = (id) => (state.byId.get(id) || { name: id }).name;
    for (const ev of events) {
      const parts = (ev.participants || []).map((p) => `${name(p.entity)} (${p.role})`).join(", ");
      const flags = [ev.status && ev.status !== "occurred" ? ev.status : null, ev.negated ? "negated" : null].filter(Boolean).join(", ");
      const li = el("li", { tabindex: 0, "data-event": ev.id, "data-type": ev.type },
        el("span", { class: "etype" }, shapeIcon(ev.type), ev.type),
        flags ? ` (${flags})` : null,
        ` · ${ev.date ? formatDate(ev.date) : "undated"}`,
        el("div", { class: "detail", text: `Trigger “${ev.trigger && ev.trigger.text || ""}”` }),
        parts ? el("div", { class: "detail", text: `Who: ${parts}` }) : null,
        ev.location ? el("div", { class: "detail", text: `Where: ${name(ev.location)}` }) : null);
      const on = () => light(state.triggerEls[ev.id], true);
      const off = () => light(state.triggerEls[ev.id], false);
      li.addEventListener("mouseenter", on);
      li.addEventListener("mouseleave", off);
      li.addEventListener("focus", () => {
        on();
        const first = (state.triggerEls[ev.id] || [])[0];
        if (first) first.scrollIntoView({ block: "nearest" });
      });
      li.addEventListener("blur", off);
      box.append(li);
    }
  }

  // Mention tooltips by delegation, for hover and keyboard focus alike.
  for (const id of ["doc-text", "doc-title"]) {
    const box = $(id);
    const show = (e) => {
      const mark = e.target.closest && e.target.closest("mark.ent");
      if (!mark || !current) return;
      const info = current.markInfo.get(mark);
      if (!info) return;
      mark.setAttribute("aria-describedby", "tip");
      showTip(mark, entityTip(info.ent, info.mention));
    };
    const hide = (e) => {
      const mark = e.target.closest && e.target.closest("mark.ent");
      if (mark) { mark.removeAttribute("aria-describedby"); hideTip(mark); }
    };
    box.addEventListener("mouseover", show);
    box.addEventListener("mouseout", hide);
    box.addEventListener("focusin", show);
    box.addEventListener("focusout", hide);
  }

  // ---- article form ----

  const form = $("article-form");
  const formMsg = $("message");
  function readInput() {
    const input = { text: $("f-text").value };
    const title = $("f-title").value.trim();
    const date = $("f-date").value;
    if (title) input.title = title;
    if (date) input.publishedAt = date;
    return input;
  }
  function setBusy(on, label) {
    for (const id of ["btn-analyze", "btn-store"]) $(id).disabled = on;
    $("busy").textContent = on ? label : "";
  }
  async function submit(store) {
    const input = readInput();
    clearMessage(formMsg);
    setBusy(true, store ? "Analyzing and storing…" : "Analyzing…");
    try {
      const { status, data } = await api("POST", store ? "/v1/articles" : "/v1/analyze", input);
      renderAnalysis(data, input);
      if (store) {
        const id = data.article && data.article.id;
        showMessage(formMsg, "info", status === 201 ? "Stored." : "Already stored.", ` Article id ${id}; its entities now have timelines.`);
        loadLibrary(true);
      }
    } catch (e) {
      showError(formMsg, e);
    } finally {
      setBusy(false);
    }
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); submit(false); });
  $("btn-store").addEventListener("click", () => submit(true));
  $("btn-clear").addEventListener("click", () => {
    form.reset();
    $("open-id").value = "";
    clearMessage(formMsg);
    for (const id of ["doc-title", "doc-meta", "doc-text", "entities", "events"]) $(id).replaceChildren();
    current = null;
    hideTip();
    $("result").hidden = true;
    $("f-text").focus();
  });

  async function openArticle(id) {
    clearMessage(formMsg);
    setBusy(true, "Loading…");
    try {
      const { data } = await api("GET", "/v1/articles/" + encodeURIComponent(id));
      $("f-title").value = data.title || "";
      $("f-date").value = /^\d{4}-\d{2}-\d{2}/.test(data.publishedAt || "") ? data.publishedAt.slice(0, 10) : "";
      $("f-text").value = data.text || "";
      renderAnalysis(data.analysis, { title: data.title, text: data.text || "" });
      $("result").scrollIntoView({ block: "start" });
    } catch (e) {
      showError(formMsg, e);
      $("input").scrollIntoView({ block: "start" });
    } finally {
      setBusy(false);
    }
  }
  $("open-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const id = $("open-id").value.trim();
    if (id) openArticle(id);
  });
  try { $("api-key").value = sessionStorage.getItem("attache-key") || ""; } catch (e) { /* storage may be off */ }
  $("api-key").addEventListener("change", () => {
    try { sessionStorage.setItem("attache-key", $("api-key").value.trim()); } catch (e) { /* ignore */ }
  });

  // ---- stored articles ----

  const lib = { q: "", cursor: null, seq: 0, count: 0 };
  async function loadLibrary(reset) {
    const seq = ++lib.seq;
    if (reset) { lib.q = $("lib-q").value.trim(); lib.cursor = null; }
    const q = ["limit=" + LIBRARY_PAGE];
    if (lib.q) q.push("q=" + encodeURIComponent(lib.q));
    if (!reset && lib.cursor) q.push("cursor=" + encodeURIComponent(lib.cursor));
    $("lib-more").disabled = true;
    try {
      const { data } = await api("GET", "/v1/articles?" + q.join("&"));
      if (seq !== lib.seq) return;
      const list = $("lib-list");
      if (reset) { list.replaceChildren(); lib.count = 0; }
      for (const a of data.items || []) {
        const meta = [a.publishedAt ? formatDate(a.publishedAt) : "undated", a.source, a.id].filter(Boolean).join(" · ");
        const b = el("button", { type: "button", "data-article": a.id }, a.title || a.id, el("span", { class: "sub", text: meta }));
        b.addEventListener("click", () => openArticle(a.id));
        list.append(el("li", {}, b));
        lib.count += 1;
      }
      if (lib.count === 0) list.append(el("li", { class: "none", text: lib.q ? `No stored title contains “${lib.q}”.` : "Nothing stored yet." }));
      lib.cursor = data.nextCursor || null;
      $("lib-more").hidden = !lib.cursor;
      $("lib-count").textContent = lib.count ? `${lib.count} shown${lib.cursor ? ", newest first; more stored" : ""}` : "";
      // Without a store or before the first article the card would only be empty: it shows up with articles.
      $("library").hidden = lib.count === 0 && !lib.q;
    } catch (e) {
      if (seq !== lib.seq) return;
      $("library").hidden = true;
    } finally {
      $("lib-more").disabled = false;
    }
  }
  $("lib-form").addEventListener("submit", (e) => { e.preventDefault(); loadLibrary(true); });
  $("lib-more").addEventListener("click", () => loadLibrary(false));
  loadLibrary(true);

  // ---- entity search ----

  const results = $("search-results");
  let searchSeq = 0;
  function hideSearch() { results.hidden = true; }
  async function search(q) {
    const seq = ++searchSeq;
    if (q.length < 1) { hideSearch(); return; }
    try {
      const { data } = await api("GET", "/v1/entities?limit=10&q=" + encodeURIComponent(q));
      if (seq !== searchSeq) return;
      results.replaceChildren();
      for (const e of data.items || []) {
        const t = TYPES[e.type] || { label: e.type };
        const span = e.firstSeen ? ` · ${formatDate(e.firstSeen)} – ${formatDate(e.lastSeen)}` : "";
        const b = el("button", { type: "button", "data-entity": e.id }, e.name,
          el("span", { class: "sub", text: `${t.label}${e.iso3 ? " " + e.iso3 : ""} · ${e.articleCount} articles, ${e.mentionCount} mentions${span}` }));
        b.addEventListener("click", () => { hideSearch(); openTimeline(e.id, e.name); });
        results.append(el("li", {}, b));
      }
      if (!results.firstChild) results.append(el("li", { class: "none", text: `No stored entity matches “${q}”.` }));
      results.hidden = false;
    } catch (e) {
      if (seq !== searchSeq) return;
      hideSearch();
      showError(formMsg, e);
    }
  }
  const searchLater = debounce(() => search($("search-q").value.trim()), 250);
  $("search-q").addEventListener("input", searchLater);
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search($("search-q").value.trim()); });
  $("search-q").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && !results.hidden) { e.preventDefault(); const b = results.querySelector("button"); if (b) b.focus(); }
  });
  results.addEventListener("keydown", (e) => {
    const items = [...results.querySelectorAll("button")];
    const i = items.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i + 1 < items.length) { e.preventDefault(); items[i + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? items[i - 1] : $("search-q")).focus(); }
  });
  document.addEventListener("click", (e) => { if (!$("search-form").contains(e.target)) hideSearch(); });

  // ---- timeline ----

  // items/cursor: the pages loaded for the list; chart: the whole filtered timeline (see CHART_PAGE);
  // filters: the filters last set on each entity's timeline, so that each entity keeps its own.
  const tl = { id: null, name: "", items: [], cursor: null, seq: 0, chart: [], chartComplete: true, chartSeq: 0, filters: new Map() };
  const tlMsg = $("tl-message");
  const typeBox = $("tl-types");
  for (const type of ["mention", ...Object.keys(EVENT_TYPES)]) {
    const cb = el("input", { type: "checkbox", value: type, checked: true });
    typeBox.append(el("label", {}, cb, shapeIcon(type === "mention" ? null : type), type));
  }
  typeBox.addEventListener("change", () => {
    const boxes = [...typeBox.querySelectorAll("input")], on = boxes.filter((b) => b.checked).length;
    $("tl-types-sum").textContent = on === boxes.length ? "Types: all" : `Types: ${on} of ${boxes.length}`;
  });
  function filterQuery() {
    const boxes = [...typeBox.querySelectorAll("input")];
    const on = boxes.filter((b) => b.checked).map((b) => b.value);
    // The list shows per-article events and mentions (the API's default view is story events).
    const q = ["view=mentions"];
    if (on.length === 0) throw new ApiError(0, "No type chosen", "Tick at least one event type (or mention) to show.");
    if (on.length < boxes.length) q.push("types=" + encodeURIComponent(on.join(",")));
    const from = $("tl-from").value.trim(), to = $("tl-to").value.trim();
    if (from) q.push("from=" + encodeURIComponent(from));
    if (to) q.push("to=" + encodeURIComponent(to));
    return q;
  }

  function readFilters() {
    return {
      off: [...typeBox.querySelectorAll("input")].filter((b) => !b.checked).map((b) => b.value),
      from: $("tl-from").value, to: $("tl-to").value,
    };
  }
  function writeFilters(f) {
    for (const b of typeBox.querySelectorAll("input")) b.checked = !(f && f.off.includes(b.value));
    typeBox.dispatchEvent(new Event("change"));
    $("tl-from").value = f ? f.from : ""; $("tl-to").value = f ? f.to : "";
  }

  async function openTimeline(id, name) {
    if (tl.id && tl.id !== id) {
      tl.filters.set(tl.id, readFilters());
      writeFilters(tl.filters.get(id));
    }
    tl.id = id; tl.name = name || id;
    $("timeline").hidden = false;
    $("tl-h").textContent = "Timeline: " + tl.name;
    $("tl-entity").textContent = id;
    api("GET", "/v1/entities/" + encodeURIComponent(id)).then(({ data }) => {
      if (tl.id !== id) return;
      const t = TYPES[data.type] || { label: data.type };
      const bits = [t.label, data.id];
      if (data.iso3) bits.push(data.iso3);
      bits.push(`${data.articleCount} articles, ${data.mentionCount} mentions`);
      if (data.roles && data.roles.length) bits.push(data.roles.slice(0, 3).join("; "));
      $("tl-h").textContent = "Timeline: " + data.name;
      $("tl-entity").textContent = bits.join(" · ");
    }).catch(() => { /* the timeline request reports errors */ });
    loadRelations(id);
    await loadTimeline(true);
    $("timeline").scrollIntoView({ block: "start" });
  }

  // ---- relations and the dyad chart ----

  const rel = { id: null, seq: 0, dyadSeq: 0 };
  const relMsg = $("rel-message");
  const fmtBalance = (b) => (b > 0 ? "+" : b < 0 ? "−" : "") + Math.abs(b).toFixed(2);

  /** The ranked counterparts of `id`; picking one draws the dyad. */
  async function loadRelations(id) {
    const seq = ++rel.seq;
    rel.id = id;
    clearMessage(relMsg);
    $("relations").hidden = false;
    $("dyad").hidden = true;
    const list = $("rel-list");
    list.replaceChildren();
    try {
      const { data } = await api("GET", `/v1/entities/${encodeURIComponent(id)}/relations?limit=15`);
      if (seq !== rel.seq) return;
      if (!data.items.length) {
        list.append(el("li", { class: "empty", text: "No story events with other entities yet." }));
        return;
      }
      for (const r of data.items) {
        const bal = typeof r.balance === "number" ? r.balance : 0;
        const b = el("button", { type: "button", "data-entity": r.id, "aria-pressed": "false" },
          el("span", { class: "name", text: r.name }),
          el("span", { class: "count", text: `${r.storyCount} story event${r.storyCount === 1 ? "" : "s"}` }),
          el("span", { class: "bal " + (bal > 0 ? "coop" : bal < 0 ? "conf" : ""), title: "Mean Goldstein score", text: fmtBalance(bal) }));
        b.addEventListener("click", () => {
          for (const o of list.querySelectorAll("button")) o.setAttribute("aria-pressed", String(o === b));
          loadDyad(id, r.id, r.name);
        });
        list.append(el("li", {}, b));
      }
    } catch (e) {
      if (seq === rel.seq) showError(relMsg, e);
    }
  }

  /** Bars per period stacked by event type, with the mean Goldstein score of each period as a line. */
  async function loadDyad(a, b, bName) {
    const seq = ++rel.dyadSeq;
    clearMessage(relMsg);
    try {
      const { data } = await api("GET", `/v1/relations?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&limit=1`);
      if (seq !== rel.dyadSeq) return;
      $("dyad").hidden = false;
      $("dyad-h").textContent = `${tl.name} and ${bName}: ${data.storyCount} story event${data.storyCount === 1 ? "" : "s"}`
        + (typeof data.balance === "number" ? `, balance ${fmtBalance(data.balance)}` : "");
      $("dyad-sel-h").hidden = true;
      $("dyad-stories").replaceChildren();
      renderDyad(a, b, data.periods.filter((p) => p.period));
    } catch (e) {
      if (seq === rel.dyadSeq) showError(relMsg, e);
    }
  }

  function renderDyad(a, b, periods) {
    const W = 720, H = 240, L = 36, R = 40, T = 12, B = 28;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Story events per period, stacked by type, with the balance line" });
    const max = Math.max(1, ...periods.map((p) => p.storyCount));
    const bw = (W - L - R) / Math.max(periods.length, 1);
    const y = (n) => H - B - (n / max) * (H - T - B);
    const yBal = (v) => T + ((10 - v) / 20) * (H - T - B);
    const axis = svg("g", { class: "axis" });
    for (const v of [-10, 0, 10]) {
      axis.append(svg("line", { x1: L, x2: W - R, y1: yBal(v), y2: yBal(v) }));
      const t = svg("text", { x: W - R + 4, y: yBal(v) + 4 }); t.textContent = (v > 0 ? "+" : "") + v; axis.append(t);
    }
    const t0 = svg("text", { x: 4, y: y(max) + 4 }); t0.textContent = String(max); axis.append(t0);
    root.append(axis);
    const types = new Set();
    const points = [];
    periods.forEach((p, i) => {
      const g = svg("g", { class: "period", "data-period": p.period, tabindex: 0 });
      const byType = new Map();
      for (const c of p.counts) byType.set(c.type, (byType.get(c.type) || 0) + c.count);
      let acc = 0;
      for (const [type, n] of [...byType.entries()].sort()) {
        types.add(type);
        const r = svg("rect", { class: "dyad-bar", x: L + i * bw + bw * 0.15, width: Math.max(bw * 0.7, 1), y: y(acc + n), height: y(acc) - y(acc + n),
          fill: styleOf(type).color, "data-type": type });
        const title = svg("title", {}); title.textContent = `${p.period}: ${n} ${type}`; r.append(title);
        g.append(r);
        acc += n;
      }
      const label = svg("text", { x: L + i * bw + bw / 2, y: H - 10, "text-anchor": "middle", class: "axis" });
      label.textContent = p.period;
      if (periods.length <= 24 || i % Math.ceil(periods.length / 24) === 0) g.append(label);
      if (typeof p.balance === "number") points.push(`${L + i * bw + bw / 2},${yBal(p.balance)}`);
      const pick = () => {
        for (const o of root.querySelectorAll("g.period")) o.classList.toggle("sel", o === g);
        loadDyadStories(a, b, p.period);
      };
      g.addEventListener("click", pick);
      g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
      root.append(g);
    });
    if (points.length) root.append(svg("polyline", { class: "balance", points: points.join(" ") }));
    $("dyad-chart").replaceChildren(root);
    const legend = $("dyad-legend");
    legend.replaceChildren(...[...types].sort().map((t) => el("li", {}, shapeIcon(t), t)),
      el("li", { text: "line: mean Goldstein score (right axis)" }));
  }

  /** The story events of one period, with their sentences. */
  async function loadDyadStories(a, b, period) {
    const seq = ++rel.dyadSeq;
    const list = $("dyad-stories");
    try {
      const q = `with=${encodeURIComponent(b)}&from=${period}&to=${period}&limit=100`;
      const { data } = await api("GET", `/v1/entities/${encodeURIComponent(a)}/timeline?${q}`);
      if (seq !== rel.dyadSeq) return;
      $("dyad-sel-h").hidden = false;
      $("dyad-sel-h").textContent = `Story events in ${period}`;
      list.replaceChildren(...data.items.map((s) => el("li", { "data-story": s.id },
        el("span", { class: "when", text: s.date || "undated" }),
        el("span", { class: "what" }, el("span", { class: "kind" }, shapeIcon(s.type), s.type),
          el("span", { text: `${s.status}, ${s.articleCount} article${s.articleCount === 1 ? "" : "s"}` })),
        el("q", { text: s.sentence }))));
    } catch (e) {
      if (seq === rel.dyadSeq) showError(relMsg, e);
    }
  }

  async function loadTimeline(reset) {
    if (!tl.id) return;
    clearMessage(tlMsg);
    const seq = ++tl.seq;
    let q;
    try { q = filterQuery(); } catch (e) { showError(tlMsg, e); return; }
    const filters = q.slice();
    q.push("limit=" + TIMELINE_PAGE);
    if (!reset && tl.cursor) q.push("cursor=" + encodeURIComponent(tl.cursor));
    $("tl-more").disabled = true;
    let ok = false;
    try {
      const { data } = await api("GET", `/v1/entities/${encodeURIComponent(tl.id)}/timeline?` + q.join("&"));
      if (seq !== tl.seq) return;
      tl.items = reset ? data.items || [] : tl.items.concat(data.items || []);
      tl.cursor = data.nextCursor || null;
      renderList();
      ok = true;
    } catch (e) {
      if (seq !== tl.seq) return;
      if (reset) { tl.items = []; tl.cursor = null; renderList(); }
      showError(tlMsg, e);
    } finally {
      $("tl-more").disabled = false;
    }
    if (!reset) return;
    // A first page that holds the whole timeline is the chart's too; else the chart fetches the rest.
    if (ok && tl.cursor) {
      await loadChart(filters);
    } else {
      tl.chartSeq += 1;
      tl.chart = tl.items.slice();
      tl.chartComplete = true;
    }
    if (seq === tl.seq) renderChart();
  }

  /** Fetches the whole filtered timeline for the chart, page by page (at most CHART_MAX_PAGES). */
  async function loadChart(filters) {
    const seq = ++tl.chartSeq, id = tl.id;
    const items = [];
    let cursor = null, pages = 0;
    try {
      do {
        const q = filters.concat("limit=" + CHART_PAGE);
        if (cursor) q.push("cursor=" + encodeURIComponent(cursor));
        const { data } = await api("GET", `/v1/entities/${encodeURIComponent(id)}/timeline?` + q.join("&"));
        if (seq !== tl.chartSeq) return;
        items.push(...(data.items || []));
        cursor = data.nextCursor || null;
        pages += 1;
      } while (cursor && pages < CHART_MAX_PAGES);
    } catch (e) {
      // The list's request reports the error; the chart shows what it has.
      cursor = null;
    }
    if (seq !== tl.chartSeq) return;
    tl.chart = items;
    tl.chartComplete = !cursor;
  }
  $("tl-filters").addEventListener("submit", (e) => { e.preventDefault(); loadTimeline(true); });
  $("tl-reset").addEventListener("click", () => {
    for (const b of typeBox.querySelectorAll("input")) b.checked = true;
    $("tl-types-sum").textContent = "Types: all";
    $("tl-from").value = ""; $("tl-to").value = "";
    loadTimeline(true);
  });
  $("tl-more").addEventListener("click", () => loadTimeline(false));

  /** One key per timeline item of an entity: its article and its event (or the article's mention item). */
  const itemKey = (it) => `${it.articleId}|${it.kind === "event" ? it.eventId : "mention"}`;
  function listItemOf(it) {
    return [...$("tl-list").children].find((li) => li.dataset.key === itemKey(it)) || null;
  }
  /** Scrolls to the list row of a chart item, loading further pages of the list until it is there. */
  async function goToItem(it) {
    let li = listItemOf(it);
    while (!li && tl.cursor) {
      const before = tl.items.length;
      await loadTimeline(false);
      if (tl.items.length === before) break;
      li = listItemOf(it);
    }
    if (li) li.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  const DAY = 864e5;
  const STEPS = [
    ["day", 1], ["day", 2], ["day", 7], ["day", 14], ["month", 1], ["month", 2], ["month", 3], ["month", 6],
    ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 20], ["year", 50], ["year", 100],
  ];
  const UNIT_MS = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };
  const SCALE_NAME = (unit, n) => unit === "day" ? (n >= 7 ? "weeks" : "days") : unit === "month" ? "months" : n >= 10 ? "decades" : "years";

  /** Ticks for [t0, t1] at most `max` of them: the finest step of days, weeks, months, years or decades that fits. */
  function ticks(t0, t1, max) {
    const span = t1 - t0;
    let [unit, n] = STEPS[STEPS.length - 1];
    for (const s of STEPS) if (span / (UNIT_MS[s[0]] * s[1]) <= max) { [unit, n] = s; break; }
    const d = new Date(t0);
    let y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
    if (unit === "year") { y = Math.ceil(y / n) * n; m = 0; day = 1; if (Date.UTC(y, 0, 1) < t0) y += n; }
    else if (unit === "month") { day = 1; m = Math.ceil(m / n) * n; if (Date.UTC(y, m, 1) < t0) m += n; }
    else if (Date.UTC(y, m, day) < t0) day += 1;
    const out = [];
    for (let i = 0; i < 200; i++) {
      const t = unit === "year" ? Date.UTC(y + i * n, 0, 1) : unit === "month" ? Date.UTC(y, m + i * n, 1) : Date.UTC(y, m, day + i * n);
      if (t > t1) break;
      const td = new Date(t);
      let label;
      if (unit === "year") label = String(td.getUTCFullYear()) + (n >= 10 && td.getUTCFullYear() % 10 === 0 ? "s" : "");
      else if (unit === "month") label = td.getUTCMonth() === 0 || out.length === 0 ? `${MONTHS[td.getUTCMonth()]} ${td.getUTCFullYear()}` : MONTHS[td.getUTCMonth()];
      else label = `${td.getUTCDate()} ${MONTHS[td.getUTCMonth()]}` + (out.length === 0 || td.getUTCMonth() === 0 && td.getUTCDate() <= n ? ` ${td.getUTCFullYear()}` : "");
      out.push({ t, label });
    }
    return { unit, n, name: SCALE_NAME(unit, n), ticks: out };
  }

  function renderList() {
    const list = $("tl-list");
    list.replaceChildren();
    const items = tl.items;
    $("tl-more").hidden = !tl.cursor;
    $("tl-count").textContent = items.length ? `${items.length} item${items.length === 1 ? "" : "s"} listed${tl.cursor ? ", more available" : ""}` : "";
    if (items.length === 0) {
      list.append(el("li", { class: "empty", text: "Nothing on this timeline for these filters." }));
      return;
    }
    for (const [i, it] of items.entries()) {
      const li = renderTimelineItem(it, i);
      const marker = () => [...$("tl-chart").querySelectorAll("g.marker")].find((g) => g.dataset.key === li.dataset.key);
      li.addEventListener("mouseenter", () => { li.classList.add("lit"); const g = marker(); if (g) g.classList.add("lit"); });
      li.addEventListener("mouseleave", () => { li.classList.remove("lit"); const g = marker(); if (g) g.classList.remove("lit"); });
      list.append(li);
    }
  }

  function renderChart() {
    const chart = $("tl-chart"), legend = $("tl-legend");
    chart.replaceChildren(); legend.replaceChildren();
    const items = tl.chart;
    if (items.length === 0) return;
    const dated = [];
    items.forEach((it, i) => { const p = parseDate(it.date); if (p) dated.push({ it, i, p }); });

    // Legend: only the kinds on screen.
    const kinds = [...new Set(items.map((it) => it.kind === "event" ? it.eventType : "mention"))];
    for (const k of kinds) legend.append(el("li", {}, shapeIcon(k === "mention" ? null : k), k));

    if (dated.length === 0) return;
    const width = Math.max(280, Math.round(chart.clientWidth || 800));
    const padL = 18, padR = 18, r = width < 500 ? 6 : 7, laneH = r * 2 + 3, maxLanes = 6;
    let t0 = dated[0].p.t, t1 = dated[0].p.t;
    for (const d of dated) { t0 = Math.min(t0, d.p.t); t1 = Math.max(t1, d.p.t); }
    if (t1 - t0 < 4 * DAY) { t0 -= 3 * DAY; t1 += 3 * DAY; }
    else { const pad = (t1 - t0) * 0.04; t0 -= pad; t1 += pad; }
    const x = (t) => padL + (t - t0) / (t1 - t0) * (width - padL - padR);

    // Stack markers that would touch into lanes above the axis, in list (date) order.
    const laneEnd = [];
    let lanesUsed = 1;
    for (const d of dated) {
      d.x = x(d.p.t);
      let lane = laneEnd.findIndex((end) => end < d.x - laneH + 1);
      if (lane < 0) lane = laneEnd.length < maxLanes ? laneEnd.length : maxLanes - 1;
      laneEnd[lane] = d.x;
      d.lane = lane;
      lanesUsed = Math.max(lanesUsed, lane + 1);
    }
    const axisY = 14 + lanesUsed * laneH + 6, height = axisY + 30;
    const s = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "group" });
    const sc = ticks(t0, t1, Math.max(2, Math.floor((width - padL - padR) / (width < 600 ? 80 : 110))));
    s.setAttribute("aria-label", `Time axis in ${sc.name}, ${dated.length} dated items from ${formatDate(dated[0].it.date)} to ${formatDate(dated[dated.length - 1].it.date)}`);
    s.dataset.scale = sc.name;
    for (const tk of sc.ticks) {
      const tx = x(tk.t);
      const g = svg("g", { class: "tick" });
      g.append(svg("line", { class: "grid", x1: tx, x2: tx, y1: 6, y2: axisY }));
      g.append(svg("line", { x1: tx, x2: tx, y1: axisY, y2: axisY + 5 }));
      const label = svg("text", { x: tx, y: axisY + 18, "text-anchor": tx < 30 ? "start" : tx > width - 30 ? "end" : "middle" });
      label.textContent = tk.label;
      g.append(label);
      s.append(g);
    }
    s.append(svg("line", { class: "axis", x1: padL - 8, x2: width - padR + 8, y1: axisY, y2: axisY }));
    for (const d of dated) {
      const it = d.it;
      const type = it.kind === "event" ? it.eventType : null;
      const cy = axisY - 10 - d.lane * laneH;
      const g = svg("g", {
        class: "marker", tabindex: 0, transform: `translate(${d.x.toFixed(1)},${cy.toFixed(1)})`,
        "data-date": it.date, "data-index": d.i, "data-kind": it.kind, "data-type": type || "mention",
        "aria-label": `${formatDate(it.date)}: ${type || "mention"}, ${it.articleTitle || it.articleId}`,
      });
      g.append(svg("circle", { class: "halo", r: r + 3 }));
      g.append(shapeNode(type, r));
      const title = svg("title");
      title.textContent = `${formatDate(it.date)} · ${type || "mention"} · ${it.articleTitle || it.articleId}`;
      g.append(title);
      g.dataset.key = itemKey(it);
      // The list row may be loaded later (another page), so it is looked up when needed.
      const on = () => { const li = listItemOf(it); if (li) li.classList.add("lit"); g.classList.add("lit"); };
      const off = () => { const li = listItemOf(it); if (li) li.classList.remove("lit"); g.classList.remove("lit"); };
      g.addEventListener("mouseenter", on); g.addEventListener("mouseleave", off);
      g.addEventListener("focus", on); g.addEventListener("blur", off);
      const go = () => goToItem(it);
      g.addEventListener("click", go);
      g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
      s.append(g);
    }
    chart.append(s);
    const undated = items.length - dated.length;
    const partial = tl.chartComplete ? "" : `; the earliest ${items.length} items plotted`;
    legend.append(el("li", { class: "scale", text: `Axis in ${sc.name}${undated ? `; ${undated} undated item(s) listed at the end` : ""}${partial}` }));
  }

  function quote(sentence, needle) {
    const q = el("q");
    const i = needle ? sentence.indexOf(needle) : -1;
    if (i < 0) { q.textContent = sentence; return q; }
    q.append(sentence.slice(0, i), el("mark", { text: needle }), sentence.slice(i + needle.length));
    return q;
  }

  function renderTimelineItem(it, i) {
    const isEvent = it.kind === "event";
    const kind = el("span", { class: "kind" }, shapeIcon(isEvent ? it.eventType : null),
      isEvent ? `${it.eventType}${it.role ? ` (${it.role})` : ""}` : `mentioned${it.mentionCount > 1 ? ` ×${it.mentionCount}` : ""}`);
    const art = el("button", { type: "button", class: "art", title: "Open this article" }, it.articleTitle || it.articleId);
    art.addEventListener("click", () => openArticle(it.articleId));
    const li = el("li", { id: "tl-item-" + i, "data-date": it.date || "", "data-kind": it.kind, "data-key": itemKey(it) },
      el("span", { class: "when", text: it.date ? formatDate(it.date) : "undated" }),
      el("span", { class: "what" }, kind, art,
        it.articlePublishedAt && it.articlePublishedAt !== it.date
          ? el("span", { class: "doc-meta", text: "published " + formatDate(it.articlePublishedAt) }) : null),
      quote(it.sentence || "", isEvent ? it.trigger : it.mentionText));
    if (isEvent && it.otherParticipants && it.otherParticipants.length) {
      li.append(el("span", { class: "with", text: "With " + it.otherParticipants.map((p) => p.name).join(", ") }));
    }
    return li;
  }

  window.addEventListener("resize", debounce(() => { if (!$("timeline").hidden && tl.chart.length) renderChart(); }, 200));
})();
