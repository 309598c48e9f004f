"""What a request asks for more than once, loaded once per request.

The middlewares and the view of one request all ask for the user's settings (the
time zone, the app lock, the day of the journey): ``RequestCacheMiddleware`` opens a
scope for the request, and ``memo`` keeps the answers there until the response is
made; ``held`` gives an object the request keeps and changes (``state_cache`` counts
the request's writes to each breakup there). Outside a request (the CLI, the reminders
worker, a test calling a helper) there is no scope and every call goes to the
database, as before.

Only the objects themselves are kept, never a copy: a view that changes the settings
changes the very object the rest of the request sees.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_scope: ContextVar[dict[Hashable, Any] | None] = ContextVar("nc_request_cache", default=None)


@contextmanager
def scope() -> Iterator[None]:
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def memo(key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, once per request for this key; every call outside a request."""
    cache = _scope.get()
    if cache is None:
        return load()
    if key not in cache:
        cache[key] = load()
    return cache[key]  # type: ignore[no-any-return]


def held(key: Hashable, make: Callable[[], T]) -> T | None:
    """The object this request holds under ``key`` (``make()``'s, the first time), for
    the caller to change in place; None outside a request, where nothing is held."""
    cache = _scope.get()
    if cache is None:
        return None
    if key not in cache:
        cache[key] = make()
    return cache[key]  # type: ignore[no-any-return]


def forget(key: Hashable) -> None:
    cache = _scope.get()
    if cache is not None:
        cache.pop(key, None)


class RequestCacheMiddleware:
    """Opens the request's scope (before any middleware that uses ``memo``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with scope():
            return self.get_response(request)
