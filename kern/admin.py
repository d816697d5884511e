"""Django admin for system administration only: users and facilities (R-0-ROLE-1: admin makes no case
decisions and reads no case files, so no case data is registered here).

Issue 18 item 4: an admin cannot give case power alone. Granting or changing a role with case data (or
the facility of one) deactivates the account until a second admin approves it (action "Rolle
freigeben"; never the one who asked); an admin never changes his own role. Every such change, the
approval, an unlock and a second-factor reset are security events.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from rest_framework.authtoken.admin import TokenProxy
from simple_history.admin import SimpleHistoryAdmin

from kern import anmeldung, zweiter_faktor
from kern.models import Benutzer, MfaRuecksetzung, Sicherheitsart
from kern.rollen import Rolle

# Roles that see case data: every role of the sign-in obligation but the admin itself.
FALLROLLEN = anmeldung.MFA_ROLLEN - {Rolle.ADMIN}


@admin.register(Benutzer)
class BenutzerAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "rolle",
        "anstalt",
        "is_active",
        "freigabe_ausstehend",
    )
    list_filter = ("rolle", "anstalt", "is_active", "freigabe_ausstehend")
    fieldsets = (*UserAdmin.fieldsets, ("Rolle", {"fields": ("rolle", "anstalt")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("Rolle", {"fields": ("rolle", "anstalt")}))
    actions = [
        "rolle_freigeben",
        "anmeldesperre_aufheben",
        "zweiten_faktor_zuruecksetzen",
        "zweiten_faktor_ruecksetzung_bestaetigen",
    ]

    def has_delete_permission(self, request, obj=None):
        # PITFALLS: history keeps the actor as a foreign key; deactivate users, never delete them.
        return False

    def get_readonly_fields(self, request, obj=None):
        felder = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            felder += ["rolle", "anstalt", "is_superuser", "groups", "user_permissions"]  # never one's own
        return felder

    def save_model(self, request, obj, form, change):
        rollenaenderung_pruefen(obj, durch=request.user, request=request)
        super().save_model(request, obj, form, change)

    @admin.action(description="Rolle freigeben (zweite Administratorin/zweiter Administrator)")
    def rolle_freigeben(self, request, queryset):
        for user in queryset.filter(freigabe_ausstehend=True):
            if user.freigabe_beantragt_durch_id == request.user.pk:
                self.message_user(
                    request,
                    f"{user.username}: die Freigabe muss eine andere Person erteilen (Vier-Augen-Prinzip).",
                    messages.ERROR,
                )
                continue
            rolle_freigeben(user, durch=request.user, request=request)
            self.message_user(request, f"{user.username}: Rolle freigegeben, Konto aktiv.")

    @admin.action(description="Anmeldesperre aufheben")
    def anmeldesperre_aufheben(self, request, queryset):
        for user in queryset:
            anmeldung.entsperren(benutzername=user.username, durch=request.user)
        self.message_user(request, "Anmeldesperre aufgehoben.")

    @admin.action(description="Zurücksetzen des zweiten Faktors beantragen (mit Grund)")
    def zweiten_faktor_zuruecksetzen(self, request, queryset):
        """Four-eyes step 1: asks for the reason on an intermediate page, then records the request."""
        grund = (request.POST.get("grund") or "").strip()
        if "bestaetigt" not in request.POST or not grund:
            return TemplateResponse(
                request,
                "admin/mfa_ruecksetzung_grund.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Zurücksetzen des zweiten Faktors beantragen",
                    "benutzer": queryset,
                    "fehler": "bestaetigt" in request.POST,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for user in queryset:
            try:
                zweiter_faktor.ruecksetzung_beantragen(user, durch=request.user, grund=grund, request=request)
            except (PermissionDenied, ValidationError) as fehler:
                self.message_user(request, f"{user.username}: {_text(fehler)}", messages.ERROR)
                continue
            self.message_user(
                request,
                f"{user.username}: Zurücksetzen beantragt; eine zweite Administratorin/ein zweiter "
                "Administrator muss es bestätigen.",
            )
        return None

    @admin.action(description="Zurücksetzen des zweiten Faktors bestätigen (zweite Person)")
    def zweiten_faktor_ruecksetzung_bestaetigen(self, request, queryset):
        offen = MfaRuecksetzung.objects.filter(benutzer__in=queryset, bestaetigt_am=None).select_related(
            "benutzer", "beantragt_durch"
        )
        gefunden = False
        for antrag in offen:
            gefunden = True
            try:
                zweiter_faktor.ruecksetzung_bestaetigen(antrag, durch=request.user, request=request)
            except PermissionDenied as fehler:
                self.message_user(request, f"{antrag.benutzer.username}: {_text(fehler)}", messages.ERROR)
                continue
            self.message_user(
                request,
                f"{antrag.benutzer.username}: zweiter Faktor zurückgesetzt (neue Einrichtung bei der "
                "nächsten Anmeldung).",
            )
        if not gefunden:
            self.message_user(request, "Für die Auswahl ist kein Zurücksetzen beantragt.", messages.WARNING)


def _text(fehler) -> str:
    if isinstance(fehler, ValidationError):
        return " ".join(fehler.messages)
    return str(fehler)


def rollenaenderung_pruefen(user: Benutzer, *, durch, request=None) -> None:
    """Before an admin saves `user`: a new or changed case role (or facility) waits for a second admin."""
    alt = Benutzer.objects.filter(pk=user.pk).values("rolle", "anstalt_id").first() if user.pk else None
    geaendert = alt is None or (alt["rolle"], alt["anstalt_id"]) != (user.rolle, user.anstalt_id)
    if geaendert and user.rolle in FALLROLLEN:
        user.is_active = False
        user.freigabe_ausstehend = True
        user.freigabe_beantragt_durch = durch
    elif user.freigabe_ausstehend:
        user.is_active = False  # not around the approval by ticking "active"
    if geaendert:
        vorher = f"{alt['rolle']}" if alt else "neu"
        anmeldung.ereignis(
            Sicherheitsart.ROLLE_GEAENDERT,
            request=request,
            benutzername=user.username,
            durch=durch,
            bemerkung=f"{vorher} → {user.rolle}"
            + (" (Freigabe ausstehend)" if user.freigabe_ausstehend else ""),
        )


def rolle_freigeben(user: Benutzer, *, durch, request=None) -> None:
    if user.freigabe_beantragt_durch_id == durch.pk:
        raise PermissionError("Vier-Augen-Prinzip: die Freigabe erteilt eine andere Person.")
    user.freigabe_ausstehend = False
    user.is_active = True
    user._history_user = durch
    user.save(update_fields=["freigabe_ausstehend", "is_active"])
    anmeldung.ereignis(
        Sicherheitsart.ROLLE_GEAENDERT,
        request=request,
        benutzer=user,
        durch=durch,
        bemerkung="Rolle freigegeben",
    )


# R-0-ROLE-1: an administrator could otherwise read or mint API tokens and act as a case worker,
# with the case worker recorded as actor. DRF's plain-text tokens are no longer used (issue 18 item 7:
# `kern.api_tokens`, hashed, issued by their owner or `manage.py token_ausstellen`; admin revokes them on
# the account page and never sees a secret).
admin.site.unregister(TokenProxy)
