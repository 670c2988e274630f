"""Who to call, read from the text of documents that have no contact fields."""

import pytest

from innosearch.classify.contact import find_contact
from innosearch.documents import Section


def _found(*sections: tuple[str, str], author: str | None = None):
    return find_contact([Section(text=t, heading=h) for h, t in sections], author)


@pytest.mark.parametrize(
    ("text", "name", "email"),
    [
        (
            "Robotten journaliserer timesedler.\n\nKontaktperson: Det er Sidse Nor Eldin P Bakar "
            "(sidse.bakar@lindaa.dk)",
            "Sidse Nor Eldin P Bakar",
            "sidse.bakar@lindaa.dk",
        ),
        (
            "Af: Jakob Mørup Vang (jmv@havnsoe.dk), Fælles IT og Digitalisering, Havnsø Kommune",
            "Jakob Mørup Vang",
            "jmv@havnsoe.dk",
        ),
        (
            "Følg genindlæggelser løbende. Kontakt: Pia Holm Sander, specialkonsulent, Region "
            "Vestkyst, phs@vestkyst.example.dk, +45 78 41 30 45",
            "Pia Holm Sander",
            "phs@vestkyst.example.dk",
        ),
        (
            "Kontakt\nProjektleder Jens Vium, Tværsektorielt Team, jvi@example.dk",
            "Jens Vium",
            "jvi@example.dk",
        ),
        # Any Danish job title before the name, not only a project's roles.
        (
            "Kontakt: Overlæge Lars Bech, lb@vestkyst.example.dk",
            "Lars Bech",
            "lb@vestkyst.example.dk",
        ),
        (
            "Kontakt: Sundhedsplejerske Anne Hvid, anne.hvid@fjordby.dk",
            "Anne Hvid",
            "anne.hvid@fjordby.dk",
        ),
    ],
)
def test_a_cue_with_a_name_and_an_address(text: str, name: str, email: str) -> None:
    found = _found(("", "Løsningen henter fakturaer fra lægerne."), ("", text))
    assert found is not None and (found.name, found.email) == (name, email)
    assert found.confidence >= 0.9


def test_the_address_used_most_and_its_owners_name_as_the_text_spells_it() -> None:
    table = (
        "Virksomhed Bruger hos virksomheden Kontakt Lindå kommune Mia Schou Ahlberg Bo Fisker "
        "Mia.Schou.Ahlberg@linda.dk Bo.Fisker@linda.dk"
    )
    steps = "Trin 5 Send timeseddel til email Mia.Schou.Ahlberg@linda.dk."
    found = _found(("Oversigt", table), ("Trin", steps), ("Rapport", steps))
    assert found is not None
    assert (found.name, found.email) == ("Mia Schou Ahlberg", "Mia.Schou.Ahlberg@linda.dk")
    spelled = _found(("", "Lindå Kommune Arbejdsmarked Helle König helle.konig@linda.dk"))
    assert spelled is not None and spelled.name == "Helle König"


def test_a_name_with_no_address_needs_a_cue() -> None:
    assert _found(("", "Helle Kõnig er ejer.")).name == "Helle Kõnig"
    authors = _found(("Forfattere", "Per Skov Kaspersen, Projektkoordinator, DTU"))
    assert authors is not None and authors.name == "Per Skov Kaspersen"
    prose = "Aftale med regionen kan indgås med Jacob Pedersen, udviklingskonsulent."
    assert _found(("", prose)) is None
    assert _found(("", prose), author="Jan Maack Kjerbye").name == "Jan Maack Kjerbye"


def test_labels_organisations_and_function_addresses_are_no_names() -> None:
    history = "Dokumenthistorik Version Forfatter Dato Rettelse Initial version"
    assert _found(("", history)) is None
    team = _found(("", "Kontakt: Byggesagsteamet, byg@lindaa.dk"))
    assert team is not None and team.name is None and team.email == "byg@lindaa.dk"
    desk = _found(("Kontakt", "Beredskab Vestkyst, Stabsfunktionen, telefon 76 12 34 00"))
    assert desk is not None and desk.name is None and desk.phone == "76 12 34 00"


def test_a_title_before_the_name_of_an_address_is_not_part_of_the_name() -> None:
    """The title in "Psykolog Sofie Dahl" was stored as part of the contact's name."""
    found = _found(("Erfaringer", "Spørgsmål til Psykolog Sofie Dahl (sofie.dahl@fjordby.dk)."))
    assert found is not None and found.name == "Sofie Dahl"
