"""Labelled drafts for measuring the message coach, written fresh for the project.

Two JSON Lines files, one draft per line::

    {"text": "...", "route": "reply", "send_at": "23:30" or null,
     "unanswered": 0, "flags": ["late_night"]}

``flags`` lists every code the coach should raise; an empty list is a clean draft
that must not be nagged. ``dev.jsonl`` is for tuning the rules; ``heldout.jsonl``
is never tuned on, only measured (``python -m nocontact.core.coach_eval``).

Once a held-out part has been measured and its misses read, it is spent: its
drafts move to ``dev.jsonl`` and a fresh held-out part is written before the
rules are touched again. The first held-out part (182 drafts) went that way.
"""
