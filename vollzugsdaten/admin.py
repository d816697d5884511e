"""Read-only admin of the Vollzugsdaten: every write goes through `vollzugsdaten.domain` (history, actor)."""

from django.contrib import admin

from vollzugsdaten.models import Berechnung


@admin.register(Berechnung)
class BerechnungAdmin(admin.ModelAdmin):
    list_display = ("fall", "version", "methode", "bedingte_entlassung", "ende", "berechnet_am")
    readonly_fields = [f.name for f in Berechnung._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
