"""The authorization policy of every URL (issue 24, R-0-ROLE-1): who may read, who may write, in which scope.

ONE table, `REGELN`, one entry per URL name (per action, ``name[aktion]``, where one URL serves several
actions with different rights, or per group of objects, ``name[gruppe]``, e.g. the Verfügungen of the
authority and those of a facility). The matrix test (tests/test_zugriffsmatrix.py) enumerates every URL
pattern of the resolver and fails for one without an entry; it requests every entry with real ids as every
role and expects exactly the status this table gives. This module knows only URL names and role names: it
imports nothing of the feature apps, so it survives moving them.

Reading an entry::

    "vollzug:fall_detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),

- Roles (abbreviations below) are listed, then their scope after the colon; ``+`` is every signed-in role,
  ``*`` every caller (anonymous and the agency's client included).
- `lesen`: a GET answers 200 (`ok_get`) for an object inside the scope, 404 outside it (`ausserhalb`):
  existence does not leak (R-0-ROLE-1).
- `schreiben`: a valid write (POST, PUT, PATCH, DELETE) is accepted inside the scope (302 in the browser,
  200 in the API, or `ok_post`) and changes data; outside 404 (`ausserhalb`). A create names its object in
  the payload: outside the scope the API answers 400 and the browser form 200 (the form with its error).
- `sicht`: roles that see the object but may not do this: 403 inside their scope (`verweigert`), 404
  outside.
- Every other signed-in role: `sonst` (``"REV BTM:403 *:404"``), by default 404 for a URL that names an
  object and 403 for one that does not. Anonymous: 302 to the sign-in page (browser) or 401 (API); the
  agency's OAuth2 client authenticates on the agency's endpoints only and is anonymous everywhere else.
- `get`/`post`: ``get=False`` the URL takes no GET (405), ``post="get"`` a POST is answered like a GET
  (views without a method restriction); a text such as ``"SB:405 *:403"`` gives the status per role. By
  default a URL takes a write when the entry has `schreiben`.
- `grund`: why an entry looks as it does, where that is not obvious.

A list, a start page or a create form names no object: its scope is documentation, what it shows is
governed by `DATEN`, the second half of the policy: which role may see which class of data anywhere, in
which scope. The matrix writes a marker word into every field of every class and checks that no answer
(HTML, JSON, CSV, iCal, PDF text) carries a marker its caller may not see.

Scopes (`UMFAENGE`): alle · anstalt (the persons placed in the caller's facility now, the records of
that facility) · zugeteilt (persons assigned to the physician, § 22) · eigene (reported, held or issued
by the caller) · sozialdienst (cost items routed to the caller's Sozialamt, § 47) · entscheide (persons
whose judgment the agency delivered, § 21) · leer (the page opens, it shows nothing).
"""

from dataclasses import dataclass
from types import MappingProxyType

# --- Roles (rollen.Rolle) and the two callers without a role -------------------------------------------

ANON = "ANON"  # not signed in
SB = "SB"  # sachbearbeitung
AL = "AL"  # anstaltsleitung (one facility)
AP = "AP"  # anstaltspersonal (one facility)
MED = "MED"  # medizin
REV = "REV"  # revision
PB = "PB"  # partnerbehoerde (browser user of an agency, e.g. a Sozialamt, § 47)
BTM = "BTM"  # bedrohungsmanagement
ADM = "ADM"  # admin
OAUTH = "OAUTH"  # an agency's OAuth2 client (client credentials, § 21)

ROLLEN = (ANON, SB, AL, AP, MED, REV, PB, BTM, ADM, OAUTH)
ANGEMELDETE = (SB, AL, AP, MED, REV, PB, BTM, ADM)  # signed in to the browser application
ALLE_ROLLEN = "*"  # in `rechte`: every caller, anonymous and the agency client included
JEDE_ANGEMELDETE = "+"  # in `rechte`: every signed-in role

# --- Scopes ---------------------------------------------------------------------------------------------

ALLE = "alle"
ANSTALT = "anstalt"
ZUGETEILT = "zugeteilt"
EIGENE = "eigene"
SOZIALDIENST = "sozialdienst"
ENTSCHEIDE = "entscheide"
LEER = "leer"

UMFAENGE = (ALLE, ANSTALT, ZUGETEILT, EIGENE, SOZIALDIENST, ENTSCHEIDE, LEER)


def _woerter(text: str):
    """ "SB REV:alle AL:anstalt" → (["SB", "REV"], "alle"), (["AL"], "anstalt")."""
    offen: list[str] = []
    for wort in text.split():
        rolle, _, wert = wort.partition(":")
        if rolle not in (ALLE_ROLLEN, JEDE_ANGEMELDETE) and rolle not in ROLLEN:
            raise ValueError(f"Unbekannte Rolle {rolle!r} in {text!r}")
        offen.append(rolle)
        if wert:
            yield offen, wert
            offen = []
    if offen:
        raise ValueError(f"Rollen ohne Wert in {text!r}: {offen}")


def rechte(text: str) -> MappingProxyType:
    """ "SB REV:alle AL AP:anstalt" → {SB: alle, REV: alle, AL: anstalt, AP: anstalt} ("*" = every caller,
    "+" = every signed-in role)."""
    ergebnis: dict[str, str] = {}
    gruppen = {ALLE_ROLLEN: ROLLEN, JEDE_ANGEMELDETE: ANGEMELDETE}
    for rollen, umfang in _woerter(text):
        if umfang not in UMFAENGE:
            raise ValueError(f"Unbekannter Umfang {umfang!r} in {text!r}")
        for r in [x for rolle in rollen for x in gruppen.get(rolle, (rolle,))]:
            if r in ergebnis:
                raise ValueError(f"Rolle {r} doppelt in {text!r}")
            ergebnis[r] = umfang
    return MappingProxyType(ergebnis)


def status(text: str) -> MappingProxyType:
    """ "REV BTM:403 *:404" → {REV: 403, BTM: 403, "*": 404} ("*": every other signed-in role)."""
    ergebnis: dict[str, int] = {}
    for rollen, wert in _woerter(text):
        if JEDE_ANGEMELDETE in rollen:
            raise ValueError(f"«+» gilt nur in Rechten, nicht in Status: {text!r}")
        for r in rollen:
            ergebnis[r] = int(wert)
    return MappingProxyType(ergebnis)


@dataclass(frozen=True)
class Regel:
    lesen: MappingProxyType  # role → scope of a GET
    schreiben: MappingProxyType  # role → scope of a write
    sicht: MappingProxyType  # role → scope in which a refusal is visible (`verweigert`, else 404)
    sonst: MappingProxyType  # role → status, for roles in none of the three
    verweigert: MappingProxyType  # role → refusal inside `sicht` (default 403)
    ausserhalb: MappingProxyType  # role → answer outside the scope (default 404)
    get: bool | MappingProxyType = True  # False: 405; a mapping: status per role (no page to read)
    post: bool | str | MappingProxyType = False  # True: a write; "get": like GET; mapping: per role
    ok_get: int = 200
    ok_post: int | None = None  # default: 302 in the browser, 200 in the API
    schreibt: bool = True  # an accepted write changes data (sign-out only ends the session)
    grund: str = ""


def _abbildung(wert) -> MappingProxyType:
    if isinstance(wert, MappingProxyType):
        return wert
    return status(wert) if isinstance(wert, str) else MappingProxyType(dict(wert or {}))


def R(
    lesen: str = "",
    schreiben: str = "",
    sicht: str = "",
    *,
    sonst: str = "",
    verweigert: str = "",
    ausserhalb: str = "",
    get: bool | str = True,
    post: bool | str | None = None,
    ok_get: int = 200,
    ok_post: int | None = None,
    schreibt: bool = True,
    grund: str = "",
) -> Regel:
    if post is None:
        post = bool(schreiben)
    elif isinstance(post, str) and post != "get":
        post = status(post)
    return Regel(
        lesen=rechte(lesen),
        schreiben=rechte(schreiben),
        sicht=rechte(sicht),
        sonst=_abbildung(sonst),
        verweigert=_abbildung(verweigert),
        ausserhalb=_abbildung(ausserhalb),
        get=status(get) if isinstance(get, str) else get,
        post=post,
        ok_get=ok_get,
        ok_post=ok_post,
        schreibt=schreibt,
        grund=grund,
    )


def _je_rolle(abbildung, rolle: str, standard: int) -> int:
    return abbildung.get(rolle, abbildung.get("*", standard))


def erwarteter_status(regel: Regel, rolle: str, im_umfang, *, methode: str, api: bool, mit_id: bool) -> int:
    """The status a caller of `rolle` gets from a URL of `regel`.

    `im_umfang(umfang)` tells whether the addressed object lies in that scope for this caller; `methode`
    is "get" or "post" (any write); `api` a URL under /api/; `mit_id` a URL that names one object (a
    refusal without a right is then 404, else 403: existence never leaks, R-0-ROLE-1).
    """
    anonym = 401 if api else 302
    unangemeldet = rolle in (ANON, OAUTH)

    def ohne_recht():
        if rolle in regel.sonst:
            return regel.sonst[rolle]
        if unangemeldet:
            return anonym
        return regel.sonst.get("*", 404 if mit_id else 403)

    if methode == "get":
        if regel.get is False:
            return anonym if unangemeldet else 405
        if isinstance(regel.get, MappingProxyType):
            return regel.get[rolle] if rolle in regel.get else (anonym if unangemeldet else regel.get["*"])
        rechte_, ok = regel.lesen, regel.ok_get
    else:
        if regel.post == "get":
            return erwarteter_status(regel, rolle, im_umfang, methode="get", api=api, mit_id=mit_id)
        if regel.post is False:
            return anonym if unangemeldet else 405
        if isinstance(regel.post, MappingProxyType):
            return regel.post[rolle] if rolle in regel.post else (anonym if unangemeldet else regel.post["*"])
        rechte_, ok = regel.schreiben, regel.ok_post or (200 if api else 302)
    if rolle in rechte_:
        return ok if im_umfang(rechte_[rolle]) else _je_rolle(regel.ausserhalb, rolle, 404)
    if rolle in regel.sicht:
        if im_umfang(regel.sicht[rolle]):
            return _je_rolle(regel.verweigert, rolle, 403)
        return _je_rolle(regel.ausserhalb, rolle, 404)
    return ohne_recht()


DATEN: dict[str, MappingProxyType] = {
    "personalien": rechte("SB REV BTM:alle AL AP:anstalt MED:zugeteilt OAUTH:entscheide PB:sozialdienst"),
    "entscheid": rechte("SB REV BTM:alle AL AP:anstalt MED:zugeteilt OAUTH:entscheide"),
    "akte": rechte("SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "gesundheit": rechte("SB:alle MED:zugeteilt"),
    "rapport": rechte("SB REV BTM:alle AL AP:anstalt"),
    "disziplinarverfahren": rechte("SB REV BTM:alle AL AP:anstalt"),
    "zwang": rechte("SB REV BTM:alle AL AP:anstalt"),
    "ueberwachung": rechte("SB REV:alle AL:anstalt"),
    "aufzeichnung": rechte("AL:eigene"),
    "kosten": rechte("SB REV:alle PB:sozialdienst"),
    "inkasso": rechte("SB REV:alle"),
    "schweigepflicht": rechte("SB REV:alle AL AP:anstalt"),
    "bedrohung": rechte("BTM:alle SB AL AP MED REV ADM:eigene"),
    "mandat": rechte("SB REV:alle MED:eigene"),
    "bewaehrung": rechte("SB REV:alle"),  # probation files and pardon requests (§§ 19, 51)
    "behoerde": rechte("ADM REV:alle"),
    "bekanntgabe": rechte("REV SB:alle"),
    "geheimnis": rechte(""),
}
# Reasons shared by several entries (`grund`).
VOLLZUG_ERFASST_WER_ENTSCHEIDET = "§ 31 Abs. 1/5 (issue 24, decision 1): who approves a decision records its execution (`darf_vollzug_erfassen`): the facility management for its § 31 measure, Sachbearbeitung for the authority; staff 403"
NUR_TEAM = "R-BM-3: the team's pages do not exist for anybody else (404)"
TEAM_UND_MELDENDE = "R-BM-3: the team, and the reporter for his own report"
FALL_IN_NUTZLAST = "create: the case is chosen in the payload; a case outside the caller's sight is a field error (400), for callers without any right too"
HUNGERSTREIK_39 = "§ 39 (issue 24, decision 3): ending a hunger strike is a medical finding of the assigned physician (§ 22) or the authority's record (`zwangsmedizin.permissions.darf_hungerstreik_beenden`); the facility management sees the strike but may not end it"
WIDERRUF_23 = "§ 23 Abs. 1 (issue 24, decision 2): a revocation only protects the person; it reaches the staff who rely on the consent: the authority and the facility where the person is placed now (`darf_entbindung_widerrufen`)"
AGENTUR_21 = "§ 21: the agency's client only, for the persons whose judgment it delivered; a session user is no agency (401); the endpoint only reads: a POST fails at parsing (415)"
NIE_LOESCHEN = "deactivate, never delete: the history keeps the actor (PITFALLS); the admin refuses (403)"
DOT_TOKEN = "django-oauth-toolkit's admin: tokens are issued by the OAuth flows and revoked, never added or deleted by hand (403)"

# One line per entry: the table is read line by line.
# fmt: off
REGELN: dict[str, Regel] = {
    # --- Vollzug: persons, cases, placements (§ 17 transfers), plans, § 14 postponements
    "vollzug:person_list": R(lesen="+:alle", post="get"),
    "vollzug:person_neu": R(lesen="SB:alle", schreiben="SB:alle"),
    "vollzug:fall_list": R(lesen="+:alle", post="get"),
    "vollzug:fall_neu": R(lesen="SB:alle", schreiben="SB:alle"),
    "vollzug:gesuch14_liste": R(lesen="+:alle", post="get"),
    "vollzug:fall_einweisen": R(lesen="SB:alle", schreiben="SB:alle", sonst="REV BTM:403"),
    "vollzug:gesuch14_aktion[beenden]": R(get=False, schreiben="SB:alle", sonst="REV BTM:403"),
    "vollzug:gesuch14_schritt[aufgebot]": R(get=False, schreiben="SB:alle", sonst="REV BTM:403"),
    "vollzug:person_detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    # Issue 17: a person's Vertretung — whoever reads the person sees it (person page block, API); only the
    # Sachbearbeitung records it and ends a mandate (the others who see the person: 403).
    "vollzug:vertretung_neu": R(lesen="SB:alle", schreiben="SB:alle", sicht="REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "vollzug:vertretung_beenden": R(lesen="SB:alle", schreiben="SB:alle", sicht="REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "vollzug:fall_detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzug:fall_versetzen": R(lesen="SB:alle AL:anstalt", schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", verweigert="AL:200 *:403", sonst="REV BTM:403", grund="§ 17 Abs. 3: the facility management may only order an urgent transfer to a clinic: its form offers nothing else, the matrix's transfer to the other facility comes back with the form (200)"),
    "vollzug:fall_entlassen": R(lesen="SB:alle", schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzug:dokument_download": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzug:platzierung_verfuegung": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzug:arztbericht_download": R(lesen="SB:alle MED:zugeteilt", post="get"),
    "vollzug:plan_detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzug:plan_neu": R(lesen="AL:anstalt", schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "vollzug:plan_stufe": R(lesen="AL:anstalt", schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "vollzug:plan_vergleich": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzug:plan_version": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzug:plan_zustellen": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "vollzug:plan_kenntnis": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzug:gesuch14_neu": R(lesen="SB:alle", schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzug:gesuch14_detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzug:gesuch14_arztzeugnis": R(lesen="SB:alle MED:zugeteilt", post="get"),
    "vollzug:gesuch14_aktion[entscheid]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzug:gesuch14_aktion[arztzeugnis]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzug:gesuch14_aktion[antreten]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzug:gesuch14_schritt[zurueckziehen]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "person-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="SB:405 *:403"),
    "fall-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="SB:405 *:403"),
    "vollzugsplan-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "aufschubgesuch-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="SB:405 *:403"),
    "aufschubgesuch-entscheid": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "aufschubgesuch-arztzeugnis": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "person-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "vertretung-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "vertretung-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", get=True, post="*:405"),
    "vertretung-beenden": R(get=False, schreiben="SB:alle", sicht="REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "fall-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "vollzugsplan-list": R(lesen="+:alle"),
    "aufschubgesuch-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),

    # --- Verfügungen, the shared lifecycle. Per group: "behoerde" = a decision of the authority (approved by
    # Sachbearbeitung), "anstalt" = a decision of a facility (a § 31 security measure, approved by its management).
    "verfuegungen:liste": R(lesen="+:alle"),
    "verfuegung-list": R(lesen="+:alle", post="*:403"),
    "verfuegungen:detail[behoerde]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "verfuegungen:pdf[behoerde]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "verfuegungen:vorschau[behoerde]": R(lesen="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-detail[behoerde]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "verfuegung-pdf[behoerde]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "verfuegungen:aktion[vorlegen|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-vorlegen[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[genehmigen|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-genehmigen[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[zurueckweisen|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-zurueckweisen[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[ablehnen|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-ablehnen[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[gehoer|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-gehoer[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[gehoer_nachholen|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-gehoer-nachholen[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[eroeffnen|behoerde]": R(get=False, schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-eroeffnen[behoerde]": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[beschwerde|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-beschwerde[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[beschwerdeentscheid|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-beschwerdeentscheid[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[weiterzug|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-weiterzug[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[rechtskraft|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-rechtskraft[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[aufheben|behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-aufheben[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegung-aufschiebende-wirkung-entziehen[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403"),
    "verfuegung-vollzogen[behoerde]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="*:403", grund=VOLLZUG_ERFASST_WER_ENTSCHEIDET),
    "verfuegungen:detail[anstalt]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "verfuegungen:pdf[anstalt]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "verfuegungen:vorschau[anstalt]": R(lesen="AL AP:anstalt", sicht="MED:zugeteilt", sonst="SB REV BTM:403"),
    "verfuegung-detail[anstalt]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "verfuegung-pdf[anstalt]": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "verfuegungen:aktion[vorlegen|anstalt]": R(get=False, schreiben="AL AP:anstalt", sicht="MED:zugeteilt", sonst="SB REV BTM:403"),
    "verfuegung-vorlegen[anstalt]": R(get=False, schreiben="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[genehmigen|anstalt]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "verfuegung-genehmigen[anstalt]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[zurueckweisen|anstalt]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "verfuegung-zurueckweisen[anstalt]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[ablehnen|anstalt]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "verfuegung-ablehnen[anstalt]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[gehoer|anstalt]": R(get=False, schreiben="AL AP:anstalt", sicht="MED:zugeteilt", sonst="SB REV BTM:403"),
    "verfuegung-gehoer[anstalt]": R(get=False, schreiben="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[gehoer_nachholen|anstalt]": R(get=False, schreiben="AL AP:anstalt", sicht="MED:zugeteilt", sonst="SB REV BTM:403"),
    "verfuegung-gehoer-nachholen[anstalt]": R(get=False, schreiben="AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[eroeffnen|anstalt]": R(get=False, schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-eroeffnen[anstalt]": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[beschwerde|anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-beschwerde[anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[beschwerdeentscheid|anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-beschwerdeentscheid[anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[aufschiebende_wirkung|anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-aufschiebende-wirkung[anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[weiterzug|anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-weiterzug[anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[rechtskraft|anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-rechtskraft[anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegungen:aktion[aufheben|anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "verfuegung-aufheben[anstalt]": R(get=False, schreiben="SB:alle AL:anstalt", sicht="AP:anstalt", sonst="*:403"),
    "verfuegung-vollzogen[anstalt]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="*:403", grund=VOLLZUG_ERFASST_WER_ENTSCHEIDET),

    # --- Disciplinary law: reports, proceedings, sanctions
    "disziplinar:start": R(lesen="+:alle", ok_get=302),
    "disziplinar:rapport_liste": R(lesen="+:alle"),
    "disziplinar:verfahren_liste": R(lesen="+:alle"),
    "disziplinar:statistik": R(lesen="SB REV:alle AL:anstalt"),
    "disziplinarrapport-list": R(lesen="+:alle", schreiben="AL AP:anstalt", ok_post=201, ausserhalb="*:400", grund="create: the person is chosen in the payload; one outside the caller's facility is a field error (400)"),
    "disziplinarverfahren-list": R(lesen="+:alle", post="*:403"),
    "disziplinarsanktion-list": R(lesen="+:alle", post="*:403"),
    "disziplinar:rapport_neu": R(lesen="AL AP:alle", schreiben="AL AP:anstalt", ausserhalb="*:200"),
    "disziplinar:rapport_detail": R(lesen="SB REV BTM:alle AL AP:anstalt"),
    "disziplinar:beilage_download": R(lesen="SB REV BTM:alle AL AP:anstalt"),
    "disziplinar:verfahren_eroeffnen": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="SB REV BTM:403"),
    "disziplinar:verfahren_detail": R(lesen="SB REV BTM:alle AL AP:anstalt", grund="issue 17: staff of the facility read the proceedings on persons placed there (they report and draft), without the management's forms"),
    "disziplinar:entscheid": R(lesen="AL AP:anstalt", schreiben="AL AP:anstalt", sonst="SB REV BTM:403", grund="issue 17: staff (e.g. the security chief) or the management draft the decision; the management or its Stellvertretung approves (R-0-4EYES-1)"),
    "disziplinar:verfahren_aktion[strafanzeige]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="SB REV BTM:403"),
    "disziplinar:verfahren_aktion[einstellen]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="SB REV BTM:403"),
    "disziplinar:sanktion_vollziehen": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="SB REV BTM:403"),
    "disziplinarrapport-detail": R(lesen="SB REV BTM:alle AL AP:anstalt", post="*:403"),
    "disziplinarrapport-verfahren-eroeffnen": R(get=False, schreiben="AL:anstalt", ok_post=201, sonst="*:403"),
    "disziplinarverfahren-detail": R(lesen="SB REV BTM:alle AL AP:anstalt", post="*:403"),
    "disziplinarverfahren-einstellen": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "disziplinarverfahren-strafanzeige": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "disziplinarverfahren-entscheid": R(get=False, schreiben="AL AP:anstalt", ok_post=201, sonst="*:403", grund="issue 17: staff draft the Disziplinarverfügung as on the report page (`darf_entscheid_entwerfen`); the answer is the proceeding, which they read (issue 17)"),
    "disziplinarverfahren-eroeffnen": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="MED REV PB BTM ADM:403", grund="staff hand decisions over in the facility (`verfuegungen.permissions.darf_eroeffnen`), as on the Verfügung's own page"),
    "disziplinarsanktion-detail": R(lesen="SB REV BTM:alle AL AP:anstalt", post="*:403"),
    "disziplinarsanktion-vollziehen": R(get=False, schreiben="AL:anstalt", sonst="*:403"),

    # --- Threat management (R-BM-*): reports are seen by the team and by their reporter only
    "bedrohung:start": R(lesen="SB AL AP MED REV BTM ADM:alle", ok_get=302),
    "bedrohung:meine": R(lesen="SB AL AP MED REV BTM ADM:alle"),
    "bedrohung:info": R(lesen="SB AL AP MED REV BTM ADM:alle"),
    "bedrohung:meldung_liste": R(lesen="BTM:alle", sonst="*:404", grund=NUR_TEAM),
    "bedrohung:protokoll": R(lesen="BTM:alle", sonst="*:404", grund=NUR_TEAM),
    "bedrohung:melden": R(lesen="SB AL AP MED REV BTM ADM:alle", schreiben="SB MED REV BTM:alle AL AP:anstalt", ausserhalb="*:200", sonst="ADM:200", grund="R-BM-1: every member of staff reports a threat (facility staff about persons of their facility); the administrator is no staff and gets the form back (200)"),
    "bedrohung:merkblatt_neu": R(lesen="BTM:alle", schreiben="BTM:alle", sonst="*:404"),
    "bedrohung:merkblatt_bearbeiten": R(lesen="BTM:alle", schreiben="BTM:alle"),
    "bedrohung:ansprechperson_neu": R(lesen="BTM:alle", schreiben="BTM:alle", sonst="*:404"),
    "bedrohung:ansprechperson_bearbeiten": R(lesen="BTM:alle", schreiben="BTM:alle"),
    "bedrohungsmeldung-list": R(lesen="BTM:alle", schreiben="BTM:alle", ok_post=201),
    "bedrohung:meldung_detail": R(lesen="SB AL AP MED REV:eigene BTM:alle", grund=TEAM_UND_MELDENDE),
    "bedrohung:beilage_download": R(lesen="SB AL AP MED REV:eigene BTM:alle", grund=TEAM_UND_MELDENDE),
    "bedrohung:disziplinarrapport": R(get=False, schreiben="AL AP:eigene", sicht="SB MED REV:eigene", verweigert="*:302", sonst="BTM:302", grund="R-BM-1: facility staff turn their own report of a threat by an inmate into a disciplinary report; the others are sent back to the report with a message (302, nothing written)"),
    "bedrohung:beilage_neu": R(get=False, schreiben="SB AL AP MED REV:eigene BTM:alle"),
    "bedrohung:einschaetzung": R(lesen="BTM:alle", schreiben="BTM:alle"),
    "bedrohung:ansprechperson_zuweisen": R(get=False, schreiben="BTM:alle"),
    "bedrohung:massnahme_neu": R(lesen="BTM:alle", schreiben="BTM:alle"),
    "bedrohung:konferenz_neu": R(lesen="BTM:alle", schreiben="BTM:alle"),
    "bedrohung:abschliessen": R(lesen="BTM:alle", schreiben="BTM:alle"),
    "bedrohung:massnahme_erledigt": R(get=False, schreiben="BTM:alle"),
    "bedrohungsmeldung-detail": R(lesen="BTM:alle"),
    "bedrohungsmeldung-einschaetzung": R(get=False, schreiben="BTM:alle", ok_post=201),
    "bedrohungsmeldung-ansprechperson": R(get=False, schreiben="BTM:alle"),
    "bedrohungsmeldung-massnahmen": R(get=False, schreiben="BTM:alle", ok_post=201),
    "bedrohungsmeldung-massnahme-erledigen": R(get=False, schreiben="BTM:alle"),
    "bedrohungsmeldung-konferenz": R(get=False, schreiben="BTM:alle", ok_post=201),
    "bedrohungsmeldung-abschliessen": R(get=False, schreiben="BTM:alle"),

    # --- Coercive measures: security detention, § 26 transfer, § 28 checks, escapes
    "zwangsmassnahmen:start": R(lesen="SB AL AP MED REV:alle"),
    "zwangsmassnahmen:haft_liste": R(lesen="SB AL AP MED REV:alle"),
    "zwangsmassnahmen:versetzung_liste": R(lesen="SB AL AP MED REV:alle"),
    "zwangsmassnahmen:kontrolle_liste": R(lesen="SB AL AP MED REV:alle"),
    "zwangsmassnahmen:entweichung_liste": R(lesen="SB AL AP MED REV:alle"),
    "sicherheitshaft-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "versetzung26-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "kontrolle28-list": R(lesen="+:alle", schreiben="AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "entweichung-list": R(lesen="+:alle", schreiben="AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "zwangsmassnahmen:haft_neu": R(lesen="SB:alle", schreiben="SB:alle"),
    "zwangsmassnahmen:versetzung_neu": R(lesen="SB:alle", schreiben="SB:alle"),
    "zwangsmassnahmen:kontrolle_neu": R(lesen="AL AP:alle", schreiben="AL AP:anstalt", ausserhalb="*:200"),
    "zwangsmassnahmen:leibesvisitation_neu": R(lesen="AL AP:alle", schreiben="AL AP:anstalt", ausserhalb="*:200"),
    "kontrolle28-leibesvisitation": R(get=False, schreiben="AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "zwangsmassnahmen:entweichung_neu": R(lesen="AL AP:alle", schreiben="AL AP:anstalt", ausserhalb="*:200"),
    "zwangsmassnahmen:haft_detail": R(lesen="SB REV:alle AL AP:anstalt", sonst="PB BTM ADM:403"),
    "zwangsmassnahmen:haft_aktion[antrag]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="REV PB BTM ADM:403"),
    "zwangsmassnahmen:haft_aktion[gericht]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="REV PB BTM ADM:403"),
    "zwangsmassnahmen:haft_aktion[beenden]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt", sonst="REV PB BTM ADM:403"),
    "zwangsmassnahmen:versetzung_detail": R(lesen="SB REV:alle AL AP:anstalt", sonst="PB BTM ADM:403"),
    "zwangsmassnahmen:kontrolle_detail": R(lesen="SB REV:alle AL AP:anstalt", sonst="PB BTM ADM:403"),
    "zwangsmassnahmen:kontrolle_aktion[entscheiden]": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="SB REV PB BTM ADM:403"),
    "zwangsmassnahmen:kontrolle_aktion[durchfuehren]": R(get=False, schreiben="AL AP:anstalt", sonst="SB REV PB BTM ADM:403"),
    "zwangsmassnahmen:entweichung_detail": R(lesen="SB REV:alle AL AP:anstalt", sonst="PB BTM ADM:403"),
    "zwangsmassnahmen:entweichung_aktion[informiert]": R(get=False, schreiben="AL AP:anstalt", sonst="SB REV PB BTM ADM:403"),
    "zwangsmassnahmen:entweichung_aktion[zufuehrung]": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="REV PB BTM ADM:403"),
    "sicherheitshaft-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "sicherheitshaft-antrag": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "sicherheitshaft-gerichtsentscheid": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "sicherheitshaft-beenden": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "versetzung26-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "kontrolle28-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "kontrolle28-entscheiden": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "kontrolle28-durchfuehren": R(get=False, schreiben="AL AP:anstalt", sonst="*:403"),
    "entweichung-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "entweichung-informiert": R(get=False, schreiben="AL AP:anstalt", sonst="*:403"),
    "entweichung-zufuehrung": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="*:403"),

    # --- § 31 security measures and § 33 use of force
    "sicherheitsmassnahmen:liste": R(lesen="+:alle"),
    "sicherheitsmassnahme-list": R(lesen="+:alle", schreiben="AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "zwang:liste": R(lesen="+:alle"),
    "zwang:meine_stellungnahmen": R(lesen="+:alle"),
    "zwangsprotokoll-list": R(lesen="+:alle", schreiben="AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "sicherheitsmassnahmen:neu": R(lesen="AL AP:alle", schreiben="AL AP:anstalt", ausserhalb="*:200"),
    "sicherheitsmassnahmen:detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "sicherheitsmassnahmen:genehmigen": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "sicherheitsmassnahmen:ablehnen": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "sicherheitsmassnahmen:ueberpruefen": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "sicherheitsmassnahmen:aufheben": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "sicherheitsmassnahme-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "sicherheitsmassnahme-genehmigen": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "sicherheitsmassnahme-ablehnen": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "sicherheitsmassnahme-ueberpruefen": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "sicherheitsmassnahme-aufheben": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "zwang:neu": R(lesen="AL AP:alle", schreiben="AL AP:anstalt", ausserhalb="*:200"),
    "zwang:detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt"),
    "zwang:bearbeiten": R(lesen="AP:anstalt", schreiben="AP:anstalt"),
    "zwang:einreichen": R(get=False, schreiben="AP:anstalt"),
    "zwang:korrigieren": R(lesen="AL:anstalt", schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "zwang:pruefen": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "zwang:stellungnahme": R(get=False, schreiben="AP:anstalt", sicht="AL:anstalt MED:zugeteilt", sonst="SB REV BTM:403"),
    "zwangsprotokoll-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "zwangsprotokoll-einreichen": R(get=False, schreiben="AP:anstalt", sonst="SB MED REV PB BTM ADM:403"),
    "zwangsprotokoll-stellungnahme": R(get=False, schreiben="AP:anstalt", sicht="AL:anstalt", sonst="*:403", grund="§ 33 Abs. 4: the API takes the caller's own statement on the protocol; who was not involved is refused (403) before the input is read"),
    "zwangsprotokoll-pruefung": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "zwangsprotokoll-korrektur": R(get=False, schreiben="AL:anstalt", sicht="AP:anstalt", sonst="*:403"),

    # --- Surveillance: telephone and video recordings, ED material (§ 27), access and destruction logs
    "ueberwachung:start": R(lesen="SB AL REV:alle", ok_get=302),
    "ueberwachung:telefon_liste": R(lesen="SB AL REV:alle"),
    "ueberwachung:video_liste": R(lesen="SB AL REV:alle"),
    "ueberwachung:beizug_liste": R(lesen="SB AL REV:alle"),
    "ueberwachung:ed_liste": R(lesen="SB AL REV:alle"),
    "ueberwachung:zugriff_liste": R(lesen="SB AL REV:alle"),
    "ueberwachung:vernichtung_liste": R(lesen="SB AL REV:alle"),
    "ueberwachung:vernichtung_csv": R(lesen="SB AL REV:alle"),
    "ueberwachung-telefon-list": R(lesen="SB AL REV:alle", schreiben="AL:anstalt", ok_post=201, ausserhalb="*:400"),
    "ueberwachung-video-list": R(lesen="SB AL REV:alle", post="*:403"),
    # Issue 23: zones and ED measures through the API, scoped like their pages, with the pages' writes: a zone
    # is defined in the management's own facility (the payload names no facility), an ED measure for a person
    # placed there (the payload names the person: outside the caller's view 400, as an unknown person).
    "ueberwachung-zone-list": R(lesen="SB AL REV:alle", schreiben="AL:alle", ok_post=201),
    "ueberwachung-ed-list": R(lesen="SB AL REV:alle", schreiben="AL:anstalt", ok_post=201, ausserhalb="*:400"),
    "ueberwachung-beizug-list": R(lesen="SB AL REV:alle", schreiben="SB:alle AL:anstalt", ok_post=201, ausserhalb="*:400"),
    "ueberwachung-zugriff-list": R(lesen="SB AL REV:alle", post="*:403"),
    "ueberwachung-rechtsbeistand-list": R(lesen="SB AL REV:alle", schreiben="SB:alle AL:anstalt", ok_post=201, ausserhalb="*:400"),
    "ueberwachung-vernichtung-list": R(lesen="SB AL REV:alle", post="*:403"),
    "ueberwachung:zonen": R(lesen="SB AL REV:alle", schreiben="AL:alle"),
    "ueberwachung:rechtsbeistaende": R(lesen="SB AL REV:alle", schreiben="SB:alle AL:anstalt", ausserhalb="*:400"),
    "ueberwachung:telefon_neu": R(lesen="AL:alle", schreiben="AL:anstalt", ausserhalb="*:200"),
    "ueberwachung:video_neu": R(lesen="AL:alle", schreiben="AL:anstalt", ausserhalb="*:200"),
    "ueberwachung:ed_neu": R(lesen="AL:alle", schreiben="AL:anstalt", ausserhalb="*:200"),
    "ueberwachung:telefon_detail": R(lesen="SB REV:alle AL:anstalt", post="get", sonst="*:403"),
    "ueberwachung:telefon_abhoeren": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "ueberwachung:video_detail": R(lesen="SB REV:alle AL:anstalt", sonst="*:403"),
    "ueberwachung:video_auswerten": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "ueberwachung:video_abschliessen": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "ueberwachung:beizug_neu[telefon]": R(get=False, schreiben="SB:alle AL:anstalt", sonst="*:403"),
    "ueberwachung:beizug_neu[video]": R(get=False, schreiben="SB:alle AL:anstalt", sonst="*:403"),
    "ueberwachung:einsicht[telefon]": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    "ueberwachung:beizug_aufheben": R(get=False, schreiben="SB:alle AL:anstalt", sonst="*:403"),
    "ueberwachung:zone_aufheben": R(get=False, schreiben="AL:anstalt", sonst="*:403"),
    # Issue 23: removing a counsel number with a reason (as its API action).
    "ueberwachung:rechtsbeistand_entfernen": R(get=False, schreiben="SB:alle AL:anstalt", sonst="*:403"),
    "ueberwachung:ed_detail[ohne_aktion]": R(lesen="SB REV:alle AL:anstalt", post=True, sicht="SB REV:alle AL:anstalt", verweigert="AL:400 *:403", sonst="*:403", grund="a POST without an action is the purpose form sent empty: the management, which may act, gets the form back (400), the readers 403"),
    "ueberwachung:ed_detail[einsehen]": R(lesen="SB REV:alle AL:anstalt", schreiben="AL:anstalt", sonst="SB AP MED REV PB BTM ADM:403"),
    "ueberwachung:ed_detail[weitergeben]": R(lesen="SB REV:alle AL:anstalt", schreiben="AL:anstalt", sonst="SB AP MED REV PB BTM ADM:403"),
    "ueberwachung:zugriff_detail": R(lesen="SB REV:alle AL:anstalt"),
    "ueberwachung:inhalt": R(lesen="AL:anstalt"),
    "ueberwachung-telefon-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),
    "ueberwachung-telefon-abhoeren": R(get="SB AL REV:405 *:403", schreiben="AL:anstalt", ok_post=201, sonst="*:403"),
    "ueberwachung-video-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),
    "ueberwachung-zone-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),
    "ueberwachung-ed-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),
    # Issue 23: the zone page's lift and the ED page's two justified accesses, as API actions (the role is
    # checked before the input; the object's facility by the scoped queryset, 404 outside).
    "ueberwachung-zone-aufheben": R(get="SB AL REV:405 *:403", schreiben="AL:anstalt", sonst="*:403"),
    "ueberwachung-ed-einsehen": R(get="SB AL REV:405 *:403", schreiben="AL:anstalt", ok_post=201, sonst="*:403"),
    "ueberwachung-ed-weitergeben": R(get="SB AL REV:405 *:403", schreiben="AL:anstalt", ok_post=201, sonst="*:403"),
    "ueberwachung-video-auswerten": R(get="SB AL REV:405 *:403", schreiben="AL:anstalt", ok_post=201, sonst="*:403"),
    "ueberwachung-video-auswertung-abschliessen": R(get="SB AL REV:405 *:403", schreiben="AL:anstalt", sonst="*:403"),
    "ueberwachung-beizug-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),
    "ueberwachung-beizug-aufheben": R(get="SB AL REV:405 *:403", schreiben="SB:alle AL:anstalt", sonst="*:403"),
    "ueberwachung-zugriff-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),
    "ueberwachung-zugriff-inhalt": R(lesen="AL:anstalt", post="*:403"),
    "ueberwachung-rechtsbeistand-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),
    # Issue 23: removing a counsel number, with a reason (authority; the management of the person's facility).
    "ueberwachung-rechtsbeistand-entfernen": R(get="SB AL REV:405 *:403", schreiben="SB:alle AL:anstalt", sonst="*:403"),
    "ueberwachung-vernichtung-detail": R(lesen="SB REV:alle AL:anstalt", post="*:403", sonst="*:403"),

    # --- Forced medication and hunger strike (§§ 34–39): health data
    "zwangsmedizin:start": R(lesen="+:alle"),
    "zwangsmedizin:medikation_liste": R(lesen="+:alle"),
    "zwangsmedizin:hungerstreik_liste": R(lesen="+:alle"),
    "zwangsmedikation-list": R(lesen="+:alle", schreiben="MED:zugeteilt", ok_post=201, sicht="AL AP:anstalt", ausserhalb="AL AP:403 *:400", grund=FALL_IN_NUTZLAST + "; a role that may never request (§ 36: physicians only) is refused (403) before the input is read"),
    "hungerstreik-list": R(lesen="+:alle", schreiben="SB:alle AL:anstalt MED:zugeteilt", ok_post=201, sicht="AP:anstalt", ausserhalb="AP:403 *:400", grund=FALL_IN_NUTZLAST + "; a role that may never record one (§ 39) is refused (403) before the input is read"),
    "zwangsmedizin-gespraech-list": R(lesen="+:alle"),
    "patientenverfuegung-list": R(lesen="+:alle"),
    "zwangsmedizin:medikation_neu": R(lesen="MED:zugeteilt", schreiben="MED:zugeteilt"),
    "zwangsmedizin:medikation_detail[ohne_aktion]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", post="*:404"),
    "zwangsmedizin:empfehlung_download": R(lesen="SB:alle MED:zugeteilt", grund="§ 38 Abs. 2: the forensic recommendation is health data"),
    "zwangsmedizin:medikation_detail[aufklaerung]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedizin:medikation_detail[gefahr]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedizin:medikation_detail[angehoerige]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedizin:medikation_detail[angehoerige_informiert]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedizin:medikation_detail[einweisungsbehoerde]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="AL:anstalt", sicht="MED:zugeteilt", sonst="SB REV:403"),
    "zwangsmedizin:medikation_detail[verfuegen]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "zwangsmedizin:medikation_detail[ablehnen]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "zwangsmedizin:medikation_detail[nachpruefen]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "zwangsmedizin:medikation_detail[beenden]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedikation-aufklaerung": R(get=False, schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedikation-gefahr-im-verzug": R(get=False, schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedikation-angehoerige": R(get=False, schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedikation-angehoerige-informiert": R(get=False, schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedikation-einweisungsbehoerde-informiert": R(get=False, schreiben="AL:anstalt", sicht="MED:zugeteilt", sonst="SB REV:403"),
    "zwangsmedikation-verfuegung": R(get=False, schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "zwangsmedikation-ablehnen": R(get=False, schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "zwangsmedikation-nachpruefung": R(get=False, schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "zwangsmedikation-beenden": R(get=False, schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedikation-detail": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt"),
    "zwangsmedizin:hungerstreik_neu": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", schreiben="SB:alle AL:anstalt MED:zugeteilt", sicht="AP:anstalt", sonst="REV BTM:403"),
    "zwangsmedizin:hungerstreik_detail[ohne_aktion]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", post="*:404"),
    "zwangsmedizin:hungerstreik_detail[gespraech]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="MED:zugeteilt", sicht="AL:anstalt", sonst="SB REV:403"),
    "zwangsmedizin:hungerstreik_detail[zustand]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="MED:zugeteilt", sicht="AL:anstalt", sonst="SB REV:403"),
    "zwangsmedizin:hungerstreik_detail[verfuegen]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "zwangsmedizin:hungerstreik_detail[beenden]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403", grund=HUNGERSTREIK_39),
    "zwangsmedizin:hungerstreik_detail[patientenverfuegung]": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt", schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403"),
    "hungerstreik-detail": R(lesen="SB REV:alle AL:anstalt MED:zugeteilt"),
    "hungerstreik-gespraech": R(get=False, schreiben="MED:zugeteilt", sicht="AL:anstalt", sonst="SB REV:403"),
    "hungerstreik-zustand": R(get=False, schreiben="MED:zugeteilt", sicht="AL:anstalt", sonst="SB REV:403"),
    "hungerstreik-verfuegung": R(get=False, schreiben="SB:alle", sicht="AL:anstalt MED:zugeteilt", sonst="REV:403"),
    "hungerstreik-beenden": R(get=False, schreiben="SB:alle MED:zugeteilt", sicht="AL:anstalt", sonst="REV:403", grund=HUNGERSTREIK_39),
    "hungerstreik-patientenverfuegung": R(get=False, schreiben="SB:alle MED:zugeteilt", ok_post=201, sicht="AL:anstalt", sonst="REV:403"),
    "zwangsmedizin-gespraech-detail": R(lesen="SB:alle MED:zugeteilt"),
    "patientenverfuegung-detail": R(lesen="SB:alle MED:zugeteilt"),
    "zwangsmedizin:patientenverfuegung_download": R(lesen="SB:alle MED:zugeteilt"),
    "zwangsmedizin:patientenverfuegung_widerrufen": R(get=False, schreiben="SB:alle MED:zugeteilt"),

    # --- Health decisions (§ 36) in the shared lifecycle: Sachbearbeitung and the assigned physician only
    "verfuegungen:detail[gesundheit]": R(lesen="SB:alle MED:zugeteilt"),
    "verfuegungen:pdf[gesundheit]": R(lesen="SB:alle MED:zugeteilt"),
    "verfuegungen:vorschau[gesundheit]": R(lesen="SB:alle", sicht="MED:zugeteilt"),
    "verfuegung-detail[gesundheit]": R(lesen="SB:alle MED:zugeteilt", post="*:403"),
    "verfuegung-pdf[gesundheit]": R(lesen="SB:alle MED:zugeteilt", post="*:403"),
    "verfuegungen:aktion[vorlegen|gesundheit]": R(get=False, schreiben="SB:alle", sicht="MED:zugeteilt"),
    "verfuegung-vorlegen[gesundheit]": R(get=False, schreiben="SB:alle", sonst="MED REV PB BTM ADM:403"),
    "verfuegungen:aktion[genehmigen|gesundheit]": R(get=False, schreiben="SB:alle", sicht="MED:zugeteilt"),
    "verfuegung-genehmigen[gesundheit]": R(get=False, schreiben="SB:alle", sonst="MED REV PB BTM ADM:403"),
    "verfuegungen:aktion[eroeffnen|gesundheit]": R(get=False, schreiben="SB:alle", sicht="MED:zugeteilt"),
    "verfuegung-eroeffnen[gesundheit]": R(get=False, schreiben="SB:alle", sonst="MED REV PB BTM ADM:403"),
    "verfuegungen:aktion[beschwerde|gesundheit]": R(get=False, schreiben="SB:alle", sicht="MED:zugeteilt"),
    "verfuegung-beschwerde[gesundheit]": R(get=False, schreiben="SB:alle", sonst="MED REV PB BTM ADM:403"),
    "verfuegungen:aktion[aufheben|gesundheit]": R(get=False, schreiben="SB:alle", sicht="MED:zugeteilt"),
    "verfuegung-aufheben[gesundheit]": R(get=False, schreiben="SB:alle", sonst="MED REV PB BTM ADM:403"),
    "verfuegung-vollzogen[gesundheit]": R(get=False, schreiben="SB:alle", sonst="MED REV PB BTM ADM:403", grund="a § 36 decision is the authority's: Sachbearbeitung records its execution"),

    # --- Costs: board, cost items, statements (a Sozialamt reads the items routed to it, § 47)
    "kosten:start": R(lesen="SB REV:alle"),
    "kosten:position_liste": R(lesen="SB REV:alle"),
    "kosten:abrechnung_liste": R(lesen="SB REV:alle"),
    "kostgeld-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "kostenposition-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "kostenabrechnung-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "kosten:kostgeld_liste": R(lesen="SB REV:alle", schreiben="SB:alle"),
    "kostgeld-detail": R(lesen="SB REV:alle", post="SB:405 *:403"),
    "kosten:abrechnung_neu": R(lesen="SB:alle", schreiben="SB:alle"),
    "kosten:position_detail": R(lesen="SB REV:alle", sonst="*:403"),
    "kosten:position_beleg": R(lesen="SB REV:alle", sonst="*:403"),
    "kosten:position_abschreiben": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "kosten:position_neu": R(lesen="SB:alle", schreiben="SB:alle", sonst="*:403"),
    "kosten:beteiligung_neu": R(lesen="SB:alle", schreiben="SB:alle", sonst="*:403"),
    "kosten:fall": R(lesen="SB REV:alle", sonst="*:403"),
    "kosten:wohnsitz_neu": R(lesen="SB:alle", schreiben="SB:alle", sonst="*:403"),
    "kosten:abrechnung_detail": R(lesen="SB REV:alle", sonst="*:403"),
    "kosten:abrechnung_pdf": R(lesen="SB REV:alle", sonst="*:403"),
    "kosten:abrechnung_csv": R(lesen="SB REV:alle", sonst="*:403"),
    "kostenposition-detail": R(lesen="SB REV:alle PB:sozialdienst", post="SB:405 *:403"),
    "kostenposition-abschreiben": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "kostenabrechnung-detail": R(lesen="SB REV:alle PB:sozialdienst", post="SB:405 *:403"),
    "kostenabrechnung-pdf": R(lesen="SB REV:alle PB:sozialdienst", post="SB:405 *:403"),
    "kostenabrechnung-csv": R(lesen="SB REV:alle PB:sozialdienst", post="SB:405 *:403"),

    # --- Inkasso (§ 2 Abs. 1 lit. d JVG): the desk is Sachbearbeitung, Revision reads; nobody else has the module (403)
    "inkasso:liste": R(lesen="SB REV:alle"),
    "inkasso:neu": R(lesen="SB:alle", schreiben="SB:alle"),
    "inkasso:import": R(lesen="SB:alle", schreiben="SB:alle"),
    "inkasso:klaerung": R(lesen="SB REV:alle", schreiben="SB:alle"),
    "inkasso:bericht": R(lesen="SB REV:alle"),
    "inkasso:bericht_csv": R(lesen="SB REV:alle"),
    "inkasso:detail": R(lesen="SB REV:alle", sonst="*:403"),
    "inkasso:pdf": R(lesen="SB REV:alle", sonst="*:403"),
    "inkasso:betreibung_pdf": R(lesen="SB REV:alle", sonst="*:403"),
    "inkasso:mahnung_pdf": R(lesen="SB REV:alle", sonst="*:403"),
    "inkasso:quittung": R(lesen="SB REV:alle", sonst="*:403"),
    "inkasso:aktion[zahlung]": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "inkasso:einsatz": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "inkasso:widerruf": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "inkassoforderung-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201, grund="a list shows only what the caller may see: empty for roles without Inkasso"),
    "inkassoforderung-detail": R(lesen="SB REV:alle", post="SB:405 *:403"),
    "inkassoforderung-zahlung": R(get=False, schreiben="SB:alle", ok_post=201, sonst="*:403"),
    "inkassoimport-list": R(get=False, schreiben="SB:alle", ok_post=201, sonst="*:403"),

    # --- Data protection: professional secrecy (§ 23), mandates (§ 22), subject access
    "datenschutz:mandate": R(lesen="SB MED REV:alle", post="get"),
    "datenschutz-entbindung-list": R(lesen="+:alle", schreiben="SB:alle AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "datenschutz-kontakt-list": R(lesen="+:alle", schreiben="SB:alle AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "datenschutz-strafanzeige-list": R(lesen="+:alle", schreiben="SB:alle AL AP:anstalt", ok_post=201, ausserhalb="*:400"),
    "datenschutz-mandat-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "datenschutz:person": R(lesen="SB REV:alle AL AP:anstalt", sicht="MED:zugeteilt", post="get", sonst="BTM:403"),
    "datenschutz:entbindung_neu": R(lesen="SB:alle AL AP:anstalt", schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "datenschutz:kontakt_neu": R(lesen="SB:alle AL AP:anstalt", schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "datenschutz:anzeige_neu": R(lesen="SB:alle AL AP:anstalt", schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "datenschutz:mandat_neu": R(lesen="SB:alle", schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "datenschutz:auskunft": R(lesen="SB:alle", post="get", sonst="*:403"),
    "datenschutz:auskunft_json": R(lesen="SB:alle", post="get", sonst="*:403"),
    "datenschutz:auskunft_pdf": R(lesen="SB:alle", post="get", sonst="*:403"),
    "datenschutz:entbindung_widerrufen": R(lesen="SB:alle AL AP:anstalt", schreiben="SB:alle AL AP:anstalt", sonst="REV:403", grund=WIDERRUF_23),
    "datenschutz:entbindung_dokument": R(lesen="SB REV:alle AL AP:anstalt", post="get"),
    "datenschutz:mandat_beenden": R(lesen="SB:alle", schreiben="SB:alle", sicht="MED:zugeteilt", sonst="REV:403"),
    "datenschutz-entbindung-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "datenschutz-entbindung-widerrufen": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="*:403", grund=WIDERRUF_23),
    "datenschutz-kontakt-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "datenschutz-strafanzeige-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "datenschutz-mandat-detail": R(lesen="SB REV:alle MED:zugeteilt", post="*:403"),
    "datenschutz-mandat-beenden": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "datenschutz-auskunft-detail": R(lesen="SB:alle", post="SB:405 *:403", sonst="*:403"),

    # --- Agencies (§ 21): administration, disclosure log, webhooks, the agency's own API
    "behoerden:liste": R(lesen="ADM:alle", post="ADM:405 *:403"),
    "behoerden:neu": R(get="ADM:405 *:403", schreiben="ADM:alle", ok_post=200),
    "behoerden:zugang": R(get="ADM:405 *:403", schreiben="ADM:alle", ok_post=200, sonst="*:403"),
    "behoerden:aktiv": R(get="ADM:405 *:403", schreiben="ADM:alle", sonst="*:403"),
    "behoerden:bekanntgaben": R(lesen="REV:alle", post="REV:405 *:403"),
    "behoerden:bekanntgaben_csv": R(lesen="REV:alle", post="REV:405 *:403"),
    "benachrichtigungen:liste": R(lesen="ADM:alle", post="get"),
    "benachrichtigungen:neu": R(lesen="ADM:alle", schreiben="ADM:alle", ok_post=200),
    "benachrichtigungen:detail": R(lesen="ADM:alle", post="get", sonst="*:403"),
    "benachrichtigungen:aktion[geheimnis]": R(get=False, schreiben="ADM:alle", ok_post=200, sonst="*:403"),
    "benachrichtigungen:aktion[deaktivieren]": R(get=False, schreiben="ADM:alle", sonst="*:403"),
    "benachrichtigungen:aktion[aktivieren]": R(get=False, schreiben="ADM:alle", sonst="*:403"),
    "benachrichtigungen:erneut": R(get=False, schreiben="ADM:alle", sonst="*:403"),
    "benachrichtigungen-abonnement-list": R(lesen="+:alle", schreiben="ADM:alle", ok_post=201),
    "benachrichtigungen-abonnement-detail[aendern]": R(lesen="ADM:alle", schreiben="ADM:alle"),
    "benachrichtigungen-abonnement-geheimnis": R(get=False, schreiben="ADM:alle"),
    "benachrichtigungen-abonnement-zustellungen": R(lesen="ADM:alle"),
    "auskunft-person-list": R(lesen="OAUTH:alle", post="ANON OAUTH:415 *:415", sonst="*:401", grund=AGENTUR_21),
    "auskunft-person-detail": R(lesen="OAUTH:entscheide", post="ANON OAUTH:415 *:415", sonst="*:401", grund=AGENTUR_21),
    "urteilszustellung-list": R(get="OAUTH:405 *:401", schreiben="OAUTH:alle", ok_post=201, sonst="*:401", grund="§ 12: a criminal authority delivers its judgments through its client (purpose urteilszustellung)"),

    # --- Kernel: start, sign-in, deadlines, change and read logs, API root and schema, OAuth2
    "start": R(lesen="+:alle", post="get"),
    "login": R(lesen="*:alle", schreiben="*:alle", grund="the sign-in page; a valid sign-in starts a session"),
    "zweiter_faktor": R(get="*:302", post="*:302", grund="issue 18: without an open second factor the page sends on (302); anonymous to the sign-in"),
    "zweiter_faktor_einrichten": R(lesen="+:alle", post="ANON OAUTH:302 *:200", grund="issue 18: enrolment of one's own second factor; a wrong code shows the form again"),
    "konto": R(lesen="+:alle", post="ANON OAUTH:302 *:200", grund="issue 18: one's own password change; an invalid form shows again"),
    "passkey_optionen": R(get=False, schreiben="+:alle", ok_post=200, schreibt=False, grund="issue 18 item 1: options for one's own new passkey (a challenge in one's session)"),
    "passkey_registrieren": R(get=False, post="*:400", grund="issue 18 item 1: one's own passkey; without a valid WebAuthn answer 400 with a German message"),
    "passkey_entfernen": R(get=False, schreiben="+:eigene", grund="issue 18 item 1: one's own passkey; another's does not exist for the caller (404)"),
    "passkey_anmeldung_optionen": R(get=False, post="*:404", grund="issue 18 item 1: only for a person with a passkey (the matrix personas have none: 404)"),
    "passkey_anmeldung": R(get=False, post="*:404", grund="issue 18 item 1: the second factor by passkey, only for a person with one (404 otherwise)"),
    "wiederherstellungscodes_neu": R(get=False, post="*:403", grund="issue 18 item 1: one's own recovery codes, only with a second factor set up (the matrix personas have none: 403); shown once"),
    "api_token_neu": R(get=False, schreiben="SB AL AP MED REV PB BTM:alle", ok_post=200, sonst="ADM:403", grund="issue 18 item 7: one's own API token, its secret shown once on the answer; admin gets none (R-0-ROLE-1)"),
    "api_token_widerrufen": R(get=False, schreiben="ADM:alle SB:eigene", grund="issue 18 item 7: the owner revokes their token, admin anybody's; for everybody else it does not exist (404)"),
    "ueberall_abmelden": R(get="ANON OAUTH:302 *:405", schreiben="+:alle", grund="issue 18: ends every session of the caller (marks the account, logs the event)"),
    "logout": R(get="ANON OAUTH:405 *:405", schreiben="*:alle", schreibt=False, grund="signing out (POST) ends the session only"),
    "fristenkontrolle:uebersicht": R(lesen="+:alle"),
    "fristenkontrolle:ical": R(lesen="+:alle"),
    "protokoll:aenderungen": R(lesen="REV:alle"),
    "protokoll:aenderungen_csv": R(lesen="REV:alle"),
    "protokoll:lesezugriffe": R(lesen="REV:alle"),
    "protokoll:lesezugriffe_csv": R(lesen="REV:alle"),
    "protokoll:sicherheit": R(lesen="REV:alle", grund="issue 18 item 4: the security log, for Revision only"),
    "api-root": R(lesen="+:alle"),
    "schema": R(lesen="+:alle"),
    "api-docs": R(lesen="+:alle"),
    "oauth2_provider:token": R(get="ANON OAUTH:405 *:405", schreiben="*:alle", ok_post=200, grund="client credentials of the agency (§ 21); the session plays no part"),
    "oauth2_provider:revoke-token": R(get="ANON OAUTH:405 *:405", schreiben="*:alle", ok_post=200, grund="the agency revokes its own token"),

    # --- Vollzugsöffnungen (Art. 75a, 77a, 84 StGB; § 43 Abs. 3), § 16 forms, Bewährungshilfe § 19, Begnadigung § 51
    "vollzugsgestaltung:start": R(lesen="+:alle", post="get"),
    "vollzugsgestaltung:oeffnung_neu": R(lesen="SB:alle AL AP:anstalt", schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403", grund="the facility requests an opening for a person placed with it; the authority may record it on its behalf"),
    "vollzugsgestaltung:oeffnung_detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzugsgestaltung:oeffnung_aktion[fachkommission]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:oeffnung_aktion[entscheiden]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:oeffnung_aktion[antritt]": R(get=False, schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:oeffnung_aktion[rueckkehr]": R(get=False, schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:oeffnung_aktion[nichtrueckkehr]": R(get=False, schreiben="SB:alle AL AP:anstalt", sicht="MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:oeffnung_aktion[staatsanwaltschaft]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:form_neu": R(lesen="SB:alle", schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:form_detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="get"),
    "vollzugsgestaltung:form_aktion[befehl]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:form_aktion[ablehnen]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:form_aktion[stunden]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:form_aktion[umwandeln]": R(get=False, schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:akte_neu": R(lesen="SB:alle", schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:akte_detail": R(lesen="SB REV:alle", post="get", grund="§ 19: the probation file is the authority's (Bewährungsdienst); the facility has no part in it after release"),
    "vollzugsgestaltung:akte_aktion[weisung]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsgestaltung:akte_aktion[eintrag]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsgestaltung:akte_aktion[kontrolle]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsgestaltung:akte_aktion[abschliessen]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsgestaltung:meldung_aktion[senden]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsgestaltung:meldung_aktion[antwort]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsgestaltung:gnade_neu": R(lesen="SB:alle", schreiben="SB:alle", sicht="AL AP:anstalt MED:zugeteilt", sonst="REV BTM:403"),
    "vollzugsgestaltung:gnade_detail": R(lesen="SB REV:alle", post="get"),
    "vollzugsgestaltung:gnade_aktion[weiterleiten]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsgestaltung:gnade_aktion[entscheid]": R(get=False, schreiben="SB:alle", sicht="REV:alle"),
    "vollzugsoeffnung-list": R(lesen="+:alle", schreiben="SB:alle AL AP:anstalt", ok_post=201, ausserhalb="*:400", grund=FALL_IN_NUTZLAST),
    "vollzugsoeffnung-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "vollzugsoeffnung-fachkommission": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "vollzugsoeffnung-entscheiden": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "vollzugsoeffnung-antritt": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="*:403"),
    "vollzugsoeffnung-rueckkehr": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="*:403"),
    "vollzugsoeffnung-nichtrueckkehr": R(get=False, schreiben="SB:alle AL AP:anstalt", sonst="*:403"),
    "vollzugsoeffnung-staatsanwaltschaft": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "vollzugsform-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "vollzugsform-detail": R(lesen="SB REV BTM:alle AL AP:anstalt MED:zugeteilt", post="*:403"),
    "vollzugsform-befehl": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "vollzugsform-ablehnen": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "vollzugsform-stunden": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "vollzugsform-umwandeln": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "bewaehrungsakte-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "bewaehrungsakte-detail": R(lesen="SB REV:alle", post="*:403"),
    "bewaehrungsakte-weisung": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "bewaehrungsakte-eintrag": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "bewaehrungsakte-kontrolle": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "bewaehrungsakte-meldung-senden": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "bewaehrungsakte-gerichtsantwort": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "bewaehrungsakte-abschliessen": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "begnadigungsgesuch-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "begnadigungsgesuch-detail": R(lesen="SB REV:alle", post="*:403"),
    "begnadigungsgesuch-weiterleiten": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "begnadigungsgesuch-entscheid": R(get=False, schreiben="SB:alle", sonst="*:403"),
    # --- Operations (betrieb): probes for Docker, the proxy and the monitoring; no session, nothing of a case
    "betrieb:lebt": R(lesen="*:alle", post="ANON OAUTH:405 *:405", grund="liveness probe: answers without login, shows only 'ok'"),
    "betrieb:bereit": R(lesen="*:alle", post="ANON OAUTH:405 *:405", grund="readiness probe without login: names failed checks only, nothing of a case"),
    "betrieb:metriken": R(get="ANON OAUTH:404 *:404", post="ANON OAUTH:405 *:405", grund="Prometheus: only with the bearer token JVG_METRIKEN_TOKEN, unset in tests (404 for everyone)"),

    # --- Django admin: the administrators only; everybody else is sent to the admin's sign-in
    "admin:index": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:login": R(lesen="ANON OAUTH SB AL AP MED REV PB BTM:alle", post="ANON OAUTH:200 *:200", sonst="ADM:302"),
    "admin:logout": R(get="ADM:405 *:302", schreiben="*:alle", schreibt=False, grund="the admin's sign-out (POST) ends the session only"),
    "admin:password_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:password_change_done": R(lesen="ADM:alle", post="ADM:405 *:302", sonst="*:302"),
    "admin:autocomplete": R(lesen="ADM:alle", post="ADM:405 *:302", sonst="*:302"),
    "admin:jsi18n": R(lesen="ADM:alle", post="ADM:405 *:302", sonst="*:302"),
    "admin:view_on_site": R(post="get", sonst="ADM:404 *:302", grund="no model of the admin has a page of its own"),
    "admin:app_list[auth]": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:app_list[jvg_case]": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:app_list[vollzug]": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:app_list[oauth2_provider]": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:auth_group_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:auth_group_add": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:auth_group_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:auth_group_delete": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:auth_group_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/auth/group/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:jvg_case_benutzer_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:jvg_case_benutzer_add": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:jvg_case_benutzer_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:jvg_case_benutzer_delete": R(post=True, sonst="ADM:403 *:302", grund=NIE_LOESCHEN),
    "admin:jvg_case_benutzer_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/jvg_case/benutzer/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:vollzug_anstalt_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:vollzug_anstalt_add": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:vollzug_anstalt_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:vollzug_anstalt_delete": R(post=True, sonst="ADM:403 *:302", grund=NIE_LOESCHEN),
    "admin:vollzug_anstalt_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/vollzug/anstalt/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:app_list[verfuegungen]": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:verfuegungen_stellvertretung_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:verfuegungen_stellvertretung_add": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:verfuegungen_stellvertretung_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:verfuegungen_stellvertretung_delete": R(post=True, sonst="ADM:403 *:302", grund="issue 17: a Stellvertretung is ended by its last day, never deleted: its history shows who could approve when (403)"),
    "admin:verfuegungen_stellvertretung_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/verfuegungen/stellvertretung/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:oauth2_provider_application_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_application_add": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:oauth2_provider_application_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_application_delete": R(lesen="ADM:alle", post=True, sonst="ADM:403 *:302", grund="an agency's application with issued tokens is not deleted: the page says why, the POST is refused; an agency is deactivated instead (behoerden:aktiv)"),
    "admin:oauth2_provider_application_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/oauth2_provider/application/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:oauth2_provider_accesstoken_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_accesstoken_add": R(post=True, sonst="ADM:403 *:302", grund=DOT_TOKEN),
    "admin:oauth2_provider_accesstoken_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_accesstoken_delete": R(post=True, sonst="ADM:403 *:302", grund=DOT_TOKEN),
    "admin:oauth2_provider_accesstoken_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/oauth2_provider/accesstoken/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:oauth2_provider_grant_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_grant_add": R(post=True, sonst="ADM:403 *:302", grund=DOT_TOKEN),
    "admin:oauth2_provider_grant_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_grant_delete": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:oauth2_provider_grant_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/oauth2_provider/grant/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:oauth2_provider_idtoken_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_idtoken_add": R(post=True, sonst="ADM:403 *:302", grund=DOT_TOKEN),
    "admin:oauth2_provider_idtoken_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_idtoken_delete": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:oauth2_provider_idtoken_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin/oauth2_provider/idtoken/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:oauth2_provider_refreshtoken_changelist": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_refreshtoken_add": R(post=True, sonst="ADM:403 *:302", grund=DOT_TOKEN),
    "admin:oauth2_provider_refreshtoken_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:oauth2_provider_refreshtoken_delete": R(post=True, sonst="ADM:403 *:302", grund=DOT_TOKEN),
    "admin:oauth2_provider_refreshtoken_change": R(lesen="ADM:alle", post=True, sonst="ADM:200 *:302", grund="the refresh token's form is shown but a save changes nothing: it answers with the form (200)"),
    "admin/oauth2_provider/refreshtoken/<path:object_id>/": R(post="get", sonst="*:302"),
    "admin:auth_user_password_change": R(lesen="ADM:alle", schreiben="ADM:alle", sonst="*:302"),
    "admin:jvg_case_benutzer_simple_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:vollzug_anstalt_simple_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin:verfuegungen_stellvertretung_simple_history": R(lesen="ADM:alle", post="get", sonst="*:302"),
    "admin/(?P<url>.*)$": R(post="get", sonst="ADM:404 *:302"),

    # --- Vollzugsdaten (issue 21): Strafzeitberechnung, bedingte Entlassung Art. 86–87, Massnahmen Art. 59–64b StGB
    "vollzugsdaten:fall": R(lesen="SB REV:alle AL AP:anstalt"),
    "vollzugsdaten:angaben": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:massnahme_neu": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:massnahme_pruefung": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:antrag_neu": R(lesen="SB:alle", schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:antwort": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:antrag_pdf": R(lesen="SB REV:alle", sicht="AL AP:anstalt", get=True),
    "vollzugsdaten:pruefung": R(lesen="SB REV:alle AL AP:anstalt"),
    "vollzugsdaten:bericht_anfordern": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:bericht": R(
        get=False, schreiben="SB:alle AL:anstalt", sicht="REV:alle AP:anstalt",
        grund="Art. 86 Abs. 2 StGB: the report is the facility management's (or recorded by the authority)",
    ),
    "vollzugsdaten:anhoerung": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:entscheid": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "vollzugsdaten:entlassen": R(get=False, schreiben="SB:alle", sicht="REV:alle AL AP:anstalt"),
    "strafzeit-list": R(lesen="+:alle", post="*:403"),
    "strafzeit-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "strafzeit-angaben": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "entlassungspruefung-list": R(lesen="+:alle", post="*:403"),
    "entlassungspruefung-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "entlassungspruefung-bericht-anfordern": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "entlassungspruefung-bericht": R(get=False, schreiben="SB:alle AL:anstalt", sonst="*:403"),
    "entlassungspruefung-anhoerung": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "entlassungspruefung-entscheid": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "entlassungspruefung-entlassen": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "massnahme-list": R(lesen="+:alle", schreiben="SB:alle", ok_post=201),
    "massnahme-detail": R(lesen="SB REV:alle AL AP:anstalt", post="*:403"),
    "massnahme-pruefung": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "massnahme-antrag": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "massnahme-antwort": R(get=False, schreiben="SB:alle", sonst="*:403"),
    "massnahme-antrag-pdf": R(lesen="SB REV:alle", sicht="AL AP:anstalt", post="*:403"),
}
# fmt: on
