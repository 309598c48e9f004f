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
    "youve": r"(?:you'?ve|you have|u'?ve|uve)",
    "intensifier": r"(?:so|such|really|very|completely|totally|utterly|absolutely|honestly|"
    r"literally|just|a|an|such a|complete|total|absolute|utter|pretty|kind of|kinda|too|"
    r"still|proper|bit of a|bit)",
    # "you're ..." without "your": "your snake plant" is not an insult.
    "youre_strict": r"(?:you'?re|you are|u r|ur|youre)",
    # What someone is called in anger: "you're a ...", "you ...", "a ... like you".
    "insult": r"(?:pathetic|liar|idiot|loser|joke|clown|selfish|disgusting|coward|narcissist|"
    r"psycho|bitch|asshole|arsehole|jerk|moron|stupid|worthless|monster|cheat(?! on| at)|cheater|"
    r"snake|rat|cow|pig|prick|bastard|dickhead|scumbag|slag|tosser|twat|creep|unbelievable|"
    r"vile|toxic|disgrace|heartless|spineless|waste of (?:space|oxygen|air)|"
    r"piece of (?:shit|work|crap))",
    "insult_noun": r"(?:liar|idiot|loser|clown|coward|narcissist|psycho|bitch|asshole|arsehole|"
    r"jerk|moron|monster|cheat(?! on| at)|cheater|snake|cow|prick|bastard|dickhead|scumbag|slag|"
    r"tosser|twat|creep|waste of (?:space|oxygen|air)|piece of (?:shit|work|crap))",
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
        r"give me (?:just )?(?:a|one|one more|another|a second|one last|a real) "
        r"(?:chance|try|shot|go)",
        r"<please>,? (?:just (?:answer|reply|respond|call me|text me back)|(?:just )?(?:hear me "
        r"out|listen|see me|meet me|give (?:me|us)))",
        r"(?:let me|i want to|i just want to|allow me to) prove (?:it |myself )?(?:to )?<you>",
        r"(?:show|prove to) <you> (?:that )?<ive> changed",
        r"(?:see|meet) me (?:just )?(?:once|one (?:more|last) time)(?= *[.!?,]| *$| more| again|"
        r" please)",
        r"let me see <you> (?:once|one (?:more|last) time|again)",
        r"(?:<cant>|couldn'?t|won'?t|will|would|could) <you> (?:please |just )*"
        r"(?:reconsider|rethink|think again|give (?:it|us|me) another)",
        r"(?:please |just )+reconsider",
        r"come back to me",
        r"<cant> lose <you>",
        r"do anything (?:for <you>|to (?:get <you>|have <you>|fix (?:this|us|it)|make (?:this|it|"
        r"us) (?:work|right)|be with <you>))",
        r"just hear me out",
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
        r"(?:shame|typical) (?:that )?<you> (?:didn'?t|never|forgot)",
        r"(?:this is |that'?s )?how <you> repay me",
        r"repay me",
        r"i (?:gave up|sacrificed|threw away|wasted) (?:[\w']+ ){0,4}(?:for|on) <you>",
        r"i put (?:[\w']+ ){0,3}on hold for <you>",
        r"i gave <you> (?:[\w']+ ){0,3}(?:years?|months?|my life|my heart|my youth)",
        r"(?:what|everything|all) <you> put me through",
        r"<you> could(?: have)? (?:at least|have at least)",
        r"the least <you> can do",
        r"how (?:do|can|does|could) <you> (?:even )?sleep at night",
        r"sleep at night (?:knowing|after)",
        r"<youve> (?:ruined|wrecked|destroyed|thrown away|broken) (?:everything|my life|us|"
        r"what we had|it all|me)",
        r"<you> (?:just )?left me (?:to|on my own|by myself)",
        r"(?:that'?s|it'?s|this is|it was) (?:all )?(?:on <you>|<your> fault)",
        r"<you> (?:really |so |badly )?(?:hurt|betrayed|used|abandoned|dumped) us",
        r"(?:look|see) what <you>(?:'?ve| have)? (?:made|done to) me",
        r"<you> made me (?:like this|this way|feel (?:like )?(?:nothing|worthless|stupid|small|"
        r"crazy|unlovable))",
        r"hope <youre> proud",
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
        r"<im> (?:<intensifier> )*(?:mess|wreck|state|disaster|shell of (?:my|who)|"
        r"broken|miserable|depressed|devastated|heartbroken|lonely|hopeless|numb|lost|low)"
        r"(?! (?:of|at|for|in|with|about|on|to|from|battery|cause|as|and)\b)",
        r"<im> (?:in (?:a |such a )?(?:bad|dark|terrible|awful|horrible|rough) (?:place|way|"
        r"state))",
        r"(?:hardly|barely|can hardly|can barely) (?:eat|sleep|function|cope|breathe|work|"
        r"focus|get up|get out of bed|holding (?:it )?(?:together|on|up)|keeping it together|"
        r"hanging on|coping|surviving|getting through)",
        r"(?:hardest|worst|darkest|loneliest) (?:[\w']+ ){0,3}of my life",
        r"(?:my life|everything|my world|it all|i)(?:'?s| is| has| have| am|'?ve)? "
        r"(?:(?:just|completely|totally|all|really|kind of|been) )*(?:falling|fallen|fell|"
        r"coming|come) (?:apart|to pieces|undone)",
        r"(?:don'?t|do not) have (?:any ?one|anybody|no ?one) (?:else )?(?:to talk to|left|"
        r"to turn to)",
        r"(?:i have |i'?ve got |got )?(?:no ?one|nobody|no one else) (?:else )?(?:to talk to|left|"
        r"to turn to|checks on me|calls me|asks)",
        r"(?:lost|losing) (?:[\w']+ ){0,3}weight(?! (?:training|running|on purpose))",
        r"drinking (?:myself to sleep|every (?:night|day)|all (?:night|day)|to (?:forget|sleep|"
        r"cope))",
        r"crying (?:myself to sleep|every (?:night|day)|all (?:night|day)|a lot|so much|"
        r"non-?stop|constantly)",
        r"(?:alone|sofa|couch|bed|floor) (?:[\w']+ ){0,2}crying",
        r"spent (?:it|christmas|new year'?s?|my birthday|the (?:day|night|weekend|holidays)) "
        r"(?:all )?alone",
        r"<ive> been (?:so|really|very|pretty|quite|completely|super|feeling so|feeling really) "
        r"(?:low|down|alone|lost|broken|empty|hopeless|numb)(?! (?:the|to|at|in|on|with)\b)",
        r"(?:so|too) lonely",
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
        r"wait(?:ing)? (?:forever|much longer|any longer|any ?more)",
        r"(?:done|finished|through|tired of|sick of) waiting",
        r"answer (?:the|my) (?:question|texts?|messages?|calls?)",
        r"(?:keep|keeping) (?:calling|ringing|texting|messaging|trying|turning up) (?:until|till|"
        r"til)",
        r"until <you> (?:pick up|answer|reply|respond|talk to me)",
        r"tell me (?:yes or no )?(?:right )?now",
        r"yes or no(?:,)? (?:right )?now",
        r"i expect (?:a|an|<your>) (?:reply|answer|response|call|explanation)",
        r"whether <you> like it or not",
        r"(?:^|(?<=[.!?] ))(?:reply|answer|respond|answer me|reply to me|call me back)(?=[.!]+"
        r"(?:\s|$)|$)",
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
        r"(?:do|did) <you> (?:ever |even |really )?regret (?:it|leaving|ending|breaking|dumping|"
        r"walking|us|that|what|letting)",
        r"what (?:i|we) (?:did|could(?:'ve| have) done|should(?:'ve| have) done|do) "
        r"(?:wrong|differently)",
        r"(?:something|anything) i could(?:'ve| have) done (?:differently|better)",
        r"our (?:last |final |big |stupid )?(?:fight|argument|row)s?",
        r"(?:that|the) (?:last|final|big|stupid) (?:fight|argument|row)(?! of)",
        r"(?:replaying|replay|replayed) (?:[\w']+ ){0,2}(?:it|everything|what happened|that night|"
        r"our|the|us|how|what)",
        r"(?:going|go|went|gone) over (?:it all|everything|what happened|that night|us|how (?:it|we|"
        r"things) ended|our (?:\w+ )?(?:fight|argument|conversation|relationship|<breakup>))",
        r"(?:real |proper |honest |actual )?reason (?:for|why) (?:<you> )?(?:leaving|ending|"
        r"breaking|dumping|walking|<ex_verb>)",
        r"(?:should|could)(?:'ve| have) (?:worked (?:it|things|this) (?:out|through)|fought for "
        r"us|tried harder|made it work)",
        r"(?:walking|walked|walk) out (?:on (?:me|us)|like that)",
        r"(?:how|why|where) (?:it|things|we|it all|everything) (?:all )?(?:went|got|go|going) "
        r"(?:so )?wrong",
        r"(?:how|the way|why) (?:things|it|we|you) (?:\w+ )?(?:split up|broke up|ended it|split)"
        r"(?=[.!?,;]| *$| (?:up|with|so|like)\b)",
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
        r"(?:are|r) <you> (?:still |now |finally )?(?:single|taken|seeing anyone|dating anyone)",
        r"(?:is it|are <you>|r <you>|things) (?:\w+ )?(?:serious|official|exclusive) with",
        r"any(?:one|body) special",
        r"some(?:one|body) special(?= *\?)",
        r"(?:are|r) <you> (?:back |still |even |already )?on (?:the )?(?:apps|tinder|hinge|bumble|"
        r"dating apps?|dating sites?)",
        r"<you> (?:seeing|dating|with) (?:any|some)(?:one|body) (?:new |else )?(?:now|already|"
        r"yet)",
        r"(?:is|are) (?:he|she|they) <your> (?:new )?<partner>",
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
        r"<im> (?:still |so |really |completely |totally |madly |deeply )*in love with <you>",
        r"miss(?:ed|ing)? (?:seeing|hearing from|holding|hugging|kissing|waking up (?:next to|"
        r"with)|texting|calling|talking to|being with) <you>",
        r"(?:<youre>|<you> (?:were|was|are)|<you>(?:'?ll| will) always be) (?:still )?"
        r"(?:the best thing (?:that )?(?:ever )?happened to me|the best thing in my life|"
        r"the one(?: for me)?(?= *[.!?,;]| *$)|my (?:person|everything|soul ?mate|world|home)|"
        r"the love of my life)",
        r"(?:no ?one|nobody|no one else) (?:else )?(?:compares|comes close)(?: to <you>)?"
        r"(?= *[.!?,;]| *$)",
        r"<you> (?:still )?mean (?:everything|the world|so much|a lot) to me",
        r"(?:all|only) i (?:think about|want) is <you>",
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
        r"meant to (?:send|text|message) (?:that|this|it)",
        r"(?:sent|send|texted) (?:that|this|it) to the wrong",
        r"(?:testing|checking|seeing) (?:if|whether) (?:this|<your>|my|the) (?:number|phone)",
        r"(?:this|<your>|the) number still works",
        r"glow(?:ed)?[- ]?up",
        r"(?:got|'?ve got|have) a (?:hot )?date (?:tonight|tomorrow|later|this \w+|on \w+day)",
        r"(?:going|off|out|heading out) on a (?:hot )?date",
        r"(?:an |any |just an |the perfect )?excuse to (?:text|message|talk|say hi|see|write|"
        r"reach out|contact|hear)",
        r"(?:everyone|everybody|people|my friends) (?:\w+ ){0,2}(?:say|says|said|saying|tell|tells|"
        r"telling)(?: me)? (?:that )?<ive> (?:had|got|changed|glowed)",
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
        r"<ill> (?:bring|drop|take|drive|run|deliver|carry|ship|post|mail|courier) "
        r"(?:[\w']+ ){0,5}?(?:to|at|round|over to) (?:<your>|<you>|yours)",
        r"(?:mail|post|ship|send|courier|deliver) (?:[\w']+ ){0,3}?(?:back )?to <your> (?:new |old |"
        r"mum'?s |mom'?s |dad'?s |parents'? |\w+'s )?(?:place|house|flat|apartment|address|work|"
        r"office|door)",
        r"(?:pop|put|push|drop|post) (?:it|them|\w+|<your> \w+) (?:through|in|into) <your> "
        r"(?:letterbox|letter box|door|mailbox|postbox)",
        r"(?:let|allow) me (?:drop|bring|deliver|return|run) (?:it|them|<your>|the|everything|"
        r"these|those)",
        r"(?:deliver|return) (?:it|them|everything|the \w+|<your> (?:\w+ )?\w+) to <you>",
    ),
    "friendship_offer": (
        r"(?:be|stay|remain) in <your> life",
        r"(?:stay|keep) in touch",
        r"(?:be|stay|remain|being|staying|remaining|just) friends",
        r"as (?:just )?friends",
        r"friendship",
        r"friends (?:first|for now)",
        r"(?:be|stay|remain|being|staying|remaining|just) (?:mates|pals|buddies)",
        r"as (?:a )?(?:friend|mate|pal)s?",
        r"(?:keep|have) <you> in my life",
        r"(?:could|can|might) (?:still|at least) (?:hang out|see each other|grab (?:a )?(?:coffee|"
        r"drink)|meet up|be close|be there for each other)",
    ),
}

FIXED_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "begging": (
        r"(?:<please> )?don'?t (?:give up on|leave|shut out|walk away from|turn <your> back on) "
        r"(?:me|us)(?! (?:on read|hanging|waiting))",
        r"don'?t (?:do this|throw (?:this|it|us) away)(?: to (?:me|us))?",
    ),
    "guilt": (
        r"<you> (?:never|didn'?t) (?:even )?(?:said sorry|say sorry|apologi[sz]ed|apologi[sz]e|"
        r"fought for (?:me|us))",
        r"(?:guess |so )?i (?:wasn'?t|was not|am not|'?m not|ain'?t) (?:even )?worth (?:a|an|the|it|"
        r"your)",
        r"not even worth a",
        r"<you> (?:don'?t|didn'?t|never|do not|did not) (?:even )?(?:seem(?:ed)? to |really )?care"
        r"(?! (?:either|which|what|when|where|if|whether|about the))",
        r"<you> (?:didn'?t|couldn'?t|never) even (?:bother|say|text|call|ask|try|remember)",
    ),
    "pity": (
        r"(?:haven'?t|can'?t|couldn'?t|not) (?:slept|eaten|sleep|eat) (?:properly|at all|in "
        r"(?:days|weeks))",
        r"<im> not (?:doing |coping |feeling )?(?:ok|okay|well|good|great|coping|fine|alright|"
        r"managing)(?: at all)?(?! with| about| to)",
        r"<im> nothing without <you>",
    ),
    # An insult stays an insult after "if you say no": no negation can soften these.
    "hostile": (
        r"<youre_strict> (?:such |so |a |an |just |really )*(?:\w+ )?(?:pathetic|liar|idiot|loser|joke|"
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
        r"<your> (?:junk|crap|shit|garbage|trash)(?! (?:bags?|bins?|cans?|day|collection))",
        r"(?:shut up|get lost|piss off)",
        r"worst thing that (?:ever )?happened to me",
        r"<you> (?:disgust me|make me sick|sicken me)",
        r"<youre_strict> (?:<intensifier> )*<insult>",
        r"<you> (?:<intensifier> )*(?:\w+ )?<insult_noun>",
        r"(?:a|an|such a) (?:\w+ )?<insult> like <you>",
        r"waste of (?:space|oxygen|air)",
        r"dead to me",
        r"hope (?:she|he|they|it) (?:was|were|is|'s) worth it",
        r"enjoy <your> (?:miserable|pathetic|sad|lonely|sorry|fake|shallow|boring|empty|little) "
        r"(?:\w+ )?life",
        r"(?:^|(?<=[.!?] )|just |seriously,? )grow up(?= *[.!,]| *$)",
        r"get stuffed",
    ),
    "pressure": (
        r"(?:don'?t )?(?:leave|leaving|left) me (?:on read|hanging)",
        r"(?:<cant>|won'?t|not going to|not gonna) (?:keep )?(?:wait|waiting) (?:for <you> )?"
        r"(?:forever|much longer|any longer|any ?more)(?! to| for (?:the|that|this|it))",
    ),
    "rehash_breakup": (
        # "I still don't get why you left" is still going back over the breakup.
        r"why (?:did |do |would )?(?:<you>|we|it|things) (?:really |even |actually |just )?"
        r"<ex_verb>",
        r"was it (?:something i|because|me|my fault|your fault)",
        r"<you> cheated on me",
        r"(?:wasn'?t|was not|isn'?t|not) (?:all |entirely |really |even )?my fault",
        r"(?:was|is) (?:all |mostly |partly )?my fault",
    ),
    "declares_feelings": (
        r"<cant> stop thinking (?:about|of) <you>",
        r"never stopped (?:loving|thinking about|missing) <you>",
    ),
    # Never argued away by a negation: safety first, even at the cost of showing
    # support resources to someone who only wrote "I'd never hurt myself". The
    # shared phrases of ``core/crisis.py`` ("kill myself", "want to die", "better
    # off without me"...) are checked too; these are the ones only a draft needs.
    "self_harm": (
        r"(?:end|ending|take|taking) (?:my (?:own )?life|it all)",
        r"going to die(?! (?:of|from|laughing|for|when|if))",
        r"<cant> (?:live|go on) without <you>",
        r"(?:no|don'?t see the|dont see the|what'?s the) (?:reason|point) (?:to|in|of) "
        r"(?:live|living|going on|being alive|being here)",
        r"(?:<cant>|don'?t think i can|not sure i can) (?:keep going|go on|take (?:it|this) "
        r"any ?more)",
        r"(?:notice|care|miss me) if i (?:was|were) gone",
        r"(?:won'?t|will not|wont) be (?:around|here) (?:much |for )?(?:longer|long|anymore)",
        r"(?:won'?t|will not|wont) need (?:it|them|this|anything) where <im> going",
        r"(?:not|never) wake up",
        r"disappear(?:ed)? (?:for good|forever|for ever|permanently)",
        r"(?:all|a bunch of|a load of|loads of|a handful of|the whole (?:box|bottle|packet|pack) "
        r"of|every one of) (?:my |the |those )?(?:pills|tablets|meds)",
        r"(?:easier|better) for (?:everyone|everybody|you all|all of you) if i (?:just )?"
        r"(?:(?:wasn'?t|weren'?t) (?:here|around|alive)|(?:was|were) gone|disappeared|died|"
        r"didn'?t exist|vanished)",
        r"do something (?:stupid|drastic)",
        r"(?:don'?t see any|dont see any) (?:reason|point) (?:to|in|of) (?:live|living|"
        r"go on|going on|keep going|carry on|carrying on)",
    ),
}

EXCEPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "offers_dropoff": (
        r"<you> (?:can |could |want to |wanna |'?d like to |are welcome to |may )?"
        r"(?:drop|swing|pop|come|stop) (?:by|over|round)",
        r"(?:come|swing|pop|stop) (?:by|over|round) (?:for|to (?:get|grab|collect|pick))",
        r"(?:come|swing|pop|stop|drop) (?:by|over|round|in) (?:and|to) (?:get|grab|collect|pick|"
        r"fetch)",
    ),
    "hostile": (
        r"f (?:off|this)(?= \w+ (?:day|week))",
        r"(?:i|we|they|always|often|easily|to|might|could|would|will|'?ll|usually|don'?t) get lost",
    ),
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
    r"as (?:boyfriend|girlfriend) and (?:boyfriend|girlfriend)",
    r"as (?:a couple|partners|lovers)",
    r"(?:another|a second|a fresh|one more) (?:try|chance|go|shot|start) (?:at|with|for) us",
)

ASKS_ONLY_IF_SAME: Final[tuple[str, ...]] = (
    r"if <you> (?!don'?t|do not|never)(?:ever |also |too |do )?(?:\w+ )?(?:want|feel|"
    r"would like|'?d like|wish|decide|are ready|'?re ready|re ready)(?: \w+){0,3}? "
    r"(?:the same|that too|it too|this too|that as well|too|the same way|the same thing)",
    r"if (?:that'?s|this is|it'?s|this'?s) (?:something|what) <you> (?:also )?(?:want|'?d like|"
    r"would like|feel)",
    r"if <youre> (?:ever |also )?ready for (?:that|this|us)",
    r"if <you> (?:ever )?change <your> mind",
    r"if (?:that'?s|this is|it'?s|this'?s) (?:not )?(?:something|what) <you> (?:also )?"
    r"(?:want|'?d like|would like|feel)",
    r"if <youre> (?:\w+ )?on the same page",
    r"if <youre> (?:also |ever |at all )?(?:interested|open to|up for|keen on|into|feeling)"
    r"(?: \w+){0,3}? (?:too|as well|also|the same)",
    r"only (?:if|when) <you> (?:\w+ )?(?:want|feel|are ready|'?re ready)",
)
