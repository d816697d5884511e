// Passkeys (WebAuthn) for jvg-case, issue 18: enrolment on /konto/ and the second factor at sign-in.
// No framework, no CDN. Buttons carry data-passkey="registrieren" or "anmelden", data-optionen (URL of
// the options) and data-ziel (URL that verifies); the CSRF token comes from the form around the button.
(function () {
  "use strict";

  function zuBytes(b64url) {
    var b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var roh = atob(b64);
    var bytes = new Uint8Array(roh.length);
    for (var i = 0; i < roh.length; i++) { bytes[i] = roh.charCodeAt(i); }
    return bytes.buffer;
  }

  function zuB64url(puffer) {
    var bytes = new Uint8Array(puffer);
    var roh = "";
    for (var i = 0; i < bytes.length; i++) { roh += String.fromCharCode(bytes[i]); }
    return btoa(roh).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function senden(url, csrf, daten) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: daten === undefined ? "{}" : JSON.stringify(daten)
    }).then(function (antwort) {
      return antwort.json().then(function (json) {
        if (!antwort.ok) { throw new Error(json.fehler || "Der Passkey konnte nicht geprüft werden."); }
        return json;
      });
    });
  }

  function credentialJson(cred) {
    var r = cred.response;
    var antwort = { clientDataJSON: zuB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      antwort.attestationObject = zuB64url(r.attestationObject);
      if (r.getTransports) { antwort.transports = r.getTransports(); }
    } else {
      antwort.authenticatorData = zuB64url(r.authenticatorData);
      antwort.signature = zuB64url(r.signature);
      if (r.userHandle) { antwort.userHandle = zuB64url(r.userHandle); }
    }
    return { id: cred.id, rawId: zuB64url(cred.rawId), type: cred.type, response: antwort,
             clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {} };
  }

  function starten(knopf) {
    var form = knopf.closest("form");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var meldung = form.querySelector("[data-passkey-meldung]");
    var art = knopf.getAttribute("data-passkey");
    if (!window.PublicKeyCredential) {
      meldung.textContent = "Dieser Browser unterstützt keine Passkeys.";
      return;
    }
    meldung.textContent = "";
    knopf.disabled = true;
    senden(knopf.getAttribute("data-optionen"), csrf).then(function (o) {
      o.challenge = zuBytes(o.challenge);
      if (art === "registrieren") {
        o.user.id = zuBytes(o.user.id);
        (o.excludeCredentials || []).forEach(function (c) { c.id = zuBytes(c.id); });
        return navigator.credentials.create({ publicKey: o });
      }
      (o.allowCredentials || []).forEach(function (c) { c.id = zuBytes(c.id); });
      return navigator.credentials.get({ publicKey: o });
    }).then(function (cred) {
      var daten = { credential: credentialJson(cred) };
      var bezeichnung = form.querySelector("input[name=bezeichnung]");
      if (bezeichnung) { daten.bezeichnung = bezeichnung.value; }
      return senden(knopf.getAttribute("data-ziel"), csrf, daten);
    }).then(function (json) {
      window.location.assign(json.weiter);
    }).catch(function (fehler) {
      meldung.textContent = fehler && fehler.name === "NotAllowedError"
        ? "Abgebrochen oder nicht erlaubt." : (fehler.message || "Der Passkey konnte nicht geprüft werden.");
      knopf.disabled = false;
    });
  }

  document.addEventListener("click", function (ereignis) {
    var knopf = ereignis.target.closest("[data-passkey]");
    if (knopf) { ereignis.preventDefault(); starten(knopf); }
  });
}());
