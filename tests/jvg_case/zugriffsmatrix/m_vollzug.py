"""Vollzug (§§ 12–18): persons, cases, placements, documents, the Vollzugsplan and § 14 requests."""

from datetime import date, timedelta

from aufschub import domain as aufschub
from aufschub.recht import Gesuchsart, Gesuchsgrund
from kern.models import Aufgabe
from vollzug import domain
from vollzug import domain as vollzug
from vollzug.models import Person, Sanktion
from vollzug.recht import Platzierungsart, VollzugAufgabenart

from .datensatz import datei
from .hilfen import eroeffnen, heute, iso, vor, zeit_form
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A), ("b", SEITE_B))


def _plan(ds, seite, bezug):
    """§ 18: version 1 sent to the authority (its task open), version 2 (a review) not yet sent."""
    fall = ds.o[f"fall_{seite}"]
    leitung = ds.benutzer["leitung_gh" if seite == "a" else "leitung_ww"]
    stufen = [
        domain.StufeDaten(1, ds.mk("akte", bezug), ds.mk("akte", bezug)),
        domain.StufeDaten(2, ds.mk("akte", bezug), ""),
        domain.StufeDaten(3, ds.mk("akte", bezug), ""),
    ]
    v1 = domain.version_erstellen(
        fall=fall,
        gestaltung=ds.mk("akte", bezug),
        vollzugsziele=ds.mk("akte", bezug),
        wiedereingliederung=ds.mk("akte", bezug),
        stufen=stufen,
        aktuelle_stufe=1,
        durch=leitung,
    )
    domain.version_zustellen(version=v1, durch=leitung)
    v2 = domain.version_erstellen(
        fall=fall,
        gestaltung=ds.mk("akte", bezug),
        vollzugsziele=ds.mk("akte", bezug),
        wiedereingliederung=ds.mk("akte", bezug),
        stufen=stufen,
        aktuelle_stufe=2,
        anlass=ds.mk("akte", bezug),
        durch=leitung,
    )
    ds.o[f"plan_v2_{seite}"] = v2
    ds.o[f"plan_aufgabe_{seite}"] = Aufgabe.objects.get(
        fall=fall, art=VollzugAufgabenart.VOLLZUGSPLAN_ZUGESTELLT, erledigt_am__isnull=True
    )


def _gesuch(ds, fall, bezug, *, art=Gesuchsart.UNTERBRECHUNG, grund=Gesuchsgrund.B, von=None, tage=10, **kw):
    sanktion = Sanktion.objects.filter(entscheid__fall=fall).first()
    von = von or heute() + timedelta(days=30)
    return aufschub.gesuch_erfassen(
        fall=fall,
        sanktion=sanktion,
        art=art,
        grund=grund,
        eingereicht_am=heute(),
        begehrt_von=von,
        begehrt_bis=von + timedelta(days=tage - 1),
        begruendung=kw.pop("begruendung", None) or ds.mk("akte", bezug),
        durch=ds.benutzer["sachbearbeitung"],
        **kw,
    )


def _bewilligen(ds, gesuch, bezug):
    sb, sb2 = ds.benutzer["sachbearbeitung"], ds.benutzer["sachbearbeitung2"]
    v = aufschub.gesuch_entscheiden(
        gesuch=gesuch,
        bewilligen=True,
        beurteilung_vollzugsdauer=ds.mk("akte", bezug),
        fluchtgefahr="gering",
        wiederholungsgefahr="gering",
        entscheid_begruendung=ds.mk("akte", bezug),
        durch=sb,
    )
    eroeffnen(v, entwerfer=sb, genehmiger=sb2)
    gesuch.refresh_from_db()
    return gesuch


def _gesuche(ds, seite, bezug):
    fall = ds.o[f"fall_{seite}"]
    ds.o[f"gesuch_offen_{seite}"] = _gesuch(ds, fall, bezug)
    ds.o[f"gesuch_gesundheit_{seite}"] = _gesuch(
        ds,
        fall,
        bezug,
        grund=Gesuchsgrund.A,
        von=heute() + timedelta(days=60),
        begruendung=ds.mk("gesundheit", bezug),
        arztzeugnis=datei("zeugnis.txt", ds.mk("gesundheit", bezug)),
        arztzeugnis_ausgestellt_am=heute() - timedelta(days=2),
    )
    # Granted and notified, starting today: it can be entered now (R-14-1, § 14).
    ds.o[f"gesuch_bewilligt_{seite}"] = _bewilligen(ds, _gesuch(ds, fall, bezug, von=heute(), tage=5), bezug)


def _ohne_platz(ds):
    """Side U (no facility): a case not yet begun with a granted deferral (einweisen, aufgebot) and a
    case whose interruption is under way (beenden). Facility roles and the physician see neither."""
    sb = ds.benutzer["sachbearbeitung"]
    from .datensatz import _fall

    bezug = frozenset()
    p1 = vollzug.person_erfassen(
        amtlicher_name=ds.mk("personalien", bezug),
        vorname="Ursula",
        geschlecht="2",
        geburtsdatum=date(1990, 1, 1),
        durch=sb,
    )
    f1 = _fall(ds, p1, bezug, behoerde="Kriminalgericht Luzern")
    g1 = _gesuch(ds, f1, bezug, art=Gesuchsart.AUFSCHUB, von=heute() + timedelta(days=20), tage=30)
    ds.o["gesuch_aufschub_u"] = _bewilligen(ds, g1, bezug)
    ds.o["fall_u"] = f1
    p2 = vollzug.person_erfassen(
        amtlicher_name=ds.mk("personalien", bezug),
        vorname="Urs",
        geschlecht="1",
        geburtsdatum=date(1980, 1, 1),
        durch=sb,
    )
    f2 = _fall(ds, p2, bezug, behoerde="Kriminalgericht Luzern")
    vollzug.einweisen(fall=f2, anstalt=ds.o["gh"], am=vor(days=30), durch=sb)
    g2 = _bewilligen(ds, _gesuch(ds, f2, bezug, von=heute() - timedelta(days=1), tage=5), bezug)
    aufschub.unterbrechung_antreten(gesuch=g2, am=vor(hours=20), durch=sb)
    g2.refresh_from_db()
    ds.o["gesuch_unterbrochen_u"] = g2


def _vertretung(ds, seite):
    # Issue 17: a running mandate per side (ended by `vertretung_beenden`).
    ds.o[f"vertretung_{seite}"] = vollzug.vertretung_erfassen(
        person=ds.o[f"person_{seite}"],
        funktion="verteidigung",
        name="lic. iur. Anna Beispiel, Rechtsanwältin",
        strasse="Pilatusstrasse",
        hausnummer="1",
        postleitzahl="6003",
        ort="Luzern",
        durch=ds.benutzer["sachbearbeitung"],
    )


def anlegen(ds):
    for seite, bezug in SEITEN:
        _plan(ds, seite, bezug)
        _gesuche(ds, seite, bezug)
        _vertretung(ds, seite)
    _ohne_platz(ds)
    ziele(ds)


# --- Targets ---------------------------------------------------------------------------------------


def _fall_form(ds, person):
    def daten():
        return {
            "person": person.pk,
            "art": "urteil",
            "behoerde": "Kriminalgericht Luzern",
            "referenz": "KG 26 999",
            "entscheid_datum": "2026-01-05",
            "rechtskraft_am": "2026-02-10",
            "eingang_am": iso(heute()),
            "sanktionen-TOTAL_FORMS": "1",
            "sanktionen-INITIAL_FORMS": "0",
            "sanktionen-MIN_NUM_FORMS": "0",
            "sanktionen-MAX_NUM_FORMS": "20",
            "sanktionen-0-art": "freiheitsstrafe",
            "sanktionen-0-dauer_monate": "8",
            "dokumente-TOTAL_FORMS": "0",
            "dokumente-INITIAL_FORMS": "0",
            "dokumente-MIN_NUM_FORMS": "0",
            "dokumente-MAX_NUM_FORMS": "10",
        }

    return daten


def ziele(ds):
    o = ds.o
    andere = {"a": o["ww"], "b": o["gh"]}
    ds.ziel("vollzug:person_list", query="q=" + Person.objects.get(pk=o["person_a"].pk).amtlicher_name[:4])
    ds.ziel(
        "vollzug:person_neu",
        daten=lambda: {
            "amtlicher_name": "Neumann",
            "vorname": "Nina",
            "geschlecht": "2",
            "geburtsdatum": "1991-03-04",
        },
    )
    ds.ziel("vollzug:fall_list")
    ds.ziel("vollzug:fall_neu", daten=_fall_form(ds, o["person_a"]))
    ds.ziel("vollzug:gesuch14_liste")
    # Einweisen: only a case of a person placed nowhere can be placed (R-17-1).
    ds.ziel(
        "vollzug:fall_einweisen",
        kwargs={"pk": o["fall_u"].pk},
        seite="u",
        daten=lambda: {"anstalt": o["gh"].pk, "abteilung": "Eintritt", "von": zeit_form(vor(minutes=5))},
    )
    g = o["gesuch_unterbrochen_u"]
    ds.ziel(
        "vollzug:gesuch14_aktion[beenden]",
        kwargs={"pk": g.pk, "aktion": "beenden"},
        seite="u",
        daten=lambda: {"beenden-unterbrechung_beendet_am": zeit_form(vor(minutes=5))},
    )
    ds.ziel(
        "vollzug:gesuch14_schritt[aufgebot]",
        kwargs={"pk": o["gesuch_aufschub_u"].pk, "schritt": "aufgebot"},
        seite="u",
        daten=lambda: {},
    )
    for seite, bezug in SEITEN:
        fall, person = o[f"fall_{seite}"], o[f"person_{seite}"]
        kw = {"seite": seite, "bezug": bezug}
        ds.ziel("vollzug:person_detail", kwargs={"pk": person.pk}, **kw)
        ds.ziel(
            "vollzug:vertretung_neu",
            kwargs={"pk": person.pk},
            daten=lambda: {
                "funktion": "rechtsvertretung",
                "name": "Dr. iur. Beat Muster",
                "strasse": "Hirschengraben",
                "hausnummer": "2",
                "postleitzahl": "6003",
                "ort": "Luzern",
            },
            **kw,
        )
        ds.ziel(
            "vollzug:vertretung_beenden",
            kwargs={"pk": o[f"vertretung_{seite}"].pk},
            daten=lambda: {"bis": iso(heute()), "bestaetigt": "1"},
            **kw,
        )
        ds.ziel("vertretung-detail", kwargs={"pk": o[f"vertretung_{seite}"].pk}, **kw)
        ds.ziel(
            "vertretung-beenden",
            kwargs={"pk": o[f"vertretung_{seite}"].pk},
            daten=lambda: {"endedOn": iso(heute())},
            art="json",
            **kw,
        )
        ds.ziel("vollzug:fall_detail", kwargs={"pk": fall.pk}, **kw)
        ds.ziel(
            "vollzug:fall_versetzen",
            kwargs={"pk": fall.pk},
            daten=lambda a=andere[seite]: {
                "art": Platzierungsart.VERSETZUNG,
                "anstalt": a.pk,
                "grund": "b",
                "begruendung": "Platzmangel",
                "von": zeit_form(vor(minutes=5)),
            },
            **kw,
        )
        ds.ziel(
            "vollzug:fall_entlassen",
            kwargs={"pk": fall.pk},
            daten=lambda: {"entlassung_am": zeit_form(vor(minutes=5)), "bemerkung": "Strafende"},
            **kw,
        )
        ds.ziel("vollzug:dokument_download", kwargs={"pk": o[f"dokument_{seite}"].pk}, **kw)
        ds.ziel(
            "vollzug:platzierung_verfuegung",
            kwargs={"pk": o[f"platzierung_{seite}"].pk},
            daten=lambda: {},
            **kw,
        )
        ds.ziel("vollzug:arztbericht_download", kwargs={"pk": o[f"klinik_platzierung_{seite}"].pk}, **kw)
        # § 18 Vollzugsplan
        ds.ziel("vollzug:plan_detail", kwargs={"pk": fall.pk}, **kw)
        ds.ziel(
            "vollzug:plan_neu",
            kwargs={"pk": fall.pk},
            daten=lambda: {
                "gestaltung": "Wohngruppe C",
                "vollzugsziele": "Tagesstruktur",
                "wiedereingliederung": "Wohnung",
                "stufen": "Eintritt\nNormalvollzug\nProgression",
                "aktuelle_stufe": "2",
                "anlass": "Halbjährliche Überprüfung",
            },
            **kw,
        )
        ds.ziel(
            "vollzug:plan_stufe",
            kwargs={"pk": fall.pk},
            daten=lambda: {"stufe": "3", "grund": "Fortschritt"},
            **kw,
        )
        ds.ziel("vollzug:plan_vergleich", kwargs={"pk": fall.pk}, query="von=1&bis=2", **kw)
        ds.ziel("vollzug:plan_version", kwargs={"pk": fall.pk, "nummer": 2}, **kw)
        ds.ziel("vollzug:plan_zustellen", kwargs={"pk": fall.pk, "nummer": 2}, daten=lambda: {}, **kw)
        ds.ziel(
            "vollzug:plan_kenntnis",
            kwargs={"pk": fall.pk, "aufgabe_pk": o[f"plan_aufgabe_{seite}"].pk},
            daten=lambda: {},
            **kw,
        )
        # § 14 Aufschub und Unterbrechung
        sanktion = Sanktion.objects.filter(entscheid__fall=fall).first()
        ds.ziel(
            "vollzug:gesuch14_neu",
            kwargs={"pk": fall.pk},
            daten=lambda s=sanktion: {
                "sanktion": s.pk,
                "art": "unterbrechung",
                "grund": "b",
                "eingereicht_am": iso(heute()),
                "begehrt_von": iso(heute() + timedelta(days=100)),
                "begehrt_bis": iso(heute() + timedelta(days=104)),
                "begruendung": "Beerdigung",
            },
            **kw,
        )
        offen = o[f"gesuch_offen_{seite}"]
        ds.ziel("vollzug:gesuch14_detail", kwargs={"pk": offen.pk}, **kw)
        ds.ziel("vollzug:gesuch14_arztzeugnis", kwargs={"pk": o[f"gesuch_gesundheit_{seite}"].pk}, **kw)
        ds.ziel(
            "vollzug:gesuch14_aktion[entscheid]",
            kwargs={"pk": offen.pk, "aktion": "entscheid"},
            daten=lambda: {
                "entscheid-bewilligen": "ja",
                "entscheid-beurteilung_vollzugsdauer": "8 Monate",
                "entscheid-fluchtgefahr": "gering",
                "entscheid-wiederholungsgefahr": "gering",
                "entscheid-entscheid_begruendung": "Wichtiger Grund belegt.",
            },
            **kw,
        )
        ds.ziel(
            "vollzug:gesuch14_aktion[arztzeugnis]",
            kwargs={"pk": o[f"gesuch_gesundheit_{seite}"].pk, "aktion": "arztzeugnis"},
            daten=lambda: {
                "zeugnis-arztzeugnis": datei("zeugnis2.txt", "neu"),
                "zeugnis-arztzeugnis_ausgestellt_am": iso(heute()),
            },
            **kw,
        )
        ds.ziel(
            "vollzug:gesuch14_aktion[antreten]",
            kwargs={"pk": o[f"gesuch_bewilligt_{seite}"].pk, "aktion": "antreten"},
            daten=lambda: {"antreten-unterbrechung_ab": zeit_form(vor(minutes=5))},
            **kw,
        )
        ds.ziel(
            "vollzug:gesuch14_schritt[zurueckziehen]",
            kwargs={"pk": offen.pk, "schritt": "zurueckziehen"},
            daten=lambda: {"bestaetigt": "1"},  # withdrawing asks first (issue 17 item 7)
            **kw,
        )
        # API
        api = {"art": "json", **kw}
        ds.ziel("person-detail", kwargs={"pk": person.pk}, **kw)
        ds.ziel("fall-detail", kwargs={"pk": fall.pk}, **kw)
        ds.ziel("vollzugsplan-detail", kwargs={"pk": o[f"plan_v2_{seite}"].plan_id}, **kw)
        ds.ziel("aufschubgesuch-detail", kwargs={"pk": offen.pk}, **kw)
        ds.ziel(
            "aufschubgesuch-entscheid",
            kwargs={"pk": offen.pk},
            daten=lambda: {
                "bewilligen": True,
                "beurteilungVollzugsdauer": "8 Monate",
                "fluchtgefahr": "gering",
                "wiederholungsgefahr": "gering",
                "entscheidBegruendung": "Wichtiger Grund belegt.",
            },
            **api,
        )
        ds.ziel(
            "aufschubgesuch-arztzeugnis",
            kwargs={"pk": o[f"gesuch_gesundheit_{seite}"].pk},
            daten=lambda: {"arztzeugnis": datei("zeugnis3.txt", "neu"), "ausgestelltAm": iso(heute())},
            art="multipart",
            seite=seite,
            bezug=bezug,
        )
    ds.ziel(
        "vertretung-list",
        art="json",
        daten=lambda: {
            "person": o["person_a"].pk,
            "function": "gesetzliche_vertretung",
            "name": "Maria Beispiel",
            "street": "Seeweg",
            "houseNumber": "5",
            "swissZipCode": "6005",
            "town": "Luzern",
        },
    )
    ds.ziel(
        "person-list",
        art="json",
        daten=lambda: {
            "officialName": "Neumann",
            "firstName": "Nina",
            "sex": "2",
            "dateOfBirth": "1991-03-04",
        },
    )
    ds.ziel(
        "fall-list",
        art="json",
        daten=lambda: {
            "person": o["person_a"].pk,
            "entscheid": {
                "art": "urteil",
                "behoerde": "Kriminalgericht Luzern",
                "referenz": "KG 26 998",
                "entscheidDatum": "2026-01-05",
                "rechtskraftAm": "2026-02-10",
            },
            "sanktionen": [{"art": "freiheitsstrafe", "dauerMonate": 8}],
        },
    )
    ds.ziel("vollzugsplan-list")
    ds.ziel(
        "aufschubgesuch-list",
        art="json",
        daten=lambda: {
            "fall": o["fall_a"].pk,
            "sanktion": Sanktion.objects.filter(entscheid__fall=o["fall_a"]).first().pk,
            "art": "unterbrechung",
            "grund": "b",
            "eingereichtAm": iso(heute()),
            "begehrtVon": iso(heute() + timedelta(days=100)),
            "begehrtBis": iso(heute() + timedelta(days=104)),
            "begruendung": "Beerdigung",
        },
    )
