"""Mutants of R-2D-CAMT-1 (camt.054 import) that survived the marked tests (issue 25).

- `zahlungsimport.py:88`: the file's name is kept as uploaded (cut to 200 characters); without a name
  the import is recorded as «camt054.xml».
- `views.py:351`: the upload page answers 200 (a refused file 400).
- `views.py:337` `request.POST or None`: a form sent without a file is answered with the missing field
  (400), not with an empty page as if nothing had been sent.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from inkasso import domain
from inkasso.models import Forderung, Zahlungsimport

from .hilfen import camt, forderung

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-2D-CAMT-1", grenze=True)
@pytest.mark.parametrize(
    ("dateiname", "gespeichert"),
    [
        ("auszug-2027-03.xml", "auszug-2027-03.xml"),
        ("", "camt054.xml"),
        (None, "camt054.xml"),
        ("a" * 196 + ".xml", "a" * 196 + ".xml"),
        ("b" * 197 + ".xml", "b" * 197 + ".xm"),
    ],
    ids=["name", "leer", "ohne", "200_zeichen", "201_zeichen"],
)
def test_dateiname_des_imports_gespeichert(sachbearbeitung, dateiname, gespeichert):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    imp = domain.camt_importieren(
        datei=camt([("B1", "40.00", f.qr_referenz)]), dateiname=dateiname, durch=sachbearbeitung
    )
    imp = Zahlungsimport.objects.get(pk=imp.pk)
    assert (imp.dateiname, imp.gebucht, imp.summe) == (gespeichert, 1, Decimal("40.00"))
    assert Forderung.objects.get(pk=f.pk).bezahlt == Decimal("40.00")


@pytest.mark.rule("R-2D-CAMT-1")
def test_importseite_antwortet_200(client_als, sachbearbeitung):
    antwort = client_als(sachbearbeitung).get(reverse("inkasso:import"))
    assert antwort.status_code == 200
    assert "camt.054-Datei (XML)" in antwort.content.decode()
    assert not Zahlungsimport.objects.exists()


@pytest.mark.rule("R-2D-CAMT-1")
def test_formular_ohne_datei_nennt_das_fehlende_feld(client_als, sachbearbeitung):
    # As a browser sends it when no file was chosen: the form's other field, no file.
    antwort = client_als(sachbearbeitung).post(reverse("inkasso:import"), {"datei": ""})
    assert antwort.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in antwort.content.decode()
    assert not Zahlungsimport.objects.exists()
