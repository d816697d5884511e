"""Typed helpers that read the environment and fail loudly on nonsense (STYLE §7)."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """`NAME`, or the content of the file named by `NAME_FILE` (Docker/Kubernetes secrets, docs/betrieb.md)."""
    datei = os.environ.get(f"{name}_FILE")
    if datei and name in os.environ:
        raise ImproperlyConfigured(f"{name} und {name}_FILE sind beide gesetzt: nur eines angeben.")
    if datei:
        try:
            with open(datei, encoding="utf-8") as f:
                return f.read().rstrip("\r\n")
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={datei!r} ist nicht lesbar: {exc.strerror}.") from exc
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Umgebungsvariable {name} fehlt.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} ist kein Wahrheitswert (erwartet: true/false).")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} ist keine ganze Zahl.") from exc
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} ist kleiner als {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
