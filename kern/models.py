"""Shared models: the user with its role, and tasks (Aufgaben) that rules create for people."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kern import erweiterungen
from kern.rollen import ANSTALTSROLLEN, Rolle
from kern.verschluesselung import VerschluesseltesTextfeld


class Benutzer(AbstractUser):
    """A person or system actor. Never deleted, only deactivated (history keeps the actor)."""

    rolle = models.CharField("Rolle", max_length=32, choices=Rolle.choices)
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        verbose_name="Vollzugseinrichtung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benutzer",
        help_text="Nur für Anstaltsleitung und Anstaltspersonal: die eine Einrichtung, für die sie handeln.",
    )
    # Issue 18: second factor (TOTP, RFC 6238). The secret and the last used time step stay out of the
    # history (no copy of a secret in an append-only table); enrolment and reset are security events.
    # Stored Fernet-encrypted (kern.verschluesselung, key JVG_FELD_SCHLUESSEL), never in plain text.
    totp_geheimnis = VerschluesseltesTextfeld("TOTP-Geheimnis", max_length=255, blank=True, editable=False)
    totp_bestaetigt_am = models.DateTimeField(
        "Zweiter Faktor eingerichtet am", null=True, blank=True, editable=False
    )
    totp_letzter_schritt = models.BigIntegerField(default=0, editable=False)
    # At least one passkey (kern.passkeys keeps it in step): read on every request without a query.
    hat_passkey = models.BooleanField("Passkey eingerichtet", default=False, editable=False)
    # Issue 18 item 8: "log out everywhere" ends every session begun before this moment.
    sitzungen_ungueltig_ab = models.DateTimeField(null=True, blank=True, editable=False)
    # Issue 18 item 4: a role with case data, granted or changed by an admin, waits for a second admin.
    freigabe_ausstehend = models.BooleanField("Rollenfreigabe ausstehend", default=False, editable=False)
    freigabe_beantragt_durch = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    history = HistoricalRecords(
        excluded_fields=[
            "password",
            "last_login",
            "totp_geheimnis",
            "totp_bestaetigt_am",
            "totp_letzter_schritt",
            "hat_passkey",
            "sitzungen_ungueltig_ab",
        ]
    )

    class Meta:
        verbose_name = "Benutzer/in"
        verbose_name_plural = "Benutzer/innen"
        constraints = [
            models.CheckConstraint(
                name="benutzer_rolle_gueltig",
                condition=Q(rolle__in=Rolle.values),
            ),
            # R-0-ROLE-1: facility roles act for exactly one facility, the others for none.
            models.CheckConstraint(
                name="benutzer_anstalt_nur_fuer_anstaltsrollen",
                condition=(
                    Q(rolle__in=sorted(ANSTALTSROLLEN), anstalt__isnull=False)
                    | (~Q(rolle__in=sorted(ANSTALTSROLLEN)) & Q(anstalt__isnull=True))
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        # A login only stamps last_login, which history excludes: no empty, actor-less history row for it.
        if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login"}:
            self.skip_history_when_saving = True
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        return super().save(*args, **kwargs)

    def __str__(self):
        name = self.get_full_name() or self.username
        return f"{name} ({self.get_rolle_display()})"


class Aufgabe(models.Model):
    """A task a rule creates for a role (e.g. §17.3: inform the authority of an urgent transfer)."""

    # The kinds are registered by the modules that raise them (kern.erweiterungen.aufgabenarten in their
    # contributions.py), so a new kind needs no kernel migration; `save()` refuses an unregistered one.
    art = models.CharField(max_length=40)
    titel = models.CharField(max_length=200)
    beschreibung = models.TextField(blank=True)
    fuer_rolle = models.CharField(max_length=32, choices=Rolle.choices)
    anstalt = models.ForeignKey("vollzug.Anstalt", null=True, blank=True, on_delete=models.PROTECT)
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", null=True, blank=True, on_delete=models.PROTECT, related_name="aufgaben"
    )
    faellig_am = models.DateTimeField()
    erstellt_am = models.DateTimeField(auto_now_add=True)
    erledigt_am = models.DateTimeField(null=True, blank=True)
    erledigt_durch = models.ForeignKey(
        Benutzer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Aufgabe"
        verbose_name_plural = "Aufgaben"
        ordering = ["faellig_am", "pk"]
        constraints = [
            # R-13-1: the job that raises this task runs hourly; one open task per case keeps it idempotent.
            models.UniqueConstraint(
                name="aufgabe_vollzugsbeginn_einmal_offen",
                fields=["fall", "art"],
                condition=Q(erledigt_am__isnull=True, art="vollzugsbeginn"),
            ),
        ]
        indexes = [models.Index(fields=["erledigt_am", "faellig_am"], name="aufgabe_offen_idx")]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        # Replaces the CHECK over one kernel-wide list of kinds (issue 16): the kernel cannot know the
        # kinds of the apps above it. An unregistered kind is a programming error, never user input.
        if self.art not in erweiterungen.AUFGABENARTEN:
            raise ValueError(
                f"Aufgabenart {self.art!r} ist nicht registriert (kern.erweiterungen.aufgabenarten)."
            )
        super().save(*args, **kwargs)

    def get_art_display(self) -> str:
        return erweiterungen.aufgabenart_bezeichnung(self.art)


class Nummernkreis(models.Model):
    """Gap-free, race-safe running numbers (Fallnummer, Personennummer): one row per series, locked on use."""

    name = models.CharField(max_length=40, primary_key=True)
    letzter_wert = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Nummernkreis"
        verbose_name_plural = "Nummernkreise"

    def __str__(self):
        return f"{self.name}: {self.letzter_wert}"


# --- The read-access log (R-0-AUDIT-2) ---------------------------------------------------------
# The change log (R-0-AUDIT-1) is simple-history's tables. Every layer writes read-log rows through
# `kern.lesezugriffe`; the auditors read them in the app `protokoll`.
# Append-only by design: the application inserts rows and never changes or deletes them (Art. 4 DSV
# benchmark). `save()` refuses updates, `delete()` and the queryset's `update()`/`delete()` refuse, the
# model is not in the admin, and on PostgreSQL a trigger (kern.nur_anfuegen) refuses UPDATE and DELETE.


class Aktion(models.TextChoices):
    ANSICHT = "ansicht", "Ansicht (Akte geöffnet)"
    DOKUMENT = "dokument", "Dokument heruntergeladen"
    API_LESEN = "api_lesen", "API: Datensatz gelesen"
    API_LISTE = "api_liste", "API: Liste gelesen"
    EXPORT = "export", "Export"
    LISTE = "liste", "Liste/Suche angezeigt"


class Kanal(models.TextChoices):
    UI = "ui", "Browser"
    API = "api", "REST-API"


class NurAnfuegen(Exception):
    """Raised on any attempt to change or delete a log row through the application."""


class _LesezugriffQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht geändert werden (R-0-AUDIT-2).")

    def delete(self):
        raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht gelöscht werden (R-0-AUDIT-2).")


class Lesezugriff(models.Model):
    """One read of a person's file: who (and in which role), what, when, why, through which channel."""

    # Set by the service in Python (time-machine in tests, no database clock).
    zeitpunkt = models.DateTimeField("Zeitpunkt")
    # Issue 19: no foreign-key constraint in the database and no single-column index (the composite
    # indexes below lead with the column). Every listed row is one log row, and each constraint check at
    # COMMIT took a FOR KEY SHARE lock on the referenced person: a WAL record and a dirtied heap page per
    # row READ, a third of the read log's cost. The ids come from rows read in the same statement;
    # PROTECT is still enforced by Django when a person or user is deleted.
    benutzer = models.ForeignKey(
        Benutzer,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Benutzer/in",
        db_constraint=False,
        db_index=False,
    )
    # Copied: the role at the time of the read, even if the user's role changes later.
    rolle = models.CharField("Rolle", max_length=32, choices=Rolle.choices)
    person = models.ForeignKey(
        "vollzug.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Person",
        db_constraint=False,
        db_index=False,
    )
    objekt_typ = models.CharField("Objekttyp", max_length=100)
    objekt_id = models.PositiveBigIntegerField("Objekt-ID", null=True, blank=True)
    aktion = models.CharField("Aktion", max_length=20, choices=Aktion.choices)
    kanal = models.CharField("Kanal", max_length=5, choices=Kanal.choices)
    zweck = models.TextField(
        "Zweck", blank=True, help_text="API: Header X-Zweck (gesetzlicher Zweck der Abfrage)."
    )
    abfrage = models.TextField("Abfrage", blank=True, help_text="Filter einer Listen- oder Exportabfrage.")
    ip = models.GenericIPAddressField("IP-Adresse", null=True, blank=True)

    objects = _LesezugriffQuerySet.as_manager()

    class Meta:
        verbose_name = "Lesezugriff"
        verbose_name_plural = "Lesezugriffe"
        # Moved from the app `protokoll` (issue 16): the table keeps its name, the data stays in place.
        db_table = "protokoll_lesezugriff"
        ordering = ["-zeitpunkt", "-pk"]
        # Nothing to add, change or delete through Django's permission system: rows come from the service.
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(name="lesezugriff_aktion_gueltig", condition=Q(aktion__in=Aktion.values)),
            models.CheckConstraint(name="lesezugriff_kanal_gueltig", condition=Q(kanal__in=Kanal.values)),
        ]
        # The auditor's filters (person, user, date range) always sort by time, newest first.
        indexes = [
            models.Index(fields=["person", "-zeitpunkt"], name="lesezugriff_person_idx"),
            models.Index(fields=["benutzer", "-zeitpunkt"], name="lesezugriff_benutzer_idx"),
            models.Index(fields=["-zeitpunkt"], name="lesezugriff_zeit_idx"),
            models.Index(fields=["objekt_typ", "-zeitpunkt"], name="lesezugriff_typ_idx"),
        ]

    def __str__(self):
        zeit = timezone.localtime(self.zeitpunkt)
        return f"{zeit:%d.%m.%Y %H:%M} {self.get_aktion_display()} {self.objekt_typ} {self.objekt_id or ''}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht geändert werden (R-0-AUDIT-2).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht gelöscht werden (R-0-AUDIT-2).")


class Joblaufstatus(models.TextChoices):
    LAEUFT = "laeuft", "läuft"
    ERFOLGREICH = "erfolgreich", "erfolgreich"
    FEHLGESCHLAGEN = "fehlgeschlagen", "fehlgeschlagen"
    ABGEBROCHEN = "abgebrochen", "abgebrochen (Zeitbudget, Fortsetzung eingeplant)"


class Joblauf(models.Model):
    """One run of a batch job (kern.jobs): an operational record, not case data (no history).

    A run whose worker died stays "läuft" until `kern.jobs.verwaiste_laeufe_schliessen` closes it as
    failed (next run start, next worker start); the job's message is redelivered (acks_late).
    """

    Status = Joblaufstatus

    job = models.CharField("Job", max_length=100)
    gestartet_am = models.DateTimeField("gestartet am")
    beendet_am = models.DateTimeField("beendet am", null=True, blank=True)
    status = models.CharField(
        "Status", max_length=20, choices=Joblaufstatus.choices, default=Joblaufstatus.LAEUFT
    )
    verarbeitet = models.PositiveIntegerField("verarbeitete Zeilen", default=0)
    host = models.CharField("Worker-Host", max_length=100)
    pid = models.PositiveIntegerField("Worker-PID")
    meldung = models.TextField("Meldung", blank=True)

    class Meta:
        verbose_name = "Joblauf"
        verbose_name_plural = "Jobläufe"
        ordering = ["-gestartet_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="joblauf_status_gueltig", condition=Q(status__in=Joblaufstatus.values)
            ),
            # A closed run has its end; a running one has none.
            models.CheckConstraint(
                name="joblauf_ende_nur_abgeschlossen",
                condition=Q(status="laeuft", beendet_am__isnull=True)
                | (~Q(status="laeuft") & Q(beendet_am__isnull=False)),
            ),
        ]
        # The orphan check at every run start reads the running records only.
        indexes = [models.Index(fields=["status"], name="joblauf_status_idx", condition=Q(status="laeuft"))]

    def __str__(self):
        return (
            f"{self.job} {timezone.localtime(self.gestartet_am):%d.%m.%Y %H:%M} ({self.get_status_display()})"
        )


class Kettenglied(models.Model):
    """One sealed row of an append-only log or history table (issue 18, ASVS V16.4.2): a hash chain per
    table, keyed with a server secret (HMAC) the database does not hold, so a rewrite done as the table
    owner, or the deletion of a row or of a link, is found by `manage.py audit_pruefen` (kern/audit_kette.py)."""

    tabelle = models.CharField("Tabelle", max_length=63)
    zeile_pk = models.BigIntegerField("Zeile")
    inhalt = models.CharField("Inhaltshash", max_length=64)
    vorgaenger = models.CharField("Hash des Vorgängers", max_length=64)
    hash = models.CharField("Hash", max_length=64)
    versiegelt_am = models.DateTimeField("Versiegelt am")

    class Meta:
        verbose_name = "Kettenglied"
        verbose_name_plural = "Kettenglieder"
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["tabelle", "zeile_pk"], name="kettenglied_zeile_eindeutig")
        ]
        indexes = [models.Index(fields=["tabelle", "id"], name="kettenglied_tabelle_idx")]

    def __str__(self):
        return f"{self.tabelle} {self.zeile_pk}"


class Vernichtung(models.Model):
    """A content-free record that a row of a protected table was destroyed by a legal deletion (§ 27,
    §§ 29–30, the Bedrohungsmanagement retention): the chain check accepts the missing row because of it.
    Also written when only a part of a row's content was destroyed by an owner-only migration (issue 23:
    `ueberwachung/migrations/0004`): the check then accepts the row's changed content."""

    tabelle = models.CharField("Tabelle", max_length=63)
    zeile_pk = models.BigIntegerField("Zeile")
    grund = models.CharField("Rechtsgrundlage", max_length=200)
    zeitpunkt = models.DateTimeField("Zeitpunkt")

    class Meta:
        verbose_name = "Vernichtung einer Protokollzeile"
        verbose_name_plural = "Vernichtungen von Protokollzeilen"
        default_permissions = ("view",)
        indexes = [models.Index(fields=["tabelle", "zeile_pk"], name="vernichtung_zeile_idx")]

    def __str__(self):
        return f"{self.tabelle} {self.zeile_pk}"


class Sicherheitsart(models.TextChoices):
    ANMELDUNG = "anmeldung", "Anmeldung"
    FEHLVERSUCH = "fehlversuch", "Anmeldung fehlgeschlagen"
    GESPERRT = "gesperrt", "Anmeldung gesperrt"
    ENTSPERRT = "entsperrt", "Sperre aufgehoben"
    ABMELDUNG = "abmeldung", "Abmeldung"
    MFA_ERFOLG = "mfa_erfolg", "Zweiter Faktor bestätigt"
    MFA_FEHLVERSUCH = "mfa_fehlversuch", "Zweiter Faktor falsch"
    MFA_EINGERICHTET = "mfa_eingerichtet", "Zweiter Faktor eingerichtet"
    MFA_ZURUECKGESETZT = "mfa_zurueckgesetzt", "Zweiter Faktor zurückgesetzt"
    ROLLE_GEAENDERT = "rolle_geaendert", "Rolle geändert"
    ANFRAGE_ABGEWIESEN = "anfrage_abgewiesen", "Behördenanfrage abgewiesen"
    TOKEN_AUSGESTELLT = "token_ausgestellt", "API-Token ausgestellt"
    TOKEN_WIDERRUFEN = "token_widerrufen", "API-Token widerrufen"
    MFA_RESET_BEANTRAGT = "mfa_reset_beantragt", "Zurücksetzen des zweiten Faktors beantragt"
    CODES_ERSTELLT = "mfa_codes_erstellt", "Wiederherstellungscodes erstellt"
    CODE_BENUTZT = "mfa_code_benutzt", "Wiederherstellungscode benutzt"
    PASSKEY_EINGERICHTET = "passkey_eingerichtet", "Passkey eingerichtet"


class Sicherheitsereignis(models.Model):
    """The security log (issue 18 item 2; ASVS V16.3.1): every sign-in, failure, lockout, sign-out and
    second-factor event. Append-only (trigger, app role SELECT/INSERT, hash chain); Revision reads it."""

    zeitpunkt = models.DateTimeField("Zeitpunkt")
    art = models.CharField("Ereignis", max_length=20, choices=Sicherheitsart.choices)
    # As typed at sign-in (lower case, truncated): failures for unknown names are logged too.
    benutzername = models.CharField("Benutzername", max_length=150, blank=True)
    benutzer = models.ForeignKey(
        Benutzer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Benutzer/in",
    )
    ip = models.GenericIPAddressField("IP-Adresse", null=True, blank=True)
    durch = models.ForeignKey(
        Benutzer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Ausgelöst durch",
    )
    bemerkung = models.CharField("Bemerkung", max_length=200, blank=True)

    class Meta:
        verbose_name = "Sicherheitsereignis"
        verbose_name_plural = "Sicherheitsprotokoll"
        ordering = ["-zeitpunkt", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                name="sicherheitsereignis_art_gueltig", condition=Q(art__in=Sicherheitsart.values)
            )
        ]
        indexes = [
            models.Index(fields=["benutzername", "-zeitpunkt"], name="sicherheit_name_idx"),
            models.Index(fields=["ip", "-zeitpunkt"], name="sicherheit_ip_idx"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.zeitpunkt):%d.%m.%Y %H:%M} {self.get_art_display()} {self.benutzername}"


class ApiToken(models.Model):
    """A staff API token (issue 18 item 7; ASVS V14.2): only the SHA-256 of the secret is stored, with a
    short visible prefix to tell tokens apart. It expires (`JVG_API_TOKEN_TAGE`, default 90 days) and is
    revoked by its owner or by admin; issuing and revoking go through `kern.api_tokens`."""

    benutzer = models.ForeignKey(
        Benutzer, on_delete=models.PROTECT, related_name="api_tokens", verbose_name="Benutzer/in"
    )
    praefix = models.CharField("Kennung", max_length=8)
    schluessel_hash = models.CharField("Hash", max_length=64, unique=True)
    bezeichnung = models.CharField("Bezeichnung", max_length=100, blank=True)
    erstellt_am = models.DateTimeField("Ausgestellt am")
    gueltig_bis = models.DateTimeField("Gültig bis")
    zuletzt_benutzt = models.DateTimeField("Zuletzt benutzt", null=True, blank=True)
    widerrufen_am = models.DateTimeField("Widerrufen am", null=True, blank=True)
    widerrufen_durch = models.ForeignKey(
        Benutzer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Widerrufen durch",
    )
    # The last use is bookkeeping written on every API call, not a decision: kept out of the history.
    history = HistoricalRecords(excluded_fields=["zuletzt_benutzt"])

    class Meta:
        verbose_name = "API-Token"
        verbose_name_plural = "API-Tokens"
        ordering = ["-erstellt_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="apitoken_ablauf_nach_ausstellung", condition=Q(gueltig_bis__gt=models.F("erstellt_am"))
            )
        ]

    def __str__(self):
        return f"{self.praefix}… ({self.benutzer.username})"

    def gueltig(self, jetzt=None) -> bool:
        jetzt = jetzt or timezone.now()
        return self.widerrufen_am is None and jetzt <= self.gueltig_bis


class Wiederherstellungscode(models.Model):
    """A single-use recovery code of the second factor (issue 18 item 1): only its HMAC is stored (key
    outside the database, kern.zweiter_faktor); creating a new set deletes the old one; creation and
    every use are security events (the audit of this table)."""

    benutzer = models.ForeignKey(
        Benutzer, on_delete=models.CASCADE, related_name="wiederherstellungscodes", verbose_name="Benutzer/in"
    )
    code_hash = models.CharField("Hash", max_length=64, unique=True)
    erstellt_am = models.DateTimeField("Erstellt am")
    benutzt_am = models.DateTimeField("Benutzt am", null=True, blank=True)

    class Meta:
        verbose_name = "Wiederherstellungscode"
        verbose_name_plural = "Wiederherstellungscodes"
        default_permissions = ()

    def __str__(self):
        return f"Wiederherstellungscode von {self.benutzer_id}"


class MfaRuecksetzung(models.Model):
    """Issue 18 item 1: an admin asks for a reset of a person's second factor (with a reason); a second
    admin, never the one who asked, confirms it. Both steps are security events."""

    benutzer = models.ForeignKey(
        Benutzer, on_delete=models.PROTECT, related_name="+", verbose_name="Benutzer/in"
    )
    grund = models.CharField("Grund", max_length=200)
    beantragt_durch = models.ForeignKey(
        Benutzer, on_delete=models.PROTECT, related_name="+", verbose_name="Beantragt durch"
    )
    beantragt_am = models.DateTimeField("Beantragt am")
    bestaetigt_durch = models.ForeignKey(
        Benutzer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Bestätigt durch",
    )
    bestaetigt_am = models.DateTimeField("Bestätigt am", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Zurücksetzung des zweiten Faktors"
        verbose_name_plural = "Zurücksetzungen des zweiten Faktors"
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                name="mfa_ruecksetzung_vier_augen",
                condition=Q(bestaetigt_durch__isnull=True) | ~Q(bestaetigt_durch=models.F("beantragt_durch")),
            ),
            models.UniqueConstraint(
                fields=["benutzer"],
                condition=Q(bestaetigt_am__isnull=True),
                name="mfa_ruecksetzung_eine_offene",
            ),
        ]

    def __str__(self):
        return f"Zurücksetzung des zweiten Faktors ({self.beantragt_am:%d.%m.%Y})"


class Passkey(models.Model):
    """A WebAuthn credential (passkey or security key) as second factor (issue 18 item 1). Only the
    public key is stored; adding and removing one are security events (the audit of this table)."""

    benutzer = models.ForeignKey(
        Benutzer, on_delete=models.CASCADE, related_name="passkeys", verbose_name="Benutzer/in"
    )
    credential_id = models.CharField("Kennung", max_length=1400, unique=True)  # base64url, ≤ 1023 bytes
    public_key = models.BinaryField("Öffentlicher Schlüssel")
    sign_count = models.BigIntegerField("Signaturzähler", default=0)
    bezeichnung = models.CharField("Bezeichnung", max_length=100, blank=True)
    erstellt_am = models.DateTimeField("Eingerichtet am")
    zuletzt_benutzt = models.DateTimeField("Zuletzt benutzt", null=True, blank=True)

    class Meta:
        verbose_name = "Passkey"
        verbose_name_plural = "Passkeys"
        ordering = ["erstellt_am", "pk"]
        default_permissions = ()

    def __str__(self):
        return self.bezeichnung or "Passkey"


class Kettenpruefung(models.Model):
    """The result of one run of the chain check (kern.audit_kette.pruefen_und_festhalten: the nightly
    beat job and `manage.py audit_pruefen`), shown on the revision pages: "Kette geprüft bis …" or the
    first broken row. An operational record written by the check itself (no history)."""

    zeitpunkt = models.DateTimeField("Geprüft am")
    geprueft = models.BigIntegerField("Geprüfte Zeilen")
    bis = models.DateTimeField("Versiegelt bis", null=True, blank=True)
    intakt = models.BooleanField("Intakt")
    bruch_tabelle = models.CharField("Tabelle", max_length=100, blank=True)
    bruch_zeile = models.BigIntegerField("Zeile", null=True, blank=True)
    bruch_art = models.CharField("Befund", max_length=40, blank=True)
    weitere_brueche = models.PositiveIntegerField("Weitere gebrochene Tabellen", default=0)

    class Meta:
        verbose_name = "Prüfung der Audit-Kette"
        verbose_name_plural = "Prüfungen der Audit-Kette"
        ordering = ["-zeitpunkt", "-pk"]
        default_permissions = ()

    def __str__(self):
        return f"Kettenprüfung {timezone.localtime(self.zeitpunkt):%d.%m.%Y %H:%M}"
