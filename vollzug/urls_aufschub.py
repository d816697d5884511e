"""Browser routes of Aufschub und Unterbrechung (§14); merged into the `vollzug` namespace by `vollzug/urls.py`."""

urlpatterns = []
