"""Everything the message coach says to the user, in one place.

Each text is marked with ``N_`` so the adapters can translate it at render time;
the language modules only hold patterns, never sentences for the user.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final, NamedTuple

from nocontact.core.coach_rules.codes import FlagCode, Route
from nocontact.core.i18n import N_


class Advice(NamedTuple):
    """Why a flag matters and a kinder way to say the same thing."""

    why: str
    suggestion: str


ADVICE: Final = MappingProxyType(
    {
        FlagCode.BEGGING: Advice(
            N_("Pleading puts all the weight on them and tends to push people further away."),
            N_(
                "Say one calm, true thing and leave them room, e.g. \"I'd like to talk "
                "sometime, if you're up for it.\""
            ),
        ),
        FlagCode.GUILT: Advice(
            N_("Making them feel guilty can win a reply, but not the warmth you're hoping for."),
            N_("Leave the hurt for your journal and keep this message light and kind."),
        ),
        FlagCode.PITY: Advice(
            N_("Your pain is real, but asking them to rescue you tends to make them step back."),
            N_(
                "Share that pain with a friend today, and send the ex something about "
                "the good parts of your life, or nothing yet."
            ),
        ),
        FlagCode.PRESSURE: Advice(
            N_("Deadlines and demands take away their choice, and people resist being cornered."),
            N_('Let them answer in their own time, e.g. "No rush at all."'),
        ),
        FlagCode.REHASH_BREAKUP: Advice(
            N_("Going back over the breakup by message reopens the hurt for both of you."),
            N_(
                "Keep this about the present; if that talk ever happens, it belongs "
                "face to face, much later."
            ),
        ),
        FlagCode.DATING_QUESTION: Advice(
            N_(
                "Asking about their love life puts them on guard and is not your business "
                "right now."
            ),
            N_('Ask about their life instead, e.g. "How\'s work been?"'),
        ),
        FlagCode.DECLARES_FEELINGS: Advice(
            N_("Big feelings this early can feel heavy to read and put them on the spot."),
            N_(
                'Save it for later, in person, if things grow again. For now: "Hope '
                "you've been well.\""
            ),
        ),
        FlagCode.MIND_GAMES: Advice(
            N_(
                "Jealousy bait and made-up reasons to write usually get found out, and "
                "they cost trust."
            ),
            N_("Be straightforward: if you want to say hello, just say hello."),
        ),
        FlagCode.TOO_LONG: Advice(
            N_("A long message asks a lot of the reader and can feel like pressure."),
            N_("Keep the one or two sentences that matter most and cut the rest."),
        ),
        FlagCode.DOUBLE_TEXT: Advice(
            N_("Your last message hasn't been answered yet; another one can feel like chasing."),
            N_("Wait for a reply. Their silence is an answer you can respect for now."),
        ),
        FlagCode.LATE_NIGHT: Advice(
            N_("Late-night messages read as impulsive and may wake them."),
            N_("Save the draft and look at it again tomorrow during the day."),
        ),
        FlagCode.OFFERS_DROPOFF: Advice(
            N_(
                "Offering to bring their things over makes it about seeing them; let them "
                "choose how to collect."
            ),
            N_(
                'Say where the things are and let them arrange it, e.g. "Let me know '
                'when suits you to pick them up."'
            ),
        ),
        FlagCode.FRIENDSHIP_OFFER: Advice(
            N_(
                "Offering friendship blurs what you're asking for and tends to keep you "
                "stuck waiting."
            ),
            N_("Say plainly that you want a relationship, not a friendship, and leave it there."),
        ),
        FlagCode.UNCLEAR_INTENT: Advice(
            N_("This statement works only if it is clear what you want and what happens next."),
            N_(
                "Say you want to get back together romantically and ask them to reach "
                "out only if they want the same."
            ),
        ),
        FlagCode.HOSTILE: Advice(
            N_("Angry words can't be unsent, and they usually hurt you more than them."),
            N_(
                "Please wait before sending anything. Write it in your journal instead "
                "and look again tomorrow."
            ),
        ),
        FlagCode.SELF_HARM: Advice(
            N_(
                "It sounds like you may be going through something really painful. You "
                "deserve support right now, not message tips."
            ),
            N_(
                "Please reach out to someone you trust or a crisis line now. You don't "
                "have to carry this alone."
            ),
        ),
    }
)

# A few codes read better with advice fitted to the route.
ROUTE_ADVICE: Final = MappingProxyType(
    {
        (FlagCode.TOO_LONG, Route.OCCASION): Advice(
            N_("A card on the day is best short and about them."),
            N_('One warm line is enough, e.g. "Happy birthday, hope it\'s a good one!"'),
        ),
        (FlagCode.TOO_LONG, Route.PICKUP): Advice(
            N_("A message about their things only needs the facts."),
            N_("Say what you found and ask when suits them to pick it up."),
        ),
        (FlagCode.DOUBLE_TEXT, Route.OCCASION): Advice(
            N_(
                "Your last message is still unanswered; a greeting now can read as a "
                "pretext to try again."
            ),
            N_(
                "Let this occasion pass quietly, or keep it to a single line if you "
                "really want to send it."
            ),
        ),
    }
)


def advice_for(code: FlagCode, route: Route) -> Advice:
    """Return the advice for ``code``, fitted to ``route`` when there is a fit."""
    return ROUTE_ADVICE.get((code, route), ADVICE[code])
