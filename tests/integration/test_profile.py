"""The breakup profile: edit it, known dates, hard dates and items left behind."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey.models import Breakup, ItemLeft, Occasion
from tests.conftest import local_today

pytestmark = pytest.mark.django_db

URL = reverse("profile")


def profile_post(breakup: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ex_nickname": breakup.ex_nickname,
        "breakup_date": breakup.breakup_date.isoformat(),
        "relationship_months": str(breakup.relationship_months),
        "ended_by": breakup.ended_by,
        "intensity": str(breakup.intensity),
        "goal": breakup.goal,
        "unsafe": "yes" if breakup.unsafe else "no",
    }
    data.update(overrides)
    return data


def add_occasion(breakup: Any, name: str = "Sam's graduation", kind: str = "occasion") -> Occasion:
    return Occasion.objects.create(
        breakup=breakup, kind=kind, name=name, date=dt.date(2027, 6, 20), coping_plan=""
    )


def add_item(breakup: Any, name: str = "guitar", substantial: bool = True) -> ItemLeft:
    return ItemLeft.objects.create(breakup=breakup, name=name, substantial=substantial)


# --- Viewing and editing -----------------------------------------------------------


def test_it_shows_the_profile_dates_and_items(owner_client: Any, owner_breakup: Any) -> None:
    add_occasion(owner_breakup)
    Occasion.objects.create(
        breakup=owner_breakup,
        kind="hard_date",
        name="Our anniversary",
        date=dt.date(2026, 12, 3),
        coping_plan="Dinner with my sister",
    )
    add_item(owner_breakup, "guitar", substantial=True)
    add_item(owner_breakup, "toothbrush", substantial=False)
    response = owner_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Sam"' in page
    assert "Sam&#x27;s graduation" in page
    assert "Our anniversary" in page
    assert "Dinner with my sister" in page
    assert "guitar" in page
    assert "toothbrush" in page
    assert "matters" in page
    assert "small thing" in page


def test_it_never_asks_where_they_are(owner_client: Any, owner_breakup: Any) -> None:
    page = owner_client.get(URL).content.decode().lower()
    for word in ("address", "location", "instagram", "schedule", "phone", "where they live"):
        assert word not in page


def test_it_saves_an_edited_profile(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(
        URL, profile_post(owner_breakup, ex_nickname="Sammy", intensity="2", goal="move_on")
    )
    assert response.status_code == 302
    assert response.url == URL
    owner_breakup.refresh_from_db()
    assert owner_breakup.ex_nickname == "Sammy"
    assert owner_breakup.intensity == 2
    assert owner_breakup.goal == "move_on"
    assert "Your profile is saved." in owner_client.get(URL).content.decode()


def test_it_sends_a_user_who_now_feels_unsafe_to_support(
    owner_client: Any, owner_breakup: Any
) -> None:
    response = owner_client.post(URL, profile_post(owner_breakup, unsafe="yes"))
    assert response.status_code == 302
    assert response.url == reverse("support")
    owner_breakup.refresh_from_db()
    assert owner_breakup.unsafe is True


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("breakup_date", (local_today() + dt.timedelta(days=5)).isoformat(), "in the future"),
        ("intensity", "7", "closest to how it ended"),
        ("ex_nickname", "", "even just an initial"),
        ("ex_nickname", "instagram.com/sam", "A name is enough"),
    ],
)
def test_it_rejects_a_bad_edit_and_changes_nothing(
    owner_client: Any, owner_breakup: Any, field: str, value: str, message: str
) -> None:
    response = owner_client.post(URL, profile_post(owner_breakup, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    saved = Breakup.objects.get(pk=owner_breakup.pk)
    assert saved.ex_nickname == "Sam"
    assert saved.intensity == 1
    assert saved.breakup_date == owner_breakup.breakup_date


def test_it_shows_only_the_users_own_profile(
    owner_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    add_occasion(other_breakup, "Alex's birthday")
    add_item(other_breakup, "Alex's bike")
    page = owner_client.get(URL).content.decode()
    assert "Alex" not in page


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("onboarding")


def test_it_sends_anonymous_visitors_to_log_in(client: Any, owner_breakup: Any) -> None:
    for response in (
        client.get(URL),
        client.post(URL, profile_post(owner_breakup, ex_nickname="X")),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    owner_breakup.refresh_from_db()
    assert owner_breakup.ex_nickname == "Sam"


# --- The safety track ----------------------------------------------------------------


def test_it_shows_no_occasions_or_items_on_the_safety_track(
    owner: Any, owner_client: Any, make_breakup: Any
) -> None:
    breakup = make_breakup(owner, unsafe=True)
    add_occasion(breakup, "Their birthday")
    add_item(breakup, "guitar")
    page = owner_client.get(URL).content.decode()
    assert "Your safety comes first" in page
    assert "Their birthday" not in page
    assert "guitar" not in page
    assert reverse("add_item") not in page
    assert 'value="occasion"' not in page
    assert reverse("support") in page


def test_it_refuses_occasions_and_items_on_the_safety_track(
    owner: Any, owner_client: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    occasion = {"kind": "occasion", "occasion-name": "Birthday", "occasion-date": "2027-01-01"}
    assert owner_client.post(reverse("add_date"), occasion).status_code == 404
    item = {"item-name": "guitar", "item-substantial": "on"}
    assert owner_client.post(reverse("add_item"), item).status_code == 404
    assert not Occasion.objects.exists()
    assert not ItemLeft.objects.exists()


def test_it_still_helps_with_hard_dates_on_the_safety_track(
    owner: Any, owner_client: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    data = {
        "kind": "hard_date",
        "hard_date-name": "Christmas",
        "hard_date-date": "2026-12-25",
        "hard_date-coping_plan": "Stay with my brother",
    }
    response = owner_client.post(reverse("add_date"), data)
    assert response.status_code == 302
    assert Occasion.objects.get().name == "Christmas"


# --- Adding and removing dates ------------------------------------------------------


def occasion_post(**overrides: Any) -> dict[str, Any]:
    data = {"kind": "occasion", "occasion-name": "Sam's graduation", "occasion-date": "2027-06-20"}
    data.update(overrides)
    return data


def hard_date_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "hard_date",
        "hard_date-name": "Our anniversary",
        "hard_date-date": "2026-12-03",
        "hard_date-coping_plan": "Dinner with my sister",
    }
    data.update(overrides)
    return data


def test_the_forms_post_the_fields_the_view_reads(owner_client: Any, owner_breakup: Any) -> None:
    page = owner_client.get(URL).content.decode()
    for name in (
        'name="kind"',
        'name="occasion-name"',
        'name="hard_date-coping_plan"',
        'name="item-name"',
        'name="item-substantial"',
    ):
        assert name in page


def test_it_adds_an_occasion(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("add_date"), occasion_post())
    assert response.status_code == 302
    assert response.url == URL
    occasion = Occasion.objects.get(breakup=owner_breakup)
    assert (occasion.kind, occasion.name, occasion.date) == (
        "occasion",
        "Sam's graduation",
        dt.date(2027, 6, 20),
    )
    assert occasion.coping_plan == ""


def test_it_adds_a_hard_date_with_a_plan(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("add_date"), hard_date_post())
    assert response.status_code == 302
    hard_date = Occasion.objects.get(breakup=owner_breakup)
    assert hard_date.kind == "hard_date"
    assert hard_date.coping_plan == "Dinner with my sister"
    assert "Your plan will be here when the day comes." in owner_client.get(URL).content.decode()


def test_an_occasion_never_keeps_a_plan_or_their_whereabouts(
    owner_client: Any, owner_breakup: Any
) -> None:
    owner_client.post(
        reverse("add_date"),
        occasion_post(
            **{
                "occasion-coping_plan": "wait outside their office at 6",
                "location": "Main street 4",
                "occasion-location": "Main street 4",
            }
        ),
    )
    occasion = Occasion.objects.get()
    assert occasion.coping_plan == ""
    assert not hasattr(occasion, "location")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"occasion-name": ""}, "Please give it a short name."),
        ({"occasion-date": ""}, "Please give the date."),
        ({"occasion-date": "someday"}, "Please give a date like"),
        ({"occasion-date": "0999-01-01"}, "Please check the year"),
        ({"occasion-name": "x" * 121}, "at most 120 characters"),
        ({"occasion-name": "see instagram.com/sam"}, "A name is enough"),
    ],
)
def test_it_rejects_a_bad_date(
    owner_client: Any, owner_breakup: Any, overrides: dict[str, str], message: str
) -> None:
    response = owner_client.post(reverse("add_date"), occasion_post(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Occasion.objects.exists()


def test_it_rejects_an_unknown_kind_of_date(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("add_date"), occasion_post(kind="their_schedule"))
    assert response.status_code == 400
    assert "Please try again" in response.content.decode()
    assert not Occasion.objects.exists()


def test_it_deletes_an_own_date(owner_client: Any, owner_breakup: Any) -> None:
    occasion = add_occasion(owner_breakup)
    response = owner_client.post(reverse("delete_date", args=[occasion.pk]))
    assert response.status_code == 302
    assert not Occasion.objects.exists()


def test_it_answers_404_for_another_users_date(
    owner_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    occasion = add_occasion(other_breakup)
    response = owner_client.post(reverse("delete_date", args=[occasion.pk]))
    assert response.status_code == 404
    assert Occasion.objects.filter(pk=occasion.pk).exists()


def test_date_changes_need_post(owner_client: Any, owner_breakup: Any) -> None:
    occasion = add_occasion(owner_breakup)
    assert owner_client.get(reverse("delete_date", args=[occasion.pk])).status_code == 405
    assert owner_client.get(reverse("add_date")).status_code == 405
    assert Occasion.objects.filter(pk=occasion.pk).exists()


def test_date_changes_send_anonymous_visitors_to_log_in(client: Any, owner_breakup: Any) -> None:
    occasion = add_occasion(owner_breakup)
    for response in (
        client.post(reverse("add_date"), occasion_post()),
        client.post(reverse("delete_date", args=[occasion.pk])),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert list(Occasion.objects.all()) == [occasion]


# --- Items left behind --------------------------------------------------------------


def test_it_adds_an_item(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(
        reverse("add_item"), {"item-name": " the  guitar ", "item-substantial": "on"}
    )
    assert response.status_code == 302
    item = ItemLeft.objects.get(breakup=owner_breakup)
    assert (item.name, item.substantial) == ("the guitar", True)


def test_it_adds_a_small_item(owner_client: Any, owner_breakup: Any) -> None:
    owner_client.post(reverse("add_item"), {"item-name": "a hoodie"})
    assert ItemLeft.objects.get().substantial is False


def test_it_rejects_an_item_without_a_name(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("add_item"), {"item-name": "  "})
    assert response.status_code == 400
    assert "Please name the item." in response.content.decode()
    assert not ItemLeft.objects.exists()


def test_it_deletes_an_own_item(owner_client: Any, owner_breakup: Any) -> None:
    item = add_item(owner_breakup)
    assert owner_client.post(reverse("delete_item", args=[item.pk])).status_code == 302
    assert not ItemLeft.objects.exists()


def test_it_answers_404_for_another_users_item(
    owner_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    item = add_item(other_breakup)
    assert owner_client.post(reverse("delete_item", args=[item.pk])).status_code == 404
    assert ItemLeft.objects.filter(pk=item.pk).exists()


def test_item_changes_need_post(owner_client: Any, owner_breakup: Any) -> None:
    item = add_item(owner_breakup)
    assert owner_client.get(reverse("delete_item", args=[item.pk])).status_code == 405
    assert owner_client.get(reverse("add_item")).status_code == 405
    assert ItemLeft.objects.filter(pk=item.pk).exists()


def test_item_changes_send_anonymous_visitors_to_log_in(client: Any, owner_breakup: Any) -> None:
    item = add_item(owner_breakup)
    for response in (
        client.post(reverse("add_item"), {"item-name": "lamp"}),
        client.post(reverse("delete_item", args=[item.pk])),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert list(ItemLeft.objects.all()) == [item]


def test_it_offers_no_hope_of_reconnecting_on_the_safety_track(
    owner: Any, owner_client: Any, make_breakup: Any
) -> None:
    breakup = make_breakup(owner, unsafe=True)
    assert "I hope we get back together" not in owner_client.get(URL).content.decode()
    data = profile_post(breakup, ex_nickname="S")
    del data["goal"]
    assert owner_client.post(URL, data).status_code == 302
    breakup.refresh_from_db()
    assert (breakup.ex_nickname, breakup.goal, breakup.unsafe) == ("S", "reconnect", True)
