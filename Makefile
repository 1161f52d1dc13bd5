# recoupe's entry points; the README names them.
PYTHON ?= python3
DB ?= recoupe-demo.db
SEEDS ?= ../shared/seeds

.PHONY: install install-test demo test eval gate bench lint

install:
	$(PYTHON) -m pip install -q -e '.[dask]'

install-test:
	bash scripts/install-test-deps.sh

# The main job on the bundled example corpus (eval/corpus, plus the seeds when shared/ is beside the repo).
demo: install
	recoupe ingest eval/corpus $(wildcard $(SEEDS)/*.txt) --db $(DB) || test $$? -eq 2
	recoupe stories --db $(DB)
	@echo
	@echo "Stored in $(DB). Next: recoupe show <id> --db $(DB) | recoupe dossier <story> --db $(DB) | recoupe serve --db $(DB)"

test: install-test
	$(PYTHON) -m pytest

eval:
	recoupe eval --output eval/results.json

gate:
	recoupe eval --gate --output eval/results.json

lint:
	ruff check src tests bench eval
	mypy src/recoupe

bench:
	$(PYTHON) bench/run_all.py
