"""R-KOST-1's money rules live in the kernel (`kern.geld`), shared with `inkasso` (issue 22)."""

from kern.geld import FUENF_RAPPEN, RAPPEN, chf, geld, zahlbetrag_runden

__all__ = ["FUENF_RAPPEN", "RAPPEN", "chf", "geld", "zahlbetrag_runden"]
