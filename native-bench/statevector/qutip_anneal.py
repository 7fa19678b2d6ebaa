"""QuTiP sesolve of the linear anneal H(t) = -(1 - t/tau) sum X + (t/tau) H_P from |+>^n (bench.mjs, part 2).

Usage: /usr/bin/python3 qutip_anneal.py MODEL.json OUT.json
MODEL.json: {"n", "tau", "h": [[i, h_i]], "J": [[[i, j], J_ij]]}. Writes the final state (QuTiP ordering: qubit 0
is the most significant) and the seconds spent in sesolve (atol 1e-8, rtol 1e-6, array coefficients).
"""
import json
import sys
import time

import numpy as np
import qutip as qt

# single-threaded, like the TypeScript run it is compared with (OpenMP spin-waits also wreck timings on a
# shared machine)
qt.settings.use_openmp = False

spec = json.load(open(sys.argv[1]))
n, tau = spec["n"], spec["tau"]
I, X, Z = qt.qeye(2), qt.sigmax(), qt.sigmaz()


def op(single, i):
    return qt.tensor([single if k == i else I for k in range(n)])


def op2(i, j):
    return qt.tensor([Z if k in (i, j) else I for k in range(n)])


HX = -sum(op(X, i) for i in range(n))
HP = sum(h * op(Z, i) for i, h in spec["h"]) + sum(J * op2(i, j) for (i, j), J in spec["J"])
plus = (qt.basis(2, 0) + qt.basis(2, 1)).unit()
psi0 = qt.tensor([plus] * n)
tlist = np.linspace(0, tau, 101)  # the spline of a linear coefficient is exact; fewer output stops
H = [[HX, 1 - tlist / tau], [HP, tlist / tau]]
opts = qt.Options(atol=1e-8, rtol=1e-6, store_states=False, store_final_state=True)
qt.sesolve(H, psi0, tlist, options=opts)  # warm-up (coefficient setup, caches)
t0 = time.perf_counter()
res = qt.sesolve(H, psi0, tlist, options=opts)
seconds = time.perf_counter() - t0
psi = res.final_state.full().ravel()
json.dump({"seconds": seconds, "re": psi.real.tolist(), "im": psi.imag.tolist(), "version": qt.__version__}, open(sys.argv[2], "w"))
