#!/usr/bin/python3
"""Reference side of `npm run crosscheck`: reads EVTX files with python-evtx (Debian
python3-evtx, module `Evtx`) and prints one JSON object per record on stdout:
  {"file", "recordId", "eventId", "computer", "channel", "timeCreated", "data": [[key, value], ...]}
and {"file", "error": "..."} wherever python-evtx fails on a record or a chunk.
Data keys follow runhunt's rule: <Data Name=..> pairs, unnamed Data as Data, Data1, ...;
UserData leaf elements by name. Values are python-evtx's text, normalised by the caller.
"""
import json
import subprocess
import re
import sys
import xml.etree.ElementTree as ET

import Evtx.Evtx as evtx


def local(tag):
    return tag.rsplit('}', 1)[-1]


def add(pairs, seen, key, value):
    k = key
    if k in seen:
        i = 1
        while key + str(i) in seen:
            i += 1
        k = key + str(i)
    seen.add(k)
    pairs.append([k, value])


ARRAY = re.compile(r'^(?:<string>.*?</string>\n)+$', re.S)


def add_value(pairs, seen, key, text):
    # python-evtx writes string arrays as '<string>a</string>\n<string>b</string>\n' text;
    # Windows (and runhunt) repeat the element once per item instead.
    if ARRAY.match(text):
        for item in re.findall(r'<string>(.*?)</string>\n', text, re.S):
            add(pairs, seen, key, item)
    else:
        add(pairs, seen, key, text)


def leaves(el, pairs, seen):
    kids = list(el)
    if not kids:
        add_value(pairs, seen, local(el.tag), el.text or '')
    for k in kids:
        leaves(k, pairs, seen)


def record_json(path, rec):
    return event_json(path, ET.fromstring(rec.xml()), rec.record_num())


def event_json(path, root, record_id):
    out = {'file': path, 'recordId': record_id}
    data, seen = [], set()
    for sec in root:
        name = local(sec.tag)
        if name == 'System':
            for f in sec:
                n = local(f.tag)
                if n == 'EventID':
                    out['eventId'] = int(f.text or 0) & 0xFFFF
                elif n == 'Computer':
                    out['computer'] = f.text or ''
                elif n == 'Channel':
                    out['channel'] = f.text or ''
                elif n == 'TimeCreated':
                    out['timeCreated'] = f.get('SystemTime', '')
                elif n == 'EventRecordID':
                    out['recordId'] = int(f.text)
        elif name == 'EventData':
            for d in sec:
                key = d.get('Name') if local(d.tag) == 'Data' else local(d.tag)
                add_value(data, seen, key or 'Data', d.text or '')
        elif name == 'UserData':
            for k in sec:
                leaves(k, data, seen)
    out['data'] = data
    return out


def evtxexport(path):
    """Same records as read by libevtx (`evtxexport -f xml`), the second opinion."""
    text = subprocess.run(['evtxexport', '-f', 'xml', path], capture_output=True,
                          text=True, errors='replace').stdout
    for block in re.findall(r'<Event xmlns=.*?</Event>', text, re.S):
        try:
            print(json.dumps(event_json(path, ET.fromstring(block), None)))
        except Exception as e:  # noqa: BLE001
            print(json.dumps({'file': path, 'error': 'evtxexport record: %s' % e}))


def main():
    if sys.argv[1:2] == ['--evtxexport']:
        for path in sys.argv[2:]:
            evtxexport(path)
        return
    for path in sys.argv[1:]:
        try:
            with evtx.Evtx(path) as log:
                for chunk in log.chunks():
                    try:
                        for rec in chunk.records():
                            try:
                                line = record_json(path, rec)
                            except Exception as e:  # noqa: BLE001 - report and go on
                                line = {'file': path, 'error': 'record: %s' % e}
                            print(json.dumps(line))
                    except Exception as e:  # noqa: BLE001
                        print(json.dumps({'file': path, 'error': 'chunk: %s' % e}))
        except Exception as e:  # noqa: BLE001
            print(json.dumps({'file': path, 'error': 'file: %s' % e}))


if __name__ == '__main__':
    main()
