"""Reminder settings, the calendar feed's secret, and one row per reminder to send.

Rules do not live here: ``nocontact.core.reminders`` decides what is due and
``nocontact.core.calendar`` what goes into the feed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils.translation import gettext_lazy as _

from nocontact.core import rules
from nocontact.core.reminders import ReminderChoice, ReminderKind


class ReminderSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nc_reminders"
    )
    # Used for reminders and nothing else; empty means no e-mail at all.
    email = models.EmailField(_("e-mail address for reminders"), blank=True)
    daily_checkin = models.BooleanField(_("daily check-in"), default=False)
    milestones = models.BooleanField(_("milestones"), default=False)
    hard_dates = models.BooleanField(_("the day before a hard date"), default=False)
    send_at = models.TimeField(_("time"), default=rules.DEFAULT_REMINDER_TIME)
    # SHA-256 of the calendar feed's secret token; the token itself is never stored.
    feed_token_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    feed_created_at = models.DateTimeField(null=True, blank=True)
    # The local day the worker last created this person's reminders for: once a day is
    # enough (saving the settings clears it, so a change counts the same day).
    scheduled_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"reminders of user {self.user_id}"

    def choice(self) -> ReminderChoice:
        if not self.email:
            return ReminderChoice()
        return ReminderChoice(self.daily_checkin, self.milestones, self.hard_dates, self.send_at)


class Delivery(models.Model):
    """One reminder for one local day: created idempotently, claimed, sent, marked."""

    class Status(models.TextChoices):
        PENDING = "pending"
        CLAIMED = "claimed"
        SENT = "sent"
        SKIPPED = "skipped"  # its day was over before it could go out
        FAILED = "failed"  # the mail server refused it too many times

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nc_deliveries"
    )
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in ReminderKind])
    local_date = models.DateField()
    days = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # A claim expires: a worker that dies between claim and send loses nothing for good.
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "local_date"], name="one_reminder_per_kind_and_day"
            )
        ]
        indexes = [models.Index(fields=["status", "claimed_until"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.local_date} for user {self.user_id}"


def reminder_settings_for(user: User | AnonymousUser) -> ReminderSettings:
    """The user's reminder settings; unsaved defaults when they have none yet
    (reading a page must not write a row)."""
    assert isinstance(user, User)  # behind login_required
    found = ReminderSettings.objects.filter(user=user).first()
    return found if found is not None else ReminderSettings(user=user)
