#!/usr/bin/env python3
"""Summarises what the diagnoser says about every capture in the corpus:
per file, each distinct (severity, id) with its count.  For notes and
review, not a test.  Usage: corpus-diagnoses.py HANDSHAKE_LENS CORPUS_DIR"""
import collections, json, os, subprocess, sys

hl, corpus = sys.argv[1], sys.argv[2]
for f in sorted(os.listdir(corpus)):
    if not f.endswith((".pcap", ".pcapng")):
        continue
    path = os.path.join(corpus, f)
    k = os.path.join(corpus, f.rsplit(".", 1)[0] + ".keylog")
    cmd = [hl, "--report=json", path] + (["--keylog", k] if os.path.exists(k) else [])
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        conns = json.loads(r.stdout)["connections"]
    except ValueError:
        print("%s: NO REPORT (exit %d)" % (f, r.returncode))
        continue
    prim = collections.Counter()
    other = collections.Counter()
    for c in conns:
        errs = [d for d in c["diagnoses"] if d["severity"] == "error"]
        prim[errs[0]["id"] if errs else "(no error)"] += 1
        for d in c["diagnoses"]:
            if d["severity"] != "error" and d["id"] != "handshake_ok":
                other["%s:%s" % (d["severity"], d["id"])] += 1
    print("%s (%d conns, exit %d)" % (f, len(conns), r.returncode))
    print("   primary: " + ", ".join("%s x%d" % kv for kv in prim.most_common()))
    if other:
        print("   other:   " + ", ".join("%s x%d" % kv for kv in other.most_common(8)))
