"""The insights page: charts a screen reader can read, for the owner only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.integration.program_helpers import (
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    days_ago,
)

pytestmark = pytest.mark.django_db
URL = reverse("insights")
CHARTS = (
    "days",
    "urges",
    "clock",
    "triggers",
    "mood",
    "desperation",
    "crying",
    "strength",
    "readiness",
)


def a_few_weeks(breakup: Any) -> None:
    for day in range(1, 12):
        add_event(breakup, "checkin", days_ago(day, 21), mood=3, desperation=5, cried=day % 2 == 0)
        add_event(
            breakup,
            "urge",
            days_ago(day, 23),
            intensity=6,
            outcome="resisted",
            triggers=["late night", "Quietmarker trigger"],
        )
    add_event(breakup, "slip", days_ago(5, 22), channel="text")
    add_event(breakup, "checked_on_them", days_ago(3, 9), how="profile")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "insights")


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))


def test_it_is_kind_when_nothing_is_logged_yet(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing to chart yet, and that is fine." in html
    assert "<svg" not in html
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )


def test_it_draws_every_chart_with_its_title_description_and_table(
    owner_client: Any, owner_breakup: Any
) -> None:
    a_few_weeks(owner_breakup)
    html = owner_client.get(URL).content.decode()
    for key in CHARTS:
        figure = re.search(rf'<figure [^>]*data-chart="{key}".*?</figure>', html, re.S)
        assert figure, key
        svg = figure.group(0)
        assert f'role="img" aria-labelledby="{key}-title {key}-desc"' in svg
        assert f'<title id="{key}-title">' in svg
        assert f'<desc id="{key}-desc">' in svg
        assert "<table>" in svg
        assert '<th scope="col">' in svg
    # Strict CSP: nothing inline.
    assert " style=" not in html
    assert "<style" not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts, "the page loads the app's own scripts"
    assert all('src="/static/' in tag for tag in scripts)  # none inline, none foreign


def test_it_says_what_the_log_shows_in_plain_words(owner_client: Any, owner_breakup: Any) -> None:
    a_few_weeks(owner_breakup)
    html = owner_client.get(URL).content.decode()
    assert "Your urges come mostly between 10 p.m. and 1 a.m.: 100% of them." in html
    assert "“late night” came up most: in 11 of the 11 urges where you named a trigger." in html
    assert "You rode out 11 of the 11 urges you logged here." in html
    assert "On 1 of them you checked on them; that is not a slip." in html
    assert re.search(r"1 slip, on [^<]+\. Your progress is still here\.", html)


def test_it_shows_the_owners_triggers_to_no_one_else(
    owner_breakup: Any, other_breakup: Any, other_client: Any
) -> None:
    a_few_weeks(owner_breakup)
    html = other_client.get(URL).content.decode()
    assert "Quietmarker" not in html
    assert "Nothing to chart yet" in html


def test_it_reads_the_log_in_a_fixed_number_of_queries(
    owner_client: Any, owner_breakup: Any
) -> None:
    a_few_weeks(owner_breakup)
    owner_client.get(URL)
    with CaptureQueriesContext(connection) as few:
        owner_client.get(URL)
    for day in range(12, 300):
        add_event(owner_breakup, "urge", days_ago(day, 20), intensity=4, outcome="resisted")
    with CaptureQueriesContext(connection) as many:
        owner_client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_answers_get_only(owner_client: Any, owner_breakup: Any) -> None:
    assert owner_client.post(URL).status_code == 405
