// The restock workbench: picks a case, builds a scenario file from the controls, sends
// it to POST /api/plan and shows the plan, its charts and the runs side by side.
// Plain JavaScript, no framework, nothing fetched but this server's own API.
"use strict";

// Every word of the page: key: [Dutch, English].
const WORDS = {
  title: ["Wat als? De werkbank van restock", "What if? The restock workbench"],
  intro: ["Kies een case, verander budget, kosten of prognose en druk op Bereken. Elke berekening is een scenariobestand dat u kunt bewaren en met restock plan --scenario opnieuw kunt laten rekenen.", "Pick a case, change budget, costs or projection and press Compute. Every run is a scenario file you can keep and rerun with restock plan --scenario."],
  switch: ["English", "Nederlands"],
  case_h: ["Case", "Case"],
  case: ["Case", "Case"],
  controls_h: ["Wat verandert er?", "What changes?"],
  budget: ["Budget", "Budget"],
  pct_case: ["% van het budget in de case", "% of the case's budget"],
  variant: ["Huishoudensprognose", "Households projection"],
  friction: ["Frictieleegstand", "Friction vacancy"],
  pct_stock: ["% van de woningvoorraad", "% of the housing stock"],
  removal: ["Hoogstens onttrekken", "Remove at most"],
  pct_stock_year: ["% van de voorraad per jaar", "% of the stock per year"],
  carry: ["Niet uitgegeven budget schuift door naar de volgende periode", "Unspent budget carries over to the next period"],
  costs_h: ["Kosten", "Costs"],
  cost_demolish: ["Sloop kost", "Demolition costs"],
  cost_new_build: ["Nieuwbouw kost", "New build costs"],
  cost_transform: ["Herstructurering kost", "Transformation costs"],
  cost_sale: ["Verkoop brengt op", "A sale brings in"],
  pct_now: ["% van nu", "% of now"],
  regions_h: ["Budget per regio", "Budget per region"],
  funders_h: ["Budget per financier", "Budget per funder"],
  robust_h: ["Robuust plan", "Robust plan"],
  robust: ["Eén plan dat standhoudt onder elke huishoudensprognose", "One plan that holds up under every households projection"],
  criterion: ["Criterium", "Criterion"],
  expected: ["verwachte mismatch", "expected mismatch"],
  regret: ["grootste spijt", "worst regret"],
  compute: ["Bereken", "Compute"],
  computing: ["Bezig met rekenen…", "Computing…"],
  done: ["Klaar in {s} s", "Done in {s} s"],
  result_h: ["Het plan", "The plan"],
  regions_table_h: ["Per regio", "Per region"],
  charts_h: ["Grafieken", "Charts"],
  runs_h: ["De berekeningen naast elkaar", "The runs side by side"],
  why_h: ["Waarom dit plan", "Why this plan"],
  footer: ["restock serve — alles draait op deze computer; niets gaat naar internet.", "restock serve — everything runs on this computer; nothing goes to the internet."],
  municipalities: ["gemeenten", "municipalities"],
  regions: ["regio's", "regions"],
  dwellings: ["woningen", "dwellings"],
  households: ["huishoudens {y}", "households {y}"],
  budget_total: ["budget, hele plan", "budget, whole plan"],
  warnings: ["waarschuwingen", "warnings"],
  mismatch: ["mismatch (woningjaren)", "mismatch (dwelling-years)"],
  vs_nothing: ["minder mismatch dan niets doen", "less mismatch than doing nothing"],
  gross: ["bruto kosten", "gross cost"],
  net: ["netto kosten", "net cost"],
  demolished: ["gesloopt", "demolished"],
  transformed: ["geherstructureerd", "transformed"],
  built: ["gebouwd", "built"],
  spent: ["uitgegeven", "spent"],
  do_nothing: ["niets doen", "do nothing"],
  prev: ["t.o.v. de vorige berekening", "vs the previous run"],
  nothing: ["t.o.v. niets doen", "vs doing nothing"],
  dl_toml: ["Scenario (.toml)", "Scenario (.toml)"],
  dl_zip: ["Alle uitvoer (.zip)", "All outputs (.zip)"],
  dl_report: ["Rapport (report.html)", "Report (report.html)"],
  region: ["regio", "region"],
  run: ["berekening", "run"],
  name: ["naam", "name"],
  status: ["status", "status"],
  scenario_name: ["Werkbank {n}", "Workbench {n}"],
  errors_h: ["Het scenario klopt niet:", "The scenario has problems:"],
};

let lang = document.documentElement.lang === "en" ? "en" : "nl";
let cases = [];
let runs = [];
const $ = (id) => document.getElementById(id);
const t = (key, vars) => {
  const pair = WORDS[key];
  let s = pair ? pair[lang === "en" ? 1 : 0] : key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replace("{" + k + "}", v);
  return s;
};
const el = (tag, attrs, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
};
const locale = () => (lang === "nl" ? "nl-NL" : "en-GB");
const num = (x, d = 0) =>
  Number(x).toLocaleString(locale(), { maximumFractionDigits: d, minimumFractionDigits: d });
const eur = (x) => {
  const a = Math.abs(x);
  if (a >= 1e9) return "€ " + num(x / 1e9, 2) + (lang === "nl" ? " mld" : " bn");
  if (a >= 1e6) return "€ " + num(x / 1e6, 1) + (lang === "nl" ? " mln" : " M");
  return "€ " + num(x, 0);
};
const signed = (x, fmt) => (x > 0 ? "+" : x < 0 ? "−" : "±") + fmt(Math.abs(x));

function translate() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  $("lang-switch").textContent = t("switch");
  document.title = t("title") + " — restock";
  showCase();
  if (runs.length) {
    showRun(runs[runs.length - 1]);
    showRuns();
  }
}

function figure(value, label, detail) {
  const f = el("div", { class: "figure" }, el("div", { class: "v" }, value), el("div", { class: "l" }, label));
  if (detail) f.append(el("div", { class: "d" }, detail));
  return f;
}

function current() {
  return cases.find((c) => c.name === $("case").value);
}

function showCase() {
  const c = current();
  const box = $("case-figures");
  box.replaceChildren();
  $("case-errors").replaceChildren();
  if (!c) return;
  if (c.errors) {
    $("case-errors").append(list(c.errors));
    return;
  }
  const f = c.figures;
  box.append(
    figure(num(f.municipalities), t("municipalities")),
    figure(num(f.regions), t("regions")),
    figure(num(f.dwellings), t("dwellings")),
    figure(num(f.households_base_year), t("households", { y: c.settings.base_year })),
    figure(num(f.households_last_year), t("households", { y: f.last_year })),
    figure(eur(f.budget_eur), t("budget_total"))
  );
}

// The controls take the case's own values, so an unchanged control changes nothing.
function fillControls() {
  const c = current();
  if (!c || c.errors) return;
  const s = c.settings;
  $("variant").replaceChildren(...(c.variants.length ? c.variants : [s.households_variant]).map((v) =>
    el("option", v === s.households_variant ? { value: v, selected: "" } : { value: v }, v)));
  $("friction").value = round(s.friction_vacancy * 100);
  $("removal").value = round(s.max_removal_share_per_year * 100);
  $("carry").checked = s.budget_carry_over;
  $("robust").checked = !!s.robust;
  $("criterion").value = s.robust ? s.robust.criterion : "expected";
  $("regions").replaceChildren(...c.regions.map((r) =>
    el("label", {}, el("span", {}, r), " ", el("input", { type: "number", min: 0, max: 1000, step: 5, value: 100, "data-region": r }), " %")));
  $("funders-box").hidden = c.funders.length === 0;
  $("funders").replaceChildren(...c.funders.map((g) =>
    el("label", {}, el("span", {}, g.name + " (" + eur(g.budget_eur) + ")"), " ", el("input", { type: "number", min: 0, max: 1000, step: 5, value: 100, "data-funder": g.name }), " %")));
}

const round = (x) => Math.round(x * 1e6) / 1e6;
const factor = (id) => round(Number($(id).value) / 100);
const quote = (s) => JSON.stringify(s);

// The scenario file the controls describe: only what differs from the case.
function scenarioToml(n) {
  const c = current();
  const s = c.settings;
  const lines = [
    "# Made with restock serve; rerun with: restock plan --scenario <this file>",
    "name = " + quote(t("scenario_name", { n })),
    "base = " + quote(c.base),
  ];
  const variant = $("variant").value;
  if (variant && variant !== s.households_variant) lines.push("households_variant = " + quote(variant));
  const settings = [];
  const friction = factor("friction");
  if (friction !== round(s.friction_vacancy)) settings.push("friction_vacancy = " + friction);
  const removal = factor("removal");
  if (removal !== round(s.max_removal_share_per_year)) settings.push("max_removal_share_per_year = " + removal);
  if ($("carry").checked !== s.budget_carry_over) settings.push("budget_carry_over = " + $("carry").checked);
  const robustOn = $("robust").checked;
  const robustChanged = robustOn && (!s.robust || $("criterion").value !== s.robust.criterion);
  if (settings.length || robustChanged) lines.push("", "[settings]", ...settings);
  if (robustChanged) lines.push("", "[settings.robust]", "criterion = " + quote($("criterion").value));
  const factors = [];
  if (factor("budget") !== 1) factors.push("budget = " + factor("budget"));
  const regions = [...document.querySelectorAll("[data-region]")].filter((i) => Number(i.value) !== 100);
  const costs = ["demolish", "new_build", "transform", "sale"].filter((k) => factor("cost-" + k) !== 1);
  if (factors.length || regions.length || costs.length) lines.push("", "[factors]", ...factors);
  if (regions.length) {
    lines.push("", "[factors.budget_region]");
    for (const i of regions) lines.push(quote(i.dataset.region) + " = " + round(Number(i.value) / 100));
  }
  if (costs.length) {
    lines.push("", "[factors.cost]");
    for (const k of costs) lines.push(k + " = " + factor("cost-" + k));
  }
  for (const i of document.querySelectorAll("[data-funder]")) {
    if (Number(i.value) === 100) continue;
    lines.push("", "[[funder_budget]]", "funder = " + quote(i.dataset.funder), "factor = " + round(Number(i.value) / 100));
  }
  return lines.join("\n") + "\n";
}

function list(items) {
  return el("ul", {}, ...items.map((m) => el("li", {}, m)));
}

async function compute() {
  const c = current();
  if (!c || c.errors) return;
  const n = runs.length + 1;
  const toml = scenarioToml(n);
  $("bereken").disabled = true;
  $("status").textContent = t("computing");
  $("errors").replaceChildren();
  const started = performance.now();
  try {
    const response = await fetch("/api/plan?lang=" + lang, {
      method: "POST",
      headers: { "Content-Type": "application/toml" },
      body: toml,
    });
    const answer = await response.json();
    if (!response.ok) {
      $("status").textContent = "";
      $("errors").append(el("p", {}, t("errors_h")), list(answer.errors || [String(response.status)]));
      return;
    }
    const run = { n, toml, summary: answer, links: answer.links, files: null };
    runs.push(run);
    $("status").textContent = t("done", { s: num((performance.now() - started) / 1000, 2) });
    showRun(run);
    showRuns();
    const files = await (await fetch(answer.links.files)).json();
    run.files = files;
    if (runs[runs.length - 1] === run) await showFiles(run);
  } catch (e) {
    $("errors").append(list([String(e)]));
  } finally {
    $("bereken").disabled = false;
  }
}

function keyFigures(s) {
  const reduction = s.mismatch_do_nothing > 0 ? 1 - s.mismatch / s.mismatch_do_nothing : 0;
  return [
    ["mismatch", num(s.mismatch), (x) => num(x)],
    ["vs_nothing", num(reduction * 100, 1) + " %", null],
    ["gross", eur(s.gross_cost_eur), eur],
    ["net", eur(s.net_cost_eur), eur],
    ["demolished", num(s.demolished), (x) => num(x)],
    ["transformed", num(s.transformed), (x) => num(x)],
    ["built", num(s.built), (x) => num(x)],
    ["budget_total", eur(s.budget_eur), eur],
  ];
}
const FIELDS = {
  mismatch: "mismatch", gross: "gross_cost_eur", net: "net_cost_eur", demolished: "demolished",
  transformed: "transformed", built: "built", budget_total: "budget_eur",
};

function showRun(run) {
  const s = run.summary;
  const prev = runs[runs.indexOf(run) - 1];
  $("result").hidden = false;
  $("figures").dataset.run = run.n;
  $("figures").replaceChildren(...keyFigures(s).map(([key, value, fmt]) => {
    let detail = null;
    if (prev && fmt) {
      const d = s[FIELDS[key]] - prev.summary[FIELDS[key]];
      detail = signed(d, fmt) + " " + t("prev");
    }
    if (key === "mismatch") {
      const d = s.mismatch - s.mismatch_do_nothing;
      detail = (detail ? detail + "; " : "") + signed(d, (x) => num(x)) + " " + t("nothing");
    }
    return figure(value, t(key), detail);
  }));
  $("downloads").replaceChildren(
    el("a", { href: run.links.scenario, download: "scenario-" + run.n + ".toml" }, t("dl_toml")),
    el("a", { href: run.links.zip, download: "restock-run-" + run.n + ".zip" }, t("dl_zip")),
    el("a", { href: run.links.report, target: "_blank" }, t("dl_report"))
  );
  const table = el("table", { class: "data" });
  const head = ["region", "do_nothing", "mismatch", "demolished", "transformed", "built", "spent", "budget_total"];
  table.append(el("tr", {}, ...head.map((h) => el("th", {}, t(h)))));
  for (const r of s.regions_detail || []) {
    table.append(el("tr", {},
      el("td", {}, r.region),
      ...[num(r.mismatch_do_nothing), num(r.mismatch_plan), num(r.demolished), num(r.transformed), num(r.built), eur(r.spent_eur), eur(r.budget_eur)]
        .map((v) => el("td", { class: "n" }, v))));
  }
  $("region-table").replaceChildren(table);
  $("why").replaceChildren();
  $("charts").replaceChildren();
  if (run.files) showFiles(run);
}

// The charts, inline as in report.html, and the explanations when the run has them.
async function showFiles(run) {
  const charts = await Promise.all(run.files.charts.map(async (url) => [url, await (await fetch(url)).text()]));
  if (runs[runs.length - 1] !== run) return;
  $("charts").replaceChildren(...charts.map(([url, svg]) => {
    const f = el("figure", { "data-chart": url.split("/").pop() });
    f.innerHTML = svg;
    return f;
  }));
  const why = run.summary.explanations;
  if (run.files.explanations || why) {
    const box = el("div", {}, el("h3", {}, t("why_h")));
    if (Array.isArray(why)) box.append(list(why.map((w) => (typeof w === "string" ? w : w.text || JSON.stringify(w)))));
    else if (run.files.explanations) {
      const rows = (await (await fetch(run.files.explanations)).text()).trim().split("\n").slice(0, 31).map(splitCsv);
      const table = el("table", { class: "data" });
      rows.forEach((cells, i) => table.append(el("tr", {}, ...cells.map((c) => el(i ? "td" : "th", {}, c)))));
      box.append(el("div", { class: "scroll" }, table));
    }
    $("why").replaceChildren(box);
  }
}

function splitCsv(line) {
  const out = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { out.push(cur); cur = ""; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

// Every run since the page opened, one column each (what restock compare shows).
function showRuns() {
  $("runs-section").hidden = false;
  const table = el("table", { class: "data", id: "runs-table" });
  table.append(el("tr", {}, el("th", {}, t("run")), ...runs.map((r) => el("th", { class: "n" }, "#" + r.n))));
  table.append(el("tr", {}, el("td", {}, t("case")), ...runs.map((r) => el("td", { class: "n" }, r.summary.case))));
  const rows = [
    ["mismatch", (s) => num(s.mismatch)],
    ["do_nothing", (s) => num(s.mismatch_do_nothing)],
    ["vs_nothing", (s) => num((s.mismatch_do_nothing > 0 ? 1 - s.mismatch / s.mismatch_do_nothing : 0) * 100, 1) + " %"],
    ["gross", (s) => eur(s.gross_cost_eur)],
    ["net", (s) => eur(s.net_cost_eur)],
    ["budget_total", (s) => eur(s.budget_eur)],
    ["demolished", (s) => num(s.demolished)],
    ["transformed", (s) => num(s.transformed)],
    ["built", (s) => num(s.built)],
    ["variant", (s) => s.households_variant],
    ["status", (s) => s.status],
  ];
  for (const [key, f] of rows) table.append(el("tr", {}, el("td", {}, t(key)), ...runs.map((r) => el("td", { class: "n" }, f(r.summary)))));
  table.append(el("tr", {}, el("td", {}, ""), ...runs.map((r) => el("td", { class: "n" },
    el("a", { href: r.links.scenario, download: "scenario-" + r.n + ".toml" }, ".toml"), " ",
    el("a", { href: r.links.report, target: "_blank" }, "html")))));
  $("runs").replaceChildren(table);
}

async function start() {
  $("lang-switch").addEventListener("click", () => {
    lang = lang === "nl" ? "en" : "nl";
    translate();
  });
  $("case").addEventListener("change", () => {
    showCase();
    fillControls();
  });
  $("bereken").addEventListener("click", compute);
  translate();
  const answer = await (await fetch("/api/cases")).json();
  cases = answer.cases || [];
  $("case").replaceChildren(...cases.map((c) => el("option", { value: c.name }, c.name)));
  const preferred = cases.find((c) => c.name === "krimpregios") || cases[0];
  if (preferred) $("case").value = preferred.name;
  showCase();
  fillControls();
  document.body.dataset.ready = "1";
}

start();
