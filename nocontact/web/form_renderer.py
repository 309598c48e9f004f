"""The form renderer (settings.FORM_RENDERER): Django's Jinja2 one, but the plain widgets
in Python.

A select renders one template per option: the time-zone list alone (some 600 options)
made the settings and profile pages cost 10 ms. ``select_html`` writes the HTML of
Django's ``django/forms/jinja2/django/forms/widgets/select.html`` and
``select_option.html`` itself, escaped by markupsafe as that renderer does. An
``<input>`` (three templates: the widget's, ``input.html``, ``attrs.html``) and a
``<textarea>`` (two) are written the same way: the check-in and SOS forms have several.
tests/integration/test_jinja_pages.py holds them to Django's output.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import Jinja2
from django.http import HttpRequest
from markupsafe import escape

SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# The widget templates that are ``{% include "django/forms/widgets/input.html" %}`` alone.
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)


def attrs_html(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    html = ""
    for name, value in attrs.items():
        if value is True:
            html += f" {escape(name)}"
        elif value is not False:
            html += f' {escape(name)}="{escape(value)}"'
    return html


def select_html(widget: dict[str, Any]) -> str | None:
    """``select.html`` of Django's Jinja2 form templates; ``None`` for an option with a
    template of its own (then Django renders it)."""
    html = f'<select name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>'
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html += f'\n  <optgroup label="{escape(group_name)}">'
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION:
                return None
            html += (
                f'\n  <option value="{escape(option["value"])}"{attrs_html(option["attrs"])}>'
                f"{escape(option['label'])}</option>"
            )
        if group_name:
            html += "\n  </optgroup>"
    return html + "\n</select>"


def input_html(widget: dict[str, Any]) -> str:
    """``input.html`` of Django's Jinja2 form templates."""
    html = f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
    if widget["value"] is not None:
        html += f' value="{escape(widget["value"])}"'
    return f"{html}{attrs_html(widget['attrs'])}>"


def textarea_html(widget: dict[str, Any]) -> str:
    """``textarea.html`` of Django's Jinja2 form templates."""
    value = escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>\n{value}</textarea>'


class PageFormRenderer(Jinja2):
    """Django's Jinja2 form renderer, with the <select>, <input> and <textarea> written
    directly."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        if template_name in INPUTS:
            return input_html(context["widget"])
        if template_name == TEXTAREA:
            return textarea_html(context["widget"])
        if template_name == SELECT:
            html = select_html(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)
