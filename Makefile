# kernelpress: `make site` builds public/ from content/ and templates/;
# `make test` vets and tests everything. Go is the only prerequisite; `make test`
# installs what the browser tests need (Chromium, a font, Node and axe-core).

GO       ?= go
BASE_URL ?= /
DRAFTS   ?=
ADDR     ?= 127.0.0.1
PORT     ?= 8000
SLUG     ?=
CHROMIUM ?= /usr/bin/chromium
FUZZTIME ?= 10m
FUZZFLAGS ?=
BENCHCOUNT ?= 6
PAGES    ?= 1000
RUNS     ?= 5

BUILD_FLAGS = -base-url '$(BASE_URL)' $(if $(DRAFTS),-drafts)
BROWSER_TEST_DIR = generator/browsertest
BENCHSTAT = golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: site test browser-deps serve clean new fuzz bench compare-hugo

## site: build the site into public/ (BASE_URL=/repo/ for a project page, DRAFTS=1 for drafts)
site:
	$(GO) run ./generator build $(BUILD_FLAGS)

## test: go vet and every test, the browser tests included
test: browser-deps
	$(GO) vet ./...
	$(GO) test ./...

## fuzz: run each fuzz target for FUZZTIME (default 10m), one after another (FUZZFLAGS='-parallel 1' for one core); crashers land in testdata/fuzz/
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDirectiveBlock$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./generator/markup
	$(GO) test -run '^$$' -fuzz '^FuzzMath$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./generator/markup
	$(GO) test -run '^$$' -fuzz '^FuzzEval$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./generator/markup
	$(GO) test -run '^$$' -fuzz '^FuzzOptions$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./generator/directive
	$(GO) test -run '^$$' -fuzz '^FuzzPlotSpec$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./generator/directive
	$(GO) test -run '^$$' -fuzz '^FuzzSignalSpec$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./generator/models/attention
	$(GO) test -run '^$$' -fuzz '^FuzzMatrixSpec$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./generator/models/attention

## browser-deps: install, when missing, Chromium, DejaVu fonts, Node/npm (Debian packages) and axe-core (npm ci)
browser-deps:
	@missing=; \
	[ -x '$(CHROMIUM)' ] || missing="$$missing chromium"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then sudo=; \
		elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
		else echo "browser-deps: the browser tests need the Debian packages$$missing; install them as root (apt-get install$$missing)" >&2; exit 1; fi; \
		echo "browser-deps: installing$$missing"; \
		$$sudo apt-get update -qq && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || \
		{ echo "browser-deps: could not install$$missing with apt-get; install them by hand" >&2; exit 1; }; \
	fi
	@[ -d $(BROWSER_TEST_DIR)/node_modules/axe-core ] || \
		npm ci --prefix $(BROWSER_TEST_DIR) --no-audit --no-fund --loglevel=error

## serve: serve the site at http://$(ADDR):$(PORT)/ (loopback only unless ADDR says otherwise), rebuilding and reloading the browser on every change to content/ or templates/
serve:
	$(GO) run ./generator serve $(BUILD_FLAGS) -addr '$(ADDR)' -port '$(PORT)'

## new: start a draft explainer, the bundle content/$(SLUG)/index.md (make new SLUG=my-explainer TITLE="My explainer"; without TITLE the title is made from the slug)
new:
	@[ -n '$(SLUG)' ] || { echo 'usage: make new SLUG=my-explainer [TITLE="My explainer"]' >&2; exit 2; }
	$(GO) run ./generator new -title "$$KP_NEW_TITLE" '$(SLUG)'

# The title reaches the command through the environment, unexpanded by make
# ($(value …)) and unparsed by the shell ("$$…"), so quotes, $ and backticks
# in it are just text. TITLE itself is not exported: make would expand it.
new: export KP_NEW_TITLE = $(value TITLE)
unexport TITLE

## bench: run every Go benchmark BENCHCOUNT times (default 6; one package at a time, so they do not share the cores), keep the output in .cache/bench/bench.txt and summarise it with benchstat
bench:
	@mkdir -p .cache/bench
	@rm -f .cache/bench/failed
	{ $(GO) test -p 1 -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./generator/... 2>&1 || touch .cache/bench/failed; } | tee .cache/bench/bench.txt
	@[ ! -e .cache/bench/failed ] || { rm -f .cache/bench/failed; echo 'bench: a benchmark failed; its output is in .cache/bench/bench.txt' >&2; exit 1; }
	$(GO) run $(BENCHSTAT) .cache/bench/bench.txt
	@echo 'bench: output in .cache/bench/bench.txt; to compare two runs, keep each (cp .cache/bench/bench.txt old.txt) and run: $(GO) run $(BENCHSTAT) old.txt new.txt'

## compare-hugo: build the same synthetic site of PAGES pages (default 1000) with kernelpress and with Hugo, RUNS times each (default 5), alternately, and print wall times and peak memory (not part of make test)
compare-hugo:
	$(GO) run ./generator/cmd/comparehugo -pages $(PAGES) -runs $(RUNS)

## clean: remove build output and the build cache
clean:
	rm -rf public .cache
