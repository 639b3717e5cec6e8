"""A throwaway Dovecot IMAP server for kirje's inbox tests.

    server.py WORKDIR [--user NAME:PASSWORD] [--token TOKEN]

Makes a test certificate authority and a certificate for 127.0.0.1 and
localhost (trustme), writes a Dovecot configuration under WORKDIR (TLS on
its own port; a password user; XOAUTH2 and OAUTHBEARER checked by
Dovecot's oauth2 passdb against a local token-introspection stub that
accepts only TOKEN), starts `dovecot -F`, and prints one line:

    READY <port> <ca.pem>

Then it reads commands from stdin, one a line:

    APPEND <file>       put the message in the user's INBOX
    KEYWORDS            print each message's UID and keywords, then END

and stops Dovecot when stdin closes.
"""
import argparse
import http.server
import imaplib
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

import trustme


def grp_name(user):
    import grp
    import pwd
    return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def token_stub(token, user):
    """RFC 7662 introspection: active only for the one token."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = urllib.parse.parse_qs(self.rfile.read(length).decode())
            given = (form.get("token") or [""])[0]
            body = {"active": given == token}
            if given == token:
                body["username"] = user
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("work")
    p.add_argument("--user", default="lumo@isonet.test:salasana")
    p.add_argument("--token", default="ya29.test-token")
    a = p.parse_args()
    user, password = a.user.split(":", 1)
    work = os.path.abspath(a.work)
    for d in ("run", "state", "mail", "home"):
        os.makedirs(os.path.join(work, d), exist_ok=True)

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_pem = os.path.join(work, "ca.pem")
    ca.cert_pem.write_to_path(ca_pem)
    cert.private_key_and_cert_chain_pem.write_to_path(os.path.join(work, "server.pem"))

    port = free_port()
    stub = token_stub(a.token, user)
    with open(os.path.join(work, "passwd"), "w") as f:
        f.write(f"{user}:{{PLAIN}}{password}::::::\n")
    with open(os.path.join(work, "oauth2.conf"), "w") as f:
        f.write(
            f"introspection_mode = post\n"
            f"introspection_url = http://127.0.0.1:{stub}/introspect\n"
            f"username_attribute = username\n"
            f"active_attribute = active\n"
            f"active_value = true\n"
            f"force_introspection = yes\n"
        )
    # As root, Dovecot's processes run as its own users and the mail belongs
    # to dovecot; as anybody else, everything runs as that user.
    if os.geteuid() == 0:
        mail_user, internal, login = "dovecot", "dovecot", "dovenull"
        shutil.chown(os.path.join(work, "mail"), mail_user, mail_user)
        shutil.chown(os.path.join(work, "home"), mail_user, mail_user)
    else:
        import pwd
        mail_user = internal = login = pwd.getpwuid(os.geteuid()).pw_name
    group = grp_name(mail_user)
    os.chmod(work, 0o755)
    conf = os.path.join(work, "dovecot.conf")
    with open(conf, "w") as f:
        f.write(f"""
base_dir = {work}/run
state_dir = {work}/state
log_path = {work}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{work}/server.pem
ssl_key = <{work}/server.pem
auth_mechanisms = plain login xoauth2 oauthbearer
default_internal_user = {internal}
default_internal_group = {grp_name(internal)}
default_login_user = {login}
mail_location = maildir:{work}/mail/%n
first_valid_uid = 1
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {work}/oauth2.conf
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {work}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={group} home={work}/home/%n
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
""")
    proc = subprocess.Popen(["dovecot", "-F", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                log = open(os.path.join(work, "dovecot.log")).read() if os.path.exists(os.path.join(work, "dovecot.log")) else ""
                sys.exit(f"dovecot did not start: {proc.stderr.read().decode()} {log}")
            time.sleep(0.1)

    context = ssl.create_default_context(cafile=ca_pem)

    def imap():
        c = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=context)
        c.login(user, password)
        c.select("INBOX")
        return c

    print(f"READY {port} {ca_pem}", flush=True)
    try:
        for line in sys.stdin:
            cmd, _, arg = line.strip().partition(" ")
            if cmd == "APPEND":
                c = imap()
                with open(arg, "rb") as f:
                    c.append("INBOX", None, None, f.read())
                c.logout()
                print("OK", flush=True)
            elif cmd == "KEYWORDS":
                c = imap()
                typ, data = c.uid("FETCH", "1:*", "(FLAGS)")
                for item in data or []:
                    if item:
                        print(item.decode() if isinstance(item, bytes) else item, flush=True)
                c.logout()
                print("END", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


main()
