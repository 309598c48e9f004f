"""``{% crisis_resources as resources %}``: the configured list, from any template.

The crisis panel is included from several areas (saving a journal entry, the
message coach); reading the list here spares every view from passing it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def crisis_resources() -> list[dict[str, Any]]:
    return list(settings.CRISIS_RESOURCES)
