from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from nocontact.journey.models import Event, Writing
from nocontact.web.crisis_resources import DEFAULT_CRISIS_RESOURCES, load_crisis_resources
from tests.integration.program_helpers import assert_login_redirect

pytestmark = pytest.mark.django_db
PANEL = reverse("saved_support")
HEAVY = "I don't want to be here anymore."
CHECKIN = {"mood": "1", "desperation": "9", "cried": "yes"}
URGE = {"intensity": "9", "channel": "text", "outcome": "resisted"}


# (url name, the post without the text, the text field, where it goes when all is well)
INPUTS = [
    ("checkin", CHECKIN, "note", "/"),
    ("urge", URGE, "note", "/"),
    ("urge", {**URGE, "outcome": "slipped"}, "note", "/slip/?kept=1"),
    ("slip", {"when": "now"}, "note", "/slip/?kept=1"),
    ("checked_on_them", {"how": "profile"}, "note", "/"),
    ("ex_contact", {"channel": "text", "tone": "cold"}, "text", "/"),
    ("new_journal", {}, "text", "/journal/?kind=journal"),
    ("new_letter", {}, "text", "/journal/?kind=unsent_letter"),
    ("sos", {}, "letter-text", "/sos/"),
]


def saved_texts() -> list[str]:
    texts = [str(w.text) for w in Writing.objects.all()]
    for event in Event.objects.all():
        texts += [str(v) for k, v in event.data.items() if k in ("note", "text")]
    return texts


@pytest.mark.parametrize(("name", "data", "field", "then"), INPUTS)
def test_it_saves_first_then_shows_the_crisis_panel(
    owner_client: Any, owner_breakup: Any, name: str, data: dict[str, str], field: str, then: str
) -> None:
    response = owner_client.post(reverse(name), {**data, field: HEAVY})
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == PANEL
    assert parse_qs(location.query)["next"] == [then]
    assert HEAVY in saved_texts()
    panel = owner_client.get(response["Location"])
    html = panel.content.decode()
    assert panel.status_code == 200
    assert "data-crisis-panel" in html
    assert "Find a Helpline" in html
    assert f'href="{then.replace("&", "&amp;")}"' in html
    assert "Your words are saved" in html


@pytest.mark.parametrize(("name", "data", "field", "then"), INPUTS)
def test_calm_words_go_straight_on(
    owner_client: Any, owner_breakup: Any, name: str, data: dict[str, str], field: str, then: str
) -> None:
    response = owner_client.post(
        reverse(name), {**data, field: "A long day, and I got through it."}
    )
    assert response.status_code == 302
    assert response["Location"] == then


def test_editing_a_journal_entry_shows_the_panel_too(owner_client: Any, owner_breakup: Any) -> None:
    writing = Writing.objects.create(
        breakup=owner_breakup, kind="journal", text="Okay day.", at=timezone.now()
    )
    response = owner_client.post(reverse("edit_writing", args=[writing.pk]), {"text": HEAVY})
    assert urlparse(response["Location"]).path == PANEL
    writing.refresh_from_db()
    assert writing.text == HEAVY


def test_a_figure_of_speech_does_not_alarm(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("new_journal"), {"text": "This song kills me."})
    assert response["Location"] == "/journal/?kind=journal"


def test_a_refused_entry_still_gets_a_400_and_nothing_is_saved(
    owner_client: Any, owner_breakup: Any
) -> None:
    response = owner_client.post(reverse("checkin"), {"note": HEAVY, "mood": "9"})
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_the_panel_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(PANEL), "saved_support")


def test_the_panel_only_links_back_into_the_site(owner_client: Any, owner_breakup: Any) -> None:
    for target in ("https://example.com/", "//example.com/x", "javascript:alert(1)"):
        html = owner_client.get(PANEL, {"next": target}).content.decode()
        assert "example.com" not in html
        assert "javascript:" not in html
        assert 'class="button button-quiet" href="/"' in html


def test_the_panel_shows_the_configured_resources(
    owner_client: Any, owner_breakup: Any, settings: Any
) -> None:
    settings.CRISIS_RESOURCES = [
        {"name": "Harbour Line", "detail": "Call 0800 000 000.", "url": "tel:0800000000"}
    ]
    html = owner_client.get(PANEL).content.decode()
    assert "Harbour Line" in html
    assert 'href="tel:0800000000"' in html
    assert "Find a Helpline" not in html


def test_the_defaults_are_used_without_configuration() -> None:
    assert load_crisis_resources({}) == DEFAULT_CRISIS_RESOURCES
    assert len(DEFAULT_CRISIS_RESOURCES) >= 3


def test_the_list_can_come_from_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "crisis.json"
    path.write_text(json.dumps([{"name": " Line ", "detail": "Any hour."}]), encoding="utf-8")
    resources = load_crisis_resources({"NOCONTACT_CRISIS_RESOURCES_FILE": str(path)})
    assert resources == [{"name": "Line", "detail": "Any hour."}]


def test_the_list_can_come_from_the_environment() -> None:
    inline = json.dumps([{"name": "Line", "url": "https://help.example"}])
    resources = load_crisis_resources({"NOCONTACT_CRISIS_RESOURCES": inline})
    assert resources == [{"name": "Line", "detail": "", "url": "https://help.example"}]


@pytest.mark.parametrize(
    "env",
    [
        {"NOCONTACT_CRISIS_RESOURCES": "not json"},
        {"NOCONTACT_CRISIS_RESOURCES": "[]"},
        {"NOCONTACT_CRISIS_RESOURCES": '[{"detail": "no name"}]'},
        {"NOCONTACT_CRISIS_RESOURCES": '[{"name": "x", "url": "javascript:alert(1)"}]'},
        {"NOCONTACT_CRISIS_RESOURCES_FILE": "/nonexistent/crisis.json"},
    ],
)
def test_a_broken_list_stops_the_start_with_a_clear_message(env: dict[str, str]) -> None:
    with pytest.raises(ImproperlyConfigured, match="NOCONTACT_CRISIS_RESOURCES"):
        load_crisis_resources(env)
