"""Vollzugsdaten (issue 21): the calculation of each case, an open examination of conditional release
(report and hearing recorded, so a decision can be drafted), a granted and enforceable one (so the
release can be executed), an Art. 59 measure with an application to the court awaiting its answer."""

from datetime import date

from kern.audit import speichern
from verfuegungen.models import Verfuegung
from vollzugsdaten import domain
from vollzugsdaten.models import Entlassungspruefung

from .hilfen import eroeffnen, heute, vor, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A), ("b", SEITE_B))


def _seite(ds, seite):
    sb, sb2 = ds.benutzer["sachbearbeitung"], ds.benutzer["sachbearbeitung2"]
    fall = ds.o[f"fall_{seite}"]
    # 300 days credited: the earliest conditional release lies in the past, so a release can be executed.
    domain.angaben_speichern(
        fall=fall,
        lebenslang=False,
        angerechnete_tage=300,
        anrechnung_beleg="Dispositiv Ziff. 2",
        anderswo_tage=0,
        anderswo_beleg="",
        durch=sb,
    )
    berechnung = domain.aktuelle_berechnung(fall)
    gewaehrt = Entlassungspruefung.objects.get(fall=fall)
    domain.bericht_erfassen(pruefung=gewaehrt, bericht="Gute Führung.", durch=sb)
    domain.anhoerung_erfassen(pruefung=gewaehrt, aeusserung="Einverstanden.", am=vor(hours=2), durch=sb)
    v = domain.entscheid_entwerfen(
        pruefung=gewaehrt,
        ergebnis="gewaehrt",
        begruendung="Günstige Prognose.",
        entlassung_am=berechnung.bedingte_entlassung,
        probezeit_jahre=2,
        durch=sb,
    )
    eroeffnen(v, entwerfer=sb, genehmiger=sb2)
    # Rechtskraft without waiting 20 days (the job would also touch the other modules' decisions).
    Verfuegung.objects.filter(pk=v.pk).update(status="rechtskraeftig", rechtskraeftig_am=heute())
    ds.o[f"vd_gewaehrt_{seite}"] = gewaehrt
    offen = speichern(Entlassungspruefung(fall=fall, faellig_am=heute()), durch=sb)
    domain.bericht_erfassen(pruefung=offen, bericht="Bericht.", durch=sb)
    domain.anhoerung_erfassen(pruefung=offen, aeusserung="Ja.", am=vor(hours=1), durch=sb)
    ds.o[f"vd_offen_{seite}"] = offen
    m = domain.massnahme_erfassen(
        fall=fall, artikel="59", beginn=date(2022, 1, 1), beginn_begruendung="Vollzugsbefehl", durch=sb
    )
    ds.o[f"vd_massnahme_{seite}"] = m
    ds.o[f"vd_antrag_{seite}"] = domain.antrag_einreichen(
        massnahme=m,
        art="aenderung",
        gericht="Kriminalgericht Luzern",
        antrag="Antrag.",
        akten="Urteil",
        eingereicht_am=date(2026, 6, 1),
        durch=sb,
    )


def anlegen(ds):
    for seite, _bezug in SEITEN:
        _seite(ds, seite)
    ziele(ds)


def ziele(ds):
    o = ds.o
    ds.ziel("entlassungspruefung-list")
    ds.ziel("strafzeit-list")
    ds.ziel(
        "massnahme-list",
        daten=lambda: {
            "fall": o["fall_a"].pk,
            "artikel": "60",
            "beginn": "2025-01-01",
            "beginnBegruendung": "Befehl",
        },
        art="json",
    )
    for seite, bezug in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        api = {"art": "json", **kw}
        fall, offen, gewaehrt = o[f"fall_{seite}"], o[f"vd_offen_{seite}"], o[f"vd_gewaehrt_{seite}"]
        m, antrag = o[f"vd_massnahme_{seite}"], o[f"vd_antrag_{seite}"]
        angaben = {"angerechnete_tage": "200", "anrechnung_beleg": "Ziff. 2", "anderswo_tage": "0"}
        ds.ziel("vollzugsdaten:fall", kwargs={"pk": fall.pk}, **kw)
        ds.ziel("vollzugsdaten:angaben", kwargs={"pk": fall.pk}, daten=lambda a=angaben: dict(a), **kw)
        ds.ziel(
            "vollzugsdaten:massnahme_neu",
            kwargs={"pk": fall.pk},
            daten=lambda: {"artikel": "63", "beginn": "2025-01-01", "beginn_begruendung": "Befehl"},
            **kw,
        )
        ds.ziel(
            "vollzugsdaten:massnahme_pruefung",
            kwargs={"pk": m.pk},
            daten=lambda: {"art": "62d", "am": "2026-01-10", "bericht": "Bericht.", "ergebnis": "Weiter."},
            **kw,
        )
        antrag_daten = {
            "art": "aenderung",
            "gericht": "Kriminalgericht",
            "antrag": "Antrag.",
            "akten": "Urteil",
            "eingereicht_am": "2026-09-01",
        }
        ds.ziel("vollzugsdaten:antrag_neu", kwargs={"pk": m.pk}, daten=lambda a=antrag_daten: dict(a), **kw)
        ds.ziel(
            "vollzugsdaten:antwort",
            kwargs={"pk": antrag.pk},
            daten=lambda: {"antwort": "abgewiesen", "am": "2026-10-01", "text": "Abgewiesen."},
            **kw,
        )
        ds.ziel("vollzugsdaten:antrag_pdf", kwargs={"pk": antrag.pk}, **kw)
        ds.ziel("massnahme-antrag-pdf", kwargs={"pk": m.pk, "antrag_pk": antrag.pk}, **kw)
        ds.ziel("vollzugsdaten:pruefung", kwargs={"pk": offen.pk}, **kw)
        ds.ziel("vollzugsdaten:bericht_anfordern", kwargs={"pk": offen.pk}, daten=lambda: {}, **kw)
        ds.ziel("vollzugsdaten:bericht", kwargs={"pk": offen.pk}, daten=lambda: {"bericht": "Neu."}, **kw)
        ds.ziel(
            "vollzugsdaten:anhoerung",
            kwargs={"pk": offen.pk},
            daten=lambda: {"am": zeit_form(vor(minutes=30)), "aeusserung": "Ja."},
            **kw,
        )
        ds.ziel(
            "vollzugsdaten:entscheid",
            kwargs={"pk": offen.pk},
            daten=lambda: {"ergebnis": "verweigert", "begruendung": "Prognose ungünstig."},
            **kw,
        )
        ds.ziel(
            "vollzugsdaten:entlassen",
            kwargs={"pk": gewaehrt.pk},
            daten=lambda: {"am": zeit_form(vor(minutes=5))},
            **kw,
        )
        ds.ziel("strafzeit-detail", kwargs={"pk": fall.pk}, **kw)
        ds.ziel(
            "strafzeit-angaben",
            kwargs={"pk": fall.pk},
            daten=lambda: {"angerechneteTage": 200, "anrechnungBeleg": "Ziff. 2"},
            **api,
        )
        ds.ziel("entlassungspruefung-detail", kwargs={"pk": offen.pk}, **kw)
        ds.ziel("entlassungspruefung-bericht-anfordern", kwargs={"pk": offen.pk}, daten=lambda: {}, **api)
        ds.ziel(
            "entlassungspruefung-bericht", kwargs={"pk": offen.pk}, daten=lambda: {"bericht": "Neu."}, **api
        )
        ds.ziel(
            "entlassungspruefung-anhoerung",
            kwargs={"pk": offen.pk},
            daten=lambda: {"aeusserung": "Ja.", "am": zeit_json(vor(minutes=30))},
            **api,
        )
        ds.ziel(
            "entlassungspruefung-entscheid",
            kwargs={"pk": offen.pk},
            daten=lambda: {"entscheid": "verweigert", "begruendung": "Prognose ungünstig."},
            **api,
        )
        ds.ziel(
            "entlassungspruefung-entlassen",
            kwargs={"pk": gewaehrt.pk},
            daten=lambda: {"am": zeit_json(vor(minutes=5))},
            **api,
        )
        ds.ziel("massnahme-detail", kwargs={"pk": m.pk}, **kw)
        ds.ziel(
            "massnahme-pruefung",
            kwargs={"pk": m.pk},
            daten=lambda: {"art": "62d", "am": "2026-01-10", "bericht": "Bericht.", "ergebnis": "Weiter."},
            **api,
        )
        ds.ziel(
            "massnahme-antrag",
            kwargs={"pk": m.pk},
            daten=lambda: {
                "art": "aenderung",
                "gericht": "KG",
                "antrag": "A",
                "akten": "Urteil",
                "eingereichtAm": "2026-09-01",
            },
            **api,
        )
        ds.ziel(
            "massnahme-antwort",
            kwargs={"pk": m.pk},
            daten=lambda a=antrag: {"antrag": a.pk, "antwort": "abgewiesen", "am": "2026-10-01"},
            **api,
        )
