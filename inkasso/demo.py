"""Demo data of Inkasso (issue 22 item 9), through the domain functions: one claim paid by QR-bill through
an imported camt.054, one in instalments, one converted (Verfügung eröffnet; the execution case opens
when it is rechtskräftig). The Inkasso desk gets its own login `inkasso` (role Sachbearbeitung)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from inkasso import camt_beispiel, domain
from inkasso.domain.forderungen import Forderungsdaten
from kern import erweiterungen
from kern.audit import speichern
from kern.models import Benutzer
from kern.rollen import Rolle
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import EroeffnungArt
from vollzug.models import Person

STAWA = "Staatsanwaltschaft Luzern"


def demo_anlegen(benutzer: dict, heute: date) -> None:
    sb = benutzer["sachbearbeitung"]
    inkasso = Benutzer(
        username="inkasso", first_name="Inkasso", last_name="Vollzugsbehörde", rolle=Rolle.SACHBEARBEITUNG
    )
    inkasso.set_password(erweiterungen.DEMO_PASSWORT)
    speichern(inkasso, durch=benutzer["admin"])
    benutzer["inkasso"] = inkasso
    personen = list(Person.objects.order_by("pk")[:3])
    if len(personen) < 3:
        return
    rk = heute - timedelta(days=20)
    entscheid = heute - timedelta(days=60)
    # 1. Geldstrafe paid by QR-bill, through an imported camt.054.
    bezahlt = domain.forderung_erfassen(
        person=personen[0],
        daten=Forderungsdaten(
            "geldstrafe", STAWA, "ST 2026 1041", entscheid, rk, tagessaetze=20, tagessatz=Decimal("90.00")
        ),
        frist_monate=3,
        durch=inkasso,
    )
    xml = camt_beispiel.als_bytes(
        [
            ("DEMO-0001", bezahlt.betrag, heute, bezahlt.qr_referenz),
            ("DEMO-0002", Decimal("45.00"), heute, ""),
        ],
        msg_id="DEMO-CAMT-1",
    )
    domain.camt_importieren(datei=ContentFile(xml), dateiname="camt054-demo.xml", durch=inkasso)
    # 2. Busse in instalments (Art. 35 Abs. 1 StGB), the first one paid at the desk.
    raten = domain.forderung_erfassen(
        person=personen[1],
        daten=Forderungsdaten(
            "busse", STAWA, "ST 2026 2210", entscheid, rk, betrag=Decimal("1800.00"), efs_tage=18
        ),
        frist_monate=1,
        durch=inkasso,
    )
    plan = domain.raten_bewilligen(
        forderung=raten,
        anzahl=6,
        erste_faellig_am=heute + timedelta(days=10),
        begruendung=f"Gesuch vom {heute:%d.%m.%Y}: Einkommen aus Teilzeitarbeit, Unterhaltspflichten.",
        durch=inkasso,
    )
    domain.zahlung_erfassen(
        forderung=raten, betrag=plan[0].betrag, valuta=heute, bemerkung="Bar am Schalter", durch=inkasso
    )
    # 3. Geldstrafe converted into an Ersatzfreiheitsstrafe (Art. 36 StGB).
    umgewandelt = domain.forderung_erfassen(
        person=personen[2],
        daten=Forderungsdaten(
            "geldstrafe", STAWA, "ST 2025 8812", entscheid, rk, tagessaetze=30, tagessatz=Decimal("50.00")
        ),
        frist_monate=1,
        durch=inkasso,
    )
    domain.sofortige_zahlung_verlangen(
        forderung=umgewandelt,
        begruendung="Abmeldung ins Ausland angekündigt (Art. 35 Abs. 2 StGB).",
        durch=inkasso,
    )
    domain.zahlung_erfassen(forderung=umgewandelt, betrag=Decimal("500.00"), valuta=heute, durch=inkasso)
    u = domain.umwandlung_beantragen(
        forderung=umgewandelt,
        uneinbringlich_grund="Verlustschein des Betreibungsamts Luzern; keine Mittel.",
        durch=inkasso,
    )
    verfuegungen.zur_genehmigung_vorlegen(verfuegung=u.verfuegung, durch=inkasso)
    verfuegungen.genehmigen(verfuegung=u.verfuegung, durch=sb)
    verfuegungen.eroeffnen(verfuegung=u.verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=sb)
