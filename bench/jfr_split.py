#!/usr/bin/env python3
"""Where the engine's training step spends its time, from a JFR recording of `scalecheck bench`.

Reads `jfr print` output of jdk.ExecutionSample (threads running Java code), jdk.NativeMethodSample
(threads inside a native call: OpenBLAS through JNI) and jdk.ObjectAllocationSample, keeps the samples
of the timed step loop (stacks through Bench.measure or Run.evaluate, less the raw dgemm loop, the NTK
Gram and set-up), and prints the share of samples per category and per innermost scalecheck method.
Both samplers must run at the same period (bench/profile.sh sets 10 ms) for the shares to add up.

usage: jfr_split.py RECORDING.jfr
"""
import collections
import subprocess
import sys


def events(recording, kind):
    """(top frame, [frames]) of each event of `kind`, frames innermost first, plus its weight if any."""
    text = subprocess.run(["jfr", "print", "--events", kind, "--stack-depth", "64", recording],
                          check=True, capture_output=True, text=True).stdout
    for block in text.split("\n}\n"):
        if kind + " {" not in block:
            continue
        frames, weight, cls, inside = [], 0, "", False
        for line in block.splitlines():
            s = line.strip()
            if s.startswith("stackTrace = ["):
                inside = True
            elif inside and s == "]":
                inside = False
            elif inside and s and s != "...":
                frames.append(s.split("(")[0])
            elif s.startswith("weight = "):
                v = s.split("=", 1)[1].strip().split()
                weight = float(v[0]) * {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}.get(v[1] if len(v) > 1 else "bytes", 1)
            elif s.startswith("objectClass = "):
                cls = s.split("=", 1)[1].split("(")[0].strip()
        yield frames, weight, cls


def in_step(frames):
    if not any(f.endswith("Bench.measure") or f.endswith("Run.evaluate") for f in frames):
        return False
    if any(f.endswith(x) for f in frames for x in ("Net.ntk", "Run.prepare", "Run.<init>", "Math.sin", "Math.cos",
                                                   "Simulator.validate", "Net$Params.<init>")):
        return False
    # the raw dgemm loop: Blas.gemm called from Bench.measure itself
    for i, f in enumerate(frames[:-1]):
        if f.endswith("Blas.gemm") and frames[i + 1].endswith("Bench.measure"):
            return False
    return True


def category(frames, native):
    top = frames[0]
    if native and top.startswith("org.bytedeco.openblas"):
        return "BLAS (OpenBLAS in native code, JNI glue included)"
    if top.startswith("org.bytedeco") or top.startswith("java.nio.Buffer.address") or any(
            f.endswith("Blas.gemm") for f in frames[:3]):
        return "JNI call set-up on the Java side (javacpp, buffer addresses)"
    if top.startswith("java.nio") or top.startswith("jdk.internal.misc") or top.startswith("jdk.internal.util"):
        return "off-heap buffer access (DoubleBuffer get/put)"
    if "Team" in top or "LockSupport" in top or top.startswith("java.util.concurrent"):
        return "thread team hand-off"
    if top.startswith("scalecheck.") or top.startswith("jdk.incubator.vector") or top.startswith("java.lang.Math") \
            or top.startswith("java.lang.StrictMath"):
        return "pointwise kernels (Java arithmetic)"
    return "other (" + top.rsplit(".", 2)[-2] + ")"


def owner(frames):
    for f in frames:
        if f.startswith("scalecheck."):
            return f.replace("scalecheck.sim.", "")
    return "?"


def main():
    rec = sys.argv[1]
    cats, owners = collections.Counter(), collections.Counter()
    total = 0
    for kind, native in (("jdk.ExecutionSample", False), ("jdk.NativeMethodSample", True)):
        for frames, _, _ in events(rec, kind):
            if frames and in_step(frames):
                total += 1
                cats[category(frames, native)] += 1
                owners[owner(frames) + (" [native]" if native else "")] += 1
    print(f"{total} samples in the step loop")
    for c, k in cats.most_common():
        print(f"  {100 * k / max(total, 1):5.1f}%  {c}")
    print("by innermost scalecheck method:")
    for c, k in owners.most_common(12):
        print(f"  {100 * k / max(total, 1):5.1f}%  {c}")
    alloc, sites = 0.0, collections.Counter()
    for frames, weight, cls in events(rec, "jdk.ObjectAllocationSample"):
        if frames and in_step(frames):
            alloc += weight
            sites[cls + " at " + owner(frames)] += weight
    print(f"allocation samples in the step loop: {alloc / 1e6:.1f} MB in all (sampled weight)")
    for c, w in sites.most_common(6):
        print(f"  {w / 1e6:8.1f} MB  {c}")


if __name__ == "__main__":
    main()
