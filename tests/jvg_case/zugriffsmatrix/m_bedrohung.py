"""Bedrohungsmanagement (R-BM-1..3): reports by two reporters — staff of JVA Grosshof (side A) and a
case worker (side B), the widest reader of the Vollzug files, who must still see only her own report —
with assessments, measures, a case conference, attachments; the info pages."""

from datetime import timedelta

from bedrohung import domain as b

from .datensatz import datei
from .hilfen import heute, iso, vor, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B

# (side, scope tokens, reporter, facility key)
SEITEN = (
    ("a", SEITE_A | {"eigen:personal_gh"}, "personal_gh", "gh"),
    ("b", SEITE_B | {"eigen:sachbearbeitung"}, "sachbearbeitung", "ww"),
)


def _meldung(ds, seite, bezug, melder, kurz, **kw):
    return b.meldung_erfassen(
        vorfall_am=vor(days=1),
        ort=ds.mk("bedrohung", bezug),
        kanal="persoenlich",
        wortlaut=ds.mk("bedrohung", bezug),
        urheber_art="insasse",
        urheber_person=ds.o[f"person_{seite}"],
        urheber_beschreibung=ds.mk("bedrohung", bezug),
        betroffene=ds.mk("bedrohung", bezug),
        zeugen=ds.mk("bedrohung", bezug),
        sofortbedarf=ds.mk("bedrohung", bezug),
        anstalt=ds.o[kurz],
        durch=ds.benutzer[melder],
        **kw,
    )


def _seite(ds, seite, bezug, melder, kurz):
    team = ds.benutzer["bedrohungsmanagement"]
    m = _meldung(
        ds,
        seite,
        bezug,
        melder,
        kurz,
        beilagen=[
            b.BeilageDaten(ds.mk("bedrohung", bezug), datei("drohbrief.txt", ds.mk("bedrohung", bezug)))
        ],
    )
    b.einschaetzung_erfassen(
        meldung=m, risikostufe="mittel", begruendung=ds.mk("bedrohung", bezug), durch=team
    )
    massnahme = b.massnahme_erfassen(
        meldung=m,
        art="schutz",
        beschreibung=ds.mk("bedrohung", bezug),
        verantwortlich=team,
        frist=heute() + timedelta(days=10),
        durch=team,
    )
    b.konferenz_erfassen(
        meldung=m,
        datum=vor(hours=3),
        stellen=["polizei"],
        teilnehmende=ds.mk("bedrohung", bezug),
        beschluesse=ds.mk("bedrohung", bezug),
        durch=team,
    )
    ds.o[f"meldung_{seite}"] = m
    ds.o[f"meldung_beilage_{seite}"] = m.beilagen.get()
    ds.o[f"massnahme_bm_{seite}"] = massnahme
    # Ready to close: assessed, no open measure.
    fertig = _meldung(ds, seite, bezug, melder, kurz)
    b.einschaetzung_erfassen(meldung=fertig, risikostufe="gering", begruendung="Abgeklärt.", durch=team)
    ds.o[f"meldung_fertig_{seite}"] = fertig


def anlegen(ds):
    team = ds.benutzer["bedrohungsmanagement"]
    ds.o["merkblatt"] = b.merkblatt_speichern(titel="Drohungen erkennen", inhalt="Ruhe bewahren.", durch=team)
    ds.o["ansprechperson_bm"] = b.ansprechperson_speichern(
        name="Marco Zemp", abteilung="JVA Grosshof", telefon="041 228 00 00", durch=team
    )
    for seite, bezug, melder, kurz in SEITEN:
        _seite(ds, seite, bezug, melder, kurz)
    ziele(ds)


def _meldung_form(person, kurz_anstalt):
    def daten():
        return {
            "urheber_art": "insasse",
            "urheber_person": person.pk,
            "urheber_beschreibung": "",
            "betroffene": "Aufseher B.",
            "vorfall_am": zeit_form(vor(hours=2)),
            "ort": "Hof",
            "anstalt": kurz_anstalt.pk,
            "kanal": "persoenlich",
            "wortlaut": "Ich finde dich.",
            "zeugen": "",
            "sofortbedarf": "",
        }

    return daten


def ziele(ds):
    o = ds.o
    team = ds.benutzer["bedrohungsmanagement"]
    for name in ("bedrohung:start", "bedrohung:meine", "bedrohung:info", "bedrohung:meldung_liste"):
        ds.ziel(name)
    ds.ziel("bedrohung:protokoll")
    ds.ziel("bedrohung:melden", daten=_meldung_form(o["person_a"], o["gh"]), seite="a", bezug=SEITE_A)
    ds.ziel(
        "bedrohung:merkblatt_neu",
        daten=lambda: {"titel": "Neues Merkblatt", "inhalt": "Inhalt", "reihenfolge": "2"},
    )
    ds.ziel(
        "bedrohung:merkblatt_bearbeiten",
        kwargs={"pk": o["merkblatt"].pk},
        seite="i",
        daten=lambda: {"titel": "Drohungen erkennen", "inhalt": "Neu", "reihenfolge": "1"},
    )
    ds.ziel(
        "bedrohung:ansprechperson_neu",
        daten=lambda: {"name": "Anna Muff", "abteilung": "JVA Wauwilermoos", "aktiv": "on"},
    )
    ds.ziel(
        "bedrohung:ansprechperson_bearbeiten",
        kwargs={"pk": o["ansprechperson_bm"].pk},
        seite="i",
        daten=lambda: {"name": "Marco Zemp", "abteilung": "JVA Grosshof", "aktiv": "on"},
    )
    ds.ziel("bedrohungsmeldung-list")
    ds.ziel(
        "bedrohungsmeldung-list",
        daten=lambda: {
            "vorfallAm": zeit_json(vor(hours=2)),
            "ort": "Hof",
            "kanal": "persoenlich",
            "wortlaut": "Ich finde dich.",
            "urheberArt": "besucher",
            "urheberBeschreibung": "Besucher, ca. 40 Jahre",
            "betroffene": "Aufseher B.",
        },
        art="json",
    )
    for seite, bezug, _melder, _kurz in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        m, fertig = o[f"meldung_{seite}"], o[f"meldung_fertig_{seite}"]
        ds.ziel("bedrohung:meldung_detail", kwargs={"pk": m.pk}, **kw)
        ds.ziel("bedrohung:beilage_download", kwargs={"pk": o[f"meldung_beilage_{seite}"].pk}, **kw)
        ds.ziel("bedrohung:disziplinarrapport", kwargs={"pk": m.pk}, daten=lambda: {}, **kw)
        ds.ziel(
            "bedrohung:beilage_neu",
            kwargs={"pk": m.pk},
            daten=lambda: {"dateien": datei("nachtrag.txt", "Nachtrag")},
            **kw,
        )
        ds.ziel(
            "bedrohung:einschaetzung",
            kwargs={"pk": m.pk},
            daten=lambda: {"risikostufe": "hoch", "begruendung": "Eskalation", "eskalation": "on"},
            **kw,
        )
        ds.ziel(
            "bedrohung:ansprechperson_zuweisen",
            kwargs={"pk": m.pk},
            daten=lambda: {"ansprechperson": team.pk},
            **kw,
        )
        ds.ziel(
            "bedrohung:massnahme_neu",
            kwargs={"pk": m.pk},
            daten=lambda: {
                "art": "gespraech",
                "beschreibung": "Gefährderansprache",
                "verantwortlich": team.pk,
                "frist": iso(heute() + timedelta(days=5)),
            },
            **kw,
        )
        ds.ziel(
            "bedrohung:konferenz_neu",
            kwargs={"pk": m.pk},
            daten=lambda: {
                "datum": zeit_form(vor(hours=1)),
                "stellen": ["polizei"],
                "teilnehmende": "Team, Polizei",
                "beschluesse": "Schutzmassnahmen weiterführen.",
                "folge-TOTAL_FORMS": "0",
                "folge-INITIAL_FORMS": "0",
                "folge-MIN_NUM_FORMS": "0",
                "folge-MAX_NUM_FORMS": "3",
            },
            **kw,
        )
        ds.ziel(
            "bedrohung:abschliessen", kwargs={"pk": fertig.pk}, daten=lambda: {"bemerkung": "Erledigt."}, **kw
        )
        ds.ziel(
            "bedrohung:massnahme_erledigt",
            kwargs={"pk": o[f"massnahme_bm_{seite}"].pk},
            daten=lambda: {"bemerkung": "Gespräch geführt."},
            **kw,
        )
        api = {"art": "json", **kw}
        ds.ziel("bedrohungsmeldung-detail", kwargs={"pk": m.pk}, **kw)
        ds.ziel(
            "bedrohungsmeldung-einschaetzung",
            kwargs={"pk": m.pk},
            daten=lambda: {"risikostufe": "hoch", "begruendung": "Eskalation"},
            **api,
        )
        ds.ziel(
            "bedrohungsmeldung-ansprechperson",
            kwargs={"pk": m.pk},
            daten=lambda: {"ansprechperson": team.pk},
            **api,
        )
        ds.ziel(
            "bedrohungsmeldung-massnahmen",
            kwargs={"pk": m.pk},
            daten=lambda: {
                "massnahmenart": "gespraech",
                "beschreibung": "Gefährderansprache",
                "verantwortlich": team.pk,
                "frist": iso(heute() + timedelta(days=5)),
            },
            **api,
        )
        ds.ziel(
            "bedrohungsmeldung-massnahme-erledigen",
            kwargs={"pk": m.pk, "massnahme_id": o[f"massnahme_bm_{seite}"].pk},
            daten=lambda: {"bemerkung": "Gespräch geführt."},
            **api,
        )
        ds.ziel(
            "bedrohungsmeldung-konferenz",
            kwargs={"pk": m.pk},
            daten=lambda: {
                "datum": zeit_json(vor(hours=1)),
                "stellen": ["polizei"],
                "teilnehmende": "Team, Polizei",
                "beschluesse": "Schutzmassnahmen weiterführen.",
            },
            **api,
        )
        ds.ziel(
            "bedrohungsmeldung-abschliessen",
            kwargs={"pk": fertig.pk},
            daten=lambda: {"bemerkung": "Erledigt."},
            **api,
        )
