// A followed challenge, read by the secret id in the page's own URL (/fulgt/{id}).
// Text is inserted as DOM text nodes, never as markup.
const id = decodeURIComponent(location.pathname.split("/").pop() || "");
const $ = (name) => document.getElementById(name);
const CHANGE = { new: "Ny", changed: "Opdateret" };
const DAY = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric" });
let followedName = "";

/** The answer's JSON body, or null when there is none (a proxy's error page, no answer). */
async function jsonOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function dayOf(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : DAY.format(date);
}

/** Without a followed challenge to show, only the message and a way on are left on the page. */
function showProblem(message) {
  $("followed-status").textContent = message;
  for (const name of ["followed-stop", "followed-feed-line", "followed-news", "followed-limits"]) {
    $(name).hidden = true;
  }
  $("followed-again").hidden = false;
}

/** "2 sager er kommet til, …": an updated case did not come to, it was updated. */
function unseenSentence(unseen) {
  const count = unseen.length;
  const changed = unseen.filter((match) => match.change === "changed").length;
  const cases = count === 1 ? "1 sag er" : `${count} sager er`;
  const what = !changed
    ? "kommet til"
    : changed === count
      ? "opdateret"
      : "kommet til eller opdateret";
  return `${cases} ${what}, siden du sidst så siden.`;
}

async function show() {
  let response;
  try {
    response = await fetch(`/api/saved/${encodeURIComponent(id)}`);
  } catch {
    showProblem("Serveren svarer ikke. Prøv igen om lidt.");
    return;
  }
  const body = await jsonOf(response);
  if (!response.ok || !body) {
    showProblem(body?.error?.message || "Siden kunne ikke hentes. Prøv igen om lidt.");
    return;
  }
  followedName = body.name;
  document.title = `${body.name} – Fulgt udfordring – innosearch`;
  $("followed-name").textContent = body.name;
  $("followed-query").textContent = `»${body.query}«`;
  // What the challenge is limited to: two follows of the same words differ by these.
  $("followed-limits").textContent = body.limits.length ? `Kun: ${body.limits.join(" · ")}` : "";
  $("followed-limits").hidden = !body.limits.length;
  $("followed-feed").href = body.links.feed;
  // Shown once there is a challenge they act on: stopping before it loaded named no one.
  $("followed-feed-line").hidden = false;
  $("followed-stop").hidden = false;
  const list = $("followed-matches");
  list.replaceChildren();
  for (const match of body.new_since_last) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `/sag/${encodeURIComponent(match.id)}`;
    link.textContent = match.title;
    item.append(link, ` (${CHANGE[match.change] || match.change}, ${dayOf(match.found_at)})`);
    if (!match.seen) {
      const mark = document.createElement("strong");
      mark.className = "unseen";
      mark.textContent = "Ikke set før";
      item.append(" ", mark);
    }
    list.append(item);
  }
  const unseen = body.new_since_last.filter((match) => !match.seen);
  $("followed-status").textContent = "";
  if (!body.new_since_last.length) {
    $("followed-status").textContent = "Intet nyt endnu: nye sager, der matcher, vises her.";
  } else if (unseen.length) {
    $("followed-status").textContent = unseenSentence(unseen);
    // Newest first: the first match is as far as this page showed.
    markSeen(body.new_since_last[0].found_at);
  }
}

/** The next visit marks only what is found after this one; a failure only repeats the marks. */
async function markSeen(until) {
  try {
    await fetch(`/api/saved/${encodeURIComponent(id)}/seen`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ until }),
    });
  } catch {
    // Nothing to tell the reader: the same matches are marked again next time.
  }
}

$("followed-stop").addEventListener("click", async () => {
  // The link cannot be made again: one click by mistake must not end it.
  const question =
    `Vil du stoppe med at følge »${followedName}«? ` +
    "Linket holder op med at virke og kan ikke genskabes.";
  if (!window.confirm(question)) return;
  const response = await fetch(`/api/saved/${encodeURIComponent(id)}`, { method: "DELETE" }).catch(
    () => null,
  );
  if (response?.ok) {
    showProblem("Du følger ikke længere udfordringen. Linket virker ikke mere.");
  } else if (response?.status === 404) {
    // Stopped meanwhile (another tab, a colleague with the link): trying again cannot help.
    showProblem((await jsonOf(response))?.error?.message || "Udfordringen er allerede stoppet.");
  } else {
    $("followed-status").textContent = "Det lykkedes ikke at stoppe. Prøv igen om lidt.";
  }
  // The button just pressed may be gone: keyboard and screen reader users go on from the answer.
  $("followed-status").focus();
});

show();
