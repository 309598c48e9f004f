"""Setting up and editing the breakup profile, and the support page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nocontact.accounts.models import settings_for
from nocontact.core import clock
from nocontact.core import model as core
from nocontact.journey import repository
from nocontact.journey.models import Breakup, ItemLeft, Occasion
from nocontact.web.forms_profile import DateForm, ItemForm, OnboardingForm, ProfileForm
from nocontact.web.views.common import breakup_required


def _today_in(timezone_name: str | None, request: HttpRequest) -> Any:
    """Today where the user is: the zone they are choosing, else their saved one."""
    if timezone_name and clock.is_valid_timezone(timezone_name):
        return clock.local_now(clock.timezone(timezone_name)).date()
    return repository.today_for(request.user)  # type: ignore[arg-type]


@login_required
@require_http_methods(["GET", "POST"])
def onboarding(request: HttpRequest) -> HttpResponse:
    if repository.active_breakup(request.user) is not None:  # type: ignore[arg-type]
        return redirect("dashboard")
    user_settings = settings_for(request.user)  # type: ignore[arg-type]
    if request.method == "POST":
        today = _today_in(request.POST.get("timezone"), request)
        form = OnboardingForm(request.POST, today=today)
        if form.is_valid():
            with transaction.atomic():
                user_settings.timezone = form.cleaned_data["timezone"]
                user_settings.save(update_fields=["timezone"])
                breakup = repository.create_breakup(
                    request.user,  # type: ignore[arg-type]
                    core.Profile(**form.profile_fields()),
                )
            if breakup.unsafe:
                return redirect("support")
            messages.success(request, _("Thank you. Your first day starts here."))
            return redirect("dashboard")
        return render(request, "web/onboarding.html", {"form": form}, status=400)
    form = OnboardingForm(
        initial={"timezone": user_settings.timezone},
        today=repository.today_for(request.user),  # type: ignore[arg-type]
    )
    return render(request, "web/onboarding.html", {"form": form})


def _profile_initial(breakup: Breakup) -> dict[str, Any]:
    return {
        "ex_nickname": breakup.ex_nickname,
        "breakup_date": breakup.breakup_date,
        "relationship_months": breakup.relationship_months,
        "ended_by": breakup.ended_by,
        "intensity": breakup.intensity,
        "goal": breakup.goal,
        "unsafe": "yes" if breakup.unsafe else "no",
    }


def _render_profile(request: HttpRequest, status: int = 200, **forms: Any) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    today = repository.today_for(request.user)  # type: ignore[arg-type]
    dates = list(breakup.occasions.all())
    context = {
        "nav": "settings",
        "breakup": breakup,
        "safety_track": breakup.unsafe,
        "profile_form": forms.get("profile_form")
        or ProfileForm(initial=_profile_initial(breakup), today=today, safety_track=breakup.unsafe),
        "occasion_form": forms.get("occasion_form") or DateForm(kind=Occasion.Kind.OCCASION),
        "hard_date_form": forms.get("hard_date_form") or DateForm(kind=Occasion.Kind.HARD_DATE),
        "item_form": forms.get("item_form") or ItemForm(),
        "occasions": [d for d in dates if d.kind == Occasion.Kind.OCCASION],
        "hard_dates": [d for d in dates if d.kind == Occasion.Kind.HARD_DATE],
        "items": list(breakup.items_left.all()),
    }
    return render(request, "web/profile.html", context, status=status)


@breakup_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    if request.method != "POST":
        return _render_profile(request)
    form = ProfileForm(
        request.POST,
        today=repository.today_for(request.user),  # type: ignore[arg-type]
        safety_track=breakup.unsafe,
    )
    if not form.is_valid():
        return _render_profile(request, status=400, profile_form=form)
    was_unsafe = breakup.unsafe
    fields = form.profile_fields()
    breakup.ex_nickname = fields["ex_nickname"]
    breakup.breakup_date = fields["breakup_date"]
    breakup.relationship_months = fields["relationship_months"]
    breakup.ended_by = fields["ended_by"].value
    breakup.intensity = fields["intensity"]
    if "goal" in fields:
        breakup.goal = fields["goal"].value
    breakup.unsafe = fields["unsafe"]
    breakup.save(
        update_fields=[
            "ex_nickname",
            "breakup_date",
            "relationship_months",
            "ended_by",
            "intensity",
            "goal",
            "unsafe",
        ]
    )
    if breakup.unsafe and not was_unsafe:
        return redirect("support")
    messages.success(request, _("Your profile is saved."))
    return redirect("profile")


@breakup_required
@require_POST
def add_date(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    kind = request.POST.get("kind", "")
    if kind not in Occasion.Kind.values:
        # Without a valid kind we can't tell which form this was; show both again.
        messages.error(request, _("Something went wrong with that form. Please try again."))
        return _render_profile(request, status=400)
    if kind == Occasion.Kind.OCCASION and breakup.unsafe:
        raise Http404
    form = DateForm(request.POST, kind=kind)
    if not form.is_valid():
        form_name = "occasion_form" if kind == Occasion.Kind.OCCASION else "hard_date_form"
        return _render_profile(request, status=400, **{form_name: form})
    Occasion.objects.create(
        breakup=breakup,
        kind=kind,
        name=form.cleaned_data["name"],
        date=form.cleaned_data["date"],
        coping_plan=form.cleaned_data.get("coping_plan", "")
        if kind == Occasion.Kind.HARD_DATE
        else "",
    )
    if kind == Occasion.Kind.HARD_DATE:
        messages.success(request, _("Added. Your plan will be here when the day comes."))
    else:
        messages.success(request, _("Added to your dates."))
    return redirect("profile")


@breakup_required
@require_POST
def delete_date(request: HttpRequest, pk: int) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    get_object_or_404(Occasion, pk=pk, breakup=breakup).delete()
    messages.success(request, _("Removed."))
    return redirect("profile")


@breakup_required
@require_POST
def add_item(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    if breakup.unsafe:
        raise Http404
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, status=400, item_form=form)
    ItemLeft.objects.create(
        breakup=breakup,
        name=form.cleaned_data["name"],
        substantial=form.cleaned_data["substantial"],
    )
    messages.success(request, _("Added to the list."))
    return redirect("profile")


@breakup_required
@require_POST
def delete_item(request: HttpRequest, pk: int) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    get_object_or_404(ItemLeft, pk=pk, breakup=breakup).delete()
    messages.success(request, _("Removed."))
    return redirect("profile")


@login_required
@require_http_methods(["GET"])
def support(request: HttpRequest) -> HttpResponse:
    breakup = repository.active_breakup(request.user)  # type: ignore[arg-type]
    context = {
        "resources": settings.CRISIS_RESOURCES,
        "safety_track": bool(breakup and breakup.unsafe),
        "has_breakup": breakup is not None,
        "friend": settings_for(request.user),  # type: ignore[arg-type]
    }
    return render(request, "web/support.html", context)
