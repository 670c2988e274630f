"""What HTTP asks of every resource and FastAPI's routes do not give by themselves: HEAD
wherever GET is answered, validators so that a client asking again can be told 304, and a limit
on the size of a request body that is not an upload."""

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from innosearch.api.errors import error_response


class HeadAsGet:
    """ASGI middleware: HEAD on any resource that answers GET, with GET's status and headers.

    FastAPI's routes answer only the methods they name, while HTTP asks every GET resource to
    answer HEAD (RFC 9110 §9.3.2): link checkers, feed readers and monitors ask with it.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def _matches(if_none_match: str, etag: str) -> bool:
    """If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" matches "x"."""
    sent = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in sent or etag in sent


class ConditionalGet:
    """ASGI middleware: a successful GET under /api/ carries an ETag of its body and
    `Cache-Control: no-cache`; asked again with that ETag in If-None-Match, it is a 304.

    Every ingest may change any answer, so a cache must always ask (no-cache); what an answer
    saves is its body: a feed reader polling the Atom feed, a page going back to a page of
    results. The ETag is the body's hash, so it changes exactly when the answer does.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        if_none_match = Headers(scope=scope).get("if-none-match", "")
        start: Message = {}
        body = bytearray()

        async def validated(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] == 200:
                start = message  # sent with the whole body, once its hash is known
                return
            if not start or message["type"] != "http.response.body":
                await send(message)
                return
            body.extend(message.get("body", b""))
            if not message.get("more_body", False):
                await _send_validated(send, start, bytes(body), if_none_match)

        await self.app(scope, receive, validated)


async def _send_validated(send: Send, start: Message, body: bytes, if_none_match: str) -> None:
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    headers = MutableHeaders(scope=start)
    headers["ETag"] = etag
    headers.setdefault("Cache-Control", "no-cache")
    if if_none_match and _matches(if_none_match, etag):
        # A 304 has no body, so nothing that describes one (RFC 9110 §15.4.5).
        for name in ("content-length", "content-type"):
            del headers[name]
        await send({**start, "status": 304})
        await send({"type": "http.response.body", "body": b""})
        return
    await send(start)
    await send({"type": "http.response.body", "body": body})


# A followed challenge is a question of at most INNOSEARCH_MAX_QUERY_CHARS and a few filters;
# uploads (multipart) have their own limit, INNOSEARCH_MAX_UPLOAD_BYTES.
JSON_BODY_LIMIT = 64 * 1024


class BodyLimit:
    """ASGI middleware: a body that is not an upload is read whole, and refused with 413 in the
    one error shape when it is over JSON_BODY_LIMIT. Before, a 30 MB body was parsed and kept."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("POST", "PUT", "PATCH")
            or Headers(scope=scope).get("content-type", "").startswith("multipart/")
        ):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more and len(body) <= JSON_BODY_LIMIT:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # the client went away: nothing to limit
                return
            body.extend(message.get("body", b""))
            more = message.get("more_body", False)
        if len(body) > JSON_BODY_LIMIT:
            refusal = error_response(
                413,
                "body_too_large",
                f"Forespørgslens indhold er over {JSON_BODY_LIMIT // 1024} KB; "
                "en fulgt udfordring fylder langt mindre.",
            )
            await refusal(scope, receive, send)
            return
        replayed = False

        async def once() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, once, send)
