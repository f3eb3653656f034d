"""A local S3-compatible server for tests: npm's s3rver (tools/node), bound to 127.0.0.1 on a free
port, storing its objects in a temporary directory, stopped by the test that started it. boto3
(Debian's python3-boto3) is the independent client that puts inputs and checks outputs."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
S3RVER = os.path.join(ROOT, "tools", "node", "s3rver_atomic.js")  # s3rver with atomic PUTs
ACCESS_KEY = "S3RVER"  # s3rver's built-in account
SECRET_KEY = "S3RVER"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3Server:
    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="ember-s3rver-")
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        # Service endpoint "localhost": virtual-host requests arrive as <bucket>.s3.localhost.
        # The legacy OpenSSL provider gives s3rver the DES cipher of its continuation tokens.
        self.process = subprocess.Popen(
            ["node", "--openssl-legacy-provider", S3RVER, self.directory, "127.0.0.1", str(self.port), "localhost"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.process.poll() is not None or time.time() > deadline:
                    self.stop()
                    raise RuntimeError("s3rver did not start")
                time.sleep(0.1)
        import boto3
        from botocore.config import Config
        self.client = boto3.client(
            "s3", endpoint_url=self.endpoint, aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY, region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def make_bucket(self, name):
        self.client.create_bucket(Bucket=name)

    def put(self, bucket, key, data):
        self.client.put_object(Bucket=bucket, Key=key, Body=data if isinstance(data, bytes) else data.encode())

    def get(self, bucket, key):
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def keys(self, bucket, prefix=""):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def committed_keys(self, bucket, prefix):
        """The data files a committed Ember write made visible: those its manifest names."""
        manifest = self.get(bucket, prefix + "_ember_manifest").decode().splitlines()
        assert manifest[0] == "ember-manifest 1"
        return sorted(prefix + name for name in manifest[1:])

    def environment(self):
        """AWS environment variables pointing at this server."""
        return {"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                "AWS_ENDPOINT_URL": self.endpoint, "AWS_REGION": "us-east-1"}


class RecordingProxy:
    """An HTTP proxy in front of the server that records each request (method, path, query), checks
    its SigV4 signature with botocore (s3rver does not check V4 signatures itself), and answers the
    next `failures_left` requests with 503 SlowDown to exercise retries."""

    def __init__(self, server):
        import http.server
        import threading
        import urllib.request
        self.requests = []
        self.headers = []  # the header names of each request
        self.bad_signatures = []
        self.failures_left = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                proxy.requests.append((self.command, self.path))
                proxy.headers.append(set(self.headers.keys()))
                if not proxy.signature_matches(self.command, self.path, self.headers, body):
                    proxy.bad_signatures.append((self.command, self.path))
                if proxy.failures_left > 0:
                    proxy.failures_left -= 1
                    payload = b"<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>"
                    self.send_response(503)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                    return
                forward = urllib.request.Request(server.endpoint + self.path, data=body or None,
                                                 method=self.command)
                for name, value in self.headers.items():
                    if name.lower() not in ("host", "content-length"):
                        forward.add_header(name, value)
                try:
                    response = urllib.request.urlopen(forward)
                except urllib.error.HTTPError as error:
                    response = error
                payload = response.read()
                self.send_response(response.status)
                for name, value in response.headers.items():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(name, value)
                length = response.headers.get("Content-Length") if self.command == "HEAD" else None
                self.send_header("Content-Length", length or str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_any

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def signature_matches(self, method, path, headers, body):
        import datetime
        from unittest import mock
        from botocore.auth import S3SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        authorization = headers.get("Authorization", "")
        if not authorization:
            return True  # unsigned (anonymous) requests
        signed = [h for h in authorization.split("SignedHeaders=")[1].split(",")[0].split(";")]
        request = AWSRequest(method=method, url="http://" + headers["Host"] + path, data=body,
                             headers={h: headers[h] for h in signed if h != "host"})
        when = datetime.datetime.strptime(headers["x-amz-date"], "%Y%m%dT%H%M%SZ")
        with mock.patch("botocore.auth.datetime") as clock:
            clock.datetime.utcnow.return_value = when
            clock.datetime.now.return_value = when
            S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "s3", "us-east-1").add_auth(request)
        return request.headers["Authorization"] == authorization

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
