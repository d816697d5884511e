"""Small builders shared by the module parts of the matrix dataset."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from verfuegungen import domain as vfg
from verfuegungen import recht as vfg_recht
from verfuegungen.recht import Anhoerungsart, EroeffnungArt


def vor(**kw):
    return timezone.now() - timedelta(**kw)


def heute() -> date:
    return timezone.localdate()


def iso(tag: date) -> str:
    return tag.isoformat()


def zeit_form(zeitpunkt) -> str:
    """A moment as the browser's datetime-local field sends it."""
    return timezone.localtime(zeitpunkt).strftime("%Y-%m-%dT%H:%M")


def zeit_json(zeitpunkt) -> str:
    return timezone.localtime(zeitpunkt).isoformat()


def vorlegen(v, *, entwerfer, gehoer: bool = True):
    """Draft → zur Genehmigung (with the waiver of a statement where the type is burdening)."""
    if gehoer and vfg_recht.ist_belastend(v.typ, v.abweisend) and not v.anhoerungen.exists():
        vfg.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=entwerfer)
        v.refresh_from_db()
    vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=entwerfer)
    v.refresh_from_db()
    return v


def genehmigen(v, *, entwerfer, genehmiger):
    vorlegen(v, entwerfer=entwerfer)
    vfg.genehmigen(verfuegung=v, durch=genehmiger)
    v.refresh_from_db()
    return v


def eroeffnen(v, *, entwerfer, genehmiger, eroeffner=None, art=EroeffnungArt.EINSCHREIBEN):
    """The whole lifecycle up to the written Eröffnung (four eyes, hearing waived where required)."""
    genehmigen(v, entwerfer=entwerfer, genehmiger=genehmiger)
    kw = {}
    if art == EroeffnungArt.UEBERGABE_ANSTALT:
        kw["empfangsbestaetigung"] = ContentFile(b"Empfang bestaetigt", name="empfang.txt")
    vfg.eroeffnen(verfuegung=v, art=art, durch=eroeffner or entwerfer, **kw)
    v.refresh_from_db()
    return v
