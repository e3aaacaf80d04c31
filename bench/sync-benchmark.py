# /v1/sync latency for a user in 1,000 conversations (http.client, one keep-alive connection).
import http.client, json, time, uuid, statistics
conn = http.client.HTTPConnection("127.0.0.1", 8099)
def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    r = conn.getresponse(); data = r.read()
    return r.status, (json.loads(data) if data else None)
user = "heavy-" + uuid.uuid4().hex[:8]
_, t = call("POST", "/v1/dev/tokens", {"userId": user}); token = t["token"]
_, o = call("POST", "/v1/dev/tokens", {"userId": "owner"}); owner = o["token"]
for i in range(1000):
    call("POST", "/v1/conversations", {"conversationId": f"{user}-c{i}", "participants": [{"userId": user}]}, owner)
    call("POST", f"/v1/conversations/{user}-c{i}/messages", {"text": f"hello {i}"}, owner)
# wait until the views hold all 1,000
deadline = time.time() + 120
while time.time() < deadline:
    _, page = call("GET", "/v1/sync?limit=100", token=token)
    n = 0; cursor = None; body = page
    while True:
        n += len(body["conversations"])
        if not body["hasMore"]: break
        _, body = call("GET", "/v1/sync?limit=100&since=" + body["cursor"], token=token)
    if n == 1000: break
    time.sleep(0.5)
def full_sync():
    t0 = time.perf_counter(); count = 0
    _, body = call("GET", "/v1/sync?limit=100", token=token)
    while True:
        count += len(body["conversations"])
        if not body["hasMore"]: break
        _, body = call("GET", "/v1/sync?limit=100&since=" + body["cursor"], token=token)
    return (time.perf_counter() - t0) * 1000, count, body["cursor"]
samples = []
for _ in range(20):
    ms, count, cursor = full_sync(); samples.append(ms)
assert count == 1000, count
inc = []
for _ in range(50):
    t0 = time.perf_counter(); s, b = call("GET", "/v1/sync?since=" + cursor, token=token); inc.append((time.perf_counter() - t0) * 1000)
inbox = []
for _ in range(50):
    t0 = time.perf_counter(); s, b = call("GET", "/v1/users/me/conversations", token=token); inbox.append((time.perf_counter() - t0) * 1000)
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]
print(f"initial sync of 1,000 conversations (10 pages of 100): p50 {q(samples,.5):.0f} ms, max {max(samples):.0f} ms over {len(samples)} runs")
print(f"incremental sync, nothing changed: p50 {q(inc,.5):.1f} ms, p99 {q(inc,.99):.1f} ms")
print(f"inbox first page (30): p50 {q(inbox,.5):.1f} ms, p99 {q(inbox,.99):.1f} ms")
