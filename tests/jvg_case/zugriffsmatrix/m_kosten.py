"""Kosten (§§ 46–50): daily rates, cost items routed to the canton, the person or the social assistance
of the person's municipality (side A: the partner's Sozialamt Luzern; side B: Sozialamt Kriens), and
the statements of the social assistance (PDF stored, CSV)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kosten import domain
from kosten.recht import Zahler

from .hilfen import heute, iso

SEITEN = (
    ("a", frozenset({"anstalt:gh", "zugeteilt:medizin", "entscheide:behoerde"}), "sd_luzern"),
    ("b", frozenset({"anstalt:ww"}), "sd_kriens"),
)


def _beleg(*worte):
    return SimpleUploadedFile("beleg.txt", (" ".join(["Beleg", *worte])).encode())


def _seite(ds, seite, bezug, sd_name):
    sb = ds.benutzer["sachbearbeitung"]
    fall, sd = ds.o[f"fall_{seite}"], ds.o[sd_name]
    # R-47-2: the person's Unterstützungswohnsitz is in the canton: its municipality's social
    # assistance pays subsidiarily (side A: the partner's own Sozialamt).
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person, kanton="LU", sozialdienst=sd, gueltig_ab=date(2020, 1, 1), durch=sb
    )
    tag = heute() - timedelta(days=3)
    sozial = bezug | ({"sozialdienst:partner"} if seite == "a" else set())
    ds.o[f"position_kanton_{seite}"] = domain.kostenposition_erfassen(
        fall=fall,
        kategorie="46b",
        datum=tag,
        bezeichnung=ds.mk("kosten", bezug),
        betrag=Decimal("412.60"),
        beleg=_beleg(ds.mk("kosten", bezug)),
        durch=sb,
    )
    ds.o[f"position_person_{seite}"] = domain.kostenposition_erfassen(
        fall=fall,
        kategorie="47b",
        datum=tag,
        bezeichnung=ds.mk("kosten", bezug),
        betrag=Decimal("86.35"),
        beleg=_beleg(ds.mk("kosten", bezug)),
        durch=sb,
    )
    ds.o[f"position_sozial_{seite}"] = domain.kostenposition_erfassen(
        fall=fall,
        kategorie="47e",
        datum=tag,
        bezeichnung=ds.mk("kosten", sozial),
        betrag=Decimal("1234.55"),
        beleg=_beleg(ds.mk("kosten", sozial)),
        subsidiaer=True,
        durch=sb,
    )
    a = domain.abrechnung_erstellen(
        zahler=Zahler.SOZIALHILFE, von=tag - timedelta(days=10), bis=tag, sozialdienst=sd, durch=sb
    )
    # Stored once: a GET of the PDF then writes nothing (the first GET would render and store it).
    ds.o[f"abrechnung_{seite}"] = domain.pdf_speichern(abrechnung=a, durch=sb)


def anlegen(ds):
    sb = ds.benutzer["sachbearbeitung"]
    for kurz in ("gh", "ww"):
        domain.kostgeld_erfassen(
            anstalt=ds.o[kurz],
            vollzugsform="normalvollzug",
            gueltig_ab=date(2025, 1, 1),
            betrag=Decimal("245.00"),
            durch=sb,
        )
    ds.o["kostgeld"] = domain.kostgeld_erfassen(
        anstalt=ds.o["gh"],
        vollzugsform="halbgefangenschaft",
        gueltig_ab=date(2025, 1, 1),
        betrag=Decimal("185.00"),
        durch=sb,
    )
    for seite, bezug, sd in SEITEN:
        _seite(ds, seite, bezug, sd)
    ziele(ds)


def ziele(ds):
    o = ds.o
    for name in (
        "kosten:start",
        "kosten:position_liste",
        "kosten:abrechnung_liste",
        "kostgeld-list",
        "kostenposition-list",
        "kostenabrechnung-list",
    ):
        ds.ziel(name)
    ds.ziel(
        "kosten:kostgeld_liste",
        daten=lambda: {
            "anstalt": o["ww"].pk,
            "vollzugsform": "halbgefangenschaft",
            "gueltig_ab": "2025-01-01",
            "betrag": "180.00",
        },
    )
    ds.ziel("kostgeld-detail", kwargs={"pk": o["kostgeld"].pk}, seite="i")
    ds.ziel(
        "kostgeld-list",
        daten=lambda: {
            "anstalt": o["ww"].pk,
            "vollzugsform": "halbgefangenschaft",
            "gueltigAb": "2025-01-01",
            "betrag": "180.00",
        },
        art="json",
    )
    ds.ziel(
        "kosten:abrechnung_neu",
        daten=lambda: {
            "zahler": "kanton",
            "periode_von": iso(heute() - timedelta(days=30)),
            "periode_bis": iso(heute() - timedelta(days=1)),
        },
    )
    ds.ziel(
        "kostenabrechnung-list",
        daten=lambda: {
            "zahler": "kanton",
            "periodeVon": iso(heute() - timedelta(days=30)),
            "periodeBis": iso(heute() - timedelta(days=1)),
        },
        art="json",
    )
    for seite, bezug, _sd in SEITEN:
        sozial = bezug | ({"sozialdienst:partner"} if seite == "a" else set())
        kw = {"seite": seite, "bezug": bezug}
        fall, person = o[f"fall_{seite}"], o[f"person_{seite}"]
        p_person, p_sozial = o[f"position_person_{seite}"], o[f"position_sozial_{seite}"]
        a = o[f"abrechnung_{seite}"]
        ds.ziel("kosten:position_detail", kwargs={"pk": p_sozial.pk}, seite=seite, bezug=sozial)
        ds.ziel("kosten:position_beleg", kwargs={"pk": p_sozial.pk}, seite=seite, bezug=sozial)
        ds.ziel(
            "kosten:position_abschreiben",
            kwargs={"pk": p_person.pk},
            daten=lambda: {"uneinbringlich_grund": "Betreibung erfolglos."},
            **kw,
        )
        ds.ziel(
            "kosten:position_neu",
            kwargs={"fall_pk": fall.pk},
            daten=lambda: {
                "kategorie": "47b",
                "datum": iso(heute() - timedelta(days=1)),
                "bezeichnung": "Apotheke",
                "betrag": "12.50",
                "zahler": "",
                "beleg": _beleg("neu"),
            },
            **kw,
        )
        ds.ziel(
            "kosten:beteiligung_neu",
            kwargs={"fall_pk": fall.pk},
            daten=lambda: {
                "grundlage": "arbeitsleistung",
                "von": iso(heute() - timedelta(days=30)),
                "bis": iso(heute() - timedelta(days=1)),
                "einkommen_monatlich": "600.00",
                "abzuege_monatlich": "0.00",
                "betrag_pro_tag": "5.00",
                "begruendung": "Arbeitsentgelt.",
            },
            **kw,
        )
        ds.ziel("kosten:fall", kwargs={"pk": fall.pk}, **kw)
        ds.ziel(
            "kosten:wohnsitz_neu",
            kwargs={"person_pk": person.pk},
            daten=lambda: {
                "kanton": "BE",
                "gemeinde": "Bern",
                "gueltig_ab": iso(heute() - timedelta(days=1)),
            },
            **kw,
        )
        ds.ziel("kosten:abrechnung_detail", kwargs={"pk": a.pk}, seite=seite, bezug=sozial)
        ds.ziel("kosten:abrechnung_pdf", kwargs={"pk": a.pk}, seite=seite, bezug=sozial)
        ds.ziel("kosten:abrechnung_csv", kwargs={"pk": a.pk}, seite=seite, bezug=sozial)
        ds.ziel("kostenposition-detail", kwargs={"pk": p_sozial.pk}, seite=seite, bezug=sozial)
        ds.ziel(
            "kostenposition-abschreiben",
            kwargs={"pk": p_person.pk},
            daten=lambda: {"grund": "Betreibung erfolglos."},
            art="json",
            **kw,
        )
        ds.ziel(
            "kostenposition-list",
            daten=lambda f=fall: {
                "fall": f.pk,
                "kategorie": "47b",
                "datum": iso(heute() - timedelta(days=1)),
                "bezeichnung": "Apotheke",
                "betrag": "12.50",
                "beleg": _beleg("neu"),
            },
            art="multipart",
            **kw,
        )
        ds.ziel("kostenabrechnung-detail", kwargs={"pk": a.pk}, seite=seite, bezug=sozial)
        ds.ziel("kostenabrechnung-pdf", kwargs={"pk": a.pk}, seite=seite, bezug=sozial)
        ds.ziel("kostenabrechnung-csv", kwargs={"pk": a.pk}, seite=seite, bezug=sozial)
