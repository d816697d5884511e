"""Shared API machinery: one exception handler turns domain errors into German 400/403/404 answers."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def _fehler_aus_validation_error(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if feld == "__all__" else feld): meldungen
            for feld, meldungen in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def exception_handler(exc, context):
    """R-0-BAD-1: a rule violated in a domain function is a 400 with field messages, never a 500."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_fehler_aus_validation_error(exc))
    elif isinstance(exc, Http404):
        # German, and without naming the model: existence outside the caller's scope must not leak.
        exc = exceptions.NotFound("Nicht gefunden.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
