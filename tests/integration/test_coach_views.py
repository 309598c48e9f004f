"""The message coach on the web: the coach page, its JSON endpoint, letters in the cool-off queue."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nocontact.journey.models import Writing
from tests.integration.coach_helpers import make_ready
from tests.integration.program_helpers import assert_login_redirect, assert_onboarding_redirect

pytestmark = pytest.mark.django_db

BEGGING = "I miss you so much, please answer me"


@pytest.fixture
def ready(owner: Any, make_breakup: Callable[..., Any]) -> Any:
    return make_ready(owner, make_breakup)


def analyse(client: Client, **body: Any) -> Any:
    return client.post(
        reverse("coach_analyse"), data=json.dumps(body), content_type="application/json"
    )


def letter(breakup: Any, text: str = BEGGING, hours_ago: float | None = 25, **fields: Any) -> Any:
    marked = None if hours_ago is None else timezone.now() - dt.timedelta(hours=hours_ago)
    return Writing.objects.create(
        breakup=breakup,
        kind="unsent_letter",
        text=text,
        at=timezone.now() - dt.timedelta(hours=30),
        might_send_at=marked,
        coach_route=fields.pop("coach_route", "first_contact"),
        **fields,
    )


# --- The JSON endpoint ---------------------------------------------------------------------


def test_it_returns_the_score_and_flags_with_spans(owner_client: Client, ready: Any) -> None:
    response = analyse(owner_client, text=BEGGING, route="first_contact", send_at="12:00")
    assert response.status_code == 200
    document = response.json()
    assert set(document) == {"score", "flags", "stop_coaching"}
    assert isinstance(document["score"], int)
    assert document["score"] < 100
    assert document["stop_coaching"] is False
    codes = {flag["code"] for flag in document["flags"]}
    # "I miss you" is an early declaration; the rest is read as begging or pressure.
    assert "declares_feelings" in codes
    assert len(codes) >= 2
    for flag in document["flags"]:
        assert set(flag) == {"code", "start", "end", "why", "suggestion"}
        assert 0 <= flag["start"] < flag["end"] <= len(BEGGING)
        assert flag["why"]
        assert flag["suggestion"]


def test_it_leaves_a_good_message_alone(owner_client: Client, ready: Any) -> None:
    text = "Hey, it's been a while. Hope the new job is going well."
    document = analyse(owner_client, text=text, route="first_contact", send_at="12:00").json()
    assert document == {"score": 100, "flags": [], "stop_coaching": False}


def test_it_flags_late_night_and_double_text(owner_client: Client, ready: Any) -> None:
    text = "Hey, it's been a while."
    document = analyse(
        owner_client, text=text, route="first_contact", send_at="02:30", unanswered=1
    ).json()
    assert {"late_night", "double_text"} <= {flag["code"] for flag in document["flags"]}


def test_it_stops_coaching_on_self_harm(owner_client: Client, ready: Any) -> None:
    document = analyse(
        owner_client, text="I want to end it all", route="first_contact", send_at="12:00"
    ).json()
    assert document["stop_coaching"] is True
    assert [flag["code"] for flag in document["flags"]] == ["self_harm"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "hi", "route": "serenade"}, "route"),
        ({"text": "hi"}, "route"),
        ({"text": "x" * 10_001, "route": "reply"}, "text"),
        ({"text": 42, "route": "reply"}, "text"),
        ({"text": "hi", "route": "reply", "send_at": "25:00"}, "send_at"),
        ({"text": "hi", "route": "reply", "send_at": "late"}, "send_at"),
        ({"text": "hi", "route": "reply", "unanswered": -1}, "unanswered"),
        ({"text": "hi", "route": "reply", "unanswered": "many"}, "unanswered"),
        ({"text": "hi", "route": "reply", "unanswered": True}, "unanswered"),
    ],
)
def test_it_answers_400_to_bad_input(
    owner_client: Client, ready: Any, body: dict[str, Any], field: str
) -> None:
    response = analyse(owner_client, **body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert response.json()["field"] == field


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b"\xff"])
def test_it_answers_400_to_a_body_it_cannot_read(
    owner_client: Client, ready: Any, raw: bytes
) -> None:
    response = owner_client.post(
        reverse("coach_analyse"), data=raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert "error" in response.json()


def test_it_refuses_get(owner_client: Client, ready: Any) -> None:
    assert owner_client.get(reverse("coach_analyse")).status_code == 405


def test_it_answers_401_json_to_a_stranger(client: Client) -> None:
    response = analyse(client, text="hi", route="reply")
    assert response.status_code == 401
    assert "error" in response.json()


def test_it_answers_403_json_before_onboarding(owner_client: Client) -> None:
    response = analyse(owner_client, text="hi", route="reply")
    assert response.status_code == 403
    assert "error" in response.json()


def test_it_explains_the_lock_with_403(owner_client: Client, owner_breakup: Any) -> None:
    # 12 days after the breakup: the minimum period is still running.
    response = analyse(owner_client, text=BEGGING, route="first_contact")
    assert response.status_code == 403
    assert response.json()["lock_reason"] == "minimum_not_reached"
    assert response.json()["error"]


def test_it_still_reads_an_unsent_letter_while_the_minimum_runs(
    owner_client: Client, owner_breakup: Any
) -> None:
    response = analyse(owner_client, text=BEGGING, route="first_contact", letter=True)
    assert response.status_code == 200
    assert response.json()["flags"]


def test_it_reads_no_letter_once_they_asked_for_no_contact(
    owner_client: Client, ready: Any
) -> None:
    from nocontact.journey import repository

    repository.record_event(ready, "attempt", {"route": "reach_out", "outcome": "asked_no_contact"})
    response = analyse(owner_client, text=BEGGING, route="first_contact", letter=True)
    assert response.status_code == 403
    assert response.json()["lock_reason"] == "asked_no_contact"


def test_it_checks_the_csrf_token(owner: Any, ready: Any) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    response = analyse(strict, text="hi", route="reply")
    assert response.status_code == 403


# --- The coach page (no JavaScript) ---------------------------------------------------------


def test_it_shows_the_coach_page(owner_client: Client, ready: Any) -> None:
    response = owner_client.get(reverse("coach"), {"route": "pickup"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "data-coach-route" in body
    assert 'value="pickup" selected' in body
    assert "Check this draft" in body


def test_it_reviews_a_draft_without_javascript(owner_client: Client, ready: Any) -> None:
    response = owner_client.post(
        reverse("coach"), {"route": "first_contact", "text": BEGGING, "send_at": "12:00"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="coach-mark"' in body
    assert re.search(r"<q>[^<]*miss you[^<]*</q>", body)
    assert "Better:" in body


def test_it_escapes_the_draft(owner_client: Client, ready: Any) -> None:
    text = "<script>alert(1)</script> please answer me"
    response = owner_client.post(reverse("coach"), {"route": "reply", "text": text})
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body


def test_it_reads_a_draft_from_a_field_of_another_name(owner_client: Client, ready: Any) -> None:
    response = owner_client.post(
        reverse("coach"),
        {"route": "reply", "message": BEGGING, "text_field": "message", "send_at": "12:00"},
    )
    assert response.status_code == 200
    assert 'class="coach-mark"' in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"route": "serenade", "text": "hi"},
        {"route": "reply", "text": "x" * 10_001},
        {"route": "reply", "text": "hi", "send_at": "nope"},
        {"route": "reply", "text": "hi", "unanswered": "-3"},
    ],
)
def test_it_answers_a_form_error_with_400(
    owner_client: Client, ready: Any, data: dict[str, str]
) -> None:
    response = owner_client.post(reverse("coach"), data)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_it_shows_crisis_resources_on_self_harm(owner_client: Client, ready: Any) -> None:
    response = owner_client.post(
        reverse("coach"), {"route": "reply", "text": "I don't want to be alive anymore"}
    )
    body = response.content.decode()
    assert "Find a Helpline" in body
    assert "crisis-panel" in body
    assert 'class="coach-mark"' not in body


def test_it_suggests_waiting_on_hostile_words(owner_client: Client, ready: Any) -> None:
    response = owner_client.post(
        reverse("coach"), {"route": "reply", "text": "You are a selfish liar and I hate you"}
    )
    body = response.content.decode()
    assert "data-coach-hostile>" in body  # shown, not hidden
    assert "Please wait before sending anything" in body


def test_it_shows_the_lock_instead_of_the_coach(owner_client: Client, owner_breakup: Any) -> None:
    response = owner_client.get(reverse("coach"))
    body = response.content.decode()
    assert 'data-lock-reason="minimum_not_reached"' in body
    assert "data-coach-route" not in body
    response = owner_client.post(reverse("coach"), {"route": "reply", "text": BEGGING})
    assert 'data-lock-reason="minimum_not_reached"' in response.content.decode()


def test_it_sends_strangers_to_login_and_newcomers_to_onboarding(
    client: Client, owner_client: Client
) -> None:
    assert_login_redirect(Client().get(reverse("coach")), "coach")
    assert_onboarding_redirect(owner_client.get(reverse("coach")))


def test_it_has_no_send_button(owner_client: Client, ready: Any) -> None:
    body = owner_client.get(reverse("coach")).content.decode().lower()
    assert ">send<" not in body
    assert "send it now" not in body


# --- The cool-off queue -------------------------------------------------------------------


def test_it_marks_a_new_letter_i_might_send(owner_client: Client, owner_breakup: Any) -> None:
    page = owner_client.get(reverse("new_letter"), {"might_send": "1", "route": "reply"})
    assert 'data-coach-route="#id_route"' in page.content.decode()
    response = owner_client.post(
        reverse("new_letter"), {"text": BEGGING, "might_send": "on", "route": "reply"}
    )
    assert response.status_code == 302
    saved = Writing.objects.get()
    assert saved.might_send_at is not None
    assert saved.coach_route == "reply"


def test_it_keeps_an_ordinary_letter_out_of_the_queue(
    owner_client: Client, owner_breakup: Any
) -> None:
    page = owner_client.get(reverse("new_letter")).content.decode()
    assert "data-coach-route" not in page
    owner_client.post(reverse("new_letter"), {"text": "Just for me.", "route": "reply"})
    assert Writing.objects.get().might_send_at is None


def test_it_keeps_the_journal_free_of_the_coach(owner_client: Client, owner_breakup: Any) -> None:
    page = owner_client.get(reverse("new_journal")).content.decode()
    assert "might_send" not in page
    assert "data-coach-route" not in page


def test_it_shows_when_a_waiting_letter_comes_back(
    owner_client: Client, owner_breakup: Any
) -> None:
    waiting = letter(owner_breakup, hours_ago=2)
    listing = owner_client.get(reverse("writings")).content.decode()
    assert "Cooling off until" in listing
    page = owner_client.get(reverse("letter_review", args=[waiting.pk])).content.decode()
    assert "It comes back on" in page
    assert "coach-flag" not in page


def test_it_brings_a_letter_back_with_the_review_and_readiness(
    owner_client: Client, owner_breakup: Any
) -> None:
    due = letter(owner_breakup, hours_ago=25)
    listing = owner_client.get(reverse("writings")).content.decode()
    assert "Read the coach&#x27;s review" in listing or "Read the coach's review" in listing
    page = owner_client.get(reverse("letter_review", args=[due.pk])).content.decode()
    assert "coach-flag-declares_feelings" in page
    assert "How ready you are today" in page
    assert "Not yet" in page  # 12 days after the breakup
    assert "Keep it unsent" in page


def test_it_keeps_a_letter_unsent(owner_client: Client, owner_breakup: Any) -> None:
    due = letter(owner_breakup, hours_ago=25)
    response = owner_client.post(reverse("letter_review", args=[due.pk]), {"action": "keep"})
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.might_send_at is None
    assert due.reviewed_at is not None
    assert due.text == BEGGING


def test_it_cools_an_edited_letter_off_again(owner_client: Client, owner_breakup: Any) -> None:
    due = letter(owner_breakup, hours_ago=25)
    owner_client.post(
        reverse("edit_writing", args=[due.pk]),
        {"text": "Hey, it's been a while.", "might_send": "on", "route": "first_contact"},
    )
    due.refresh_from_db()
    assert due.might_send_at is not None
    assert timezone.now() - due.might_send_at < dt.timedelta(minutes=1)


def test_it_shows_the_guardrail_instead_of_a_review(owner_client: Client, ready: Any) -> None:
    from nocontact.journey import repository

    repository.record_event(ready, "attempt", {"route": "reach_out", "outcome": "blocked"})
    due = letter(ready, hours_ago=25)
    page = owner_client.get(reverse("letter_review", args=[due.pk])).content.decode()
    assert 'data-lock-reason="blocked"' in page
    assert "coach-flag" not in page


def test_it_shows_crisis_resources_when_a_letter_speaks_of_self_harm(
    owner_client: Client, owner_breakup: Any
) -> None:
    due = letter(owner_breakup, text="I want to die without you", hours_ago=25)
    page = owner_client.get(reverse("letter_review", args=[due.pk])).content.decode()
    assert "Find a Helpline" in page
    assert "coach-flag" not in page


def test_it_hides_another_users_letter(
    other_client: Client, other_breakup: Any, owner_breakup: Any
) -> None:
    due = letter(owner_breakup, hours_ago=25)
    assert other_client.get(reverse("letter_review", args=[due.pk])).status_code == 404
    response = other_client.post(reverse("letter_review", args=[due.pk]), {"action": "keep"})
    assert response.status_code == 404
    due.refresh_from_db()
    assert due.might_send_at is not None
    listing = other_client.get(reverse("writings")).content.decode()
    assert "Letters you might send" not in listing


def test_it_sends_a_stranger_to_login_from_a_letter(owner_breakup: Any) -> None:
    due = letter(owner_breakup, hours_ago=25)
    response = Client().get(reverse("letter_review", args=[due.pk]))
    assert_login_redirect(response, "letter_review", pk=due.pk)


def test_it_never_changes_anything_on_get(owner_client: Client, owner_breakup: Any) -> None:
    due = letter(owner_breakup, hours_ago=25)
    owner_client.get(reverse("letter_review", args=[due.pk]), {"action": "keep"})
    due.refresh_from_db()
    assert due.might_send_at is not None
