"""The person's address, for the brute-force lock (django-axes).

Without a reverse proxy it is ``REMOTE_ADDR``. Behind one, every request comes
from the proxy's address, so ``NOCONTACT_CLIENT_IP_HEADER`` names the header in
which the proxy puts the person's (docs/deploy.md). When that header is a list
(``X-Forwarded-For``), the last entry is the one the proxy added: the ones before
it came from the client and could say anything.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def meta_key(header: str) -> str:
    """``X-Real-IP`` -> ``HTTP_X_REAL_IP``."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_address(request: HttpRequest) -> str | None:
    header: str = settings.CLIENT_IP_HEADER
    if header:
        value = str(request.META.get(meta_key(header), ""))
        last = value.rsplit(",", 1)[-1].strip()
        if last:
            return last
    address: str | None = request.META.get("REMOTE_ADDR")
    return address
