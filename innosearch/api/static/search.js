// The search page: query and filters live in the URL, so a search can be shared or bookmarked.
import {
  Status,
  clear,
  cutAtWord,
  el,
  errorBox,
  fmtInt,
  getJson,
  getTaxonomy,
  pager,
  queryString,
  rangeText,
  resultCard,
  shortened,
} from "./app.js";
import { prepareFollow } from "./follow.js";

const LIMIT = 10;
const FILTER_KEYS = [
  "sector",
  "stage",
  "status",
  "organisation_type",
  "kind",
  "min_level",
  "has_pitfalls",
  "year_from",
  "year_to",
];
const CONTEXT_KEYS = ["own_sector", "my_stage"];
// The longest question the API takes (INNOSEARCH_MAX_QUERY_CHARS' default), in characters.
const MAX_QUERY_CHARS = 1000;
// How much of the question the heading repeats; the field holds all of it.
const HEADING_CHARS = 150;

// Facet groups as shown, in order. `min` groups select a minimum (counts are summed upwards).
const GROUPS = [
  { key: "sector", facet: "sector", legend: "Sektor" },
  { key: "stage", facet: "stage", legend: "Fase i innovationsprocessen" },
  { key: "status", facet: "status", legend: "Status" },
  { key: "organisation_type", facet: "organisation_type", legend: "Organisationstype" },
  { key: "min_level", facet: "evidence_level", legend: "Evidens for effekt (mindst)", min: true },
  { key: "has_pitfalls", facet: "has_pitfalls", legend: "Faldgruber" },
  { key: "kind", facet: "kind", legend: "Type af kilde" },
];

const PITFALL_LABELS = { true: "Beskriver faldgruber", false: "Ingen faldgruber beskrevet" };

const $ = (id) => document.getElementById(id);
const status = new Status($("status"));
let controller = null;
let state = readState();
let taxonomy = {}; // every value of each field, once /api/taxonomy has answered
let shortenedFrom = null; // the pasted description when only its beginning could be searched
// The order each group's values were last shown in, so that choosing one does not move it (nor
// the others) under the pointer, and the arrow keys walk the list as it was seen.
const shownOrder = {};

function readState() {
  const params = new URLSearchParams(location.search);
  const s = { q: params.get("q") || "", offset: 0, filters: {}, context: {} };
  s.asTyped = params.get("as_typed") === "1";
  for (const key of FILTER_KEYS) if (params.get(key)) s.filters[key] = params.get(key);
  for (const key of CONTEXT_KEYS) if (params.get(key)) s.context[key] = params.get(key);
  const offset = Number.parseInt(params.get("offset") || "0", 10);
  s.offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
  return s;
}

function stateParams(s) {
  const asTyped = s.asTyped ? 1 : null;
  return { q: s.q, as_typed: asTyped, ...s.context, ...s.filters, offset: s.offset || null };
}

function writeUrl(s, replace = false) {
  const qs = queryString(stateParams(s));
  const url = qs ? `/?${qs}` : "/";
  if (`${location.pathname}${location.search}` === url) return;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  sessionStorage.setItem("innosearch:lastSearch", url);
}

function fillForm(s) {
  $("q").value = s.q;
  for (const key of CONTEXT_KEYS) {
    const select = $(key);
    ensureOption(select, s.context[key] || "");
    select.value = s.context[key] || "";
  }
}

function ensureOption(select, value) {
  if (!value || [...select.options].some((o) => o.value === value)) return;
  select.append(el("option", { value, text: value }));
}

async function fillContextSelects() {
  try {
    taxonomy = await getTaxonomy();
    for (const [id, field] of [["own_sector", "sector"], ["my_stage", "stage"]]) {
      const select = $(id);
      const current = state.context[id] || "";
      select.replaceChildren(el("option", { value: "", text: "Ikke valgt" }));
      for (const item of taxonomy[field] || []) {
        select.append(el("option", { value: String(item.value), text: item.label }));
      }
      ensureOption(select, current);
      select.value = current;
    }
  } catch {
    // The selects are optional helpers; the search works without them.
  }
}

// ---------------------------------------------------------------- search

async function runSearch({ push = true, focusResults = false } = {}) {
  if (push) writeUrl(state);
  else sessionStorage.setItem("innosearch:lastSearch", `${location.pathname}${location.search}`);
  document.title = state.q
    ? `${shortened(state.q, 80)} – innosearch`
    : "innosearch – find det, andre allerede har prøvet";
  const message = $("message");
  if (!state.q.trim()) {
    controller?.abort();
    clear(message);
    $("layout").hidden = true;
    $("intro").hidden = false;
    document.body.classList.remove("has-results");
    skipTo("q", "Spring til søgefeltet");
    return;
  }
  controller?.abort();
  controller = new AbortController();
  const mine = controller;
  $("layout").setAttribute("aria-busy", "true");
  // Emptied while searching, so that the count is read out again when it comes: another
  // question often has as many results ("Viser 1–10 af 52"), and a live region whose text
  // does not change says nothing.
  $("results-range").textContent = "";
  try {
    const data = await getJson(
      "/api/search",
      { ...stateParams(state), limit: LIMIT, offset: state.offset },
      { signal: mine.signal, status },
    );
    if (mine !== controller) return;
    clear(message);
    render(data);
    if (focusResults) {
      $("resultater").focus();
      $("resultater").scrollIntoView({ block: "start" });
    }
  } catch (err) {
    if (err?.name === "AbortError" || mine !== controller) return;
    // Where the results would have been, beside the filters that asked for them; above the
    // page's content when there are none yet.
    const shown = !$("layout").hidden;
    clearResults();
    const box = errorBox(err, () => runSearch({ push: false, focusResults: true }));
    if (refusedFilter(err) && (hasFilters() || Object.keys(state.context).length)) {
      // A refused filter or sector (an old bookmark's, a link typed by hand): the question
      // itself can still be searched.
      box.append(
        el("button", {
          type: "button",
          class: "button",
          text: "Søg uden filtre",
          onclick: () => {
            state = { ...state, filters: {}, context: {}, offset: 0 };
            fillForm(state);
            runSearch();
          },
        }),
      );
    }
    if (shown) {
      clear(message);
      $("results-list").replaceChildren(box);
    } else {
      message.replaceChildren(box);
    }
  } finally {
    if (mine === controller) $("layout").removeAttribute("aria-busy");
  }
}

/** The API refused a filter (or the sector), not the question: a blank question is
 * `invalid_query`, and a refused parameter is named in the details (`q` is the question). */
function refusedFilter(err) {
  if (err?.code === "invalid_filter") return true;
  const fields = Array.isArray(err?.details) ? err.details.map((d) => d?.field) : [];
  return err?.code === "invalid_request" && fields.length > 0 && !fields.includes("q");
}

/** The question as the API takes it: a description longer than that is cut after a word. */
function searchable(q) {
  return cutAtWord(q, MAX_QUERY_CHARS);
}

// A long description (pasted from a project paper, say) is searched by its beginning: say so.
function showShortened() {
  const note = $("shortened");
  note.hidden = !(shortenedFrom && searchable(shortenedFrom) === state.q);
  if (note.hidden) return;
  const words = state.q.split(/\s+/);
  note.replaceChildren(
    `Jeres beskrivelse er længere end ${fmtInt(MAX_QUERY_CHARS)} tegn, så vi har søgt på begyndelsen af den – til »… `,
    el("strong", { text: words.slice(-6).join(" ") }),
    "«.",
  );
}

// A search that failed: the results of the search before are not its answer, so they go; the
// filters stay, so that a refused one (a year range the wrong way round) can be mended.
function clearResults() {
  $("results-heading").textContent = `Resultater for »${shortened(state.q, HEADING_CHARS)}«`;
  $("results-range").textContent = "";
  for (const id of ["spelling", "shortened", "query-notice", "follow", "inspiration", "inspiration-jump"]) {
    $(id).hidden = true;
  }
  clear($("results-list"));
  clear($("pager"));
  clear($("inspiration-list"));
}

// Words the collection does not know were corrected ("aeldre" -> "ældre"): say so, and offer
// the question as typed.
function showCorrection(data) {
  const note = $("spelling");
  note.hidden = !data.corrected_from;
  if (!data.corrected_from) return;
  const asTyped = { ...state, q: data.corrected_from, asTyped: true, offset: 0 };
  note.replaceChildren(
    "Vi har rettet stavningen og søgt efter ",
    el("strong", { text: `»${data.query}«` }),
    ". ",
    el("a", {
      href: `/?${queryString(stateParams(asTyped))}`,
      text: `Søg i stedet efter »${data.corrected_from}«`,
    }),
  );
}

// No case uses any of the question's words: the results are only the nearest in meaning. (A
// question with nothing to search by says so in place of the results, see noResults.)
function showNotice(data) {
  const note = $("query-notice");
  const notice = searchedNotice(data);
  note.hidden = !notice;
  note.textContent = notice ? notice.message : "";
}

function searchedNotice(data) {
  return data.notice && data.notice.code !== "no_content_words" ? data.notice : null;
}

// Read out with the count: the notes above it appear with the results, and a note that
// appears is not read out, so a screen reader user would not hear that the words searched for
// were not the words typed.
function searchedOtherwise(data) {
  const said = [];
  if (data.corrected_from) said.push(` Stavningen er rettet: vi har søgt efter »${data.query}«.`);
  if (!$("shortened").hidden) said.push(" Vi har søgt på begyndelsen af jeres beskrivelse.");
  if (data.notice) said.push(` ${data.notice.message}`);
  return said.length ? [el("span", { class: "sr-only", text: said.join("") })] : [];
}

// The first Tab stop leads to what is there: the search field, or the results once shown.
function skipTo(id, text) {
  const link = $("skip-link");
  link.href = `#${id}`;
  link.textContent = text;
}

function render(data) {
  document.body.classList.add("has-results");
  skipTo("resultater", "Spring til resultaterne");
  $("intro").hidden = true;
  $("layout").hidden = false;
  const results = Array.isArray(data.results) ? data.results : [];
  const total = Number(data.total) || 0;
  const offset = Number(data.offset) || 0;
  const list = clear($("results-list"));
  $("results-heading").textContent = `Resultater for »${shortened(data.query ?? state.q, HEADING_CHARS)}«`;
  // A live region: read out after each search, also when nothing matched.
  const count = results.length
    ? rangeText(offset, results.length, total)
    : total > 0
      ? "Ingen resultater på denne side"
      : "Ingen resultater";
  showCorrection(data);
  showShortened();
  showNotice(data);
  $("results-range").replaceChildren(count, ...searchedOtherwise(data));
  // Nothing to follow in a question that says nothing (its new cases would be any new cases).
  if (data.notice && data.notice.code === "no_content_words") $("follow").hidden = true;
  else prepareFollow(state, data.own_sector);
  if (!results.length) {
    list.append(noResults(total, offset, data.notice));
  } else {
    const ol = el("ol", { class: "result-items", start: offset + 1 });
    for (const result of results) ol.append(el("li", {}, resultCard(result)));
    list.append(ol);
  }
  $("pager").replaceChildren(
    pager({
      offset,
      limit: Number(data.limit) || LIMIT,
      total,
      label: "Resultatsider",
      go: (newOffset) => {
        state = { ...state, offset: newOffset };
        runSearch({ focusResults: true });
      },
    }) || "",
  );
  renderFilters(data.facets || {});
  renderActiveFilters(data.limits);
  renderInspiration(data);
}

// The filters in force, in words beside the count ("Kun: Sektor: Ældre · Evidens: mindst 2 …",
// worded by the server as on a followed challenge): on a phone the filters are folded away, and
// a shared link must not narrow the results without saying so.
function renderActiveFilters(limits) {
  const parts = Array.isArray(limits) ? limits : [];
  $("active-filters").hidden = !parts.length;
  $("active-filters-text").textContent = parts.length ? `Kun: ${parts.join(" · ")}` : "";
}

function hasFilters() {
  return Object.keys(state.filters).length > 0;
}

function noResults(total, offset, notice) {
  if (notice && notice.code === "no_content_words") {
    return el(
      "div",
      { class: "notice notice-empty" },
      el("p", { class: "notice-title", text: "Skriv lidt mere om udfordringen" }),
      el("p", { text: notice.message }),
    );
  }
  if (total > 0 && offset >= total) {
    return el(
      "div",
      { class: "notice" },
      el("p", { text: "Der er ikke flere resultater på denne side." }),
      el("button", {
        type: "button",
        class: "button",
        text: "Gå til første side",
        onclick: () => {
          state = { ...state, offset: 0 };
          runSearch();
        },
      }),
    );
  }
  return el(
    "div",
    { class: "notice notice-empty" },
    el("p", { class: "notice-title", text: "Ingen cases matchede jeres søgning" }),
    el("p", {
      text: hasFilters()
        ? "Prøv at fjerne et eller flere filtre, eller beskriv udfordringen med andre ord."
        : "Prøv at beskrive udfordringen med andre ord – fx hvad I vil opnå, og for hvem.",
    }),
    hasFilters()
      ? el("button", { type: "button", class: "button", text: "Fjern alle filtre", onclick: resetFilters })
      : null,
  );
}

// ---------------------------------------------------------------- filters

function facetLabel(group, item) {
  if (group.key === "has_pitfalls") return PITFALL_LABELS[String(item.value)] || item.label;
  if (group.min) return `${item.value} ${item.label}`.trim();
  return item.label || String(item.value);
}

function radio(group, value, text, count, checked) {
  const id = `f-${group.key}-${value || "alle"}`.replace(/[^\w-]/g, "_");
  return el(
    "li",
    {},
    el("input", {
      type: "radio",
      id,
      name: group.key,
      value,
      checked,
      onchange: () => setFilter(group.key, value, id),
    }),
    el(
      "label",
      { for: id },
      el("span", { class: "facet-label", text }),
      count === null ? null : el("span", { class: "facet-count", text: fmtInt(count) }),
    ),
  );
}

function renderFilters(facets) {
  const form = $("filter-form");
  const active = document.activeElement;
  const focusId = form.contains(active) ? active.id : null;
  const groups = [];
  for (const group of GROUPS) {
    let items = Array.isArray(facets[group.facet]) ? [...facets[group.facet]] : [];
    const current = state.filters[group.key] || "";
    if (group.min) {
      // Counts per exact level → "at least this level" counts.
      items = items
        .filter((i) => Number(i.value) > 0)
        .sort((a, b) => Number(a.value) - Number(b.value))
        .map((item) => ({
          ...item,
          count: facets[group.facet]
            .filter((j) => Number(j.value) >= Number(item.value))
            .reduce((sum, j) => sum + (Number(j.count) || 0), 0),
        }));
    }
    if (current && !items.some((i) => String(i.value) === current)) {
      items.push({ value: current, label: current, count: 0 });
    }
    if (current && !group.min) {
      // The results hold only the chosen value; the others stay on offer, uncounted, so the
      // asker can switch straight to another sector without going back to "Alle".
      const shown = new Set(items.map((i) => String(i.value)));
      for (const other of taxonomy[group.facet] || []) {
        if (!shown.has(String(other.value))) items.push({ ...other, count: null });
      }
      // ... in the order they stood before the choice (values not shown then come last).
      const before = shownOrder[group.key] || [];
      const place = (item) => {
        const at = before.indexOf(String(item.value));
        return at < 0 ? before.length : at;
      };
      items.sort((a, b) => place(a) - place(b));
    }
    shownOrder[group.key] = items.map((i) => String(i.value));
    if (!items.length) continue;
    const list = el("ul", { class: "facet-list" });
    list.append(radio(group, "", "Alle", null, !current));
    for (const item of items) {
      const value = String(item.value);
      list.append(radio(group, value, facetLabel(group, item), item.count, value === current));
    }
    groups.push(el("fieldset", { class: "facet" }, el("legend", { text: group.legend }), list));
  }
  groups.push(yearFieldset());
  form.replaceChildren(...groups);
  $("reset-filters").hidden = !hasFilters();
  if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus();
}

function yearFieldset() {
  const input = (key, text) =>
    el(
      "div",
      { class: "field field-year" },
      el("label", { for: `f-${key}`, text }),
      el("input", {
        id: `f-${key}`,
        type: "number",
        inputmode: "numeric",
        min: 1990,
        max: 2100,
        step: 1,
        value: state.filters[key] || "",
        onchange: (event) => setFilter(key, event.target.value.trim(), `f-${key}`),
      }),
    );
  return el(
    "fieldset",
    { class: "facet facet-years" },
    el("legend", { text: "År" }),
    el("div", { class: "year-row" }, input("year_from", "Fra"), input("year_to", "Til")),
    el("p", { id: "year-error", class: "field-error", role: "alert", hidden: true }),
  );
}

function setFilter(key, value) {
  const filters = { ...state.filters };
  if (value) filters[key] = value;
  else delete filters[key];
  // Years the wrong way round are said beside the fields, where the asker is (at the foot of
  // a long list), not searched and refused at the top of the page, out of sight.
  const yearError = $("year-error");
  const wrongWay = Number(filters.year_from) > Number(filters.year_to) && filters.year_to;
  if (yearError) {
    yearError.hidden = !wrongWay;
    yearError.textContent = wrongWay
      ? `Fra-året (${filters.year_from}) skal være før eller lig med til-året (${filters.year_to}).`
      : "";
    $("f-year_from").setAttribute("aria-invalid", wrongWay ? "true" : "false");
    $("f-year_to").setAttribute("aria-invalid", wrongWay ? "true" : "false");
    if (wrongWay) yearError.scrollIntoView({ block: "nearest" });
  }
  if (wrongWay) return;
  state = { ...state, filters, offset: 0 };
  runSearch();
}

function resetFilters() {
  state = { ...state, filters: {}, offset: 0 };
  runSearch();
  $("q").focus();
}

// ---------------------------------------------------------------- inspiration

function renderInspiration(data) {
  const panel = $("inspiration");
  const items = Array.isArray(data.inspiration) ? data.inspiration : [];
  const hasResults = Array.isArray(data.results) && data.results.length > 0;
  panel.hidden = !hasResults && !items.length;
  const intro = $("inspiration-intro");
  const assumed = $("inspiration-assumed");
  assumed.hidden = data.own_sector_basis !== "results";
  assumed.textContent = data.own_sector_basis === "results" ? data.own_sector_reason || "" : "";
  if (!assumed.hidden) {
    // The reason asks for the asker's own sector, whose field is far above on a phone.
    assumed.append(
      " ",
      el("button", {
        type: "button",
        class: "button button-link",
        text: "Vælg jeres sektor",
        onclick: () => {
          $("own_sector").scrollIntoView({ block: "center" });
          $("own_sector").focus();
        },
      }),
    );
  }
  if (data.own_sector_label) {
    const chosen = data.own_sector_basis === "named";
    intro.textContent = chosen
      ? `Løsninger fra andre sektorer end jeres (${data.own_sector_label}) på en lignende udfordring.`
      : `Løsninger fra andre sektorer end ${data.own_sector_label} på en lignende udfordring.`;
  } else {
    intro.textContent = "Løsninger fra andre sektorer på en lignende udfordring.";
  }
  // Below the results on a narrow screen the panel is far down: a link under the count finds it.
  $("inspiration-jump").hidden = !items.length;
  $("inspiration-jump").firstElementChild.textContent = `${items.length} forslag fra andre sektorer ↓`;
  const list = clear($("inspiration-list"));
  if (!items.length) {
    list.append(el("p", { class: "muted", text: "Ingen forslag fra andre sektorer til denne søgning." }));
    return;
  }
  const ul = el("ul", { class: "inspiration-items" });
  for (const item of items) {
    ul.append(el("li", {}, resultCard(item, { compact: true, reason: item.reason || null })));
  }
  list.append(ul);
}

// ---------------------------------------------------------------- events

function submitQuery(q) {
  const whole = q.trim();
  shortenedFrom = searchable(whole) === whole ? null : whole;
  state = {
    q: searchable(whole),
    asTyped: false,
    offset: 0,
    filters: state.q.trim() ? state.filters : {},
    context: {
      ...(($("own_sector").value && { own_sector: $("own_sector").value }) || {}),
      ...(($("my_stage").value && { my_stage: $("my_stage").value }) || {}),
    },
  };
  if (!state.q) {
    $("message").replaceChildren(
      el(
        "div",
        { class: "notice", role: "alert" },
        el("p", { text: "Skriv jeres udfordring eller et par ord om den – så søger vi." }),
      ),
    );
    $("q").focus();
    return;
  }
  runSearch();
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  submitQuery($("q").value);
});

for (const button of document.querySelectorAll(".example")) {
  button.addEventListener("click", () => {
    $("q").value = button.textContent;
    submitQuery(button.textContent);
  });
}

for (const key of CONTEXT_KEYS) {
  $(key).addEventListener("change", () => {
    const context = { ...state.context };
    if ($(key).value) context[key] = $(key).value;
    else delete context[key];
    state = { ...state, context, offset: 0 };
    if (state.q) runSearch();
  });
}

$("filter-form").addEventListener("submit", (event) => event.preventDefault());
$("reset-filters").addEventListener("click", resetFilters);
$("clear-filters").addEventListener("click", resetFilters);

window.addEventListener("popstate", () => {
  state = readState();
  fillForm(state);
  runSearch({ push: false });
});

// Filters start folded on narrow screens, where they would push the results down.
if (window.matchMedia("(max-width: 47.99rem)").matches) $("filters-details").open = false;

fillForm(state);
// The taxonomy first (one small request), so a bookmarked filter shows its alternatives at once;
// a bookmarked search is busy from the start, not idle until that request is answered.
if (state.q.trim()) $("layout").setAttribute("aria-busy", "true");
fillContextSelects().then(() => runSearch({ push: false }));
