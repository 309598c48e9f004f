"""The reminders page and the calendar feed behind its secret URL (issue 6, points 2-3)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from nocontact.reminders.feed import hash_token
from nocontact.reminders.models import ReminderSettings
from tests.conftest import local_today

NICKNAME = "Quillonmark"
FEED_URL = re.compile(r'value="(http://testserver/reminders/calendar/([\w-]+)\.ics)"')
VALID = {"email": "fern@nocontact.test", "daily_checkin": "on", "send_at": "21:30", "save": ""}


def make_link(client: Client) -> tuple[str, str]:
    response = client.post(reverse("reminders"), {"feed_new": ""})
    assert response.status_code == 302
    page = client.get(reverse("reminders")).content.decode()
    match = FEED_URL.search(page)
    assert match, "the new link is shown"
    return match.group(1), match.group(2)


def fetch(url: str) -> Any:
    return Client().get(url.removeprefix("http://testserver"))  # as a calendar app: no session


@pytest.fixture
def owner_calendar(owner: Any, make_breakup: Any) -> Any:
    breakup = make_breakup(
        owner, ex_nickname=NICKNAME, breakup_date=local_today() - dt.timedelta(days=12)
    )
    soon = local_today() + dt.timedelta(days=20)
    breakup.occasions.create(kind="occasion", name=f"{NICKNAME}'s birthday", date=soon)
    breakup.occasions.create(
        kind="hard_date", name=f"Anniversary with {NICKNAME}", date=soon, coping_plan="Call Mira"
    )
    return breakup


# --- E-mail reminder settings ------------------------------------------------------------------


def test_it_is_linked_from_the_settings_page(owner_client: Client) -> None:
    page = owner_client.get(reverse("settings")).content.decode()
    assert reverse("reminders") in page


def test_it_explains_the_address_is_used_for_nothing_else(owner_client: Client) -> None:
    page = owner_client.get(reverse("reminders")).content.decode()
    assert "nothing else" in page
    assert ReminderSettings.objects.count() == 0, "reading the page saves nothing"


def test_it_saves_the_chosen_reminders(owner: Any, owner_client: Client) -> None:
    response = owner_client.post(reverse("reminders"), VALID)
    assert response.status_code == 302
    saved = ReminderSettings.objects.get(user=owner)
    assert saved.email == "fern@nocontact.test"
    assert (saved.daily_checkin, saved.milestones, saved.hard_dates) == (True, False, False)
    assert saved.send_at == dt.time(21, 30)
    page = owner_client.get(reverse("reminders")).content.decode()
    assert 'value="fern@nocontact.test"' in page
    assert 'value="21:30"' in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**VALID, "email": "not an address"}, "email", "doesn&#x27;t look like an e-mail"),
        ({**VALID, "email": ""}, "email", "Reminders need an address"),
        ({**VALID, "send_at": "25:99"}, "send_at", "like 21:00"),
        ({**VALID, "send_at": ""}, "send_at", "Please give a time"),
        ({**VALID, "email": "a@" + "b" * 260 + ".test"}, "email", "under 254 characters"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(
    owner: Any, owner_client: Client, data: dict[str, str], field: str, message: str
) -> None:
    owner_client.post(reverse("reminders"), VALID)
    response = owner_client.post(reverse("reminders"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'id="id_{field}_error"' in response.content.decode()
    assert ReminderSettings.objects.get(user=owner).email == VALID["email"], "nothing lost"


def test_it_keeps_an_address_with_no_reminder_chosen(owner: Any, owner_client: Client) -> None:
    response = owner_client.post(
        reverse("reminders"), {"email": "", "send_at": "08:00", "save": ""}
    )
    assert response.status_code == 302
    assert ReminderSettings.objects.get(user=owner).choice().any is False


def test_it_sends_anonymous_to_login(client: Client) -> None:
    response = client.get(reverse("reminders"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_another_user_only_their_own_settings(
    owner: Any, owner_client: Client, other: Any
) -> None:
    owner_client.post(reverse("reminders"), VALID)
    other_client = Client()
    other_client.force_login(other)
    page = other_client.get(reverse("reminders")).content.decode()
    assert "fern@nocontact.test" not in page
    other_client.post(reverse("reminders"), {**VALID, "email": "other@nocontact.test"})
    assert ReminderSettings.objects.get(user=owner).email == "fern@nocontact.test"


# --- The calendar feed ------------------------------------------------------------------------


def test_it_serves_a_valid_calendar_at_the_secret_url(
    owner: Any, owner_calendar: Any, owner_client: Client
) -> None:
    url, token = make_link(owner_client)
    response = fetch(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines are folded"
    assert b"\n" not in body.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0"
    assert "nocontact" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Reminders", "a name that tells a passer-by nothing"
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        assert event["UID"]
        assert event["DTSTAMP"]
        assert isinstance(event.decoded("DTSTART"), dt.date)
        assert not isinstance(event.decoded("DTSTART"), dt.datetime), "all-day"
        assert event["DTSTART"].params.get("VALUE") == "DATE"
    summaries = {str(e["SUMMARY"]) for e in events}
    start = local_today() - dt.timedelta(days=12)
    days = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert days["Day 30: a milestone"] == start + dt.timedelta(days=30)
    assert "A hard day is coming: your plan is ready" in summaries
    assert "A quiet goal reached today" in summaries  # the minimum period
    # Their birthday: not while the minimum period runs (the contact tools are closed).
    assert "A date you noted" not in summaries
    # Nothing in the feed names anyone, nor the hidden words of the hard date.
    text = body.decode()
    for hidden in (NICKNAME, "Anniversary", "Mira"):
        assert hidden not in text
    # The token itself is not stored, only its hash.
    assert ReminderSettings.objects.get(user=owner).feed_token_hash == hash_token(token)
    assert not ReminderSettings.objects.filter(feed_token_hash=token).exists()


def test_it_keeps_the_uids_stable_between_fetches(
    owner_calendar: Any, owner_client: Client
) -> None:
    url, _token = make_link(owner_client)

    def uids() -> list[str]:
        calendar = icalendar.Calendar.from_ical(fetch(url).content)
        return sorted(str(e["UID"]) for e in calendar.walk("VEVENT"))

    first = uids()
    assert len(first) == len(set(first))
    assert uids() == first


def test_it_shows_the_link_only_once(owner_calendar: Any, owner_client: Client) -> None:
    url, _token = make_link(owner_client)
    again = owner_client.get(reverse("reminders")).content.decode()
    assert url not in again
    assert "is on" in again


def test_it_revokes_the_old_link_when_a_new_one_is_made(
    owner_calendar: Any, owner_client: Client
) -> None:
    old_url, _ = make_link(owner_client)
    new_url, _ = make_link(owner_client)
    assert old_url != new_url
    assert fetch(old_url).status_code == 404
    assert fetch(new_url).status_code == 200


def test_it_turns_the_link_off(owner_calendar: Any, owner_client: Client) -> None:
    url, _ = make_link(owner_client)
    response = owner_client.post(reverse("reminders"), {"feed_off": ""})
    assert response.status_code == 302
    assert fetch(url).status_code == 404
    assert "The calendar link is off" in owner_client.get(reverse("reminders")).content.decode()


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "x" * 500])
def test_it_answers_404_for_a_wrong_token(
    token: str, owner_calendar: Any, owner_client: Client
) -> None:
    make_link(owner_client)
    response = Client().get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 404
    assert NICKNAME not in response.content.decode()


def test_it_serves_an_empty_calendar_before_a_breakup_is_described(owner_client: Client) -> None:
    url, _ = make_link(owner_client)
    calendar = icalendar.Calendar.from_ical(fetch(url).content)
    assert list(calendar.walk("VEVENT")) == []


def test_it_leaves_out_contact_dates_on_the_safety_track(
    owner: Any, make_breakup: Any, owner_client: Client
) -> None:
    breakup = make_breakup(
        owner, ex_nickname=NICKNAME, unsafe=True, breakup_date=dt.date(2026, 1, 1)
    )
    breakup.occasions.create(kind="occasion", name="Birthday", date=local_today())
    url, _ = make_link(owner_client)
    summaries = {
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(fetch(url).content).walk("VEVENT")
    }
    assert "A date you noted" not in summaries
    assert "A quiet goal reached today" not in summaries
    assert "Day 30: a milestone" in summaries


def test_it_stops_serving_the_feed_of_a_deactivated_account(
    owner: Any, owner_calendar: Any, owner_client: Client
) -> None:
    url, _ = make_link(owner_client)
    owner.is_active = False
    owner.save()
    assert fetch(url).status_code == 404
