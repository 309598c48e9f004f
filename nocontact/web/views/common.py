"""What every signed-in page needs: the user's active breakup, or onboarding."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from nocontact.journey import repository
from nocontact.journey.models import Breakup

BreakupView = Callable[..., HttpResponse]
M = TypeVar("M", bound=Model)


class JourneyRequest(HttpRequest):
    breakup: Breakup


def breakup_required(view: BreakupView) -> Callable[..., HttpResponse]:
    """Log in first; with no breakup yet, start onboarding. Sets ``request.breakup``.

    Objects are always looked up through ``request.breakup`` or ``request.user``,
    so another user's data answers 404, never 403 (nothing is revealed).
    """

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        breakup = repository.active_breakup(request.user)  # type: ignore[arg-type]
        if breakup is None:
            return redirect("onboarding")
        request.breakup = breakup  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def page_by_ids(
    rows: QuerySet[M], order: tuple[str, ...], per_page: int, number: str | None, *fields: str
) -> Page[M]:
    """One page of ``rows`` in ``order``, its ``object_list`` a list of rows with ``fields``.

    The sort and the page are taken on the ids alone (an index holds them), and only
    the rows of the page are read: sorting a thousand long texts to show twenty costs
    more than the rest of the page. One query for the count, one for the rows.
    """
    ids = rows.order_by(*order).values_list("pk", flat=True)
    page = Paginator(ids, per_page).get_page(number)
    page.object_list = list(
        rows.model._default_manager.filter(pk__in=page.object_list).order_by(*order).only(*fields)
    )
    return page
