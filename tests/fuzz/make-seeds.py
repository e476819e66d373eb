#!/usr/bin/env python3
"""Writes fuzz seeds derived from capture files, in each target's framing.

    make-seeds.py [--max BYTES] OUT_DIR FILE...

For each capture (pcap or pcapng, not gzip) it writes into OUT_DIR/<target>/
seeds of at most BYTES (default 8192):
  fuzz-capture  the file's first bytes (a cut capture is a seed too)
  fuzz-packet   its first frames as [linktype selector][u16 length][bytes]
  fuzz-tcp      its TCP segments in fuzz-tcp.c's framing
  fuzz-tls      its first TCP payloads in fuzz-tls.c's framing
Key logs (*.keylog) go to fuzz-keylog (first 4 KiB), DER files to
fuzz-certificate.  Names are seed-<basename>; existing files are kept.
"""
import os
import struct
import sys

# fuzz-packet.c's table order
LINKTYPES = [0, 1, 101, 113, 108, 228, 229, 276]


def frames_pcap(b):
    magic = b[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return
    if len(b) < 24:
        return
    link = struct.unpack(e + "I", b[20:24])[0] & 0x0FFFFFFF
    off = 24
    while off + 16 <= len(b):
        incl = struct.unpack(e + "I", b[off + 8:off + 12])[0]
        off += 16
        if incl > len(b) - off:
            return
        yield link, b[off:off + incl]
        off += incl


def frames_pcapng(b):
    off = 0
    e = "<"
    links = []
    while off + 12 <= len(b):
        btype = struct.unpack(e + "I", b[off:off + 4])[0]
        if btype == 0x0A0D0D0A:
            bom = b[off + 8:off + 12]
            e = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            links = []
        blen = struct.unpack(e + "I", b[off + 4:off + 8])[0]
        if blen < 12 or off + blen > len(b):
            return
        body = b[off + 8:off + blen - 4]
        if btype == 1 and len(body) >= 2:
            links.append(struct.unpack(e + "H", body[:2])[0])
        elif btype == 6 and len(body) >= 20:
            ifid, _, _, cap, _ = struct.unpack(e + "IIIII", body[:20])
            if ifid < len(links):
                yield links[ifid], body[20:20 + cap]
        elif btype == 3 and len(body) >= 4 and links:
            yield links[0], body[4:]
        off += blen


def frames(b):
    if b[:4] == b"\x0a\x0d\x0d\x0a":
        return frames_pcapng(b)
    return frames_pcap(b)


def ip_of(link, d):
    """(ip bytes) for the link types the seeds need, else None."""
    if link == 1:
        off = 12
        while len(d) >= off + 2:
            et = struct.unpack(">H", d[off:off + 2])[0]
            if et in (0x8100, 0x88A8):
                off += 4
                continue
            return d[off + 2:] if et in (0x0800, 0x86DD) else None
        return None
    if link in (0, 108):
        return d[4:]
    if link in (101, 228, 229):
        return d
    if link == 113:
        return d[16:]
    if link == 276:
        return d[20:]
    return None


def tcp_of(ip):
    """(src, dst, sport, dport, seq, ack, flags, window, payload) or None."""
    if len(ip) < 20:
        return None
    v = ip[0] >> 4
    if v == 4:
        ihl = (ip[0] & 15) * 4
        if ip[9] != 6 or len(ip) < ihl + 20:
            return None
        total = struct.unpack(">H", ip[2:4])[0]
        src, dst, t = ip[12:16], ip[16:20], ip[ihl:max(total, ihl)]
    elif v == 6:
        if len(ip) < 60 or ip[6] != 6:
            return None
        src, dst, t = ip[8:24], ip[24:40], ip[40:]
    else:
        return None
    if len(t) < 20:
        return None
    sport, dport, seq, ack = struct.unpack(">HHII", t[:12])
    doff = (t[12] >> 4) * 4
    flags = t[13]
    win = struct.unpack(">H", t[14:16])[0]
    return src, dst, sport, dport, seq, ack, flags, win, t[doff:]


def write(path, data):
    if not data or os.path.exists(path):
        return
    with open(path, "wb") as f:
        f.write(data)


MAX = 8192


def seeds_for_capture(out, name, b):
    write(os.path.join(out, "fuzz-capture", "seed-" + name), b[:MAX])
    pkt = bytearray()
    tcp = bytearray()
    tls = bytearray()
    endpoints = []   # (addr, port) in order of appearance
    tls_ports = []
    n_tls = 0
    for i, (link, d) in enumerate(frames(b)):
        if link in LINKTYPES and len(pkt) < MAX:
            d2 = d[:MAX - len(pkt)]
            pkt += bytes([LINKTYPES.index(link)]) + struct.pack(">H", len(d2)) + d2
        ip = ip_of(link, d)
        seg = tcp_of(ip) if ip is not None else None
        if seg is None:
            continue
        src, dst, sport, dport, seq, ack, flags, win, payload = seg
        if (src, sport) not in endpoints:
            endpoints.append((src, sport))
        # fuzz-tcp: selector bit 0 = direction (first endpoint is the client),
        # bits 1-2 = client port index
        server = (src, sport) != endpoints[0]
        sel = 1 if server else 0
        if len(tcp) + 13 + len(payload) <= MAX:
            rest = payload
            while True:
                chunk = rest[:255]
                tcp += bytes([flags, sel]) + struct.pack(">IIH", seq, ack, win) + bytes([len(chunk)]) + chunk
                rest = rest[255:]
                seq = (seq + len(chunk)) & 0xFFFFFFFF
                if not rest:
                    break
        if payload and n_tls < 12 and len(tls) + len(payload) + len(payload) // 512 + 1 <= MAX:
            n_tls += 1
            if sport not in tls_ports:
                tls_ports.append(sport)
            d = payload
            while d:
                # length byte L: 1 + 4 L bytes follow, bit 0 is the direction
                dirbit = tls_ports.index(sport) & 1
                k = min((len(d) - 1) // 4, 253)
                if (k & 1) != dirbit:
                    k = max(k - 1, dirbit)
                n = 1 + 4 * k
                tls.append(k)
                tls += d[:n]
                d = d[n:]
    write(os.path.join(out, "fuzz-packet", "seed-" + name), bytes(pkt))
    write(os.path.join(out, "fuzz-tcp", "seed-" + name), bytes(tcp))
    write(os.path.join(out, "fuzz-tls", "seed-" + name), bytes(tls))


def main():
    global MAX
    args = sys.argv[1:]
    if args[:1] == ["--max"]:
        MAX = int(args[1])
        args = args[2:]
    out = args[0]
    for t in ("fuzz-capture", "fuzz-packet", "fuzz-tcp", "fuzz-tls", "fuzz-keylog", "fuzz-certificate"):
        os.makedirs(os.path.join(out, t), exist_ok=True)
    for path in args[1:]:
        name = os.path.basename(path)
        with open(path, "rb") as f:
            b = f.read(1 << 20)
        if name.endswith(".keylog"):
            write(os.path.join(out, "fuzz-keylog", "seed-" + name), b[:4096])
        elif name.endswith(".der"):
            write(os.path.join(out, "fuzz-certificate", "seed-" + name), b)
        else:
            seeds_for_capture(out, name, b)


if __name__ == "__main__":
    main()
