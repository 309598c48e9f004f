"""The user's own reasons for No Contact, shown again when an urge strikes."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nocontact.journey.models import Reason
from nocontact.web.forms_settings import EXAMPLE_REASONS, MAX_REASONS, ReasonForm


def _example_for(count: int) -> str:
    """A different example as the list grows, so the placeholder never nags."""
    return str(EXAMPLE_REASONS[count % len(EXAMPLE_REASONS)])


@login_required
@require_http_methods(["GET", "POST"])
def reasons(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required: never anonymous here
    own = Reason.objects.filter(user=user)
    count = own.count()
    status = 200
    if request.method == "POST":
        form = ReasonForm(request.POST, example=_example_for(count))
        if count >= MAX_REASONS:
            form.is_valid()
            form.add_error(
                None,
                _("You have %(count)s reasons already. Remove one to add another.")
                % {"count": count},
            )
        elif form.is_valid():
            Reason.objects.create(user=user, text=form.cleaned_data["text"])
            messages.success(request, _("Added. It will be there when you need it."))
            return redirect("reasons")
        status = 400
    else:
        form = ReasonForm(example=_example_for(count))
    context = {"nav": "reasons", "form": form, "reasons": list(own)}
    return render(request, "web/reasons.html", context, status=status)


@login_required
@require_POST
def delete_reason(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    get_object_or_404(Reason, pk=pk, user=user).delete()
    messages.success(request, _("Removed."))
    return redirect("reasons")
