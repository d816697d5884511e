"""/api/v1/: every module registers its endpoints here."""

from rest_framework.routers import DefaultRouter

from vollzug.api import FallViewSet, PersonViewSet

router = DefaultRouter()
router.register("personen", PersonViewSet, basename="person")
router.register("faelle", FallViewSet, basename="fall")

urlpatterns = router.urls
