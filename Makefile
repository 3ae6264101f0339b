# 黔就业 Qianjiuye — the two commands of the README:
#   make run    install what is missing, build, create the demo province, serve it
#   make test   install what is missing, build, run every test (PostgreSQL included)
# and their parts: deps, build, demo, bench, clean.

BUILD   ?= build
JOBS    ?= $(shell nproc)
DEMO_DB ?= var/demo.db
QJY      = $(BUILD)/qjy

.PHONY: all deps build run demo test bench clean
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

bench: build
	@scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD)
