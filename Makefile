# sqlsage — the two commands a new user needs:
#   make demo   build sqlsage and check the bundled example SQL
#   make test   install what the tests need, then run every test
GO      ?= go
BIN     := bin/sqlsage
NVIM    ?= nvim
# apt-get needs root; use sudo when it is there and we are not root.
SUDO    := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: all build install demo test lint gotest editor-test nvim-test emacs-test vscode-test deps bench bench-memory bench-peers generate clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/sqlsage

install:
	$(GO) install ./cmd/sqlsage

# demo checks testdata/examples; findings make sqlsage exit 1, which is
# the point of the demo, so only exit status 2 (an error) fails it.
# Any format: make demo FORMAT=sarif (text, json, sarif, github, gitlab).
FORMAT ?= text
demo: build
	@echo "==> sqlsage check --format $(FORMAT) testdata/examples"
	@./$(BIN) check --format $(FORMAT) testdata/examples; status=$$?; [ $$status -le 1 ]

test: deps lint gotest editor-test

lint:
	@echo "==> gofmt, go vet, staticcheck"
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

gotest: build
	@echo "==> go test"
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -race ./server/... ./diagnostics/ ./diagnostics/syntax/...
	@echo "==> CI recipes (action.yml, .pre-commit-hooks.yaml)"
	.ci/test-recipes

editor-test: nvim-test emacs-test vscode-test

emacs-test: build
	@echo "==> Emacs (eglot) headless end-to-end test"
	SQLSAGE_BIN=$(CURDIR)/$(BIN) emacs --batch -Q -l editors/emacs/test/e2e.el

nvim-test: build
	@echo "==> Neovim headless end-to-end test"
	SQLSAGE_BIN=$(CURDIR)/$(BIN) $(NVIM) --headless -u NONE -c "luafile editors/nvim/test/e2e.lua"

# vscode-test installs the extension's locked npm packages, type-checks
# and bundles it, packages the .vsix (no network needed once npm ci has
# run) and runs its tests: the package's contents, the bundle activated
# against a fake VS Code API, and the protocol against the real server.
vscode-test: build
	@echo "==> VS Code extension: npm ci, build, package, node --test"
	cd editors/vscode && npm ci --no-audit --no-fund && npm run build && \
	  npm run package && SQLSAGE_BIN=$(CURDIR)/$(BIN) node --test test/*.test.mjs

# deps installs what the tests need on a Debian machine: Neovim, Emacs
# with eglot (the editor tests), and PostgreSQL (the database tests start
# a throwaway server with its initdb).
APT_INSTALL = $(SUDO) apt-get install -y -q --no-install-recommends $(1) >/dev/null 2>&1 || \
	{ $(SUDO) apt-get update -q >/dev/null && $(SUDO) apt-get install -y -q --no-install-recommends $(1) >/dev/null; }
deps:
	@command -v $(NVIM) >/dev/null 2>&1 || { echo "==> installing Neovim from Debian"; $(call APT_INSTALL,neovim); }
	@command -v emacs >/dev/null 2>&1 && ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || \
	  { echo "==> installing Emacs and eglot from Debian"; $(call APT_INSTALL,emacs-nox elpa-eglot); }
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  { echo "==> installing PostgreSQL from Debian"; $(call APT_INSTALL,postgresql); }

# bench prints the keystroke, check and start-up benchmarks (see README:
# Performance); bench-memory runs a real server through 10,000 edits of the
# 1.6 MB file and reports its resident memory (about three minutes).
bench:
	$(GO) test -run '^$$' -bench . -skip 'BenchmarkMemoryOverEdits' -benchmem -count 1 ./diagnostics/ ./server/...

bench-memory:
	$(GO) test -run '^$$' -bench BenchmarkMemoryOverEdits -benchtime 1x -timeout 20m -v ./server/

# bench-peers runs sqlsage side by side with squawk and postgrestools (see
# README: Comparing with peers). It installs both from npm into a
# temporary folder, removed afterwards; without npm or the network it
# measures sqlsage alone. Not part of make test. More runs or other sizes:
# make bench-peers BENCH_ARGS="--runs 10 --lsp-sizes 200KB,1.6MB".
BENCH_ARGS ?=
bench-peers: build
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; peers=""; \
	  echo "==> npm install --prefix $$tmp squawk-cli @postgrestools/postgrestools"; \
	  if command -v npm >/dev/null 2>&1 && npm install --prefix "$$tmp" --no-audit --no-fund \
	       --loglevel=error --fetch-retries=1 --fetch-timeout=60000 squawk-cli @postgrestools/postgrestools >/dev/null; \
	  then peers="--peers $$tmp"; else echo "==> npm or the network is unavailable: measuring sqlsage alone"; fi; \
	  $(GO) run ./cmd/sqlsage-bench --sqlsage $(CURDIR)/$(BIN) $$peers $(BENCH_ARGS)

generate:
	$(GO) generate ./...

clean:
	rm -rf bin
