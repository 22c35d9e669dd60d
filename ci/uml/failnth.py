#!/usr/bin/python3
"""Fault-injection sweeps with /proc/thread-self/fail-nth: for N = 1, 2, ...
make the Nth kernel allocation (slab or page) of one system call fail, and
check what became of the call; stop at the first N the call no longer
reaches (it made fewer than N allocations) or at MAX.

  failnth.py load MAX KO [PARAMS...]
      finit_module(KO, PARAMS) each time. A load that fails must leave no
      module behind; one that succeeds anyway is unloaded again.
  failnth.py write MAX FILE NEW OLD [PROOF_FILE PROOF_FORMAT]
      FILE holds OLD (written without injection), then write(FILE, NEW).
      Success must leave NEW in FILE, failure OLD; if given, PROOF_FILE
      must contain PROOF_FORMAT with {} replaced by that value.

Everything a call needs (descriptors, arguments) is ready before fail-nth
is armed, so the count starts at the call itself. Writes one line per N to
stdout; the last line is the summary. Exit status 1 on any inconsistency.
"""
import ctypes
import errno
import os
import sys

SYS_FINIT_MODULE = 313          # x86_64
SYS_DELETE_MODULE = 176

libc = ctypes.CDLL(None, use_errno=True)


def errname(err):
    return errno.errorcode.get(err, str(err))


class Nth:
    def __init__(self):
        self.fd = os.open("/proc/thread-self/fail-nth", os.O_RDWR)

    def arm(self, n):
        os.pwrite(self.fd, str(n).encode(), 0)

    def reached(self):
        """True if the armed allocation happened (the counter hit 0)."""
        left = int(os.pread(self.fd, 32, 0).decode().strip() or "0")
        os.pwrite(self.fd, b"0", 0)
        return left == 0


def loaded(name):
    with open("/proc/modules") as f:
        return any(line.split()[0] == name for line in f)


def sweep_load(nth, maxn, ko, params):
    name = os.path.basename(ko).rsplit(".", 1)[0].replace("-", "_")
    fd = os.open(ko, os.O_RDONLY)
    cparams = ctypes.c_char_p(" ".join(params).encode())
    cname = ctypes.c_char_p(name.encode())
    bad = 0
    for n in range(1, maxn + 1):
        nth.arm(n)
        ret = libc.syscall(SYS_FINIT_MODULE, fd, cparams, 0)
        err = ctypes.get_errno()
        hit = nth.reached()
        if ret == 0:
            if libc.syscall(SYS_DELETE_MODULE, cname, os.O_NONBLOCK) != 0:
                print(f"{n}: loaded, then rmmod failed: {errname(ctypes.get_errno())}")
                return n, 1
            print(f"{n}: ok{'' if hit else ' (not reached)'}")
        else:
            still = loaded(name)
            print(f"{n}: {errname(err)}{' MODULE LEFT LOADED' if still else ''}")
            bad += still
        if not hit:
            return n - 1, bad
    return maxn, bad


def sweep_write(nth, maxn, path, new, old, proof_file=None, proof_fmt=None):
    fd = os.open(path, os.O_RDWR)
    data = new.encode()
    buf = ctypes.create_string_buffer(data, len(data))
    bad = 0

    def value():
        return os.pread(fd, 4096, 0).decode().strip()

    for n in range(1, maxn + 1):
        os.pwrite(fd, old.encode(), 0)
        if value() != old:
            print(f"{n}: cannot reset {path} to {old}")
            return n, 1
        nth.arm(n)
        ret = libc.pwrite(fd, buf, len(data), ctypes.c_long(0))
        err = ctypes.get_errno()
        hit = nth.reached()
        now = value()
        want = new if ret == len(data) else old
        verdict = "" if now == want else f" INCONSISTENT: {path} holds {now}"
        if proof_file and not verdict:
            with open(proof_file) as f:
                if proof_fmt.format(now) not in f.read():
                    verdict = f" INCONSISTENT: {proof_file} lacks {proof_fmt.format(now)!r}"
        res = "ok" if ret == len(data) else errname(err)
        print(f"{n}: {res}{verdict}{'' if hit else ' (not reached)'}")
        bad += bool(verdict)
        if not hit:
            os.pwrite(fd, old.encode(), 0)
            return n - 1, bad
    os.pwrite(fd, old.encode(), 0)
    return maxn, bad


def main():
    what, maxn = sys.argv[1], int(sys.argv[2])
    nth = Nth()
    if what == "load":
        done, bad = sweep_load(nth, maxn, sys.argv[3], sys.argv[4:])
    elif what == "write":
        done, bad = sweep_write(nth, maxn, *sys.argv[3:])
    else:
        sys.exit("unknown sweep " + what)
    complete = "complete" if done < maxn else f"stopped at MAX={maxn}"
    print(f"summary: {done} allocation(s) failed in turn ({complete}), "
          f"{bad} inconsistent outcome(s)")
    return 1 if bad or done == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
