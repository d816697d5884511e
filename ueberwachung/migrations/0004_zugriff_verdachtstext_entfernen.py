"""Issue 23 point 7, the rows written before the change: an access record of a listening (§ 29 Abs. 3) keeps
the suspicion only as its category — the letter of § 40 Abs. 2 (`tatbestand`) — and a reference
(`verfahren_referenz`), never as free text (`ueberwachung.domain.zugriff`). Rows written before that still
hold the free text in `verdacht`; this migration rewrites them to the new form.

- `verdacht` is emptied. The category is kept: every listening row has its letter (constraint
  `zugriff_abhoeren_nur_erlaubte_tatbestaende`), so none has to be blanked for want of a category.
- `verfahren_referenz` keeps a reference the row already holds; otherwise it gets a neutral placeholder
  (`PLATZHALTER`). No reference is guessed from the free text: whatever was cut out of it would carry the
  text's content on.
- Other accesses keep their text: a video evaluation's grounds (§ 30 Abs. 3), the purpose of an ED view or
  disclosure (§ 27) are still recorded as text today; only the listening's suspicion was limited.

Protection of the table (PITFALLS: "an append-only trigger is no protection against the table owner"):
`ueberwachung_inhaltszugriff` has no append-only trigger (it is not registered with
`kern.erweiterungen.nur_anfuegen`); it is protected by privileges — the app role may only SELECT and INSERT
(`kern.datenbankrollen`) — and by the hash chain (`kern.audit_kette`). So:

- this UPDATE is an owner-only step: it runs inside `migrate`, which runs as the owner (`.ci/run`,
  `make migrate`); the app role cannot do it, and no code path of the application can;
- the chain would report every rewritten, already sealed row as "geändert". Like a legal deletion
  (`audit_kette.historie_vernichten`), each rewritten row gets a content-free `Vernichtung` record in the
  same transaction (itself a protected, chained row): the chain check accepts the row's changed content
  because of it, and the revision sees when, where and why a part of a log row was destroyed.

Backwards it is a no-op: the destroyed text cannot and must not come back.
"""

from django.db import migrations
from django.utils import timezone

PLATZHALTER = "Bezug nicht erfasst (Eintrag vor der Umstellung; Verdachtstext entfernt)"
GRUND = "§ 29 Abs. 2 JVG: Verdachtstext im Zugriffsprotokoll vernichtet (nur lit. und Bezug)"
ABHOEREN = "abhoeren"


def verdachtstexte_entfernen(apps, schema_editor) -> int:
    """Rewrite every listening access row with a free-text suspicion; returns the number of rows."""
    Inhaltszugriff = apps.get_model("ueberwachung", "Inhaltszugriff")
    Vernichtung = apps.get_model("jvg_case", "Vernichtung")
    tabelle = Inhaltszugriff._meta.db_table
    jetzt = timezone.now()
    anzahl = 0
    zeilen = Inhaltszugriff.objects.filter(art=ABHOEREN).exclude(verdacht="").order_by("pk")
    for pk, referenz in zeilen.values_list("pk", "verfahren_referenz").iterator(chunk_size=2000):
        # Row by row (a QuerySet.update cannot keep a reference the row holds and set the placeholder
        # elsewhere in one statement on both databases); the table holds thousands of rows, not millions.
        Inhaltszugriff.objects.filter(pk=pk).update(
            verdacht="", verfahren_referenz=(referenz or "").strip()[:120] or PLATZHALTER
        )
        Vernichtung.objects.create(tabelle=tabelle, zeile_pk=pk, grund=GRUND, zeitpunkt=jetzt)
        anzahl += 1
    return anzahl


class Migration(migrations.Migration):
    dependencies = [
        ("ueberwachung", "0003_rechtsbeistand_entfernen"),
        ("jvg_case", "0021_historie_id_bigint_nachtrag"),
    ]

    operations = [
        migrations.RunPython(verdachtstexte_entfernen, migrations.RunPython.noop, elidable=False),
    ]
