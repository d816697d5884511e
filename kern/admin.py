"""Django admin for system administration only: users and facilities (R-0-ROLE-1: admin makes no case
decisions and reads no case files, so no case data is registered here)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from rest_framework.authtoken.admin import TokenProxy
from simple_history.admin import SimpleHistoryAdmin

from kern.models import Benutzer


@admin.register(Benutzer)
class BenutzerAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "first_name", "last_name", "rolle", "anstalt", "is_active")
    list_filter = ("rolle", "anstalt", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("Rolle", {"fields": ("rolle", "anstalt")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("Rolle", {"fields": ("rolle", "anstalt")}))

    def has_delete_permission(self, request, obj=None):
        # PITFALLS: history keeps the actor as a foreign key; deactivate users, never delete them.
        return False


# R-0-ROLE-1: an administrator could otherwise read or mint API tokens and act as a case worker,
# with the case worker recorded as actor. Tokens are issued by `manage.py token_ausstellen`.
admin.site.unregister(TokenProxy)
