from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.core.model import Goal
from nocontact.core.readiness import STATEMENTS
from nocontact.journey.models import Event
from tests.conftest import local_today
from tests.integration import program_scenarios as scenario
from tests.integration.program_helpers import (
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
    days_ago,
)

pytestmark = pytest.mark.django_db
URL = reverse("readiness")


def answers_post(values: list[int]) -> dict[str, str]:
    return {s.key: str(v) for s, v in zip(STATEMENTS, values, strict=True)}


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "readiness")
    assert client.post(URL, answers_post([5] * 10)).status_code == 302
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))


def test_it_shows_ten_accessible_radio_groups(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset>") == len(STATEMENTS) == 10
    assert html.count('type="radio"') == 50
    assert "My days feel full without them" in html
    assert 'data-verdict="not_yet"' in html


def test_it_saves_the_answers_and_explains_each_one_back(
    owner_client: Any, owner_breakup: Any
) -> None:
    values = [5, 4, 2, 4, 5, 4, 3, 5, 4, 1]
    response = owner_client.post(URL, answers_post(values), follow=True)
    assert response.redirect_chain[-1][0] == URL
    event = Event.objects.get(kind="readiness_answers")
    assert event.data == {"answers": values}
    assert event.breakup == owner_breakup
    html = response.content.decode()
    assert html.count("data-answer=") == 10
    assert "You answered 2 of 5." in html
    # The low answer is explained with what would help; the high one with what is there.
    assert "would hit very hard right now" in html
    assert "Your life has its own shape again" in html
    assert "Self-check 3.7 of 5" in html


def test_it_shows_the_verdict_with_its_numbers_and_the_wellbeing_trend(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = make_breakup(owner, breakup_date=local_today() - dt.timedelta(days=60))
    for n in range(1, 8):
        add_event(breakup, "checkin", days_ago(n), mood=4, desperation=2, cried=n == 3)
    add_event(breakup, "urge", days_ago(2), intensity=5, outcome="resisted")
    html = owner_client.get(URL).content.decode()
    assert "your minimum of 44 days was reached on" in html
    assert "Average mood 4.0 of 5 over 14 days" in html
    assert "Average desperation 2.0 of 10" in html
    assert "Cried on 1 of the last 7 days." in html
    assert "Urges this week: 1; the week before: 0." in html


def test_it_answers_at_most_once_a_day(owner_client: Any, owner_breakup: Any) -> None:
    owner_client.post(URL, answers_post([4] * 10))
    html = owner_client.get(URL).content.decode()
    assert "You can take the self-check again on" in html
    assert 'type="radio"' not in html
    tomorrow = (local_today() + dt.timedelta(days=1)).isoformat()
    assert f'data-next-check-on="{tomorrow}"' in html or "data-next-check-on=" in html
    before = counts()
    response = owner_client.post(URL, answers_post([5] * 10))
    assert response.status_code == 400
    assert "already taken the self-check today" in response.content.decode()
    assert counts() == before


def test_it_lets_a_user_answer_again_the_next_day(owner_client: Any, owner_breakup: Any) -> None:
    add_event(owner_breakup, "readiness_answers", days_ago(1), answers=[3] * 10)
    assert 'type="radio"' in owner_client.get(URL).content.decode()
    assert owner_client.post(URL, answers_post([4] * 10)).status_code == 302
    assert Event.objects.filter(kind="readiness_answers").count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {},
        answers_post([4] * 9 + [6]),
        {**answers_post([4] * 10), "full_days": "zero"},
        {k: v for k, v in answers_post([4] * 10).items() if k != "hold_silence"},
    ],
)
def test_it_refuses_bad_answers_with_400_and_saves_nothing(
    owner_client: Any, owner_breakup: Any, data: dict[str, str]
) -> None:
    response = owner_client.post(URL, data)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert Event.objects.count() == 0


def test_it_only_shows_and_saves_the_users_own_answers(
    owner_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    add_event(other_breakup, "readiness_answers", days_ago(0), answers=[1] * 10)
    html = owner_client.get(URL).content.decode()
    assert "data-answer=" not in html
    assert 'type="radio"' in html  # the other user's answer today does not count
    owner_client.post(URL, answers_post([5] * 10))
    assert other_breakup.events.filter(kind="readiness_answers").count() == 1
    assert owner_breakup.events.filter(kind="readiness_answers").count() == 1


def test_it_offers_a_not_sure_user_readiness_and_no_contact_tools(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, goal=Goal.UNSURE, breakup_date=local_today() - dt.timedelta(days=90))
    html = owner_client.get(URL).content.decode()
    assert 'type="radio"' in html
    assert "no contact tools while you're unsure" in html
    assert not scenario.offers_contact_tool(html)
    assert reverse("strategy") not in html


def test_it_shows_only_support_on_the_safety_track(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    response = owner_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("support") in html
    assert 'type="radio"' not in html
    response = owner_client.post(URL, answers_post([5] * 10))
    assert response.status_code == 400
    assert Event.objects.count() == 0
