"""§§ 27, 29, 30: phone and video recordings (content = data class "aufzeichnung"), zones, holds,
counsel numbers, ED material, the content accesses of the management and the destruction log."""

import time_machine

from ueberwachung import domain as ue

from .datensatz import datei
from .hilfen import heute, iso, vor, zeit_form, zeit_json
from .kern import SEITE_A, SEITE_B

SEITEN = (("a", SEITE_A, "gh"), ("b", SEITE_B, "ww"))


def _seite(ds, seite, bezug, kurz):
    leitung, leitung2 = ds.benutzer[f"leitung_{kurz}"], ds.benutzer[f"leitung_{kurz}2"]
    anlage, sb = ds.benutzer["telefonanlage"], ds.benutzer["sachbearbeitung"]
    person = ds.o[f"person_{seite}"]
    eigen = bezug | {f"eigen:leitung_{kurz}"}  # content the actor opened through his own access

    def telefon(nummer):
        return ue.telefonaufzeichnung_erfassen(
            person=person,
            nummer=nummer,
            beginn=vor(hours=5),
            ende=vor(hours=4, minutes=50),
            datei=datei("anruf.ogg", ds.mk("aufzeichnung", eigen)),
            durch=anlage,
        )

    t = telefon("079 555 0" + ("1 11" if seite == "a" else "2 22"))
    ds.o[f"telefon_{seite}"] = t
    ds.o[f"beizug_{seite}"] = ue.beizug_erfassen(
        aufzeichnung=t,
        verfahrensart="strafverfahren",
        referenz=ds.mk("ueberwachung", bezug),
        behoerde=ds.mk("ueberwachung", bezug),
        durch=sb,
    )
    ds.o[f"zugriff_{seite}"] = ue.abhoeren(
        aufzeichnung=t, tatbestand="j", referenz=ds.mk("ueberwachung", bezug), durch=leitung
    )
    with time_machine.travel(vor(days=2), tick=False):  # a zone records only from its definition on
        zone = ue.videozone_festlegen(bezeichnung=ds.mk("ueberwachung", bezug), raumart="hof", durch=leitung2)
    ds.o[f"zone_{seite}"] = zone
    ds.o[f"video_{seite}"] = ue.videoaufzeichnung_erfassen(
        zone=zone,
        beginn=vor(hours=3),
        ende=vor(hours=2, minutes=30),
        datei=datei("clip.webm", ds.mk("aufzeichnung", eigen)),
        person=person,
        durch=leitung2,
    )
    # Evaluated (§ 30 Abs. 3): the evaluation can be closed, after which the recording is deleted.
    v2 = ue.videoaufzeichnung_erfassen(
        zone=zone,
        beginn=vor(hours=2),
        ende=vor(hours=1, minutes=30),
        datei=datei("clip2.webm", ds.mk("aufzeichnung", eigen)),
        person=person,
        durch=leitung2,
    )
    ue.auswerten(video=v2, verdachtsart="straftat", verdacht=ds.mk("ueberwachung", bezug), durch=leitung2)
    ds.o[f"video_ausgewertet_{seite}"] = v2
    ed = ue.ed_anordnen(
        person=person,
        art="fotografien",
        durchgefuehrt_am=heute(),
        dateien=[datei("foto.jpg", ds.mk("aufzeichnung", eigen))],
        bemerkung=ds.mk("ueberwachung", bezug),
        durch=leitung2,
    )
    ds.o[f"ed_{seite}"] = ed
    ds.o[f"ed_zugriff_{seite}"] = ue.ed_einsehen(
        massnahme=ed, zweck=ds.mk("ueberwachung", bezug), durch=leitung
    )
    # A call to a number registered afterwards as counsel is destroyed at once (R-29-4): the
    # destruction log gets a content-free row.
    nummer = "041 410 0" + ("3 33" if seite == "a" else "4 44")
    telefon(nummer)
    ds.o[f"rechtsbeistand_{seite}"] = ue.rechtsbeistand_erfassen(
        person=person, name=ds.mk("ueberwachung", bezug), nummer=nummer, durch=sb
    )
    from ueberwachung.models import Vernichtungsprotokoll

    ds.o[f"vernichtung_{seite}"] = Vernichtungsprotokoll.objects.filter(person=person).latest("pk")


def anlegen(ds):
    for seite, bezug, kurz in SEITEN:
        _seite(ds, seite, bezug, kurz)
    ziele(ds)


def ziele(ds):
    o = ds.o
    for name in (
        "ueberwachung:start",
        "ueberwachung:telefon_liste",
        "ueberwachung:video_liste",
        "ueberwachung:beizug_liste",
        "ueberwachung:ed_liste",
        "ueberwachung:zugriff_liste",
        "ueberwachung:vernichtung_liste",
        "ueberwachung:vernichtung_csv",
        "ueberwachung-telefon-list",
        "ueberwachung-video-list",
        "ueberwachung-beizug-list",
        "ueberwachung-zugriff-list",
        "ueberwachung-rechtsbeistand-list",
        "ueberwachung-vernichtung-list",
        "ueberwachung-zone-list",
        "ueberwachung-ed-list",
    ):
        ds.ziel(name)
    ds.ziel("ueberwachung:zonen", daten=lambda: {"bezeichnung": "Werkstatt Süd", "raumart": "werkstatt"})
    ds.ziel("ueberwachung:rechtsbeistaende")
    ds.ziel(
        "ueberwachung-zone-list",
        daten=lambda: {"bezeichnung": "Werkstatt Nord", "raumart": "werkstatt"},
        art="json",
    )
    for seite, bezug, kurz in SEITEN:
        kw = {"seite": seite, "bezug": bezug}
        api = {"art": "json", **kw}
        person, t, v = o[f"person_{seite}"], o[f"telefon_{seite}"], o[f"video_{seite}"]
        beizug, zugriff, ed = o[f"beizug_{seite}"], o[f"zugriff_{seite}"], o[f"ed_{seite}"]
        eigen = bezug | {f"eigen:leitung_{kurz}"}
        # Creates for a person placed in the caller's facility (the payload names the person).
        ds.ziel(
            "ueberwachung:telefon_neu",
            daten=lambda p=person: {
                "person": p.pk,
                "nummer": "079 666 77 88",
                "beginn": zeit_form(vor(hours=1)),
                "ende": zeit_form(vor(minutes=50)),
                "datei": datei("neu.ogg", "neu"),
            },
            **kw,
        )
        ds.ziel(
            "ueberwachung:video_neu",
            daten=lambda z=o[f"zone_{seite}"]: {
                "zone": z.pk,
                "beginn": zeit_form(vor(hours=1)),
                "ende": zeit_form(vor(minutes=50)),
                "datei": datei("neu.webm", "neu"),
            },
            **kw,
        )
        ds.ziel(
            "ueberwachung:ed_neu",
            daten=lambda p=person: {
                "person": p.pk,
                "art": "messungen",
                "durchgefuehrt_am": iso(heute()),
                "dateien": datei("mass.txt", "neu"),
            },
            **kw,
        )
        ds.ziel(
            "ueberwachung:rechtsbeistaende",
            daten=lambda p=person: {"person": p.pk, "name": "RA Muster", "nummer": "041 999 88 77"},
            **kw,
        )
        ds.ziel(
            "ueberwachung-telefon-list",
            daten=lambda p=person: {
                "person": p.pk,
                "nummer": "079 666 77 88",
                "beginn": zeit_json(vor(hours=1)),
                "ende": zeit_json(vor(minutes=50)),
                "datei": datei("neu.ogg", "neu"),
            },
            art="multipart",
            **kw,
        )
        ds.ziel(
            "ueberwachung-ed-list",
            daten=lambda p=person: {
                "person": p.pk,
                "art": "messungen",
                "durchgefuehrtAm": iso(heute()),
                "dateien": datei("mass.txt", "neu"),
            },
            art="multipart",
            **kw,
        )
        ds.ziel(
            "ueberwachung-rechtsbeistand-list",
            daten=lambda p=person: {"person": p.pk, "name": "RA Muster", "nummer": "041 999 88 77"},
            **api,
        )
        ds.ziel(
            "ueberwachung-beizug-list",
            daten=lambda vv=v: {
                "video": vv.pk,
                "verfahrensart": "strafverfahren",
                "referenz": "ST 1",
                "behoerde": "Staatsanwaltschaft",
            },
            **api,
        )
        # Details and actions
        ds.ziel("ueberwachung:telefon_detail", kwargs={"pk": t.pk}, **kw)
        ds.ziel(
            "ueberwachung:telefon_abhoeren",
            kwargs={"pk": t.pk},
            daten=lambda: {"tatbestand": "j", "referenz": "Rapport 2026-17"},
            **kw,
        )
        ds.ziel("ueberwachung:video_detail", kwargs={"pk": v.pk}, **kw)
        ds.ziel(
            "ueberwachung:video_auswerten",
            kwargs={"pk": v.pk},
            daten=lambda: {"verdachtsart": "disziplinarvergehen", "verdacht": "Schlägerei im Hof."},
            **kw,
        )
        v2 = o[f"video_ausgewertet_{seite}"]
        ds.ziel("ueberwachung:video_abschliessen", kwargs={"pk": v2.pk}, daten=lambda: {}, **kw)
        for art, obj in (("telefon", t), ("video", v)):
            ds.ziel(
                f"ueberwachung:beizug_neu[{art}]",
                kwargs={"art": art, "pk": obj.pk},
                daten=lambda: {
                    "verfahrensart": "zivilverfahren",
                    "referenz": "Z 2",
                    "behoerde": "Bezirksgericht",
                },
                **kw,
            )
        ds.ziel(
            "ueberwachung:einsicht[telefon]",
            kwargs={"art": "telefon", "pk": t.pk},
            daten=lambda b=beizug: {"beizug": b.pk, "empfaenger": "Staatsanwaltschaft"},
            **kw,
        )
        ds.ziel(
            "ueberwachung:beizug_aufheben",
            kwargs={"pk": beizug.pk},
            daten=lambda: {"grund": "Verfahren abgeschlossen."},
            **kw,
        )
        ds.ziel(  # lifting asks first (issue 17 item 7)
            "ueberwachung:zone_aufheben",
            kwargs={"pk": o[f"zone_{seite}"].pk},
            daten=lambda: {"bestaetigt": "1"},
            **kw,
        )
        ds.ziel(
            "ueberwachung:rechtsbeistand_entfernen",
            kwargs={"pk": o[f"rechtsbeistand_{seite}"].pk},
            daten=lambda: {"grund": "Mandat beendet."},
            **kw,
        )
        ds.ziel("ueberwachung:ed_detail[ohne_aktion]", kwargs={"pk": ed.pk}, **kw)
        ds.ziel(
            "ueberwachung:ed_detail[einsehen]",
            kwargs={"pk": ed.pk},
            daten=lambda: {"zweck": "Identität prüfen."},
            **kw,
        )
        ds.ziel(
            "ueberwachung:ed_detail[weitergeben]",
            kwargs={"pk": ed.pk},
            daten=lambda: {"aktion": "weitergeben", "empfaenger": "Kantonspolizei", "zweck": "Fahndung"},
            **kw,
        )
        ds.ziel("ueberwachung:zugriff_detail", kwargs={"pk": zugriff.pk}, seite=seite, bezug=eigen)
        ds.ziel("ueberwachung:inhalt", kwargs={"pk": zugriff.pk}, seite=seite, bezug=eigen)
        ds.ziel("ueberwachung:inhalt", kwargs={"pk": o[f"ed_zugriff_{seite}"].pk}, seite=seite, bezug=eigen)
        # API
        ds.ziel("ueberwachung-telefon-detail", kwargs={"pk": t.pk}, **kw)
        ds.ziel(
            "ueberwachung-telefon-abhoeren",
            kwargs={"pk": t.pk},
            daten=lambda: {"tatbestand": "j", "referenz": "Rapport 2026-17"},
            **api,
        )
        ds.ziel("ueberwachung-video-detail", kwargs={"pk": v.pk}, **kw)
        ds.ziel(
            "ueberwachung-video-auswerten",
            kwargs={"pk": v.pk},
            daten=lambda: {"verdachtsart": "disziplinarvergehen", "verdacht": "Schlägerei im Hof."},
            **api,
        )
        ds.ziel("ueberwachung-video-auswertung-abschliessen", kwargs={"pk": v2.pk}, daten=lambda: {}, **api)
        ds.ziel("ueberwachung-beizug-detail", kwargs={"pk": beizug.pk}, **kw)
        ds.ziel(
            "ueberwachung-beizug-aufheben",
            kwargs={"pk": beizug.pk},
            daten=lambda: {"grund": "Verfahren abgeschlossen."},
            **api,
        )
        ds.ziel("ueberwachung-zugriff-detail", kwargs={"pk": zugriff.pk}, **kw)
        ds.ziel("ueberwachung-zugriff-inhalt", kwargs={"pk": zugriff.pk}, seite=seite, bezug=eigen)
        ds.ziel("ueberwachung-rechtsbeistand-detail", kwargs={"pk": o[f"rechtsbeistand_{seite}"].pk}, **kw)
        ds.ziel("ueberwachung-zone-detail", kwargs={"pk": o[f"zone_{seite}"].pk}, **kw)
        ds.ziel("ueberwachung-ed-detail", kwargs={"pk": ed.pk}, **kw)
        ds.ziel("ueberwachung-zone-aufheben", kwargs={"pk": o[f"zone_{seite}"].pk}, daten=lambda: {}, **api)
        ds.ziel(
            "ueberwachung-ed-einsehen",
            kwargs={"pk": ed.pk},
            daten=lambda: {"zweck": "Identität prüfen."},
            **api,
        )
        ds.ziel(
            "ueberwachung-ed-weitergeben",
            kwargs={"pk": ed.pk},
            daten=lambda: {"empfaenger": "Kantonspolizei", "zweck": "Fahndung"},
            **api,
        )
        ds.ziel(
            "ueberwachung-rechtsbeistand-entfernen",
            kwargs={"pk": o[f"rechtsbeistand_{seite}"].pk},
            daten=lambda: {"grund": "Mandat beendet."},
            **api,
        )
        ds.ziel("ueberwachung-vernichtung-detail", kwargs={"pk": o[f"vernichtung_{seite}"].pk}, **kw)
