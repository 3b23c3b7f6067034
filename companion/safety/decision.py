"""The bot's own risk decision, before Rasa: the deterministic screen, then the learned models.

Any one escalates. The screen decides first (its patterns give the alert a specific reason).
The learned models are asked when the screen raised no alert: the TF-IDF classifier
(classifier.py) and the fine-tuned sentence model (transformer.py); the higher of their two
probabilities counts, so each catches what the other misses. A probability between ASK_AT and
ALERT_AT gets the direct question ("Are you thinking about suicide?") instead of an alert.

Context the screen recognised weighs in these ways:
- a denial, hyperbole or recovery story ("settled" in `message_context`): one learned model
  does not override it. Both agreeing do: on the message as a whole (session 22: on the tuning
  sets 18 risk messages had that and no other), on a sentence of the writer's own that carries
  no context ("i used to love that song. now i just want to hurt myself", session 17), or on
  what is said beside a denial (session 18). A recovery story (not a denial) the fine-tuned
  model scores at or over STORY_ASK_AT as a whole gets the direct question (session 21);
- news, study, fiction, games or an idiom ("topical"): they alert only when both agree
  (each at or over ALERT_AT on the common scale), else they ask. Such words are weak evidence
  ("for a story" is a cover for method-seeking); until session 15 they blocked the models
  outright, which was the largest single cause of misses. Both agreeing on one sentence of the
  writer's own (no context in it, not about someone else) also alerts (session 16);
- laughter alone ("lol", "haha", 😂: "laughing"): as topical, except that one model at or
  over LAUGHING_ALERT_AT alerts by itself ("took all my sertraline just now lol");
- the screen's own direct question for an unclear message ("im tired of fighting"): it becomes
  an alert only when both models agree.

Thresholds were chosen on eval/risk_eval.yml, risk_dev*.yml, risk_blind.yml and (from session
15) risk_blind2.yml, never on the figures-only sets (eval/risk_blind9.yml to risk_blind16.yml;
risk_blind3.yml to risk_blind6.yml were such sets until session 19 made them training data, and
risk_blind7.yml and risk_blind8.yml until session 20); see docs/architecture.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.safety.classifier import default_classifier
from companion.safety.screen import (
    MOST_SENTENCES,
    ScreenResult,
    beside_a_denial,
    canonical_text,
    message_context,
    plain_sentences_of_ones_own,
    recovery_story,
    screen_message,
)
from companion.safety.transformer import default_transformer

# Session 17: training part l (medication talk) made both models less ready to alert on
# everything, risk included; the lines came down from 0.9 and 0.95 to keep recall on the tuning
# sets (1,689 of 1,718 risk messages against 1,687 before part l; false alarms 58 against 55,
# and 7 against 20 of 199 on medication talk). Session 18: with training parts m-o the TF-IDF
# line went back up to 0.88 and the fine-tuned one down to 0.92, chosen on the tuning sets
# (1,689 of 1,718 risk; false alarms 48 of 1,671 against 53 at 0.85 / 0.93; see
# docs/architecture.md). Session 19: with four former blind sets in training, the TF-IDF line came
# down to 0.80, chosen on the tuning sets (1,791 of 1,817 risk, false alarms 57 of 1,870; the
# session-18 models at 0.88 / 0.92 gave 1,788 and 56, the new ones at 0.88 / 0.92 1,778 and 48).
# Session 20: with blind7 and blind8 in training too, 0.82 / 0.88, the most recall on the tuning
# sets at no more false alarms than the session-19 lines had (1,799 of 1,817 risk, 57 of 1,870;
# the session-19 models at 0.80 / 0.92 gave 1,791 and 57, the new ones 1,796 and 56).
ALERT_AT = 0.82
ASK_AT = 0.75
# The fine-tuned model is surer of itself than the TF-IDF one: on the tuning sets it alerted on
# short everyday messages between 0.9 and 0.95 (session 14), so its own line is higher.
TRANSFORMER_ALERT_AT = 0.88
# Laughter alone ("lol", "haha", 😂) and one model very sure: "took all my sertraline just now
# lol" is a disclosure softened, not a joke. Under this line laughter needs both models to agree.
LAUGHING_ALERT_AT = 0.97
# A recovery story the fine-tuned model is this sure is risk asks the direct question (session
# 21). On the tuning sets it asks 3 of 1,870 non-risk messages ("i've come a long way since my
# overdose years ago"); at 0.82 it would ask 8. Never an alert: no tuning risk message needs it.
STORY_ASK_AT = 0.97
# A message of this many words or fewer (canonical: "im" is two) is too short for the TF-IDF
# model alone to alert on (session 22): it asks instead. On the tuning sets this turned 2 false
# alarms and 2 ambiguous alerts into questions and changed no risk message.
SHORT_WORDS = 2
SHORT_TFIDF_MOST = ALERT_AT - 0.01
LEARNED_REASON = "learned"
_LEARNED_ALERT = ScreenResult(escalate=True, level="medium", reason=LEARNED_REASON)
_LEARNED_ASK = ScreenResult(escalate=False, level="ask", reason="ambiguous")


@dataclass(frozen=True)
class Learned:
    """The two learned models' probabilities for one message, on the TF-IDF model's scale.

    `transformer` is None when the fine-tuned model is absent or cannot read the message.
    """

    tfidf: float
    transformer: float | None = None

    @property
    def top(self) -> float:
        """The higher of the two: what an alert or a question is decided on."""
        return self.tfidf if self.transformer is None else max(self.tfidf, self.transformer)

    @property
    def agreed(self) -> bool:
        """Both models present and both at or over ALERT_AT."""
        return (
            self.transformer is not None and self.tfidf >= ALERT_AT and self.transformer >= ALERT_AT
        )


def prepare() -> None:
    """Read both models now (about 0.5 s) so the first message doesn't wait."""
    default_classifier()
    default_transformer()


def on_common_scale(transformer_probability: float) -> float:
    """The fine-tuned model's probability on the TF-IDF model's scale of ALERT_AT and ASK_AT.

    Monotone and piecewise linear: TRANSFORMER_ALERT_AT maps to ALERT_AT, ASK_AT stays ASK_AT.
    """
    p = transformer_probability
    if p < ASK_AT:
        return p
    if p < TRANSFORMER_ALERT_AT:
        return ASK_AT + (p - ASK_AT) * (ALERT_AT - ASK_AT) / (TRANSFORMER_ALERT_AT - ASK_AT)
    return ALERT_AT + (p - TRANSFORMER_ALERT_AT) * (1 - ALERT_AT) / (1 - TRANSFORMER_ALERT_AT)


def learned(text: str) -> Learned:
    """Both learned models' probabilities (the fine-tuned one only where it can read the text)."""
    transformer = default_transformer()
    other = None
    if transformer is not None:
        probability = transformer.probability_if_read(text)
        if probability is not None:
            other = on_common_scale(probability)
    return Learned(_tfidf(text), other)


def _tfidf(text: str) -> float:
    """The TF-IDF model's probability, which can only ask on a message of one or two words.

    A message that short is one or two features to it, each at its full weight: "and then"
    scored 0.998, "not again" 0.992, "sorry" 0.96 (session 22, risk_dev_short.yml). Capped
    under ALERT_AT it asks the direct question; the fine-tuned model and the screen still alert
    on such messages. A lone letter ("n" for no, read as "and") it does not read at all; emoji
    alone it still judges in full.
    """
    stripped = text.strip()
    if len(stripped) == 1 and stripped.isalpha():
        return 0.0
    canonical = canonical_text(text)
    probability = default_classifier().probability_of_canonical(canonical)
    # emoji alone stay its to judge: the fine-tuned model does not read them ("💊🥃😴♾️")
    words = any(c.isalpha() for c in stripped)
    if words and len(canonical.split()) <= SHORT_WORDS:
        return min(probability, SHORT_TFIDF_MOST)
    return probability


def learned_probability(text: str) -> float:
    """The higher of the two learned models' probabilities.

    The TF-IDF model's alone when the other is absent or cannot read the message's script.
    """
    return learned(text).top


def decide(text: str, scores: Learned | None = None) -> ScreenResult:
    """Screen, then the learned models; pure apart from reading their files once per process.

    `scores` lets a test pass the models' probabilities in instead of computing them.
    """
    result = screen_message(text)
    if result.escalate:
        return result
    context = message_context(text)
    if result.level != "ask" and context == "settled":
        # the story or denial holds the whole message back, not a sentence of its own beside it,
        # nor what is said beside a denial ("self harm: no. sorted who gets my stuff")
        if _a_sentence_of_ones_own_agreed(text, now_only=True) or _beside_a_denial_agreed(text):
            return _LEARNED_ALERT
        # both models agreeing on the message as a whole overrule the story or denial: on the
        # tuning sets 18 risk messages and no other had that (session 22: "6 months clean and i
        # just threw it all away, arms are a mess", "my brother took his life in march and i
        # just want to be with him now")
        whole = learned(text) if scores is None else scores
        if whole.agreed:
            return _LEARNED_ALERT
        # a recovery story (not a denial) the fine-tuned model is very sure is risk gets the
        # direct question rather than nothing ("years ago i tried. this weekend i finish it",
        # session 21)
        if recovery_story(text) and _very_sure(whole):
            return _LEARNED_ASK
        return result
    if scores is None:
        scores = learned(text)
    if scores.agreed:
        return _LEARNED_ALERT
    if context == "topical" and _a_sentence_of_ones_own_agreed(text):
        return _LEARNED_ALERT
    if result.level == "ask":
        return result
    if scores.top >= ALERT_AT and context == "none":
        return _LEARNED_ALERT
    if scores.top >= LAUGHING_ALERT_AT and context == "laughing":
        return _LEARNED_ALERT
    if scores.top >= ASK_AT:
        return _LEARNED_ASK
    return result


def _very_sure(scores: Learned) -> bool:
    """The fine-tuned model at or over STORY_ASK_AT (on the common scale)."""
    return scores.transformer is not None and scores.transformer >= STORY_ASK_AT


def _beside_a_denial_agreed(text: str) -> bool:
    """Both models agree on what a message says besides its denials and hyperbole.

    Session 18 made screening answers denials ("no suicidal thoughts", "self harm: no"), which
    hold the learned models back for the whole message; the rest of it is still read.
    """
    rest = beside_a_denial(text)
    return rest is not None and learned(rest).agreed


def _a_sentence_of_ones_own_agreed(text: str, now_only: bool = False) -> bool:
    """Both models agree on one sentence that carries no context and is not about someone else.

    For a message with a topical word: "trying to write my essay but cant stop crying. took a
    handful of pills an hour ago" is diluted as a whole (the models disagree), not sentence by
    sentence. Scoring every sentence of every message raised false alarms on the blind sets
    (session 15); this is only for messages a topical word already holds back, and (with
    `now_only`, session 17) for sentences told in the present beside a recovery story, denial
    or hyperbole: "i used to love that song. now i just want to hurt myself".
    """
    parts = plain_sentences_of_ones_own(text, MOST_SENTENCES, now_only)
    return any(learned(part).agreed for part in parts)
