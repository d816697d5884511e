"""Fixtures of the tests of Vollzugsöffnungen, § 16 forms, Bewährungshilfe and Begnadigung."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import EroeffnungArt
from vollzugsgestaltung import domain, recht


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, monate=8)


def beantragen(
    fall, durch, *, grundlage=recht.Vollzugsgrundlage.FREIHEITSSTRAFE, art=recht.Oeffnungsart.URLAUB, **kw
):
    jetzt = timezone.now()
    return domain.oeffnung_beantragen(
        fall=fall,
        art=art,
        grundlage=grundlage,
        von=kw.pop("von", jetzt + timedelta(days=2)),
        bis=kw.pop("bis", jetzt + timedelta(days=3)),
        begruendung="Beziehungsurlaub gemäss Vollzugsplan.",
        durch=durch,
        **kw,
    )


def eroeffnen(verfuegung, sb, sb2):
    vfg.zur_genehmigung_vorlegen(verfuegung=verfuegung, durch=sb)
    verfuegung.refresh_from_db()
    vfg.genehmigen(verfuegung=verfuegung, durch=sb2)
    verfuegung.refresh_from_db()
    return vfg.eroeffnen(verfuegung=verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=sb)
