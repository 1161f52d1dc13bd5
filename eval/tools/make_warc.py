"""Wrap one HTML file as a WARC: a request record plus a response record.

Usage:
    python eval/tools/make_warc.py SRC.html OUT.warc.gz --url URL --date ISO

ISO is the capture date (2024-05-14 or 2024-05-14T08:30:00Z). The response record carries
the HTML bytes unchanged with an HTTP 200 header (text/html; charset=utf-8).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

__all__ = ["make_warc", "main"]


def _warc_date(iso: str) -> str:
    """Normalise a date or datetime to the WARC-Date form YYYY-MM-DDThh:mm:ssZ."""
    text = iso.strip().replace("Z", "+00:00")
    moment = datetime.fromisoformat(text if "T" in text else text + "T08:00:00+00:00")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_warc(src: Path, out: Path, url: str, date: str) -> None:
    """Write OUT (gzip-compressed per record) holding a request and a response for URL."""
    body = src.read_bytes()
    warc_date = _warc_date(date)
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    with out.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        request_headers = StatusAndHeaders(
            f"GET {path} HTTP/1.1",
            [("Host", parts.netloc), ("User-Agent", "recoupe-eval/1.0"), ("Accept", "text/html")],
            is_http_request=True,
        )
        request = writer.create_warc_record(
            url, "request", payload=BytesIO(b""), http_headers=request_headers,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        response_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        response = writer.create_warc_record(
            url, "response", payload=BytesIO(body), http_headers=response_headers,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(request)
        writer.write_record(response)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="the HTML file to wrap")
    parser.add_argument("out", type=Path, help="the .warc.gz to write")
    parser.add_argument("--url", required=True, help="target URL of the captured page")
    parser.add_argument("--date", required=True, help="capture date, ISO 8601")
    args = parser.parse_args(argv)
    make_warc(args.src, args.out, args.url, args.date)
    return 0


if __name__ == "__main__":
    sys.exit(main())
