# The two commands: `make run` starts the mesh, `make test` runs every test.
# Both install missing system packages first (scripts/bootstrap.sh).

SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null || echo .build/debug)

.PHONY: run test build bootstrap bench clean

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build

run: build
	@scripts/prepare-env.sh
	$(BIN)/mesh up --config compose/mesh.yaml

test: bootstrap
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

bench: bootstrap
	$(SWIFT) run -c release wire-bench

clean:
	rm -rf .build var
