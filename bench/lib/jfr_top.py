"""Summarises the CPU samples of a flight recording: where the request threads spend their time.

usage: jfr print --stack-depth 96 --events jdk.ExecutionSample REC.jfr | python3 jfr_top.py [TOP]
Prints, per area (JWT verification, JSON, AWS SDK, tracing, logging, ...), the share of samples whose stack passes
through it (inclusive) and the share whose innermost known frame is in it, then the hottest methods by self samples.
"""
import collections
import re
import sys

AREAS = [
    ("jwt", ("com.nimbusds.", "org.springframework.security.oauth2")),
    ("security filters", ("org.springframework.security.",)),
    ("aws sdk: signing", ("software.amazon.awssdk.auth.", "software.amazon.awssdk.http.auth.")),
    ("aws sdk: dynamodb enhanced", ("software.amazon.awssdk.enhanced.",)),
    ("aws sdk: http client", ("software.amazon.awssdk.http.apache", "org.apache.http.", "software.amazon.awssdk.http.urlconnection")),
    ("aws sdk: other", ("software.amazon.awssdk.",)),
    ("json", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("tracing", ("brave.", "io.micrometer.tracing.", "zipkin2.", "io.micrometer.observation.")),
    ("metrics", ("io.micrometer.core.", "io.micrometer.prometheus")),
    ("logging", ("ch.qos.logback.", "net.logstash.", "org.slf4j.")),
    ("framesmith", ("dev.framesmith.",)),
    ("spring mvc", ("org.springframework.web.", "org.springframework.http.")),
    ("tomcat", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
    ("gc/jvm", ("jdk.internal.", "java.lang.invoke.")),
]


def area(frame):
    for name, prefixes in AREAS:
        if frame.startswith(prefixes):
            return name
    return None


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    samples = []
    stack = None
    thread = ""
    for line in sys.stdin:
        line = line.strip()
        if line.startswith("sampledThread"):
            thread = line
        elif line.startswith("stackTrace = ["):
            stack = []
        elif stack is not None:
            if line.startswith("]"):
                samples.append((thread, stack))
                stack = None
            elif line and not line.startswith("..."):
                stack.append(re.sub(r"\s+line:.*$", "", line))
    requests = [s for t, s in samples if "http-nio" in t or "exec-" in t]
    print(f"{len(samples)} samples, {len(requests)} on request threads")
    inclusive = collections.Counter()
    innermost = collections.Counter()
    self_time = collections.Counter()
    for stack in requests:
        seen = {area(f) for f in stack} - {None}
        inclusive.update(seen)
        inner = next((area(f) for f in stack if area(f)), "other")
        innermost[inner] += 1
        if stack:
            self_time[stack[0]] += 1
    n = max(1, len(requests))
    print(f"{'area':28} {'inclusive':>9} {'innermost':>9}")
    for name, _ in AREAS:
        print(f"{name:28} {100 * inclusive[name] / n:8.1f}% {100 * innermost[name] / n:8.1f}%")
    print(f"{'other':28} {'':9} {100 * innermost['other'] / n:8.1f}%")
    print("\nhottest methods (self samples on request threads):")
    for frame, count in self_time.most_common(top):
        print(f"{100 * count / n:6.1f}%  {frame}")


main()
