#!/usr/bin/env python3
"""Independent verifier for Terminvergabe lottery draws (algorithm tv-draw-1).

Written from docs/lottery.md alone; it shares no code with the project and needs only the
Python 3 standard library.

    python3 verify_draw.py record.json [--commitment HEX] [--entry-list-hash HEX]

--commitment and --entry-list-hash compare the record with the values you saw published
before the window opened and when it closed. Exit status: 0 all checks passed, 1 a check
failed (each failure is listed), 2 the record could not be read.
"""

import argparse
import hashlib
import hmac
import json
import re
import sys

ALGORITHM = "tv-draw-1"
ENTRY_CODE = re.compile(r"^[0-9A-Z-]{1,64}$")
CODE = re.compile(r"^[0-9A-Za-z_.-]{1,64}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
START = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
LOCAL_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
TIMES_OF_DAY = ("MORNING", "AFTERNOON", "EVENING")
MAX_LISTED = 10


class Report:
    def __init__(self):
        self.failures = []
        self.passed = []

    def check(self, ok, what, detail=""):
        if ok:
            self.passed.append(what)
        else:
            self.failures.append(what + (": " + detail if detail else ""))
        return ok

    def fail(self, what):
        self.failures.append(what)


def time_of_day(local_time):
    if local_time < "12:00":
        return "MORNING"
    if local_time < "17:00":
        return "AFTERNOON"
    return "EVENING"


def fits(preferences, slot):
    return (
        (not preferences["offices"] or slot["office"] in preferences["offices"])
        and (not preferences["weekdays"] or slot["weekday"] in preferences["weekdays"])
        and (not preferences["timesOfDay"] or time_of_day(slot["localTime"]) in preferences["timesOfDay"])
    )


def slot_key(slot):
    # start, then counter, then id; all ASCII, so Python's string order is bytewise order.
    return (slot["start"], slot["counter"], slot["id"])


def check_slots(record, report):
    slots = record.get("slots")
    if not isinstance(slots, list):
        report.fail("slots: missing or not a list")
        return None
    ids, places, bad = set(), set(), []
    for slot in slots:
        problem = None
        if not isinstance(slot, dict):
            problem = "not an object"
        elif not all(isinstance(slot.get(k), str) and CODE.match(slot[k]) for k in ("id", "office", "counter")):
            problem = "id, office or counter malformed"
        elif not isinstance(slot.get("start"), str) or not START.match(slot["start"]):
            problem = "start malformed"
        elif not isinstance(slot.get("weekday"), int) or isinstance(slot["weekday"], bool) or not 1 <= slot["weekday"] <= 7:
            problem = "weekday malformed"
        elif not isinstance(slot.get("localTime"), str) or not LOCAL_TIME.match(slot["localTime"]):
            problem = "localTime malformed"
        elif slot["id"] in ids or (slot["counter"], slot["start"]) in places:
            problem = "duplicate"
        if problem:
            bad.append("%s (%s)" % (slot.get("id") if isinstance(slot, dict) else slot, problem))
            continue
        ids.add(slot["id"])
        places.add((slot["counter"], slot["start"]))
    if not report.check(not bad, "slots well-formed and unique", ", ".join(bad[:MAX_LISTED])):
        return None
    return slots


def check_preferences(preferences):
    if not isinstance(preferences, dict):
        return False
    offices, weekdays, times = preferences.get("offices"), preferences.get("weekdays"), preferences.get("timesOfDay")
    if not (isinstance(offices, list) and isinstance(weekdays, list) and isinstance(times, list)):
        return False
    if not all(isinstance(o, str) and CODE.match(o) for o in offices):
        return False
    if not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in weekdays):
        return False
    return all(t in TIMES_OF_DAY for t in times)


def allocate(slots, entries_by_rank):
    """Random serial dictatorship; returns {entryCode: slot id or None}.

    Slots are grouped by what a preference can see (office, weekday, time of day); each group
    is taken strictly in slot order, so an entry's first fitting free slot is the smallest
    head among the groups it accepts.
    """
    ordered = sorted(slots, key=slot_key)
    groups = {}
    for position, slot in enumerate(ordered):
        key = (slot["office"], slot["weekday"], time_of_day(slot["localTime"]))
        groups.setdefault(key, []).append(position)
    group_list = [(key, members) for key, members in groups.items()]
    heads = [0] * len(group_list)
    accepted_cache = {}
    result = {}
    for entry in entries_by_rank:
        prefs = entry["preferences"]
        signature = (tuple(prefs["offices"]), tuple(prefs["weekdays"]), tuple(prefs["timesOfDay"]))
        accepted = accepted_cache.get(signature)
        if accepted is None:
            accepted = [
                i
                for i, ((office, weekday, tod), _) in enumerate(group_list)
                if (not prefs["offices"] or office in prefs["offices"])
                and (not prefs["weekdays"] or weekday in prefs["weekdays"])
                and (not prefs["timesOfDay"] or tod in prefs["timesOfDay"])
            ]
            accepted_cache[signature] = accepted
        best_group, best_position = None, None
        for i in accepted:
            members = group_list[i][1]
            if heads[i] < len(members) and (best_position is None or members[heads[i]] < best_position):
                best_group, best_position = i, members[heads[i]]
        if best_group is None:
            result[entry["entryCode"]] = None
        else:
            heads[best_group] += 1
            result[entry["entryCode"]] = ordered[best_position]["id"]
    return result


def verify(record, expected_commitment=None, expected_list_hash=None):
    report = Report()
    if not isinstance(record, dict):
        report.fail("record is not a JSON object")
        return report
    if not report.check(record.get("algorithm") == ALGORITHM, "algorithm is " + ALGORITHM, repr(record.get("algorithm"))):
        return report
    for field in ("commitment", "secret", "entryListHash", "drawSeed"):
        if not isinstance(record.get(field), str) or not HEX64.match(record[field]):
            report.fail("%s: not 64 lowercase hex digits" % field)
    beacon = record.get("beacon", "")
    if not isinstance(beacon, str):
        report.fail("beacon: not a string")
    if report.failures:
        return report

    secret = bytes.fromhex(record["secret"])
    report.check(hashlib.sha256(secret).hexdigest() == record["commitment"], "SHA-256(secret) = commitment")
    if expected_commitment is not None:
        report.check(record["commitment"] == expected_commitment.lower(), "commitment = the one published before the window", record["commitment"])

    entries = record.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        report.fail("entries: missing or not a list of objects")
        return report
    codes = [e.get("entryCode") for e in entries]
    bad_codes = [repr(c) for c in codes if not isinstance(c, str) or not ENTRY_CODE.match(c)]
    if not report.check(not bad_codes, "entry codes well-formed", ", ".join(bad_codes[:MAX_LISTED])):
        return report
    if not report.check(len(set(codes)) == len(codes), "entry codes unique"):
        return report
    entry_list = "".join(code + "\n" for code in sorted(codes)).encode("ascii")
    list_hash = hashlib.sha256(entry_list).digest()
    report.check(list_hash.hex() == record["entryListHash"], "SHA-256(entry list) = entryListHash (%d entries)" % len(codes))
    if expected_list_hash is not None:
        report.check(record["entryListHash"] == expected_list_hash.lower(), "entryListHash = the one published at the window's close")

    seed = hashlib.sha256(secret + list_hash + beacon.encode("utf-8")).digest()
    report.check(seed.hex() == record["drawSeed"], "drawSeed = SHA-256(secret || list hash || beacon)")

    tickets = {code: hmac.new(seed, code.encode("ascii"), hashlib.sha256).digest() for code in codes}
    ranked = sorted(codes, key=lambda code: (tickets[code], code))
    expected_rank = {code: i + 1 for i, code in enumerate(ranked)}
    wrong_ranks = ["%s: rank %r, expected %d" % (e["entryCode"], e.get("rank"), expected_rank[e["entryCode"]]) for e in entries if e.get("rank") != expected_rank[e["entryCode"]]]
    report.check(not wrong_ranks, "every rank follows from HMAC-SHA256(drawSeed, entry code)", "; ".join(wrong_ranks[:MAX_LISTED]) + (" (%d in all)" % len(wrong_ranks) if len(wrong_ranks) > MAX_LISTED else ""))
    wrong_tickets = [e["entryCode"] for e in entries if e.get("ticket") != tickets[e["entryCode"]].hex()]
    report.check(not wrong_tickets, "every published ticket matches", ", ".join(wrong_tickets[:MAX_LISTED]))

    slots = check_slots(record, report)
    bad_prefs = [e["entryCode"] for e in entries if not check_preferences(e.get("preferences"))]
    if not report.check(not bad_prefs, "preferences well-formed", ", ".join(bad_prefs[:MAX_LISTED])) or slots is None:
        return report
    by_code = {e["entryCode"]: e for e in entries}
    allocation = allocate(slots, [by_code[code] for code in ranked])
    wrong_slots = ["%s (rank %d): slot %r, expected %r" % (code, expected_rank[code], by_code[code].get("slot"), allocation[code]) for code in ranked if by_code[code].get("slot") != allocation[code]]
    report.check(not wrong_slots, "every allocation follows from the ranks (%d allocated, %d waitlisted)" % (sum(1 for v in allocation.values() if v), sum(1 for v in allocation.values() if v is None)), "; ".join(wrong_slots[:MAX_LISTED]))

    verify_move_ups(record, slots, by_code, expected_rank, allocation, report)
    return report


def verify_move_ups(record, slots, by_code, rank, allocation, report):
    move_ups = record.get("moveUps") or []
    left = record.get("leftPool") or []
    if not move_ups and not left:
        return
    slot_by_id = {s["id"]: s for s in slots}
    events = [(e.get("at", ""), 0, "left", e) for e in left] + [(e.get("at", ""), 1, "moveUp", e) for e in move_ups]
    events.sort(key=lambda event: (event[0], event[1]))
    waiting = {code for code, slot in allocation.items() if slot is None}
    problems = []
    for at, _, kind, event in events:
        code = event.get("entryCode")
        if kind == "left":
            if code not in waiting:
                problems.append("%s left the pool at %s but was not waiting" % (code, at))
            waiting.discard(code)
            continue
        slot = slot_by_id.get(event.get("slot"))
        if slot is None:
            problems.append("move-up at %s names unknown slot %r" % (at, event.get("slot")))
            continue
        if code not in waiting:
            problems.append("move-up at %s: %s was not waiting" % (at, code))
        elif not fits(by_code[code]["preferences"], slot):
            problems.append("move-up at %s: slot %s does not fit %s" % (at, slot["id"], code))
        else:
            better = [c for c in waiting if rank[c] < rank[code] and fits(by_code[c]["preferences"], slot)]
            if better:
                best = min(better, key=lambda c: rank[c])
                problems.append("move-up at %s: slot %s went to rank %d though rank %d (%s) was waiting and fits" % (at, slot["id"], rank[code], rank[best], best))
        waiting.discard(code)
    report.check(not problems, "every move-up went to the best-ranked waiting entry it fits (%d move-ups)" % len(move_ups), "; ".join(problems[:MAX_LISTED]))


def main(argv):
    parser = argparse.ArgumentParser(description="Verify a Terminvergabe draw record (tv-draw-1).")
    parser.add_argument("record", help="path of the record JSON, or - for standard input")
    parser.add_argument("--commitment", help="the commitment published before the application window opened")
    parser.add_argument("--entry-list-hash", help="the entry-list hash published when the window closed")
    args = parser.parse_args(argv)
    try:
        if args.record == "-":
            record = json.load(sys.stdin)
        else:
            with open(args.record, encoding="utf-8") as handle:
                record = json.load(handle)
    except (OSError, ValueError) as error:
        print("cannot read the record: %s" % error, file=sys.stderr)
        return 2
    report = verify(record, args.commitment, args.entry_list_hash)
    for line in report.passed:
        print("ok    " + line)
    for line in report.failures:
        print("FAIL  " + line)
    print("draw record verified" if not report.failures else "draw record does NOT verify (%d problems)" % len(report.failures))
    return 0 if not report.failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
