"""§§ 22, 23 JVG and the subject access: consents (Schweigepflichtentbindung), contacts with third
parties, reports to the Staatsanwaltschaft, expert mandates, the person's data-protection page and the
information to the data subject (page, JSON, PDF)."""

from datetime import timedelta

from datenschutz import domain

from .datensatz import datei
from .hilfen import heute, iso
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A, "gh"), ("b", SEITE_B, "ww"))


def _seite(ds, seite, bezug, kurz):
    person = ds.o[f"person_{seite}"]
    personal = ds.benutzer[f"personal_{kurz}2"]
    e = domain.entbindung_erfassen(
        person=person,
        daten=domain.Entbindungsdaten(
            empfaenger=ds.mk("schweigepflicht", bezug),
            empfaenger_art="schuldenberatung",
            umfang=ds.mk("schweigepflicht", bezug),
            erteilt_am=heute() - timedelta(days=10),
            dokument=datei("entbindung.txt", ds.mk("schweigepflicht", bezug)),
        ),
        durch=personal,
    )
    ds.o[f"entbindung_{seite}"] = e
    ds.o[f"kontakt_{seite}"] = domain.kontakt_erfassen(
        person=person,
        daten=domain.Kontaktdaten(
            empfaenger=ds.mk("schweigepflicht", bezug),
            empfaenger_art="schuldenberatung",
            datum=heute() - timedelta(days=2),
            inhalt=ds.mk("schweigepflicht", bezug),
            entbindung=e,
        ),
        durch=personal,
    )
    ds.o[f"anzeige_{seite}"] = domain.strafanzeige_erfassen(
        person=person,
        daten=domain.Anzeigedaten(
            datum=heute() - timedelta(days=1),
            referenz=ds.mk("schweigepflicht", bezug),
            schwere="vergehen",
            sachverhalt=ds.mk("schweigepflicht", bezug),
        ),
        durch=ds.benutzer["sachbearbeitung"],
    )


def anlegen(ds):
    for seite, bezug, kurz in SEITEN:
        _seite(ds, seite, bezug, kurz)
    ziele(ds)


def ziele(ds):
    o = ds.o
    ds.ziel("datenschutz:mandate")
    for name in (
        "datenschutz-entbindung-list",
        "datenschutz-kontakt-list",
        "datenschutz-strafanzeige-list",
        "datenschutz-mandat-list",
    ):
        ds.ziel(name)
    for seite, bezug, _kurz in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        api = {"art": "json", **kw}
        person, e, mandat = o[f"person_{seite}"], o[f"entbindung_{seite}"], o[f"mandat_{seite}"]
        arzt = "medizin" if seite == "a" else "medizin_b"
        fremd = "medizin_b" if seite == "a" else "medizin"  # a new mandate may not overlap the running one
        mandat_bezug = bezug | {f"eigen:{arzt}"}
        entbindung_form = {
            "empfaenger": "Arbeitgeber AG",
            "empfaenger_art": "arbeitgeber",
            "umfang": "Arbeitszeiten",
            "erteilt_am": iso(heute()),
        }
        ds.ziel("datenschutz:person", kwargs={"pk": person.pk}, **kw)
        ds.ziel(
            "datenschutz:entbindung_neu",
            kwargs={"pk": person.pk},
            daten=lambda d=entbindung_form: dict(d),
            **kw,
        )
        ds.ziel(
            "datenschutz:kontakt_neu",
            kwargs={"pk": person.pk},
            daten=lambda: {
                "empfaenger": "Arbeitgeber AG",
                "empfaenger_art": "arbeitgeber",
                "datum": iso(heute()),
                "inhalt": "Anschlusslösung besprochen.",
                "zweck": "resozialisierung",
                "rechtfertigung": "Stelle nach der Entlassung.",
            },
            **kw,
        )
        ds.ziel(
            "datenschutz:anzeige_neu",
            kwargs={"pk": person.pk},
            daten=lambda: {
                "datum": iso(heute()),
                "referenz": "SA-26-9",
                "staatsanwaltschaft": "Staatsanwaltschaft Luzern",
                "schwere": "vergehen",
                "sachverhalt": "Diebstahl in der Werkstatt.",
            },
            **kw,
        )
        ds.ziel(
            "datenschutz:mandat_neu",
            kwargs={"pk": person.pk},
            daten=lambda a=fremd: {
                "fachperson": ds.benutzer[a].pk,
                "art": "begutachtung",
                "fachrichtung": "psychiatrie",
                "referenz": "GA-26-1",
                "auftrag": "Gutachten Art. 62d StGB",
            },
            **kw,
        )
        ds.ziel("datenschutz:auskunft", kwargs={"pk": person.pk}, **kw)
        ds.ziel("datenschutz:auskunft_json", kwargs={"pk": person.pk}, **kw)
        ds.ziel("datenschutz:auskunft_pdf", kwargs={"pk": person.pk}, **kw)
        ds.ziel(
            "datenschutz:entbindung_widerrufen",
            kwargs={"pk": e.pk},
            daten=lambda: {
                "widerrufen_am": iso(heute()),
                "bemerkung": "Mündlich gegenüber der Betreuung.",
                "bestaetigt": "1",
            },
            **kw,
        )
        ds.ziel("datenschutz:entbindung_dokument", kwargs={"pk": e.pk}, **kw)
        ds.ziel(
            "datenschutz:mandat_beenden",
            kwargs={"pk": mandat.pk},
            daten=lambda: {"grund": "Behandlung abgeschlossen.", "bestaetigt": "1"},
            seite=seite,
            bezug=mandat_bezug,
        )
        # API
        ds.ziel("datenschutz-entbindung-detail", kwargs={"pk": e.pk}, **kw)
        ds.ziel(
            "datenschutz-entbindung-list",
            daten=lambda p=person: {
                "person": p.pk,
                "empfaenger": "Arbeitgeber AG",
                "empfaengerArt": "arbeitgeber",
                "umfang": "Arbeitszeiten",
                "erteiltAm": iso(heute()),
            },
            **api,
        )
        ds.ziel(
            "datenschutz-entbindung-widerrufen",
            kwargs={"pk": e.pk},
            daten=lambda: {"widerrufenAm": iso(heute()), "bemerkung": "Mündlich."},
            **api,
        )
        ds.ziel("datenschutz-kontakt-detail", kwargs={"pk": o[f"kontakt_{seite}"].pk}, **kw)
        ds.ziel(
            "datenschutz-kontakt-list",
            daten=lambda p=person: {
                "person": p.pk,
                "empfaenger": "Arbeitgeber AG",
                "empfaengerArt": "arbeitgeber",
                "datum": iso(heute()),
                "inhalt": "Anschlusslösung besprochen.",
                "kontaktzweck": "resozialisierung",
                "rechtfertigung": "Stelle nach der Entlassung.",
            },
            **api,
        )
        ds.ziel("datenschutz-strafanzeige-detail", kwargs={"pk": o[f"anzeige_{seite}"].pk}, **kw)
        ds.ziel(
            "datenschutz-strafanzeige-list",
            daten=lambda p=person: {
                "person": p.pk,
                "datum": iso(heute()),
                "referenz": "SA-26-9",
                "schwere": "vergehen",
                "sachverhalt": "Diebstahl in der Werkstatt.",
            },
            **api,
        )
        ds.ziel("datenschutz-mandat-detail", kwargs={"pk": mandat.pk}, seite=seite, bezug=mandat_bezug)
        ds.ziel(
            "datenschutz-mandat-list",
            daten=lambda p=person, a=fremd: {
                "person": p.pk,
                "fachperson": ds.benutzer[a].pk,
                "art": "begutachtung",
                "fachrichtung": "psychiatrie",
                "referenz": "GA-26-1",
                "auftrag": "Gutachten Art. 62d StGB",
            },
            **api,
        )
        ds.ziel(
            "datenschutz-mandat-beenden",
            kwargs={"pk": mandat.pk},
            daten=lambda: {"grund": "Behandlung abgeschlossen.", "bestaetigt": "1"},
            art="json",
            seite=seite,
            bezug=mandat_bezug,
        )
        ds.ziel("datenschutz-auskunft-detail", kwargs={"pk": person.pk}, **kw)
