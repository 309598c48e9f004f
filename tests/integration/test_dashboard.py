from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nocontact.core import rules
from nocontact.core.program import derive_state
from nocontact.journey import repository
from nocontact.journey.models import Event
from tests.conftest import local_today
from tests.integration.program_helpers import (
    BERLIN,
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
    days_ago,
)

pytestmark = pytest.mark.django_db
URL = reverse("dashboard")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "dashboard")


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))


def test_it_shows_the_day_count_and_the_minimum(owner_client: Any, owner_breakup: Any) -> None:
    state = repository.program_state(owner_breakup)
    response = owner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Day {state.day_count}<" in html
    # 26 months together, a tense end: 30 + 7 + 7.
    assert state.minimum_days == 44
    assert "Your minimum period is 44 days" in html
    assert f'<progress id="minimum-progress" max="44" value="{state.day_count}"' in html
    assert f"{state.day_count} of 44 days" in html


def test_it_shows_the_numbers_derive_state_gives(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = make_breakup(owner, breakup_date=local_today() - dt.timedelta(days=60))
    add_event(breakup, "slip", days_ago(40), channel="text")
    add_event(breakup, "checked_on_them", days_ago(20), how="profile")
    add_event(breakup, "slip", days_ago(9))
    for n in range(1, 6):
        add_event(breakup, "checkin", days_ago(n), mood=3, desperation=4, cried=False)
    expected = derive_state(
        repository.to_profile(breakup),
        repository.all_events(breakup),
        repository.today_for(owner),
        BERLIN,
    )
    html = owner_client.get(URL).content.decode()
    assert f"Day {expected.day_count}<" in html
    assert f"<strong>{round(100 * expected.strength)}%</strong> <span>strength" in html
    assert f"<strong>{expected.longest_streak} days</strong> <span>longest streak" in html
    assert f"<strong>{expected.total_days} days</strong> <span>without contact in total" in html
    assert expected.longest_streak == 31
    assert expected.next_milestone_on is not None
    assert f"Next milestone: day {expected.next_milestone}" in html


def test_it_says_what_strength_means(owner_client: Any, owner_breakup: Any) -> None:
    assert "It forgives a slip" in owner_client.get(URL).content.decode()


def test_it_marks_todays_checkin_done(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    assert "Not done yet" in html
    assert reverse("checkin") in html
    add_event(owner_breakup, "checkin", days_ago(0, hour=0), mood=2, desperation=5, cried=True)
    html = owner_client.get(URL).content.decode()
    assert "Done for today" in html


def test_it_does_not_count_yesterdays_checkin_as_today(
    owner_client: Any, owner_breakup: Any
) -> None:
    # 23:59 yesterday in Berlin is still yesterday, whatever the UTC date is.
    add_event(
        owner_breakup,
        "checkin",
        days_ago(1, hour=23) + dt.timedelta(minutes=59),
        mood=2,
        desperation=5,
        cried=False,
    )
    assert "Not done yet" in owner_client.get(URL).content.decode()


def test_it_shows_the_latest_urge(owner_client: Any, owner_breakup: Any) -> None:
    add_event(owner_breakup, "urge", days_ago(2), intensity=3, outcome="resisted")
    add_event(owner_breakup, "urge", days_ago(1), intensity=8, outcome="resisted")
    html = owner_client.get(URL).content.decode()
    assert "Your latest urge" in html
    assert "intensity 8 of 10" in html
    assert "intensity 3 of 10" not in html


def test_it_shows_an_urge_older_than_the_recent_weeks(
    owner_client: Any, owner_breakup: Any
) -> None:
    add_event(owner_breakup, "urge", days_ago(60), intensity=4, outcome="slipped")
    html = owner_client.get(URL).content.decode()
    assert "intensity 4 of 10" in html
    assert "You reached out, and you logged it honestly." in html


def test_it_shows_the_later_urge_of_two_at_the_same_minute(
    owner_client: Any, owner_breakup: Any
) -> None:
    add_event(owner_breakup, "urge", days_ago(1), intensity=3, outcome="resisted")
    add_event(owner_breakup, "urge", days_ago(1), intensity=7, outcome="resisted")
    html = owner_client.get(URL).content.decode()
    assert "intensity 7 of 10" in html
    assert "intensity 3 of 10" not in html


def test_it_offers_every_quick_action(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    for name in ("sos", "checkin", "urge", "slip", "checked_on_them", "ex_contact"):
        assert f'href="{reverse(name)}"' in html


def test_it_celebrates_a_milestone_day(owner_client: Any, owner: Any, make_breakup: Any) -> None:
    make_breakup(owner, breakup_date=repository.today_for(owner) - dt.timedelta(days=7))
    html = owner_client.get(URL).content.decode()
    assert "7 days without contact. Take a quiet moment" in html
    assert f"Next milestone: day {rules.next_milestone(7)}" in html


def test_it_explains_the_readiness_verdict(owner_client: Any, owner_breakup: Any) -> None:
    state = repository.program_state(owner_breakup)
    html = owner_client.get(URL).content.decode()
    assert "<details" in html
    assert "Not yet, and that is okay." in html
    assert (
        f"Day {state.day_count} of {state.minimum_days}: the minimum period is reached on" in html
    )


def test_it_keeps_reconnect_wording_off_the_safety_track(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    html = owner_client.get(URL).content.decode()
    assert "Day 12<" in html
    assert reverse("support") in html
    assert "Am I ready" not in html
    assert "wanting, not needing" not in html


def test_it_shows_another_user_only_their_own_program(
    other_client: Any, owner_breakup: Any, other: Any, make_breakup: Any
) -> None:
    add_event(owner_breakup, "urge", days_ago(1), intensity=9, outcome="resisted")
    make_breakup(other, breakup_date=repository.today_for(other) - dt.timedelta(days=3))
    html = other_client.get(URL).content.decode()
    assert "Day 3<" in html
    assert "Your latest urge" not in html


def test_it_never_writes_on_get(owner_client: Any, owner_breakup: Any) -> None:
    before = counts()
    owner_client.get(URL)
    assert counts() == before
    assert owner_client.post(URL).status_code == 405


def _history(breakup: Any, size: int) -> None:
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=size)
    rows = []
    for n in range(size):
        kind = (
            ("checkin", "urge", "checked_on_them", "slip")[n % 4]
            if n % 50 == 0
            else ("checkin", "urge")[n % 2]
        )
        data: dict[str, Any] = (
            {"mood": 3, "desperation": 4, "cried": False}
            if kind == "checkin"
            else {"intensity": 5, "outcome": "resisted"}
            if kind == "urge"
            else {}
        )
        rows.append(Event(breakup=breakup, kind=kind, at=start + dt.timedelta(days=n), data=data))
    Event.objects.bulk_create(rows)


def _queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_its_query_count_does_not_grow_with_history(
    owner_client: Any, owner: Any, make_breakup: Any, django_assert_max_num_queries: Any
) -> None:
    small = make_breakup(owner, breakup_date=local_today() - dt.timedelta(days=20))
    _history(small, 10)
    few = _queries(owner_client)
    large = make_breakup(owner, breakup_date=local_today() - dt.timedelta(days=600))
    _history(large, 500)
    with django_assert_max_num_queries(few):
        owner_client.get(URL)  # the first look at the long history derives its state
    assert _queries(owner_client) < few  # then it is kept: the events are not read again
    assert few <= 12


def test_it_brings_back_a_cooled_off_letter_on_the_dashboard(
    owner_client: Any, owner_breakup: Any
) -> None:
    from django.utils import timezone

    from nocontact.journey.models import Writing

    Writing.objects.create(
        breakup=owner_breakup,
        kind=Writing.Kind.UNSENT_LETTER,
        text="Hi, it has been a while.",
        at=timezone.now() - dt.timedelta(hours=30),
        might_send_at=timezone.now() - dt.timedelta(hours=30),
        coach_route="first_contact",
    )
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "Letters you might send" in page
    assert "It&#x27;s back." in page or "It's back." in page


@pytest.mark.parametrize("name", ["dashboard", "writings"])
def test_the_cool_off_queue_holds_the_letters_of_earlier_breakups_too(
    owner: Any, owner_client: Any, owner_breakup: Any, make_breakup: Any, name: str
) -> None:
    from django.utils import timezone

    from nocontact.journey.models import Writing

    assert "Letters you might send" not in owner_client.get(reverse(name)).content.decode()
    Writing.objects.create(
        breakup=owner_breakup,
        kind=Writing.Kind.UNSENT_LETTER,
        text="Hi, it has been a while.",
        at=timezone.now(),
        might_send_at=timezone.now(),
    )
    owner_breakup.archived_at = timezone.now()
    owner_breakup.save()
    make_breakup(owner, ex_nickname="Alex")
    assert "Letters you might send" in owner_client.get(reverse(name)).content.decode()
