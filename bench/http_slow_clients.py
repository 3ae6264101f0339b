#!/usr/bin/env python3
"""Holds N keep-alive connections to a local qjy server open — half idle after
one complete request, half "slow" (a request header sent byte by byte and never
finished) — and meanwhile measures the latency of a separate client doing
sequential GET /api/me requests on its own keep-alive connection. Bounded:
stops after --requests requests or --max-seconds. Loopback only."""
import argparse
import socket
import statistics
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--cookie", required=True)
    ap.add_argument("--idle", type=int, default=1000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--max-seconds", type=float, default=60)
    a = ap.parse_args()
    host = "127.0.0.1"
    req = ("GET /api/me HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n\r\n" % a.cookie).encode()

    def read_response(s):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(body) < length:
            body += s.recv(65536)
        return head.split(b" ")[1]

    def measure(label, n):
        s = socket.create_connection((host, a.port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        lat = []
        for _ in range(n):
            t = time.perf_counter()
            s.sendall(req)
            status = read_response(s)
            lat.append((time.perf_counter() - t) * 1000)
            if status != b"200":
                print("unexpected status", status, file=sys.stderr)
                sys.exit(1)
        s.close()
        lat.sort()
        print("%s: %d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
            label, n, statistics.median(lat), lat[int(len(lat) * 0.99) - 1], lat[-1]))
        return lat

    measure("baseline (no other connections)", a.requests)

    conns = []
    opened_ok = 0
    for i in range(a.idle):
        s = socket.create_connection((host, a.port))
        if i % 2 == 0:
            s.sendall(req)
            read_response(s)  # a complete exchange, then idle keep-alive
            opened_ok += 1
        else:
            s.sendall(b"GET /api/me HTTP/1.1\r\nHo")  # slow: header never finished
        conns.append(s)
    print("holding %d connections open (%d idle after a request, %d slow)" % (
        len(conns), opened_ok, len(conns) - opened_ok))

    stop = threading.Event()

    def trickle():  # the slow half keeps dribbling header bytes
        while not stop.is_set():
            for j, s in enumerate(conns):
                if j % 2 == 1:
                    try:
                        s.send(b"s")
                    except OSError:
                        pass
            stop.wait(1.0)
    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    start = time.time()
    lat = measure("with %d open connections" % len(conns), a.requests)
    stop.set()
    alive = 0
    for s in conns:
        try:
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    pass
                else:
                    alive += 1
            except BlockingIOError:
                alive += 1
        except OSError:
            pass
        s.close()
    print("connections still open at the end: %d of %d; measured run took %.1f s" % (
        alive, len(conns), time.time() - start))
    if lat[-1] > 1000:
        print("STALL: a request took over 1 s", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
