"""The crisis resources list: sensible defaults, or the operator's own list.

Read once at start-up by ``settings.py``. An operator who knows the right lines
for their country sets ``NOCONTACT_CRISIS_RESOURCES_FILE`` (a path to a JSON
file) or ``NOCONTACT_CRISIS_RESOURCES`` (the JSON itself): a list of objects with
a ``name`` and a ``detail``, and optionally a ``url`` (https or tel:). A list that
cannot be read stops the start with a clear message: silently showing nothing
where someone in crisis looks for help would be far worse.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

__all__ = ["DEFAULT_CRISIS_RESOURCES", "load_crisis_resources"]

ENV_JSON = "NOCONTACT_CRISIS_RESOURCES"
ENV_FILE = "NOCONTACT_CRISIS_RESOURCES_FILE"
URL_SCHEMES = ("https://", "http://", "tel:", "sms:")

# English source strings: the templates translate them (``{% translate %}``).
DEFAULT_CRISIS_RESOURCES: list[dict[str, str]] = [
    {
        "name": "Your local emergency number",
        "detail": "If you might act on thoughts of hurting yourself, call it now "
        "(112 in Europe, 911 in North America).",
    },
    {
        "name": "Find a Helpline",
        "detail": "findahelpline.com lists free, confidential crisis lines by country.",
    },
    {
        "name": "Someone you trust",
        "detail": "A friend, a family member, or a doctor. You don't have to carry this alone.",
    },
]


def _checked(raw: Any, where: str) -> list[dict[str, str]]:
    if not isinstance(raw, list) or not raw:
        raise ImproperlyConfigured(f"{where}: expected a non-empty JSON list of resources.")
    resources = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ImproperlyConfigured(f"{where}: item {index} is not an object.")
        name, detail, url = item.get("name"), item.get("detail", ""), item.get("url", "")
        if not isinstance(name, str) or not name.strip():
            raise ImproperlyConfigured(f"{where}: item {index} needs a 'name'.")
        if not isinstance(detail, str) or not isinstance(url, str):
            raise ImproperlyConfigured(f"{where}: item {index}: 'detail' and 'url' are text.")
        if url and not url.startswith(URL_SCHEMES):
            raise ImproperlyConfigured(
                f"{where}: item {index}: 'url' must start with one of {', '.join(URL_SCHEMES)}."
            )
        resource = {"name": name.strip(), "detail": detail.strip()}
        if url:
            resource["url"] = url
        resources.append(resource)
    return resources


def load_crisis_resources(environ: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The file named by the environment, else its inline JSON, else the defaults."""
    env = os.environ if environ is None else environ
    path = env.get(ENV_FILE, "")
    if path:
        try:
            text = Path(path).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ImproperlyConfigured(f"{ENV_FILE}: cannot read {path}: {exc}") from None
        try:
            return _checked(json.loads(text), ENV_FILE)
        except json.JSONDecodeError as exc:
            raise ImproperlyConfigured(f"{ENV_FILE}: {path} is not JSON: {exc}") from None
    inline = env.get(ENV_JSON, "")
    if inline:
        try:
            return _checked(json.loads(inline), ENV_JSON)
        except json.JSONDecodeError as exc:
            raise ImproperlyConfigured(f"{ENV_JSON} is not JSON: {exc}") from None
    return [dict(resource) for resource in DEFAULT_CRISIS_RESOURCES]
