// The effect view for analysts: cases with documented effect, their evidence, and a CSV export.
import {
  Status,
  clear,
  el,
  errorBox,
  getJson,
  getTaxonomy,
  pager,
  queryString,
  rangeText,
  resultCard,
  shortened,
} from "./app.js";

// One page of cases at a time, as on the overview; the CSV holds every case of the search.
const LIMIT = 20;
const DEFAULT_MIN_LEVEL = "2";
// A description pasted from a project paper is cut in the heading, as on the search page.
const HEADING_CHARS = 150;
const KEYS = ["q", "min_level", "sector", "organisation_type", "stage", "status", "year_from", "year_to"];
const SELECTS = { sector: "sector", organisation_type: "organisation_type", stage: "stage", status: "status" };
const FALLBACK_LEVELS = [
  { value: 1, label: "Forventet effekt" },
  { value: 2, label: "Målt før og efter" },
  { value: 3, label: "Sammenlignet med kontrolgruppe eller benchmark" },
  { value: 4, label: "Kausalt design eller uafhængig evaluering" },
];

const $ = (id) => document.getElementById(id);
const control = (key) => (key === "q" ? $("eq") : $(`e-${key}`));
const status = new Status($("status"));
let controller = null;
let state = readState();

function readState() {
  const params = new URLSearchParams(location.search);
  const s = { params: {}, offset: Math.max(0, Math.floor(Number(params.get("offset"))) || 0) };
  for (const key of KEYS) if (params.get(key)) s.params[key] = params.get(key);
  s.params.min_level ??= DEFAULT_MIN_LEVEL;
  return s;
}

function setOptions(select, items, allText) {
  const current = select.value;
  select.replaceChildren();
  if (allText !== null) select.append(el("option", { value: "", text: allText }));
  for (const item of items) select.append(el("option", { value: String(item.value), text: item.label }));
  select.value = current;
}

function levelOptions(levels) {
  const items = levels
    .filter((l) => Number(l.value) > 0)
    .map((l) => ({ value: l.value, label: `${l.value} – ${l.label}` }));
  setOptions($("e-min_level"), [{ value: 0, label: "0 – Alle cases" }, ...items], null);
}

function fillForm() {
  for (const key of KEYS) {
    const input = control(key);
    const value = state.params[key] || "";
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) {
      input.append(el("option", { value, text: value }));
    }
    input.value = value;
  }
}

function readForm() {
  const params = {};
  for (const key of KEYS) {
    const value = control(key).value.trim();
    if (value) params[key] = value;
  }
  params.min_level ??= "0";
  return params;
}

async function fillSelects() {
  levelOptions(FALLBACK_LEVELS);
  try {
    const taxonomy = await getTaxonomy();
    if (Array.isArray(taxonomy.evidence_level)) levelOptions(taxonomy.evidence_level);
    for (const [key, field] of Object.entries(SELECTS)) {
      const select = control(key);
      setOptions(select, taxonomy[field] || [], select.options[0]?.textContent || "Alle");
    }
  } catch {
    // Without the taxonomy the selects keep their "Alle" option and the fallback levels.
  }
  fillForm();
}

function csvHref(params) {
  return `/api/effects?${queryString({ ...params, format: "csv" })}`;
}

/** This page's address: the filters and the page of cases shown. */
function pageUrl() {
  return `/effekt?${queryString({ ...state.params, offset: state.offset || undefined })}`;
}

async function run({ push = true, focusResults = false } = {}) {
  const url = pageUrl();
  if (push && `${location.pathname}${location.search}` !== url) history.pushState(null, "", url);
  $("csv-link").href = csvHref(state.params);
  controller?.abort();
  controller = new AbortController();
  const mine = controller;
  clear($("message"));
  // Emptied while asking, so that the count is read out again when it comes: other filters
  // often give as many cases ("Viser 1–17 af 17"), and a live region that does not change is
  // silent.
  $("effects-range").textContent = "";
  try {
    const data = await getJson(
      "/api/effects",
      { ...state.params, limit: LIMIT, offset: state.offset },
      { signal: mine.signal, status },
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
      $("effekt-resultater").focus();
      $("effekt-resultater").scrollIntoView({ block: "start" });
    }
  } catch (err) {
    if (err?.name === "AbortError" || mine !== controller) return;
    // The cases of the filters before are not the answer to these: they go, as on the search page.
    $("effekt-resultater").hidden = true;
    $("message").replaceChildren(errorBox(err, () => run({ push: false })));
  }
}

function render(data) {
  const section = $("effekt-resultater");
  section.hidden = false;
  const results = Array.isArray(data.results) ? data.results : [];
  const total = Number(data.total) || 0;
  const offset = Number(data.offset) || 0;
  const level = data.min_level ?? state.params.min_level;
  const which = Number(level) > 0 ? `Cases med evidensniveau ${level} eller højere` : "Alle cases";
  $("effects-heading").textContent = data.query
    ? `${which} om »${shortened(data.query, HEADING_CHARS)}«`
    : which;
  // A live region: read out after each answer, also when no case matched.
  $("effects-range").textContent = rangeText(offset, results.length, total);
  $("csv-link").hidden = total === 0; // a file of column names only would say nothing
  const list = clear($("effects-list"));
  if (!results.length) {
    list.append(
      el(
        "div",
        { class: "notice notice-empty" },
        el("p", {
          class: "notice-title",
          text: Number(level) > 0 ? "Ingen cases med så høj evidens" : "Ingen cases matcher filtrene",
        }),
        el("p", {
          text:
            Number(level) > 0
              ? "Prøv et lavere evidensniveau, færre filtre eller et bredere emne."
              : "Prøv færre filtre eller et bredere emne.",
        }),
      ),
    );
  } else {
    list.append(
      el(
        "ol",
        { class: "result-items", start: offset + 1 },
        results.map((r) =>
          el(
            "li",
            {},
            // Without a query the snippet is an arbitrary passage; the evidence is what counts.
            resultCard(r, { showEvidenceSentences: true, showSnippet: Boolean(data.query) }),
          ),
        ),
      ),
    );
  }
  const go = (next) => {
    state.offset = next;
    run({ focusResults: true });
  };
  $("effects-pager").replaceChildren(
    pager({ offset, limit: LIMIT, total, go, label: "Sider med cases" }) || "",
  );
}

$("effects-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state = { params: readForm(), offset: 0 };
  run();
});

window.addEventListener("popstate", () => {
  state = readState();
  fillForm();
  run({ push: false });
});

await fillSelects();
run({ push: false });
