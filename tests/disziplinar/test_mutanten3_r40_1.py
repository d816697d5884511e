"""R-40-1 (§ 40 JVG: the disciplinary proceeding begins with a report of act and offence): survivors of the
mutants 21–40 (issue 25) in the report form.

- `disziplinar/forms.py:58`: a row with a form of participation other than perpetration (§ 40 Abs. 3:
  attempt, incitement, aiding) but without the offence is refused, not silently dropped;
- `disziplinar/views.py:132`: `?fall=` preselects a case of the own facility on the empty form;
- `disziplinar/views.py:171`: after a refused submission the form says that files must be chosen again.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from disziplinar.models import Rapport
from tests.factories import fall_anlegen

from .test_ui import _feldfehler, _rapport_daten

pytestmark = pytest.mark.django_db

HINWEIS_DATEIEN = "Aus Sicherheitsgründen müssen Dateien nach einer Fehlermeldung erneut ausgewählt werden."


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-40-1")
def test_teilnahmeform_ohne_vergehen_abgelehnt_nicht_verworfen(client_als, personal_a, fall_a):
    c = client_als(personal_a)
    url = reverse("disziplinar:rapport_neu")
    # Row 1: attempt (§ 40 Abs. 3) without the offence; row 0 is complete.
    antwort = c.post(url, _rapport_daten(fall_a, **{"delikte-1-tatbestand": ""}))
    assert antwort.status_code == 200
    assert antwort.context["delikte"].forms[1].errors["tatbestand"] == [
        "§ 40 JVG (R-40-1): Zur Teilnahmeform das Disziplinarvergehen wählen."
    ]
    assert len(_feldfehler(antwort)) == 1
    assert HINWEIS_DATEIEN in antwort.content.decode()
    assert not Rapport.objects.exists()

    # With the offence the report is stored with both offences.
    antwort = c.post(url, _rapport_daten(fall_a))
    assert antwort.status_code == 302
    rapport = Rapport.objects.get()
    assert sorted((d.tatbestand, d.teilnahmeform) for d in rapport.delikte.all()) == [
        ("c", "versuch"),
        ("f", "taeterschaft"),
    ]


@pytest.mark.rule("R-40-1")
def test_rapportformular_waehlt_fall_der_eigenen_einrichtung_vor(
    client_als, personal_a, fall_a, sachbearbeitung, anstalt_b
):
    c = client_als(personal_a)
    url = reverse("disziplinar:rapport_neu")
    antwort = c.get(f"{url}?fall={fall_a.pk}")
    assert antwort.status_code == 200
    assert antwort.context["form"].initial["fall"] == fall_a
    assert antwort["Content-Type"].startswith("text/html")
    # The empty form carries no hint about files to choose again.
    assert HINWEIS_DATEIEN not in antwort.content.decode()
    # A case of another facility is not preselected; without ?fall= nothing is.
    fall_b = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
    assert c.get(f"{url}?fall={fall_b.pk}").context["form"].initial.get("fall") is None
    assert "fall" not in c.get(url).context["form"].initial
    # A submission refused for its date keeps the submitted case and shows the hint.
    zukunft = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    antwort = c.post(f"{url}?fall={fall_a.pk}", _rapport_daten(fall_a, tatzeit=zukunft))
    assert antwort.status_code == 200
    assert "fall" not in antwort.context["form"].initial
    assert antwort.context["form"].cleaned_data["fall"] == fall_a
    assert HINWEIS_DATEIEN in antwort.content.decode()
    assert not Rapport.objects.exists()
