"""/gesundheit/ (liveness), /gesundheit/bereit/ (readiness), /betrieb/metriken/ (Prometheus, token only).

No login and no session on these: load balancers, Docker and Prometheus call them. They show nothing of a
case; the metrics need the bearer token JVG_METRIKEN_TOKEN (and the proxy lets them through only from
the internal network, deploy/nginx.conf).
"""

import hmac

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from betrieb import metriken, pruefungen


@never_cache
@require_GET
def lebt(request):
    # Liveness: the process answers. Nothing else is checked, so a broken database does not get the
    # web process restarted in a loop (that is readiness's job).
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def bereit(request):
    ergebnis = pruefungen.alle()
    ok = all(wert == "ok" for wert in ergebnis.values())
    return JsonResponse(
        {"status": "ok" if ok else "fehler", "pruefungen": ergebnis}, status=200 if ok else 503
    )


@never_cache
@require_GET
def metriken_view(request):
    erwartet = settings.JVG_METRIKEN_TOKEN
    angegeben = request.headers.get("Authorization", "")
    # Without a configured token the endpoint does not exist; a wrong token looks the same (404).
    if not erwartet or not hmac.compare_digest(angegeben.encode(), f"Bearer {erwartet}".encode()):
        raise Http404
    return HttpResponse(metriken.ausgabe(), content_type="text/plain; version=0.0.4; charset=utf-8")
