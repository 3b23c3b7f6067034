from pathlib import Path

from companion.rasa_model import model_fingerprint, model_path, rasa_train_command


def _project(tmp_path: Path) -> Path:
    (tmp_path / "nlu").mkdir()
    (tmp_path / "stories").mkdir()
    (tmp_path / "requirements").mkdir()
    (tmp_path / "domain.yml").write_text("version: '3.1'\n")
    (tmp_path / "config.yml").write_text("language: en\n")
    (tmp_path / "nlu" / "a.yml").write_text("nlu: []\n")
    (tmp_path / "stories" / "r.yml").write_text("rules: []\n")
    (tmp_path / "requirements" / "rasa.txt").write_text("rasa==3.6.21\n")
    return tmp_path


def test_fingerprint_changes_only_with_model_inputs(tmp_path: Path) -> None:
    root = _project(tmp_path)
    first = model_fingerprint(root)
    (root / "README.md").write_text("not an input")
    assert model_fingerprint(root) == first
    (root / "nlu" / "a.yml").write_text("nlu: [changed]\n")
    assert model_fingerprint(root) != first


def test_renaming_a_data_file_changes_the_fingerprint(tmp_path: Path) -> None:
    root = _project(tmp_path)
    first = model_fingerprint(root)
    (root / "nlu" / "a.yml").rename(root / "nlu" / "b.yml")
    assert model_fingerprint(root) != first


def test_train_command_writes_the_hashed_model(tmp_path: Path) -> None:
    root = _project(tmp_path)
    target = model_path(root, Path("models"))
    command = rasa_train_command(Path("/venv/bin/rasa"), root, target)
    assert target.name == f"companion-{model_fingerprint(root)}.tar.gz"
    assert command[command.index("--fixed-model-name") + 1] == target.name.removesuffix(".tar.gz")
    assert command[command.index("--data") + 1 : command.index("--data") + 3] == [
        str(root / "nlu"),
        str(root / "stories"),
    ]
