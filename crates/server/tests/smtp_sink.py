"""A real SMTP server for the server tests (aiosmtpd), on a loopback port.

Every message it accepts is written into DIR, numbered in arrival order: as received
(NNNNN.eml) and read (NNNNN.json: envelope recipients, headers, subject, and the decoded
text and HTML parts), so the tests check what a mail program would show.
`--fail-first N` answers the first N messages with 451 (try again later); `--refuse`
answers every message with 550 (refused for good). Prints the port once it listens, then
serves until killed.

    python smtp_sink.py DIR [--port N] [--fail-first N] [--refuse]

(`--port`: a fixed port, as the end-to-end tests' server is configured with; default any.)
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder, fail_first, refuse):
        self.folder = folder
        self.fail_left = fail_first
        self.refuse = refuse
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "550 5.7.1 refused by the test server"
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 try again later (test server)"
        number = next(self.numbers)
        base = os.path.join(self.folder, f"{number:05}")
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        read = {
            "mail_from": envelope.mail_from,
            "rcpt_to": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
        }
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        # Written whole, then renamed, so a reader never sees half a message.
        with open(base + ".part", "w", encoding="utf-8") as f:
            json.dump(read, f, ensure_ascii=False)
        os.rename(base + ".part", base + ".json")
        return "250 2.0.0 accepted"


async def serve(args):
    sink = Sink(args.folder, args.fail_first, args.refuse)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink), "127.0.0.1", args.port)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--refuse", action="store_true")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
