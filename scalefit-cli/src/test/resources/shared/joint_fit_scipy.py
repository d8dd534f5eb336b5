#!/usr/bin/env python3
"""Independent joint Chinchilla fit with shared exponents, by hand in numpy/scipy (not scalefit's code).

Data: ../shared/data/overtraining-gadre/derived_models_flat.csv, grouped by `dataset`;
N = params, D = tokens, target loss_c4_val.
Model per group g: log L = logsumexp(e_g, a_g - alpha*log N, b_g - beta*log D)
(E_g = exp e_g, A_g = exp a_g, B_g = exp b_g; alpha, beta common to all groups).
Objective: sum over every row of every group of Huber_delta(log y - log L), delta = 1e-3
(0.5 r^2 for |r| <= delta, else delta*(|r| - delta/2)), the scalefit default.
Solver: scipy L-BFGS-B with the analytic gradient, from a grid of 5 x 5 (alpha, beta) starts times
2 x 3 x 3 (e, a, b) starts taken equal in every group (450 starts), bounds alpha, beta in [0, 5].
Usage: python3 joint_fit_scipy.py PATH/derived_models_flat.csv
"""
import csv
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

DELTA = 1e-3


def load(path):
    groups = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            groups.setdefault(row["dataset"], []).append(
                (float(row["params"]), float(row["tokens"]), float(row["loss_c4_val"])))
    return {k: np.array(v) for k, v in sorted(groups.items())}


def objective(x, data):
    alpha, beta = x[0], x[1]
    total = 0.0
    grad = np.zeros_like(x)
    for g, rows in enumerate(data):
        e, a, b = x[2 + 3 * g: 5 + 3 * g]
        ln_n, ln_d, ln_y = np.log(rows[:, 0]), np.log(rows[:, 1]), np.log(rows[:, 2])
        t = np.stack([np.full_like(ln_n, e), a - alpha * ln_n, b - beta * ln_d])
        lf = logsumexp(t, axis=0)
        w = np.exp(t - lf)
        r = ln_y - lf
        small = np.abs(r) <= DELTA
        total += np.sum(np.where(small, 0.5 * r * r, DELTA * (np.abs(r) - 0.5 * DELTA)))
        d = np.where(small, r, DELTA * np.sign(r))
        grad[2 + 3 * g] -= np.sum(d * w[0])
        grad[3 + 3 * g] -= np.sum(d * w[1])
        grad[4 + 3 * g] -= np.sum(d * w[2])
        grad[0] += np.sum(d * w[1] * ln_n)
        grad[1] += np.sum(d * w[2] * ln_d)
    return total, grad


def main(path):
    groups = load(path)
    names = list(groups)
    data = [groups[k] for k in names]
    bounds = [(0, 5), (0, 5)] + [(None, None)] * (3 * len(data))
    best = None
    for alpha in np.linspace(0.1, 0.9, 5):
        for beta in np.linspace(0.1, 0.9, 5):
            for e in (0.0, 0.5):
                for a in (2.0, 5.0, 10.0):
                    for b in (2.0, 5.0, 10.0):
                        x0 = np.array([alpha, beta] + [e, a, b] * len(data))
                        res = minimize(objective, x0, args=(data,), jac=True, method="L-BFGS-B", bounds=bounds,
                                       options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 20000, "maxfun": 40000})
                        if best is None or res.fun < best.fun:
                            best = res
    x = best.x
    print("objective %.10e" % best.fun)
    print("alpha %.8f" % x[0])
    print("beta %.8f" % x[1])
    for g, k in enumerate(names):
        e, a, b = x[2 + 3 * g: 5 + 3 * g]
        print("%s rows %d E %.8f A %.8f B %.8f" % (k, len(data[g]), np.exp(e), np.exp(a), np.exp(b)))


if __name__ == "__main__":
    main(sys.argv[1])
