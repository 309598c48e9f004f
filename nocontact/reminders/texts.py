"""Every sentence of the calendar and the e-mails, in one place.

They may show on a lock screen or in a shared calendar: no name, no detail,
nothing that says what the app is about to a passer-by.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nocontact.core.calendar import CalendarEntry, EntryKind
from nocontact.core.reminders import DueReminder, ReminderKind


def calendar_name() -> str:
    # What a calendar app shows as the calendar's name: nothing about the app's purpose.
    return _("Reminders")


def entry_summary(entry: CalendarEntry) -> str:
    if entry.kind is EntryKind.MILESTONE:
        days = entry.days or 0
        return ngettext("Day %(days)s: a milestone", "Day %(days)s: a milestone", days) % {
            "days": days
        }
    summaries = {
        EntryKind.MINIMUM_REACHED: _("A quiet goal reached today"),
        EntryKind.COOLDOWN_ENDS: _("The waiting week is over"),
        EntryKind.OCCASION: _("A date you noted"),
        EntryKind.HARD_DATE_PLAN: _("A hard day is coming: your plan is ready"),
        EntryKind.HARD_DATE: _("Be gentle with yourself today"),
    }
    return summaries[entry.kind]


def entry_description(entry: CalendarEntry) -> str:
    descriptions = {
        EntryKind.MILESTONE: _("Every day counts. Open the app to see how far you've come."),
        EntryKind.MINIMUM_REACHED: _("Open the app when you have a calm moment."),
        EntryKind.COOLDOWN_ENDS: _("No rush. Open the app when you feel steady."),
        EntryKind.OCCASION: _("The details are in the app."),
        EntryKind.HARD_DATE_PLAN: _("Your plan for it is in the app, whenever you want it."),
        EntryKind.HARD_DATE: _("Your plan is in the app. You've got through hard days before."),
    }
    return descriptions[entry.kind]


def email_subject(reminder: DueReminder) -> str:
    if reminder.kind is ReminderKind.MILESTONE:
        return _("Day %(days)s: a milestone") % {"days": reminder.days}
    if reminder.kind is ReminderKind.HARD_DATE:
        return _("Tomorrow may be a hard day")
    return _("A moment for your check-in")


def email_body(reminder: DueReminder, site_url: str) -> str:
    if reminder.kind is ReminderKind.MILESTONE:
        first = _("Day %(days)s. That took strength, one day at a time.") % {"days": reminder.days}
    elif reminder.kind is ReminderKind.HARD_DATE:
        first = _(
            "Tomorrow may be a hard day. Your plan is ready in the app, whenever you want it."
        )
    else:
        first = _("How was today? A minute for your check-in, whenever suits you.")
    lines = [first, ""]
    if site_url:
        lines += [site_url, ""]
    lines.append(
        _("You asked for these reminders. To change or stop them, open Settings, then Reminders.")
    )
    return "\n".join(lines) + "\n"
