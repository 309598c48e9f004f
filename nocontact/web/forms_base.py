"""Shared form behaviour: errors announced to screen readers."""

from __future__ import annotations

from typing import Any

from django import forms


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


class Form(AccessibleFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
