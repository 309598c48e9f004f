"""The pages render with Jinja2 (nocontact/web/jinja2_env.py) and print what Django gave.

The shortcuts there (radio and checkbox options without a template each, the machine
date formats, ASCII truncation) must give the very text of Django's own code: a
difference would show on every page with a form, a date or a journal entry.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django import forms as django_forms
from django.forms.renderers import Jinja2
from django.template import defaultfilters, engines
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from nocontact.web import (
    forms_profile,
    forms_program,
    forms_readiness,
    forms_routes,
    forms_settings,
)
from nocontact.web.form_renderer import PageFormRenderer
from nocontact.web.jinja2_env import choice_tag, date_filter, moments, truncatechars_filter, url

CHOICE_WIDGETS = (django_forms.RadioSelect, django_forms.CheckboxSelectMultiple)
FORMS: list[type[django_forms.Form]] = [
    forms_program.CheckinForm,
    forms_program.UrgeForm,
    forms_program.SlipForm,
    forms_readiness.ReadinessForm,
    forms_routes.AttemptForm,
    forms_routes.SignalForm,
    forms_readiness.OutcomeForm,
    forms_routes.MeetingForm,
]


def option_fields(form: django_forms.Form) -> list[Any]:
    return [field for field in form if isinstance(field.field.widget, CHOICE_WIDGETS)]


@pytest.mark.parametrize("form_class", FORMS, ids=lambda form: form.__name__)
def test_the_options_are_the_inputs_django_renders(form_class: type[django_forms.Form]) -> None:
    empty = form_class()
    fields = option_fields(empty)
    assert fields, "a form with options"
    # The same form sent back with every first option chosen, and an odd value.
    data = {field.html_name: field.field.choices[0][0] for field in fields}
    data[fields[0].html_name] = '"<odd> & value'
    sent = form_class(data=data)
    sent.is_valid()
    for form in (empty, sent):
        for field in option_fields(form):
            for choice in field:
                assert str(choice_tag(choice)) == str(choice.tag())


DATES = [
    dt.date(2026, 1, 2),
    dt.date(999, 12, 31),
    dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, 23, 59, 59, 123456, tzinfo=dt.UTC),
    dt.datetime(2026, 7, 1, 12, 0),
]


# A date has no time to show: DATETIME_FORMAT is for datetimes only (Django refuses it too).
DATE_CASES = [
    (value, arg)
    for value in DATES
    for arg in ("c", "Y-m-d", "DATE_FORMAT", "DATETIME_FORMAT")
    if arg != "DATETIME_FORMAT" or isinstance(value, dt.datetime)
]


@pytest.mark.parametrize(("value", "arg"), DATE_CASES, ids=str)
def test_the_dates_read_as_django_writes_them(value: Any, arg: str) -> None:
    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        local = timezone.template_localtime(value)  # type: ignore[attr-defined]
        assert date_filter(value, arg) == defaultfilters.date(local, arg)


@pytest.mark.parametrize(
    "format_string",
    ["DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "D, l F M b E \\Y a A g:i h s", "jS F"],
)
def test_every_month_day_and_minute_reads_as_django_writes_it(format_string: str) -> None:
    checked = 0
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        for month in range(1, 13):
            for hour in range(24):
                for minute in (0, 1, 9, 30, 59):
                    value = dt.datetime(2026, month, month * 2, hour, minute, 7, tzinfo=dt.UTC)
                    local = timezone.template_localtime(value)  # type: ignore[attr-defined]
                    expected = defaultfilters.date(local, format_string)
                    assert date_filter(value, format_string) == expected
                    checked += 1
    assert checked == 12 * 24 * 5


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "x" * 240,
        "x" * 241,
        "a b\nc " * 80,
        "é" * 300,
        "e\u0301" * 200,
        "x" * 239 + "é",
    ],
)
@pytest.mark.parametrize("length", [1, 2, 120, 240])
def test_truncated_texts_end_where_django_ends_them(text: str, length: int) -> None:
    assert truncatechars_filter(text, length) == defaultfilters.truncatechars(text, length)


class Choices(django_forms.Form):
    """Selects of every shape: groups, a blank and an odd value, several chosen."""

    grouped = django_forms.ChoiceField(
        choices=[("", "---"), ("Near", [("a&b", "A & <b>"), ('q"', "Quote")]), ("z", "Z")]
    )
    several = django_forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")])
    maybe = django_forms.NullBooleanField()


def selects(form: django_forms.Form) -> list[Any]:
    return [field for field in form if isinstance(field.field.widget, django_forms.Select)]


def test_the_selects_are_the_html_django_renders() -> None:
    today = dt.date(2026, 11, 30)
    forms: list[django_forms.Form] = [
        forms_profile.OnboardingForm(today=today),
        forms_settings.SettingsForm(),
        forms_settings.SettingsForm(data={"timezone": "Europe/Paris"}),
        Choices(),
        Choices(data={"grouped": "a&b", "several": ["1", "2"], "maybe": "true"}),
    ]
    checked = 0
    for form in forms:
        for field in selects(form):
            form.renderer = Jinja2()
            expected = str(field)
            form.renderer = PageFormRenderer()
            assert str(field) == expected
            checked += 1
    assert checked == 9  # the three time zones, and the three selects of Choices twice


class Plain(django_forms.Form):
    """Inputs and text areas of every shape: odd values, flags, an initial value."""

    text = django_forms.CharField(initial='"<odd> & value', max_length=10)
    number = django_forms.IntegerField(
        required=False, widget=django_forms.NumberInput(attrs={"min": "0", "step": "1"})
    )
    words = django_forms.CharField(required=False, widget=django_forms.Textarea(attrs={"rows": 4}))
    hidden = django_forms.CharField(required=False, widget=django_forms.HiddenInput)
    email = django_forms.EmailField(required=False, disabled=True)
    secret = django_forms.CharField(required=False, widget=django_forms.PasswordInput)
    agree = django_forms.BooleanField(required=False)
    day = django_forms.DateField(
        required=False, widget=django_forms.DateInput(attrs={"type": "date"})
    )


def plain_fields(form: django_forms.Form) -> list[Any]:
    return [
        field
        for field in form
        if not isinstance(field.field.widget, (django_forms.Select, *CHOICE_WIDGETS))
    ]


def test_the_inputs_and_text_areas_are_the_html_django_renders() -> None:
    forms: list[django_forms.Form] = [
        *(form_class() for form_class in FORMS),
        forms_program.WritingForm(),
        forms_program.WritingForm(data={"text": "Dear <you>,\n\n& \"nothing\" 'sent'"}),
        forms_program.CheckinForm(data={"desperation": "4", "sleep_hours": "x"}),
        Plain(),
        Plain(data={"text": "x" * 20, "number": "-1", "words": "  <b>\n", "agree": "on"}),
        Plain(data={"words": "", "day": "2026-11-30", "hidden": "&"}),
    ]
    checked = 0
    for form in forms:
        form.is_valid()
        for field in plain_fields(form):
            form.renderer = Jinja2()
            expected = str(field)
            form.renderer = PageFormRenderer()
            assert str(field) == expected
            checked += 1
    assert checked > 30


def test_a_link_with_a_number_is_the_path_django_gives() -> None:
    for pk in (0, 7, 12345678901234):
        assert url("edit_writing", pk) == reverse("edit_writing", args=[pk])
    with pytest.raises(NoReverseMatch):
        url("edit_writing", -1)
    with pytest.raises(NoReverseMatch):
        url("edit_writing", "x")


def test_an_empty_form_prints_what_its_template_prints() -> None:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    kept = env.from_string("{{ form_html(form) }}")
    included = env.from_string('{% include "web/_form.html" %}')
    empty = [
        forms_program.CheckinForm.empty(),
        forms_program.UrgeForm.empty(initial={"from": "sos", "outcome": "resisted"}),
        forms_program.UrgeForm.empty(initial={"from": '"<odd>'}),
        forms_program.LetterForm.empty(prefix="letter"),
        forms_program.LetterForm.empty(),
    ]
    for _ in range(2):  # made, then kept
        for form in empty:
            assert kept.render(form=form) == included.render(form=form.build())
    assert "Write to them here instead." in kept.render(form=empty[-1])
    assert 'name="letter-text"' in kept.render(form=empty[-2])
    assert 'value="&#34;&lt;odd&gt;"' in kept.render(form=empty[2])


def test_a_built_form_prints_as_it_is_now() -> None:
    """A real form is printed each time: its errors, its changed labels."""
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    kept = env.from_string("{{ form_html(form) }}")
    renamed = forms_program.WritingForm()
    renamed.fields["text"].label = "What is on your mind?"
    assert "What is on your mind?" in kept.render(form=renamed)
    assert "What is on your mind?" not in kept.render(form=forms_program.WritingForm())
    refused = forms_program.CheckinForm(data={"mood": "9"})
    assert 'aria-invalid="true"' in kept.render(form=refused)
    assert "aria-invalid" not in kept.render(form=forms_program.CheckinForm.empty())


def test_only_a_class_that_renders_alike_has_empty_forms() -> None:
    with pytest.raises(TypeError):
        forms_program.WritingForm.empty()
    with pytest.raises(TypeError):
        forms_program.CheckinForm.empty(data={"mood": "3"})


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "UTC"])
def test_the_moments_of_a_list_read_as_the_date_filter_writes_them(zone: str) -> None:
    values = [value for value in DATES if isinstance(value, dt.datetime)]  # naive too
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        assert moments(values) == [
            (date_filter(value, "c"), date_filter(value, "DATETIME_FORMAT")) for value in values
        ]
