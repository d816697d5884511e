"""Payment requests as PDF with the Swiss QR-bill (R-2D-QR-1): the claim's request, one slip per open
instalment, the reminders, and the Betreibungsbegehren. The payment part is drawn by `qrbill` through
`kern.qrrechnung`; WeasyPrint renders the page with the kernel's restricted fetcher (inline SVG)."""

from django.conf import settings
from django.utils import timezone

from inkasso.models import Betreibung, Forderung, Mahnung
from kern.pdf import render_pdf
from kern.qrrechnung import Zahlteil, qr_konto, zahlteil_svg


def _schuldner(f: Forderung) -> tuple[str, tuple[str, ...]]:
    p = f.person
    return f"{p.vorname} {p.amtlicher_name}", (f"geb. {p.geburtsdatum:%d.%m.%Y}",)


def zahlteile(f: Forderung) -> list[dict]:
    """One QR slip per open instalment; otherwise one slip for the open balance."""
    name, zeilen = _schuldner(f)
    raten = [r for r in f.raten.filter(aktiv=True).order_by("nummer") if r.betrag > r.bezahlt]
    if raten:
        return [
            {
                "titel": f"{f.nummer}: Rate {r.nummer}, fällig am {r.faellig_am:%d.%m.%Y}",
                "svg": zahlteil_svg(
                    Zahlteil(
                        qr_konto(),
                        r.qr_referenz,
                        r.betrag - r.bezahlt,
                        name,
                        zeilen,
                        f"{f.nummer} Rate {r.nummer}",
                    )
                ),
            }
            for r in raten
        ]
    if f.saldo <= 0:
        return []
    return [
        {
            "titel": f"{f.nummer}: zahlbar bis {f.zahlungsfrist:%d.%m.%Y}",
            "svg": zahlteil_svg(Zahlteil(qr_konto(), f.qr_referenz, f.saldo, name, zeilen, f.nummer)),
        }
    ]


def zahlungsaufforderung_pdf(f: Forderung, *, mahnung: Mahnung | None = None) -> bytes:
    return render_pdf(
        "inkasso/pdf/zahlungsaufforderung.html",
        {"f": f, "mahnung": mahnung, "datum": timezone.localdate(), "teile": zahlteile(f)},
    )


def betreibung_pdf(b: Betreibung) -> bytes:
    """The Betreibungsbegehren with every field of the official form (Art. 67 Abs. 1 SchKG): creditor
    with address and account, debtor with Wohnort, amount, interest (or none), title and date of the
    claim, kind of enforcement (Pfändung, Art. 43 Ziff. 1 SchKG), place, date and who signs."""
    g = b.gestellt_durch
    glaeubiger = {
        "name": settings.JVG_QR_GLAEUBIGER_NAME,
        "strasse": settings.JVG_QR_GLAEUBIGER_STRASSE,
        "ort": settings.JVG_QR_GLAEUBIGER_ORT,
        "iban": settings.JVG_QR_IBAN,
    }
    return render_pdf(
        "inkasso/pdf/betreibung.html",
        {
            "b": b,
            "f": b.forderung,
            "datum": timezone.localdate(),
            "glaeubiger": glaeubiger,
            "unterzeichnet": g.get_full_name() or g.username,
        },
    )
