"""Template filters of the cost module: `{{ betrag|chf }}` → `CHF 1'234.55` (de-CH)."""

from django import template

from kosten.recht import chf as _chf

register = template.Library()


@register.filter
def chf(betrag):
    return _chf(betrag)


@register.filter
def chf_zahl(betrag):
    return _chf(betrag, mit_waehrung=False)
