"""The SMTP server of kirje's send tests: aiosmtpd with faults chosen by the
recipient's address, logging every delivery it stores.

Faults by the local part's prefix:
  rcpt451-…        451 at RCPT, always
  rcpt451once-…    451 at RCPT the first time, then accepted
  data451-…        451 after the message (not stored)
  bounce550-…      550 at RCPT
  throttle454-…    454 at RCPT the first time, then accepted
  hangup-…         connection closed after the message, not stored
  hangupstored-…   stored, then the connection closed before the reply
  slow-…           the reply to the message comes after 1.5 s

Each stored message is written to OUT/mail/<n>.eml and a line
{"rcpt": [...], "file": "<n>.eml", "mail_from": ...} appended to
OUT/deliveries.jsonl. Prints "READY <port>" when listening.

Options: --auth USER:PASSWORD (AUTH PLAIN/LOGIN required),
--tls CERT KEY (offer STARTTLS and require it), --implicit-tls CERT KEY.
"""

import argparse
import asyncio
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Faults:
    def __init__(self, out):
        self.out = out
        self.mail = os.path.join(out, "mail")
        os.makedirs(self.mail, exist_ok=True)
        self.log = open(os.path.join(out, "deliveries.jsonl"), "a", buffering=1)
        self.seen = {}
        self.n = 0
        self.lock = threading.Lock()

    def first_time(self, key):
        with self.lock:
            count = self.seen.get(key, 0)
            self.seen[key] = count + 1
            return count == 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("rcpt451once-") and self.first_time(address):
            return "451 4.3.0 try again later"
        if local.startswith("rcpt451-"):
            return "451 4.3.0 try again later"
        if local.startswith("bounce550-"):
            return "550 5.1.1 no such user"
        if local.startswith("throttle454-") and self.first_time(address):
            return "454 4.7.0 too many messages, slow down"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def store(self, envelope):
        with self.lock:
            self.n += 1
            name = f"{self.n:06d}.eml"
        with open(os.path.join(self.mail, name), "wb") as f:
            f.write(envelope.original_content or envelope.content)
        self.log.write(json.dumps({"rcpt": envelope.rcpt_tos, "file": name,
                                   "mail_from": envelope.mail_from}) + "\n")

    async def handle_DATA(self, server, session, envelope):
        local = envelope.rcpt_tos[0].split("@")[0].lower() if envelope.rcpt_tos else ""
        if local.startswith("data451-"):
            return "451 4.3.0 queue full"
        if local.startswith("hangupstored-"):
            self.store(envelope)
            server.transport.close()
            return "250 never seen"
        if local.startswith("hangup-"):
            server.transport.close()
            return "250 never seen"
        if local.startswith("slow-"):
            await asyncio.sleep(1.5)
        self.store(envelope)
        return "250 2.0.0 stored"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--auth")
    p.add_argument("--tls", nargs=2)
    p.add_argument("--implicit-tls", nargs=2)
    a = p.parse_args()
    handler = Faults(a.out)
    kwargs = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user \
                and data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(a.tls))
    if a.tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*a.tls)
        kwargs.update(tls_context=ctx, require_starttls=True)
    if a.implicit_tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*a.implicit_tls)
        kwargs.update(ssl_context=ctx)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port,
                            server_hostname="localhost", ready_timeout=10, **kwargs)
    controller.start()
    print(f"READY {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
