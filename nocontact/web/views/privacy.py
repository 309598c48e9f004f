"""Your data: download it (JSON, CSV, Markdown), import it, delete it all for good."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nocontact.core.export import ExportFormatError
from nocontact.journey import portability
from nocontact.journey.models import Breakup
from nocontact.web.forms_privacy import DeleteAccountForm, ImportForm
from nocontact.web.views.offline import clears_site_data

FORMATS: Final = {
    "json": ("application/json; charset=utf-8", "json"),
    "csv": ("application/zip", "zip"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
}


def markdown_titles() -> dict[str, str]:
    return {
        "title": _("Journal and letters"),
        "breakup": _("{name}, since {date}"),
        "empty": _("Nothing written here."),
        "journal": _("Journal"),
        "unsent_letter": _("Unsent letter"),
    }


def _page(
    request: HttpRequest, form: ImportForm | None = None, status: int = 200, error: str = ""
) -> HttpResponse:
    context = {
        "nav": "settings",
        "form": form or ImportForm(),
        "can_import": not Breakup.objects.filter(user=request.user).exists(),  # type: ignore[misc]
        "import_error": error,
        "max_mb": portability.MAX_IMPORT_BYTES // (1024 * 1024),
    }
    return render(request, "web/privacy.html", context, status=status)


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_GET
def export_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return _page(request, status=404)
    document = portability.export_for(request.user)  # type: ignore[arg-type]
    if fmt == "csv":
        body: bytes | str = portability.to_csv_zip(document)
    elif fmt == "markdown":
        body = portability.to_markdown(document, markdown_titles())
    else:
        body = portability.to_json(document)
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(body, content_type=content_type)
    day = dj_timezone.now().astimezone(dt.UTC).date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="nocontact-{day}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


class LimitedUpload(FileUploadHandler):
    """Keep the upload in memory (never in a temporary file) and stop at the limit."""

    def __init__(self, request: HttpRequest | None = None, limit: int = 0) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large = False
        self.buffer = io.BytesIO()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )


@csrf_exempt  # the upload handler must be set before the CSRF check reads the body
@login_required
@require_POST
def import_data(request: HttpRequest) -> HttpResponse:
    limit = portability.MAX_IMPORT_BYTES
    handler = LimitedUpload(request, limit=limit)
    # If the body was read already, the size is checked after the fact.
    with contextlib.suppress(AttributeError):
        request.upload_handlers = [handler]
    return _import(request, handler)


@csrf_protect
def _import(request: HttpRequest, handler: LimitedUpload) -> HttpResponse:
    too_large = _("This file is larger than %(mb)s MB. Please choose the JSON export.") % {
        "mb": portability.MAX_IMPORT_BYTES // (1024 * 1024)
    }
    form = ImportForm(request.POST, request.FILES)
    upload = request.FILES.get("file")
    if handler.too_large or (upload is not None and upload.size and upload.size > handler.limit):
        return _page(request, ImportForm(), status=400, error=too_large)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        raw = portability.decode(upload.read())
        count = portability.import_into(request.user, raw)  # type: ignore[arg-type]
    except ExportFormatError as exc:
        error = _("Nothing was imported. We couldn't read this file at %(where)s: %(problem)s.") % {
            "where": exc.where or _("the start"),
            "problem": exc.message,
        }
        return _page(request, ImportForm(), status=400, error=error)
    except portability.AccountNotEmpty:
        error = _(
            "Nothing was imported. Your account already has a breakup; "
            "an export goes into a new, empty account."
        )
        return _page(request, ImportForm(), status=400, error=error)
    messages.success(
        request, _("Imported. Welcome back: everything is here (%(count)s).") % {"count": count}
    )
    return redirect("dashboard")


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)  # flushes this session
            portability.delete_account(user)  # type: ignore[arg-type]
            return redirect("account_deleted")
        return render(
            request, "web/privacy_delete.html", {"form": form, "nav": "settings"}, status=400
        )
    return render(request, "web/privacy_delete.html", {"form": form, "nav": "settings"})


@clears_site_data
@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "web/privacy_deleted.html")
