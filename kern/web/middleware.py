"""Security middleware of the web toolkit (issue 18, ASVS V14.3).

`KeinCacheMiddleware`: every response the application itself builds (pages, API answers, PDF, CSV,
iCal, recordings) carries `Cache-Control: no-store, private`, so no browser, proxy or shared computer
keeps personal or health data. It sits below WhiteNoise, whose static files (no personal data) keep their
long cache headers. One place instead of a decorator on each of the ~650 views: a new view cannot forget it.
"""

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

KEIN_CACHE = "no-store, private"
logger = logging.getLogger(__name__)


class KeinCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwort = self.get_response(request)
        # Replace, do not merge: a view's `max-age`/`public` must never survive next to no-store.
        if "Cache-Control" in antwort:
            del antwort["Cache-Control"]
        patch_cache_control(antwort, no_store=True, private=True)
        antwort["Pragma"] = "no-cache"  # HTTP/1.0 caches
        antwort["Expires"] = "0"
        return antwort


class RobusteAntwortMiddleware:
    """Issue 17 item 8: what `runserver` and a lost file must not turn into a 500.

    - Header values are plain `str`: wsgiref (`runserver`) asserts `type(value) is str`, and DRF's
      `Hyperlink` (a `str` subclass) in a `Location` header answered 500 after the object was saved, so
      a client's retry created a duplicate (PITFALLS). The API views build `str` themselves; this is the
      net for the next one that forgets.
    - A stored file (PDF, document, recording) that is missing on disk answers 404 with a German message,
      not 500: the record exists, the file does not; the page says so instead of failing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwort = self.get_response(request)
        for name, wert in list(antwort.items()):
            if type(wert) is not str:
                antwort[name] = str(wert)
        return antwort

    def process_exception(self, request, exception):
        if not isinstance(exception, FileNotFoundError):
            return None
        # Logged with the path: operations must learn that storage and database disagree.
        logger.warning("Gespeicherte Datei fehlt: %s", request.path, exc_info=exception)
        text = DATEI_FEHLT
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": text}, status=404)
        return render(request, "404.html", {"meldung": text}, status=404)


DATEI_FEHLT = (
    "Die Datei ist nicht mehr vorhanden. Der Eintrag besteht, die gespeicherte Datei fehlt; "
    "bitte wenden Sie sich an die Systemadministration."
)
