"""Ocean's side of `npm run bench -- embedding`: minorminer.find_embedding and busclique, driven over stdin.

One JSON request per line, one JSON answer per line. Times are process CPU seconds (time.process_time) of
the call alone; the target graph is built once per topology and reused, as a user holding a sampler would.

Requests:
  {"op": "versions"}
  {"op": "find", "target": T, "edges": [[u, v], ...], "seed": s}  -> {"emb": {u: [q, ...]}, "cpu": s}
  {"op": "clique", "target": T, "cache_dir": dir, "sizes": [k, ...]}
      -> {"cold_cpu", "warm_cpu": {k: s}, "largest": n, "largest_chain": L, "chains": {k: [max chain, qubits]},
          "table": [max chain of K1, K2, ...]}
T is {"family": "pegasus"|"zephyr"|"chimera", "shape": [...]}. busclique's disk cache goes to `cache_dir`
(never to the Ocean installation's own data directory).
"""

import json
import sys
import time

import dwave_networkx as dnx
import minorminer
from minorminer import busclique

graphs = {}


def target(t):
    key = (t["family"], tuple(t["shape"]))
    if key not in graphs:
        f, s = t["family"], t["shape"]
        if f == "pegasus":
            graphs[key] = dnx.pegasus_graph(s[0])
        elif f == "zephyr":
            graphs[key] = dnx.zephyr_graph(s[0], s[1])
        else:
            graphs[key] = dnx.chimera_graph(*s)
    return graphs[key]


def find(req):
    g = target(req["target"])
    edges = [tuple(e) for e in req["edges"]]
    t0 = time.process_time()
    emb = minorminer.find_embedding(edges, g, random_seed=req["seed"], threads=1)
    cpu = time.process_time() - t0
    return {"emb": {str(k): list(v) for k, v in emb.items()}, "cpu": cpu}


def clique(req):
    g = target(req["target"])
    root = req["cache_dir"]
    busclique.busgraph_cache.cache_rootdir = staticmethod(lambda version=None: root)
    # cold: the first call computes every clique size and writes the cache
    t0 = time.process_time()
    emb = busclique.find_clique_embedding(1, g)
    cold = time.process_time() - t0
    warm = {}
    chains = {}
    for k in req["sizes"]:
        t0 = time.process_time()
        emb = busclique.find_clique_embedding(k, g)  # as a user calls it: reads the disk cache
        warm[k] = time.process_time() - t0
        if emb:
            lengths = [len(c) for c in emb.values()]
            chains[k] = [max(lengths), sum(lengths)]
    cache = busclique.busgraph_cache(g)
    largest = cache.largest_clique()
    table = []
    for k in range(1, len(largest) + 1):
        e = cache.find_clique_embedding(k)
        table.append(max(len(c) for c in e.values()))
    return {
        "cold_cpu": cold,
        "warm_cpu": warm,
        "largest": len(largest),
        "largest_chain": max(len(c) for c in largest.values()),
        "largest_qubits": sum(len(c) for c in largest.values()),
        "chains": chains,
        "table": table,
        "largest_emb": {str(k): list(v) for k, v in largest.items()},
    }


def versions(_req):
    import dimod

    return {"minorminer": minorminer.__version__, "dwave_networkx": dnx.__version__, "dimod": dimod.__version__}


ops = {"find": find, "clique": clique, "versions": versions}

for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    try:
        out = ops[req["op"]](req)
    except Exception as e:  # reported to the bench, which prints it
        out = {"error": f"{type(e).__name__}: {e}"}
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
