"""Forms for the breakup profile: onboarding, editing, known dates and items left.

Only what the program needs is asked. Nothing here asks for, or keeps, where the
ex lives, their social profiles or their schedule.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Final

from django import forms
from django.utils.translation import gettext_lazy as _

from nocontact.core import clock, rules
from nocontact.core import model as core
from nocontact.journey.models import ENDED_BY_CHOICES, GOAL_CHOICES, Occasion
from nocontact.web.forms_base import Form

# A breakup older than this is almost surely a typo in the year.
MAX_BREAKUP_AGE_YEARS: Final = 10
MAX_RELATIONSHIP_MONTHS: Final = 1200
EARLIEST_KNOWN_DATE: Final = dt.date(1900, 1, 1)
LATEST_KNOWN_DATE: Final = dt.date(2200, 12, 31)

# Contact details have no place in a nickname or a date's name: an email address,
# a handle, a link, or (in a nickname) a phone number.
_LINKS_AND_HANDLES = re.compile(r"@|https?://|www\.|\.(?:com|net|org)\b", re.IGNORECASE)
_PHONE_NUMBER = re.compile(r"(?:\d[\s\-./()]*){6,}")

INTENSITY_CHOICES: Final = [
    (0, _("Calm: we talked it through, without a big fight.")),
    (1, _("Tense: some hard words, but no big scene.")),
    (2, _("Heated: shouting, a big fight, doors slammed.")),
    (3, _("Severe: cheating, a deep breach of trust, or the police were involved.")),
]
UNSAFE_CHOICES: Final = [
    ("no", _("No")),
    ("yes", _("Yes")),
]

_EXCLUDED_ZONE_PREFIXES = (
    "Etc/",
    "SystemV/",
    "posix/",
    "right/",
    "US/",
    "Canada/",
    "Brazil/",
    "Chile/",
    "Mexico/",
)


@lru_cache(maxsize=1)
def timezone_choices() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """IANA zones grouped by region, for a select with optgroups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in clock._known_names():  # the core's cached list of zones
        if "/" not in name or name.startswith(_EXCLUDED_ZONE_PREFIXES):
            continue
        region, _sep, place = name.partition("/")
        groups.setdefault(region, []).append((name, place.replace("_", " ").replace("/", " / ")))
    grouped = [
        (region, tuple(sorted(zones, key=lambda z: z[1])))
        for region, zones in sorted(groups.items())
    ]
    return (("UTC", (("UTC", "UTC"),)), *grouped)


def _reject_contact_details(value: str, *, digits: bool = False) -> None:
    if _LINKS_AND_HANDLES.search(value) or (digits and _PHONE_NUMBER.search(value)):
        raise forms.ValidationError(
            _("Please leave out email addresses, links and phone numbers. A name is enough."),
            code="contact_details",
        )


class TimezoneField(forms.ChoiceField):
    """A select of IANA time zones; anything else is a clear error."""

    default_error_messages = {
        "invalid_choice": _("Please choose your time zone from the list."),
        "required": _("Please choose your time zone from the list."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Your time zone"))
        kwargs.setdefault("help_text", _("Your days are counted from midnight where you are."))
        super().__init__(choices=timezone_choices, **kwargs)

    def valid_value(self, value: Any) -> bool:
        # Older names (US/Eastern, Etc/GMT+2) are not listed but still accepted.
        return isinstance(value, str) and clock.is_valid_timezone(value)


class ProfileForm(Form):
    """The breakup profile of DESIGN.md "Setup", without dates and items."""

    ex_nickname = forms.CharField(
        label=_("Their nickname"),
        max_length=60,
        help_text=_(
            "A first name or nickname is all we need: no surname, photo or contact details."
        ),
        error_messages={"required": _("Please give a name or nickname, even just an initial.")},
    )
    breakup_date = forms.DateField(
        label=_("When did you break up?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Please give the date, even a rough one."),
            "invalid": _("Please give a date like 2026-09-01."),
        },
    )
    relationship_months = forms.IntegerField(
        label=_("How many months were you together?"),
        min_value=0,
        max_value=MAX_RELATIONSHIP_MONTHS,
        help_text=_("A rough number is fine. Two years is 24 months."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Please give a rough number of months."),
            "invalid": _("Please give a whole number of months."),
            "min_value": _("Please give a whole number of months."),
            "max_value": _("That seems too long; please check the number of months."),
        },
    )
    ended_by = forms.ChoiceField(
        label=_("Who ended it?"),
        choices=ENDED_BY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose one of the options."),
            "invalid_choice": _("Please choose one of the options."),
        },
    )
    intensity = forms.TypedChoiceField(
        label=_("How did it end?"),
        choices=INTENSITY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("A harder ending means a longer No Contact period, to give you time to heal."),
        error_messages={
            "required": _("Please choose the option closest to how it ended."),
            "invalid_choice": _("Please choose the option closest to how it ended."),
        },
    )
    goal = forms.ChoiceField(
        label=_("What do you hope for, right now?"),
        choices=GOAL_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("You can change this later. Not knowing yet is perfectly fine."),
        error_messages={
            "required": _("Please choose one of the options."),
            "invalid_choice": _("Please choose one of the options."),
        },
    )
    unsafe = forms.ChoiceField(
        label=_("Was the relationship abusive, or did you feel unsafe?"),
        choices=UNSAFE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "If you answer yes, No Contact here is about your safety, and the app offers "
            "support instead of ways to reconnect. If you're unsure, yes is a safe answer."
        ),
        error_messages={
            "required": _("Please answer yes or no."),
            "invalid_choice": _("Please answer yes or no."),
        },
    )

    def __init__(
        self, *args: Any, today: dt.date, safety_track: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        if safety_track:
            # On the safety track there is nothing to hope for from the ex here;
            # the stored goal is kept as it is and ignored by the rules.
            del self.fields["goal"]
        self.fields["breakup_date"].widget.attrs["max"] = today.isoformat()
        self.fields["ex_nickname"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false"}
        )

    def clean_ex_nickname(self) -> str:
        nickname = " ".join(self.cleaned_data["ex_nickname"].split())
        if not nickname:
            raise forms.ValidationError(self.fields["ex_nickname"].error_messages["required"])
        _reject_contact_details(nickname, digits=True)
        return nickname

    def clean_breakup_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["breakup_date"]
        if day > self.today:
            raise forms.ValidationError(
                _("That date is in the future. Please give the day it happened."), code="future"
            )
        oldest = dt.date(
            self.today.year - MAX_BREAKUP_AGE_YEARS, self.today.month, min(self.today.day, 28)
        )
        if day < oldest:
            raise forms.ValidationError(
                _("That is more than %(years)s years ago. Please check the year.")
                % {"years": MAX_BREAKUP_AGE_YEARS},
                code="too_old",
            )
        return day

    def clean_unsafe(self) -> bool:
        return bool(self.cleaned_data["unsafe"] == "yes")

    def profile_fields(self) -> dict[str, Any]:
        """The cleaned answers as ``core.Profile`` keywords (``goal`` only when asked)."""
        data = self.cleaned_data
        fields: dict[str, Any] = {
            "ex_nickname": data["ex_nickname"],
            "breakup_date": data["breakup_date"],
            "relationship_months": data["relationship_months"],
            "ended_by": core.EndedBy(data["ended_by"]),
            "intensity": max(0, min(int(data["intensity"]), rules.MAX_INTENSITY)),
            "unsafe": bool(data["unsafe"]),
        }
        if "goal" in data:
            fields["goal"] = core.Goal(data["goal"])
        return fields


class OnboardingForm(ProfileForm):
    timezone = TimezoneField()

    field_order = [
        "ex_nickname",
        "breakup_date",
        "relationship_months",
        "ended_by",
        "intensity",
        "goal",
        "unsafe",
        "timezone",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser knows the user's zone better than our default does; after an
        # error, the zone the user picked stays as it is.
        self.fields["timezone"].widget.attrs["data-guess-timezone"] = (
            "" if self.is_bound else "always"
        )


class DateForm(Form):
    """A date the user already knows: an occasion of theirs, or a hard date for the user."""

    name = forms.CharField(
        label=_("What is it?"),
        max_length=120,
        error_messages={"required": _("Please give it a short name.")},
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Please give the date."),
            "invalid": _("Please give a date like 2027-06-20."),
        },
    )
    coping_plan = forms.CharField(
        label=_("A plan for the day (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who could you be with? What would feel kind to yourself that day?"),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        # The kind travels as a plain ``kind`` field next to the prefixed ones.
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == Occasion.Kind.OCCASION:
            del self.fields["coping_plan"]
            self.fields["name"].help_text = _(
                "A date you already know, like their birthday or graduation. Only the date: "
                "never where they are or what they do."
            )
            self.fields["name"].label = _("Which occasion?")
            self.fields["name"].widget.attrs["placeholder"] = _("Their birthday")
        elif kind == Occasion.Kind.HARD_DATE:
            self.fields["name"].help_text = _(
                "An anniversary, a holiday, a song's day: whatever may sting."
            )
            self.fields["name"].label = _("Which day?")
            self.fields["name"].widget.attrs["placeholder"] = _("Our anniversary")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give it a short name."))
        _reject_contact_details(name)
        return name

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if not EARLIEST_KNOWN_DATE <= day <= LATEST_KNOWN_DATE:
            raise forms.ValidationError(
                _("Please check the year of this date."), code="out_of_range"
            )
        return day


class ItemForm(Form):
    name = forms.CharField(
        label=_("What was left behind?"),
        max_length=120,
        error_messages={"required": _("Please name the item.")},
        widget=forms.TextInput(attrs={"placeholder": _("A guitar")}),
    )
    substantial = forms.BooleanField(
        label=_("It matters (worth giving back)"),
        required=False,
        help_text=_("A guitar or a passport matters; a toothbrush or an old T-shirt does not."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "item")
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please name the item."))
        _reject_contact_details(name)
        return name
