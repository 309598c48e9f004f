"""The event log and the breakup profile, as rows.

Rules do not live here: ``repository.py`` turns rows into the core's frozen
records and ``nocontact.core`` decides everything.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nocontact.core import model as core
from nocontact.core import rules


def _choices(
    enum: type[StrEnum], labels: Mapping[str, str | Promise]
) -> list[tuple[str, str | Promise]]:
    return [(member.value, labels.get(member.value, member.value)) for member in enum]


ENDED_BY_CHOICES = _choices(
    core.EndedBy, {"me": _("I ended it"), "them": _("They ended it"), "mutual": _("We both did")}
)
GOAL_CHOICES = _choices(
    core.Goal,
    {
        "reconnect": _("I hope we get back together"),
        "unsure": _("I'm not sure yet"),
        "move_on": _("I want to move on"),
    },
)
INTENSITY_CHOICES = [
    (0, _("Calm")),
    (1, _("Tense")),
    (2, _("Heated")),
    (3, _("Severe (cheating, broken trust, police)")),
]


class BreakupQuerySet(models.QuerySet["Breakup"]):
    def active(self) -> BreakupQuerySet:
        return self.filter(archived_at__isnull=True)


class Breakup(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="breakups"
    )
    ex_nickname = models.CharField(_("their nickname"), max_length=60)
    breakup_date = models.DateField(_("date of the breakup"))
    relationship_months = models.PositiveIntegerField(
        _("months together"), validators=[MaxValueValidator(1200)]
    )
    ended_by = models.CharField(_("who ended it"), max_length=10, choices=ENDED_BY_CHOICES)
    intensity = models.PositiveSmallIntegerField(
        _("how it ended"),
        choices=INTENSITY_CHOICES,
        validators=[MinValueValidator(0), MaxValueValidator(rules.MAX_INTENSITY)],
    )
    goal = models.CharField(_("what you hope for"), max_length=10, choices=GOAL_CHOICES)
    unsafe = models.BooleanField(_("the relationship was abusive or unsafe"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # A new random value whenever anything the program state is derived from changes:
    # this row (``save``), its events and its occasions and items (``touch``, from the
    # signals at the end of this module). The key of ``state_cache``.
    version = models.UUIDField(default=uuid.uuid4, editable=False)
    # Renewed, with ``version``, when a change is more than new events added: an event
    # changed, occasions or items changed, a bulk write. While it stays, the events
    # ``state_cache`` keeps are still right, and only the newer ones are read.
    epoch = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = BreakupQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "archived_at"])]

    def __str__(self) -> str:
        return f"breakup {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.version = uuid.uuid4()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class Occasion(models.Model):
    class Kind(models.TextChoices):
        OCCASION = "occasion", _("An occasion of theirs")
        HARD_DATE = "hard_date", _("A hard date for me")

    breakup = models.ForeignKey(Breakup, on_delete=models.CASCADE, related_name="occasions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    date = models.DateField(_("date"))
    coping_plan = models.TextField(_("coping plan"), max_length=2000, blank=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"occasion {self.pk}"


class ItemLeft(models.Model):
    breakup = models.ForeignKey(Breakup, on_delete=models.CASCADE, related_name="items_left")
    name = models.CharField(_("item"), max_length=120)
    substantial = models.BooleanField(_("substantial"), default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"item {self.pk}"


EVENT_KIND_CHOICES = [(kind.value, kind.value) for kind in core.EventKind]


class Event(models.Model):
    """One entry of the append-only log. ``data`` is validated by the core."""

    breakup = models.ForeignKey(Breakup, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EVENT_KIND_CHOICES)
    at = models.DateTimeField()
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    # A key the browser makes for an entry it may send twice (an offline queue replayed
    # after a lost response): the same key again is the same entry, never a second one.
    client_key = models.UUIDField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["breakup", "kind", "at"]),
            models.Index(fields=["breakup", "at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["breakup", "client_key"], name="journey_event_one_per_client_key"
            )
        ]
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class Writing(models.Model):
    """Journal entries and unsent letters: the user's own words, editable and deletable."""

    class Kind(models.TextChoices):
        JOURNAL = "journal", _("Journal entry")
        UNSENT_LETTER = "unsent_letter", _("Unsent letter")

    breakup = models.ForeignKey(Breakup, on_delete=models.CASCADE, related_name="writings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    # The cool-off queue (core/cool_off.py): an unsent letter the user might
    # send, marked at this moment, for the coach to review on this route.
    might_send_at = models.DateTimeField(null=True, blank=True)
    coach_route = models.CharField(max_length=20, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["breakup", "kind", "at"])]
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class Reason(models.Model):
    """One of the user's own reasons for keeping No Contact."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nc_reasons"
    )
    text = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"reason {self.pk}"
