from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from nocontact.journey import repository
from nocontact.journey.models import Breakup, Event
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
URL = reverse("outcome")
CLOSING = reverse("closing")
START_AGAIN = reverse("start_again")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    for name in ("outcome", "closing", "start_again"):
        assert_login_redirect(client.get(reverse(name)), name)
    client.post(URL, {"outcome": "moved_on", "confirm": "True"})
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    for name in ("outcome", "closing", "start_again"):
        assert_onboarding_redirect(owner_client.get(reverse(name)))


def test_it_asks_for_confirmation_before_saving(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"outcome": "moved_on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-outcome="moved_on"' in html
    assert 'name="confirm" value="True"' in html
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("outcome", "title"),
    [("moved_on", "moving on"), ("reunited", "You found your way back")],
)
def test_it_saves_the_outcome_and_shows_its_closing_screen(
    owner_client: Any, owner_breakup: Any, outcome: str, title: str
) -> None:
    response = owner_client.post(URL, {"outcome": outcome, "confirm": "True"})
    assert response.status_code == 302
    assert response["Location"] == CLOSING
    assert Event.objects.get(kind="outcome").data == {"outcome": outcome}
    closing = owner_client.get(CLOSING)
    html = closing.content.decode()
    assert closing.status_code == 200
    assert f'data-phase="{outcome}"' in html
    assert title in html
    assert START_AGAIN in html
    # The history is kept, and the dashboard shows where the story landed.
    assert Breakup.objects.get(pk=owner_breakup.pk).archived_at is None
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert f'data-phase="{outcome}"' in dashboard
    assert CLOSING in dashboard


def test_the_closing_screen_waits_for_an_outcome(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(CLOSING)
    assert response.status_code == 302
    assert response["Location"] == reverse("program")


@pytest.mark.parametrize(
    "data",
    [{}, {"outcome": "closed", "confirm": "True"}, {"outcome": "together"}],
)
def test_it_refuses_bad_input_with_400_and_saves_nothing(
    owner_client: Any, owner_breakup: Any, data: dict[str, str]
) -> None:
    response = owner_client.post(URL, data)
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_it_never_offers_reunited_on_the_safety_track(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.safety_track(make_breakup, owner)
    html = owner_client.get(URL).content.decode()
    assert 'value="reunited"' not in html
    assert 'value="moved_on"' in html
    response = owner_client.post(URL, {"outcome": "reunited", "confirm": "True"})
    assert response.status_code == 400
    assert Event.objects.filter(kind="outcome").count() == 0


def test_it_does_not_offer_reunited_after_they_asked_for_no_contact(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.asked_no_contact(make_breakup, owner)
    assert 'value="reunited"' not in owner_client.get(URL).content.decode()
    assert owner_client.post(URL, {"outcome": "reunited", "confirm": "True"}).status_code == 400


def test_only_they_reached_out_reopens_contact_tools_after_an_outcome(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = scenario.ready(make_breakup, owner)
    owner_client.post(URL, {"outcome": "moved_on", "confirm": "True"})
    html = owner_client.get(reverse("program")).content.decode()
    assert 'data-phase="moved_on"' in html
    assert not scenario.offers_contact_tool(html)
    # A strategy change or another self-check does not reopen anything.
    owner_client.post(reverse("strategy"), {"strategy": "reconnect"})
    assert repository.program_state(breakup).phase == "moved_on"
    add_event(breakup, "ex_contact", timezone.now(), channel="text", tone="warm")
    state = repository.program_state(breakup)
    assert state.phase != "moved_on"
    program = owner_client.get(reverse("program")).content.decode()
    assert 'data-phase="moved_on"' not in program


def test_it_saves_to_the_users_own_breakup_only(
    owner_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    owner_client.post(URL, {"outcome": "moved_on", "confirm": "True"})
    assert owner_breakup.events.filter(kind="outcome").count() == 1
    assert other_breakup.events.count() == 0


def start_again_data(**overrides: str) -> dict[str, str]:
    data = {
        "ex_nickname": "Robin",
        "breakup_date": (local_today() - dt.timedelta(days=3)).isoformat(),
        "relationship_months": "8",
        "ended_by": "mutual",
        "intensity": "0",
        "goal": "move_on",
        "unsafe": "no",
    }
    data.update(overrides)
    return data


def test_starting_again_archives_the_old_breakup_and_keeps_its_history(
    owner_client: Any, owner_breakup: Any
) -> None:
    add_event(owner_breakup, "outcome", days_ago(1), outcome="moved_on")
    assert owner_client.get(START_AGAIN).status_code == 200
    response = owner_client.post(START_AGAIN, start_again_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    old = Breakup.objects.get(pk=owner_breakup.pk)
    assert old.archived_at is not None
    assert old.events.filter(kind="outcome").count() == 1
    new = repository.active_breakup(owner_breakup.user)
    assert new is not None
    assert new.pk != old.pk
    assert new.ex_nickname == "Robin"
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert 'data-day-count="3"' in dashboard


def test_starting_again_refuses_bad_input_and_keeps_the_old_breakup(
    owner_client: Any, owner_breakup: Any
) -> None:
    before = counts(), Breakup.objects.count()
    future = (local_today() + dt.timedelta(days=30)).isoformat()
    response = owner_client.post(START_AGAIN, start_again_data(breakup_date=future))
    assert response.status_code == 400
    assert (counts(), Breakup.objects.count()) == before
    assert Breakup.objects.get(pk=owner_breakup.pk).archived_at is None


def test_starting_again_leaves_another_user_alone(
    owner_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    owner_client.post(START_AGAIN, start_again_data())
    assert Breakup.objects.get(pk=other_breakup.pk).archived_at is None
