/* rolegap dashboard: filters -> every figure recomputed from the embedded in-scope postings.
 * Chart specs come from report/vega.py (the same Vega-Lite specs the report renders offline);
 * this file only computes their rows. Every posting text reaches the DOM via textContent. */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("dashboard-data").textContent);
  const SPECS = JSON.parse(document.getElementById("chart-specs").textContent);
  const P = D.postings, R = D.roles, C = D.codes, L = D.labels, MIN = D.min_sample_n, PAL = D.palette;
  const N = P.posting_id.length;
  const PAGE_SIZE = 25;
  const FILTER_KEYS = ["market", "role_family", "seniority", "industry"];
  const $ = (sel) => document.querySelector(sel);
  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // ------------------------------------------------------------ derived, once
  const month = P.posted_date.map((d) => d.slice(0, 7));
  const months = [...new Set(month.filter(Boolean))].sort();
  const roleSkills = R.role_family.map(() => new Set());
  P.role.forEach((r, i) => { if (r >= 0) P.skills[i].forEach((s) => roleSkills[r].add(s)); });
  const hay = P.title.map((t, i) =>
    [t, L.company[P.company[i]], ...P.skills[i].map((s) => L.skill[s]), ...P.skills[i].map((s) => C.skill[s])]
      .join(" \u0001 ").toLowerCase());
  const skillIndex = Object.fromEntries(C.skill.map((s, i) => [s, i]));
  const FAMILY = { ds: C.role_family.indexOf("data_scientist"), mle: C.role_family.indexOf("ml_engineer") };

  // ------------------------------------------------------------ formatting (mirrors report/fmt.py)
  // Python's format() rounds an exact tie to even (12.5 -> "12"); Math.round would say 13.
  const round = (x) => (Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x));
  const pct = (v) => (v === null || v === undefined ? D.not_published
    : (v > 0 && v < 0.005 ? "<1%" : `${round(100 * v)}%`));
  const pts = (v) => (v === null ? "–" : `${v >= 0 ? "+" : "-"}${Math.abs(round(v))} pts`);
  const count = (v) => (v === null || v === undefined ? "–" : Math.round(v).toLocaleString("en-US"));
  const usdK = (v) => (v === null ? "–" : `$${round(v / 1000).toLocaleString("en-US")}k`);
  const interval = (lo, hi) => (lo === null ? "–" : `${round(100 * lo)}–${round(100 * hi)}%`);

  // ------------------------------------------------------------ statistics (as the marts)
  const Z = 1.959963984540054;
  function wilson(k, n) {
    if (!n) return [null, null];
    const p = k / n, z2 = Z * Z, den = 1 + z2 / n;
    const centre = (p + z2 / (2 * n)) / den;
    const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
  }
  function estimate(k, n) {
    if (n < MIN) return { value: null, lower: null, upper: null, n, k };
    const [lower, upper] = wilson(k, n);
    return { value: k / n, lower, upper, n, k };
  }
  function median(values) {  // quantile_cont(0.5), as DuckDB's median
    const v = values.slice().sort((a, b) => a - b);
    if (!v.length) return null;
    const pos = (v.length - 1) * 0.5, lo = Math.floor(pos), hi = Math.ceil(pos);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
  }

  // ------------------------------------------------------------ state <-> URL hash
  const state = { market: [], role_family: [], seniority: [], industry: [], is_startup: "", from: "", to: "",
    q: "", skill: [], sort: "posted_date", dir: "desc", page: 1 };
  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    for (const key of FILTER_KEYS.concat(["skill"])) {
      const valid = key === "skill" ? C.skill : C[key];
      state[key] = (params.get(key) || "").split(",").filter((v) => valid.includes(v));
    }
    state.is_startup = ["true", "false"].includes(params.get("is_startup")) ? params.get("is_startup") : "";
    state.from = months.includes(params.get("from")) ? params.get("from") : "";
    state.to = months.includes(params.get("to")) ? params.get("to") : "";
    state.q = params.get("q") || "";
    if (!params.has("skill")) state.skill = defaultTrendSkills();
    state.page = 1;
  }
  function writeHash() {
    const parts = [];
    for (const key of FILTER_KEYS) if (state[key].length) parts.push(`${key}=${state[key].join(",")}`);
    if (state.is_startup) parts.push(`is_startup=${state.is_startup}`);
    if (state.from) parts.push(`from=${state.from}`);
    if (state.to) parts.push(`to=${state.to}`);
    if (state.q) parts.push(`q=${encodeURIComponent(state.q)}`);
    if (state.skill.join(",") !== defaultTrendSkills().join(",")) parts.push(`skill=${state.skill.join(",")}`);
    history.replaceState(null, "", parts.length ? `#${parts.join("&")}` : location.pathname + location.search);
  }
  function defaultTrendSkills() {
    return ["llm", "pytorch", "kubernetes", "sql"].filter((s) => s in skillIndex).slice(0, 4);
  }

  // ------------------------------------------------------------ filtering
  function selected() {
    const sets = {};
    for (const key of FILTER_KEYS) sets[key] = state[key].length ? new Set(state[key].map((v) => C[key].indexOf(v))) : null;
    const q = state.q.trim().toLowerCase();
    const out = [];
    for (let i = 0; i < N; i++) {
      if (sets.market && !sets.market.has(P.market[i])) continue;
      if (sets.role_family && !sets.role_family.has(P.role_family[i])) continue;
      if (sets.seniority && !sets.seniority.has(P.seniority[i])) continue;
      if (sets.industry && !sets.industry.has(P.industry[i])) continue;
      if (state.is_startup && P.is_startup[i] !== (state.is_startup === "true" ? 1 : 0)) continue;
      if (state.from && !(month[i] >= state.from)) continue;
      if (state.to && !(month[i] <= state.to)) continue;
      if (q && !hay[i].includes(q)) continue;
      out.push(i);
    }
    return out;
  }

  // ------------------------------------------------------------ chart rows (fields as report/vega.py)
  const ROLE = { data_scientist: "DS", ml_engineer: "MLE" };
  function barRow(slot, role, est, fill, outline, note, label) {
    const short = ROLE[role], published = est.value !== null;
    return { kind: "bar", slot, label, role: short, share: est.value,
      lower: published ? est.lower : null, upper: published ? est.upper : null, n: est.n, fill, outline,
      end: Math.max(est.value || 0, est.upper || 0, 0), value_text: `${short} ${pct(est.value)}`,
      note: role === "ml_engineer" ? note : "",
      tooltip: `${label}, ${L.role_family[C.role_family.indexOf(role)]}: ${pct(est.value)}` +
        (published ? ` (95% interval ${interval(est.lower, est.upper)})` : "") + `, n = ${count(est.n)}` };
  }
  function pairedRows(groups) {
    const rows = [];
    let i = 0;
    const drawn = groups.filter((g) => g.rows.length);
    const slot = (k, label) => `${String(k).padStart(3, "0")}|${label}`;
    drawn.forEach((group, gi) => {
      if (gi > 0) rows.push({ kind: "separator", slot: slot(i++, ""), label: "" });
      if (group.title) rows.push({ kind: "header", slot: slot(i++, ""), label: group.title, fill: group.colors[2] });
      for (const r of group.rows) {
        const s = slot(i++, r.label);
        rows.push(barRow(s, "data_scientist", r.ds, group.colors[0], group.colors[2], r.note, r.label));
        rows.push(barRow(s, "ml_engineer", r.mle, group.colors[1], group.colors[2], r.note, r.label));
      }
    });
    return rows;
  }
  const gapNote = (ds, mle) => (ds.value === null || mle.value === null ? "–" : pts(100 * (mle.value - ds.value)));

  function skillStats(idx) {
    const roles = new Set();
    for (const i of idx) if (P.role[i] >= 0 && R.skills_sample[P.role[i]]) roles.add(P.role[i]);
    const n = { ds: 0, mle: 0 }, k = { ds: new Map(), mle: new Map() };
    for (const r of roles) {
      const fam = R.role_family[r] === FAMILY.ds ? "ds" : R.role_family[r] === FAMILY.mle ? "mle" : null;
      if (!fam) continue;
      n[fam]++;
      for (const s of roleSkills[r]) k[fam].set(s, (k[fam].get(s) || 0) + 1);
    }
    const of = (code) => {
      const s = skillIndex[code];
      return { ds: estimate(k.ds.get(s) || 0, n.ds), mle: estimate(k.mle.get(s) || 0, n.mle) };
    };
    return { n, of };
  }
  function skillRow(code, stats) {
    const e = stats.of(code);
    return { label: L.skill[skillIndex[code]], ds: e.ds, mle: e.mle, note: gapNote(e.ds, e.mle) };
  }
  function byMle(stats) {
    return (a, b) => {
      const va = stats.of(a).mle.value, vb = stats.of(b).mle.value;
      return (va === null) - (vb === null) || (vb || 0) - (va || 0) || (a < b ? -1 : 1);
    };
  }
  function skillsGroups(stats) {
    const group = (g) => C.skill.filter((s) => D.skill_group[s] === g).sort(byMle(stats));
    return [
      { title: "Overlap: both roles ask for these", colors: PAL.OVERLAP,
        rows: group("overlap").slice(0, D.chart_skills.max_overlap).map((s) => skillRow(s, stats)) },
      { title: "Bridging: what ML engineering adds", colors: PAL.BRIDGING,
        rows: group("bridging").slice(0, D.chart_skills.max_bridging).map((s) => skillRow(s, stats)) },
    ];
  }
  function namedGroups(stats, codes, colors) {
    return [{ title: "", colors, rows: codes.filter((s) => s in skillIndex).map((s) => skillRow(s, stats)) }];
  }
  function familyCounts(idx, field) {
    const out = { ds: { n: 0, k: new Map() }, mle: { n: 0, k: new Map() } };
    for (const i of idx) {
      const fam = P.role_family[i] === FAMILY.ds ? "ds" : P.role_family[i] === FAMILY.mle ? "mle" : null;
      if (!fam) continue;
      out[fam].n++;
      const v = field === "is_startup" ? P.is_startup[i] : P[field][i];
      out[fam].k.set(v, (out[fam].k.get(v) || 0) + 1);
    }
    return out;
  }
  function industryGroups(idx) {
    const c = familyCounts(idx, "industry");
    const keys = [...new Set(idx.map((i) => P.industry[i]))];
    const mleShare = (k) => (c.mle.n ? (c.mle.k.get(k) || 0) / c.mle.n : 0);
    keys.sort((a, b) => mleShare(b) - mleShare(a) || (C.industry[a] < C.industry[b] ? -1 : 1));
    const row = (label, fieldKey, counts) => {
      const ds = estimate(counts.ds.k.get(fieldKey) || 0, counts.ds.n);
      const mle = estimate(counts.mle.k.get(fieldKey) || 0, counts.mle.n);
      return { label, ds, mle, note: gapNote(ds, mle) };
    };
    const s = familyCounts(idx, "is_startup");
    return [
      { title: "Industry", colors: PAL.NEUTRAL,
        rows: keys.slice(0, D.chart_skills.max_industries).map((k) => row(L.industry[k], k, c)) },
      { title: "Startups", colors: PAL.NEUTRAL, rows: idx.length ? [row("Startups", 1, s)] : [] },
    ];
  }
  function seniorityRows(idx) {
    const c = familyCounts(idx, "seniority");
    const rows = [];
    for (const fam of ["ds", "mle"]) {
      const { n, k } = c[fam];
      if (!n) continue;
      const published = n >= MIN;
      const bar = `${L.role_family[FAMILY[fam]]} (n = ${count(n)})`;
      C.seniority.forEach((code, rank) => {
        const fill = PAL.SENIORITY_RAMP[Math.min(rank, PAL.SENIORITY_RAMP.length - 1)];
        const share = published ? (k.get(rank) || 0) / n : null;
        rows.push({ bar, key: code, label: L.seniority[rank], rank, share, openings_n: k.get(rank) || 0, fill,
          text_color: PAL.TEXT_ON[fill], is_highlight: code === "staff_principal",
          segment_text: share !== null && share >= 0.06 ? pct(share) : "",
          highlight_text: share !== null ? `${L.seniority[rank]} ${pct(share)}` : "",
          note: published ? "" : `Shares not published (n < ${MIN})` });
      });
    }
    return rows;
  }
  function salaryRows(idx) {
    const roles = new Set();
    for (const i of idx) if (P.role[i] >= 0 && R.salary_sample[P.role[i]]) roles.add(P.role[i]);
    const rows = [];
    ["data_scientist", "ml_engineer"].forEach((family, order) => {
      const mine = [...roles].filter((r) => C.role_family[R.role_family[r]] === family);
      const n = mine.length, published = n >= MIN;
      const low = published ? median(mine.map((r) => R.salary_min_usd[r])) : null;
      const high = published ? median(mine.map((r) => R.salary_max_usd[r])) : null;
      const mid = published ? (low + high) / 2 : null;
      rows.push({ label: L.role_family[C.role_family.indexOf(family)], order, low, high, mid, n,
        fill: PAL.SALARY[family], range_text: published ? `${usdK(low)}–${usdK(high)}` : "",
        mid_text: published ? `midpoint ${usdK(mid)}` : "",
        n_text: published ? `n = ${count(n)} roles` : `Band not published (n < ${MIN}); n = ${count(n)}` });
    });
    return rows;
  }
  function trendRows(idx) {
    const shown = months.filter((m) => (!state.from || m >= state.from) && (!state.to || m <= state.to));
    const n = new Map(shown.map((m) => [m, 0])), k = new Map();
    const wanted = new Set(state.skill.map((s) => skillIndex[s]));
    for (const i of idx) {
      if (!n.has(month[i])) continue;
      n.set(month[i], n.get(month[i]) + 1);
      for (const s of P.skills[i]) if (wanted.has(s)) k.set(`${month[i]}|${s}`, (k.get(`${month[i]}|${s}`) || 0) + 1);
    }
    const rows = [];
    for (const code of state.skill) {
      for (const m of shown) {
        const e = estimate(k.get(`${m}|${skillIndex[code]}`) || 0, n.get(m));
        rows.push({ month: m, skill: L.skill[skillIndex[code]], share: e.value, lower: e.lower, upper: e.upper,
          n: n.get(m), mentions_n: e.k });
      }
    }
    return rows;
  }
  function volumeRows(idx) {
    const counts = new Map();
    for (const i of idx) {
      const key = `${month[i]}|${P.role_family[i]}`;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const rows = [];
    for (const m of months) {
      if ((state.from && m < state.from) || (state.to && m > state.to)) continue;
      for (const fam of [FAMILY.ds, FAMILY.mle]) {
        rows.push({ month: m, role_family: L.role_family[fam], openings_n: counts.get(`${m}|${fam}`) || 0 });
      }
    }
    return rows;
  }

  // ------------------------------------------------------------ rendering
  const views = {};
  async function draw(name, rows) {
    const host = document.getElementById(`chart-${name}`);
    if (views[name]) {
      await views[name].data("rows", rows).resize().runAsync();
      return;
    }
    const spec = JSON.parse(JSON.stringify(SPECS[name]));
    spec.datasets = { rows };
    // Error level: an empty layer (e.g. no published salary band in a small view) only warns about its extent.
    const result = await vegaEmbed(host, spec, { actions: false, renderer: "svg", logLevel: vega.Error });
    views[name] = result.view;
  }
  function setText(testid, text) {
    document.querySelector(`[data-testid="${testid}"]`).textContent = text;
  }
  function render() {
    const t0 = performance.now();
    const idx = selected();
    const stats = skillStats(idx);
    setText("openings-n", count(idx.length));
    setText("feed-n", count(idx.length));
    const skillsN = `n = ${count(stats.n.ds)} DS roles, ${count(stats.n.mle)} MLE roles (skills sample)`;
    for (const id of ["skills-n", "skills-n-llm", "skills-n-falls"]) setText(id, skillsN);
    const fam = familyCounts(idx, "seniority");
    setText("seniority-n", `n = ${count(fam.ds.n)} DS openings, ${count(fam.mle.n)} MLE openings`);
    setText("industry-n", `n = ${count(fam.ds.n)} DS openings, ${count(fam.mle.n)} MLE openings`);
    const sal = salaryRows(idx);
    setText("salary-n", `n = ${count(sal[0].n)} DS roles, ${count(sal[1].n)} MLE roles with a posted USD range`);
    setText("trend-n", `n = ${count(idx.filter((i) => month[i]).length)} openings; a month with fewer than ${MIN} is not published`);
    setText("volume-n", `n = ${count(idx.length)} openings`);
    const skillsGap = skillsGroups(stats);
    const tables = {
      skills_gap: pairedRows(skillsGap),
      llm_factor: pairedRows(namedGroups(stats, D.chart_skills.llm, PAL.NEUTRAL)),
      falls_away: pairedRows(namedGroups(stats, D.chart_skills.falls_away, PAL.FALLS_AWAY)),
      seniority_mix: seniorityRows(idx),
      industry_mix: pairedRows(industryGroups(idx)),
      salary_bands: sal,
      skill_trends: trendRows(idx),
      volumes: volumeRows(idx),
    };
    renderSkillTable(skillsGap);
    renderFeed(idx);
    writeHash();
    syncControls();
    const done = Promise.all(Object.entries(tables).map(([name, rows]) => draw(name, rows)));
    return done.then(() => {
      const ms = performance.now() - t0;
      document.body.dataset.renderMs = ms.toFixed(1);
      document.body.dataset.readyAt = performance.now().toFixed(1);  // ms since navigation start
      document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
      setText("render-ms", `${ms.toFixed(0)} ms`);
    });
  }
  function renderSkillTable(groups) {
    const body = $("#skills-table tbody");
    body.replaceChildren();
    for (const g of groups) {
      for (const r of g.rows) {
        const tr = el("tr", { "data-skill": r.label });
        tr.append(el("td", {}, r.label), el("td", { class: "num", "data-testid": "ds-share" }, pct(r.ds.value)),
          el("td", { class: "num" }, count(r.ds.n)), el("td", { class: "num", "data-testid": "mle-share" }, pct(r.mle.value)),
          el("td", { class: "num" }, count(r.mle.n)), el("td", { class: "num" }, r.note));
        body.append(tr);
      }
    }
  }

  // ------------------------------------------------------------ job feed
  const SORTS = {
    posted_date: (i) => P.posted_date[i], title: (i) => P.title[i].toLowerCase(),
    company: (i) => L.company[P.company[i]].toLowerCase(), market: (i) => L.market[P.market[i]],
    seniority: (i) => P.seniority[i], salary: (i) => P.salary_max_usd[i] ?? -1,
  };
  let current = [];
  const salaryText = (i) => (P.salary_min_usd[i] === null ? "" : `${usdK(P.salary_min_usd[i])}–${usdK(P.salary_max_usd[i])}`);
  function renderFeed(idx) {
    const key = SORTS[state.sort] || SORTS.posted_date, sign = state.dir === "asc" ? 1 : -1;
    current = idx.slice().sort((a, b) => {
      const va = key(a), vb = key(b);
      return (va < vb ? -1 : va > vb ? 1 : 0) * sign || a - b;
    });
    const pages = Math.max(1, Math.ceil(current.length / PAGE_SIZE));
    state.page = Math.min(Math.max(1, state.page), pages);
    const body = $("#feed tbody");
    body.replaceChildren();
    for (const i of current.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE)) {
      const tr = el("tr", { "data-posting-id": P.posting_id[i] });
      const link = el("a", { rel: "noopener noreferrer" }, P.title[i] || "(untitled)");
      if (/^https?:\/\//i.test(P.url[i])) link.setAttribute("href", P.url[i]);
      const chips = el("td", { class: "chips" });
      for (const s of P.skills[i]) chips.append(el("span", { class: "chip" }, L.skill[s]));
      const t = el("td");
      t.append(link);
      tr.append(t, el("td", {}, L.company[P.company[i]]), el("td", {}, L.market[P.market[i]]),
        el("td", {}, L.seniority[P.seniority[i]]), el("td", {}, P.posted_date[i]),
        el("td", { class: "num" }, salaryText(i)), chips);
      body.append(tr);
    }
    setText("feed-page", `page ${state.page} of ${pages}`);
    $("#feed-prev").disabled = state.page <= 1;
    $("#feed-next").disabled = state.page >= pages;
    document.querySelectorAll("#feed th[data-sort]").forEach((th) => {
      th.setAttribute("aria-sort", th.dataset.sort === state.sort ? (state.dir === "asc" ? "ascending" : "descending") : "none");
    });
  }
  function csvCell(value) {
    let s = String(value ?? "");
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;  // no formula injection in spreadsheets
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  function downloadCsv() {
    const head = ["posting_id", "title", "company", "market", "role_family", "seniority", "industry", "is_startup",
      "posted_date", "salary_min_usd", "salary_max_usd", "skills", "url"];
    const lines = [head.join(",")];
    for (const i of current) {
      lines.push([P.posting_id[i], P.title[i], L.company[P.company[i]], C.market[P.market[i]],
        C.role_family[P.role_family[i]], C.seniority[P.seniority[i]], C.industry[P.industry[i]],
        P.is_startup[i] ? "true" : "false", P.posted_date[i], P.salary_min_usd[i], P.salary_max_usd[i],
        P.skills[i].map((s) => C.skill[s]).join(";"), P.url[i]].map(csvCell).join(","));
    }
    const a = el("a", { href: "data:text/csv;charset=utf-8," + encodeURIComponent(lines.join("\r\n") + "\r\n"),
      download: "rolegap-postings.csv" });
    document.body.append(a);
    a.click();
    a.remove();
  }

  // ------------------------------------------------------------ controls
  function options(select, codes, labels) {
    codes.forEach((code, i) => select.append(el("option", { value: code }, labels ? labels[i] : code)));
  }
  function syncControls() {
    for (const key of FILTER_KEYS.concat(["skill"])) {
      for (const o of document.getElementById(`f-${key}`).options) o.selected = state[key].includes(o.value);
    }
    $("#f-is_startup").value = state.is_startup;
    $("#f-from").value = state.from;
    $("#f-to").value = state.to;
    if ($("#f-q").value !== state.q) $("#f-q").value = state.q;
  }
  function setup() {
    for (const key of FILTER_KEYS) options(document.getElementById(`f-${key}`), C[key], L[key]);
    options($("#f-skill"), C.skill, L.skill);
    for (const id of ["#f-from", "#f-to"]) {
      $(id).append(el("option", { value: "" }, id === "#f-from" ? "first month" : "last month"));
      options($(id), months);
    }
    const onChange = () => { state.page = 1; render(); };
    for (const key of FILTER_KEYS.concat(["skill"])) {
      document.getElementById(`f-${key}`).addEventListener("change", (e) => {
        state[key] = [...e.target.selectedOptions].map((o) => o.value);
        onChange();
      });
    }
    $("#f-is_startup").addEventListener("change", (e) => { state.is_startup = e.target.value; onChange(); });
    $("#f-from").addEventListener("change", (e) => { state.from = e.target.value; onChange(); });
    $("#f-to").addEventListener("change", (e) => { state.to = e.target.value; onChange(); });
    let timer = null;
    $("#f-q").addEventListener("input", (e) => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.q = e.target.value; onChange(); }, 150);
    });
    $("#f-reset").addEventListener("click", () => { history.replaceState(null, "", location.pathname); readHash(); render(); });
    document.querySelectorAll("#feed th[data-sort]").forEach((th) => {
      th.querySelector("button").addEventListener("click", () => {
        state.dir = state.sort === th.dataset.sort && state.dir === "desc" ? "asc" : "desc";
        state.sort = th.dataset.sort;
        renderFeed(selected());
      });
    });
    $("#feed-prev").addEventListener("click", () => { state.page--; renderFeed(selected()); });
    $("#feed-next").addEventListener("click", () => { state.page++; renderFeed(selected()); });
    $("#feed-csv").addEventListener("click", downloadCsv);
    window.addEventListener("hashchange", () => { readHash(); render(); });
  }

  setup();
  readHash();
  render();
})();
