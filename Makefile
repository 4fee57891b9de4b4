# kernelpress: `make site` builds public/ from content/ and templates/;
# `make test` vets and tests everything. Go is the only prerequisite.

GO       ?= go
BASE_URL ?= /
DRAFTS   ?=
ADDR     ?= 127.0.0.1:8000

BUILD_FLAGS = -base-url '$(BASE_URL)' $(if $(DRAFTS),-drafts)

.PHONY: site test serve clean

## site: build the site into public/ (BASE_URL=/repo/ for a project page, DRAFTS=1 for drafts)
site:
	$(GO) run ./generator build $(BUILD_FLAGS)

## test: go vet and every test
test:
	$(GO) vet ./...
	$(GO) test ./...

## serve: build, then serve public/ at http://$(ADDR)/
serve:
	$(GO) run ./generator serve $(BUILD_FLAGS) -addr '$(ADDR)'

## clean: remove build output
clean:
	rm -rf public
