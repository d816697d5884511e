"""`{% load listen %}`: dates in long lists, rendered cheaply (issue 19).

`{{ wert|datum }}` (31.12.2026) and `{{ wert|datum_zeit }}` (31.12.2026 14:05, local time) give what
`|date:"d.m.Y"` and `|date:"d.m.Y H:i"` give, without the format machinery of Django's `date` filter
(format lookup, localisation, a `DateFormat` per value): on a list page of 25 rows that was ~50 calls.
Empty or non-date values give "" (as `date` does), so `|default:"–"` keeps working.
"""

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def datum(wert) -> str:
    if not isinstance(wert, date):
        return ""
    return f"{wert.day:02d}.{wert.month:02d}.{wert.year}"


@register.filter(expects_localtime=True)
def datum_zeit(wert) -> str:
    if not isinstance(wert, datetime):
        return ""
    return f"{wert.day:02d}.{wert.month:02d}.{wert.year} {wert.hour:02d}:{wert.minute:02d}"
