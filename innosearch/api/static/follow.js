// "Følg denne udfordring": saves the current challenge and filters as a followed challenge and
// shows its secret link and feed. Text is inserted as DOM text nodes, never as markup.
import { clear, el } from "./app.js";

const $ = (id) => document.getElementById(id);
const NAME_CHARS = 80;
const NAME_MAX = 120; // the longest name the server takes (alerts/saved.py)

// The address field only where the server mails news (/api/health says so): an address it
// cannot mail to would wait for ever, so the server refuses it.
fetch("/api/health")
  .then((response) => response.json())
  .then((health) => {
    $("follow-email-field").hidden = !health.mail;
  })
  .catch(() => {});

/** Prepare the follow form for the search shown: default name, own sector, filters. */
export function prepareFollow(search, ownSector) {
  const box = $("follow");
  box.hidden = false;
  const filters = JSON.stringify(search.filters);
  // Paging through the same search keeps what was typed, and the link once it is shown.
  if (box.dataset.query === search.q && box.dataset.filters === filters) return;
  box.dataset.query = search.q;
  box.dataset.filters = filters;
  const name = search.q.length > NAME_CHARS ? `${search.q.slice(0, NAME_CHARS - 1)}…` : search.q;
  $("follow-name").maxLength = NAME_MAX;
  $("follow-name").value = name;
  copySectorOptions($("own_sector"), $("follow-sector"));
  $("follow-sector").value = search.context.own_sector || ownSector || "";
  clear($("follow-result"));
  $("follow-form").hidden = false;
}

function copySectorOptions(from, to) {
  to.replaceChildren(...[...from.options].map((o) => el("option", { value: o.value, text: o.text })));
}

function asList(value) {
  return value ? [value] : [];
}

function asNumber(value) {
  return value ? Number(value) : null;
}

/** The search page's filters (URL values) as /api/saved takes them: every one of them. */
function savedFilters(filters) {
  return {
    sector: asList(filters.sector),
    stage: asList(filters.stage),
    status: asList(filters.status),
    organisation_type: asList(filters.organisation_type),
    kind: asList(filters.kind),
    year_from: asNumber(filters.year_from),
    year_to: asNumber(filters.year_to),
    min_level: asNumber(filters.min_level),
    has_pitfalls: filters.has_pitfalls ? filters.has_pitfalls === "true" : null,
  };
}

async function follow(event) {
  event.preventDefault();
  const box = $("follow");
  const filters = JSON.parse(box.dataset.filters || "{}");
  const body = {
    query: box.dataset.query,
    name: $("follow-name").value.trim(),
    own_sector: $("follow-sector").value || null,
    ...savedFilters(filters),
    email: $("follow-email").value.trim() || null,
  };
  const result = clear($("follow-result"));
  const button = $("follow-submit");
  button.disabled = true;
  try {
    const response = await fetch("/api/saved", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = data.error?.message || "Det lykkedes ikke at følge udfordringen.";
      result.append(el("div", { class: "notice", role: "alert" }, el("p", { text: message })));
      return;
    }
    $("follow-form").hidden = true;
    result.append(followedNotice(data, body.email));
    $("follow-link").focus();
  } catch {
    result.append(
      el("div", { class: "notice", role: "alert" }, el("p", { text: "Serveren svarer ikke. Prøv igen." })),
    );
  } finally {
    button.disabled = false;
  }
}

function followedNotice(data, email) {
  const page = new URL(data.links.page, location.origin).href;
  const feed = new URL(data.links.feed, location.origin).href;
  return el(
    "div",
    { class: "notice follow-done", role: "status" },
    el("p", { class: "notice-title", text: `Du følger nu »${data.name}«.` }),
    el("p", { text: "Gem linket: det er jeres adgang til udfordringen, og det kan ikke findes igen. Del det kun med dem, der skal følge med." }),
    el("p", {}, el("a", { id: "follow-link", href: page, text: page })),
    el(
      "p",
      {},
      "Nyhedsfeed til en feedlæser: ",
      el("a", { id: "follow-feed", href: feed, text: feed }),
    ),
    el("p", { class: "help", text: "Når nye eller opdaterede cases matcher, vises de under »Nyt siden sidst« på siden." }),
    // The address is not shown again anywhere: a typo seen now is one that can still be fixed.
    email
      ? el("p", { id: "follow-email-used", class: "help", text: `Nyhedsmails sendes til ${email}. Er adressen forkert, så stop med at følge udfordringen på siden og følg den igen.` })
      : "",
  );
}

$("follow-form").addEventListener("submit", follow);
