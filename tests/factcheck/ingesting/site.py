"""A local web site for fetching tests: serves the pages it is given and counts the requests."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    """`pages`: {path: (status, headers dict, body bytes)}. Requests are kept as (path, headers).
    A page whose headers carry an ETag answers 304 to a request that sends it back."""

    def __init__(self, pages=None):
        self.pages = dict(pages or {})
        self.requests = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                status, headers, body = site.pages.get(self.path, (404, {}, b"not found"))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path):
        return self.root + path

    def serve(self, path, body, content_type="text/html; charset=utf-8", status=200, **headers):
        self.pages[path] = (status, {"Content-Type": content_type, **headers},
                            body.encode("utf-8") if isinstance(body, str) else body)
        return self.url(path)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def article_page(title, paragraphs, *, published="2026-11-03T08:00:00+01:00", author="Jeanne Dupont",
                 canonical=""):
    """An article page as news sites build them: menu, headline, text, footer, metadata."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title} | Le Quotidien'
            f'</title>{link}<meta name="author" content="{author}">'
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f'<nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav>'
            f'<article><h1>{title}</h1>{body}</article>'
            f'<footer>Tous droits réservés. Abonnez-vous à notre lettre.</footer></body></html>')
