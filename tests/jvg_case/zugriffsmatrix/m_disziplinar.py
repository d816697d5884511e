"""Disziplinarrecht (§§ 40–45): reports, proceedings in every state an action needs, sanctions."""

from disziplinar import domain as d
from verfuegungen.recht import EroeffnungArt

from .datensatz import datei
from .hilfen import genehmigen, heute, iso, vor, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A, "gh"), ("b", SEITE_B, "ww"))


def _rapport(ds, seite, bezug, kurz, **kw):
    return d.rapport_erfassen(
        fall=ds.o[f"fall_{seite}"],
        tatzeit=vor(days=3),
        sachverhalt=ds.mk("rapport", bezug),
        zeugen=ds.mk("rapport", bezug),
        delikte=[d.DeliktDaten(tatbestand="j")],
        durch=ds.benutzer[f"personal_{kurz}"],
        **kw,
    )


def _entwurf(ds, verfahren, bezug, kurz):
    return d.verfuegung_entwerfen_fuer(
        verfahren=verfahren,
        sanktionen=[d.SanktionDaten(art="a")],
        beurteilung=d.Beurteilung(
            verschulden=ds.mk("disziplinarverfahren", bezug),
            schwere=ds.mk("disziplinarverfahren", bezug),
            persoenliche_verhaeltnisse=ds.mk("disziplinarverfahren", bezug),
            auswirkung_resozialisierung=ds.mk("disziplinarverfahren", bezug),
        ),
        begruendung=ds.mk("akte", bezug),
        durch=ds.benutzer[f"leitung_{kurz}2"],
    )


def _seite(ds, seite, bezug, kurz):
    leitung2 = ds.benutzer[f"leitung_{kurz}2"]
    r1 = _rapport(
        ds,
        seite,
        bezug,
        kurz,
        beilagen=[d.BeilageDaten(ds.mk("rapport", bezug), datei("foto.txt", ds.mk("rapport", bezug)))],
    )
    ds.o[f"rapport_{seite}"] = r1
    ds.o[f"beilage_{seite}"] = r1.beilagen.get()
    ds.o[f"verfahren_offen_{seite}"] = d.verfahren_eroeffnen(rapport=r1, durch=leitung2)
    ds.o[f"rapport_ohne_verfahren_{seite}"] = _rapport(ds, seite, bezug, kurz)
    # A proceeding whose decision is approved (API: eroeffnen) ...
    v3 = d.verfahren_eroeffnen(rapport=_rapport(ds, seite, bezug, kurz), durch=leitung2)
    genehmigen(_entwurf(ds, v3, bezug, kurz), entwerfer=leitung2, genehmiger=ds.benutzer[f"leitung_{kurz}"])
    ds.o[f"verfahren_genehmigt_{seite}"] = v3
    # ... and one whose decision is notified: its Verweis can be executed (§ 44: from Eröffnung).
    v4 = d.verfahren_eroeffnen(rapport=_rapport(ds, seite, bezug, kurz), durch=leitung2)
    genehmigen(_entwurf(ds, v4, bezug, kurz), entwerfer=leitung2, genehmiger=ds.benutzer[f"leitung_{kurz}"])
    d.verfuegung_eroeffnen(verfahren=v4, art=EroeffnungArt.EINSCHREIBEN, durch=leitung2)
    ds.o[f"sanktion_{seite}"] = v4.sanktionen.get()


def anlegen(ds):
    for seite, bezug, kurz in SEITEN:
        _seite(ds, seite, bezug, kurz)
    ziele(ds)


def _rapport_form(fall):
    def daten():
        return {
            "fall": fall.pk,
            "tatzeit": zeit_form(vor(hours=5)),
            "sachverhalt": "Mobiltelefon gefunden.",
            "zeugen": "",
            "delikte-TOTAL_FORMS": "1",
            "delikte-INITIAL_FORMS": "0",
            "delikte-MIN_NUM_FORMS": "0",
            "delikte-MAX_NUM_FORMS": "13",
            "delikte-0-tatbestand": "j",
            "delikte-0-teilnahmeform": "taeterschaft",
            "beilagen-TOTAL_FORMS": "0",
            "beilagen-INITIAL_FORMS": "0",
            "beilagen-MIN_NUM_FORMS": "0",
            "beilagen-MAX_NUM_FORMS": "10",
        }

    return daten


def _entscheid_form():
    return {
        "verschulden": "mittel",
        "schwere": "leicht",
        "persoenliche_verhaeltnisse": "keine besonderen",
        "auswirkung_resozialisierung": "keine",
        "begruendung": "Verweis genügt.",
        "sanktionen-TOTAL_FORMS": "1",
        "sanktionen-INITIAL_FORMS": "0",
        "sanktionen-MIN_NUM_FORMS": "0",
        "sanktionen-MAX_NUM_FORMS": "6",
        "sanktionen-0-art": "a",
    }


def ziele(ds):
    o = ds.o
    for name in ("disziplinar:start", "disziplinar:rapport_liste", "disziplinar:verfahren_liste"):
        ds.ziel(name)
    ds.ziel("disziplinar:statistik")
    ds.ziel("disziplinar:statistik", query="format=csv")
    ds.ziel("disziplinarrapport-list")
    ds.ziel("disziplinarverfahren-list")
    ds.ziel("disziplinarsanktion-list")
    for seite, bezug, _kurz in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        fall = o[f"fall_{seite}"]
        # A report is filed for a case of a person placed in the reporter's facility (R-40-1).
        ds.ziel("disziplinar:rapport_neu", daten=_rapport_form(fall), **kw)
        ds.ziel(
            "disziplinarrapport-list",
            daten=lambda f=fall: {
                "fall": f.pk,
                "tatzeit": zeit_json(vor(hours=5)),
                "sachverhalt": "Mobiltelefon gefunden.",
                "delikte": [{"tatbestand": "j"}],
            },
            art="json",
            **kw,
        )
        r1, r2 = o[f"rapport_{seite}"], o[f"rapport_ohne_verfahren_{seite}"]
        v1, v3 = o[f"verfahren_offen_{seite}"], o[f"verfahren_genehmigt_{seite}"]
        s4 = o[f"sanktion_{seite}"]
        ds.ziel("disziplinar:rapport_detail", kwargs={"pk": r1.pk}, **kw)
        ds.ziel("disziplinar:beilage_download", kwargs={"pk": o[f"beilage_{seite}"].pk}, **kw)
        ds.ziel("disziplinar:verfahren_eroeffnen", kwargs={"pk": r2.pk}, daten=lambda: {}, **kw)
        ds.ziel("disziplinar:verfahren_detail", kwargs={"pk": v1.pk}, **kw)
        ds.ziel("disziplinar:entscheid", kwargs={"pk": v1.pk}, daten=_entscheid_form, **kw)
        ds.ziel(
            "disziplinar:verfahren_aktion[strafanzeige]",
            kwargs={"pk": v1.pk, "aktion": "strafanzeige"},
            daten=lambda: {"strafanzeige-strafanzeige_am": iso(heute()), "strafanzeige-referenz": "SA 1"},
            **kw,
        )
        ds.ziel(
            "disziplinar:verfahren_aktion[einstellen]",
            kwargs={"pk": v1.pk, "aktion": "einstellen"},
            daten=lambda: {"einstellen-einstellung_grund": "Geringfügig."},
            **kw,
        )
        ds.ziel("disziplinar:sanktion_vollziehen", kwargs={"pk": s4.pk}, daten=lambda: {}, **kw)
        api = {"art": "json", **kw}
        ds.ziel("disziplinarrapport-detail", kwargs={"pk": r1.pk}, **kw)
        ds.ziel("disziplinarrapport-verfahren-eroeffnen", kwargs={"pk": r2.pk}, daten=lambda: {}, **api)
        ds.ziel("disziplinarverfahren-detail", kwargs={"pk": v1.pk}, **kw)
        ds.ziel(
            "disziplinarverfahren-einstellen",
            kwargs={"pk": v1.pk},
            daten=lambda: {"grund": "Geringfügig."},
            **api,
        )
        ds.ziel(
            "disziplinarverfahren-strafanzeige",
            kwargs={"pk": v1.pk},
            daten=lambda: {"strafanzeigeAm": iso(heute()), "referenz": "SA 1"},
            **api,
        )
        ds.ziel(
            "disziplinarverfahren-entscheid",
            kwargs={"pk": v1.pk},
            daten=lambda: {
                "sanktionen": [{"art": "a"}],
                "beurteilung": {
                    "verschulden": "mittel",
                    "schwere": "leicht",
                    "persoenlicheVerhaeltnisse": "keine besonderen",
                    "auswirkungResozialisierung": "keine",
                },
                "begruendung": "Verweis genügt.",
            },
            **api,
        )
        ds.ziel(
            "disziplinarverfahren-eroeffnen",
            kwargs={"pk": v3.pk},
            daten=lambda: {"eroeffnungArt": "einschreiben"},
            **api,
        )
        ds.ziel("disziplinarsanktion-detail", kwargs={"pk": s4.pk}, **kw)
        ds.ziel("disziplinarsanktion-vollziehen", kwargs={"pk": s4.pk}, daten=lambda: {}, **api)
