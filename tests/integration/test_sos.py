from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nocontact.accounts.models import settings_for
from nocontact.core import rules
from nocontact.journey.models import Event, Reason, Writing
from tests.integration.program_helpers import (
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
    days_ago,
)

pytestmark = pytest.mark.django_db
URL = reverse("sos")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "sos")
    assert_login_redirect(client.post(URL, {"letter-text": "Hi"}), "sos")
    assert Writing.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))


def test_it_shows_the_delay_timer_with_and_without_javascript(
    owner_client: Any, owner_breakup: Any
) -> None:
    html = owner_client.get(URL).content.decode()
    assert f'data-seconds="{rules.SOS_DELAY_MINUTES * 60}"' in html
    assert f">{rules.SOS_DELAY_MINUTES}:00<" in html
    assert "The wait ends at " in html
    assert "nocontact/js/sos.js" in html
    assert " defer" in html
    assert "<script>" not in html
    assert "style=" not in html


def test_it_shows_the_users_own_reasons(
    owner_client: Any, owner: Any, other: Any, owner_breakup: Any
) -> None:
    Reason.objects.create(user=owner, text="I deserve someone who stays.")
    Reason.objects.create(user=other, text="Another person's reason")
    html = owner_client.get(URL).content.decode()
    assert "I deserve someone who stays." in html
    assert "Another person" not in html


def test_it_invites_writing_reasons_when_there_are_none(
    owner_client: Any, owner_breakup: Any
) -> None:
    assert reverse("reasons") in owner_client.get(URL).content.decode()


def test_it_shows_what_they_wrote_after_the_last_slip(
    owner_client: Any, owner_breakup: Any
) -> None:
    add_event(owner_breakup, "slip", days_ago(9), note="Older feeling")
    add_event(owner_breakup, "slip", days_ago(5), note="I felt worse for two days.")
    add_event(owner_breakup, "slip", days_ago(3))
    html = owner_client.get(URL).content.decode()
    assert "afterwards you wrote:" in html
    assert "I felt worse for two days." in html
    assert "Older feeling" not in html


def test_it_shows_recent_urges_they_resisted(owner_client: Any, owner_breakup: Any) -> None:
    add_event(
        owner_breakup,
        "urge",
        days_ago(2),
        intensity=9,
        outcome="resisted",
        note="Called my sister.",
    )
    add_event(owner_breakup, "urge", days_ago(1), intensity=4, outcome="slipped")
    html = owner_client.get(URL).content.decode()
    assert "Times you rode it out" in html
    assert "intensity 9, and it passed." in html
    assert "Called my sister." in html
    assert "intensity 4, and it passed." not in html


def test_it_opens_the_prepared_text_to_a_friend(
    owner_client: Any, owner: Any, owner_breakup: Any
) -> None:
    user_settings = settings_for(owner)
    user_settings.friend_name = "Robin"
    user_settings.friend_message = "Having a hard moment & need to talk. Call me?"
    user_settings.save()
    html = owner_client.get(URL).content.decode()
    assert (
        'href="sms:?body=Having%20a%20hard%20moment%20%26%20need%20to%20talk.%20Call%20me%3F"'
        in html
    )
    assert "Having a hard moment &amp; need to talk. Call me?" in html
    assert "Text Robin" in html
    # Nothing on this page is ever addressed to the ex.
    assert owner_breakup.ex_nickname not in html


def test_it_offers_to_prepare_a_friend_text(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    assert "sms:" not in html
    assert f'href="{reverse("settings")}"' in html


def test_it_keeps_an_unsent_letter(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"letter-text": "I miss you and I'm not sending this."})
    assert response.status_code == 302
    assert response["Location"] == URL
    letter = Writing.objects.get()
    assert letter.kind == "unsent_letter"
    assert letter.breakup == owner_breakup
    assert letter.text == "I miss you and I'm not sending this."
    assert "It will never be sent." in owner_client.get(URL).content.decode()


def test_it_refuses_an_empty_letter(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"letter-text": "   "})
    assert response.status_code == 400
    assert "Please write some text here." in response.content.decode()
    assert Writing.objects.count() == 0


def test_it_asks_how_it_went_with_the_urge_form(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    assert f'action="{reverse("urge")}"' in html
    assert 'name="from" value="sos"' in html
    assert 'value="resisted"' in html


def test_resisting_from_sos_is_celebrated(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(
        reverse("urge"), {"intensity": "8", "outcome": "resisted", "from": "sos"}, follow=True
    )
    assert "You rode the wave and it passed" in response.content.decode()
    assert Event.objects.get().data["outcome"] == "resisted"


def test_it_shows_another_user_only_their_own_past(
    other_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    add_event(owner_breakup, "slip", days_ago(2), note="Owner's words")
    html = other_client.get(URL).content.decode()
    assert "Owner" not in html
    other_client.post(URL, {"letter-text": "Mine"})
    assert Writing.objects.get().breakup == other_breakup


def test_it_never_writes_on_get(owner_client: Any, owner_breakup: Any) -> None:
    before = counts()
    owner_client.get(URL, {"letter-text": "Hi"})
    assert counts() == before


def test_it_points_the_safety_track_to_support(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    html = owner_client.get(URL).content.decode()
    assert f'href="{reverse("support")}"' in html
