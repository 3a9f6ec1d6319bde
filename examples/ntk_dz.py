#!/usr/bin/env python3
"""A measurement producer outside scalecheck: trains one-hidden-layer networks of its own in the NTK
parameterisation and writes how far their pre-activations moved, for `scalecheck verify examples/` to
judge against the law geiger/dz (Geiger, Spigler, Jacot, Wyart 2019, arXiv:1906.08034).

Network: z = W x / sqrt(d), f(x) = a . phi(z) / sqrt(n), phi = sqrt(2) relu, every weight N(0, 1).
Training: the centred output alpha (f - f0); loss (1 / (alpha^2 P)) sum_i softplus_beta(1 - y_i alpha
(f - f0)(x_i)) (the soft hinge, beta = 20); gradient descent with a small fixed step (an Euler
discretisation of gradient flow) until every margin y alpha (f - f0) >= 1.
Data: x ~ N(0, I_d), labels y = sign(w . x) of a Gaussian teacher w (one draw for every run).
Measured: dz = RMS over neurons and training inputs of z(T) - z(0). On the lazy side (alpha sqrt(n) >> 1)
the law predicts dz ~ 1 / (alpha sqrt(n)): exponent -1/2 in n.

Default design: widths 64 to 2048 (six), 10 seeds each: scalecheck fits a finite-width-corrected power
law C n^p (1 + b n^-1/2) to a width sweep and PASSes only when the whole interval on p lies within the
tolerance, which four widths or a few seeds cannot resolve.

Output: CSV with a header, one row per run: n, alpha, seed, dz, steps, time.

  python3 examples/ntk_dz.py --out examples/results/dz.csv
  python3 examples/ntk_dz.py --widths 64,128,256 --seeds 3 --out /tmp/dz.csv

Needs numpy only.
"""
import argparse
import csv
import os
import sys

import numpy as np


def train(n, seed, alpha, d, P, beta, dt, max_steps, data_seed):
    """One run; returns (dz, steps, time, converged)."""
    data = np.random.default_rng(data_seed)
    teacher = data.standard_normal(d)
    X = data.standard_normal((P, d))
    y = np.where(X @ teacher >= 0, 1.0, -1.0)
    rng = np.random.default_rng([seed, n])
    W = rng.standard_normal((n, d))
    a = rng.standard_normal(n)
    W0 = W.copy()
    s2 = np.sqrt(2.0)
    sn, sd = np.sqrt(n), np.sqrt(d)

    def forward():
        z = X @ W.T / sd                      # P x n pre-activations
        h = s2 * np.maximum(z, 0.0)
        return z, h, h @ a / sn

    _, _, f0 = forward()
    steps = 0
    converged = False
    while steps < max_steps:
        z, h, f = forward()
        margins = y * alpha * (f - f0)
        if np.all(margins >= 1.0):
            converged = True
            break
        sig = 0.5 * (1.0 + np.tanh(0.5 * beta * (1.0 - margins)))   # sigmoid, without overflow
        gf = -y * sig / (alpha * P)           # dL/df = alpha dL/dF, dL/dF = -y sigmoid / (alpha^2 P)
        grad_a = h.T @ gf / sn
        gz = np.outer(gf, a) * (s2 / sn) * (z > 0.0)                 # dL/dz, P x n
        grad_W = gz.T @ X / sd
        a -= dt * grad_a
        W -= dt * grad_W
        steps += 1
    dz = X @ (W - W0).T / sd
    return float(np.sqrt(np.mean(dz * dz))), steps, steps * dt, converged


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--widths", default="64,128,256,512,1024,2048", help="hidden widths n, comma-separated")
    p.add_argument("--seeds", type=int, default=10, help="initialisations per width")
    p.add_argument("--alpha", type=float, default=8.0, help="output multiplier (lazy when alpha sqrt(n) >> 1)")
    p.add_argument("--d", type=int, default=10, help="input dimension")
    p.add_argument("--train", type=int, default=16, help="training-set size P")
    p.add_argument("--beta", type=float, default=20.0, help="soft-hinge sharpness")
    p.add_argument("--dt", type=float, default=0.1, help="gradient-descent step (time units)")
    p.add_argument("--max-steps", type=int, default=20000, help="step limit per run")
    p.add_argument("--data-seed", type=int, default=1, help="seed of the data (the same for every run)")
    p.add_argument("--out", default="examples/results/dz.csv", help="CSV file to write")
    args = p.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    folder = os.path.dirname(args.out)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(args.out, "w", newline="") as fh:
        out = csv.writer(fh)
        fh.write("# ntk_dz.py: one-hidden-layer NTK net, alpha=%g, d=%d, P=%d, soft hinge beta=%g, dt=%g\n"
                 % (args.alpha, args.d, args.train, args.beta, args.dt))
        out.writerow(["n", "alpha", "seed", "dz", "steps", "time"])
        for n in widths:
            for s in range(args.seeds):
                dz, steps, t, ok = train(n, s, args.alpha, args.d, args.train, args.beta, args.dt,
                                         args.max_steps, args.data_seed)
                # a run that hit the step limit has no measurement: an empty cell, an excluded run
                out.writerow([n, "%g" % args.alpha, s, repr(dz) if ok else "", steps, repr(t)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
