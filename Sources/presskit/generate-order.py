#!/usr/bin/env python3
"""Writes hot-functions.txt: the functions of presskit's program that its usual runs execute, which the
linker places together at the start of the code (lld's --symbol-ordering-file, see Package.swift).
Scattered, they made the kernel map 12.9 MB of the program's 19.6 MB of code into every build (it maps the
64 KiB around each page first touched); together, 8.0 MB (peak memory of the six example documents
about 4 MiB lower). A function missing from the list is still linked, only elsewhere: the list goes stale
harmlessly as the code changes; run this again now and then.
Needs valgrind (callgrind lists every function a run executes). From the repository's top, after
`swift build -c release --static-swift-stdlib`:
    python3 Sources/presskit/generate-order.py"""
import os, re, shutil, subprocess, sys, tempfile

binary = ".build/release/presskit"
work = tempfile.mkdtemp(prefix="presskit-order-")
# Without its debug information (callgrind cannot read it); the symbol table is kept.
stripped = os.path.join(work, "presskit")
subprocess.run(["objcopy", "--strip-debug", binary, stripped], check=True)
env = dict(os.environ, PRESSKIT_HOME=os.getcwd(), SOURCE_DATE_EPOCH="1557878400")
out = os.path.join(work, "out")
examples = sorted(e for e in os.listdir("Examples") if os.path.exists(f"Examples/{e}/meeting.yaml"))
runs = [["--version"], ["build", "--help"], ["check", "Examples/g7-numerique-2019/meeting.yaml"]]
for e in examples:
    runs.append(["build", f"Examples/{e}/meeting.yaml", "--force", "--quiet", "--out", out])
    runs.append(["build", f"Examples/{e}/meeting.yaml", "--quiet", "--out", out])  # nothing changed
names = []
for k, args in enumerate(runs):
    log = os.path.join(work, f"callgrind.{k}")
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={log}", stripped] + args,
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    objects, functions, current = {}, {}, None
    for line in open(log, encoding="utf-8", errors="replace"):
        m = re.match(r"(c?)(ob|fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if not m: continue
        table = objects if m.group(2) == "ob" else functions
        if m.group(4): table[m.group(3)] = m.group(4)
        if m.group(1): continue
        if m.group(2) == "ob": current = objects.get(m.group(3))
        elif current == stripped:
            names.append(re.sub(r"'\d+$", "", functions[m.group(3)]))  # callgrind marks recursion levels with 'N
unique = [n for n in dict.fromkeys(names) if not n.startswith("0x")]
if len(unique) < 1000: sys.exit(f"only {len(unique)} functions found: did the runs work?")
open("Sources/presskit/hot-functions.txt", "w").write("\n".join(unique) + "\n")
shutil.rmtree(work)
print(f"{len(unique)} functions from {len(runs)} runs")
