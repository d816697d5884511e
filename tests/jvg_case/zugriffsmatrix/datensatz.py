"""The matrix dataset: users of every role, persons and cases in JVA Grosshof (side A) and JVA
Wauwilermoos (side B), and in every module the objects the URLs address, built through the domain
functions (as users build them), with a marker in every field a role might wrongly see.

Each module file (`m_*.py`) has `anlegen(ds)`, which builds its objects and registers its targets.
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oauth2_provider.models import AccessToken

from behoerden import domain as behoerden
from behoerden.models import Behoerdentyp
from datenschutz import domain
from datenschutz.recht import Fachrichtung, Mandatsart
from kern.models import Benutzer
from kern.rollen import Rolle
from kosten.models import Sozialdienst, Sozialdienstzugang
from vollzug import domain as vollzug
from vollzug.models import Anstalt
from vollzug.recht import Entscheidart, Platzierungsart, Sanktionsart, Traegerschaft

from .kern import SEITE_A, SEITE_B, Datensatz

PASSWORT_HASH = "md5$matrix$0"  # never used to log in: the test client logs in with force_login
AGENTUR = "Staatsanwaltschaft Luzern"
AHV_A = "7569217076985"  # 756.9217.0769.85 (RULEBOOK example)
AHV_B = "7561234567897"


# Issue 18 item 5: uploads are checked by content; a recording starts with its media head.
MEDIENKOPF = {".ogg": b"OggS\x00\x02", ".webm": b"\x1a\x45\xdf\xa3"}


def datei(name: str, *worte: str) -> SimpleUploadedFile:
    """An upload whose content carries the given markers (so a download shows whether it leaks)."""
    kopf = next((k for endung, k in MEDIENKOPF.items() if name.endswith(endung)), b"")
    return SimpleUploadedFile(name, kopf + (" ".join(["Inhalt", *worte]) + "\n").encode())


def pdf(name: str, *worte: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, ("%PDF-1.4 " + " ".join(worte) + "\n").encode(), content_type="application/pdf"
    )


def vor(**kw):
    return timezone.now() - timedelta(**kw)


def _benutzer(ds: Datensatz, schluessel: str, rolle: str, anstalt=None, **kw) -> Benutzer:
    user = Benutzer.objects.create(
        username=kw.pop("username", schluessel.replace("_", ".")),
        rolle=rolle,
        anstalt=anstalt,
        first_name=kw.pop("vorname", schluessel),
        last_name=kw.pop("name", "Matrix"),
        password=PASSWORT_HASH,
        **kw,
    )
    ds.benutzer[schluessel] = user
    return user


def _benutzer_anlegen(ds: Datensatz) -> None:
    gh, ww = ds.o["gh"], ds.o["ww"]
    _benutzer(ds, "sachbearbeitung", Rolle.SACHBEARBEITUNG)
    _benutzer(ds, "sachbearbeitung2", Rolle.SACHBEARBEITUNG)  # four eyes (R-0-4EYES-1)
    _benutzer(ds, "leitung_gh", Rolle.ANSTALTSLEITUNG, gh)
    _benutzer(ds, "leitung_gh2", Rolle.ANSTALTSLEITUNG, gh)
    _benutzer(ds, "leitung_ww", Rolle.ANSTALTSLEITUNG, ww)
    _benutzer(ds, "leitung_ww2", Rolle.ANSTALTSLEITUNG, ww)
    _benutzer(ds, "personal_gh", Rolle.ANSTALTSPERSONAL, gh)
    _benutzer(ds, "personal_gh2", Rolle.ANSTALTSPERSONAL, gh)
    _benutzer(ds, "personal_ww", Rolle.ANSTALTSPERSONAL, ww)
    _benutzer(ds, "personal_ww2", Rolle.ANSTALTSPERSONAL, ww)
    _benutzer(ds, "medizin", Rolle.MEDIZIN)
    _benutzer(ds, "medizin_b", Rolle.MEDIZIN)  # the physician of person B (not an actor)
    _benutzer(ds, "revision", Rolle.REVISION)
    _benutzer(ds, "bedrohungsmanagement", Rolle.BEDROHUNGSMANAGEMENT)
    _benutzer(ds, "admin", Rolle.ADMIN, is_staff=True, is_superuser=True)
    _benutzer(ds, "telefonanlage", Rolle.SYSTEM)
    # The browser user of a partner agency: the Sozialamt of Luzern (§ 47 Abs. 2, R-47-2).
    partner = _benutzer(ds, "partner", Rolle.PARTNERBEHOERDE)
    ds.o["sd_luzern"] = Sozialdienst.objects.create(
        name="Sozialdienst Luzern", gemeinde="Luzern", adresse="Obergrundstrasse 1\n6002 Luzern"
    )
    ds.o["sd_kriens"] = Sozialdienst.objects.create(
        name="Sozialdienst Kriens", gemeinde="Kriens", adresse="Schachenstrasse 1\n6010 Kriens"
    )
    Sozialdienstzugang.objects.create(benutzer=partner, sozialdienst=ds.o["sd_luzern"])
    # The agency's OAuth2 client (§ 21 Abs. 3 lit. a): it delivered person A's judgment.
    behoerde, geheimnis = behoerden.behoerde_anlegen(
        daten=behoerden.BehoerdeDaten(
            name=AGENTUR,
            typ=Behoerdentyp.STRAFBEHOERDE,
            kontakt_name=ds.mk("behoerde", frozenset()),
            kontakt_email="vollzug@sta.invalid",
        ),
        durch=ds.benutzer["admin"],
    )
    ds.o["behoerde"] = behoerde
    ds.o["behoerde_geheimnis"] = geheimnis
    ds.o["personal_gh_pk"] = ds.benutzer["personal_gh"].pk
    token = ds.mk("geheimnis", frozenset()).lower() + "-token-0001"
    ds.o["token"] = AccessToken.objects.create(
        application=behoerde.anwendung,
        token=token,
        expires=timezone.now() + timedelta(hours=12),
        scope="auskunft urteile",
    )


def _person(ds, seite: str, bezug, ahv: str):
    sb = ds.benutzer["sachbearbeitung"]
    return vollzug.person_erfassen(
        amtlicher_name=ds.mk("personalien", bezug),
        vorname=ds.mk("personalien", bezug),
        geschlecht="1",
        geburtsdatum=date(1985, 4, 12),
        ahv_nummer=ahv,
        durch=sb,
    )


def _fall(ds, person, bezug, *, behoerde: str, monate: int = 18, sanktion=Sanktionsart.FREIHEITSSTRAFE):
    sb = ds.benutzer["sachbearbeitung"]
    return vollzug.fall_erfassen(
        person=person,
        entscheid=vollzug.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde=behoerde,
            referenz=ds.mk("entscheid", bezug),
            entscheid_datum=date(2025, 1, 5),
            rechtskraft_am=date(2025, 2, 10),
        ),
        sanktionen=[
            vollzug.SanktionDaten(
                art=sanktion,
                dauer_jahre=monate // 12,
                dauer_monate=monate % 12,
                bemerkung=ds.mk("akte", bezug),
            )
        ],
        dokumente=[
            vollzug.DokumentDaten(titel=ds.mk("akte", bezug), datei=datei("urteil.txt", ds.mk("akte", bezug)))
        ],
        eingang_am=date(2025, 2, 20),
        durch=sb,
    )


def _seite(ds, seite: str, anstalt, andere, bezug, *, ahv: str, behoerde: str, arzt) -> None:
    """Person and case of one side: placed first in the other facility, transferred to a clinic under
    § 17 Abs. 3 (medical report = health data), then transferred to `anstalt` under § 17 Abs. 2."""
    sb = ds.benutzer["sachbearbeitung"]
    person = _person(ds, seite, bezug, ahv)
    fall = _fall(ds, person, bezug, behoerde=behoerde)
    vollzug.einweisen(fall=fall, anstalt=andere, am=vor(days=120), abteilung=ds.mk("akte", bezug), durch=sb)
    vollzug.versetzen(
        fall=fall,
        anstalt=ds.o["klinik"],
        am=vor(days=100),
        art=Platzierungsart.VERSETZUNG_KLINIK,
        # The reasons of a § 17 Abs. 3 transfer are part of the case file (the facility orders such a
        # transfer itself); the medical report is the health data (arztbericht_download).
        begruendung=ds.mk("akte", bezug),
        arztbericht=datei("arztbericht.txt", ds.mk("gesundheit", bezug)),
        durch=sb,
    )
    klinik = fall.platzierungen.get(bis__isnull=True)
    vollzug.versetzen(
        fall=fall,
        anstalt=anstalt,
        am=vor(days=90),
        grund="a",
        abteilung=ds.mk("akte", bezug),
        begruendung=ds.mk("akte", bezug),
        durch=sb,
    )
    fall.refresh_from_db()
    ds.o[f"person_{seite}"] = person
    ds.o[f"fall_{seite}"] = fall
    ds.o[f"klinik_platzierung_{seite}"] = klinik
    ds.o[f"platzierung_{seite}"] = fall.platzierungen.get(bis__isnull=True)
    ds.o[f"dokument_{seite}"] = fall.dokumente.get()
    # § 22: the physician's mandate (an assignment) for this person.
    ds.o[f"mandat_{seite}"] = domain.fachperson_zuteilen(
        person=person,
        fachperson=arzt,
        daten=domain.Mandatsdaten(
            art=Mandatsart.BEHANDLUNG,
            fachrichtung=Fachrichtung.PSYCHIATRIE,
            referenz=ds.mk("mandat", bezug | {f"eigen:{'medizin' if seite == 'a' else 'medizin_b'}"}),
            auftrag=ds.mk("mandat", bezug | {f"eigen:{'medizin' if seite == 'a' else 'medizin_b'}"}),
        ),
        durch=sb,
    )


def anlegen(media_root) -> Datensatz:
    from . import (
        m_bedrohung,
        m_datenschutz,
        m_disziplinar,
        m_inkasso,
        m_kern,
        m_kosten,
        m_ueberwachung,
        m_verfuegungen,
        m_verwaltung,
        m_vollzug,
        m_vollzugsdaten,
        m_vollzugsgestaltung,
        m_zwang,
        m_zwangsmassnahmen,
        m_zwangsmedizin,
    )

    ds = Datensatz()
    ds.media_root = media_root
    ds.o["gh"] = Anstalt.objects.create(
        name="JVA Grosshof", kurzname="Grosshof", ort="Kriens", traegerschaft=Traegerschaft.KANTONAL
    )
    ds.o["ww"] = Anstalt.objects.create(
        name="JVA Wauwilermoos", kurzname="Wauwilermoos", ort="Egolzwil", traegerschaft=Traegerschaft.KANTONAL
    )
    ds.o["klinik"] = Anstalt.objects.create(
        name="Luzerner Psychiatrie, Forensik",
        kurzname="LUPS",
        ort="St. Urban",
        traegerschaft=Traegerschaft.KANTONAL,
        ist_klinik=True,
    )
    _benutzer_anlegen(ds)
    _seite(ds, "a", ds.o["gh"], ds.o["ww"], SEITE_A, ahv=AHV_A, behoerde=AGENTUR, arzt=ds.benutzer["medizin"])
    _seite(
        ds,
        "b",
        ds.o["ww"],
        ds.o["gh"],
        SEITE_B,
        ahv=AHV_B,
        behoerde="Kriminalgericht Luzern",
        arzt=ds.benutzer["medizin_b"],
    )
    for modul in (
        m_vollzug,
        m_verfuegungen,
        m_disziplinar,
        m_bedrohung,
        m_zwangsmassnahmen,
        m_zwang,
        m_ueberwachung,
        m_zwangsmedizin,
        m_kosten,
        m_inkasso,
        m_datenschutz,
        m_vollzugsgestaltung,
        m_vollzugsdaten,
        m_verwaltung,
        m_kern,
    ):
        modul.anlegen(ds)
    return ds
