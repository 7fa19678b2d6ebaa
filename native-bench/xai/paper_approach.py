"""The seed paper's own annealing procedure (checc1/FS_QA finalSimulation.py, paper form of H) on one
feature-selection QUBO, for bench.mjs: H(s) = (1 - s) H_D + s H_QUBO with H_D = -sum_p X_p, |psi(0)> = |+>^d,
timesteps = int(tau/dt) points t_r = linspace(0, tau, timesteps), and at every step

    psi = expm_multiply(-1j * H(s_r) * dt, psi)      (SciPy, exact for piecewise-constant H)
    E0, E1 = eigsh(H(s_r), k=2, which='SA')          (ARPACK Lanczos)

then F = |<x*|psi(tau)>|^2 over the ground set of H_QUBO, d^2 shots from |psi|^2 (seeded) and the lowest-energy
sampled bit string. Prints one JSON line.

Usage: /usr/bin/python3 paper_approach.py INSTANCE.json
       ({"d", "h": [...], "J": [[...]], "beta", "qScale", "lScale", "tau", "dt", "shots", "seed"})
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigsh, expm_multiply

spec = json.load(open(sys.argv[1]))
d, beta, tau, dt = spec["d"], spec["beta"], spec["tau"], spec["dt"]
h = np.array(spec["h"], dtype=float)
J = np.array(spec["J"], dtype=float)
t0 = time.perf_counter()
N = 1 << d
z = np.arange(N, dtype=np.int64)
x = (z[:, None] >> np.arange(d)) & 1  # bit p of the index = x_p (1 = map selected)
E = -spec["lScale"] * beta * (x @ h)
for p in range(d):
    for q in range(p + 1, d):
        E += spec["qScale"] * (1 - beta) * J[p, q] * x[:, p] * x[:, q]
rows = np.repeat(z, d)
cols = rows ^ np.tile(1 << np.arange(d, dtype=np.int64), N)
HD = sp.csr_matrix((-np.ones(N * d), (rows, cols)), shape=(N, N))
HQ = sp.diags(E).tocsr()
psi = np.full(N, 1 / np.sqrt(N), dtype=complex)
timesteps = int(tau / dt)
times = np.linspace(0, tau, timesteps)
gaps = np.empty(timesteps)
for r in range(timesteps):
    s = times[r] / tau
    H = ((1 - s) * HD + s * HQ).tocsc()
    psi = expm_multiply(-1j * H * dt, psi)
    if N > 3:
        vals = eigsh(H, k=2, which="SA", return_eigenvectors=False)
    else:
        vals = np.linalg.eigvalsh(H.toarray())[:2]
    vals = np.sort(vals)
    gaps[r] = abs(vals[1] - vals[0])
e0 = E.min()
ground = np.abs(E - e0) <= 1e-9 * max(1.0, abs(e0))
prob = np.abs(psi) ** 2
F = float(prob[ground].sum())
rng = np.random.default_rng(spec["seed"])
shots = rng.choice(N, size=spec["shots"], p=prob / prob.sum())
best = int(shots[np.argmin(E[shots])])
seconds = time.perf_counter() - t0
k = int(np.argmin(gaps))
print(
    json.dumps(
        {
            "seconds": seconds,
            "steps": timesteps,
            "minGap": float(gaps[k]),
            "sAtMin": float(times[k] / tau),
            "successProbability": F,
            "selectedBits": [int(b) for b in x[best]],
            "lowestEnergy": float(E[best]),
            "groundEnergy": float(e0),
        }
    )
)
