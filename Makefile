# Telegram companion for self-management support. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON310 ?= $(shell scripts/find-python310)
APP_VENV := .venv
RASA_VENV := .venv-rasa
TRAIN_VENV := .venv-train
TRAIN_STAMP := $(TRAIN_VENV)/.installed
APP_STAMP := $(APP_VENV)/.installed
RASA_STAMP := $(RASA_VENV)/.installed
COMPANION := $(APP_VENV)/bin/companion
PYTEST_ARGS ?=

export RASA_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(APP_STAMP): requirements/app.txt pyproject.toml
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed (see above)"; exit 1; }
	$(PYTHON310) -m venv $(APP_VENV)
	$(APP_VENV)/bin/pip install -q --upgrade pip wheel
	$(APP_VENV)/bin/pip install -q -r requirements/app.txt
	$(APP_VENV)/bin/pip install -q --no-deps -e .
	touch $@

$(RASA_STAMP): requirements/rasa.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed (see above)"; exit 1; }
	$(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install -q --upgrade pip wheel
	$(RASA_VENV)/bin/pip install -q -r requirements/rasa.txt
	touch $@

.PHONY: venvs
venvs: $(APP_STAMP) $(RASA_STAMP) ## Create both Python 3.10 environments (app and Rasa)

.PHONY: model
model: venvs $(TRAIN_STAMP) ## Train the Rasa model and build the fine-tuned risk model, each only when its inputs changed
	$(COMPANION) model ensure
	PYTHONPATH=. $(TRAIN_VENV)/bin/python -m companion.safety.transformer_training

.PHONY: risk-model
risk-model: $(APP_STAMP) ## Retrain the learned risk classifier after data/risk_training or nlu/ changed
	$(COMPANION) model risk

$(TRAIN_STAMP): requirements/train.txt
	@command -v python3.11 >/dev/null || { echo "Python 3.11 is needed for the risk model's training environment (torch's CPU wheel here is for 3.11)"; exit 1; }
	python3.11 -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install -q -r requirements/train.txt
	touch $@

.PHONY: risk-transformer
risk-transformer: $(TRAIN_STAMP) ## Re-fine-tune the pretrained risk model after data/risk_training or nlu/ changed (~14 min)
	PYTHONPATH=. $(TRAIN_VENV)/bin/python -m companion.safety.transformer_training --retrain

.PHONY: db
db: $(APP_STAMP) ## Apply database migrations (SQLite by default, DATABASE_URL for PostgreSQL)
	$(COMPANION) db upgrade

.PHONY: run
run: model db ## Start Rasa, the action server and the bot (terminal chat without a token)
	$(COMPANION) run

.PHONY: test
test: model ## Run every test (lint, types, Rasa data validation, unit, integration, end to end)
	$(APP_VENV)/bin/ruff check companion bot actions tests
	$(APP_VENV)/bin/mypy
	$(APP_VENV)/bin/pytest $(PYTEST_ARGS)

.PHONY: bench
bench: model ## Benchmarks on loopback only (slow, minutes): writes bench/RESULTS.md
	cp bench/summary.md bench/RESULTS.md  # goals and analysis, updated by hand after a run
	$(APP_VENV)/bin/python -m bench.nudge_dispatch --concurrency 20 | tee -a bench/RESULTS.md
	$(APP_VENV)/bin/python -m bench.nudge_dispatch --concurrency 50 --capped 0 | tee -a bench/RESULTS.md
	$(APP_VENV)/bin/python -m bench.nudge_conversation_cost | tee -a bench/RESULTS.md
	$(APP_VENV)/bin/python -m bench.apscheduler_jobstore --clients 100000 --limit 900 | tee -a bench/RESULTS.md
	$(APP_VENV)/bin/python -m bench.apscheduler_jobstore --clients 3000 --capped 30 | tee -a bench/RESULTS.md
	$(APP_VENV)/bin/python -m bench.stack_latency | tee -a bench/RESULTS.md
	$(APP_VENV)/bin/python -m bench.startup | tee -a bench/RESULTS.md
	$(APP_VENV)/bin/python -m bench.rasa_costs --train | tee -a bench/RESULTS.md

.PHONY: eval
eval: model ## Risk screen and NLU quality: held-out reports, 5-fold cross-validation (slow)
	mkdir -p .data/eval
	$(APP_VENV)/bin/python -m companion.safety.evaluation eval/risk_eval.yml eval/risk_dev.yml eval/risk_dev_coded.yml eval/risk_dev_sentences.yml eval/risk_dev_plans.yml eval/risk_dev_meds.yml eval/risk_dev_relapse.yml eval/risk_dev_short.yml eval/risk_dev_figurative.yml eval/risk_dev_checkin.yml eval/risk_dev_checkin2.yml eval/risk_blind.yml eval/risk_blind2.yml eval/risk_blind9.yml eval/risk_blind10.yml eval/risk_blind11.yml eval/risk_blind12.yml eval/risk_blind13.yml eval/risk_blind14.yml eval/risk_blind15.yml eval/risk_blind16.yml eval/risk_blind17.yml eval/risk_blind18.yml eval/risk_blind19.yml
	RASA_TELEMETRY_ENABLED=false $(RASA_VENV)/bin/rasa test nlu --nlu eval/nlu_holdout.yml \
		--model $$($(COMPANION) model ensure | tail -1) --out .data/eval/holdout
	$(APP_VENV)/bin/python -c "import json; r=json.load(open('.data/eval/holdout/intent_report.json')); print('held-out intent macro F1: %.3f' % r['macro avg']['f1-score'])"
	RASA_TELEMETRY_ENABLED=false $(RASA_VENV)/bin/rasa test nlu --nlu nlu --config config.yml \
		--cross-validation --folds 5 --out .data/eval/cross-validation

.PHONY: lint
lint: $(APP_STAMP) ## Lint and format-check only
	$(APP_VENV)/bin/ruff check companion bot actions tests
	$(APP_VENV)/bin/ruff format --check companion bot actions tests

.PHONY: lock
lock: ## Re-pin requirements/*.txt from requirements/*.in in fresh environments
	scripts/lock-requirements

.PHONY: clean
clean: ## Remove environments, trained models and local data
	rm -rf $(APP_VENV) $(RASA_VENV) $(TRAIN_VENV) models .data .pytest_cache .mypy_cache .ruff_cache
