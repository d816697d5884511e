"""Issue 17 item 7: final or destructive actions ask first ("Wirklich …?"), without JavaScript.

A button of such an action posts as before; without the field ``bestaetigt=1`` the view answers with a
confirmation page instead of acting: the question, the consequences, and a form that posts the same
fields again with ``bestaetigt=1`` (uploaded files cannot be carried over: the page asks for them again).
So a slipped click changes nothing, and the check lives in the view, not in a script.

Views call `bestaetigung_verlangen` after their permission check and input validation, right before
the domain call.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

FELD = "bestaetigt"
_NICHT_WIEDERHOLEN = {"csrfmiddlewaretoken", FELD}


def bestaetigt(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(FELD) == "1"


def bestaetigung_verlangen(
    request: HttpRequest, *, frage: str, folgen: list[str], knopf: str, zurueck: str
) -> HttpResponse | None:
    """None when the POST is confirmed; else the confirmation page (200), which changes nothing."""
    if bestaetigt(request):
        return None
    felder = [
        (name, wert)
        for name in request.POST
        if name not in _NICHT_WIEDERHOLEN
        for wert in request.POST.getlist(name)
    ]
    return render(
        request,
        "kern/bestaetigung.html",
        {
            "frage": frage,
            "folgen": folgen,
            "knopf": knopf,
            "zurueck": zurueck,
            "felder": felder,
            "dateifelder": list(request.FILES),
        },
    )
