#!/usr/bin/python3
"""Send exact UDP/TCP traffic between network namespaces (used by ci/guest/lib.sh).

One process does both ends: the sink socket is created inside the destination
namespace, the source socket inside the source namespace (setns(2) before each
socket(2); a socket stays in the namespace it was made in). Python starts take
about 0.5 s under TCG, so this avoids a second interpreter and any start-up race.

  netsend.py udp SRC_NS DST_NS DST_IP DPORT COUNT PAYLOAD_LEN [SPORT]
  netsend.py tcp SRC_NS DST_NS DST_IP DPORT BYTES [SPORT]

NS is a name under /run/netns, or "root" for the namespace of PID 1. DST_NS
"none" sends without a sink (UDP only). SPORT 0 lets the kernel choose.
UDP: COUNT datagrams of PAYLOAD_LEN bytes; exits 1 unless the sink got them all.
TCP: one connection carrying BYTES bytes from source to sink; the sink closes
first, then the source (FIN/ACK both ways); exits 1 unless the sink read BYTES.
"""
import ctypes
import os
import select
import socket
import sys
import threading
import time

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def enter_ns(name):
    path = "/proc/1/ns/net" if name in ("root", "-", "") else "/run/netns/" + name
    fd = os.open(path, os.O_RDONLY)
    try:
        if _libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns(%s): %s" % (path, os.strerror(err)))
    finally:
        os.close(fd)


def family_of(ip):
    return socket.AF_INET6 if ":" in ip else socket.AF_INET


def die(msg):
    print("netsend: " + msg, file=sys.stderr)
    sys.exit(2)


def udp(src_ns, dst_ns, dst, dport, count, length, sport):
    fam = family_of(dst)
    any_addr = "::" if fam == socket.AF_INET6 else "0.0.0.0"
    sink = None
    if dst_ns != "none":
        enter_ns(dst_ns)
        sink = socket.socket(fam, socket.SOCK_DGRAM)
        sink.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sink.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE
        except OSError:
            sink.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        sink.bind((any_addr, dport))
        sink.setblocking(False)
    enter_ns(src_ns)
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if sport:
        s.bind((any_addr, sport))
    payload = bytes((i * 7 + 1) & 0xFF for i in range(length))
    got = 0

    def drain():
        nonlocal got
        while True:
            try:
                data = sink.recv(65536)
            except BlockingIOError:
                return
            if len(data) != length:
                die("udp sink got %d bytes, expected %d" % (len(data), length))
            got += 1

    for _ in range(count):
        s.sendto(payload, (dst, dport))
        if sink is not None:
            drain()
    if sink is not None:
        deadline = time.monotonic() + 5
        while got < count and time.monotonic() < deadline:
            select.select([sink], [], [], 0.1)
            drain()
        if got != count:
            print("netsend: udp sent %d, sink received %d" % (count, got), file=sys.stderr)
            return 1
    return 0


def tcp(src_ns, dst_ns, dst, dport, nbytes, sport):
    fam = family_of(dst)
    any_addr = "::" if fam == socket.AF_INET6 else "0.0.0.0"
    enter_ns(dst_ns)
    lst = socket.socket(fam, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind((any_addr, dport))
    lst.listen(1)
    enter_ns(src_ns)
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if sport:
        c.bind((any_addr, sport))
    c.settimeout(30)
    lst.settimeout(30)
    c.connect((dst, dport))
    conn, _ = lst.accept()
    conn.settimeout(30)
    got = 0

    def reader():
        # read exactly nbytes, then close first: the sink ends up in TIME_WAIT,
        # not the source, so the same SPORT can be used again at once
        nonlocal got
        while got < nbytes:
            data = conn.recv(min(1 << 16, nbytes - got))
            if not data:
                break
            got += len(data)
        conn.close()

    t = threading.Thread(target=reader)
    t.start()
    chunk = bytes(i & 0xFF for i in range(1 << 16))
    left = nbytes
    while left > 0:
        n = c.send(chunk[: min(left, len(chunk))])
        left -= n
    t.join(60)
    # the sink's FIN: read EOF, then close (our FIN, the sink ACKs it)
    while c.recv(4096):
        pass
    c.close()
    lst.close()
    if got != nbytes:
        print("netsend: tcp sent %d bytes, sink read %d" % (nbytes, got), file=sys.stderr)
        return 1
    return 0


def main(argv):
    if len(argv) < 2 or argv[1] not in ("udp", "tcp"):
        die(__doc__.strip().split("\n\n")[1])
    try:
        if argv[1] == "udp":
            if len(argv) not in (8, 9):
                die("usage: udp SRC_NS DST_NS DST_IP DPORT COUNT PAYLOAD_LEN [SPORT]")
            src, dns, dst = argv[2:5]
            dport, count, length = (int(x) for x in argv[5:8])
            sport = int(argv[8]) if len(argv) == 9 else 0
            return udp(src, dns, dst, dport, count, length, sport)
        if len(argv) not in (7, 8):
            die("usage: tcp SRC_NS DST_NS DST_IP DPORT BYTES [SPORT]")
        src, dns, dst = argv[2:5]
        dport, nbytes = int(argv[5]), int(argv[6])
        sport = int(argv[7]) if len(argv) == 8 else 0
        if dns == "none":
            die("tcp needs a destination namespace")
        return tcp(src, dns, dst, dport, nbytes, sport)
    except (OSError, ValueError) as e:
        die(str(e))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
