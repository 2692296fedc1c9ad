"""Renders the differential cases with Python's Jinja2, as the reference apitpl's renderer is compared with.

Reads the cases, one JSON object a line ({"id", "t": template, "p": params, "m": mode}), on stdin, and prints one JSON object mapping each
id to {"out": text} or {"error": "ExceptionType: message"}. Parameters are read as Lambda handlers built on
boto3 read numbers: integers as int, decimals as decimal.Decimal (exact). A "leaf" case is one expression whose
value a typed JSON body leaf carries, so it is rendered through Jinja2's tojson.
"""
import decimal
import json
import sys

import jinja2
from jinja2.sandbox import SandboxedEnvironment


def json_default(value):
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def main():
    cases = [json.loads(line, parse_float=decimal.Decimal) for line in sys.stdin if line.strip()]
    env = SandboxedEnvironment()
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": json_default}
    results = {}
    for case in cases:
        source = case["t"]
        if case.get("m") == "leaf":
            source = "{{ (" + source + ") | tojson }}"
        params = case.get("p", {})
        try:
            results[case["id"]] = {"out": env.from_string(source).render(**params)}
        except Exception as error:  # every failure is a result to compare, not a crash of the harness
            results[case["id"]] = {"error": f"{type(error).__name__}: {error}"}
    sys.stdout.write(json.dumps({"jinja2": jinja2.__version__, "results": results}))


if __name__ == "__main__":
    main()
