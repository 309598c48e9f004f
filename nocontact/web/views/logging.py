"""The day-to-day log: check-in, urge, slip, checked on them, they reached out, history.

Every entry goes through ``repository.record_event`` (and so through the core's
checks); a value the core refuses comes back as a form error with status 400.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Mapping
from contextlib import nullcontext
from typing import Any, NamedTuple

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.accounts.prepared import ID, Prepared
from nocontact.core import rules
from nocontact.core.events import InvalidEvent
from nocontact.core.model import EventKind
from nocontact.core.moments import InvalidMoment, MomentProblem, past_moment
from nocontact.journey import repository, state_cache
from nocontact.journey.models import Breakup, Event
from nocontact.journey.sealing import opened_event_data
from nocontact.web import forms_program as f
from nocontact.web.forms_base import EmptyForm
from nocontact.web.forms_offline import OfflineEntryForm
from nocontact.web.jinja2_env import moments
from nocontact.web.views import offline
from nocontact.web.views.common import breakup_required
from nocontact.web.views.crisis import after_saving
from nocontact.web.views.dashboard import checked_in_on

HISTORY_PAGE_SIZE = 30


def _breakup(request: HttpRequest) -> Breakup:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    breakup.user = request.user  # type: ignore[assignment]  # already loaded: spare a query
    return breakup


def _page(
    request: HttpRequest, template: str, form: Any, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"form": form, "nav": "today", **extra}
    if form is not None and form.errors:
        status = 400
    return render(request, template, context, status=status)


def _record(
    form: Any,
    breakup: Breakup,
    kind: EventKind,
    data: dict[str, Any],
    at: dt.datetime | None = None,
    client_key: uuid.UUID | None = None,
) -> Event | None:
    """Append the event, or put the core's reason on the form and return None."""
    try:
        return repository.record_event(breakup, kind, data, at=at, client_key=client_key)
    except InvalidEvent as error:
        f.add_core_error(form, error)
        return None


@require_http_methods(["GET", "POST"])
@breakup_required
def checkin(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    form: f.CheckinForm | EmptyForm = f.CheckinForm.empty()
    if request.POST:
        form = f.CheckinForm(request.POST)
        if form.is_valid() and _record(form, breakup, EventKind.CHECKIN, form.event_data()):
            messages.success(request, gettext("Checked in. Thank you for looking after yourself."))
            return after_saving("dashboard", form.cleaned_data.get("note"))
    today = repository.today_for(request.user)  # type: ignore[arg-type]
    already = checked_in_on(breakup, today)
    return _page(request, "web/checkin.html", form, already_today=already)


def already_logged(breakup: Breakup, key: uuid.UUID) -> bool:
    return Event.objects.filter(breakup=breakup, client_key=key).exists()


def _already_saved(request: HttpRequest, replay: bool) -> HttpResponse:
    """The same entry came again (a queue replayed after a lost response): nothing new."""
    if replay:
        return JsonResponse({"status": "already_saved"})
    messages.info(request, gettext("This urge was already saved."))
    return redirect("dashboard")


def _refused(request: HttpRequest, form: f.UrgeForm, replay: bool, error: str = "") -> HttpResponse:
    """The form again with what is wrong; for a replay, the first reason as JSON."""
    if error:
        form.add_error(None, error)
    if replay:
        first = next(iter(e for errors in form.errors.values() for e in errors), "")
        return JsonResponse({"error": first}, status=400)
    return _page(request, "web/urge.html", form)


@require_http_methods(["GET", "POST"])
@breakup_required
def urge(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    initial = {"from": request.GET.get("from", "")}
    if request.method != "POST":
        return _page(request, "web/urge.html", f.UrgeForm.empty(initial=initial))
    form = f.UrgeForm(request.POST or None, initial=initial)
    # 1. An urge the page's script may send again from its offline queue: a key, a moment.
    replay = request.headers.get(offline.REPLAY_HEADER) == "1"
    if replay and offline.replay_for_someone_else(request):
        # Kept on the device for its own person: never logged in this account.
        return JsonResponse({"error": gettext("This was logged for another account.")}, status=409)
    entry = OfflineEntryForm(request.POST)
    if not entry.is_valid():
        form.is_valid()
        return _refused(request, form, replay, entry.first_error())
    key = entry.cleaned_data.get("client_key")
    if key and already_logged(breakup, key):
        return _already_saved(request, replay)
    if not form.is_valid():
        return _refused(request, form, replay)
    # 2. The urge, and the contact with it when it ended in one: both or neither.
    data = form.event_data()
    at = entry.cleaned_data["at"]
    slipped = data.get("outcome") == "slipped"
    try:
        # Alone, the urge is one insert in its own transaction (record_event): the
        # outer one (a savepoint more) is only for an urge that comes with its slip.
        with transaction.atomic() if slipped else nullcontext():
            saved = _record(form, breakup, EventKind.URGE, data, at=at, client_key=key)
            if saved and slipped:
                slip = {"channel": data.get("channel"), "note": data.get("note")}
                # The urge is valid, so its channel and note are too.
                repository.record_event(breakup, EventKind.SLIP, slip, at=at)
    except IntegrityError:  # the same key, sent twice at the same moment
        return _already_saved(request, replay)
    if not saved:
        return _refused(request, form, replay)
    if replay:
        return JsonResponse({"status": "saved"}, status=201)
    # 3. Kind words, and where to go next.
    if slipped:
        messages.info(
            request,
            gettext(
                "Thank you for being honest. We logged the urge and the contact. "
                "Here is what you keep."
            ),
        )
        return after_saving(reverse("slip") + "?kept=1", data.get("note"))
    if form.from_sos:
        messages.success(
            request, gettext("You rode the wave and it passed. That took real strength.")
        )
    else:
        messages.success(request, gettext("Logged. You didn't act on it: well done."))
    return after_saving("dashboard", data.get("note"))


def _slip_at(form: f.SlipForm, tz: dt.tzinfo, breakup: Breakup) -> dt.datetime | None:
    """The moment of the slip, read on the user's own clock; None with a form error."""
    now = timezone.now()
    if form.cleaned_data["when"] != "earlier":
        return now
    day: dt.date = form.cleaned_data["date"]
    time: dt.time | None = form.cleaned_data.get("time")
    local_now = now.astimezone(tz)
    if time is None:
        # "I don't remember the time": midday, or now if midday is still ahead.
        time = dt.time(12, 0)
        if day == local_now.date() and local_now.time() < time:
            return now
    try:
        return past_moment(dt.datetime.combine(day, time, tz), now, tz, breakup.breakup_date)
    except InvalidMoment as error:
        if error.problem is MomentProblem.BEFORE_BREAKUP:
            form.add_error(
                "date", gettext("That is before the breakup. Please give a date since then.")
            )
        else:  # still ahead (a moment built from a form's day and time always has its zone)
            form.add_error(
                "time" if day == local_now.date() else "date",
                gettext("That moment hasn't come yet. Please give a time that has passed."),
            )
        return None


@require_http_methods(["GET", "POST"])
@breakup_required
def slip(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    if request.method == "GET" and request.GET.get("kept"):
        state = repository.program_state(breakup)
        return render(
            request,
            "web/slip_kept.html",
            {"nav": "today", "state": state, "strength_percent": round(100 * state.strength)},
        )
    form = f.SlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        at = _slip_at(form, repository.user_tz(request.user), breakup)  # type: ignore[arg-type]
        data = {"channel": form.cleaned_data.get("channel"), "note": form.cleaned_data.get("note")}
        if at is not None and _record(form, breakup, EventKind.SLIP, data, at=at):
            messages.info(request, gettext("Logged. Thank you for being honest with yourself."))
            return after_saving(reverse("slip") + "?kept=1", data.get("note"))
    return _page(request, "web/slip.html", form)


@require_http_methods(["GET", "POST"])
@breakup_required
def checked_on_them(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    form = f.CheckedOnThemForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _record(form, breakup, EventKind.CHECKED_ON_THEM, dict(form.cleaned_data))
    ):
        messages.info(
            request,
            gettext(
                "Logged. Your day count keeps going. Strength dips a little today, "
                "and it grows back with every calm day."
            ),
        )
        return after_saving("dashboard", form.cleaned_data.get("note"))
    return _page(request, "web/checked_on_them.html", form)


@require_http_methods(["GET", "POST"])
@breakup_required
def ex_contact(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    form = f.ExContactForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _record(form, breakup, EventKind.EX_CONTACT, dict(form.cleaned_data))
    ):
        messages.info(
            request, gettext("Logged. They reached out, so this is not a slip: your count goes on.")
        )
        return after_saving("dashboard", form.cleaned_data.get("text"))
    return _page(request, "web/ex_contact.html", form, unsafe=breakup.unsafe)


@functools.lru_cache(maxsize=32)
def _log_words(language: str | None) -> dict[str, Any]:
    """The words of the log's lines in ``language`` (the active one): made once per language.

    Translations do not change while the process runs; a line then costs a few dict
    look-ups instead of a dozen ``gettext`` calls.
    """

    def labels(choices: dict[str, Any]) -> dict[str, str]:
        return {key: str(label) for key, label in choices.items()}

    return {
        "checkin": gettext("Check-in"),
        "mood": gettext("mood {mood} of {top}"),
        "desperation": gettext("desperation {value} of {top}"),
        "cried": gettext("cried"),
        "slept": gettext("slept {hours} h"),
        "resisted": gettext("Urge, resisted"),
        "reached_out": gettext("Urge, reached out"),
        "intensity": gettext("intensity {value} of {top}"),
        "slip": gettext("Contact (a slip)"),
        "checked_on_them": gettext("Checked on them"),
        "ex_contact": gettext("They reached out"),
        "channels": labels(f.CHANNEL_LABELS),
        "triggers": labels(f.TRIGGER_LABELS),
        "how": labels(f.CHECKED_HOW_LABELS),
        "tones": labels(f.TONE_LABELS),
    }


class LogLine(NamedTuple):
    """One line of the log as the page shows it (attributes: what a template reads)."""

    kind: str
    title: str
    details: str
    note: str
    iso: str  # the moment, for <time datetime>
    when: str  # the moment, in the user's words and time zone


def _describe(kind: str, data: Mapping[str, Any], words: dict[str, Any]) -> tuple[str, str, str]:
    """What one line of the log says, in the user's words: its title, details, note."""
    channel = words["channels"].get(data.get("channel", ""), "")
    details: list[str] = []
    if kind == EventKind.CHECKIN:
        title = words["checkin"]
        details.append(words["mood"].format(mood=data.get("mood"), top=rules.MOOD_RANGE[1]))
        details.append(
            words["desperation"].format(
                value=data.get("desperation"), top=rules.DESPERATION_RANGE[1]
            )
        )
        if data.get("cried"):
            details.append(words["cried"])
        if data.get("sleep_hours") is not None:
            details.append(words["slept"].format(hours=f"{data['sleep_hours']:g}"))
    elif kind == EventKind.URGE:
        title = words["resisted"] if data.get("outcome") == "resisted" else words["reached_out"]
        details.append(
            words["intensity"].format(
                value=data.get("intensity"), top=rules.URGE_INTENSITY_RANGE[1]
            )
        )
        if data.get("triggers"):
            triggers = words["triggers"]
            details.append(", ".join(str(triggers.get(t, t)) for t in data["triggers"]))
    elif kind == EventKind.SLIP:
        title = words["slip"]
    elif kind == EventKind.CHECKED_ON_THEM:
        title = words["checked_on_them"]
        if data.get("how"):
            details.append(words["how"].get(data["how"], ""))
    elif kind == EventKind.EX_CONTACT:
        title = words["ex_contact"]
        if data.get("tone"):
            details.append(words["tones"].get(data["tone"], ""))
    else:
        title = kind.replace("_", " ").capitalize()
    if channel:
        details.append(channel)
    note = data.get("note") or data.get("text") or ""
    return title, " · ".join(d for d in details if d), note


# Values, not instances: a page of the log is thirty rows, and an instance (its
# ``__init__``, two signals) cost more than all the rest of a line.
_HISTORY = Prepared(
    lambda breakup_id: (
        Event.objects.filter(breakup_id=breakup_id)
        .order_by("-at", "-pk")
        .values_list("pk", "kind", "at", "data")
    ),
    ID,
)


@require_GET
@breakup_required
def history(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    rows = _HISTORY.tuple_listing(breakup.pk)
    paginator = Paginator(rows, HISTORY_PAGE_SIZE)
    # How many lines the log has changes only with the breakup's version (an event saved
    # gives it a new one, state_cache): counted once per version and process.
    paginator.count = state_cache.remembered(
        ("history count", breakup.pk, breakup.version), rows.count
    )
    page = paginator.get_page(request.GET.get("page"))
    words = _log_words(get_language())
    found = page.object_list
    entries = [
        LogLine(kind, *_describe(kind, opened_event_data(pk, kind, data or {}), words), *moment)
        for (pk, kind, _at, data), moment in zip(
            found, moments([row[2] for row in found]), strict=True
        )
    ]
    context = {"nav": "today", "page": page, "entries": entries}
    return render(request, "web/history.html", context)
