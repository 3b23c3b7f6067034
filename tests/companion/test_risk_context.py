"""How the context the screen recognises weighs against the learned models (session 15).

Until session 15 any news, study, fiction, game, idiom or laughter word ("lol", "exam", "for a
book") silenced both learned models, and the news words matched as prefixes ("war" in
"wardrobe", "show" in "shower"): on the retired blind set risk_blind2.yml, 20 of 36 misses were
messages both models scored at 0.9 or more. Messages here are written for these tests.
"""

from __future__ import annotations

import pytest

from companion.safety import decision
from companion.safety.classifier import default_classifier
from companion.safety.decision import (
    ALERT_AT,
    ASK_AT,
    LAUGHING_ALERT_AT,
    LEARNED_REASON,
    STORY_ASK_AT,
    Learned,
    decide,
    learned,
)
from companion.safety.screen import (
    benign_context,
    message_context,
    screen_message,
    settled_context,
    topical_context,
)

TOPICAL = "for a book im writing, imagine that"
PLAIN = "something the screen has no pattern for"


def test_news_and_study_words_match_whole_words_only() -> None:
    for text in (
        "put my good shirt in the wardrobe",
        "he waits outside while i shower",
        "my brother showed me something",
        "the exams are over",  # plural of a word on the list is still that word
    ):
        assert topical_context(text) is text.endswith("over"), text
    assert topical_context("watched a show about the war")
    assert topical_context("for a book im writing")


def test_a_topical_word_no_longer_silences_two_agreeing_models() -> None:
    agreed = Learned(ALERT_AT, ALERT_AT)
    assert not screen_message(TOPICAL).escalate and topical_context(TOPICAL)
    result = decide(TOPICAL, agreed)
    assert result.escalate and result.reason == LEARNED_REASON
    # one model alone only asks in such a context; without any context it alerts
    for one in (Learned(0.99, 0.3), Learned(0.3, 0.99), Learned(0.99)):
        assert decide(TOPICAL, one).level == "ask", one
        assert decide(PLAIN, one).escalate, one
    assert decide(TOPICAL, Learned(ASK_AT - 0.01, ASK_AT - 0.01)).level == "none"


def test_a_denial_or_recovery_story_holds_back_one_model() -> None:
    denial, story = (
        "im not suicidal lol, just sick of exams",
        "three years ago i tried, haha, and now im doing heaps better",
    )
    for text in (denial, story):
        assert settled_context(text) and benign_context(text), text
    # both models agreeing on it as a whole alert (session 22; asked in between, silent before);
    # a recovery story is asked about when the fine-tuned model alone is very sure (session 21);
    # else silent
    assert decide(denial, Learned(0.99, 0.99)).escalate
    assert decide(denial, Learned(ALERT_AT, ALERT_AT)).escalate
    for one in (
        Learned(0.99, 0.5),
        Learned(0.5, 0.99),
        Learned(0.99),
        Learned(0.99, ALERT_AT - 0.01),
    ):
        assert decide(denial, one) == screen_message(denial), one
    assert decide(story, Learned(0.99, 0.99)).escalate
    assert decide(story, Learned(0.5, STORY_ASK_AT)).level == "ask"
    assert decide(story, Learned(0.5, STORY_ASK_AT - 0.01)) == screen_message(story)
    assert decide(story, Learned(0.99, ALERT_AT - 0.01)) == screen_message(story)


def test_the_screens_question_becomes_an_alert_only_when_both_models_agree() -> None:
    text = "im so tired of fighting"
    assert screen_message(text).level == "ask"
    assert decide(text, Learned(0.99, 0.99)).escalate
    for one in (Learned(0.99, 0.5), Learned(0.99), Learned(0.5, 0.99)):
        assert decide(text, one).level == "ask", one


def test_the_real_models_catch_disclosures_behind_a_topical_word() -> None:
    """Each was silenced before session 15 (the first by "showed" matching "show")."""
    for text in (
        "my brother showed me the pills hes been saving up and said this weekend is it",
        "for a book im writing, how many of my antidepressants would stop a heart",
        "finished the series tonight. that was the last thing on my list before i go for good",
    ):
        assert not screen_message(text).escalate, text
        result = decide(text)
        assert result.escalate and result.reason == LEARNED_REASON, text


def test_a_topical_word_excuses_its_own_sentence_not_a_disclosure_in_another() -> None:
    """Session 16. Until then one news or study word anywhere excused a match anywhere."""
    for text in (
        "uni is sweet, got a B on my essay. picked a date to end it. anyway off to the shower",
        "podcast on grief was good. want to go to sleep and never wake up tho",
        "the song from the tangi came on the radio. wanna be dead honestly",
    ):
        assert screen_message(text).escalate, text
    for text in (
        "for my essay on youth suicide rates, the stats are grim",  # same sentence
        "finished the novel. the main character kills himself at the end. cried heaps",
        "our study group did the book. the dad beats the kids and nobody helps. tough read",
        "working with patients on the ward. one guy had tried to hang himself last week",
    ):
        assert not screen_message(text).escalate, text


def test_a_recovery_story_still_excuses_the_whole_message() -> None:
    text = "two years ago i was in a dark place. i tried to kill myself. doing heaps better now"
    assert not screen_message(text).escalate
    assert settled_context(text)


def test_laughter_alone_lets_one_very_sure_model_alert() -> None:
    """A disclosure softened by laughter ("took all my pills lol") is not a joke (session 16)."""
    text = "took all of them just now lol whats gonna happen"
    assert message_context(text) == "laughing" and benign_context(text)
    assert not topical_context(text)
    assert decide(text, Learned(0.3, LAUGHING_ALERT_AT)).escalate
    assert decide(text, Learned(LAUGHING_ALERT_AT)).escalate
    # under that line one model asks, as with any topical word; both agreeing still alert
    assert decide(text, Learned(0.3, LAUGHING_ALERT_AT - 0.01)).level == "ask"
    assert decide(text, Learned(ALERT_AT, ALERT_AT)).escalate
    # a news or study word with the laughter keeps the stricter rule
    studying = "for my essay lol whats gonna happen"
    assert message_context(studying) == "topical"
    assert decide(studying, Learned(0.3, 0.99)).level == "ask"


def test_a_sentence_of_ones_own_is_scored_alone_when_a_topic_holds_the_message_back() -> None:
    """Session 16: both models agree on the disclosure sentence, not on the whole message."""
    text = "the podcast was good. thinking about drowning, the river is close"
    assert not screen_message(text).escalate and topical_context(text)
    result = decide(text)
    assert result.escalate and result.reason == LEARNED_REASON
    # a sentence about someone else is the topic's, not the writer's
    other = "listened to a crime podcast. the guy poisoned his wife with her own pills. creepy"
    assert not decide(other).escalate


def test_sentences_scored_alone_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 4,096-character message of short sentences costs at most 30 model calls, not 500."""
    calls: list[str] = []

    def counting(text: str) -> Learned:
        calls.append(text)
        return Learned(0.78, 0.78)  # asks as a whole; no sentence agrees

    monkeypatch.setattr(decision, "learned", counting)
    text = ("watched the news. " + " ".join(f"line {i} of my day." for i in range(400)))[:4096]
    assert decide(text).level == "ask"
    # the whole message once, then at most 30 sentences (not the 400 it holds)
    assert 1 < len(calls) <= 31


def test_a_sentence_told_now_beside_a_recovery_story_is_scored_alone() -> None:
    """Session 17: "i used to" held the whole message back, and the disclosure beside it with it."""
    for text in (
        "i used to love my job. lately i keep thinking nobody would notice if i was gone",
        "i used to play netball every saturday. now i cant see a reason to keep going",
    ):
        assert settled_context(text) and not screen_message(text).escalate, text
        result = decide(text)
        assert result.escalate and result.reason == LEARNED_REASON, text
    # session 21: where the sentence told now is one the screen knows, the screen escalates
    for text in (
        "i used to play netball every saturday. now i just want to hurt myself all the time",
        "i used to love my job. lately i keep thinking everyone would be better off without me",
    ):
        assert settled_context(text) and screen_message(text).escalate, text


def test_the_story_told_in_its_own_past_sentences_stays_a_story() -> None:
    """The models agree on "i wanted to die every day." alone; told as the past, it is not now."""
    for text in (
        "years ago i was in a dark place. i wanted to die every day. now im good",
        "i used to be in a bad way. i thought about ending it all the time. therapy helped heaps",
        "when i was 16 i tried to kill myself. i took pills. i am 30 now and happy",
        "i wanted to die back then. now i want to live and see my moko grow up",
        "im not suicidal. just tired and need a holiday",
    ):
        assert settled_context(text), text
        assert not decide(text).escalate, text


def test_only_sentences_told_now_are_scored_beside_a_settled_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scored: list[str] = []

    def agreeing(text: str) -> Learned:
        scored.append(text)
        return Learned(0.99, 0.99)

    monkeypatch.setattr(decision, "learned", agreeing)
    story = "i used to self harm years ago. i cut most nights. therapy helped"
    assert settled_context(story)
    assert decide(story).escalate  # no sentence of it is told now: the whole (session 22)
    assert scored == [story]
    scored.clear()
    now = "i used to self harm years ago. lately its on my mind every day"
    assert decide(now).escalate
    assert scored == ["lately its on my mind every day"]


def test_what_is_said_beside_a_denial_is_still_read() -> None:
    """Session 18 made screening answers denials ("self harm: no"), which hold the learned
    models back for the whole message; what the message says besides them is still scored."""
    for text in (
        "self harm: no. left the back door unlocked so whoever finds me doesnt have to break in",
        "no thoughts of suicide. put the letters for everyone in my drawer where theyll find them",
        "i dont want to die, i just want to hurt",
    ):
        assert settled_context(text) and not screen_message(text).escalate, text
        result = decide(text)
        assert result.escalate and result.reason == LEARNED_REASON, text
    for text in (
        "no suicidal thoughts, just the usual anxiety about mahi",
        "self harm: no. suicidal thoughts: no. sleep: bad lol",
        "im not suicidal. just tired and need a holiday",
    ):
        assert not decide(text).escalate, text


def test_only_the_rest_of_a_denial_is_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    scored: list[str] = []

    def agreeing(text: str) -> Learned:
        scored.append(text)
        return Learned(0.99, 0.99)

    monkeypatch.setattr(decision, "learned", agreeing)
    assert decide("no suicidal thoughts, packed my bag for good").escalate
    assert scored == ["packed my bag for good"]
    scored.clear()
    # two words left: nothing beside the denial to read; the whole is scored once (session 22)
    assert decide("no suicidal thoughts lol").escalate
    assert scored == ["no suicidal thoughts lol"]


def test_a_recovery_story_the_fine_tuned_model_is_sure_of_gets_the_direct_question() -> None:
    """Session 21: before, nothing happened for these (the story held both models back)."""
    for text in (
        "years ago i tried. this weekend i finish it",
        "i used to self harm, now i just want to disappear for good",
    ):
        assert settled_context(text) and not screen_message(text).escalate, text
        assert decide(text).level == "ask", text
    # near the line the fitted model's score depends on the CPU it was fitted on (0.968 on an
    # Intel machine, over 0.97 on an AMD one, session 23): the rule itself, with scores given
    text = "in recovery 5 years. the rope is in the shed"
    assert settled_context(text) and not screen_message(text).escalate, text
    assert decide(text, Learned(0.04, STORY_ASK_AT)).level == "ask", text
    assert decide(text, Learned(0.04, STORY_ASK_AT - 0.01)).level == "none", text
    for text in (
        "im not suicidal lol. just sorting who gets my car after",  # a denial: not asked again
        "i used to want to die. now im doing heaps better",
    ):
        assert decide(text).level == "none", text


def test_a_settled_message_both_models_agree_on_alerts() -> None:
    """Session 22: before, a denial or story held both models back even when both were sure.
    On the tuning sets 18 such messages were risk and none was not."""
    for text in (
        "lol im not suicidal im just planning it. totally different",
        "used to just snap a hair tie on my wrist but that doesnt do anything anymore",
        "6 months clean and i just threw it all away, arms are a mess and i want to keep going",
        "i was clean for 200 days, i cut tonight and i want to do it again",
    ):
        assert settled_context(text) and not screen_message(text).escalate, text
        assert learned(text).agreed, text
        result = decide(text)
        assert result.escalate and result.reason == LEARNED_REASON, text


def test_a_relapse_told_beside_the_streak_it_broke_is_no_recovery_story() -> None:
    """Session 22: the streak ("3 months clean") made these recovery stories, which held the
    screen's patterns and both models back; at most the direct question was asked."""
    for text in (
        "relapsed on the cutting after a year clean. i feel so ashamed",
        "100 days clean gone. did it in the bathroom at work",
        "the urges are back and theyre loud. i used to be able to ride them out",
        "broke 6 months clean from sh today. just needed to feel something",
    ):
        assert not settled_context(text), text
        assert decide(text).escalate, text
    for text in (
        "i relapsed once four years ago but havent since",
        "6 months clean from cutting today!!",
        "relapsed on the smokes after 3 months clean, gutted but back on the patches tomorrow",
    ):
        assert not decide(text).escalate, text
    assert settled_context("i relapsed once four years ago but havent since")


def test_the_tfidf_model_alone_only_asks_on_one_or_two_words() -> None:
    """Session 22 (risk_dev_short.yml): one or two features at full weight made "not again"
    0.99 and "sorry" 0.96 to it, each an alert. Now it asks; a lone letter it does not read."""
    for text in ("not again", "sorry", "no point"):
        assert default_classifier().probability(text) >= ALERT_AT, text
        result = decide(text)
        assert not result.escalate and result.level == "ask", text
    assert default_classifier().probability("n") >= ALERT_AT
    assert learned("n").tfidf == 0.0 and decide("n").level == "none"
    # emoji alone: the fine-tuned model does not read them, so the TF-IDF model keeps its say
    emoji = "🔪🩸😶"
    assert learned(emoji).transformer is None
    assert learned(emoji).tfidf == default_classifier().probability(emoji)
    # longer messages, and the fine-tuned model on short ones, are unchanged
    assert learned("i want to end it all").tfidf == default_classifier().probability(
        "i want to end it all"
    )
    assert decide("bye forever").escalate
