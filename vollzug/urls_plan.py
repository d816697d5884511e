"""Browser routes of the Vollzugsplan (§18); merged into the `vollzug` namespace by `vollzug/urls.py`."""

from django.urls import path

from vollzug import views_plan

urlpatterns = [
    path("faelle/<int:pk>/vollzugsplan/", views_plan.plan_detail, name="plan_detail"),
    path("faelle/<int:pk>/vollzugsplan/neu/", views_plan.plan_neu, name="plan_neu"),
    path("faelle/<int:pk>/vollzugsplan/stufe/", views_plan.plan_stufe, name="plan_stufe"),
    path("faelle/<int:pk>/vollzugsplan/vergleich/", views_plan.plan_vergleich, name="plan_vergleich"),
    path(
        "faelle/<int:pk>/vollzugsplan/versionen/<int:nummer>/", views_plan.plan_version, name="plan_version"
    ),
    path(
        "faelle/<int:pk>/vollzugsplan/versionen/<int:nummer>/zustellen/",
        views_plan.plan_zustellen,
        name="plan_zustellen",
    ),
    path(
        "faelle/<int:pk>/vollzugsplan/aufgaben/<int:aufgabe_pk>/kenntnis/",
        views_plan.plan_kenntnis,
        name="plan_kenntnis",
    ),
]
