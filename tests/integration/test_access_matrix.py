"""Access control, generated from the URL configuration (issue 5, points 6).

Every route of ``nocontact/urls.py`` (all its includes), every method, as the owner,
another user and anonymous. ``EXPECTED`` is the explicit table; a route that is in
the URLconf but not in the table fails ``test_it_has_an_expectation_for_every_route``,
so a new route cannot be added untested. Also here: CSRF on every POST, and no GET
changes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Max
from django.test import Client
from django.urls import reverse

from tests.integration.url_walk import (
    MISSING_PK,
    PK_KIND,
    Objects,
    make_objects,
    route_names,
    url_for,
)

LOGIN = "login"  # a redirect to the login page

# The owner's private words: they must never reach another user or anonymous.
OWNER_NICKNAME = "Quillonmark"
OWNER_TEXT = "zephyrmarker words of the owner"


@dataclass(frozen=True)
class Row:
    """Expected answers to a GET and to an empty POST (the owner's POST on a ``pk``
    route addresses the owner's own object)."""

    owner_get: int
    owner_post: int
    anon_get: int | str = LOGIN
    anon_post: int | str = LOGIN
    why: str = ""
    # The JSON API reads no session (bearer tokens only): nothing for CSRF to protect.
    no_session: bool = False


GET_ONLY = Row(200, 405, LOGIN, 405)
FORM = Row(200, 400)  # an empty POST is a form error
UNBOUND_FORM = Row(200, 200, why="an empty POST renders the blank form; nothing saved")
POST_ONLY = Row(405, 400, why="adds from the profile page")
DELETE = Row(405, 302, why="POST only; deletes and goes back")
CONTACT_TOOL_LOCKED = Row(200, 403, why="the lock refuses a POST while the tool is closed")
# The JSON API (/api/v1/): a session is no credential there, so every signed-in client
# gets 401 like anonymous; tests/integration/test_api_*.py test it with real tokens.
API_GET = Row(401, 405, 401, 405, why="bearer token only", no_session=True)
API_GET_POST = Row(401, 401, 401, 401, why="bearer token only", no_session=True)
API_POST = Row(405, 401, 405, 401, why="bearer token only", no_session=True)
API_PUBLIC = Row(200, 405, 200, 405, why="public: the schema and its docs", no_session=True)

EXPECTED: dict[str, Row] = {
    # nocontact/web/urls.py
    "dashboard": GET_ONLY,
    "onboarding": Row(302, 302, why="the owner already has a breakup: to the dashboard"),
    "profile": FORM,
    "add_date": POST_ONLY,
    "delete_date": DELETE,
    "add_item": POST_ONLY,
    "delete_item": DELETE,
    "support": Row(200, 405, LOGIN, LOGIN),
    "checkin": UNBOUND_FORM,
    "urge": UNBOUND_FORM,
    "slip": UNBOUND_FORM,
    "checked_on_them": UNBOUND_FORM,
    "ex_contact": UNBOUND_FORM,
    "history": GET_ONLY,
    "sos": UNBOUND_FORM,
    "insights": GET_ONLY,
    "writings": GET_ONLY,
    "new_journal": UNBOUND_FORM,
    "new_letter": UNBOUND_FORM,
    "edit_writing": Row(200, 200, why="an empty POST renders the form again"),
    "delete_writing": Row(200, 302, why="GET asks to confirm; POST deletes"),
    "reasons": FORM,
    "delete_reason": DELETE,
    "settings": FORM,
    # nocontact/web/urls_program.py
    "readiness": FORM,
    "strategy": FORM,
    "program": GET_ONLY,
    "outcome": FORM,
    "closing": Row(302, 405, LOGIN, 405, why="no outcome yet: back to the program"),
    "start_again": FORM,
    "saved_support": GET_ONLY,
    # nocontact/web/urls_routes.py (/reconnect/)
    "routes": GET_ONLY,
    "meeting": GET_ONLY,
    "meeting_debrief": FORM,
    "log_signal": FORM,
    "interest": GET_ONLY,
    "friendship_offer": CONTACT_TOOL_LOCKED,
    "route": GET_ONLY,
    "log_attempt": CONTACT_TOOL_LOCKED,
    # nocontact/web/urls_coach.py (/coach/)
    "coach": UNBOUND_FORM,
    "coach_analyse": Row(405, 400, 405, 401, why="JSON: 401 instead of a redirect"),
    "letter_review": Row(200, 302, why="an empty POST changes nothing and comes back"),
    # nocontact/accounts/urls.py (/account/): public pages
    "signup": Row(302, 302, 200, 200, why="public; signed in: to the dashboard"),
    "login": Row(302, 302, 200, 200, why="public; signed in: to the dashboard"),
    "logout": Row(405, 302, 405, 302, why="POST only, for everyone"),
    "password_change": FORM,
    # nocontact/web/urls_privacy.py (/privacy/)
    "export": Row(200, 405, LOGIN, LOGIN),
    "export_download": Row(200, 405, LOGIN, LOGIN),
    "import_data": Row(405, 400),
    "delete_account": FORM,
    "account_deleted": Row(200, 405, 200, 405, why="public goodbye page: shows nothing"),
    # nocontact/web/urls_lock.py
    "away": Row(200, 405, 200, 405, why="public: the quick-exit page shows nothing"),
    "lock_alive": Row(200, 405, 200, 405, why="public keep-alive: empty answer"),
    "unlock": Row(302, 302, why="no PIN set: nothing to unlock"),
    "lock_settings": FORM,
    # nocontact/reminders/urls.py (/reminders/)
    "reminders": FORM,
    "calendar_feed": Row(404, 405, 404, 405, why="anonymous by its secret URL; a wrong token: 404"),
    # nocontact/web/urls_words.py (encryption at rest: off for the owner here)
    "words": FORM,
    "words_change": Row(405, 302, why="POST only; encryption is off: back to its page"),
    "words_off": Row(405, 302, why="POST only; encryption is off: back to its page"),
    "words_recover": Row(302, 302, why="encryption is off: to its set-up page"),
    "words_unlock": Row(302, 302, why="encryption is off: nothing to unlock"),
    # nocontact/web/urls_offline.py
    "service_worker": Row(200, 405, 200, 405, why="public: our own script, nothing personal"),
    "manifest": Row(200, 405, 200, 405, why="public: the web app manifest"),
    # nocontact/api/urls.py (/api/v1/): one name per operation, several per path
    "api_openapi_json": API_PUBLIC,
    "api_docs": API_PUBLIC,
    "api_not_found": Row(404, 404, 404, 404, why="JSON 404 for any other address", no_session=True),
    "api_get_breakup": API_GET_POST,
    "api_create_breakup": API_GET_POST,
    "api_update_breakup": API_GET_POST,
    "api_list_occasions": API_GET_POST,
    "api_create_occasion": API_GET_POST,
    "api_get_occasion": API_GET,
    "api_delete_occasion": API_GET,
    "api_list_hard_dates": API_GET_POST,
    "api_create_hard_date": API_GET_POST,
    "api_get_hard_date": API_GET,
    "api_delete_hard_date": API_GET,
    "api_list_items_left": API_GET_POST,
    "api_create_item_left": API_GET_POST,
    "api_get_item_left": API_GET,
    "api_delete_item_left": API_GET,
    "api_list_events": API_GET,
    "api_get_event": API_GET,
    "api_log_checkin": API_POST,
    "api_log_urge": API_POST,
    "api_log_slip": API_POST,
    "api_log_checked_on_them": API_POST,
    "api_log_ex_contact": API_POST,
    "api_log_readiness_answers": API_POST,
    "api_log_strategy": API_POST,
    "api_log_attempt": API_POST,
    "api_log_meeting": API_POST,
    "api_log_signal": API_POST,
    "api_log_outcome": API_POST,
    "api_list_writings": API_GET_POST,
    "api_create_writing": API_GET_POST,
    "api_get_writing": API_GET,
    "api_update_writing": API_GET,
    "api_delete_writing": API_GET,
    "api_get_state": API_GET,
    "api_coach": API_POST,
    "api_export": API_GET,
    # nocontact/api/urls_web.py (/settings/api-tokens/)
    "api_tokens": FORM,
    "revoke_api_token": DELETE,
    # nocontact/web/urls_health.py: for the reverse proxy's health checks
    "healthz": Row(200, 405, 200, 405, why="public: a constant, no database"),
    "readyz": Row(200, 405, 200, 405, why="public: SELECT 1, nothing else"),
}

ALL_NAMES = route_names()
PK_NAMES = sorted(name for name in ALL_NAMES if name in PK_KIND)
OTHER_METHODS = ("head", "put", "delete")


@dataclass(frozen=True)
class World:
    owner: Any
    other: Any
    owner_objects: Objects
    other_objects: Objects

    def client(self, who: str, **kwargs: Any) -> Client:
        client = Client(**kwargs)
        if who == "owner":
            client.force_login(self.owner)
        elif who == "other":
            client.force_login(self.other)
        return client


@pytest.fixture
def world(owner: Any, other: Any, make_breakup: Callable[..., Any]) -> World:
    owner_breakup = make_breakup(owner, ex_nickname=OWNER_NICKNAME)
    other_breakup = make_breakup(other, ex_nickname="Alex")
    return World(
        owner,
        other,
        make_objects(owner_breakup, OWNER_TEXT),
        make_objects(other_breakup, "the other user's own words"),
    )


def row_for(name: str) -> Row:
    if name not in EXPECTED:
        pytest.fail(f"{name!r} is in the URLconf but not in EXPECTED: add its row")
    return EXPECTED[name]


def check(response: Any, expected: int | str, what: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, f"{what}: {response.status_code}"
        assert response["Location"].startswith(reverse("login")), what
    else:
        assert response.status_code == expected, f"{what}: {response.status_code}"


def snapshot() -> dict[str, Any]:
    """Row counts of every model, the latest event id, and every journey row in full."""
    state: dict[str, Any] = {m._meta.label: m.objects.count() for m in apps.get_models()}
    event = apps.get_model("journey", "Event")
    state["max Event.id"] = event.objects.aggregate(top=Max("id"))["top"]
    for model in apps.get_app_config("journey").get_models():
        state[f"{model._meta.label} rows"] = list(model.objects.order_by("pk").values())
    return state


# --- The meta-test -------------------------------------------------------------------


def test_it_has_an_expectation_for_every_route() -> None:
    missing = [name for name in ALL_NAMES if name not in EXPECTED]
    assert not missing, f"routes with no row in EXPECTED: {missing}"


def test_it_finds_the_routes_of_every_include() -> None:
    # A broken walk would make every test below pass vacuously.
    for name in ("dashboard", "readiness", "route", "coach_analyse", "login", "password_change"):
        assert name in ALL_NAMES


# --- Owner -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_answers_the_owner_as_expected(name: str, world: World) -> None:
    row = row_for(name)
    client = world.client("owner")
    url = url_for(name, world.owner_objects)
    check(client.get(url), row.owner_get, f"GET {url}")
    for method in OTHER_METHODS:
        status = getattr(client, method)(url).status_code
        assert status in {405, row.owner_get, row.owner_post}, f"{method} {url}: {status}"
    check(client.post(url), row.owner_post, f"POST {url}")


@pytest.mark.parametrize("name", PK_NAMES)
def test_it_answers_404_for_a_missing_object(name: str, world: World) -> None:
    client = world.client("owner")
    url = url_for(name, pk=MISSING_PK)
    assert client.get(url).status_code in {404, 405}
    assert client.post(url).status_code == 404


# --- Another user ---------------------------------------------------------------------


@pytest.mark.parametrize("name", PK_NAMES)
def test_it_answers_another_users_object_as_if_it_did_not_exist(name: str, world: World) -> None:
    client = world.client("other")
    url = url_for(name, world.owner_objects)
    missing = url_for(name, pk=MISSING_PK)
    before = snapshot()

    get = client.get(url)
    assert get.status_code == client.get(missing).status_code
    assert get.status_code in {404, 405}
    for method in ("post", *OTHER_METHODS):
        answer = getattr(client, method)(url)
        assert answer.status_code == getattr(client, method)(missing).status_code, method
        assert answer.status_code in {404, 405}, f"{method}: {answer.status_code}"
    assert client.post(url, {"text": "taken over"}).status_code == 404

    assert snapshot() == before, "another user changed the owner's data"


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_never_shows_another_user_the_owners_words(name: str, world: World) -> None:
    row = row_for(name)
    client = world.client("other")
    url = url_for(name, world.other_objects)  # their own objects, if the route has a pk
    get = client.get(url)
    check(get, row.owner_get, f"GET {url}")
    post = client.post(url)
    check(post, row.owner_post, f"POST {url}")
    for response in (get, post):
        body = response.content.decode(errors="replace")
        assert OWNER_NICKNAME not in body
        assert OWNER_TEXT not in body


# --- Anonymous ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_sends_anonymous_to_login_or_shows_a_public_page(name: str, world: World) -> None:
    row = row_for(name)
    client = world.client("anonymous")
    url = url_for(name, world.owner_objects)
    get = client.get(url)
    check(get, row.anon_get, f"GET {url}")
    post = client.post(url)
    check(post, row.anon_post, f"POST {url}")
    for method in OTHER_METHODS:
        answer = getattr(client, method)(url)
        if answer.status_code == 302:
            assert answer["Location"].startswith(reverse("login")), method
        else:
            assert answer.status_code in {405, get.status_code}, f"{method}: {answer.status_code}"
    for response in (get, post):
        body = response.content.decode(errors="replace")
        assert OWNER_NICKNAME not in body
        assert OWNER_TEXT not in body


def test_it_serves_static_files_to_anonymous(client: Client) -> None:
    response = client.get("/static/nocontact/css/app.css")
    assert response.status_code == 200


# --- CSRF: every POST needs a token ------------------------------------------------------


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("who", ["owner", "anonymous"])
def test_it_refuses_a_post_without_a_csrf_token(name: str, who: str, world: World) -> None:
    client = world.client(who, enforce_csrf_checks=True)
    url = url_for(name, world.owner_objects)
    before = snapshot()
    response = client.post(url, {"text": "no token", "password": "x"})
    if row_for(name).no_session:
        assert response.status_code in {401, 404, 405}, f"POST {url} as {who}"
    elif who == "anonymous" and row_for(name).anon_post == LOGIN and response.status_code == 302:
        # Not signed in, nothing to change: the login page first (the check below proves it).
        check(response, LOGIN, f"POST {url}")
    else:
        assert response.status_code == 403, f"POST {url} as {who}: {response.status_code}"
    assert snapshot() == before


def test_it_accepts_a_post_with_its_csrf_token(world: World) -> None:
    # The control for the test above: the refusal is about the token, nothing else.
    client = world.client("owner", enforce_csrf_checks=True)
    client.get(reverse("reasons"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("reasons"), {"text": "I sleep better", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


# --- No GET changes anything ----------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in ALL_NAMES if EXPECTED.get(n, FORM).owner_get != 405])
def test_it_changes_nothing_on_get(name: str, world: World) -> None:
    client = world.client("owner")
    url = url_for(name, world.owner_objects)
    before = snapshot()
    client.get(url)
    assert snapshot() == before, f"GET {url} changed the database"
