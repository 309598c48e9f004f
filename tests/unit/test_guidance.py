"""Route guidance, the first meeting, locks explained, moving on: what a user reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nocontact.core import guidance, guidance_care, rules
from nocontact.core.guidance import (
    DECLINE_TEMPLATES,
    MEETING_DEBRIEF,
    MEETING_PREP,
    OCCASION_WINDOW_DAYS,
    ROUTE_GUIDES,
    Section,
    Step,
    fill,
    guide_step,
    route_guide,
    substantial_items,
    upcoming_occasions,
)
from nocontact.core.guidance_care import (
    CLOSINGS,
    LOCK_EXPLANATIONS,
    MOVING_ON_PROGRAM,
    NextStep,
    closing_for,
    explain_lock,
)
from nocontact.core.model import (
    EndedBy,
    Event,
    EventKind,
    Goal,
    ItemLeft,
    LockReason,
    Occasion,
    Outcome,
    Profile,
    Route,
)
from nocontact.core.program import derive_state
from nocontact.core.readiness import Status

TZ = ZoneInfo("Europe/Berlin")
BREAKUP = dt.date(2026, 9, 1)
PROFILE = Profile(
    ex_nickname="Sam",
    breakup_date=BREAKUP,
    relationship_months=6,
    ended_by=EndedBy.THEM,
    intensity=0,
    goal=Goal.RECONNECT,
)


def texts(section: Section) -> Iterator[str]:
    yield section.title
    yield section.intro
    yield from section.points
    yield from section.why
    yield from section.examples
    for question in section.questions:
        yield question.text
        yield question.hint


def all_route_texts(route: Route) -> str:
    return "\n".join(t for _, s in route_guide(route).steps for t in texts(s)).lower()


def event(when: str, kind: str, **data: object) -> Event:
    at = dt.datetime.fromisoformat(when).replace(tzinfo=TZ)
    return Event(EventKind(kind), at, data)


# --- Routes ----------------------------------------------------------------------


def test_it_has_a_guide_with_a_debrief_for_every_route() -> None:
    assert set(ROUTE_GUIDES) == set(Route)
    for route in Route:
        guide = route_guide(route)
        assert guide.title
        assert guide.summary
        assert guide.step_names[0] is Step.GUIDE
        assert guide.step_names[-1] is Step.DEBRIEF
        assert guide_step(route, "debrief").questions


def test_it_names_the_routes_with_the_letters_of_the_design() -> None:
    letters = {route: route_guide(route).letter for route in Route}
    assert letters == {
        Route.EX_REACHED_OUT: "A",
        Route.ENCOUNTER: "B",
        Route.REACH_OUT: "C",
        Route.OCCASION: "C",
        Route.PICKUP: "C",
        Route.INTENT_STATEMENT: "D",
    }


def test_it_looks_routes_up_by_their_stored_name() -> None:
    assert route_guide("encounter") is ROUTE_GUIDES[Route.ENCOUNTER]
    with pytest.raises(ValueError, match="nowhere"):
        route_guide("nowhere")
    with pytest.raises(KeyError):
        guide_step(Route.EX_REACHED_OUT, Step.WALK_AWAY)


def test_it_tells_route_a_to_reply_briefly_without_rehashing_or_dating_questions() -> None:
    guide = guide_step(Route.EX_REACHED_OUT, Step.GUIDE)
    text = " ".join(guide.points).lower()
    assert "short" in text
    assert "breakup out of it" in text
    assert "who they're seeing" in text
    assert "log" in text  # their message is logged as a signal
    assert all(len(example) < 160 for example in guide.examples)


def test_it_explains_why_an_engineered_coincidence_is_a_bad_idea() -> None:
    why_not = " ".join(texts(guide_step(Route.ENCOUNTER, Step.WHY_NOT))).lower()
    assert "watched" in why_not
    assert "trust" in why_not
    assert "honest" in why_not


def test_it_offers_no_help_planning_an_encounter() -> None:
    guide = route_guide(Route.ENCOUNTER)
    assert all(not section.examples for _, section in guide.steps)
    text = all_route_texts(Route.ENCOUNTER)
    assert "won't help you plan" in text
    for planning_help in ("their schedule", "find out where", "when they usually", "location"):
        assert planning_help not in text


def test_it_keeps_the_encounter_prep_card_light_and_short() -> None:
    card = " ".join(guide_step(Route.ENCOUNTER, Step.PREP).points).lower()
    for idea in ("friendly", "casual", "eye", "small talk", "no serious topics", "short"):
        assert idea in card


def test_it_never_suggests_dropping_items_off() -> None:
    pickup = guide_step(Route.PICKUP, Step.GUIDE)
    points = " ".join(pickup.points).lower()
    assert "don't offer to bring it over" in points
    assert "coffee" in points
    assert "signal" in points
    for example in pickup.examples:
        assert "drop" not in example.lower()
        assert "bring it" not in example.lower()
        assert "pick it up" in example.lower()


def test_it_suggests_a_card_or_short_call_on_the_day_of_an_occasion() -> None:
    text = " ".join(guide_step(Route.OCCASION, Step.GUIDE).points).lower()
    assert "on the day" in text
    assert "already know" in text


def test_it_words_the_statement_of_intent_as_romantic_and_open_ended() -> None:
    guide = guide_step(Route.INTENT_STATEMENT, Step.GUIDE)
    example = guide.examples[0].lower()
    assert "not as friends" in example
    assert "if you want that too" in example
    walk_away = guide_step(Route.INTENT_STATEMENT, Step.WALK_AWAY)
    assert "no end date" in walk_away.title.lower()
    assert "no deadline" in " ".join(walk_away.points).lower()


def test_it_prepares_two_or_three_kind_declines_of_friendship() -> None:
    assert 2 <= len(DECLINE_TEMPLATES) <= 3
    decline = guide_step(Route.INTENT_STATEMENT, Step.DECLINE)
    assert decline.examples == DECLINE_TEMPLATES
    assert "log" in decline.intro.lower()
    for template in DECLINE_TEMPLATES:
        lowered = template.lower()
        assert "friend" in lowered
        assert any(kind in lowered for kind in ("thank", "appreciate", "kind of you"))


def test_it_fills_the_name_into_examples_without_formatting_surprises() -> None:
    example = guide_step(Route.PICKUP, Step.GUIDE).examples[0]
    filled = fill(example, name="S{a}m", item="guitar")
    assert "S{a}m" in filled
    assert "guitar" in filled
    assert "{name}" not in filled
    assert "{item}" not in filled
    assert fill("Hi {name}", other="x") == "Hi {name}"


def test_it_marks_every_text_for_translation_without_unknown_placeholders() -> None:
    allowed = {"name", "item"}
    sections = [s for guide in ROUTE_GUIDES.values() for _, s in guide.steps]
    sections += [MEETING_PREP, MEETING_DEBRIEF, *MOVING_ON_PROGRAM, *CLOSINGS.values()]
    for section in sections:
        for text in texts(section):
            assert text == text.strip()
            assert set(re.findall(r"\{(\w+)\}", text)) <= allowed


def test_it_keeps_every_point_short() -> None:
    sections = [s for guide in ROUTE_GUIDES.values() for _, s in guide.steps]
    sections += [MEETING_PREP, MEETING_DEBRIEF, *MOVING_ON_PROGRAM]
    for section in sections:
        assert 1 <= len(section.points) <= 6
        for point in section.points:
            assert len(point) <= 120, point


# --- The first meeting -------------------------------------------------------------


def test_it_gives_a_light_meeting_checklist() -> None:
    checklist = " ".join(MEETING_PREP.points).lower()
    for idea in ("light", "fun", "no serious talk", "missed them", "let them talk", "signals"):
        assert idea in checklist
    assert "want more" in checklist


def test_it_asks_the_meeting_debrief_questions_that_fill_the_log() -> None:
    keys = [question.key for question in MEETING_DEBRIEF.questions]
    assert keys[:3] == ["signals", "again_both_sides", "feeling"]
    again = MEETING_DEBRIEF.questions[1]
    assert "both" in again.text.lower()


# --- Locks, moving on, closings -------------------------------------------------------


def test_it_explains_every_lock_reason() -> None:
    assert set(LOCK_EXPLANATIONS) == set(LockReason)
    for reason, explanation in LOCK_EXPLANATIONS.items():
        assert explanation.reason is reason
        assert explanation.title
        assert explanation.body
        assert explanation.instead


@pytest.mark.parametrize(
    "reason", [LockReason.ASKED_NO_CONTACT, LockReason.BLOCKED, LockReason.ATTEMPT_LIMIT]
)
def test_it_pairs_a_closing_lock_with_the_moving_on_program(reason: LockReason) -> None:
    explanation = LOCK_EXPLANATIONS[reason]
    assert explanation.next_step is NextStep.MOVING_ON
    assert "they" in explanation.reopen.lower()  # only their contact reopens it


def test_it_offers_support_and_never_a_way_back_on_the_safety_track() -> None:
    safety = LOCK_EXPLANATIONS[LockReason.SAFETY_TRACK]
    assert safety.next_step is NextStep.SUPPORT
    assert safety.reopen == ""
    text = " ".join([safety.body, *safety.instead]).lower()
    assert "support" in text
    assert "reach out to them" not in text


def test_it_shows_the_date_the_minimum_is_reached() -> None:
    state = derive_state(PROFILE, [], dt.date(2026, 9, 10), TZ)
    note = explain_lock(state)
    assert note is not None
    assert note.reason is LockReason.MINIMUM_NOT_REACHED
    assert note.date == dt.date(2026, 10, 1)
    assert "2026-10-01" in note.text


def test_it_shows_the_end_of_a_cooldown() -> None:
    events = [
        event("2026-10-01 12:00", "readiness_answers", answers=[5] * 10),
        *(
            event(f"{day.isoformat()} 20:00", "checkin", mood=4, desperation=1, cried=False)
            for day in (dt.date(2026, 9, 25) + dt.timedelta(days=i) for i in range(14))
        ),
        event("2026-10-05 18:00", "attempt", route="reach_out", outcome="no_reply"),
    ]
    state = derive_state(PROFILE, events, dt.date(2026, 10, 8), TZ)
    note = explain_lock(state)
    assert note is not None
    assert note.reason is LockReason.COOLDOWN
    assert note.date == dt.date(2026, 10, 12)
    assert "2026-10-12" in note.text


def test_it_lists_the_readiness_reasons_still_open() -> None:
    state = derive_state(PROFILE, [], dt.date(2026, 10, 5), TZ)
    note = explain_lock(state)
    assert note is not None
    assert note.reason is LockReason.NOT_READY_YET
    assert note.open_reasons
    assert all(reason.status is not Status.MET for reason in note.open_reasons)
    assert "want_not_need" in {reason.code for reason in note.open_reasons}


def test_it_counts_the_attempts_in_the_attempt_limit_text() -> None:
    events = [
        event(f"2026-10-{day:02d} 12:00", "attempt", route="reach_out", outcome="neutral")
        for day in (2, 3, 4)
    ]
    note = explain_lock(derive_state(PROFILE, events, dt.date(2026, 10, 20), TZ))
    assert note is not None
    assert note.reason is LockReason.ATTEMPT_LIMIT
    assert str(rules.MAX_ATTEMPTS_WITHOUT_POSITIVE_REPLY) in note.text
    assert note.moving_on == MOVING_ON_PROGRAM


def test_it_explains_nothing_when_contact_tools_are_open() -> None:
    events = [
        event("2026-10-01 12:00", "readiness_answers", answers=[5] * 10),
        *(
            event(f"{day.isoformat()} 20:00", "checkin", mood=4, desperation=1, cried=False)
            for day in (dt.date(2026, 9, 25) + dt.timedelta(days=i) for i in range(14))
        ),
    ]
    state = derive_state(PROFILE, events, dt.date(2026, 10, 3), TZ)
    assert state.lock_reason is None
    assert explain_lock(state) is None


def test_it_explains_the_safety_track_for_an_unsafe_breakup() -> None:
    state = derive_state(replace(PROFILE, unsafe=True), [], dt.date(2026, 12, 1), TZ)
    note = explain_lock(state)
    assert note is not None
    assert note.reason is LockReason.SAFETY_TRACK
    assert note.moving_on == ()


def test_it_tells_a_user_who_is_not_sure_that_this_is_fine() -> None:
    state = derive_state(replace(PROFILE, goal=Goal.UNSURE), [], dt.date(2026, 12, 1), TZ)
    note = explain_lock(state)
    assert note is not None
    assert note.reason is LockReason.NOT_CONTACT_STRATEGY
    assert "not being sure" in note.text
    assert note.explanation.next_step is NextStep.WELLBEING


def test_it_has_a_short_moving_on_program_and_a_closing_for_each_outcome() -> None:
    assert 3 <= len(MOVING_ON_PROGRAM) <= 6
    assert set(CLOSINGS) == set(Outcome)
    assert closing_for("reunited") is CLOSINGS[Outcome.REUNITED]
    for outcome in Outcome:
        assert "history" in closing_for(outcome).intro.lower()


# --- Route C draws on the profile ----------------------------------------------------


def with_occasions(*pairs: tuple[str, str]) -> Profile:
    return replace(
        PROFILE,
        occasions=tuple(Occasion(name, dt.date.fromisoformat(day)) for name, day in pairs),
    )


def test_it_surfaces_no_occasion_before_the_user_is_ready() -> None:
    profile = with_occasions(("birthday", "2026-11-05"))
    assert upcoming_occasions(profile, dt.date(2026, 11, 1), ready=False) == []
    upcoming = upcoming_occasions(profile, dt.date(2026, 11, 1), ready=True)
    assert [(u.occasion.name, u.days_away) for u in upcoming] == [("birthday", 4)]


def test_it_surfaces_occasions_only_within_the_window() -> None:
    today = dt.date(2026, 11, 1)
    last_day = today + dt.timedelta(days=OCCASION_WINDOW_DAYS)
    profile = with_occasions(
        ("yesterday", "2026-10-31"),
        ("today", "2026-11-01"),
        ("last day", last_day.isoformat()),
        ("too far", (last_day + dt.timedelta(days=1)).isoformat()),
    )
    names = [u.occasion.name for u in upcoming_occasions(profile, today, ready=True)]
    assert names == ["today", "last day"]


def test_it_lists_upcoming_occasions_soonest_first() -> None:
    profile = with_occasions(("graduation", "2026-11-10"), ("birthday", "2026-11-03"))
    upcoming = upcoming_occasions(profile, dt.date(2026, 11, 1), ready=True)
    assert [u.occasion.name for u in upcoming] == ["birthday", "graduation"]


def test_it_never_suggests_items_that_are_not_substantial() -> None:
    profile = replace(
        PROFILE,
        items_left=(
            ItemLeft("hair tie", substantial=False),
            ItemLeft("guitar", substantial=True),
            ItemLeft("toothbrush", substantial=False),
        ),
    )
    assert [item.name for item in substantial_items(profile)] == ["guitar"]
    assert substantial_items(PROFILE) == []


def test_it_imports_nothing_from_django() -> None:
    for module in (guidance, guidance_care):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "django" not in source.lower()
