// A followed challenge, read by the secret id in the page's own URL (/fulgt/{id}).
// Text is inserted as DOM text nodes, never as markup.
const id = decodeURIComponent(location.pathname.split("/").pop() || "");
const $ = (name) => document.getElementById(name);
const CHANGE = { new: "Ny", changed: "Opdateret" };

async function show() {
  const response = await fetch(`/api/saved/${encodeURIComponent(id)}`);
  const body = await response.json();
  if (!response.ok) {
    $("followed-status").textContent = body.error ? body.error.message : "Siden kunne ikke hentes.";
    $("followed-stop").hidden = true;
    return;
  }
  $("followed-name").textContent = body.name;
  $("followed-query").textContent = `»${body.query}«`;
  $("followed-feed").href = body.links.feed;
  const list = $("followed-matches");
  list.replaceChildren();
  for (const match of body.new_since_last) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `/sag/${encodeURIComponent(match.id)}`;
    link.textContent = match.title;
    item.append(link, ` (${CHANGE[match.change] || match.change}, ${match.found_at.slice(0, 10)})`);
    list.append(item);
  }
  if (!body.new_since_last.length) {
    $("followed-status").textContent = "Intet nyt endnu: nye sager, der matcher, vises her.";
  }
}

$("followed-stop").addEventListener("click", async () => {
  const response = await fetch(`/api/saved/${encodeURIComponent(id)}`, { method: "DELETE" });
  $("followed-status").textContent = response.ok
    ? "Du følger ikke længere udfordringen. Linket virker ikke mere."
    : "Det lykkedes ikke at stoppe. Prøv igen.";
  if (response.ok) $("followed-stop").hidden = true;
});

show();
