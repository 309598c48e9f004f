"""Issue 3 in real Chromium: reaching out, the first meeting, and every guardrail.

Weeks of history (the breakup, two calm weeks of check-ins, a confident
self-check) are written straight into the database, backdated; everything the
tests are about is then done through the browser, as the person would.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import Locator, Page, expect

from nocontact.core import clock
from nocontact.core import model as core
from nocontact.core.events import validate_event_data
from nocontact.core.model import Route
from nocontact.journey import repository, state_cache
from nocontact.journey.models import Breakup, Event
from tests.conftest import local_today
from tests.e2e.crawl import walk

PASSWORD = "a calm long passphrase 42"  # the one tests/conftest.py's make_user sets
BERLIN = ZoneInfo("Europe/Berlin")
CONTACT_TOOL = "[data-contact-tool]"


# --- History that would take weeks, written directly -------------------------------


def local_noon(days_ago: int) -> dt.datetime:
    today = clock.local_now(BERLIN).date()
    return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(12), BERLIN)


def event(kind: core.EventKind, days_ago: int, **data: Any) -> core.Event:
    return core.Event(kind, local_noon(days_ago), validate_event_data(kind, data))


def calm_weeks(breakup: Breakup) -> None:
    """Two calm weeks of check-ins and a confident self-check yesterday."""
    history = [
        event(core.EventKind.CHECKIN, n, mood=4, desperation=2, cried=False) for n in range(1, 15)
    ]
    history.append(event(core.EventKind.READINESS_ANSWERS, 1, answers=[5] * 10))
    repository.add_events(breakup, history)


def a_ready_person(make_user: Any, username: str) -> tuple[Any, Breakup]:
    user = make_user(username, "Europe/Berlin")
    breakup = repository.create_breakup(
        user,
        core.Profile(
            ex_nickname="Sam",
            breakup_date=local_today() - dt.timedelta(days=75),
            relationship_months=26,
            ended_by=core.EndedBy.THEM,
            intensity=1,
            goal=core.Goal.RECONNECT,
        ),
    )
    calm_weeks(breakup)
    state = repository.program_state(breakup)
    assert state.contact_tools_open, state.lock_reason
    assert state.strategy is core.Strategy.RECONNECT
    return user, breakup


def shown(day: dt.date) -> str:
    """A date as the app prints it."""
    with translation.override("en"):
        return str(date_format(day, "DATE_FORMAT"))


# --- Doing things in the browser ---------------------------------------------------


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/account/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(base + "/")


def choose(page: Page | Locator, group: str | re.Pattern[str], *labels: str) -> None:
    fieldset = page.get_by_role("group", name=group)
    for label in labels:
        fieldset.get_by_label(label, exact=True).check()


def log_attempt(page: Page, outcome: str, *signals: str) -> None:
    """On a route's page: the debrief of an attempt, through its form."""
    debrief = page.locator("#debrief")
    choose(debrief, "What happened?", outcome)
    if signals:
        choose(debrief, "Which signals did you notice?", *signals)
    debrief.get_by_role("button", name="Log how it went").click()


def open_reach_out(page: Page, base: str) -> None:
    page.get_by_role("link", name="Ways to reconnect").click()
    expect(page).to_have_url(base + "/reconnect/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reconnecting, gently")
    page.get_by_role("link", name="You reach out").click()
    expect(page).to_have_url(base + "/reconnect/reach_out/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("You reach out")


def contact_tools_on(page: Page, path: str) -> list[str]:
    count = page.locator(CONTACT_TOOL).count()
    return [f"{count} contact tool(s)"] if count else []


def reconnect_urls() -> list[str]:
    """Every page under /reconnect/, each route's page and its log URL included."""
    urls = [
        reverse(name) for name in ("routes", "meeting", "meeting_debrief", "log_signal", "interest")
    ]
    urls.append(reverse("friendship_offer"))
    for route in Route:
        urls += [reverse("route", args=[route.value]), reverse("log_attempt", args=[route.value])]
    return urls


# Pages that record or show what already happened stay reachable when contact
# is closed (routes_meeting.py); they must still offer no contact tool.
RECORD_ONLY = {"meeting_debrief", "log_signal", "interest"}


def is_record_only(path: str) -> bool:
    return any(path == reverse(name) for name in RECORD_ONLY)


# --- 1. Ready: reach out, wait, meet ------------------------------------------------


def test_it_lets_a_ready_person_reach_out_wait_and_meet(
    page: Page, live_server: Any, make_user: Any, screenshot: Any
) -> None:
    base = live_server.url
    user, breakup = a_ready_person(make_user, "juniper")
    today = repository.today_for(user)
    next_try = today + dt.timedelta(days=7)

    # 1. From the dashboard to the hub, then "You reach out".
    log_in(page, base, "juniper")
    screenshot("1-dashboard-ready")
    open_reach_out(page, base)
    screenshot("2-reach-out")

    # 2. They didn't reply: logged through the debrief.
    log_attempt(page, "No reply")
    expect(page).to_have_url(base + "/reconnect/")
    expect(page.get_by_role("status")).to_contain_text(
        f"the next step can wait until {shown(next_try)}"
    )
    note = page.locator('[data-lock-note="cooldown"]')
    expect(note.locator(f'[data-lock-date="{next_try.isoformat()}"]')).to_contain_text(
        shown(next_try)
    )
    expect(page.locator(CONTACT_TOOL)).to_have_count(0)
    screenshot("3-cooldown")

    # 3. The dashboard says when, and offers no way to reach them meanwhile.
    page.get_by_role("link", name="Back to today").click()
    expect(page).to_have_url(base + "/")
    expect(page.locator(f'[data-next-attempt-on="{next_try.isoformat()}"]')).to_contain_text(
        shown(next_try)
    )
    expect(page.locator(CONTACT_TOOL)).to_have_count(0)
    screenshot("4-dashboard-cooldown")
    # Trying the route directly shows the wait, not the form.
    page.goto(base + "/reconnect/reach_out/")
    expect(page.locator('[data-lock-note="cooldown"]')).to_be_visible()
    expect(page.get_by_role("button", name="Log how it went")).to_have_count(0)

    # 4. Eight days pass: the no-reply attempt moves back in time.
    moved = Event.objects.filter(breakup=breakup, kind="attempt").update(
        at=F("at") - dt.timedelta(days=8)
    )
    assert moved == 1
    state_cache.touch(breakup.pk)  # an edit behind the app's back announces itself
    assert repository.program_state(breakup).contact_tools_open

    # 5. A warm reply, logged the same way.
    page.goto(base + "/")
    open_reach_out(page, base)
    log_attempt(page, "They answered warmly", "They wrote long replies")
    expect(page).to_have_url(base + "/reconnect/")
    expect(page.get_by_role("status")).to_contain_text("Lovely. Go gently from here.")
    screenshot("5-warm-reply")

    # 6. Before meeting: the checklist.
    page.get_by_role("link", name="Before you meet").click()
    expect(page).to_have_url(base + "/reconnect/meeting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you meet")
    checklist = page.locator(".checklist")
    expect(checklist.get_by_role("checkbox")).to_have_count(6)
    checklist.get_by_label(re.compile("Keep it light")).check()
    checklist.get_by_label(re.compile("really listen")).check()
    screenshot("6-meeting-checklist")

    # 7. After meeting: the debrief.
    page.get_by_role("link", name="After the meeting: a short debrief").click()
    expect(page).to_have_url(base + "/reconnect/meeting/debrief/")
    choose(
        page,
        "Which signals did you notice?",
        "They asked about my life",
        "They suggested meeting again",
    )
    choose(page, re.compile("come from both of you"), "Yes")
    choose(page, "How do you feel now?", "5 · good")
    screenshot("7-meeting-debrief")
    page.get_by_role("button", name="Save the debrief").click()

    # 8. The trend, with the evidence behind it.
    expect(page).to_have_url(base + "/reconnect/interest/")
    trend = page.locator("[data-direction]")
    expect(trend).to_have_attribute("data-direction", "warming")
    expect(trend.get_by_role("heading")).to_have_text("Warming")
    evidence = page.locator("ul.evidence")
    for what in (
        "'Let's do this again' came from both of you",
        "They asked about your life",
        "They suggested meeting again",
        "They answered you warmly",
        "They wrote long replies",
        "No reply to your message",
    ):
        expect(evidence.get_by_text(what)).to_have_count(1)
    expect(evidence.locator("li")).to_have_count(6)
    expect(evidence.locator(".evidence-respect")).to_contain_text(
        shown(today - dt.timedelta(days=8))
    )
    screenshot("8-interest-trend")


# --- 2. "They asked me not to contact them" ----------------------------------------


def test_it_offers_no_contact_tool_anywhere_after_they_asked_for_no_contact(
    page: Page, live_server: Any, make_user: Any, screenshot: Any
) -> None:
    base = live_server.url
    _user, breakup = a_ready_person(make_user, "willow")

    # 1. They asked for no contact: logged through the debrief.
    log_in(page, base, "willow")
    open_reach_out(page, base)
    log_attempt(page, "They asked me not to contact them")
    expect(page).to_have_url(base + "/reconnect/")
    expect(page.get_by_role("status")).to_contain_text("Contact tools are closed now")
    note = page.locator('[data-lock-note="asked_no_contact"]')
    expect(note.get_by_role("heading", name="They asked for no contact")).to_be_visible()
    expect(note).to_contain_text("Respecting that is the kindest thing")
    expect(note.get_by_role("heading", name="Moving on, week by week")).to_be_visible()
    expect(note.locator("details.moving-on-step")).not_to_have_count(0)
    expect(page.locator(CONTACT_TOOL)).to_have_count(0)
    screenshot("1-closed-kindly")

    # 2. The moving-on program is where "Where you are" leads.
    page.get_by_role("link", name="Back to today").click()
    page.get_by_role("link", name="Where you are").first.click()
    expect(page).to_have_url(base + "/program/")
    expect(page.locator('[data-lock-note="asked_no_contact"]')).to_be_visible()
    expect(page.get_by_role("heading", name="Moving on, week by week")).to_be_visible()
    screenshot("2-moving-on")

    # 3. Every page reachable by a link: not one contact tool.
    result = walk(page, base, contact_tools_on)
    assert {"/", "/program/", "/history/", "/sos/"} <= set(result.visited), result.visited
    assert not result.problems, result.problems

    # 4. Every reconnect URL typed in directly: the lock explained, or (for the
    # pages that only record what happened) no tool.
    for path in reconnect_urls():
        page.goto(base + path)
        expect(page.locator(CONTACT_TOOL), path).to_have_count(0)
        if not is_record_only(path):
            expect(page.locator('[data-lock-note="asked_no_contact"]'), path).to_be_visible()
    screenshot("3-route-typed-in")

    # 5. A forged POST of a warm reply is refused and saves nothing.
    attempts = Event.objects.filter(breakup=breakup, kind="attempt").count()
    page.goto(base + "/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    assert token
    for route in ("reach_out", "ex_reached_out"):
        response = page.request.post(
            base + reverse("log_attempt", args=[route]),
            form={"csrfmiddlewaretoken": token, "outcome": "positive"},
            headers={"Referer": base + "/"},
            max_redirects=0,
        )
        assert response.status == 403, (route, response.status)
        assert "Nothing was saved" in response.text()
    assert Event.objects.filter(breakup=breakup, kind="attempt").count() == attempts
    assert repository.program_state(breakup).lock_reason is core.LockReason.ASKED_NO_CONTACT


# --- 3. The safety track -----------------------------------------------------------


def test_it_never_shows_a_safety_track_user_a_reconnect_route(
    page: Page, live_server: Any, screenshot: Any
) -> None:
    base = live_server.url

    # 1. Sign up and onboard, answering "Yes" to the safety question.
    page.goto(base + "/account/signup/")
    page.get_by_label("Username").fill("harbour")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(base + "/start/")
    page.get_by_label("Their nickname").fill("Sam")
    page.get_by_label("When did you break up?").fill(
        (local_today() - dt.timedelta(days=75)).isoformat()
    )
    page.get_by_label("How many months were you together?").fill("26")
    choose(page, "Who ended it?", "They ended it")
    choose(page, "How did it end?", "Tense: some hard words, but no big scene.")
    choose(page, "What do you hope for, right now?", "I hope we get back together")
    choose(page, re.compile("abusive"), "Yes")
    screenshot("1-onboarding")
    page.get_by_role("button", name="Save and start").click()
    expect(page).to_have_url(base + "/support/")
    screenshot("2-support")

    # Weeks of calm days and a confident self-check: everything but safety would
    # open the contact tools, so only the safety guard keeps them away.
    breakup = Breakup.objects.get(user__username="harbour")
    assert breakup.unsafe
    calm_weeks(breakup)
    assert repository.program_state(breakup).lock_reason is core.LockReason.SAFETY_TRACK

    # 2. Every page reachable by a link: no tool, no way into /reconnect/.
    def check(page: Page, path: str) -> list[str]:
        problems = contact_tools_on(page, path)
        leads = page.locator('a[href*="/reconnect/"], form[action*="/reconnect/"]').count()
        if leads:
            problems.append(f"{leads} link(s) or form(s) to /reconnect/")
        # Saying "this app won't offer ways to reconnect" is fine; a link to one is not.
        if page.get_by_role("link", name=re.compile("reconnect|reach out", re.I)).count():
            problems.append("a link to reconnecting")
        return problems

    result = walk(page, base, check)
    assert {"/", "/program/", "/support/", "/sos/"} <= set(result.visited), result.visited
    assert not result.problems, result.problems

    # 3. Typed in directly, /reconnect/ shows support instead of tools.
    page.goto(base + "/reconnect/")
    note = page.locator('[data-lock-note="safety_track"]')
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name="Support and people who can help")).to_be_visible()
    expect(page.locator(CONTACT_TOOL)).to_have_count(0)
    screenshot("3-reconnect-typed-in")
    for path in reconnect_urls():
        page.goto(base + path)
        expect(page.locator(CONTACT_TOOL), path).to_have_count(0)
        expect(page.locator('[data-lock-note="safety_track"]'), path).to_be_visible()
