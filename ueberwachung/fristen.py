"""Deadline sources of §§ 27, 29, 30 JVG for the Fristenkontrolle (R-0-FRIST-4), registered in
`ueberwachung/contributions.py`. One query per source, only what the user may see (`queries`).

- Deletions of recordings due in the next days (and overdue ones the job has not reached yet), one entry
  per facility, kind and day — a facility records hundreds of calls a day, one line each would bury the
  rest of the overview.
- Active legal holds: the recording outlives its 100 days only because of the hold; the entry is due at
  the original deletion time, so a hold kept beyond it shows as overdue (to be reviewed and lifted).
- ED material: the day of destruction per person (ten years after the definitive release).
"""

from datetime import timedelta

from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from kern import fristen as jf
from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from kern.rollen import Rolle, hat_rolle

from . import queries, recht

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
