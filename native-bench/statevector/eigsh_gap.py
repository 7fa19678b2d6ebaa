"""SciPy eigsh minimum-gap scan of H(s) = -(1 - s) sum X + s H_P (bench.mjs, part 3), the same procedure as
qaxai's: a uniform scan (closed forms at s = 0 and 1), eigsh(k = g + 1, which='SA', warm v0) inside, then
minimize_scalar (bounded, xatol 1e-7) around the scan minimum. Prints one JSON line.

Usage: /usr/bin/python3 eigsh_gap.py MODEL.json   ({"n", "points", "h": [[i, h]], "J": [[[i, j], J]]})
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from scipy.sparse.linalg import eigsh

spec = json.load(open(sys.argv[1]))
n, points = spec["n"], spec["points"]
t0 = time.perf_counter()
N = 1 << n
z = np.arange(N, dtype=np.int64)
spins = 1 - 2 * ((z[:, None] >> np.arange(n)) & 1)  # bit i = qubit i, bit 0 <-> +1
E = np.zeros(N)
for i, h in spec["h"]:
    E += h * spins[:, i]
for (i, j), J in spec["J"]:
    E += J * spins[:, i] * spins[:, j]
del spins
rows = np.repeat(z, n)
cols = (rows ^ np.tile(1 << np.arange(n, dtype=np.int64), N))
HX = sp.csr_matrix((-np.ones(N * n), (rows, cols)), shape=(N, N))
HP = sp.diags(E).tocsr()
e0 = E.min()
g = int(np.sum(np.abs(E - e0) <= 1e-9 * max(1.0, abs(e0))))
k = g + 1
state = {"v0": None, "evals": 0}


def gap(s):
    state["evals"] += 1
    if s <= 0:
        return 2.0 if g == 1 else 2.0  # -(n - 2m): first excited of -sum X is 2 above the ground
    if s >= 1:
        return float(np.partition(E, k - 1)[k - 1] - e0) if g < N else 0.0
    H = (1 - s) * HX + s * HP
    vals, vecs = eigsh(H, k=k, which="SA", v0=state["v0"])
    order = np.argsort(vals)
    state["v0"] = vecs[:, order[0]]
    return float(vals[order[g]] - vals[order[0]])


grid = np.linspace(0, 1, points)
gaps = [gap(s) for s in grid]
i = int(np.argmin(gaps))
lo, hi = grid[max(0, i - 1)], grid[min(points - 1, i + 1)]
r = minimize_scalar(gap, bounds=(lo, hi), method="bounded", options={"xatol": 1e-7})
best = min((r.fun, r.x), (gaps[i], grid[i]))
seconds = time.perf_counter() - t0
print(json.dumps({"minGap": best[0], "sAtMin": float(best[1]), "seconds": seconds, "evaluations": state["evals"]}))
