"""Security middleware of the web toolkit (issue 18, ASVS V14.3).

`KeinCacheMiddleware`: every response the application itself builds (pages, API answers, PDF, CSV,
iCal, recordings) carries `Cache-Control: no-store, private`, so no browser, proxy or shared computer
keeps personal or health data. It sits below WhiteNoise, whose static files (no personal data) keep their
long cache headers. One place instead of a decorator on each of the ~650 views: a new view cannot forget it.
"""

from django.utils.cache import patch_cache_control

KEIN_CACHE = "no-store, private"


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
