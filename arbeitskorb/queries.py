"""Read-side of the Arbeitskorb (issue 17): one list of what THIS user must do now.

Merged from every registered deadline source of the Fristenkontrolle (they include the user's open
tasks, the hearings to make up, the § 33 statements, the disciplinary limitation periods …), the
decisions waiting for the user's approval (R-0-4EYES-1: by role, facility and Stellvertretung) and the
user's drafts sent back for revision.
One row per thing to do: a source already leaves out what a task of the same role covers
(`vollzug.domain.fristen`), an entry meant for one named user (`FristEintrag.zustaendig_id`) is shown
only to that user, and two entries with the same target are one row. Grouped by due time: Überfällig,
Heute, Diese Woche, Später. Constant queries: one per deadline source plus three for approvals and returned drafts.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from fristenkontrolle.queries import alle_fristen, wochenende
from kern.erweiterungen import FristEintrag, typ_bezeichnung
from kern.fristen import TZ, tagesende
from kern.models import Benutzer
from verfuegungen.models import Genehmigungsschritt, Stellvertretung, Verfuegung
from verfuegungen.queries import zur_genehmigung_fuer, zurueckgewiesene_entwuerfe_fuer
from verfuegungen.recht import zustaendigkeit as recht_zustaendigkeit
from vollzug.queries import faelle_fuer_user, vollzugsbeginn_ueberfaellige
from vollzug.recht import Fallstatus

GRUPPEN = (
    ("ueberfaellig", "Überfällig"),
    ("heute", "Heute"),
    ("diese_woche", "Diese Woche"),
    ("spaeter", "Später"),
)

# A working target, not a statutory deadline: a submitted decision is approved (or returned) by the end
# of the day after its submission; later it shows as overdue in the approver's Arbeitskorb.
GENEHMIGUNG_TAGE = 1

ART_GENEHMIGUNG = "genehmigung"
ART_UEBERARBEITUNG = "ueberarbeitung"

# How long the navigation shows the counts of the last computation (the start page refreshes them).
ZAEHLER_CACHE_SEKUNDEN = 300


@dataclass(frozen=True, slots=True)
class Eintrag:
    """One row of the Arbeitskorb: what to do, by when, and where it is done."""

    art: str  # the deadline source's key, or "genehmigung"
    art_bezeichnung: str  # German, e.g. "Genehmigung (Vier-Augen-Prinzip)"
    titel: str
    faellig: datetime  # aware
    url: str  # the page where the action is taken
    person_id: int | None = None
    person_name: str = ""
    anstalt_name: str = ""


def _genehmigung(v: Verfuegung) -> Eintrag:
    vorgelegt = timezone.localtime(v.vorgelegt_am) if v.vorgelegt_am else timezone.localtime()
    person = v.person
    return Eintrag(
        art=ART_GENEHMIGUNG,
        art_bezeichnung="Genehmigung (Vier-Augen-Prinzip)",
        titel=f"{v.get_typ_display()} {v.nummer} genehmigen (vorgelegt am {vorgelegt:%d.%m.%Y})",
        faellig=tagesende(vorgelegt.date() + timedelta(days=GENEHMIGUNG_TAGE)),
        url=v.get_absolute_url(),
        person_id=v.person_id,
        person_name=f"{person.amtlicher_name} {person.vorname}",
        anstalt_name=v.anstalt.name if v.anstalt_id else "",
    )


def _ueberarbeitung(v: Verfuegung) -> Eintrag:
    zurueck = timezone.localtime(v.zurueckgewiesen_am)
    person = v.person
    return Eintrag(
        art=ART_UEBERARBEITUNG,
        art_bezeichnung="Entwurf überarbeiten (zurückgewiesen)",
        titel=f"{v.get_typ_display()} {v.nummer} überarbeiten und neu vorlegen "
        f"(zurückgewiesen am {zurueck:%d.%m.%Y})",
        faellig=tagesende(zurueck.date() + timedelta(days=GENEHMIGUNG_TAGE)),
        url=v.get_absolute_url(),
        person_id=v.person_id,
        person_name=f"{person.amtlicher_name} {person.vorname}",
        anstalt_name=v.anstalt.name if v.anstalt_id else "",
    )


def _aus_frist(e: FristEintrag) -> Eintrag:
    return Eintrag(
        art=e.typ,
        art_bezeichnung=typ_bezeichnung(e.typ),
        titel=e.titel,
        faellig=e.faellig,
        url=e.url,
        person_id=e.person_id,
        person_name=e.person_name,
        anstalt_name=e.anstalt_name,
    )


def eintraege(user, *, jetzt: datetime | None = None) -> list[Eintrag]:
    """Everything `user` must do, sorted by due time (one row per target page and fragment)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    jetzt = jetzt or timezone.now()
    heute = jetzt.astimezone(TZ).date()
    zeilen = [_genehmigung(v) for v in zur_genehmigung_fuer(user, am=heute)]
    zeilen += [_ueberarbeitung(v) for v in zurueckgewiesene_entwuerfe_fuer(user)]
    zeilen += [
        _aus_frist(e)
        for e in alle_fristen(user, heute=heute)
        if e.zustaendig_id is None or e.zustaendig_id == user.pk
    ]
    zeilen.sort(key=lambda e: (e.faellig, e.art, e.titel))
    gesehen: set[str] = set()
    eindeutig = []
    for zeile in zeilen:
        if zeile.url in gesehen:
            continue
        gesehen.add(zeile.url)
        eindeutig.append(zeile)
    return eindeutig


def gruppe_von(faellig: datetime, jetzt: datetime) -> str:
    """Überfällig: due before `jetzt`; Heute: by 23:59:59 today (Europe/Zurich); Diese Woche: by Sunday
    23:59:59 of the current ISO week (as the Fristenkontrolle); Später: after that."""
    if faellig < jetzt:
        return "ueberfaellig"
    if faellig <= tagesende(jetzt.astimezone(TZ).date()):
        return "heute"
    if faellig < wochenende(jetzt):
        return "diese_woche"
    return "spaeter"


def gruppieren(zeilen: list[Eintrag], jetzt: datetime) -> list[dict]:
    gruppen: dict[str, list[Eintrag]] = {schluessel: [] for schluessel, _titel in GRUPPEN}
    for zeile in zeilen:
        gruppen[gruppe_von(zeile.faellig, jetzt)].append(zeile)
    return [{"schluessel": s, "titel": t, "zeilen": gruppen[s]} for s, t in GRUPPEN]


def _cache_schluessel(user) -> str:
    return f"arbeitskorb:zaehler:{user.pk}"


def zaehler_aus(zeilen: list[Eintrag], jetzt: datetime) -> dict[str, int]:
    return {"offen": len(zeilen), "ueberfaellig": sum(1 for z in zeilen if z.faellig < jetzt)}


def zaehler(user, *, jetzt: datetime | None = None) -> dict[str, int]:
    """The navigation's counts, computed now: {"offen": n, "ueberfaellig": n}. Remembered for the
    navigation (`zaehler_gemerkt`) so other pages pay no query for them."""
    jetzt = jetzt or timezone.now()
    werte = zaehler_aus(eintraege(user, jetzt=jetzt), jetzt)
    zaehler_merken(user, werte)
    return werte


def zaehler_merken(user, werte: dict[str, int]) -> None:
    if user and user.is_authenticated:
        cache.set(_cache_schluessel(user), werte, ZAEHLER_CACHE_SEKUNDEN)


def zaehler_vergessen(user_ids) -> None:
    """Forget the remembered counts of these users (issue 17): the next page shows no count until
    their next Arbeitskorb visit, instead of a count up to ZAEHLER_CACHE_SEKUNDEN old."""
    cache.delete_many([f"arbeitskorb:zaehler:{pk}" for pk in set(user_ids) if pk is not None])


def betroffene_der_genehmigung(verfuegung: Verfuegung) -> set[int]:
    """Who sees a change in their Arbeitskorb when `verfuegung` is submitted, approved, returned or
    rejected: its drafter (returned drafts), everyone who submitted it, and every active user who may
    approve it by role, facility and Stellvertretung (R-0-4EYES-1; a superset is harmless: forgetting a
    count only costs that user one computation). Three queries."""
    z = recht_zustaendigkeit(verfuegung.typ)
    rollen = sorted(z.genehmigen | z.entwerfen)
    kandidaten = Benutzer.objects.filter(is_active=True, rolle__in=rollen)
    vertreter = Stellvertretung.objects.all()
    if z.in_anstalt:
        kandidaten = kandidaten.filter(anstalt_id=verfuegung.anstalt_id)
        vertreter = vertreter.filter(anstalt_id=verfuegung.anstalt_id)
    ids = set(kandidaten.values_list("pk", flat=True)) | set(vertreter.values_list("vertreter_id", flat=True))
    ids |= set(Genehmigungsschritt.objects.filter(verfuegung=verfuegung).values_list("durch_id", flat=True))
    ids.add(verfuegung.entworfen_durch_id)
    return ids


def zaehler_gemerkt(user) -> dict[str, int] | None:
    """The counts of the user's last Arbeitskorb (no query), or None when none is remembered."""
    if not (user and user.is_authenticated):
        return None
    return cache.get(_cache_schluessel(user))


def kennzahlen(user) -> dict:
    """The overview under the list: cases in execution, in intake, and those whose Vollzugsbeginn is
    overdue (R-13-1, the same boundary as the case list's filter)."""
    faelle: QuerySet = faelle_fuer_user(user)
    return {
        "anzahl_im_vollzug": faelle.filter(status=Fallstatus.IM_VOLLZUG).count(),
        "anzahl_eingang": faelle.filter(status=Fallstatus.EINGANG).count(),
        "anzahl_beginn_ueberfaellig": vollzugsbeginn_ueberfaellige(faelle).count(),
    }
