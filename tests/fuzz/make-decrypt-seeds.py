#!/usr/bin/env python3
"""Writes synthetic fuzz-decrypt seeds: records that really decrypt with the
fixed key log of fuzz-decrypt.c, so the fuzzer starts past authentication
(it cannot forge a tag or MAC by mutation).

    make-decrypt-seeds.py OUT_DIR

Input framing (fuzz-decrypt.c): selector byte (suite, version, EtM, EMS),
then records [ctl][u16 length & 0x7ff][body]; ctl bit 0 = direction
(s2c), (ctl >> 1) & 7: 0 skip, 1 key update, 2 handshake done, 3 verify
Finished, >= 4 decrypt.  Needs python3-cryptography.
"""
import hashlib
import hmac
import os
import struct
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESCCM, AESGCM, ChaCha20Poly1305

SUITES = [0x1301, 0x1302, 0x1303, 0x1304, 0x1305,
          0xc02f, 0xc030, 0xcca8, 0xc0ac, 0xc013, 0xc028, 0x000a, 0x002f, 0x0035, 0xc0a0, 0x0002]


def secret(first):
    return bytes(range(first, first + 48))


HS = [secret(0x00), secret(0x10)]       # CLIENT/SERVER_HANDSHAKE_TRAFFIC_SECRET
APP = [secret(0x20), secret(0x30)]      # CLIENT/SERVER_TRAFFIC_SECRET_0
MASTER = secret(0x00)                   # CLIENT_RANDOM
CLIENT_RANDOM = bytes(32)
SERVER_RANDOM = b"\x55" * 32


def hkdf_expand_label(h, sec, label, length):
    info = struct.pack(">H", length) + bytes([6 + len(label)]) + b"tls13 " + label + b"\x00"
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(sec, t + info + bytes([i]), h).digest()
        out += t
        i += 1
    return out[:length]


def p_hash(h, sec, seed, length):
    out, a = b"", seed
    while len(out) < length:
        a = hmac.new(sec, a, h).digest()
        out += hmac.new(sec, a + seed, h).digest()
    return out[:length]


def sel_for(suite, version=0x0303, etm=False, ems=False):
    idx = SUITES.index(suite)
    hi = 0 if suite >> 8 == 0x13 else (version - 0x0301)
    s = (hi << 6) | idx
    if etm:
        s |= 0x10
    if ems:
        s |= 0x20
    assert s % len(SUITES) == idx and s < 256
    return s


def rec(ctl, body):
    assert len(body) <= 0x7ff
    return bytes([ctl]) + struct.pack(">H", len(body)) + body


class Tls13Dir:
    PARAMS = {0x1301: (hashlib.sha256, 16, "gcm", 16), 0x1302: (hashlib.sha384, 32, "gcm", 16),
              0x1303: (hashlib.sha256, 32, "chacha", 16), 0x1304: (hashlib.sha256, 16, "ccm", 16),
              0x1305: (hashlib.sha256, 16, "ccm", 8)}

    def __init__(self, suite, sec):
        self.h, self.klen, self.kind, self.tag = self.PARAMS[suite]
        self.install(sec)

    def install(self, sec):
        self.secret = sec
        self.key = hkdf_expand_label(self.h, sec, b"key", self.klen)
        self.iv = hkdf_expand_label(self.h, sec, b"iv", 12)
        self.seq = 0

    def update(self):
        self.install(hkdf_expand_label(self.h, self.secret, b"traffic upd", self.h().digest_size))

    def seal(self, inner_type, content, pad=0):
        pt = content + bytes([inner_type]) + bytes(pad)
        nonce = bytes(a ^ b for a, b in zip(self.iv, self.seq.to_bytes(12, "big")))
        aad = bytes([23, 3, 3]) + struct.pack(">H", len(pt) + self.tag)
        if self.kind == "gcm":
            ct = AESGCM(self.key).encrypt(nonce, pt, aad)
        elif self.kind == "chacha":
            ct = ChaCha20Poly1305(self.key).encrypt(nonce, pt, aad)
        else:
            ct = AESCCM(self.key, tag_length=self.tag).encrypt(nonce, pt, aad)
        self.seq += 1
        return ct


def tls13_seed(suite):
    sel = sel_for(suite)
    d = [Tls13Dir(suite, HS[0]), Tls13Dir(suite, HS[1])]
    out = bytearray([sel])
    # server flight: EncryptedExtensions + Finished, then client Finished
    out += rec(0x09, d[1].seal(22, b"\x08\x00\x00\x02\x00\x00"))
    out += rec(0x09, d[1].seal(22, b"\x14\x00\x00\x20" + bytes(32), pad=7))
    out += rec(0x08, d[0].seal(22, b"\x14\x00\x00\x20" + bytes(32)))
    # both sides move to the application secrets
    out += rec(0x05, b"")
    out += rec(0x04, b"")
    d[1].install(APP[1])
    d[0].install(APP[0])
    out += rec(0x08, d[0].seal(23, b"GET / HTTP/1.1\r\n\r\n"))
    out += rec(0x09, d[1].seal(23, b"HTTP/1.1 200 OK\r\n\r\n" + b"x" * 300))
    # a key update from the client, then an alert
    out += rec(0x02, b"")
    d[0].update()
    out += rec(0x08, d[0].seal(21, b"\x01\x00"))
    out += rec(0x09, d[1].seal(21, b"\x02\x28"))
    return bytes(out)


def tls12_key_block(h, length):
    return p_hash(h, MASTER, b"key expansion" + SERVER_RANDOM + CLIENT_RANDOM, length)


def tls12_aead_seed(suite):
    sel = sel_for(suite)
    h = hashlib.sha384 if suite == 0xc030 else hashlib.sha256
    klen, ivlen = {0xc02f: (16, 4), 0xc030: (32, 4), 0xcca8: (32, 12)}[suite]
    kb = tls12_key_block(h, 2 * klen + 2 * ivlen)
    keys = [kb[:klen], kb[klen:2 * klen]]
    ivs = [kb[2 * klen:2 * klen + ivlen], kb[2 * klen + ivlen:]]
    seqs = [0, 0]
    out = bytearray([sel])

    def seal(d, ctype, pt):
        seq = seqs[d]
        seqs[d] += 1
        aad = struct.pack(">QBHH", seq, ctype, 0x0303, len(pt))
        if suite == 0xcca8:
            nonce = bytes(a ^ b for a, b in zip(ivs[d], seq.to_bytes(12, "big")))
            return ChaCha20Poly1305(keys[d]).encrypt(nonce, pt, aad)
        explicit = struct.pack(">Q", seq + 0x1000)
        return explicit + AESGCM(keys[d]).encrypt(ivs[d] + explicit, pt, aad)

    # the fuzz target passes content type 23 for every record
    out += rec(0x08, seal(0, 23, b"GET / HTTP/1.1\r\n\r\n"))
    out += rec(0x09, seal(1, 23, b"HTTP/1.1 200 OK\r\n\r\n" + b"y" * 200))
    out += rec(0x00, b"")      # a skipped record moves the sequence number
    seqs[0] += 1
    out += rec(0x08, seal(0, 23, b"more"))
    return bytes(out)


def tls12_cbc_seed(suite, etm):
    sel = sel_for(suite, etm=etm)
    mac_h, mac_len, klen = {0xc013: (hashlib.sha1, 20, 16), 0x002f: (hashlib.sha1, 20, 16),
                            0x0035: (hashlib.sha1, 20, 32)}[suite]
    kb = tls12_key_block(hashlib.sha256, 2 * mac_len + 2 * klen + 32)
    macs = [kb[:mac_len], kb[mac_len:2 * mac_len]]
    keys = [kb[2 * mac_len:2 * mac_len + klen], kb[2 * mac_len + klen:2 * mac_len + 2 * klen]]
    seqs = [0, 0]
    out = bytearray([sel])

    def seal(d, pt, pad_len=0):
        seq = seqs[d]
        seqs[d] += 1
        iv = bytes((seq * 7 + i) & 0xff for i in range(16))
        enc = Cipher(algorithms.AES(keys[d]), modes.CBC(iv)).encryptor()
        if etm:
            body = pt
        else:
            m = hmac.new(macs[d], struct.pack(">QBHH", seq, 23, 0x0303, len(pt)) + pt, mac_h).digest()
            body = pt + m
        n = pad_len
        while (len(body) + n + 1) % 16:
            n += 1
        body += bytes([n]) * (n + 1)
        ct = iv + enc.update(body) + enc.finalize()
        if etm:
            ct += hmac.new(macs[d], struct.pack(">QBHH", seq, 23, 0x0303, len(ct)) + ct, mac_h).digest()
        return ct

    out += rec(0x08, seal(0, b"GET / HTTP/1.1\r\n\r\n"))
    out += rec(0x09, seal(1, b"HTTP/1.1 200 OK\r\n\r\n", pad_len=32))
    out += rec(0x08, seal(0, b""))
    return bytes(out)


def main():
    out = os.path.join(sys.argv[1], "fuzz-decrypt")
    os.makedirs(out, exist_ok=True)
    seeds = {}
    for s in (0x1301, 0x1302, 0x1303, 0x1304, 0x1305):
        seeds["tls13-%04x" % s] = tls13_seed(s)
    for s in (0xc02f, 0xc030, 0xcca8):
        seeds["tls12-%04x" % s] = tls12_aead_seed(s)
    for s in (0xc013, 0x0035):
        seeds["tls12-%04x-mte" % s] = tls12_cbc_seed(s, False)
        seeds["tls12-%04x-etm" % s] = tls12_cbc_seed(s, True)
    for name, data in seeds.items():
        with open(os.path.join(out, "seed-" + name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
