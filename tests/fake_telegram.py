"""A fake Telegram Bot API server on 127.0.0.1 that the real bot talks HTTP to.

It speaks the parts of the Bot API the bot uses: long-polling getUpdates, getMe,
sendMessage, editMessageText, sendPhoto and sendMediaGroup (uploads keep their bytes under a
file_id that later sends may reuse), getChatMember, answerCallbackQuery, answerInlineQuery,
setMyCommands, getFile and file downloads. Tests put updates in as users would send them, read back
every call the bot made, and inject errors (429 with retry_after, 500, 400).

Things the real API does that matter here: python-telegram-bot sends form-encoded bodies
with non-string values JSON-encoded, `date` is in seconds, getMe needs `is_bot`, entity
offsets count UTF-16 code units, and a pending long poll is released when the server stops.
"""

from __future__ import annotations

import email.policy
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote

DROP = 0  # a "status" for fail_next: close the connection without answering

BOT_USER = {
    "id": 900,
    "is_bot": True,
    "first_name": "离石档案",
    "username": "lishi_archive_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


class _Server(ThreadingHTTPServer):
    request_queue_size = 512  # many readers' answers arrive at once (bench.bot)
    daemon_threads = True


class Refused(Exception):
    """What the real API would refuse, said with its status and description."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


@dataclass
class Call:
    method: str
    params: dict
    at: float = field(default_factory=time.monotonic)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities(text: str) -> list[dict]:
    """Give back the entities Telegram would mark: a leading command, @mentions."""
    found = []
    command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))})
    for mention in re.finditer(r"@[A-Za-z0-9_]{5,}", text):
        if command and mention.start() < command.end():
            continue
        found.append({"type": "mention", "offset": utf16_len(text[: mention.start()]), "length": utf16_len(mention.group(0))})
    return found


ADMIN_RIGHTS = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
                "can_delete_stories")


class FakeTelegram:
    """The server and what it has seen."""

    def __init__(self, token: str):
        self.token = token
        self.calls: list[Call] = []
        self.cond = threading.Condition()
        self._updates: list[dict] = []
        self._update_id = 0
        self._message_id = 1000
        self._failures: dict[str, list[tuple]] = {}  # method -> (status, description, retry_after, chat_id or None)
        self.members: dict[tuple[int, int], str] = {}
        self.photos: dict[str, bytes] = {}  # file_id -> the image uploaded under it  # (chat_id, user_id) -> status getChatMember gives
        self._chats: dict[int, dict] = {}
        self.messages: dict[tuple[int, int], dict] = {}  # (chat_id, message_id) -> message sent by the bot
        self.files: dict[str, bytes] = {}
        self.deleted: set[tuple[int, int]] = set()  # (chat_id, message_id) a user deleted
        self.delivered: dict[int, str] = {}  # update_id -> the update as getUpdates handed it out
        self.confirmed = 0  # the highest offset the bot has asked for: updates below it were taken in
        self.stopping = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real API server does
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                match = re.fullmatch(r"/file/bot([^/]+)/(.+)", unquote(self.path))  # PTB sends %3A for ':' 
                data = fake.files.get(match.group(2)) if match and match.group(1) == fake.token else None
                self.send_response(200 if data is not None else 404)
                self.send_header("Content-Length", str(len(data or b"")))
                self.end_headers()
                self.wfile.write(data or b"")

            def do_POST(self) -> None:
                match = re.fullmatch(r"/bot([^/]+)/(\w+)", unquote(self.path))
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not match or match.group(1) != fake.token:
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                method, params = match.group(2), fake.parse(body, self.headers.get("Content-Type", ""))
                with fake.cond:
                    fake.calls.append(Call(method, params))
                    fake.cond.notify_all()
                failure = fake._take_failure(method, params.get("chat_id") if isinstance(params, dict) else None)
                if failure and failure[0] == DROP:
                    self.close_connection = True  # hang up without a word, as a dropped link does
                    self.connection.shutdown(2)
                    return
                if failure:
                    status, description, retry_after = failure
                    answer = {"ok": False, "error_code": status, "description": description}
                    if retry_after is not None:
                        answer["parameters"] = {"retry_after": retry_after}
                    self._reply(status, answer)
                    return
                try:
                    self._reply(200, {"ok": True, "result": fake.dispatch(method, params)})
                except Refused as refusal:
                    self._reply(refusal.status, {"ok": False, "error_code": refusal.status, "description": refusal.description})

            def _reply(self, status: int, payload: dict) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- life -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def start(self) -> FakeTelegram:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self.cond:
            self.stopping = True
            self.cond.notify_all()  # release a pending long poll
        self.server.shutdown()
        self.server.server_close()

    # --- the API ------------------------------------------------------------------------

    @staticmethod
    def parse(body: bytes, content_type: str) -> dict:
        if "json" in content_type:
            return json.loads(body or b"{}")
        if "multipart" in content_type:
            return FakeTelegram._multipart(body, content_type)
        params = {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        for key, value in params.items():
            if value[:1] in "{[":
                params[key] = json.loads(value)
        return params

    @staticmethod
    def _multipart(body: bytes, content_type: str) -> dict:
        """Give back a multipart form's fields: files as bytes, JSON fields decoded."""
        form = BytesParser(policy=email.policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        params = {}
        for part in form.iter_parts():
            name, data = part.get_param("name", header="content-disposition"), part.get_payload(decode=True)
            if part.get_filename() is None:
                data = data.decode("utf-8")
                data = json.loads(data) if data[:1] in "{[" else data
            params[name] = data
        return params

    def _photo(self, photo) -> dict:
        """Give back the photo sizes of a sent photo: an upload gets a new file_id, a file_id must
        be one this server gave out."""
        if isinstance(photo, bytes):
            file_id = f"photo{len(self.photos) + 1}"
            self.photos[file_id] = photo
        elif photo in self.photos:
            file_id = photo
        else:
            raise Refused(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return {"file_id": file_id, "file_unique_id": file_id, "width": 1, "height": 1}

    def dispatch(self, method: str, params: dict):
        if method == "getUpdates":
            return self._get_updates(params)
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            replied = params.get("reply_parameters") or {}
            if (int(params["chat_id"]), int(replied.get("message_id", 0))) in self.deleted \
                    and not replied.get("allow_sending_without_reply"):
                raise Refused(400, "Bad Request: message to be replied not found")
            return self._send(params)
        if method == "editMessageText":
            key = (int(params["chat_id"]), int(params["message_id"]))
            message = self.messages.get(key) or {"message_id": key[1], "date": int(time.time()), "chat": self._chat(key[0])}
            message = {**message, "text": params["text"], "edit_date": int(time.time())}
            self.messages[key] = message
            return message
        if method == "sendPhoto":
            return {**self._send({**params, "text": ""}), "photo": [self._photo(params["photo"])],
                    "caption": params.get("caption", "")}
        if method == "sendMediaGroup":
            return [{**self._send({**params, "text": ""}), "photo": [self._photo(
                params[m["media"].removeprefix("attach://")] if m["media"].startswith("attach://") else m["media"])]}
                for m in params["media"]]
        if method == "getChatMember":
            status = self.members.get((int(params["chat_id"]), int(params["user_id"])), "member")
            member = {"status": status, "user": self.user(int(params["user_id"]))}
            if status == "creator":
                member["is_anonymous"] = False
            elif status == "administrator":
                member.update(dict.fromkeys(ADMIN_RIGHTS, False), can_be_edited=False, is_anonymous=False)
            return member
        if method == "getFile":
            return {"file_id": params["file_id"], "file_unique_id": params["file_id"], "file_path": params["file_id"],
                    "file_size": len(self.files.get(params["file_id"], b""))}
        return True  # setMyCommands, answerCallbackQuery, answerInlineQuery, deleteWebhook, …

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        self.confirmed = max(self.confirmed, offset)  # the bot took in every update below this id
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        with self.cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self.stopping and time.monotonic() < deadline:
                self.cond.wait(deadline - time.monotonic())
            batch = list(self._updates[:100])
            self.delivered.update((u["update_id"], json.dumps(u)) for u in batch)
            return batch

    def _send(self, params: dict) -> dict:
        with self.cond:
            self._message_id += 1
            message_id = self._message_id
        chat_id = int(params["chat_id"])
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if params.get("message_thread_id"):
            message.update(message_thread_id=int(params["message_thread_id"]), is_topic_message=True)
        self.messages[(chat_id, message_id)] = message
        return message

    def _chat(self, chat_id: int) -> dict:
        return self._chats.get(chat_id) or {"id": chat_id, "type": "private", "first_name": "读者"}

    def _take_failure(self, method: str, chat_id=None):
        with self.cond:
            queue = self._failures.get(method) or []
            for i, failure in enumerate(queue):
                if failure[3] is None or chat_id is not None and int(chat_id) == failure[3]:
                    return queue.pop(i)[:3]
            return None

    # --- what tests do --------------------------------------------------------------------

    def fail_next(self, method: str, status: int, description: str = "", retry_after: int | None = None, times: int = 1,
                  chat_id: int | None = None) -> None:
        """Make the next `times` calls of a method (to one chat, if given) fail with this status."""
        with self.cond:
            self._failures.setdefault(method, []).extend(
                [(status, description or f"error {status}", retry_after, chat_id)] * times)

    def failures_left(self, method: str) -> int:
        """Give back how many injected failures of a method are still to come."""
        with self.cond:
            return len(self._failures.get(method, []))

    def push(self, kind: str, payload: dict) -> int:
        """Queue an update of a kind ("message", "callback_query", …); give back its id."""
        with self.cond:
            self._update_id += 1
            self._updates.append({"update_id": self._update_id, kind: payload})
            self.cond.notify_all()
            return self._update_id

    def user(self, user_id: int) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": f"读者{user_id}", "language_code": "zh-hans"}

    def message(self, text: str | None = None, chat_id: int = 1, user_id: int | None = None, chat_type: str = "private",
                reply_to: dict | None = None, kind: str = "message", **extra) -> dict:
        """Send a message to the bot as a user would; give back the message."""
        chat = {"id": chat_id, "type": chat_type}
        chat.update({"title": "测试群"} if chat_type != "private" else {"first_name": "读者"})
        self._chats[chat_id] = chat
        with self.cond:
            self._message_id += 1
            message_id = self._message_id
        message = {"message_id": message_id, "date": int(time.time()), "chat": chat,
                   "from": self.user(user_id or chat_id), **extra}
        if text is not None:
            message["text"] = text
            if entities(text):
                message["entities"] = entities(text)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if kind == "edited_message":
            message["edit_date"] = int(time.time())
        self.push(kind, message)
        return message

    def press(self, data: str, message: dict, user_id: int | None = None) -> str:
        """Press an inline button on one of the bot's messages; give back the callback id."""
        callback_id = f"cb{self._update_id + 1}"
        self.push("callback_query", {"id": callback_id, "from": self.user(user_id or message["chat"]["id"]),
                                     "chat_instance": "ci", "data": data, "message": message})
        return callback_id

    def inline(self, query: str, offset: str = "", user_id: int = 1) -> str:
        """Type `@bot query` in some chat; give back the inline query id."""
        query_id = f"iq{self._update_id + 1}"
        self.push("inline_query", {"id": query_id, "from": self.user(user_id), "query": query, "offset": offset})
        return query_id

    def delete(self, message: dict) -> None:
        """Delete a user's message, as its author can at any time."""
        with self.cond:
            self.deleted.add((message["chat"]["id"], message["message_id"]))

    def wait_for(self, method: str, match=lambda params: True, timeout: float = 15.0, since: int = 0) -> Call:
        """Give back the first call of `method` (from index `since`) that matches, waiting for it."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for call in self.calls[since:]:
                    if call.method == method and match(call.params):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(c.method, str(c.params)[:80]) for c in self.calls[since:]][-10:]
                    raise AssertionError(f"no {method} call matched within {timeout}s; last calls: {seen}")
                self.cond.wait(remaining)

    def wait_until(self, predicate, timeout: float = 15.0, what: str = "the condition") -> None:
        """Wait until predicate() holds: checked again at every call the bot makes, and at least
        every 50 ms for what changes without one (a reload, a failure used up)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{what} did not happen within {timeout}s")
                self.cond.wait(min(remaining, 0.05))

    def sent_to(self, chat_id: int, since: int = 0) -> list[dict]:
        """Give back what the bot sent to a chat (sendMessage params), in order."""
        with self.cond:
            return [c.params for c in self.calls[since:] if c.method == "sendMessage" and int(c.params["chat_id"]) == chat_id]

    def mark(self) -> int:
        """Give back a position in the call log, to wait for calls after it."""
        with self.cond:
            return len(self.calls)
