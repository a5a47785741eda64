#!/usr/bin/env python3
"""Writes an account/import JSON-RPC request for COUNT generated accounts to OUT (used by the bench scripts).

The tokens are unsigned JWTs with a Codex-shaped auth claim that expire in 10 days, so the service attempts no
refresh; nothing here talks to the network. Usage: import-request.py COUNT OUT
"""
import base64
import json
import sys
import time
import uuid


def b64(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).rstrip(b"=").decode()


def main(count, out):
    exp = int(time.time()) + 10 * 86400
    head = b64({"alg": "RS256", "typ": "JWT"})
    items = []
    for i in range(count):
        acct, user = str(uuid.uuid4()), "user-" + uuid.uuid4().hex[:16]
        auth = {"chatgpt_account_id": acct, "chatgpt_user_id": user, "chatgpt_plan_type": "plus"}
        email = "bench%05d@example.test" % i
        access = head + "." + b64({"sub": "auth0|" + user, "email": email, "exp": exp,
                                   "https://api.openai.com/auth": auth}) + ".c2ln"
        ident = head + "." + b64({"sub": "auth0|" + user, "email": email, "exp": exp - 3000,
                                  "https://api.openai.com/auth": auth}) + ".c2ln"
        items.append({"tokens": {"access_token": access, "id_token": ident,
                                 "refresh_token": "rt_" + uuid.uuid4().hex + uuid.uuid4().hex, "account_id": acct}})
    body = {"jsonrpc": "2.0", "id": 1, "method": "account/import",
            "params": {"contents": [json.dumps(items)], "importId": "bench"}}
    with open(out, "w") as f:
        json.dump(body, f)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
