"""A select's HTML in Python (issue 19): the same characters as Django's templates, without them.

Django renders a `<select>` through `django/forms/widgets/select.html`, which includes
`select_option.html` and `attrs.html` for every option: the case list's filter form (status, facility)
cost about 40 template includes per page view, some 40 % of the page's rendering. `auswahl_html` builds
the same string from the same widget context; `kern.klartext.KlartextRenderer` uses it for the stock
select template (Select, SelectMultiple, NullBooleanSelect) and the templates for everything else.
`tests/kern/test_formular_html.py` compares both outputs character by character.
"""

from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

AUSWAHL = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"

_KONTEXT = Context(autoescape=True)


def _wert(wert) -> str:
    """`{{ wert|stringformat:'s' }}` with autoescape: a safe value stays as it is (the filter is
    `is_safe`), anything else is escaped."""
    text = "%s" % (str(wert) if isinstance(wert, tuple) else wert)  # noqa: UP031 (the filter's own formatting)
    return text if isinstance(wert, SafeData) else escape(text)


def _attribute(attrs: dict) -> str:
    """`attrs.html`: ` name="value"` per attribute, ` name` for True, nothing for False."""
    teile = []
    for name, wert in attrs.items():
        if wert is False:
            continue
        teile.append(f" {render_value_in_context(name, _KONTEXT)}")
        if wert is not True:
            teile.append(f'="{_wert(wert)}"')
    return "".join(teile)


def darstellbar(template_name: str, context: dict) -> bool:
    """Is this the stock select template with stock options (no widget of the project overrides them)?"""
    if template_name != AUSWAHL:
        return False
    widget = context.get("widget")
    return isinstance(widget, dict) and all(
        option.get("template_name") == OPTION
        for _g, optionen, _i in widget["optgroups"]
        for option in optionen
    )


def auswahl_html(context: dict) -> str:
    """`select.html` for the widget context `context` (see `darstellbar`)."""
    widget = context["widget"]
    teile = [
        f'<select name="{render_value_in_context(widget["name"], _KONTEXT)}"',
        _attribute(widget["attrs"]),
        ">",
    ]
    for gruppe, optionen, _index in widget["optgroups"]:
        if gruppe:
            teile.append(f'\n  <optgroup label="{render_value_in_context(gruppe, _KONTEXT)}">')
        for option in optionen:
            teile.append(
                f'\n  <option value="{_wert(option["value"])}"{_attribute(option["attrs"])}>'
                f"{render_value_in_context(option['label'], _KONTEXT)}</option>\n"
            )
        if gruppe:
            teile.append("\n  </optgroup>")
    teile.append("\n</select>")
    return mark_safe("".join(teile))  # noqa: S308 (every value above is escaped as the templates escape it)
