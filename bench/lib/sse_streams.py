"""Holds server-sent event streams open for a while and counts what they receive.

usage: sse_streams.py HOST PORT SECONDS STREAMS_FILE
STREAMS_FILE has one line per user: "<label> <access token> <number of streams>". Prints one JSON object:
streams opened, refused (status other than 200), video events and heartbeats received, per label.
"""
import asyncio
import json
import sys


async def hold(host, port, token, seconds, tally):
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        tally["failed"] += 1
        return
    writer.write((f"GET /videos/events?access_token={token} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                  "Accept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        tally["refused"] += 1
        writer.close()
        return
    tally["opened"] += 1
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    try:
        while True:
            left = end - loop.time()
            if left <= 0:
                break
            line = await asyncio.wait_for(reader.readline(), timeout=left)
            if not line:
                tally["closed_early"] += 1
                break
            if line.startswith(b"event:video"):
                tally["events"] += 1
            elif line.startswith(b":heartbeat"):
                tally["heartbeats"] += 1
    except asyncio.TimeoutError:
        pass
    writer.close()


async def main():
    host, port, seconds, path = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    tallies = {}
    tasks = []
    with open(path) as users:
        for line in users:
            label, token, count = line.split()
            tally = tallies.setdefault(label, dict(opened=0, refused=0, failed=0, closed_early=0, events=0,
                                                   heartbeats=0))
            for _ in range(int(count)):
                tasks.append(asyncio.create_task(hold(host, port, token, seconds, tally)))
                await asyncio.sleep(0.01)
    await asyncio.gather(*tasks)
    total = {key: sum(t[key] for t in tallies.values()) for key in next(iter(tallies.values()))}
    print(json.dumps({"total": total, "by_user": tallies}))


asyncio.run(main())
