#!/usr/bin/env python3
"""Writes hot-functions.txt and hot-sections.ld: the functions of presskit's program that its usual runs
execute, which the linker places together at the start of the code (see Package.swift).
The kernel maps the 64 KiB around each page of code a process first touches: scattered, the functions a
build runs made it map 12.9 MB of the program's 19.6 MB of code; listed by name (lld's
--symbol-ordering-file), 8.0 MB; each in a section of its own (.ci/release-build) and those of the six
example documents' build first, 6.9 MB; with the functions that have no name in the symbol table (closures'
`objectdestroy`, key path thunks, outlined copies: private to their file, so lld's list cannot name them)
placed by their sections (hot-sections.ld, a linker script that only inserts), 6.6 MB.
A function missing from the lists is still linked, only elsewhere: the lists go stale harmlessly as the code
changes; run this again now and then.
Needs valgrind (callgrind lists every function a run executes). From the repository's top:
    python3 Sources/presskit/generate-order.py
It links the program again with a map of where each section went (to find the unnamed functions'
sections), runs it, writes the two lists; then `bash .ci/release-build` links it with them."""
import bisect, os, re, shutil, subprocess, sys, tempfile

work = tempfile.mkdtemp(prefix="presskit-order-")
link_map = os.path.join(work, "presskit.map")
subprocess.run(["bash", ".ci/release-build", "--product", "presskit", "-Xlinker", f"-Map={link_map}"], check=True,
               stdout=subprocess.DEVNULL)
binary = ".build/release/presskit"
# Without its debug information (callgrind cannot read it); the symbol table is kept, the addresses too.
stripped = os.path.join(work, "presskit")
subprocess.run(["objcopy", "--strip-debug", binary, stripped], check=True)
env = dict(os.environ, PRESSKIT_HOME=os.getcwd(), SOURCE_DATE_EPOCH="1557878400")
out = os.path.join(work, "out")
examples = sorted(e for e in os.listdir("Examples") if os.path.exists(f"Examples/{e}/meeting.yaml"))
# The six documents of the G7 example first (the benchmark's case): their functions come first in the
# list, so the code one build runs is contiguous, not interleaved with what only other runs need.
runs = [["build", "Examples/g7-numerique-2019/meeting.yaml", "--force", "--quiet", "--out", out]]
for e in examples:
    runs.append(["build", f"Examples/{e}/meeting.yaml", "--force", "--quiet", "--out", out])
    runs.append(["build", f"Examples/{e}/meeting.yaml", "--quiet", "--out", out])  # nothing changed
runs += [["check", "Examples/g7-numerique-2019/meeting.yaml"], ["--version"], ["build", "--help"]]
names, executed = [], set()  # the functions by name, in order of appearance; the program's instructions run
for k, args in enumerate(runs):
    log = os.path.join(work, f"callgrind.{k}")
    # Each instruction's address (positions not compressed), so that functions without a name are found too.
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", "--dump-instr=yes", "--compress-pos=no",
                    "--compress-strings=no", f"--callgrind-out-file={log}", stripped] + args,
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    in_program = False
    for line in open(log, encoding="utf-8", errors="replace"):
        if line.startswith("ob="): in_program = line[3:].strip() == stripped
        elif not in_program: continue
        elif line.startswith("fn="): names.append(re.sub(r"'\d+$", "", line[3:].strip()))  # 'N marks a recursion level
        elif line.startswith("0x"): executed.add(int(line.split(None, 1)[0], 16))

# The link map says which input section (a file's function, when it was compiled with a section per
# function) holds each instruction run, and whether that section has a symbol lld's list can name.
sections = []  # [address, size, file, section, named], the program's code
in_text = False
for line in open(link_map, encoding="utf-8", errors="replace"):
    # VMA LMA size alignment, then an output section, an input section (8 spaces in) or a symbol (16).
    m = re.match(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+ ( *)(.*)$", line.rstrip("\n"))
    if not m: continue
    depth, what = len(m.group(3)), m.group(4)
    if depth == 0: in_text = what == ".text"
    elif depth == 8 and in_text and (s := re.match(r"(.*):\((\.text[^)]*)\)$", what)):
        sections.append([int(m.group(1), 16), int(m.group(2), 16), s.group(1), s.group(2), False])
    elif depth == 16 and in_text and sections: sections[-1][4] = True
sections.sort()
starts = [s[0] for s in sections]
if len(sections) < 1000: sys.exit(f"only {len(sections)} code sections in the link map: has its format changed?")

def pattern(file, section):
    """The linker script's words for one input section: `*dir/file.o("section")`, `*lib.a:member("section")`."""
    m = re.match(r"(.*)\((.*)\)$", file)
    where = f"*{os.path.basename(m.group(1))}:{m.group(2)}" if m else "*" + "/".join(file.split("/")[-2:])
    return f'    {where}("{section}")'

placed = {}
for address in executed:
    i = bisect.bisect_right(starts, address) - 1
    if i < 0 or not sections[i][0] <= address < sections[i][0] + sections[i][1]: continue
    address, size, file, section, named = sections[i]
    # A file's whole .text (compiled without a section per function: the toolchain's Foundation) cannot move.
    if not named and section != ".text": placed[address] = pattern(file, section)
placed = [placed[a] for a in sorted(placed)]
unique = [n for n in dict.fromkeys(names) if not n.startswith("0x")]
if len(unique) < 1000: sys.exit(f"only {len(unique)} functions found: did the runs work?")
open("Sources/presskit/hot-functions.txt", "w").write("\n".join(unique) + "\n")
open("Sources/presskit/hot-sections.ld", "w").write(
    "/* Written by generate-order.py: the functions usual runs execute that have no symbol of their own, by their\n"
    "   sections, first in the code; the rest of it follows in the order of hot-functions.txt (lld adds the\n"
    "   sections the script does not name to its .text). INSERT keeps lld's own layout for everything else. */\n"
    "SECTIONS {\n  .text : {\n" + "\n".join(placed) + "\n  }\n} INSERT BEFORE .init;\n")
shutil.rmtree(work)
print(f"{len(unique)} functions, {len(placed)} unnamed ones' sections, from {len(runs)} runs")
