#!/usr/bin/env python3
"""PyTorch reference of scalecheck's benchmark experiment, written the idiomatic PyTorch way.

Model (Geiger, Spigler, Jacot, Wyart 2019, arXiv:1906.08034): fully connected, L hidden layers of
width n, no biases, weights N(0, 1), NTK parameterisation
    z1 = W0 x / sqrt(d),  z_{l+1} = W_l phi(z_l) / sqrt(n),  f = W_L . phi(z_L) / sqrt(n),
phi = softplus normalised to unit second moment under N(0, 1), centred output alpha (f - f0) with a
frozen f0, loss (1 / (alpha^2 P)) sum softplus(beta (1 - alpha (f - f0) y)) / beta (soft hinge,
beta = 20), float64. Gradients by autograd. Dynamics: gradient flow with the authors' adaptive step
(accept when |g' - g|^2 / (|g'| |g|) < max_dgrad and alpha max|f' - f| < max_dout, grow dt by 1.1
when both are under half their limits, otherwise restore and divide dt by 10). The NTK Gram is built
from per-sample gradients, as the authors' code does.

Modes (all print one JSON object per line on stdout):
  step  --n N --P P --d D --L L --steps K --repeats R   median ms per adaptive step (one forward and
                                                       backward each), random init from --seed
  ntk   --n N --P P ...                                seconds to build the P x P Gram
  check --dir DIR --steps K                            loads weights and data written by
                                                       `scalecheck bench --dump DIR`, runs K steps,
                                                       prints the loss, time and dt, writes the
                                                       initial Gram to DIR/torch_gram.bin
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import torch

torch.set_default_dtype(torch.float64)


def softplus_scale(beta):
    """sqrt(E[softplus_beta(z)^2]) for z ~ N(0, 1), by Gauss-Hermite-free dense quadrature."""
    z = torch.linspace(-12.0, 12.0, 240001)
    w = torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    sp = torch.nn.functional.softplus(beta * z) / beta
    dz = z[1] - z[0]
    return math.sqrt(float(torch.sum(w * sp * sp) * dz))


class Net(torch.nn.Module):
    def __init__(self, weights, act_beta, act_scale):
        super().__init__()
        self.ws = torch.nn.ParameterList([torch.nn.Parameter(w.clone()) for w in weights])
        self.act_beta = act_beta
        self.act_scale = act_scale

    def phi(self, z):
        return torch.nn.functional.softplus(z, beta=self.act_beta) / self.act_scale

    def forward(self, x):
        d = x.shape[1]
        h = self.phi(x @ self.ws[0].t() / math.sqrt(d))
        for w in self.ws[1:-1]:
            h = self.phi(h @ w.t() / math.sqrt(w.shape[1]))
        last = self.ws[-1]
        return h @ last / math.sqrt(last.shape[0])


def soft_hinge_loss(out, y, alpha, beta=20.0):
    m = alpha * out * y
    return torch.nn.functional.softplus(beta * (1 - m)).div(beta).mean() / alpha ** 2


def random_problem(n, P, d, L, seed):
    g = torch.Generator().manual_seed(seed)
    weights = [torch.randn(n, d, generator=g)]
    weights += [torch.randn(n, n, generator=g) for _ in range(L - 1)]
    weights.append(torch.randn(n, generator=g))
    x = torch.randn(P, d, generator=g)
    x = x / x.norm(dim=1, keepdim=True) * math.sqrt(d)
    teacher = torch.randn(d, generator=g)
    y = torch.sign(x @ teacher)
    y[y == 0] = 1
    return weights, x, y


class Flow:
    """Gradient flow with the authors' accept/reject adaptive step."""

    def __init__(self, net, x, y, alpha, max_dgrad, max_dout, dt):
        self.net, self.x, self.y, self.alpha = net, x, y, alpha
        self.max_dgrad, self.max_dout, self.dt = max_dgrad, max_dout, dt
        with torch.no_grad():
            self.f0 = net(x).clone()
        self.t = 0.0
        self.loss, self.grads, self.out = self._eval()

    def _eval(self):
        self.net.zero_grad(set_to_none=True)
        out = self.net(self.x) - self.f0
        loss = soft_hinge_loss(out, self.y, self.alpha)
        grads = torch.autograd.grad(loss, list(self.net.parameters()))
        return loss.item(), [g.detach() for g in grads], out.detach()

    def step(self):
        params = list(self.net.parameters())
        old = [p.detach().clone() for p in params]
        with torch.no_grad():
            for p, g in zip(params, self.grads):
                p.sub_(self.dt * g)
        loss, grads, out = self._eval()
        num = sum(float((a - b).pow(2).sum()) for a, b in zip(grads, self.grads))
        na = math.sqrt(sum(float(a.pow(2).sum()) for a in grads))
        nb = math.sqrt(sum(float(b.pow(2).sum()) for b in self.grads))
        ratio = num / (na * nb) if na * nb > 0 else 0.0
        dout = self.alpha * float((out - self.out).abs().max())
        if ratio < self.max_dgrad and dout < self.max_dout:
            self.t += self.dt
            self.loss, self.grads, self.out = loss, grads, out
            if ratio < self.max_dgrad / 2 and dout < self.max_dout / 2:
                self.dt *= 1.1
            return True
        with torch.no_grad():
            for p, o in zip(params, old):
                p.copy_(o)
        self.dt /= 10
        return False


def ntk_gram(net, x):
    """Theta[i, j] = grad f(x_i) . grad f(x_j), from one backward pass per sample."""
    params = list(net.parameters())
    rows = []
    for i in range(x.shape[0]):
        out = net(x[i:i + 1])[0]
        g = torch.autograd.grad(out, params)
        rows.append(torch.cat([t.reshape(-1) for t in g]))
    jac = torch.stack(rows)
    return jac @ jac.t()


def read_bin(path, shape):
    with open(path, "rb") as fh:
        data = fh.read()
    t = torch.frombuffer(bytearray(data), dtype=torch.float64)
    return t.reshape(shape).clone()


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
    ap.add_argument("mode", choices=["step", "ntk", "check"])
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--P", type=int, default=1000)
    ap.add_argument("--d", type=int, default=10)
    ap.add_argument("--L", type=int, default=3)
    ap.add_argument("--alpha", type=float, default=1.0)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--max-dgrad", type=float, default=1e-2)
    ap.add_argument("--max-dout", type=float, default=1.0)
    ap.add_argument("--dt", type=float, default=1.0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)

    if a.mode == "check":
        meta, weights, x, y = load_dump(a.dir)
        net = Net(weights, meta["act_beta"], meta["act_scale"])
        t0 = time.perf_counter()
        gram = ntk_gram(net, x)
        gram_s = time.perf_counter() - t0
        gram.numpy().astype("<f8").tofile(os.path.join(a.dir, "torch_gram.bin"))
        flow = Flow(net, x, y, meta["alpha"], meta["max_dgrad"], meta["max_dout"], meta["dt"])
        loss0 = flow.loss
        accepted = sum(1 for _ in range(a.steps) if flow.step())
        print(json.dumps({"mode": "check", "loss0": loss0, "loss": flow.loss, "t": flow.t, "dt": flow.dt,
                          "accepted": accepted, "steps": a.steps, "gram_seconds": gram_s,
                          "act_scale_torch": softplus_scale(meta["act_beta"])}))
        return

    weights, x, y = random_problem(a.n, a.P, a.d, a.L, a.seed)
    net = Net(weights, 1.0, softplus_scale(1.0))
    if a.mode == "ntk":
        times = []
        for _ in range(max(1, a.repeats)):
            t0 = time.perf_counter()
            ntk_gram(net, x)
            times.append(time.perf_counter() - t0)
        print(json.dumps({"mode": "ntk", "n": a.n, "P": a.P, "threads": a.threads,
                          "seconds": statistics.median(times)}))
        return

    flow = Flow(net, x, y, a.alpha, a.max_dgrad, a.max_dout, a.dt)
    for _ in range(3):
        flow.step()
    per_rep = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        for _ in range(a.steps):
            flow.step()
        per_rep.append((time.perf_counter() - t0) * 1000 / a.steps)
    print(json.dumps({"mode": "step", "n": a.n, "P": a.P, "d": a.d, "L": a.L, "threads": a.threads,
                      "ms_per_step": statistics.median(per_rep)}))


if __name__ == "__main__":
    sys.exit(main())
