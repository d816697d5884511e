"""Streaming content (R-29-3, R-30-2, R-27-1/2): the one place where a recording or ED file leaves the
system, used by the browser view and the API alike.

Checks, each time: the access row (`Inhaltszugriff`, written with its justification by the service) is
the caller's own and recent, the object still exists, the caller is still the management of its
facility (`domain.zugriff_fuer_inhalt`). Anything else answers 404 — for other roles the content does
not exist. Each delivery is logged as a document read (R-0-AUDIT-2) before the file is streamed.
"""

from django.http import FileResponse, Http404

from kern.dateien import medientyp_erkennen
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from ueberwachung.domain.zugriff import zugriff_fuer_inhalt
from ueberwachung.models import EDMassnahme


def inhalt_antwort(request, zugriff_id: int, datei_id: str | None = None) -> FileResponse:
    zugriff, objekt = zugriff_fuer_inhalt(zugriff_id=zugriff_id, user=request.user)
    if objekt is None:
        raise Http404("Nicht gefunden.")
    if isinstance(objekt, EDMassnahme):
        dateien = objekt.dateien.order_by("pk")
        datei = (
            dateien.filter(pk=datei_id).first() if datei_id and str(datei_id).isdigit() else dateien.first()
        )
        if datei is None:
            raise Http404("Nicht gefunden.")
        feld = datei.datei
    else:
        feld = objekt.datei
    try:
        handle = feld.open("rb")
    except FileNotFoundError as fehlt:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from fehlt
    lesezugriff_protokollieren(
        request_or_user=request,
        person=objekt.person_id,
        objekt=objekt,
        aktion=Aktion.DOKUMENT,
        zweck=f"{zugriff.get_art_display()} (Zugriff {zugriff.pk})",
    )
    # Issue 18: the type comes from the content (allow-list of media), never from the upload; always as an
    # attachment (an <audio>/<video> element still plays it), so nothing uploaded renders in our origin.
    typ = medientyp_erkennen(handle.read(16))
    handle.seek(0)
    name = f"{zugriff.objektart}-{objekt.pk}.{feld.name.rsplit('.', 1)[-1]}"
    return FileResponse(handle, content_type=typ, as_attachment=True, filename=name)
