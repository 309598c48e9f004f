"""The user's own words: journal entries and unsent letters (never sent)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.core.events import InvalidEvent, validate_event_data
from nocontact.core.model import EventKind
from nocontact.journey.models import Breakup, Writing
from nocontact.web import forms_program as f
from nocontact.web.views.common import breakup_required
from nocontact.web.views.sos import save_writing

PAGE_SIZE = 20
KINDS = {k.value for k in (EventKind.JOURNAL, EventKind.UNSENT_LETTER)}


def _own(request: HttpRequest, pk: int) -> Writing:
    """The user's own writing, from any of their breakups; another user's is a 404."""
    return get_object_or_404(Writing, pk=pk, breakup__user=cast(User, request.user))


@require_GET
@breakup_required
def writings(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    rows = Writing.objects.filter(breakup__user=cast(User, request.user)).only("kind", "text", "at")
    if kind in KINDS:
        rows = rows.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(rows.order_by("-at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "writings", "page": page, "kind": kind}
    return render(request, "web/writings.html", context)


@require_http_methods(["GET", "POST"])
@breakup_required
def new_writing(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    form = f.WritingForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_writing(breakup, form, EventKind(kind))
    ):
        messages.success(request, _saved_text(kind))
        return redirect(f"{_list_url()}?kind={kind}")
    return _form_page(request, form, kind, writing=None)


@require_http_methods(["GET", "POST"])
@breakup_required
def edit_writing(request: HttpRequest, pk: int) -> HttpResponse:
    writing = _own(request, pk)
    form = f.WritingForm(request.POST or None, initial={"text": writing.text})
    if request.method == "POST" and form.is_valid():
        try:
            clean = validate_event_data(writing.kind, {"text": form.cleaned_data.get("text", "")})
        except InvalidEvent as error:
            f.add_core_error(form, error)
        else:
            writing.text = clean["text"]
            writing.save(update_fields=["text", "updated_at"])
            messages.success(request, _saved_text(writing.kind))
            return redirect(f"{_list_url()}?kind={writing.kind}")
    return _form_page(request, form, writing.kind, writing=writing)


@require_http_methods(["GET", "POST"])
@breakup_required
def delete_writing(request: HttpRequest, pk: int) -> HttpResponse:
    writing = _own(request, pk)
    if request.method == "POST":
        kind = writing.kind
        writing.delete()
        messages.success(request, gettext("Deleted. It is gone for good."))
        return redirect(f"{_list_url()}?kind={kind}")
    return render(request, "web/writing_delete.html", {"nav": "writings", "writing": writing})


def _list_url() -> str:
    return reverse("writings")


def _saved_text(kind: str) -> str:
    if kind == EventKind.UNSENT_LETTER.value:
        return gettext("Your letter is saved here, and only here. It will never be sent.")
    return gettext("Saved in your journal.")


def _form_page(
    request: HttpRequest, form: f.WritingForm, kind: str, writing: Writing | None
) -> HttpResponse:
    letter = kind == EventKind.UNSENT_LETTER.value
    form.fields["text"].label = (
        gettext("Your letter") if letter else gettext("What is on your mind?")
    )
    context = {"nav": "writings", "form": form, "letter": letter, "writing": writing}
    return render(request, "web/writing_form.html", context, status=400 if form.errors else 200)
