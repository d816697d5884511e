"""The law's numbers for Inkasso (§ 2 Abs. 1 lit. d JVG with the StGB it executes). Federal law: not
configurable. The reminder sequence is the authority's practice: settings `JVG_INKASSO_*`.

Art. 34 Abs. 1 StGB: a Geldstrafe is at least 3 and at most 180 Tagessätze.
Art. 34 Abs. 2 StGB: a Tagessatz is at least CHF 30 and at most CHF 3000; exceptionally, where the
  person's situation requires it, it may be lowered to CHF 10.
Art. 35 Abs. 1 StGB: the authority sets a payment deadline of one to six months; it may allow
  instalments and extend the deadline on request.
Art. 35 Abs. 2 StGB: immediate payment or security where there is reason to fear evasion.
Art. 35 Abs. 3 StGB: debt enforcement when not paid within the deadline and it promises success.
Art. 36 Abs. 1 StGB: an unpaid Geldstrafe is replaced by an Ersatzfreiheitsstrafe; one Tagessatz = one
  day; paying later reduces it accordingly.
Art. 106 Abs. 1 StGB: a Busse is at most CHF 10'000 unless the law provides otherwise.
Art. 106 Abs. 2 StGB: the judgment sets an Ersatzfreiheitsstrafe of at least one day and at most three
  months for the case of culpable non-payment.
Art. 106 Abs. 5 StGB: Art. 35 and 36 apply by analogy (conversion proportional to the judgment's days).
Art. 79a Abs. 4 StGB: four hours of gemeinnützige Arbeit count as one Tagessatz or one day.
"""

from decimal import Decimal

from django.db import models

TAGESSAETZE_MIN = 3
TAGESSAETZE_MAX = 180
TAGESSATZ_MIN = Decimal("30.00")
TAGESSATZ_MIN_AUSNAHME = Decimal("10.00")
TAGESSATZ_MAX = Decimal("3000.00")
BUSSE_MAX = Decimal("10000.00")
# Art. 106 Abs. 2: "höchstens drei Monate"; as days by Art. 40 Abs. 1's counting (a month = 30 days).
BUSSE_EFS_TAGE_MIN = 1
BUSSE_EFS_TAGE_MAX = 90
ZAHLUNGSFRIST_MONATE_MIN = 1
ZAHLUNGSFRIST_MONATE_MAX = 6
STUNDEN_PRO_TAG = 4  # Art. 79a Abs. 4
# A payment request from the claim's own account bears this series prefix in its QR reference
# (kern.qrrechnung.qr_referenz): 1 = claim, 2 = instalment.
QR_PRAEFIX_FORDERUNG = 1
QR_PRAEFIX_RATE = 2
# Open-items report for Revision (issue 22 item 8): age bands in days since the due date.
ALTERSBAENDER = (
    (0, 30, "0–30 Tage"),
    (31, 90, "31–90 Tage"),
    (91, 180, "91–180 Tage"),
    (181, None, "über 180 Tage"),
)


class InkassoAufgabenart(models.TextChoices):
    """Work-basket tasks Inkasso raises (kern.erweiterungen.aufgabenarten)."""

    # Art. 36 StGB, § 12 JVG: the conversion Verfügung is enforceable; a case worker opens the case.
    VOLLZUGSFALL_EROEFFNEN = "inkasso_vollzugsfall_eroeffnen", "Vollzugsfall eröffnen (Art. 36 StGB)"
