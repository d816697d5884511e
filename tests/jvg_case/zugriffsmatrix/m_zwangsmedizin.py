"""§§ 34–39: forced medication and hunger strike (health data in every text), Patientenverfügungen,
and the health decisions (§ 36) in the states the shared lifecycle's actions need (group "gesundheit")."""

from dataclasses import replace
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from datenschutz import domain
from datenschutz.recht import Fachrichtung, Mandatsart
from verfuegungen import domain as vfg
from verfuegungen.recht import Anhoerungsart
from vollzug import domain as vollzug
from vollzug.recht import Entscheidart, Sanktionsart
from zwangsmedizin.domain import entscheid, ernaehrung, information, medikation

from .datensatz import datei
from .hilfen import eroeffnen, genehmigen, heute, iso, vor, vorlegen, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B
from .m_verfuegungen import API_NAMEN

# (side, tokens of the main person, tokens of further assigned persons, facility, physician)
SEITEN = (
    ("a", SEITE_A, frozenset({"anstalt:gh", "zugeteilt:medizin"}), "gh", "medizin"),
    ("b", SEITE_B, SEITE_B, "ww", "medizin_b"),
)


def _weitere_person(ds, bezug, kurz, arzt, art=Sanktionsart.FREIHEITSSTRAFE):
    """A further person of the side, placed in its facility and assigned to its physician (§ 22)."""
    sb = ds.benutzer["sachbearbeitung"]
    person = vollzug.person_erfassen(
        amtlicher_name=ds.mk("personalien", bezug),
        vorname=ds.mk("personalien", bezug),
        geschlecht="2",
        geburtsdatum=date(1982, 2, 3),
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
        sanktionen=[vollzug.SanktionDaten(art=art, dauer_monate=10)],
        eingang_am=date(2025, 4, 10),
        durch=sb,
    )
    vollzug.einweisen(fall=fall, anstalt=ds.o[kurz], am=vor(days=40), durch=sb)
    domain.fachperson_zuteilen(
        person=person,
        fachperson=ds.benutzer[arzt],
        daten=domain.Mandatsdaten(
            art=Mandatsart.BEHANDLUNG, fachrichtung=Fachrichtung.MEDIZIN, referenz="B-2", auftrag="Behandlung"
        ),
        durch=sb,
    )
    fall.refresh_from_db()
    return fall


def _daten(ds, bezug):
    return medikation.Medikationsdaten(
        art="ordentlich",
        bericht=ds.mk("gesundheit", bezug),
        medikament=ds.mk("gesundheit", bezug),
        dosierung=ds.mk("gesundheit", bezug),
        geplante_dauer=ds.mk("gesundheit", bezug),
        freiwillige_massnahmen=ds.mk("gesundheit", bezug),
        grund="b",
        grund_begruendung=ds.mk("gesundheit", bezug),
    )


def _seite(ds, seite, bezug, bezug_weitere, kurz, arzt_name):
    sb2 = ds.benutzer["sachbearbeitung2"]
    arzt = ds.benutzer[arzt_name]
    fall = ds.o[f"fall_{seite}"]

    def antrag(aufgeklaert=True):
        m = medikation.antrag_stellen(fall=fall, daten=_daten(ds, bezug), durch=arzt)
        if aufgeklaert:
            information.aufklaerung_erfassen(medikation=m, durch=arzt)
        m.refresh_from_db()
        return m

    ds.o[f"med_neu_{seite}"] = antrag(aufgeklaert=False)
    m2 = antrag()
    information.angehoerige_wunsch_erfassen(
        medikation=m2, person_bezeichnung=ds.mk("gesundheit", bezug), durch=arzt
    )
    m2.refresh_from_db()
    ds.o[f"med_aufgeklaert_{seite}"] = m2
    d = medikation.dringlich_anordnen(
        fall=fall,
        daten=_daten(ds, bezug),
        dringlich_begruendung=ds.mk("gesundheit", bezug),
        aufgeklaert_am=vor(hours=1),
        durch=arzt,
    )
    ds.o[f"med_dringlich_{seite}"] = d
    # § 38: a measure-indicated request (Art. 59 StGB) with the forensic recommendation as a document.
    fall59 = _weitere_person(ds, bezug_weitere, kurz, arzt_name, art=Sanktionsart.STATIONAERE_MASSNAHME)
    daten38 = replace(
        _daten(ds, bezug_weitere),
        art="massnahmenindiziert",
        grund="",
        empfehlung_arzt=ds.mk("gesundheit", bezug_weitere),
        empfehlung_datum=heute() - timedelta(days=3),
        fachaerztliche_leitung="Dr. med. L. Leitung",
    )
    ds.o[f"med_38_{seite}"] = medikation.antrag_stellen(
        fall=fall59,
        daten=daten38,
        empfehlung_dokument=datei("empfehlung.txt", ds.mk("gesundheit", bezug_weitere)),
        durch=arzt,
    )
    # § 36 decisions in each state (the shared lifecycle's group "gesundheit").
    z = {}
    for zustand in ("entwurf", "zur_genehmigung", "genehmigt", "eroeffnet"):
        v = entscheid.verfuegung_entwerfen(
            medikation=antrag(), begruendung=ds.mk("gesundheit", bezug), durch=sb2
        )
        if zustand == "zur_genehmigung":
            vorlegen(v, entwerfer=sb2)
        elif zustand == "genehmigt":
            genehmigen(v, entwerfer=sb2, genehmiger=ds.benutzer["sachbearbeitung"])
        elif zustand == "eroeffnet":
            eroeffnen(v, entwerfer=sb2, genehmiger=ds.benutzer["sachbearbeitung"])
        elif zustand == "entwurf":
            vfg.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=sb2)
        v.refresh_from_db()
        z[zustand] = v
    ds.o[f"vfg_gesundheit_{seite}"] = z
    # § 39: a running hunger strike with information sessions; one whose physician reported the loss
    # of capacity (the authority decides); a Patientenverfügung.
    h1 = ernaehrung.hungerstreik_erfassen(fall=fall, beginn=vor(days=5), durch=arzt)
    ernaehrung.gespraech_erfassen(
        hungerstreik=h1,
        am=vor(days=4),
        inhalt=ds.mk("gesundheit", bezug),
        reaktion=ds.mk("gesundheit", bezug),
        durch=arzt,
    )
    ds.o[f"hungerstreik_{seite}"] = h1
    ds.o[f"gespraech_{seite}"] = h1.gespraeche.get()
    fall2 = _weitere_person(ds, bezug_weitere, kurz, arzt_name)
    h2 = ernaehrung.hungerstreik_erfassen(fall=fall2, beginn=vor(days=9), durch=arzt)
    ernaehrung.zustand_melden(
        hungerstreik=h2, zustand="urteilsunfaehig", beurteilung=ds.mk("gesundheit", bezug_weitere), durch=arzt
    )
    ds.o[f"hungerstreik_zustand_{seite}"] = h2
    ds.o[f"fall_ohne_streik_{seite}"] = _weitere_person(ds, bezug_weitere, kurz, arzt_name)
    ds.o[f"pv_{seite}"] = ernaehrung.patientenverfuegung_erfassen(
        person=fall.person,
        datum=heute() - timedelta(days=30),
        dokument=datei("pv.txt", ds.mk("gesundheit", bezug)),
        lehnt_zwangsernaehrung_ab=False,
        durch=arzt,
    )


def anlegen(ds):
    for seite, bezug, bezug_weitere, kurz, arzt in SEITEN:
        _seite(ds, seite, bezug, bezug_weitere, kurz, arzt)
    ziele(ds)


def _medikation_form(fall):
    return {
        "weg": "antrag",
        "art": "ordentlich",
        "bericht": "Psychose.",
        "medikament": "Haloperidol",
        "dosierung": "5 mg",
        "geplante_dauer": "7 Tage",
        "freiwillige_massnahmen": "Abgelehnt.",
        "grund": "b",
        "grund_begruendung": "Angriffe.",
    }


def ziele(ds):
    o = ds.o
    for name in (
        "zwangsmedizin:start",
        "zwangsmedizin:medikation_liste",
        "zwangsmedizin:hungerstreik_liste",
        "zwangsmedikation-list",
        "hungerstreik-list",
        "zwangsmedizin-gespraech-list",
        "patientenverfuegung-list",
    ):
        ds.ziel(name)
    for seite, bezug, bezug_weitere, _kurz, _arzt in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        api = {"art": "json", **kw}
        fall = o[f"fall_{seite}"]
        m1, m2, d = o[f"med_neu_{seite}"], o[f"med_aufgeklaert_{seite}"], o[f"med_dringlich_{seite}"]
        h1, h2 = o[f"hungerstreik_{seite}"], o[f"hungerstreik_zustand_{seite}"]
        kw2 = {"seite": seite, "bezug": bezug_weitere}
        ds.ziel(
            "zwangsmedizin:medikation_neu",
            kwargs={"fall_pk": fall.pk},
            daten=lambda f=fall: _medikation_form(f),
            **kw,
        )
        ds.ziel(
            "zwangsmedikation-list",
            daten=lambda f=fall: {
                "fall": f.pk,
                "weg": "antrag",
                "medikationsart": "ordentlich",
                "bericht": "Psychose.",
                "medikament": "Haloperidol",
                "dosierung": "5 mg",
                "geplanteDauer": "7 Tage",
                "freiwilligeMassnahmen": "Abgelehnt.",
                "grund": "b",
                "grundBegruendung": "Angriffe.",
            },
            **api,
        )
        ds.ziel("zwangsmedizin:medikation_detail[ohne_aktion]", kwargs={"pk": m2.pk}, **kw)
        ds.ziel("zwangsmedizin:empfehlung_download", kwargs={"pk": o[f"med_38_{seite}"].pk}, **kw2)
        aktionen = {
            # "am" left empty: now (the form has minutes only, the record was made seconds ago)
            "aufklaerung": (m1, {"aufklaerung-am": ""}),
            "gefahr": (m1, {"gefahr-begruendung": "Akute Selbstgefährdung."}),
            "angehoerige": (m1, {"angehoerige-person_bezeichnung": "Schwester"}),
            "angehoerige_informiert": (m2, {"angehoerige_informiert-am": ""}),
            "einweisungsbehoerde": (d, {"einweisungsbehoerde-am": ""}),
            "verfuegen": (m2, {"verfuegen-begruendung": "Voraussetzungen erfüllt."}),
            "ablehnen": (m2, {"ablehnen-begruendung": "Mildere Mittel genügen."}),
            "nachpruefen": (d, {"nachpruefen-ergebnis": "bestaetigt", "nachpruefen-kommentar": "Zu Recht."}),
            "beenden": (d, {"beenden-begruendung": "Stabilisiert."}),
        }
        for aktion, (m, form) in aktionen.items():
            ds.ziel(
                f"zwangsmedizin:medikation_detail[{aktion}]",
                kwargs={"pk": m.pk},
                daten=lambda a=aktion, f=form: {"aktion": a, **f},
                **kw,
            )
        api_aktionen = {
            "aufklaerung": (m1, {"am": zeit_json(vor(seconds=0))}),
            "gefahr-im-verzug": (m1, {"begruendung": "Akute Selbstgefährdung."}),
            "angehoerige": (m1, {"personBezeichnung": "Schwester"}),
            "angehoerige-informiert": (m2, {"am": zeit_json(vor(seconds=0))}),
            "einweisungsbehoerde-informiert": (d, {"am": zeit_json(vor(seconds=0))}),
            "verfuegung": (m2, {"begruendung": "Voraussetzungen erfüllt."}),
            "ablehnen": (m2, {"begruendung": "Mildere Mittel genügen."}),
            "nachpruefung": (d, {"nachpruefungErgebnis": "bestaetigt", "kommentar": "Zu Recht."}),
            "beenden": (d, {"begruendung": "Stabilisiert."}),
        }
        for aktion, (m, daten) in api_aktionen.items():
            ds.ziel(f"zwangsmedikation-{aktion}", kwargs={"pk": m.pk}, daten=lambda x=daten: dict(x), **api)
        ds.ziel("zwangsmedikation-detail", kwargs={"pk": m2.pk}, **kw)
        # § 39
        ds.ziel(
            "zwangsmedizin:hungerstreik_neu",
            kwargs={"fall_pk": o[f"fall_ohne_streik_{seite}"].pk},
            daten=lambda: {"beginn": zeit_form(vor(hours=30))},
            **kw2,
        )
        ds.ziel(
            "hungerstreik-list",
            daten=lambda f=o[f"fall_ohne_streik_{seite}"]: {"fall": f.pk, "beginn": zeit_json(vor(hours=30))},
            art="json",
            **kw2,
        )
        ds.ziel("zwangsmedizin:hungerstreik_detail[ohne_aktion]", kwargs={"pk": h1.pk}, **kw)
        hs = {
            "gespraech": (
                h1,
                kw,
                {
                    "gespraech-am": "",
                    "gespraech-inhalt": "Risiken erklärt.",
                    "gespraech-reaktion": "Hört zu.",
                },
            ),
            "zustand": (
                h1,
                kw,
                {"zustand-zustand": "bewusstlos", "zustand-beurteilung": "Nicht ansprechbar."},
            ),
            "verfuegen": (h2, kw2, {"verfuegen-begruendung": "Lebensgefahr."}),
            "beenden": (h1, kw, {"beenden-am": ""}),
            "patientenverfuegung": (
                h1,
                kw,
                {
                    "patientenverfuegung-datum": iso(heute()),
                    "patientenverfuegung-lehnt_zwangsernaehrung_ab": "on",
                },
            ),
        }
        for aktion, (h, hkw, form) in hs.items():

            def daten(a=aktion, f=form):
                extra = (
                    {"patientenverfuegung-dokument": datei("pv2.txt", "neu")}
                    if a == "patientenverfuegung"
                    else {}
                )
                return {"aktion": a, **f, **extra}

            ds.ziel(f"zwangsmedizin:hungerstreik_detail[{aktion}]", kwargs={"pk": h.pk}, daten=daten, **hkw)
        ds.ziel("hungerstreik-detail", kwargs={"pk": h1.pk}, **kw)
        ds.ziel(
            "hungerstreik-gespraech",
            kwargs={"pk": h1.pk},
            daten=lambda: {
                "am": zeit_json(vor(seconds=0)),
                "inhalt": "Risiken erklärt.",
                "reaktion": "Hört zu.",
            },
            **api,
        )
        ds.ziel(
            "hungerstreik-zustand",
            kwargs={"pk": h1.pk},
            daten=lambda: {"zustand": "bewusstlos", "beurteilung": "Nicht ansprechbar."},
            **api,
        )
        ds.ziel(
            "hungerstreik-verfuegung",
            kwargs={"pk": h2.pk},
            daten=lambda: {"begruendung": "Lebensgefahr."},
            art="json",
            **kw2,
        )
        ds.ziel(
            "hungerstreik-beenden",
            kwargs={"pk": h1.pk},
            daten=lambda: {"am": zeit_json(vor(seconds=0))},
            **api,
        )
        ds.ziel(
            "hungerstreik-patientenverfuegung",
            kwargs={"pk": h1.pk},
            daten=lambda: {
                "datum": iso(heute()),
                "dokument": SimpleUploadedFile("pv3.txt", b"PV"),
                "lehntZwangsernaehrungAb": "true",
            },
            art="multipart",
            **kw,
        )
        ds.ziel("zwangsmedizin-gespraech-detail", kwargs={"pk": o[f"gespraech_{seite}"].pk}, **kw)
        pv = o[f"pv_{seite}"]
        ds.ziel("patientenverfuegung-detail", kwargs={"pk": pv.pk}, **kw)
        ds.ziel("zwangsmedizin:patientenverfuegung_download", kwargs={"pk": pv.pk}, **kw)
        ds.ziel(
            "zwangsmedizin:patientenverfuegung_widerrufen",
            kwargs={"pk": pv.pk},
            daten=lambda: {"bestaetigt": "1"},
            **kw,
        )
        # The health decisions in the shared lifecycle.
        z = o[f"vfg_gesundheit_{seite}"]
        g = "gesundheit"
        ds.ziel(f"verfuegungen:detail[{g}]", kwargs={"pk": z["eroeffnet"].pk}, **kw)
        ds.ziel(f"verfuegungen:pdf[{g}]", kwargs={"pk": z["eroeffnet"].pk}, **kw)
        ds.ziel(f"verfuegungen:vorschau[{g}]", kwargs={"pk": z["entwurf"].pk}, **kw)
        ds.ziel(f"verfuegung-detail[{g}]", kwargs={"pk": z["eroeffnet"].pk}, **kw)
        ds.ziel(f"verfuegung-pdf[{g}]", kwargs={"pk": z["eroeffnet"].pk}, **kw)
        for aktion, zustand, form, jsn in (
            ("vorlegen", "entwurf", {"kommentar": "Bitte."}, {"kommentar": "Bitte."}),
            ("genehmigen", "zur_genehmigung", {"kommentar": "Ja."}, {"kommentar": "Ja."}),
            ("eroeffnen", "genehmigt", {"art": "einschreiben"}, {"eroeffnungArt": "einschreiben"}),
            ("beschwerde", "eroeffnet", {"eingegangen_am": iso(heute())}, {"eingegangenAm": iso(heute())}),
            ("aufheben", "eroeffnet", {"grund": "Wiedererwägung."}, {"grund": "Wiedererwägung."}),
        ):
            v = z[zustand]
            ds.ziel(
                f"verfuegungen:aktion[{aktion}|{g}]",
                kwargs={"pk": v.pk, "aktion": aktion},
                # `bestaetigt`: final steps ask first (issue 17 item 7); the matrix confirms.
                daten=lambda a=aktion, f=form: {f"{a}-{k}": w for k, w in f.items()} | {"bestaetigt": "1"},
                **kw,
            )
            ds.ziel(
                f"verfuegung-{API_NAMEN.get(aktion, aktion)}[{g}]",
                kwargs={"pk": v.pk},
                daten=lambda j=jsn: dict(j),
                art="json",
                **kw,
            )
        ds.ziel(
            f"verfuegung-vollzogen[{g}]", kwargs={"pk": z["eroeffnet"].pk}, daten=lambda: {}, art="json", **kw
        )
