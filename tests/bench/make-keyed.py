#!/usr/bin/env python3
"""Builds a keyed benchmark workload from the project's own test captures.

Every tests/data capture that has a key log is replayed many times as new
connections (client port and timestamps shifted; the TLS bytes, hence the
client randoms, stay the same, so one merged key log decrypts them all).
Usage: make-keyed.py TESTS_DATA OUTDIR N_CONNECTIONS
"""
import glob, os, struct, sys


def read_pcap(path):
    data = open(path, "rb").read()
    if len(data) < 24:
        return None
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        return None  # pcapng or big-endian: skip (the generator writes LE pcap)
    linktype = struct.unpack("<I", data[20:24])[0]
    pkts, off = [], 24
    while off + 16 <= len(data):
        ts, us, cap, orig = struct.unpack("<IIII", data[off:off + 16])
        pkts.append((ts, us, data[off + 16:off + 16 + cap], orig))
        off += 16 + cap
    return magic, linktype, pkts


def l3_offset(linktype, pkt):
    if linktype == 1:
        return 14
    if linktype in (0, 108):
        return 4
    if linktype == 113:
        return 16
    if linktype == 276:
        return 20
    return 0


def main():
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    templates = []
    keylog = []
    for p in sorted(glob.glob(os.path.join(src, "*.pcap"))):
        k = p[:-5] + ".keylog"
        if not os.path.exists(k):
            continue
        r = read_pcap(p)
        if not r or not r[2]:
            continue
        templates.append(r)
        keylog.append(open(k, encoding="utf-8", errors="replace").read())
    if not templates:
        print("no keyed captures in", src)
        return 1
    linktypes = {t[1] for t in templates}
    lt = templates[0][1]
    templates = [t for t in templates if t[1] == lt]
    with open(os.path.join(out, "keyed.pcap"), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, lt))
        base = 1_700_000_000
        for i in range(n):
            magic, _, pkts = templates[i % len(templates)]
            t0 = pkts[0][0] + pkts[0][1] / (1e9 if magic == 0xA1B23C4D else 1e6)
            shift = i // len(templates) + 1  # distinct 4-tuple per replay
            for ts, frac, pkt, orig in pkts:
                rel = ts + frac / (1e9 if magic == 0xA1B23C4D else 1e6) - t0
                t = base + i * 0.002 + rel
                b = bytearray(pkt)
                o = l3_offset(lt, b)
                if len(b) > o and (b[o] >> 4) == 4:
                    ihl = (b[o] & 15) * 4
                    tcp = o + ihl
                elif len(b) > o and (b[o] >> 4) == 6:
                    tcp = o + 40
                else:
                    continue
                if len(b) < tcp + 4:
                    continue
                sp, dp = struct.unpack(">HH", b[tcp:tcp + 4])
                # the ephemeral (higher) port gets shifted: a new connection
                if sp > dp:
                    sp = 10000 + (sp + shift * 7) % 50000
                else:
                    dp = 10000 + (dp + shift * 7) % 50000
                b[tcp:tcp + 4] = struct.pack(">HH", sp, dp)
                sec = int(t)
                f.write(struct.pack("<IIII", sec, int((t - sec) * 1e6), len(b), orig))
                f.write(b)
    with open(os.path.join(out, "keyed.keylog"), "w", encoding="utf-8") as f:
        f.write("\n".join(keylog))
    print("keyed workload: %d connections from %d templates (link types %s)"
          % (n, len(templates), sorted(linktypes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
