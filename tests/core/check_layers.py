#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails on an #include in core/ that reaches against the declared layer order.

The order is declared once, in core/README.md's layer table (rows "| N | `folder` | torch? |
..."). A file in core/<folder>/ may include headers of its own folder and of folders with a
lower number; a torch-free folder may not include torch headers (<torch/...>, <ATen/...>,
<c10/...>), except the files the table's note names. Run by CTest as core_layers:

    check_layers.py CORE_DIR
"""

import os
import re
import sys

ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*`(\w+)/`\s*\|\s*(torch|torch-free)\s*\|")
EXCEPTION = re.compile(r"^torch exception: `([\w/.]+)`")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
TORCH = ("torch/", "ATen/", "c10/")


def read_order(readme):
    order, torch_free, exceptions = {}, set(), set()
    with open(readme, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line)
            if m:
                order[m.group(2)] = int(m.group(1))
                if m.group(3) == "torch-free":
                    torch_free.add(m.group(2))
            m = EXCEPTION.match(line)
            if m:
                exceptions.add(m.group(1))
    return order, torch_free, exceptions


def main():
    core = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "core")
    core = os.path.normpath(core)
    order, torch_free, exceptions = read_order(os.path.join(core, "README.md"))
    if len(order) < 2:
        print(f"{core}/README.md declares no layer table")
        return 1
    problems, files = [], 0
    for folder in sorted(os.listdir(core)):
        path = os.path.join(core, folder)
        if not os.path.isdir(path):
            continue
        if folder not in order:
            problems.append(f"core/{folder}/ is not in the layer table of core/README.md")
            continue
        for root, _, names in os.walk(path):
            for name in sorted(names):
                if not name.endswith((".h", ".cpp", ".in")):
                    continue
                files += 1
                rel = os.path.relpath(os.path.join(root, name), core)
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        target = m.group(2)
                        where = f"core/{rel}:{number}"
                        if m.group(1) == "<":
                            if folder in torch_free and target.startswith(TORCH) and rel not in exceptions:
                                problems.append(f"{where}: torch header <{target}> in the torch-free layer {folder}/")
                            continue
                        top = target.split("/")[0]
                        if "/" not in target or top not in order:
                            continue
                        if order[top] > order[folder]:
                            problems.append(f"{where}: {folder}/ (layer {order[folder]}) includes "
                                            f"\"{target}\" from {top}/ (layer {order[top]}), above it")
    for p in problems:
        print(p)
    print(f"{files} files, {len(order)} layers, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
