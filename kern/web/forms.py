"""The web toolkit's form helpers, shared by every module's browser interface.

Widgets that keep Swiss input on native date pickers, typed fields with German messages, and
`fehler_uebernehmen`, which puts a service `ValidationError` next to the field it names (R-0-BAD-1).
"""

from datetime import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import formats, timezone

LEER = [("", "– bitte wählen –")]
DATUM_FEHLER = {"invalid": "Ungültiges Datum: erwartet TT.MM.JJJJ (z. B. 31.12.2026)."}
ZEITPUNKT_FEHLER = {"invalid": "Ungültiger Zeitpunkt: erwartet TT.MM.JJJJ HH:MM (z. B. 31.12.2026 14:05)."}


class _IsoWidgetMixin:
    """Native date pickers need ISO values; re-rendered user input (`31.12.2026`) is converted so it is kept."""

    iso_format = ""
    formats_name = ""

    def format_value(self, value):
        if isinstance(value, str) and value:
            for fmt in formats.get_format(self.formats_name):
                try:
                    return datetime.strptime(value.strip(), fmt).strftime(self.iso_format)
                except ValueError:
                    continue
            return value
        return super().format_value(value)


class DatumWidget(_IsoWidgetMixin, forms.DateInput):
    input_type = "date"
    iso_format = "%Y-%m-%d"
    formats_name = "DATE_INPUT_FORMATS"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=self.iso_format)


class ZeitpunktWidget(_IsoWidgetMixin, forms.DateTimeInput):
    input_type = "datetime-local"
    iso_format = "%Y-%m-%dT%H:%M"
    formats_name = "DATETIME_INPUT_FORMATS"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=self.iso_format)


class _Stammdatenliste(ModelChoiceIterator):
    """The options from ONE plain query. Django's iterator reads them through `QuerySet.iterator()`, which
    on PostgreSQL is a server-side cursor (DECLARE, FETCH, CLOSE: three round trips per rendered select)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class StammdatenAuswahl(forms.ModelChoiceField):
    """A select over a short master-data table (facilities, agencies): issue 19, cheap on every page."""

    iterator = _Stammdatenliste


def datum_feld(label, **kw):
    return forms.DateField(label=label, widget=DatumWidget(), error_messages=DATUM_FEHLER, **kw)


def zeitpunkt_feld(label, **kw):
    # Accepts 31.12.2026 14:05 and 2026-12-31T14:05 (DATETIME_INPUT_FORMATS of kern/formats/de_CH);
    # naive input is read as Europe/Zurich local time.
    return forms.DateTimeField(
        label=label,
        widget=ZeitpunktWidget(),
        error_messages=ZEITPUNKT_FEHLER,
        **kw,
    )


def jetzt_auf_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


def anzahl_feld(label, max_value):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=max_value,
        widget=forms.NumberInput(attrs={"placeholder": "0", "class": "zahl"}),
        error_messages={
            "min_value": "Der Wert darf nicht negativ sein.",
            "max_value": "Der Wert ist zu gross.",
            "invalid": "Bitte eine ganze Zahl eingeben.",
        },
    )


# --- Service errors → form errors (R-0-BAD-1) -------------------------------------------------


def fehler_uebernehmen(
    fehler: ValidationError,
    form: forms.Form,
    *,
    felder: dict[str, str] | None = None,
    zeilen: dict[str, tuple] | None = None,
) -> None:
    """Attach a service `ValidationError` to the form fields it names, so the § appears next to the field.

    `felder` renames service keys to form fields; `zeilen` maps a list prefix (`"sanktionen"`) to
    `(formset, form_indices)`, so `sanktionen[0].dauer_tage` lands in the row the user typed. Keys
    without a field become non-field errors of `form`; nothing is dropped.
    """
    felder = felder or {}
    zeilen = zeilen or {}
    if not hasattr(fehler, "error_dict"):
        form.add_error(None, fehler.messages)
        return
    for schluessel, meldungen in fehler.message_dict.items():
        ziel_form, feld = _ziel(schluessel, form, felder, zeilen)
        for meldung in meldungen:
            ziel_form.add_error(feld, meldung)


def _ziel(schluessel, form, felder, zeilen):
    if "[" in schluessel and "]." in schluessel:
        praefix, rest = schluessel.split("[", 1)
        index_text, feld = rest.split("].", 1)
        if praefix in zeilen and index_text.isdigit():
            formset, indices = zeilen[praefix]
            index = int(index_text)
            if index < len(indices):
                zeile = formset.forms[indices[index]]
                return zeile, feld if feld in zeile.fields else None
    feld = felder.get(schluessel, schluessel)
    if feld == NON_FIELD_ERRORS or feld not in form.fields:
        return form, None
    return form, feld
