#!/usr/bin/env python3
"""Times a grid worker's Tasklist in real headless Chromium (zh-CN): login, then open and reload until the first
task card of 本网格待办 is on screen; screenshots. Usage: tasklist_timing.py <base-url> <user> <out-prefix> [reloads]"""
import json, sys, time, urllib.request, subprocess, os, base64

BASE, USER, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
RELOADS = int(sys.argv[4]) if len(sys.argv) > 4 else 5
DRIVER = "http://127.0.0.1:9515"
EL = "element-6066-11e4-a52e-4f735466cecf"

def call(method, path, body=None):
    req = urllib.request.Request(DRIVER + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())["value"]

drv = subprocess.Popen(["chromedriver", "--port=9515"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.5)
try:
    caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
        "binary": "/usr/bin/chromium",
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--lang=zh-CN"],
        "prefs": {"intl.accept_languages": "zh-CN"}}}}}
    sid = call("POST", "/session", caps)["sessionId"]
    s = "/session/" + sid
    def js(script, *args):
        return call("POST", s + "/execute/sync", {"script": script, "args": list(args)})
    def wait_for(script, timeout=60):
        t = time.time()
        while time.time() - t < timeout:
            if js(script):
                return time.time() - t
            time.sleep(0.02)
        raise RuntimeError("timeout: " + script)
    def shot(name):
        png = call("GET", s + "/screenshot")
        open(OUT + "-" + name + ".png", "wb").write(base64.b64decode(png))
    call("POST", s + "/url", {"url": BASE + "/camunda/app/tasklist/default/"})
    wait_for("return !!document.querySelector('input[placeholder=\"用户名\"]')")
    for ph, val in (("用户名", USER), ("密码", "demo")):
        e = call("POST", s + "/element", {"using": "css selector", "value": "input[placeholder='%s']" % ph})[EL]
        call("POST", s + "/element/%s/value" % e, {"text": val})
    b = call("POST", s + "/element", {"using": "css selector", "value": "button[type='submit']"})[EL]
    started = time.time()
    call("POST", s + "/element/%s/click" % b, {})
    ready = "return document.querySelectorAll('.tasks-list li.task').length > 0"
    wait_for(ready)
    first = time.time() - started
    shot("after-login")
    times = []
    for i in range(RELOADS):
        started = time.time()
        call("POST", s + "/refresh", {})
        wait_for(ready)
        times.append(time.time() - started)
    shot("reloaded")
    nav = js("var t=performance.getEntriesByType('navigation')[0];return t?Math.round(t.loadEventEnd):null")
    filt = js("var a=document.querySelector('.filters .active, .filter.active');return a?a.innerText:''")
    cards = js("return document.querySelectorAll('.tasks-list li.task').length")
    times.sort()
    print(json.dumps({"user": USER, "afterLoginSeconds": round(first, 3),
                      "reloadSeconds": [round(t, 3) for t in times],
                      "reloadMedian": round(times[len(times) // 2], 3), "loadEventEndMs": nav,
                      "activeFilter": filt, "cards": cards}, ensure_ascii=False))
    call("DELETE", s)
finally:
    drv.terminate()
