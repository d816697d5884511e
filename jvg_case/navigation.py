"""The main navigation by role (issue 17 item 6): at most seven groups, each with its entries.

What a role sees is not a second list of truths: an entry names a URL of the policy
(`zugriffsregeln.REGELN`) whose readers (or writers) are the roles it is shown to — usually the detail
page of the objects its list shows, so a role that could never open one of them (the partner agency, the
administrator) gets no list that is always empty. Where a page names no object, a data class of `DATEN`
decides (the deadlines of cases: "akte").

Exactly one group is active: the one holding the entry whose address is the longest prefix of the
requested path (`/zwangsmassnahmen/zwang/` is § 33 under "Massnahmen", `/kosten/` the cost board under
"Kosten"); a group may claim further prefixes for pages without an entry of their own (a case's
Vollzugsdaten belong to "Fälle").
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from jvg_case.zugriffsregeln import ADM, AL, AP, BTM, DATEN, MED, PB, REGELN, REV, SB

# kern.rollen.Rolle value → the policy's abbreviation.
KUERZEL = {
    "sachbearbeitung": SB,
    "anstaltsleitung": AL,
    "anstaltspersonal": AP,
    "medizin": MED,
    "revision": REV,
    "partnerbehoerde": PB,
    "bedrohungsmanagement": BTM,
    "admin": ADM,
}

# The roles that work with the REST API: the agency's browser user reads its documentation to connect its
# system, the administrator issues the tokens. Case workers use the browser application.
API_ROLLEN = frozenset({PB, ADM})


@dataclass(frozen=True)
class Eintrag:
    titel: str
    url: str  # URL name of the link
    lesen: str = ""  # policy entry whose readers see the link (default: `url`)
    schreiben: str = ""  # … or whose writers see it
    daten: str = ""  # … or the data class of `DATEN` they must see
    rollen: frozenset = frozenset()  # … or these roles (no policy entry says it)

    def sichtbar(self, kuerzel: str) -> bool:
        if self.rollen:
            return kuerzel in self.rollen
        if self.daten:
            return kuerzel in DATEN[self.daten]
        if self.schreiben:
            return kuerzel in REGELN[self.schreiben].schreiben
        return kuerzel in REGELN[self.lesen or self.url].lesen


@dataclass(frozen=True)
class Gruppe:
    titel: str
    eintraege: tuple[Eintrag, ...]
    weitere: tuple[str, ...] = field(default=())  # path prefixes without an entry of their own


GRUPPEN: tuple[Gruppe, ...] = (
    Gruppe(
        "Fälle",
        (
            Eintrag("Personen", "vollzug:person_list", lesen="vollzug:person_detail"),
            Eintrag("Vollzugsfälle", "vollzug:fall_list", lesen="vollzug:fall_detail"),
            Eintrag(
                "Vollzugsöffnungen und Bewährung",
                "vollzugsgestaltung:start",
                lesen="vollzugsgestaltung:oeffnung_detail",
            ),
            Eintrag("Fachpersonen (§ 22)", "datenschutz:mandate"),
        ),
        weitere=("/vollzug/", "/vollzugsdaten/", "/datenschutz/"),
    ),
    Gruppe(
        "Massnahmen",
        (
            Eintrag("Zwangsmassnahmen (§§ 24–39)", "zwangsmassnahmen:start"),
            Eintrag(
                "Sicherheitsmassnahmen (§ 31)",
                "sicherheitsmassnahmen:liste",
                lesen="sicherheitsmassnahmen:detail",
            ),
            Eintrag("Unmittelbarer Zwang (§ 33)", "zwang:liste", lesen="zwang:detail"),
            Eintrag("Meine Stellungnahmen (§ 33)", "zwang:meine_stellungnahmen", schreiben="zwang:neu"),
            Eintrag(
                "Zwangsmedikation (§§ 34–38)",
                "zwangsmedizin:medikation_liste",
                lesen="zwangsmedizin:medikation_detail[ohne_aktion]",
            ),
            Eintrag(
                "Hungerstreik (§ 39)",
                "zwangsmedizin:hungerstreik_liste",
                lesen="zwangsmedizin:hungerstreik_detail[ohne_aktion]",
            ),
            Eintrag("Überwachung (§§ 27–30)", "ueberwachung:start"),
            Eintrag(
                "Disziplinarrapporte (§ 40)", "disziplinar:rapport_liste", lesen="disziplinar:rapport_detail"
            ),
            Eintrag("Bedrohungsmeldungen", "bedrohung:meldung_liste"),
            Eintrag("Bedrohung melden", "bedrohung:melden", schreiben="bedrohung:melden"),
        ),
        weitere=("/bedrohung/",),
    ),
    Gruppe(
        "Entscheide",
        (
            Eintrag("Verfügungen", "verfuegungen:liste", lesen="verfuegungen:detail[behoerde]"),
            Eintrag("Gesuche § 14", "vollzug:gesuch14_liste", lesen="vollzug:gesuch14_detail"),
            Eintrag(
                "Disziplinarverfahren (§ 41)",
                "disziplinar:verfahren_liste",
                lesen="disziplinar:verfahren_detail",
            ),
        ),
        weitere=("/disziplinar/",),
    ),
    Gruppe("Fristen", (Eintrag("Fristen", "fristenkontrolle:uebersicht", daten="akte"),)),
    Gruppe(
        "Kosten",
        (
            Eintrag("Kostenübersicht", "kosten:start"),
            Eintrag("Kostenpositionen", "kosten:position_liste"),
            Eintrag("Abrechnungen", "kosten:abrechnung_liste"),
            Eintrag("Tagesansätze (§ 46)", "kosten:kostgeld_liste"),
            Eintrag("Inkasso", "inkasso:liste"),
            Eintrag("Zahlungen zur Klärung", "inkasso:klaerung"),
        ),
    ),
    Gruppe(
        "Auswertung",
        (
            Eintrag("Disziplinarstatistik", "disziplinar:statistik"),
            Eintrag("Offene Posten nach Alter", "inkasso:bericht"),
            Eintrag("Änderungsprotokoll", "protokoll:aenderungen"),
            Eintrag("Lesezugriffe", "protokoll:lesezugriffe"),
            Eintrag("Datenbekanntgaben", "behoerden:bekanntgaben"),
            Eintrag("Protokoll Bedrohungsmanagement", "bedrohung:protokoll"),
        ),
        weitere=("/revision/",),
    ),
    Gruppe(
        "Verwaltung",
        (
            Eintrag("Partnerbehörden", "behoerden:liste"),
            Eintrag("Benachrichtigungen", "benachrichtigungen:liste"),
            Eintrag("Benutzer und Anstalten", "admin:index"),
            Eintrag("Merkblatt und Ansprechpersonen", "bedrohung:info", schreiben="bedrohung:merkblatt_neu"),
            Eintrag("API-Dokumentation", "api-docs", rollen=API_ROLLEN),
        ),
        weitere=("/behoerden/", "/benachrichtigungen/"),
    ),
)


@dataclass
class Link:
    titel: str
    href: str
    aktiv: bool = False


@dataclass
class Menue:
    titel: str
    links: list[Link]
    aktiv: bool = False

    @property
    def einzeln(self) -> Link | None:
        """A group with one entry is a plain link (no menu to open)."""
        return self.links[0] if len(self.links) == 1 else None


@lru_cache(maxsize=64)
def _gruppen_fuer(
    kuerzel: str, urlconf: str, _praefix: str
) -> tuple[tuple[str, tuple[tuple[str, str], ...], tuple[str, ...]], ...]:
    """The groups a role sees as (title, ((link title, href), …), further prefixes): the same for every
    request of the role (URL configuration and script prefix are part of the key), so each process
    reverses the ~40 URL names once instead of on every page view (issue 19)."""
    gruppen = []
    for gruppe in GRUPPEN:
        links = []
        for eintrag in gruppe.eintraege:
            if not eintrag.sichtbar(kuerzel):
                continue
            try:
                links.append((eintrag.titel, reverse(eintrag.url, urlconf=urlconf)))
            except NoReverseMatch:  # an app that is not installed
                continue
        if links:
            gruppen.append((gruppe.titel, tuple(links), gruppe.weitere))
    return tuple(gruppen)


def menue_fuer(rolle: str | None, pfad: str) -> list[Menue]:
    """The groups and links this role sees, with the one active group (and link) for `pfad`."""
    kuerzel = KUERZEL.get(rolle or "")
    if kuerzel is None:
        return []
    menues: list[Menue] = []
    praefixe: list[tuple[str, Menue, Link | None]] = []
    for titel, eintraege, weitere in _gruppen_fuer(
        kuerzel, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    ):
        links = [Link(t, href) for t, href in eintraege]
        menue = Menue(titel, links)
        menues.append(menue)
        praefixe += [(link.href, menue, link) for link in links]
        praefixe += [(p, menue, None) for p in weitere]
    treffer = [(len(p), menue, link) for p, menue, link in praefixe if pfad.startswith(p)]
    if treffer:
        _, menue, link = max(treffer, key=lambda t: (t[0], t[2] is not None))
        menue.aktiv = True
        if link is not None:
            link.aktiv = True
    return menues


def navigation(request):
    """Context processor: `navigation` (the groups, computed only when a template uses it), `api_rolle`."""
    user = getattr(request, "user", None)
    rolle = getattr(user, "rolle", None) if user is not None and user.is_authenticated else None
    return {"navigation": SimpleLazyObject(lambda: menue_fuer(rolle, request.path))}
