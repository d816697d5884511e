"""R-41-5b (§ 41 Abs. 5 JVG, Vollstreckungsverjährung): proofs that the mutation run (issue 25) showed
missing.

- `sanktionen.py:217`: a sanction can still be executed on the last day of the six months after the
  decision became binding (the last day counts fully), not on the day after.
- `verjaehrung.py:141`: the job's first run on the last day records the date, the day after the
  sanctions become verjährt.
- `fristen.py:149`: the Fristenkontrolle entry of each ordered sanction names the person and the facility.
- `serializers.py:122–123`: the API shows the limitation date read-only, empty until it is recorded.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from drf_spectacular.generators import SchemaGenerator

from disziplinar import domain
from disziplinar.domain import SanktionDaten, Verjaehrungslauf
from disziplinar.domain.fristen import TYP
from disziplinar.models import Disziplinarsanktion
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus
from fristenkontrolle.queries import alle_fristen
from kern.fristen import monatsfrist, tagesende
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg

from .test_disziplinar import benutzer, eroeffnet, verfahren
from .test_verjaehrung import TAT, reise

pytestmark = pytest.mark.django_db


def _rechtskraeftig(personal, leitung, sachbearbeitung, anstalt):
    with reise(date(2026, 8, 20)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt)
    with reise(date(2026, 8, 31), 12):
        vp = verfahren(personal, leitung, fall, tatzeit=TAT)
    zweite = benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt)
    with reise(date(2026, 9, 10)):
        v = eroeffnet(
            vp, leitung, zweite, [SanktionDaten(A.VERWEIS), SanktionDaten(A.EINSCHLUSS, dauer_tage=2)]
        )
    assert vfg.rechtskraft_eintragen(heute=v.rechtsmittelfrist_ende + timedelta(days=1)) == 1
    v.refresh_from_db()
    return v


@pytest.mark.rule("R-41-5b", grenze=True)
def test_vollzug_am_letzten_tag_gespeichert_am_tag_danach_abgelehnt_grenze(
    personal_a, leitung_a, sachbearbeitung, anstalt_a
):
    v = _rechtskraeftig(personal_a, leitung_a, sachbearbeitung, anstalt_a)
    ende = monatsfrist(v.rechtskraeftig_am, 6).ende
    verweis, einschluss = v.disziplinarsanktionen.order_by("art")
    with reise(ende + timedelta(days=1)), pytest.raises(ValidationError) as e:
        domain.sanktion_vollziehen(sanktion=einschluss, durch=leitung_a)
    assert e.value.message_dict["status"] == [
        "§ 41 Abs. 5 JVG (R-41-5b): Der Vollzug ist verjährt (sechs Monate nach der rechtskräftigen Verfügung)."
    ]
    g = Disziplinarsanktion.objects.get(pk=einschluss.pk)
    assert (g.status, g.vollzogen_am) == (Sanktionsstatus.ANGEORDNET, None)

    with reise(ende, 23):
        domain.sanktion_vollziehen(sanktion=verweis, durch=leitung_a)
    g = Disziplinarsanktion.objects.get(pk=verweis.pk)
    assert g.status == Sanktionsstatus.VOLLZOGEN
    assert g.history.first().history_user == leitung_a


@pytest.mark.rule("R-41-5b")
def test_api_schema_vollstreckungsverjaehrung_nur_lesbar_und_leer_moeglich():
    # Recorded by the limitation job once the decision is binding; empty before.
    schema = SchemaGenerator().get_schema(request=None, public=True)
    feld = schema["components"]["schemas"]["Disziplinarsanktion"]["properties"]["vollstreckungsverjaehrungAm"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date")


@pytest.mark.rule("R-41-5b", "R-0-FRIST-4")
def test_fristenkontrolle_nennt_person_und_einrichtung_der_sanktion(
    personal_a, leitung_a, sachbearbeitung, anstalt_a
):
    v = _rechtskraeftig(personal_a, leitung_a, sachbearbeitung, anstalt_a)
    ende = monatsfrist(v.rechtskraeftig_am, 6).ende
    eintraege = alle_fristen(leitung_a, heute=v.rechtskraeftig_am, typ=TYP)
    person = v.person
    assert (
        sorted((e.regel, e.faellig, e.person_id, e.person_name, e.anstalt_name) for e in eintraege)
        == [
            (
                "R-41-5b",
                tagesende(ende),
                person.pk,
                f"{person.amtlicher_name} {person.vorname}",
                anstalt_a.name,
            )
        ]
        * 2
    )


@pytest.mark.rule("R-41-5b", grenze=True)
def test_job_erst_am_letzten_tag_traegt_ein_am_tag_danach_verjaehrt_grenze(
    personal_a, leitung_a, sachbearbeitung, anstalt_a
):
    # The job did not run while the decision was binding: its first run on the last day only records
    # the date; the sanctions become verjährt on the day after.
    v = _rechtskraeftig(personal_a, leitung_a, sachbearbeitung, anstalt_a)
    ende = monatsfrist(v.rechtskraeftig_am, 6).ende
    assert domain.verjaehrung_eintragen(heute=ende) == Verjaehrungslauf(nachgefuehrt=2)
    assert (
        sorted(v.disziplinarsanktionen.values_list("status", "vollstreckungsverjaehrung_am"))
        == [(Sanktionsstatus.ANGEORDNET, ende)] * 2
    )
    assert domain.verjaehrung_eintragen(heute=ende + timedelta(days=1)) == Verjaehrungslauf(sanktionen=2)
    assert set(v.disziplinarsanktionen.values_list("status", flat=True)) == {Sanktionsstatus.VERJAEHRT}
