"""The select built in Python (`kern.formular_html`, used by the project's form renderer) gives exactly the
characters of Django's own templates, for every kind of select the forms use and the awkward values."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from kern.klartext import KlartextRenderer
from vollzug.forms import FallFilterForm
from vollzug.models import Anstalt

VORLAGEN = DjangoTemplates()  # Django's stock renderer: the templates only
PROJEKT = KlartextRenderer()

GRUPPEN = [
    ("", "– wählen –"),
    ("Haft", [("a", "Untersuchungshaft"), ("b", 'Sicherheits<haft> & "Arrest"')]),
    ("Massnahmen", [(1, "§ 59 StGB"), (2, gettext_lazy("Verwahrung"))]),
    ("x'y", "Apostroph's"),
]


def _beide(widget: forms.Widget, name, wert, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, wert, attrs=attrs, renderer=VORLAGEN),
        widget.render(name, wert, attrs=attrs, renderer=PROJEKT),
    )


@pytest.mark.parametrize(
    ("widget", "wert", "attrs"),
    [
        (
            forms.Select(choices=[("", "alle"), ("eingang", "Eingang"), ("im_vollzug", "Im Vollzug")]),
            "",
            None,
        ),
        (forms.Select(choices=[("", "alle"), ("eingang", "Eingang")]), "eingang", {"id": "id_status"}),
        (forms.Select(choices=GRUPPEN), "b", {"id": "id_art", "required": True, "aria-describedby": "x y"}),
        (forms.Select(choices=GRUPPEN, attrs={"class": 'a"b', "disabled": False, "data-x": 0}), 2, None),
        (
            forms.Select(choices=[(mark_safe("<b>"), mark_safe("<i>sicher</i>")), ("<b>", "<i>roh</i>")]),
            "<b>",
            None,
        ),
        (forms.Select(choices=[((1, 2), "Tupel"), (None, "Nichts"), (3.5, 1234567)]), None, None),
        (forms.SelectMultiple(choices=GRUPPEN), ["a", 1], {"id": "id_mehrere"}),
        (forms.NullBooleanSelect(), True, None),
        (forms.Select(choices=[]), "", None),
    ],
)
def test_gleiche_zeichen_wie_djangos_vorlagen(widget, wert, attrs):
    vorlage, projekt = _beide(widget, "feld", wert, attrs)
    assert projekt == vorlage
    assert "<select" in projekt


@pytest.mark.django_db
def test_filterformular_der_fallliste_gleich(anstalt_a):
    Anstalt.objects.create(
        name='Anstalt "Wauwilermoos" & <Grosshof>',
        kurzname="AWG",
        ort="Egolzwil",
        traegerschaft=anstalt_a.traegerschaft,
    )
    form = FallFilterForm({"status": "im_vollzug", "anstalt": str(anstalt_a.pk)})
    assert form.is_valid()
    for name in ("status", "anstalt"):
        feld = form[name]
        widget = feld.field.widget
        vorlage, projekt = _beide(
            widget, feld.html_name, feld.value(), feld.build_widget_attrs({"id": feld.auto_id})
        )
        assert projekt == vorlage
    assert "selected>Im Vollzug</option>" in str(form["status"])
    assert "Anstalt &quot;Wauwilermoos&quot; &amp; &lt;Grosshof&gt;" in str(form["anstalt"])


def test_andere_vorlagen_bleiben_bei_django():
    """Radio buttons, inputs: the templates, unchanged (only the stock select is built in Python)."""
    radio = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    assert radio.render("r", "a", renderer=PROJEKT) == radio.render("r", "a", renderer=VORLAGEN)
    eingabe = forms.TextInput()
    assert eingabe.render("t", 'x"y', renderer=PROJEKT) == eingabe.render("t", 'x"y', renderer=VORLAGEN)
