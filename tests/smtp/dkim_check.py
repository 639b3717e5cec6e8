"""DKIM for kirje's send tests, with dkimpy (an independent implementation).

  dkim_check.py keys DIR         writes DIR/dkim.pem (RSA 2048, PKCS #8) and
                                 DIR/dkim.txt (the DNS TXT record's value)
  dkim_check.py verify OUT TXT   verifies every message the test server
                                 stored in OUT against that record, and the
                                 same messages tampered with; prints JSON.
"""

import base64
import json
import os
import sys

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def keys(d):
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption())
    pub = k.public_key().public_bytes(serialization.Encoding.DER,
                                      serialization.PublicFormat.SubjectPublicKeyInfo)
    with open(os.path.join(d, "dkim.pem"), "wb") as f:
        f.write(pem)
    with open(os.path.join(d, "dkim.txt"), "w") as f:
        f.write("v=DKIM1; k=rsa; p=" + base64.b64encode(pub).decode())


def tampered(raw):
    """The same message with its subject changed and a word of the body."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    lines = [b"Subject: =?utf-8?q?Muutettu?=" if l.lower().startswith(b"subject:") else l
             for l in lines]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body.replace(b"LUMO", b"LUM0", 1)


def verify(out, txt_path):
    txt = open(txt_path, "rb").read().strip()
    calls = []

    def dns(name, timeout=5):
        calls.append(name.decode() if isinstance(name, bytes) else name)
        return txt

    result = {"messages": 0, "verified": 0, "tampered_verified": 0,
              "signed_headers": [], "domains": []}
    for name in sorted(os.listdir(os.path.join(out, "mail"))):
        raw = open(os.path.join(out, "mail", name), "rb").read()
        result["messages"] += 1
        if dkim.verify(raw, dnsfunc=dns):
            result["verified"] += 1
        if dkim.verify(tampered(raw), dnsfunc=dns):
            result["tampered_verified"] += 1
        sig = dkim.DKIM(raw)
        parsed = [h for h in sig.headers if h[0].lower() == b"dkim-signature"]
        if parsed:
            fields = dict(p.strip().split(b"=", 1) for p in parsed[0][1].split(b";") if b"=" in p)
            hs = fields.get(b"h", b"").replace(b" ", b"").replace(b"\r\n", b"").decode()
            if hs not in result["signed_headers"]:
                result["signed_headers"].append(hs)
            d = fields.get(b"d", b"").decode()
            if d not in result["domains"]:
                result["domains"].append(d)
    result["dns_names"] = sorted(set(calls))
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "keys":
        keys(sys.argv[2])
    else:
        verify(sys.argv[2], sys.argv[3])
