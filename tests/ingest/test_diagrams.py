"""The text of diagrams written as code."""

from innosearch.ingest.diagrams import diagram_text


def _text(source: str) -> str:
    return diagram_text(source.strip("\n").split("\n"))


def test_timeline_keeps_sections_periods_and_events_and_drops_directives():
    text = _text(
        """
%% Help: milestones use the timeline syntax ("sunday")
%%{init: { 'theme': 'forest', 'timeline': {'disableMulticolor': true}}}%%
timeline
    title Overdragelse af løsningen
    section Afklaring
      Q2-Q4 2025 : Beskriv formål og vision
                 : Aftal spilleregler for overdragelsen
    section Forberedelse
      Q1 2026    : Etabler en styregruppe
"""
    )
    assert text == (
        "Diagram: Overdragelse af løsningen\n"
        "Afklaring: Q2-Q4 2025: Beskriv formål og vision; Aftal spilleregler for overdragelsen\n"
        "Forberedelse: Q1 2026: Etabler en styregruppe"
    )


def test_gantt_keeps_task_names_not_their_ids_dates_or_settings():
    text = _text(
        """
gantt
    dateFormat  YYYY-MM-DD
    title       Roadmap 2026
    excludes    weekends
    section Udvikling
    Teknisk afklaring          :des1, 2025-08-02, 2025-12-02
    Release af version 1       :crit, milestone, m1, 2027-02-01, 0d
"""
    )
    assert text == "Diagram: Roadmap 2026\nUdvikling: Teknisk afklaring; Release af version 1"


def test_pie_keeps_title_and_slices():
    text = _text(
        """
%%{init: {"themeVariables": {
  "pie1": "#FFFF00"
}}}%%
pie showData
  title Niveau 1 (10 krav)
  "Grøn 60%" : 6
  "Gul 40%"  : 4
"""
    )
    assert text == "Diagram: Niveau 1 (10 krav)\nGrøn 60%; Gul 40%"


def test_flowchart_labels_without_markup_styling_or_node_ids():
    text = _text(
        """
---
config:
  theme: default
---
flowchart TB
  subgraph Hent nye ansøgninger
    A[Søg sager ud fra skabelon] --> B{Sag åben?}
  end
  CKAN[("📊 <b>Dataportal</b><br><small>Login via OS2 Adgang</small>")]
  CKAN@{ shape: rounded}
  B --x|Lukket| H(stop)
  B -- Åben --> CKAN
  classDef Aqua stroke-width:1px, fill:#DEFFF8
  style CKAN color:#616161
"""
    )
    assert text == (
        "Diagram: Hent nye ansøgninger; Søg sager ud fra skabelon; Sag åben?; "
        "Dataportal Login via OS2 Adgang; Lukket; stop; Åben"
    )


def test_flowchart_of_bare_node_ids_reads_the_ids():
    assert _text(
        "flowchart LR\n  Afklaring --> Forberedelse-->Overdragelse -.-> Drift_i_fællesskab"
    ) == ("Diagram: Afklaring; Forberedelse; Overdragelse; Drift i fællesskab")


def test_diagram_without_text_gives_nothing():
    assert _text("flowchart LR\n  A --> B") == ""
    assert _text("%% kun en kommentar") == ""
    assert diagram_text([]) == ""
