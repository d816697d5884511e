"""Review of issues 17/25: every API list checks and applies its query filters in one place
(`kern.web.api.ListenfilterMixin`): a wrong filter value is a German 400 naming the parameter (R-0-BAD-1),
each filter narrows the list by its own lookup, and only the list is filtered."""

import pytest
from django.urls import reverse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from jvg_case.api_urls import router
from kern.web.api import ListenfilterMixin, _ohne_filter, listenfilter

LISTEN = sorted(
    ((prefix, viewset) for prefix, viewset, _ in router.registry if issubclass(viewset, ListenfilterMixin)),
    key=lambda eintrag: eintrag[0],
)
IDS = [prefix for prefix, _ in LISTEN]


def _viewset(viewset_class, abfrage: dict, action: str = "list"):
    viewset = viewset_class(action=action, format_kwarg=None, kwargs={})
    viewset.request = Request(APIRequestFactory().get("/", abfrage))
    return viewset


def _gueltiger_wert(feld: serializers.Field):
    if isinstance(feld, serializers.ChoiceField):
        return next(iter(feld.choices))
    if isinstance(feld, serializers.BooleanField):
        return True
    return 1


def test_die_listen_der_module_filtern_mit_dem_einen_helfer():
    # Lists of many modules (issue 25 review: the filter was written out a dozen times).
    assert len(LISTEN) >= 15
    eigene = [
        prefix
        for prefix, viewset, _ in router.registry
        if getattr(viewset, "filter_queryset", None)
        not in (None, ListenfilterMixin.filter_queryset, GenericAPIView.filter_queryset)
    ]
    assert eigene == []


@pytest.mark.parametrize(("prefix", "viewset_class"), LISTEN, ids=IDS)
def test_jeder_filter_ist_ein_feld_und_ein_gueltiger_lookup(prefix, viewset_class):
    felder = viewset_class.filter_serializer_class().fields
    assert set(viewset_class.filterfelder) <= set(felder)
    modell = viewset_class.queryset.model
    for feld, lookup in viewset_class.filterfelder.items():
        wert = _gueltiger_wert(felder[feld])
        erwartet = str(modell.objects.filter(**{lookup: wert}).query)
        gefiltert = _viewset(viewset_class, {feld: wert}).filter_queryset(modell.objects.all())
        assert str(gefiltert.query) == erwartet, feld


@pytest.mark.rule("R-0-BAD-1", grenze=True)
@pytest.mark.parametrize(("prefix", "viewset_class"), LISTEN, ids=IDS)
def test_falscher_filterwert_ist_eine_deutsche_meldung_zum_parameter(prefix, viewset_class):
    felder = viewset_class.filter_serializer_class().fields
    feld = next(
        n for n, f in felder.items() if isinstance(f, serializers.IntegerField | serializers.ChoiceField)
    )
    with pytest.raises(ValidationError) as fehler:
        _viewset(viewset_class, {feld: "x-1"}).filter_queryset(viewset_class.queryset.model.objects.all())
    meldungen = fehler.value.detail[feld]
    assert [str(m) for m in meldungen] in (
        ["Eine gültige Ganzzahl ist erforderlich."],
        ['"x-1" ist keine gültige Option.'],
    )


@pytest.mark.parametrize(("prefix", "viewset_class"), LISTEN, ids=IDS)
def test_nur_die_liste_wird_gefiltert(prefix, viewset_class):
    feld = next(iter(viewset_class.filter_serializer_class().fields))
    alle = viewset_class.queryset.model.objects.all()
    # A detail URL finds its object whatever the query string says; a wrong value there is no 400.
    assert _viewset(viewset_class, {feld: "x-1"}, action="retrieve").filter_queryset(alle) is alle


@pytest.mark.rule("R-0-BAD-1", grenze=True)
def test_listenfilter_grenzen_der_id():
    class Filter(serializers.Serializer):
        person = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)

    def pruefen(wert):
        return listenfilter(Filter, Request(APIRequestFactory().get("/", {"person": wert})))

    assert pruefen("1") == {"person": 1}
    assert pruefen(str(2**63 - 1)) == {"person": 2**63 - 1}
    for falsch, meldung in (
        ("0", "Stelle sicher, dass dieser Wert größer oder gleich 1 ist."),
        (str(2**63), f"Stelle sicher, dass dieser Wert kleiner oder gleich {2**63 - 1} ist."),
    ):
        with pytest.raises(ValidationError) as fehler:
            pruefen(falsch)
        assert fehler.value.detail == {"person": [meldung]}


@pytest.mark.rule("R-0-BAD-1")
def test_falscher_filter_ueber_http_ist_400_ohne_regel_id(client_als, sachbearbeitung):
    antwort = client_als(sachbearbeitung).get(reverse("fall-list"), {"person": "abc", "status": "unsinn"})
    assert antwort.status_code == 400
    assert antwort.json() == {
        "person": ["Eine gültige Ganzzahl ist erforderlich."],
        "status": ['"unsinn" ist keine gültige Option.'],
    }


@pytest.mark.parametrize(("prefix", "viewset_class"), LISTEN, ids=IDS)
def test_ohne_parameter_dasselbe_wie_die_volle_pruefung(prefix, viewset_class):
    # Issue 19: without any of its parameters a list skips the serializer; the result must be what the
    # serializer gives for the empty query string (a field with a default keeps its default).
    klasse = viewset_class.filter_serializer_class
    anfrage = Request(APIRequestFactory().get("/", {"fremd": "x"}))
    voll = klasse(data=anfrage.query_params)
    assert voll.is_valid(), voll.errors
    assert listenfilter(klasse, anfrage) == dict(voll.validated_data)


def test_abkuerzung_nur_ohne_eigene_parameter_defaults_und_validate():
    class Einfach(serializers.Serializer):
        status = serializers.CharField(required=False)

    class MitDefault(serializers.Serializer):
        offen = serializers.BooleanField(required=False, default=None, allow_null=True)

    class MitPflicht(serializers.Serializer):
        status = serializers.CharField()

    class MitValidate(Einfach):
        def validate(self, attrs):
            raise ValidationError("immer")

    assert _ohne_filter(Einfach, {"limit": "5"})
    assert not _ohne_filter(Einfach, {"status": ""})
    assert not _ohne_filter(MitDefault, {})
    assert listenfilter(MitDefault, Request(APIRequestFactory().get("/"))) == {"offen": None}
    assert not _ohne_filter(MitPflicht, {})
    with pytest.raises(ValidationError):
        listenfilter(MitPflicht, Request(APIRequestFactory().get("/")))
    assert not _ohne_filter(MitValidate, {})
    with pytest.raises(ValidationError):
        listenfilter(MitValidate, Request(APIRequestFactory().get("/")))
