"""Runs the hub's user name rules (hub-image/hubwizard_hub/usernames.py) for UserNamesAgreementTest.

Reads JSON lines from standard input: a string is a name, answered with [normalise(name), problem(name)];
{"file": text} is a names file, answered with parse_lines(text). Prints one JSON line per input line.
Needs nothing but Python 3 and hub-image/ on PYTHONPATH.
"""
import json
import sys

from hubwizard_hub import usernames

for line in sys.stdin:
    request = json.loads(line)
    if isinstance(request, dict):
        answer = usernames.parse_lines(request["file"])
    else:
        answer = [usernames.normalise(request), usernames.problem(request)]
    print(json.dumps(answer))
