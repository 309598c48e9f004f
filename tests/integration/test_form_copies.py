"""Each form gets its own copy of its class's fields, made directly (``forms_base``): the
same copy ``copy.deepcopy`` makes, and one form's changes never reach another's."""

from __future__ import annotations

import copy
import importlib
import pkgutil
from typing import Any

import pytest
from django import forms
from django.urls import reverse

import nocontact
from nocontact.web import forms_base
from nocontact.web.forms_base import QuickForm, copied_field
from nocontact.web.forms_program import CheckinForm, UrgeForm


def _all_quick_forms() -> list[type[QuickForm]]:
    for module in pkgutil.walk_packages(nocontact.__path__, "nocontact."):
        if "forms" in module.name.rsplit(".", 1)[-1] or module.name.endswith("token_views"):
            importlib.import_module(module.name)
    found, todo = [], [QuickForm]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.base_fields]


QUICK_FORMS = _all_quick_forms()


def _state(value: Any) -> Any:
    """What a copy must keep of a field or widget: its attributes, compared by value."""
    return {k: v for k, v in vars(value).items() if k not in {"widget"}}


def test_every_form_of_the_app_copies_its_fields_quickly() -> None:
    names = {cls.__name__ for cls in QUICK_FORMS}
    assert {"CheckinForm", "UrgeForm", "OfflineEntryForm", "WritingForm", "SettingsForm"} <= names
    assert all(isinstance(cls.base_fields, forms_base.FieldsOfAClass) for cls in QUICK_FORMS)


@pytest.mark.parametrize("form_class", QUICK_FORMS, ids=lambda cls: cls.__name__)
def test_a_form_gets_the_copy_django_would_make(form_class: type[QuickForm]) -> None:
    made = copy.deepcopy(form_class.base_fields)
    djangos = {name: copy.deepcopy(field) for name, field in form_class.base_fields.items()}
    assert type(made) is dict
    assert list(made) == list(djangos)
    for name, field in made.items():
        original, theirs = form_class.base_fields[name], djangos[name]
        assert type(field) is type(theirs)
        assert field is not original
        assert type(field.widget) is type(theirs.widget)
        assert field.widget is not original.widget
        assert _state(field) == _state(theirs)
        assert vars(field.widget) == vars(theirs.widget)
        # What a form may change in place is its own.
        assert field.widget.attrs is not original.widget.attrs
        assert field.error_messages is not original.error_messages
        assert field.validators is not original.validators


@pytest.mark.django_db
def test_an_invalid_form_marks_its_own_fields_only(owner_client: Any, owner_breakup: Any) -> None:
    """The check-in form's error marks (aria-invalid) stay on the form that had them."""
    url = reverse("checkin")
    refused = owner_client.post(url, {"mood": "9", "desperation": "x", "cried": "maybe"})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.content.decode()
    page = owner_client.get(url)
    assert page.status_code == 200
    assert "aria-invalid" not in page.content.decode()
    assert not any("aria-invalid" in f.widget.attrs for f in CheckinForm.base_fields.values())


def test_choices_replaced_on_one_form_stay_on_it() -> None:
    first, second = UrgeForm(), UrgeForm()
    first.fields["channel"].choices = [("call", "A call")]
    assert [v for v, _ in first.fields["channel"].widget.choices] == ["call"]
    assert len(second.fields["channel"].widget.choices) == 5
    assert len(UrgeForm.base_fields["channel"].widget.choices) == 5


def test_a_plain_choice_field_gets_its_own_choices() -> None:
    class Pick(QuickForm):
        colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")])

    first, second = Pick(), Pick()
    first.fields["colour"].choices.append(("b", "Blue"))
    assert [v for v, _ in second.fields["colour"].choices] == ["r", "g"]
    assert [v for v, _ in Pick.base_fields["colour"].choices] == ["r", "g"]


def test_a_field_with_a_copy_of_its_own_is_copied_by_deepcopy() -> None:
    class Moment(QuickForm):
        when = forms.SplitDateTimeField()  # MultiValueField: its subfields are copied too

    first, second = Moment(), Moment()
    assert first.fields["when"].fields[0] is not second.fields["when"].fields[0]
    first.fields["when"].fields[0].widget.attrs["class"] = "mine"
    assert "class" not in second.fields["when"].fields[0].widget.attrs


def test_a_class_with_slots_or_a_copy_of_its_own_is_not_plain() -> None:
    class Slotted(forms.CharField):
        __slots__ = ("extra",)

    class OwnCopy(forms.CharField):
        def __copy__(self) -> OwnCopy:
            return self

    assert forms_base._plain(forms.CharField)
    assert not forms_base._plain(Slotted)
    assert not forms_base._plain(OwnCopy)
    own = OwnCopy()
    assert copied_field(own, {}) is own  # copy.deepcopy, through its own __copy__
