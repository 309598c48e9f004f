"""The docs page's reading of a JSON schema: types, choices, limits and links."""

from __future__ import annotations

from nocontact.api.docs import describe


def test_it_names_a_reference_and_links_it() -> None:
    assert describe({"$ref": "#/components/schemas/CheckinIn"}) == {
        "type": "CheckinIn",
        "ref": "CheckinIn",
        "limits": [],
    }


def test_it_shows_the_range_of_a_number() -> None:
    assert describe({"type": "integer", "minimum": 1, "maximum": 5})["limits"] == ["≥ 1", "≤ 5"]


def test_it_reads_an_optional_choice() -> None:
    described = describe({"anyOf": [{"$ref": "#/components/schemas/Channel"}, {"type": "null"}]})
    assert described["type"] == "Channel or null"
    assert described["ref"] == "Channel"


def test_it_reads_a_list_with_its_limits() -> None:
    described = describe(
        {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 10}
    )
    assert described["type"] == "list of string"
    assert described["limits"] == ["at most 40 characters", "at most 10 items"]


def test_it_lists_the_choices_of_an_enum() -> None:
    assert describe({"type": "string", "enum": ["open", "locked"]})["limits"] == [
        "one of: open, locked"
    ]
