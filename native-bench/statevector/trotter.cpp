// Native reference of qaxai's statevector Trotter step (src/sim/statevector/step.ts), same algorithm:
// interleaved complex double state, per-level phase table, blocks of 2^12 amplitudes with the diagonal and the
// low qubits' x-rotations fused (three qubits per register pass), then the high qubits in strided passes of
// three, those over qubits >= 24 staged through a 128 KiB scratch (kernels.ts rxStaged). Model: ring + (i, i+5) couplings with J = ±1 from a fixed hash, h = 0 (the same as bench.mjs builds).
// Usage: trotter n reps [plain|vec2|vec4]  ->  prints "cpu_seconds_per_step checksum wall_seconds_per_step"
// (medians). Kernels:
//   plain  scalar C++ as written in step.ts; g++ -O3 -march=native auto-vectorises what it can (the reference
//          the ratio is defined against, unchanged);
//   vec2   the same operations on one complex amplitude per 128-bit vector (GCC vector extensions), the
//          formulation of qaxai's WebAssembly kernels (src/sim/statevector/kernels.wat);
//   vec4   two amplitudes per 256-bit vector (AVX2 width; WebAssembly has no wider SIMD than 128 bits).
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <algorithm>
#include <string>

static inline void rx3(double* __restrict a, int q, double c, double s, size_t g0, size_t g1) {
  const size_t d = size_t(1) << q, span = 2 * d;
  size_t g = g0;
  while (g < g1) {
    size_t hi = g / d, end = std::min(g1, (hi + 1) * d);
    size_t i = 2 * (hi * 8 * d + (g - hi * d));
    for (size_t k = end - g; k > 0; k--, i += 2) {
      double* p0 = a + i; double* p1 = p0 + span; double* p2 = p1 + span; double* p3 = p2 + span;
      double* p4 = p3 + span; double* p5 = p4 + span; double* p6 = p5 + span; double* p7 = p6 + span;
      double r0 = p0[0], m0 = p0[1], r1 = p1[0], m1 = p1[1], r2 = p2[0], m2 = p2[1], r3 = p3[0], m3 = p3[1];
      double r4 = p4[0], m4 = p4[1], r5 = p5[0], m5 = p5[1], r6 = p6[0], m6 = p6[1], r7 = p7[0], m7 = p7[1];
      double x, y;
#define PAIR(ra, ma, rb, mb) x = c * ra - s * mb; y = c * ma + s * rb; rb = c * rb - s * ma; mb = c * mb + s * ra; ra = x; ma = y;
      PAIR(r0, m0, r1, m1) PAIR(r2, m2, r3, m3) PAIR(r4, m4, r5, m5) PAIR(r6, m6, r7, m7)
      PAIR(r0, m0, r2, m2) PAIR(r1, m1, r3, m3) PAIR(r4, m4, r6, m6) PAIR(r5, m5, r7, m7)
      PAIR(r0, m0, r4, m4) PAIR(r1, m1, r5, m5) PAIR(r2, m2, r6, m6) PAIR(r3, m3, r7, m7)
#undef PAIR
      p0[0] = r0; p0[1] = m0; p1[0] = r1; p1[1] = m1; p2[0] = r2; p2[1] = m2; p3[0] = r3; p3[1] = m3;
      p4[0] = r4; p4[1] = m4; p5[0] = r5; p5[1] = m5; p6[0] = r6; p6[1] = m6; p7[0] = r7; p7[1] = m7;
    }
    g = end;
  }
}

static inline void rx2(double* __restrict a, int q, double c, double s, size_t g0, size_t g1) {
  const size_t d = size_t(1) << q, span = 2 * d;
  size_t g = g0;
  while (g < g1) {
    size_t hi = g / d, end = std::min(g1, (hi + 1) * d);
    size_t i = 2 * (hi * 4 * d + (g - hi * d));
    for (size_t k = end - g; k > 0; k--, i += 2) {
      double* p0 = a + i; double* p1 = p0 + span; double* p2 = p1 + span; double* p3 = p2 + span;
      double r0 = p0[0], m0 = p0[1], r1 = p1[0], m1 = p1[1], r2 = p2[0], m2 = p2[1], r3 = p3[0], m3 = p3[1];
      double x, y;
#define PAIR(ra, ma, rb, mb) x = c * ra - s * mb; y = c * ma + s * rb; rb = c * rb - s * ma; mb = c * mb + s * ra; ra = x; ma = y;
      PAIR(r0, m0, r1, m1) PAIR(r2, m2, r3, m3) PAIR(r0, m0, r2, m2) PAIR(r1, m1, r3, m3)
#undef PAIR
      p0[0] = r0; p0[1] = m0; p1[0] = r1; p1[1] = m1; p2[0] = r2; p2[1] = m2; p3[0] = r3; p3[1] = m3;
    }
    g = end;
  }
}

static inline void rx1(double* __restrict a, int q, double c, double s, size_t g0, size_t g1) {
  const size_t d = size_t(1) << q, span = 2 * d;
  size_t g = g0;
  while (g < g1) {
    size_t hi = g / d, end = std::min(g1, (hi + 1) * d);
    size_t i = 2 * (hi * 2 * d + (g - hi * d));
    for (size_t k = end - g; k > 0; k--, i += 2) {
      double* p0 = a + i; double* p1 = p0 + span;
      double r0 = p0[0], m0 = p0[1], r1 = p1[0], m1 = p1[1];
      p0[0] = c * r0 - s * m1; p0[1] = c * m0 + s * r1; p1[0] = c * r1 - s * m0; p1[1] = c * m1 + s * r0;
    }
    g = end;
  }
}

static void rxRange(double* a, int q0, int q1, double c, double s, size_t z0, size_t z1) {
  int q = q0;
  for (; q + 3 <= q1; q += 3) rx3(a, q, c, s, z0 / 8, z1 / 8);
  if (q + 2 <= q1) rx2(a, q, c, s, z0 / 4, z1 / 4);
  else if (q + 1 <= q1) rx1(a, q, c, s, z0 / 2, z1 / 2);
}

static void diagLevels(double* __restrict a, const uint16_t* __restrict level, const double* __restrict table, size_t z0, size_t z1) {
  for (size_t z = z0, i = 2 * z0; z < z1; z++, i += 2) {
    size_t l = 2 * size_t(level[z]);
    double pr = table[l], pi = table[l + 1], re = a[i], im = a[i + 1];
    a[i] = re * pr - im * pi;
    a[i + 1] = re * pi + im * pr;
  }
}


// ---- explicit-vector variants (GCC/Clang vector extensions) ------------------------------------------------
typedef double v2d __attribute__((vector_size(16)));
typedef long long v2l __attribute__((vector_size(16)));
typedef double v4d __attribute__((vector_size(32)));
typedef long long v4l __attribute__((vector_size(32)));
static inline v2d swap2(v2d v) { return __builtin_shuffle(v, v2l{1, 0}); }
static inline v4d swap4(v4d v) { return __builtin_shuffle(v, v4l{1, 0, 3, 2}); }
template <class V> static inline V load(const double* p) { V v; __builtin_memcpy(&v, p, sizeof(V)); return v; }
template <class V> static inline void store(double* p, V v) { __builtin_memcpy(p, &v, sizeof(V)); }
static inline v2d swapv(v2d v) { return swap2(v); }
static inline v4d swapv(v4d v) { return swap4(v); }
// (ψx, ψy) -> (C·ψx + S·swap(ψy), C·ψy + S·swap(ψx)), C = (c, c), S = (−s, s): c·r0 − s·m1 etc.
#define VPAIR(x, y) { V t_ = C * x + S * swapv(y); y = C * y + S * swapv(x); x = t_; }

// K = 1, 2, 3 qubits from q; W = amplitudes per vector (1: v2d, 2: v4d; W = 2 needs 2^q >= 2)
template <int K, class V, int W>
static void rxv(double* __restrict a, int q, double c, double s, size_t g0, size_t g1) {
  constexpr int M = 1 << K;
  const size_t d = size_t(1) << q, span = 2 * d;
  V C, S;
  for (int j = 0; j < 2 * W; j += 2) { C[j] = c; C[j + 1] = c; S[j] = -s; S[j + 1] = s; }
  size_t g = g0;
  while (g < g1) {
    size_t hi = g >> q, end = std::min(g1, (hi + 1) << q);
    size_t i = 2 * ((hi << (q + K)) + (g - (hi << q)));
    for (size_t k = end - g; k > 0; k -= W, i += 2 * W) {
      double* p = a + i;
      V v[M];  // fully unrolled, so v[] lives in registers
#pragma GCC unroll 8
      for (int j = 0; j < M; j++) v[j] = load<V>(p + j * span);
#pragma GCC unroll 3
      for (int bit = 0; bit < K; bit++)
#pragma GCC unroll 8
        for (int j = 0; j < M; j++)
          if (!(j & (1 << bit))) VPAIR(v[j], v[j | (1 << bit)])
#pragma GCC unroll 8
      for (int j = 0; j < M; j++) store<V>(p + j * span, v[j]);
    }
    g = end;
  }
}

template <int K>
static void rxk(const char* kind, double* a, int q, double c, double s, size_t g0, size_t g1) {
  if (kind[3] == '4' && q >= 1 && (g0 % 2) == 0 && (g1 % 2) == 0) rxv<K, v4d, 2>(a, q, c, s, g0, g1);
  else rxv<K, v2d, 1>(a, q, c, s, g0, g1);
}

// ψ(z) *= (pr, pi) with a 32-byte table entry (pr, pi, −pi, pr): (re, re)·(pr, pi) + (im, im)·(−pi, pr)
static void diagLevelsV(double* __restrict a, const uint16_t* __restrict level, const double* __restrict t4, size_t z0, size_t z1) {
  for (size_t z = z0; z < z1; z++) {
    const double* t = t4 + 4 * size_t(level[z]);
    v2d v = load<v2d>(a + 2 * z);
    v2d re = __builtin_shuffle(v, v2l{0, 0}), im = __builtin_shuffle(v, v2l{1, 1});
    store<v2d>(a + 2 * z, re * load<v2d>(t) + im * load<v2d>(t + 2));
  }
}

static void rxRangeV(const char* kind, double* a, int q0, int q1, double c, double s, size_t z0, size_t z1) {
  int q = q0;
  for (; q + 3 <= q1; q += 3) rxk<3>(kind, a, q, c, s, z0 / 8, z1 / 8);
  if (q + 2 <= q1) rxk<2>(kind, a, q, c, s, z0 / 4, z1 / 4);
  else if (q + 1 <= q1) rxk<1>(kind, a, q, c, s, z0 / 2, z1 / 2);
}

// ---- staging (step.ts / kernels.ts rxStaged): passes over qubits >= 24 rotate 2^10-group sub-runs in a scratch
static double stageBuf[2 * 8 * 1024] __attribute__((aligned(64)));
template <class F>
static void staged(F rx, double* a, int q, int k, double c, double s, size_t g0, size_t g1) {
  const int r = 10;
  const size_t d = size_t(1) << q, m = size_t(1) << k, R = size_t(1) << r;
  size_t g = g0;
  while (g < g1) {
    size_t hi = g >> q, end = std::min(std::min(g1, (hi + 1) << q), g + R), len = end - g;
    size_t base = 2 * ((hi << (q + k)) + (g - (hi << q)));
    for (size_t j = 0; j < m; j++) std::memcpy(stageBuf + 2 * j * R, a + base + 2 * j * d, 16 * len);
    rx(stageBuf, r, c, s, 0, len);
    for (size_t j = 0; j < m; j++) std::memcpy(a + base + 2 * j * d, stageBuf + 2 * j * R, 16 * len);
    g = end;
  }
}

// one high pass on k qubits from q (all of N/2^k groups), staged when it touches qubit 24 or above
static void highPass(bool plain, const char* kind, double* a, int q, int k, double c, double s, size_t N) {
  auto rx = [&](double* x, int qq, double cc, double ss, size_t g0, size_t g1) {
    if (plain) {
      if (k == 3) rx3(x, qq, cc, ss, g0, g1);
      else if (k == 2) rx2(x, qq, cc, ss, g0, g1);
      else rx1(x, qq, cc, ss, g0, g1);
    } else {
      if (k == 3) rxk<3>(kind, x, qq, cc, ss, g0, g1);
      else if (k == 2) rxk<2>(kind, x, qq, cc, ss, g0, g1);
      else rxk<1>(kind, x, qq, cc, ss, g0, g1);
    }
  };
  if (q + k - 1 >= 24) staged(rx, a, q, k, c, s, 0, N >> k);
  else rx(a, q, c, s, 0, N >> k);
}

int main(int argc, char** argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20;
  int reps = argc > 2 ? atoi(argv[2]) : 5;
  const char* kind = argc > 3 ? argv[3] : "plain";
  const bool plain = std::string(kind) == "plain";
  if (!plain && std::string(kind) != "vec2" && std::string(kind) != "vec4") { fprintf(stderr, "kernel: plain|vec2|vec4\n"); return 2; }
  size_t N = size_t(1) << n;
  // model and its levels (not timed)
  std::vector<int> eu, ev, ew;
  for (int i = 0; i < n; i++) {
    eu.push_back(i); ev.push_back((i + 1) % n); ew.push_back(((i * 7 + 3) % 5) < 2 ? 1 : -1);
    eu.push_back(i); ev.push_back((i + 5) % n); ew.push_back(((i * 11 + 1) % 3) == 0 ? 1 : -1);
  }
  std::vector<int> E(N);
  int emin = 1 << 30, emax = -(1 << 30);
  for (size_t z = 0; z < N; z++) {
    int e = 0;
    for (size_t k = 0; k < eu.size(); k++) {
      int su = (z >> eu[k]) & 1 ? -1 : 1, sv = (z >> ev[k]) & 1 ? -1 : 1;
      e += ew[k] * su * sv;
    }
    E[z] = e; emin = std::min(emin, e); emax = std::max(emax, e);
  }
  int count = emax - emin + 1;
  std::vector<uint16_t> level(N);
  for (size_t z = 0; z < N; z++) level[z] = uint16_t(E[z] - emin);
  std::vector<double> a(2 * N), table(2 * count), table4(4 * count);
  for (size_t z = 0; z < N; z++) { a[2 * z] = 1.0 / std::sqrt(double(N)); a[2 * z + 1] = 0; }
  const double phi = 0.05, th = 0.03, c = std::cos(th), s = std::sin(th);
  const int b = std::min(n, 12);
  const size_t B = size_t(1) << b;
  std::vector<double> times, walls;
  auto cpu = []() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
  };
  for (int r = 0; r < reps + 1; r++) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu();
    if (plain) {
      for (int l = 0; l < count; l++) { double ph = phi * (emin + l); table[2 * l] = std::cos(ph); table[2 * l + 1] = -std::sin(ph); }
      for (size_t z0 = 0; z0 < N; z0 += B) {
        diagLevels(a.data(), level.data(), table.data(), z0, z0 + B);
        rxRange(a.data(), 0, b, c, s, z0, z0 + B);
      }
      for (int q = b; q < n; q += 3) highPass(true, kind, a.data(), q, std::min(3, n - q), c, s, N);
    } else {
      for (int l = 0; l < count; l++) {
        double ph = phi * (emin + l), pr = std::cos(ph), pi = -std::sin(ph);
        table4[4 * l] = pr; table4[4 * l + 1] = pi; table4[4 * l + 2] = -pi; table4[4 * l + 3] = pr;
      }
      for (size_t z0 = 0; z0 < N; z0 += B) {
        diagLevelsV(a.data(), level.data(), table4.data(), z0, z0 + B);
        rxRangeV(kind, a.data(), 0, b, c, s, z0, z0 + B);
      }
      for (int q = b; q < n; q += 3) highPass(false, kind, a.data(), q, std::min(3, n - q), c, s, N);
    }
    auto t1 = std::chrono::steady_clock::now();
    double c1 = cpu();
    if (r > 0) {
      times.push_back(c1 - c0);
      walls.push_back(std::chrono::duration<double>(t1 - t0).count());
    }
  }
  std::sort(times.begin(), times.end());
  std::sort(walls.begin(), walls.end());
  double check = 0;
  for (size_t z = 0; z < N; z += 97) check += a[2 * z] - 0.5 * a[2 * z + 1];
  printf("%.9g %.15g %.9g\n", times[times.size() / 2], check, walls[walls.size() / 2]);
  return 0;
}
