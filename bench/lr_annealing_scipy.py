#!/usr/bin/env python3
"""Reference side of `scalefit bench curve`: the LR-annealing law (Tissue et al. 2024) fitted to the three
public loss curves with scipy's bounded curve_fit.

Same problem as scalefit: rows 0, k, 2k, ... of each curve; S1, S2 over the kept learning rates with
momentum 0.999 and m0 = lr0 (the convention of the published fits); the model is log(L0 + A*S1^-alpha - C*S2)
against log loss; Huber loss with f_scale = 1e-3 (scipy's least_squares cost 0.5*f_scale^2*sum(rho(r^2/f_scale^2))
equals sum(huber_1e-3(r)), scalefit's objective); bounds L0 [0,10], A [0,20], alpha [0,10], C [0,20]; the
108-start grid of the published recipe; an exact Jacobian. Prints one JSON document.

Usage: lr_annealing_scipy.py DATA_DIR [--every K] [--repeat R]
"""
import argparse
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import curve_fit

SCHEDULES = ["811", "wsd", "cosine"]
BOUNDS = ([0, 0, 0, 0], [10, 20, 10, 20])
GRID = list(itertools.product([1, 2, 4], [1, 2, 4], [0.2, 0.4, 0.6, 0.8, 1, 1.2], [0.5, 1]))
DELTA = 1e-3


def areas(lr, lam=0.999):
    s1 = np.cumsum(lr)
    m = np.empty_like(lr)
    m[0] = lr[0]
    for i in range(1, len(lr)):
        m[i] = lam * m[i - 1] + (lr[i - 1] - lr[i])
    return s1, np.cumsum(m)


def huber_sum(r):
    a = np.abs(r)
    return float(np.where(a <= DELTA, 0.5 * r * r, DELTA * (a - 0.5 * DELTA)).sum())


def fit_one(s1, s2, loss):
    ln_s1 = np.log(s1)
    y = np.log(loss)

    def model(_, l0, a, alpha, c):
        f = l0 + a * np.exp(-alpha * ln_s1) - c * s2
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.log(f)

    def jac(_, l0, a, alpha, c):
        p = np.exp(-alpha * ln_s1)
        f = l0 + a * p - c * s2
        inv = 1.0 / f
        return np.column_stack([inv, inv * p, -inv * a * p * ln_s1, -inv * s2])

    best = (np.inf, None)
    for x0 in GRID:
        try:
            popt, _ = curve_fit(model, None, y, p0=x0, bounds=BOUNDS, jac=jac, loss="huber", f_scale=DELTA,
                                method="trf", maxfev=10000)
        except (RuntimeError, ValueError):
            continue  # a start where the model is undefined, or no convergence: as scalefit, skip it
        obj = huber_sum(y - model(None, *popt))
        if np.isfinite(obj) and obj < best[0]:
            best = (obj, popt)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--every", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    curves = []
    for s in SCHEDULES:
        path = f"{args.data_dir}/M_100M_gpt_D_20B_scheduler_{s}_rope.csv"
        data = np.loadtxt(path, delimiter=",", skiprows=1)
        loss, lr = data[:: args.every, 1], data[:: args.every, 2]
        s1, s2 = areas(lr)
        curves.append((s, s1, s2, loss))
    out = {"every": args.every, "starts": len(GRID), "fits": [], "seconds": None}
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        fits = []
        for s, s1, s2, loss in curves:
            t1 = time.perf_counter()
            obj, p = fit_one(s1, s2, loss)
            fits.append({"schedule": s, "points": int(len(loss)), "objective": obj,
                         "parameters": dict(zip(["L0", "A", "alpha", "C"], map(float, p))),
                         "seconds": time.perf_counter() - t1})
        times.append(time.perf_counter() - t0)
        out["fits"] = fits
    out["seconds"] = min(times)
    out["scipy"] = __import__("scipy").__version__
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
