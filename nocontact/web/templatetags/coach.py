"""Template helpers of the message coach, so any page can include its pieces.

``{% include "web/_coach_panel.html" with coach_for="id_text" coach_route="reply" %}``
and ``{% include "web/_cool_off.html" %}`` need nothing from the view.
"""

from __future__ import annotations

import json
from typing import Any, cast

from django import template
from django.contrib.auth.models import User
from django.utils import timezone

from nocontact.accounts import vault
from nocontact.core import cool_off
from nocontact.journey.models import Writing
from nocontact.web.coach_review import flag_labels
from nocontact.web.views.coach import crisis_panel_template

register = template.Library()

# The dashboard shows a few; the writings list shows them all.
QUEUE_LIMIT = 20


@register.simple_tag
def coach_labels_json() -> str:
    return json.dumps(flag_labels(), ensure_ascii=False)


@register.simple_tag
def coach_crisis_panel() -> str:
    return crisis_panel_template()


@register.simple_tag(takes_context=True)
def cool_off_letters(context: template.Context) -> list[dict[str, Any]]:
    """The user's letters in the cool-off queue: those back for review first."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    now = timezone.now()
    rows = (
        Writing.objects.filter(
            breakup__user=cast(User, user),
            kind=Writing.Kind.UNSENT_LETTER,
            might_send_at__isnull=False,
        )
        .only("pk", "text", "might_send_at")
        .order_by("might_send_at", "pk")[:QUEUE_LIMIT]
    )
    letters = []
    for row in rows:
        assert row.might_send_at is not None
        letters.append(
            {
                "pk": row.pk,
                # Sealed while the words are locked: the list shows no text then.
                "text": "" if vault.is_sealed(row.text) else row.text,
                "due": cool_off.is_due(row.might_send_at, now),
                "comes_back_at": cool_off.comes_back_at(row.might_send_at),
            }
        )
    letters.sort(key=lambda letter: not letter["due"])
    return letters


@register.simple_tag
def coach_crisis_resources() -> list[dict[str, Any]]:
    from django.conf import settings

    return list(settings.CRISIS_RESOURCES)
