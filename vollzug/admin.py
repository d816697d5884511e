"""Django admin for system administration only: facilities (R-0-ROLE-1: no case data is registered here)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vollzug.models import Anstalt


@admin.register(Anstalt)
class AnstaltAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "strasse",
        "hausnummer",
        "postleitzahl",
        "ort",
        "traegerschaft",
        "disziplinarbefugnis_delegiert",
        "ist_klinik",
        "aktiv",
    )

    def has_delete_permission(self, request, obj=None):
        return False
