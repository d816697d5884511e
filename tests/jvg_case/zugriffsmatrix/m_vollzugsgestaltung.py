"""Vollzugsöffnungen (Art. 75a, 77a, 84 StGB, § 43 Abs. 3), § 16 forms, Bewährungshilfe (§ 19) and
Begnadigung (§ 51): one object per state each action needs, on both sides."""

from datetime import timedelta

from django.utils import timezone

from verfuegungen import domain as vfg
from vollzug.models import Sanktion
from vollzugsgestaltung import domain

from .hilfen import eroeffnen, heute, iso, vor, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A, "gh"), ("b", SEITE_B, "ww"))


def _oeffnung(ds, seite, bezug, kurz, *, von, bis, grundlage="freiheitsstrafe", **kw):
    return domain.oeffnung_beantragen(
        fall=ds.o[f"fall_{seite}"],
        art="urlaub",
        grundlage=grundlage,
        von=von,
        bis=bis,
        begruendung=ds.mk("akte", bezug),
        durch=ds.benutzer[f"leitung_{kurz}"],
        **kw,
    )


def _eroeffnet(ds, o, bezug, *, bewilligen=True):
    sb, sb2 = ds.benutzer["sachbearbeitung"], ds.benutzer["sachbearbeitung2"]
    v = domain.oeffnung_entscheiden(
        oeffnung=o, bewilligen=bewilligen, begruendung=ds.mk("akte", bezug), durch=sb
    )
    eroeffnen(v, entwerfer=sb, genehmiger=sb2)
    o.refresh_from_db()
    return o, v


def _objekte(ds, seite, bezug, kurz):
    o, sb = ds.o, ds.benutzer["sachbearbeitung"]
    jetzt = timezone.now()
    o[f"oe_offen_{seite}"] = _oeffnung(
        ds, seite, bezug, kurz, von=jetzt + timedelta(days=3), bis=jetzt + timedelta(days=4)
    )
    o[f"oe_75a_{seite}"] = _oeffnung(
        ds,
        seite,
        bezug,
        kurz,
        von=jetzt + timedelta(days=5),
        bis=jetzt + timedelta(days=6),
        gemeingefaehrlich_75a=True,
    )
    o[f"oe_bewilligt_{seite}"], _ = _eroeffnet(
        ds, _oeffnung(ds, seite, bezug, kurz, von=vor(hours=1), bis=jetzt + timedelta(hours=5)), bezug
    )
    unterwegs, _ = _eroeffnet(
        ds, _oeffnung(ds, seite, bezug, kurz, von=vor(hours=10), bis=vor(hours=1)), bezug
    )
    domain.antritt_erfassen(oeffnung=unterwegs, am=vor(hours=9), durch=sb)
    o[f"oe_unterwegs_{seite}"] = unterwegs
    beschwert, v = _eroeffnet(
        ds,
        _oeffnung(
            ds,
            seite,
            bezug,
            kurz,
            von=jetzt + timedelta(days=7),
            bis=jetzt + timedelta(days=8),
            grundlage="art_59",
        ),
        bezug,
        bewilligen=False,
    )
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=heute(), durch=sb)
    o[f"oe_beschwerde_{seite}"] = beschwert
    # § 16
    fall = o[f"fall_{seite}"]
    sanktion = Sanktion.objects.filter(entscheid__fall=fall).first()
    o[f"vf_offen_{seite}"] = domain.vollzugsform_beantragen(
        fall=fall,
        sanktion=sanktion,
        form="electronic_monitoring",
        strafdauer_tage=90,
        gesuch_am=heute(),
        durch=sb,
    )
    ga = domain.vollzugsform_beantragen(
        fall=fall,
        sanktion=sanktion,
        form="gemeinnuetzige_arbeit",
        strafdauer_tage=10,
        gesuch_am=heute(),
        durch=sb,
    )
    domain.vollzugsbefehl_erlassen(
        vollzugsform=ga,
        abklaerung=ds.mk("akte", bezug),
        beginn=heute(),
        einsatzbetrieb=ds.mk("akte", bezug),
        durch=sb,
    )
    o[f"vf_ga_{seite}"] = ga
    # Bewährungshilfe
    person = o[f"person_{seite}"]
    akte = domain.akte_eroeffnen(
        person=person,
        fall=fall,
        anlass="bedingte_entlassung",
        gericht=ds.mk("bewaehrung", bezug),
        referenz="KG 2026 7",
        probezeit_von=heute(),
        probezeit_jahre=2,
        durch=sb,
    )
    w = domain.weisung_erfassen(
        akte=akte, text=ds.mk("bewaehrung", bezug), naechste_kontrolle=heute(), durch=sb
    )
    domain.eintrag_erfassen(
        akte=akte, art="kontakt", datum=heute(), text=ds.mk("bewaehrung", bezug), durch=sb
    )
    for _ in range(2):
        domain.weisung_kontrollieren(
            weisung=w,
            datum=heute(),
            eingehalten=False,
            text=ds.mk("bewaehrung", bezug),
            naechste_kontrolle=heute() + timedelta(days=7),
            durch=sb,
        )
    gesendet, offen = akte.gerichtsmeldungen.order_by("pk")
    domain.gerichtsmeldung_senden(
        meldung=gesendet, bericht=ds.mk("bewaehrung", bezug), gesendet_am=heute(), durch=sb
    )
    o[f"akte_{seite}"], o[f"weisung_{seite}"] = akte, w
    o[f"meldung_offen_{seite}"], o[f"meldung_gesendet_{seite}"] = offen, gesendet
    # Begnadigung
    for schluessel in ("gnade_offen", "gnade_weiter"):
        o[f"{schluessel}_{seite}"] = domain.gnadengesuch_erfassen(
            person=person,
            fall=fall,
            eingereicht_am=heute(),
            gesuchsteller=ds.mk("bewaehrung", bezug),
            begehren=ds.mk("bewaehrung", bezug),
            durch=sb,
        )
    domain.gnadengesuch_weiterleiten(
        gesuch=o[f"gnade_weiter_{seite}"],
        am=heute(),
        bericht=ds.mk("bewaehrung", bezug),
        vollzug_aussetzen=False,
        aussetzung_begruendung=ds.mk("bewaehrung", bezug),
        durch=sb,
    )


def _aktion(ds, name, objekt, aktion, daten, kw):
    ds.ziel(
        f"vollzugsgestaltung:{name}[{aktion}]", kwargs={"pk": objekt.pk, "aktion": aktion}, daten=daten, **kw
    )


def _browser(ds, seite, bezug):
    o = ds.o
    kw = {"seite": seite, "bezug": bezug}
    fall, person = o[f"fall_{seite}"], o[f"person_{seite}"]
    jetzt = timezone.now()
    ds.ziel(
        "vollzugsgestaltung:oeffnung_neu",
        kwargs={"pk": fall.pk},
        daten=lambda: {
            "art": "ausgang",
            "grundlage": "freiheitsstrafe",
            "von": zeit_form(jetzt + timedelta(days=2)),
            "bis": zeit_form(jetzt + timedelta(days=2, hours=6)),
            "begruendung": "Arzttermin",
        },
        **kw,
    )
    ds.ziel("vollzugsgestaltung:oeffnung_detail", kwargs={"pk": o[f"oe_offen_{seite}"].pk}, **kw)
    _aktion(
        ds,
        "oeffnung_aktion",
        o[f"oe_75a_{seite}"],
        "fachkommission",
        lambda: {
            "fachkommission-am": iso(heute()),
            "fachkommission-ergebnis": "befuerwortet",
            "fachkommission-text": "Befürwortet",
        },
        kw,
    )
    _aktion(
        ds,
        "oeffnung_aktion",
        o[f"oe_offen_{seite}"],
        "entscheiden",
        lambda: {"entscheiden-bewilligen": "1", "entscheiden-begruendung": "Stufe erreicht"},
        kw,
    )
    _aktion(
        ds,
        "oeffnung_aktion",
        o[f"oe_bewilligt_{seite}"],
        "antritt",
        lambda: {"antritt-am": zeit_form(vor(minutes=5))},
        kw,
    )
    _aktion(
        ds,
        "oeffnung_aktion",
        o[f"oe_unterwegs_{seite}"],
        "rueckkehr",
        lambda: {"rueckkehr-am": zeit_form(vor(minutes=5))},
        kw,
    )
    _aktion(
        ds,
        "oeffnung_aktion",
        o[f"oe_unterwegs_{seite}"],
        "nichtrueckkehr",
        lambda: {"nichtrueckkehr-bemerkung": "Nicht erschienen"},
        kw,
    )
    _aktion(
        ds,
        "oeffnung_aktion",
        o[f"oe_beschwerde_{seite}"],
        "staatsanwaltschaft",
        lambda: {"staatsanwaltschaft-eingeladen_am": iso(heute())},
        kw,
    )
    sanktion = Sanktion.objects.filter(entscheid__fall=fall).first()
    ds.ziel(
        "vollzugsgestaltung:form_neu",
        kwargs={"pk": fall.pk},
        daten=lambda: {
            "sanktion": sanktion.pk,
            "form": "halbgefangenschaft",
            "strafdauer_tage": "200",
            "gesuch_am": iso(heute()),
        },
        **kw,
    )
    ds.ziel("vollzugsgestaltung:form_detail", kwargs={"pk": o[f"vf_ga_{seite}"].pk}, **kw)
    _aktion(
        ds,
        "form_aktion",
        o[f"vf_offen_{seite}"],
        "befehl",
        lambda: {"befehl-abklaerung": "Erfüllt", "befehl-beginn": iso(heute())},
        kw,
    )
    _aktion(
        ds,
        "form_aktion",
        o[f"vf_offen_{seite}"],
        "ablehnen",
        lambda: {"ablehnen-abklaerung": "Keine Wohnung"},
        kw,
    )
    _aktion(
        ds,
        "form_aktion",
        o[f"vf_ga_{seite}"],
        "stunden",
        lambda: {"stunden-datum": iso(heute()), "stunden-stunden": "4", "stunden-gemeldet_von": "Brändi"},
        kw,
    )
    _aktion(
        ds,
        "form_aktion",
        o[f"vf_ga_{seite}"],
        "umwandeln",
        lambda: {"umwandeln-begruendung": "Trotz Mahnung nicht erschienen"},
        kw,
    )
    ds.ziel(
        "vollzugsgestaltung:akte_neu",
        kwargs={"pk": person.pk},
        daten=lambda: {
            "anlass": "bedingte_strafe",
            "gericht": "Kriminalgericht Luzern",
            "referenz": "KG 1",
            "probezeit_von": iso(heute()),
            "probezeit_jahre": "3",
            "bewaehrungshilfe_angeordnet": "on",
        },
        **kw,
    )
    akte = o[f"akte_{seite}"]
    ds.ziel("vollzugsgestaltung:akte_detail", kwargs={"pk": akte.pk}, **kw)
    _aktion(
        ds,
        "akte_aktion",
        akte,
        "weisung",
        lambda: {"weisung-text": "Meldepflicht", "weisung-naechste_kontrolle": iso(heute())},
        kw,
    )
    _aktion(
        ds,
        "akte_aktion",
        akte,
        "eintrag",
        lambda: {
            "eintrag-art": "bericht",
            "eintrag-datum": iso(heute()),
            "eintrag-text": "Halbjahresbericht",
        },
        kw,
    )
    _aktion(
        ds,
        "akte_aktion",
        akte,
        "kontrolle",
        lambda: {
            "kontrolle-weisung": o[f"weisung_{seite}"].pk,
            "kontrolle-datum": iso(heute()),
            "kontrolle-eingehalten": "1",
            "kontrolle-text": "Eingehalten",
            "kontrolle-naechste_kontrolle": iso(heute() + timedelta(days=30)),
        },
        kw,
    )
    _aktion(ds, "akte_aktion", akte, "abschliessen", lambda: {"abschliessen-am": iso(heute())}, kw)
    ds.ziel(
        "vollzugsgestaltung:meldung_aktion[senden]",
        kwargs={"pk": o[f"meldung_offen_{seite}"].pk, "aktion": "senden"},
        daten=lambda: {"senden-bericht": "Bericht", "senden-gesendet_am": iso(heute())},
        **kw,
    )
    ds.ziel(
        "vollzugsgestaltung:meldung_aktion[antwort]",
        kwargs={"pk": o[f"meldung_gesendet_{seite}"].pk, "aktion": "antwort"},
        daten=lambda: {"antwort-am": iso(heute()), "antwort-antwort": "Verwarnung"},
        **kw,
    )
    ds.ziel(
        "vollzugsgestaltung:gnade_neu",
        kwargs={"pk": person.pk},
        daten=lambda: {"eingereicht_am": iso(heute()), "gesuchsteller": "RA Keller", "begehren": "Erlass"},
        **kw,
    )
    ds.ziel("vollzugsgestaltung:gnade_detail", kwargs={"pk": o[f"gnade_weiter_{seite}"].pk}, **kw)
    _aktion(
        ds,
        "gnade_aktion",
        o[f"gnade_offen_{seite}"],
        "weiterleiten",
        lambda: {
            "weiterleiten-am": iso(heute()),
            "weiterleiten-bericht": "Bericht",
            "weiterleiten-vollzug_aussetzen": "0",
            "weiterleiten-aussetzung_begruendung": "Keine Dringlichkeit",
        },
        kw,
    )
    _aktion(
        ds,
        "gnade_aktion",
        o[f"gnade_weiter_{seite}"],
        "entscheid",
        lambda: {
            "entscheid-entscheid": "abgewiesen",
            "entscheid-am": iso(heute()),
            "entscheid-text": "Abgewiesen",
        },
        kw,
    )


def _api(ds, seite, bezug):
    o = ds.o
    kw = {"seite": seite, "bezug": bezug}
    api = {"art": "json", **kw}
    fall = o[f"fall_{seite}"]
    jetzt = timezone.now()
    ds.ziel(
        "vollzugsoeffnung-list",
        daten=lambda: {
            "fall": fall.pk,
            "oeffnungsart": "ausgang",
            "grundlage": "freiheitsstrafe",
            "von": zeit_json(jetzt + timedelta(days=2)),
            "bis": zeit_json(jetzt + timedelta(days=2, hours=6)),
            "begruendung": "Arzttermin",
        },
        **api,
    )
    ds.ziel("vollzugsoeffnung-detail", kwargs={"pk": o[f"oe_offen_{seite}"].pk}, **kw)
    for aktion, objekt, daten in (
        (
            "fachkommission",
            "oe_75a",
            lambda: {"am": iso(heute()), "fachkommissionErgebnis": "befuerwortet", "text": "Ja"},
        ),
        ("entscheiden", "oe_offen", lambda: {"bewilligen": True, "begruendung": "Stufe erreicht"}),
        ("antritt", "oe_bewilligt", lambda: {"am": zeit_json(vor(minutes=5))}),
        ("rueckkehr", "oe_unterwegs", lambda: {"am": zeit_json(vor(minutes=5))}),
        ("nichtrueckkehr", "oe_unterwegs", lambda: {"bemerkung": "Nicht erschienen"}),
        ("staatsanwaltschaft", "oe_beschwerde", lambda: {"eingeladenAm": iso(heute())}),
    ):
        ds.ziel(f"vollzugsoeffnung-{aktion}", kwargs={"pk": o[f"{objekt}_{seite}"].pk}, daten=daten, **api)
    ds.ziel("vollzugsform-detail", kwargs={"pk": o[f"vf_ga_{seite}"].pk}, **kw)
    for aktion, objekt, daten in (
        ("befehl", "vf_offen", lambda: {"abklaerung": "Erfüllt", "beginn": iso(heute())}),
        ("ablehnen", "vf_offen", lambda: {"abklaerung": "Keine Wohnung"}),
        ("stunden", "vf_ga", lambda: {"datum": iso(heute()), "stunden": 4, "gemeldetVon": "Brändi"}),
        ("umwandeln", "vf_ga", lambda: {"begruendung": "Trotz Mahnung nicht erschienen"}),
    ):
        ds.ziel(f"vollzugsform-{aktion}", kwargs={"pk": o[f"{objekt}_{seite}"].pk}, daten=daten, **api)
    akte = o[f"akte_{seite}"]
    ds.ziel("bewaehrungsakte-detail", kwargs={"pk": akte.pk}, **kw)
    for aktion, daten in (
        ("weisung", lambda: {"text": "Meldepflicht", "naechsteKontrolle": iso(heute())}),
        ("eintrag", lambda: {"eintragsart": "bericht", "datum": iso(heute()), "text": "Bericht"}),
        (
            "kontrolle",
            lambda: {
                "weisung": o[f"weisung_{seite}"].pk,
                "datum": iso(heute()),
                "eingehalten": True,
                "text": "Eingehalten",
                "naechsteKontrolle": iso(heute() + timedelta(days=30)),
            },
        ),
        (
            "meldung-senden",
            lambda: {"meldung": o[f"meldung_offen_{seite}"].pk, "bericht": "B", "gesendetAm": iso(heute())},
        ),
        (
            "gerichtsantwort",
            lambda: {
                "meldung": o[f"meldung_gesendet_{seite}"].pk,
                "am": iso(heute()),
                "antwort": "Verwarnung",
            },
        ),
        ("abschliessen", lambda: {"am": iso(heute())}),
    ):
        ds.ziel(f"bewaehrungsakte-{aktion}", kwargs={"pk": akte.pk}, daten=daten, **api)
    ds.ziel("begnadigungsgesuch-detail", kwargs={"pk": o[f"gnade_weiter_{seite}"].pk}, **kw)
    ds.ziel(
        "begnadigungsgesuch-weiterleiten",
        kwargs={"pk": o[f"gnade_offen_{seite}"].pk},
        daten=lambda: {
            "am": iso(heute()),
            "bericht": "B",
            "vollzugAussetzen": False,
            "aussetzungBegruendung": "Nein",
        },
        **api,
    )
    ds.ziel(
        "begnadigungsgesuch-entscheid",
        kwargs={"pk": o[f"gnade_weiter_{seite}"].pk},
        daten=lambda: {"entscheid": "abgewiesen", "am": iso(heute()), "text": "Abgewiesen"},
        **api,
    )


def anlegen(ds) -> None:
    for seite, bezug, kurz in SEITEN:
        _objekte(ds, seite, bezug, kurz)
    o = ds.o
    ds.ziel("vollzugsgestaltung:start")
    ds.ziel("vollzugsoeffnung-list")
    ds.ziel("vollzugsform-list")
    ds.ziel("bewaehrungsakte-list")
    ds.ziel("begnadigungsgesuch-list")
    ds.ziel(
        "vollzugsform-list",
        art="json",
        daten=lambda: {
            "fall": o["fall_a"].pk,
            "sanktion": Sanktion.objects.filter(entscheid__fall=o["fall_a"]).first().pk,
            "form": "halbgefangenschaft",
            "strafdauerTage": 200,
            "gesuchAm": iso(heute()),
        },
    )
    ds.ziel(
        "bewaehrungsakte-list",
        art="json",
        daten=lambda: {
            "person": o["person_a"].pk,
            "anlass": "bedingte_strafe",
            "gericht": "Kriminalgericht Luzern",
            "referenz": "KG 1",
            "probezeitVon": iso(heute()),
            "probezeitJahre": 3,
        },
    )
    ds.ziel(
        "begnadigungsgesuch-list",
        art="json",
        daten=lambda: {
            "person": o["person_a"].pk,
            "eingereichtAm": iso(heute()),
            "gesuchsteller": "RA",
            "begehren": "Erlass",
        },
    )
    for seite, bezug, _kurz in SEITEN:
        _browser(ds, seite, bezug)
        _api(ds, seite, bezug)
