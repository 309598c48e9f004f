"""The dashboard and ``nocontact state`` show the same numbers for the same events.

Each scenario is built in the database, shown on the dashboard, exported with
``core.export`` and read back by the command line, in-process. The dashboard's
numbers are read from its stable ``data-*`` attributes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts.models import settings_for
from nocontact.cli.base import Output
from nocontact.cli.main import run
from nocontact.core.export import export_document
from nocontact.journey import repository
from tests.integration import program_scenarios as scenario

pytestmark = pytest.mark.django_db

ALWAYS = {
    "data-day-count": "day_count",
    "data-minimum-days": "minimum_days",
    "data-minimum-reached-on": "minimum_reached_on",
    "data-longest-streak": "longest_streak",
    "data-total-days": "total_days",
    "data-strength": "strength",
    "data-phase": "phase",
    "data-tools": "contact_tools",
    "data-lock-reason": "lock_reason",
}
INTS = {"day_count", "minimum_days", "longest_streak", "total_days", "attempts_left"}


def fresh(make_breakup: Callable[..., Any], user: Any) -> Any:
    return make_breakup(user)


SCENARIOS: dict[str, Callable[..., Any]] = {
    "fresh": fresh,
    "after a slip": scenario.after_a_slip,
    "ready": scenario.ready,
    "cooling down": scenario.cooling_down,
    "closed by asked_no_contact": scenario.asked_no_contact,
    "safety track": scenario.safety_track,
    "reunited": scenario.reunited,
    "high distress": scenario.distressed,
    "not sure": scenario.not_sure,
}


def dashboard_numbers(html: str) -> dict[str, Any]:
    """Every ``data-*`` value the dashboard shows, the first of each name."""
    found: dict[str, Any] = {}
    for name, value in re.findall(r'\s(data-[a-z-]+)="([^"]*)"', html):
        found.setdefault(name, value)
    return found


def state_from_cli(breakup: Any, tmp_path: Path, today: str) -> dict[str, Any]:
    tz_name = settings_for(breakup.user).timezone
    document = export_document(tz_name, [repository.breakup_record(breakup)], timezone.now())
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["state", "--input", str(path), "--today", today, "--json"], Output(stdout, stderr))
    assert code == 0, stderr.getvalue()
    result: dict[str, Any] = json.loads(stdout.getvalue())
    return result


def as_cli(key: str, value: str) -> Any:
    if key in INTS:
        return int(value)
    if key == "strength":
        return float(value)
    if key in ("lock_reason", "next_attempt_on"):
        return value or None
    return value


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_the_dashboard_shows_what_nocontact_state_derives(
    owner_client: Any, owner: Any, make_breakup: Any, tmp_path: Path, name: str
) -> None:
    breakup = SCENARIOS[name](make_breakup, owner)
    today = repository.program_state(breakup).today.isoformat()
    html = owner_client.get(reverse("dashboard")).content.decode()
    shown = dashboard_numbers(html)
    expected = state_from_cli(breakup, tmp_path, today)

    for attribute, key in ALWAYS.items():
        assert attribute in shown, f"{name}: the dashboard does not show {key}"
        assert as_cli(key, shown[attribute]) == expected[key], f"{name}: {key}"

    # Attempts matter only to someone hoping to reconnect, safely, with the story
    # open, and once reaching out is near.
    if name not in ("ready", "cooling down", "high distress"):
        assert "data-attempts-left" not in shown
    else:
        assert as_cli("attempts_left", shown["data-attempts-left"]) == expected["attempts_left"]
        if expected["next_attempt_on"] is None:
            assert "data-next-attempt-on" not in shown
        else:
            assert shown["data-next-attempt-on"] == expected["next_attempt_on"]
    if "data-verdict" in shown:
        assert shown["data-verdict"] == expected["readiness"]["verdict"]
    else:
        assert name == "safety track"


def test_the_scenarios_cover_the_states_they_are_named_after(
    owner: Any, make_breakup: Any, make_user: Any
) -> None:
    phases = {}
    for index, (name, build) in enumerate(SCENARIOS.items()):
        user = make_user(f"user{index}")
        state = repository.program_state(build(make_breakup, user))
        phases[name] = (state.phase.value, state.lock_reason)
    assert phases["fresh"] == ("no_contact", "minimum_not_reached")
    assert phases["ready"] == ("reconnect", None)
    assert phases["cooling down"] == ("reconnect", "cooldown")
    assert phases["closed by asked_no_contact"] == ("closed", "asked_no_contact")
    assert phases["safety track"] == ("safety", "safety_track")
    assert phases["reunited"][0] == "reunited"
    assert phases["high distress"][1] == "distress"
    assert phases["not sure"][1] == "not_contact_strategy"
