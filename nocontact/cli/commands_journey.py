"""Day-to-day commands on the app's own database: status, check-in, urge, slip.

Django is imported inside the handlers only (``django_env.with_database``), so
registering these commands costs nothing to ``nocontact state``. Every value is
checked by the core through ``repository.record_event``; the CLI only reads
flags, asks the questions left open, and prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from nocontact.cli import messages
from nocontact.cli.base import CommandError, Output
from nocontact.cli.django_env import resolve_breakup, resolve_user, with_database
from nocontact.core.events import InvalidEvent
from nocontact.core.moments import InvalidMoment, MomentProblem, past_moment

if TYPE_CHECKING:
    from nocontact.core.program import ProgramState
    from nocontact.journey.models import Breakup

# Flag of each event field, so an error names what the user typed.
OPTIONS = {
    "mood": "--mood",
    "desperation": "--desperation",
    "cried": "--cried",
    "sleep_hours": "--sleep",
    "control": "--control",
    "note": "--note",
    "intensity": "--intensity",
    "outcome": "--outcome",
    "channel": "--channel",
    "triggers": "--trigger",
}
CHANNELS = "call|text|social|email|in_person"


def _(message: str) -> str:
    """Django's gettext once Django is set up; before that (the fast status), as written.

    English is the only language shipped so far; when another comes, the fast
    status has to set up translations too.
    """
    apps_module = sys.modules.get("django.apps")
    if apps_module is None or not apps_module.apps.ready:
        return message
    from django.utils.translation import gettext

    return gettext(message)


def register(sub: Any) -> None:
    user_help = "whose journey (default: $NOCONTACT_USER, or the only account)"

    status = sub.add_parser(
        "status",
        help="today's day count, strength and next step",
        description="Where you are today: day count, minimum period, streaks, strength, "
        "next milestone, today's check-in, phase and readiness.",
    )
    status.add_argument("--json", action="store_true", help="print JSON")
    status.add_argument("--user", metavar="NAME", help=user_help)
    status.set_defaults(handler=handle_status)

    checkin = sub.add_parser(
        "checkin",
        help="today's check-in (asks what you leave out)",
        description="Log today's check-in. In a terminal, anything you leave out is asked.",
    )
    checkin.add_argument("--mood", metavar="1-5")
    checkin.add_argument("--desperation", metavar="0-10")
    checkin.add_argument("--cried", metavar="yes|no")
    checkin.add_argument("--sleep", metavar="HOURS")
    checkin.add_argument("--control", metavar="1-5", help="how much life feels under control")
    checkin.add_argument("--note", metavar="TEXT")
    checkin.add_argument("--user", metavar="NAME", help=user_help)
    checkin.set_defaults(handler=handle_checkin)

    urge = sub.add_parser(
        "urge",
        help="log an urge to contact them",
        description="Log an urge and what you did with it. 'slipped' logs the contact too.",
    )
    urge.add_argument("--intensity", metavar="1-10", required=True)
    urge.add_argument("--trigger", metavar="TAG", action="append", help="repeat for several")
    urge.add_argument("--channel", metavar=CHANNELS)
    urge.add_argument("--outcome", metavar="resisted|slipped", required=True)
    urge.add_argument("--note", metavar="TEXT")
    urge.add_argument("--user", metavar="NAME", help=user_help)
    urge.set_defaults(handler=handle_urge)

    slip = sub.add_parser(
        "slip",
        help="log a contact you started",
        description="Log a contact you started. Your count starts again; what you built stays.",
    )
    slip.add_argument("--channel", metavar=CHANNELS)
    slip.add_argument(
        "--at", metavar='"YYYY-MM-DD HH:MM"', help="when, on your own clock (default: now)"
    )
    slip.add_argument("--note", metavar="TEXT")
    slip.add_argument("--user", metavar="NAME", help=user_help)
    slip.set_defaults(handler=handle_slip)


def _invalid(error: InvalidEvent) -> CommandError:
    option = OPTIONS.get(error.field, error.field)
    return CommandError(
        messages.BAD_FIELD.format(option=option, problem=_(error.message).format(**error.params))
    )


def _local_day_bounds(day: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(day, dt.time(), tz),
        dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz),
    )


def _checked_in_on(breakup: Breakup, day: dt.date, tz: dt.tzinfo) -> bool:
    from nocontact.core.model import EventKind
    from nocontact.journey.models import Event

    start, end = _local_day_bounds(day, tz)
    return Event.objects.filter(
        breakup=breakup, kind=EventKind.CHECKIN.value, at__gte=start, at__lt=end
    ).exists()


# --- status ----------------------------------------------------------------------------


def status_document(state: ProgramState, checked_in_today: bool) -> dict[str, Any]:
    """``state --json``'s fields, and what a daily glance adds to them."""
    next_on = state.next_milestone_on
    return {
        **state.to_json(),
        "today": state.today.isoformat(),
        "start_date": state.start_date.isoformat(),
        "next_milestone": state.next_milestone,
        "next_milestone_on": next_on.isoformat() if next_on else None,
        "checked_in_today": checked_in_today,
    }


def print_status(out: Output, state: ProgramState, checked_in_today: bool) -> None:
    out.line(_(messages.STATUS_DAY).format(day=state.day_count))
    if state.minimum_reached:
        out.line(
            _(messages.STATUS_MINIMUM_REACHED).format(
                days=state.minimum_days, date=state.minimum_reached_on.isoformat()
            )
        )
    else:
        left = state.minimum_days - state.day_count
        out.line(
            _(messages.STATUS_MINIMUM_AHEAD).format(
                days=state.minimum_days,
                date=state.minimum_reached_on.isoformat(),
                left=f"{left} day" if left == 1 else f"{left} days",
            )
        )
    out.line(
        _(messages.STATUS_STREAKS).format(longest=state.longest_streak, total=state.total_days)
    )
    out.line(_(messages.STATUS_STRENGTH).format(percent=round(100 * state.strength)))
    next_on = state.next_milestone_on
    if state.next_milestone is not None and next_on is not None:
        out.line(
            _(messages.STATUS_NEXT_MILESTONE).format(
                days=state.next_milestone, date=next_on.isoformat()
            )
        )
    else:
        out.line(_(messages.STATUS_NO_MILESTONE))
    out.line(_(messages.STATUS_CHECKED_IN if checked_in_today else messages.STATUS_NOT_CHECKED_IN))
    out.line(_(messages.STATUS_PHASE).format(phase=_(messages.PHASES[state.phase.value])))
    if state.lock_reason is None:
        out.line(_(messages.STATUS_TOOLS_OPEN))
    else:
        reason = _(messages.LOCK_REASONS[state.lock_reason.value])
        out.line(_(messages.STATUS_TOOLS_LOCKED).format(reason=reason))
    verdict = _(messages.VERDICTS[state.readiness.verdict.value])
    out.line(_(messages.STATUS_READINESS).format(verdict=verdict))
    for reason_obj in state.readiness.reasons:
        text = _(reason_obj.template).format(**reason_obj.params)
        out.line(_(messages.STATUS_REASON).format(reason=text))


def handle_status(args: argparse.Namespace, out: Output) -> int:
    from nocontact.cli import fast_status

    # The everyday case on the local SQLite file, without Django; else the ORM.
    found = fast_status.read_status(args.user)
    if found is None:
        found = status_from_database(args.user)
    state, checked_in_today = found
    if args.json:
        out.json(status_document(state, checked_in_today))
    else:
        print_status(out, state, checked_in_today)
    return 0


@with_database
def status_from_database(username: str | None) -> tuple[ProgramState, bool]:
    from nocontact.journey import repository

    user = resolve_user(username)
    breakup = resolve_breakup(user)
    state = repository.program_state(breakup)
    return state, _checked_in_on(breakup, state.today, repository.user_tz(user))


# --- check-in ---------------------------------------------------------------------------

# (field, flag attribute, question, required), in the order they are asked.
CHECKIN_QUESTIONS = (
    ("mood", "mood", messages.PROMPT_MOOD, True),
    ("desperation", "desperation", messages.PROMPT_DESPERATION, True),
    ("cried", "cried", messages.PROMPT_CRIED, True),
    ("sleep_hours", "sleep", messages.PROMPT_SLEEP, False),
    ("control", "control", messages.PROMPT_CONTROL, False),
    ("note", "note", messages.PROMPT_NOTE, False),
)


def _ask_until_valid(out: Output, field: str, question: str, required: bool) -> Any:
    """Ask again, kindly, until the core accepts the answer (or it is skipped)."""
    from nocontact.core.events import SCHEMAS
    from nocontact.core.model import EventKind

    spec = SCHEMAS[EventKind.CHECKIN][field]
    while True:
        answer = out.ask(_(question))
        if not answer:
            if not required:
                return None
            out.line(_(messages.TRY_AGAIN).format(problem=_("This is needed.")))
            continue
        try:
            return spec.check(field, answer)
        except InvalidEvent as error:
            problem = _(error.message).format(**error.params)
            out.line(_(messages.TRY_AGAIN).format(problem=problem))


def checkin_answers(args: argparse.Namespace, out: Output) -> dict[str, Any]:
    """The flags given, plus the missing answers asked at a terminal."""
    data: dict[str, Any] = {
        field: getattr(args, attribute)
        for field, attribute, _question, _required in CHECKIN_QUESTIONS
        if getattr(args, attribute) is not None
    }
    missing_required = [
        attribute
        for field, attribute, _question, required in CHECKIN_QUESTIONS
        if required and field not in data
    ]
    if not missing_required:
        return data
    if not out.interactive:
        options = ", ".join(f"--{attribute}" for attribute in missing_required)
        raise CommandError(_(messages.MISSING_ANSWERS).format(options=options))
    for field, attribute, question, required in CHECKIN_QUESTIONS:
        if getattr(args, attribute) is None:
            value = _ask_until_valid(out, field, question, required)
            if value is not None:
                data[field] = value
    return data


@with_database
def handle_checkin(args: argparse.Namespace, out: Output) -> int:
    from nocontact.core.model import EventKind
    from nocontact.journey import repository

    user = resolve_user(args.user)
    breakup = resolve_breakup(user)
    data = checkin_answers(args, out)
    try:
        repository.record_event(breakup, EventKind.CHECKIN, data)
    except InvalidEvent as error:
        raise _invalid(error) from None
    out.line(_(messages.CHECKIN_SAVED))
    return 0


# --- urge and slip ------------------------------------------------------------------------


def print_kept(out: Output, state: ProgramState) -> None:
    """After a slip: what stays. Never shame, never a zero where there was progress."""
    out.line(_(messages.KEPT_INTRO))
    out.line(_(messages.KEPT_LONGEST).format(days=state.longest_streak))
    out.line(_(messages.KEPT_TOTAL).format(days=state.total_days))
    out.line(_(messages.KEPT_STRENGTH).format(percent=round(100 * state.strength)))
    out.line(_(messages.KEPT_RESTART).format(date=state.start_date.isoformat()))


@with_database
def handle_urge(args: argparse.Namespace, out: Output) -> int:
    from nocontact.journey import repository

    user = resolve_user(args.user)
    breakup = resolve_breakup(user)
    data = {
        "intensity": args.intensity,
        "outcome": args.outcome,
        "channel": args.channel,
        "triggers": args.trigger,
        "note": args.note,
    }
    try:
        _urge, slip = repository.log_urge(breakup, data)
    except InvalidEvent as error:
        raise _invalid(error) from None
    if slip is None:
        out.line(_(messages.URGE_RESISTED))
    else:
        out.line(_(messages.URGE_SLIPPED))
        print_kept(out, repository.program_state(breakup))
    return 0


def parse_moment(value: str, tz: dt.tzinfo) -> dt.datetime:
    """A wall-clock time on the user's own clock ("2026-11-22 21:30")."""
    text = " ".join(value.replace("T", " ").split())
    try:
        naive = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        raise CommandError(_(messages.BAD_MOMENT).format(value=value)) from None
    return naive.replace(tzinfo=tz)


def slip_moment(value: str | None, tz: dt.tzinfo, breakup_date: dt.date) -> dt.datetime | None:
    """None means now. A time still ahead, or before the breakup, is refused."""
    if value is None:
        return None
    try:
        return past_moment(parse_moment(value, tz), dt.datetime.now(dt.UTC), tz, breakup_date)
    except InvalidMoment as error:
        if error.problem is MomentProblem.BEFORE_BREAKUP:
            date = breakup_date.isoformat()
            raise CommandError(_(messages.MOMENT_BEFORE_BREAKUP).format(date=date)) from None
        raise CommandError(_(messages.MOMENT_IN_FUTURE)) from None


@with_database
def handle_slip(args: argparse.Namespace, out: Output) -> int:
    from nocontact.core.model import EventKind
    from nocontact.journey import repository

    user = resolve_user(args.user)
    breakup = resolve_breakup(user)
    at = slip_moment(args.at, repository.user_tz(user), breakup.breakup_date)
    try:
        repository.record_event(
            breakup, EventKind.SLIP, {"channel": args.channel, "note": args.note}, at=at
        )
    except InvalidEvent as error:
        raise _invalid(error) from None
    out.line(_(messages.SLIP_SAVED))
    print_kept(out, repository.program_state(breakup))
    return 0
