from django import template

from kern.geld import chf as _chf

register = template.Library()


@register.filter
def chf(betrag):
    return _chf(betrag)
