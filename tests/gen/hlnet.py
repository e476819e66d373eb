#!/usr/bin/env python3
"""Small servers, clients and proxies used by record.sh.

Each one does one real thing on a real socket (no hand-made packets):

  silent PORT                       accept, read, never answer
  close-after-hello PORT            read the ClientHello, close (FIN)
  reset-after-hello PORT            read the ClientHello, abort (RST)
  http PORT                         plain HTTP server: answers 400 to anything
  smtp PORT CERT KEY                SMTP with STARTTLS, then TLS via ssl
  tls PORT CERT KEY [--alpn P]      python ssl TLS echo server
  delay-proxy PORT TARGET SECONDS   TCP proxy; holds the server's first bytes
  corrupt-proxy PORT TARGET         TCP proxy; flips one byte in the client's
                                    first encrypted record
  plaintext-client HOST PORT        sends an HTTP request to a TLS port
  hello-then-close HOST PORT SNI [KEYLOG]
                                    sends a real ClientHello (OpenSSL via
                                    MemoryBIO), reads the answer, closes
                                    without an alert

Servers handle one connection and exit (or are killed by record.sh).
"""

import select
import socket
import ssl
import struct
import sys
import time


def listen(port, host="0.0.0.0"):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(4)
    return s


def recv_exact(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    return buf


def read_record(conn):
    """Reads one TLS record (header + body) as the peer sent it."""
    hdr = recv_exact(conn, 5)
    if len(hdr) < 5:
        return hdr
    (length,) = struct.unpack("!H", hdr[3:5])
    return hdr + recv_exact(conn, length)


def serve_silent(port):
    s = listen(port)
    conn, _ = s.accept()
    conn.settimeout(30)
    # Read whatever comes but never answer; record.sh kills us.
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass
    time.sleep(30)


def serve_close_after_hello(port, reset):
    s = listen(port)
    conn, _ = s.accept()
    read_record(conn)
    time.sleep(0.2)
    if reset:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
    time.sleep(1)


def serve_http(port):
    s = listen(port)
    conn, _ = s.accept()
    conn.settimeout(2)
    try:
        conn.recv(65536)
    except OSError:
        pass
    body = b"<html><body>400 Bad Request</body></html>\r\n"
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\n"
                 b"Content-Type: text/html\r\n"
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n"
                 b"Connection: close\r\n\r\n" + body)
    conn.shutdown(socket.SHUT_WR)
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass
    conn.close()


def make_server_ctx(cert, key, keylog=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    if keylog:
        ctx.keylog_filename = keylog
    return ctx


def serve_smtp(port, cert, key):
    ctx = make_server_ctx(cert, key)
    s = listen(port)
    conn, _ = s.accept()
    f = conn.makefile("rb")

    def send(line):
        conn.sendall(line.encode() + b"\r\n")

    send("220 server.test ESMTP ready")
    while True:
        line = f.readline()
        if not line:
            conn.close()
            return
        cmd = line.strip().upper()
        if cmd.startswith(b"EHLO"):
            send("250-server.test")
            send("250-PIPELINING")
            send("250 STARTTLS")
        elif cmd == b"STARTTLS":
            send("220 2.0.0 Ready to start TLS")
            break
        else:
            send("502 5.5.2 Error: command not recognized")
    tls = ctx.wrap_socket(conn, server_side=True)
    tf = tls.makefile("rb")
    while True:
        line = tf.readline()
        if not line:
            break
        cmd = line.strip().upper()
        if cmd.startswith(b"EHLO"):
            tls.sendall(b"250-server.test\r\n250 PIPELINING\r\n")
        elif cmd == b"QUIT":
            tls.sendall(b"221 2.0.0 Bye\r\n")
            break
        else:
            tls.sendall(b"250 2.0.0 Ok\r\n")
    try:
        tls.unwrap()
    except (OSError, ssl.SSLError):
        pass
    conn.close()


def serve_tls(port, cert, key, alpn=None):
    ctx = make_server_ctx(cert, key)
    if alpn:
        ctx.set_alpn_protocols([alpn])
    s = listen(port)
    conn, _ = s.accept()
    try:
        tls = ctx.wrap_socket(conn, server_side=True)
        data = tls.recv(4096)
        tls.sendall(data[::-1])
        tls.unwrap()
    except (OSError, ssl.SSLError) as e:
        print("tls server:", e, file=sys.stderr)
    conn.close()


def pump(a, b, first_s2c_hook=None, c2s_hook=None):
    """Copies bytes both ways between client socket a and server socket b."""
    open_ab = open_ba = True
    while open_ab or open_ba:
        rl = []
        if open_ab:
            rl.append(a)
        if open_ba:
            rl.append(b)
        r, _, _ = select.select(rl, [], [], 10)
        if not r:
            break
        if a in r:
            data = a.recv(65536)
            if not data:
                open_ab = False
                try:
                    b.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            else:
                if c2s_hook:
                    data = c2s_hook(data)
                b.sendall(data)
        if b in r:
            data = b.recv(65536)
            if not data:
                open_ba = False
                try:
                    a.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            else:
                if first_s2c_hook:
                    first_s2c_hook()
                    first_s2c_hook = None
                a.sendall(data)
    a.close()
    b.close()


def parse_target(target):
    host, port = target.rsplit(":", 1)
    return host, int(port)


def proxy_delay(port, target, delay):
    s = listen(port)
    conn, _ = s.accept()
    first = time.monotonic()
    up = socket.create_connection(parse_target(target))

    def hold():
        # The server's first bytes leave delay seconds after the client's
        # connection was accepted.
        left = delay - (time.monotonic() - first)
        if left > 0:
            time.sleep(left)

    pump(conn, up, first_s2c_hook=hold)


def proxy_corrupt(port, target):
    s = listen(port)
    conn, _ = s.accept()
    up = socket.create_connection(parse_target(target))
    state = {"buf": b"", "done": False}

    def corrupt(data):
        # Walk the client's records; flip the last byte of the first
        # application_data (23) record: in TLS 1.3 that is the client's
        # encrypted Finished, so its AEAD tag no longer verifies.
        if state["done"]:
            return data
        buf = state["buf"] + data
        out = bytearray(buf)
        off = 0
        while off + 5 <= len(out):
            (length,) = struct.unpack("!H", bytes(out[off + 3:off + 5]))
            if off + 5 + length > len(out):
                break
            if out[off] == 23:
                out[off + 5 + length - 1] ^= 0x01
                state["done"] = True
                break
            off += 5 + length
        if state["done"]:
            state["buf"] = b""
            return bytes(out)
        # Forward whole records only; keep a partial tail for the next call.
        state["buf"] = bytes(out[off:])
        return bytes(out[:off])

    pump(conn, up, c2s_hook=corrupt)


def client_plaintext(host, port):
    c = socket.create_connection((host, port), timeout=3)
    c.sendall(b"GET / HTTP/1.1\r\nHost: server.test\r\nUser-Agent: hlnet\r\n\r\n")
    try:
        while True:
            data = c.recv(65536)
            if not data:
                break
            sys.stdout.write(repr(data) + "\n")
    except OSError as e:
        print("client:", e, file=sys.stderr)
    c.close()


def client_hello_then_close(host, port, sni, keylog=None):
    """A client that gives up mid-handshake: it processes the server's first
    flight (so its key log can decrypt it) but never sends its Finished, and
    closes the socket without an alert."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    if keylog:
        ctx.keylog_filename = keylog
    inc, outg = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inc, outg, server_hostname=sni)
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    hello = outg.read()
    c = socket.create_connection((host, port), timeout=3)
    c.sendall(hello)
    # Read the server's first flight completely so that closing sends a FIN
    # (unread data would turn the close into a reset).
    c.settimeout(0.5)
    try:
        while True:
            data = c.recv(65536)
            if not data:
                break
            inc.write(data)
    except socket.timeout:
        pass
    try:
        obj.do_handshake()
    except (ssl.SSLWantReadError, ssl.SSLError):
        pass
    outg.read()  # the client's Finished: deliberately never sent
    c.close()


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "silent":
        serve_silent(int(args[0]))
    elif cmd == "close-after-hello":
        serve_close_after_hello(int(args[0]), reset=False)
    elif cmd == "reset-after-hello":
        serve_close_after_hello(int(args[0]), reset=True)
    elif cmd == "http":
        serve_http(int(args[0]))
    elif cmd == "smtp":
        serve_smtp(int(args[0]), args[1], args[2])
    elif cmd == "tls":
        alpn = args[4] if len(args) > 4 and args[3] == "--alpn" else None
        serve_tls(int(args[0]), args[1], args[2], alpn)
    elif cmd == "delay-proxy":
        proxy_delay(int(args[0]), args[1], float(args[2]))
    elif cmd == "corrupt-proxy":
        proxy_corrupt(int(args[0]), args[1])
    elif cmd == "plaintext-client":
        client_plaintext(args[0], int(args[1]))
    elif cmd == "hello-then-close":
        client_hello_then_close(args[0], int(args[1]), args[2],
                                args[3] if len(args) > 3 else None)
    else:
        print("unknown command " + cmd, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
