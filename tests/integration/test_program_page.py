from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

from nocontact.journey import repository
from tests.integration import program_scenarios as scenario
from tests.integration.program_helpers import assert_login_redirect, assert_onboarding_redirect

pytestmark = pytest.mark.django_db
URL = reverse("program")


def page(client: Any) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return str(response.content.decode())


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "program")


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))


def test_it_only_answers_get(owner_client: Any, owner_breakup: Any) -> None:
    assert owner_client.post(URL).status_code == 405


def test_it_shows_the_phase_and_why_tools_wait_with_the_date(
    owner_client: Any, owner_breakup: Any
) -> None:
    state = repository.program_state(owner_breakup)
    html = page(owner_client)
    assert 'data-phase="no_contact"' in html
    assert 'data-lock-note="minimum_not_reached"' in html
    assert f'data-lock-date="{state.minimum_reached_on.isoformat()}"' in html
    assert "Your no-contact time is still running" in html
    assert 'data-tools="locked"' in html
    assert not scenario.offers_contact_tool(html)
    assert 'data-attempts-left="3"' in html


def test_it_shows_the_next_attempt_date_and_attempts_left_when_cooling_down(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = scenario.cooling_down(make_breakup, owner)
    state = repository.program_state(breakup)
    html = page(owner_client)
    assert state.next_attempt_on is not None
    assert f'data-next-attempt-on="{state.next_attempt_on.isoformat()}"' in html
    assert 'data-attempts-left="2"' in html
    assert 'data-lock-note="cooldown"' in html
    assert "Giving them room" in html


def test_it_offers_the_routes_only_when_tools_are_open(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.ready(make_breakup, owner)
    html = page(owner_client)
    assert 'data-tools="open"' in html
    assert "data-lock-note" not in html
    routes = re.findall(r'href="([^"]+)" data-contact-tool', html)
    try:
        expected = [reverse("routes")]
    except NoReverseMatch:  # the routes hub is built in its own module
        expected = []
    assert routes == expected


@pytest.mark.parametrize(
    ("outcome", "title"),
    [
        ("asked_no_contact", "They asked for no contact"),
        ("blocked", "blocked you"),
    ],
)
def test_it_closes_tools_and_shows_the_moving_on_program(
    owner_client: Any, owner: Any, make_breakup: Any, outcome: str, title: str
) -> None:
    breakup = scenario.ready(make_breakup, owner)
    scenario.attempt(breakup, outcome, 1)
    html = page(owner_client)
    assert title in html
    assert "This week: let it land" in html
    assert "After a month: look ahead" in html
    assert "If they ever get in touch with you themselves" in html
    assert not scenario.offers_contact_tool(html)


def test_it_closes_tools_after_three_attempts_without_a_warm_reply(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = scenario.ready(make_breakup, owner)
    for days in (30, 20, 10):
        scenario.attempt(breakup, "neutral", days)
    html = page(owner_client)
    assert 'data-lock-note="attempt_limit"' in html
    assert "You&#x27;ve reached out 3 times" in html or "reached out 3 times" in html
    assert "This week: let it land" in html


def test_the_safety_track_shows_only_support(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.safety_track(make_breakup, owner)
    html = page(owner_client)
    assert 'data-phase="safety"' in html
    assert reverse("support") in html
    for offer in (reverse("strategy"), reverse("readiness"), reverse("outcome"), "/reconnect/"):
        assert offer not in html
    assert not scenario.offers_contact_tool(html)
    assert "data-attempts-left" not in html


def test_high_distress_shows_care_and_support_first(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.distressed(make_breakup, owner)
    html = page(owner_client)
    care = html.index("First, how are you?")
    assert care < html.index('data-phase="')
    assert care < html.index(reverse("support")) < html.index('data-lock-note="distress"')
    assert not scenario.offers_contact_tool(html)


def test_a_not_sure_user_gets_wellbeing_tools_and_no_contact_tools(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.not_sure(make_breakup, owner)
    html = page(owner_client)
    assert 'data-lock-note="not_contact_strategy"' in html
    assert reverse("readiness") in html
    assert reverse("strategy") not in html
    assert not scenario.offers_contact_tool(html)


def test_after_reunited_it_shows_the_closing_and_no_routes(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.reunited(make_breakup, owner)
    html = page(owner_client)
    assert 'data-phase="reunited"' in html
    assert "You found your way back" in html
    assert reverse("start_again") in html
    assert not scenario.offers_contact_tool(html)


def test_it_shows_the_users_own_program_only(
    owner_client: Any, owner_breakup: Any, other: Any, make_breakup: Any
) -> None:
    breakup = scenario.asked_no_contact(make_breakup, other)
    assert breakup.user == other
    html = page(owner_client)
    assert 'data-phase="no_contact"' in html
    assert "They asked for no contact" not in html
