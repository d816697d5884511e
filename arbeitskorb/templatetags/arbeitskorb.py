"""`{% load arbeitskorb %}{% arbeitskorb_zaehler as korb %}`: the counts of the user's Arbeitskorb for the
navigation ({"offen": n, "ueberfaellig": n}, or None before the first visit). No query: the counts are
those the start page last computed (`arbeitskorb.queries.zaehler_gemerkt`); for fresh counts call
`arbeitskorb.queries.zaehler(user)` (one query per deadline source)."""

from django import template

from arbeitskorb.queries import zaehler_gemerkt

register = template.Library()


@register.simple_tag(takes_context=True)
def arbeitskorb_zaehler(context):
    request = context.get("request")
    return zaehler_gemerkt(getattr(request, "user", None))
