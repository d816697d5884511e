"""Import of ISO 20022 camt.054 files (R-2D-CAMT-1): the notification Swiss banks send for QR-bill
payments (Swiss Payment Standards, camt.054.001.04 and .08).

* **Safe parsing**: `defusedxml`'s parser refuses DTDs, entity declarations and external references (no
  XML bombs, no XXE); the file is fed in 64 KiB chunks to a streaming target, so memory stays bounded
  whatever the file's size (benchmark: `manage.py inkasso_camt_benchmark`, run by `make bench`).
* **Refused whole**: a first pass checks the whole file; any error (malformed XML, not camt.054, an entry
  without amount, currency other than CHF, amount with more than two decimals …) refuses the file with a
  German message naming the line, and nothing is booked. Only then a second pass books, in one
  transaction.
* **Idempotent**: the same file (SHA-256) is refused as already imported; each entry is identified by the
  bank's reference (`AcctSvcrRef` of the transaction, else of the entry with the transaction's index), so
  an entry delivered again in another file (intraday and end of day) is counted as duplicate, not booked.
* **Matching** by the QR reference of a claim or an instalment; everything else (unknown or missing
  reference, debit/reversal, written-off claim) goes to the clarification list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from kern.qrrechnung import referenz_normalisieren

MAX_BYTES = 100 * 1024 * 1024  # 100 MB: far above a day's notification of a cantonal authority
MAX_EINTRAEGE = 200_000
STUECK = 64 * 1024
BATCH = 500
_TEXT_MAX = 500  # characters kept of one element's text (input bounded)


class CamtFehler(Exception):
    def __init__(self, zeile: int, meldung: str):
        super().__init__(meldung)
        self.zeile = zeile
        self.meldung = meldung


@dataclass(frozen=True, slots=True)
class Eintrag:
    zeile: int
    schluessel: str
    betrag: Decimal
    gutschrift: bool
    valuta: date
    referenz: str
    text: str


def _betrag(text: str, zeile: int) -> Decimal:
    try:
        wert = Decimal(text)
    except InvalidOperation:
        raise CamtFehler(zeile, f"ungültiger Betrag «{text[:20]}»") from None
    if not wert.is_finite() or wert <= 0 or wert != wert.quantize(Decimal("0.01")) or wert >= Decimal("1e10"):
        raise CamtFehler(zeile, f"ungültiger Betrag «{text[:20]}» (positiv, höchstens zwei Dezimalstellen)")
    return wert.quantize(Decimal("0.01"))


def _datum(text: str, zeile: int) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise CamtFehler(zeile, f"ungültiges Datum «{text[:20]}»") from None


class _Ziel:
    """Streaming target of the parser: keeps only the current entry, hands each finished transaction
    to `ausgeben`."""

    def __init__(self, ausgeben: Callable[[Eintrag], None]):
        self.ausgeben = ausgeben
        self.zeile = lambda: 0
        self.pfad: list[str] = []
        self.text: list[str] = []
        self.textlaenge = 0
        self.msg_id = ""
        self.wurzel_geprueft = False
        self.nachricht_gesehen = False
        self.ntry: dict | None = None
        self.tx: dict | None = None
        self.anzahl = 0

    def start(self, tag, attrib):
        name = tag.rpartition("}")[2]
        if not self.wurzel_geprueft:
            self.wurzel_geprueft = True
            if name != "Document" or "camt.054" not in tag:
                raise CamtFehler(
                    self.zeile(),
                    "keine camt.054-Datei (Wurzelelement Document mit Namensraum camt.054 erwartet)",
                )
        if name == "BkToCstmrDbtCdtNtfctn":
            self.nachricht_gesehen = True
        self.pfad.append(name)
        self.text, self.textlaenge = [], 0
        if name == "Ntry":
            self.ntry = {"zeile": self.zeile(), "tx": 0}
        elif name == "TxDtls" and self.ntry is not None:
            self.tx = {"zeile": self.zeile()}
        elif name == "Amt":
            ziel = self.tx if self.tx is not None else self.ntry
            if ziel is not None and self.pfad[-2] in ("Ntry", "TxDtls", "TxAmt"):
                ziel["ccy"] = attrib.get("Ccy", "")

    def data(self, text):
        if self.textlaenge < _TEXT_MAX:
            self.text.append(text[: _TEXT_MAX - self.textlaenge])
            self.textlaenge += len(text)

    def end(self, tag):
        name = self.pfad.pop()
        text = "".join(self.text).strip()
        self.text, self.textlaenge = [], 0
        eltern = self.pfad[-1] if self.pfad else ""
        zeile = self.zeile()
        if name == "MsgId" and eltern == "GrpHdr":
            self.msg_id = text[:35]
        elif self.tx is not None and name != "TxDtls":
            self._tx_feld(name, eltern, text)
        elif self.ntry is not None and name != "Ntry":
            self._ntry_feld(name, eltern, text)
        if name == "TxDtls" and self.tx is not None:
            self._ausgeben(self.tx, zeile)
            self.ntry["tx"] += 1
            self.tx = None
        elif name == "Ntry" and self.ntry is not None:
            if self.ntry["tx"] == 0:  # an entry without transaction details is one payment
                self._ausgeben({"zeile": self.ntry["zeile"]}, zeile)
            self.ntry = None

    def _ntry_feld(self, name, eltern, text):
        n = self.ntry
        if name == "Amt" and eltern == "Ntry":
            n["amt"] = text
        elif name == "CdtDbtInd" and eltern == "Ntry":
            n["cdtdbt"] = text
        elif name == "AcctSvcrRef" and eltern == "Ntry":
            n["ref_bank"] = text[:80]
        elif name == "Dt" and eltern == "ValDt":
            n["valuta"] = text
        elif name == "Dt" and eltern == "BookgDt":
            n["buchung"] = text

    def _tx_feld(self, name, eltern, text):
        t = self.tx
        if name == "Amt" and eltern in ("TxDtls", "TxAmt"):
            t["amt"] = text
        elif name == "CdtDbtInd" and eltern == "TxDtls":
            t["cdtdbt"] = text
        elif name == "AcctSvcrRef" and eltern == "Refs":
            t["ref_bank"] = text[:80]
        elif name == "Ref" and eltern == "CdtrRefInf":
            t["referenz"] = text
        elif name == "Ustrd" and eltern == "RmtInf":
            t["text"] = text[:140]

    def _ausgeben(self, tx: dict, zeile: int):
        n = self.ntry
        self.anzahl += 1
        if self.anzahl > MAX_EINTRAEGE:
            raise CamtFehler(zeile, f"mehr als {MAX_EINTRAEGE} Buchungen in einer Datei")
        betrag_text = tx.get("amt") or n.get("amt")
        if not betrag_text:
            raise CamtFehler(zeile, "Buchung ohne Betrag (Amt)")
        ccy = tx.get("ccy") or n.get("ccy")
        if ccy != "CHF":
            raise CamtFehler(zeile, f"Währung «{(ccy or '')[:3]}» statt CHF")
        cdtdbt = tx.get("cdtdbt") or n.get("cdtdbt")
        if cdtdbt not in ("CRDT", "DBIT"):
            raise CamtFehler(zeile, "Buchung ohne Soll/Haben-Kennzeichen (CdtDbtInd: CRDT oder DBIT)")
        valuta_text = n.get("valuta") or n.get("buchung")
        if not valuta_text:
            raise CamtFehler(zeile, "Buchung ohne Valuta- oder Buchungsdatum")
        if tx.get("ref_bank"):
            schluessel = f"tx:{tx['ref_bank']}"
        elif n.get("ref_bank"):
            schluessel = f"ntry:{n['ref_bank']}/{n['tx']}"
        else:
            raise CamtFehler(zeile, "Buchung ohne Referenz der Bank (AcctSvcrRef)")
        self.ausgeben(
            Eintrag(
                zeile=tx.get("zeile") or zeile,
                schluessel=schluessel[:120],
                betrag=_betrag(betrag_text, zeile),
                gutschrift=cdtdbt == "CRDT",
                valuta=_datum(valuta_text, zeile),
                referenz=referenz_normalisieren(tx.get("referenz", "")),
                text=tx.get("text", ""),
            )
        )

    def close(self):
        return None


def eintraege_lesen(datei, ausgeben: Callable[[Eintrag], None]) -> tuple[str, str, int]:
    """Stream `datei` (binary file object) through the safe parser; call `ausgeben` per entry.
    Returns (sha256, MsgId, number of entries). Raises CamtFehler naming the line."""
    ziel = _Ziel(ausgeben)
    parser = DefusedXMLParser(target=ziel, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    ziel.zeile = lambda: parser.parser.CurrentLineNumber
    pruefsumme = hashlib.sha256()
    gelesen = 0
    datei.seek(0)
    try:
        while stueck := datei.read(STUECK):
            gelesen += len(stueck)
            if gelesen > MAX_BYTES:
                raise CamtFehler(ziel.zeile(), "Datei grösser als 100 MB")
            pruefsumme.update(stueck)
            parser.feed(stueck)
        parser.close()
    except ParseError as exc:
        zeile = exc.position[0] if getattr(exc, "position", None) else ziel.zeile()
        raise CamtFehler(zeile, "kein gültiges XML") from None
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise CamtFehler(ziel.zeile(), "DTD oder Entitäten sind nicht erlaubt") from None
    if not ziel.wurzel_geprueft:
        raise CamtFehler(1, "leere Datei")
    if not ziel.nachricht_gesehen:
        raise CamtFehler(ziel.zeile(), "keine Gutschriftsanzeige (BkToCstmrDbtCdtNtfctn)")
    return pruefsumme.hexdigest(), ziel.msg_id, ziel.anzahl
