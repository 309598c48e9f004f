"""The Jinja2 environment of the pages (settings.TEMPLATES, first backend).

The pages were written for Django's template language; they render with Jinja2 because it
is several times cheaper per page (BENCHMARKS.md). What the user gets stays byte for byte
what Django's engine gave, so the helpers here keep Django's semantics:

- every ``{{ value }}`` goes through ``render_value``: local time, localized numbers and
  dates, and Django's escaping (``&#x27;``, not markupsafe's ``&#39;``);
- ``_("literal")`` is ``{% translate "literal" %}`` (the text is trusted, not escaped),
  ``translate_value(x)`` is ``{% translate x %}`` on a variable (escaped),
  ``{% trans %}`` blocks are ``{% blocktranslate %}`` (the text trusted, the values escaped);
- the filters are Django's own (``date``, ``time``, ``default``, ``join`` ...).
"""

from __future__ import annotations

import json
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from jinja2 import ChainableUndefined, Environment, Undefined
from markupsafe import Markup

from nocontact.accounts import vault
from nocontact.core import cool_off
from nocontact.journey.models import Writing
from nocontact.web.coach_review import flag_labels
from nocontact.web.views.coach import crisis_panel_template
from nocontact.web.views.offline import offline_pages, offline_user

# The dashboard shows a few; the writings list shows them all.
QUEUE_LIMIT = 20


def render_value(value: Any) -> Any:
    """What Django's engine prints for ``{{ value }}``: localized, then escaped."""
    if isinstance(value, str):
        return value if hasattr(value, "__html__") else escape(value)
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    value = localize(template_localtime(value))
    if hasattr(value, "__html__"):
        return value
    return conditional_escape(str(value))


def translate_literal(message: str) -> Markup:
    """``{% translate "text" %}``: the template's own text, printed as it is."""
    if "%" in message:
        text = translation.gettext(message.replace("%", "%%")).replace("%%", "%")
        return Markup(text)  # noqa: S704  (the template's own text, as Django prints it)
    return Markup(translation.gettext(message))  # noqa: S704  (idem)


def translate_value(value: Any) -> Any:
    """``{% translate variable %}``: a translated value, escaped like any value."""
    text = str(value)
    if "%" in text:
        return render_value(translation.gettext(text.replace("%", "%%")).replace("%%", "%"))
    return render_value(translation.gettext(text))


def trans_gettext(message: str, **variables: Any) -> Markup:
    """``{% trans %}`` (``{% blocktranslate %}``): the text as it is, the values escaped."""
    values = {name: render_value(value) for name, value in variables.items()}
    return Markup(translation.gettext(message) % values)  # noqa: S704  (values escaped)


def trans_ngettext(singular: str, plural: str, number: int, **variables: Any) -> Markup:
    """``{% trans n=x %}...{% pluralize n %}...{% endtrans %}`` (``blocktranslate count``)."""
    values = {name: render_value(value) for name, value in variables.items()}
    return Markup(translation.ngettext(singular, plural, number) % values)  # noqa: S704


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """``{% url 'name' arg %}``."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def url_or_blank(name: str, *args: Any, **kwargs: Any) -> str:
    """``{% url 'name' as var %}``: an empty string when the page does not exist."""
    try:
        return url(name, *args, **kwargs)
    except NoReverseMatch:
        return ""


def _localtime(value: Any) -> Any:
    if isinstance(value, Undefined):
        return ""
    return template_localtime(value)


def date_filter(value: Any, arg: str | None = None) -> str:
    """Django's ``date`` filter, in the current time zone as Django's engine gives it."""
    return defaultfilters.date(_localtime(value), arg)


def time_filter(value: Any, arg: str | None = None) -> str:
    """Django's ``time`` filter, in the current time zone."""
    return defaultfilters.time(_localtime(value), arg)


def default_filter(value: Any, arg: Any) -> Any:
    """Django's ``default``: any falsy value gives ``arg``."""
    return value or arg


def join_filter(value: Any, arg: str) -> Any:
    """Django's ``join``: the items escaped, the whole safe."""
    return defaultfilters.join(value, arg, autoescape=True)


def linebreaksbr_filter(value: Any) -> Any:
    return defaultfilters.linebreaksbr(value, autoescape=True)


# --- What the former template tags gave (nocontact/web/templatetags) --------------------


def keeps_offline_copy(request: HttpRequest) -> bool:
    """Copies for offline use only when signed in, and never behind the app lock."""
    return bool(offline_user(request)) and not getattr(request, "app_lock_idle", None)


def offline_notes(request: HttpRequest | None) -> dict[str, Any]:
    """What the page tells its service worker: whose copies these are, and whether to keep them."""
    if request is None or isinstance(request, Undefined):
        return {"offline_user": "", "keep": False}
    return {
        "offline_user": offline_user(request),
        "keep": keeps_offline_copy(request),
        "keep_page": request.path in offline_pages(),
    }


def crisis_resources() -> list[dict[str, Any]]:
    """The configured crisis resources: the crisis panel is included from several areas."""
    return list(settings.CRISIS_RESOURCES)


def coach_labels_json() -> str:
    return json.dumps(flag_labels(), ensure_ascii=False)


def cool_off_letters(request: HttpRequest | None) -> list[dict[str, Any]]:
    """The user's letters in the cool-off queue: those back for review first."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    now = timezone.now()
    rows = (
        Writing.objects.filter(
            breakup__user=cast(User, user),
            kind=Writing.Kind.UNSENT_LETTER,
            might_send_at__isnull=False,
        )
        .only("pk", "text", "might_send_at")
        .order_by("might_send_at", "pk")[:QUEUE_LIMIT]
    )
    letters = []
    for row in rows:
        assert row.might_send_at is not None
        letters.append(
            {
                "pk": row.pk,
                # Sealed while the words are locked: the list shows no text then.
                "text": "" if vault.is_sealed(row.text) else row.text,
                "due": cool_off.is_due(row.might_send_at, now),
                "comes_back_at": cool_off.comes_back_at(row.might_send_at),
            }
        )
    letters.sort(key=lambda letter: not letter["due"])
    return letters


def environment(**options: Any) -> Environment:
    """The Jinja2 environment (settings.TEMPLATES ``OPTIONS["environment"]``)."""
    options.setdefault("keep_trailing_newline", True)  # as Django's engine prints a file
    options.pop("autoescape", None)  # always on: these are HTML pages
    # As Django's engine: a missing value, or an attribute of one, is empty, never an error
    # (the backend's default would be DebugUndefined under DEBUG, which prints the name).
    options["undefined"] = ChainableUndefined
    env = Environment(
        autoescape=True, extensions=["jinja2.ext.i18n"], finalize=render_value, **options
    )
    # The active language applies per request: Django's gettext is called at render time.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True
    )
    # Django's escaping and its percent rules, in place of the extension's wrappers.
    env.globals.update(
        {
            "gettext": trans_gettext,
            "ngettext": trans_ngettext,
            "_": translate_literal,
            "translate_value": translate_value,
            "url": url,
            "url_or_blank": url_or_blank,
            "static": static,
            "get_current_language": translation.get_language,
            "offline_notes": offline_notes,
            "crisis_resources": crisis_resources,
            "coach_crisis_resources": crisis_resources,
            "coach_crisis_panel": crisis_panel_template,
            "coach_labels_json": coach_labels_json,
            "cool_off_letters": cool_off_letters,
        }
    )
    env.filters.update(
        {
            "date": date_filter,
            "time": time_filter,
            "default": default_filter,
            "join": join_filter,
            "linebreaksbr": linebreaksbr_filter,
            "truncatechars": defaultfilters.truncatechars,
            "stringformat": defaultfilters.stringformat,
            "add": defaultfilters.add,
        }
    )
    return env
