"""Who sees which surveillance data (R-0-ROLE-1) and what is due for deletion (R-27-3, R-29-2, R-30-3).

Metadata (who, when, which number or zone, deletion date) is seen by the facility management for its
facility and by the authority's readers (sachbearbeitung, revision). Staff, physicians, partner agencies
and the threat-management team see nothing of this module. Content is never reachable through these
querysets: it is streamed only by `views.inhalt` after a logged, justified access (`domain.zugriff`).
"""

from datetime import date, datetime

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery

from kern.rollen import Rolle, hat_rolle
from ueberwachung import recht
from ueberwachung.models import (
    Beizug,
    EDMassnahme,
    Inhaltszugriff,
    Rechtsbeistand,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    Videoaufzeichnung,
    Videozone,
)
from vollzug.models import Anstalt, Person, Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus

LESEROLLEN = (Rolle.SACHBEARBEITUNG, Rolle.REVISION)


def sieht_modul(user) -> bool:
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG, *LESEROLLEN) and (
        user.rolle != Rolle.ANSTALTSLEITUNG or user.anstalt_id is not None
    )


def ist_leitung(user, anstalt_id) -> bool:
    """The management of exactly this facility (§ 27 Abs. 1, § 29 Abs. 3, § 30 Abs. 2, 3)."""
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG) and anstalt_id is not None and user.anstalt_id == anstalt_id


def _nach_anstalt(qs: QuerySet, user) -> QuerySet:
    if not sieht_modul(user):
        return qs.none()
    if user.rolle == Rolle.ANSTALTSLEITUNG:
        return qs.filter(anstalt_id=user.anstalt_id)
    return qs


def telefon_fuer_user(user) -> QuerySet[Telefonaufzeichnung]:
    return _nach_anstalt(Telefonaufzeichnung.objects.all(), user)


def video_fuer_user(user) -> QuerySet[Videoaufzeichnung]:
    return _nach_anstalt(Videoaufzeichnung.objects.all(), user)


def zonen_fuer_user(user) -> QuerySet[Videozone]:
    return _nach_anstalt(Videozone.objects.all(), user)


def ed_fuer_user(user) -> QuerySet[EDMassnahme]:
    """ED measures: the management sees those of persons placed in its facility now (as the case file,
    R-0-ROLE-1) and those it ordered; the authority's readers all."""
    if not sieht_modul(user):
        return EDMassnahme.objects.none()
    if user.rolle == Rolle.ANSTALTSLEITUNG:
        from vollzug.queries import personen_fuer_user

        return EDMassnahme.objects.filter(
            Q(person__in=personen_fuer_user(user)) | Q(anstalt_id=user.anstalt_id)
        )
    return EDMassnahme.objects.all()


def rechtsbeistaende_fuer_user(user) -> QuerySet[Rechtsbeistand]:
    if not sieht_modul(user):
        return Rechtsbeistand.objects.none()
    if user.rolle == Rolle.ANSTALTSLEITUNG:
        from vollzug.queries import personen_fuer_user

        return Rechtsbeistand.objects.filter(person__in=personen_fuer_user(user))
    return Rechtsbeistand.objects.all()


def beizuege_fuer_user(user) -> QuerySet[Beizug]:
    if not sieht_modul(user):
        return Beizug.objects.none()
    if user.rolle == Rolle.ANSTALTSLEITUNG:
        return Beizug.objects.filter(
            Q(telefon__anstalt_id=user.anstalt_id) | Q(video__anstalt_id=user.anstalt_id)
        )
    return Beizug.objects.all()


def protokoll_fuer_user(user) -> QuerySet[Vernichtungsprotokoll]:
    """The destruction log: auditors and the authority all of it, the management its facility's."""
    return _nach_anstalt(Vernichtungsprotokoll.objects.all(), user)


def zugriffe_fuer_user(user) -> QuerySet[Inhaltszugriff]:
    return _nach_anstalt(Inhaltszugriff.objects.all(), user)


# --- Due for deletion (selected in full, so a missed run catches up) -------------------------------


def aktiver_beizug(feld: str) -> Exists:
    return Exists(Beizug.objects.filter(**{feld: OuterRef("pk")}, aufgehoben_am__isnull=True))


def telefon_faellig(jetzt: datetime) -> QuerySet[Telefonaufzeichnung]:
    """R-29-2: due (start + 100 days reached) and not attached to a proceeding."""
    return Telefonaufzeichnung.objects.filter(loeschung_faellig_am__lte=jetzt).exclude(
        aktiver_beizug("telefon")
    )


def video_faellig(jetzt: datetime) -> QuerySet[Videoaufzeichnung]:
    """R-30-3: evaluation closed or 100 days reached, and not attached to a proceeding."""
    return Videoaufzeichnung.objects.filter(loeschung_faellig_am__lte=jetzt).exclude(aktiver_beizug("video"))


def telefon_rechtsbeistand() -> QuerySet[Telefonaufzeichnung]:
    """R-29-4: recordings of a call to a number registered (later) as the person's counsel; a removed
    number (issue 23) still covers the calls made before its removal."""
    return Telefonaufzeichnung.objects.filter(
        Exists(
            Rechtsbeistand.objects.filter(
                person_id=OuterRef("person_id"), nummer_normalisiert=OuterRef("nummer_normalisiert")
            ).filter(Q(entfernt_am__isnull=True) | Q(entfernt_am__gt=OuterRef("beginn")))
        )
    )


def letzte_entlassung(person_ref: str = "person_id") -> Subquery:
    """The person's latest definitive release (R-1-ENTL-1) as a scalar subquery."""
    return Subquery(
        Vollzugsfall.objects.filter(person_id=OuterRef(person_ref), status=Fallstatus.ENTLASSEN)
        .order_by()
        .values("person_id")
        .annotate(m=Max("entlassung_am"))
        .values("m")[:1]
    )


def im_vollzug(person_ref: str = "person_id") -> Exists:
    """A begun, not released case of the person: a (new) admission pauses the ED clock (R-27-3)."""
    return Exists(
        Vollzugsfall.objects.filter(
            person_id=OuterRef(person_ref), vollzugsbeginn__isnull=False, entlassung_am__isnull=True
        )
    )


def ed_faellig(heute: date) -> QuerySet[EDMassnahme]:
    """R-27-3: ED material of persons whose latest definitive release lies ten years back (the last day
    included), who are not in execution again. No release → never due."""
    grenze = recht.ed_entlassung_spaetestens(heute)
    return (
        EDMassnahme.objects.annotate(letzte_entlassung=letzte_entlassung())
        .filter(letzte_entlassung__lt=grenze)
        .exclude(im_vollzug())
    )


def ed_personen_mit_frist() -> QuerySet[Person]:
    """Persons with ED material and their latest release (for the Fristenkontrolle and the pages)."""
    return Person.objects.filter(Exists(EDMassnahme.objects.filter(person_id=OuterRef("pk")))).annotate(
        letzte_entlassung=letzte_entlassung("pk"), in_vollzug=im_vollzug("pk")
    )


def aktuelle_anstalt_id(person) -> int | None:
    """The facility where the person (or person id) is placed now, or None."""
    return (
        Platzierung.objects.filter(fall__person_id=getattr(person, "pk", person), bis__isnull=True)
        .values_list("anstalt_id", flat=True)
        .first()
    )


def anstalten_mit_zonen(user):
    """The facilities whose video zones the user manages: the management's own facility."""
    return (
        Anstalt.objects.filter(pk=user.anstalt_id)
        if hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        else Anstalt.objects.none()
    )
