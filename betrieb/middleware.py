"""Request id and latency of every request (first in the middleware list, so both cover all of it)."""

import time

from betrieb import protokollierung
from betrieb.metriken import ANFRAGEDAUER


class BetriebMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anfrage_id = protokollierung.anfrage_id_aus(request.headers.get("X-Request-ID"))
        token = protokollierung.ANFRAGE_ID.set(anfrage_id)
        beginn = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            protokollierung.ANFRAGE_ID.reset(token)
        ANFRAGEDAUER.labels(
            request.method if len(request.method) <= 10 else "andere", response.status_code
        ).observe(time.perf_counter() - beginn)
        response["X-Request-ID"] = anfrage_id
        return response
