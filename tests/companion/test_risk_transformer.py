"""The fine-tuned sentence model (layer 1c) as the bot ships and runs it."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.safety import decision, transformer
from companion.safety.classifier import default_classifier
from companion.safety.classifier_training import fingerprint, project_examples
from companion.safety.decision import (
    ALERT_AT,
    ASK_AT,
    LEARNED_REASON,
    TRANSFORMER_ALERT_AT,
    Learned,
    decide,
    learned,
    learned_probability,
    on_common_scale,
)
from companion.safety.screen import screen_message
from companion.safety.transformer import (
    MODEL_FORMAT,
    PROBES,
    TransformerScorer,
    default_transformer,
    load_transformer,
    model_dir,
    model_key,
    read_reference,
    reads,
)


@pytest.fixture
def scorer() -> TransformerScorer:
    """The shipped model as the bot loads it."""
    loaded = default_transformer()
    assert loaded is not None
    return loaded


@pytest.fixture
def without_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The bot as it runs when the model files are missing (a broken install)."""
    monkeypatch.setattr(transformer, "MODELS_DIR", tmp_path / "missing")
    default_transformer.cache_clear()
    yield
    default_transformer.cache_clear()


def test_the_measured_model_comes_from_todays_training_data() -> None:
    reference = read_reference()
    assert reference["format"] == MODEL_FORMAT
    assert reference["fingerprint"] == fingerprint(project_examples()), (
        "data/risk_training or nlu/ changed since the risk model was fine-tuned: "
        "run `make risk-transformer`, measure it (`make eval`) and commit "
        "data/risk_transformer.json"
    )
    # the built graph is named by the data and every setting, so a change means a rebuild
    assert reference["model"] == model_key(reference["fingerprint"], reference["settings"])
    assert model_dir().name == reference["model"]


def test_the_measured_model_was_fitted_on_one_instruction_set() -> None:
    """Two CPUs of this machine kind fitted different models from the same data and seed (AVX-512
    and AMX kernels round differently): the reference records the pinned instruction set and
    thread count, and the training environment sets them before PyTorch loads."""
    from companion.safety.transformer_training import Settings, numerics_environment

    settings = read_reference()["settings"]
    assert settings["cpu_isa"] == "AVX2" and settings["threads"] == 2
    environment = numerics_environment(Settings(**settings))
    assert environment["ATEN_CPU_CAPABILITY"] == "avx2"
    assert environment["MKL_CBWR"] == "AVX2,STRICT"
    assert environment["ONEDNN_MAX_CPU_ISA"] == "AVX2"


def test_training_batches_hold_messages_of_like_length() -> None:
    """Session 19: random batches padded every message to the longest of 32, and four blind
    sets' longer messages in training doubled an epoch's time. Batches are cut from runs sorted
    by length: every message once per epoch, each batch's lengths close, the order shuffled."""
    import random

    from companion.safety.transformer_training import Settings, length_batches

    assert read_reference()["settings"]["length_sorted_batches"] == Settings().length_sorted_batches
    draw = random.Random(1)
    lengths = [draw.randint(3, 96) for _ in range(1000)]
    order = list(range(1000))
    random.Random(2).shuffle(order)
    batches = length_batches(order, lengths, 32, 16, random.Random(0))
    assert sorted(i for batch in batches for i in batch) == list(range(1000))
    assert sum(len(batch) < 32 for batch in batches) == 1  # only the last run's remainder
    padded = sum(len(batch) * max(lengths[i] for i in batch) for batch in batches)
    plain = length_batches(order, lengths, 32, 1, random.Random(0))
    assert plain == [order[i : i + 32] for i in range(0, 1000, 32)]
    padded_plain = sum(len(batch) * max(lengths[i] for i in batch) for batch in plain)
    assert padded < 0.65 * padded_plain, (padded, padded_plain)
    assert length_batches(order, lengths, 32, 16, random.Random(0)) == batches  # deterministic
    assert batches != sorted(batches, key=lambda batch: lengths[batch[0]])  # not longest last


def test_the_built_model_scores_as_the_measured_one_did() -> None:
    """The graph `make model` built here, read by this onnxruntime and tokenizer, gives the
    probabilities the measured model gave when it was exported.

    The training environment runs onnxruntime 1.32 (Python 3.11), the bot 1.23 (Python 3.10):
    their int8 kernels differ by ~1e-4. Fitted on an Intel machine of this kind, the reference
    fitted on an AMD one gave other bytes and moved one probe by 0.0068 (0.962 -> 0.969; the
    others by under 2e-4, session 23). Another fit (before training was pinned to AVX2 two CPUs
    gave 0.743 and 0.799 for one probe), a wrong tokenizer or a broken graph moves these by more."""
    reference = read_reference()
    scorer = load_transformer(model_dir())
    assert set(reference["probes"]) == set(PROBES)
    for text, expected in reference["probes"].items():
        assert scorer.probability(text) == pytest.approx(expected, abs=0.01), text


def test_the_built_graph_scores_as_its_full_precision_model_on_this_cpu() -> None:
    """The int8 graph, run on whatever CPU this is, stays near what the full-precision graph gave
    the probes when it was built.

    Sessions 14-25 stored signed 8-bit weights, which onnxruntime multiplies by the unsigned
    activations with an AVX2 instruction that saturates on CPUs without VNNI: on an AVX2-only
    AMD EPYC (session 26) the shipped graph scored "gave my dog away and wrote some letters"
    0.887 against 0.962 on the machine it was measured on, and three tuning risk messages went
    silent. Unsigned weights take a path without saturation on every x86 CPU."""
    reference = read_reference()
    assert reference["settings"]["weight_type"] == "QUInt8"
    scorer = load_transformer(model_dir())
    assert set(reference["full_precision_probes"]) == set(PROBES)
    for text, full_precision in reference["full_precision_probes"].items():
        assert scorer.probability(text) == pytest.approx(full_precision, abs=0.02), text


def test_the_model_is_loaded_once_and_is_fast(scorer: TransformerScorer) -> None:
    assert default_transformer() is scorer
    text = "honestly i dont know anymore, everything is a lot and i keep thinking about it"
    scorer.probability(text)
    started = time.perf_counter()
    for _ in range(50):
        scorer.probability(text)
    assert (time.perf_counter() - started) / 50 < 0.02


def test_it_catches_indirect_wording_the_tfidf_classifier_does_not(
    scorer: TransformerScorer,
) -> None:
    """Written for this test (in no training or evaluation file): preparation and means said in
    words the TF-IDF model has little of. ("put the spare key under the mat so the police dont
    have to break the door" was one until session 18: with training part n, preparations told
    without the usual words, the TF-IDF model gives it 0.77 and asks; so, from session 19, does
    "been collecting the painkillers from three different chemists", with four former blind sets
    in training.)"""
    for text in (
        "my mates can have my fishing gear, i wont be using it after this week",
        "wrote the kids a letter each and left them in the glovebox",
    ):
        assert not screen_message(text).escalate, text
        assert default_classifier().probability(text) < ASK_AT, text
        assert scorer.probability(text) >= TRANSFORMER_ALERT_AT, text
        result = decide(text)
        assert result.escalate and result.reason == LEARNED_REASON, text


def test_the_higher_of_the_two_models_counts(scorer: TransformerScorer) -> None:
    for text in (
        "gave my guitar away, wont need it where im going",
        "made soup for the week",
        "sorted my will and left the house keys with the neighbour",
    ):
        tfidf, other = default_classifier().probability(text), scorer.probability(text)
        assert learned_probability(text) == max(tfidf, on_common_scale(other)), text


def test_the_fine_tuned_model_alerts_from_its_own_threshold() -> None:
    """Its own line on its scale is the TF-IDF model's line (0.88 and 0.82 in session 20, 0.92
    and 0.80 in session 19, 0.92 and 0.88 in session 18, 0.93 and 0.85 in session 17, 0.95 and
    0.9 before): under it the fine-tuned model only asks."""
    below, above = TRANSFORMER_ALERT_AT - 0.01, TRANSFORMER_ALERT_AT + 0.02
    assert on_common_scale(TRANSFORMER_ALERT_AT) == pytest.approx(ALERT_AT)
    assert on_common_scale(ASK_AT) == pytest.approx(ASK_AT)
    assert on_common_scale(1.0) == pytest.approx(1.0)
    assert on_common_scale(0.3) == 0.3
    assert ASK_AT <= on_common_scale(below) < ALERT_AT <= on_common_scale(TRANSFORMER_ALERT_AT)
    points = [i / 1000 for i in range(1001)]
    mapped = [on_common_scale(p) for p in points]
    assert mapped == sorted(mapped)
    text = "something the screen has no pattern for"
    assert decide(text, Learned(0.5, on_common_scale(below))).level == "ask"
    assert decide(text, Learned(0.5, on_common_scale(above))).escalate


def test_everyday_messages_stay_quiet(scorer: TransformerScorer) -> None:
    for text in (
        "off to netball practice then tea at nans",
        "no",
        "message 3",
        "mood 5 today, bit tired but ok",
        "this traffic is killing me",
        "finished the last of my antibiotics today, feeling heaps better",
    ):
        assert scorer.probability(text) < ALERT_AT, text
        assert not decide(text).escalate, text


def test_without_the_model_the_bot_goes_on_with_the_other_layers(
    without_the_model: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert default_transformer() is None
        decision.prepare()
    assert any("risk model" in r.getMessage() for r in caplog.records)
    # the screen and the TF-IDF classifier still decide
    assert decide("i want to kill myself").escalate
    text = "gave my guitar to my cousin, wont be needing it where im going"
    assert learned_probability(text) == default_classifier().probability(text)
    assert decide(text).escalate
    assert not decide("made a big pot of soup for the week").escalate


def test_it_abstains_on_text_mostly_in_another_script(scorer: TransformerScorer) -> None:
    """Its word pieces for Arabic are single letters: an Arabic greeting scored 0.97 (found by
    tests/bot/test_bad_input.py). English with te reo and emoji is read as before."""
    greeting = (
        "\u0645\u0631\u062d\u0628\u0627\u060c \u0643\u064a\u0641 \u062d\u0627\u0644\u0643\u061f"
    )
    assert not reads(greeting) and not reads(greeting + " \u202eevil")
    assert learned_probability(greeting) == default_classifier().probability(greeting)
    assert not decide(greeting + " \u202eevil").escalate
    for text in ("kia ora, ka pai te mahi a te whānau 🙂", "😢😢", "mood 6", ""):
        assert reads(text), text
    text = "put the spare key under the mat so the police dont have to break the door"
    assert reads(text) and decide(text).escalate


def test_it_abstains_when_it_knows_none_of_the_word_pieces(scorer: TransformerScorer) -> None:
    """Emoji it never learned are one unknown word piece, so "👍" and "😭😭😭🙃💀" reached it as
    the same "[CLS] [UNK] [SEP]" and got one number: 0.93 with session 20's first fit, which
    alerted on a thumbs-up (found by tests/bot/test_bad_input.py). It reads none of them now."""
    for text in ("👍", "❤️❤️", "🙏", "😂😂😂", "😭😭😭🙃💀", "x" * 2000, ""):
        assert scorer.probability_if_read(text) is None, text
        assert learned(text).transformer is None, text
        assert decide(text).level == "none", text
    for text in ("so tired 💀", "mood 6", "ok 👍"):
        assert scorer.probability_if_read(text) == scorer.probability(text), text
    # what the screen knows of emoji still counts
    assert screen_message("🪦").escalate and decide("🪦").escalate


def test_it_abstains_on_key_mashing_it_knows_no_whole_word_of(scorer: TransformerScorer) -> None:
    """Key mashing reaches it as fragments of words ("xx ##xx ##xx"): session 20's fit put 0.99
    on a run of 30 x's, an alert, and asked "Are you thinking about suicide?" after
    "asdfasdfasdf" (session 22). A message with one word it knows whole is still read."""
    for text in ("x" * 30, "x" * 100, "asdfasdfasdf", "lkjhgfdsa", "jkjkjkjk", "......", "???"):
        assert scorer.probability_if_read(text) is None, text
        assert decide(text).level == "none", text
    for text in ("ok ok ok ok", "k", "1/10", "xxxxxx i want to die", "asdfghjkl im done"):
        assert scorer.probability_if_read(text) == scorer.probability(text), text
    # fragments to this model, known to the screen: still an alert
    for text in ("kms", "kms kms kms", "sewerslide"):
        assert scorer.probability_if_read(text) is None, text
        assert decide(text).escalate, text
