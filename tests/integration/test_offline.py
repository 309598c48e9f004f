"""Installable and offline: the manifest, /sw.js, the urge queue's dedupe, clearing on leave."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts import lock
from nocontact.accounts.models import settings_for
from nocontact.core import rules
from nocontact.journey import repository
from nocontact.journey.models import Event
from nocontact.web.views.offline import REPLAY_HEADER

pytestmark = pytest.mark.django_db
URGE = reverse("urge")
GOOD = {"intensity": "6", "triggers": ["lonely"], "outcome": "resisted", "from": "sos"}
REPLAY = {"headers": {REPLAY_HEADER: "1"}}


def urges() -> int:
    return Event.objects.filter(kind="urge").count()


def test_it_serves_the_service_worker_from_the_root(client: Any) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert f'"urge": "{URGE}"' in body
    assert '"pages": ["/sos/", "/reasons/"]' in body
    assert 'addEventListener("fetch"' in body


def test_it_serves_an_installable_manifest(client: Any) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]


def test_it_links_the_manifest_and_the_worker_script_on_every_page(
    owner_client: Any, owner_breakup: Any
) -> None:
    for page in (owner_client.get(reverse("sos")), Client().get(reverse("login"))):
        html = page.content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert "nocontact/js/offline.js" in html
        assert 'data-sw="/sw.js"' in html


def test_it_keeps_offline_copies_only_for_the_signed_in(
    owner_client: Any, owner_breakup: Any
) -> None:
    assert 'data-keep="1"' in owner_client.get(reverse("sos")).content.decode()
    signed_out = Client().get(reverse("login")).content.decode()
    assert 'data-keep="0"' in signed_out
    assert 'data-user=""' in signed_out


def test_it_saves_an_urge_once_for_a_key_sent_twice(owner_client: Any, owner_breakup: Any) -> None:
    key = str(uuid.uuid4())
    first = owner_client.post(URGE, {**GOOD, "client_key": key}, **REPLAY)
    again = owner_client.post(URGE, {**GOOD, "client_key": key}, **REPLAY)
    assert (first.status_code, first.json()) == (201, {"status": "saved"})
    assert (again.status_code, again.json()) == (200, {"status": "already_saved"})
    assert urges() == 1
    assert Event.objects.get().client_key == uuid.UUID(key)


def test_it_says_already_saved_to_a_form_sent_twice(owner_client: Any, owner_breakup: Any) -> None:
    key = str(uuid.uuid4())
    assert owner_client.post(URGE, {**GOOD, "client_key": key}).status_code == 302
    response = owner_client.post(URGE, {**GOOD, "client_key": key}, follow=True)
    assert "This urge was already saved." in response.content.decode()
    assert urges() == 1


def test_it_saves_different_keys_as_different_urges(owner_client: Any, owner_breakup: Any) -> None:
    for _ in range(2):
        owner_client.post(URGE, {**GOOD, "client_key": str(uuid.uuid4())}, **REPLAY)
    assert urges() == 2


def test_it_keeps_keys_apart_between_users(
    owner_client: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    key = str(uuid.uuid4())
    other_client = Client()
    other_client.force_login(other)
    assert owner_client.post(URGE, {**GOOD, "client_key": key}, **REPLAY).status_code == 201
    assert other_client.post(URGE, {**GOOD, "client_key": key}, **REPLAY).status_code == 201
    assert Event.objects.filter(breakup=other_breakup).count() == 1


def test_it_refuses_a_malformed_key_clearly(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URGE, {**GOOD, "client_key": "not-a-key"}, **REPLAY)
    assert response.status_code == 400
    assert response.json() == {"error": "This entry's key is not valid."}
    page = owner_client.post(URGE, {**GOOD, "client_key": "x" * 500})
    assert page.status_code == 400
    assert "This entry&#x27;s key is not valid." in page.content.decode()
    assert urges() == 0


def test_it_keeps_the_moment_an_urge_was_logged_offline(
    owner_client: Any, owner_breakup: Any
) -> None:
    logged = (timezone.now() - dt.timedelta(hours=5)).replace(microsecond=0)
    data = {**GOOD, "client_key": str(uuid.uuid4()), "logged_at": logged.isoformat()}
    assert owner_client.post(URGE, data, **REPLAY).status_code == 201
    assert Event.objects.get().at == logged


def test_it_reads_a_browser_moment_in_utc(owner_client: Any, owner_breakup: Any) -> None:
    logged = timezone.now() - dt.timedelta(minutes=30)
    stamp = logged.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    data = {**GOOD, "client_key": str(uuid.uuid4()), "logged_at": stamp}
    assert owner_client.post(URGE, data, **REPLAY).status_code == 201
    assert abs(Event.objects.get().at - logged) < dt.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("moment", "error"),
    [
        (
            lambda now: now + dt.timedelta(minutes=rules.OFFLINE_CLOCK_SKEW_MINUTES + 5),
            "The moment of this entry is still ahead. Is the clock right?",
        ),
        (
            lambda now: now - dt.timedelta(days=rules.OFFLINE_ENTRY_MAX_AGE_DAYS + 1),
            "This entry waited too long on the device to be added now.",
        ),
        (
            lambda now: now.replace(tzinfo=None),
            "The moment of this entry has no time zone.",
        ),
        (lambda now: "yesterday-ish", "The moment of this entry is not valid."),
    ],
)
def test_it_refuses_a_moment_that_cannot_be_right(
    owner_client: Any, owner_breakup: Any, moment: Any, error: str
) -> None:
    value = moment(timezone.now())
    stamp = value if isinstance(value, str) else value.isoformat()
    data = {**GOOD, "client_key": str(uuid.uuid4()), "logged_at": stamp}
    response = owner_client.post(URGE, data, **REPLAY)
    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert urges() == 0


def test_it_answers_a_replay_of_a_bad_urge_with_the_reason(
    owner_client: Any, owner_breakup: Any
) -> None:
    data = {**GOOD, "intensity": "99", "client_key": str(uuid.uuid4())}
    response = owner_client.post(URGE, data, **REPLAY)
    assert response.status_code == 400
    assert response.json()["error"]
    assert urges() == 0


def test_it_sends_an_anonymous_replay_to_login(client: Any) -> None:
    response = client.post(URGE, {**GOOD, "client_key": str(uuid.uuid4())}, **REPLAY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert urges() == 0


def test_it_logs_a_slip_once_with_its_urge(owner_client: Any, owner_breakup: Any) -> None:
    data = {**GOOD, "outcome": "slipped", "channel": "text", "client_key": str(uuid.uuid4())}
    for _ in range(2):
        owner_client.post(URGE, data, **REPLAY)
    assert Event.objects.filter(kind="urge").count() == 1
    assert Event.objects.filter(kind="slip").count() == 1


def test_it_clears_the_offline_copies_on_logout(owner_client: Any) -> None:
    response = owner_client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_it_clears_the_offline_copies_on_quick_exit(owner_client: Any) -> None:
    assert owner_client.get(reverse("away"))["Clear-Site-Data"] == '"cache", "storage"'


def test_it_clears_the_offline_copies_after_account_deletion(client: Any) -> None:
    assert client.get(reverse("account_deleted"))["Clear-Site-Data"] == '"cache", "storage"'


def test_it_clears_nothing_on_an_ordinary_page(owner_client: Any, owner_breakup: Any) -> None:
    assert "Clear-Site-Data" not in owner_client.get(reverse("sos"))


def test_it_says_in_settings_what_is_kept_for_offline_use(owner_client: Any) -> None:
    html = owner_client.get(reverse("settings")).content.decode()
    assert "this browser keeps a copy of your SOS page, your reasons" in html
    assert "nothing is kept for offline use" in html


def test_it_keeps_nothing_offline_behind_the_app_lock(
    owner_client: Any, owner: Any, owner_breakup: Any
) -> None:
    lock.set_pin(settings_for(owner), "2468", 5)
    owner_client.post(reverse("unlock"), {"pin": "2468"})
    html = owner_client.get(reverse("sos")).content.decode()
    assert "Breathe." in html  # unlocked: the page itself
    assert 'data-keep="0"' in html


def test_it_never_logs_a_queued_urge_in_another_account(
    owner_client: Any, owner: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    # Queued while the owner was signed in, replayed after someone else signed in.
    other_client = Client()
    other_client.force_login(other)
    marked = other_client.get(reverse("sos")).content.decode()
    other_mark = marked.split('data-user="')[1].split('"')[0]
    data = {**GOOD, "client_key": str(uuid.uuid4()), "offline_user": other_mark}
    response = owner_client.post(URGE, data, **REPLAY)
    assert response.status_code == 409
    assert urges() == 0
    assert other_client.post(URGE, data, **REPLAY).status_code == 201
    assert Event.objects.get().breakup == other_breakup


def test_it_refuses_a_second_row_with_the_same_key_in_the_database(owner_breakup: Any) -> None:
    # The constraint itself, for two replays that pass the "already saved?" check together.
    key = uuid.uuid4()
    data = {"intensity": 4, "outcome": "resisted"}
    repository.record_event(owner_breakup, "urge", data, client_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        repository.record_event(owner_breakup, "urge", data, client_key=key)
    assert urges() == 1


def test_it_answers_already_saved_when_two_replays_race(
    owner_client: Any, owner_breakup: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = str(uuid.uuid4())
    assert owner_client.post(URGE, {**GOOD, "client_key": key}, **REPLAY).status_code == 201
    # The second replay's look-up ran before the first one's row was written.
    monkeypatch.setattr("nocontact.web.views.logging.already_logged", lambda *_: False)
    again = owner_client.post(URGE, {**GOOD, "client_key": key}, **REPLAY)
    assert (again.status_code, again.json()) == (200, {"status": "already_saved"})
    assert urges() == 1
