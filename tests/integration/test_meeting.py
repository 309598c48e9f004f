"""The first meeting: the prep checklist (a contact tool) and the debrief."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey import repository
from nocontact.journey.models import Event
from tests.integration.program_helpers import (
    assert_login_redirect,
    assert_onboarding_redirect,
)
from tests.integration.routes_helpers import CONTACT_TOOL, attempt, html_of, ready

pytestmark = pytest.mark.django_db
PREP = reverse("meeting")
DEBRIEF = reverse("meeting_debrief")
GOOD = {
    "signals": ["suggested_another_meeting", "asked_about_your_life"],
    "again_both_sides": "yes",
    "feeling": "4",
    "note": "We laughed a lot.",
}


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(PREP), "meeting")
    assert_login_redirect(client.get(DEBRIEF), "meeting_debrief")
    assert_login_redirect(client.post(DEBRIEF, GOOD), "meeting_debrief")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.post(DEBRIEF, GOOD))
    assert Event.objects.count() == 0


def test_it_shows_the_prep_checklist(owner_client: Any, owner: Any, make_breakup: Any) -> None:
    ready(make_breakup, owner)
    html = html_of(owner_client.get(PREP))
    assert "Before you meet" in html
    assert "Keep it light and fun" in html
    assert "Don&#x27;t tell them you&#x27;ve missed them yet" in html
    assert "Leave while it&#x27;s still good" in html
    assert 'type="checkbox" id="prep-1"' in html
    assert DEBRIEF in html


def test_it_locks_the_prep_checklist_like_every_contact_tool(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner)  # the minimum is still running
    html = html_of(owner_client.get(PREP))
    assert 'data-lock-note="minimum_not_reached"' in html
    assert "Keep it light and fun" not in html
    assert CONTACT_TOOL not in html


def test_it_logs_the_debrief_with_its_signals(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    attempt(breakup, "positive", 3)
    response = owner_client.post(DEBRIEF, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("interest")
    meeting = Event.objects.get(kind="meeting")
    assert meeting.data == {"again_both_sides": True, "feeling": 4, "note": "We laughed a lot."}
    signals = Event.objects.filter(kind="signal")
    assert sorted(s.data["signal"] for s in signals) == [
        "asked_about_your_life",
        "suggested_another_meeting",
    ]
    assert repository.program_state(breakup).phase == "meeting"
    html = html_of(owner_client.get(response["Location"]))
    assert "&#x27;Let&#x27;s do this again&#x27; came from both of you" in html
    assert "They suggested meeting again" in html


def test_it_asks_the_debrief_questions(owner_client: Any, owner: Any, make_breakup: Any) -> None:
    ready(make_breakup, owner)
    html = html_of(owner_client.get(DEBRIEF))
    assert "After the meeting" in html
    assert "Did &#x27;let&#x27;s do this again&#x27; come from both of you?" in html
    assert 'name="signals" value="offered_to_meet"' in html
    assert 'name="feeling" value="5"' in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"feeling": "3"},
        {"again_both_sides": "maybe"},
        {**GOOD, "feeling": "7"},
        {**GOOD, "signals": ["follows_them"]},
        {**GOOD, "note": "x" * 5001},
    ],
    ids=["empty", "missing_again", "bad_again", "feeling", "unknown_signal", "long_note"],
)
def test_it_answers_400_to_bad_input_and_saves_nothing(
    owner_client: Any, owner: Any, make_breakup: Any, data: dict[str, Any]
) -> None:
    ready(make_breakup, owner)
    before = Event.objects.count()
    response = owner_client.post(DEBRIEF, data)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html_of(response)
    assert Event.objects.count() == before


def test_it_keeps_the_debrief_open_during_a_wait_without_contact_tools(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    attempt(breakup, "not_ready", 2)
    html = html_of(owner_client.get(DEBRIEF))
    assert "Did &#x27;let&#x27;s do this again&#x27; come from both of you?" in html
    assert CONTACT_TOOL not in html
    assert owner_client.post(DEBRIEF, GOOD).status_code == 302


def test_it_shows_support_on_the_safety_track_and_saves_nothing(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    ready(make_breakup, owner, unsafe=True)
    before = Event.objects.count()
    for url in (PREP, DEBRIEF):
        html = html_of(owner_client.get(url))
        assert 'data-lock-note="safety_track"' in html
        assert reverse("support") in html
        assert CONTACT_TOOL not in html
    assert owner_client.post(DEBRIEF, GOOD).status_code == 403
    assert Event.objects.count() == before


def test_it_logs_into_the_users_own_breakup_only(
    owner_client: Any, owner: Any, other: Any, make_breakup: Any
) -> None:
    mine = ready(make_breakup, owner)
    theirs = ready(make_breakup, other)
    owner_client.post(DEBRIEF, GOOD)
    assert Event.objects.filter(breakup=mine, kind="meeting").count() == 1
    assert not Event.objects.filter(breakup=theirs, kind__in=["meeting", "signal"]).exists()
