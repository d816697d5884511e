"""Reminders and debt enforcement (R-2D-MAHN-1, Art. 35 Abs. 3 StGB).

The sequence is configurable (`JVG_INKASSO_MAHNFOLGE_TAGE`, default 10 and 30 days after the due
date): the job sends reminder n when the claim is unpaid that many days after its due date and
reminder n-1 exists. (claim, level) is unique, so a second run – or a redelivered task – sends nothing
twice. After the last reminder and `JVG_INKASSO_BETREIBUNG_NACH_TAGEN` the Betreibungsbegehren is due:
shown to the desk on the start page (`betreibung_faellige`) and offered on the claim's page, not filed
by the job, since whether enforcement "promises success" (Art. 35 Abs. 3) is a judgment.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from inkasso.models import Betreibung, Forderung, Forderungsstatus, Mahnung
from inkasso.permissions import darf_inkasso_bearbeiten
from kern.audit import speichern, system_benutzer
from kern.jobs import Zeitbudget, stapelweise
from kern.rollen import berechtigung_pruefen

JOB = "inkasso-mahnlauf"
MAHNBAR = (Forderungsstatus.OFFEN, Forderungsstatus.RATEN)


def mahnfolge() -> tuple[int, ...]:
    return tuple(settings.JVG_INKASSO_MAHNFOLGE_TAGE)


def faellige_mahnungen(heute: date):
    """Claims due for their next reminder: open, balance > 0, deadline + days of the next level passed.
    No lower bound: a missed run catches up (one level per run)."""
    folge = mahnfolge()
    bedingung = Q()
    for stufe, tage in enumerate(folge):
        bedingung |= Q(mahnstufe=stufe, zahlungsfrist__lt=heute - timedelta(days=tage - 1))
    return Forderung.objects.alias(offen=F("betrag") - F("bezahlt") - F("erlassen")).filter(
        bedingung, status__in=MAHNBAR, offen__gt=0
    )


def mahnlauf(*, heute: date | None = None, batch: int = 200, zeitbudget_s: float = 50) -> int:
    """R-2D-MAHN-1: one reminder per due claim, in batches on the job runner; returns how many."""
    heute = heute or timezone.localdate()
    job = system_benutzer(JOB)
    frist = timedelta(days=settings.JVG_INKASSO_MAHNFRIST_TAGE)

    def verarbeiten(forderungen):
        for f in forderungen:
            stufe = f.mahnstufe + 1
            try:
                with transaction.atomic():
                    speichern(
                        Mahnung(forderung=f, stufe=stufe, am=heute, frist_bis=heute + frist, saldo=f.saldo),
                        durch=job,
                        grund=f"{stufe}. Mahnung (Art. 35 Abs. 3 StGB)",
                    )
            except IntegrityError:
                continue  # sent by a parallel run: the unique (claim, level) keeps the job idempotent
            f.mahnstufe = stufe
            f.letzte_mahnung_am = heute
            speichern(f, durch=job, grund=f"{stufe}. Mahnung", felder=["mahnstufe", "letzte_mahnung_am"])

    return stapelweise(
        faellige_mahnungen(heute), batch=batch, budget=Zeitbudget(zeitbudget_s), verarbeiten=verarbeiten
    )


def betreibung_faellige(heute: date):
    """Claims whose Betreibungsbegehren is due (same condition as `betreibung_faellig`, as a query)."""
    return Forderung.objects.alias(offen=F("betrag") - F("bezahlt") - F("erlassen")).filter(
        status__in=MAHNBAR,
        offen__gt=0,
        mahnstufe__gte=len(mahnfolge()),
        letzte_mahnung_am__lte=heute - timedelta(days=settings.JVG_INKASSO_BETREIBUNG_NACH_TAGEN),
        betreibung__isnull=True,
    )


def betreibung_faellig(f: Forderung, heute: date) -> bool:
    return (
        f.status in MAHNBAR
        and f.saldo > 0
        and f.mahnstufe >= len(mahnfolge())
        and f.letzte_mahnung_am is not None
        and heute >= f.letzte_mahnung_am + timedelta(days=settings.JVG_INKASSO_BETREIBUNG_NACH_TAGEN)
    )


ZINS_MAX = Decimal("5.00")  # Art. 104 Abs. 1 OR: Verzugszins 5 %
ADRESSE_MAX = 300


def _zins_pruefen(f: Forderung, zins_prozent: Decimal | None, zins_ab: date | None, heute: date) -> None:
    """Art. 67 Abs. 1 Ziff. 3 SchKG: interest is claimed with rate and start date, or not at all. At most
    the Verzugszins of Art. 104 Abs. 1 OR, from the day after the payment deadline (Verfalltag, Art. 102
    Abs. 2 OR) and not from the future."""
    if zins_prozent is None and zins_ab is None:
        return
    if zins_prozent is None or zins_ab is None:
        raise ValidationError(
            {
                "zins_prozent": "Art. 67 Abs. 1 Ziff. 3 SchKG: Zinssatz und Zinsbeginn zusammen angeben oder keinen Zins."
            }
        )
    if not isinstance(zins_prozent, Decimal) or not Decimal("0") < zins_prozent <= ZINS_MAX:
        raise ValidationError(
            {"zins_prozent": "Art. 104 Abs. 1 OR: Der Verzugszins beträgt mehr als 0 und höchstens 5 %."}
        )
    if zins_ab <= f.zahlungsfrist or zins_ab > heute:
        raise ValidationError(
            {
                "zins_ab": f"Art. 102 Abs. 2 OR: Der Zins läuft frühestens ab {f.zahlungsfrist + timedelta(days=1):%d.%m.%Y} "
                "(Tag nach der Zahlungsfrist) und nicht ab einem künftigen Tag."
            }
        )


@transaction.atomic
def betreibung_einleiten(
    *,
    forderung: Forderung,
    betreibungsamt: str,
    durch,
    schuldner_adresse: str = "",
    zins_prozent: Decimal | None = None,
    zins_ab: date | None = None,
) -> Betreibung:
    """Art. 35 Abs. 3 StGB: the Betreibungsbegehren, only after the full reminder sequence (R-2D-MAHN-1),
    with what Art. 67 Abs. 1 SchKG requires of it (debtor's Wohnort, interest, title of the claim)."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Betreibung einleiten")
    f = Forderung.objects.select_for_update().get(pk=forderung.pk)
    heute = timezone.localdate()
    if hasattr(f, "betreibung"):
        raise ValidationError({"forderung": "Die Betreibung ist bereits eingeleitet."})
    if not betreibung_faellig(f, heute):
        raise ValidationError(
            {
                "forderung": "Art. 35 Abs. 3 StGB (R-2D-MAHN-1): Die Betreibung folgt erst nach allen Mahnungen "
                f"({len(mahnfolge())}) und {settings.JVG_INKASSO_BETREIBUNG_NACH_TAGEN} Tagen nach der letzten."
            }
        )
    if not betreibungsamt.strip():
        raise ValidationError(
            {"betreibungsamt": "Das zuständige Betreibungsamt angeben (Wohnsitz, Art. 46 SchKG)."}
        )
    adresse = "\n".join(z.strip() for z in (schuldner_adresse or "").strip().splitlines() if z.strip())
    if not adresse:
        raise ValidationError(
            {
                "schuldner_adresse": "Art. 67 Abs. 1 Ziff. 2 SchKG: Die Adresse (Wohnort) des Schuldners angeben."
            }
        )
    if len(adresse) > ADRESSE_MAX:
        raise ValidationError({"schuldner_adresse": f"Die Adresse umfasst höchstens {ADRESSE_MAX} Zeichen."})
    _zins_pruefen(f, zins_prozent, zins_ab, heute)
    b = speichern(
        Betreibung(
            forderung=f,
            betreibungsamt=betreibungsamt.strip()[:200],
            schuldner_adresse=adresse,
            zins_prozent=zins_prozent,
            zins_ab=zins_ab,
            betrag=f.saldo,
            gestellt_am=heute,
            gestellt_durch=durch,
        ),
        durch=durch,
        grund="Betreibungsbegehren (Art. 35 Abs. 3 StGB)",
    )
    f.status = Forderungsstatus.BETREIBUNG
    speichern(f, durch=durch, grund="In Betreibung", felder=["status"])
    return b


@transaction.atomic
def betreibung_ergebnis(*, betreibung: Betreibung, ergebnis: str, durch) -> Betreibung:
    """Record the outcome (e.g. Verlustschein): the basis of 'uneinbringlich' for the conversion."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Betreibung erfassen")
    if not ergebnis.strip():
        raise ValidationError({"ergebnis": "Das Ergebnis angeben (z. B. Verlustschein vom …)."})
    b = Betreibung.objects.select_for_update().get(pk=betreibung.pk)
    b.ergebnis = ergebnis.strip()[:200]
    return speichern(b, durch=durch, grund="Ergebnis der Betreibung", felder=["ergebnis"])
