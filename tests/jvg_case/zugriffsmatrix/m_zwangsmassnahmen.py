"""§§ 25, 26, 28, 32: Sicherheitshaft, vorübergehende Versetzung, Kontrollen, Entweichungen."""

from datetime import date

from vollzug import domain as vollzug
from vollzug.recht import Entscheidart, Sanktionsart
from zwangsmassnahmen import domain as zm

from .hilfen import vor, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B

# Persons of a side other than the main person: in the facility's scope only.
SEITEN = (("a", SEITE_A, frozenset({"anstalt:gh"}), "gh", "ww"), ("b", SEITE_B, SEITE_B, "ww", "gh"))


def _massnahmenfall(ds, bezug, anstalt, *, ueber=None):
    """A person with a stationary measure (§ 26 needs a freiheitsentziehende Massnahme), placed in
    `anstalt` (or first in `ueber` and then temporarily transferred to `anstalt` under § 26)."""
    sb = ds.benutzer["sachbearbeitung"]
    person = vollzug.person_erfassen(
        amtlicher_name=ds.mk("personalien", bezug),
        vorname=ds.mk("personalien", bezug),
        geschlecht="1",
        geburtsdatum=date(1979, 5, 6),
        durch=sb,
    )
    fall = vollzug.fall_erfassen(
        person=person,
        entscheid=vollzug.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz=ds.mk("entscheid", bezug),
            entscheid_datum=date(2025, 3, 1),
            rechtskraft_am=date(2025, 4, 1),
        ),
        sanktionen=[vollzug.SanktionDaten(art=Sanktionsart.STATIONAERE_MASSNAHME)],
        eingang_am=date(2025, 4, 10),
        durch=sb,
    )
    vollzug.einweisen(fall=fall, anstalt=ueber or anstalt, am=vor(days=80), durch=sb)
    fall.refresh_from_db()
    if ueber is not None:
        v = zm.versetzung26_anordnen(
            fall=fall,
            anstalt=anstalt,
            am=vor(days=20),
            undurchfuehrbar=ds.mk("akte", bezug),
            gefaehrdung="massnahmenzweck",
            gefaehrdung_begruendung=ds.mk("akte", bezug),
            durch=sb,
        )
        fall.refresh_from_db()
        return fall, v
    return fall, None


def _seite(ds, seite, bezug, bezug_anstalt, kurz, andere):
    sb = ds.benutzer["sachbearbeitung"]
    personal, personal2 = ds.benutzer[f"personal_{kurz}"], ds.benutzer[f"personal_{kurz}2"]
    leitung2 = ds.benutzer[f"leitung_{kurz}2"]
    anstalt = ds.o[kurz]
    fall = ds.o[f"fall_{seite}"]
    ds.o[f"mfall_{seite}"], _ = _massnahmenfall(ds, bezug_anstalt, anstalt)
    _, ds.o[f"versetzung26_{seite}"] = _massnahmenfall(ds, bezug_anstalt, anstalt, ueber=ds.o[andere])

    def haft(**kw):
        return zm.sicherheitshaft_anordnen(
            fall=fall,
            daten=zm.HaftDaten(
                variante="abs1",
                verfahren_art="rueckversetzung",
                verfahren_referenz=ds.mk("akte", bezug),
                wahrscheinlichkeit=ds.mk("akte", bezug),
                grund_flucht=True,
                begruendung=ds.mk("akte", bezug),
                festnahme_am=vor(hours=6),
                anstalt=anstalt,
                **kw,
            ),
            durch=sb,
        )

    h1 = haft()
    ds.o[f"haft_offen_{seite}"] = h1
    h2 = haft()
    zm.antrag_erfassen(haft=h2, antrag_am=vor(hours=1), referenz=ds.mk("akte", bezug), durch=sb)
    ds.o[f"haft_beantragt_{seite}"] = h2
    ds.o[f"kontrolle_{seite}"] = zm.kontrolle_erfassen(
        fall=fall,
        art="unterkunft",
        zeitpunkt=vor(days=1),
        ort=ds.mk("akte", bezug),
        ergebnis="fund",
        fundgegenstaende=ds.mk("akte", bezug),
        ergebnis_text=ds.mk("akte", bezug),
        durch=personal,
    )
    lv = zm.leibesvisitation_beantragen(fall=fall, verdacht=ds.mk("akte", bezug), durch=personal2)
    ds.o[f"leibesvisitation_beantragt_{seite}"] = lv
    lv2 = zm.leibesvisitation_beantragen(fall=fall, verdacht=ds.mk("akte", bezug), durch=personal2)
    zm.leibesvisitation_entscheiden(
        kontrolle=lv2, anordnen=True, kommentar=ds.mk("akte", bezug), durch=leitung2
    )
    ds.o[f"leibesvisitation_angeordnet_{seite}"] = lv2
    ds.o[f"entweichung_{seite}"] = zm.entweichung_melden(
        fall=fall,
        art="abwesend",
        festgestellt_am=vor(hours=4),
        umstaende=ds.mk("akte", bezug),
        durch=personal2,
    )


def anlegen(ds):
    for seite, bezug, bezug_anstalt, kurz, andere in SEITEN:
        _seite(ds, seite, bezug, bezug_anstalt, kurz, andere)
    ziele(ds)


def ziele(ds):
    o = ds.o
    for name in (
        "zwangsmassnahmen:start",
        "zwangsmassnahmen:haft_liste",
        "zwangsmassnahmen:versetzung_liste",
        "zwangsmassnahmen:kontrolle_liste",
        "zwangsmassnahmen:entweichung_liste",
        "sicherheitshaft-list",
        "versetzung26-list",
        "kontrolle28-list",
        "entweichung-list",
    ):
        ds.ziel(name)
    for seite, bezug, bezug_anstalt, _kurz, andere in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        api = {"art": "json", **kw}
        fall, mfall = o[f"fall_{seite}"], o[f"mfall_{seite}"]
        ziel_anstalt = o[andere]
        # Creates: the target case is in the payload; out of scope the form refuses it (R-0-ROLE-1).
        ds.ziel(
            "zwangsmassnahmen:haft_neu",
            daten=lambda f=mfall, a=ziel_anstalt: {
                "fall": f.pk,
                "variante": "abs1",
                "verfahren_art": "rueckversetzung",
                "verfahren_referenz": "KG 26 7",
                "wahrscheinlichkeit": "Rückversetzung wahrscheinlich.",
                "grund_flucht": "on",
                "festnahme_am": zeit_form(vor(hours=2)),
                "anstalt": a.pk,
            },
            seite=seite,
            bezug=bezug_anstalt,
        )
        ds.ziel(
            "sicherheitshaft-list",
            daten=lambda f=mfall, a=ziel_anstalt: {
                "fall": f.pk,
                "verfahrenArt": "rueckversetzung",
                "verfahrenReferenz": "KG 26 7",
                "wahrscheinlichkeit": "Rückversetzung wahrscheinlich.",
                "grundFlucht": True,
                "festnahmeAm": zeit_json(vor(hours=2)),
                "anstalt": a.pk,
            },
            art="json",
            seite=seite,
            bezug=bezug_anstalt,
        )
        ds.ziel(
            "zwangsmassnahmen:versetzung_neu",
            daten=lambda f=mfall, a=ziel_anstalt: {
                "fall": f.pk,
                "anstalt": a.pk,
                "am": zeit_form(vor(minutes=30)),
                "undurchfuehrbar": "Therapieplatz fällt weg.",
                "gefaehrdung": "massnahmenzweck",
                "gefaehrdung_begruendung": "Ohne Platz keine Therapie.",
            },
            seite=seite,
            bezug=bezug_anstalt,
        )
        ds.ziel(
            "versetzung26-list",
            daten=lambda f=mfall, a=ziel_anstalt: {
                "fall": f.pk,
                "anstalt": a.pk,
                "am": zeit_json(vor(minutes=30)),
                "undurchfuehrbar": "Therapieplatz fällt weg.",
                "gefaehrdung": "massnahmenzweck",
                "gefaehrdungBegruendung": "Ohne Platz keine Therapie.",
            },
            art="json",
            seite=seite,
            bezug=bezug_anstalt,
        )
        ds.ziel(
            "zwangsmassnahmen:kontrolle_neu",
            daten=lambda f=fall: {
                "fall": f.pk,
                "art": "effekten",
                "zeitpunkt": zeit_form(vor(minutes=30)),
                "ort": "Zelle",
                "ergebnis": "unauffaellig",
            },
            **kw,
        )
        ds.ziel(
            "kontrolle28-list",
            daten=lambda f=fall: {
                "fall": f.pk,
                "kontrollart": "effekten",
                "zeitpunkt": zeit_json(vor(minutes=30)),
                "ort": "Zelle",
                "kontrollergebnis": "unauffaellig",
            },
            **api,
        )
        ds.ziel(
            "zwangsmassnahmen:leibesvisitation_neu",
            daten=lambda f=fall: {"fall": f.pk, "verdacht": "Drogen im Besuchsraum übergeben."},
            **kw,
        )
        ds.ziel(
            "kontrolle28-leibesvisitation",
            daten=lambda f=fall: {"fall": f.pk, "verdacht": "Drogen im Besuchsraum übergeben."},
            **api,
        )
        ds.ziel(
            "zwangsmassnahmen:entweichung_neu",
            daten=lambda f=mfall: {
                "fall": f.pk,
                "art": "entwichen",
                "festgestellt_am": zeit_form(vor(minutes=30)),
                "umstaende": "Nicht vom Spaziergang zurück.",
            },
            seite=seite,
            bezug=bezug_anstalt,
        )
        ds.ziel(
            "entweichung-list",
            daten=lambda f=mfall: {
                "fall": f.pk,
                "abwesenheitsart": "entwichen",
                "festgestelltAm": zeit_json(vor(minutes=30)),
                "umstaende": "Nicht vom Spaziergang zurück.",
            },
            art="json",
            seite=seite,
            bezug=bezug_anstalt,
        )
        h1, h2 = o[f"haft_offen_{seite}"], o[f"haft_beantragt_{seite}"]
        ds.ziel("zwangsmassnahmen:haft_detail", kwargs={"pk": h1.pk}, **kw)
        ds.ziel(
            "zwangsmassnahmen:haft_aktion[antrag]",
            kwargs={"pk": h1.pk, "aktion": "antrag"},
            daten=lambda: {"antrag-antrag_am": zeit_form(vor(minutes=10)), "antrag-antrag_referenz": "ZMG 1"},
            **kw,
        )
        ds.ziel(
            "zwangsmassnahmen:haft_aktion[gericht]",
            kwargs={"pk": h2.pk, "aktion": "gericht"},
            daten=lambda: {
                "gericht-gericht_entscheid": "bestaetigt",
                "gericht-gericht_entscheid_am": zeit_form(vor(minutes=10)),
            },
            **kw,
        )
        ds.ziel(
            "zwangsmassnahmen:haft_aktion[beenden]",
            kwargs={"pk": h1.pk, "aktion": "beenden"},
            daten=lambda: {
                "beenden-beendet_am": zeit_form(vor(minutes=10)),
                "beenden-beendet_grund": "Entlassen.",
            },
            **kw,
        )
        v26 = o[f"versetzung26_{seite}"]
        ds.ziel("zwangsmassnahmen:versetzung_detail", kwargs={"pk": v26.pk}, seite=seite, bezug=bezug_anstalt)
        k, lv, lv2 = (
            o[f"kontrolle_{seite}"],
            o[f"leibesvisitation_beantragt_{seite}"],
            o[f"leibesvisitation_angeordnet_{seite}"],
        )
        ds.ziel("zwangsmassnahmen:kontrolle_detail", kwargs={"pk": k.pk}, **kw)
        ds.ziel(
            "zwangsmassnahmen:kontrolle_aktion[entscheiden]",
            kwargs={"pk": lv.pk, "aktion": "entscheiden"},
            daten=lambda: {"entscheiden-anordnen": "1", "entscheiden-kommentar": "Verdacht begründet."},
            **kw,
        )
        ds.ziel(
            "zwangsmassnahmen:kontrolle_aktion[durchfuehren]",
            kwargs={"pk": lv2.pk, "aktion": "durchfuehren"},
            daten=lambda: {
                "durchfuehren-zeitpunkt": zeit_form(vor(seconds=0)),
                "durchfuehren-gleiches_geschlecht": "on",
                "durchfuehren-ergebnis": "unauffaellig",
            },
            **kw,
        )
        e = o[f"entweichung_{seite}"]
        ds.ziel("zwangsmassnahmen:entweichung_detail", kwargs={"pk": e.pk}, **kw)
        ds.ziel(
            "zwangsmassnahmen:entweichung_aktion[informiert]",
            kwargs={"pk": e.pk, "aktion": "informiert"},
            daten=lambda: {"informiert-einweisungsbehoerde_informiert_am": zeit_form(vor(minutes=10))},
            **kw,
        )
        ds.ziel(
            "zwangsmassnahmen:entweichung_aktion[zufuehrung]",
            kwargs={"pk": e.pk, "aktion": "zufuehrung"},
            daten=lambda: {
                "zufuehrung-zugefuehrt_am": zeit_form(vor(minutes=10)),
                "zufuehrung-zufuehrung_art": "freiwillig",
            },
            **kw,
        )
        # API
        ds.ziel("sicherheitshaft-detail", kwargs={"pk": h1.pk}, **kw)
        ds.ziel(
            "sicherheitshaft-antrag",
            kwargs={"pk": h1.pk},
            daten=lambda: {"antragAm": zeit_json(vor(minutes=10)), "referenz": "ZMG 1"},
            **api,
        )
        ds.ziel(
            "sicherheitshaft-gerichtsentscheid",
            kwargs={"pk": h2.pk},
            daten=lambda: {"gerichtEntscheid": "bestaetigt", "am": zeit_json(vor(minutes=10))},
            **api,
        )
        ds.ziel(
            "sicherheitshaft-beenden",
            kwargs={"pk": h1.pk},
            daten=lambda: {"am": zeit_json(vor(minutes=10)), "grund": "Entlassen."},
            **api,
        )
        ds.ziel("versetzung26-detail", kwargs={"pk": v26.pk}, seite=seite, bezug=bezug_anstalt)
        ds.ziel("kontrolle28-detail", kwargs={"pk": k.pk}, **kw)
        ds.ziel(
            "kontrolle28-entscheiden",
            kwargs={"pk": lv.pk},
            daten=lambda: {"anordnen": True, "kommentar": "Verdacht begründet."},
            **api,
        )
        ds.ziel(
            "kontrolle28-durchfuehren",
            kwargs={"pk": lv2.pk},
            daten=lambda: {
                "zeitpunkt": zeit_json(vor(seconds=0)),
                "gleichesGeschlecht": True,
                "kontrollergebnis": "unauffaellig",
            },
            **api,
        )
        ds.ziel("entweichung-detail", kwargs={"pk": e.pk}, **kw)
        ds.ziel(
            "entweichung-informiert",
            kwargs={"pk": e.pk},
            daten=lambda: {"am": zeit_json(vor(minutes=10))},
            **api,
        )
        ds.ziel(
            "entweichung-zufuehrung",
            kwargs={"pk": e.pk},
            daten=lambda: {"am": zeit_json(vor(minutes=10)), "zufuehrungsart": "freiwillig"},
            **api,
        )
