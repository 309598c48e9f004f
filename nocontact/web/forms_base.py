"""Shared form behaviour: errors announced to screen readers, fields copied quickly, and
empty forms that print what they printed before.

Every form copies its class's fields (``BaseForm.__init__``: ``copy.deepcopy`` of
``base_fields``), so that one form may change its own. Through ``copy``'s generic path
that took most of the time to build a form: 0.15 ms for the urge form, more than the
rest of the urge page's own work. ``FieldsOfAClass`` makes the same copies as Django's
``__deepcopy__`` methods, directly (``copied_field``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass

T = TypeVar("T")

# The ``__deepcopy__`` methods whose copies ``copied_field`` makes itself.
_FIELD_COPY = forms.Field.__deepcopy__
_CHOICE_FIELD_COPY = forms.ChoiceField.__deepcopy__
_WIDGET_COPY = forms.Widget.__deepcopy__
_CHOICE_WIDGET_COPY = forms.widgets.ChoiceWidget.__deepcopy__
# What would make ``copy.copy`` of an instance more than a new one with the same __dict__.
_OWN_COPY = ("__copy__", "__getnewargs__", "__getnewargs_ex__", "__setstate__")
_plain_types: dict[type, bool] = {}


def _plain(cls: type) -> bool:
    """Whether ``copy.copy`` of a ``cls`` is a new instance with the same ``__dict__``:
    no copy, pickling or slots of its own."""
    plain = _plain_types.get(cls)
    if plain is None:
        plain = _plain_types[cls] = (
            not any(hasattr(cls, name) for name in _OWN_COPY)
            and cls.__reduce_ex__ is object.__reduce_ex__  # type: ignore[comparison-overlap]
            and cls.__reduce__ is object.__reduce__  # type: ignore[comparison-overlap]
            and cls.__getstate__ is object.__getstate__  # type: ignore[comparison-overlap]
            and cls not in copy._copy_dispatch  # type: ignore[attr-defined]
            and not any("__slots__" in vars(k) for k in cls.__mro__[:-1])
        )
    return plain


def _clone(obj: T) -> T:
    """``copy.copy(obj)`` for an instance of a ``_plain`` class."""
    cls = type(obj)
    new: T = cls.__new__(cls)
    new.__dict__.update(obj.__dict__)
    return new


def _copied_widget(widget: forms.Widget, memo: dict[int, Any], shared_choices: bool) -> Any:
    """``Widget.__deepcopy__`` or ``ChoiceWidget.__deepcopy__``, whose choices are not
    copied for a field that shares them (``SharedChoicesField``)."""
    deep = type(widget).__deepcopy__
    if deep not in (_WIDGET_COPY, _CHOICE_WIDGET_COPY) or not _plain(type(widget)):
        return copy.deepcopy(widget, memo)
    new = _clone(widget)
    new.attrs = widget.attrs.copy()
    if deep is _CHOICE_WIDGET_COPY and not shared_choices:
        new.choices = copy.copy(widget.choices)  # type: ignore[attr-defined]
    memo[id(widget)] = new
    return new


def copied_field(field: forms.Field, memo: dict[int, Any]) -> forms.Field:
    """``copy.deepcopy(field, memo)``: the same copy, made directly for a field copied
    by ``Field.__deepcopy__`` or ``ChoiceField.__deepcopy__`` (or a ``SharedChoicesField``,
    whose choices are shared), by ``copy.deepcopy`` for any other."""
    cls = type(field)
    shared = getattr(cls, "shares_choices", False)
    deep = cls.__deepcopy__
    if not (shared or deep in (_FIELD_COPY, _CHOICE_FIELD_COPY)) or not _plain(cls):
        return copy.deepcopy(field, memo)
    new = _clone(field)
    memo[id(field)] = new
    new.widget = _copied_widget(field.widget, memo, shared)
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    if not shared and deep is _CHOICE_FIELD_COPY:
        new._choices = copy.deepcopy(field._choices, memo)  # type: ignore[attr-defined]
    return new


class FieldsOfAClass(dict[str, forms.Field]):
    """A form class's ``base_fields``: ``copy.deepcopy`` of it is a plain dict of copies
    of its fields (``copied_field``)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return {name: copied_field(field, memo) for name, field in self.items()}


class QuickCopyMetaclass(DeclarativeFieldsMetaclass):
    """Django's form metaclass, with the class's fields in a ``FieldsOfAClass``."""

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = FieldsOfAClass(new_class.base_fields)  # type: ignore[attr-defined]
        return new_class


class QuickForm(forms.Form, metaclass=QuickCopyMetaclass):
    """A Django form whose fields are copied quickly for each form."""


class AccessibleFormMixin:
    """Mark invalid inputs with ``aria-invalid`` and tie them to their error text."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name in form.errors:
            if name in form.fields:
                widget = form.fields[name].widget
                described = f"{form[name].auto_id}_error"
                existing = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-invalid"] = "true"
                if described not in existing:
                    widget.attrs["aria-describedby"] = f"{existing} {described}".strip()


class EmptyForm:
    """An unbound form of ``form_class``, not built: a page's ``form_html`` prints the HTML
    kept for its class, arguments and language, and builds it only to print it the first
    time (``web/jinja2_env.py``). Made by ``Form.empty``."""

    is_bound = False
    errors: Mapping[str, Any] = MappingProxyType({})

    def __init__(self, form_class: type[Form], **kwargs: Any) -> None:
        self.form_class = form_class
        self.kwargs = kwargs

    def key(self) -> tuple[Any, ...]:
        """What the HTML depends on, besides the language: the class and its arguments."""
        return (self.form_class, repr(sorted(self.kwargs.items())))

    def build(self) -> Form:
        return self.form_class(**self.kwargs)


class Form(AccessibleFormMixin, QuickForm):
    """The app's forms: accessible errors, fields copied quickly."""

    # True for a class whose empty forms all print alike for the same arguments: its
    # fields, labels, choices and widgets are fixed by the class (no view changes them),
    # and nothing in it reads the time zone or the person. Only these have ``empty``.
    renders_alike = False

    @classmethod
    def empty(cls, **kwargs: Any) -> EmptyForm:
        """An empty form of this class (``initial``, ``prefix`` and the like as for the
        class), printed once per language and arguments (``EmptyForm``)."""
        if not cls.renders_alike:
            raise TypeError(f"{cls.__name__} may print differently each time: build it")
        if "data" in kwargs or "files" in kwargs:
            raise TypeError("an empty form has no data")
        return EmptyForm(cls, **kwargs)
