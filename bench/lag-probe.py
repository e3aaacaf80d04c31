# Command accepted -> visible in the views, sampled while the load generator runs: a probe sends a message,
# then asks for the conversation with minSequence = its sequence; the wait ends when the views have it.
import http.client, json, time, uuid, sys
conn = http.client.HTTPConnection("127.0.0.1", 8099)
def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    r = conn.getresponse(); data = r.read(); return r.status, (json.loads(data) if data else None), r.getheader("Parley-Consistency")
_, t, _ = call("POST", "/v1/dev/tokens", {"userId": "prober"}); token = t["token"]
cid = "probe-" + uuid.uuid4().hex[:8]
call("POST", "/v1/conversations", {"conversationId": cid}, token)
lags = []; pending = 0
end = time.time() + float(sys.argv[1])
while time.time() < end:
    s, b, _ = call("POST", f"/v1/conversations/{cid}/messages", {"text": "probe"}, token)
    t0 = time.perf_counter()
    s, b, h = call("GET", f"/v1/conversations/{cid}?minSequence={b['sequence']}", token=token)
    lags.append((time.perf_counter() - t0) * 1000); pending += 1 if h else 0
    time.sleep(0.2)
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]
print(f"accepted -> in the views: {len(lags)} probes, p50 {q(lags,.5):.1f} ms, p99 {q(lags,.99):.1f} ms, max {max(lags):.1f} ms, pending {pending}")
