"""Container healthcheck of `web` (docker-compose.yml): liveness through gunicorn, with a permitted Host and
the proxy's https header (else Django would answer 400 or redirect). Exit 0 = healthy."""

import os
import sys
import urllib.request

host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost").lstrip(".")
anfrage = urllib.request.Request(
    "http://127.0.0.1:8000/gesundheit/", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(anfrage, timeout=5) as antwort:
        sys.exit(0 if antwort.status == 200 else 1)
except OSError:
    sys.exit(1)
