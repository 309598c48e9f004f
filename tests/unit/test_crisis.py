"""Self-harm language in free text: noticed, so crisis resources can be shown."""

from __future__ import annotations

import time

import pytest

from nocontact.core.crisis import find_self_harm, mentions_self_harm


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "Some nights I think about killing myself.",
        "i'm going to end it all",
        "honestly some nights I think about ending it all",
        "I don't want to be here anymore",
        "I don’t want to be here",  # a curly apostrophe, as phones type it
        "i dont want to live anymore",
        "I don't want to be alive if you're not with me.",
        "I want to hurt myself",
        "I've been cutting myself again",
        "thinking about suicide",
        "I feel suicidal tonight",
        "I wish I was dead",
        "If we can't be together I'd rather be dead.",
        "everyone would be better off without me",
        "I want to die",
        "I just wanna die",
        "there's no reason to live",
        "I want to end my life",
        "I might take my own life",
        "Take your stuff. I won't be around much longer anyway.",
        "It would be easier if I just wasn't here anymore.",
        "I can't go on living like this",
        "self-harm urges are back",
        "I KILL MYSELF A LITTLE EVERY DAY",
    ],
)
def test_it_notices_self_harm_language(text: str) -> None:
    assert mentions_self_harm(text)


@pytest.mark.parametrize(
    "text",
    [
        "this song kills me",
        "you're killing me with these jokes",
        "she killed it at her presentation",
        "I nearly killed myself laughing",
        "I hurt myself at the gym",
        "I cut myself shaving",
        "I'd die for a coffee right now",
        "I want to die of embarrassment",
        "dying to see the new film",
        "I'm dead tired",
        "my phone died",
        "At the end of it all, we were just too different.",
        "I don't want to be here at this party",
        "I don't want to live in this city forever",
        "I want to end it for good with him, no going back",
        "we watched Suicide Squad",
        "deadline tomorrow",
        "",
    ],
)
def test_it_leaves_common_idioms_alone(text: str) -> None:
    assert not mentions_self_harm(text)


def test_it_points_to_the_phrase_as_written() -> None:
    text = "Long day. I don’t want to be here anymore, honestly."
    match = find_self_harm(text)
    assert match is not None
    assert text[match.start : match.end] == match.phrase
    assert match.phrase == "don’t want to be here"


def test_it_points_to_the_earliest_phrase() -> None:
    text = "I feel suicidal. I want to kill myself."
    match = find_self_harm(text)
    assert match is not None
    assert match.phrase == "suicidal"


def test_it_finds_nothing_in_an_ordinary_entry() -> None:
    assert find_self_harm("Went for a walk, called my sister, felt a bit better.") is None


def test_it_is_quick_on_a_long_journal_entry() -> None:
    text = "Today was long and I missed them a lot, but I kept busy. " * 800
    start = time.perf_counter()
    assert not mentions_self_harm(text)
    assert time.perf_counter() - start < 0.5
