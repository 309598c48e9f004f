"""Templates compiled per language, script prefix and URLconf (nocontact/web/jinja2_env.py).

Their ``_("text")``, ``url("name")``, ``static("path")`` and ``{% trans %}`` calls with
literal arguments are made once, when the template is compiled: a page must still print
each language's own text and each script prefix's own links, in one process, and the
very HTML the calls made at render time gave.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.core.signals import setting_changed
from django.template import defaultfilters, engines
from django.test import Client
from django.urls import get_script_prefix, set_script_prefix, set_urlconf
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment

from nocontact.journey.models import Writing
from nocontact.web.jinja2_env import (
    FoldingEnvironment,
    linebreaksbr_filter,
    render_value,
    truncatechars_filter,
)

PAGE = "web/writing_delete.html"


@pytest.fixture
def env() -> Environment:
    found = engines.all()[0].env  # type: ignore[attr-defined]
    assert isinstance(found, FoldingEnvironment)
    return found


@pytest.fixture
def script_prefix() -> Iterator[None]:
    before = get_script_prefix()
    yield
    set_script_prefix(before)


def render(env: Environment, *, folded: bool = True) -> str:
    context: dict[str, Any] = {
        "writing": SimpleNamespace(kind="journal", text="It's <me> & you", pk=7),
        "csrf_input": "",
    }
    if folded:
        return env.get_template(PAGE).render(context)
    # The same page without its calls folded: from_string compiles it as Jinja2 does.
    source, _filename, _uptodate = env.loader.get_source(env, PAGE)  # type: ignore[union-attr]
    return env.from_string(source).render(context)


def test_each_language_gets_its_own_text_in_one_process(env: Environment) -> None:
    pages: dict[str, str] = {}
    for language in ("en", "de", "en", "fr", "de"):
        with translation.override(language):
            page = render(env)
            assert page == render(env, folded=False)
            pages.setdefault(language, page)
            assert page == pages[language]
    assert "<title>Delete" in pages["en"]
    assert "<title>Löschen" in pages["de"]
    assert "<title>Supprimer" in pages["fr"]
    assert "Löschen" not in pages["en"]
    assert "Supprimer" not in pages["de"]
    # Django's escaping of the values stays: the template's own text is not escaped.
    assert "It&#x27;s &lt;me&gt; &amp; you" in pages["en"]


def test_a_changed_script_prefix_gives_its_own_links(env: Environment, script_prefix: None) -> None:
    with translation.override("en"):
        set_script_prefix("/")
        plain = render(env)
        set_script_prefix("/behind/proxy/")
        behind = render(env)
        assert behind == render(env, folded=False)
        set_script_prefix("/")
        again = render(env)
    assert 'action="/journal/7/delete/"' in plain
    assert 'href="/manifest.webmanifest"' in plain  # a link of base.html, folded
    assert 'action="/behind/proxy/journal/7/delete/"' in behind
    assert 'href="/behind/proxy/manifest.webmanifest"' in behind
    assert 'href="/manifest.webmanifest"' not in behind
    assert again == plain


def test_a_urlconf_module_renders_unfolded(env: Environment) -> None:
    urlconf: Any = importlib.import_module(settings.ROOT_URLCONF)  # as request.urlconf may be
    with translation.override("en"):
        plain = render(env)
        set_urlconf(urlconf)
        try:
            as_module = render(env)
        finally:
            set_urlconf(None)
    assert as_module == plain


def test_a_changed_setting_compiles_the_templates_again(env: Environment) -> None:
    with translation.override("en"):
        render(env)
    assert env.cache
    setting_changed.send(sender=None, setting="LANGUAGES", value=None, enter=True)
    assert not env.cache


@pytest.mark.django_db
def test_pages_in_two_languages_through_the_locale_middleware(
    owner_client: Client, owner_breakup: Any, settings: Any
) -> None:
    settings.LANGUAGES = [("en", "English"), ("de", "German")]
    writing = Writing.objects.create(
        breakup=owner_breakup, kind="journal", text="Note", at=timezone.now()
    )
    path = f"/journal/{writing.pk}/delete/"
    pages = {
        language: owner_client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        for language in ("en", "de")
    }
    assert "<title>Delete" in pages["en"]
    assert "<title>Löschen" in pages["de"]
    assert "Löschen" not in pages["en"]
    again = owner_client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<title>Delete" in again
    assert "Löschen" not in again


TEXTS = ["", "plain", 'It\'s <b>"you"</b> & me', "a\r\nb\rc\nd", "\n\n<br>\r", "é\u0301 ' \" &amp;"]


@pytest.mark.parametrize("text", TEXTS)
def test_plain_texts_print_as_django_prints_them(text: str) -> None:
    for value in (text, mark_safe(text)):  # noqa: S308  (a test of the escaping)
        assert linebreaksbr_filter(value) == defaultfilters.linebreaksbr(value, autoescape=True)
        assert type(linebreaksbr_filter(value)) is SafeString
    assert render_value(text) == escape(text)
    assert type(render_value(text)) is SafeString


@pytest.mark.parametrize("language", ["en", "de", "fr", "ja"])
def test_truncated_texts_end_with_each_language_s_ellipsis(language: str) -> None:
    with translation.override(language):
        for text in ("x" * 241, "a b\nc " * 80):
            for length in (1, 2, 120, 240):
                expected = defaultfilters.truncatechars(text, length)
                assert truncatechars_filter(text, length) == expected


def test_a_templates_own_globals_stay_its_own(env: Environment) -> None:
    # Globals given to one template (Django's backend does not, but Jinja allows it)
    # overlay the environment's for that template only, as Jinja's ChainMap did.
    own = env.from_string("{{ greeting }} {{ url_or_blank('no such page') }}|", {"greeting": "Hi"})
    other = env.from_string("{{ greeting }}|")
    assert own.render() == "Hi |"
    assert other.render() == "|"
    own.globals["greeting"] = "Hello"
    assert own.render() == "Hello |"
    assert "greeting" not in env.globals
    assert other.render() == "|"


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert('x')</script> & \"quotes\"",
        "",
        mark_safe("<b>kept</b>"),
        SafeString("<i>safe</i>"),
        12345,
        -1.5,
        None,
        True,
        translation.gettext_lazy("Your log"),
        timezone.now(),
        SimpleNamespace(),
    ],
    ids=lambda v: type(v).__name__,
)
def test_a_printed_value_is_what_jinja_would_print(env: Environment, value: Any) -> None:
    # Pages print values in one call (``printed``): the very text Jinja2's own
    # ``escape(finalize(value))`` gives, escaping included.
    ours = env.from_string("{{ value }}").render(value=value)
    jinja = Environment(autoescape=True, finalize=render_value)
    assert ours == jinja.from_string("{{ value }}").render(value=value)
    if isinstance(value, str) and not hasattr(value, "__html__"):
        assert "<" not in ours
        assert "'" not in ours
