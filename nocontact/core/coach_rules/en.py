r"""English patterns for the message coach.

This module is data only: adding a language means adding a module like this one
(``coach_rules/<code>.py``) with the same names. The loader in
``coach_rules/__init__.py`` expands the ``<name>`` shorthands from ``SHORTHANDS``,
puts word boundaries around every pattern, compiles everything once, and checks
that every key is a real flag code.

- ``PHRASES``: per flag code, the phrases that raise it. A phrase is cancelled
  when a word from ``NEGATION`` comes shortly before it in the same clause
  ("I'm *not* asking you to come back").
- ``FIXED_PHRASES``: phrases that carry their own negation ("can't stop
  thinking about you") or must never be talked out of (self-harm).
- ``EXCEPTIONS``: harmless phrases that cancel a hit they overlap
  ("you can drop by any time" is not the user offering a drop-off).
- ``ROMANTIC_INTENT`` and ``ASKS_ONLY_IF_SAME``: both must be present for an
  intent statement to be clear.
"""

from __future__ import annotations

from typing import Final

# Casual spellings people really type ("u", "ur", "im", "pls").
SHORTHANDS: Final[dict[str, str]] = {
    "you": r"(?:you|u|ya|yu)",
    "your": r"(?:your|ur|yr)",
    "youre": r"(?:you'?re|you are|ur|u r|your)",
    "im": r"(?:i'?m|i am)",
    "ive": r"(?:i'?ve|i have)",
    "ill": r"(?:i'?ll|i will|ill)",
    "cant": r"(?:can'?t|cannot|can not)",
    "please": r"(?:ple+a*s+e*|pl[sz]|plz+)",
    "partner": r"(?:boyfriend|girlfriend|bf|gf|partner|man|woman|guy|girl|fling|date)",
    "breakup": r"(?:break ?-?up|split)",
    "ex_verb": r"(?:leave|left|end|ended|break up|broke up|split up|dump|dumped|walk away|"
    r"walked away|give up|gave up|cheat|cheated|end it|ended it|ended things)",
}

NEGATION: Final = (
    r"(?<!\w)(?:not|never|no|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|can'?t|cannot|"
    r"isn'?t|aren'?t|wasn'?t|shouldn'?t|nor)(?!\w)"
)

# Where a clause ends, so a negation does not reach across "..., but ...".
CLAUSE_BREAK: Final = r"[.!?;:,\n()]|(?<!\w)(?:but|and|though|although|so|because)(?!\w)"

SENTENCE_END: Final = r"[.!?…]+(?=\s|$)|\n+"

PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "begging": (
        r"<please>,? (?:(?:baby|babe|love|hun|honey|darling),? )?(?:just )?"
        r"(?:come back|come home|take me back|reconsider|talk to me|"
        r"don'?t leave|don'?t go|don'?t do this|let me see you|be with me|try again|"
        r"give (?:me|us|it|this) (?:one more|another|a second|one last) (?:chance|try|shot|go))",
        r"<please>,? <please>",
        r"(?:<im> |i )?begg?ing(?: <you>)?",
        r"i beg(?: of)? <you>",
        r"take me back",
        r"can (?:<you>|we) (?:please |pls |just )*(?:give (?:me|us) (?:one more|another|a second|"
        r"one last) (?:chance|try|shot)|try again|start over|fix this)",
        r"give me (?:one more|another|a second|one last) (?:chance|try|shot)",
        r"(?:just )?(?:one more|one last) (?:chance|try|shot)",
        r"<ill> (?:do anything|do whatever it takes|do whatever you want|be better|"
        r"be different|change)(?= *(?:[.!,]|i promise|for <you>|$))",
        r"<ill> do (?:anything|whatever it takes)",
        r"i need <you>(?: back)?(?! to)",
    ),
    "guilt": (
        r"<you> (?:broke|shattered|destroyed|crushed) my heart",
        r"after (?:everything|all) (?:<ive>|i'?d|i) (?:done|did|gave|given|sacrificed)",
        r"<you> owe (?:me|it to me|us)",
        r"how could <you>",
        r"(?:did|could|would|can) <you> do (?:this|that) to (?:me|us)",
        r"<you> (?:just )?left me (?:when|after|alone|like that|with nothing)",
        r"when i needed <you> (?:the )?most",
        r"<you> (?:ruined|wrecked|destroyed|threw away) (?:everything|my life|us|what we had|"
        r"it all|it)",
        r"<you> (?:really |so |badly )?(?:hurt|betrayed|used|abandoned) me",
        r"hope <youre> (?:happy|proud|satisfied) (?:now|with yourself|of yourself)",
        r"hope <you> (?:feel|felt) (?:bad|guilty|terrible|awful)",
        r"hope <you> (?:think|thought) about (?:how|what)",
        r"how <you> treated me",
        r"i gave <you> (?:everything|my all|the best years)",
        r"<you> promised",
        r"as \w+ as <you> made me",
        r"the least <you> could(?: have)? do(?:ne)?",
        r"(?:a|one) (?:text|reply|call|message) (?:back )?would(?: have)? be(?:en)? nice",
        r"(?:do|did) <you> (?:ever |even )+care",
        r"must be nice",
        r"funny how <you>",
    ),
    "pity": (
        r"i (?:can'?t|cannot|couldn'?t|haven'?t been able to|can barely|barely) "
        r"(?:eat|sleep|function|breathe|stop crying|get out of bed|get up|focus|work)",
        r"barely (?:eat|sleep|function|get out of bed|get up)",
        r"(?:<ive> been |i )(?:crying|cry|cried)(?: myself to sleep| every \w+| all \w+)?",
        r"i keep crying",
        r"<im> (?:such |so |completely |totally |really |just |a )*(?:a mess|a wreck|broken|"
        r"falling apart|miserable|depressed|devastated|heartbroken|empty|nothing|lonely|"
        r"worthless|lost without)",
        r"<im> (?:so |all |completely |totally )(?:alone|lonely)",
        r"(?:all )?alone this (?:year|christmas|time|weekend)",
        r"<ive> been (?:so |really |completely )?(?:depressed|miserable|lonely|a mess|a wreck|"
        r"devastated|heartbroken)",
        r"my life (?:is|has been) (?:falling apart|a mess|over|empty|meaningless|hell)",
        r"(?:no ?one|nobody) (?:cares|understands|wants me|loves me|needs me)",
        r"it hurts (?:so|too) much",
    ),
    "pressure": (
        r"i need an? (?:answer|reply|response|decision)",
        r"i need to know (?:by|before|today|tonight|now|right now|asap)",
        r"i need <you> to (?:tell me|answer|reply|decide|call|respond|text)(?: me)? "
        r"(?:today|tonight|now|asap|right now|by)",
        r"(?:answer|pick up) (?:<your>|the) (?:phone|calls?|texts?)",
        r"i deserve an? (?:answer|reply|explanation|response)",
        r"(?:reply|answer|respond|call|text|message|ring) (?:me )?(?:back )?"
        r"(?:now|asap|right now|right away|immediately|tonight|today|already)",
        r"(?:answer|reply to|respond to) me",
        r"why (?:won'?t|haven'?t|aren'?t|don'?t|didn'?t|isn'?t|wont|havent|arent|dont|didnt) "
        r"<you> (?:answer|answered|answering|reply|replied|replying|respond|responded|"
        r"responding|text|texted|texting|call|called|calling|pick up)",
        r"(?:stop|quit) ignoring (?:me|my)",
        r"why (?:are|r) <you> ignoring me",
        r"don'?t ignore me",
        r"<you> (?:have|got) (?:until|till|til)",
        r"(?:this is )?(?:your |my )?last chance",
        r"now or never",
        r"(?:it'?s )?me or nothing",
        r"make up <your> mind",
        r"decide (?:now|today|tonight|already|right now)",
        r"<you> (?:need|have|got) to (?:decide|call|answer|reply|respond|tell me|text|choose)",
        r"by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|"
        r"the weekend|the end of (?:the|this) \w+|\w+day) or",
        r"before it'?s too late",
        r"or (?:we'?re|we are|it'?s|<im>|this is) (?:done|over|finished|gone|through)",
        r"(?:it'?s|this is) urgent",
        r"(?:respond|reply|answer),? <please>",
        r"<im> (?:still )?waiting for (?:an answer|a reply|<your> answer|<your> reply)",
        r"if <you> (?:don'?t|do not|dont) (?:reply|answer|respond|call)",
    ),
    "rehash_breakup": (
        r"what (?:went|happened|really happened|went so) wrong",
        r"what (?:really )?happened (?:between us|with us|to us|that night|at the end)",
        r"(?:talk|talking|talked) about (?:us|the <breakup>|our <breakup>|what happened|why)",
        r"(?:our|the) <breakup>",
        r"(?:how|the way) (?:things|it|we|you) (?:ended|went down|fell apart)",
        r"closure",
        r"(?:we|you) broke up (?:with me )?(?:for|because|over)",
        r"still (?:hurt|upset|angry|mad|bitter) (?:about|by|over) (?:how|what|the way|it|that)",
    ),
    "dating_question": (
        r"(?:are|r) <you> (?:still )?(?:seeing|dating|talking to|with|sleeping with|hooking up "
        r"with) (?:any|some)(?:one|body)(?: (?:new|else))?",
        r"(?:are|r) <you> (?:still )?(?:with|seeing|dating) (?:that|the|this|your) "
        r"(?:\w+ )?<partner>",
        r"(?:are|r) <you> (?:single|taken|dating|in a relationship)",
        r"(?:is|are) there (?:some|any)(?:one|body) (?:new|else)",
        r"<youre> (?:dating|seeing|with) (?:some|any)(?:one|body)(?: (?:new|else))?",
        r"<your> new <partner>",
        r"who(?:'?s| is| was| are) (?:the|that|this|your) (?:new )?(?:guy|girl|man|woman|dude|"
        r"person|lady|bloke|boyfriend|girlfriend)",
        r"(?:have|did) <you> (?:already )?move(?:d)? on",
        r"(?:did|have) <you> (?:meet|met|find|found) (?:some|any)(?:one|body)",
        r"(?:do|so|did) <you> (?:have|got|get) a (?:new )?(?:bf|gf|boyfriend|girlfriend|partner)",
        r"who (?:are|r) <you> (?:dating|seeing|with|sleeping with)",
        r"(?:is|are) (?:he|she|they) better than me",
        r"(?:are|r) <you> (?:happy|serious) with (?:him|her|them)",
    ),
    "declares_feelings": (
        r"miss(?:ed|ing)? (?:<you>|us|what we had|being (?:with )?(?:<you>|us)|talking to <you>|"
        r"<your> (?:face|voice|smile|laugh|hugs?|kisses))",
        r"(?:love|adore) <you>(?! (?:to|for|guys|all)\b)",
        r"<im> (?:still )?in love with <you>",
        r"(?:dream|dreaming|dreamt|dreamed) (?:about|of) <you>",
        r"(?:think|thinking|thought) (?:about|of) <you> (?:every ?day|all the time|constantly|"
        r"non-?stop|every night|a lot|so much|24/7|every minute|always)",
        r"<youre> (?:the one|my everything|the love of my life|my soul ?mate|everything to me)",
        r"<you> mean (?:everything|the world|so much) to me",
        r"i (?:still )?(?:have|got) feelings for <you>",
    ),
    "mind_games": (
        r"wrong (?:number|person|chat)",
        r"(?:meant|supposed) (?:to go |to be )?(?:for|to) (?:some|any)(?:one|body) else",
        r"accident(?:al)?ly (?:texted|messaged|sent|called|sent this to) <you>",
        r"ignore (?:that|this|my last)",
        r"(?:that|this|it) (?:text |message |msg )?(?:wasn'?t|was not) (?:meant |supposed to be )?"
        r"for <you>",
        r"(?:<ive> |<im> )?(?:been )?(?:seeing|dating) (?:some ?one|somebody|a (?:guy|girl|man|"
        r"woman))(?: new)?",
        r"(?:<ive> |<im> )?(?:been )?talking to (?:some ?one|somebody) new",
        r"(?:been|going|gone|went|go) on (?:\w+ ){0,3}dates",
        r"my (?:new )?<partner>",
        r"<im> (?:dating|seeing) (?:a|an|this) \w+",
        r"(?:<ive> got|<ive> found|i have|i got) (?:a|an) (?:new )?<partner>",
        r"(?:guys|girls|men|women|people|someone|somebody|a guy|a girl|everyone) (?:[\w']+ ){0,3}"
        r"(?:asked|asking|ask|asks) me out",
        r"(?:everyone|everybody|people|my friends) (?:\w+ ){0,2}(?:say|says|said|saying|tell|"
        r"tells|telling)(?: me)? (?:that )?i look",
        r"<you>'?(?:ll| will) (?:regret|miss me)",
        r"make <you> jealous",
        r"thought <you> should know",
    ),
    "hostile": (
        r"i (?:really |just |honestly )?hate <you>",
        r"<you>'?(?:ll| will) (?:pay|be sorry)",
    ),
    "offers_dropoff": (
        r"(?:drop|dropping|bring|bringing|run|running|drive|driving|take|taking|pop|popping|"
        r"ferry) (?:(?:it|them|these|those|everything|all of it|the \w+|<your> (?:\w+ )?\w+)\s+)?"
        r"(?:off|over|round|around|by)",
        r"(?:drop|pop) (?:it|them|these|everything|<your> (?:\w+ )?\w+) in",
        r"(?:mail|post|ship|send|courier) (?:it|them|these|everything|the \w+|<your> "
        r"(?:\w+ )?\w+)? ?(?:back )?to (?:<you>|<your> (?:place|house|flat|address|work))",
        r"(?:can|could|'?ll|will|happy to|glad to) (?:mail|post|ship|send|courier|deliver) "
        r"(?:it|them|everything|the \w+|<your> \w+)",
        r"(?:swing|come|stop|pop) (?:by|over|round)(?: to (?:yours|<your> place))? with",
        r"leave (?:it|them|everything|<your> (?:\w+ )?\w+) (?:on|at|with|outside) <your>",
        r"(?:want|shall|should) (?:me|i) (?:to )?(?:drop|bring|send|post|mail|deliver|come|swing|"
        r"pop|run)",
        r"<ill> (?:bring|drop|take|drive|run|deliver|carry) (?:[\w']+ ){0,3}?(?:to|at) <your>",
        r"(?:drop|deliver|dropping|delivering) (?:it|them|everything|<your> (?:\w+ )?\w+)? ?"
        r"(?:at|to) <your>",
    ),
    "friendship_offer": (
        r"(?:be|stay|remain) in <your> life",
        r"(?:stay|keep) in touch",
        r"(?:be|stay|remain|being|staying|remaining|just) friends",
        r"as (?:just )?friends",
        r"friendship",
        r"friends (?:first|for now)",
    ),
}

FIXED_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "guilt": (
        r"<you> (?:never|didn'?t) (?:even )?(?:said sorry|say sorry|apologi[sz]ed|apologi[sz]e|"
        r"fought for (?:me|us))",
    ),
    "pity": (
        r"(?:haven'?t|can'?t|couldn'?t|not) (?:slept|eaten|sleep|eat) (?:properly|at all|in "
        r"(?:days|weeks))",
        r"<im> not (?:doing )?(?:ok|okay|well|good|coping|fine|alright)(?: at all)?",
        r"<im> nothing without <you>",
    ),
    # An insult stays an insult after "if you say no": no negation can soften these.
    "hostile": (
        r"<youre> (?:such |so |a |an |just |really )*(?:\w+ )?(?:pathetic|liar|idiot|loser|joke|"
        r"clown|selfish|disgusting|trash|garbage|coward|narcissist|psycho|bitch|asshole|jerk|"
        r"moron|stupid|worthless|fake|monster|waste of \w+|piece of (?:shit|work|crap))",
        r"<you> (?:\w+ )?(?:idiot|moron|loser|clown|bitch|asshole|arsehole|bastard|jerk|"
        r"dickhead|prick|psycho|narcissist|scumbag|coward|liar)",
        r"(?:bitch|asshole|arsehole|bastard|dickhead|scumbag|moron)",
        r"(?:screw|fuck|f\*+k|eff|f) (?:<you>|off|this)",
        r"go to hell",
        r"drop dead",
        r"hope (?:<you>|<youre>|it'?s|he|she|they) (?:\w+ ){0,3}(?:suffer|rot|die|cheats? on "
        r"<you>|miserable|burn|alone)",
        r"karma",
        r"<ill> (?:tell everyone|expose|post|show everyone|ruin)",
        r"before i (?:burn|trash|smash|throw|destroy|break|bin)",
        r"<your> (?:junk|crap|shit|garbage|trash)",
        r"(?:shut up|get lost|piss off)",
        r"worst thing that (?:ever )?happened to me",
        r"<you> (?:disgust me|make me sick|sicken me)",
    ),
    "rehash_breakup": (
        # "I still don't get why you left" is still going back over the breakup.
        r"why (?:did |do |would )?(?:<you>|we|it|things) (?:really |even |actually |just )?"
        r"<ex_verb>",
        r"was it (?:something i|because|me|my fault|your fault)",
        r"<you> cheated on me",
    ),
    "declares_feelings": (
        r"<cant> stop thinking (?:about|of) <you>",
        r"never stopped (?:loving|thinking about|missing) <you>",
    ),
    # Never argued away by a negation: safety first, even at the cost of showing
    # support resources to someone who only wrote "I'd never hurt myself".
    "self_harm": (
        r"(?:kill|killing|hurt|hurting|harm|harming|cut|cutting) my ?self",
        r"(?:end|ending|take|taking) (?:my (?:own )?life|it all)",
        r"(?:want|wanna|going) to die",
        r"(?:wish i (?:was|were)|rather be|better off) dead",
        r"(?:don'?t|do not|no longer) (?:want|wanna) (?:to )?(?:be alive|live|be here|exist)",
        r"<cant> (?:live|go on) without <you>",
        r"(?:no|don'?t see the|dont see the|what'?s the) (?:reason|point) (?:to|in|of) "
        r"(?:live|living|going on|being alive|being here)",
        r"better off without me",
        r"(?:<cant>|don'?t think i can|not sure i can) (?:keep going|go on|take (?:it|this) "
        r"any ?more)",
        r"(?:notice|care|miss me) if i (?:was|were) gone",
        r"(?:won'?t|will not|wont) be (?:around|here) (?:much |for )?(?:longer|long|anymore)",
        r"(?:won'?t|will not|wont) need (?:it|them|this|anything) where <im> going",
        r"suicid\w*",
        r"(?:not|never) wake up",
        r"overdose",
    ),
}

EXCEPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "offers_dropoff": (
        r"<you> (?:can |could |want to |wanna |'?d like to |are welcome to |may )?"
        r"(?:drop|swing|pop|come|stop) (?:by|over|round)",
        r"(?:come|swing|pop|stop) (?:by|over|round) (?:for|to (?:get|grab|collect|pick))",
    ),
    "hostile": (r"f (?:off|this)(?= \w+ (?:day|week))",),
    "mind_games": (
        r"(?:as|be|being) my (?:new )?<partner>",
        r"(?:are|r|<youre>) <you>? ?(?:still )?(?:seeing|dating) (?:some|any)(?:one|body)",
    ),
    "declares_feelings": (r"miss <you> (?:at|on) the",),
}

ROMANTIC_INTENT: Final[tuple[str, ...]] = (
    r"(?:get|getting|be|being) back together",
    r"back together",
    r"(?:be|being) together again",
    r"(?:be|being) with <you> again",
    r"(?:want|need|like) (?:<you>|us) back",
    r"(?:another|a second|a fresh) (?:try|chance|go|shot|start)",
    r"relationship",
    r"romantic(?:ally)?",
    r"(?:as|be) (?:a couple|partners|my partner|your partner)",
    r"couple again",
    r"try again",
    r"be (?:your|my) (?:boyfriend|girlfriend|partner)",
)

ASKS_ONLY_IF_SAME: Final[tuple[str, ...]] = (
    r"if <you> (?!don'?t|do not|never)(?:ever |also |too |do )?(?:\w+ )?(?:want|feel|"
    r"would like|'?d like|wish|decide|are ready|'?re ready|re ready)(?: \w+){0,3}? "
    r"(?:the same|that too|it too|this too|that as well|too|the same way|the same thing)",
    r"if (?:that'?s|this is|it'?s|this'?s) (?:something|what) <you> (?:also )?(?:want|'?d like|"
    r"would like|feel)",
    r"if <youre> (?:ever |also )?ready for (?:that|this|us)",
    r"if <you> (?:ever )?change <your> mind",
)
