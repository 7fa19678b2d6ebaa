;; Trotter-step kernels of the statevector engine in WebAssembly with 128-bit SIMD (f64x2): the same passes
;; and the same floating-point operations, in the same order, as the float64 TypeScript reference
;; (kernels.ts, step.ts), so both give bit-identical states (test/statevector/wasm.test.ts).
;;
;; Memory (imported, shared so that a worker team runs on one state): byte addresses are i32 read as unsigned,
;; so a state of up to 2^27 amplitudes (2 GiB) plus its levels fits the 4 GiB of a wasm32 memory (wasm-kernel.ts
;; lays it out). One amplitude is one v128: (Re ψ, Im ψ), 16 bytes, as in the interleaved Float64Array.
;;
;; x-rotation exp(iθσx) on a pair (ψ0, ψ1), with C = (c, c), S = (−s, s) and swap(r, m) = (m, r):
;;   ψ0' = C·ψ0 + S·swap(ψ1) = (c·r0 − s·m1, c·m0 + s·r1),   ψ1' = C·ψ1 + S·swap(ψ0) = (c·r1 − s·m0, c·m1 + s·r0)
;; which is exactly kernels.ts's c·r0 − s·m1 etc. (x + (−s)·y rounds like x − s·y; no fused multiply-add).
;; Diagonal: ψ' = (re, re)·(pr, pi) + (im, im)·(−pi, pr) = (re·pr − im·pi, re·pi + im·pr) with a level table of
;; 32-byte entries (pr, pi, −pi, pr), pr + i·pi = exp(−iφE_ℓ).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; rx1: x-rotations of qubits q … q+0 on the groups g ∈ [g0, g1) of N/2 (a group: the 2 amplitudes
  ;; hi·2^(q+1) + lo + j·2^q, j < 2, for g = hi·2^q + lo). Same arithmetic as kernels.ts rx1.
  (func $rx1 (export "rx1")
    (param $a i32) (param $q i32) (param $c f64) (param $s f64) (param $g0 i32) (param $g1 i32)
    (local $C v128) (local $S v128) (local $t v128)
    (local $v0 v128) (local $v1 v128)
    (local $span i32) (local $g i32) (local $hi i32) (local $end i32) (local $p i32) (local $cnt i32)
    (local.set $C (f64x2.splat (local.get $c)))
    (local.set $S (f64x2.replace_lane 0 (f64x2.splat (local.get $s)) (f64.neg (local.get $s))))
    (local.set $span (i32.shl (i32.const 16) (local.get $q)))
    (local.set $g (local.get $g0))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_u (local.get $g) (local.get $g1)))
        ;; a run: consecutive g with the same hi (contiguous amplitudes)
        (local.set $hi (i32.shr_u (local.get $g) (local.get $q)))
        (local.set $end (i32.shl (i32.add (local.get $hi) (i32.const 1)) (local.get $q)))
        (if (i32.gt_u (local.get $end) (local.get $g1)) (then (local.set $end (local.get $g1))))
        ;; p = a + 16·(hi·2^(q+1) + g − hi·2^q)
        (local.set $p (i32.add (local.get $a) (i32.shl
          (i32.add (i32.shl (local.get $hi) (i32.add (local.get $q) (i32.const 1)))
                   (i32.sub (local.get $g) (i32.shl (local.get $hi) (local.get $q))))
          (i32.const 4))))
        (local.set $cnt (i32.sub (local.get $end) (local.get $g)))
        (loop $amps
          (local.set $v0 (v128.load (local.get $p)))
          (local.set $v1 (v128.load (i32.add (local.get $p) (local.get $span))))
          ;; qubit q+0: pairs (0,1)
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v0)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))))
          (local.set $v1 (f64x2.add (f64x2.mul (local.get $C) (local.get $v1)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
          (local.set $v0 (local.get $t))
          (v128.store (local.get $p) (local.get $v0))
          (v128.store (i32.add (local.get $p) (local.get $span)) (local.get $v1))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $amps (local.tee $cnt (i32.sub (local.get $cnt) (i32.const 1)))))
        (local.set $g (local.get $end))
        (br $runs)))
  )

  ;; rx2: x-rotations of qubits q … q+1 on the groups g ∈ [g0, g1) of N/4 (a group: the 4 amplitudes
  ;; hi·2^(q+2) + lo + j·2^q, j < 4, for g = hi·2^q + lo). Same arithmetic as kernels.ts rx2.
  (func $rx2 (export "rx2")
    (param $a i32) (param $q i32) (param $c f64) (param $s f64) (param $g0 i32) (param $g1 i32)
    (local $C v128) (local $S v128) (local $t v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $span i32) (local $g i32) (local $hi i32) (local $end i32) (local $p i32) (local $cnt i32)
    (local.set $C (f64x2.splat (local.get $c)))
    (local.set $S (f64x2.replace_lane 0 (f64x2.splat (local.get $s)) (f64.neg (local.get $s))))
    (local.set $span (i32.shl (i32.const 16) (local.get $q)))
    (local.set $g (local.get $g0))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_u (local.get $g) (local.get $g1)))
        ;; a run: consecutive g with the same hi (contiguous amplitudes)
        (local.set $hi (i32.shr_u (local.get $g) (local.get $q)))
        (local.set $end (i32.shl (i32.add (local.get $hi) (i32.const 1)) (local.get $q)))
        (if (i32.gt_u (local.get $end) (local.get $g1)) (then (local.set $end (local.get $g1))))
        ;; p = a + 16·(hi·2^(q+2) + g − hi·2^q)
        (local.set $p (i32.add (local.get $a) (i32.shl
          (i32.add (i32.shl (local.get $hi) (i32.add (local.get $q) (i32.const 2)))
                   (i32.sub (local.get $g) (i32.shl (local.get $hi) (local.get $q))))
          (i32.const 4))))
        (local.set $cnt (i32.sub (local.get $end) (local.get $g)))
        (loop $amps
          (local.set $v0 (v128.load (local.get $p)))
          (local.set $v1 (v128.load (i32.add (local.get $p) (local.get $span))))
          (local.set $v2 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 2)))))
          (local.set $v3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 3)))))
          ;; qubit q+0: pairs (0,1) (2,3)
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v0)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))))
          (local.set $v1 (f64x2.add (f64x2.mul (local.get $C) (local.get $v1)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
          (local.set $v0 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v2)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v3) (local.get $v3)))))
          (local.set $v3 (f64x2.add (f64x2.mul (local.get $C) (local.get $v3)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v2) (local.get $v2)))))
          (local.set $v2 (local.get $t))
          ;; qubit q+1: pairs (0,2) (1,3)
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v0)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v2) (local.get $v2)))))
          (local.set $v2 (f64x2.add (f64x2.mul (local.get $C) (local.get $v2)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
          (local.set $v0 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v1)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v3) (local.get $v3)))))
          (local.set $v3 (f64x2.add (f64x2.mul (local.get $C) (local.get $v3)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))))
          (local.set $v1 (local.get $t))
          (v128.store (local.get $p) (local.get $v0))
          (v128.store (i32.add (local.get $p) (local.get $span)) (local.get $v1))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 2))) (local.get $v2))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 3))) (local.get $v3))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $amps (local.tee $cnt (i32.sub (local.get $cnt) (i32.const 1)))))
        (local.set $g (local.get $end))
        (br $runs)))
  )

  ;; rx3: x-rotations of qubits q … q+2 on the groups g ∈ [g0, g1) of N/8 (a group: the 8 amplitudes
  ;; hi·2^(q+3) + lo + j·2^q, j < 8, for g = hi·2^q + lo). Same arithmetic as kernels.ts rx3.
  (func $rx3 (export "rx3")
    (param $a i32) (param $q i32) (param $c f64) (param $s f64) (param $g0 i32) (param $g1 i32)
    (local $C v128) (local $S v128) (local $t v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128) (local $v5 v128) (local $v6 v128) (local $v7 v128)
    (local $span i32) (local $g i32) (local $hi i32) (local $end i32) (local $p i32) (local $cnt i32)
    (local.set $C (f64x2.splat (local.get $c)))
    (local.set $S (f64x2.replace_lane 0 (f64x2.splat (local.get $s)) (f64.neg (local.get $s))))
    (local.set $span (i32.shl (i32.const 16) (local.get $q)))
    (local.set $g (local.get $g0))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_u (local.get $g) (local.get $g1)))
        ;; a run: consecutive g with the same hi (contiguous amplitudes)
        (local.set $hi (i32.shr_u (local.get $g) (local.get $q)))
        (local.set $end (i32.shl (i32.add (local.get $hi) (i32.const 1)) (local.get $q)))
        (if (i32.gt_u (local.get $end) (local.get $g1)) (then (local.set $end (local.get $g1))))
        ;; p = a + 16·(hi·2^(q+3) + g − hi·2^q)
        (local.set $p (i32.add (local.get $a) (i32.shl
          (i32.add (i32.shl (local.get $hi) (i32.add (local.get $q) (i32.const 3)))
                   (i32.sub (local.get $g) (i32.shl (local.get $hi) (local.get $q))))
          (i32.const 4))))
        (local.set $cnt (i32.sub (local.get $end) (local.get $g)))
        (loop $amps
          (local.set $v0 (v128.load (local.get $p)))
          (local.set $v1 (v128.load (i32.add (local.get $p) (local.get $span))))
          (local.set $v2 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 2)))))
          (local.set $v3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 3)))))
          (local.set $v4 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 4)))))
          (local.set $v5 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 5)))))
          (local.set $v6 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 6)))))
          (local.set $v7 (v128.load (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 7)))))
          ;; qubit q+0: pairs (0,1) (2,3) (4,5) (6,7)
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v0)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))))
          (local.set $v1 (f64x2.add (f64x2.mul (local.get $C) (local.get $v1)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
          (local.set $v0 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v2)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v3) (local.get $v3)))))
          (local.set $v3 (f64x2.add (f64x2.mul (local.get $C) (local.get $v3)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v2) (local.get $v2)))))
          (local.set $v2 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v4)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v5) (local.get $v5)))))
          (local.set $v5 (f64x2.add (f64x2.mul (local.get $C) (local.get $v5)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v4) (local.get $v4)))))
          (local.set $v4 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v6)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v7) (local.get $v7)))))
          (local.set $v7 (f64x2.add (f64x2.mul (local.get $C) (local.get $v7)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v6) (local.get $v6)))))
          (local.set $v6 (local.get $t))
          ;; qubit q+1: pairs (0,2) (1,3) (4,6) (5,7)
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v0)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v2) (local.get $v2)))))
          (local.set $v2 (f64x2.add (f64x2.mul (local.get $C) (local.get $v2)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
          (local.set $v0 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v1)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v3) (local.get $v3)))))
          (local.set $v3 (f64x2.add (f64x2.mul (local.get $C) (local.get $v3)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))))
          (local.set $v1 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v4)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v6) (local.get $v6)))))
          (local.set $v6 (f64x2.add (f64x2.mul (local.get $C) (local.get $v6)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v4) (local.get $v4)))))
          (local.set $v4 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v5)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v7) (local.get $v7)))))
          (local.set $v7 (f64x2.add (f64x2.mul (local.get $C) (local.get $v7)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v5) (local.get $v5)))))
          (local.set $v5 (local.get $t))
          ;; qubit q+2: pairs (0,4) (1,5) (2,6) (3,7)
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v0)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v4) (local.get $v4)))))
          (local.set $v4 (f64x2.add (f64x2.mul (local.get $C) (local.get $v4)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0)))))
          (local.set $v0 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v1)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v5) (local.get $v5)))))
          (local.set $v5 (f64x2.add (f64x2.mul (local.get $C) (local.get $v5)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1)))))
          (local.set $v1 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v2)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v6) (local.get $v6)))))
          (local.set $v6 (f64x2.add (f64x2.mul (local.get $C) (local.get $v6)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v2) (local.get $v2)))))
          (local.set $v2 (local.get $t))
          (local.set $t (f64x2.add (f64x2.mul (local.get $C) (local.get $v3)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v7) (local.get $v7)))))
          (local.set $v7 (f64x2.add (f64x2.mul (local.get $C) (local.get $v7)) (f64x2.mul (local.get $S) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v3) (local.get $v3)))))
          (local.set $v3 (local.get $t))
          (v128.store (local.get $p) (local.get $v0))
          (v128.store (i32.add (local.get $p) (local.get $span)) (local.get $v1))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 2))) (local.get $v2))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 3))) (local.get $v3))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 4))) (local.get $v4))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 5))) (local.get $v5))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 6))) (local.get $v6))
          (v128.store (i32.add (local.get $p) (i32.mul (local.get $span) (i32.const 7))) (local.get $v7))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $amps (local.tee $cnt (i32.sub (local.get $cnt) (i32.const 1)))))
        (local.set $g (local.get $end))
        (br $runs)))
  )

  ;; ψ(z) *= table[level[z]] for z ∈ [z0, z1): `lev` is the Uint16 level array, `tab` the 32-byte-entry table.
  (func $diag (export "diag") (param $a i32) (param $lev i32) (param $tab i32) (param $z0 i32) (param $z1 i32)
    (local $p i32) (local $l i32) (local $e i32) (local $T i32) (local $v v128)
    (local.set $p (i32.add (local.get $a) (i32.shl (local.get $z0) (i32.const 4))))
    (local.set $l (i32.add (local.get $lev) (i32.shl (local.get $z0) (i32.const 1))))
    (local.set $e (i32.add (local.get $lev) (i32.shl (local.get $z1) (i32.const 1))))
    (block $done
      (loop $amps
        (br_if $done (i32.ge_u (local.get $l) (local.get $e)))
        (local.set $T (i32.add (local.get $tab) (i32.shl (i32.load16_u (local.get $l)) (i32.const 5))))
        (local.set $v (v128.load (local.get $p)))
        (v128.store (local.get $p)
          (f64x2.add
            (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))
                       (v128.load (local.get $T)))
            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v))
                       (v128.load offset=16 (local.get $T)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $l (i32.add (local.get $l) (i32.const 2)))
        (br $amps)))
  )

  ;; The cache-blocked part of a step (step.ts trotterStep): for each block of 2^b amplitudes in [z0, z1)
  ;; (multiples of 2^b), the diagonal when `withDiag` ≠ 0, then the x-rotations of qubits 0 … b−1, three per
  ;; pass (rx3), then rx2 or rx1 for the rest (rxRange).
  (func $blocks (export "blocks")
    (param $a i32) (param $lev i32) (param $tab i32) (param $b i32) (param $c f64) (param $s f64)
    (param $z0 i32) (param $z1 i32) (param $withDiag i32)
    (local $z i32) (local $ze i32) (local $q i32)
    (local.set $z (local.get $z0))
    (block $done
      (loop $blk
        (br_if $done (i32.ge_u (local.get $z) (local.get $z1)))
        (local.set $ze (i32.add (local.get $z) (i32.shl (i32.const 1) (local.get $b))))
        (if (local.get $withDiag)
          (then (call $diag (local.get $a) (local.get $lev) (local.get $tab) (local.get $z) (local.get $ze))))
        (local.set $q (i32.const 0))
        (block $rxdone
          (loop $rx
            (br_if $rxdone (i32.gt_u (i32.add (local.get $q) (i32.const 3)) (local.get $b)))
            (call $rx3 (local.get $a) (local.get $q) (local.get $c) (local.get $s)
              (i32.shr_u (local.get $z) (i32.const 3)) (i32.shr_u (local.get $ze) (i32.const 3)))
            (local.set $q (i32.add (local.get $q) (i32.const 3)))
            (br $rx)))
        (if (i32.le_u (i32.add (local.get $q) (i32.const 2)) (local.get $b))
          (then
            (call $rx2 (local.get $a) (local.get $q) (local.get $c) (local.get $s)
              (i32.shr_u (local.get $z) (i32.const 2)) (i32.shr_u (local.get $ze) (i32.const 2))))
          (else
            (if (i32.lt_u (local.get $q) (local.get $b))
              (then
                (call $rx1 (local.get $a) (local.get $q) (local.get $c) (local.get $s)
                  (i32.shr_u (local.get $z) (i32.const 1)) (i32.shr_u (local.get $ze) (i32.const 1)))))))
        (local.set $z (local.get $ze))
        (br $blk)))
  )

  ;; rxs: rx1/rx2/rx3 (k qubits from q) on groups [g0, g1) staged through a scratch area `scr`: for every
  ;; sub-run of up to 2^r groups the 2^k segments are copied to scratch (segment j at scr + j·16·2^r), rotated
  ;; there as qubits r … r+k−1 of a 2^(r+k)-amplitude state (the same operations on the same values), and
  ;; copied back. For passes over qubits ≥ 24, whose segments lie a multiple of 256 MiB apart: rotating them in
  ;; place interleaves loads and stores 2^28 bytes apart, which ran 5–8× slower on the benchmark machine
  ;; (docs/statevector.md); copies move one segment at a time.
  (func $rxs (export "rxs")
    (param $a i32) (param $q i32) (param $k i32) (param $c f64) (param $s f64) (param $g0 i32) (param $g1 i32)
    (param $scr i32) (param $r i32)
    (local $g i32) (local $hi i32) (local $end i32) (local $len i32) (local $base i32) (local $j i32) (local $m i32)
    (local.set $m (i32.shl (i32.const 1) (local.get $k)))
    (local.set $g (local.get $g0))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_u (local.get $g) (local.get $g1)))
        (local.set $hi (i32.shr_u (local.get $g) (local.get $q)))
        (local.set $end (i32.shl (i32.add (local.get $hi) (i32.const 1)) (local.get $q)))
        (if (i32.gt_u (local.get $end) (local.get $g1)) (then (local.set $end (local.get $g1))))
        (if (i32.gt_u (local.get $end) (i32.add (local.get $g) (i32.shl (i32.const 1) (local.get $r))))
          (then (local.set $end (i32.add (local.get $g) (i32.shl (i32.const 1) (local.get $r))))))
        (local.set $len (i32.shl (i32.sub (local.get $end) (local.get $g)) (i32.const 4)))
        (local.set $base (i32.add (local.get $a) (i32.shl
          (i32.add (i32.shl (local.get $hi) (i32.add (local.get $q) (local.get $k)))
                   (i32.sub (local.get $g) (i32.shl (local.get $hi) (local.get $q))))
          (i32.const 4))))
        (local.set $j (i32.const 0))
        (loop $in
          (memory.copy
            (i32.add (local.get $scr) (i32.shl (local.get $j) (i32.add (local.get $r) (i32.const 4))))
            (i32.add (local.get $base) (i32.shl (local.get $j) (i32.add (local.get $q) (i32.const 4))))
            (local.get $len))
          (br_if $in (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $m))))
        (if (i32.eq (local.get $k) (i32.const 3))
          (then (call $rx3 (local.get $scr) (local.get $r) (local.get $c) (local.get $s) (i32.const 0) (i32.shr_u (local.get $len) (i32.const 4))))
          (else (if (i32.eq (local.get $k) (i32.const 2))
            (then (call $rx2 (local.get $scr) (local.get $r) (local.get $c) (local.get $s) (i32.const 0) (i32.shr_u (local.get $len) (i32.const 4))))
            (else (call $rx1 (local.get $scr) (local.get $r) (local.get $c) (local.get $s) (i32.const 0) (i32.shr_u (local.get $len) (i32.const 4)))))))
        (local.set $j (i32.const 0))
        (loop $out
          (memory.copy
            (i32.add (local.get $base) (i32.shl (local.get $j) (i32.add (local.get $q) (i32.const 4))))
            (i32.add (local.get $scr) (i32.shl (local.get $j) (i32.add (local.get $r) (i32.const 4))))
            (local.get $len))
          (br_if $out (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $m))))
        (local.set $g (local.get $end))
        (br $runs)))
  )
)
