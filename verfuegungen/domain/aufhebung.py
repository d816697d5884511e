"""Issue 23: lifting a decision ends what it ordered — the ONE hook of the lifecycle.

Decision (§§ 43, 44 JVG; R-0-VFG-4/-5): a decision that was in force (notified or later, including
rechtskräftig and vollzogen) and is then

* lifted (→ aufgehoben: withdrawal, reconsideration), or
* set aside on appeal (Beschwerde gutgeheissen or teilweise gutgeheissen: the decision is no longer
  enforceable, `ist_vollstreckbar`; what the appeal instance leaves standing is ordered anew by a new
  decision, so the old one's orders end in full)

no longer carries what it ordered. Every module that executes orders registers
`kern.erweiterungen.nach_aufhebung(typ, f)` and ends its objects in the same transaction with the reason
and the date (§ 31 measures, §§ 36/39 orders, § 41 sanctions, § 14 deferrals, § 48 cost participation).
A rejected appeal (abgewiesen, Nichteintreten) changes nothing. A draft, submitted or approved decision
that is lifted ordered nothing yet: its modules treat that as a refusal (their own status), not here.

The federal-law decisions (type Bundesrecht) of several modules share one type; each registered function
finds its own object by the Verfügung and ignores the others: conditional release (vollzugsdaten),
Vollzugsöffnungen and the conversion of gemeinnützige Arbeit under § 16 (vollzugsgestaltung), the
conversion into an Ersatzfreiheitsstrafe and the revocation of gemeinnützige Arbeit (inkasso).
Deliberately not registered: the § 17 (and § 26) transfer decision (`versetzung.py`). It documents a
transfer the case core has already carried out (`vollzug.domain.versetzen` records the placement first);
lifting it cannot move the person back — a return is a new transfer with its own ground under § 17 Abs. 2
and its own decision, which the case worker drafts. No Verfügungen, so nothing to register: the § 16
Vollzugsbefehl, the Weisungen of the probation file, the pardon (§ 51: the Kantonsrat decides) and the
measures' examinations and applications to the court (§ 4).
"""

from django.utils import timezone

from kern import erweiterungen
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Beschwerdeergebnis

# The states in which a decision's orders are (or were) in force: lifting from here ends them.
IN_KRAFT = frozenset(EROEFFNETE_STATUS)


def nach_aufhebung(verfuegung: Verfuegung, *, vorher: str, durch) -> None:
    """Called by the transition function after a move to aufgehoben (same transaction)."""
    if vorher not in IN_KRAFT:
        return
    grund = (verfuegung.aufhebung_grund or "").strip()
    text = f"Verfügung {verfuegung.nummer} am {timezone.localdate():%d.%m.%Y} aufgehoben"
    aufhebung = erweiterungen.Aufhebung(
        verfuegung=verfuegung,
        durch=durch,
        am=timezone.now(),
        anlass=text,
        grund=f"{text}: {grund}" if grund else text,
    )
    for folge in erweiterungen.aufhebung_folgen(verfuegung.typ):
        folge(aufhebung)


def nach_beschwerdeentscheid(verfuegung: Verfuegung, *, ergebnis: str, am, instanz: str, durch) -> None:
    """Called after an appeal decision is recorded: upheld (fully or partly) → the orders end."""
    if ergebnis not in (Beschwerdeergebnis.GUTGEHEISSEN, Beschwerdeergebnis.TEILWEISE_GUTGEHEISSEN):
        return
    anlass = (
        f"Beschwerde gegen Verfügung {verfuegung.nummer} am {am:%d.%m.%Y} "
        f"{Beschwerdeergebnis(ergebnis).label.lower()}"
    )
    aufhebung = erweiterungen.Aufhebung(
        verfuegung=verfuegung, durch=durch, am=timezone.now(), anlass=anlass, grund=f"{anlass} ({instanz})"
    )
    for folge in erweiterungen.aufhebung_folgen(verfuegung.typ):
        folge(aufhebung)
