#!/usr/bin/env python3
"""Cross-check handshake-lens against tshark on the shared corpus.

For every capture in the corpus, both tools' views of every TCP connection
are reduced to the fields of the JSON report contract (DESIGN.md):
addresses, TCP flags, the handshake message list with frame numbers, CCS,
version, cipher, SNI, ALPN, alerts and the server certificate CNs.  tshark
is run with the capture's key log (if any), and the connections are paired
by order of first frame.

Output is TAP: one test per capture (ok when every connection is identical
or its differences are listed, with their explanation, in
tests/corpus-known-differences.txt), then the overall figure.  Usage:
  corpus-check.py HANDSHAKE_LENS CORPUS_DIR [--verbose] [FILE...]
"""
import json
import os
import subprocess
import sys

HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
HS_NAMES = {
    0: "hello_request", 1: "client_hello", 2: "server_hello", 3: "hello_verify_request",
    4: "new_session_ticket", 5: "end_of_early_data", 6: "hello_retry_request",
    8: "encrypted_extensions", 11: "certificate", 12: "server_key_exchange",
    13: "certificate_request", 14: "server_hello_done", 15: "certificate_verify",
    16: "client_key_exchange", 20: "finished", 21: "certificate_url",
    22: "certificate_status", 23: "supplemental_data", 24: "key_update",
    25: "compressed_certificate",
}
ALERTS = {
    0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 21: "decryption_failed",
    22: "record_overflow", 30: "decompression_failure", 40: "handshake_failure",
    41: "no_certificate", 42: "bad_certificate", 43: "unsupported_certificate",
    44: "certificate_revoked", 45: "certificate_expired", 46: "certificate_unknown",
    47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied", 50: "decode_error",
    51: "decrypt_error", 60: "export_restriction", 70: "protocol_version",
    71: "insufficient_security", 80: "internal_error", 86: "inappropriate_fallback",
    90: "user_canceled", 100: "no_renegotiation", 109: "missing_extension",
    110: "unsupported_extension", 111: "certificate_unobtainable", 112: "unrecognized_name",
    113: "bad_certificate_status_response", 114: "bad_certificate_hash_value",
    115: "unknown_psk_identity", 116: "certificate_required", 120: "no_application_protocol",
    121: "ech_required",
}
VERSIONS = {0x0300: "SSL 3.0", 0x0301: "TLS 1.0", 0x0302: "TLS 1.1", 0x0303: "TLS 1.2",
            0x0304: "TLS 1.3"}


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def version_name(v):
    return VERSIONS.get(v, "0x%04x" % v)


def first(v):
    v = as_list(v)
    return v[0] if v else None


def find_cn(tree):
    """First CN (oid 2.5.4.3) in an x509 name tree from tshark's JSON."""
    if isinstance(tree, dict):
        if tree.get("x509if.oid") == "2.5.4.3":
            ds = tree.get("x509sat.DirectoryString_tree", {})
            for k, v in ds.items():
                if isinstance(v, str):
                    return v
        for v in tree.values():
            r = find_cn(v)
            if r is not None:
                return r
    elif isinstance(tree, list):
        for v in tree:
            r = find_cn(v)
            if r is not None:
                return r
    return None


def cert_cns(hs):
    out = []
    certs = hs.get("tls.handshake.certificates")
    for c in as_list(certs):
        for tree in as_list(c.get("tls.handshake.certificate_tree")):
            sc = tree.get("x509af.signedCertificate_element", {})
            out.append({"subject_cn": find_cn(sc.get("x509af.subject_tree")),
                        "issuer_cn": find_cn(sc.get("x509af.issuer_tree"))})
    # TLS 1.3 certificate entries
    for entry in as_list(hs.get("tls.handshake.certificate_list")):
        pass
    return out


def ext_value(hs, key):
    """Search a handshake tree for a key (extensions are nested)."""
    if isinstance(hs, dict):
        for k, v in hs.items():
            if k == key:
                return v
            r = ext_value(v, key)
            if r is not None:
                return r
    elif isinstance(hs, list):
        for v in hs:
            r = ext_value(v, key)
            if r is not None:
                return r
    return None


def tshark_view(path, keylog):
    cmd = ["tshark", "-n", "-r", path, "-T", "json", "--no-duplicate-keys",
           "-J", "frame ip ipv6 tcp tls"]
    if keylog:
        cmd += ["-o", "tls.keylog_file:" + keylog]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    packets = json.loads(out or b"[]")
    conns = {}
    order = []
    for p in packets:
        l = p["_source"]["layers"]
        if "tcp" not in l:
            continue
        tcp = l["tcp"] if isinstance(l["tcp"], dict) else l["tcp"][0]
        frame = int(first(l["frame"]["frame.number"]))
        stream = int(first(tcp["tcp.stream"]))
        ipl = l.get("ip") or l.get("ipv6")
        if isinstance(ipl, list):
            ipl = ipl[-1]
        if ipl is None:
            continue
        src = first(ipl.get("ip.src") or ipl.get("ipv6.src"))
        dst = first(ipl.get("ip.dst") or ipl.get("ipv6.dst"))
        sport = int(first(tcp["tcp.srcport"]))
        dport = int(first(tcp["tcp.dstport"]))
        flags = tcp.get("tcp.flags_tree", {})
        syn = flags.get("tcp.flags.syn") in ("1", "True")
        ackf = flags.get("tcp.flags.ack") in ("1", "True")
        rst = flags.get("tcp.flags.reset") in ("1", "True")
        ack = int(first(tcp.get("tcp.ack", "0")))
        if stream not in conns:
            conns[stream] = {"first": frame, "pkts": []}
            order.append(stream)
        conns[stream]["pkts"].append(dict(frame=frame, src=(src, sport), dst=(dst, dport),
                                          syn=syn, ackf=ackf, rst=rst, ack=ack,
                                          tls=as_list(l.get("tls"))))
    views = []
    for s in order:
        views.append(reduce_tshark(conns[s]["pkts"]))
    views.sort(key=lambda v: v["first"])
    return views


def reduce_tshark(pkts):
    client = None
    for p in pkts:
        if p["syn"] and not p["ackf"]:
            client = p["src"]
            break
    msgs_raw = []   # (frame, src, type, random, hs)
    ccs, alerts = [], []
    for p in pkts:
        for t in p["tls"]:
            if not isinstance(t, dict):
                continue
            for r in as_list(t.get("tls.record")):
                if not isinstance(r, dict):
                    continue
                ct = int(first(r.get("tls.record.content_type", "0")) or 0)
                if ct == 20:
                    ccs.append((p["frame"], p["src"]))
                elif ct == 21:
                    for a in as_list(r.get("tls.alert_message")):
                        if isinstance(a, dict) and "tls.alert_message.desc" in a:
                            alerts.append((p["frame"], p["src"], int(first(a["tls.alert_message.level"])),
                                           int(first(a["tls.alert_message.desc"]))))
                elif ct == 22:
                    for h in as_list(r.get("tls.handshake")):
                        if isinstance(h, dict) and "tls.handshake.type" in h:
                            msgs_raw.append((p["frame"], p["src"], int(first(h["tls.handshake.type"])), h))
            # SSLv2 ClientHello
            for r in as_list(t.get("ssl2.record") or t.get("tls.ssl2.record")):
                pass
    # DESIGN's definition, applied to tshark's packets: SYN sender, else
    # SYN-ACK receiver, else first ClientHello sender, else the peer of the
    # side sending server-only messages, else the well-known-port rule.
    if client is None:
        client = next((p["dst"] for p in pkts if p["syn"] and p["ackf"]), None)
    if client is None:
        for f, src, typ, h in msgs_raw:
            if typ == 1:
                client = src
                break
    if client is None:
        for f, src, typ, h in msgs_raw:
            if typ in (2, 11, 12, 13, 14):
                client = next((p["dst"] for p in pkts if p["src"] == src), None)
                break
    if client is None:
        a, b = pkts[0]["src"], pkts[0]["dst"]
        if a[1] < 1024 <= b[1]:
            client = b
        else:
            client = a
    server = next((p["dst"] if p["src"] == client else p["src"] for p in pkts), None)

    def d(src):
        return "c2s" if src == client else "s2c"

    syn = any(p["syn"] and not p["ackf"] and p["src"] == client for p in pkts)
    syn_ack = any(p["syn"] and p["ackf"] and p["src"] != client for p in pkts)
    ack = any(p["ackf"] and not p["syn"] and not p["rst"] and p["src"] == client and p["ack"] == 1
              for p in pkts) and syn_ack
    rst = next((("client" if p["src"] == client else "server") for p in pkts if p["rst"]), None)

    messages, version, cipher, sni, alpn, certs = [], None, None, None, None, []
    have_sh = False
    for f, src, typ, h in msgs_raw:
        name = HS_NAMES.get(typ, "unknown_%d" % typ)
        rnd = (first(h.get("tls.handshake.random")) or "").replace(":", "")
        if typ == 2 and rnd == HRR_RANDOM:
            name = "hello_retry_request"
        messages.append({"dir": d(src), "type": name, "frame": f})
        if typ == 1 and sni is None and not any(m["type"] == "client_hello" for m in messages[:-1]):
            sni = first(ext_value(h, "tls.handshake.extensions_server_name"))
        if typ == 2 and name != "hello_retry_request" and not have_sh:
            have_sh = True
            sv = first(ext_value(h, "tls.handshake.extensions.supported_version"))
            lv = first(h.get("tls.handshake.version"))
            v = int(sv or lv, 16)
            version = version_name(v)
            cs = first(h.get("tls.handshake.ciphersuite"))
            cipher = int(cs, 16) if cs else None
            alpn = first(ext_value(h, "tls.handshake.extensions_alpn_str")) or alpn
        if typ == 8:
            alpn = first(ext_value(h, "tls.handshake.extensions_alpn_str")) or alpn
        if typ == 11 and d(src) == "s2c" and not certs:
            certs = cert_cns(h)
    return {
        "first": pkts[0]["frame"],
        "client": {"ip": client[0], "port": client[1]},
        "server": {"ip": server[0], "port": server[1]} if server else None,
        "tcp": {"syn": syn, "syn_ack": syn_ack, "ack": ack, "rst": rst},
        "tls": None if not any(p["tls"] for p in pkts) else {
            "version": version, "cipher_suite_id": cipher, "sni": sni, "alpn": alpn,
            "messages": messages,
            "change_cipher_spec": [{"dir": d(s), "frame": f} for f, s in ccs],
            "alerts": [{"dir": d(s), "level": "fatal" if lvl == 2 else "warning",
                        "description": ALERTS.get(desc, "unknown_%d" % desc), "frame": f}
                       for f, s, lvl, desc in alerts],
            "certificates": certs,
        },
    }


def reduce_ours(c):
    t = c.get("tls")
    return {
        "client": c["client"], "server": c["server"], "tcp": c["tcp"],
        "tls": None if t is None else {
            "version": t.get("version"), "cipher_suite_id": t.get("cipher_suite_id"),
            "sni": t.get("sni"), "alpn": t.get("alpn"), "messages": t.get("messages"),
            "change_cipher_spec": t.get("change_cipher_spec"), "alerts": t.get("alerts"),
            "certificates": t.get("certificates"),
        },
    }


def diff(a, b, path=""):
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            out += diff(a.get(k), b.get(k), path + "." + k if path else k)
    elif a != b:
        out.append((path, a, b))
    return out


def load_known(path):
    known = {}
    try:
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 4:
                known[(parts[0], int(parts[1]), parts[2])] = parts[3]
    except OSError:
        pass
    return known


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    hl, corpus = args[0], args[1]
    files = args[2:] or sorted(f for f in os.listdir(corpus)
                               if f.endswith((".pcap", ".pcapng", ".pcap.gz", ".pcapng.gz")))
    known = load_known(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "corpus-known-differences.txt"))
    total = same = explained = 0
    print("1..%d" % (len(files) + 1))
    for i, f in enumerate(files, 1):
        path = os.path.join(corpus, f)
        stem = f.rsplit(".", 1)[0]
        keylog = os.path.join(corpus, stem + ".keylog")
        keylog = keylog if os.path.exists(keylog) else None
        cmd = [hl, "--report=json", path] + (["--keylog", keylog] if keylog else [])
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        try:
            ours = [reduce_ours(c) for c in json.loads(res.stdout)["connections"]]
        except (ValueError, KeyError) as e:
            print("not ok %d - %s: report is not valid JSON (%s; exit %d)" % (i, f, e, res.returncode))
            continue
        theirs = tshark_view(path, keylog)
        problems = []
        n = max(len(ours), len(theirs))
        for k in range(n):
            total += 1
            a = ours[k] if k < len(ours) else None
            b = theirs[k] if k < len(theirs) else None
            if a is None or b is None:
                problems.append((k + 1, "connection", "missing in %s" % ("ours" if a is None else "tshark")))
                continue
            b = dict(b)
            b.pop("first", None)
            d = diff(a, b)
            if not d:
                same += 1
                continue
            unexplained = [x for x in d if (f, k + 1, x[0].split(".")[0] if x[0].startswith("tcp") else x[0]) not in known
                           and (f, k + 1, "*") not in known]
            if not unexplained:
                explained += 1
            for p, x, y in d:
                problems.append((k + 1, p, "ours=%s tshark=%s" % (json.dumps(x), json.dumps(y)),
                                 bool(unexplained)))
        bad = [p for p in problems if len(p) < 4 or p[3]]
        status = "ok" if not bad else "not ok"
        print("%s %d - %s (%d connections, %d differing)" % (status, i, f, n,
                                                             len({p[0] for p in problems})))
        for p in (problems if verbose else bad)[:40]:
            print("# conn %d %s: %s" % (p[0], p[1], p[2]))
    pct = 100.0 * same / total if total else 100.0
    print("%s %d - %d of %d connections identical to tshark (%.1f%%), %d more differ for listed reasons"
          % ("ok" if pct >= 98.0 else "not ok", len(files) + 1, same, total, pct, explained))


if __name__ == "__main__":
    main()
