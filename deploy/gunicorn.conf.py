"""gunicorn in production (make prod-run, the image): behind nginx, bound to loopback or the compose network.

Worker model from the load test of issue 20 (docs/betrieb.md, «Last»): gthread, so a worker waiting on
PostgreSQL or rendering a PDF does not block its siblings; JVG_GUNICORN_WORKERS / _THREADS override.
"""

import os

bind = os.environ.get("JVG_GUNICORN_BIND", "127.0.0.1:8001")
worker_class = "gthread"
workers = int(os.environ.get("JVG_GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("JVG_GUNICORN_THREADS", "4"))
# A request that runs longer is killed (the proxy answers 504 earlier, at 60 s).
timeout = int(os.environ.get("JVG_GUNICORN_TIMEOUT", "90"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (bounded memory of long-running processes, e.g. after large PDFs).
max_requests = 2000
max_requests_jitter = 200
# Only the proxy may set X-Forwarded-Proto / -For (SECURE_PROXY_SSL_HEADER trusts it).
forwarded_allow_ips = os.environ.get("JVG_GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # nginx writes the access log (with the request id)
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
preload_app = False


def on_starting(server):
    # prometheus-client multiprocess mode: samples of an earlier start must not be added to this one's.
    ordner = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if ordner:
        import shutil

        shutil.rmtree(ordner, ignore_errors=True)
        os.makedirs(ordner, exist_ok=True)


def child_exit(server, worker):
    # prometheus-client multiprocess mode: a dead worker's live gauges are dropped (betrieb/metriken.py).
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
