"""Inkasso (§ 2 Abs. 1 lit. d JVG): a claim per side with a payment, a reminder, a Betreibung and a
clarification entry; a second claim in gemeinnützige Arbeit. Only the desk (Sachbearbeitung) and
Revision see any of it."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from inkasso import camt_beispiel, domain
from inkasso.domain import mahnwesen
from inkasso.domain.forderungen import Forderungsdaten
from inkasso.models import Betreibung
from kern.audit import speichern

from .hilfen import heute, iso
from .kern import SEITE_A, SEITE_B


def _daten(ds, bezug, art="geldstrafe", **kw):
    werte = {
        "art": art,
        "behoerde": "Staatsanwaltschaft Luzern",
        "referenz": ds.mk("inkasso", bezug),
        "entscheid_datum": heute() - timedelta(days=60),
        "rechtskraft_am": heute() - timedelta(days=20),
    }
    if art == "geldstrafe":
        werte.update(tagessaetze=10, tagessatz=Decimal("100.00"))
    else:
        werte.update(betrag=Decimal("600.00"), efs_tage=6)
    werte.update(kw)
    return Forderungsdaten(**werte)


def _seite(ds, seite, bezug):
    sb = ds.benutzer["sachbearbeitung"]
    person = ds.o[f"person_{seite}"]
    f = domain.forderung_erfassen(person=person, daten=_daten(ds, bezug), durch=sb)
    ds.o[f"forderung_{seite}"] = f
    ds.o[f"zahlung_{seite}"] = domain.zahlung_erfassen(
        forderung=f, betrag=Decimal("100.00"), valuta=heute(), durch=sb
    )
    mahnwesen.mahnlauf(heute=f.zahlungsfrist + timedelta(days=400))
    ds.o[f"mahnung_{seite}"] = f.mahnungen.get()
    f.refresh_from_db()
    # The Betreibung is due only weeks after the last reminder; the matrix needs its page now.
    speichern(
        Betreibung(
            forderung=f,
            betreibungsamt="Betreibungsamt Luzern",
            schuldner_adresse="Hauptstrasse 1, 6000 Luzern",
            betrag=f.saldo,
            gestellt_am=heute(),
            gestellt_durch=sb,
        ),
        durch=sb,
    )
    g = domain.forderung_erfassen(person=person, daten=_daten(ds, bezug, "busse"), durch=sb)
    ds.o[f"arbeit_{seite}"] = domain.arbeit_bewilligen(
        forderung=g, einsatzbetrieb="Werkhof", frist_bis=heute() + timedelta(days=60), durch=sb
    )


def _camt(referenz, praefix="NEU"):
    eintraege = [
        (f"{praefix}-1", Decimal("50.00"), heute(), referenz),
        (f"{praefix}-2", Decimal("7.00"), heute(), ""),
    ]
    inhalt = camt_beispiel.als_bytes(eintraege, msg_id=praefix)
    return SimpleUploadedFile("camt054.xml", inhalt, content_type="application/xml")


def anlegen(ds):
    for seite, bezug in (("a", SEITE_A), ("b", SEITE_B)):
        _seite(ds, seite, bezug)
    sb = ds.benutzer["sachbearbeitung"]
    imp = domain.camt_importieren(
        datei=_camt("210000000003139471430009017", "ALT"), dateiname="camt.xml", durch=sb
    )
    ds.o["klaerung_posten"] = imp.klaerungsposten.filter(betrag__gt=0).first().pk
    ziele(ds)


def ziele(ds):
    o = ds.o
    for name in ("inkasso:liste", "inkasso:bericht", "inkasso:bericht_csv", "inkassoforderung-list"):
        ds.ziel(name)
    ds.ziel(
        "inkasso:klaerung",
        daten=lambda: {"posten": o["klaerung_posten"], "forderung": o["forderung_a"].nummer},
    )
    ds.ziel("inkasso:import", daten=lambda: {"datei": _camt(o["forderung_a"].qr_referenz)})
    ds.ziel(
        "inkassoimport-list", daten=lambda: {"datei": _camt(o["forderung_a"].qr_referenz)}, art="multipart"
    )
    ds.ziel(
        "inkasso:neu",
        daten=lambda: {
            "person": o["person_a"].pk,
            "art": "busse",
            "behoerde": "Staatsanwaltschaft Luzern",
            "referenz": "ST NEU",
            "entscheid_datum": iso(heute() - timedelta(days=30)),
            "rechtskraft_am": iso(heute()),
            "betrag": "300.00",
            "efs_tage": "3",
            "frist_monate": "2",
        },
    )
    ds.ziel(
        "inkassoforderung-list",
        daten=lambda: {
            "person": o["person_a"].pk,
            "art": "busse",
            "behoerde": "Staatsanwaltschaft Luzern",
            "referenz": "ST NEU API",
            "entscheidDatum": iso(heute() - timedelta(days=30)),
            "rechtskraftAm": iso(heute()),
            "betrag": "300.00",
            "efsTage": 3,
        },
        art="json",
    )
    for seite in ("a", "b"):
        bezug = SEITE_A if seite == "a" else SEITE_B
        kw = {"seite": seite, "bezug": bezug}
        f = o[f"forderung_{seite}"]
        for name in ("inkasso:detail", "inkasso:pdf", "inkasso:betreibung_pdf", "inkassoforderung-detail"):
            ds.ziel(name, kwargs={"pk": f.pk}, **kw)
        ds.ziel("inkasso:mahnung_pdf", kwargs={"pk": o[f"mahnung_{seite}"].pk}, **kw)
        ds.ziel("inkasso:quittung", kwargs={"pk": o[f"zahlung_{seite}"].pk}, **kw)
        ds.ziel(
            "inkasso:aktion[zahlung]",
            kwargs={"pk": f.pk, "aktion": "zahlung"},
            daten=lambda: {"betrag": "25.00", "valuta": iso(heute()), "bemerkung": "Schalter"},
            **kw,
        )
        ds.ziel(
            "inkassoforderung-zahlung",
            kwargs={"pk": f.pk},
            daten=lambda: {"betrag": "25.00", "valuta": iso(heute())},
            art="json",
            **kw,
        )
        a = o[f"arbeit_{seite}"]
        ds.ziel(
            "inkasso:einsatz",
            kwargs={"pk": a.pk},
            daten=lambda: {"datum": iso(heute()), "stunden": "4"},
            **kw,
        )
        ds.ziel(
            "inkasso:widerruf", kwargs={"pk": a.pk}, daten=lambda: {"begruendung": "Nicht erschienen."}, **kw
        )
