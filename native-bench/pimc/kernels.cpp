// Native reference for `npm run bench -- pimc`: the same PIMC (Metropolis + worldline) and SA sweeps as
// src/sim/mc/pimc-kernel.ts and sa-kernel.ts, in C++ with the same xoshiro128** stream, the same acceptance test
// and the same per-sweep tables, so from the same start the trajectories are identical (checked by bench.mjs).
// Build: g++ -O3 -march=native -ffp-contract=off -o kernels kernels.cpp
// Usage: kernels INPUT.bin  -> prints one JSON line.
#include <ctime>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

struct Rng {
  uint32_t s[4];
  static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
  inline uint32_t next32() {
    uint32_t r = rotl(s[1] * 5u, 7) * 9u;
    uint32_t t = s[1] << 9;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
    return r;
  }
  inline double next() { return next32() * 2.3283064365386963e-10; }
};

static const double SKIP_ACTION = 23;

// Process CPU time (the machine is shared: CPU time is less sensitive to other load than wall time).
static inline double cpuNow() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static inline bool acceptUphill(double x, double u) {
  if (u < 1 - x) return true;
  if (u * (1 + x * (1 + x * (0.5 + x * 0.16666666666666666))) >= 1) return false;
  return u < std::exp(-x);
}

static inline bool heatBathFlip(double x, double u) {
  if (x > 40) return false;
  const double ax = x < 0 ? -x : x;
  const double lo = ax < 1 ? 1 - ax : 0;
  const double hiInv = 1 + ax * (1 + ax * (0.5 + ax * 0.16666666666666666));
  if (x >= 0) {
    if (u * (1 + lo) < lo) return true;
    if (u * (hiInv + 1) >= 1) return false;
    const double y = std::exp(-x);
    return u * (1 + y) < y;
  }
  if (u * (hiInv + 1) < hiInv) return true;
  if (u * (1 + lo) >= 1) return false;
  return u * (1 + std::exp(x)) < 1;
}

struct Model {
  int n;
  std::vector<int32_t> rowPtr, colIdx;
  std::vector<double> weights, linear;
};

struct Pimc {
  int n, P;
  std::vector<int8_t> spins;
  std::vector<double> field;
  std::vector<int32_t> ring;
};

static void recompute(const Model& m, Pimc& st) {
  for (int k = 0; k < st.P; k++) {
    int base = k * st.n;
    for (int i = 0; i < st.n; i++) {
      double f = m.linear[i];
      for (int p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) f += m.weights[p] * st.spins[base + m.colIdx[p]];
      st.field[base + i] = f;
    }
  }
}

static long metropolisSweep(const Model& m, Pimc& st, double a, double K, Rng& rng) {
  const int n = st.n, P = st.P;
  const int32_t* rowPtr = m.rowPtr.data();
  const int32_t* colIdx = m.colIdx.data();
  const double* w = m.weights.data();
  int8_t* spins = st.spins.data();
  double* field = st.field.data();
  const double a2 = 2 * a, K2 = 2 * K;
  long flips = 0;
  for (int k = 0; k < P; k++) {
    const int base = k * n;
    const int up = (k + 1 == P ? 0 : k + 1) * n;
    const int dn = (k == 0 ? P - 1 : k - 1) * n;
    for (int i = 0; i < n; i++) {
      const int s = spins[base + i];
      const double dS = s * (K2 * (spins[up + i] + spins[dn + i]) - a2 * field[base + i]);
      if (dS > 0 && (dS > SKIP_ACTION || !acceptUphill(dS, rng.next()))) continue;
      spins[base + i] = -s;
      const double mm = 2 * s;
      for (int p = rowPtr[i], e = rowPtr[i + 1]; p < e; p++) field[base + colIdx[p]] -= mm * w[p];
      flips++;
    }
  }
  return flips;
}

static int resampleCluster(const Model& m, Pimc& st, int i, int from, int to, double a2, double u) {
  const int n = st.n, P = st.P;
  int8_t* spins = st.spins.data();
  double* field = st.field.data();
  // slices k·n + j < hi for k in [from, min(to, P)), then k·n + j < wrapHi for k in [0, to − P)
  const int hi = (to > P ? P : to) * n, wrapHi = to > P ? (to - P) * n : 0, lo = from * n;
  double F = 0;
  for (int idx = lo + i; idx < hi; idx += n) F += field[idx];
  for (int idx = i; idx < wrapHi; idx += n) F += field[idx];
  const int s = spins[lo + i];
  if (!heatBathFlip(-a2 * s * F, u)) return 0;
  for (int idx = lo + i; idx < hi; idx += n) spins[idx] = -s;
  for (int idx = i; idx < wrapHi; idx += n) spins[idx] = -s;
  const double mm = 2 * s;
  const int p0 = m.rowPtr[i], p1 = m.rowPtr[i + 1];
  if (to - from <= 2) {
    for (int k = from; k < to; k++) {
      const int base = (k >= P ? k - P : k) * n;
      for (int p = p0; p < p1; p++) field[base + m.colIdx[p]] -= mm * m.weights[p];
    }
  } else {
    for (int p = p0; p < p1; p++) {
      const int j = m.colIdx[p];
      const double d = mm * m.weights[p];
      for (int idx = lo + j; idx < hi; idx += n) field[idx] -= d;
      for (int idx = j; idx < wrapHi; idx += n) field[idx] -= d;
    }
  }
  return to - from;
}

static long worldlineSweep(const Model& m, Pimc& st, double a, double K, Rng& rng) {
  const int n = st.n, P = st.P;
  const double q = std::exp(-2 * K);
  const double pBond = -std::expm1(-2 * K);
  const bool sparse = q < 0.1;
  const double lnBond = std::log1p(-q);
  auto nextGap = [&]() -> double { return q == 0 ? INFINITY : std::floor(std::log(1 - rng.next()) / lnBond); };
  double gap = sparse ? nextGap() : 0;
  const double a2 = 2 * a;
  long flips = 0;
  int32_t* ring = st.ring.data();
  const int8_t* spins = st.spins.data();
  for (int i = 0; i < n; i++) {
    int numCuts = 0;
    int8_t prev = spins[(P - 1) * n + i];
    for (int k = 0, idx = i; k < P; k++, idx += n) {
      if (sparse) {
        // four equal links while gap >= 4 are four plain bonds (gap-- each): take them at once
        while (gap >= 4 && k + 4 <= P && spins[idx] == prev && spins[idx + n] == prev && spins[idx + 2 * n] == prev &&
               spins[idx + 3 * n] == prev) {
          k += 4;
          idx += 4 * n;
          gap -= 4;
        }
        if (k >= P) break;
      }
      const int8_t cur = spins[idx];
      if (prev != cur) ring[numCuts++] = k;
      else if (sparse) {
        if (gap <= 0) { ring[numCuts++] = k; gap = nextGap(); } else gap--;
      } else if (rng.next() >= pBond) ring[numCuts++] = k;
      prev = cur;
    }
    if (numCuts == 0) {
      flips += resampleCluster(m, st, i, 0, P, a2, rng.next());
      continue;
    }
    ring[numCuts] = ring[0] + P;
    for (int c = 0; c < numCuts; c++) flips += resampleCluster(m, st, i, ring[c], ring[c + 1], a2, rng.next());
  }
  return flips;
}

static long saSweep(const Model& m, int8_t* spins, double* field, double beta, Rng& rng) {
  const int n = m.n;
  const double b2 = 2 * beta;
  long flips = 0;
  for (int i = 0; i < n; i++) {
    const int s = spins[i];
    const double x = -b2 * s * field[i];
    if (x > 0 && (x > SKIP_ACTION || !acceptUphill(x, rng.next()))) continue;
    spins[i] = -s;
    const double mm = 2 * s;
    for (int p = m.rowPtr[i], e = m.rowPtr[i + 1]; p < e; p++) field[m.colIdx[p]] -= mm * m.weights[p];
    flips++;
  }
  return flips;
}

template <class T> static void readVec(std::ifstream& in, std::vector<T>& v, size_t n) {
  v.resize(n);
  in.read(reinterpret_cast<char*>(v.data()), n * sizeof(T));
}

static uint32_t checksum(const int8_t* x, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t k = 0; k < n; k++) { h ^= (uint8_t)x[k]; h *= 16777619u; }
  return h;
}

int main(int argc, char** argv) {
  if (argc < 2) { fprintf(stderr, "usage: kernels INPUT.bin\n"); return 2; }
  std::ifstream in(argv[1], std::ios::binary);
  int32_t hdr[6];
  in.read(reinterpret_cast<char*>(hdr), sizeof hdr);
  const int n = hdr[0], P = hdr[1], nnz = hdr[2], S = hdr[3], Ssa = hdr[4], cluster = hdr[5];
  Model m; m.n = n;
  readVec(in, m.rowPtr, n + 1); readVec(in, m.colIdx, nnz); readVec(in, m.weights, nnz); readVec(in, m.linear, n);
  std::vector<double> a, K, betas; readVec(in, a, S); readVec(in, K, S); readVec(in, betas, Ssa);
  Pimc st; st.n = n; st.P = P; readVec(in, st.spins, (size_t)P * n); st.field.resize((size_t)P * n); st.ring.resize(P + 1);
  Rng rp; in.read(reinterpret_cast<char*>(rp.s), 16);
  std::vector<int8_t> saSpins; readVec(in, saSpins, n);
  Rng rs; in.read(reinterpret_cast<char*>(rs.s), 16);
  if (!in) { fprintf(stderr, "kernels: truncated input\n"); return 2; }

  auto t0 = cpuNow();
  recompute(m, st);
  long flips = 0;
  double metSec = 0, wlSec = 0;
  for (int k = 0; k < S; k++) {
    auto t1 = cpuNow();
    flips += metropolisSweep(m, st, a[k], K[k], rp);
    auto t2 = cpuNow();
    if (cluster) flips += worldlineSweep(m, st, a[k], K[k], rp);
    auto t3 = cpuNow();
    metSec += (t2 - t1);
    wlSec += (t3 - t2);
  }
  double pimcSec = (cpuNow() - t0);

  std::vector<double> saField(n);
  t0 = cpuNow();
  for (int i = 0; i < n; i++) {
    double f = m.linear[i];
    for (int p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) f += m.weights[p] * saSpins[m.colIdx[p]];
    saField[i] = f;
  }
  long saFlips = 0;
  for (int b = 0; b < Ssa; b++) saFlips += saSweep(m, saSpins.data(), saField.data(), betas[b], rs);
  double saSec = (cpuNow() - t0);

  double pimcUpdates = (double)n * P * S * (cluster ? 2 : 1);
  double saUpdates = (double)n * Ssa;
  printf("{\"metropolisSeconds\":%.6f,\"worldlineSeconds\":%.6f,\"pimcSeconds\":%.6f,\"pimcUpdates\":%.0f,\"pimcFlips\":%ld,\"pimcChecksum\":%u,"
         "\"saSeconds\":%.6f,\"saUpdates\":%.0f,\"saFlips\":%ld,\"saChecksum\":%u}\n",
         metSec, wlSec, pimcSec, pimcUpdates, flips, checksum(st.spins.data(), st.spins.size()), saSec, saUpdates, saFlips,
         checksum(saSpins.data(), saSpins.size()));
  return 0;
}
