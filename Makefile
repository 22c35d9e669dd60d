# ipt-netflow: top-level build and test entry points.
#   make demo    build, boot a guest, export real flows, print what nfdump decoded
#   make check   every test; ends with "N passed, N failed"
SHELL := /bin/bash
TOP := $(abspath .)
BUILD_DIR ?= $(TOP)/build
export BUILD_DIR

# The kernel the guest boots: Debian's plain amd64 flavour, newest installed.
KVER ?= $(shell ls -1 /boot 2>/dev/null | sed -n 's/^vmlinuz-\([0-9.]*-[0-9]*-amd64\)$$/\1/p' | sort -V | tail -n1)
KDIR ?= /lib/modules/$(KVER)/build
export KVER

MODULE_SRC := $(TOP)/ipt-netflow-dkms
MODULE_OUT := $(BUILD_DIR)/module
MODULE_KO := $(MODULE_OUT)/ipt_NETFLOW.ko
PLUGIN_OUT := $(BUILD_DIR)/xt
export MODULE_KO PLUGIN_OUT

.PHONY: all deps module plugin snmp kunit e2e check demo lint checkpatch sparse clean bench-uml \
	dist deb rpm pkg-test fuzz bench

all: module plugin snmp

deps:
	@ci/deps.sh

# kbuild writes objects next to the sources it is given, so it is given a
# directory of symlinks: the source tree itself stays clean.
module:
	@mkdir -p $(MODULE_OUT)/compat
	@find $(MODULE_OUT) -maxdepth 2 -type l -delete
	@for f in $(MODULE_SRC)/*.[ch] $(MODULE_SRC)/Kbuild* $(MODULE_SRC)/VERSION; do \
		ln -sf $$f $(MODULE_OUT)/; done
	@ln -sf $(MODULE_SRC)/compat/compat.h $(MODULE_OUT)/compat/
	$(MAKE) -C $(KDIR) M=$(MODULE_OUT) W=1 modules

plugin:
	$(MAKE) -C libxt-netflow O=$(PLUGIN_OUT)

snmp:
	$(MAKE) -C netflow-snmp O=$(BUILD_DIR)/snmp

kunit:
	kunit/run

e2e: module plugin snmp
	ci/e2e/run

lint: checkpatch sparse

checkpatch:
	ci/checkpatch.sh

sparse: module
	$(MAKE) -C $(KDIR) M=$(MODULE_OUT) C=2 CF=-D__CHECK_ENDIAN__ modules

check: deps
	ci/check.sh

demo: deps module plugin
	ci/demo/run

# a benchmark, not a test: ours vs the incumbent, results in build/bench/
bench: deps module plugin
	bench/run

# the direct-cost and memory parts of `make bench` in User-Mode Linux, at
# native CPU speed (bench/README.md); results in build/bench-uml/
bench-uml: deps module plugin
	bench/uml-run

# each fuzz target for FUZZ_SECONDS (default 60); fuzz/README.md
fuzz:
	$(MAKE) -C fuzz fuzz

# Packages (packaging/README.md); output in $(BUILD_DIR)/pkg/
dist:
	packaging/dist
deb:
	packaging/build-deb
rpm:
	packaging/build-rpm
# installs and purges packages on this machine (root): ci/pkg/test.sh
pkg-test: deps
	ci/pkg/test.sh

clean:
	rm -rf $(BUILD_DIR)/module $(BUILD_DIR)/xt $(BUILD_DIR)/guest/out $(BUILD_DIR)/pkg $(BUILD_DIR)/snmp
