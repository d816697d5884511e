"""Django admin: the administration configures the deputies who count as approvers (R-0-4EYES-1,
issue 17). No case data is registered here; every change has history with its actor (the request's user,
simple-history's middleware). A Stellvertretung is ended by its last day, never deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from verfuegungen.models import Stellvertretung


@admin.register(Stellvertretung)
class StellvertretungAdmin(SimpleHistoryAdmin):
    list_display = ("vertreter", "anstalt", "von", "bis", "bemerkung")
    list_filter = ("anstalt",)

    def has_delete_permission(self, request, obj=None):
        # The history shows who could approve when; end a deputy's period instead.
        return False
