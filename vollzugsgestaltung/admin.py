"""Read-only admin views: every write goes through `domain` (history with actor and reason)."""

from django.contrib import admin

from vollzugsgestaltung.models import (
    Begnadigungsgesuch,
    BesondereVollzugsform,
    Bewaehrungsakte,
    Vollzugsoeffnung,
)


class _NurLesen(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vollzugsoeffnung)
class VollzugsoeffnungAdmin(_NurLesen):
    list_display = ("fall", "art", "von", "bis", "status")


@admin.register(BesondereVollzugsform)
class BesondereVollzugsformAdmin(_NurLesen):
    list_display = ("fall", "form", "strafdauer_tage", "status")


@admin.register(Bewaehrungsakte)
class BewaehrungsakteAdmin(_NurLesen):
    list_display = ("person", "anlass", "probezeit_von", "probezeit_bis")


@admin.register(Begnadigungsgesuch)
class BegnadigungsgesuchAdmin(_NurLesen):
    list_display = ("person", "eingereicht_am", "status")
