"""Browser routes of the Vollzugsplan (§18); merged into the `vollzug` namespace by `vollzug/urls.py`."""

urlpatterns = []
