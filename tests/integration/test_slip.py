from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.core import clock
from nocontact.journey import repository
from nocontact.journey.models import Event
from tests.integration.program_helpers import (
    BERLIN,
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
    days_ago,
)

pytestmark = pytest.mark.django_db
URL = reverse("slip")
KEPT = URL + "?kept=1"


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "slip")
    assert_login_redirect(client.post(URL, {"when": "now"}), "slip")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.post(URL, {"when": "now"}))
    assert Event.objects.count() == 0


def test_it_shows_the_form_without_shame(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    assert "not a failure" in html
    assert 'name="note"' in html
    assert 'type="date"' in html


def test_it_logs_a_slip_now_and_shows_what_was_kept(owner_client: Any, owner_breakup: Any) -> None:
    before = repository.program_state(owner_breakup)
    assert before.day_count == 12
    response = owner_client.post(
        URL, {"when": "now", "channel": "call", "note": "Empty, a bit relieved."}
    )
    assert response.status_code == 302
    assert response["Location"] == KEPT
    event = Event.objects.get()
    assert event.kind == "slip"
    assert event.data == {
        "channel": "call",
        "note": "Empty, a bit relieved.",
    }
    html = owner_client.get(KEPT).content.decode()
    assert "What you keep" in html
    assert "<strong>12 days</strong> <span>longest streak" in html
    # Today is a slip day: it is the one day not counted.
    assert "<strong>11 days</strong> <span>without contact in total" in html
    after = repository.program_state(owner_breakup)
    assert f"<strong>{round(100 * after.strength)}%</strong>" in html
    assert "starts again from today: Day 0" in html


def test_the_dashboard_shows_day_0_and_the_kept_streak(
    owner_client: Any, owner_breakup: Any
) -> None:
    owner_client.post(URL, {"when": "now"})
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Day 0<" in html
    assert "<strong>12 days</strong> <span>longest streak" in html


def test_a_slip_late_in_the_evening_counts_for_that_local_date(
    owner_client: Any, owner_breakup: Any
) -> None:
    yesterday = clock.local_now(BERLIN).date() - dt.timedelta(days=1)
    response = owner_client.post(
        URL, {"when": "earlier", "date": yesterday.isoformat(), "time": "23:30"}
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.at.astimezone(BERLIN) == dt.datetime.combine(yesterday, dt.time(23, 30), BERLIN)
    state = repository.program_state(owner_breakup)
    assert state.last_slip_on == yesterday
    assert state.day_count == 1
    assert "Day 1<" in owner_client.get(reverse("dashboard")).content.decode()


def test_an_earlier_slip_without_a_time_is_placed_at_midday(
    owner_client: Any, owner_breakup: Any
) -> None:
    day = clock.local_now(BERLIN).date() - dt.timedelta(days=3)
    owner_client.post(URL, {"when": "earlier", "date": day.isoformat()})
    assert Event.objects.get().at.astimezone(BERLIN) == dt.datetime.combine(
        day, dt.time(12), BERLIN
    )
    html = owner_client.get(KEPT).content.decode()
    assert "today is Day 3" in html


def test_it_refuses_a_slip_in_the_future(owner_client: Any, owner_breakup: Any) -> None:
    tomorrow = clock.local_now(BERLIN).date() + dt.timedelta(days=1)
    response = owner_client.post(
        URL, {"when": "earlier", "date": tomorrow.isoformat(), "time": "08:00"}
    )
    assert response.status_code == 400
    assert "hasn&#x27;t come yet" in response.content.decode()
    assert Event.objects.count() == 0


def test_a_clock_a_little_ahead_is_forgiven(owner_client: Any, owner_breakup: Any) -> None:
    """A phone two minutes fast gives "now" as a moment just ahead: saved as now."""
    ahead = clock.local_now(BERLIN) + dt.timedelta(minutes=2)
    before = dt.datetime.now(dt.UTC)
    response = owner_client.post(
        URL, {"when": "earlier", "date": ahead.date().isoformat(), "time": ahead.strftime("%H:%M")}
    )
    assert response.status_code == 302
    slip = Event.objects.get(kind="slip")
    assert before - dt.timedelta(seconds=1) <= slip.at <= dt.datetime.now(dt.UTC)


def test_it_refuses_a_slip_before_the_breakup(owner_client: Any, owner_breakup: Any) -> None:
    day = owner_breakup.breakup_date - dt.timedelta(days=1)
    response = owner_client.post(URL, {"when": "earlier", "date": day.isoformat(), "time": "20:00"})
    assert response.status_code == 400
    assert "before the breakup" in response.content.decode()
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"when": "earlier"}, "Please give the date"),
        ({"when": "earlier", "date": "yesterday"}, "Enter a valid date."),
        ({"when": "now", "channel": "telepathy"}, "Please choose one of:"),
        ({"when": "now", "note": "x" * 5001}, "5000 characters"),
    ],
)
def test_it_refuses_bad_input_kindly(
    owner_client: Any, owner_breakup: Any, data: dict[str, str], message: str
) -> None:
    response = owner_client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 0


def test_a_second_slip_keeps_the_longest_streak(owner_client: Any, owner_breakup: Any) -> None:
    add_event(owner_breakup, "slip", days_ago(2))
    owner_client.post(URL, {"when": "now"})
    html = owner_client.get(KEPT).content.decode()
    assert "<strong>10 days</strong> <span>longest streak" in html


def test_another_user_logs_into_their_own_breakup(
    other_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    other_client.post(URL, {"when": "now"})
    assert Event.objects.get().breakup == other_breakup
    assert repository.program_state(owner_breakup).day_count == 12


def test_it_never_writes_on_get(owner_client: Any, owner_breakup: Any) -> None:
    before = counts()
    owner_client.get(URL, {"when": "now"})
    owner_client.get(KEPT)
    assert counts() == before
