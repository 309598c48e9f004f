"""``nocontact coach``: the message coach on the command line. No database, no Django.

    nocontact coach --route first_contact "Hey, it's been a while."
    echo "..." | nocontact coach --route reply --send-at 23:40 --json -

Nothing is ever sent: the command only reads the draft and prints the review.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, Final

from nocontact.cli.base import CommandError, Output
from nocontact.core.coach_rules import WHOLE_MESSAGE_CODES
from nocontact.core.coach_rules.codes import Route
from nocontact.core.i18n import N_

# Every sentence this command prints (argument errors end without a full stop:
# the parser adds one) (cli/messages.py holds the other commands').
BAD_ROUTE: Final = N_("{value!r} is not a route; choose one of: {routes}")
BAD_TIME: Final = N_('{value!r} is not a time like "21:30"')
BAD_UNANSWERED: Final = N_("{value!r} is not a whole number from 0 to {max}")
NO_STDIN: Final = N_("there is no input to read the draft from.")
TOO_LONG: Final = N_("the draft is longer than the coach reads ({max} characters).")
SCORE: Final = N_("score: {score}/100")
CLEAN: Final = N_("Nothing to change: short and kind.")
EMPTY: Final = N_("Nothing to read yet: write your draft and run this again.")
WHY: Final = N_("  why:    {text}")
BETTER: Final = N_("  better: {text}")
STOPPED: Final = N_(
    "The coach has stopped: you matter more than any message. If you might act on "
    "thoughts of hurting yourself, call your local emergency number now (112 in "
    "Europe, 911 in North America); findahelpline.com lists free, confidential "
    "crisis lines by country. A friend, a family member or a doctor can help too."
)
HOSTILE: Final = N_(
    "This sounds angry, and that's understandable. Please wait before sending "
    "anything at all: write it out, sleep on it, and look again tomorrow."
)

UNANSWERED_MAX: Final = 50
DRAFT_MAX_CHARACTERS: Final = 10_000  # as on the web (forms_coach.py)


def parse_route(value: str) -> Route:
    try:
        return Route(value)
    except ValueError:
        routes = ", ".join(route.value for route in Route)
        raise argparse.ArgumentTypeError(BAD_ROUTE.format(value=value, routes=routes)) from None


def parse_time(value: str) -> dt.time:
    try:
        if len(value) == 5 and value[2] == ":":
            return dt.time.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(BAD_TIME.format(value=value))


def parse_unanswered(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= UNANSWERED_MAX:
        raise argparse.ArgumentTypeError(BAD_UNANSWERED.format(value=value, max=UNANSWERED_MAX))
    return number


def register(sub: Any) -> None:
    coach = sub.add_parser(
        "coach",
        help="read a draft to your ex and say what might get in the way",
        description="The message coach: a score from 0 to 100 and what to look at, with a "
        "better way to say it. It never sends anything. Needs no database.",
    )
    coach.add_argument(
        "--route",
        required=True,
        type=parse_route,
        metavar="ROUTE",
        help=f"what the message is for: {', '.join(route.value for route in Route)}",
    )
    coach.add_argument(
        "--send-at", type=parse_time, metavar="HH:MM", help="your local time of sending"
    )
    coach.add_argument(
        "--unanswered",
        type=parse_unanswered,
        default=0,
        metavar="N",
        help="how many of your messages are still waiting for a reply",
    )
    coach.add_argument("--json", action="store_true", help="print JSON")
    coach.add_argument("text", metavar="TEXT", help="the draft ('-' reads it from stdin)")
    coach.set_defaults(handler=handle_coach)


def read_draft(text: str, out: Output) -> str:
    if text != "-":
        return text
    stream = out.stdin if out.stdin is not None else sys.stdin
    if stream is None:
        raise CommandError(NO_STDIN)
    return stream.read()


def handle_coach(args: argparse.Namespace, out: Output) -> int:
    draft = read_draft(args.text, out)
    if len(draft) > DRAFT_MAX_CHARACTERS:
        raise CommandError(TOO_LONG.format(max=f"{DRAFT_MAX_CHARACTERS:,}"))
    # Imported here: compiling the coach's patterns costs every other command's start-up.
    from nocontact.core.coach import analyse

    result = analyse(draft, args.route, send_at=args.send_at, unanswered=args.unanswered)
    if args.json:
        out.json(result.to_json())
        return 0

    out.line(SCORE.format(score=result.score))
    if result.stop_coaching:
        out.line(STOPPED)
        return 0
    if not draft.strip():
        out.line(EMPTY)
        return 0
    if not result.flags:
        out.line(CLEAN)
        return 0
    for flag in result.flags:
        if flag.code in WHOLE_MESSAGE_CODES:
            out.line(f"- {flag.code.value}")
        else:
            out.line(f'- {flag.code.value}: "{draft[flag.start : flag.end]}"')
        out.line(WHY.format(text=flag.why))
        out.line(BETTER.format(text=flag.suggestion))
    if any(flag.code.value == "hostile" for flag in result.flags):
        out.line(HOSTILE)
    return 0
