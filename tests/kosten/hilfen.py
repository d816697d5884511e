"""Helpers of the cost tests (own file, so conftest.py and factories.py stay untouched)."""

from datetime import date, datetime, time
from decimal import Decimal

from django.core.files.base import ContentFile

from kern.fristen import TZ
from kern.models import Benutzer
from kern.rollen import Rolle
from kosten import domain
from kosten.models import Sozialdienst, Sozialdienstzugang
from verfuegungen import domain as vfg
from verfuegungen import recht as vfg_recht
from verfuegungen.recht import Anhoerungsart, EroeffnungArt


def zeit(tag: date, stunde: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(tag, time(stunde, minute), tzinfo=TZ)


def beleg(name: str = "beleg") -> ContentFile:
    return ContentFile(f"Beleg {name}".encode(), name=f"{name}.pdf")


def sozialdienst(gemeinde: str = "Luzern") -> Sozialdienst:
    return Sozialdienst.objects.create(
        name=f"Sozialdienst {gemeinde}", gemeinde=gemeinde, adresse=f"Hauptstrasse 1\n6000 {gemeinde}"
    )


def sozialamt_benutzer(sd: Sozialdienst, username: str = "sozialamt") -> Benutzer:
    user = Benutzer.objects.create(
        username=username, rolle=Rolle.PARTNERBEHOERDE, first_name="Sozialamt", last_name=sd.gemeinde
    )
    Sozialdienstzugang.objects.create(benutzer=user, sozialdienst=sd)
    return user


def position(fall, durch, *, betrag=Decimal("100.00"), kategorie="47b", **kw):
    return domain.kostenposition_erfassen(
        fall=fall,
        kategorie=kategorie,
        datum=kw.pop("datum", date(2026, 3, 2)),
        bezeichnung=kw.pop("bezeichnung", "Medikamente"),
        betrag=betrag,
        beleg=beleg(),
        durch=durch,
        **kw,
    )


def verfuegung_rechtskraeftig(v, *, genehmiger, durch):
    """Run a Kostenbeteiligung decision through the shared lifecycle up to Eröffnung; the appeal
    deadline is then moved into the past and the Rechtskraft job records it (R-0-VFG-3)."""
    if vfg_recht.ist_belastend(v.typ):  # R-0-GEHOER-1: before the decision
        vfg.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=durch)
        v.refresh_from_db()
    vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=durch)
    v.refresh_from_db()
    vfg.genehmigen(verfuegung=v, durch=genehmiger)
    v.refresh_from_db()
    vfg.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=durch)
    v.refresh_from_db()
    return v
