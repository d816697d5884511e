"""`{% load klartext %}`: `{{ text|klartext }}` without rule IDs, `{{ methode|zaehlweise }}` in German."""

from django import template

from kern.klartext import ohne_regel_ids, zaehlweise_text

register = template.Library()


@register.filter
def klartext(text):
    return ohne_regel_ids(text)


@register.filter
def zaehlweise(methode):
    return zaehlweise_text(methode)
