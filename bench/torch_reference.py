#!/usr/bin/env python3
"""PyTorch reference of scalecheck's benchmark experiment, written the idiomatic PyTorch way.

Model (Geiger, Spigler, Jacot, Wyart 2019, arXiv:1906.08034): fully connected, L hidden layers of
width n, no biases, NTK parameterisation
    z1 = W0 x / sqrt(d),  z_{l+1} = W_l phi(z_l) / sqrt(n),  f = W_L . phi(z_L) / sqrt(n),
phi = c softplus_beta with c the normaliser to unit second moment under N(0, 1), centred output
alpha (f - f0) with a frozen f0, loss (1 / (alpha^2 P)) sum softplus(beta (1 - alpha (f - f0) y)) / beta
(soft hinge, beta = 20), float64. Gradients by autograd. Dynamics: gradient flow with the authors'
adaptive step (accept when |g' - g|^2 / (|g'| |g|) < max_dgrad and alpha max|f' - f| < max_dout, grow
dt by 1.1 when both are under half their limits, otherwise restore and divide dt by 10), with the same
stall guard and time limit as scalecheck (a finite step is accepted once dt falls to 1% of the largest
accepted step). The NTK Gram is built from per-sample gradients, as the authors' code does.

Every mode reads a problem written by scalecheck (`ReferenceDump dump DIR`): meta.json and
little-endian float64 W0.bin .. W{L}.bin, x.bin, y.bin. Modes (one JSON object per line on stdout):
  check DIR --steps K            loss after K accepted flow steps, t and dt; writes the Gram of the
                                 trained output at the initial weights to DIR/torch_gram.bin
  step  DIR --steps K --repeats R  median ms per evaluation (forward, backward, update, acceptance test)
  ntk   DIR --repeats R          seconds to build the P x P Gram
  sweep DIR --alphas a,b,c [--passes K]
                                 seconds to train every alpha from the same weights to the stop rule
                                 (first pass and, with K > 1, the last of K passes in one process)
                                 (all margins alpha (f - f0) y >= 1, max_time or max_steps)
  blas                           the BLAS library torch loaded and its kernel set (openblas_get_corename)
  dgemm --size M --repeats R     best GFLOP/s of torch.mm on M x M x M float64, and the kernel set
"""
import argparse
import ctypes
import json
import math
import os
import statistics
import sys
import time

import torch

torch.set_default_dtype(torch.float64)

# softplus is exact in float64 up to beta x = 40 (log1p(e^-40) is below one ulp of 40); torch's default
# threshold of 20 would switch to the identity while the difference is still 2e-9
THRESHOLD = 40.0
STALL_FRACTION = 1e-2


class Net(torch.nn.Module):
    def __init__(self, weights, act_beta, act_scale):
        super().__init__()
        self.ws = torch.nn.ParameterList([torch.nn.Parameter(w.clone()) for w in weights])
        self.act_beta = act_beta
        self.act_scale = act_scale

    def phi(self, z):
        return self.act_scale * torch.nn.functional.softplus(z, beta=self.act_beta, threshold=THRESHOLD)

    def forward(self, x):
        d = x.shape[1]
        h = self.phi(x @ self.ws[0].t() / math.sqrt(d))
        for w in self.ws[1:-1]:
            h = self.phi(h @ w.t() / math.sqrt(w.shape[1]))
        last = self.ws[-1]
        return h @ last / math.sqrt(last.shape[0])


def soft_hinge_loss(out, y, alpha, beta):
    m = alpha * out * y
    return torch.nn.functional.softplus(1 - m, beta=beta, threshold=THRESHOLD).mean() / alpha ** 2


class Flow:
    """Gradient flow with the authors' accept/reject adaptive step."""

    def __init__(self, net, x, y, alpha, meta):
        self.net, self.x, self.y, self.alpha = net, x, y, alpha
        self.loss_beta = meta["loss_beta"]
        self.max_dgrad, self.max_dout, self.dt = meta["max_dgrad"], meta["max_dout"], meta["dt"]
        self.max_time = meta["max_time"]
        with torch.no_grad():
            self.f0 = net(x).clone()
        self.t = 0.0
        self.dt_max = 0.0
        self.evals = 0
        self.rejected = 0
        self.loss, self.grads, self.out = self._eval()

    def _eval(self):
        self.evals += 1
        out = self.net(self.x) - self.f0
        loss = soft_hinge_loss(out, self.y, self.alpha, self.loss_beta)
        grads = torch.autograd.grad(loss, list(self.net.parameters()))
        return loss.item(), [g.detach() for g in grads], out.detach()

    def fitted(self):
        return bool((self.alpha * self.out * self.y >= 1).all())

    def step(self):
        """One accepted step (after any rejected tries)."""
        params = list(self.net.parameters())
        nb = math.sqrt(sum(float(b.pow(2).sum()) for b in self.grads))
        while True:
            step = min(self.dt, self.max_time - self.t)
            old = [p.detach().clone() for p in params]
            with torch.no_grad():
                for p, g in zip(params, self.grads):
                    p.sub_(step * g)
            loss, grads, out = self._eval()
            na = math.sqrt(sum(float(a.pow(2).sum()) for a in grads))
            finite = math.isfinite(loss) and math.isfinite(na)
            num = sum(float((a - b).pow(2).sum()) for a, b in zip(grads, self.grads))
            ratio = 0.0 if num == 0 else num / (nb * na)
            dout = self.alpha * float((out - self.out).abs().max())
            ok = finite and ratio < self.max_dgrad and dout < self.max_dout
            forced = not ok and finite and step <= STALL_FRACTION * self.dt_max
            if ok or forced:
                self.t += step
                self.dt_max = max(self.dt_max, step)
                self.loss, self.grads, self.out = loss, grads, out
                grow = ratio < self.max_dgrad / 2 and dout < self.max_dout / 2
                if step == self.dt and grow and not forced:
                    self.dt *= 1.1
                return
            with torch.no_grad():
                for p, o in zip(params, old):
                    p.copy_(o)
            self.rejected += 1
            self.dt = max(step / 10, STALL_FRACTION * self.dt_max if finite else 0.0)
            if not self.dt > 1e-300:
                raise FloatingPointError("adaptive step underflow")


def ntk_gram(net, x, alpha):
    """Theta[i, j] = grad u(x_i) . grad u(x_j) for u = alpha f, from one backward pass per sample."""
    params = list(net.parameters())
    rows = []
    for i in range(x.shape[0]):
        out = alpha * net(x[i:i + 1])[0]
        g = torch.autograd.grad(out, params)
        rows.append(torch.cat([t.reshape(-1) for t in g]))
    jac = torch.stack(rows)
    return jac @ jac.t()


def softplus_multiplier(beta):
    """1 / sqrt(E[softplus_beta(Z)^2]), Z ~ N(0, 1), by a dense Riemann sum on [-12, 12]."""
    z = torch.linspace(-12.0, 12.0, 240001)
    w = torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    sp = torch.nn.functional.softplus(z, beta=beta, threshold=THRESHOLD)
    return 1 / math.sqrt(float(torch.sum(w * sp * sp) * (z[1] - z[0])))


def activation_multiplier(meta):
    """The c of phi = c softplus: meta's act_scale, or its inverse when the dump wrote sqrt(E sp^2)."""
    c, ref = meta["act_scale"], softplus_multiplier(meta["act_beta"])
    if abs(c - ref) < 1e-6 * ref:
        return c
    if abs(1 / c - ref) < 1e-6 * ref:
        return 1 / c
    raise ValueError(f"meta.json: act_scale {c} is neither the softplus normaliser {ref} nor its inverse")


def read_bin(path, shape):
    with open(path, "rb") as fh:
        data = fh.read()
    t = torch.frombuffer(bytearray(data), dtype=torch.float64)
    if sys.byteorder != "little":
        t = t.byteswap()
    return t.reshape(shape).clone()


def blas_in_use():
    """The BLAS shared library mapped into this process after importing torch, and its kernel set.

    Returns {"library": path, "core": name}: name is OpenBLAS's openblas_get_corename() (e.g. "Haswell"),
    or "reference BLAS" when the mapped libblas is not OpenBLAS (Debian's netlib fallback when
    libopenblas0-pthread is missing), or "none found" when torch carries its own BLAS statically.
    """
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))
    mapped = []
    with open("/proc/self/maps") as fh:
        for line in fh:
            parts = line.split()
            path = parts[5] if len(parts) >= 6 else ""
            name = os.path.basename(path)
            if ("blas" in name or "mkl" in name) and path not in mapped:
                mapped.append(path)
    for path in sorted(mapped, key=lambda p: "openblas" not in os.path.basename(p)):
        lib = ctypes.CDLL(path)
        if hasattr(lib, "openblas_get_corename"):
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return {"library": os.path.realpath(path), "core": lib.openblas_get_corename().decode()}
    if mapped:
        return {"library": os.path.realpath(mapped[0]), "core": "reference BLAS"}
    return {"library": "torch (static)", "core": "none found"}


def dgemm(size, repeats):
    """Best GFLOP/s of `repeats` products C = A B after three untimed ones, A and B size x size float64
    (2 size^3 flops per product): the machine's speed when nothing else slows it."""
    a = torch.sin(torch.arange(size * size, dtype=torch.float64)).reshape(size, size)
    b = torch.cos(torch.arange(size * size, dtype=torch.float64)).reshape(size, size)
    c = torch.mm(a, b)
    for _ in range(2):
        torch.mm(a, b, out=c)
    rates = []
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        torch.mm(a, b, out=c)
        rates.append(2.0 * size ** 3 / (time.perf_counter() - t0) / 1e9)
    return max(rates)


def load_dump(directory):
    with open(os.path.join(directory, "meta.json")) as fh:
        meta = json.load(fh)
    n, d, L, P = meta["n"], meta["d"], meta["L"], meta["P"]
    shapes = [(n, d)] + [(n, n)] * (L - 1) + [(n,)]
    weights = [read_bin(os.path.join(directory, f"W{k}.bin"), s) for k, s in enumerate(shapes)]
    x = read_bin(os.path.join(directory, "x.bin"), (P, d))
    y = read_bin(os.path.join(directory, "y.bin"), (P,))
    return meta, weights, x, y


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["check", "step", "ntk", "sweep", "blas", "dgemm"])
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--alphas", default="0.1,1,10")
    ap.add_argument("--passes", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.mode in ("blas", "dgemm"):
        out = {"mode": a.mode, "threads": a.threads, **blas_in_use()}
        if a.mode == "dgemm":
            out.update(size=a.size, gflops=dgemm(a.size, a.repeats))
        print(json.dumps(out))
        return 0
    if a.dir is None:
        ap.error(f"{a.mode} needs DIR")
    meta, weights, x, y = load_dump(a.dir)
    n, P = meta["n"], meta["P"]
    # dumps of `scalecheck bench --dump` carry fewer settings: the engine's defaults then
    for key, value in (("loss_beta", 20.0), ("max_time", math.inf), ("max_steps", 200000)):
        meta.setdefault(key, value)
    act_c = activation_multiplier(meta)

    def make_net():
        return Net(weights, meta["act_beta"], act_c)

    if a.mode == "check":
        net = make_net()
        t0 = time.perf_counter()
        gram = ntk_gram(net, x, meta["alpha"])
        gram_s = time.perf_counter() - t0
        gram.detach().numpy().astype("<f8").tofile(os.path.join(a.dir, "torch_gram.bin"))
        flow = Flow(net, x, y, meta["alpha"], meta)
        loss0 = flow.loss
        t0 = time.perf_counter()
        for _ in range(a.steps):
            flow.step()
        print(json.dumps({"mode": "check", "threads": a.threads, "loss0": loss0, "loss": flow.loss,
                          "t": flow.t, "dt": flow.dt, "accepted": a.steps, "rejected": flow.rejected,
                          "seconds": time.perf_counter() - t0, "gram_seconds": gram_s}))
    elif a.mode == "step":
        flow = Flow(make_net(), x, y, meta["alpha"], meta)
        for _ in range(3):
            flow.step()
        per_rep = []
        for _ in range(a.repeats):
            e0 = flow.evals
            t0 = time.perf_counter()
            for _ in range(a.steps):
                flow.step()
            per_rep.append((time.perf_counter() - t0) * 1000 / (flow.evals - e0))
        print(json.dumps({"mode": "step", "n": n, "P": P, "threads": a.threads,
                          "ms_per_step": statistics.median(per_rep)}))
    elif a.mode == "ntk":
        net = make_net()
        times = []
        for _ in range(max(1, a.repeats)):
            t0 = time.perf_counter()
            ntk_gram(net, x, meta["alpha"])
            times.append(time.perf_counter() - t0)
        print(json.dumps({"mode": "ntk", "n": n, "P": P, "threads": a.threads,
                          "seconds": statistics.median(times)}))
    else:
        steps, stops, seconds = [], [], []
        for _ in range(max(1, a.passes)):
            t0 = time.perf_counter()
            steps, stops = [], []
            for alpha in [float(v) for v in a.alphas.split(",")]:
                flow = Flow(make_net(), x, y, alpha, meta)
                k = 0
                while not flow.fitted() and flow.t < meta["max_time"] * (1 - 1e-12) and k < meta["max_steps"]:
                    flow.step()
                    k += 1
                steps.append(f"{k}+{flow.rejected}")
                stops.append(repr(flow.t))
            seconds.append(time.perf_counter() - t0)
        print(json.dumps({"mode": "sweep", "n": n, "P": P, "threads": a.threads, "alphas": a.alphas,
                          "steps": ",".join(steps), "t": ",".join(stops), "seconds": seconds[0],
                          "seconds_last": seconds[-1], "passes": len(seconds)}))


if __name__ == "__main__":
    sys.exit(main())
