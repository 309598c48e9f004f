"""The Jinja2 environment of the pages (settings.TEMPLATES, first backend).

The pages were written for Django's template language; they render with Jinja2, which
with the helpers below takes about half the time (1.3-2.3 ms a page instead of 2.6-4.2 on a
3-year history, BENCHMARKS.md). What the user gets stays byte for byte what Django's
engine gave, so the helpers here keep Django's semantics:

- every ``{{ value }}`` goes through ``render_value``: local time, localized numbers and
  dates, and Django's escaping (``&#x27;``, not markupsafe's ``&#39;``);
- ``_("literal")`` is ``{% translate "literal" %}`` (the text is trusted, not escaped),
  ``translate_value(x)`` is ``{% translate x %}`` on a variable (escaped),
  ``{% trans %}`` blocks are ``{% blocktranslate %}`` (the text trusted, the values escaped);
- the filters are Django's own (``date``, ``time``, ``default``, ``join`` ...);
- the calls with literal arguments only (``_("text")``, ``url("name")``, ``static(...)``)
  are made when a template is compiled, once per language, script prefix and URLconf
  (``FoldingEnvironment``): the page prints the same text, without calling them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from html import escape as html_escape
from types import FunctionType
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.core.signals import setting_changed
from django.forms.boundfield import BoundWidget
from django.forms.renderers import Jinja2 as Jinja2Renderer
from django.http import HttpRequest
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.converters import IntConverter
from django.utils import dateformat, formats, timezone, translation
from django.utils.formats import localize
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import (
    add_truncation_text,
    calculate_truncate_chars_length,
)
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from jinja2 import ChainableUndefined, Environment, Template, Undefined, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.idtracking import VAR_LOAD_RESOLVE
from jinja2.runtime import Context
from markupsafe import Markup
from markupsafe import escape as markup_escape

from nocontact.accounts import vault
from nocontact.accounts.prepared import ID, Prepared
from nocontact.core import cool_off
from nocontact.journey.models import Writing
from nocontact.web.coach_review import flag_labels
from nocontact.web.csrf_token import page_token
from nocontact.web.forms_base import EmptyForm
from nocontact.web.views.coach import crisis_panel_template
from nocontact.web.views.offline import offline_pages, offline_user

# The dashboard shows a few; the writings list shows them all.
QUEUE_LIMIT = 20


def render_value(value: Any) -> Any:
    """What Django's engine prints for ``{{ value }}``: localized, then escaped (the
    environment's ``finalize``)."""
    if type(value) is str:  # Django's escape() without its lazy-argument wrapper
        return SafeString(html_escape(value))
    if isinstance(value, str):
        return value if hasattr(value, "__html__") else escape(value)
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    if isinstance(value, Promise):  # a lazy translation: text, nothing to localize
        return conditional_escape(str(value))
    value = localize(template_localtime(value))
    if hasattr(value, "__html__"):
        return value
    return conditional_escape(str(value))


def printed(value: Any) -> str:
    """``{{ value }}`` in a page: ``escape(render_value(value))``, Jinja2's output of a
    value, in one call. Text, most of what a page prints, is escaped as ``render_value``
    escapes it, and not wrapped twice in a safe string only to be joined to the page."""
    if type(value) is str:
        return html_escape(value)
    return markup_escape(render_value(value))


# Per language, the translated literals of the templates (a few hundred in all): a page
# prints dozens, the journal a few per entry. Never one language's text for another.
_literals: dict[tuple[str | None, str], Markup] = {}
LITERALS_KEPT = 4096


def translate_literal(message: str) -> Markup:
    """``{% translate "text" %}``: the template's own text, printed as it is."""
    key = (translation.get_language(), message)
    text = _literals.get(key)
    if text is not None:
        return text
    if "%" in message:
        translated = translation.gettext(message.replace("%", "%%")).replace("%%", "%")
    else:
        translated = translation.gettext(message)
    text = Markup(translated)  # noqa: S704  (the template's own text, as Django prints it)
    if len(_literals) < LITERALS_KEPT:
        _literals[key] = text
    return text


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


# reverse() of the same name and arguments under the same URLconf and script prefix
# (behind a proxy, the prefix is the request's) always gives the same path.
_reversed: dict[tuple[Any, ...], str] = {}
# A path with one <int:...> in it, as the text before and after the number (the journal
# links each of its entries): None for a name whose path is not that simple.
_int_paths: dict[tuple[Any, ...], tuple[str, str] | None] = {}
_NUMBER = 987_654_321_012


def _int_path(resolver: Any, name: str) -> tuple[str, str] | None:
    """The path of ``name`` around its one integer, when every integer gives that path."""
    entries = resolver.reverse_dict.getlist(name)
    if len(entries) != 1:
        return None
    possibilities, _pattern, defaults, converters = entries[0]
    if len(possibilities) != 1 or defaults or len(possibilities[0][1]) != 1:
        return None
    if type(converters.get(possibilities[0][1][0])) is not IntConverter:
        return None
    path = reverse(name, args=[_NUMBER])
    if path.count(str(_NUMBER)) != 1:
        return None
    before, after = path.split(str(_NUMBER))
    return before, after


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """``{% url 'name' arg %}``."""
    if kwargs:
        return reverse(name, kwargs=kwargs)
    resolver = get_resolver(get_urlconf())
    key = (resolver, get_script_prefix(), name, *args)
    try:
        return _reversed[key]
    except KeyError:
        pass
    if len(args) == 1 and type(args[0]) is int and args[0] >= 0:
        around = key[:3]
        if around not in _int_paths:
            _int_paths[around] = _int_path(resolver, name)
        found = _int_paths[around]
        if found is not None:
            return f"{found[0]}{args[0]}{found[1]}"
    path = reverse(name, args=args or None)
    if not args:  # paths with arguments are many (one per letter...): not kept
        _reversed[key] = path
    return path


_statics: dict[tuple[str, str], str] = {}


def static_url(path: str) -> str:
    """``{% static 'path' %}``: the storage's URL of a file, asked once per process (the
    manifest of the hosted mode is read once; the files do not change while it runs)."""
    key = (get_script_prefix(), path)
    found = _statics.get(key)
    if found is None:
        found = _statics[key] = static(path)
    return found


def _forget(**_: Any) -> None:
    """A test changed a setting (the URLs, the static files, the languages): start over."""
    for kept in (
        _literals,
        _reversed,
        _int_paths,
        _statics,
        _offline_pages,
        _forms,
        _truncations,
    ):
        kept.clear()
    for env in list(_environments):
        if env.cache is not None:
            env.cache.clear()  # their texts and links were folded in under the old settings


setting_changed.connect(_forget, dispatch_uid="nc-jinja2-forget")


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


# Django's date format characters that need neither a time zone nor a translation.
PLAIN_FORMAT_CHARS = frozenset("dfgGhHijmnsyY")
# Those whose translated word depends only on: the month, the weekday, the time of day.
WORD_FORMAT_CHARS: dict[str, Callable[[Any], Any]] = {
    "N": lambda value: value.month,
    "F": lambda value: value.month,
    "M": lambda value: value.month,
    "b": lambda value: value.month,
    "E": lambda value: value.month,
    "D": lambda value: value.weekday(),
    "l": lambda value: value.weekday(),
    "a": lambda value: value.hour > 11,
    "A": lambda value: value.hour > 11,
    "P": lambda value: (value.hour, value.minute),
}
TIME_FORMAT_CHARS = frozenset("fgGhHisaAP")
# Per language and piece, the word Django's DateFormat gives (a few dozen in all).
_words: dict[tuple[str | None, str, Any], str] = {}


@functools.lru_cache(maxsize=64)
def _format_pieces(format_string: str) -> tuple[tuple[bool, str], ...] | None:
    """Django's format string as (is a format char, text) pieces, or ``None`` when it
    uses a character this module does not shortcut (then Django formats it)."""
    pieces = []
    for i, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if i % 2:
            if piece not in PLAIN_FORMAT_CHARS and piece not in WORD_FORMAT_CHARS:
                return None
            pieces.append((True, piece))
        elif piece:
            pieces.append((False, dateformat.re_escaped.sub(r"\1", piece)))
    return tuple(pieces)


def _format_date(value: dt.date, format_string: str, language: str | None = None) -> str | None:
    """Django's ``dateformat.format`` with its translated words looked up once per
    language: the same text, 10 us a date instead of 27 (a page of the log has 50)."""
    pieces = _format_pieces(format_string)
    if pieces is None:
        return None
    if not isinstance(value, dt.datetime) and any(
        is_char and char in TIME_FORMAT_CHARS for is_char, char in pieces
    ):
        return None  # Django refuses it; let it say so
    # Without DateFormat.__init__: it only probes the time zone, which these never use.
    formatter = dateformat.DateFormat.__new__(dateformat.DateFormat)
    formatter.data = value
    formatter.timezone = None
    if language is None:
        language = translation.get_language()
    out = []
    for is_char, char in pieces:
        if not is_char:
            out.append(char)
        elif char in PLAIN_FORMAT_CHARS:
            out.append(str(getattr(formatter, char)()))
        else:
            key = (language, char, WORD_FORMAT_CHARS[char](value))
            word = _words.get(key)
            if word is None:
                word = _words[key] = str(getattr(formatter, char)())
            out.append(word)
    return "".join(out)


def date_filter(value: Any, arg: str | None = None) -> str:
    """Django's ``date`` filter, in the current time zone as Django's engine gives it."""
    value = _localtime(value)
    # The two machine formats of the pages, without Django's format parser (same text).
    if isinstance(value, dt.date):
        if arg == "c":
            return value.isoformat()
        if arg == "Y-m-d":
            return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        text = _format_date(value, formats.get_format(arg or "DATE_FORMAT"))
        if text is not None:
            return text
    return defaultfilters.date(value, arg)


def moments(values: Iterable[Any]) -> list[tuple[str, str]]:
    """``(value|date('c'), value|date("DATETIME_FORMAT"))`` for each moment of a list (the
    log and the journal show both for each line), the time zone, language and format
    looked up once for the list: the same text."""
    if not settings.USE_TZ:
        return [
            (date_filter(value, "c"), date_filter(value, "DATETIME_FORMAT")) for value in values
        ]
    zone = timezone.get_current_timezone()
    language = translation.get_language()
    format_string = formats.get_format("DATETIME_FORMAT")
    found = []
    for value in values:
        if not isinstance(value, dt.datetime) or timezone.is_naive(value):
            found.append((date_filter(value, "c"), date_filter(value, "DATETIME_FORMAT")))
            continue
        local = value.astimezone(zone)  # template_localtime(value)
        text = _format_date(local, format_string, language)
        if text is None:
            text = defaultfilters.date(local, "DATETIME_FORMAT")
        found.append((local.isoformat(), text))
    return found


def time_filter(value: Any, arg: str | None = None) -> str:
    """Django's ``time`` filter, in the current time zone."""
    return defaultfilters.time(_localtime(value), arg)


def default_filter(value: Any, arg: Any) -> Any:
    """Django's ``default``: any falsy value gives ``arg``."""
    return value or arg


def join_filter(value: Any, arg: str) -> Any:
    """Django's ``join``: the items escaped, the whole safe."""
    return defaultfilters.join(value, arg, autoescape=True)


# Per language, Django's truncation text ("%(truncated_text)s…"): the journal truncates
# each of its entries, and Django asks pgettext twice for each.
_truncations: dict[str | None, str] = {}


def _truncation_text() -> str:
    language = translation.get_language()
    found = _truncations.get(language)
    if found is None:
        found = _truncations[language] = translation.pgettext(
            "String to return when truncating text", "%(truncated_text)s…"
        )
    return found


def truncatechars_filter(value: Any, arg: int) -> str:
    """Django's ``truncatechars``; an ASCII text skips its per-character loop (same text)."""
    text = unicodedata.normalize("NFC", str(value))
    length = int(arg)
    if length > 0 and text[: length + 1].isascii():  # no combining characters to skip
        if len(text) <= length:
            return text
        truncate = _truncation_text()
        return add_truncation_text(
            text[: calculate_truncate_chars_length(length, truncate)], truncate
        )
    return defaultfilters.truncatechars(value, arg)


_NEWLINES = re.compile(r"\r\n|\r")  # django.utils.text.normalize_newlines


def linebreaksbr_filter(value: Any) -> Any:
    """Django's ``linebreaksbr``; a plain text skips its lazy-argument wrappers (same text)."""
    if type(value) is str:
        return SafeString(html_escape(_NEWLINES.sub("\n", value)).replace("\n", "<br>"))
    return defaultfilters.linebreaksbr(value, autoescape=True)


# The option templates of Django's Jinja2 form renderer (django/forms/jinja2/...): an
# <input> and its attributes, nothing else, escaped by markupsafe as that renderer does.
OPTION_TEMPLATES = frozenset(
    {"django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html"}
)


def choice_tag(choice: BoundWidget) -> Any:
    """``choice.tag()`` of a radio or checkbox option, the same HTML without rendering
    three templates per option (the check-in and SOS forms have dozens of options)."""
    data = choice.data
    if data.get("template_name") not in OPTION_TEMPLATES or not isinstance(
        choice.renderer, Jinja2Renderer
    ):
        return choice.tag()
    html = f'<input type="{markup_escape(data["type"])}" name="{markup_escape(data["name"])}"'
    if data["value"] is not None:
        html += f' value="{markup_escape(data["value"])}"'
    for name, value in data["attrs"].items():
        if value is True:
            html += f" {markup_escape(name)}"
        elif value is not False:
            html += f' {markup_escape(name)}="{markup_escape(value)}"'
    return Markup(html + ">")  # noqa: S704  (every part escaped)


# Per language, the HTML of an empty form (``forms_base.EmptyForm``: unbound, of a class
# that renders alike, for the same arguments). The check-in, urge and SOS letter forms are
# most of the time of their pages, and an empty one prints the same every time.
_forms: dict[tuple[Any, ...], Markup] = {}
FORMS_KEPT = 256
FORM_TEMPLATE = "web/_form.html"


def _rendered_form(context: Context, form: forms.BaseForm) -> Markup:
    template = context.environment.get_template(FORM_TEMPLATE)
    return Markup(template.render(form=form))  # noqa: S704  (rendered with autoescape)


@pass_context
def form_html(context: Context, form: forms.BaseForm | EmptyForm) -> Markup:
    """``{% include "web/_form.html" %}`` for ``form``; an ``EmptyForm`` is built and
    printed once per language and arguments."""
    if not isinstance(form, EmptyForm):
        return _rendered_form(context, form)
    key = (form.key(), translation.get_language())
    html = _forms.get(key)
    if html is None:
        html = _rendered_form(context, form.build())
        if len(_forms) >= FORMS_KEPT:
            _forms.clear()
        _forms[key] = html
    return html


class CsrfInput:
    """The hidden CSRF field of the forms of a page, made once (the Jinja2 backend's own
    masks the token anew for each form; Django's engine gave every form the same)."""

    def __init__(self, token: Any) -> None:
        self.token = token
        self.html: SafeString | None = None

    def __html__(self) -> SafeString:
        if self.html is None:
            self.html = format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', str(self.token)
            )
        return self.html

    def __str__(self) -> str:
        return self.__html__()


def csrf(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``csrf_token`` and ``csrf_input``, one token per page."""
    token = SimpleLazyObject(lambda: page_token(request))
    return {"csrf_token": token, "csrf_input": CsrfInput(token)}


# --- What the former template tags gave (nocontact/web/templatetags) --------------------


def keeps_offline_copy(request: HttpRequest, user_mark: str | None = None) -> bool:
    """Copies for offline use only when signed in, and never behind the app lock."""
    if user_mark is None:
        user_mark = offline_user(request)
    return bool(user_mark) and not getattr(request, "app_lock_idle", None)


# The pages kept for offline use, per URLconf and script prefix (reverse() twice a page).
_offline_pages: dict[tuple[Any, str], tuple[str, ...]] = {}


def _kept_offline() -> tuple[str, ...]:
    key = (get_resolver(get_urlconf()), get_script_prefix())
    pages = _offline_pages.get(key)
    if pages is None:
        pages = _offline_pages[key] = tuple(offline_pages())
    return pages


def offline_notes(request: HttpRequest | None) -> dict[str, Any]:
    """What the page tells its service worker: whose copies these are, and whether to keep them."""
    if request is None or isinstance(request, Undefined):
        return {"offline_user": "", "keep": False}
    user_mark = offline_user(request)
    return {
        "offline_user": user_mark,
        "keep": keeps_offline_copy(request, user_mark),
        "keep_page": request.path in _kept_offline(),
    }


def crisis_resources() -> list[dict[str, Any]]:
    """The configured crisis resources: the crisis panel is included from several areas."""
    return list(settings.CRISIS_RESOURCES)


def coach_labels_json() -> str:
    return json.dumps(flag_labels(), ensure_ascii=False)


_COOL_OFF_QUEUE = Prepared(
    lambda user_id: (
        Writing.objects.filter(
            breakup__user_id=user_id,
            kind=Writing.Kind.UNSENT_LETTER,
            might_send_at__isnull=False,
        )
        .only("pk", "text", "might_send_at")
        .order_by("might_send_at", "pk")[:QUEUE_LIMIT]
    ),
    ID,
)


def cool_off_letters(request: HttpRequest | None) -> list[dict[str, Any]]:
    """The user's letters in the cool-off queue: those back for review first."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    now = timezone.now()
    letters = []
    for row in _COOL_OFF_QUEUE.rows(cast(User, user).pk):
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


# --- Folding the constant calls of the templates at compile time ------------------------
#
# ``_("text")``, ``url("name")``, ``static("path")``, ``{% trans %}text{% endtrans %}``
# (``gettext("text")``) and ``get_current_language()`` give, for the same literal
# arguments, the same value for as long as the language, the script prefix and the
# URLconf are the same (and the settings: a changed one empties the cache, ``_forget``).
# A page has dozens of them; each was a ``Context.call`` at every render. A template is
# compiled, and kept, per (name, language, script prefix, URLconf), and in it those calls
# are the value the function gave at compile time: in ``{{ ... }}`` the very text the
# render printed (finalized with ``render_value``, then escaped, as at run time), folded
# into the page's static text; anywhere else the value itself (``Markup`` or ``str``).

# The folding key of the template being loaded through the keyed cache; None elsewhere
# (``from_string``: a template kept by its caller may render under another language).
_folding: ContextVar[tuple[Any, ...] | None] = ContextVar("nc_jinja2_folding", default=None)
_environments: weakref.WeakSet[Environment] = weakref.WeakSet()


def _fold_key() -> tuple[Any, ...] | None:
    """What the folded values depend on; None when it cannot be a key (a URLconf that is
    not a module path: the template is then compiled as Jinja2 compiles it)."""
    urlconf = get_urlconf()
    if urlconf is not None and type(urlconf) is not str:
        return None
    return (translation.get_language(), get_script_prefix(), urlconf)


# The functions whose calls with literal arguments only are folded, by global name.
FOLDED: dict[str, Callable[..., Any]] = {
    "_": translate_literal,
    "url": url,
    "static": static_url,
    "gettext": trans_gettext,
    "get_current_language": translation.get_language,
}


class FoldingCodeGenerator(CodeGenerator):
    """Jinja2's code generator, with the calls of ``FOLDED`` made at compile time."""

    def _folded(self, node: nodes.Node, frame: Frame) -> tuple[bool, Any]:
        """``(True, value)`` when ``node`` is a call to fold, else ``(False, None)``."""
        if _folding.get() is None or not isinstance(node, nodes.Call):
            return False, None
        callee = node.node
        if (
            not isinstance(callee, nodes.Name)
            or callee.ctx != "load"
            or node.kwargs
            or node.dyn_args is not None
            or node.dyn_kwargs is not None
            or not all(type(arg) is nodes.Const for arg in node.args)
        ):
            return False, None
        function = FOLDED.get(callee.name)
        if function is None or self.environment.globals.get(callee.name) is not function:
            return False, None
        # The template's own global, not a variable, parameter or import of that name.
        ref = frame.symbols.find_ref(callee.name)
        if ref is None or frame.symbols.find_load(ref) != (VAR_LOAD_RESOLVE, callee.name):
            return False, None
        args = [cast(nodes.Const, arg).value for arg in node.args]
        if not all(type(arg) in (str, int) for arg in args):
            return False, None
        try:
            value = function(*args)
        except Exception:  # e.g. NoReverseMatch: raised at render, as before
            return False, None
        if type(value) not in (str, Markup):
            return False, None
        return True, value

    def _output_child_to_const(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> str:
        folded, value = self._folded(node, frame)
        if not folded:
            return super()._output_child_to_const(node, frame, finalize)
        # What the render printed: escape(environment.finalize(value)), as text.
        if finalize.src is not None:
            if finalize.src != "environment.finalize(":
                raise nodes.Impossible  # a finalize that needs the context: at render
            value = self.environment.finalize(value)  # type: ignore[misc]
        if frame.eval_ctx.autoescape:
            value = markup_escape(value)
        return str(value)

    def _prints_values(self, frame: Frame, finalize: Any) -> bool:
        """Whether a value printed here goes through ``printed``: autoescaped, by the
        environment's own ``render_value`` (what Jinja2 would write is the same call,
        ``escape(environment.finalize(value))``, in two)."""
        return (
            frame.eval_ctx.autoescape
            and not frame.eval_ctx.volatile
            and finalize.src == "environment.finalize("
            and self.environment.finalize is render_value
        )

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._prints_values(frame, finalize):
            self.write("environment.printed(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._prints_values(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        folded, value = (False, None) if forward_caller else self._folded(node, frame)
        if not folded:  # (a {% call %} block's call passes its caller: never folded)
            super().visit_Call(node, frame, forward_caller=forward_caller)
        elif type(value) is Markup:
            self.write(f"Markup({str(value)!r})")
        else:
            self.write(repr(value))


class PageContext(Context):
    """Jinja2's context; calling a plain function (no ``pass_context`` and the like: the
    page's own helpers) skips the checks for what to pass it, the same call."""

    def call(
        __self,  # Jinja2's names: a keyword argument may be called "self"
        __obj: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if type(__obj) is not FunctionType or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class FoldingEnvironment(Environment):
    """Templates compiled and kept per language, script prefix and URLconf, with their
    constant calls folded (``FoldingCodeGenerator``)."""

    code_generator_class = FoldingCodeGenerator
    context_class = PageContext
    printed = staticmethod(printed)  # ``environment.printed`` in the compiled templates

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _environments.add(self)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals: the environment's, overlaid with ``d``, in a plain dict.

        Jinja's own is a ``ChainMap`` of the two, which every context made from the
        template (a page makes three or four) copies one global at a time, a Python
        call each, twice. A dict is copied at once. Changes to the template's globals
        stay its own, as with Jinja's; the environment's are all set before the first
        template loads (``environment()``), as Jinja asks.
        """
        return {**self.globals, **(d or {})}

    def _load_template(self, name: str, globals: Any) -> Template:
        key = _fold_key()
        # A bytecode cache would keep one language's code for all: no folding then.
        if key is None or self.bytecode_cache is not None:
            return super()._load_template(name, globals)
        if self.loader is None:
            raise TypeError("no loader for this environment specified")
        cache_key = (weakref.ref(self.loader), name, key)
        cache: Any = self.cache  # keyed by name and folding key, not by name alone
        if cache is not None:
            template = cache.get(cache_key)
            if template is not None and (not self.auto_reload or template.is_up_to_date):
                if globals:
                    template.globals.update(globals)
                return cast(Template, template)
        with _folding_for(key):
            template = self.loader.load(self, name, self.make_globals(globals))
        if cache is not None:
            cache[cache_key] = template
        return template


@contextmanager
def _folding_for(key: tuple[Any, ...]) -> Iterator[None]:
    token = _folding.set(key)
    try:
        yield
    finally:
        _folding.reset(token)


def environment(**options: Any) -> Environment:
    """The Jinja2 environment (settings.TEMPLATES ``OPTIONS["environment"]``)."""
    options.setdefault("keep_trailing_newline", True)  # as Django's engine prints a file
    options.pop("autoescape", None)  # always on: these are HTML pages
    # As Django's engine: a missing value, or an attribute of one, is empty, never an error
    # (the backend's default would be DebugUndefined under DEBUG, which prints the name).
    options["undefined"] = ChainableUndefined
    env = FoldingEnvironment(
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
            "static": static_url,
            "get_current_language": translation.get_language,
            "offline_notes": offline_notes,
            "crisis_resources": crisis_resources,
            "coach_crisis_resources": crisis_resources,
            "coach_crisis_panel": crisis_panel_template,
            "coach_labels_json": coach_labels_json,
            "cool_off_letters": cool_off_letters,
            "choice_tag": choice_tag,
            "form_html": form_html,
        }
    )
    env.filters.update(
        {
            "date": date_filter,
            "time": time_filter,
            "default": default_filter,
            "join": join_filter,
            "linebreaksbr": linebreaksbr_filter,
            "truncatechars": truncatechars_filter,
            "stringformat": defaultfilters.stringformat,
            "add": defaultfilters.add,
        }
    )
    return env
