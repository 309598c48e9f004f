"""The hub and the guidance of routes A-D, and the lock that replaces them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.core.model import Goal
from nocontact.journey.models import Event, ItemLeft, Occasion
from tests.conftest import local_today
from tests.integration.program_helpers import (
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    days_ago,
)
from tests.integration.routes_helpers import CONTACT_TOOL, attempt, html_of, ready, today_of

pytestmark = pytest.mark.django_db
HUB = reverse("routes")
ROUTES = ("ex_reached_out", "encounter", "reach_out", "occasion", "pickup", "intent_statement")
TOOL_PAGES = [HUB, reverse("meeting")] + [reverse("route", kwargs={"route": r}) for r in ROUTES]
GOOD = {"outcome": "positive"}


def route_url(route: str) -> str:
    return reverse("route", kwargs={"route": route})


def log_url(route: str) -> str:
    return reverse("log_attempt", kwargs={"route": route})


# --- Who may see the routes -------------------------------------------------------


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(HUB), "routes")
    assert_login_redirect(client.get(route_url("reach_out")), "route", route="reach_out")
    assert_login_redirect(client.post(log_url("reach_out"), GOOD), "log_attempt", route="reach_out")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(HUB))
    assert_onboarding_redirect(owner_client.post(log_url("reach_out"), GOOD))
    assert Event.objects.count() == 0


def test_it_answers_404_for_a_route_that_does_not_exist(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner)
    assert owner_client.get("/reconnect/stalking/").status_code == 404
    assert owner_client.post("/reconnect/stalking/log/", GOOD).status_code == 404


def test_it_shows_a_ready_user_the_routes_of_their_strategy(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner)
    response = owner_client.get(HUB)
    assert response.status_code == 200
    html = html_of(response)
    for route in ("ex_reached_out", "encounter", "reach_out"):
        assert f'href="{route_url(route)}" data-contact-tool' in html
    # Statement of intent belongs to another strategy; nothing left behind is substantial.
    assert route_url("intent_statement") not in html
    assert route_url("pickup") not in html
    assert 'data-attempts-left="3"' in html
    assert reverse("meeting") in html


def test_it_keeps_another_users_state_apart(
    owner_client: Any, owner: Any, other: Any, make_breakup: Any
) -> None:
    """The other user is ready; the owner's fresh breakup is still locked."""
    make_breakup(owner)
    other_breakup = ready(make_breakup, other)
    html = html_of(owner_client.get(HUB))
    assert "Your no-contact time is still running" in html
    assert CONTACT_TOOL not in html
    response = owner_client.post(log_url("reach_out"), GOOD)
    assert response.status_code == 403
    assert not Event.objects.filter(kind="attempt").exists()
    assert Event.objects.filter(breakup=other_breakup).count() == 8


# --- Locked: the explanation instead of any tool ---------------------------------


def _fresh(make_breakup: Any, user: Any) -> Any:
    return make_breakup(user)


def _not_sure(make_breakup: Any, user: Any) -> Any:
    return ready(make_breakup, user, goal=Goal.UNSURE)


def _safety(make_breakup: Any, user: Any) -> Any:
    return ready(make_breakup, user, unsafe=True)


def _distress(make_breakup: Any, user: Any) -> Any:
    breakup = ready(make_breakup, user)
    add_event(breakup, "checkin", days_ago(0, hour=0), mood=1, desperation=9, cried=True)
    return breakup


def _asked(make_breakup: Any, user: Any) -> Any:
    breakup = ready(make_breakup, user)
    attempt(breakup, "asked_no_contact", 2)
    return breakup


def _blocked(make_breakup: Any, user: Any) -> Any:
    breakup = ready(make_breakup, user)
    attempt(breakup, "blocked", 2)
    return breakup


def _limit(make_breakup: Any, user: Any) -> Any:
    breakup = ready(make_breakup, user)
    for days in (40, 30, 20):
        attempt(breakup, "no_reply", days)
    return breakup


def _cooldown(make_breakup: Any, user: Any) -> Any:
    breakup = ready(make_breakup, user)
    attempt(breakup, "not_ready", 2)
    return breakup


def _not_ready(make_breakup: Any, user: Any) -> Any:
    breakup = make_breakup(user, breakup_date=local_today() - dt.timedelta(days=80))
    add_event(breakup, "readiness_answers", days_ago(1), answers=[1] * 10)
    return breakup


LOCKS = [
    (_fresh, "minimum_not_reached", "Your no-contact time is still running"),
    (_not_sure, "not_contact_strategy", "No contact tools, by your choice"),
    (_safety, "safety_track", "Your safety comes first"),
    (_distress, "distress", "look after you first"),
    (_asked, "asked_no_contact", "They asked for no contact"),
    (_blocked, "blocked", "blocked you"),
    (_limit, "attempt_limit", "time to let it rest"),
    (_cooldown, "cooldown", "Giving them room"),
    (_not_ready, "not_ready_yet", "Not quite yet"),
]


@pytest.mark.parametrize(("setup", "reason", "title"), LOCKS, ids=[lock[1] for lock in LOCKS])
def test_it_explains_the_lock_instead_of_any_tool(
    owner_client: Any, owner: Any, make_breakup: Any, setup: Any, reason: str, title: str
) -> None:
    setup(make_breakup, owner)
    for url in TOOL_PAGES:
        response = owner_client.get(url)
        assert response.status_code == 200, url
        html = html_of(response)
        assert f'data-lock-note="{reason}"' in html, url
        assert title.replace("'", "&#x27;") in html, url
        assert CONTACT_TOOL not in html, url
        assert "data-coach-route" not in html, url


@pytest.mark.parametrize(("setup", "reason", "title"), LOCKS, ids=[lock[1] for lock in LOCKS])
def test_it_refuses_a_post_while_locked_and_saves_nothing(
    owner_client: Any, owner: Any, make_breakup: Any, setup: Any, reason: str, title: str
) -> None:
    setup(make_breakup, owner)
    before = Event.objects.count()
    for route in ROUTES:
        response = owner_client.post(log_url(route), {**GOOD, "signals": ["long_replies"]})
        assert response.status_code == 403
        assert f'data-lock-note="{reason}"' in html_of(response)
    assert owner_client.post(reverse("friendship_offer")).status_code == 403
    assert Event.objects.count() == before


@pytest.mark.parametrize("setup", [_asked, _blocked, _limit], ids=["asked", "blocked", "limit"])
def test_it_offers_the_moving_on_program_when_contact_is_closed(
    owner_client: Any, owner: Any, make_breakup: Any, setup: Any
) -> None:
    setup(make_breakup, owner)
    html = html_of(owner_client.get(HUB))
    assert "Moving on, week by week" in html
    assert "This week: let it land" in html
    assert reverse("ex_contact") in html  # the one thing that could reopen it


def test_it_shows_the_safety_track_support_and_no_reconnect_tool_anywhere(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    _safety(make_breakup, owner)
    pages = [*TOOL_PAGES, reverse("meeting_debrief"), reverse("log_signal"), reverse("interest")]
    for url in pages:
        html = html_of(owner_client.get(url))
        assert reverse("support") in html, url
        assert CONTACT_TOOL not in html, url
        assert "Ways to reconnect" not in html, url
        assert route_url("reach_out") not in html, url


def test_it_reopens_route_a_after_they_reach_out(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = _asked(make_breakup, owner)
    add_event(breakup, "ex_contact", days_ago(1), channel="text", tone="warm")
    html = html_of(owner_client.get(route_url("ex_reached_out")))
    assert "Replying to them" in html
    assert 'data-coach-route="reply"' in html
    assert owner_client.post(log_url("ex_reached_out"), GOOD).status_code == 302


# --- Route by route -------------------------------------------------------------------


def test_it_guides_route_a_with_a_warm_short_reply(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner)
    html = html_of(owner_client.get(route_url("ex_reached_out")))
    assert "Leave the breakup out of it" in html
    assert "Hi Sam, nice to hear from you!" in html
    assert 'data-coach-route="reply"' in html
    assert f'action="{log_url("ex_reached_out")}" data-contact-tool' in html


def test_it_explains_why_not_to_plan_a_coincidence_and_offers_no_help(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner)
    html = html_of(owner_client.get(route_url("encounter")))
    assert "Why not plan a &#x27;coincidence&#x27;?" in html
    assert "it can feel like being watched" in html
    assert "If it happens: a pocket card" in html
    # No planning help: no draft to send, no date, time or place to fill in.
    assert "data-coach-route" not in html
    for field in ('type="date"', 'type="time"', 'type="datetime-local"', 'name="place"'):
        assert field not in html
    # The only form is the debrief afterwards.
    assert html.count("<form") == 2  # the debrief and the log-out button
    assert f'action="{log_url("encounter")}"' in html


def test_it_offers_a_plain_reach_out_with_a_coached_draft(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner)
    html = html_of(owner_client.get(route_url("reach_out")))
    assert "A plain, honest hello" in html
    assert "Hi Sam, it&#x27;s been a while" in html
    assert 'data-coach-route="first_contact"' in html
    assert "Nothing is sent and nothing is saved here" in html


def test_it_surfaces_upcoming_occasions_once_ready(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    today = today_of(breakup)
    Occasion.objects.create(
        breakup=breakup, kind="occasion", name="Sam's graduation", date=today + dt.timedelta(5)
    )
    Occasion.objects.create(
        breakup=breakup, kind="occasion", name="Far birthday", date=today + dt.timedelta(90)
    )
    Occasion.objects.create(
        breakup=breakup, kind="hard_date", name="Our anniversary", date=today + dt.timedelta(3)
    )
    for url in (HUB, route_url("occasion")):
        html = html_of(owner_client.get(url))
        assert "Sam&#x27;s graduation" in html, url
        assert "in 5 days" in html, url
        assert "Far birthday" not in html, url
        assert "Our anniversary" not in html, url
    assert 'data-coach-route="occasion"' in html


def test_it_keeps_occasions_hidden_until_ready(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = _not_ready(make_breakup, owner)
    Occasion.objects.create(
        breakup=breakup,
        kind="occasion",
        name="Sam's graduation",
        date=today_of(breakup) + dt.timedelta(5),
    )
    for url in (HUB, route_url("occasion"), reverse("dashboard")):
        assert "graduation" not in html_of(owner_client.get(url)), url


def test_it_offers_only_substantial_items_back(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    ItemLeft.objects.create(breakup=breakup, name="guitar", substantial=True)
    ItemLeft.objects.create(breakup=breakup, name="phone charger", substantial=False)
    hub = html_of(owner_client.get(HUB))
    assert route_url("pickup") in hub
    html = html_of(owner_client.get(route_url("pickup")))
    assert "I still have your guitar" in html
    assert "phone charger" not in html
    assert "phone charger" not in hub
    assert "Let me know when suits you to pick it up" in html
    assert 'data-coach-route="pickup"' in html


def test_it_never_offers_small_things_as_a_reason(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    ItemLeft.objects.create(breakup=breakup, name="phone charger", substantial=False)
    assert route_url("pickup") not in html_of(owner_client.get(HUB))
    html = html_of(owner_client.get(route_url("pickup")))
    assert "phone charger" not in html
    assert "Small things are not a reason to get in touch" in html
    assert "data-coach-route" not in html
    assert log_url("pickup") not in html
    assert owner_client.post(log_url("pickup"), GOOD).status_code == 302  # logging stays honest


def test_it_guides_route_d_and_prepares_a_kind_decline(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    add_event(breakup, "strategy", days_ago(1), strategy="intent_statement")
    hub = html_of(owner_client.get(HUB))
    assert route_url("intent_statement") in hub
    assert route_url("reach_out") not in hub
    html = html_of(owner_client.get(route_url("intent_statement")))
    assert "Say it once, honestly" in html
    assert "Then step back, with no end date" in html
    assert 'data-coach-route="intent_statement"' in html
    assert 'data-coach-route="decline_friendship"' in html
    assert "Thank you, Sam, that means a lot." in html
    assert f'action="{reverse("friendship_offer")}"' in html


def test_it_logs_a_friendship_offer_and_points_to_the_decline(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    add_event(breakup, "strategy", days_ago(1), strategy="intent_statement")
    response = owner_client.post(reverse("friendship_offer"))
    assert response.status_code == 302
    assert response["Location"] == route_url("intent_statement") + "#decline"
    signal = Event.objects.get(kind="signal")
    assert signal.data == {"signal": "offered_friendship"}
    html = html_of(owner_client.get(response["Location"]))
    assert "it&#x27;s okay to say no" in html
    assert 'data-coach-route="decline_friendship"' in html
    trend = html_of(owner_client.get(reverse("interest")))
    assert "They offered friendship" in trend


def test_it_keeps_routes_of_another_strategy_out_of_reach(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner)  # strategy: reconnect, from the goal
    html = html_of(owner_client.get(route_url("intent_statement")))
    assert "data-off-strategy" in html
    assert "data-coach-route" not in html
    assert log_url("intent_statement") not in html
    response = owner_client.post(log_url("intent_statement"), GOOD)
    assert response.status_code == 400
    assert owner_client.post(reverse("friendship_offer")).status_code == 400
    assert not Event.objects.filter(kind__in=["attempt", "signal"]).exists()


def test_it_changes_nothing_on_get(owner_client: Any, owner: Any, make_breakup: Any) -> None:
    ready(make_breakup, owner)
    before = Event.objects.count()
    for url in [*TOOL_PAGES, log_url("reach_out"), reverse("friendship_offer")]:
        assert owner_client.get(url).status_code in (200, 302)
    assert Event.objects.count() == before


def test_it_offers_no_tools_once_they_are_back_together(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    attempt(breakup, "positive", 5)
    add_event(breakup, "outcome", days_ago(1), outcome="reunited")
    for url in TOOL_PAGES:
        response = owner_client.get(url)
        assert response.status_code == 200, url
        html = html_of(response)
        assert "has come to its end" in html, url
        assert CONTACT_TOOL not in html, url
    assert owner_client.post(log_url("reach_out"), GOOD).status_code == 403
    assert Event.objects.filter(kind="attempt").count() == 1
