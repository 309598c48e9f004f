"""The message coach as a user meets it: flags on the words that matter, quiet on good drafts."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from types import ModuleType

import pytest

from nocontact.core.coach import CoachResult, Flag, FlagCode, Route, analyse, is_late_night
from nocontact.core.coach_rules import compile_language, rules_for
from nocontact.core.coach_rules.limits import (
    LATE_NIGHT_ENDS,
    LATE_NIGHT_STARTS,
    MAX_CHARACTERS,
    PERFECT_SCORE,
)


def flagged(result: CoachResult, text: str, code: FlagCode) -> list[str]:
    """The words each flag of ``code`` points at."""
    return [text[flag.start : flag.end] for flag in result.flags if flag.code is code]


# A typical draft per phrase code, the route it is written for, and the words
# the flag must point at.
TYPICAL = [
    (
        FlagCode.BEGGING,
        Route.FIRST_CONTACT,
        "Hey. Please come back, I can't do this.",
        "Please come back",
    ),
    (
        FlagCode.GUILT,
        Route.REPLY,
        "Nice to hear from you. You broke my heart, you know.",
        "You broke my heart",
    ),
    (FlagCode.PITY, Route.FIRST_CONTACT, "Hi. Honestly I'm a mess these days.", "I'm a mess"),
    (FlagCode.PRESSURE, Route.REPLY, "Good. I need an answer about us.", "I need an answer"),
    (
        FlagCode.REHASH_BREAKUP,
        Route.FIRST_CONTACT,
        "Hi, can you tell me why you left?",
        "why you left",
    ),
    (
        FlagCode.DATING_QUESTION,
        Route.REPLY,
        "Great! Are you seeing anyone?",
        "Are you seeing anyone",
    ),
    (FlagCode.DECLARES_FEELINGS, Route.OCCASION, "Happy birthday! I miss you.", "miss you"),
    (FlagCode.MIND_GAMES, Route.FIRST_CONTACT, "Oops, wrong number!", "wrong number"),
    (
        FlagCode.OFFERS_DROPOFF,
        Route.PICKUP,
        "Found your hoodie, I can drop it off tomorrow.",
        "drop it off",
    ),
    (
        FlagCode.FRIENDSHIP_OFFER,
        Route.INTENT_STATEMENT,
        "I want us to get back together. If you want the same, reach out. "
        "If not, we can stay friends.",
        "stay friends",
    ),
    (FlagCode.HOSTILE, Route.REPLY, "Oh now you text me? Go to hell.", "Go to hell"),
]


@pytest.mark.parametrize(("code", "route", "text", "words"), TYPICAL)
def test_it_flags_a_typical_example_on_the_offending_words(
    code: FlagCode, route: Route, text: str, words: str
) -> None:
    result = analyse(text, route)

    assert flagged(result, text, code) == [words]
    assert result.score < PERFECT_SCORE


def test_it_explains_each_flag_and_offers_a_better_phrasing() -> None:
    result = analyse("Please come back, I miss you.", Route.REPLY)

    for flag in result.flags:
        assert flag.why.strip()
        assert flag.suggestion.strip()
        assert flag.why != flag.suggestion


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("Hey, it's been a while. Hope you're doing well!", Route.FIRST_CONTACT),
        ("haha yes I remember that. im good thanks, hbu?", Route.REPLY),
        ("Happy birthday! Hope it's a lovely one.", Route.OCCASION),
        ("Hi, your bike is still here. Let me know when suits you to pick it up.", Route.PICKUP),
        (
            "I'd like us to get back together, as a couple. If you want the same, reach out. "
            "If not, I wish you well.",
            Route.INTENT_STATEMENT,
        ),
        (
            "Thank you for offering, but I can't be just friends. Take care.",
            Route.DECLINE_FRIENDSHIP,
        ),
    ],
)
def test_it_leaves_a_good_draft_alone(text: str, route: Route) -> None:
    result = analyse(text, route, send_at=dt.time(18, 30))

    assert result.flags == ()
    assert result.score == PERFECT_SCORE
    assert not result.stop_coaching


@pytest.mark.parametrize(
    "text",
    [
        "I'm not asking you to come back, just saying hi.",
        "No pressure at all, reply whenever.",
        "You don't have to answer me, I just hope you're well.",
        "I'm not going to beg, I promise. Hope the new job is good.",
    ],
)
def test_it_does_not_fire_on_a_negated_phrase(text: str) -> None:
    assert analyse(text, Route.FIRST_CONTACT).flags == ()


def test_it_still_flags_the_phrase_after_a_negation_in_an_earlier_clause() -> None:
    text = "I'm not trying to pressure you, but answer me today."

    assert flagged(analyse(text, Route.REPLY), text, FlagCode.PRESSURE) == ["answer me today"]


def test_it_offers_dropoff_only_on_the_pickup_route() -> None:
    text = "I can bring your guitar over on Saturday."

    for route in Route:
        codes = analyse(text, route).codes
        assert (FlagCode.OFFERS_DROPOFF in codes) is (route is Route.PICKUP)


def test_it_does_not_take_an_invitation_to_collect_for_a_dropoff() -> None:
    result = analyse("Your records are here, you can swing by for them any time.", Route.PICKUP)

    assert result.flags == ()


def test_it_flags_friendship_offers_only_on_the_intent_route() -> None:
    text = "We can still be friends, that would be nice."

    for route in Route:
        codes = analyse(text, route).codes
        assert (FlagCode.FRIENDSHIP_OFFER in codes) is (route is Route.INTENT_STATEMENT)


def test_it_accepts_saying_no_to_friendship_in_an_intent_statement() -> None:
    text = (
        "I want to be with you again, not as friends. If you feel the same, reach out. "
        "If not, I'll respect that."
    )

    assert analyse(text, Route.INTENT_STATEMENT).flags == ()


@pytest.mark.parametrize(
    "text",
    [
        "Hey, maybe we could grab a coffee sometime?",  # neither romance nor the condition
        "I want to get back together. Text me!",  # no "only if you want the same"
        "If you feel the same, reach out.",  # the condition, but the same as what?
        "I don't want to get back together. If you want the same, reach out.",
    ],
)
def test_it_flags_an_intent_statement_that_is_not_clear(text: str) -> None:
    result = analyse(text, Route.INTENT_STATEMENT)

    unclear = [flag for flag in result.flags if flag.code is FlagCode.UNCLEAR_INTENT]
    assert [(flag.start, flag.end) for flag in unclear] == [(0, len(text))]


def test_it_never_flags_unclear_intent_outside_the_intent_route() -> None:
    for route in Route:
        if route is not Route.INTENT_STATEMENT:
            assert FlagCode.UNCLEAR_INTENT not in analyse("Want to grab a coffee?", route).codes


def test_it_lets_feelings_be_said_in_an_intent_statement_but_not_before_a_meeting() -> None:
    text = (
        "I still love you and I want us to get back together. Reach out only if you want that too."
    )

    assert FlagCode.DECLARES_FEELINGS not in analyse(text, Route.INTENT_STATEMENT).codes
    assert FlagCode.DECLARES_FEELINGS not in analyse(text, Route.DECLINE_FRIENDSHIP).codes
    for route in (Route.FIRST_CONTACT, Route.REPLY, Route.OCCASION, Route.PICKUP):
        assert FlagCode.DECLARES_FEELINGS in analyse(text, route).codes


@pytest.mark.parametrize(
    ("send_at", "late"),
    [
        (dt.time(21, 59), False),
        (dt.time(22, 0), True),
        (dt.time(0, 0), True),
        (dt.time(5, 59), True),
        (dt.time(6, 0), False),
        (dt.time(12, 0), False),
        (dt.datetime(2026, 11, 22, 23, 15), True),
        (dt.datetime(2026, 11, 22, 23, 15, tzinfo=dt.UTC), True),
        (None, False),
    ],
)
def test_it_flags_late_night_between_ten_pm_and_six_am(
    send_at: dt.time | dt.datetime | None, late: bool
) -> None:
    text = "Hope your week went well."

    result = analyse(text, Route.FIRST_CONTACT, send_at=send_at)

    assert (FlagCode.LATE_NIGHT in result.codes) is late
    if late:
        assert [(f.start, f.end) for f in result.flags] == [(0, len(text))]


def test_it_keeps_the_late_night_window_in_named_constants() -> None:
    assert dt.time(22, 0) == LATE_NIGHT_STARTS
    assert dt.time(6, 0) == LATE_NIGHT_ENDS
    assert is_late_night(LATE_NIGHT_STARTS)
    assert not is_late_night(LATE_NIGHT_ENDS)


@pytest.mark.parametrize(("unanswered", "double"), [(0, False), (1, True), (3, True)])
def test_it_flags_a_double_text_when_the_last_message_is_unanswered(
    unanswered: int, double: bool
) -> None:
    text = "Hey, hope you had a good weekend!"

    result = analyse(text, Route.FIRST_CONTACT, unanswered=unanswered)

    assert (FlagCode.DOUBLE_TEXT in result.codes) is double
    if double:
        assert [(f.start, f.end) for f in result.flags] == [(0, len(text))]


def test_it_flags_a_draft_above_the_route_limit_as_too_long() -> None:
    sentence = "The market was busy today. "
    limit = MAX_CHARACTERS[Route.OCCASION]
    long_text = (sentence * (limit // len(sentence) + 1)).strip()

    assert FlagCode.TOO_LONG in analyse(long_text, Route.OCCASION).codes
    assert FlagCode.TOO_LONG not in analyse(sentence, Route.OCCASION).codes
    # The intent statement is allowed more room than a birthday card.
    assert MAX_CHARACTERS[Route.INTENT_STATEMENT] > limit


def test_it_flags_too_many_short_sentences_as_too_long() -> None:
    text = " ".join(["Hi."] * 12)

    assert FlagCode.TOO_LONG in analyse(text, Route.FIRST_CONTACT).codes


@pytest.mark.parametrize(
    "text",
    [
        "Please come back or I'll hurt myself.",
        "honestly i want to die",
        "I don't want to live without you.",
        "Everyone would be better off without me.",
    ],
)
def test_it_stops_coaching_on_self_harm_language(text: str) -> None:
    result = analyse(text, Route.REPLY, send_at=dt.time(23, 0), unanswered=2)

    assert result.stop_coaching
    assert result.score == 0
    assert {flag.code for flag in result.flags} == {FlagCode.SELF_HARM}


def test_it_shares_the_crisis_phrases_of_the_journal_checks() -> None:
    # Only core/crisis.py knows this one: one list serves the journal and the coach.
    text = "Some days it would be easier if I just wasn't here anymore."

    result = analyse(text, Route.REPLY)

    assert result.stop_coaching
    assert flagged(result, text, FlagCode.SELF_HARM) == ["wasn't here anymore"]


def test_it_leaves_the_crisis_idioms_alone() -> None:
    assert not analyse("I nearly killed myself laughing at your dog video.", Route.REPLY).flags


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I put my whole career on hold for you.", FlagCode.GUILT),
        ("Guess I'm not even worth a reply anymore.", FlagCode.GUILT),
        ("Just give me a chance to make it right.", FlagCode.BEGGING),
        ("Please don't give up on me.", FlagCode.BEGGING),
        ("Honestly I'm barely keeping it together these days.", FlagCode.PITY),
        ("I have nobody to talk to now.", FlagCode.PITY),
        ("I can't keep waiting forever for you.", FlagCode.PRESSURE),
        ("Don't leave me on read again.", FlagCode.PRESSURE),
        ("Do you ever regret ending it?", FlagCode.REHASH_BREAKUP),
        ("Is it serious with her?", FlagCode.DATING_QUESTION),
        ("You'll always be my person.", FlagCode.DECLARES_FEELINGS),
        ("Oops, meant to send this to my brother.", FlagCode.MIND_GAMES),
        ("Enjoy your sad little life.", FlagCode.HOSTILE),
    ],
)
def test_it_reads_a_family_of_wordings_not_only_one_sentence(text: str, code: FlagCode) -> None:
    assert code in analyse(text, Route.FIRST_CONTACT).codes


def test_it_reads_mates_and_pals_as_friendship_on_the_intent_route() -> None:
    text = (
        "I'd like us to be a couple again. If you feel the same, reach out. "
        "If not, we can still be pals."
    )

    assert analyse(text, Route.INTENT_STATEMENT).codes == {FlagCode.FRIENDSHIP_OFFER}


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("Thank you, you made me laugh so much with that story.", Route.REPLY),
        ("You were the one who recommended that book, and I loved it.", Route.REPLY),
        ("Let me send you a photo of the boxes so you can check.", Route.PICKUP),
        ("Your trash bags are still in the shed, sorry.", Route.PICKUP),
        ("Your snake plant is thriving, by the way.", Route.PICKUP),
        ("I always get lost in that museum too.", Route.REPLY),
        ("I'm low on battery, talk later!", Route.REPLY),
        ("We should work out how we split the deposit.", Route.PICKUP),
        ("Going over the paperwork for the car now.", Route.REPLY),
        ("Hope the baby lets you sleep at night now! Happy birthday.", Route.OCCASION),
        ("Do you have a date in mind for picking up the desk?", Route.PICKUP),
        ("I'd do anything for a pizza right now haha.", Route.REPLY),
        ("Come see me once you're back from Spain? No rush.", Route.REPLY),
        ("I can't wait any longer to see the photos!", Route.REPLY),
        ("It'd be easier for everyone if we meet at the cafe instead.", Route.REPLY),
        ("Pop round and pick it up whenever suits.", Route.PICKUP),
    ],
)
def test_it_does_not_mistake_everyday_wording_for_a_problem(text: str, route: Route) -> None:
    assert analyse(text, route).flags == ()


def test_it_does_not_let_a_negation_talk_away_self_harm() -> None:
    assert analyse("I'm not saying I want to die, but", Route.REPLY).stop_coaching


def test_it_suggests_waiting_before_sending_a_hostile_draft() -> None:
    result = analyse("You're a selfish liar.", Route.REPLY)

    (hostile,) = [flag for flag in result.flags if flag.code is FlagCode.HOSTILE]
    assert "wait" in hostile.suggestion.lower()
    assert not result.stop_coaching


def test_it_scores_worse_the_more_that_is_wrong() -> None:
    one = analyse("Hope you're well. I miss you.", Route.REPLY)
    several = analyse(
        "Why won't you answer me? I miss you. Please take me back.", Route.REPLY, unanswered=2
    )

    assert PERFECT_SCORE > one.score > several.score >= 0


def test_it_reads_casual_spelling_and_curly_apostrophes() -> None:
    assert FlagCode.DECLARES_FEELINGS in analyse("i miss u so much", Route.REPLY).codes
    text = "I’m begging you"
    assert flagged(analyse(text, Route.REPLY), text, FlagCode.BEGGING) == ["I’m begging you"]


def test_it_gives_json_in_the_documented_shape() -> None:
    result = analyse("I miss you", "reply")

    payload = json.loads(json.dumps(result.to_json()))

    assert set(payload) == {"score", "flags"}
    assert isinstance(payload["score"], int)
    assert payload["flags"] == [
        {
            "code": "declares_feelings",
            "start": 2,
            "end": 10,
            "why": result.flags[0].why,
            "suggestion": result.flags[0].suggestion,
        }
    ]


def test_it_accepts_the_route_as_a_string_and_rejects_an_unknown_one() -> None:
    assert analyse("Hi!", "first_contact") == analyse("Hi!", Route.FIRST_CONTACT)
    with pytest.raises(ValueError, match="reach_out"):
        analyse("Hi!", "reach_out")


def test_it_gives_the_same_answer_every_time() -> None:
    text = "Are you dating anyone? I need an answer by Friday or we're done."

    assert len({analyse(text, Route.REPLY) for _ in range(5)}) == 1


def test_it_has_nothing_to_say_about_an_empty_draft() -> None:
    assert analyse("   ", Route.INTENT_STATEMENT) == CoachResult(score=PERFECT_SCORE)


def test_it_uses_exactly_the_flag_codes_of_the_design() -> None:
    assert {code.value for code in FlagCode} == {
        "begging",
        "guilt",
        "pity",
        "pressure",
        "rehash_breakup",
        "dating_question",
        "declares_feelings",
        "mind_games",
        "too_long",
        "double_text",
        "late_night",
        "offers_dropoff",
        "friendship_offer",
        "unclear_intent",
        "hostile",
        "self_harm",
    }
    assert {route.value for route in Route} == {
        "first_contact",
        "reply",
        "occasion",
        "pickup",
        "intent_statement",
        "decline_friendship",
    }


def test_it_falls_back_to_english_for_a_language_without_rules() -> None:
    assert rules_for("xx") is rules_for("en")
    assert rules_for("en-GB") is rules_for("en")
    assert analyse("I miss you", Route.REPLY, language="de").codes == {FlagCode.DECLARES_FEELINGS}


def _language(**data: object) -> ModuleType:
    module = ModuleType("nocontact.core.coach_rules.test_lang")
    base: dict[str, object] = {
        "SHORTHANDS": {},
        "NEGATION": r"\bnein\b",
        "CLAUSE_BREAK": r"[.,]",
        "SENTENCE_END": r"[.!?]+",
        "PHRASES": {"declares_feelings": (r"ich vermisse dich",)},
        "FIXED_PHRASES": {},
        "EXCEPTIONS": {},
        "ROMANTIC_INTENT": (r"zusammen",),
        "ASKS_ONLY_IF_SAME": (r"wenn du (?:das )?auch willst",),
    }
    base.update(data)
    for name, value in base.items():
        setattr(module, name, value)
    return module


def test_it_adds_a_language_as_a_data_module() -> None:
    rules = compile_language("test", _language())

    match = rules.phrases[FlagCode.DECLARES_FEELINGS].search("hallo, ich vermisse dich.")

    assert match is not None
    assert match.group() == "ich vermisse dich"


def test_it_spells_out_grouped_phrases_without_changing_what_they_match() -> None:
    rules = compile_language(
        "test",
        _language(
            SHORTHANDS={"you": r"(?:you|u)"},
            PHRASES={"begging": (r"(?:please |pls )?(?:come|get) back to <you>",)},
        ),
    )
    pattern = rules.phrases[FlagCode.BEGGING]

    for text in ("please come back to you", "get back to u", "pls get back to you"):
        assert pattern.fullmatch(text), text
    for text in ("please come back to yours", "come back to", "please come"):
        assert pattern.search(text) is None, text


@pytest.mark.parametrize(
    "data",
    [
        {"PHRASES": {"crying": (r"x",)}},  # not a flag code
        {"PHRASES": {"late_night": (r"midnight",)}},  # decided from context, not words
        {"PHRASES": {"guilt": (r"<nobody>",)}},  # unknown shorthand
        {"NEGATION": 3},
        {"PHRASES": {"guilt": (r"You Owe Me",)}},  # matched on lower-cased text
    ],
)
def test_it_refuses_malformed_language_data(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - every malformation is a ValueError
        compile_language("test", _language(**data))


def test_it_hands_back_frozen_flags() -> None:
    flag = analyse("I miss you", Route.REPLY).flags[0]

    assert isinstance(flag, Flag)
    with pytest.raises(AttributeError):
        flag.start = 0  # type: ignore[misc]


def test_it_imports_no_django() -> None:
    code = (
        "import sys, nocontact.core.coach, nocontact.core.coach_eval; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )

    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
