"""Every context processor runs on every rendered page: each one must supply only names a template reads.

A processor whose variables no template uses any more is dead work per request (review of issue 17:
`kern.context_processors.navigation` outlived the old navigation of the base layout).
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils.module_loading import import_string

BASIS = Path(settings.BASE_DIR)


def _eigene_prozessoren() -> list[str]:
    pfade = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    return [p for p in pfade if not p.startswith("django.")]


def _vorlagentags() -> str:
    """The content of every `{{ … }}` and `{% … %}` of the project's templates, one string."""
    teile = []
    for ordner in [BASIS / "templates", *BASIS.glob("*/templates")]:
        for pfad in ordner.rglob("*"):
            if pfad.suffix in {".html", ".txt", ".xml"}:
                teile += re.findall(r"\{[{%](.*?)[}%]\}", pfad.read_text(encoding="utf-8"), flags=re.S)
    return "\n".join(teile)


def _benutzt(name: str, tags: str) -> bool:
    # A name of its own, not the attribute of another object (`user.rolle` is no use of `rolle`).
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", tags) is not None


def test_eigene_kontextprozessoren_liefern_nur_benutzte_namen(db):
    tags = _vorlagentags()
    anfrage = RequestFactory().get("/")
    anfrage.user = AnonymousUser()
    anfrage.session = {}
    unbenutzt = {
        pfad: sorted(n for n in import_string(pfad)(anfrage) if not _benutzt(n, tags))
        for pfad in _eigene_prozessoren()
    }
    assert unbenutzt  # the project registers processors of its own: the check is not vacuous
    assert {pfad: namen for pfad, namen in unbenutzt.items() if namen} == {}


def test_unbenutzter_name_wird_erkannt():
    tags = " if navigation \n for name, wert in aufbewahrt \n if user.rolle == 'admin' "
    assert _benutzt("navigation", tags)
    assert _benutzt("aufbewahrt", tags)
    assert not _benutzt("rolle", tags)
    assert not _benutzt("ist_sachbearbeitung", tags)
