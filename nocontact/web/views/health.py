"""Health checks for a reverse proxy or a load balancer.

``/healthz`` says the process answers: no database, no session, a tiny constant,
so a check every second costs nothing. ``/readyz`` also asks the database for
``SELECT 1``: an app machine that cannot reach PostgreSQL is taken out of the pool
rather than answering every person with an error page.
"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

TEXT = "text/plain; charset=utf-8"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type=TEXT)


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # Never the error itself: it may name the database host or user.
        return HttpResponse("database unavailable\n", content_type=TEXT, status=503)
    return HttpResponse("ok\n", content_type=TEXT)
