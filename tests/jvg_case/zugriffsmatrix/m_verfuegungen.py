"""The shared Verfügung lifecycle: decisions of the authority and of the facility in every state an
action needs, on both sides. (The health decisions §§ 36/39 come from m_zwangsmedizin.)

The rights of an action depend on whose decision it is, so the table keys carry the group:
``verfuegungen:aktion[genehmigen|behoerde]`` (authority decision, here § 43 Abs. 1 lit. d) and
``…|anstalt]`` (facility decision, here § 31).
"""

from verfuegungen import domain as vfg
from verfuegungen.recht import Anhoerungsart, Beschwerdeergebnis, Verfuegungstyp

from .hilfen import eroeffnen, genehmigen, heute, iso, vorlegen
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A, "gh"), ("b", SEITE_B, "ww"))
GRUPPEN = {
    "behoerde": Verfuegungstyp.ANDERE_KANTONAL,
    "anstalt": Verfuegungstyp.SICHERHEITSMASSNAHME_31,
}


def _entwurf(ds, gruppe, seite, bezug, kurz):
    if gruppe == "behoerde":
        entwerfer, anstalt = ds.benutzer["sachbearbeitung2"], None
    else:
        entwerfer, anstalt = ds.benutzer[f"personal_{kurz}2"], ds.o[kurz]
    return vfg.verfuegung_entwerfen(
        typ=GRUPPEN[gruppe],
        person=ds.o[f"person_{seite}"],
        fall=ds.o[f"fall_{seite}"],
        anstalt=anstalt,
        daten=vfg.Entwurfsdaten(
            titel=ds.mk("akte", bezug),
            rechtsgrundlage="§ 31 JVG" if gruppe == "anstalt" else "§ 43 Abs. 1 lit. d JVG",
            sachverhalt=ds.mk("akte", bezug),
            begruendung=ds.mk("akte", bezug),
            dispositiv=ds.mk("akte", bezug),
        ),
        durch=entwerfer,
    )


def _personen(gruppe, kurz):
    if gruppe == "behoerde":
        return "sachbearbeitung2", "sachbearbeitung"
    return f"personal_{kurz}2", f"leitung_{kurz}2"


def _zustaende(ds, gruppe, seite, bezug, kurz) -> dict:
    e_name, g_name = _personen(gruppe, kurz)
    e, g = ds.benutzer[e_name], ds.benutzer[g_name]
    z = {"entwurf": _entwurf(ds, gruppe, seite, bezug, kurz)}
    z["zur_genehmigung"] = vorlegen(_entwurf(ds, gruppe, seite, bezug, kurz), entwerfer=e)
    z["genehmigt"] = genehmigen(_entwurf(ds, gruppe, seite, bezug, kurz), entwerfer=e, genehmiger=g)
    giv = _entwurf(ds, gruppe, seite, bezug, kurz)
    vfg.gehoer_erfassen(
        verfuegung=giv, art=Anhoerungsart.GEFAHR_IM_VERZUG, begruendung=ds.mk("akte", bezug), durch=e
    )
    z["gefahr_im_verzug"] = giv
    z["eroeffnet"] = eroeffnen(_entwurf(ds, gruppe, seite, bezug, kurz), entwerfer=e, genehmiger=g)
    a = eroeffnen(_entwurf(ds, gruppe, seite, bezug, kurz), entwerfer=e, genehmiger=g)
    vfg.beschwerde_erfassen(verfuegung=a, eingegangen_am=heute(), durch=g)
    a.refresh_from_db()
    z["angefochten"] = a
    be = eroeffnen(_entwurf(ds, gruppe, seite, bezug, kurz), entwerfer=e, genehmiger=g)
    vfg.beschwerde_erfassen(verfuegung=be, eingegangen_am=heute(), durch=g)
    be.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(
        verfuegung=be, ergebnis=Beschwerdeergebnis.ABGEWIESEN, am=heute(), zugestellt_am=heute(), durch=g
    )
    be.refresh_from_db()
    z["beschwerdeentscheid"] = be
    bw = eroeffnen(_entwurf(ds, gruppe, seite, bezug, kurz), entwerfer=e, genehmiger=g)
    vfg.beschwerde_erfassen(verfuegung=bw, eingegangen_am=heute(), durch=g)
    bw.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(
        verfuegung=bw, ergebnis=Beschwerdeergebnis.ABGEWIESEN, am=heute(), zugestellt_am=heute(), durch=g
    )
    bw.refresh_from_db()
    vfg.weiterzug_erfassen(verfuegung=bw, eingegangen_am=heute(), durch=g)
    bw.refresh_from_db()
    z["weitergezogen"] = bw
    if gruppe == "behoerde":
        # With suspensive effect (§ 43 Abs. 1 lit. d) only a rechtskräftig decision can be executed.
        rk = eroeffnen(_entwurf(ds, gruppe, seite, bezug, kurz), entwerfer=e, genehmiger=g)
        vfg.beschwerde_erfassen(verfuegung=rk, eingegangen_am=heute(), durch=g)
        rk.refresh_from_db()
        vfg.beschwerdeentscheid_erfassen(
            verfuegung=rk, ergebnis=Beschwerdeergebnis.ABGEWIESEN, am=heute(), zugestellt_am=heute(), durch=g
        )
        rk.refresh_from_db()
        vfg.weiterzug_erfassen(verfuegung=rk, eingegangen_am=heute(), durch=g)
        rk.refresh_from_db()
        vfg.rechtskraft_feststellen(verfuegung=rk, am=heute(), durch=g)
        rk.refresh_from_db()
        z["vollstreckbar"] = rk
    else:
        z["vollstreckbar"] = z["eroeffnet"]  # § 44 Abs. 1 lit. a: enforceable from Eröffnung
    return z


# action → (state of the decision it needs, browser form data, API data); None = the action does not
# exist for that group (e.g. no suspensive effect to grant where the law gives it anyway).
def _aktionen(v_giv_anhoerung):
    return {
        "vorlegen": ("entwurf", {"kommentar": "Bitte genehmigen."}, {"kommentar": "Bitte genehmigen."}),
        "genehmigen": ("zur_genehmigung", {"kommentar": "Einverstanden."}, {"kommentar": "Einverstanden."}),
        "zurueckweisen": (
            "zur_genehmigung",
            {"kommentar": "Bitte ergänzen."},
            {"kommentar": "Bitte ergänzen."},
        ),
        "ablehnen": ("zur_genehmigung", {"kommentar": "Nicht nötig."}, {"kommentar": "Nicht nötig."}),
        "gehoer": ("entwurf", {"art": "verzicht"}, {"art": "verzicht"}),
        "gehoer_nachholen": (
            "gefahr_im_verzug",
            {"anhoerung": v_giv_anhoerung, "text": "Stellungnahme nachgeholt."},
            {"anhoerung": v_giv_anhoerung, "text": "Stellungnahme nachgeholt."},
        ),
        "eroeffnen": ("genehmigt", {"art": "einschreiben"}, {"eroeffnungArt": "einschreiben"}),
        "beschwerde": (
            "eroeffnet",
            {"eingegangen_am": iso(heute())},
            {"eingegangenAm": iso(heute())},
        ),
        "beschwerdeentscheid": (
            "angefochten",
            {"ergebnis": "abgewiesen", "am": iso(heute())},
            {"ergebnis": "abgewiesen", "entschiedenAm": iso(heute())},
        ),
        "aufschiebende_wirkung": ("angefochten", {"instanz": ""}, {"instanz": ""}),
        "weiterzug": (
            "beschwerdeentscheid",
            {"eingegangen_am": iso(heute())},
            {"eingegangenAm": iso(heute())},
        ),
        "rechtskraft": ("weitergezogen", {"am": iso(heute())}, {"rechtskraeftigAm": iso(heute())}),
        "aufheben": ("eroeffnet", {"grund": "Wiedererwägung."}, {"grund": "Wiedererwägung."}),
    }


API_NAMEN = {"gehoer_nachholen": "gehoer-nachholen", "aufschiebende_wirkung": "aufschiebende-wirkung"}


def anlegen(ds):
    for seite, bezug, kurz in SEITEN:
        for gruppe in GRUPPEN:
            ds.o[f"vfg_{gruppe}_{seite}"] = _zustaende(ds, gruppe, seite, bezug, kurz)
    ziele(ds)


def ziele(ds):
    ds.ziel("verfuegungen:liste")
    ds.ziel("verfuegung-list")
    for seite, bezug, _kurz in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        for gruppe in GRUPPEN:
            z = ds.o[f"vfg_{gruppe}_{seite}"]
            o = z["eroeffnet"]
            ds.ziel(f"verfuegungen:detail[{gruppe}]", kwargs={"pk": o.pk}, **kw)
            ds.ziel(f"verfuegungen:pdf[{gruppe}]", kwargs={"pk": o.pk}, **kw)
            ds.ziel(f"verfuegungen:vorschau[{gruppe}]", kwargs={"pk": z["entwurf"].pk}, **kw)
            ds.ziel(f"verfuegung-detail[{gruppe}]", kwargs={"pk": o.pk}, **kw)
            ds.ziel(f"verfuegung-pdf[{gruppe}]", kwargs={"pk": o.pk}, **kw)
            anhoerung = z["gefahr_im_verzug"].anhoerungen.get().pk
            for aktion, (zustand, form, api) in _aktionen(anhoerung).items():
                if aktion == "aufschiebende_wirkung" and gruppe == "behoerde":
                    continue  # § 43 Abs. 1 lit. d: the appeal has suspensive effect by law
                v = z[zustand]
                ds.ziel(
                    f"verfuegungen:aktion[{aktion}|{gruppe}]",
                    kwargs={"pk": v.pk, "aktion": aktion},
                    # `bestaetigt`: final steps ask first (issue 17 item 7); the matrix confirms.
                    daten=lambda f=form, a=aktion: (
                        {f"{a}-{k}": w for k, w in f.items()} | {"bestaetigt": "1"}
                    ),
                    **kw,
                )
                ds.ziel(
                    f"verfuegung-{API_NAMEN.get(aktion, aktion)}[{gruppe}]",
                    kwargs={"pk": v.pk},
                    daten=lambda a=api: dict(a),
                    art="json",
                    **kw,
                )
            if gruppe == "behoerde":
                ds.ziel(
                    f"verfuegung-aufschiebende-wirkung-entziehen[{gruppe}]",
                    kwargs={"pk": z["genehmigt"].pk},
                    daten=lambda: {"begruendung": "Dringlich."},
                    art="json",
                    **kw,
                )
            ds.ziel(
                f"verfuegung-vollzogen[{gruppe}]",
                kwargs={"pk": z["vollstreckbar"].pk},
                daten=lambda: {},
                art="json",
                **kw,
            )
