"""Test data of §§ 34–39 (Zwangsmedizin), built through the domain functions like users do."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kern.audit import speichern
from kern.models import Benutzer
from kern.rollen import Rolle
from tests.factories import person_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Anhoerungsart, EroeffnungArt
from vollzug import domain as vollzug
from vollzug.models import Zuteilung
from vollzug.recht import Entscheidart, Sanktionsart
from zwangsmedizin.domain import entscheid, information, medikation
from zwangsmedizin.domain.medikation import Medikationsdaten

_n = iter(range(1, 10_000))


def zuteilen(arzt, person):
    return speichern(Zuteilung(benutzer=arzt, person=person), durch=arzt)


def fall_mit(*, durch, anstalt, art=Sanktionsart.FREIHEITSSTRAFE, bemerkung="", person=None):
    """A case in `anstalt` with one sanction of kind `art` (e.g. an Art. 59 StGB measure)."""
    n = next(_n)
    person = person or person_anlegen(durch=durch)
    monate = 8 if art in (Sanktionsart.FREIHEITSSTRAFE,) else 0
    fall = vollzug.fall_erfassen(
        person=person,
        entscheid=vollzug.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz=f"ZM {n:05d}",
            entscheid_datum=date(2026, 1, 5),
            rechtskraft_am=date(2026, 2, 10),
        ),
        sanktionen=[vollzug.SanktionDaten(art=art, dauer_monate=monate, bemerkung=bemerkung)],
        durch=durch,
    )
    vollzug.einweisen(fall=fall, anstalt=anstalt, am=timezone.now() - timedelta(days=10), durch=durch)
    fall.refresh_from_db()
    return fall


def pdf(name="empfehlung.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def daten(**kw) -> Medikationsdaten:
    werte = {
        "art": "ordentlich",
        "bericht": "Akute Psychose, Fremdaggression.",
        "medikament": "Haloperidol",
        "dosierung": "5 mg i.m.",
        "geplante_dauer": "7 Tage",
        "freiwillige_massnahmen": "Orale Medikation angeboten und abgelehnt.",
        "grund": "b",
    }
    werte.update(kw)
    return Medikationsdaten(**werte)


def daten_38(**kw) -> Medikationsdaten:
    werte = {
        "art": "massnahmenindiziert",
        "grund": "",
        "empfehlung_arzt": "Dr. med. F. Forensik",
        "empfehlung_datum": date(2026, 1, 20),
        "fachaerztliche_leitung": "Dr. med. L. Leitung",
        "langfristig": True,
    }
    werte.update(kw)
    return daten(**werte)


def durchziehen(v, *, entwerfer, genehmiger, muendlich_am=None):
    """The shared lifecycle: waiver of statement, submit, four-eyes approval, written Eröffnung."""
    vfg.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=entwerfer)
    vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=entwerfer)
    vfg.genehmigen(verfuegung=v, durch=genehmiger)
    v.refresh_from_db()
    return vfg.eroeffnen(
        verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=entwerfer, muendlich_am=muendlich_am
    )


def angeordnet(*, fall, arzt, sb, sb2, d=None, **kw):
    """A request (informed beforehand) decided by the authority and notified: an order in force."""
    m = medikation.antrag_stellen(fall=fall, daten=d or daten(), durch=arzt, **kw)
    information.aufklaerung_erfassen(medikation=m, durch=arzt)
    v = entscheid.verfuegung_entwerfen(medikation=m, begruendung="Voraussetzungen erfüllt.", durch=sb)
    durchziehen(v, entwerfer=sb, genehmiger=sb2)
    m.refresh_from_db()
    return m


def neuer_arzt(username="arzt2"):
    u = Benutzer(username=username, rolle=Rolle.MEDIZIN, first_name="Zweit", last_name="Arzt")
    u.set_password("x")
    u.save()
    return u


def fall_zugeteilt(*, sb, anstalt, arzt, art=Sanktionsart.FREIHEITSSTRAFE):
    fall = fall_mit(durch=sb, anstalt=anstalt, art=art)
    zuteilen(arzt, fall.person)
    return fall
