"""camt.054 files as a Swiss bank sends them (camt.054.001.08, QR references), for the demo data, the
benchmark and the tests. Written as a stream: `schreiben` never holds the whole file."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"

KOPF = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{ns}">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr>
      <MsgId>{msg_id}</MsgId>
      <CreDtTm>{datum}T06:00:00</CreDtTm>
    </GrpHdr>
    <Ntfctn>
      <Id>{msg_id}-1</Id>
      <Acct><Id><IBAN>CH4431999123000889012</IBAN></Id></Acct>
"""

EINTRAG = """      <Ntry>
        <Amt Ccy="CHF">{betrag}</Amt>
        <CdtDbtInd>{cd}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>{datum}</Dt></BookgDt>
        <ValDt><Dt>{datum}</Dt></ValDt>
        <AcctSvcrRef>{bank_ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>VCOM</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>{bank_ref}-1</AcctSvcrRef></Refs>
            <Amt Ccy="CHF">{betrag}</Amt>
            <CdtDbtInd>{cd}</CdtDbtInd>
            <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Prtry>QRR</Prtry></CdOrPrtry></Tp><Ref>{referenz}</Ref></CdtrRefInf></Strd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
"""

FUSS = """    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
"""


def zeilen(
    eintraege: Iterable[tuple[str, Decimal, date, str]],
    *,
    msg_id: str = "MSG-1",
    datum: date | None = None,
    gutschrift=True,
):
    """Yield the file's text: `eintraege` = (bank reference, amount, value date, QR reference)."""
    datum = datum or date.today()
    yield KOPF.format(ns=NS, msg_id=escape(msg_id), datum=datum.isoformat())
    for bank_ref, betrag, valuta, referenz in eintraege:
        yield EINTRAG.format(
            betrag=f"{betrag:.2f}",
            cd="CRDT" if gutschrift else "DBIT",
            datum=valuta.isoformat(),
            bank_ref=escape(bank_ref),
            referenz=escape(referenz),
        )
    yield FUSS


def als_bytes(eintraege, **kw) -> bytes:
    return "".join(zeilen(eintraege, **kw)).encode()
