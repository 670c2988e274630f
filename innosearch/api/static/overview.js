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
  const s = { params: {}, offset: Math.max(0, Math.floor(Number(params.get("offset"))) || 0) };
  for (const key of KEYS) if (params.get(key)) s.params[key] = params.get(key);
  return s;
}

function fillForm() {
  for (const key of KEYS) {
    const select = $(`o-${key}`);
    const value = state.params[key] || "";
    // A value from the address that no option has (an old link) is shown as it is, beside the
    // error that names it, rather than as "Alle sektorer" while the list is not all of them.
    if (value && ![...select.options].some((o) => o.value === value)) {
      select.append(el("option", { value, text: value }));
    }
    select.value = value;
  }
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

/** This page's address: the filters and the page of cases shown. */
function pageUrl() {
  return `/overblik?${queryString({ ...state.params, offset: state.offset || undefined })}`;
}

async function run({ push = true, focusResults = false } = {}) {
  const url = pageUrl();
  if (push && `${location.pathname}${location.search}` !== url) history.pushState(null, "", url);
  controller?.abort();
  controller = new AbortController();
  const mine = controller;
  clear($("message"));
  // Emptied while asking, so that the count is read out again when it comes: another sector
  // may have as many cases, and a live region that does not change is silent.
  $("overview-range").textContent = "";
  try {
    const data = await getJson(
      "/api/overview",
      { ...state.params, limit: LIMIT, offset: state.offset },
      { signal: mine.signal, status, busyText: "Henter overblik …" },
    );
    if (mine !== controller) return;
    if (!data.results?.length && data.total > 0 && state.offset > 0) {
      // A link to a page past the end (the list got shorter): show the last page instead.
      state.offset = Math.floor((data.total - 1) / LIMIT) * LIMIT;
      history.replaceState(null, "", pageUrl());
      run({ push: false, focusResults });
      return;
    }
    render(data);
    if (focusResults) {
      // The pager button clicked is replaced; keyboard users go on from the new page's top.
      $("overblik-resultater").focus();
      $("overblik-resultater").scrollIntoView({ block: "start" });
    }
  } catch (err) {
    if (err?.name === "AbortError" || mine !== controller) return;
    // The cases of the sector or stage before are not the answer to this one: they go.
    $("overblik-resultater").hidden = true;
    $("message").replaceChildren(errorBox(err, () => run({ push: false })));
  }
}

/** Stages as the process runs (udforskning → spredning), not by count: the taxonomy's order,
 * as the stage select lists it; a stage it does not know comes last. */
function inProcessOrder(stages) {
  const order = [...$("o-stage").options].map((o) => o.value);
  const place = (f) => (order.includes(f.value) ? order.indexOf(f.value) : order.length);
  return [...stages].sort((a, b) => place(a) - place(b));
}

/** How many of `total` the facet counts do not cover: cases with no value for the field. */
function unstated(items, total) {
  return total - items.reduce((sum, f) => sum + (Number(f.count) || 0), 0);
}

// The figures add up to the total: cases whose status or stage is not known are counted too.
function statusCounts(facets, total) {
  const statuses = facets?.status || [];
  const counts = Object.fromEntries(statuses.map((f) => [f.value, f.count]));
  const parts = [`${fmtInt(counts.igangvaerende || 0)} igangværende`];
  const done = counts.afsluttet || 0;
  parts.push(`${fmtInt(done)} ${done === 1 ? "afsluttet" : "afsluttede"}`);
  const noStatus = unstated(statuses, total);
  if (noStatus > 0) parts.push(`${fmtInt(noStatus)} uden oplyst status`);
  const stageItems = inProcessOrder(facets?.stage || []);
  const stages = stageItems.map((f) => `${f.label}: ${fmtInt(f.count)}`);
  const noStage = unstated(stageItems, total);
  if (stages.length && noStage > 0) stages.push(`uden fase: ${fmtInt(noStage)}`);
  return parts.join(", ") + (stages.length ? ` · ${stages.join(", ")}` : "");
}

function render(data) {
  $("overblik-resultater").hidden = false;
  $("overview-title").textContent = data.title;
  document.title = `${data.title} – innosearch`;
  const results = Array.isArray(data.results) ? data.results : [];
  const total = Number(data.total) || 0;
  $("overview-counts").textContent = total ? statusCounts(data.facets, total) : "";
  // A live region: read out after each answer, also when there are no cases.
  $("overview-range").textContent = rangeText(data.offset, results.length, total);
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
    run({ focusResults: true });
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
