"""The readable text of a diagram written as code in Markdown (Mermaid, PlantUML, Graphviz).

A diagram's source is code, not prose, but what it says is often a document's plan: a timeline
of an ownership transfer, a roadmap in a Gantt chart, the steps of a process. Only that is kept:
node and edge labels, titles, sections, tasks and events. Styling, configuration and comments
are dropped.
"""

import re

from innosearch.text.normalise import clean_line, strip_leading_symbols

FENCES = frozenset({"mermaid", "plantuml", "dot", "graphviz"})

# Mermaid comments ("%% ...") and init directives ("%%{init: {...}}%%", possibly over lines).
_DIRECTIVE_RE = re.compile(r"%%\{.*?\}%%", re.S)
_COMMENT_RE = re.compile(r"^\s*%%.*$", re.M)
# Mermaid's own front matter ("---\nconfig: ...\ntitle: ...\n---") at the diagram's top.
_FRONT_MATTER_RE = re.compile(r"\A\s*---\s*\n(.*?)\n\s*---\s*\n", re.S)
# Mermaid 11's node attributes ("CKAN@{ shape: rounded }") style a node; they label nothing.
_NODE_ATTRIBUTES_RE = re.compile(r"@\{[^{}]*\}")
_LABEL_RE = re.compile(
    r"[\[({>]+\"?([^\[\](){}\"|]*[^\W\d_][^\[\](){}\"|]*)\"?[\])}]+"  # A[tekst], B{tekst}
    r"|\|([^|\n]+)\|"  # -->|tekst|
    r"|^\s*subgraph\s+[\w-]+\s*\[\"?([^\]\"\n]+)"  # subgraph id[tekst]
    r"|^\s*subgraph\s+\"?([^\"\[\n]+?)\"?\s*$"  # subgraph tekst
    r"|--\s*\"?([^\"\->|\n]+?)\"?\s*-->",  # -- tekst -->
    re.M,
)
# The arrows of a graph ("-->", "---", "-.->", "==>", "--x"), which separate its node ids.
_ARROW_RE = re.compile(r"\s*<?[-=.~]{2,}[>xo]?\s*")
_SETTINGS = re.compile(
    r"^\s*(?:dateFormat|axisFormat|tickInterval|excludes|includes|todayMarker|weekday|"
    r"showData|classDef|class|style|linkStyle|click|direction|accTitle|accDescr)\b"
)
_HTML_TAG_RE = re.compile(r"<br\s*/?>|</?[A-Za-z][^<>]*>|fa:fa-[\w-]+", re.I)


def diagram_text(lines: list[str]) -> str:
    """The diagram's text as lines ("Diagram: ..."), or "" when it has none."""
    source = _COMMENT_RE.sub("", _DIRECTIVE_RE.sub("", "\n".join(lines)))
    title = ""
    m = _FRONT_MATTER_RE.match(source)
    if m:
        title = next((_label(t) for t in re.findall(r"^\s*title:\s*(.+)$", m.group(1), re.M)), "")
        source = source[m.end() :]
    body = [line for line in source.split("\n") if line.strip()]
    if not body:
        return ""
    # The first line names the kind ("flowchart LR", "gantt", "@startuml", "digraph G {").
    if body[0].split()[0].lower() in ("timeline", "gantt", "pie"):
        parts = _sectioned(body[1:], title)
    else:
        parts = ([title] if title else []) + _labels(body[1:])
    return "\n".join(("Diagram: " if i == 0 else "") + p for i, p in enumerate(parts))


def _label(raw: str) -> str:
    """A label as readable text: markup, line-break escapes, quotes and leading emoji gone."""
    text = strip_leading_symbols(
        clean_line(_HTML_TAG_RE.sub(" ", raw.replace("\\n", " ")).strip(" \"'|"))
    )
    return text if len(text) > 1 and re.search(r"[^\W\d_]", text) else ""


def _labels(body: list[str]) -> list[str]:
    """A flowchart's (or other graph's) labels in order, "; "-joined on one line."""
    kept = [_NODE_ATTRIBUTES_RE.sub("", line) for line in body if not _SETTINGS.match(line)]
    labels: list[str] = []
    for m in _LABEL_RE.finditer("\n".join(kept)):
        label = _label(next((g for g in m.groups() if g), ""))
        if label and label not in labels:
            labels.append(label)
    if not labels:
        # "Afklaring --> Forberedelse --> Overdragelse": the node ids are the only text.
        for line in kept:
            for node in _ARROW_RE.split(line.strip()):
                label = (
                    _label(node.replace("_", " ")) if re.fullmatch(r"[^\W\d][\w-]*", node) else ""
                )
                if label and label not in labels:
                    labels.append(label)
    return ["; ".join(labels)] if labels else []


def _sectioned(body: list[str], title: str) -> list[str]:
    """A timeline's, Gantt chart's or pie chart's text: its title, then one line per section
    ("Afklaring: Q2-Q4 2025: Beskrive formål; Analyser AS IS situationen")."""
    lines: list[str] = []
    section = ""
    items: list[str] = []

    def end_section() -> None:
        if items:
            lines.append(f"{section}: " + "; ".join(items) if section else "; ".join(items))
        items.clear()

    for raw in body:
        line = raw.strip()
        if _SETTINGS.match(line):
            continue
        m = re.match(r"(title|section)\s+(.+)$", line)
        if m:
            if m.group(1) == "title":
                title = _label(m.group(2)) or title
            else:
                end_section()
                section = _label(m.group(2))
            continue
        # Timeline: "period : event : event", or ": event" continuing the last period.
        # Gantt: "task name : metadata". Pie: '"slice" : value'.
        name, _, rest = line.partition(":")
        name = _label(name)
        events = [e for e in (_label(x) for x in rest.split(":")) if e and not _is_metadata(e)]
        if name and events:
            items.append(f"{name}: " + "; ".join(events))
        elif name:
            items.append(name)
        elif events:
            items.extend(events)
    end_section()
    return ([title] if title else []) + lines


def _is_metadata(text: str) -> bool:
    """A Gantt task's metadata ("crit, milestone, m1, 2027-04-01, 0d"): ids, tags and dates."""
    return all(
        re.fullmatch(r"(?:crit|done|active|milestone|vert|after|[a-z]+\d+|[\d-]+d?|\d+[wdhm])", p)
        for p in re.split(r"[,\s]+", text.strip().lower())
        if p
    )
