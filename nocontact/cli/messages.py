"""Every sentence the command line prints, in one place (as jrnl keeps them)."""

from __future__ import annotations

from nocontact.core.i18n import N_

INTERRUPTED = N_("stopped. Nothing was half-saved.")
FILE_NOT_FOUND = N_("cannot read {path}: no such file.")
FILE_UNREADABLE = N_("cannot read {path}: {reason}.")
NOT_JSON = N_("{path} is not valid JSON (line {line}, column {column}: {reason}).")
BAD_EXPORT = N_("{path} is not a usable nocontact export: {problem}.")
BAD_DATE = N_("{value!r} is not a date like 2026-11-22.")
USAGE_ERROR = N_("{message}. See '{prog} --help'.")

# --- Which user and which breakup ------------------------------------------------
NO_USERS = N_(
    "there is no account here yet. Start the app with `make run` and sign up in your browser."
)
WHICH_USER = N_(
    "there are several accounts here. Say which one with --user NAME, or set NOCONTACT_USER."
)
UNKNOWN_USER = N_("there is no account named {name!r} here.")
NO_BREAKUP = N_(
    "you haven't described your breakup yet. Open the app in your browser "
    "(`make run`, then http://127.0.0.1:8000/) and the first page will guide you. "
    "Take your time."
)
NOT_MIGRATED = N_(
    "the database is not set up yet. Run `make run` or `nocontact manage migrate` first."
)
DATABASE_UNAVAILABLE = N_("cannot open the database: {reason}.")

# --- Input -------------------------------------------------------------------------
BAD_FIELD = N_("{option}: {problem}")
MISSING_ANSWERS = N_("please give {options} (or run this in a terminal to be asked).")
BAD_MOMENT = N_('{value!r} is not a time like "2026-11-22 21:30".')
MOMENT_IN_FUTURE = N_("that moment hasn't come yet. Please give a time that has passed.")
MOMENT_BEFORE_BREAKUP = N_("that is before the breakup ({date}). Please give a time since then.")

# --- Prompts (check-in) ------------------------------------------------------------
PROMPT_MOOD = N_("How is your mood today, from 1 (very low) to 5 (good)?")
PROMPT_DESPERATION = N_("How desperate do you feel to contact them, from 0 to 10?")
PROMPT_CRIED = N_("Did you cry today? (yes/no)")
PROMPT_SLEEP = N_("How many hours did you sleep? (Enter to skip)")
PROMPT_CONTROL = N_("How much is life under control, from 1 to 5? (Enter to skip)")
PROMPT_NOTE = N_("Anything you want to note? (Enter to skip)")
TRY_AGAIN = N_("  {problem}")

# --- After saving ------------------------------------------------------------------
CHECKIN_SAVED = N_("Checked in. Thank you for looking after yourself.")
URGE_RESISTED = N_("Logged. You didn't act on it: well done.")
URGE_SLIPPED = N_("Thank you for being honest. The urge and the contact are logged.")
SLIP_SAVED = N_("Logged. Thank you for being honest with yourself.")
KEPT_INTRO = N_("A slip doesn't erase what you built. You keep:")
KEPT_LONGEST = N_("  longest streak: {days} days")
KEPT_TOTAL = N_("  days without contact in all: {days}")
KEPT_STRENGTH = N_("  strength: {percent}%")
KEPT_RESTART = N_("Your count starts again from {date}. One day at a time.")

# --- Status --------------------------------------------------------------------------
STATUS_DAY = N_("Day {day} of No Contact.")
STATUS_MINIMUM_AHEAD = N_("Minimum period: {days} days, reached on {date} ({left} to go).")
STATUS_MINIMUM_REACHED = N_("Minimum period: {days} days, reached on {date}.")
STATUS_STREAKS = N_("Longest streak: {longest} days. Days without contact in all: {total}.")
STATUS_STRENGTH = N_("Strength: {percent}%.")
STATUS_NEXT_MILESTONE = N_("Next milestone: {days} days, on {date}.")
STATUS_NO_MILESTONE = N_("Every milestone reached.")
STATUS_CHECKED_IN = N_("Today's check-in: done.")
STATUS_NOT_CHECKED_IN = N_("Today's check-in: not yet (`nocontact checkin`).")
STATUS_PHASE = N_("Phase: {phase}.")
STATUS_TOOLS_OPEN = N_("Contact tools: open.")
STATUS_TOOLS_LOCKED = N_("Contact tools: locked ({reason}).")
STATUS_READINESS = N_("Readiness: {verdict}.")
STATUS_REASON = N_("  - {reason}")

PHASES = {
    "no_contact": N_("No Contact"),
    "readiness": N_("readiness"),
    "reconnect": N_("reconnect"),
    "meeting": N_("the first meeting"),
    "reunited": N_("reunited"),
    "moved_on": N_("moved on"),
    "closed": N_("closed"),
    "safety": N_("safety: no contact, for your safety"),
}
LOCK_REASONS = {
    "safety_track": N_("this breakup is on the safety track"),
    "asked_no_contact": N_("they asked for no contact, and that is respected"),
    "blocked": N_("they blocked you, and that is respected"),
    "attempt_limit": N_("three tries without a positive reply"),
    "not_contact_strategy": N_("your chosen path doesn't include reaching out"),
    "minimum_not_reached": N_("the minimum period isn't over yet"),
    "distress": N_("you are going through a lot right now; care for yourself first"),
    "not_ready_yet": N_("readiness isn't there yet"),
    "cooldown": N_("waiting a week after the last try"),
}
VERDICTS = {"ready": N_("ready"), "almost": N_("almost"), "not_yet": N_("not yet")}

# --- The reminder worker -------------------------------------------------------------
REMINDERS_TICK = N_("reminders: {sent} sent, {skipped} skipped, {failed} failed.")
REMINDERS_STARTED = N_("Sending reminders every {seconds} seconds. Stop with Ctrl+C or SIGTERM.")
REMINDERS_STOPPED = N_("Stopped. Every reminder claimed was finished.")
REMINDERS_DATABASE_PROBLEM = N_("reminders: the database is unavailable ({reason}); trying again.")
REMINDERS_BAD_INTERVAL = N_("--interval must be between 1 and 3600 seconds.")

# --- Encryption at rest ------------------------------------------------------------
WORDS_LOCKED = N_(
    "your words are encrypted, and writing a note or a text needs your passphrase: "
    "nothing was saved. Write it in the app, or leave the note out."
)
PASSPHRASE_PROMPT = N_("Passphrase of your words: ")
PASSPHRASE_NEEDED = N_(
    "your words are encrypted: type your passphrase when asked, or give it as the first "
    "line of stdin. Nothing was done."
)
PASSPHRASE_WRONG = N_("that passphrase doesn't open your words. Nothing was done.")
PASSPHRASE_AND_STDIN = N_(
    "your words are encrypted and the passphrase comes on stdin: give the export as a FILE."
)
