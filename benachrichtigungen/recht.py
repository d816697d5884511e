"""Which agency type (§ 21 Abs. 3 lit. a–j JVG) may subscribe to which event, and which event data a
payload may carry (the payload itself is built by `domain.zustellung.nutzlast`).

ONE table (`EREIGNISSE_JE_TYP`), read by the service, the API schema, the admin page and the tests.
The data in a payload follow the agency type's released data categories of § 21 (R-21-1,
`behoerden.recht`), and an event is sent only about persons the agency may ask about
(`behoerden.queries.personen_fuer_behoerde`): a notification discloses no more than a request would.

| Typ | Einweisung | Versetzung | Entlassung | Entweichung/Festnahmeauftrag | why |
|---|---|---|---|---|---|
| a Strafbehörde | ja | ja | ja | ja | own judgments; § 32 arrest order goes to police/prosecution |
| b Justizvollzug | ja | ja | ja | ja | coordination of the execution (Art. 372 ff. StGB) |
| c Ausländerbehörde | ja | ja | ja | ja | removal, expulsion; whereabouts needed |
| d Strassenverkehrsamt | ja | – | ja | – | driving licence measures: custody yes/no only |
| e KESB | ja | ja | ja | – | protective measures need the whereabouts |
| f IV-Stelle, g RAV, h Ausgleichskasse, i Sozialamt | ja | – | ja | – | benefits suspended during custody (Art. 21 Abs. 5 ATSG) |
| j Betreibungsamt | ja | ja | ja | – | service of debt-collection documents in the facility |
"""

from django.db import models

from behoerden.models import Behoerdentyp
from kern.ereignisse import Ereignistyp


class BenachrichtigungenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    BENACHRICHTIGUNG_FEHLGESCHLAGEN = (
        "benachrichtigung_fehler",
        "Benachrichtigung an Partnerbehörde fehlgeschlagen",
    )


E = Ereignistyp
T = Behoerdentyp
_ALLE = frozenset(E.values)
_EIN_AUS = frozenset({E.EINWEISUNG, E.ENTLASSUNG})
_MIT_ORT = frozenset({E.EINWEISUNG, E.VERSETZUNG, E.ENTLASSUNG})

EREIGNISSE_JE_TYP: dict[str, frozenset[str]] = {
    T.STRAFBEHOERDE: _ALLE,
    T.JUSTIZVOLLZUG: _ALLE,
    T.AUSLAENDERBEHOERDE: _ALLE,
    T.STRASSENVERKEHRSAMT: _EIN_AUS,
    T.KESB: _MIT_ORT,
    T.IV_STELLE: _EIN_AUS,
    T.RAV: _EIN_AUS,
    T.AUSGLEICHSKASSE: _EIN_AUS,
    T.SOZIALAMT: _EIN_AUS,
    T.BETREIBUNGSAMT: _MIT_ORT,
}
assert set(EREIGNISSE_JE_TYP) == set(Behoerdentyp.values), "Jeder Behördentyp braucht eine Zeile."

# Event data that may leave the system at all (the rest — e.g. a ward, a medical reason — never does).
ERLAUBTE_EREIGNISDATEN = {"anstalt", "art", "entwichen_am", "ausschreibung"}


def erlaubte_ereignisse(behoerdentyp: str) -> frozenset[str]:
    return EREIGNISSE_JE_TYP.get(behoerdentyp, frozenset())


REGEL = "Benachrichtigungen (§ 21 JVG)"
