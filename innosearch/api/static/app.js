// Shared helpers for the innosearch pages: API calls, DOM building and result cards.
//
// SAFETY: every piece of text that comes from a document is inserted as a DOM text node
// (el(), textContent, createTextNode). Nothing here uses innerHTML with data, and links built
// from document data only get http(s):, mailto: or tel: addresses.

export const SLOW_AFTER_MS = 8000;
export const TIMEOUT_MS = 30000;

// ---------------------------------------------------------------- DOM

/** Create an element; `attrs` may hold class, text, on<Event> handlers, dataset and attributes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// ---------------------------------------------------------------- formatting

const NUMBER = new Intl.NumberFormat("da-DK");

export function fmtInt(n) {
  return NUMBER.format(n);
}

export function percent(x) {
  return `${Math.round(Number(x) * 100)} %`;
}

/** Safe external link target: only http(s) URLs become links. */
export function safeHttpUrl(value) {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function mailtoHref(email) {
  const clean = String(email).trim();
  return /^[^\s@<>"]+@[^\s@<>"]+$/.test(clean) ? `mailto:${clean}` : null;
}

export function telHref(phone) {
  const digits = String(phone).replace(/[^\d+]/g, "");
  return digits.replace(/\D/g, "").length >= 4 ? `tel:${digits}` : null;
}

export function caseUrl(id) {
  return `/sag/${encodeURIComponent(id)}`;
}

// ---------------------------------------------------------------- API

export class ApiError extends Error {
  constructor(message, { code = "error", status = 0, details = null } = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Build a query string from an object, leaving out empty values. */
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    qs.set(key, String(value));
  }
  return qs.toString();
}

/**
 * GET a JSON API path. Shows the busy indicator in `status` (a Status), the slow message after
 * SLOW_AFTER_MS and gives up after TIMEOUT_MS. `signal` lets a newer request cancel this one;
 * a cancelled request rejects with an AbortError that callers ignore.
 */
export async function getJson(path, params = {}, { signal, status, busyText = "Søger …" } = {}) {
  const qs = queryString(params);
  const url = qs ? `${path}?${qs}` : path;
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  if (signal) {
    if (signal.aborted) controller.abort();
    signal.addEventListener("abort", onAbort, { once: true });
  }
  const slowTimer = setTimeout(() => status?.slow(), SLOW_AFTER_MS);
  const timeoutTimer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  status?.busy(busyText);
  try {
    let response;
    try {
      response = await fetch(url, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
    } catch (err) {
      if (timedOut) {
        throw new ApiError(
          "Serveren svarede ikke inden for 30 sekunder. Prøv igen om lidt.",
          { code: "timeout" },
        );
      }
      if (err.name === "AbortError") throw err;
      throw new ApiError(
        "Der er ingen forbindelse til serveren. Tjek din forbindelse, og prøv igen.",
        { code: "network" },
      );
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      const message =
        body?.error?.message ||
        `Der opstod en fejl på serveren (HTTP ${response.status}). Prøv igen om lidt.`;
      throw new ApiError(message, {
        code: body?.error?.code || "http",
        status: response.status,
        details: body?.error?.details ?? null,
      });
    }
    if (body === null) {
      throw new ApiError("Serveren sendte et svar, der ikke kunne læses. Prøv igen.", {
        code: "bad_response",
      });
    }
    return body;
  } finally {
    clearTimeout(slowTimer);
    clearTimeout(timeoutTimer);
    signal?.removeEventListener("abort", onAbort);
    status?.idle();
  }
}

let taxonomyPromise = null;

/** The taxonomies (values and Danish labels), fetched once per page. */
export function getTaxonomy() {
  taxonomyPromise ??= getJson("/api/taxonomy").catch((err) => {
    taxonomyPromise = null;
    throw err;
  });
  return taxonomyPromise;
}

// ---------------------------------------------------------------- status line

/** A polite live region showing "Søger …", the slow-server message, and errors. */
export class Status {
  constructor(node) {
    this.node = node;
    this.pending = 0;
  }

  busy(text) {
    this.pending += 1;
    this.node.dataset.state = "busy";
    this.node.replaceChildren(el("span", { class: "spinner", "aria-hidden": "true" }), text);
    this.node.hidden = false;
  }

  slow() {
    if (this.pending === 0) return;
    this.node.dataset.state = "slow";
    this.node.replaceChildren(
      el("span", { class: "spinner", "aria-hidden": "true" }),
      "Det tager længere tid end normalt … Vi søger stadig.",
    );
  }

  idle() {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0) {
      this.node.dataset.state = "idle";
      this.node.replaceChildren();
      this.node.hidden = true;
    }
  }
}

/** A friendly error box (role=alert) with the API's Danish message. */
export function errorBox(err, retry) {
  const message =
    err instanceof ApiError ? err.message : "Noget gik galt på siden. Genindlæs siden, og prøv igen.";
  // A request the server refused as asked (bad input, not found) fails the same way again: no
  // "Prøv igen" for it, only for what may pass later (a timeout, a busy or unusable server).
  const refused = err instanceof ApiError && err.status >= 400 && err.status < 500 && ![408, 429].includes(err.status);
  const box = el(
    "div",
    { class: "notice notice-error", role: "alert" },
    el("p", { class: "notice-title", text: "Det lykkedes ikke" }),
    el("p", { text: message }),
    retry && !refused
      ? el("button", { type: "button", class: "button retry", onclick: () => retryKeepingFocus(retry, box), text: "Prøv igen" })
      : null,
  );
  return box;
}

// A retry replaces the box, and the focused "Prøv igen" with it: focus fell back to the top of
// the page, and a keyboard or screen reader user had to find the way back. It goes to the new
// box's "Prøv igen" when the retry failed again, else to the region that now holds the answer.
async function retryKeepingFocus(retry, box) {
  const region = box.parentElement?.closest("[tabindex='-1']") || document.getElementById("indhold");
  await retry();
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const again = (region?.isConnected ? region : document).querySelector(".notice-error button.retry");
  if (again) {
    again.focus();
  } else if (region?.isConnected) {
    if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "-1");
    region.focus();
  }
}

// ---------------------------------------------------------------- result pieces

/** "(automatisk vurderet)" with the classifier's confidence, for inferred fields. */
export function inferredMark(result, field) {
  const confidence = result?.inferred?.[field];
  if (confidence === undefined || confidence === null) return null;
  const title = `Automatisk vurderet af innosearch – sikkerhed ${percent(confidence)}`;
  return el(
    "span",
    { class: "inferred", title },
    " (automatisk vurderet",
    el("span", { class: "sr-only", text: `, sikkerhed ${percent(confidence)}` }),
    ")",
  );
}

export function fieldLabel(result, field) {
  return result?.labels?.[field] || result?.[field] || null;
}

/** Evidence badge: level number and Danish label, coloured by level. */
export function evidenceBadge(result) {
  const level = result.evidence_level;
  if (level === null || level === undefined) {
    return el("span", { class: "badge badge-evidence level-none", text: "Evidens ikke vurderet" });
  }
  return el(
    "span",
    { class: `badge badge-evidence level-${Number(level)}` },
    el("span", { class: "badge-level", text: `Evidens ${level}` }),
    el("span", { class: "badge-label", text: result.evidence_label || "" }),
    inferredMark(result, "evidence_level"),
  );
}

/** A small pill with a taxonomy value, its label and the inferred marker. */
export function pill(result, field, extraClass = "") {
  const text = fieldLabel(result, field);
  if (!text) return null;
  const cls = `pill pill-${field} ${extraClass}`.trim();
  const statusCls = field === "status" && result.status ? ` status-${result.status}` : "";
  return el(
    "li",
    { class: cls + statusCls },
    el("span", { class: "sr-only", text: `${FIELD_NAMES[field] || field}: ` }),
    text,
    inferredMark(result, field),
  );
}

export const FIELD_NAMES = {
  sector: "Sektor",
  stage: "Fase",
  status: "Status",
  organisation_type: "Organisationstype",
  kind: "Type",
  evidence_level: "Evidensniveau",
  has_pitfalls: "Faldgruber",
  year: "År",
};

/**
 * The snippet text with matching words wrapped in <mark>. Offsets are character (code point)
 * offsets as Python counts them, so the text is split into code points first.
 */
export function markedText(text, marks) {
  const chars = Array.from(String(text || ""));
  const spans = (Array.isArray(marks) ? marks : [])
    .filter((m) => Array.isArray(m) && m.length >= 2)
    .map(([s, e]) => [Math.max(0, Math.floor(s)), Math.min(chars.length, Math.floor(e))])
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s)
    .sort((a, b) => a[0] - b[0]);
  const fragment = document.createDocumentFragment();
  let pos = 0;
  for (const [start, end] of spans) {
    if (start < pos) continue; // overlapping mark: skip
    if (start > pos) fragment.append(document.createTextNode(chars.slice(pos, start).join("")));
    const mark = document.createElement("mark");
    mark.textContent = chars.slice(start, end).join("");
    fragment.append(mark);
    pos = end;
  }
  if (pos < chars.length) fragment.append(document.createTextNode(chars.slice(pos).join("")));
  return fragment;
}

export function snippetBlock(snippet) {
  if (!snippet || !snippet.text) return null;
  const where = [];
  if (snippet.section) where.push(`Fra afsnittet »${snippet.section}«`);
  if (snippet.page !== null && snippet.page !== undefined) where.push(`side ${snippet.page}`);
  return el(
    "figure",
    { class: "snippet" },
    el("blockquote", {}, el("p", {}, markedText(snippet.text, snippet.marks))),
    where.length ? el("figcaption", { text: where.join(", ") }) : null,
  );
}

/** Contact person with mailto: and tel: links; null when the case names nobody.
 * `foundInText`: no field stated the contact; innosearch read it from the document's text. */
export function contactBlock(contact, { label = true, foundInText = false } = {}) {
  if (!contact || !(contact.name || contact.email || contact.phone)) return null;
  const parts = [];
  if (contact.name) parts.push(el("span", { class: "contact-name", text: contact.name }));
  if (contact.email) {
    const href = mailtoHref(contact.email);
    parts.push(
      href
        ? el("a", { href, class: "contact-email", text: contact.email })
        : el("span", { text: contact.email }),
    );
  }
  if (contact.phone) {
    const href = telHref(contact.phone);
    parts.push(
      href
        ? el("a", { href, class: "contact-phone", text: contact.phone })
        : el("span", { text: contact.phone }),
    );
  }
  const list = el("ul", { class: "contact-list" }, parts.map((p) => el("li", {}, p)));
  return el(
    "div",
    { class: "contact" },
    label ? el("span", { class: "contact-label", text: "Kontakt:" }) : null,
    list,
    foundInText
      ? el("span", {
          class: "inferred",
          title: "Ingen kontaktfelt i kilden: innosearch har fundet personen i dokumentets tekst",
          text: " (fundet i teksten)",
        })
      : null,
  );
}

/** Who did the work, and where: the place is left out when the organisation already names it. */
export function orgText(doc) {
  const org = doc.organisation || "";
  const place = doc.place && !org.toLowerCase().includes(doc.place.toLowerCase()) ? doc.place : "";
  return [org, place].filter(Boolean).join(", ");
}

function orgLine(result) {
  const line = orgText(result);
  const extra = [];
  if (result.year) extra.push(String(result.year));
  return el(
    "p",
    { class: "card-org" },
    line || "Organisation ikke oplyst",
    extra.length ? el("span", { class: "card-year", text: ` · ${extra.join(" · ")}` }) : null,
  );
}

/** "Del af rapporten <link>" for a case split from a multi-case report; null otherwise. */
export function partOfLine(doc, tag = "p") {
  if (!doc.part_of) return null;
  return el(
    tag,
    { class: "part-of" },
    "Del af rapporten ",
    el("a", { href: caseUrl(doc.part_of.id), text: doc.part_of.title || "uden titel" }),
  );
}

function pitfallsPill(result) {
  if (result.has_pitfalls !== true) return null;
  return el(
    "li",
    { class: "pill pill-pitfalls" },
    "Beskriver faldgruber",
    inferredMark(result, "has_pitfalls"),
  );
}

// A card's line is one sentence, not a paragraph: the case page has the rest.
const OUTCOME_CHARS = 220;

/** What the case achieved and what went wrong, each in its clearest sentence; null if neither. */
function outcomeLines(result) {
  const level = Number(result.evidence_level);
  const effect = level >= 1 && Array.isArray(result.evidence_sentences) ? result.evidence_sentences[0] : null;
  const pitfall = Array.isArray(result.pitfall_sentences) ? result.pitfall_sentences[0] : null;
  if (!effect && !pitfall) return null;
  const list = el("dl", { class: "outcomes" });
  // An expected effect (level 1) is what the case hopes for, not what it achieved.
  if (effect) list.append(...outcome(level >= 2 ? "Opnået:" : "Forventet:", effect));
  if (pitfall) list.append(...outcome("Gik galt:", pitfall));
  return list;
}

function outcome(term, sentence) {
  return [el("dt", { text: term }), el("dd", { text: shortened(sentence, OUTCOME_CHARS) })];
}

/**
 * A result card. Options: headingLevel (default 3), compact (no snippet/contact), reason
 * (inspiration text), showEvidenceSentences, showSnippet (default: not compact).
 */
export function resultCard(result, opts = {}) {
  const {
    headingLevel = 3,
    compact = false,
    reason = null,
    showEvidenceSentences = false,
    showSnippet = !compact,
  } = opts;
  const heading = el(
    `h${headingLevel}`,
    { class: "card-title" },
    el("a", { href: caseUrl(result.id), text: result.title || "Uden titel" }),
  );
  const pills = el(
    "ul",
    { class: "pills", "aria-label": "Kendetegn" },
    pill(result, "sector"),
    compact ? null : pill(result, "stage"),
    pill(result, "status"),
    compact ? null : pitfallsPill(result),
  );
  const card = el(
    "article",
    { class: compact ? "card card-compact" : "card", dataset: { id: result.id } },
    heading,
    orgLine(result),
    partOfLine(result),
    pills.childElementCount ? pills : null,
    compact && !(result.evidence_level > 0)
      ? null
      : el("div", { class: "card-evidence" }, evidenceBadge(result)),
  );
  if (reason) {
    card.append(
      el("p", { class: "reason" }, el("span", { class: "reason-label", text: "Derfor: " }), reason),
    );
  }
  if (showSnippet) {
    const snippet = snippetBlock(result.snippet);
    if (snippet) card.append(snippet);
  }
  if (!compact && !showEvidenceSentences) {
    const outcomes = outcomeLines(result);
    if (outcomes) card.append(outcomes);
  }
  if (showEvidenceSentences && Array.isArray(result.evidence_sentences)) {
    if (result.evidence_sentences.length) {
      card.append(
        el(
          "div",
          { class: "evidence-sentences" },
          el("p", {
            class: "evidence-heading",
            // An expected effect (level 1) is what the case hopes for, not documentation.
            text: Number(result.evidence_level) >= 2 ? "Det dokumenterer effekten:" : "Det bygger vurderingen på:",
          }),
          el("ul", {}, result.evidence_sentences.map((s) => el("li", { text: s }))),
        ),
      );
    }
  }
  if (!compact) {
    const contact = contactBlock(result.contact, { foundInText: "contact" in (result.inferred || {}) });
    card.append(contact || el("p", { class: "contact contact-missing", text: "Ingen kontaktperson oplyst" }));
  }
  return card;
}

/** `text` cut to at most `max` characters after its last whole word (a hard cut when that word
 * would leave less than half); the text itself when it is short enough. */
export function cutAtWord(text, max) {
  const chars = Array.from(String(text));
  if (chars.length <= max) return String(text);
  const cut = chars.slice(0, max).join("");
  const space = cut.search(/\s\S*$/);
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd();
}

/** The same, with " …" where it was cut. */
export function shortened(text, max) {
  const cut = cutAtWord(text, max);
  return cut === String(text) ? cut : `${cut} …`;
}

/** "Viser 1–10 af 23" */
export function rangeText(offset, count, total) {
  if (!total) return "Ingen resultater";
  const from = offset + 1;
  const to = offset + count;
  return `Viser ${fmtInt(from)}–${fmtInt(to)} af ${fmtInt(total)}`;
}

/** Forrige/Næste paging; calls go(newOffset). */
export function pager({ offset, limit, total, go, label = "Sider" }) {
  if (total <= limit && offset === 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const prev = el("button", {
    type: "button",
    class: "button button-secondary",
    disabled: offset <= 0,
    onclick: () => go(Math.max(0, offset - limit)),
    text: "← Forrige",
  });
  const next = el("button", {
    type: "button",
    class: "button button-secondary",
    disabled: offset + limit >= total,
    onclick: () => go(offset + limit),
    text: "Næste →",
  });
  return el(
    "nav",
    { class: "pager", "aria-label": label },
    prev,
    el("span", { class: "pager-info", text: `Side ${page} af ${pages}` }),
    next,
  );
}
