#!/usr/bin/env python3
"""After every build (a Trunk post_build hook): seals the app shell the build produced.

1. index.html gets a Content-Security-Policy that allows the app's own files and, by hash, only
   the inline loader Trunk writes; WebAssembly needs 'wasm-unsafe-eval', nothing needs eval.
2. sw.js learns every file of the build and a version made from a hash of their final bytes, so
   that any change to any shell file is a new service worker, which the browser then offers as an
   update.

Trunk runs it with TRUNK_STAGING_DIR set; by hand: `python3 scripts/pwa_hook.py DIR` (the update
test re-seals a changed copy of dist/ this way). Running it twice gives the same files.
"""
import base64
import hashlib
import json
import os
import re
import sys

SERVICE_WORKER = "sw.js"
CSP_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.IGNORECASE)
CHARSET_META = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def policy(script_hashes):
    scripts = " ".join(f"'sha256-{h}'" for h in script_hashes)
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {scripts}".strip(),
        "style-src 'self'",
        # A company logo is kept as a data: URL; downloads are handed over as blob: URLs.
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def seal_index(path):
    with open(path, encoding="utf-8") as f:
        html = CSP_META.sub("", f.read())
    hashes = [
        base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        for body in INLINE_SCRIPT.findall(html)
    ]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    html, found = CHARSET_META.subn(lambda m: m.group(0) + "\n    " + meta, html, count=1)
    if not found:
        sys.exit("pwa_hook: index.html has no <meta charset=\"utf-8\"> to put the policy after")
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)


def shell_files(root):
    files = []
    for folder, _, names in os.walk(root):
        for name in names:
            relative = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            if relative != SERVICE_WORKER:
                files.append(relative)
    return sorted(files)


def seal_service_worker(root, public_url):
    files = shell_files(root)
    digest = hashlib.sha256()
    for relative in files:
        digest.update(relative.encode("utf-8") + b"\0")
        with open(os.path.join(root, relative), "rb") as f:
            digest.update(hashlib.sha256(f.read()).digest())
    version = digest.hexdigest()[:16]
    urls = [public_url + relative for relative in files]
    path = os.path.join(root, SERVICE_WORKER)
    with open(path, encoding="utf-8") as f:
        source = f.read()
    source, versions = re.subn(r"^const VERSION = .*;$", f"const VERSION = '{version}';", source, flags=re.M)
    source, shells = re.subn(r"^const SHELL = .*;$", "const SHELL = " + json.dumps(urls) + ";", source, flags=re.M)
    if versions != 1 or shells != 1:
        sys.exit("pwa_hook: sw.js lacks its `const VERSION = ...;` or `const SHELL = ...;` line")
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    return version


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR")
    if not root:
        sys.exit("usage: pwa_hook.py DIR (or run by Trunk, which sets TRUNK_STAGING_DIR)")
    public_url = os.environ.get("TRUNK_PUBLIC_URL", "/")
    if not public_url.endswith("/"):
        public_url += "/"
    seal_index(os.path.join(root, "index.html"))
    version = seal_service_worker(root, public_url)
    print(f"pwa_hook: shell version {version}")


if __name__ == "__main__":
    main()
