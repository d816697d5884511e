"""What §§ 27, 29, 30 (Überwachung) add: deadline sources (deletion dates, holds), start cards, change-log
paths, and the demo data of `make run` written through the domain functions: a video zone, a counsel
number, a few phone and video recordings, one legal hold and one ED measure."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from kern import fristen as jf
from kern.erweiterungen import FristEintrag, Karte
from kern.fristen import tagesende
from kern.rollen import Rolle, hat_rolle
from ueberwachung import domain, queries, recht
from ueberwachung.domain import loeschung
from ueberwachung.recht import EDArt, Objektart, Raumart, Rechtsgrundlage, Verfahrensart, Vorgang, Zugriffsart
from vollzug.models import Person, Platzierung


def _datei(name: str, inhalt: bytes) -> ContentFile:
    return ContentFile(inhalt, name=name)


def demo_anlegen(benutzer: dict, heute) -> None:
    leitung = benutzer.get("leitung.grosshof")
    sb = benutzer.get("sachbearbeitung")
    if leitung is None or sb is None:
        return
    platzierung = (
        Platzierung.objects.filter(anstalt_id=leitung.anstalt_id, bis__isnull=True)
        .select_related("fall__person")
        .order_by("pk")
        .first()
    )
    if platzierung is None:
        return
    person = platzierung.fall.person
    jetzt = timezone.now()
    zone = domain.videozone_festlegen(bezeichnung="Spazierhof Nord", raumart=Raumart.HOF, durch=leitung)
    domain.videozone_festlegen(
        bezeichnung="Sicherheitszelle 2",
        raumart=Raumart.SICHERHEITSZELLE,
        grund="gesundheitszustand",
        begruendung="Überwachung bei akuter Suizidgefahr gemäss ärztlicher Empfehlung.",
        durch=leitung,
    )
    domain.rechtsbeistand_erfassen(
        person=person, name="Lic. iur. Anna Beispiel", nummer="041 210 00 00", durch=sb
    )
    aufnahmen = []
    for tage, nummer in ((2, "079 123 45 67"), (40, "041 999 88 77"), (95, "+41 31 555 66 77")):
        beginn = jetzt - timedelta(days=tage, hours=1)
        aufnahmen.append(
            domain.telefonaufzeichnung_erfassen(
                person=person,
                nummer=nummer,
                beginn=beginn,
                ende=beginn + timedelta(minutes=12),
                datei=_datei("gespraech.ogg", b"OggS-demo-" + nummer.encode()),
                durch=leitung,
            )
        )
    domain.beizug_erfassen(
        aufzeichnung=aufnahmen[2],
        verfahrensart=Verfahrensart.STRAF,
        referenz="ST 2026 1234",
        behoerde="Staatsanwaltschaft Luzern",
        durch=sb,
    )
    beginn = jetzt - timedelta(days=3)
    zone.festgelegt_am = min(zone.festgelegt_am, beginn)  # the demo zone exists since before the clip
    zone.save(update_fields=["festgelegt_am"])
    domain.videoaufzeichnung_erfassen(
        zone=zone,
        beginn=beginn,
        ende=beginn + timedelta(minutes=30),
        datei=_datei("hof.webm", b"\x1a\x45\xdf\xa3webm-demo-hof"),  # WebM (EBML) head
        durch=leitung,
    )
    domain.ed_anordnen(
        person=person,
        art=EDArt.FOTOGRAFIEN,
        durchgefuehrt_am=heute,
        dateien=[_datei("portrait.jpg", b"\xff\xd8\xff-demo-portrait")],
        bemerkung="Eintrittsfoto",
        durch=leitung,
    )


def startkarten(user) -> list[Karte]:
    if not hat_rolle(user, Rolle.ANSTALTSLEITUNG, Rolle.SACHBEARBEITUNG) or not queries.sieht_modul(user):
        return []
    gehalten = queries.beizuege_fuer_user(user).filter(aufgehoben_am__isnull=True).count()
    if not gehalten:
        return []
    return [
        Karte(
            zahl=gehalten,
            text="Aufzeichnungen unter Beizug (§ 29 Abs. 2, § 30 Abs. 5 JVG): nach Verfahrensende aufheben",
            url=reverse("ueberwachung:beizug_liste"),
        )
    ]


# --- Deadline source for the Fristenkontrolle -------------------------------------------------------
# Deadline sources of §§ 27, 29, 30 JVG for the Fristenkontrolle (R-0-FRIST-4), registered in
# `registrieren()` below. One query per source, only what the user may see (`queries`).
#
# - Deletions of recordings due in the next days (and overdue ones the job has not reached yet), one entry
#   per facility, kind and day — a facility records hundreds of calls a day, one line each would bury the
#   rest of the overview.
# - Active legal holds: the recording outlives its 100 days only because of the hold; the entry is due at
#   the original deletion time, so a hold kept beyond it shows as overdue (to be reviewed and lifted).
# - ED material: the day of destruction per person (ten years after the definitive release).

VORLAUF_TAGE = 7  # recordings: deletions of the coming week
ED_VORLAUF_TAGE = 365  # ED material: destructions of the coming year


def _aufzeichnungen(qs, user, *, typ: str, was: str, paragraph: str, url_name: str, regel: str):
    bis = timezone.now() + timedelta(days=VORLAUF_TAGE)
    zeilen = (
        qs.filter(loeschung_faellig_am__lte=bis)
        .exclude(queries.aktiver_beizug("telefon" if "telefon" in typ else "video"))
        .annotate(tag=TruncDate("loeschung_faellig_am", tzinfo=jf.TZ))
        .values("anstalt_id", "anstalt__name", "tag")
        .annotate(anzahl=Count("pk"), erste=Min("loeschung_faellig_am"))
        .order_by("tag", "anstalt_id")
    )
    return [
        FristEintrag(
            typ=typ,
            titel=f"Löschung von {z['anzahl']} {was} ({paragraph})",
            faellig=z["erste"],
            url=f"{reverse(url_name)}?anstalt={z['anstalt_id']}&faellig_bis={z['tag']:%Y-%m-%d}",
            anstalt_id=z["anstalt_id"],
            anstalt_name=z["anstalt__name"],
            regel=regel,
        )
        for z in zeilen
    ]


def telefon_loeschungen(user, heute):
    return _aufzeichnungen(
        queries.telefon_fuer_user(user),
        user,
        typ="ueberwachung_telefon",
        was="Telefonaufzeichnungen",
        paragraph="§ 29 Abs. 2 JVG",
        url_name="ueberwachung:telefon_liste",
        regel="R-29-2",
    )


def video_loeschungen(user, heute):
    return _aufzeichnungen(
        queries.video_fuer_user(user),
        user,
        typ="ueberwachung_video",
        was="Videoaufzeichnungen",
        paragraph="§ 30 Abs. 5 JVG",
        url_name="ueberwachung:video_liste",
        regel="R-30-3",
    )


def beizuege(user, heute):
    holds = (
        queries.beizuege_fuer_user(user)
        .filter(aufgehoben_am__isnull=True)
        .select_related("telefon__person", "telefon__anstalt", "video__anstalt", "video__person")
        .order_by("pk")
    )
    eintraege = []
    for b in holds:
        a = b.telefon or b.video
        art = "Telefonaufzeichnung" if b.telefon_id else "Videoaufzeichnung"
        url_name = "ueberwachung:telefon_detail" if b.telefon_id else "ueberwachung:video_detail"
        eintraege.append(
            FristEintrag(
                typ="ueberwachung_beizug",
                titel=f"{art} {a.pk} beigezogen ({b.get_verfahrensart_display()} {b.referenz}): "
                "Beizug prüfen – ohne Beizug wäre sie an diesem Tag gelöscht",
                faellig=a.loeschung_faellig_am,
                url=reverse(url_name, args=[a.pk]) + f"#beizug-{b.pk}",
                person_id=a.person_id,
                person_name=f"{a.person.amtlicher_name} {a.person.vorname}" if a.person_id else "",
                anstalt_id=a.anstalt_id,
                anstalt_name=a.anstalt.name,
                regel="R-29-2" if b.telefon_id else "R-30-3",
            )
        )
    return eintraege


def ed_vernichtungen(user, heute):
    if not queries.sieht_modul(user):
        return []
    personen = queries.ed_personen_mit_frist().filter(in_vollzug=False, letzte_entlassung__isnull=False)
    if hat_rolle(user, Rolle.ANSTALTSLEITUNG):
        personen = personen.filter(pk__in=queries.ed_fuer_user(user).values("person_id"))
    eintraege = []
    for p in personen.order_by("pk"):
        tag = recht.ed_vernichtung_am(jf.lokales_datum(p.letzte_entlassung))
        if tag > heute + timedelta(days=ED_VORLAUF_TAGE):
            continue
        eintraege.append(
            FristEintrag(
                typ="ueberwachung_ed",
                titel=f"Vernichtung der ED-Unterlagen (§ 27 Abs. 3 JVG, Entlassung "
                f"{timezone.localtime(p.letzte_entlassung):%d.%m.%Y})",
                faellig=tagesende(tag),
                url=reverse("ueberwachung:ed_liste") + f"?person={p.pk}",
                person_id=p.pk,
                person_name=f"{p.amtlicher_name} {p.vorname}",
                regel="R-27-3",
            )
        )
    return eintraege


DOSSIER_ZEILEN = 10


def _anzahl(qs) -> Coalesce:
    return Coalesce(
        Subquery(
            qs.filter(person_id=OuterRef("pk"))
            .order_by()
            .values("person_id")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def dossier(person, user) -> dict | None:
    """The one block of the case and person page (issues 17, 23): how many recordings, ED measures and
    registered counsel numbers of the person this user may see, and the newest recordings and ED
    measures — metadata only, never the number called, a counsel's name, the file or its content.

    Only for the roles that see this module (`queries.sieht_modul`: the authority's case workers and
    auditors, the facility management for its facility), as in its lists. One query for the counts,
    then one per kind that has rows (at most four, whatever the number of rows); None when there is
    nothing to show."""
    if not queries.sieht_modul(user):
        return None
    zahlen = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            n_telefon=_anzahl(queries.telefon_fuer_user(user)),
            n_video=_anzahl(queries.video_fuer_user(user)),
            n_ed=_anzahl(queries.ed_fuer_user(user)),
            n_rechtsbeistaende=_anzahl(
                queries.rechtsbeistaende_fuer_user(user).filter(entfernt_am__isnull=True)
            ),
        )
        .values("n_telefon", "n_video", "n_ed", "n_rechtsbeistaende")
        .first()
    )
    if not zahlen or not any(zahlen.values()):
        return None
    anzahl = {k.removeprefix("n_"): v for k, v in zahlen.items()}
    telefon, video, ed = [], [], []
    if anzahl["telefon"]:
        telefon = list(
            queries.telefon_fuer_user(user)
            .filter(person=person)
            .only("pk", "beginn", "ende", "loeschung_faellig_am")
            .order_by("-beginn", "-pk")[:DOSSIER_ZEILEN]
        )
    if anzahl["video"]:
        video = list(
            queries.video_fuer_user(user)
            .filter(person=person)
            .only("pk", "beginn", "ende", "loeschung_faellig_am", "auswertung_abgeschlossen_am")
            .order_by("-beginn", "-pk")[:DOSSIER_ZEILEN]
        )
    if anzahl["ed"]:
        ed = list(
            queries.ed_fuer_user(user)
            .filter(person=person)
            .only("pk", "art", "durchgefuehrt_am")
            .order_by("-durchgefuehrt_am", "-pk")[:DOSSIER_ZEILEN]
        )
    return {
        "person_id": person.pk,
        "anzahl": anzahl,
        "telefon": telefon,
        "video": video,
        "ed": ed,
        "zeilen": DOSSIER_ZEILEN,
    }


def fallblock(fall, user) -> dict | None:
    return dossier(fall.person, user)


# --- Timeline of the dossier ------------------------------------------------------------------------
# Metadata only (§§ 27, 29, 30): holds, ED measures, logged accesses and deletions — never a number
# called, a remark, a suspicion or a file. Recordings themselves are not events (a person may have
# hundreds of calls; the block above lists the newest). Deletions are grouped per day and kind: the
# job deletes in bulk, one line per recording would bury the rest.

BEREICH = "Überwachung"
_ART = {
    Objektart.TELEFON: ("Telefonaufzeichnung", "Telefonaufzeichnungen"),
    Objektart.VIDEO: ("Videoaufzeichnung", "Videoaufzeichnungen"),
    Objektart.ED: ("ED-Unterlage", "ED-Unterlagen"),
}
_PARAGRAPH = {Objektart.TELEFON: "§ 29 Abs. 2 JVG", Objektart.VIDEO: "§ 30 Abs. 5 JVG"}
_LOESCHGRUND = {
    Rechtsgrundlage.FRIST_29_2: "§ 29 Abs. 2 JVG",
    Rechtsgrundlage.RECHTSBEISTAND_29_4: "§ 29 Abs. 4 JVG",
    Rechtsgrundlage.AUSWERTUNG_30_5: "§ 30 Abs. 5 JVG",
    Rechtsgrundlage.FRIST_30_5: "§ 30 Abs. 5 JVG",
    Rechtsgrundlage.ED_27_3: "§ 27 Abs. 3 JVG",
}

_ZUGRIFF = {  # a logged access to content (Inhaltszugriff): what happened, never why or what was found
    Zugriffsart.ABHOEREN: "Telefonaufzeichnung abgehört (§ 29 Abs. 3 JVG)",
    Zugriffsart.AUSWERTEN: "Videoaufzeichnung ausgewertet (§ 30 Abs. 3 JVG)",
    Zugriffsart.EINSICHT_BEHOERDE: "Einsicht einer Behörde in eine Aufzeichnung (§ 30 Abs. 4 JVG)",
    Zugriffsart.ED_ANSICHT: "Einsicht in die ED-Unterlagen (§ 27 Abs. 1 JVG)",
    Zugriffsart.ED_WEITERGABE: "ED-Unterlagen an die Polizei weitergegeben (§ 27 Abs. 2 JVG)",
}


def _beizug(was: str, art: Objektart):
    """Holds on a recording: values (recording, its start, kind of proceeding)."""
    paragraph = _PARAGRAPH[art]

    def ereignis(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
        url = reverse(f"ueberwachung:{art}_detail", args=[z.zahl(0)]) + f"#beizug-{z.pk}"
        aufzeichnung = f"{_ART[art][0]} vom {z.moment(1):%d.%m.%Y}"
        if was == "beigezogen":
            text = f"{aufzeichnung} beigezogen: {Verfahrensart(z.werte[2]).label} ({paragraph})"
        else:
            text = f"Beizug aufgehoben: {aufzeichnung} ({paragraph})"
        return erweiterungen.Ereignis(z.zeitpunkt, text, url, BEREICH)

    return ereignis


def _ed(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
    return erweiterungen.Ereignis(
        z.zeitpunkt,
        f"Erkennungsdienstliche Massnahme (§ 27 Abs. 1 JVG): {EDArt(z.werte[0]).label}",
        reverse("ueberwachung:ed_detail", args=[z.pk]),
        BEREICH,
    )


def _zugriff(z: erweiterungen.Zeile) -> erweiterungen.Ereignis:
    return erweiterungen.Ereignis(
        z.zeitpunkt, _ZUGRIFF[z.werte[0]], reverse("ueberwachung:zugriff_detail", args=[z.pk]), BEREICH
    )


def _loeschungen(person, user) -> list[erweiterungen.Ereignis]:
    """Deletions and refusals, one event per day, kind and legal basis (one grouped query)."""
    geloescht = (
        queries.protokoll_fuer_user(user)
        .filter(person=person)
        .annotate(tag=TruncDate("vernichtet_am", tzinfo=jf.TZ))
        .values("tag", "objektart", "vorgang", "rechtsgrundlage")
        .annotate(anzahl=Count("pk"), zuletzt=Max("vernichtet_am"))
        .order_by("tag", "objektart", "vorgang", "rechtsgrundlage")
    )
    ereignisse = []
    for z in geloescht:
        einzahl, mehrzahl = _ART[z["objektart"]]
        was = einzahl if z["anzahl"] == 1 else f"{z['anzahl']} {mehrzahl}"
        wie = (
            "beim Eingang abgewiesen, nicht gespeichert" if z["vorgang"] == Vorgang.ABGEWIESEN else "gelöscht"
        )
        ereignisse.append(
            erweiterungen.Ereignis(
                z["zuletzt"],
                f"{was} {wie} ({_LOESCHGRUND[z['rechtsgrundlage']]})",
                reverse("ueberwachung:vernichtung_liste"),
                BEREICH,
            )
        )
    return ereignisse


def zeitleiste(person, user, fall=None) -> list:
    """Timeline: holds (§ 29 Abs. 2, § 30 Abs. 5), ED measures (§ 27 Abs. 1), logged accesses to content
    (§ 27 Abs. 2, § 29 Abs. 3, § 30 Abs. 3, 4) and deletions (§§ 27 Abs. 3, 29, 30), for the module's
    readers only (nothing, and no query, for anybody else). The rows are read with the other sources'
    (`Zeilen`); the deletions, grouped, in one query of their own. The module keeps its data per person,
    not per case: the case page shows the person's events."""
    if not queries.sieht_modul(user):
        return []
    beizuege = queries.beizuege_fuer_user(user)
    telefon = beizuege.filter(telefon__person=person)
    video = beizuege.filter(video__person=person)
    t, v = ("telefon_id", "telefon__beginn", "verfahrensart"), ("video_id", "video__beginn", "verfahrensart")
    T, V = Objektart.TELEFON, Objektart.VIDEO
    Z = erweiterungen.Zeilen
    return [
        Z(telefon, "beigezogen_am", _beizug("beigezogen", T), t),
        Z(video, "beigezogen_am", _beizug("beigezogen", V), v),
        Z(telefon.filter(aufgehoben_am__isnull=False), "aufgehoben_am", _beizug("aufgehoben", T), t),
        Z(video.filter(aufgehoben_am__isnull=False), "aufgehoben_am", _beizug("aufgehoben", V), v),
        Z(queries.ed_fuer_user(user).filter(person=person), "durchgefuehrt_am", _ed, ("art",), tag=True),
        Z(queries.zugriffe_fuer_user(user).filter(person=person), "zeitpunkt", _zugriff, ("art",)),
        *_loeschungen(person, user),
    ]


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # R-0-FRIST-4: deletion dates and holds in the Fristenkontrolle.
    erweiterungen.fristquelle("ueberwachung_telefon", "Telefonaufzeichnungen: Löschung (§ 29 Abs. 2)")(
        telefon_loeschungen
    )
    erweiterungen.fristquelle("ueberwachung_video", "Videoaufzeichnungen: Löschung (§ 30 Abs. 5)")(
        video_loeschungen
    )
    erweiterungen.fristquelle(
        "ueberwachung_beizug", "Aufzeichnungen unter Beizug (§ 29 Abs. 2, § 30 Abs. 5)"
    )(beizuege)
    erweiterungen.fristquelle("ueberwachung_ed", "ED-Unterlagen: Vernichtung (§ 27 Abs. 3)")(ed_vernichtungen)
    # R-0-AUDIT-2: the auditors' change log filters these rows by person (while they exist: the
    # deletion removes them and their history, leaving the content-free Vernichtungsprotokoll).
    erweiterungen.personenpfad("ueberwachung.rechtsbeistand", "person")
    erweiterungen.personenpfad("ueberwachung.telefonaufzeichnung", "person")
    erweiterungen.personenpfad("ueberwachung.videoaufzeichnung", "person")
    erweiterungen.personenpfad("ueberwachung.edmassnahme", "person")
    erweiterungen.personenpfad("ueberwachung.eddatei", "massnahme__person")
    erweiterungen.personenpfad("ueberwachung.beizug", "telefon__person")
    erweiterungen.startkarte(startkarten)
    # The dossier (issues 17, 23): one block on the case and person page (counts and the newest
    # recordings and ED measures, metadata only) and the timeline's events.
    erweiterungen.fallblock("ueberwachung/_dossier.html", fallblock)
    erweiterungen.personenblock("ueberwachung/_dossier.html", dossier)
    erweiterungen.zeitleiste(zeitleiste)
    erweiterungen.demo(demo_anlegen)
    # After a restore, destructions newer than the backup are repeated from the destruction log (betrieb).
    erweiterungen.vernichtungslog(
        "ueberwachung",
        exportieren=loeschung.vernichtungen_exportieren,
        nachholen=loeschung.vernichtungen_nachholen,
    )
