// The overview ("overblik"): what goes on in a sector or stage, ongoing work first, newest first.
import {
  Status,
  clear,
  el,
  errorBox,
  fmtInt,
  getJson,
  getTaxonomy,
  pager,
  queryString,
  rangeText,
  resultCard,
} from "./app.js";

const LIMIT = 20;
const KEYS = ["sector", "stage"];
const $ = (id) => document.getElementById(id);
const status = new Status($("status"));
let controller = null;
let state = readState();

function readState() {
  const params = new URLSearchParams(location.search);
  const s = { params: {}, offset: Math.max(0, Number(params.get("offset")) || 0) };
  for (const key of KEYS) if (params.get(key)) s.params[key] = params.get(key);
  return s;
}

function fillForm() {
  for (const key of KEYS) $(`o-${key}`).value = state.params[key] || "";
}

async function fillSelects() {
  try {
    const taxonomy = await getTaxonomy();
    for (const key of KEYS) {
      const select = $(`o-${key}`);
      const all = select.options[0];
      select.replaceChildren(all);
      for (const item of taxonomy[key] || []) {
        select.append(el("option", { value: String(item.value), text: item.label }));
      }
    }
  } catch {
    // Without the taxonomy the selects offer "Alle" only; the overview still loads.
  }
  fillForm();
}

async function run({ push = true } = {}) {
  const params = { ...state.params, offset: state.offset || undefined };
  const url = `/overblik?${queryString(params)}`;
  if (push && `${location.pathname}${location.search}` !== url) history.pushState(null, "", url);
  controller?.abort();
  controller = new AbortController();
  const mine = controller;
  clear($("message"));
  try {
    const data = await getJson(
      "/api/overview",
      { ...state.params, limit: LIMIT, offset: state.offset },
      { signal: mine.signal, status, busyText: "Henter overblik …" },
    );
    if (mine !== controller) return;
    render(data);
  } catch (err) {
    if (err?.name === "AbortError" || mine !== controller) return;
    $("message").replaceChildren(errorBox(err, () => run({ push: false })));
  }
}

function statusCounts(facets) {
  const counts = Object.fromEntries((facets?.status || []).map((f) => [f.value, f.count]));
  const parts = [`${fmtInt(counts.igangvaerende || 0)} igangværende`];
  parts.push(`${fmtInt(counts.afsluttet || 0)} afsluttede`);
  const stages = (facets?.stage || []).map((f) => `${f.label}: ${fmtInt(f.count)}`);
  return parts.join(", ") + (stages.length ? ` · ${stages.join(", ")}` : "");
}

function render(data) {
  $("overblik-resultater").hidden = false;
  $("overview-title").textContent = data.title;
  document.title = `${data.title} – innosearch`;
  const results = Array.isArray(data.results) ? data.results : [];
  const total = Number(data.total) || 0;
  $("overview-counts").textContent = total ? statusCounts(data.facets) : "";
  $("overview-range").textContent = results.length ? rangeText(data.offset, results.length, total) : "";
  const list = clear($("overview-list"));
  if (!results.length) {
    list.append(
      el(
        "div",
        { class: "notice notice-empty" },
        el("p", { class: "notice-title", text: "Ingen cases her endnu" }),
        el("p", { text: "Vælg en anden sektor eller fase, eller se alle sektorer." }),
      ),
    );
  } else {
    list.append(
      el(
        "ol",
        { class: "result-items", start: data.offset + 1 },
        results.map((r) => el("li", {}, resultCard(r, { showSnippet: false }))),
      ),
    );
  }
  const go = (offset) => {
    state.offset = offset;
    run();
  };
  $("overview-pager").replaceChildren(
    pager({ offset: data.offset, limit: LIMIT, total, go, label: "Sider i overblikket" }) || "",
  );
}

$("overview-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state = { params: {}, offset: 0 };
  for (const key of KEYS) if ($(`o-${key}`).value) state.params[key] = $(`o-${key}`).value;
  run();
});

window.addEventListener("popstate", () => {
  state = readState();
  fillForm();
  run({ push: false });
});

await fillSelects();
run({ push: false });
