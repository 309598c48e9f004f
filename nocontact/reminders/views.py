"""The reminders page (e-mail reminders and the calendar link) and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.reminders import feed
from nocontact.reminders.forms import ReminderForm
from nocontact.reminders.models import ReminderSettings, reminder_settings_for

# The new feed URL, kept in the session for the one page view that shows it.
SESSION_NEW_FEED_URL = "nc_new_feed_url"


def _initial(reminder_settings: ReminderSettings) -> dict[str, object]:
    return {
        "email": reminder_settings.email,
        "daily_checkin": reminder_settings.daily_checkin,
        "milestones": reminder_settings.milestones,
        "hard_dates": reminder_settings.hard_dates,
        "send_at": reminder_settings.send_at,
    }


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    reminder_settings = reminder_settings_for(request.user)
    status = 200
    form = ReminderForm(initial=_initial(reminder_settings))
    if request.method == "POST":
        if "feed_new" in request.POST:
            token = feed.new_feed_token(reminder_settings)
            url = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
            request.session[SESSION_NEW_FEED_URL] = url
            return redirect(reverse("reminders") + "#calendar")
        if "feed_off" in request.POST:
            feed.turn_off_feed(reminder_settings)
            messages.success(request, _("The calendar link is off. It shows nothing any more."))
            return redirect(reverse("reminders") + "#calendar")
        form = ReminderForm(request.POST)
        if form.is_valid():
            for name, value in form.cleaned_data.items():
                setattr(reminder_settings, name, value)
            reminder_settings.scheduled_on = None  # today's reminders follow the new choice
            reminder_settings.save()
            messages.success(request, _("Saved. Your reminders are set."))
            return redirect("reminders")
        status = 400
    context = {
        "nav": "settings",
        "form": form,
        "feed_on": bool(reminder_settings.feed_token_hash),
        "feed_created_at": reminder_settings.feed_created_at,
        "new_feed_url": request.session.pop(SESSION_NEW_FEED_URL, None),
    }
    return render(request, "reminders/reminders.html", context, status=status)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Anonymous by URL: a wrong, revoked or turned-off token answers 404."""
    user = feed.user_for_token(token)
    if user is None:
        raise Http404
    body = feed.ics_document(user, feed.feed_entries(user), dj_timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nocontact.ics"'
    # Personal: never kept by a shared cache, nor told to other sites.
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
