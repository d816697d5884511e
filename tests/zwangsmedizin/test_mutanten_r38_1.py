"""R-38-1 (§ 38 Abs. 4 JVG): the proof that the mutation run (issue 25) showed missing.

A re-ordering names as predecessor an order *in force* of the same person: a request that was never
ordered is refused at the field, and no second request is stored.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.erweiterungen import QUELLEN
from kern.models import Aufgabe
from vollzug.models import Person
from vollzug.recht import Sanktionsart
from zwangsmedizin.domain import medikation, neuanordnung
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.recht import ZwangsmedizinAufgabenart

from .hilfen import daten_38, fall_zugeteilt, pdf


@pytest.fixture
def fall_59(sachbearbeitung, anstalt_a, medizin):
    return fall_zugeteilt(
        sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin, art=Sanktionsart.STATIONAERE_MASSNAHME
    )


@pytest.mark.rule("R-38-1", grenze=True)
def test_neuanordnung_nur_auf_eine_angeordnete_massnahme(fall_59, medizin):
    nur_beantragt = medikation.antrag_stellen(
        fall=fall_59, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf()
    )

    with pytest.raises(ValidationError) as exc:
        medikation.antrag_stellen(
            fall=fall_59, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf(), vorgaenger=nur_beantragt
        )

    assert [e.message for e in exc.value.error_dict["vorgaenger"]] == [
        "§ 38 Abs. 4 JVG (R-38-1): Neu angeordnet wird nur eine angeordnete massnahmenindizierte "
        "Zwangsmedikation derselben Person."
    ]
    assert list(Zwangsmedikation.objects.values_list("pk", flat=True)) == [nur_beantragt.pk]


@pytest.mark.rule("R-38-1")
def test_frist_der_neuanordnung_nennt_person_und_einrichtung(fall_59, medizin, anstalt_a):
    # The deadline list (R-0-FRIST-4) shows whose re-ordering is due and where the person is placed.
    m = medikation.antrag_stellen(fall=fall_59, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf())
    Zwangsmedikation.objects.filter(pk=m.pk).update(
        status="angeordnet", naechste_ueberpruefung_am=date(2027, 3, 1), aufgeklaert_am=timezone.now()
    )

    [eintrag] = QUELLEN["zwangsmedikation_38"][1](medizin, timezone.localdate())

    person = fall_59.person
    assert (eintrag.regel, eintrag.person_id, eintrag.person_name) == (
        "R-38-1",
        person.pk,
        f"{person.amtlicher_name} {person.vorname}",
    )
    assert (eintrag.anstalt_id, eintrag.anstalt_name) == (anstalt_a.pk, "JVA Grosshof")


@pytest.mark.rule("R-38-1", grenze=True)
def test_erinnerung_mit_langem_namen_fuellt_den_titel_bis_200_zeichen(fall_59, medizin):
    # The task title holds 200 characters: with the longest names it is cut at exactly 200, never more.
    m = medikation.antrag_stellen(fall=fall_59, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf())
    Zwangsmedikation.objects.filter(pk=m.pk).update(
        status="angeordnet", naechste_ueberpruefung_am=date(2027, 3, 1), aufgeklaert_am=timezone.now()
    )
    Person.objects.filter(pk=fall_59.person_id).update(vorname="V" * 60, amtlicher_name="N" * 100)

    assert neuanordnung.neuanordnung_erinnern(heute=date(2027, 3, 1)) == 1

    titel = Aufgabe.objects.get(art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_NEU_ANORDNEN).titel
    assert titel == (
        "Massnahmenindizierte Zwangsmedikation überprüfen und neu anordnen (§ 38 Abs. 4 JVG): "
        + "V" * 60
        + " "
        + "N" * 54
    )
    assert len(titel) == 200


@pytest.mark.rule("R-38-1")
def test_api_schema_naechste_ueberpruefung_nur_lesbar_und_leer_moeglich():
    # The API's contract: the review date of § 38 Abs. 4 is computed by the system (read-only) and empty
    # for orders without a review (nullable); clients rely on both.
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    feld = schema["components"]["schemas"]["Zwangsmedikation"]["properties"]["naechsteUeberpruefungAm"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date")


@pytest.mark.rule("R-38-1", grenze=True)
def test_massnahmenindiziert_unbekannter_grund_und_kuenftige_empfehlung_an_den_feldern(fall_59, medizin):
    # Bad input at the fields of § 38 Abs. 2, never a crash: an unknown ground, a recommendation dated
    # tomorrow; nothing stored.
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        medikation.antrag_stellen(
            fall=fall_59,
            daten=daten_38(grund="x", empfehlung_datum=morgen),
            durch=medizin,
            empfehlung_dokument=pdf(),
        )
    fehler = {feld: [e.message for e in liste] for feld, liste in exc.value.error_dict.items()}
    assert fehler["grund"] == ["Unbekannter Grund nach § 35 Abs. 2 JVG."]
    assert fehler["empfehlung_datum"] == [
        "§ 38 Abs. 2 JVG (R-38-1): Das Datum kann nicht in der Zukunft liegen."
    ]
    assert not Zwangsmedikation.objects.exists()
