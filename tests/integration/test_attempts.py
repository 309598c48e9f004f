"""Logging an attempt: outcomes, the 7-day wait, the three-attempt limit, the closing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey import repository
from nocontact.journey.models import Event
from tests.integration.program_helpers import add_event, assert_login_redirect, days_ago
from tests.integration.routes_helpers import (
    CONTACT_TOOL,
    attempt,
    html_of,
    ready,
    shown_date,
    today_of,
)

pytestmark = pytest.mark.django_db
HUB = reverse("routes")
URL = reverse("log_attempt", kwargs={"route": "reach_out"})


def attempts() -> list[Event]:
    return list(Event.objects.filter(kind="attempt").order_by("at", "pk"))


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(
        client.post(URL, {"outcome": "positive"}), "log_attempt", route="reach_out"
    )
    assert Event.objects.count() == 0


def test_it_logs_an_attempt_with_its_signals(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    response = owner_client.post(
        URL,
        {
            "outcome": "positive",
            "signals": ["long_replies", "asked_about_your_life"],
            "feeling": "4",
            "note": "They sounded happy to hear from me.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == HUB
    (logged,) = attempts()
    assert logged.data == {
        "route": "reach_out",
        "outcome": "positive",
        "feeling": 4,
        "note": "They sounded happy to hear from me.",
    }
    signals = Event.objects.filter(kind="signal")
    assert {s.data["signal"] for s in signals} == {"long_replies", "asked_about_your_life"}
    assert all(s.at == logged.at for s in signals)
    state = repository.program_state(breakup)
    assert state.attempts_left == 3
    assert state.lock_reason is None
    assert "Go gently from here" in html_of(owner_client.get(HUB))


def test_it_shows_the_next_attempt_date_after_no_reply(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    response = owner_client.post(URL, {"outcome": "no_reply"}, follow=True)
    next_on = today_of(breakup) + dt.timedelta(days=7)
    html = html_of(response)
    assert shown_date(next_on) in html
    assert f'data-lock-date="{next_on.isoformat()}"' in html
    assert 'data-attempts-left="2"' in html
    assert CONTACT_TOOL not in html
    dashboard = html_of(owner_client.get(reverse("dashboard")))
    assert f'data-next-attempt-on="{next_on.isoformat()}"' in dashboard
    assert shown_date(next_on) in dashboard


@pytest.mark.parametrize(("days", "locked"), [(6, True), (7, False)])
def test_it_lifts_the_wait_on_day_seven(
    owner_client: Any, owner: Any, make_breakup: Any, days: int, locked: bool
) -> None:
    breakup = ready(make_breakup, owner)
    attempt(breakup, "not_ready", days)
    next_on = today_of(breakup) - dt.timedelta(days=days) + dt.timedelta(days=7)
    html = html_of(owner_client.get(HUB))
    dashboard = html_of(owner_client.get(reverse("dashboard")))
    if locked:
        assert 'data-lock-note="cooldown"' in html
        assert shown_date(next_on) in html
        assert CONTACT_TOOL not in html
        assert f'data-next-attempt-on="{next_on.isoformat()}"' in dashboard
        assert owner_client.post(URL, {"outcome": "positive"}).status_code == 403
    else:
        assert "data-lock-note" not in html
        assert CONTACT_TOOL in html
        assert "data-next-attempt-on" not in dashboard
        assert owner_client.post(URL, {"outcome": "positive"}).status_code == 302
    assert 'data-attempts-left="2"' in html


def test_it_closes_the_tools_after_the_third_attempt_without_a_warm_reply(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    attempt(breakup, "no_reply", 30)
    attempt(breakup, "not_ready", 15)
    assert 'data-attempts-left="1"' in html_of(owner_client.get(HUB))
    response = owner_client.post(URL, {"outcome": "neutral"}, follow=True)
    html = html_of(response)
    assert "Contact tools are closed now" in html
    assert 'data-lock-note="attempt_limit"' in html
    assert "You&#x27;ve reached out 3 times without a warm reply" in html
    assert "Moving on, week by week" in html
    assert CONTACT_TOOL not in html
    assert repository.program_state(breakup).attempts_left == 0
    assert owner_client.post(URL, {"outcome": "positive"}).status_code == 403
    assert len(attempts()) == 3


def test_it_counts_again_after_a_warm_reply(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    attempt(breakup, "no_reply", 30)
    attempt(breakup, "not_ready", 15)
    attempt(breakup, "positive", 5)
    assert 'data-attempts-left="3"' in html_of(owner_client.get(HUB))
    assert repository.program_state(breakup).lock_reason is None


@pytest.mark.parametrize(
    ("outcome", "title"),
    [("asked_no_contact", "They asked for no contact"), ("blocked", "They&#x27;ve blocked you")],
)
def test_it_closes_everything_when_they_say_no(
    owner_client: Any, owner: Any, make_breakup: Any, outcome: str, title: str
) -> None:
    ready(make_breakup, owner)
    response = owner_client.post(URL, {"outcome": outcome}, follow=True)
    html = html_of(response)
    assert title in html
    assert "Moving on, week by week" in html
    assert CONTACT_TOOL not in html
    for page in (
        HUB,
        reverse("route", kwargs={"route": "reach_out"}),
        reverse("route", kwargs={"route": "occasion"}),
        reverse("meeting"),
        reverse("dashboard"),
        reverse("interest"),
        reverse("meeting_debrief"),
        reverse("log_signal"),
    ):
        assert CONTACT_TOOL not in html_of(owner_client.get(page)), page
    assert owner_client.post(URL, {"outcome": "positive"}).status_code == 403
    assert len(attempts()) == 1


def test_it_reopens_only_when_they_reach_out(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    attempt(breakup, "asked_no_contact", 10)
    add_event(breakup, "signal", days_ago(5), signal="offered_to_meet")
    assert 'data-lock-note="asked_no_contact"' in html_of(owner_client.get(HUB))
    add_event(breakup, "ex_contact", days_ago(1), channel="text", tone="warm")
    html = html_of(owner_client.get(HUB))
    assert "data-lock-note" not in html
    assert CONTACT_TOOL in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"outcome": "ghosted"},
        {"outcome": "positive", "signals": ["stalked"]},
        {"outcome": "positive", "feeling": "9"},
        {"outcome": "positive", "note": "x" * 5001},
    ],
    ids=["missing", "unknown_outcome", "unknown_signal", "feeling", "long_note"],
)
def test_it_answers_400_to_bad_input_and_saves_nothing(
    owner_client: Any, owner: Any, make_breakup: Any, data: dict[str, Any]
) -> None:
    ready(make_breakup, owner)
    before = Event.objects.count()
    response = owner_client.post(URL, data)
    assert response.status_code == 400, data
    html = html_of(response)
    assert "Nothing was saved yet" in html
    assert 'aria-invalid="true"' in html
    assert Event.objects.count() == before


def test_it_answers_400_to_text_the_database_cannot_store(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner)
    before = Event.objects.count()
    response = owner_client.post(URL, {"outcome": "positive", "note": "a\x00b"})
    assert response.status_code == 400
    assert Event.objects.count() == before


def test_it_never_writes_into_another_users_breakup(
    owner_client: Any, owner: Any, other: Any, make_breakup: Any
) -> None:
    mine = ready(make_breakup, owner)
    theirs = ready(make_breakup, other)
    owner_client.post(URL, {"outcome": "no_reply"})
    assert Event.objects.filter(breakup=mine, kind="attempt").count() == 1
    assert not Event.objects.filter(breakup=theirs, kind="attempt").exists()
    assert repository.program_state(theirs).attempts_left == 3
