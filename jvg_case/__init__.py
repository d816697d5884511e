# The Celery app is loaded with Django so that @shared_task binds to it (Celery's Django recipe).
from jvg_case.celery import app as celery_app

__all__ = ["celery_app"]
