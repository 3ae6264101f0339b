# 黔就业 Qianjiuye — the two commands of the README:
#   make run    install what is missing, build, create the demo province, serve it
#   make test   install what is missing, build, run every test (PostgreSQL included)
# and their parts: deps, build, demo, bench, package (the .deb), clean; and `make fuzz`, every
# libFuzzer harness of tests/fuzz for FUZZ_SECONDS each (build-fuzz, clang).

BUILD   ?= build
JOBS    ?= $(shell nproc)
DEMO_DB ?= var/demo.db
FUZZ_SECONDS ?= 60
QJY      = $(BUILD)/qjy

.PHONY: all deps build run demo test bench package fuzz clean
all: build

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja: CMakeLists.txt | deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: deps $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)
	@scripts/web-vendor.sh

demo: build
	@scripts/demo.sh $(QJY) $(DEMO_DB)

run: demo
	@scripts/run.sh $(QJY) $(DEMO_DB)

test: build
	@scripts/test.sh $(BUILD)

package: build
	@cd $(BUILD) && cpack -G DEB

bench: build
	@scripts/bench.sh $(BUILD)

fuzz: deps
	@FUZZ_JOBS=$(JOBS) scripts/fuzz.sh run $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-fuzz
