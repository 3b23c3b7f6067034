"""Measure the live risk decision on a labelled set (used by a test and by `make eval`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from companion.safety.decision import decide
from companion.safety.screen import ScreenResult, screen_message


@dataclass(frozen=True)
class ScreenReport:
    """Recall on risk, false alarms on non-risk, and how ambiguous messages were handled."""

    risk_total: int
    missed: Sequence[str]
    asked_on_risk: Sequence[str]
    non_risk_total: int
    false_alarms: Sequence[str]
    asked_on_non_risk: Sequence[str]
    ambiguous_total: int
    ambiguous_ignored: Sequence[str]

    @property
    def recall(self) -> float:
        """Share of risk messages that escalate."""
        return 1 - len(self.missed) / self.risk_total if self.risk_total else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """Share of non-risk messages that escalate (asking a question is not counted)."""
        return len(self.false_alarms) / self.non_risk_total if self.non_risk_total else 0.0

    @property
    def ambiguous_handled(self) -> float:
        """Share of ambiguous messages that get the direct question or escalate."""
        if not self.ambiguous_total:
            return 1.0
        return 1 - len(self.ambiguous_ignored) / self.ambiguous_total

    def summary(self, with_messages: bool = True) -> str:
        """Figures and every miss, for people reading test output or `make eval`.

        Without messages for a held-out set: reading its misses would make it a tuning set.
        """
        lines = [
            f"recall {self.recall:.3f} ({self.risk_total - len(self.missed)}/{self.risk_total}); "
            f"of the {len(self.missed)} not escalated, {len(self.asked_on_risk)} got the direct "
            f"question and {len(self.missed) - len(self.asked_on_risk)} nothing",
            f"false alarms {self.false_alarm_rate:.3f} "
            f"({len(self.false_alarms)}/{self.non_risk_total}); "
            f"asked the direct question on {len(self.asked_on_non_risk)} non-risk",
            f"ambiguous handled {self.ambiguous_handled:.3f} "
            f"({self.ambiguous_total - len(self.ambiguous_ignored)}/{self.ambiguous_total})",
        ]
        if not with_messages:
            return "\n".join(lines)
        lines += [f"  MISSED: {m}" for m in self.missed]
        lines += [f"  FALSE ALARM: {m}" for m in self.false_alarms]
        lines += [f"  ASKED (non-risk): {m}" for m in self.asked_on_non_risk]
        lines += [f"  AMBIGUOUS IGNORED: {m}" for m in self.ambiguous_ignored]
        return "\n".join(lines)


def evaluate(path: Path, screen_only: bool = False) -> ScreenReport:
    """The bot's own decision over a YAML file with `risk`, `non_risk` and `ambiguous` lists.

    `screen_only` measures the deterministic screen without the learned classifier.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    risk = [str(m) for m in data.get("risk", [])]
    non_risk = [str(m) for m in data.get("non_risk", [])]
    ambiguous = [str(m) for m in data.get("ambiguous", []) or []]
    decisions = _decisions(risk + non_risk + ambiguous, screen_only)
    risk_d = decisions[: len(risk)]
    non_risk_d = decisions[len(risk) : len(risk) + len(non_risk)]
    ambiguous_d = decisions[len(risk) + len(non_risk) :]
    return ScreenReport(
        risk_total=len(risk),
        missed=[m for m, d in zip(risk, risk_d, strict=True) if not d.escalate],
        asked_on_risk=[m for m, d in zip(risk, risk_d, strict=True) if d.level == "ask"],
        non_risk_total=len(non_risk),
        false_alarms=[m for m, d in zip(non_risk, non_risk_d, strict=True) if d.escalate],
        asked_on_non_risk=[
            m for m, d in zip(non_risk, non_risk_d, strict=True) if d.level == "ask"
        ],
        ambiguous_total=len(ambiguous),
        ambiguous_ignored=[
            m for m, d in zip(ambiguous, ambiguous_d, strict=True) if d.level == "none"
        ],
    )


def _decisions(messages: list[str], screen_only: bool) -> list[ScreenResult]:
    if screen_only:
        return [screen_message(m) for m in messages]
    return [decide(m) for m in messages]


# Held-out sets nobody has read the misses of: their reports show figures only.
# risk_blind2.yml was one until session 15, when its misses were read (see its header); the
# third to sixth became training data in session 19 (data/risk_training/part_p.yml to part_s.yml),
# the seventh and eighth in session 20 (part_t.yml, part_u.yml). The thirteenth and fourteenth
# were written in session 23, the fifteenth and sixteenth in session 25, the seventeenth in
# session 26, the eighteenth in session 28.
BLIND_SETS = frozenset(
    {
        "risk_blind9.yml",
        "risk_blind10.yml",
        "risk_blind11.yml",
        "risk_blind12.yml",
        "risk_blind13.yml",
        "risk_blind14.yml",
        "risk_blind15.yml",
        "risk_blind16.yml",
        "risk_blind17.yml",
        "risk_blind18.yml",
        "risk_blind19.yml",
    }
)


def main(paths: Sequence[str]) -> None:
    """Print a report per file (`python -m companion.safety.evaluation eval/risk_eval.yml`)."""
    for name in paths:
        blind = Path(name).name in BLIND_SETS
        screen = evaluate(Path(name), screen_only=True)
        print(
            f"== {name} (screen alone: recall {screen.recall:.3f}, "
            f"false alarms {screen.false_alarm_rate:.3f})"
        )
        print(evaluate(Path(name)).summary(with_messages=not blind))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:] or ["eval/risk_eval.yml"])
