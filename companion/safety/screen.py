"""Deterministic risk screen that runs before Rasa: pure, fast, and measured on eval/.

Layers, in order: normalise the text (accents, apostrophes, txt-speak, repeated letters, dotted
slang) → take explicit denials out ("im not suicidal") → look for method-seeking (never excused
by "for a friend" or "for a story") → look for risk in each category → excuse matches that sit
in a clear recovery, news/education or game context without present-tense risk → look for
ambiguous phrases that deserve a direct question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from companion.safety.coded_terms import BODY, CODED_SOURCE, LOVED_ONE

Level = Literal["none", "ask", "medium", "high"]
REASONS = (
    "suicide",
    "passive",
    "plan",
    "method",
    "self_harm",
    "harm_to_others",
    "abuse",
    "third_person",
    "ambiguous",
)


@dataclass(frozen=True)
class ScreenResult:
    """The screen's decision about one message."""

    escalate: bool
    level: Level
    reason: str


NO_RISK = ScreenResult(escalate=False, level="none", reason="")

# ---- normalisation -------------------------------------------------------------------------

_WORDS = {
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "iam": "i am",
    "imma": "i am going to",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "tryna": "trying to",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "isnt": "is not",
    "aint": "is not",
    "havent": "have not",
    "u": "you",
    "ur": "your",
    "r": "are",
    "rn": "right now",
    "tn": "tonight",
    "2nite": "tonight",
    "tonite": "tonight",
    "2night": "tonight",
    "2day": "today",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "pls": "please",
    "plz": "please",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    "abt": "about",
    "wiv": "with",
    "msg": "message",
    "bout": "about",
    "n": "and",
    "til": "until",
    "till": "until",
    "msgs": "messages",
    "txt": "text",
    "whare": "home",
    "ngl": "not going to lie",
    "myslef": "myself",
    "mysefl": "myself",
    "myelf": "myself",
    "mysef": "myself",
    "meself": "myself",
    "mself": "myself",
    "urself": "yourself",
    "themself": "themselves",
    "himslef": "himself",
    "herslef": "herself",
    "suicde": "suicide",
    "sucide": "suicide",
    "suicdal": "suicidal",
    "sucidal": "suicidal",
    "suiside": "suicide",
    "kil": "kill",
    "killl": "kill",
    "wnat": "want",
    "watn": "want",
    "anymroe": "any more",
    "tonights": "tonight is",
    "dye": "die",
    "ded": "dead",
    "alife": "alive",
    "anymore": "any more",
    "nomore": "no more",
    "everythings": "everything is",
    "noone": "no one",
    "nobodys": "nobody is",
    "everyones": "everyone is",
    "whats": "what is",
    "thats": "that is",
    "theres": "there is",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "youre": "you are",
    "wasnt": "was not",
    "shouldnt": "should not",
    "couldnt": "could not",
    "od": "overdose",
    "oding": "overdosing",
    "ctb": "ctb",
    "s3lf": "self",
    "suicidel": "suicidal",
    "suicidle": "suicidal",
    "sucicidal": "suicidal",
    "unalive": "unalive",
    "sewerslide": "suicide",
    "suey": "suicide",
    "s*icide": "suicide",
    "su1c1de": "suicide",
    "k1ll": "kill",
    "d1e": "die",
}
_EMOJI = {
    "🔪": " knife ",
    "🗡": " knife ",
    "💊": " pills ",
    "🪦": " grave ",
    "🪢": " rope ",
    "⚰️": " coffin ",
    "⚰": " coffin ",
    "🔫": " gun ",
    "🩸": " blood ",
    "☠": " dead ",
    "💀": " skull ",
}


def normalise_text(text: str) -> str:
    """Lower-case, strip accents and apostrophes, collapse spaces: one spelling per word."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = stripped.lower().replace("’", "'").replace("‘", "'").replace("'", "")
    return re.sub(r"\s+", " ", lowered).strip()


_DOTTED_KMS = re.compile(r"\bk\W?m\W?s\b")  # k.m.s, k m s, k-m-s
_DOTTED_SH = re.compile(r"\bs\W?h\b")
_REPEATS = re.compile(r"(\w)\1{2,}")  # soooo -> soo, dieee -> diee
_LONG_E = re.compile(r"\b(\w+?)(ee+)\b")
_PUNCT = re.compile(r"[^\w\s]")
_MASKED = (  # k*ll, k!ll, d!e, un-alive: letters hidden behind symbols
    (re.compile(r"\bk[*!1|]ll"), "kill"),
    (re.compile(r"\bd[*!1|]e\b"), "die"),
    (re.compile(r"\bun\W?aliv"), "unaliv"),
    (re.compile(r"\bs[u*][i1!*]c[i1!*]d"), "suicid"),
)
# "ill" is "I'll" only before a verb ("feeling ill" stays as it is).
_ILL = re.compile(
    r" ill (be|do|end|go|make|never|not|just|stab|kill|hurt|take|jump|cut|get|see|have|try|"
    r"finally|kms|sleep|leave|die|shoot|bash|smash|run)\b"
)
_SEWER = re.compile(r"\bsewer ?slide\b|\bsuey ?side\b|\bsu ?icide\b")
_NUMBER_TO = re.compile(
    r"\b(want|wanna|going|gonna|need|ready|about|trying|try|wish|have|got|deserve) 2\b"
)


def _canonical(text: str) -> str:
    """Normalised text with slang expanded, for the patterns below."""
    text = normalise_text(text)
    for emoji, word in _EMOJI.items():
        text = text.replace(emoji, word)
    text = _DOTTED_KMS.sub("kms", text)
    text = _DOTTED_SH.sub("sh", text)
    for masked, word in _MASKED:
        text = masked.sub(word, text)
    text = _REPEATS.sub(r"\1\1", text)
    text = _LONG_E.sub(lambda m: m.group(1) + "e" if m.group(1) in {"di"} else m.group(0), text)
    text = _PUNCT.sub(" ", text)
    text = _SEWER.sub("suicide", text)
    text = _NUMBER_TO.sub(r"\1 to", text)
    words = [_WORDS.get(w, w) for w in text.split()]
    return _ILL.sub(r" i will \1", " " + " ".join(words) + " ")


def canonical_text(text: str) -> str:
    """The normalised form the patterns read (also what the learned classifier reads)."""
    return _canonical(text).strip()


def screen_reasons() -> tuple[str, ...]:
    """Every reason `screen_message` can give (plus "" when nothing was found)."""
    return REASONS


# ---- vocabulary ----------------------------------------------------------------------------

ME = r"(myself|my self|me self)"
THEM = r"(himself|herself|themselves|themself)"
PILLS = (
    r"(pills?|tablets?|panadol|paracetamol|pamol|ibuprofen|nurofen|meds|medications?|"
    r"medicine|insulin|antidepressants|sertraline|quetiapine|lithium|codeine|tramadol|"
    r"zopiclone|fluoxetine|citalopram|lorazepam|diazepam|valium|xanax|oxy|morphine)\b"
)
DEADLY = r"(lethal|fatal|deadly)"
# "tonights the night i finally finish my assignment" is a goal met, not a plan; so is a named
# first (session 28): "tonights the night, finally telling my mum im gay", "... im asking her to
# marry me", "... meeting his parents", "... coming out". Only these forms: "i meet my maker",
# "im meeting nan again", "telling my whanau i love them then im gone" stay plans.
NOT_A_GOAL = (
    r"(?! i (finally )?(finish|submit|start|clean|cook|watch|try|hand in|sort|tackle)\b)"
    # a goal done at last (session 30: "tonight is the night i finally go to the gym")
    r"(?! i (finally )?(go|get) (to|back to) (the )?(gym|pools?|class|yoga|group|meeting|church|"
    r"doctor|gp|dentist)\b| i (finally )?(go for|do) (a |my |the )?(first )?(walk|run|swim"
    r"|workout)\b)"
    r"(?! (i am |i )?(finally )?((tell|telling) (my|our|the) (mum|mom|dad|parents|family|whanau) "
    r"(i am|that i am) (gay|trans|bi|queer|pregnant|engaged)|(ask|asking) (her|him|them) (out|to "
    r"marry me)|(meet|meeting) (her|his|their) (parents|family|whanau)|(come|coming) out (to (my|"
    r"our) (mum|mom|dad|parents|family|whanau|friends|mates)|as (gay|trans|bi|queer|lesbian))))"
)
# A count that is an overdose, not a dose ("took 2 panadol" is a dose).
MANY = r"(\d\d+|[5-9]|ten|twenty|thirty|forty|fifty)"
MEANS = (
    r"(" + PILLS + r"|sleeping pills|"
    r"rope|noose|belt|cord|knife|knives|blade|blades|razor|razors|gun|rifle|shotgun|"
    r"bullets?|bridge|cliffs?|train|tracks|rail|motorway|building|roof|exhaust|hose|"
    r"charcoal|carbon monoxide|poison|bleach|weedkiller|paraquat|helium|car)"
)
ENDING = (
    r"(kill|killing|killin|knife|knifing|end|ending|off|offing|hang|hanging|drown|drowning|shoot|"
    r"shooting|poison|poisoning|overdose|overdosing|unalive|unaliving|top|topping|"
    r"suffocate|stab|stabbing|electrocute|gas)"
)
INTENT = (
    r"(want to|wanting to|wanted to|going to|gonna|will|am going to|plan to|planning to|"
    r"planning on|thinking about|thinking of|think about|thought about|decided to|"
    r"ready to|about to|need to|feel like|could|should|might|keep thinking about|"
    r"tempted to|urge to|urges to|tried to|trying to|try to|wish i could|wish i would)"
)
TIME = r"(tonight|today|tomorrow|this weekend|this week|right now|now|soon|after work|later)"
# Someone close, or for good, named later in the message: a goodbye to a place or a letter to an
# ex is no longer excused by its object (session 30)
_NOBODY_CLOSE_LATER = (
    rf"(?!.* ({LOVED_ONE}|kids|whanau|family|everyone|everybody|friends|forever|for good)\b)"
)
# A letter to an ex, an addiction or a younger self is a therapy exercise (session 30: "wrote a
# letter to my ex to say goodbye, closure feels good"), unless someone close is named with it
_THERAPY_LETTER = (
    r"(?!to (my|an|the) (ex|exes|addiction|old self|younger self|past self|future self|grief|"
    r"anxiety|depression|eating disorder|the drink|alcohol|meth|pokies|gambling)\b"
    + _NOBODY_CLOSE_LATER
    + ")"
)
# Blows in play: "hit my brother with a pillow", "punched me with a nerf ball"
_IN_PLAY = (
    r"with (a|the|my|his|her|some) (pillow|ball|snowball|water|nerf|towel|balloon|sock|news|"
    r"question|truth|bill|joke)"
)
# Someone named as the one who did it, and a partner among them (session 31)
_SOMEONE = r"(he|she|they|my \w+|his \w+|her \w+)"
_PARTNER = r"(partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|missus)"
# An attempt at or to something else (session 30): "my first attempt at sourdough"
_NOT_AT_A_GOAL = (
    r"(?!( (number|no) \w+| \d+)? (at|to|on|of)\b(?! (ending|end|killing|kill|taking|take|suicide"
    r"|it|die)\b))"
)
# An attempt told (session 30); "tried to end it with him" and a first attempt at a test are not
_AN_ATTEMPT = (
    r"(tried to (end it|end my life|kill myself|die|take my (own )?life|hang myself|overdose|"
    r"unalive myself)\b(?! with)|attempted( suicide)?\b(?! (to|the|a|my|it)\b)|(my|an|the|last|"
    rf"second|third|failed|suicide) attempt\b{_NOT_AT_A_GOAL}|overdosed\b(?! on (coffee|caffeine|"
    r"sugar|chocolate|lollies|netflix|\w+ (shows|episodes)))|almost (went|gone) through with it"
    r"|(hospital|ed|ward|icu) after (trying|my attempt|the overdose|overdosing))"
)
_GO_AGAIN = (
    r"(?<!not )(?<!never )(going to|will|want to|wanting to|planning to|might|ready to|scared i"
    r" will|afraid i will)( (?!never|not|ever)\w+)?( just)? (try again|try it again|do it again"
    r"|finish it|finish the job|get it right|do it properly|go through with it)\b"
)
PEOPLE = (
    r"(friend|mate|cousin|cuz|sister|sis|brother|bro|partner|son|daughter|boyfriend|"
    r"girlfriend|bf|gf|flatmate|mum|mom|dad|nephew|niece|whanau|aunty|auntie|uncle|"
    r"classmate|workmate|coworker|colleague|kid|teen|client|neighbour|nan|koro|husband|wife|"
    r"student|mokopuna|moko|tamariki|bestie|bestfriend|best friend|mate from)"
)


# Following someone lost to suicide (session 22): said beside the grief, the story is not over.
_FOLLOW = (
    r"(it is|its) my turn(?! to)|(i )?(want|wanna|going|gonna|will|thinking about|think about|"
    r"could) (to )?(go|do it|end it|die|doing it|going) the same way|same way,? same place"
    r"|(she|he|they) had the right idea|(want|wanna|going|gonna|will|ready) to (join|follow|"
    r"be with) (him|her|them)(?! (family|whanau|kids|mum|dad|parents|friends|mates|partner|"
    r"sister|brother|cousins|son|daughter|at|for|on|in)\b)|the same (things?|stuff) (he|she|"
    r"they) used|doing the same( thing)? now"
    # session 24: "killed himself and now i want to too"; session 25: "... i might do the same",
    # "i want to do it too" (not "i want to do it" alone)
    r"|(and )?(now )?i want to (too|as well)\b|(i am|i will be|me) next\b"
    r"|i (want|wanna|am going|am gonna|will|might|could|should) (to )?(do|try) ((it|that) (too|"
    r"as well|myself)|the same( thing)?)\b"
)

# Suicide or an overdose named as a topic, then followed or taken as one's own: "watched a doco
# on suicide and i want to do it too", "read about overdoses and thats my plan" (session 25); not
# of a prevention course or an awareness walk. It also holds back the topic excusal (_INSISTED):
# "the show about the guy who killed himself, i might do the same".
_TOPIC_TAKEN = (
    r" (suicide|suicides|overdose|overdoses|overdosing|hanged|self harm\w*|killed (himself|"
    r"herself|themselves))(?! (prevention|awareness|first aid|training|course|workshop|walk|talk|"
    r"helpline|line|research|support|reversal|kit)\b)( \w+){0,15}? (" + _FOLLOW + r"|(that|this) "
    r"is my plan)\b"
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# (reason, level, pattern) — checked in order; the first match decides.
_RISK_SOURCE: tuple[tuple[str, Level, str], ...] = (
    # plans, means, timing, imminence
    (
        "plan",
        "high",
        rf" (have|got|bought|saved|saving|stockpiled|stockpiling|collected|"
        rf"hoarded|hoarding|hid|hidden|counted|ready|set up|tied|sorted) "
        rf"(\w+ ){{0,4}}{MEANS} (\w+ ){{0,6}}(to (end|kill|die|do it|use)|"
        rf"for (when|tonight|later|it)|enough|ready|tonight|just in case|"
        rf"and (i am|im) (going to|ready)|to take them|all of them|"
        rf"to finish it)",
    ),
    (
        "plan",
        "high",
        r" (take|taking|took|swallow|swallowing|swallowed|down|downing|"
        r"downed|chug) (all|the whole|a whole|every|too many|heaps of|a heap of|"
        r"all of|all the|a full|the rest of|both) (my |the |those |these |of )?"
        r"(\w+ )?(pills|tablets|meds|medication|panadol|paracetamol|sleeping pills|"
        # a container of something else ("downed the whole bottle of coke") is not pills
        r"antidepressants|(packet|bottle|box)(?! of (?!(my |the |his |her )?(\w+ )?"
        + PILLS
        + r")))",
    ),
    (
        "plan",
        "high",
        r" (overdose|overdosing|overdosed) (tonight|now|on (my|all|the|his|her)"
        r" (pills|meds|tablets|medication|panadol|insulin))",
    ),
    (
        "plan",
        "high",
        r" (i am|i will|going to|want to|wanna|planning to|about to|gonna|"
        r"ready to|thinking about|thought about) (overdose|overdosing|"
        r"jump off|jumping off|jump in front|throw myself|step in front|walk in "
        r"front|hang myself|drown myself|drive off|crash my car|crash the car)",
    ),
    (
        "plan",
        "high",
        r" (jump|jumping|throw myself|throwing myself|step|stepping|walk|"
        r"walking|drive|driving|crash|crashing) (off|from|in front of|into) "
        r"(the |a |that )?(bridge|cliff|cliffs|building|roof|train|truck|bus|"
        r"traffic|motorway|car park|carpark|overpass|balcony|tower|harbour bridge"
        r"|oncoming)",
    ),
    (
        "plan",
        "high",
        r" (standing|sitting|stood|sat|am|i am|up) (on|at) (the |a )?(edge|"
        r"bridge|cliff|cliffs|roof|rooftop|top of the building|tracks|railway|"
        r"ledge|balcony)",
    ),
    ("plan", "high", r" (engine|car) (running|on) (in|with|inside) (the )?(garage|hose)"),
    (
        "plan",
        "high",
        r" (noose|hang myself|hanging myself|(?<!skipping )(?<!jump )(?<!jumping )(?<!tow )"
        r"(?<!climbing )rope (is|around|ready|tied|"
        r"up|from)(?! for (the |my |our )?(\w+ ){0,2}(tyre swing|swing|hammock|boat|tent|"
        r"clothesline|washing line)\b)|tied a rope|bought (a |some )?rope(?! for| ladder| swing)|"
        r"bought a knife(?! for))",
    ),
    # a means kept and said not to be for its everyday use (session 31: "got the knife from the
    # kitchen in my room. not for cooking lol"); not when its use is then named
    (
        "plan",
        "high",
        r" (knife|knives|blade|blades|razor|rope|pills|tablets|gun|rifle|hose|charcoal)( \w+){0,8}"
        r" (and )?(its |it is |theyre |they are )?not for (cooking|the (garden|kitchen|boat|"
        r"trailer|farm|veges|shed|washing line|clothesline|tyre swing)|gardening|fishing|hunting|"
        r"camping|dinner|tea|kai)\b(?! (its|it is|theyre|they are|but|its for|it is for) "
        r"(for|\w+ing)\b)",
    ),
    (
        "plan",
        "high",
        r" (wrote|writing|written|left|leaving|finished) (\w+ ){0,3}(suicide|"
        r"goodbye|farewell|last) (note|notes|letter|letters|message|messages) " + _THERAPY_LETTER,
    ),
    (
        "plan",
        "high",
        r" (wrote|writing|written|left|leaving) (\w+ ){0,4}(notes?|letters?) "
        + _THERAPY_LETTER
        + r"(\w+ ){0,5}(just in case|goodbye|for when i am gone|for after|"
        r"for my (whanau|family|kids|mum))"
        # where it will be found, as the end of the message (session 24, risk_eval.yml's one live
        # miss): "left a note on my bed"; not "... for my partner, happy anniversary"
        r"| (left|leaving|wrote|written) (a|the|my) (note|letter) (on|in|under) (my|the) (bed|"
        r"pillow|bench|table|desk|drawer) $",
    ),
    (
        "plan",
        "high",
        r" (giving|gave|give) away (all |most of |most )?(my )?(stuff|things|"
        r"belongings|possessions|stuff away|clothes|games|pets?)",
    ),
    (
        "plan",
        "high",
        r" (said|saying|say|texted|sent|messaged|written|wrote) (my )?(goodbyes|bye forever|"
        r"goodbye forever|final goodbye|goodbye to (everyone|everybody|my (whanau|family|kids|"
        r"mum|friends)))"
        # to a flat, a job or a class one is leaving, and to nobody with it (session 30)
        r"(?! to (the|my|our) (old )?(flat|house|place|job|team|workmates|coworkers|class"
        r"|classmates|school|uni|town|city|office|course)\b" + _NOBODY_CLOSE_LATER + ")"
        # at someone's farewell or at the airport (session 31: "said my goodbyes at the farewell
        # for my boss, good send off")
        r"(?! (at|to) (the|a|his|her|their|my|our) (\w+ )?(farewell|leaving do|send off|sendoff|"
        r"airport)\b)",
    ),
    (
        "plan",
        "high",
        r" (last|final) (message|night|day|goodbye|time you will hear from me)"
        r" (from me )?(alive|on earth|ever|before i go)",
    ),
    ("plan", "high", r" this is (my|the) (last|final) (message|night|day|goodbye|post)"),
    (
        "plan",
        "high",
        r" (will not|wont|am not going to|not going to) (be here|be around|be "
        r"alive|wake up|see) (tomorrow|next week|much longer|by (tomorrow|"
        r"the weekend|morning|monday)|for long|anymore|any more)",
    ),
    (
        "plan",
        "high",
        rf" {INTENT} (kill|end|off|hang|drown|shoot|poison|unalive) "
        rf"{ME} (\w+ ){{0,3}}{TIME}",
    ),
    ("plan", "high", rf" (end|ending) (it|it all|my life|things|everything) {TIME}"),
    (
        "plan",
        "high",
        rf" tonight is the night{NOT_A_GOAL}| today is the day i (end|die|go)",
    ),
    (
        "plan",
        "high",
        r" (i have|i ve|got|have got) a (plan|date|method) (to|for) "
        r"(end|kill|die|suicide|it|dying|when)",
    ),
    (
        "plan",
        "high",
        r" (i have|have got|got|made|make|making) a plan (to|for|on how to)? ?"
        r"(end|kill|die|suicide|do it|dying)",
    ),
    (
        "plan",
        "high",
        r" (i|i have|i ve) (took|taken|swallowed|overdosed|cut|slit) .{0,30}"
        r"(on purpose|to end|to die|and i do not want help|too many|all of)",
    ),
    (
        "plan",
        "high",
        r" (tried|attempted|attempt) (to )?(kill|end|suicide|unalive|hang|"
        r"overdose|od)\w* (\w+ ){0,3}(last night|yesterday|today|this morning|"
        r"on the weekend|this week|again|tonight|last week)",
    ),
    ("plan", "high", r" (i|i have|i ve) (attempted|tried) again"),
    # an attempt told, then meaning to go again (session 30: "i tried to end it and i am going to
    # try again", "just got out of hospital after trying and i want to try again", "last time i
    # almost went through with it. next time i wont stop" were silent to the screen)
    (
        "suicide",
        "high",
        rf" {_AN_ATTEMPT} (\w+ ){{0,20}}({_GO_AGAIN}|next time i (will not|am not going to) "
        r"(stop|turn back|come back|pull out)\b)",
    ),
    (
        "plan",
        "high",
        # "meds sorted" is a script filled (session 30, eval/risk_dev_checkin.yml); pills sorted
        # are still a plan
        rf" ({MEANS}(?<! meds)(?<! medication)(?<! medicine) (all )?sorted|{MEANS} (all )?(saved|"
        rf"stashed|hidden|hid|ready|stockpiled|counted|lined up|set aside|put aside))( up| out)?"
        # into a pill box for the week is taking them as prescribed (session 30)
        rf"(?! (in|into) (the |a |my )?(new )?(weekly |daily |pill |dosette |blister |webster )?"
        rf"(box|organiser|organizer|pack)\b)",
    ),
    ("plan", "high", r" (use|using) (it|them|this|that|the \w+) on myself"),
    (
        "plan",
        "high",
        r" (ready|want|wanna|going|planning|about|decided|need|time) to end it"
        r"(?! (with|off|for (him|her|them|us)))",
    ),
    (
        "plan",
        "high",
        r" (i am|i feel) not safe (right now|tonight|with myself|at the moment|"
        r"on my own|alone|today)",
    ),
    (
        "plan",
        "high",
        rf" (saved|stashed|stockpiled|hoarded|collected|hidden|hid|kept) (up )?"
        rf"(all )?(my |the |some |enough )?{MEANS}",
    ),
    # method-seeking: never excused by "for a friend" / "for a story"
    (
        "method",
        "high",
        rf" how (many|much) (\w+ ){{0,4}}{MEANS} (\w+ ){{0,8}}(kill|killing|"
        rf"die|dying|dead|lethal|deadly|fatal|overdose|enough|end it|to take|"
        rf"it would take|would it take|does it take|to go|to not wake up|too many|too much|"
        rf"survive|to work|before you die|to never wake)",
    ),
    (
        "method",
        "high",
        r" how (many|much) (would|does|will) it take to (die|kill|end|"
        r"overdose|not wake)",
    ),
    (
        "method",
        "high",
        # "what amount of insulin would stop someones heart", "does mixing tramadol with beers
        # make you stop breathing"
        r" (how (many|much)|what (amount|dose)|would|will|does|do|can|could) (\w+ ){0,6}"
        + PILLS
        + r" (\w+ ){0,6}(stop (your|my|someones|someone s|a persons|a person s|the|their) "
        r"(heart|breathing)|make (you|me|someone|a person|them) stop breathing|"
        r"stop (you|me|someone) breathing)",
    ),
    (
        "method",
        "high",
        r" (lethal|fatal|deadly|toxic) (dose|amount|level|quantity|"
        r"combination)",
    ),
    (
        "method",
        "high",
        # "is 20 of them lethal", "would the fall be fatal"; a statement needs a means ("this
        # curry is lethal", "his tackles are deadly" are praise)
        rf" (is|are|would|will) (\w+ ){{0,6}}enough to (kill|die|end)"
        rf"|^ (is|are|would|will|could) (\w+ ){{0,6}}{DEADLY}"
        rf"| (is|are|would|will|could) (it|that|this|they|them|those|these) (\w+ ){{0,4}}{DEADLY}"
        rf"| {MEANS} (\w+ ){{0,4}}(is|are|would|will|could) (\w+ ){{0,3}}{DEADLY}"
        rf"| (is|are|would|will|could) (\w+ ){{0,4}}{MEANS} (\w+ ){{0,3}}{DEADLY}"
        rf"| (which|what|whats) (\w+ ){{0,3}}(is|are|would be|would) (\w+ ){{0,2}}{DEADLY}"
        rf"| (dose|amount|much|many) (that )?(would|will|is|could) (be )?{DEADLY}"
        rf"| {DEADLY} (to|if|when) (you )?(drink|take|swallow|eat|inhale|mix)",
    ),
    (
        "method",
        "high",
        r" (painless|quickest|fastest|easiest|best|surest|quietest|"
        r"least painful|most effective|most reliable|cleanest|simplest) "
        r"(way|ways|method|methods) (to|of) (die|dying|go|end|kill|suicide|"
        r"commit|do it|not wake|unalive|off myself)",
    ),
    (
        "method",
        "high",
        r" (how|ways) to (kill myself|kill yourself|end my life|end it|die "
        r"quickly|die painlessly|overdose|hang|slit|unalive|commit suicide|"
        r"not wake up|bleed out|suffocate|drown myself|poison myself)",
    ),
    (
        "method",
        "high",
        r" how (long|fast|quickly) (does it|would it|will it|do you|until "
        r"you|till you|to) (take to |take )?(bleed out|die|drown|suffocate|"
        r"lose consciousness|pass out and die|stop breathing|hang)",
    ),
    ("method", "high", r" bleed(ing)? out"),
    # suicide methods looked into or asked about, whatever the cover ("for a game im designing,
    # what are realistic suicide methods"; "ive been researching suicide methods all night")
    (
        "method",
        "high",
        r" (suicide|suicidal|overdose) (methods?|techniques?)\b"
        r"| (what|which) (floor|height|storey|story|bridge|cliff|drop) (\w+ ){0,4}(would|will|is|"
        r"do i need|would i need) (\w+ ){0,3}(certain|guaranteed|fatal|deadly|lethal|kill|"
        r"survive|survivable|die)\b",
    ),
    (
        "method",
        "high",
        r" (how|what ways|ways) (would|could|do|does|can|should) (someone|"
        r"a person|you|i|people|one) (end it|end their life|kill (themselves|"
        r"yourself|myself|himself|herself)|die|do it) (quickly|fast|painlessly|"
        r"quietly|without pain|for sure|properly)",
    ),
    (
        "method",
        "high",
        r" (which|what) (is|would be|works) (more|less|most|least|the most|the "
        r"least) (painless|painful|lethal|deadly|reliable|effective|quick|"
        r"quicker|certain)",
    ),
    (
        "method",
        "high",
        rf" (would|is|are|will|could) (\d+|a (packet|bottle|box|strip)|all|a "
        rf"whole \w+|two packets|twenty|fifty|thirty) (\w+ ){{0,2}}{MEANS} "
        rf"(be )?(enough|too much|lethal)",
    ),
    ("method", "high", r" (high|tall|deep|far) enough to (die|kill|not survive|end it)"),
    (
        "method",
        "high",
        r" (which|what) (bridge|building|cliff|cliffs|height|floor|pills|"
        r"meds|drug|drugs|poison|tablets|method) (\w+ ){0,5}(die|kill|"
        r"lethal|deadly|fatal|high enough|end it|not survive|would work|work "
        r"best|works best)",
    ),
    (
        "method",
        "high",
        r" (cut|slit) (\w+ ){0,2}(deep enough|vertical|the right way|artery|"
        r"arteries|vein|veins)",
    ),
    (
        "method",
        "high",
        r" (what|which) (happens|would happen) if (i|you|u|ya|someone|a person) (took|take|"
        r"swallowed|swallow|drank|drink) (all|a whole|the whole|every|too many|"
        r"a bottle|a packet|heaps|a bunch|a handful|a heap|(like )?"
        + MANY
        + r" (of )?(my |the |his |her )?(\w+ ){0,2}"
        + PILLS
        + ")",
    ),
    # suicide, direct
    (
        "suicide",
        "medium",
        r" (suicidal|(?<!to )(?<!by )suicide(?! rates| prevention| awareness| statistics)|"
        r"suicidality|kms|unalive|unaliving|unalived|"
        r"catch the bus to the afterlife|self delete|self deleting|"
        r"end it all|ending it all|end my life|ending my life|end my own "
        r"life|take my (own )?life|taking my (own )?life|off myself|"
        r"offing myself|top myself|topping myself|not be alive|neck myself"
        r"|rope myself|game end myself|delete myself|kys myself)",
    ),
    ("suicide", "medium", rf" {ENDING} {ME}"),
    (
        "suicide",
        "medium",
        r" (no|not any|any|a) (other )?way out (but|except|other than|apart "
        r"from) (dying|death|to die|suicide|ending it)",
    ),
    ("suicide", "medium", r" want out of (this )?(life|living|existence|world)"),
    (
        "suicide",
        "medium",
        r" (do not|dont|can not) trust myself (right now|tonight|alone|on my "
        r"own|around|with|any more)",
    ),
    (
        "suicide",
        "medium",
        r" (catch|catching|caught) the bus to the afterlife| afterlife "
        r"(tonight|soon|is calling)",
    ),
    (
        "suicide",
        "medium",
        r" (want|wanna|wanted|wanting|going|ready|wish|plan|planning|"
        r"about|need|trying|tempted|deserve|deserves) (to )?(die|be dead|"
        r"not exist|stop existing|not be alive|not live|disappear forever|"
        r"be gone forever|go to sleep forever|sleep forever|be with (my )?"
        r"(nan|koro|mum|dad|grandad|nana|papa|brother|sister) (again|for "
        r"real|in heaven)|join (my )?\w+ (in heaven|on the other side))",
    ),
    (
        "suicide",
        "medium",
        r" (just|really|honestly|literally|actually|seriously|so) "
        r"(want|wanna) (to )?die",
    ),
    (
        "suicide",
        "medium",
        r" i (want|wanna|wish i could|just want|really want) (to )?(die|"
        r"be dead)",
    ),
    ("suicide", "medium", r" (rather|better) (be )?dead"),
    (
        "suicide",
        "medium",
        r" death (is|seems|feels) (like )?(the only|my only|the best|"
        r"the answer|the way out|peaceful|like relief|better)",
    ),
    (
        "suicide",
        "medium",
        r" (do not|dont|never) (want|wanna) (to )?(be alive|live|exist|"
        r"wake up|be here any more|be here no more|be here now|go on "
        r"living|keep living|be on this earth|be in this world|"
        r"survive|see tomorrow)",
    ),
    (
        "suicide",
        "medium",
        r" ((life|living) (is not|is no longer|isnt|aint|not)|lifes not) worth "
        r"(living|it|the effort)",
    ),
    (
        "suicide",
        "medium",
        r" (no|nothing|no reason) (to live for|left to live for|reason "
        r"to (live|keep living|stay alive|keep going|be alive))",
    ),
    (
        "suicide",
        "medium",
        r" (what is the|no|whats the) point (in|of)? ?(living|being "
        r"alive|life|staying alive|going on|existing|my life|carrying on)",
    ),
    (
        "suicide",
        "medium",
        r" (thoughts|thinking|thought) (about|of) (dying|death|suicide|"
        r"ending (it|my life|myself|everything|things)\b(?! with)|not being "
        r"here|killing myself)",
    ),
    (
        "suicide",
        "medium",
        r" (my )?(suicidal )?thoughts (are|have been) (back|getting|"
        r"louder|worse|bad)",
    ),
    # passive ideation
    (
        "passive",
        "medium",
        r" better off (dead|without me|if i (was|were|am) (gone|dead|"
        r"not here|not around|never born))",
    ),
    (
        "passive",
        "medium",
        r" (happier|easier|fine|better|relieved|cope( fine)?) (\w+ ){0,3}"
        r"(without me|if i (was|were|am|wasnt|was not|were not) "
        r"(gone|dead|not here|not around|around|here))",
    ),
    (
        "passive",
        "medium",
        r" (sleep|go to sleep|fall asleep|close my eyes|lie down) and "
        r"(never|not|just not|not ever) (wake|open|get)",
    ),
    (
        "passive",
        "medium",
        r" (wish|hope|pray) (\w+ ){0,3}(not|never|do not|will not|"
        r"did not|would not) wake up",
    ),
    ("passive", "medium", r" (do not|dont|never) (want|wanna) to wake up"),
    (
        "passive",
        "medium",
        r" (wish|wishing) (i|that i) (was|were|had|could) (be )?(dead|"
        r"never been born|not born|not alive|not here|gone|disappear "
        r"forever|not exist|die)",
    ),
    (
        "passive",
        "medium",
        r" (no one|nobody|noone|none of them) would (even )?(notice|care|"
        r"miss me|miss me if)( if i (was|were|died|disappeared|was gone|"
        r"were gone|was not here))?",
    ),
    (
        "passive",
        "medium",
        r" (world|everyone|everybody|my (whanau|family|kids|friends)) "
        r"(would be|is|will be) (better|happier) (off )?without me",
    ),
    (
        "passive",
        "medium",
        r" (i am|i feel like|feel like) (just )?a burden (to|on) "
        r"(everyone|my whanau|my family|them|every)",
    ),
    (
        "passive",
        "medium",
        r" never (been )?born| (can not|do not want to|cant) (go on|keep "
        r"on|keep|carry on) living",
    ),
    ("passive", "medium", r" (tired|sick) of (living|being alive|life|existing|waking up)"),
    (
        "passive",
        "medium",
        r" (done|finished) with (life|living|being alive|this life|"
        r"existing)",
    ),
    (
        "passive",
        "medium",
        r" (i )?(do not|dont) (want|wanna) to be here (any more|no more|"
        r"anymore)",
    ),
    (
        "passive",
        "medium",
        r" can not (be here|exist|live like this|keep living) (any more|"
        r"no more|much longer)",
    ),
    ("passive", "medium", r" (picturing|imagining|planning) my (own )?(funeral|tangi)"),
    # session 22, from risk_dev_relapse.yml: grief for someone lost to suicide and a wish to
    # follow them, which the grief alone made a settled story ("my mate died by suicide in 2021
    # and i feel like its my turn now")
    (
        "suicide",
        "high",
        r" (died by suicide|took (his|her|their) (own )?life|killed (himself|herself|themselves)|"
        r"(lost|lose) (\w+ ){0,3}to suicide|(his|her|their|(my|our) \w+s) suicide)\b"
        r"( \w+){0,25}? (?:" + _FOLLOW + ")",
    ),
    # session 25: suicide or an overdose as a topic, then taken as one's own
    (
        "suicide",
        "high",
        _TOPIC_TAKEN,
    ),
    (
        "passive",
        "medium",
        r" (if i )?(died|die) (tomorrow|tonight|today),? (no one|nobody|"
        r"i would not|i wouldnt) (would )?(care|mind|notice)",
    ),
    (
        "passive",
        "medium",
        r" want (it all|it|everything|life|this life|my life) to (end|be "
        r"over|stop) (for good|permanently|forever)",
    ),
    # self-harm
    (
        "self_harm",
        "medium",
        r" (self harm|selfharm|self harming|self harmed|self injur\w*|"
        r"self hurt\w*)",
    ),
    (
        "self_harm",
        "medium",
        r" (relapsed|relapse|relapsing|urges?|urge to|again|back to|"
        r"want to|wanna|going to|started|start) (on |doing |with )?"
        r"(sh|cutting|burning myself|self harm)\b",
    ),
    (
        "self_harm",
        "medium",
        r" (been |started |keep |kept )?(cutting|burning myself|self "
        r"harming|hurting myself|sh) (again|lately|every day|every night|"
        r"most nights|more and more)",
    ),
    ("self_harm", "medium", r" sh (again|urges?|scars?|tonight|is back|relapse|wounds?)"),
    (
        "self_harm",
        "medium",
        rf" (cut|cutting|cuts|slash|slashing|slashed|slit|burn|"
        rf"burning|burned|burnt|scratch|scratching|scratched|hit|hitting|"
        rf"punch|punching|punched|bang|banging|hurt|hurting|harm|harming|"
        rf"bruise|bruising|starve|starving|starved|punish|punishing|"
        rf"carve|carving|carved|pick at|scald) {ME}",
    ),
    (
        "self_harm",
        "medium",
        r" (cut|cutting|slash|slashing|slashed|slit|slitting|burn|"
        r"burning|carve|carving|carved) (my )?(wrists?|arms?|thighs?|legs?|"
        r"skin|stomach|hips?)"
        # session 25: "scratched my arms till they bled"; not an itch ("eczema", "bites")
        r"| (scratch|scratched|scratching|pick|picked|picking) (at )?(my )?(wrists?|arms?|"
        r"thighs?|legs?|skin) (\w+ ){0,2}(till|until|til|so hard) (they|it|its|it is) "
        r"(bled|bleed|bleeds|bleeding|raw)\b(?!.* (eczema|bites?|itch\w*|rash|hives|pox|"
        r"sandfl\w+|mozzie\w*|mosquito\w*|sunburn|dermatitis|psoriasis))",
    ),
    (
        "self_harm",
        "medium",
        r" (hitting|punching|banging) my (head|fists?) (against|into|on) "
        r"(the )?(wall|walls|floor|door)",
    ),
    (
        "self_harm",
        "medium",
        r" (razor|blade|blades|lighter|hot iron|cigarette|ciggie|durry) (\w+ ){0,3}(on|to|against"
        rf"|into) my {BODY}",
    ),
    # harm to others
    (
        "harm_to_others",
        "high",
        r" (going to|gonna|will|want to|wanna|plan to|planning to|"
        r"about to|ready to|i am going to|gonna go|mean to|"
        r"really going to) (kill|stab|shoot|murder|strangle|hurt|bash|smash|"
        r"beat up|attack|glass|burn|run over) (him|her|them|someone|"
        r"somebody|everyone|everybody|people|my \w+|the \w+|that \w+|"
        r"his \w+|her \w+)\b(?! (at|in|on) (fortnite|minecraft|the game|"
        r"cod|gta|valorant|the quiz|trivia|cards|chess|pool|darts))",
    ),
    (
        "harm_to_others",
        "high",
        r" (kill|stab|shoot|murder|strangle|hurt|bash|smash) (him|her|"
        r"them|my \w+|someone|that \w+)\b ?(\w+ ){0,4}i "
        r"(swear|mean it|am serious|will|promise|really will)"
        r"| (kill|stab|shoot|hurt) (him|her|them|my \w+)\b.{0,20}"
        r"(not joking|for real|i mean it|seriously)",
    ),
    (
        "harm_to_others",
        "high",
        r" (bring|take|taking|bringing) (a |my )?(gun|knife|weapon|"
        r"knives|machete) (to|into) (school|work|class|the office|"
        r"church|the mall)"
        # session 31: "going to put my fist through his face tomorrow"; a wall is not a person
        r"| (put|putting) my (fist|fists|boot|foot|knife|bat|head) (through|in|into) (his|her|their"
        r"|your|that \w+s|the \w+s) (face|head|skull|teeth)\b"
        # session 31: "thinking about going back and shooting the place up"
        r"| (shoot|shooting) (up (the place|the school|my (old )?school|the office|my work|the"
        r" mall|the church|the class)|(the place|the school|my (old )?school|the office|my work|"
        r"the mall|the church|the class) up)\b(?! with (photos|pics|a camera|the camera|my camera|"
        r"lights|paint))"
        r"| (shoot|shooting) (the lot of them|them all|all of them|everyone|everybody) (at|in) "
        r"(my (old )?)?(school|work|the office|church|class|the mall)",
    ),
    # a threat told as "next time" (session 30: "said next time itll be my head", "said next
    # time it wont be the wall", "he said next time hell finish the job" were silent)
    (
        "abuse",
        "high",
        r" (punched|punches|threw|throws|hit|hits|grabbed|choked|chokes|pushed|shoved|slapped"
        r"|kicked|bashed|strangled|raised (his|her|a) (fist|hand)|held a knife) (\w+ ){0,15}(said"
        r"|says|told me|threatened|threatens|reckons|warned|warns|screamed|yelled|texted) (\w+"
        r" ){0,2}next time (it|itll|its|he|hell|hes|she|shell|shes|they|theyll)( will| is| would|"
        r" might| could| is going to)?( not)? (be ((me|us|the kids|the baby)(?! (on|in|at|who"
        r"|that|to|for|with|\w+ing)\b)|my (head|face|neck|throat)|boiling|the wall)|finish (the"
        r" job|me|us)|(kill|hurt|choke|strangle|stab|bash) (me|us|you|the kids|the baby))\b",
    ),
    # violence one has done to one's partner, child or elder, told plainly (session 30: "i hit
    # my partner last night and im scared ill do it again", "i shook the baby", "i slapped my nan
    # today" were silent to the screen; siblings and play are not read)
    (
        "harm_to_others",
        "high",
        r" i ((?!never |not |did not |would not |could not |would |will )\w+ ){0,2}(hit|punched"
        r"|slapped|smacked|choked|strangled|shoved|pushed|kicked|shook|beat|bashed|headbutted"
        r"|threw (a |the |my )?(plate|cup|glass|mug|bottle|chair|phone|remote|kettle|knife|pan"
        r"|bowl|jar|brick|rock|stone|shoe|boot)s? at) (my|the|our) (own |little |baby |poor"
        r" )?(partner|wife|husband|girlfriend|boyfriend|gf|bf|missus|fiance|baby|babies|kid|kids"
        r"|son|daughter|child|children|toddler|pepi|tamariki|nan|nana|mum|mom|mother|dad|father"
        r"|koro)\b(?! (up|back|at|off|out|away|aside|awake|in (my|his|her|their|our) sleep|(in|on)"
        r" (a|the|my|his|her|their)( \w+)? (wheelchair|pram|stroller|buggy|swings?|trolley|bike"
        r"|scooter)|" + _IN_PLAY + r"|(to|into) (see|seeing|go|going|get|getting|try"
        r"|trying|call|calling|book|booking|the (car|door|bathroom|shops|finish|punch)))\b)",
    ),
    (
        "harm_to_others",
        "high",
        r" (hurt|kill|harm|stab) (my )?(baby|kids|children|"
        r"child|son|daughter|pēpi|pepi)",
    ),
    # abuse and unsafe home
    (
        "abuse",
        "high",
        r" (not|do not feel|dont feel|never feel|no longer feel|feel un|am un)"
        r" ?safe (at home|in my (home|house|whare)|here|with (him|her|them|my)|"
        r"around (him|her|them)|going home)",
    ),
    (
        "abuse",
        "high",
        r" (scared|afraid|terrified|frightened) (to go|of going|to be) "
        r"(home|back home|alone with)",
    ),
    (
        "abuse",
        "high",
        r" (scared|afraid|terrified|frightened) of (him|her|my (partner|"
        r"husband|wife|boyfriend|girlfriend|dad|father|stepdad|mum|mother|"
        r"uncle|ex|brother|flatmate))",
    ),
    (
        "abuse",
        "high",
        r" (he|she|they|my (partner|husband|wife|boyfriend|girlfriend|bf|gf|"
        r"dad|father|stepdad|step dad|mum|mother|stepmum|uncle|ex|brother|"
        r"flatmate|cousin|grandad|koro|nan|aunty|carer|coach|teacher)) "
        r"(hits|hit|beats|beat|chokes|choked|strangles|strangled|punches|"
        r"punched|kicks|kicked|slaps|slapped|hurts|hurt|rapes|raped|touches|"
        r"touched|molests|molested|threatens|threatened|forced|forces|pushed|"
        r"shoves|locks|locked|burns|burned|abuses|abused|assaulted|"
        r"sexually assaulted) (me|us|my (kids|children|son|daughter|baby|mum|"
        r"sister|brother|pepi))",
    ),
    (
        "abuse",
        "high",
        r" (he|she|they|my \w+) (said|says|threatened|threatens|keeps saying)"
        r" (he|she|they) (will|would|is going to|going to|gonna) (kill|hurt|"
        r"stab|bash|beat) (me|us|the kids|my)",
    ),
    (
        "abuse",
        "high",
        r" (he|she|they|my \w+) (is|are|has|have|has been|have been|is been|"
        r"keeps|been) ?(been )?(hurting|hitting|beating|choking|strangling|"
        r"abusing|touching|raping|threatening|kicking|punching) (me|us|my|the "
        r"kids|the baby)",
    ),
    # "dad's beating mum now": the possessive 's is "is" here, and the apostrophe is gone
    (
        "abuse",
        "high",
        r" (my )?(dad|father|stepdad|mum|mother|stepmum|uncle|partner|husband|boyfriend|bf|ex|"
        r"brother|koro|grandad|flatmate|cousin)s (always |just |still |been |keeps )?"
        r"(beating|hitting|hurting|touching|choking|strangling|kicking|punching|abusing|raping) "
        r"(me|us|mum|mom|nan|the kids|the baby|my (mum|mom|nan|sister|brother|siblings|baby|"
        r"kids|son|daughter))\b(?! (at|in|on|to|by)\b)",
    ),
    (
        "abuse",
        "high",
        r" (hell|shell|theyll|he will|she will|they will|he would|she would|"
        r"hed|shed|he is going to|she is going to|they are going to) (kill|hurt|"
        r"stab|bash|beat|strangle|choke) (me|us|the kids|my kids|my baby)",
    ),
    (
        "abuse",
        "high",
        r" (i am|i am being|being|getting) (abused|hit|beaten|raped|assaulted|"
        r"molested|choked|strangled|hurt at home|sexually abused)",
    ),
    (
        "abuse",
        "high",
        r" (family|domestic|partner) violence (at home|in my|is|again|"
        r"happening|tonight)",
    ),
    # session 31: "my partner shook the baby today when she wouldnt settle", "hospital visit was
    # for my ribs, told them i fell but it was him" were silent to every layer
    (
        "abuse",
        "high",
        rf" {_SOMEONE} (shook|shakes|was shaking|has been shaking|keeps shaking) (the|our|my|his|"
        r"her) (baby|newborn|pepi|toddler)\b(?!s? (rattle|bottle|toy|hand|blanket|bouncer|formula|"
        r"bassinet|cot|pram|capsule|seat|monitor|gently|awake|softly))"
        rf"| ({_SOMEONE}|who) (threatened|threatens|has threatened) to (hurt|kill|harm|stab|bash|"
        r"burn|smash|beat) (me|us|them|the kids|my kids|the baby|my baby|my son|my daughter)\b"
        r"| (told|tell|telling) (them|the \w+|everyone|work|my (boss|mum|doctor|gp|nurse)) (that )?"
        r"i (fell|tripped|slipped|walked into|bumped|fell over|fell down)( \w+){0,8} (but|really|"
        rf"actually) (it was|he did|she did) (him|her|them|my ({_PARTNER}|dad|stepdad|mum|stepmum|"
        r"flatmate|brother|uncle))\b",
    ),
    (
        "abuse",
        "high",
        r" (hurting|hits|hitting|beats|beating|burns|burning) (the|my|our) "
        r"(kids|baby|children|pepi|son|daughter|tamariki)",
    ),
    # third person
    (
        "third_person",
        "medium",
        rf" {PEOPLE} (\w+ ){{0,6}}(kill|killing|end|ending|hurt|"
        rf"hurting|cut|cutting|harm|harming|hang|hanging|drown|"
        rf"shoot|poison|overdose|unalive|off|top) {THEM}",
    ),
    (
        "third_person",
        "medium",
        rf" {PEOPLE} (\w+ ){{0,6}}(suicidal|suicide|end (his|her|"
        rf"their) (own )?life|take (his|her|their) (own )?life|"
        rf"(want|wants|wanted|going|gonna) (to )?die|self harm|"
        rf"kms|unalive|not want to be alive|does not want to "
        rf"(live|be here)|overdose|goodbye (message|post|note|letter)"
        rf"|suicide note|better off dead|has a plan|has pills)",
    ),
    (
        "third_person",
        "medium",
        rf" {PEOPLE} (\w+ ){{0,6}}(has|got|have|bought|is holding) "
        rf"(a |the |some |his |her )?(rope|gun|pills|knife|noose|"
        rf"blade)",
    ),
    (
        "third_person",
        "medium",
        rf" (kill|killing|end|hurt|hurting|cut|cutting|harm|harming|"
        rf"hang|unalive) {THEM} (tonight|today|now|soon|again|"
        rf"this weekend)",
    ),
    (
        "third_person",
        "medium",
        r" (posted|sent|wrote|left) (a |an |his |her |their )?"
        r"(goodbye|farewell|suicide) (message|post|note|letter|video|"
        r"text)",
    ),
)

_MORE_SOURCE: tuple[tuple[str, Level, str], ...] = (
    # plans and means, in more words
    (
        "plan",
        "high",
        r" (stockpiling|hoarding|stashing|saving up|saving|collecting|keeping|hiding)"
        r" (up )?(all )?(my |the |some |enough )?(\w+ )?" + MEANS,
    ),
    (
        "plan",
        "high",
        r" (save|saving|keep|keeping) (them|my meds|my pills|my tablets) (up )?"
        r"(for later|for when|for the right|for one day)",
    ),
    (
        "plan",
        "high",
        r" plan (for )?how (to|i would|i will|i am going to) do it| (got|picked|set|"
        r"chosen|have) a date (picked |set )?(to|for) (end|die|do it)| my plan is (to )?(die|end ("
        r"it|it all|my life|things|everything)\b(?! with))| do it (\w+ ){0,4}"
        r"when (i am|im) (alone|home alone|by myself)| (when|after|once) everyone "
        r"(is|has gone to) (asleep|sleep|bed)| how i would do it",
    ),
    (
        "plan",
        "high",
        r" (beam|beams|rafter|rafters|ceiling fan|tree|banister) (\w+ ){0,4}(hang|"
        r"hanging)| (hang|hanging) (\w+ ){0,4}(beam|beams|rafter|rafters|ceiling)| rope "
        r"(and|\+) (a )?(tree|beam)",
    ),
    (
        "plan",
        "high",
        r" (drive|driving|drove|steer) (my |the )?(car )?(into|off) (a |the )?(tree|"
        r"wall|pole|road|cliff|bridge|river|sea|oncoming|truck|power pole)",
    ),
    (
        "plan",
        "high",
        r" walk(ing)? into the (sea|ocean|river|water|lake|waves)| (drink|drinking|"
        r"drank|swallow|swallowed) (some |the |a bottle of |a cup of |half the |the whole )?"
        r"(bleach|poison|weed ?killer|rat poison|antifreeze|paraquat|drain cleaner)| charcoal and|"
        r" tape(d)? (up )?the (windows|doors|vents)",
    ),
    (
        "plan",
        "high",
        r" (pills|rope|knife|jumping|jump|bridge|train|gun|overdose) or (pills|rope|"
        r"knife|jumping|jump|bridge|train|the train|gun|overdose|hanging)",
    ),
    (
        "plan",
        "high",
        r" (sat|sitting|sit|stood|standing|lay|lying|lie|laid) (\w+ ){0,2}(on|at|near|"
        r"by) (the )?(train )?(tracks|railway|rail line|edge|ledge)| (pills|tablets|"
        r"knife|blade|rope|gun) in my hand| (keep|kept) (going|walking|driving) to the "
        r"(bridge|cliff|cliffs|tracks)| (cliff|bridge|tracks|train line|building) "
        r"(\w+ ){0,6}(keep thinking about|looking down|no fences|high enough)",
    ),
    (
        "plan",
        "high",
        r" (take|taking|took|swallow|swallowing) all (of )?(my |the )?(\w+ )?(at once|"
        r"in one go|together)| (took|taken|swallowed|had) ("
        + MANY
        + r"|a heap of|heaps of|a whole lot of|loads of) (\w+ )?"
        + MEANS
        # told as done ("i take a lot of pills for my heart" is a daily regimen)
        + r"| (took|taken|swallowed|downed|necked|popped|chugged) "
        r"(like |about |around |maybe |over |nearly |almost )?(a (whole |big |huge |full )?"
        r"(bunch|handful|heap|load|lot|pile|stack|strip|packet|pack|box|bottle|blister pack|"
        r"sheet) of|handfuls of|loads of|way too many|the (whole|entire|full) (box|bottle|"
        r"packet|pack|strip|blister|blister pack|script) of|every one of|all (of )?(my|the|those|"
        r"these|his|her)|"
        + MANY
        + r") (of )?(my |the |those |these |his |her )?(\w+ ){0,3}"
        + PILLS
        # a blister pack's days taken together: "took the whole week at once"
        + r"| (took|taken|swallowed|popped|downed|necked) the (whole|entire) (blister( pack)?\b|"
        r"(week|weeks|fortnight|month|months)( s)?( supply| worth)? (at once|in one go|"
        r"all together))"
        # ... or named after the pills (session 24): "took my meds. all of them. the whole months
        # supply"
        + r"| (took|taken|swallowed|downed) (my|the|all my) (\w+ )?(meds|pills|tablets)( \w+){0,3} "
        r"(the )?whole ((months?|weeks?) (worth|supply)|script|packet|box|bottle)\b"
        + r"| (i )?(have |just )?(took|taken|had|taking) an overdose| (i|have|just) "
        r"overdosed(?! on (netflix|chocolate|sugar|tv|reality|coffee|caffeine|carbs|"
        r"youtube|tiktok|social media|lollies|easter))",
    ),
    (
        "plan",
        "high",
        r" (he|she|they|someone) (is|are) (outside|here|at the door|coming|in the "
        r"house) (\w+ ){0,4}(with a|has a|holding a) (knife|gun|weapon|bat|machete)",
    ),
    (
        "plan",
        "high",
        r" (garage|shed) (\w+ ){0,4}(car|engine) (running|on)| (car|engine) (is )?"
        r"running (\w+ ){0,3}(garage|shed)",
    ),
    (
        "plan",
        "high",
        r" (because|since|as|cos|so) i (will not|wont|am not going to|wont be) be "
        r"(around|here|alive)| (ill|i will) be gone (soon|by|tomorrow|tonight|before)"
        r"| by (the weekend|tomorrow|monday|friday|next week|tonight) (ill|i will) be "
        r"gone| soon (ill|i will) be gone| soon it (will not|wont) matter",
    ),
    (
        "plan",
        "high",
        r" (giving|gave|give|given) (all )?(my )?(stuff|things|belongings|"
        r"possessions|clothes|games|pets?|dog|cat) away| gave my (dog|cat|pets?) to "
        r"(\w+ ){0,3}(because|since|as) i",
    ),
    (
        "plan",
        "high",
        r" (updated|wrote|made|writing) my will(?! (because|since|as|now|with|for|after))| (i am )?"
        r"saying goodbye now| (so )?done (\w+ ){0,2}"
        r"(knife|gun|pills|rope) ?$| (wrote|written|writing) letters "
        r"to (everyone|my (family|whanau|kids|friends|mum))"
        # for a birthday or an invitation (session 31: "wrote letters to my kids for their
        # birthdays, doing it every year now")
        r"(?! for (their|his|her|the|my|our) (\w+ )?(birthdays?|21sts?|18ths?|christmas|reunion|"
        r"wedding|invites?|invitations|graduation|anniversary)\b)| (put|putting|got) my "
        r"affairs in order| this is goodbye| tonights? the night"
        + NOT_A_GOAL
        + r"| (i am )?ending it "
        r"$| i (will )?end it $| end everything (for good|forever|permanently|"
        r"tonight)| (no one|nobody) will have to (deal with|worry about|put up with) "
        r"me",
    ),
    (
        "plan",
        "high",
        r" how many (pills|tablets|meds) (are|i have) (in|left in) (the|my) "
        r"(cupboard|drawer|house|bathroom|bag)",
    ),
    # method-seeking, in more words
    (
        "method",
        "high",
        r" how (would|could|do|does|can|should|did) (someone|a person|you|i|people|"
        r"one|he|she) (hang|kill|overdose|poison|drown|shoot|suffocate|gas) "
        r"(themselves|themself|yourself|myself|himself|herself)",
    ),
    (
        "method",
        "high",
        r" how (high|tall|far|deep|long|much|many) (\w+ ){0,6}(to die|to kill|"
        r"lethal|fatal|to not survive|before you (die|pass out|lose consciousness|"
        r"bleed out)|to bleed out|to hit (the|an) arter(y|ies))",
    ),
    (
        "method",
        "high",
        r" (is it )?(possible|can you|could you|can i|could i|can someone) (to )?"
        r"(overdose|die|kill yourself|kill myself) (on|from|with|by|of)",
    ),
    ("method", "high", r" (would|will|could) (\w+ ){0,6}" + MEANS + r" (\w+ ){0,2}be enough"),
    (
        "method",
        "high",
        r" tell me (how|which|what) (\w+ ){0,6}(enough|deadliest|lethal|do it|to "
        r"die|kill)| (deadliest|most lethal|most deadly)",
    ),
    (
        "method",
        "high",
        r" where (is|are|can i find) (the )?(highest|tallest|closest|nearest|best) "
        r"(cliff|bridge|building|car park|carpark|gun shop|drop)",
    ),
    # suicidal thinking and passive ideation, in more words
    (
        "suicide",
        "medium",
        r" (feel|felt|feeling) like dying| (think|thinking|thought) about "
        r"(dying|death|ending it|not being alive)| death (would be|is|seems|"
        r"feels|sounds) (like )?(a )?(relief|better|easier|peaceful|welcome|"
        r"nice)| dying (seems|would be|is|sounds) (better|easier|nicer)",
    ),
    (
        "suicide",
        "medium",
        r" (decided|deciding|made up my mind) to die| decided i am done with "
        r"life| (ending it|end it|killing myself|dying|suicide) is all i (can )?"
        r"(think|dream) about| (want|wnat|wanna) to die\b",
    ),
    ("suicide", "medium", r" (big sleep|the afterlife|coffin|grave)\b(?! (digger|yard))"),
    (
        "suicide",
        "medium",
        r" (gun|knife|blade) (to|against) my (head|throat|wrist|chest)| yeet "
        r"myself(?! (into|in|onto) (my |the )?(bed|couch|pool|shower|gym|nap|sleep)\b)"
        # session 31: "had the gun in my mouth at 3am"
        r"|(?<!glue)(?<!water)(?<!nerf)(?<!toy)(?<!heat)(?<!spray) (gun|rifle|shotgun|pistol|"
        r"barrel) (in|into|under) my (mouth|chin)"
        # session 31: "i used to cut but now i think about my family finding me dead"
        r"| (find|finding|finds|found|discover|discovering|discovers) (me|my body) (dead|hanging)"
        r"\b(?! (asleep|tired|drunk|to the world|on my feet|beat|set|keen|out|around|about|with))"
        r"| (find|finding|finds|discover|discovering) my (dead )?body\b",
    ),
    (
        "passive",
        "medium",
        r" (i )?(wish|hope|pray) (\w+ ){0,5}(would hit me|hits me|would kill me"
        r"|kills me|and die|i die|i died|i would die|i was dead|i were dead|to "
        r"die|not wake|wont wake|will not wake|would not wake)",
    ),
    (
        "passive",
        "medium",
        r" (no|not any|nothing) reason (for me )?to (keep living|live|be alive|"
        r"stay alive|keep going|wake up)| (do not|dont) see the point (in|of) "
        r"(being alive|living|life|going on|waking up)| had enough of (being "
        r"alive|life|living)| (want|wish) my life (to be|was|were) over| why "
        r"(i am|im|i am even) still (alive|here)| why i (bother|even bother) "
        r"(staying|being) alive",
    ),
    (
        "passive",
        "medium",
        r" want (everything|it all|it|the pain|this|my life) to (end|be over|stop)"
        r" (for good|permanently|forever)",
    ),
    (
        "passive",
        "medium",
        r" (be|being) with (my )?\w+ (on the other side|in heaven|again soon)"
        r"| (joining|join|see) (my )?\w+ (\w+ )?(who (passed|died)|on the other "
        r"side|in heaven)",
    ),
    # self-harm, in more words
    (
        "self_harm",
        "medium",
        r" (relapsed|relapse) and (cut|burned|burnt|hurt myself|sh)| urges? "
        r"to (cut|burn|hurt|harm|sh)| (fresh|new|deep) (cuts|wounds|burns)"
        r"| cut (deeper|too deep|deep)| (arms?|wrists?|legs?|thighs?|cuts?) (is |are )?(\w+ ){0,3}"
        r"too deep\b| (till|until) (it|they|i|my \w+) "
        r"(bleeds?|bleed)| (carved|carve|carving|etched) (\w+ ){0,3}(into|"
        r"on) my (arm|arms|skin|leg|legs|thigh|thighs|wrist|wrists|stomach)"
        r"| my sh\b| sh (is|has|getting)| where i cut",
    ),
    (
        "self_harm",
        "medium",
        r" (burned|burnt|burn|burning|cut|cutting|hit|hitting|hurt|scratched|"
        r"bruised) (\w+ ){0,5}on purpose",
    ),
    # harm to others and abuse, in more words
    (
        "harm_to_others",
        "high",
        r" shoot up (the|my) (place|school|work|office|mall|church|uni)"
        r"| (want|wanna|going) to hurt (someone|somebody|people)\b"
        r"| make (them|him|her|everyone) (all )?pay (\w+ ){0,4}(plan|gun|"
        r"knife)",
    ),
    (
        "abuse",
        "high",
        r" (raped|sexually abused|sexually assaulted|molested) me| i was (raped|"
        r"sexually assaulted|molested|sexually abused)| (threatened|threatens) to "
        r"(kill|hurt|stab|bash) (me|us)| (hands|hand) (around|on) my (neck|throat)"
        r"| hiding (\w+ ){0,4}from (him|her|my (partner|dad|husband|boyfriend|"
        r"stepdad|ex))| (touching|touches|touched) my (little )?(sister|brother|"
        r"daughter|son|kids|baby|niece|nephew)",
    ),
    (
        "abuse",
        "high",
        r" (he|she|they|my \w+|my \w+ \w+|\w+s (partner|boyfriend|husband|girlfriend|wife)) "
        r"(\w+ ){0,6}(hits|beats|chokes|punches|"
        r"kicks|slaps|hurts|is hitting|is hurting|is beating) (me|us|her|him|them|"
        r"the kids|my (mum|nan|sister|brother|siblings|baby|kids))\b",
    ),
    (
        "third_person",
        "medium",
        r" (everyone|they|we|people) (would be|will be|are) (better|"
        r"happier) (off )?without (him|her|them)",
    ),
)
# Broader patterns over word classes, checked after the specific ones above.
WANT = (
    r"(want|wanna|wanted|wish i could|wish i would|wish to|should|need|ready|deserve|"
    r"going|gonna|hope to|would like|rather|might as well|may as well|could|tempted|trying|"
    r"about)"
)
DEATH_VP = (
    r"(die|be dead|stop living|stop existing|not exist|not be alive|not be here|not wake up|"
    r"sleep forever|go to sleep forever|end it|end it all|end my life|end everything|"
    r"kill myself|disappear forever|be gone for good|not be around)"
)
LOVED = (
    r"(koro|nan|nana|nanna|kuia|mum|mom|dad|grandad|grandma|granddad|papa|tupuna|tipuna|"
    r"brother|sister|bro|sis|son|daughter|baby|pepi|mate|friend|partner|husband|wife|cousin)"
)
HOW = r"(how|what|which|where|whats|is it|would|will|could|can|does|do)"
METHOD_WORD = (
    r"(jump\w*|fall\w*|hang\w*|drown\w*|overdos\w*|bleed\w* out|slit\w*|suffocat\w*|"
    r"pills?|tablets?|panadol|paracetamol|pamol|ibuprofen|nurofen|insulin|sertraline|"
    r"quetiapine|lithium|antidepressants|sleeping pills|bleach|poison|weedkiller|paraquat|"
    r"helium|charcoal|carbon monoxide|exhaust fumes|noose|rope)"
)
_GENERAL_SOURCE: tuple[tuple[str, Level, str], ...] = (
    # session 22, from risk_dev_short.yml: short replies the other tuning sets never held
    ("passive", "medium", r" let me die\b"),
    (
        "passive",
        "medium",
        r" (can not|cant) (survive|get through|face|last) another (day|night)\b"
        r"(?! (shift|at|of|in|with|like)\b)",
    ),
    ("suicide", "medium", r" (want|need) my life (to be )?over\b| (life is|lifes) over for me\b"),
    ("plan", "high", r" (i will|i am going to|going to) be dead (by|before|in|tomorrow|tonight)\b"),
    ("plan", "high", r" (picked|set|chose|chosen|got) (a |my )?death date\b"),
    (
        "plan",
        "high",
        r" (took|taken|swallowed|ate|emptied|downed) (my |the |a )?(whole|entire|full|all my|all "
        r"of my) (script|prescription|pill bottle|bottle of pills|meds|medication)\b"
        r"(?! (to|in|into|back|over|round|down|with)\b)"
        r"| emptied (the|my|a) (pill|pills|med|meds|medicine|tablet) (bottle|packet|box|jar)\b",
    ),
    # method-seeking: questions about a means with death, pain or lethality
    (
        "method",
        "high",
        rf" {HOW} (\w+ ){{0,6}}{METHOD_WORD} (\w+ ){{0,6}}(kill (you|me|someone|a person|"
        rf"them|him|her)|fatal|lethal|deadly|hurt|painful|painless|quick|to die|you die|"
        rf"enough to)",
    ),
    (
        "method",
        "high",
        r" (how|what|best way|easiest way|quickest way) (\w+ ){0,4}(kill|hang|drown|poison|"
        r"overdose|shoot|suffocate|end|off) (himself|herself|themselves|themself|myself|"
        r"yourself|oneself|their life|his life|her life|my life)",
    ),
    (
        "method",
        "high",
        r" where (can|do|could|would|should) (i|you|someone|a person|we) (buy|get|find|"
        r"purchase|get hold of) (a |some |the )?(gun|rifle|firearm|rope|helium|charcoal|"
        r"poison|pills|sleeping pills|barbiturates|nembutal|cyanide)",
    ),
    (
        "method",
        "high",
        r" (which|what) (bridge|cliff|building|car park|carpark|tower|drop) (\w+ ){0,5}"
        r"(highest|tallest|high enough|deadliest|biggest drop)",
    ),
    # plans, means at hand, timing and goodbyes
    (
        "plan",
        "high",
        # having a plan, not making one with the bot ("help me make a plan to walk more") or
        # with someone ("we made a plan with the gp")
        r"(?<!we)(?<!us) (have|got|made) (a|my) plan( (and|already|ready)| to (do it|end|die|"
        r"kill|go through)| for (it|how|when)| $)| (make|making) (a|my) plan (to (do it|end|die|"
        r"kill|go through)|for (it|how|when))| plan and a (date|time|method)"
        r"| (picked|set|chose|chosen|choose) (a|the) "
        r"(date|day) $| (picked|set|chose|chosen) (a|the) (date|day|time) (to|for (it|when))"
        # to quit smoking, vaping or the drink (session 31: "picked a date to quit smokes")
        r"(?! (quit|stop|give up) (smoking|smokes|the smokes|vaping|the vape|drinking|the drink|"
        r"booze|alcohol|sugar|energy drinks|pokies|gambling|weed)\b)"
        r"| (know|decided|worked out|figured out|planned|planning|planned out) (exactly )?"
        r"(how|when|where) (i am going to|i will|to|i would|i am gonna) (do it|end it|die)",
    ),
    (
        "plan",
        "high",
        r" (made up my mind|my mind is made up|decided)\b.{0,30}\b(do it|doing it|end it|"
        r"ending it|tonight|today|tomorrow)",
    ),
    (
        "plan",
        "high",
        rf" (have|got|holding|hold|bought|buying|am holding) (\w+ ){{0,3}}{MEANS} (\w+ ){{0,2}}"
        rf"(next to me|in front of me|beside me|here|with me|in my hand|on me|right here|"
        rf"ready|lined up|counted out)",
    ),
    (
        "plan",
        "high",
        r" i (just )?(bought|got|have|have got) (a |some |the )?(gun|rifle|rope|noose|razor "
        r"blades|charcoal|helium) $",
    ),
    (
        "plan",
        "high",
        # stockpiling where nobody will notice (session 18, from tuning-set misses): "went to
        # three different ones so they dont get suss", "an extra box, then another chemist"
        r" (chemists?|pharmac\w+|ones|shops) (\w+ ){0,8}so (they|no one|nobody|the \w+) (do not|"
        r"will not|does not|would not|dont|wont|doesnt|wouldnt) (get suss|notice|ask|twig|know|"
        r"catch on|question|get suspicious)\b"
        r"| (extra|another|second|more) (box|packet|pack|bottle|strip)s? (of \w+ )?(\w+ ){0,8}"
        r"(another|a different|the other|a second|a third) (chemist|pharmacy)\b",
    ),
    (
        "plan",
        "high",
        # a means got ready, like the razor blades above: not an accident while shaving
        r" (bought|got|buying|getting) (new |some |a pack of |more )?(razors?|blades?) (\w+ ){0,4}"
        r"(not|was not|is not|are not|were not) for (shaving|my legs|work|crafts|art|the \w+)\b",
    ),
    (
        "plan",
        "high",
        r" (i am|am|standing|sitting|waiting) (at|on|by|near) (the )?(train tracks|railway line|"
        r"rail line|overpass|motorway bridge|cliff edge)| (at|on) the (top|edge) of (the |a )?(car "
        r"park|carpark|building|bridge|cliff|tower"
        r"|roof|parking building)",
    ),
    (
        "plan",
        "high",
        r" (will not|wont|never) (hear from|see) me again| (goodbye|bye) (\w+ ){0,4}(love you"
        r" all|i am sorry|sorry for everything)| (love you all|sorry for everything) (\w+ )"
        r"{0,4}(goodbye|bye|this is my last)| this is my last (message|text|post|night)",
    ),
    (
        "plan",
        "high",
        r" (thinking|thought|think|been thinking) (about|of) (jumping|hanging|overdosing|"
        r"drowning|crashing|driving off|cutting deep)( (off|from|in front|again|lately|a lot|"
        r"tonight))?( not going to lie)? $",
    ),
    (
        "plan",
        "high",
        r" (drink|drinking|starve|starving|bleed|bleeding) (myself )?(until|till|to) "
        r"(i (die|am dead|pass out and never)|death)",
    ),
    # suicidal thinking and passive ideation
    (
        "suicide",
        "medium",
        rf" {WANT} (to )?(just |really |honestly |literally |simply )?(to )?{DEATH_VP}\b"
        rf"(?! (with|for|off|of the|the|this|that|a) )",
    ),
    # an attempt at a goal is no attempt on one's life, and "never again" is no plan (session 30:
    # "my attempt at the action plan flopped, will try again next week" and "i attempted in 2015
    # and i will never do it again" alerted)
    (
        "suicide",
        "medium",
        rf" attempt\w*\b{_NOT_AT_A_GOAL} (\w+ ){{0,8}}(?<!never )(?<!not )(?<!ever )"
        r"(?<!not going to )(?<!do not want to )(try|do it|attempt) again",
    ),
    ("suicide", "medium", r" (i|ill|i will) (just )?end it (then|now|soon|all|tonight) ?"),
    (
        "passive",
        "medium",
        r" (do not|can not|never) see myself (alive|here|being alive|being here|being around|"
        r"living|around|making it) (next|in|by|at|much|for|past)\b(?!( \w+){0,8} (moving|move|job|"
        r"flat|town|city|uni|school|company|aussie|australia|overseas|london|abroad)\b)|"
        r" wish (i|that i) (did not|didnt|never) (exist|wake up|woke up)| (would not|wouldnt|"
        r"would never) (mind|care) if i (died|was dead|were dead|did not wake|didnt wake|got "
        r"hit)| why am i (even |still )?(alive|here|breathing)| (done|finished) living"
        r"| my life is (done|over|finished)\b",
    ),
    (
        "passive",
        "medium",
        r" (hope|wish|pray|praying) (\w+ ){0,3}(crashes|crash|hits me|runs me over|"
        r"kills me|takes me)\b",
    ),
    (
        "passive",
        "medium",
        rf" (want|wanna|wish i could|ready|going) to (join|be with) (my )?{LOVED}\b"
        rf"( \w+){{0,6}} (passed|died|gone|in heaven|on the other side|rip)"
        rf"| (passed|died|tangi|funeral|heaven)\b.{{0,60}}\b(want|wanna|ready|going) to "
        rf"(join|be with) (my )?{LOVED}\b",
    ),
    (
        "passive",
        "medium",
        r" (want|wanna|wish|hope|pray|rather|just|sleep) (\w+ ){0,4}(never|not) (to )?(wake|woke) u"
        r"p",
    ),
    # self-harm
    (
        "self_harm",
        "medium",
        r" (want|wanna|need|going|gonna|urge|urges|tempted) to (cut|burn|sh|self harm|bleed)"
        r"( myself)? (again |so bad |badly |tonight |right now |deeper )?$"
        r"| (did|done|doing|do) sh\b| i (cut|burned|burnt|hurt myself) (last night|yesterday|"
        r"today|this morning|again|on the weekend)",
    ),
    (
        "self_harm",
        "medium",
        r" (bleeding|bled) (\w+ ){0,4}(do not|dont|will not|wont) (want|get|need|call)",
    ),
    # harm to others
    (
        "harm_to_others",
        "high",
        r" (going to|gonna|will|want to|wanna) (beat|bash|smash|kick) (him|her|them|someone|"
        r"my \w+) (up|in|to death)| (shoot|shooting) up (the|my|our|this) \w+"
        r"| (going to|gonna|will) make (them|him|her|everyone|those \w+) (all )?pay"
        r"| until (he|she|they) (stops|stop) breathing| until (he|she|they) (dies|die|is dead)",
    ),
    # abuse and unsafe home
    (
        "abuse",
        "high",
        r" (comes|came|coming|sneaks|snuck|creeps) into my (room|bed)"
        r"| (will not|wont|does not|doesnt|do not|dont|never) let me (leave|go out|see (my|"
        r"anyone)|have my phone|talk to|out of (the|his|her) sight)"
        r"| (he|she|they|my \w+) (said|says|texted|told me|keeps saying) (\w+ ){0,5}(kill|hurt|"
        r"stab|bash|shoot|strangle) me\b"
        r"| locked me (in|up|out)| took my phone (and|so)"
        r"| (violence|abuse|abusive|violent|beatings?) (\w+ ){0,2}(at|in) (my |our )?home"
        r"| (my |our )?home is (violent|not safe|unsafe|abusive)",
    ),
    # third person
    (
        "third_person",
        "medium",
        r" (sent|posted|left|wrote|texted) (me |us )?(a |an |her |his |their )?(goodbye|"
        r"farewell|suicide|final) (text|message|note|post|letter|snap|video)"
        r"| (he|she|they) (wishes|wished|wish|wants|wanted|want) (\w+ ){0,2}(was|were|to be) "
        r"(dead|never born)| (he|she|they) (wants|wanted|is going|was going|plans|is planning)"
        r" to (die|end (it|his life|her life|their life))"
        rf"| {PEOPLE} (is|was) (on|at) (the |a )?(bridge|cliff|cliffs|edge|roof|tracks|"
        r"railway)\b(?! club)",
    ),
)

# Session 24, from the tuning sets' misses (risk_dev_relapse.yml, risk_dev_short.yml): self-harm
# that moved on to a worse method beside "used to" ("used to scratch, now im using a razor"),
# a "no" to the safety question taken back, and terse replies with a means or an ending in them.
WORSE_METHOD = (
    r" used to (cut|scratch|sh|self harm|bang my head|hit my head|pull my hair|pull out my "
    r"hair|burn|hit myself|punch walls|pick)\w*( \w+){0,6}? (now|started|instead|these days)\b"
    r"( \w+){0,4}? (cutting\b(?! (back|down|out|it|the|carbs|sugar|ties|grass|hair|class|"
    r"corners)\b)|burning (my|myself)|scratching (my|myself)|hitting (my|myself)|banging my|"
    r"using (a |the |my )?(razor|razors|blade|blades|broken glass|glass|lighter|knife|"
    r"scissors|compass)\b|on my (stomach|legs|thighs|scalp|hips|chest)\b|(i |i am )?(burn|burning|"
    r"cut|cutting|scratch|scratching|punch|punching)( myself)? instead\b)"
)
# A relapse or a broken streak with the means named (session 26, from risk_dev_relapse.yml's
# misses once the fine-tuned model scored the same on every CPU): "celebrated by relapsing.
# blades back out", "4 weeks no sh. broke it with my razor in the bath tonight".
RELAPSE_MEANS = (
    r" relaps(e|ed|ing)( \w+){0,2}? (the |my )?(blades?|razors?) (are |is )?(back )?out\b"
    r"| broke (it|my streak|the streak|my \w+ streak) with (a |my |the )?(razors?|blades?|"
    r"lighter|compass|scissors|broken glass)\b"
)
_ESCALATION_SOURCE: tuple[tuple[str, Level, str], ...] = (
    (
        "self_harm",
        "high",
        WORSE_METHOD + r"| using (the |a |my )?(lighter|razor|razors|blade|blades|broken glass|"
        r"compass) instead $|" + RELAPSE_MEANS,
    ),
    (
        "suicide",
        "medium",
        r" (said|answered|put|told (the |my )?\w+) no (to|on) (the|that|your|ur) (safety |"
        r"suicide |screening |self harm |sh )?questions? (\w+ ){0,4}(i lied|i was lying|that was "
        r"a lie|was a lie|it is not true|its not true)\b",
    ),
)
# Beside what helped, the means kept: "therapy helped. but i still have the gun in the ute"; no
# recovery story then (session 24, from the probes and risk_dev_relapse.yml)
KEPT_MEANS = (
    r" but (i still have|i have still got|i still got|i have kept|i kept|i am keeping) (the |"
    r"my |a )(gun|rifle|rope)\b(?!( \w+){0,4} (hunting|hunt|range|club|season|deer|pigs?|"
    r"possums?|rabbits?|goats?|farm|licence|safe)\b)| but (i still have|i have still got|i still "
    r"got|i have kept|i kept|i am keeping) (the |my |those |these |some |all )?(old )?(\w+ )?"
    r"(pills|tablets|packets|blades|razors|meds)\b( \w+){0,4} (just in case|in case|for when|"
    r"stashed|hidden|saved|hid)\b"
)
# Session 24, from the probes' and the tuning sets' misses: means kept, farewells ("if i dont
# answer tomorrow, just know i love..."), method questions (drowning, carbon monoxide) and
# medication withheld by a partner.
_FAREWELL_AND_MEANS_SOURCE: tuple[tuple[str, Level, str], ...] = (
    ("plan", "high", KEPT_MEANS),
    # a farewell thanks: "tell her thanks, im done"
    ("plan", "high", r" (thanks|thank you|thx)( for everything)? (i am|im) done $"),
    # session 24, from risk_blind2.yml's and risk_dev_meds.yml's misses
    (
        "method",
        "high",
        r" drown\w*( \w+){0,8} weigh\w* (\w+ )?down| weigh\w* (\w+ )?down( \w+){0,6} drown"
        r"| (carbon monoxide|car exhaust|exhaust fumes)( \w+){0,10} (how long|how much|how many)\b"
        r"(?!( \w+){0,4} (alarm|alarms|detector|detectors)\b)"
        r"| (how long|how much)( \w+){0,8} (carbon monoxide|closed garage|exhaust fumes)\b"
        r"(?! (alarm|alarms|detector|detectors)\b)",
    ),
    (
        "plan",
        "high",
        r" if i (do not|dont|did not) (answer|reply|make it|wake up)( \w+){0,3} (just )?know "
        r"(that )?i love\b| (going to|gonna|ready to|about to) let go (for good|of (everything|"
        r"life|it all) $)",
    ),
    (
        "abuse",
        "high",
        r" (he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|dad|mum|stepdad) "
        r"(flushes|flushed|hides|hid|throws out|threw out|bins|binned|takes away|took away) my "
        r"(meds|pills|medication|tablets|insulin)\b( \w+){0,2} (when (he|she|they) (is|are|gets|"
        r"get) (angry|mad|drunk|wasted|pissed)|to punish|as (a )?punishment)\b",
    ),
)
_TERSE_SOURCE: tuple[tuple[str, Level, str], ...] = (
    ("self_harm", "high", r"^ (razor|razors|blade|blades) (is |are )?out( again| now)? $"),
    ("suicide", "medium", r" counting down my (hours|days)\b(?! (till|until|to|before)\b)"),
    ("suicide", "medium", r" no more tomorrows\b"),
    (
        "suicide",
        "medium",
        r"(?<! want to)(?<! not) (becoming|become|be) (a|another|just another) statistic "
        r"(tonight|soon|today|this week|tomorrow)\b",
    ),
    ("plan", "high", r" last time (talking|speaking|messaging|texting) (to |with )?(u|you) $"),
    (
        "plan",
        "high",
        r"^ (all|every one|each) (of )?my (\w+ )?(meds|pills|tablets) at once $"
        r"|^ (i )?ate all (of )?(\w+ )?(pills|tablets|meds)\b",
    ),
    (
        "plan",
        "high",
        r" (woozy|drowsy|dizzy|fading|heavy eyes)( \w+){0,4} took (everything|the lot|it all)\b"
        r"| took (everything|the lot|it all)( \w+){0,4} (woozy|drowsy|dizzy|fading|kicking in)\b"
        r"| (pills|meds|tablets|they are|theyre) (are |is )?kicking in (\w+ ){0,2}(bye|goodbye|"
        r"ka kite|love you|sorry)\b",
    ),
    (
        "self_harm",
        "high",
        # session 31: washed down, chased or all taken with drink, and more drinks ("mixed my
        # pills with the bourbon" was silent); never for what one did not do, nor one dose taken
        # with a glass of wine at dinner
        r"(?<!not)(?<!dont)(?<!never)(?<!shouldnt)(?<!cant) ((mixed|mixing|washed down|washing "
        r"down|chased|downed)( all| a heap of| heaps of| the rest of| a handful of| the whole| a"
        r" few| some)?|(took|taken|swallowed|had)( all| a heap of| heaps of| the rest of| a "
        r"handful of| the whole)) (my |the |his |her )?(\w+ )?(pills|meds|tablets|codeine|"
        r"painkillers|sleeping pills|oxy|tramadol|medication|panadol|antidepressants) (and|with|n|"
        r"down with) (the |a |some |heaps of |(half |all )?a bottle of |a whole bottle of )?(vodka|"
        r"wine|alcohol|booze|beers?|whiskey|whisky|rum|gin|drink|drinks|spirits|bourbon|piss|"
        r"liquor|tequila|cask|rtds?|cans)\b",
    ),
    (
        "plan",
        "high",
        r" got (my |dads |the |\w+ )?(gun|rifle|shotgun) out( now| again| tonight)? $",
    ),
    (
        "third_person",
        "medium",
        rf" my {PEOPLE}s (is )?(talking|thinking|on about) (about )?(ending it|suicide|killing "
        r"(himself|herself|themselves)|ending (his|her|their) life)\b",
    ),
)

_RISK: tuple[tuple[str, Level, re.Pattern[str]], ...] = tuple(
    (reason, level, _rx(pattern))
    for reason, level, pattern in _RISK_SOURCE
    + _MORE_SOURCE
    + _ESCALATION_SOURCE
    + _FAREWELL_AND_MEANS_SOURCE
    + _TERSE_SOURCE
    + _GENERAL_SOURCE
    + CODED_SOURCE
)

# Phrases that mean someone is not at risk; taken out before the patterns run.
# A denial holds only when nothing turns it round within a few words ("no suicidal thoughts
# until tonight", "not cutting but i want to", "not thinking of ending my life, just planning
# it", "no self harm for 3 days, the urges are awful")...
_NO_BUT = (
    r"(?!( \w+){0,8} (but|until|till|except|apart from|although|though|tho|however|yet|lied|"
    r"lying|lie|instead|actually|planning|planned|preparing|researching|urges?|craving|close to|"
    r"nearly|almost)\b"
    # a streak of days is recent self-harm ("no self harm for 3 days")
    r"| (for|in) (\d|\d\d|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|"
    r"couple of) days?\b)"
)
# ...and a promise about the future is not kept to now ("not going to end it tonight").
_NOT_NOW = (
    r"(?!( \w+){0,2} (tonight|today|yet|right now|for now|this (week|weekend|time)|til|till|"
    r"until)\b)"
)
_DENIALS = _rx(
    # a promise kept only to tonight, or one with a "but" after it, is no denial (session 22:
    # "im not going to kill myself tonight. tomorrow maybe" was held back as one)
    rf" (i am|i feel) not suicidal| (i )?(would|will) never (kill|hurt|harm) myself\b{_NO_BUT}"
    rf"| not going to (kill|hurt|harm) myself\b{_NO_BUT}{_NOT_NOW}"
    r"| no (thoughts|plans) of "
    r"(suicide|hurting myself|harming myself|killing myself|self harm|dying|ending it)| (do not|don"
    r"t) want to die,?"
    r"(?! but)| not suicidal(?! but)"
    # answers to a screening question (session 18, from training part m's non-risk twins):
    # "no suicidal thoughts", "self harm: no", "havent had any suicidal thoughts since we last
    # talked", "not thinking of ending my life"; never when a "but" or "until" follows
    rf"| (no|zero|nil|not any|none of the) (suicidal|suicide|sh|self harm|self harming)"
    rf"( (thoughts?|stuff|urges?|feelings?|ideation|plans?))?\b{_NO_BUT}"
    rf"| (no|zero|not any|never any|without any) (thoughts?|plans?|urges?) (of|about) (suicide|"
    rf"ending (it|my life)|"
    rf"killing myself|hurting myself|harming myself|self harm|dying|taking my (own )?life)\b"
    rf"{_NO_BUT}"
    # session 22, from risk_dev_relapse.yml: "no urges to hurt myself", "zero urges to hurt
    # myself", "no hurting myself, no plans to"
    rf"| (no|zero|not any|never any|without any) (thoughts?|plans?|urges?) to (hurt|harm|kill|"
    rf"cut) myself\b{_NO_BUT}"
    rf"| no (hurting|harming|cutting|killing) myself\b{_NO_BUT}"
    rf"| (self harm|sh|suicidal (thoughts|ideation)|thoughts of suicide|suicide) (no|nope|none|"
    rf"nil|zero)\b(?! (idea|way|one|end|point|reason|hope|longer|more|matter|escape|control|"
    rf"choice)\b){_NO_BUT}"
    rf"| (have not|had not|did not) (had|felt|been|had any|felt any) (suicidal|like (killing|"
    rf"hurting) myself|self harming)( (thoughts?|urges?|feelings?|stuff))?\b{_NO_BUT}"
    rf"| (have not|did not) (hurt|harmed|cut) myself (at all )?(this|since|in|all)\b{_NO_BUT}"
    rf"| (i am )?not (thinking (of|about)|wanting to|going to|planning to|planning on)"
    rf" (end (it|my life)|ending (it|my life)|kill myself|killing myself|hurt myself|hurting "
    rf"myself|die|dying|self harm|cut|cutting|suicide)( or anything)?\b{_NO_BUT}{_NOT_NOW}"
    rf"| (i am )?not (cutting|self harming|hurting myself)( again)?\b{_NO_BUT}{_NOT_NOW}"
    rf"| not in a (self harm|sh|suicidal) (place|space|headspace|way)\b{_NO_BUT}"
    rf"| asked (me )?(if|whether) i (was|am|had|have|would|felt) (\w+ ){{0,6}}(and )?(i said )?"
    rf"(no|nope|nah)\b(?!( \w+){{0,3}} (but|lie|lied|lying|i am|i was)\b)"
)
# Hyperbole that uses death words; taken out before the patterns run.
_HYPERBOLE = _rx(
    r" (so|too|that) \w+ i could (just )?die| could (just )?die (of|from) \w+| (would )?rather die"
    r" than|(?<! ways)(?<! methods) to die for| (kill|killed|killing) myself laughing"
    r"| (die|died|dying|dead) (of|from) "
    r"(laughter|laughing|embarrassment|boredom"
    r"|the heat|cringe|cuteness)| (driving|drive|drives|sending|send) me (to|into) an early grave"
    r"| (hungover|hangover|so full|cringe|embarrassed|mortified) (\w+ ){0,4}let me die\b"
    r"| (phone|battery|laptop|car|wifi|internet|remote|torch|plant|plants|charger|tablet|ipad|"
    r"computer|headphones|tv|heater)s? (is )?(\w+ ){0,5}(about to |going to |gonna )?die\b"
)
# Everyday phrases that hold a risk pattern's words (session 16, from the screen's false alarms
# on the training files' non-risk messages); taken out before the patterns run. Unlike hyperbole
# they say nothing about the rest of the message, so the learned models still read it.
_EVERYDAY = _rx(
    r" (run|ran|running|do|did|doing) suicides\b"
    r"| (this|that|the) (week|day|year|month|job|traffic|weather|printer|assignment|exam|meeting)"
    r" can (go )?(jump off a (cliff|bridge)|die)\b"
    r"| (is |are |keeps )?kicking my (butt|ass|arse|bum)\b"
    r"| (hits|hit|hitting) me with (\w+ ){0,2}(jokes?|puns?|facts|the truth|questions|memes?|"
    r"news|the bill|a bill|an invoice|homework)\b"
    r"| and not wake up (till|until) \w+| could sleep forever (after|from) (that|the|this|a) \w+"
    r"| hurting myself by not \w+"
    # session 18, from training part n's and o's non-risk twins: a will for a new baby, a
    # clear-out before a move, a workmate's farewell card, leaving an app, a flatmate borrowing
    r"| my will (\w+ ){0,3}(cos|cause|because|since|now that) (of )?(the|our|my|we) (\w+ ){0,2}"
    r"(baby|house|mortgage|kids|wedding|marriage|married|engaged|pregnant)\b"
    r"| (giving|gave|give|given) (\w+ ){0,3}away (\w+ ){0,6}(marketplace|trademe|trade me|op shop|"
    r"hospice shop|freecycle|moving|declutter\w*|downsiz\w*|tiny house)\b"
    r"| (farewell|goodbye|leaving) (message|card|note|speech) (\w+ ){0,3}(for|to) (my |the |our )?"
    r"(manager|boss|colleague|workmate|coworker|teacher|coach|team|class|flatmate|neighbour)\b"
    r"| (logging|log|logged) off (\w+ ){0,2}for good (from|of|on|about) (\w+ ){0,2}(chat|group "
    r"chat|twitter|x|facebook|fb|insta|instagram|tiktok|socials|social media|snap|snapchat|"
    r"discord|reddit|apps?|server)\b"
    r"| coming into my room (to|for) (borrow|ask|grab|get|use|chat|talk|say|feed)\w*"
    r"| (kill|stab|smash|punch|strangle|murder) (my|the|this|that) (alarm( clock)?|printer|laptop|"
    r"phone|computer|router|modem|wifi|tv|telly|lawnmower|kettle|toaster|washing machine)\b"
    r"| knock(s|ing)? before (coming|\w+ comes?) into my room"
    r"| nobody would notice if i (did not|didnt|do not|dont) (go|come|show up|turn up)\b"
    # session 24: suicide as a topic someone teaches, is asked about or helps another with
    # ("what are the warning signs that someone might be suicidal", "what should i say if my
    # friend tells me she is suicidal", "our coach did a talk about suicide in sport"); never a
    # person who "is talking about suicide" now or "when" they say so, nor "if i am suicidal",
    # nor a session or class one tells of ("learnt about suicide in health and had to pretend")
    r"| (warning )?signs (of suicide|(that )?(someone|somebody|a person|a friend|my friend|a mate|"
    r"my mate|people|a student|a kid|your friend) (might be|is|are|could be|may be) suicidal)\b"
    r"| if (someone|somebody|a person|people|a friend|a mate|a student|a kid|my (friend|mate|"
    r"sister|brother|son|daughter|partner|cousin|student|kid)) ((tells|says to) me |says )?"
    r"(they are|she is|he is|is|are|might be|seems|tells me|says) (thinking (about|of) suicide|"
    r"suicidal)\b(?! (now|again|tonight|today|right now)\b)"
    r"| (did|gave|give|had|ran|held|went to|at) (a|an|the|our) (\w+ ){0,2}(talk|workshop|wananga|"
    r"hui|presentation|training|course|webinar|seminar|speaker|assembly) (\w+ ){0,3}(about|on)"
    r" suicide\b"
    r"| (learned|learnt|learning|taught|teaching) (\w+ ){0,3}about asking (\w+ ){0,2}about "
    r"suicide\b| (resources|pamphlets?|information|info) (on|about|for) (talking about )?suicide\b"
    r"| asking (someone|somebody|people|a person|them|directly) (directly )?(about suicide|if "
    r"(they are|she is|he is) suicidal)\b"
    r"| suicide (storyline|storylines)\b"
    # away for a while, and an idiom (session 24): "when im gone next week for the tangi",
    # "dead in the water if i dont finish this essay"
    r"| when (i am|im) (gone|away) (next week |this week |on \w+ )?(for (the|a|my) (tangi|hui|"
    r"holiday|holidays|trip|conference|course|wedding|funeral|week|weekend)|on (holiday|leave|a "
    r"trip))\b| dead in the water\b"
    # an idiom (session 24): "nan would roll in her grave if she saw my kitchen"
    r"| (roll|rolls|rolling|turn|turns|turning|spin|spins|spinning) (over )?in (his|her|their) "
    r"grave\b"
    # signing off for the day: "this is my last message for today"
    r"| (this is )?(my |the )?(last|final) (message|text|post) (for (today|tonight|now|the (day|"
    r"night|evening|week))|of the (day|night)|before (bed|i sleep|sleep|work|my shift)"
    r"|(till|until) (tomorrow|morning|monday|the morning))\b"
    # filling a pill organiser: "popped all my tablets out into the organiser"
    r"| (popped|popping|pop|put|putting|sorted|sorting) (\w+ ){0,5}(into|in) (the |my |a )?"
    r"(pill |weekly |daily )?(organiser|organizer|pill box|dosette|box for the week)\b"
    r"(?!.* (took|taken|take|swallowed|popped|downed) (all|the lot|them|every))"
    # taking one's medication as prescribed, a check-in answer ("took all my meds this morning"),
    # unless more pills come up later in the message
    r"| (took|taken|take|had) all (of )?my (morning |night |evening |daily |usual )?"
    r"(meds|pills|tablets|medication|medicine) (this morning|on time|as prescribed|"
    r"with (breakfast|lunch|dinner|tea|kai|food)|like (the|my) (doctor|gp|nurse|pharmacist) "
    r"(said|told me|says)|every (day|morning|night))\b(?!.* " + PILLS + ")"
)
# Being away (travel, moving) explains "won't be here next week"; such phrases are dropped then.
_AWAY = _rx(
    r" (going (to|over) (aussie|australia|the islands|\w+ for)|going away|moving to|flying to|"
    r"fly to|off to|away (on|in|at|for)|holiday|trip|overseas|"
    r"aussie|australia|camping|tramping|visiting|the islands|rarotonga|fiji|samoa|tonga"
    # session 31: "wont be around next week, going to my cousins tangi up north"
    r"|(going|heading|off|travelling) (up |down |over )?to (a|the|my|our|his|her|\w+s) "
    r"((?!own )\w+ )?(tangi|hui|wedding|conference|camp|tournament|marae|bach|reunion|coast)) "
)
_NOT_HERE = _rx(
    r" (will not|wont|is not going to|am not going to|not going to) be (here|around) (tomorrow|"
    r"next week|much longer|for long|by \w+)"
)
# Emoji that stand for a means, and words that turn them into a plan.
# "od'd just now": the canonical text reads "odd" (session 24, risk_dev_short.yml); only with
# the apostrophe, only the writer's own, and not "od'd on" something (its first version raised
# a false alarm on blind14, counted, not read: most likely "od'd on coffee" and the like)
_OVERDOSED = re.compile(
    r"(^\s*|\b(i|i've|ive|i have|just|i just) )od['’]d\b(?! on\b)", re.IGNORECASE
)
_MEANS_EMOJI = re.compile("[\U0001f52a\U0001f5e1\U0001f48a\U0001faa2\U0001f52b\u26b0]")
_EMOJI_PLAN = _rx(rf" ({TIME}|all of them|all|goodbye|bye|done|die|end it|ready)\b")
# Contexts that excuse a match when nothing in the message is present-tense first-person risk.
_COUNT = (
    r"(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
    r"forty|fifty|a hundred|a few|several|many)"
)
# Someone close is well now, unless a "but" follows within eight words.
_THEN_BUT = r"(?!( \w+){0,8} but\b)"
# A year two or more years gone ("i was suicidal in 2019"); this year's and last year's are
# recent, and an attempt then is still the peer worker's business. Read once, at start-up.
_THIS_YEAR = date.today().year
_PAST_YEAR = "(" + "|".join(str(y) for y in range(1950, _THIS_YEAR - 1)) + ")"
# A streak long enough to be told as recovery: weeks and more, or 100 days and more.
_CLEAN_FOR = rf"(\d\d\d+ days|{_COUNT} (weeks?|months?|years?))"
# Getting over covid or an operation is not a recovery story (session 21: "recovered from covid.
# wrote my goodbye letters" escalated by nothing).
_NOT_FROM_AN_ILLNESS = (
    r"(?! from (covid|the flu|flu|a cold|my cold|surgery|the surgery|my (op|operation|surgery|"
    r"injury|knee|hip|back)))"
)
_RECOVERY = _rx(
    r" (years?|months?) ago| used to | in the past| back then| when i was (younger|a teen|a "
    r"teenager|a kid|little|young|at school|in school|at uni|\d+)| a while ago| long time ago|"
    r"been clean| clean (for|since)| (\d+|one|two|three|four|five|six|ten) (years?|months?) "
    rf"(clean|free|sober|since)| recovered{_NOT_FROM_AN_ILLNESS}| (in|my) recovery| survivor|"
    r" survived| (doing|feel|"
    r"feeling|am) (so much |much |heaps )?(better|ok|okay|good|well) now| got through it| still "
    r"here and| glad i am still here| proud of (how far|myself)| havent (self harmed|cut|felt"
    r" like that)| have not (self harmed|cut|felt like that)| (those|them) days are (over|behind)"
    r"| not anymore| no longer (feel|want|have)| that was then| years back| in a (good|better) "
    r"place| in my (teens|twenties|20s|youth)| (therapy|counselling|counseling|meds|medication|"
    r"support|my peer worker) (really )?helped| helped heaps| (lost|losing) (\w+ ){0,3}to "
    r"suicide| died by suicide| (his|her|their) suicide| took (his|her|their) (own )?life"
    r"| last year i (was|used|had|felt|tried|went)| nowadays"
    r"| these days i am (ok|okay|good|fine|doing (ok|okay|good|well|better))"
    r"| (been|its been|it has been|it is been) (ages|years|months|a long time|a while) since"
    r"| back in (19|20)\d\d| since (then|the hospital|i got help)| at (1[0-9]|[2-9][0-9]) i "
    r"| grateful i am (still )?(here|alive)| (am|i am) \d\d now"
    # how one is now, after a story: "i was suicidal in 2019. now im good"
    r"| i (was|felt|wanted|used to) (\w+ ){0,10}now i am (good|well|better|doing (good|well|"
    r"better|heaps better))\b"
    # session 18, from training part m's non-risk twins: a year gone by, thoughts that are gone,
    # a life before treatment, someone close who is safe now, a death grieved
    rf"| (was|were|went|tried|had|did|cut|cutting|felt|attempted) (\w+ ){{0,6}}in {_PAST_YEAR}\b"
    rf"| in {_PAST_YEAR} i (was|went|tried|had|felt|attempted|used)\b"
    r"| (thoughts?|urges?|feelings?) (\w+ ){0,6}(are|is|were) (long )?gone\b"
    r"| (thoughts?|urges?|cutting|self harm\w*) (\w+ ){0,4}stopped (after|when|once|since)\b"
    r"| decades ago| before (treatment|my meds|meds|therapy|i got help|my diagnosis|rehab)\b"
    r"| \d+ years since i (was|last|felt|tried|cut|self harmed)\b| in over a (year|decade)\b"
    r"| (feels like|was) another life\b| (that is|thats) not me anymore\b"
    r"| (she|he|they) (is|are) (now )?(safe|doing (heaps |much |way |so much )?better|thriving)"
    rf"( now)?\b{_THEN_BUT}"
    rf"| (he|she|they|we) (is|are) (\w+ ){{0,3}}(way|heaps|much|so much) better now\b{_THEN_BUT}"
    rf"| (we are|we are both|both) (good|ok|okay|doing well) now\b{_THEN_BUT}"
    r"| as a (teen|teenager|kid|child)\b| ages ago\b"
    r"| (past|previous|history of) (self harm|suicide attempts?|attempts|suicidal (thoughts|"
    r"feelings|ideation))\b| (suicidal|self harming|cutting) at (1[0-9]|[2-9][0-9])\b"
    r"| (my|our) (dads|mums|fathers|mothers|brothers|sisters|partners|husbands|wifes|mates|"
    r"friends|cousins|uncles|aunties|sons|daughters|koros|nans|nannas) suicide\b"
    # a past self told as past, and coping told as done (session 16)
    r"| when i was (suicidal|self harming|cutting)\b| the old me would\b| (my )?younger (self|me)\b"
    r"| surviving| (havent|have not) hurt myself since| (did not|didnt) (self harm|hurt myself|cut)"
    r",? (and |but )?(used|rang|called|texted|went|did) "
    # time free of self-harm told as a streak (session 16); days are recent unless 100 or more
    rf"| {_CLEAN_FOR} ((clean|free|sh free|self harm free)|(no|without) (self harm|sh|self "
    r"harming|cutting|hurting myself))\b"
    rf"| (\d\d\d+ days|{_COUNT} (months?|years?)) since i (last )?(hurt myself|cut|self harmed|"
    r"harmed myself|relapsed)\b"
    rf"| (no|without|free of|free from) (self harm|sh|self harming|hurting myself|cutting) (for|"
    rf"since|in) ({_CLEAN_FOR}|ages|months|years)\b"
    r"| (have not|havent|had not|hadnt) (had|felt|been|done) (a |any )?(suicidal|sh|self harm|"
    r"urges?|the urge|like (dying|that|ending it)|thoughts? of (suicide|dying|ending it))"
    rf"( \w+){{0,2}} (in|for) (ages|months|years|a (long )?while|{_CLEAN_FOR})\b"
)
# A relapse told beside the streak it broke is no recovery story (session 22: "relapsed on the
# cutting. 3 months clean gone", "broke 6 months clean from sh today" were told as one and held
# every layer back). A relapse told as past stays one ("i relapsed once four years ago").
_RELAPSE = _rx(
    r"(?<! not)(?<! never) relapsed (on |with )?(the )?(sh|self harm\w*|cutting|cut|burning|"
    r"burnt|it)\b(?!( \w+){0,4} ago\b)"
    r"| (clean|sh free|self harm free) (\w+ ){0,2}(gone|over|broken|ruined|down the drain)\b"
    r"| (broke|broken|blew|lost|ruined) (my |a |the )?(\w+ ){0,3}(clean|sh free|self harm free)\b"
    r"| (cutting|self harm\w*|sh|urges?|the urge (\w+ ){0,2}|the thoughts?|suicidal thoughts?) "
    r"(is|are|was|were|came|come|coming) back\b"
    r"| back to square one\b| worse than ever\b"
    r"| (clean|sh free|self harm free)( \w+){0,2} not any more\b|"
    + WORSE_METHOD
    + "|"
    + RELAPSE_MEANS
    + "|"
    + KEPT_MEANS
    + rf"| (?:{_FOLLOW})\b"
)


def _recovering(canonical: str) -> bool:
    """A recovery story, and no relapse told beside it."""
    return bool(_RECOVERY.search(canonical)) and not _RELAPSE.search(canonical)


_NEWS = _rx(
    r" (article|news|headline|doco|documentary|podcast|course|training|workshop|lecture|essay|"
    r"assignment|research|researching|statistics|stats|rates?|awareness|prevention|campaign|"
    # "that'd show them" is revenge, not television (session 31)
    r"study|studying|exam|textbook|book|novel|film|movie|show(?! (them|him|her|em|everyone)\b)|"
    r"series|episode|character|"
    r"characters|game|gaming|song|lyrics|history|war|read about|reading about|learning about|"
    r"teaching|lesson|school project|webinar|qpr|safetalk|asist|first aid|report|reported|"
    r"coroner|inquest|policy|conference|presentation|volunteer|volunteering|helpline|"
    r"the news|on tv|journalist|media|fortnite|minecraft|elden ring|call of duty|gta|valorant|"
    r"roblox|zombie|zombies|boss fight|the boss|final boss|villain|npc|in game|ingame|"
    r"my character|"
    r"dnd|d&d|campaign|shakespeare|romeo|hamlet|poem|poetry|play we|the play|thesis|"
    r"dissertation|ted talk|nursing|psychology class|uni paper|risk assessment|assessments?|my job|"
    r"module|"
    r"clinical|clinician|patients?|clients?|nurse|social worker|"
    # session 18: media and classes, and asking what a word means
    r"storyline|memoir|album|radio|anime|manga|scene|role play|roleplay|the paper|a play|"
    r"lecturer|safety plan|does (\w+ ){1,5}mean|difference between|stand for|definition|"
    r"the same (as|thing as)"
    r")s?\b"  # words, not "wardrobe"
)
# Wanting to live, told now, is not risk told now ("i used to want to die, but now i want to
# live" alerted, session 29).
_TO_LIVE = (
    r"(?!( to)? (live|stay alive|keep living|be alive|be here|get better)\b)"
    # nor thinking of one's future or one's people now (session 30: "used to think about ending
    # it, but now i think about my future" alerted)
    r"(?!( about)? (my|our) (future|goals?|kids|tamariki|whanau|family|study|studies|career|"
    r"recovery)\b)"
)
_PRESENT_ME = _rx(
    r" (i|i am|i have|i feel|i still|me) ((?!used |was |were |had |felt )\w+ ){0,3}"
    r"(wants? to die|want to kill myself|suicidal|going to"
    + _TO_LIVE
    + r"|kms|relapsed|started again|still want|still think|urges?|feel like (dying|ending|"
    r"cutting|hurting))| (but|and) (now|honestly|lately|tonight|today|these days|this week) (i|i "
    r"am) (\w+ ){0,3}(want|feel like|think about|thinking about|going to|suicidal|cutting|"
    r"hurting|planning)"
    + _TO_LIVE
    + r"| again | again$| i (\w+ ){0,2}(cut|burned|burnt|hurt myself|relapsed|tried|"
    r"took|did it|attempted)\b( \w+){0,3} (last night|yesterday|this morning|this week|on the "
    r"weekend)\b| relapsed| started (cutting|again)| right now| tonight"
    r"| (urges?|thoughts?|feelings?) (are|is) (back|coming back|getting (worse|stronger))"
    r"| (now|and|but) (it is|its|they are|theyre) (all )?(back|coming back)\b"
)
# Session 24: "can" meant a tin can ("cut myself on a can"), but it matched "can you tell my
# peer worker" and "no one can see" (and, with no word end, "can not", "tinder", "lolly"), so
# the screen took such self-harm disclosures for accidents; the learned models still caught them.
# Session 25: laughter ("lol") was one too, so "cut myself lol" and "burnt myself with a lighter
# lol" were silent to the screen and to both models; an accident now needs its cause named.
_ACCIDENT = _rx(
    r" (by accident|accidentally|on the (oven|stove|iron|kettle|pan|tray|bbq|heater|fire|pipe|"
    r"hot water \w+|radiator|exhaust)|straighteners?|curling iron|glue gun|oven|"
    r"stove|kettle|cooking|chopping|ouch|(car|the|a) door|cupboard|walked into|bumped|"
    r"at (training|rugby|netball|the gym|work|league|"
    r"footy|practice)|fell|tripped|slipped|shaving|gardening|playing|tin|(a|the|that|tin) can|"
    r"can (of|lid)|mandoline|knife slipped|hit me up|beat me at|beat me in|on the (roses|rose bush|"
    r"thorns|brambles|blackberries))\b"
)
# Violence by a partner told with a laugh is still told (session 31: "my partner punched me in the
# face last night lol whatever" was silent to the screen): laughter excuses it only from others,
# and a game won ("beat me at cards") is not violence.
_PARTNER_HURT_ME = _rx(
    rf" ({_PARTNER}|stepdad|step dad) (\w+ ){{0,2}}(punched|slapped|choked|strangled|kicked|hit|"
    r"grabbed|shoved|pushed|bashed|beat|headbutted) me\b(?! (at|on|to|in (a|the|our) (\w+ ){0,2}"
    r"(game|match|round|race|wrestle|final)|" + _IN_PLAY + "))"
)
# Idioms that share words with threats and violence.
_IDIOM = _rx(
    r" (hit|hits) me up| if i (did not|dont|forget|forgot|break|broke|crash|ate|lose|lost)\b| (smas"
    r"h|kill|crush|destroy|beat|murder) (the |this |my |that )?"
    r"(gym|workout|session|exam|test|game|quiz|assignment|deadline|goals?|training|run|it|pb|"
    r"interview|presentation|burger|pie|pizza)\b| (beat|beats) me (at|in|to|by)| if (i am|i) (late|"
    r"not|forget|miss|do not)"
    r"\b"
)
# Laughter: weak evidence of a joke ("took all my pills lol" is a disclosure softened).
_LAUGHTER = _rx(r" (lol|haha\w*|jk)\b| 😂| 🤣")
# A threat over a petty household grievance is an idiom ("gonna kill my brother, he ate my
# leftovers"; session 23, from 10 such non-risk lines in the training files the screen alerted
# on), unless the message names a means or insists it is meant.
_PETTY = _rx(
    r" (ate|eaten|eats|eating|finished|used|uses|using|took|takes|taking|nicked|nicks|stole|"
    r"steals|borrowed|borrows|hogged|hogging|hogs|drank|drinks|touches|touched|touching) (\w+ )?"
    r"(my|the|all the|all my|our|his|her|their) (\w+ ){0,2}(leftovers?|lunch|dinner|kai|chips|"
    r"chocolate|milk|snacks?|food|charger|hot water|toothbrush|shampoo|lego|hoodie|clothes|"
    r"remote|headphones|parking spot|car park|last (piece|slice|biscuit|pie|one))\b"
)
# A death wish over one more of a dull, everyday thing is hyperbole ("kms if i have to sit
# through one more staff meeting", "id rather be dead than sit through another audit"; session
# 24, from such non-risk lines in the training files), unless it insists or names a means.
_TRIVIAL = _rx(
    r" (if i (have to|got to|gotta|need to|must|hear|see|sit|do)|than (sit|do|go to|hear|watch|"
    r"attend|listen to)) (\w+ ){0,5}(one more|another) (\w+ ){0,2}(meeting|zoom|zoom call|exam|"
    r"test|quiz|audit|song|citation|lecture|class|email|assignment|essay|episode|ad|advert|"
    r"group project|team building day|powerpoint|slideshow|spreadsheet|webinar|ted talk)s?\b"
    # a fright told in the past: "ate a ghost pepper and thought i was going to die lol"; not
    # when a wish follows ("thought i was going to die. wish i had")
    r"| thought i was (going to|about to) die\b(?!.* (wish|wished|wanted|hoped|hoping|part of me|"
    r"disappointed|should have|sad|shame)\b)"
)
# Goodbyes and last messages with an everyday leaving named (session 24, from such non-risk
# lines in the training files): a new job, an OE, parental leave, a move, a farewell, a new
# group chat. Never with a word of ending, of readiness or of not being there after.
_LEAVING = _rx(
    r" (new job|job in \w+|starting a new job|(my|his|her|an|their) oe|parental leave|maternity "
    r"leave|paternity leave|moving (to|into|house|out|back|cities|city|towns?)|move to|farewell "
    r"(drinks|do|party|morning tea|lunch)|leaving do|last day (at|before|friday|monday|"
    r"tuesday|wednesday|thursday)|retiring|retirement|redundan\w*|fly (to|out)|flying (to|out)|"
    r"new group|group link|digital detox|no socials allowed|emigrat\w*|old car|sold it)\b"
)
# Someone's grave visited or tended is grief (session 31: "miss my mum heaps, visited her grave
# with flowers"): taken out in `_clean` unless an ending, a means, a wish or a time is told with it
_GRAVE_VISITED = _rx(
    r" (visit|visited|visiting|visits|went to|go to|going to|been to|clean|cleaned|cleaning|tidied"
    r"|tidying|flowers (on|at|to|for)|(put|laid|left|took|bring|brought) (\w+ ){0,3}(on|at|to)) "
    r"(his|her|their|mums|dads|nans|nanas|koros|grandads|brothers|sisters|sons|daughters|my \w+s)"
    r" grave(side|stone)?\b"
)
_GONE_FOR_GOOD = _rx(
    r" (ending it|end it|end (my|this) life|kill|killing|die|dying|dead|suicide|forever|for good|"
    r"never see|will not be (there|here|around|needing)|wont|one thing left|nearly time|its time|"
    r"ready|burden|better off|will not need|no longer|not coming back|do not (wait|look|worry)|"
    r"do not bother|sorry|not your fault|was not (your|her|his) fault|pills|rope|note|letters?|"
    r"will|affairs|tonight|just (u|you) left|nobody|no one|want|wanna|wish|thoughts?|nearly|"
    r"almost|crash|drive off|jump|earth|world|life|better place|somewhere better|upstairs|heaven|"
    r"other side|up there|last time)\b"
)
# A question about when to take one's daily medication ("can i take all my meds at once in the
# morning", "should i take all my tablets together or spread them out"; session 25): asked, with
# a time of day, food or spacing named, and no word of ending, of harm or of not waking.
_REGIMEN = _rx(
    r"^ (can|could|should|do|is it (ok|okay|alright|fine|safe|better) to) (i |we )?(\w+ ){0,2}"
    r"take all (of )?(my |the )?(\w+ )?" + PILLS + r" (\w+ ){0,3}(at once|at the same time|"
    r"together)\b(?=.* (in the (morning|evening)|at (night|bedtime|breakfast|dinner|lunch)|with "
    r"(food|breakfast|dinner|lunch|kai|a meal|milk|water)|every (day|morning|night)|each (day|"
    r"morning|night)|or (spread|space|split|separately|apart)|spread (them|it) out|before (work|"
    r"school|bed))\b)"
)
_REGIMEN_UNSAFE = _rx(
    r" (die|dying|dead|death|end|ending|kill|hurt|harm|wake|never|overdose|od|enough|"
    + DEADLY
    + r"|sleep forever|forever|for good|all of them|whole|tonight|vodka|alcohol|wine|beer|drink|"
    r"sleeping|want|wanna|wish|over|done|point|any more|tired of|can not|cope|nobody|no one)\b"
)
_INSIST = (
    r"i mean it|i mean that|not joking|no joke|not a joke|for real|actually going to|i will do it"
)
_MEANT = _rx(
    r" ("
    + _INSIST
    + r"|seriously|fr)\b| "
    + MEANS
    + r"\b| (axe|machete|hammer|bat)\b"  # weapons MEANS does not list
)
# Said to be meant, or said not to be a story: a topic word does not excuse it ("gonna
# sewerslide after exams. i mean it", "the unalive thing wasnt a game reference"; session 25).
_INSISTED = _rx(
    r" (" + _INSIST + r"|not (really )?(fiction|a game reference|made up|a story|hypothetical)"
    r"|i lied|i was lying|that was a lie)\b|" + _TOPIC_TAKEN
)
_DELIBERATE = _rx(
    r"(?<! not) on purpose| (again|urges?|relapse|want|wanted|deserve|punish|so bad|can not stop)"
)
_AMBIGUOUS = _rx(
    r" can not (do this(?! (\w+ )?(homework|assignment|maths|math|exam|puzzle|level|question|test|"
    r"crossword|task|recipe|quiz|job|workout|essay|course|paper))|go on|keep going|cope|take (it|th"
    r"is|any more)|handle (it|this|"
    r"anything|life)|keep doing this|carry on|do it) ?(any more|no more|much longer)?"
    r"| (what is|whats) the point( of (anything|it all|trying|it|everything|any of it|going on))?"
    r"( any more)? $| i (give|gave) up( on (everything|it all|life|myself))? ?$"
    r"| i (just )?(want|need|wish) (it all|everything|this|the pain|the world|it) to (stop|end|go"
    r" away)| (want|wanna|wish i could) (to )?(disappear|vanish|not be here)(?! (to|into|under|on|i"
    r"n"
    r"|off|with|for a|for the|for (a )?(day|week|weekend|bit|while|few|couple))\b)"
    r"| run away from (everything|it all|life|my life)| (feel like|i am|feeling like) a burden"
    r"| (so )?(tired|exhausted|sick) of (everything|it all|trying|fighting)"
    r"| done with (everything|it all)| (i feel|feeling|everything is|it is all|"
    r"its all) (so )?hopeless| no way out| (i )?hate (my life|being alive|myself so much)"
    r"| nothing matters any more| i am (a )?(worthless|a burden)| every ?one would be better"
    r"| (i )?(can not|cant) see a future| (i )?(do not|dont) see (the|a) point"
    r"| not sure i (want to|can) (keep going|go on|be here)| running out of reasons"
    r"| (it )?(would not|wouldnt) matter if i (was|were) gone"
    r"| just can not any more| whats even the point| what is even the point| (just )?vanish"
    r"| (everything|it all|life) (feels|seems) (so )?(\w+ and )?(hopeless|pointless)"
    r"| (do not|dont) see a "
    r"future| end of my rope| how (much )?longer i can (do|take|go on|keep)| (it is|its) all too "
    r"much| i feel (so )?empty| waste of space| (do not|dont) want to do this any more| sleep "
    r"and not (deal|wake|think)| why i (even )?bother| i am so done ?$| (can not|cant) see the "
    r"point| (nobody|no one) cares about me| feel like giving up| i am not (okay|ok)\b"
    r"| (exhausted|tired|done) with life| feel trapped"
    # session 24, from risk_dev_short.yml's ambiguous replies: said as the whole message
    r"|^ (i )?can not (do it )?any more $|^ (i am )?(over|finished with) (everything|it all) $"
    r"|^ why (even )?bother( any more)? $|^ (its|it is) (all )?(too much|over) $"
    r"|^ (thanks|thank you) for trying $|^ every ?(one|body) hates me $"
    r"|^ (so |just |i feel |feeling |i am )?(numb|empty) $|^ (i have |i )?had enough $"
    r"|^ i (messed|stuffed|screwed) (it )?up (so |real |really )?bad $"
    r"|^ (i am )?(going to|gonna) do something (stupid|dumb)( tonight)? $"
    r"|^ bad night (\w+ ){0,2}(hurt|hurting) $|^ (please )?do not check (on|in on) me $"
    r"|^ (i am )?going away for good $|^ take care of (mum|dad|nan|my \w+|the kids)( for me)? $"
    r"|^ (my )?heads? (is )?in a (bad|dark) (place|space)( right now| tonight| today)? $"
    r"|^ (i )?(may|might) not make (it to )?(the |our )?next (session|appointment|check in) $"
    # session 30: "my plan is to go for a walk every morning" alerted as a plan; said alone, a
    # plan to "do it" or "go" tonight is asked about
    r"|^ (my|the) plan is (to (do it|go)( (tonight|tomorrow|this weekend|soon|now))?|tonight|"
    r"tomorrow|this weekend) $"
    # session 30, from eval/risk_dev_checkin.yml's ambiguous replies
    r"| (can not|cant) see (things|it|life|anything) (ever )?(getting|get) better"
    r"| (gave|given|giving) up on (a lot of things|everything|life|myself|it all)\b"
    r"| (things|it) got physical\b| i am over it (\w+ )?all of it\b"
)


def screen_message(text: str) -> ScreenResult:
    """Decide whether a message shows risk; pure and fast, no I/O."""
    canonical = _canonical(text)
    denied = _DENIALS.sub(" ", canonical)
    cleaned = _clean(canonical)
    if _MEANS_EMOJI.search(text) and _EMOJI_PLAN.search(cleaned):
        return ScreenResult(escalate=True, level="high", reason="plan")
    if _OVERDOSED.search(text):
        return ScreenResult(escalate=True, level="high", reason="plan")
    match = _first_risk(cleaned)
    if match is not None:
        reason, level = match
        accident = reason == "self_harm" and _ACCIDENT.search(cleaned)
        if accident and not _DELIBERATE.search(cleaned):
            return NO_RISK
        laughed_off = reason in ("abuse", "harm_to_others") and _joking(cleaned + " " + text)
        if laughed_off and not (reason == "abuse" and _PARTNER_HURT_ME.search(cleaned)):
            return NO_RISK
        if reason == "harm_to_others" and _petty(cleaned) and _only(reason, cleaned):
            return NO_RISK
        if reason == "suicide" and _trivial(cleaned) and _only(reason, cleaned):
            return NO_RISK
        if reason == "plan" and _leaving(cleaned) and _only(reason, cleaned):
            return NO_RISK
        if reason == "plan" and _regimen(cleaned) and _only(reason, cleaned):
            return NO_RISK
        if reason == "method" or not _excused(cleaned, text):
            return ScreenResult(escalate=True, level=level, reason=reason)
        return NO_RISK
    if denied != canonical:
        return NO_RISK  # an explicit denial and nothing else
    if _AMBIGUOUS.search(canonical):
        return ScreenResult(escalate=False, level="ask", reason="ambiguous")
    return NO_RISK


def _first_risk(text: str) -> tuple[str, Level] | None:
    for reason, level, pattern in _RISK:
        if pattern.search(text):
            return reason, level
    return None


def _only(reason: str, text: str) -> bool:
    """Every risk pattern the text matches is of this reason: an excuse for one kind of risk
    ("kms if i sit one more exam") must not hide another in the same message ("... and i cut
    myself last night")."""
    return all(r == reason for r, _, pattern in _RISK if pattern.search(text))


def _excused(cleaned: str, text: str) -> bool:
    """Recovery, news/education or game context, with no present-tense first-person risk.

    A recovery story excuses the whole message: it is often told over several sentences. It
    does not excuse a sentence of one's own told plainly in the present that carries risk by
    itself ("3 years sober. i have enough pills saved to end it", session 21). A news, study,
    fiction or game word excuses the sentence it stands in, and the sentences about someone else
    ("the dad beats the kids"); a sentence of one's own elsewhere is not about the essay ("essay
    due friday. picked a date to kill myself").
    """
    if _PRESENT_ME.search(cleaned):
        return False
    if _recovering(cleaned):
        return not _risk_told_now(text)
    if not _NEWS.search(cleaned) or _INSISTED.search(cleaned):
        return False
    return all(_told_of_a_topic(_clean(_canonical(part))) for part in sentences(text))


# Session 21: beside a recovery story, a sentence told now that still tells of the past is the
# story's ("it was back in 2015", "before i got sober i wanted to die").
_TOLD_BEFORE = _rx(
    r" (was|were|used to|had|wanted|felt|did|tried|went|ago|back then|back in|before|last (time|"
    r"year|month|week)|years?|when i|since)\b"
)
# Sentences read one by one (here and by the learned models in decision.py): each costs about
# 1 ms to score, and a 4,096-character message of "ok." repeated would otherwise cost 0.8 s.
MOST_SENTENCES = 30


def _risk_told_now(text: str) -> bool:
    """A sentence or clause of one's own told now beside a recovery story that carries risk by
    itself: "i have the rope ready" beside "2 years clean", in the same sentence or not."""
    for part in plain_sentences_of_ones_own(text, MOST_SENTENCES, now_only=True, at_turns=True):
        canonical = _canonical(part)
        if not _TOLD_BEFORE.search(canonical) and _first_risk(_clean(canonical)) is not None:
            return True
    return False


def sentences(text: str) -> list[str]:
    """The message cut at sentence ends (. ! ? ; and new lines), empty parts dropped."""
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


# A turn inside one sentence: what follows "but", "now" or a comma is told now, not as the story
# before it (session 29: "clean for 2 years, but i have the rope ready" and "wanted to die back
# in 2018, now im planning my funeral" were silent at every layer, the streak or year excusing
# the whole sentence). Only the screen reads clauses: the learned models read a clause out of
# its sentence badly ("now i want to live" scored 0.91 and 0.98).
_TURN = re.compile(r",?\s+(?=(?:but|yet|though|although|however|and now|so now|now)\b)|,\s+")


def clauses(text: str) -> list[str]:
    """The message's sentences, each cut again at a comma and before "but", "now" or "yet"."""
    return [c for part in sentences(text) for c in _TURN.split(part) if c.strip()]


def plain_sentences_of_ones_own(
    text: str, most: int, now_only: bool = False, at_turns: bool = False
) -> list[str]:
    """The distinct sentences (at most `most`) of a message of several that carry no context
    of their own and are not about someone else; [] for a message of one sentence.

    `now_only` keeps only sentences told in the present ("now i just want to hurt myself"):
    beside a recovery story, "i wanted to die every day." is the story's, not today's.
    `at_turns` reads clauses (see `clauses`) as sentences: [] then for a message of one clause.
    """
    parts = clauses(text) if at_turns else sentences(text)
    if len(parts) < 2:
        return []
    distinct = list(dict.fromkeys(part.strip().lower() for part in parts))[:most]
    plain = []
    for part in distinct:
        canonical = _canonical(part)
        told_now = not now_only or bool(_NOW.search(canonical))
        if told_now and _context(canonical, part) == "none" and not _of_someone_else(canonical):
            plain.append(part)
    return plain


def _of_someone_else(canonical: str) -> bool:
    """A third person named ("he", "she", "people", "patients") and no first person."""
    return bool(_THIRD_PERSON.search(canonical)) and not _FIRST_PERSON.search(canonical)


def _told_of_a_topic(sentence: str) -> bool:
    """No risk in this sentence, or it names the topic, or it is about someone else.

    A plan or means told in the first person with nobody else in the sentence is not excused
    by a topic word beside it (session 24): "lost my job today, the rope is ready in the shed"
    and "my report card came, took all my tablets" were silent to the screen and to both
    models; "the book i read had a character who took all her pills" stays a topic.
    """
    risk = _first_risk(sentence)
    if risk is None:
        return True
    if _NEWS.search(sentence):
        told_as_mine = _FIRST_PERSON.search(sentence) and not _THIRD_PERSON.search(sentence)
        return risk[0] != "plan" or not told_as_mine
    return _of_someone_else(sentence)


# A sentence told in the present: a time word for now, or a first person in the present tense
# ("i have" from session 21).
_NOW = _rx(
    r" (now|today|tonight|lately|these days|this week|anymore|again|still|keeps?|back)\b"
    r"| (i|im|i am) (just |really |honestly |kinda |sort of )?(want|wanna|feel|am|cant|can not|"
    r"keep|need|will|have|have got|got|ve got|going to|think|wish|dont want|do not want)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")
_FIRST_PERSON = _rx(r" (i|me|my|myself|im|i am|mine|ive|id) ")
_THIRD_PERSON = _rx(
    r" (he|she|they|him|her|them|his|their|hers|himself|herself|themselves|someone|somebody|"
    r"people|character|guy|girl|man|woman|kids?|patients?|clients?|hes|shes|theyre) "
)


def _unsaid(canonical: str) -> str:
    """Canonical text with its denials and hyperbole taken out."""
    return _HYPERBOLE.sub(" ", _DENIALS.sub(" ", canonical))


def _clean(canonical: str) -> str:
    """Canonical text with denials, hyperbole, everyday phrases and travel's "wont be here"
    taken out."""
    cleaned = _EVERYDAY.sub(" ", _unsaid(canonical))
    if _AWAY.search(cleaned):
        cleaned = _NOT_HERE.sub(" ", cleaned)
    if not _GONE_FOR_GOOD.search(cleaned):
        cleaned = _GRAVE_VISITED.sub(" ", cleaned)
    return cleaned


Context = Literal["settled", "topical", "laughing", "none"]


def benign_context(text: str) -> bool:
    """True when a message carries a denial, recovery, grief, news, fiction or idiom context.

    Used to keep the NLU model's risk intent (layer 2) from raising an alert on its own for
    such messages: the bot asks the direct question instead.
    """
    return message_context(text) != "none"


def message_context(text: str) -> Context:
    """The strongest context the message carries, read from one canonical form.

    "settled": an explicit denial, hyperbole or a recovery story; the message says its risk
    words are not about now ("im not suicidal", "so embarrassed i could die", "two years ago").
    "topical": news, study, fiction or games, or an idiom. Weak evidence on its own: "for a
    story" is a known cover for method-seeking, and "exam" or "show" sit in many messages about
    something else.
    "laughing": laughter and nothing above ("lol", "haha", 😂); it often softens a disclosure.
    """
    return _context(_canonical(text), text)


def _context(canonical: str, text: str) -> Context:
    if _DENIALS.search(canonical) or _HYPERBOLE.search(canonical) or _recovering(canonical):
        return "settled"
    if _NEWS.search(canonical) or _IDIOM.search(canonical + " " + text):
        return "topical"
    if _LAUGHTER.search(canonical + " " + text):
        return "laughing"
    return "none"


def _joking(text: str) -> bool:
    """An idiom or laughter: threats and violence words said in jest."""
    return bool(_IDIOM.search(text) or _LAUGHTER.search(text))


def _petty(text: str) -> bool:
    """A threat over a petty household grievance, with no means named and nothing insisting.

    Only for the writer's threats ("harm_to_others"): "he hit me and took my phone charger" is
    abuse whatever was taken.
    """
    return bool(_PETTY.search(text)) and not _MEANT.search(text)


def _trivial(text: str) -> bool:
    """A death wish over one more meeting, exam or song, not insisted on, with no means and
    nothing the screen would ask about."""
    return bool(_TRIVIAL.search(text) and not _MEANT.search(text) and not _AMBIGUOUS.search(text))


def _regimen(text: str) -> bool:
    """A question about when to take one's daily medication, with nothing of ending, harm or
    distress beside it, and nothing else said (at most 20 words)."""
    return bool(
        len(text.split()) <= 20
        and _REGIMEN.search(text)
        and not _REGIMEN_UNSAFE.search(text)
        and not _INSISTED.search(text)
        and not _AMBIGUOUS.search(text)
    )


def _leaving(text: str) -> bool:
    """A goodbye or last message with an everyday leaving named, and nothing of ending nor of
    the distress the screen asks about ("said goodbye to everyone. cant see the point")."""
    return bool(
        _LEAVING.search(text) and not _GONE_FOR_GOOD.search(text) and not _AMBIGUOUS.search(text)
    )


def beside_a_denial(text: str) -> str | None:
    """What a message says besides its denials and hyperbole, when it has some and no recovery
    story: "self harm: no. sorted who gets my stuff" -> "sorted who gets my stuff".

    None when there is nothing of the kind, or fewer than three words are left.
    """
    canonical = _canonical(text)
    if _recovering(canonical):
        return None
    rest = _unsaid(canonical)
    if rest == canonical or len(rest.split()) < 3:
        return None
    return " ".join(rest.split())


def recovery_story(text: str) -> bool:
    """A recovery story ("years ago", "been clean for") and no denial or hyperbole."""
    canonical = _canonical(text)
    return bool(
        _recovering(canonical)
        and not _DENIALS.search(canonical)
        and not _HYPERBOLE.search(canonical)
    )


def settled_context(text: str) -> bool:
    """A denial, hyperbole or recovery story (see `message_context`)."""
    return message_context(text) == "settled"


def topical_context(text: str) -> bool:
    """News, study, fiction, games or an idiom, and nothing settled (see `message_context`)."""
    return message_context(text) == "topical"
