// The case page: the whole case in readable sections, its metadata, contact and related cases.
import {
  FIELD_NAMES,
  Status,
  caseUrl,
  clear,
  contactBlock,
  el,
  errorBox,
  evidenceBadge,
  fieldLabel,
  getJson,
  inferredMark,
  orgText,
  partOfLine,
  percent,
  resultCard,
  safeHttpUrl,
} from "./app.js";

const $ = (id) => document.getElementById(id);
const status = new Status($("status"));
const relatedStatus = new Status($("related-status"));
const docId = pathId(location.pathname.replace(/^\/sag\//, ""));
let relatedController = null;
let shown = null;

const last = sessionStorage.getItem("innosearch:lastSearch");
if (last && last.startsWith("/")) $("back-link").href = last;

/** The case id in the address; a malformed %-escape is kept as typed, not a script error. */
function pathId(raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

async function load() {
  clear($("message"));
  if (!docId) {
    $("message").replaceChildren(notFound("Der er ikke angivet nogen case i adressen."));
    return;
  }
  try {
    const doc = await getJson(`/api/documents/${encodeURIComponent(docId)}`, {}, {
      status,
      busyText: "Henter casen …",
    });
    render(doc);
    loadRelated();
  } catch (err) {
    if (err?.status === 404) {
      // Named by the page itself: an id with a "/" never reaches the case route of the API,
      // whose answer then names no case.
      $("message").replaceChildren(notFound(`Der findes ingen sag med id '${docId}'.`));
      document.title = "Casen findes ikke – innosearch";
    } else {
      $("message").replaceChildren(errorBox(err, load));
      document.title = "Casen kunne ikke hentes – innosearch";
    }
  }
}

function notFound(message) {
  return el(
    "div",
    { class: "notice notice-error", role: "alert" },
    el("h1", { class: "notice-title", text: "Casen findes ikke" }),
    el("p", { text: message }),
    el("p", {}, el("a", { href: "/", text: "Gå til søgningen" })),
  );
}

function render(doc) {
  shown = doc;
  document.title = `${doc.title || "Case"} – innosearch`;
  $("case-title").textContent = doc.title || "Uden titel";
  $("case-kind").textContent = fieldLabel(doc, "kind") || "";
  $("case-org").replaceChildren(
    orgText(doc) || "Organisation ikke oplyst",
    doc.year ? ` · ${doc.year}` : "",
  );
  $("case-part-of").replaceChildren(...[partOfLine(doc, "span")].filter(Boolean));
  $("case-part-of").hidden = !doc.part_of;
  renderEvidence(doc);
  renderPitfalls(doc);
  renderSections(doc);
  const foundInText = "contact" in (doc.inferred || {});
  $("case-contact").replaceChildren(
    contactBlock(doc.contact, { label: false, foundInText }) ||
      el("p", { class: "muted", text: "Casen oplyser ingen kontaktperson." }),
  );
  $("case-contact-quick").replaceChildren(
    contactBlock(doc.contact, { foundInText }) ||
      el("p", { class: "contact contact-missing", text: "Ingen kontaktperson oplyst" }),
  );
  renderMeta(doc);
  renderSource(doc);
  renderDuplicates(doc);
  renderParts(doc);
  $("case").hidden = false;
}

const EVIDENCE_SCALE =
  "Evidensniveauet går fra 0 (ingen effekt beskrevet) til 4 (kausalt design eller uafhængig evaluering).";

function renderEvidence(doc) {
  const body = clear($("evidence-body"));
  body.append(el("p", {}, evidenceBadge(doc)));
  // "Evidens 1" means nothing to a reader who has not seen the scale: say where it ends.
  if (doc.evidence_level !== null && doc.evidence_level !== undefined) {
    body.append(el("p", { class: "help evidence-scale", text: EVIDENCE_SCALE }));
  }
  const sentences = Array.isArray(doc.evidence_sentences) ? doc.evidence_sentences : [];
  if (sentences.length) {
    body.append(
      el("p", { class: "evidence-heading", text: "Det bygger vurderingen på:" }),
      el("ul", { class: "evidence-list" }, sentences.map((s) => el("li", { text: s }))),
    );
  } else {
    body.append(el("p", { class: "muted", text: "Casen beskriver ingen målt effekt." }));
  }
}

// What went wrong, in the case's own sentences: what a reader planning the same most wants.
function renderPitfalls(doc) {
  const sentences = Array.isArray(doc.pitfall_sentences) ? doc.pitfall_sentences : [];
  $("case-pitfalls").hidden = !sentences.length;
  clear($("pitfalls-list")).append(...sentences.map((s) => el("li", { text: s })));
}

function paragraphs(text) {
  return String(text || "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => el("p", { text: p }));
}

// A PDF's text comes as one section per page, so a chapter over five pages would be five
// sections of the same heading: shown as one, with its pages as a range and each page's start
// marked, so a reader can still cite the page.
function mergedSections(sections) {
  const merged = [];
  for (const section of sections) {
    const heading = section.heading || "Beskrivelse";
    const page = Number.isInteger(section.page) ? section.page : null;
    const prev = merged[merged.length - 1];
    if (prev && prev.heading === heading && page !== null && prev.last !== null && page >= prev.last) {
      prev.pieces.push({ page: page === prev.last ? null : page, text: section.text });
      prev.last = page;
    } else {
      merged.push({ heading, first: page, last: page, pieces: [{ page: null, text: section.text }] });
    }
  }
  return merged;
}

function pageText(section) {
  if (section.first === null) return "";
  return section.last > section.first ? `side ${section.first}–${section.last}` : `side ${section.first}`;
}

// A text of several screens and sections gets a list of them at the top to jump from; a
// short case record's five sections fit on the screen and need none.
const CONTENTS_FROM_SECTIONS = 4;
const CONTENTS_FROM_CHARS = 5000;
const CONTENTS_OPEN_UP_TO = 12;

function renderSections(doc) {
  const container = clear($("case-sections"));
  const parts = Array.isArray(doc.parts) ? doc.parts : [];
  const partsHeading = $("parts-heading").textContent.trim();
  // A split report's text ends with the list of its cases, as plain text for the search; the
  // panel of the same name shows that list as links, so the page says it once.
  const sections = mergedSections(
    (Array.isArray(doc.sections) ? doc.sections : []).filter(
      (section) => !(parts.length && section.heading === partsHeading),
    ),
  );
  if (!sections.length) {
    container.append(el("p", { class: "muted", text: "Casen har ingen tekst." }));
    return;
  }
  const chars = sections.reduce((n, s) => n + s.pieces.reduce((m, p) => m + String(p.text || "").length, 0), 0);
  if (sections.length >= CONTENTS_FROM_SECTIONS && chars >= CONTENTS_FROM_CHARS) {
    // The headings carry their own numbers ("4.1. General"): a list without numbers of its own.
    const list = el(
      "ul",
      {},
      sections.map((section, i) =>
        el(
          "li",
          {},
          el("a", { href: `#afsnit-${i + 1}`, text: section.heading }),
          pageText(section) ? el("span", { class: "section-page", text: ` (${pageText(section)})` }) : null,
        ),
      ),
    );
    // A manual's eighty sections would push its text screens down on a phone: folded, and
    // opened by one tap.
    const folded = sections.length > CONTENTS_OPEN_UP_TO;
    container.append(
      el(
        "nav",
        { class: "case-contents", "aria-labelledby": "contents-heading" },
        el("h2", { id: "contents-heading", text: "Afsnit i teksten" }),
        folded ? el("details", {}, el("summary", { text: `Vis alle ${sections.length} afsnit` }), list) : list,
      ),
    );
  }
  sections.forEach((section, i) => {
    const where = pageText(section);
    container.append(
      el(
        "section",
        { class: "case-section", id: `afsnit-${i + 1}` },
        el("h2", {}, section.heading, where ? el("span", { class: "section-page", text: ` (${where})` }) : null),
        section.pieces.flatMap((piece) => [
          piece.page !== null ? el("p", { class: "page-mark", text: `Side ${piece.page}` }) : null,
          ...paragraphs(piece.text),
        ]),
      ),
    );
  });
}

function metaRow(term, ...value) {
  return [el("dt", { text: term }), el("dd", {}, ...value)];
}

function renderMeta(doc) {
  const dl = clear($("case-meta"));
  for (const field of ["sector", "stage", "status", "organisation_type"]) {
    const label = fieldLabel(doc, field);
    dl.append(
      ...metaRow(FIELD_NAMES[field], label || el("span", { class: "muted", text: "Ikke oplyst" }), inferredMark(doc, field)),
    );
  }
  if (doc.kind) dl.append(...metaRow("Type", fieldLabel(doc, "kind")));
  if (doc.year) dl.append(...metaRow("År", String(doc.year)));
  if (doc.has_pitfalls !== null && doc.has_pitfalls !== undefined) {
    dl.append(
      ...metaRow(
        "Faldgruber",
        doc.has_pitfalls ? "Beskriver faldgruber" : "Ingen faldgruber beskrevet",
        inferredMark(doc, "has_pitfalls"),
      ),
    );
  }
  if (Array.isArray(doc.tags) && doc.tags.length) {
    dl.append(...metaRow("Emneord", el("ul", { class: "tag-list" }, doc.tags.map((t) => el("li", { class: "break", text: t })))));
  }
  if (doc.ingested_at) {
    const date = new Date(doc.ingested_at);
    const text = Number.isNaN(date.getTime())
      ? doc.ingested_at
      : danishDate(date);
    dl.append(...metaRow("Indlæst", text));
  }
}

function linkOrText(value) {
  const href = safeHttpUrl(value);
  return href
    ? el("a", { href, rel: "noopener noreferrer", class: "break", text: value })
    : el("span", { class: "break", text: value });
}

// What a source's own fields are called in Danish; others are shown as named, tidied.
const EXTRA_NAMES = { author: "Forfatter", date: "Dato", published: "Udgivet", status: "Status i kilden" };

function extraName(key) {
  const name = EXTRA_NAMES[String(key).toLowerCase()] || String(key).replace(/[_-]+/g, " ").trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

// A source's own date ("date: 2026-02-17" in a page's front matter) is read in Danish.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function danishDate(date) {
  return date.toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" });
}

function extraValue(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  const iso = typeof value === "string" ? ISO_DATE.exec(value.trim()) : null;
  if (iso) {
    const date = new Date(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (date.getMonth() === Number(iso[2]) - 1 && date.getDate() === Number(iso[3])) return danishDate(date);
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// A case split from a report is stored under the report's address with "#sag-2": an id of
// ours, not a place in the file, so the reader is shown (and sent to) the report's file.
function sourceOf(doc) {
  const source = String(doc.source || "");
  return doc.part_of ? source.replace(/#sag-\d+$/, "") : source;
}

function renderSource(doc) {
  const box = clear($("case-source"));
  const source = sourceOf(doc);
  if (source) {
    const href = safeHttpUrl(source);
    const fileName = source.split(/[\\/]/).filter(Boolean).pop() || source;
    box.append(
      href
        ? el("p", {}, el("a", { href, rel: "noopener noreferrer", class: "break", text: source }))
        : el(
            "p",
            {},
            el("span", { class: "file-name break", text: fileName }),
            fileName !== source ? el("span", { class: "muted small break", text: ` (${source})` }) : null,
          ),
    );
  }
  // The file as it was written, with the tables and figures the text on this page lacks.
  if (doc.original) {
    const pdf = /\.pdf$/i.test(source);
    const text = pdf ? "Åbn den originale PDF" : "Hent den originale fil";
    box.append(el("p", {}, el("a", { id: "case-original", href: doc.original, text })));
  }
  const links = Array.isArray(doc.links) ? doc.links.filter(Boolean) : [];
  if (links.length) {
    box.append(
      el("h3", { class: "small-heading", text: "Links" }),
      el("ul", { class: "plain-list" }, links.map((link) => el("li", {}, linkOrText(link)))),
    );
  }
  const extra = doc.extra && typeof doc.extra === "object" ? Object.entries(doc.extra) : [];
  if (extra.length) {
    box.append(
      el(
        "details",
        { class: "extra" },
        el("summary", { text: "Øvrige oplysninger fra kilden" }),
        el(
          "dl",
          { class: "meta-list" },
          extra.flatMap(([key, value]) =>
            metaRow(extraName(key), el("span", { class: "break", text: extraValue(value) })),
          ),
        ),
      ),
    );
  }
  if (!box.childElementCount) box.append(el("p", { class: "muted", text: "Ingen kilde oplyst." }));
}

function renderDuplicates(doc) {
  const dups = Array.isArray(doc.possible_duplicates) ? doc.possible_duplicates : [];
  $("duplicates-panel").hidden = dups.length === 0;
  // Most cases that have a duplicate have just one: said in the singular.
  const one = dups.length === 1;
  $("duplicates-heading").textContent = one ? "Mulig dublet" : "Mulige dubletter";
  $("duplicates-help").textContent = one
    ? "Denne case ligner meget og beskriver måske det samme projekt."
    : "Disse cases ligner meget og beskriver måske det samme projekt.";
  $("duplicates-list").replaceChildren(
    ...dups.map((d) =>
      el(
        "li",
        {},
        el("a", { href: caseUrl(d.id), text: d.title || d.id }),
        typeof d.similarity === "number"
          ? el("span", { class: "muted small", text: ` – ligner ${percent(d.similarity)}` })
          : null,
      ),
    ),
  );
}

function renderParts(doc) {
  const parts = Array.isArray(doc.parts) ? doc.parts : [];
  $("parts-panel").hidden = parts.length === 0;
  $("parts-list").replaceChildren(
    ...parts.map((p) => el("li", {}, el("a", { href: caseUrl(p.id), text: p.title || p.id }))),
  );
}

// The other projects of this case's report each named the report's long title in full, the
// same line five times over: the card says it is from the same report instead.
function sameReport(card, result) {
  const own = shown?.part_of?.id;
  const line = card.querySelector(".part-of");
  if (own && line && result.part_of?.id === own) {
    line.replaceWith(el("p", { class: "part-of", text: "Fra samme rapport" }));
  }
  return card;
}

async function loadRelated() {
  relatedController?.abort();
  relatedController = new AbortController();
  const mine = relatedController;
  const list = $("related-list");
  const other = $("other-sectors").checked;
  list.setAttribute("aria-busy", "true");
  try {
    const data = await getJson(
      `/api/documents/${encodeURIComponent(docId)}/related`,
      { other_sectors: other ? "true" : "false", limit: 5 },
      { signal: mine.signal, status: relatedStatus, busyText: "Finder relaterede cases …" },
    );
    if (mine !== relatedController) return;
    const results = Array.isArray(data.results) ? data.results : [];
    if (!results.length) {
      list.replaceChildren(
        el("p", {
          class: "muted",
          text: other
            ? "Vi fandt ingen relaterede cases fra andre sektorer."
            : "Vi fandt ingen relaterede cases.",
        }),
      );
    } else {
      list.replaceChildren(
        el(
          "ul",
          { class: "related-items" },
          results.map((r) => el("li", {}, sameReport(resultCard(r, { compact: true }), r))),
        ),
      );
    }
  } catch (err) {
    if (err?.name === "AbortError" || mine !== relatedController) return;
    list.replaceChildren(errorBox(err, loadRelated));
  } finally {
    if (mine === relatedController) list.removeAttribute("aria-busy");
  }
}

$("other-sectors").addEventListener("change", loadRelated);
load();
