"""A software authenticator for tests (WebAuthn level 3, attestation "none", ES256), built with
`cryptography` and `cbor2`: it answers the options of kern.passkeys as a browser would."""

import base64
import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(daten: bytes) -> str:
    return base64.urlsafe_b64encode(daten).rstrip(b"=").decode()


def _bytes(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftwareAuthenticator:
    def __init__(self, origin="http://testserver", rp_id="testserver"):
        self.origin, self.rp_id = origin, rp_id
        self.schluessel = ec.generate_private_key(ec.SECP256R1())
        self.kennung = os.urandom(32)
        self.zaehler = 0

    def _cose(self) -> bytes:
        zahlen = self.schluessel.public_key().public_numbers()
        return cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: zahlen.x.to_bytes(32, "big"), -3: zahlen.y.to_bytes(32, "big")}
        )

    def _client_data(self, art: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps(
            {"type": art, "challenge": challenge, "origin": origin or self.origin, "crossOrigin": False}
        ).encode()

    def registrieren(self, optionen: dict, *, origin: str | None = None) -> dict:
        client_data = self._client_data("webauthn.create", optionen["challenge"], origin)
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([0x45])  # user present, user verified, attested credential data
            + struct.pack(">I", self.zaehler)
            + bytes(16)  # AAGUID
            + struct.pack(">H", len(self.kennung))
            + self.kennung
            + self._cose()
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(self.kennung),
            "rawId": b64url(self.kennung),
            "type": "public-key",
            "response": {"clientDataJSON": b64url(client_data), "attestationObject": b64url(attestation)},
            "clientExtensionResults": {},
        }

    def anmelden(self, optionen: dict, *, origin: str | None = None, zaehler: int | None = None) -> dict:
        self.zaehler = self.zaehler + 1 if zaehler is None else zaehler
        client_data = self._client_data("webauthn.get", optionen["challenge"], origin)
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest() + bytes([0x05]) + struct.pack(">I", self.zaehler)
        )
        signatur = self.schluessel.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64url(self.kennung),
            "rawId": b64url(self.kennung),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signatur),
            },
            "clientExtensionResults": {},
        }
