"""The trained Rasa model is named by a hash of its inputs: retrained only when they change."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

MODEL_INPUTS = ("domain.yml", "config.yml", "nlu", "stories", "requirements/rasa.txt")
MODEL_PREFIX = "companion-"


def _input_files(root: Path, inputs: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for name in inputs:
        path = root / name
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in {".yml", ".yaml"}
            )
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"model input missing: {path}")
    return files


def model_fingerprint(root: Path, inputs: Iterable[str] = MODEL_INPUTS) -> str:
    """A hash of every file that shapes the model (names and contents)."""
    digest = hashlib.sha256()
    for path in _input_files(root, inputs):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path(root: Path, model_dir: Path) -> Path:
    """Where the model for the current inputs lives (it may not be trained yet)."""
    directory = model_dir if model_dir.is_absolute() else root / model_dir
    return directory / f"{MODEL_PREFIX}{model_fingerprint(root)}.tar.gz"


def rasa_train_command(rasa_executable: Path, root: Path, target: Path) -> list[str]:
    """The `rasa train` invocation that writes exactly `target`."""
    return [
        str(rasa_executable),
        "train",
        "--data",
        str(root / "nlu"),
        str(root / "stories"),
        "--domain",
        str(root / "domain.yml"),
        "--config",
        str(root / "config.yml"),
        "--out",
        str(target.parent),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
    ]
