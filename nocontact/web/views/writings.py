"""The user's own words: journal entries and unsent letters (never sent)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.accounts.prepared import ID, Prepared, by_ids
from nocontact.core import cool_off
from nocontact.core.events import InvalidEvent, validate_event_data
from nocontact.core.model import EventKind
from nocontact.journey import repository
from nocontact.journey.models import Breakup, Writing
from nocontact.web import forms_coach as fc
from nocontact.web import forms_program as f
from nocontact.web.jinja2_env import moments
from nocontact.web.views.common import breakup_required
from nocontact.web.views.crisis import after_saving
from nocontact.web.views.sos import save_writing

PAGE_SIZE = 20
KINDS = {k.value for k in (EventKind.JOURNAL, EventKind.UNSENT_LETTER)}


def _own(request: HttpRequest, pk: int) -> Writing:
    """The user's own writing, from any of their breakups; another user's is a 404."""
    return get_object_or_404(Writing, pk=pk, breakup__user=cast(User, request.user))


def _listed(kind: str) -> Prepared[Writing]:
    """The user's writings of ``kind`` (every kind for ""), newest first, by pages."""

    def build(user_id: int) -> QuerySet[Writing]:
        rows = Writing.objects.filter(breakup__user_id=user_id)
        return rows.filter(kind=kind) if kind else rows

    return Prepared(build, ID, page=by_ids(("-at", "-pk"), "kind", "text", "at"))


_LISTS = {kind: _listed(kind) for kind in ("", *sorted(KINDS))}


@require_GET
@breakup_required
def writings(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""
    rows = _LISTS[kind].listing(cast(User, request.user).pk)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    # Each entry's moment, machine-readable and for reading (web/jinja2_env.moments).
    context = {
        "nav": "writings",
        "page": page,
        "kind": kind,
        "moments": moments([writing.at for writing in page.object_list]),
    }
    return render(request, "web/writings.html", context)


@require_http_methods(["GET", "POST"])
@breakup_required
def new_writing(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    form = f.WritingForm(request.POST or None)
    might = _might_send_form(request, kind, writing=None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (might is None or might.is_valid())
        and (writing := save_writing(breakup, form, EventKind(kind)))
    ):
        messages.success(request, _saved_text(kind))
        if might is not None:
            _apply_cool_off(request, writing, might, text_changed=True)
        return after_saving(f"{_list_url()}?kind={kind}", writing.text)
    return _form_page(request, form, kind, writing=None, might=might)


@require_http_methods(["GET", "POST"])
@breakup_required
def edit_writing(request: HttpRequest, pk: int) -> HttpResponse:
    writing = _own(request, pk)
    form = f.WritingForm(request.POST or None, initial={"text": writing.text})
    might = _might_send_form(request, writing.kind, writing=writing)
    if request.method == "POST" and form.is_valid() and (might is None or might.is_valid()):
        try:
            clean = validate_event_data(writing.kind, {"text": form.cleaned_data.get("text", "")})
        except InvalidEvent as error:
            f.add_core_error(form, error)
        else:
            text_changed = clean["text"] != writing.text
            writing.text = clean["text"]
            writing.save(update_fields=["text", "updated_at"])
            messages.success(request, _saved_text(writing.kind))
            if might is not None:
                _apply_cool_off(request, writing, might, text_changed=text_changed)
            return after_saving(f"{_list_url()}?kind={writing.kind}", writing.text)
    return _form_page(request, form, writing.kind, writing=writing, might=might)


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
    request: HttpRequest,
    form: f.WritingForm,
    kind: str,
    writing: Writing | None,
    might: fc.MightSendForm | None = None,
) -> HttpResponse:
    letter = kind == EventKind.UNSENT_LETTER.value
    form.fields["text"].label = (
        gettext("Your letter") if letter else gettext("What is on your mind?")
    )
    # "I might send this": the coach reads the letter live, for the route chosen.
    might_send_mode = might is not None and (
        request.GET.get("might_send") == "1"
        or (writing is not None and writing.might_send_at is not None)
        or (request.method == "POST" and bool(request.POST.get("might_send")))
    )
    if might_send_mode:
        form.fields["text"].widget.attrs["data-coach-route"] = "#id_route"
    errors = form.errors or (might is not None and might.errors)
    context = {
        "nav": "writings",
        "form": form,
        "letter": letter,
        "writing": writing,
        "might": might,
        "might_send_mode": might_send_mode,
        # The coach is a contact tool: closed letters get no link to it.
        "letter_coach_open": might is not None and _letter_coach_open(request),
        "cool_off_status": (
            cool_off.status(writing.might_send_at, timezone.now()).value if writing else ""
        ),
    }
    return render(request, "web/writing_form.html", context, status=400 if errors else 200)


def _letter_coach_open(request: HttpRequest) -> bool:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    return cool_off.coach_open_for_letter(repository.program_state(breakup).lock_reason)


def _might_send_form(
    request: HttpRequest, kind: str, writing: Writing | None
) -> fc.MightSendForm | None:
    """The cool-off mark, on unsent letters only."""
    if kind != EventKind.UNSENT_LETTER.value:
        return None
    if writing is not None:
        initial = {
            "might_send": writing.might_send_at is not None,
            "route": fc.route_or_default(writing.coach_route).value,
        }
    else:
        initial = {
            "might_send": request.GET.get("might_send") == "1",
            "route": fc.route_or_default(request.GET.get("route")).value,
        }
    return fc.MightSendForm(request.POST or None, initial=initial)


def _apply_cool_off(
    request: HttpRequest, writing: Writing, might: fc.MightSendForm, text_changed: bool
) -> None:
    """Mark, re-mark or unmark a letter; a changed letter cools off again from now."""
    now = timezone.now()
    wants = bool(might.cleaned_data.get("might_send"))
    route = might.cleaned_data["route"]
    if wants and (writing.might_send_at is None or text_changed):
        writing.might_send_at, writing.reviewed_at = now, None
        back = formats.date_format(
            timezone.localtime(cool_off.comes_back_at(now)), "DATETIME_FORMAT"
        )
        messages.info(
            request,
            gettext("It comes back on %(time)s with the coach's review. Until then, let it rest.")
            % {"time": back},
        )
    elif not wants and writing.might_send_at is not None:
        writing.might_send_at, writing.reviewed_at = None, now
    elif not wants:
        return
    writing.coach_route = route
    writing.save(update_fields=["might_send_at", "reviewed_at", "coach_route", "updated_at"])
