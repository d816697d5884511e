"""§ 31 besondere Sicherheitsmassnahmen and § 33 unmittelbarer Zwang (protocols, statements, review)."""

from datetime import timedelta

from sicherheitsmassnahmen import domain as sm
from verfuegungen import domain as vfg
from zwang import domain as zw

from .hilfen import vor, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A, "gh"), ("b", SEITE_B, "ww"))
VERZICHT = sm.Gehoer(art="verzicht", text="Verzichtet.")


def _massnahme(ds, seite, bezug, kurz):
    return sm.massnahme_beantragen(
        fall=ds.o[f"fall_{seite}"],
        art="absonderung",
        risiken=["fremdgefaehrdung"],
        sachverhalt=ds.mk("akte", bezug),
        begruendung=ds.mk("akte", bezug),
        ausgestaltung=ds.mk("akte", bezug),
        durch=ds.benutzer[f"personal_{kurz}2"],
    )


def _protokolldaten(ds, bezug, beginn):
    return zw.ProtokollDaten(
        beginn=beginn,
        ende=beginn + timedelta(minutes=8),
        ort=ds.mk("akte", bezug),  # time, place and injuries are the physician's part too
        anlass=ds.mk("zwang", bezug),
        zweck_a=True,
        subsidiaritaet="versagt",
        mildere_massnahmen=ds.mk("zwang", bezug),
        mittel=["festhalten"],
        mittel_beschreibung=ds.mk("zwang", bezug),
        verletzung_person="verletzt",
        verletzung_person_text=ds.mk("akte", bezug),
        verletzung_personal="keine",
        verletzung_dritte="keine",
        arztkontrolle="durchgefuehrt",
        arztkontrolle_am=beginn + timedelta(minutes=30),
        arztkontrolle_durch="Gesundheitsdienst",
        aufnahmen=ds.mk("zwang", bezug),
    )


def _seite(ds, seite, bezug, kurz):
    personal, personal2 = ds.benutzer[f"personal_{kurz}"], ds.benutzer[f"personal_{kurz}2"]
    leitung2 = ds.benutzer[f"leitung_{kurz}2"]
    # § 31: a proposal to decide, and an active measure (ordered, notified) to review or lift.
    ds.o[f"sm_beantragt_{seite}"] = _massnahme(ds, seite, bezug, kurz)
    aktiv = _massnahme(ds, seite, bezug, kurz)
    sm.massnahme_genehmigen(massnahme=aktiv, durch=leitung2, kommentar="Angeordnet.", gehoer=VERZICHT)
    aktiv.refresh_from_db()
    vfg.eroeffnen(verfuegung=aktiv.verfuegung, art="einschreiben", durch=leitung2)
    aktiv.refresh_from_db()
    ds.o[f"sm_aktiv_{seite}"] = aktiv
    # § 33: a submitted protocol by a colleague with the actor involved (statement due), and the
    # actor's own draft.
    p = zw.protokoll_erfassen(
        fall=ds.o[f"fall_{seite}"],
        daten=_protokolldaten(ds, bezug, vor(hours=3)),
        beteiligte=[
            zw.BeteiligungDaten(benutzer=personal2, funktion="ausfuehrend"),
            zw.BeteiligungDaten(benutzer=personal, funktion="sicherung"),
        ],
        durch=personal2,
    )
    p = zw.protokoll_einreichen(protokoll=p, durch=personal2)
    ds.o[f"zwang_{seite}"] = p
    ds.o[f"beteiligung_{seite}"] = p.beteiligte.get(benutzer=personal)
    # Ready for the management's review: every involved person has given a statement.
    pruefbar = zw.protokoll_erfassen(
        fall=ds.o[f"fall_{seite}"],
        daten=_protokolldaten(ds, bezug, vor(hours=4)),
        beteiligte=[zw.BeteiligungDaten(benutzer=personal2, funktion="ausfuehrend")],
        durch=personal2,
    )
    pruefbar = zw.protokoll_einreichen(protokoll=pruefbar, durch=personal2)
    zw.stellungnahme_abgeben(
        beteiligung=pruefbar.beteiligte.get(), text=ds.mk("zwang", bezug), durch=personal2
    )
    ds.o[f"zwang_pruefbar_{seite}"] = pruefbar
    entwurf = zw.protokoll_erfassen(
        fall=ds.o[f"fall_{seite}"],
        daten=_protokolldaten(ds, bezug | {f"eigen:personal_{kurz}"}, vor(hours=2)),
        beteiligte=[zw.BeteiligungDaten(benutzer=personal, funktion="ausfuehrend")],
        durch=personal,
    )
    ds.o[f"zwang_entwurf_{seite}"] = entwurf


def anlegen(ds):
    for seite, bezug, kurz in SEITEN:
        _seite(ds, seite, bezug, kurz)
    ziele(ds)


def _protokoll_form(fall, personal, beginn):
    return {
        "fall": fall.pk,
        "beginn": zeit_form(beginn),
        "ende": zeit_form(beginn + timedelta(minutes=8)),
        "ort": "Korridor",
        "anlass": "Angriff auf Personal.",
        "zweck": ["a"],
        "subsidiaritaet": "versagt",
        "mildere_massnahmen": "Aufforderung.",
        "mittel": ["festhalten"],
        "mittel_beschreibung": "Festhalten an den Armen.",
        "verletzung_person": "keine",
        "verletzung_personal": "keine",
        "verletzung_dritte": "keine",
        "arztkontrolle": "abgelehnt",
        "arztkontrolle_am": zeit_form(beginn + timedelta(minutes=30)),
        "arztkontrolle_durch": "Pflege",
        "aufnahmen": "keine",
        "beteiligte-TOTAL_FORMS": "1",
        "beteiligte-INITIAL_FORMS": "0",
        "beteiligte-MIN_NUM_FORMS": "0",
        "beteiligte-MAX_NUM_FORMS": "30",
        "beteiligte-0-benutzer": personal.pk,
        "beteiligte-0-funktion": "ausfuehrend",
    }


def _protokoll_json(fall, personal, beginn):
    return {
        "fall": fall.pk,
        "beginn": zeit_json(beginn),
        "ende": zeit_json(beginn + timedelta(minutes=8)),
        "ort": "Korridor",
        "anlass": "Angriff auf Personal.",
        "zweck": ["a"],
        "subsidiaritaet": "versagt",
        "mildereMassnahmen": "Aufforderung.",
        "mittel": ["festhalten"],
        "mittelBeschreibung": "Festhalten an den Armen.",
        "verletzungPerson": False,
        "verletzungPersonal": False,
        "verletzungDritte": False,
        "arztkontrolle": "abgelehnt",
        "arztkontrolleAm": zeit_json(beginn + timedelta(minutes=30)),
        "arztkontrolleDurch": "Pflege",
        "aufnahmen": "keine",
        "beteiligte": [{"benutzer": personal.pk, "funktion": "ausfuehrend"}],
    }


def ziele(ds):
    o = ds.o
    for name in (
        "sicherheitsmassnahmen:liste",
        "sicherheitsmassnahme-list",
        "zwang:liste",
        "zwang:meine_stellungnahmen",
        "zwangsprotokoll-list",
    ):
        ds.ziel(name)
    for seite, bezug, kurz in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        api = {"art": "json", **kw}
        fall = o[f"fall_{seite}"]
        personal2 = ds.benutzer[f"personal_{kurz}2"]
        ds.ziel(
            "sicherheitsmassnahmen:neu",
            daten=lambda f=fall: {
                "fall": f.pk,
                "art": "entzug_gegenstaende",
                "risiken": ["sachgefaehrdung"],
                "sachverhalt": "Zerstörte Mobiliar.",
                "begruendung": "Gespräch ohne Wirkung.",
                "gehoer_art": "verzicht",
            },
            **kw,
        )
        ds.ziel(
            "sicherheitsmassnahme-list",
            daten=lambda f=fall: {
                "fall": f.pk,
                "art": "entzug_gegenstaende",
                "risiken": ["sachgefaehrdung"],
                "sachverhalt": "Zerstörte Mobiliar.",
                "begruendung": "Gespräch ohne Wirkung.",
            },
            **api,
        )
        b, a = o[f"sm_beantragt_{seite}"], o[f"sm_aktiv_{seite}"]
        ds.ziel("sicherheitsmassnahmen:detail", kwargs={"pk": a.pk}, **kw)
        ds.ziel(
            "sicherheitsmassnahmen:genehmigen",
            kwargs={"pk": b.pk},
            daten=lambda: {"gehoer_art": "verzicht", "kommentar": "Angeordnet."},
            **kw,
        )
        ds.ziel(
            "sicherheitsmassnahmen:ablehnen",
            kwargs={"pk": b.pk},
            daten=lambda: {"kommentar": "Unnötig."},
            **kw,
        )
        ds.ziel(
            "sicherheitsmassnahmen:ueberpruefen",
            kwargs={"pk": a.pk},
            daten=lambda: {"ergebnis": "fortsetzen", "begruendung": "Gefahr besteht weiter."},
            **kw,
        )
        ds.ziel(
            "sicherheitsmassnahmen:aufheben",
            kwargs={"pk": a.pk},
            daten=lambda: {"grund": "Beruhigt.", "bestaetigt": "1"},  # lifting asks first (issue 17 item 7)
            **kw,
        )
        ds.ziel("sicherheitsmassnahme-detail", kwargs={"pk": a.pk}, **kw)
        ds.ziel(
            "sicherheitsmassnahme-genehmigen",
            kwargs={"pk": b.pk},
            daten=lambda: {"kommentar": "Angeordnet.", "gehoer": {"art": "verzicht"}},
            **api,
        )
        ds.ziel(
            "sicherheitsmassnahme-ablehnen",
            kwargs={"pk": b.pk},
            daten=lambda: {"kommentar": "Unnötig."},
            **api,
        )
        ds.ziel(
            "sicherheitsmassnahme-ueberpruefen",
            kwargs={"pk": a.pk},
            daten=lambda: {"fortsetzen": True, "begruendung": "Gefahr besteht weiter."},
            **api,
        )
        ds.ziel(
            "sicherheitsmassnahme-aufheben", kwargs={"pk": a.pk}, daten=lambda: {"grund": "Beruhigt."}, **api
        )
        # § 33
        p, entwurf, beteiligung = o[f"zwang_{seite}"], o[f"zwang_entwurf_{seite}"], o[f"beteiligung_{seite}"]
        eigen = bezug | {f"eigen:personal_{kurz}"}
        ds.ziel("zwang:neu", daten=lambda f=fall, u=personal2: _protokoll_form(f, u, vor(hours=1)), **kw)
        ds.ziel(
            "zwangsprotokoll-list",
            daten=lambda f=fall, u=personal2: _protokoll_json(f, u, vor(hours=1)),
            **api,
        )
        ds.ziel("zwang:detail", kwargs={"pk": p.pk}, **kw)
        ds.ziel(
            "zwang:bearbeiten",
            kwargs={"pk": entwurf.pk},
            daten=lambda f=fall, u=personal2: _protokoll_form(f, u, vor(hours=2)),
            seite=seite,
            bezug=eigen,
        )
        ds.ziel("zwang:einreichen", kwargs={"pk": entwurf.pk}, daten=lambda: {}, seite=seite, bezug=eigen)
        ds.ziel(
            "zwang:korrigieren",
            kwargs={"pk": p.pk},
            daten=lambda f=fall, u=personal2: {
                **_protokoll_form(f, u, vor(hours=3)),
                "ort": "Korridor West",
                "grund": "Ort präzisiert.",
            },
            **kw,
        )
        ds.ziel(
            "zwang:pruefen",
            kwargs={"pk": o[f"zwang_pruefbar_{seite}"].pk},
            daten=lambda: {"ergebnis": "rechtmaessig", "bemerkung": "In Ordnung."},
            **kw,
        )
        ds.ziel(
            "zwang:stellungnahme",
            kwargs={"pk": beteiligung.pk},
            daten=lambda: {"stellungnahme": "Ich habe gesichert."},
            seite=seite,
            bezug=eigen,
        )
        ds.ziel("zwangsprotokoll-detail", kwargs={"pk": p.pk}, **kw)
        ds.ziel(
            "zwangsprotokoll-einreichen",
            kwargs={"pk": entwurf.pk},
            daten=lambda: {},
            art="json",
            seite=seite,
            bezug=eigen,
        )
        ds.ziel(
            "zwangsprotokoll-stellungnahme",
            kwargs={"pk": p.pk},
            daten=lambda: {"stellungnahme": "Ich habe gesichert."},
            art="json",
            seite=seite,
            bezug=eigen,
        )
        ds.ziel(
            "zwangsprotokoll-pruefung",
            kwargs={"pk": o[f"zwang_pruefbar_{seite}"].pk},
            daten=lambda: {"pruefergebnis": "rechtmaessig", "bemerkung": "In Ordnung."},
            **api,
        )
        ds.ziel(
            "zwangsprotokoll-korrektur",
            kwargs={"pk": p.pk},
            daten=lambda: {"ort": "Korridor West", "grund": "Ort präzisiert."},
            **api,
        )
