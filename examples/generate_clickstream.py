#!/usr/bin/env python3
"""Generates deterministic, realistic SaaS clickstream events as JSON Lines.

Many accounts of very different sizes, users whose activity is skewed (a few users produce most
events), several event names, some events without a user id, and timestamps spread over four weeks.
The output is a directory of part files, sized either by rows (--rows) or by bytes (--size-gb).
The same arguments always produce the same bytes.

    generate_clickstream.py --rows 1000000 --out data/events
    generate_clickstream.py --size-gb 2 --out data/events --files 16
"""
import argparse
import json
import os
import sys

import numpy as np

EVENT_NAMES = np.array(["page_view", "click", "search", "signup", "login", "logout",
                        "add_to_cart", "purchase", "share", "invite_sent"])
EVENT_WEIGHTS = np.array([40, 25, 10, 1, 8, 5, 5, 2, 2, 2], dtype=float)
PAGES = np.array(["/", "/pricing", "/docs", "/dashboard", "/settings", "/reports", "/billing",
                  "/team", "/integrations", "/search"])
BROWSERS = np.array(["chrome", "firefox", "safari", "edge"])
START_EPOCH = 1709251200  # 2024-03-01T00:00:00Z
SPAN_SECONDS = 28 * 24 * 3600
CHUNK_ROWS = 200_000
AVERAGE_LINE_BYTES = 184  # measured on this generator's output; used to size by bytes


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--rows", type=int, help="number of events")
    size.add_argument("--size-gb", type=float, help="approximate output size in GB")
    parser.add_argument("--out", required=True, help="output directory (replaced)")
    parser.add_argument("--files", type=int, default=4, help="number of part files")
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--users", type=int, default=200_000)
    parser.add_argument("--null-user-fraction", type=float, default=0.02)
    parser.add_argument("--bad-line-fraction", type=float, default=0.0,
                        help="fraction of malformed or mistyped lines (for error-handling tests)")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def user_accounts(users, accounts, rng):
    """Each user belongs to one account; account sizes follow a heavy-tailed distribution."""
    weights = rng.pareto(1.2, accounts) + 0.05
    return rng.choice(accounts, size=users, p=weights / weights.sum())


def user_activity(users):
    """Zipf-Mandelbrot weights: a few hundred users are very active, most users rarely are."""
    ranks = np.arange(users, dtype=float)
    weights = 1.0 / (ranks + 20.0) ** 1.1
    return np.cumsum(weights / weights.sum())


def chunk_lines(rng, rows, args, account_of_user, activity):
    ranks = np.minimum(np.searchsorted(activity, rng.random(rows)), args.users - 1)
    users = (ranks * 2654435761) % args.users  # spread the heavy users over the id space
    accounts = account_of_user[users]
    events = rng.choice(EVENT_NAMES, size=rows, p=EVENT_WEIGHTS / EVENT_WEIGHTS.sum())
    times = START_EPOCH + rng.integers(0, SPAN_SECONDS, rows)
    pages = rng.choice(PAGES, size=rows)
    browsers = rng.choice(BROWSERS, size=rows)
    sessions = rng.integers(0, 1 << 40, rows)
    null_user = rng.random(rows) < args.null_user_fraction
    bad = rng.random(rows) < args.bad_line_fraction if args.bad_line_fraction > 0 else None
    lines = []
    for i in range(rows):
        user = "null" if null_user[i] else '"u_%06d"' % users[i]
        line = ('{"user_id":%s,"account_id":"acc_%05d","event_name":"%s","timestamp":%d,'
                '"session_id":"s_%010x","page":"%s","props":{"browser":"%s","referrer":null}}'
                % (user, accounts[i], events[i], times[i], sessions[i], pages[i], browsers[i]))
        if bad is not None and bad[i]:
            line = corrupt(line, i)
        lines.append(line)
    return lines


def corrupt(line, i):
    """Three kinds of bad input: truncated JSON, a mistyped field, and non-JSON text."""
    kind = i % 3
    if kind == 0:
        return line[: len(line) // 2]
    if kind == 1:
        return line.replace('"timestamp":', '"timestamp":"not a number",  "x":', 1)
    return "garbage line %d" % i


def main(argv):
    args = parse_args(argv)
    rows = args.rows if args.rows is not None else int(args.size_gb * 1e9 / AVERAGE_LINE_BYTES)
    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        os.remove(os.path.join(args.out, name))
    account_of_user = user_accounts(args.users, args.accounts, np.random.default_rng(args.seed))
    activity = user_activity(args.users)
    files = max(1, min(args.files, rows))
    written = 0
    for f in range(files):
        file_rows = rows // files + (1 if f < rows % files else 0)
        path = os.path.join(args.out, "events-%05d.json" % f)
        with open(path, "w") as out:
            done = 0
            while done < file_rows:
                n = min(CHUNK_ROWS, file_rows - done)
                rng = np.random.default_rng([args.seed, f, done])
                out.write("\n".join(chunk_lines(rng, n, args, account_of_user, activity)))
                out.write("\n")
                done += n
        written += file_rows
    print(json.dumps({"rows": written, "files": files, "out": args.out}))


if __name__ == "__main__":
    main(sys.argv[1:])
