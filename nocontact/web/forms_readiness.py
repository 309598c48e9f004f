"""Forms of the program's choices: the readiness self-check, the strategy, the outcome.

The forms shape the input; the core checks it (``repository.record_event``), and
the views turn a refusal into a form error with status 400.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nocontact.core import rules
from nocontact.core.readiness import STATEMENTS
from nocontact.web.forms_base import Form

AGREEMENT_LABELS = {
    1: _("1 · not at all"),
    2: _("2 · a little"),
    3: _("3 · somewhat"),
    4: _("4 · mostly"),
    5: _("5 · completely"),
}
STRATEGY_CHOICES = [
    ("reconnect", _("Reconnect, step by step")),
    ("intent_statement", _("Say it once, clearly")),
    ("move_on", _("Move on")),
]
OUTCOME_CHOICES = [
    ("reunited", _("We are back together")),
    ("moved_on", _("I am moving on")),
]
_CHOOSE = {
    "required": _("Please choose one of the options."),
    "invalid_choice": _("Please choose one of the options."),
}


def _agreement_choices() -> list[tuple[str, Any]]:
    low, high = rules.READINESS_ANSWER_RANGE
    return [(str(n), AGREEMENT_LABELS.get(n, str(n))) for n in range(low, high + 1)]


class ReadinessForm(Form):
    """One radio group per statement, in the order of the export format."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for statement in STATEMENTS:
            self.fields[statement.key] = forms.ChoiceField(
                label=_(statement.text),
                choices=_agreement_choices(),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose how much this is true for you."),
                    "invalid_choice": _("Please choose a number from 1 to 5."),
                },
            )

    def answers(self) -> list[int]:
        return [int(self.cleaned_data[statement.key]) for statement in STATEMENTS]


class StrategyForm(Form):
    strategy = forms.ChoiceField(
        label=_("Which way feels right for you now?"),
        choices=STRATEGY_CHOICES,
        widget=forms.RadioSelect,
        error_messages=_CHOOSE,
    )


class OutcomeForm(Form):
    outcome = forms.ChoiceField(
        label=_("Where are you now?"),
        choices=OUTCOME_CHOICES,
        widget=forms.RadioSelect,
        error_messages=_CHOOSE,
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, allowed: tuple[str, ...] = ("reunited", "moved_on"), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, label) for value, label in OUTCOME_CHOICES if value in allowed]
