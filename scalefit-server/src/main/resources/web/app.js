// The scalefit page: plain JavaScript over the JSON API. Everything the user has not saved yet (the chosen
// data set, the column mapping, the law) lives only in this tab, so users of one server never see each
// other's unsaved work; only uploaded data sets and finished fits are stored on the server.
"use strict";
const API = "/api/v1";
const state = { laws: [], dataset: null, fitId: null, fit: null, polling: false };
const $ = (id) => document.getElementById(id);
const SYNONYMS = { L: ["L", "loss", "Loss"], N: ["N", "params", "parameters"], D: ["D", "tokens"], C: ["C", "compute", "flops", "FLOPs"] };
const FUNCTIONS = new Set(["log", "ln", "exp", "sqrt", "abs", "min", "max", "pow", "log10", "log2", "tanh", "e", "pi"]);

// the token: normally the server keeps it in an HttpOnly cookie (set when the page was opened with ?token=);
// a token typed into the box is kept for this tab only and sent as a Bearer header
const hashToken = new URLSearchParams(location.hash.slice(1)).get("token");
if (hashToken) sessionStorage.setItem("scalefit.token", hashToken);

// writes carry the _xsrf cookie's value in a header (double submit): a page of another origin cannot read it
function xsrf() {
  const m = document.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/);
  if (m) return decodeURIComponent(m[1]);
  const v = Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, "0")).join("");
  document.cookie = "_xsrf=" + v + "; path=/; SameSite=Strict";
  return v;
}

// uploads declare what they are; the server refuses forms and text/plain
const UPLOAD_TYPES = { csv: "text/csv", tsv: "text/tab-separated-values", json: "application/json",
  jsonl: "application/x-ndjson", ndjson: "application/x-ndjson" };
function uploadType(name) {
  const ext = (name.match(/\.([A-Za-z]+)$/) || [])[1];
  return UPLOAD_TYPES[(ext || "").toLowerCase()] || "application/octet-stream";
}

async function api(method, path, body, raw, rawType) {
  const headers = {};
  const token = sessionStorage.getItem("scalefit.token") || $("token").value;
  if (token) headers["Authorization"] = "Bearer " + token;
  if (method !== "GET") headers["X-XSRF-Token"] = xsrf();
  let payload;
  if (raw !== undefined) { payload = raw; headers["Content-Type"] = rawType; }
  else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }
  const r = await fetch(API + path, { method, headers, body: payload });
  if (r.status === 204) return null;
  let doc;
  try { doc = await r.json(); } catch (e) { throw new Error(method + " " + path + ": HTTP " + r.status); }
  if (!r.ok) {
    if (r.status === 401) $("token-box").hidden = false;
    throw new Error(doc.error || ("HTTP " + r.status));
  }
  return doc;
}

function showError(e) {
  const box = $("error");
  box.textContent = e && e.message ? e.message : String(e);
  box.hidden = false;
}
function clearError() { $("error").hidden = true; }

function fmt(v) {
  if (v === null || v === undefined) return "–";
  if (typeof v !== "number") return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(4);
  return Number(v.toPrecision(5)).toString();
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

// ---- data sets ----------------------------------------------------------------------------------
async function loadDatasets() {
  const doc = await api("GET", "/datasets?limit=1000");
  const body = $("datasets").querySelector("tbody");
  body.replaceChildren();
  for (const d of doc.datasets) {
    const tr = el("tr", { "data-id": d.id, class: state.dataset && state.dataset.id === d.id ? "selected" : "" },
      el("td", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); selectDataset(d.id).catch(showError); } }, d.name)),
      el("td", { class: "num" }, d.rows),
      el("td", {}, d.columns.map((c) => c.name).join(", ")),
      el("td", {}, new Date(d.created).toLocaleString()),
      el("td", {}, el("button", { class: "small delete-dataset", onclick: () => deleteDataset(d.id).catch(showError) }, "delete")));
    body.append(tr);
  }
}

async function upload() {
  clearError();
  const f = $("file").files[0];
  if (!f) throw new Error("choose a runs file first");
  const d = await api("POST", "/datasets?name=" + encodeURIComponent(f.name), undefined, f, uploadType(f.name));
  await loadDatasets();
  await selectDataset(d.id);
}

async function deleteDataset(id) {
  await api("DELETE", "/datasets/" + id);
  if (state.dataset && state.dataset.id === id) {
    state.dataset = null;
    $("map-section").hidden = true; $("result-section").hidden = true; $("fits-section").hidden = true;
  }
  await loadDatasets();
}

async function selectDataset(id) {
  clearError();
  const d = await api("GET", "/datasets/" + id);
  state.dataset = d;
  $("ds-name").textContent = d.name + " (" + d.rows + " rows)";
  const t = $("preview");
  t.replaceChildren(el("tr", {}, ...d.columns.map((c) => el("th", {}, c.name))));
  for (const row of d.preview) t.append(el("tr", {}, ...row.map((v) => el("td", {}, fmt(v)))));
  $("map-section").hidden = false;
  $("mapping").querySelector("tbody").replaceChildren();
  lawChanged();
  renderFits(d.fits);
  await loadDatasets();
}

// ---- mapping ------------------------------------------------------------------------------------
function currentLaw() {
  const id = $("law").value;
  if (id !== "custom") return state.laws.find((l) => l.id === id);
  const text = $("formula").value.trim();
  const eq = text.indexOf("=");
  const target = eq > 0 ? text.slice(0, eq).trim() : "L";
  const body = eq > 0 ? text.slice(eq + 1) : text;
  const params = paramLines().map((p) => p.split("=")[0].trim());
  const names = [...new Set((body.match(/[A-Za-z_][A-Za-z0-9_]*/g) || []))];
  return { id: "custom", target, formula: body, variables: names.filter((n) => !params.includes(n) && !FUNCTIONS.has(n)) };
}
function paramLines() { return $("params").value.split("\n").map((s) => s.trim()).filter((s) => s); }

function columnNames() { return state.dataset ? state.dataset.columns.map((c) => c.name) : []; }

function guess(name) {
  const cols = columnNames();
  for (const s of SYNONYMS[name] || [name]) if (cols.includes(s)) return s;
  return cols.includes(name) ? name : "";
}

function mappingRow(name, fixed) {
  const kind = el("select", { class: "kind" }, el("option", { value: "column" }, "column"), el("option", { value: "formula" }, "formula"));
  const col = el("select", { class: "column", id: fixed ? "map-" + name : "" },
    el("option", { value: "" }, "—"), ...columnNames().map((c) => el("option", { value: c }, c)));
  const formula = el("input", { class: "derive", size: "16", placeholder: "C/(6*N)", hidden: "", id: fixed ? "derive-" + name : "" });
  const nameInput = fixed ? el("b", { class: "name" }, name) : el("input", { class: "name", size: "5", placeholder: "C" });
  col.value = fixed ? guess(name) : "";
  kind.addEventListener("change", () => { col.hidden = kind.value !== "column"; formula.hidden = kind.value !== "formula"; });
  const tr = el("tr", { "data-name": fixed ? name : "", class: fixed ? "fixed" : "extra" },
    el("td", {}, nameInput), el("td", {}, kind, " ", col, formula),
    el("td", {}, fixed ? "" : el("button", { class: "small", onclick: () => tr.remove() }, "×")));
  if (fixed) { kind.id = "kind-" + name; }
  return tr;
}

function lawChanged() {
  const custom = $("law").value === "custom";
  $("custom").hidden = !custom;
  const law = currentLaw();
  $("law-formula").textContent = law ? law.target + " = " + law.formula : "";
  const body = $("mapping").querySelector("tbody");
  const extras = [...body.querySelectorAll("tr.extra")];
  const wanted = law ? [...law.variables, law.target] : [];
  const existing = new Map([...body.querySelectorAll("tr.fixed")].map((tr) => [tr.dataset.name, tr]));
  body.replaceChildren();
  for (const v of wanted) body.append(existing.get(v) || mappingRow(v, true));
  for (const e of extras) body.append(e);
}

function fitRequest() {
  const law = currentLaw();
  const req = { dataset: state.dataset.id };
  if (law.id === "custom") { req.formula = $("formula").value.trim(); req.params = paramLines(); }
  else req.law = law.id;
  const columns = {}, derive = {};
  for (const tr of $("mapping").querySelectorAll("tbody tr")) {
    const nameEl = tr.querySelector(".name");
    const name = (nameEl.value !== undefined ? nameEl.value : nameEl.textContent).trim();
    if (!name) continue;
    const kind = tr.querySelector(".kind").value;
    if (kind === "column") {
      const c = tr.querySelector(".column").value;
      if (c && c !== name) columns[name] = c;
    } else {
      const f = tr.querySelector(".derive").value.trim();
      if (f) derive[name] = f;
    }
  }
  if (Object.keys(columns).length) req.columns = columns;
  if (Object.keys(derive).length) req.derive = derive;
  const drop = parseInt($("drop-highest").value || "0", 10);
  if (drop > 0) req.dropHighest = drop;
  if ($("where").value.trim()) req.where = [$("where").value.trim()];
  req.solver = $("solver").value;
  const boot = parseInt($("bootstrap").value || "0", 10);
  if (boot > 0) req.bootstrap = boot;
  return req;
}

// ---- fitting ------------------------------------------------------------------------------------
async function startFit() {
  clearError();
  const job = await api("POST", "/fits", fitRequest());
  state.fitId = job.id;
  $("fit").disabled = true; $("cancel").hidden = false; $("progress").hidden = false;
  $("progress").value = 0; $("status").textContent = "queued";
  poll(job.id);
}

async function poll(id) {
  try {
    for (;;) {
      const s = await api("GET", "/fits/" + id + "?wait=0.25");
      if (state.fitId !== id) return;
      if (s.status === "done") { finishUi("fitted in " + fmt(s.result.seconds) + " s"); showFit(s); await refreshFits(); return; }
      if (s.status === "failed") { finishUi("failed"); throw new Error(s.error); }
      if (s.status === "cancelled") { finishUi("cancelled"); return; }
      const p = s.progress;
      $("progress").value = p.total > 0 ? p.done / p.total : 0;
      $("status").textContent = p.phase + (p.total > 0 ? " " + p.done + " / " + p.total : "");
    }
  } catch (e) { finishUi("failed"); showError(e); }
}

function finishUi(text) {
  $("fit").disabled = false; $("cancel").hidden = true; $("progress").hidden = true;
  $("status").textContent = text;
}

async function cancelFit() {
  if (state.fitId) await api("POST", "/fits/" + state.fitId + "/cancel");
}

function showFit(f) {
  const r = f.result;
  state.fit = f;
  $("result-section").hidden = false;
  $("fit-id").textContent = f.id;
  $("fit-formula").textContent = r.formula;
  const hasBoot = !!r.standardErrors;
  const t = $("params-table");
  const pct = Math.round(r.level * 100) + "% interval";
  t.replaceChildren(el("tr", {}, el("th", {}, "parameter"), el("th", {}, "value"),
    ...(hasBoot ? [el("th", {}, "std. err."), el("th", {}, pct)] : [])));
  for (const [k, v] of Object.entries(r.parameters)) {
    const cells = [el("td", {}, k), el("td", { class: "num", id: "param-" + k }, fmt(v))];
    if (hasBoot) {
      cells.push(el("td", { class: "num", id: "se-" + k }, fmt(r.standardErrors[k])));
      const iv = r.intervals[k];
      cells.push(el("td", { class: "num", id: "ci-" + k }, "[" + fmt(iv[0]) + ", " + fmt(iv[1]) + "]"));
    }
    t.append(el("tr", {}, ...cells));
  }
  const s = $("fit-summary");
  s.replaceChildren(
    el("div", {}, "objective ", el("span", { id: "objective", class: "mono" }, r.objective.toExponential(7)),
      " (sum of " + r.objectiveFunction + " on " + r.residuals + " residuals, solver " + r.solver + ")"),
    el("div", {}, r.data.rowsUsed + " of " + r.data.rowsRead + " rows used; " + r.starts.total + " starts, " +
      r.starts.atOptimum + " at the optimum"),
    el("div", {}, "residual RMS " + fmt(r.residualRms) + ", max |residual| " + fmt(r.residualMaxAbs)));
  if (r.computeOptimalExponents) {
    s.append(el("div", {}, "compute-optimal exponents N* ∝ C^" + fmt(r.computeOptimalExponents.a) +
      ", D* ∝ C^" + fmt(r.computeOptimalExponents.b)));
  }
  drawPlots(r);
  resetValidation();
  loadBacktests().catch(showError);
  const inputs = $("predict-inputs");
  inputs.replaceChildren(...r.variables.map((v) => el("label", {}, v + " ", el("input", { id: "at-" + v, size: "9",
    value: v === "N" ? "7e10" : v === "D" ? "1.4e12" : "" }))));
  $("predict-out").textContent = ""; $("optimal-out").textContent = "";
  $("optimal-box").hidden = !(r.variables.length === 2 && r.variables.includes("N") && r.variables.includes("D"));
}

// ---- plots (uPlot, drawn in this page from the fit's series) -------------------------------------
let plots = [];
const ticks = (u, splits) => splits.map((v) => (v === null ? "" : fmt(v)));
const powTicks = (u, splits) => splits.map((v) => (v === null ? "" : Math.pow(10, v).toExponential(Number.isInteger(v) ? 0 : 1)));
// heldOut: a backtest's held-out runs (drawn as a third series at their predicted values), or none
function drawPlots(r, heldOut) {
  plots.forEach((p) => p.destroy());
  plots = [];
  const vars = r.series.variables;
  let xName, x;
  // x on a log axis drawn as log10 on a linear scale, labelled with the powers of ten
  if (vars.N && vars.D) { xName = "compute C = 6ND (FLOP)"; x = vars.N.map((n, i) => Math.log10(6 * n * vars.D[i])); }
  else { const v = r.variables[0]; xName = v; x = vars[v].map((t) => Math.log10(t)); }
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const xs = order.map((i) => x[i]);
  const obs = order.map((i) => r.series.observed[i]);
  const fit = order.map((i) => r.series.fitted[i]);
  const resid = order.map((i) => Math.log(r.series.observed[i]) - Math.log(r.series.fitted[i]));
  const predictedAt = new Map((heldOut || []).map((p) => [p.line, p.predicted]));
  const held = order.map((i) => (predictedAt.has(r.series.lines[i]) ? predictedAt.get(r.series.lines[i]) : null));
  const width = Math.max(360, Math.min(640, $("plot").parentElement.clientWidth - 10));
  const dots = (stroke, size) => ({ stroke, fill: stroke, width: 0, paths: () => null, points: { show: true, size, stroke, fill: stroke } });
  plots.push(new uPlot({
    title: r.target + " observed and fitted", width, height: 300,
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [{ label: xName, values: powTicks, space: 70 }, { label: r.target, values: ticks, size: 60 }],
    series: [{ label: xName, value: (u, v) => (v === null ? "–" : fmt(Math.pow(10, v))) }, { label: "observed", ...dots("#2456c8", 7), value: (u, v) => fmt(v) },
      { label: "fitted", ...dots("#e0712b", 4), value: (u, v) => fmt(v) },
      ...(heldOut ? [{ label: "backtest: held out, predicted", ...dots("#1a9850", 8), value: (u, v) => fmt(v) }] : [])],
  }, heldOut ? [xs, obs, fit, held] : [xs, obs, fit], $("plot")));
  plots.push(new uPlot({
    title: "residual log(observed) − log(fitted)", width, height: 200,
    scales: { x: { time: false } },
    axes: [{ label: xName, values: powTicks, space: 70 }, { values: ticks, size: 60 }],
    series: [{ label: xName, value: (u, v) => (v === null ? "–" : fmt(Math.pow(10, v))) }, { label: "residual", ...dots("#555", 4), value: (u, v) => fmt(v) }],
  }, [xs, resid], $("plot-resid")));
}

async function predict() {
  clearError();
  const at = {};
  for (const v of state.fit.result.variables) at[v] = Number($("at-" + v).value);
  const doc = await api("POST", "/fits/" + state.fit.id + "/predict", { at });
  const p = doc.predictions[0];
  $("predict-out").textContent = state.fit.result.target + " = " + fmt(p.value) +
    (p.interval ? "  [" + fmt(p.interval[0]) + ", " + fmt(p.interval[1]) + "]" : "");
}

async function optimal() {
  clearError();
  const doc = await api("POST", "/fits/" + state.fit.id + "/optimal", { compute: Number($("compute").value) });
  const a = doc.allocations[0];
  const t = state.fit.result.target;
  $("optimal-out").textContent = "N* = " + fmt(a.N) + ", D* = " + fmt(a.D) + " (" + fmt(a.tokensPerParameter) +
    " tokens per parameter), " + t + " = " + fmt(a[t]) +
    (doc.warnings && doc.warnings.length ? "  (warning: " + doc.warnings.join("; ") + ")" : "");
}

// ---- backtests and comparisons (jobs like fits: POST, then poll the url it answers) -------------
function holdoutRule() {
  if ($("ho-kind").value === "where") return { where: $("ho-where").value.trim() };
  return { top: parseInt($("ho-top").value || "1", 10), by: $("ho-by").value.trim() || "C" };
}
function holdoutKindChanged() {
  const top = $("ho-kind").value === "top";
  $("ho-where").hidden = top; $("ho-top-box").hidden = !top; $("ho-by-box").hidden = !top;
}

async function runJob(path, body, statusId, button) {
  const job = await api("POST", path, body);
  $(button).disabled = true;
  try {
    for (;;) {
      const s = await api("GET", job.url.slice(API.length) + "?wait=0.25");
      if (s.status === "done") { $(statusId).textContent = ""; return s; }
      if (s.status === "failed") { $(statusId).textContent = "failed"; throw new Error(s.error); }
      if (s.status === "cancelled") { $(statusId).textContent = "cancelled"; return null; }
      const p = s.progress;
      $(statusId).textContent = p.phase + (p.total > 0 ? " " + p.done + " / " + p.total : "") + "…";
    }
  } finally { $(button).disabled = false; }
}

const pct = (v) => (v === null || v === undefined ? "–" : (100 * v).toFixed(3) + "%");

function resetValidation() {
  for (const id of ["bt-summary", "bt-status", "cmp-status"]) $(id).textContent = "";
  for (const id of ["bt-table", "bt-cuts", "cmp-table"]) $(id).replaceChildren();
  $("bt-cuts").hidden = true;
  $("cmp-verdict").replaceChildren();
}

async function backtest() {
  clearError();
  const body = {};
  const rolling = parseInt($("bt-rolling").value || "0", 10);
  if (rolling > 0) { body.rolling = rolling; body.holdout = { by: ($("ho-kind").value === "top" ? $("ho-by").value.trim() : "") || "C" }; }
  else body.holdout = holdoutRule();
  const boot = parseInt($("bt-bootstrap").value || "0", 10);
  if (boot > 0) body.bootstrap = boot;
  $("bt-status").textContent = "queued…";
  const done = await runJob("/fits/" + state.fit.id + "/backtest", body, "bt-status", "backtest");
  if (done) { showBacktest(done); await loadBacktests(); }
}

function showBacktest(b) {
  const r = b.result;
  const cuts = r.cuts;
  const last = cuts[cuts.length - 1];
  const h = last.holdout;
  const s = $("bt-summary");
  s.replaceChildren(
    el("div", {}, "mean ARE ", el("b", { id: "bt-mean-are", class: "mono" }, pct(r.meanAre)),
      cuts.length > 1 ? " over " + cuts.length + " cuts" : " (max " + pct(last.maxAre) + ") on " + h.heldOutRows +
        " held-out runs (" + h.rule + "), fitted on " + h.fitRows),
    el("div", { class: "hint" }, "in-sample RMSE of log " + r.target + " " + fmt(last.inSampleRmseLog) + ", held out " +
      fmt(last.rmseLog) + "; solver " + r.solver + "; ARE = |predicted − actual| / actual"));
  const ct = $("bt-cuts");
  ct.hidden = cuts.length < 2;
  ct.replaceChildren(el("tr", {}, ...["held out", "from " + h.by, "runs kept", "held out", "mean ARE", "max ARE"].map((t) => el("th", {}, t))));
  for (const c of cuts) {
    ct.append(el("tr", {}, el("td", {}, c.holdout.rule), el("td", { class: "num" }, fmt(c.holdout.cut)),
      el("td", { class: "num" }, c.holdout.fitRows), el("td", { class: "num" }, c.holdout.heldOutRows),
      el("td", { class: "num" }, pct(c.meanAre)), el("td", { class: "num" }, pct(c.maxAre))));
  }
  const t = $("bt-table");
  const boot = !!last.bootstrap;
  t.replaceChildren(el("tr", {}, ...["line", h.by, "actual " + r.target, "predicted", "ARE",
    ...(boot ? [Math.round(last.bootstrap.level * 100) + "% prediction interval"] : [])].map((x) => el("th", {}, x))));
  for (const p of last.heldOut) {
    t.append(el("tr", { class: "held-out" }, el("td", { class: "num" }, p.line), el("td", { class: "num" }, fmt(p.scale)),
      el("td", { class: "num" }, fmt(p.actual)), el("td", { class: "num" }, fmt(p.predicted)), el("td", { class: "num" }, pct(p.are)),
      ...(boot ? [el("td", { class: "num" }, "[" + fmt(p.predictionInterval[0]) + ", " + fmt(p.predictionInterval[1]) + "]" + (p.covered ? "" : " *"))] : [])));
  }
  drawPlots(state.fit.result, last.heldOut);
}

async function loadBacktests() {
  if (!state.fit) return;
  const doc = await api("GET", "/backtests?fit=" + state.fit.id);
  const done = doc.backtests.filter((b) => b.status === "done");
  const t = $("backtests");
  t.hidden = done.length === 0;
  t.replaceChildren(el("tr", {}, el("th", {}, "saved backtests"), el("th", {}, "mean ARE"), el("th", {}, "")));
  for (const b of done) {
    t.append(el("tr", { "data-id": b.id },
      el("td", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); api("GET", "/backtests/" + b.id).then(showBacktest).catch(showError); } },
        b.holdout.length > 1 ? "rolling, " + b.holdout.length + " cuts" : b.holdout[0])),
      el("td", { class: "num" }, pct(b.meanAre)),
      el("td", {}, el("button", { class: "small", onclick: () => api("DELETE", "/backtests/" + b.id).then(loadBacktests).catch(showError) }, "delete"))));
  }
}

function compareLaws() {
  const laws = [...$("cmp-laws").querySelectorAll("input:checked")].map((c) => c.value);
  for (const line of $("cmp-formulas").value.split("\n").map((x) => x.trim()).filter((x) => x)) {
    const semi = line.indexOf(";");
    if (semi < 0) throw new Error("formula '" + line + "': give its parameters after a ';', e.g. L = E + A*C^-alpha ; E=0..10, A=1e-6..1e30:log, alpha=0..5");
    laws.push({ formula: line.slice(0, semi).trim(), params: line.slice(semi + 1).split(",").map((x) => x.trim()).filter((x) => x) });
  }
  return laws;
}

async function compare() {
  clearError();
  const body = {};
  // the displayed fit's mapping and settings, with the laws picked here instead of its law
  for (const [k, v] of Object.entries(state.fit.request)) {
    if (!["law", "formula", "params", "bootstrap", "level"].includes(k)) body[k] = v;
  }
  body.laws = compareLaws();
  body.holdout = holdoutRule();
  $("cmp-status").textContent = "queued…";
  const done = await runJob("/compare", body, "cmp-status", "compare");
  if (done) showComparison(done);
}

function showComparison(c) {
  const r = c.result;
  const t = $("cmp-table");
  t.replaceChildren(el("tr", {}, ...["rank", "law", "params", "RMSE(log)", "BIC", "held-out mean ARE", "max ARE", "warnings"].map((x) => el("th", {}, x))));
  r.laws.forEach((l, i) => {
    t.append(el("tr", { id: "cmp-rank-" + (i + 1), "data-law": l.law },
      el("td", { class: "num" }, i + 1), el("td", { class: "mono" }, l.law), el("td", { class: "num" }, l.parameterCount),
      el("td", { class: "num" }, fmt(l.rmseLog)), el("td", { class: "num" }, fmt(l.bic)),
      el("td", { class: "num" }, l.backtest ? pct(l.backtest.meanAre) : "–"), el("td", { class: "num" }, l.backtest ? pct(l.backtest.maxAre) : "–"),
      el("td", { class: "warn" }, l.warnings.join("; "))));
  });
  $("cmp-verdict").replaceChildren(el("b", {}, "verdict: "), r.verdict.reason);
}

// ---- saved fits ---------------------------------------------------------------------------------
async function refreshFits() {
  if (!state.dataset) return;
  const doc = await api("GET", "/fits?limit=1000&dataset=" + state.dataset.id);
  renderFits(doc.fits.filter((f) => f.status === "done"));
}

function renderFits(fits) {
  $("fits-section").hidden = fits.length === 0;
  const body = $("fits").querySelector("tbody");
  body.replaceChildren();
  for (const f of fits) {
    body.append(el("tr", { "data-id": f.id },
      el("td", {}, el("a", { href: "#", class: "mono", onclick: (ev) => { ev.preventDefault(); openFit(f.id).catch(showError); } }, f.id)),
      el("td", {}, f.law), el("td", { class: "num" }, f.points), el("td", { class: "num" }, fmt(f.objective)),
      el("td", {}, new Date(f.created).toLocaleString()),
      el("td", {}, el("button", { class: "small", onclick: () => deleteFit(f.id).catch(showError) }, "delete"))));
  }
}

async function openFit(id) { showFit(await api("GET", "/fits/" + id)); }

async function deleteFit(id) {
  await api("DELETE", "/fits/" + id);
  if (state.fit && state.fit.id === id) $("result-section").hidden = true;
  await refreshFits();
}

// ---- start --------------------------------------------------------------------------------------
async function init() {
  $("token").addEventListener("change", () => { sessionStorage.setItem("scalefit.token", $("token").value); location.reload(); });
  await api("GET", "");
  const doc = await api("GET", "/laws");
  state.laws = doc.laws;
  $("law").replaceChildren(...doc.laws.map((l) => el("option", { value: l.id }, l.id + " — " + l.name)),
    el("option", { value: "custom" }, "custom formula…"));
  $("law").addEventListener("change", lawChanged);
  $("formula").addEventListener("input", lawChanged);
  $("params").addEventListener("input", lawChanged);
  $("upload").addEventListener("click", () => upload().catch(showError));
  $("fit").addEventListener("click", () => startFit().catch((e) => { finishUi(""); showError(e); }));
  $("cancel").addEventListener("click", () => cancelFit().catch(showError));
  $("add-name").addEventListener("click", () => $("mapping").querySelector("tbody").append(mappingRow("", false)));
  $("predict").addEventListener("click", () => predict().catch(showError));
  $("optimal").addEventListener("click", () => optimal().catch(showError));
  $("error").addEventListener("click", clearError);
  $("ho-kind").addEventListener("change", holdoutKindChanged);
  $("backtest").addEventListener("click", () => backtest().catch((e) => { $("bt-status").textContent = ""; showError(e); }));
  $("compare").addEventListener("click", () => compare().catch((e) => { $("cmp-status").textContent = ""; showError(e); }));
  $("cmp-laws").replaceChildren(...doc.laws.map((l) => el("label", {}, el("input", { type: "checkbox", value: l.id, id: "cmp-" + l.id }), " " + l.id)));
  await loadDatasets();
  document.body.dataset.ready = "true";
}
init().catch(showError);
