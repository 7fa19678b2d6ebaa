"""Ocean's side of `npm run bench -- ocean`: runs one dwave-samplers sampler on a problem spec and prints JSON.

Usage: python theirs.py SPEC.json  (an installed dimod + dwave-samplers must be importable; bench.mjs finds
the interpreter through QAXAI_OCEAN_PYTHON and passes PYTHONPATH through).

SPEC: {"sampler": "sa" | "pimc" | "rotor", "n": N, "h": [...], "J": [[i, j, w], ...], "calls": C,
       "params": {...sample() keyword arguments...}, "seed": S, "rotor_start": 64 (optional),
       "ground_energy": E0 (optional)}
Prints {"versions": {...}, "cpu": [s per call], "wall": [...], "energies": {...}} where cpu is the process CPU
time (time.process_time) of each sample() call; the first call in the process is the cold one.
"""

import json
import sys
import time

import dimod
import numpy as np
import dwave.samplers
from dwave.samplers import SimulatedAnnealingSampler
from dwave.samplers.sqa import PathIntegralAnnealingSampler, RotorModelAnnealingSampler


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    n = spec["n"]
    h = {i: float(spec["h"][i]) for i in range(n)}
    J = {(int(i), int(j)): float(w) for i, j, w in spec["J"]}
    bqm = dimod.BinaryQuadraticModel.from_ising(h, J)
    kind = spec["sampler"]
    sampler = {
        "sa": SimulatedAnnealingSampler,
        "pimc": PathIntegralAnnealingSampler,
        "rotor": RotorModelAnnealingSampler,
    }[kind]()
    params = dict(spec["params"])
    for key in ("Hp_field", "Hd_field"):
        if key in params:
            params[key] = np.asarray(params[key], dtype=float)
    cpu, wall, means, mins = [], [], [], []
    hits, reads = 0, 0
    e0 = spec.get("ground_energy")
    for call in range(spec["calls"]):
        kw = dict(params, seed=spec["seed"] + call)
        if kind == "rotor" and "rotor_start" in spec:
            # every rotor at the given angle index (64 = pi/2: the transverse start qaxai's svmc uses)
            kw["initial_states"] = np.full((params["num_reads"], n), spec["rotor_start"], dtype=np.uint8)
            kw["project_states"] = (False, True)
        c0, w0 = time.process_time(), time.perf_counter()
        ss = sampler.sample(bqm, **kw)
        c1, w1 = time.process_time(), time.perf_counter()
        cpu.append(c1 - c0)
        wall.append(w1 - w0)
        e = ss.record.energy
        en = np.repeat(e, ss.record.num_occurrences)
        means.append(float(en.mean()))
        mins.append(float(en.min()))
        reads += len(en)
        if e0 is not None:
            hits += int(np.sum(np.abs(en - e0) < 1e-6))
    out = {
        "versions": {"dimod": dimod.__version__, "dwave-samplers": dwave.samplers.__version__,
                     "numpy": np.__version__, "python": sys.version.split()[0]},
        "cpu": cpu,
        "wall": wall,
        "meanEnergy": means,
        "minEnergy": mins,
        "reads": reads,
    }
    if e0 is not None:
        out["groundHits"] = hits
    if kind == "sa":
        out["betaRange"] = [float(x) for x in ss.info.get("beta_range", [])]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
