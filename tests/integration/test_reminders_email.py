"""E-mail reminders through a real SMTP server on 127.0.0.1 (issue 6, point 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nocontact.core.model import EventKind
from nocontact.journey import repository
from nocontact.reminders import worker
from nocontact.reminders.models import Delivery
from tests.integration.reminder_helpers import clock_at, want_reminders
from tests.integration.smtp_helpers import SmtpServer, free_port

BERLIN = ZoneInfo("Europe/Berlin")
NICKNAME = "Quillonmark"
HARD_DATE_NAME = "Our anniversary with Quillonmark"
COPING_PLAN = "Call Mira, walk by the river, no photos"


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def tick_at(moment: dt.datetime) -> worker.TickResult:
    return worker.tick(now=clock_at(moment))


def assert_discreet(server: SmtpServer) -> None:
    for received in server.mailbox.snapshot():
        text = received.raw.decode(errors="replace")
        for secret in (NICKNAME, "Quillon", HARD_DATE_NAME, COPING_PLAN):
            assert secret not in text


@pytest.fixture
def owner_with_breakup(owner: Any, make_breakup: Any) -> Any:
    make_breakup(owner, ex_nickname=NICKNAME, breakup_date=dt.date(2026, 11, 1))
    return owner


def test_it_sends_the_daily_reminder_at_the_chosen_local_time(
    owner_with_breakup: Any, smtp_settings: SmtpServer
) -> None:
    want_reminders(owner_with_breakup, "fern@nocontact.test", dt.time(21), daily_checkin=True)

    tick_at(berlin(2026, 11, 30, 20, 59))
    assert smtp_settings.mailbox.snapshot() == []

    result = tick_at(berlin(2026, 11, 30, 21, 0))
    assert result.sent == 1
    (received,) = smtp_settings.mailbox.wait_for(1, timeout=5)
    assert received.recipients == ("fern@nocontact.test",)
    assert received.message["To"] == "fern@nocontact.test"
    assert received.message["Subject"] == "A moment for your check-in"
    assert "check-in" in received.message.get_content()
    assert_discreet(smtp_settings)

    # Later the same evening: already sent today.
    assert tick_at(berlin(2026, 11, 30, 23, 30)).sent == 0
    assert len(smtp_settings.mailbox.snapshot()) == 1
    # The next evening: the next one.
    assert tick_at(berlin(2026, 12, 1, 21, 5)).sent == 1


def test_it_sends_a_milestone_and_a_note_the_day_before_a_hard_date(
    owner: Any, make_breakup: Any, smtp_settings: SmtpServer
) -> None:
    breakup = make_breakup(owner, ex_nickname=NICKNAME, breakup_date=dt.date(2026, 10, 31))
    breakup.occasions.create(
        kind="hard_date", name=HARD_DATE_NAME, date=dt.date(2026, 12, 1), coping_plan=COPING_PLAN
    )
    want_reminders(owner, send_at=dt.time(9, 30), milestones=True, hard_dates=True)

    result = tick_at(berlin(2026, 11, 30, 9, 30))  # day 30, and the hard date is tomorrow

    assert result.sent == 2
    subjects = sorted(r.message["Subject"] for r in smtp_settings.mailbox.wait_for(2, 5))
    assert subjects == ["Day 30: a milestone", "Tomorrow may be a hard day"]
    assert_discreet(smtp_settings)
    # Day 31 is no milestone and the hard date is today: nothing more.
    assert tick_at(berlin(2026, 12, 1, 10)).sent == 0


def test_it_skips_the_checkin_reminder_once_the_user_checked_in(
    owner_with_breakup: Any, smtp_settings: SmtpServer
) -> None:
    want_reminders(owner_with_breakup, daily_checkin=True)
    breakup = repository.active_breakup(owner_with_breakup)
    assert breakup is not None
    repository.record_event(
        breakup,
        EventKind.CHECKIN,
        {"mood": 3, "desperation": 2, "cried": False},
        at=berlin(2026, 11, 30, 19),
    )
    assert tick_at(berlin(2026, 11, 30, 21)).sent == 0
    assert smtp_settings.mailbox.snapshot() == []


def test_it_sends_nothing_once_the_reminders_are_switched_off(
    owner_with_breakup: Any, smtp_settings: SmtpServer
) -> None:
    reminder_settings = want_reminders(owner_with_breakup, daily_checkin=True)
    worker.schedule(berlin(2026, 11, 30, 21))  # due, not yet sent...
    reminder_settings.daily_checkin = False  # ...and switched off meanwhile
    reminder_settings.save()

    result = tick_at(berlin(2026, 11, 30, 21, 1))

    assert (result.sent, result.skipped) == (0, 1)
    assert smtp_settings.mailbox.snapshot() == []


def test_it_never_sends_yesterdays_reminder(
    owner_with_breakup: Any, smtp_settings: SmtpServer
) -> None:
    want_reminders(owner_with_breakup, daily_checkin=True)
    worker.schedule(berlin(2026, 11, 30, 21))  # due, then the worker was down all night

    result = tick_at(berlin(2026, 12, 1, 8))

    assert (result.sent, result.skipped) == (0, 1)
    assert smtp_settings.mailbox.snapshot() == []


def test_it_tries_again_when_the_mail_server_is_down(
    owner_with_breakup: Any, smtp_settings: SmtpServer, settings: Any
) -> None:
    want_reminders(owner_with_breakup, daily_checkin=True)
    settings.EMAIL_PORT = free_port()  # nobody listens there
    assert tick_at(berlin(2026, 11, 30, 21)).sent == 0
    assert Delivery.objects.get().status == Delivery.Status.PENDING

    settings.EMAIL_PORT = smtp_settings.port
    assert tick_at(berlin(2026, 11, 30, 21, 0, 30)).sent == 0, "waits before retrying"
    assert tick_at(berlin(2026, 11, 30, 21, 2)).sent == 1
    assert len(smtp_settings.mailbox.wait_for(1, 5)) == 1


def test_it_takes_over_a_reminder_a_crashed_worker_had_claimed(
    owner_with_breakup: Any, smtp_settings: SmtpServer
) -> None:
    want_reminders(owner_with_breakup, daily_checkin=True)
    nine = berlin(2026, 11, 30, 21)
    worker.schedule(nine)
    assert worker.claim_next(nine) is not None  # ...and the worker dies here

    assert tick_at(nine + dt.timedelta(minutes=1)).sent == 0, "the claim still holds"
    later = nine + dt.timedelta(seconds=worker.CLAIM_SECONDS + 1)
    assert tick_at(later).sent == 1
    assert len(smtp_settings.mailbox.wait_for(1, 5)) == 1
    assert tick_at(later + dt.timedelta(minutes=10)).sent == 0


@pytest.mark.parametrize(
    ("first_day", "change_day"),
    [(dt.date(2026, 3, 27), dt.date(2026, 3, 29)), (dt.date(2026, 10, 23), dt.date(2026, 10, 25))],
    ids=["spring-forward", "fall-back"],
)
def test_it_sends_a_21h_reminder_once_a_day_across_a_dst_change(
    owner_with_breakup: Any, smtp_settings: SmtpServer, first_day: dt.date, change_day: dt.date
) -> None:
    want_reminders(owner_with_breakup, daily_checkin=True)
    start = dt.datetime.combine(first_day, dt.time(), BERLIN).astimezone(dt.UTC)
    sent_at: list[dt.datetime] = []
    for step in range(4 * 24 * 2):  # four days, every half hour of real (UTC) time
        moment = start + dt.timedelta(minutes=30 * step)
        if tick_at(moment).sent:
            sent_at.append(moment.astimezone(BERLIN))

    assert [m.date() for m in sent_at] == [first_day + dt.timedelta(days=n) for n in range(4)]
    assert {(m.hour, m.minute) for m in sent_at} == {(21, 0)}
    assert change_day in [m.date() for m in sent_at]
    assert len(smtp_settings.mailbox.wait_for(4, 5)) == 4


def test_it_follows_a_change_of_settings_the_same_day(
    owner: Any, make_breakup: Any, smtp_settings: SmtpServer, client: Any
) -> None:
    make_breakup(owner, ex_nickname=NICKNAME, breakup_date=dt.date(2026, 10, 31))
    want_reminders(owner, "fern@nocontact.test", dt.time(21), daily_checkin=True)
    assert tick_at(berlin(2026, 11, 30, 21)).sent == 1  # the nudge; day 30 not asked for

    client.force_login(owner)
    form = {"email": "fern@nocontact.test", "daily_checkin": "on", "milestones": "on"}
    assert client.post("/reminders/", {**form, "send_at": "21:00"}).status_code == 302

    assert tick_at(berlin(2026, 11, 30, 21, 30)).sent == 1
    subjects = [r.message["Subject"] for r in smtp_settings.mailbox.wait_for(2, 5)]
    assert subjects == ["A moment for your check-in", "Day 30: a milestone"]


def test_it_lets_a_late_worker_change_nothing_once_another_took_over(
    owner_with_breakup: Any,
) -> None:
    want_reminders(owner_with_breakup, daily_checkin=True)
    nine = berlin(2026, 11, 30, 21)
    worker.schedule(nine)
    stale = worker.claim_next(nine)
    taken_over = worker.claim_next(nine + dt.timedelta(seconds=worker.CLAIM_SECONDS + 1))
    assert stale is not None
    assert taken_over is not None

    worker._finish(stale, Delivery.Status.SKIPPED)

    row = Delivery.objects.get()
    assert row.status == Delivery.Status.CLAIMED
    assert row.claimed_until == taken_over.claimed_until
