;; Monte Carlo sweeps in WebAssembly: the PIMC Metropolis pass, the PIMC worldline (imaginary-time cluster)
;; pass, the SA sweep and the SVMC sweep. They make the same decisions, draw the same xoshiro128** numbers in the
;; same order and do the same floating-point operations in the same order as the TypeScript reference
;; (pimc-kernel.ts, sa-kernel.ts, svmc-kernel.ts, metropolis.ts, field-update.ts) and, for PIMC and SA, the native
;; port (native-bench/pimc/kernels.cpp), so all give bit-identical trajectories (test/mc/wasm-kernel.test.ts, and
;; the pimc bench's sameTrajectory check).
;; (Comments are ASCII: wabt's parseWat reads the text as one byte per character.)
;;
;; One memory per read loop (per thread), laid out by wasm-kernel.ts; byte offsets are i32 read as unsigned.
;; The header at address 0 (i32 words) says where everything is:
;;   0 n   4 P (slices; 1 for SA)   8 rowPtr (n+1 i32)   12 colOff (nnz i32: the column index * 8, i.e. the byte
;;   offset of the neighbour's field inside a slice)   16 w2 (nnz f64: 2*J, see below)   20 spins (P*n i8)
;;   24 field (P*n f64, slice-major)   28 ring (P+1 i32, worldline scratch)   32..47 the xoshiro128** state
;;   s0..s3 (wasm-kernel.ts copies the Rng's state in before a sweep and back after it)   48 weights (nnz f64:
;;   J, for the fields from scratch)   52 linear (n f64: h)   56, 60 the qubit range [i0, i1) the Metropolis
;;   and worldline passes visit (0 and n, i.e. every qubit, unless a per-qubit anneal sets a group's range)
;;   64 betas (a block of up to 512 f64 of an SA schedule, for anneal).
;;
;; Random numbers: the passes keep the xoshiro128** state in the header and load/store it around each draw (four
;; registers fewer in the loops: measured 1.5-2 % faster per pass than holding it in locals, which V8 spilled).
;;
;; Field updates. The reference subtracts m*J (m = 2s = +-2) from each neighbour's field. Here the weights are
;; stored doubled (w2 = 2*J, exact) and a flip of s = +1 subtracts w2, of s = -1 adds it: m*J is exactly +-w2 and
;; f - (-w2) is by definition of IEEE subtraction f + w2, so every field gets the same single rounding as in the
;; reference. Rows are walked four edges a turn (each field entry still changes once; the order is the same).
;;
;; Math.exp and Math.log are imported (wasm has neither): the same functions the TypeScript kernels call, so the
;; rare exp band of an acceptance test and the geometric gap draws give the same values. expm1/log1p are only
;; needed once per worldline pass; the caller computes q, 1 - q and ln(1 - q) and passes them in.
(module
  (import "env" "memory" (memory 1))
  (import "Math" "exp" (func $exp (param f64) (result f64)))
  (import "Math" "log" (func $log (param f64) (result f64)))

  ;; The local fields from scratch, f_{k,i} = h_i + sum_p J_p * s_{k,col_p} added in row order (field-update.ts
  ;; rowDot, as PimcState.recomputeFields and classicalFields do), for every slice.
  (func $fields (export "fields")
    (local $n i32) (local $P i32) (local $rp i32) (local $col i32) (local $w i32) (local $lin i32)
    (local $base i32) (local $fa i32) (local $fe i32) (local $k i32) (local $i i32) (local $pc i32) (local $pe i32)
    (local $pw i32) (local $acc f64)
    (local.set $n (i32.load (i32.const 0)))
    (local.set $P (i32.load (i32.const 4)))
    (local.set $rp (i32.load (i32.const 8)))
    (local.set $col (i32.load (i32.const 12)))
    (local.set $w (i32.load (i32.const 48)))
    (local.set $lin (i32.load (i32.const 52)))
    (local.set $base (i32.load (i32.const 20)))
    (local.set $fa (i32.load (i32.const 24)))
    (local.set $k (i32.const 0))
    (block $slices_done
      (loop $slices
        (br_if $slices_done (i32.ge_s (local.get $k) (local.get $P)))
        (local.set $i (i32.const 0))
        (block $spins_done
          (loop $spins
            (br_if $spins_done (i32.ge_s (local.get $i) (local.get $n)))
            (local.set $acc (f64.load (i32.add (local.get $lin) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $pc (i32.load (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $pe (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $pc) (i32.const 3))))
            (local.set $pc (i32.add (local.get $col) (i32.shl (local.get $pc) (i32.const 2))))
            (local.set $pe (i32.add (local.get $col) (i32.shl (local.get $pe) (i32.const 2))))
            (block $row_done
              (loop $row
                (br_if $row_done (i32.ge_u (local.get $pc) (local.get $pe)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (f64.load (local.get $pw))
                  (f64.convert_i32_s (i32.load8_s (i32.add (local.get $base)
                    (i32.shr_u (i32.load (local.get $pc)) (i32.const 3))))))))
                (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
                (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
                (br $row)))
            (f64.store (local.get $fa) (local.get $acc))
            (local.set $fa (i32.add (local.get $fa) (i32.const 8)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $spins)))
        (local.set $base (i32.add (local.get $base) (local.get $n)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $slices)))
  )

  ;; One Metropolis pass over every slice and spin (pimc-kernel.ts metropolisPass): a = betaL/P, K = slice
  ;; coupling. dS = s (2K (s_up + s_dn) - 2a f); dS > 0 is accepted with probability e^{-dS} (metropolis.ts
  ;; acceptUphill), dS > 23 is rejected without a draw. Returns the number of flips.
  (func $metropolis (export "metropolis") (param $a f64) (param $K f64) (result i32)
    (local $n i32) (local $P i32) (local $sp i32) (local $fd i32) (local $k i32) (local $flips i32)
    (local $a2 f64) (local $K2 f64)
    (local.set $a2 (f64.mul (f64.const 2) (local.get $a)))
    (local.set $K2 (f64.mul (f64.const 2) (local.get $K)))
    (local.set $n (i32.load (i32.const 0)))
    (local.set $P (i32.load (i32.const 4)))
    (local.set $sp (i32.load (i32.const 20)))
    (local.set $fd (i32.load (i32.const 24)))
    (local.set $k (i32.const 0))
    (block $slices_done
      (loop $slices
        (br_if $slices_done (i32.ge_s (local.get $k) (local.get $P)))
        ;; this slice's spins, its neighbours' along the ring, and its fields
        (local.set $flips (i32.add (local.get $flips) (call $metropolisSlice
          (i32.add (local.get $sp) (i32.mul (local.get $k) (local.get $n)))
          (i32.add (local.get $sp) (i32.mul (local.get $n)
            (select (i32.const 0) (i32.add (local.get $k) (i32.const 1))
              (i32.eq (i32.add (local.get $k) (i32.const 1)) (local.get $P)))))
          (i32.add (local.get $sp) (i32.mul (local.get $n)
            (select (i32.sub (local.get $P) (i32.const 1)) (i32.sub (local.get $k) (i32.const 1))
              (i32.eqz (local.get $k)))))
          (i32.add (local.get $fd) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 3)))
          (local.get $a2) (local.get $K2))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $slices)))
    (local.get $flips)
  )

  ;; The Metropolis pass over one slice: spins at base, the neighbouring slices' at up and dn, fields at fb;
  ;; a2 = 2a, K2 = 2K. (A function of its own, so that V8 keeps the per-slice values out of the spin loop.)
  (func $metropolisSlice (param $base i32) (param $up i32) (param $dn i32) (param $fb i32) (param $a2 f64)
    (param $K2 f64) (result i32)
    (local $n i32) (local $rp i32) (local $col i32) (local $w i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $x i32) (local $r i32) (local $t i32)
    (local $flips i32) (local $i i32) (local $s i32) (local $dS f64) (local $u f64)
    (local $pc i32) (local $pe i32) (local $pw i32) (local $fa i32)
    (local.set $n (i32.load (i32.const 60)))  ;; the end of the spin range (header word 60, n by default)
    (local.set $rp (i32.load (i32.const 8)))
    (local.set $col (i32.load (i32.const 12)))
    (local.set $w (i32.load (i32.const 16)))
    (local.set $i (i32.load (i32.const 56)))  ;; its start (header word 56, 0 by default)
    (block $spins_done
      (loop $spins
        (br_if $spins_done (i32.ge_s (local.get $i) (local.get $n)))
        (block $next
          (local.set $s (i32.load8_s (i32.add (local.get $base) (local.get $i))))
          ;; dS = s * (2K * (s_up + s_dn) - 2a * f)
          (local.set $dS (f64.mul (f64.convert_i32_s (local.get $s))
            (f64.sub
              (f64.mul (local.get $K2) (f64.convert_i32_s (i32.add
                (i32.load8_s (i32.add (local.get $up) (local.get $i)))
                (i32.load8_s (i32.add (local.get $dn) (local.get $i))))))
              (f64.mul (local.get $a2)
                (f64.load (i32.add (local.get $fb) (i32.shl (local.get $i) (i32.const 3))))))))
          (if (f64.gt (local.get $dS) (f64.const 0))
            (then
              ;; SKIP_ACTION: e^{-23} < 2^{-32}, rejected without a draw
              (br_if $next (f64.gt (local.get $dS) (f64.const 23)))
              ;; u = next uniform (xoshiro128**)
              (local.set $s0 (i32.load (i32.const 32)))
              (local.set $s1 (i32.load (i32.const 36)))
              (local.set $s2 (i32.load (i32.const 40)))
              (local.set $s3 (i32.load (i32.const 44)))
              (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
              (local.set $r (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
              (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
              (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
              (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
              (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
              (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
              (i32.store (i32.const 32) (local.get $s0))
              (i32.store (i32.const 36) (local.get $s1))
              (i32.store (i32.const 40) (local.get $s2))
              (i32.store (i32.const 44) (local.get $s3))
              (local.set $u (f64.mul (f64.convert_i32_u (local.get $r)) (f64.const 2.3283064365386963e-10)))
              ;; acceptUphill(dS, u): u < 1 - x accepts; u*(1 + x(1 + x(1/2 + x/6))) >= 1 rejects; else u < e^{-x}
              (if (i32.eqz (f64.lt (local.get $u) (f64.sub (f64.const 1) (local.get $dS))))
                (then
                  (br_if $next (f64.ge
                    (f64.mul (local.get $u)
                      (f64.add (f64.const 1) (f64.mul (local.get $dS)
                        (f64.add (f64.const 1) (f64.mul (local.get $dS)
                          (f64.add (f64.const 0.5) (f64.mul (local.get $dS) (f64.const 0.16666666666666666))))))))
                    (f64.const 1)))
                  (br_if $next (i32.eqz
                    (f64.lt (local.get $u) (call $exp (f64.neg (local.get $dS))))))))))
          ;; flip, then f[j] -= 2s*J_ij for the row's neighbours j in this slice (field-update.ts scatterRow)
          (i32.store8 (i32.add (local.get $base) (local.get $i)) (i32.sub (i32.const 0) (local.get $s)))
          (local.set $pc (i32.load (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $pe (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $pc) (i32.const 3))))
          (local.set $pc (i32.add (local.get $col) (i32.shl (local.get $pc) (i32.const 2))))
          (local.set $pe (i32.add (local.get $col) (i32.shl (local.get $pe) (i32.const 2))))
          (if (i32.gt_s (local.get $s) (i32.const 0))
            (then
              (block $quad_done_p
                (loop $quad_p
                  (br_if $quad_done_p (i32.lt_u (i32.sub (local.get $pe) (local.get $pc)) (i32.const 16)))
                  (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=12 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=24 (local.get $pw))))
                  (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                  (local.set $pw (i32.add (local.get $pw) (i32.const 32)))
                  (br $quad_p)))
              (if (i32.lt_u (local.get $pc) (local.get $pe))
                (then
                  (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (if (i32.lt_u (i32.add (local.get $pc) (i32.const 4)) (local.get $pe))
                    (then
                      (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                      (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                      (if (i32.lt_u (i32.add (local.get $pc) (i32.const 8)) (local.get $pe))
                        (then
                          (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                          (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
              ))))))
            )
            (else
              (block $quad_done_m
                (loop $quad_m
                  (br_if $quad_done_m (i32.lt_u (i32.sub (local.get $pe) (local.get $pc)) (i32.const 16)))
                  (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=12 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=24 (local.get $pw))))
                  (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                  (local.set $pw (i32.add (local.get $pw) (i32.const 32)))
                  (br $quad_m)))
              (if (i32.lt_u (local.get $pc) (local.get $pe))
                (then
                  (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (if (i32.lt_u (i32.add (local.get $pc) (i32.const 4)) (local.get $pe))
                    (then
                      (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                      (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                      (if (i32.lt_u (i32.add (local.get $pc) (i32.const 8)) (local.get $pe))
                        (then
                          (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                          (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
              ))))))
            ))
          (local.set $flips (i32.add (local.get $flips) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $spins)))
    (local.get $flips)
  )

  ;; One worldline pass (pimc-kernel.ts worldlinePass): for each qubit, Swendsen-Wang bonds along its ring of
  ;; slices (probability pBond = 1 - q, q = e^{-2K}; when q < 0.1 the bonds before the next break are drawn
  ;; geometrically, gap = floor(ln(1 - u) / lnBond) with lnBond = ln(1 - q), and four equal links with gap >= 4 are
  ;; taken at once), then a heat-bath draw of each cluster's spin from its summed field F (metropolis.ts
  ;; heatBathFlip(-2a*s*F, u)), with its fields updated slice by slice (<= 2 slices) or down each neighbour's
  ;; column (longer clusters). Returns the number of slice spins flipped. The caller passes na2 = -2a and
  ;; sparse = (q < 0.1) (computed here, V8 would recompute them inside the loops).
  (func $worldline (export "worldline")
    (param $na2 f64) (param $q f64) (param $pBond f64) (param $lnBond f64) (param $sparse i32) (result i32)
    (local $n i32) (local $P i32) (local $rp i32) (local $col i32) (local $w i32) (local $sp i32) (local $fd i32)
    (local $rg i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $x i32) (local $r i32) (local $t i32)
    (local $gap f64) (local $u f64) (local $last i32) (local $flips i32)
    (local $i i32) (local $numCuts i32) (local $prev i32) (local $cur i32) (local $k i32) (local $idx i32)
    (local $p0 i32) (local $p1 i32) (local $c i32) (local $from i32) (local $to i32) (local $hi i32)
    (local $wrapHi i32) (local $lo i32) (local $F f64) (local $s i32) (local $xs f64) (local $ax f64)
    (local $lob f64) (local $hiInv f64) (local $y f64) (local $d f64)
    (local $fa i32) (local $fe i32) (local $step i32) (local $pc i32) (local $pe i32) (local $pw i32)
    (local $kk i32) (local $fb i32) (local $end i32)
    (local.set $n (i32.load (i32.const 0)))
    ;; the qubit range [header word 56, header word 60): [0, n) by default
    (local.set $end (i32.load (i32.const 60)))
    (local.set $P (i32.load (i32.const 4)))
    (local.set $rp (i32.load (i32.const 8)))
    (local.set $col (i32.load (i32.const 12)))
    (local.set $w (i32.load (i32.const 16)))
    (local.set $sp (i32.load (i32.const 20)))
    (local.set $fd (i32.load (i32.const 24)))
    (local.set $rg (i32.load (i32.const 28)))
    (local.set $last (i32.mul (i32.sub (local.get $P) (i32.const 1)) (local.get $n)))
    (local.set $step (i32.shl (local.get $n) (i32.const 3)))
    (if (local.get $sparse)
      (then
        (local.set $s0 (i32.load (i32.const 32)))
        (local.set $s1 (i32.load (i32.const 36)))
        (local.set $s2 (i32.load (i32.const 40)))
        (local.set $s3 (i32.load (i32.const 44)))
        (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
        (local.set $r (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (i32.store (i32.const 32) (local.get $s0))
        (i32.store (i32.const 36) (local.get $s1))
        (i32.store (i32.const 40) (local.get $s2))
        (i32.store (i32.const 44) (local.get $s3))
        (local.set $gap
          (if (result f64) (f64.eq (local.get $q) (f64.const 0))
            (then (f64.const inf))
            (else (f64.floor (f64.div
              (call $log (f64.sub (f64.const 1)
                (f64.mul (f64.convert_i32_u (local.get $r)) (f64.const 2.3283064365386963e-10))))
              (local.get $lnBond))))))))
    (local.set $i (i32.load (i32.const 56)))
    (block $qubits_done
      (loop $qubits
        (br_if $qubits_done (i32.ge_s (local.get $i) (local.get $end)))
        ;; ring[c] = first slice of cluster c: a cut sits between slice k - 1 and k unless they are bonded
        (local.set $numCuts (i32.const 0))
        (local.set $prev (i32.load8_s (i32.add (local.get $sp) (i32.add (local.get $last) (local.get $i)))))
        (local.set $k (i32.const 0))
        (local.set $idx (local.get $i))
        ;; two scans, one per regime (sparse is fixed for the pass): V8 compiles two simple loops better than
        ;; one with both branches (measured: the pass 4 % faster)
        (if (local.get $sparse)
          (then
            (block $scan_done
              (loop $scan
                (br_if $scan_done (i32.ge_s (local.get $k) (local.get $P)))
                ;; four equal links while gap >= 4 are four plain bonds (gap-- each): take them at once
                (block $run_done
                  (loop $run
                    (br_if $run_done (i32.eqz (f64.ge (local.get $gap) (f64.const 4))))
                    (br_if $run_done (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $P)))
                    (br_if $run_done (i32.ne (local.get $prev)
                      (i32.load8_s (i32.add (local.get $sp) (local.get $idx)))))
                    (br_if $run_done (i32.ne (local.get $prev)
                      (i32.load8_s (i32.add (i32.add (local.get $sp) (local.get $idx)) (local.get $n)))))
                    (br_if $run_done (i32.ne (local.get $prev)
                      (i32.load8_s (i32.add (i32.add (local.get $sp) (local.get $idx))
                        (i32.shl (local.get $n) (i32.const 1))))))
                    (br_if $run_done (i32.ne (local.get $prev)
                      (i32.load8_s (i32.add (i32.add (local.get $sp) (local.get $idx))
                        (i32.mul (local.get $n) (i32.const 3))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (local.set $idx (i32.add (local.get $idx) (i32.shl (local.get $n) (i32.const 2))))
                    (local.set $gap (f64.sub (local.get $gap) (f64.const 4)))
                    (br $run)))
                (br_if $scan_done (i32.ge_s (local.get $k) (local.get $P)))
                (local.set $cur (i32.load8_s (i32.add (local.get $sp) (local.get $idx))))
                (if (i32.ne (local.get $prev) (local.get $cur))
                  (then
                    (i32.store (i32.add (local.get $rg) (i32.shl (local.get $numCuts) (i32.const 2))) (local.get $k))
                    (local.set $numCuts (i32.add (local.get $numCuts) (i32.const 1))))
                  (else
                    (if (f64.le (local.get $gap) (f64.const 0))
                      (then
                        (i32.store (i32.add (local.get $rg) (i32.shl (local.get $numCuts) (i32.const 2))) (local.get $k))
                        (local.set $numCuts (i32.add (local.get $numCuts) (i32.const 1)))
                        (local.set $s0 (i32.load (i32.const 32)))
                        (local.set $s1 (i32.load (i32.const 36)))
                        (local.set $s2 (i32.load (i32.const 40)))
                        (local.set $s3 (i32.load (i32.const 44)))
                        (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
                        (local.set $r (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
                        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
                        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
                        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
                        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
                        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
                        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
                        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
                        (i32.store (i32.const 32) (local.get $s0))
                        (i32.store (i32.const 36) (local.get $s1))
                        (i32.store (i32.const 40) (local.get $s2))
                        (i32.store (i32.const 44) (local.get $s3))
                        (local.set $gap
                          (if (result f64) (f64.eq (local.get $q) (f64.const 0))
                            (then (f64.const inf))
                            (else (f64.floor (f64.div
                              (call $log (f64.sub (f64.const 1)
                                (f64.mul (f64.convert_i32_u (local.get $r)) (f64.const 2.3283064365386963e-10))))
                              (local.get $lnBond)))))))
                      (else (local.set $gap (f64.sub (local.get $gap) (f64.const 1)))))))
                (local.set $prev (local.get $cur))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (local.set $idx (i32.add (local.get $idx) (local.get $n)))
                (br $scan))))
          (else
            (block $dscan_done
              (loop $dscan
                (br_if $dscan_done (i32.ge_s (local.get $k) (local.get $P)))
                (local.set $cur (i32.load8_s (i32.add (local.get $sp) (local.get $idx))))
                (if (i32.ne (local.get $prev) (local.get $cur))
                  (then
                    (i32.store (i32.add (local.get $rg) (i32.shl (local.get $numCuts) (i32.const 2))) (local.get $k))
                    (local.set $numCuts (i32.add (local.get $numCuts) (i32.const 1))))
                  (else
                    (local.set $s0 (i32.load (i32.const 32)))
                    (local.set $s1 (i32.load (i32.const 36)))
                    (local.set $s2 (i32.load (i32.const 40)))
                    (local.set $s3 (i32.load (i32.const 44)))
                    (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
                    (local.set $r (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
                    (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
                    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
                    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
                    (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
                    (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
                    (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
                    (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
                    (i32.store (i32.const 32) (local.get $s0))
                    (i32.store (i32.const 36) (local.get $s1))
                    (i32.store (i32.const 40) (local.get $s2))
                    (i32.store (i32.const 44) (local.get $s3))
                    (if (f64.ge (f64.mul (f64.convert_i32_u (local.get $r)) (f64.const 2.3283064365386963e-10))
                          (local.get $pBond))
                      (then
                        (i32.store (i32.add (local.get $rg) (i32.shl (local.get $numCuts) (i32.const 2)))
                          (local.get $k))
                        (local.set $numCuts (i32.add (local.get $numCuts) (i32.const 1)))))))
                (local.set $prev (local.get $cur))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (local.set $idx (i32.add (local.get $idx) (local.get $n)))
                (br $dscan)))))
        ;; no cut: one cluster, the whole ring
        (if (i32.eqz (local.get $numCuts))
          (then
            (i32.store (local.get $rg) (i32.const 0))
            (local.set $numCuts (i32.const 1))))
        (i32.store (i32.add (local.get $rg) (i32.shl (local.get $numCuts) (i32.const 2)))
          (i32.add (i32.load (local.get $rg)) (local.get $P)))
        (local.set $p0 (i32.load (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $p1 (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $c (i32.const 0))
        (block $clusters_done
          (loop $clusters
            (br_if $clusters_done (i32.ge_s (local.get $c) (local.get $numCuts)))
            (block $next
              ;; cluster [from, to) (slices mod P): k*n + j < hi for k in [from, min(to, P)), then
              ;; k*n + j < wrapHi for k in [0, to - P) when it wraps past slice P - 1
              (local.set $from (i32.load (i32.add (local.get $rg) (i32.shl (local.get $c) (i32.const 2)))))
              (local.set $to (i32.load offset=4 (i32.add (local.get $rg) (i32.shl (local.get $c) (i32.const 2)))))
              (local.set $hi (i32.mul (select (local.get $to) (local.get $P) (i32.lt_s (local.get $to) (local.get $P)))
                (local.get $n)))
              (local.set $wrapHi (select (i32.mul (i32.sub (local.get $to) (local.get $P)) (local.get $n)) (i32.const 0)
                (i32.gt_s (local.get $to) (local.get $P))))
              (local.set $lo (i32.mul (local.get $from) (local.get $n)))
              ;; F = sum f over the cluster's slices, in slice order (field-update.ts columnSum)
              (local.set $F (f64.const 0))
              (local.set $fa (i32.add (local.get $fd) (i32.shl (i32.add (local.get $lo) (local.get $i)) (i32.const 3))))
              (local.set $fe (i32.add (local.get $fd) (i32.shl (local.get $hi) (i32.const 3))))
              (block $sum1_done
                (loop $sum1
                  (br_if $sum1_done (i32.ge_u (local.get $fa) (local.get $fe)))
                  (local.set $F (f64.add (local.get $F) (f64.load (local.get $fa))))
                  (local.set $fa (i32.add (local.get $fa) (local.get $step)))
                  (br $sum1)))
              (local.set $fa (i32.add (local.get $fd) (i32.shl (local.get $i) (i32.const 3))))
              (local.set $fe (i32.add (local.get $fd) (i32.shl (local.get $wrapHi) (i32.const 3))))
              (block $sum2_done
                (loop $sum2
                  (br_if $sum2_done (i32.ge_u (local.get $fa) (local.get $fe)))
                  (local.set $F (f64.add (local.get $F) (f64.load (local.get $fa))))
                  (local.set $fa (i32.add (local.get $fa) (local.get $step)))
                  (br $sum2)))
              (local.set $s (i32.load8_s (i32.add (local.get $sp) (i32.add (local.get $lo) (local.get $i)))))
              (local.set $s0 (i32.load (i32.const 32)))
              (local.set $s1 (i32.load (i32.const 36)))
              (local.set $s2 (i32.load (i32.const 40)))
              (local.set $s3 (i32.load (i32.const 44)))
              (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
              (local.set $r (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
              (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
              (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
              (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
              (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
              (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
              (i32.store (i32.const 32) (local.get $s0))
              (i32.store (i32.const 36) (local.get $s1))
              (i32.store (i32.const 40) (local.get $s2))
              (i32.store (i32.const 44) (local.get $s3))
              (local.set $u (f64.mul (f64.convert_i32_u (local.get $r)) (f64.const 2.3283064365386963e-10)))
              ;; heatBathFlip(x = -2a*s*F, u): true with probability 1/(1 + e^x), exp only between the bounds
              ;; 1 - |x| <= e^{-|x|} <= 1/(1 + |x| + x^2/2 + |x|^3/6)
              (local.set $xs (f64.mul (f64.mul (local.get $na2) (f64.convert_i32_s (local.get $s)))
                (local.get $F)))
              (block $flip
                (block $keep
                  (br_if $keep (f64.gt (local.get $xs) (f64.const 40)))
                  (local.set $ax (select (f64.neg (local.get $xs)) (local.get $xs)
                    (f64.lt (local.get $xs) (f64.const 0))))
                  (local.set $lob (select (f64.sub (f64.const 1) (local.get $ax)) (f64.const 0)
                    (f64.lt (local.get $ax) (f64.const 1))))
                  (local.set $hiInv (f64.add (f64.const 1) (f64.mul (local.get $ax)
                    (f64.add (f64.const 1) (f64.mul (local.get $ax)
                      (f64.add (f64.const 0.5) (f64.mul (local.get $ax) (f64.const 0.16666666666666666))))))))
                  (if (f64.ge (local.get $xs) (f64.const 0))
                    (then
                      ;; p = y/(1 + y), increasing in y = e^{-x}
                      (br_if $flip (f64.lt (f64.mul (local.get $u) (f64.add (f64.const 1) (local.get $lob)))
                        (local.get $lob)))
                      (br_if $keep (f64.ge (f64.mul (local.get $u) (f64.add (local.get $hiInv) (f64.const 1)))
                        (f64.const 1)))
                      (local.set $y (call $exp (f64.neg (local.get $xs))))
                      (br_if $flip (f64.lt (f64.mul (local.get $u) (f64.add (f64.const 1) (local.get $y)))
                        (local.get $y)))
                      (br $keep))
                    (else
                      ;; p = 1/(1 + y), decreasing in y = e^{x}
                      (br_if $flip (f64.lt (f64.mul (local.get $u) (f64.add (local.get $hiInv) (f64.const 1)))
                        (local.get $hiInv)))
                      (br_if $keep (f64.ge (f64.mul (local.get $u) (f64.add (f64.const 1) (local.get $lob)))
                        (f64.const 1)))
                      (br_if $flip (f64.lt (f64.mul (local.get $u)
                        (f64.add (f64.const 1) (call $exp (local.get $xs)))) (f64.const 1)))
                      (br $keep))))
                (br $next))
              ;; flip the cluster's spins
              (local.set $fa (i32.add (local.get $sp) (i32.add (local.get $lo) (local.get $i))))
              (local.set $fe (i32.add (local.get $sp) (local.get $hi)))
              (block $set1_done
                (loop $set1
                  (br_if $set1_done (i32.ge_u (local.get $fa) (local.get $fe)))
                  (i32.store8 (local.get $fa) (i32.sub (i32.const 0) (local.get $s)))
                  (local.set $fa (i32.add (local.get $fa) (local.get $n)))
                  (br $set1)))
              (local.set $fa (i32.add (local.get $sp) (local.get $i)))
              (local.set $fe (i32.add (local.get $sp) (local.get $wrapHi)))
              (block $set2_done
                (loop $set2
                  (br_if $set2_done (i32.ge_u (local.get $fa) (local.get $fe)))
                  (i32.store8 (local.get $fa) (i32.sub (i32.const 0) (local.get $s)))
                  (local.set $fa (i32.add (local.get $fa) (local.get $n)))
                  (br $set2)))
              (if (i32.le_s (i32.sub (local.get $to) (local.get $from)) (i32.const 2))
                (then
                  ;; a short cluster: slice by slice, as a Metropolis flip
                  (local.set $kk (local.get $from))
                  (block $short_done
                    (loop $short
                      (br_if $short_done (i32.ge_s (local.get $kk) (local.get $to)))
                      (local.set $fb (i32.add (local.get $fd) (i32.mul (local.get $step)
                        (select (i32.sub (local.get $kk) (local.get $P)) (local.get $kk)
                          (i32.ge_s (local.get $kk) (local.get $P))))))
                      (local.set $pc (i32.add (local.get $col) (i32.shl (local.get $p0) (i32.const 2))))
                      (local.set $pe (i32.add (local.get $col) (i32.shl (local.get $p1) (i32.const 2))))
                      (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
                      (if (i32.gt_s (local.get $s) (i32.const 0))
                        (then
                          (block $quad_done_p
                            (loop $quad_p
                              (br_if $quad_done_p (i32.lt_u (i32.sub (local.get $pe) (local.get $pc)) (i32.const 16)))
                              (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                              (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                              (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                              (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                              (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                              (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                              (local.set $fa (i32.add (local.get $fb) (i32.load offset=12 (local.get $pc))))
                              (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=24 (local.get $pw))))
                              (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                              (local.set $pw (i32.add (local.get $pw) (i32.const 32)))
                              (br $quad_p)))
                          (if (i32.lt_u (local.get $pc) (local.get $pe))
                            (then
                              (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                              (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                              (if (i32.lt_u (i32.add (local.get $pc) (i32.const 4)) (local.get $pe))
                                (then
                                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                                  (if (i32.lt_u (i32.add (local.get $pc) (i32.const 8)) (local.get $pe))
                                    (then
                                      (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                                      (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                          ))))))
                        )
                        (else
                          (block $quad_done_m
                            (loop $quad_m
                              (br_if $quad_done_m (i32.lt_u (i32.sub (local.get $pe) (local.get $pc)) (i32.const 16)))
                              (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                              (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                              (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                              (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                              (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                              (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                              (local.set $fa (i32.add (local.get $fb) (i32.load offset=12 (local.get $pc))))
                              (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=24 (local.get $pw))))
                              (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                              (local.set $pw (i32.add (local.get $pw) (i32.const 32)))
                              (br $quad_m)))
                          (if (i32.lt_u (local.get $pc) (local.get $pe))
                            (then
                              (local.set $fa (i32.add (local.get $fb) (i32.load (local.get $pc))))
                              (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                              (if (i32.lt_u (i32.add (local.get $pc) (i32.const 4)) (local.get $pe))
                                (then
                                  (local.set $fa (i32.add (local.get $fb) (i32.load offset=4 (local.get $pc))))
                                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                                  (if (i32.lt_u (i32.add (local.get $pc) (i32.const 8)) (local.get $pe))
                                    (then
                                      (local.set $fa (i32.add (local.get $fb) (i32.load offset=8 (local.get $pc))))
                                      (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                          ))))))
                        ))
                      (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
                      (br $short))))
                (else
                  ;; a long one: neighbour by neighbour, down the neighbour's column
                  (local.set $pc (i32.add (local.get $col) (i32.shl (local.get $p0) (i32.const 2))))
                  (local.set $pe (i32.add (local.get $col) (i32.shl (local.get $p1) (i32.const 2))))
                  (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
                  (block $nbrs_done
                    (loop $nbrs
                      (br_if $nbrs_done (i32.ge_u (local.get $pc) (local.get $pe)))
                      ;; d = 2s*J_ij = +-w2
                      (local.set $d (f64.load (local.get $pw)))
                      (if (i32.lt_s (local.get $s) (i32.const 0)) (then (local.set $d (f64.neg (local.get $d)))))
                      (local.set $fa (i32.add (i32.add (local.get $fd) (i32.shl (local.get $lo) (i32.const 3)))
                        (i32.load (local.get $pc))))
                      (local.set $fe (i32.add (local.get $fd) (i32.shl (local.get $hi) (i32.const 3))))
                      (block $col1_done
                        (loop $col1
                          (br_if $col1_done (i32.ge_u (local.get $fa) (local.get $fe)))
                          (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (local.get $d)))
                          (local.set $fa (i32.add (local.get $fa) (local.get $step)))
                          (br $col1)))
                      (local.set $fa (i32.add (local.get $fd) (i32.load (local.get $pc))))
                      (local.set $fe (i32.add (local.get $fd) (i32.shl (local.get $wrapHi) (i32.const 3))))
                      (block $col2_done
                        (loop $col2
                          (br_if $col2_done (i32.ge_u (local.get $fa) (local.get $fe)))
                          (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (local.get $d)))
                          (local.set $fa (i32.add (local.get $fa) (local.get $step)))
                          (br $col2)))
                      (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
                      (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
                      (br $nbrs)))))
              (local.set $flips (i32.add (local.get $flips) (i32.sub (local.get $to) (local.get $from)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $clusters)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $qubits)))
    (local.get $flips)
  )

  ;; One SA sweep at inverse temperature beta (sa-kernel.ts saPass) over slice 0: x = -2beta*s*f; x > 0 is accepted
  ;; with probability e^{-x} (acceptUphill), x > 23 rejected without a draw. Returns the number of flips.
  (func $sa (export "sa") (param $beta f64) (result i32)
    (call $saPass (f64.neg (f64.mul (f64.const 2) (local.get $beta))))
  )

  ;; `per` SA sweeps at each of the first `count` betas of the schedule block (header byte 64): the calls of $sa
  ;; that saAnneal would make, in order, without a call from JavaScript per sweep.
  (func $anneal (export "anneal") (param $count i32) (param $per i32)
    (local $bp i32) (local $b i32) (local $k i32) (local $nb2 f64)
    (local.set $bp (i32.load (i32.const 64)))
    (local.set $b (i32.const 0))
    (block $betas_done
      (loop $betas
        (br_if $betas_done (i32.ge_s (local.get $b) (local.get $count)))
        (local.set $nb2 (f64.neg (f64.mul (f64.const 2)
          (f64.load (i32.add (local.get $bp) (i32.shl (local.get $b) (i32.const 3)))))))
        (local.set $k (i32.const 0))
        (block $sweeps_done
          (loop $sweeps
            (br_if $sweeps_done (i32.ge_s (local.get $k) (local.get $per)))
            (drop (call $saPass (local.get $nb2)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $sweeps)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $betas)))
  )

  ;; The SA sweep with nb2 = -2*beta (a parameter, so that V8 does not recompute it in the loop).
  (func $saPass (param $nb2 f64) (result i32)
    (local $n i32) (local $rp i32) (local $col i32) (local $w i32) (local $sp i32) (local $fd i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $x i32) (local $r i32) (local $t i32)
    (local $flips i32) (local $i i32) (local $s i32) (local $xs f64) (local $u f64)
    (local $pc i32) (local $pe i32) (local $pw i32) (local $fa i32)
    (local.set $n (i32.load (i32.const 0)))
    (local.set $rp (i32.load (i32.const 8)))
    (local.set $col (i32.load (i32.const 12)))
    (local.set $w (i32.load (i32.const 16)))
    (local.set $sp (i32.load (i32.const 20)))
    (local.set $fd (i32.load (i32.const 24)))
    (local.set $i (i32.const 0))
    (block $spins_done
      (loop $spins
        (br_if $spins_done (i32.ge_s (local.get $i) (local.get $n)))
        (block $next
          (local.set $s (i32.load8_s (i32.add (local.get $sp) (local.get $i))))
          ;; x = -2beta * s * f
          (local.set $xs (f64.mul (f64.mul (local.get $nb2) (f64.convert_i32_s (local.get $s)))
            (f64.load (i32.add (local.get $fd) (i32.shl (local.get $i) (i32.const 3))))))
          (if (f64.gt (local.get $xs) (f64.const 0))
            (then
              (br_if $next (f64.gt (local.get $xs) (f64.const 23)))
              (local.set $s0 (i32.load (i32.const 32)))
              (local.set $s1 (i32.load (i32.const 36)))
              (local.set $s2 (i32.load (i32.const 40)))
              (local.set $s3 (i32.load (i32.const 44)))
              (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
              (local.set $r (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
              (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
              (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
              (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
              (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
              (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
              (i32.store (i32.const 32) (local.get $s0))
              (i32.store (i32.const 36) (local.get $s1))
              (i32.store (i32.const 40) (local.get $s2))
              (i32.store (i32.const 44) (local.get $s3))
              (local.set $u (f64.mul (f64.convert_i32_u (local.get $r)) (f64.const 2.3283064365386963e-10)))
              (if (i32.eqz (f64.lt (local.get $u) (f64.sub (f64.const 1) (local.get $xs))))
                (then
                  (br_if $next (f64.ge
                    (f64.mul (local.get $u)
                      (f64.add (f64.const 1) (f64.mul (local.get $xs)
                        (f64.add (f64.const 1) (f64.mul (local.get $xs)
                          (f64.add (f64.const 0.5) (f64.mul (local.get $xs) (f64.const 0.16666666666666666))))))))
                    (f64.const 1)))
                  (br_if $next (i32.eqz
                    (f64.lt (local.get $u) (call $exp (f64.neg (local.get $xs))))))))))
          (i32.store8 (i32.add (local.get $sp) (local.get $i)) (i32.sub (i32.const 0) (local.get $s)))
          (local.set $pc (i32.load (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $pe (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $pc) (i32.const 3))))
          (local.set $pc (i32.add (local.get $col) (i32.shl (local.get $pc) (i32.const 2))))
          (local.set $pe (i32.add (local.get $col) (i32.shl (local.get $pe) (i32.const 2))))
          (if (i32.gt_s (local.get $s) (i32.const 0))
            (then
              (block $quad_done_p
                (loop $quad_p
                  (br_if $quad_done_p (i32.lt_u (i32.sub (local.get $pe) (local.get $pc)) (i32.const 16)))
                  (local.set $fa (i32.add (local.get $fd) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fd) (i32.load offset=4 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fd) (i32.load offset=8 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fd) (i32.load offset=12 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=24 (local.get $pw))))
                  (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                  (local.set $pw (i32.add (local.get $pw) (i32.const 32)))
                  (br $quad_p)))
              (if (i32.lt_u (local.get $pc) (local.get $pe))
                (then
                  (local.set $fa (i32.add (local.get $fd) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (if (i32.lt_u (i32.add (local.get $pc) (i32.const 4)) (local.get $pe))
                    (then
                      (local.set $fa (i32.add (local.get $fd) (i32.load offset=4 (local.get $pc))))
                      (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                      (if (i32.lt_u (i32.add (local.get $pc) (i32.const 8)) (local.get $pe))
                        (then
                          (local.set $fa (i32.add (local.get $fd) (i32.load offset=8 (local.get $pc))))
                          (f64.store (local.get $fa) (f64.sub (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
              ))))))
            )
            (else
              (block $quad_done_m
                (loop $quad_m
                  (br_if $quad_done_m (i32.lt_u (i32.sub (local.get $pe) (local.get $pc)) (i32.const 16)))
                  (local.set $fa (i32.add (local.get $fd) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fd) (i32.load offset=4 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fd) (i32.load offset=8 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
                  (local.set $fa (i32.add (local.get $fd) (i32.load offset=12 (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=24 (local.get $pw))))
                  (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                  (local.set $pw (i32.add (local.get $pw) (i32.const 32)))
                  (br $quad_m)))
              (if (i32.lt_u (local.get $pc) (local.get $pe))
                (then
                  (local.set $fa (i32.add (local.get $fd) (i32.load (local.get $pc))))
                  (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load (local.get $pw))))
                  (if (i32.lt_u (i32.add (local.get $pc) (i32.const 4)) (local.get $pe))
                    (then
                      (local.set $fa (i32.add (local.get $fd) (i32.load offset=4 (local.get $pc))))
                      (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=8 (local.get $pw))))
                      (if (i32.lt_u (i32.add (local.get $pc) (i32.const 8)) (local.get $pe))
                        (then
                          (local.set $fa (i32.add (local.get $fd) (i32.load offset=8 (local.get $pc))))
                          (f64.store (local.get $fa) (f64.add (f64.load (local.get $fa)) (f64.load offset=16 (local.get $pw))))
              ))))))
            ))
          (local.set $flips (i32.add (local.get $flips) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $spins)))
    (local.get $flips)
  )

;; ---- spin-vector Monte Carlo (svmc-kernel.ts svmcPass) ------------------------------------------------------
;; The rotor memory is a P = 4 layout whose field region holds four rows of n f64: the local fields
;; f_i = h_i + sum_j J_ij cos(theta_j), theta, cos(theta), sin(theta). Accepted moves add J * dc to the neighbours'
;; fields (the reference subtracts (-dc) * J: the same value and rounding). Every floating-point operation is the
;; reference's, in its order (the kernel polynomials included), so the rotors are bit-identical.

  ;; The next xoshiro128** draw as u in [0, 1) (rng.next()), the state kept in the header.
  (func $uniform (result f64)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $x i32) (local $r i32) (local $t i32)
    (local.set $s0 (i32.load (i32.const 32)))
    (local.set $s1 (i32.load (i32.const 36)))
    (local.set $s2 (i32.load (i32.const 40)))
    (local.set $s3 (i32.load (i32.const 44)))
    (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
    (local.set $r (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
    (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
    (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
    (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
    (i32.store (i32.const 32) (local.get $s0))
    (i32.store (i32.const 36) (local.get $s1))
    (i32.store (i32.const 40) (local.get $s2))
    (i32.store (i32.const 44) (local.get $s3))
    (f64.mul (f64.convert_i32_u (local.get $r)) (f64.const 2.3283064365386963e-10))
  )

  ;; One sweep in index order at bg = betaGamma, bl = betaLambda; width 0: theta' = pi * u (SVMC), else
  ;; theta' = theta + width * (2u - 1) (SVMC-TF), rejected outside [0, pi]. Rotor i+1's proposal is made before
  ;; rotor i's acceptance test, as in the reference (draws: proposal 0, proposal 1, [acceptance 0], proposal 2, ...).
  ;; Returns the accepted moves.
  (func $svmc (export "svmc") (param $bg f64) (param $bl f64) (param $width f64) (result i32)
    (local $n i32) (local $rp i32) (local $col i32) (local $w i32) (local $fd i32) (local $th i32) (local $co i32)
    (local $si i32) (local $i i32) (local $i8 i32) (local $acc i32) (local $pc i32) (local $pe i32) (local $pw i32)
    (local $fa i32) (local $u f64) (local $t f64) (local $hx f64) (local $z f64) (local $z2 f64) (local $sx f64)
    (local $cx f64) (local $c f64) (local $sn f64) (local $dc f64) (local $x f64)
    (local $tn f64) (local $cn f64) (local $snn f64)
    (local.set $n (i32.load (i32.const 0)))
    (local.set $rp (i32.load (i32.const 8)))
    (local.set $col (i32.load (i32.const 12)))
    (local.set $fd (i32.load (i32.const 24)))
    (local.set $w (i32.load (i32.const 48)))
    (local.set $th (i32.add (local.get $fd) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $co (i32.add (local.get $th) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $si (i32.add (local.get $co) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $i (i32.const -1))
    (block $done
      (loop $rotors
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $t (local.get $tn))
        (local.set $c (local.get $cn))
        (local.set $sn (local.get $snn))
        ;; the next rotor's proposal
        (if (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $n))
          (then
            (local.set $u (call $uniform))
            (local.set $tn
              (if (result f64) (f64.eq (local.get $width) (f64.const 0))
                (then (f64.mul (f64.const 3.141592653589793) (local.get $u)))
                (else (f64.add (f64.load offset=8 (i32.add (local.get $th) (i32.shl (local.get $i) (i32.const 3))))
                  (f64.mul (local.get $width) (f64.sub (f64.mul (f64.const 2) (local.get $u)) (f64.const 1)))))))
            ;; cos t = -2 sin x cos x, sin t = (cos x - sin x)(cos x + sin x) at x = t/2 - pi/4 (kernelSin, kernelCos)
            (local.set $hx (f64.sub (f64.mul (f64.const 0.5) (local.get $tn)) (f64.const 0.7853981633974483)))
            (local.set $z (f64.mul (local.get $hx) (local.get $hx)))
            (local.set $z2 (f64.mul (local.get $z) (local.get $z)))
            (local.set $sx (f64.add (local.get $hx) (f64.mul (f64.mul (local.get $hx) (local.get $z))
              (f64.add
                (f64.add
                  (f64.add (f64.const -0.16666666666666632) (f64.mul (local.get $z) (f64.const 0.00833333333332249)))
                  (f64.mul (local.get $z2)
                    (f64.add (f64.const -0.0001984126982985795) (f64.mul (local.get $z) (f64.const 2.7557313707070068e-6)))))
                (f64.mul (f64.mul (local.get $z2) (local.get $z2))
                  (f64.add (f64.const -2.5050760253406863e-8) (f64.mul (local.get $z) (f64.const 1.58969099521155e-10))))))))
            (local.set $cx (f64.add (f64.sub (f64.const 1) (f64.mul (f64.const 0.5) (local.get $z)))
              (f64.mul (local.get $z2)
                (f64.add
                  (f64.add
                    (f64.add (f64.const 0.0416666666666666) (f64.mul (local.get $z) (f64.const -0.001388888888887411)))
                    (f64.mul (local.get $z2)
                      (f64.add (f64.const 2.480158728947673e-5) (f64.mul (local.get $z) (f64.const -2.7557314351390663e-7)))))
                  (f64.mul (f64.mul (local.get $z2) (local.get $z2))
                    (f64.add (f64.const 2.087572321298175e-9) (f64.mul (local.get $z) (f64.const -1.1359647557788195e-11))))))))
            (local.set $cn (f64.mul (f64.mul (f64.const -2) (local.get $sx)) (local.get $cx)))
            (local.set $snn (f64.mul (f64.sub (local.get $cx) (local.get $sx)) (f64.add (local.get $cx) (local.get $sx))))))
        (block $next
          (br_if $next (i32.lt_s (local.get $i) (i32.const 0)))
          (br_if $next (f64.lt (local.get $t) (f64.const 0)))
          (br_if $next (f64.gt (local.get $t) (f64.const 3.141592653589793)))
          (local.set $i8 (i32.shl (local.get $i) (i32.const 3)))
          (local.set $dc (f64.sub (local.get $c) (f64.load (i32.add (local.get $co) (local.get $i8)))))
          ;; x = (-bg) * (sn - sin_i) + (bl * f_i) * dc
          (local.set $x (f64.add
            (f64.mul (f64.neg (local.get $bg)) (f64.sub (local.get $sn) (f64.load (i32.add (local.get $si) (local.get $i8)))))
            (f64.mul (f64.mul (local.get $bl) (f64.load (i32.add (local.get $fd) (local.get $i8)))) (local.get $dc))))
          (if (f64.gt (local.get $x) (f64.const 0))
            (then
              (br_if $next (f64.gt (local.get $x) (f64.const 23)))
              (local.set $u (call $uniform))
              (if (i32.eqz (f64.lt (local.get $u) (f64.sub (f64.const 1) (local.get $x))))
                (then
                  (br_if $next (f64.ge
                    (f64.mul (local.get $u)
                      (f64.add (f64.const 1) (f64.mul (local.get $x)
                        (f64.add (f64.const 1) (f64.mul (local.get $x)
                          (f64.add (f64.const 0.5) (f64.mul (local.get $x) (f64.const 0.16666666666666666))))))))
                    (f64.const 1)))
                  (br_if $next (i32.eqz
                    (f64.lt (local.get $u) (call $exp (f64.neg (local.get $x))))))))))
          (f64.store (i32.add (local.get $th) (local.get $i8)) (local.get $t))
          (f64.store (i32.add (local.get $co) (local.get $i8)) (local.get $c))
          (f64.store (i32.add (local.get $si) (local.get $i8)) (local.get $sn))
          ;; f_j += J_ij * dc over row i
          (local.set $pc (i32.load (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $pe (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $pc) (i32.const 3))))
          (local.set $pc (i32.add (local.get $col) (i32.shl (local.get $pc) (i32.const 2))))
          (local.set $pe (i32.add (local.get $col) (i32.shl (local.get $pe) (i32.const 2))))
          (block $row_done
            (loop $row
              (br_if $row_done (i32.ge_u (local.get $pc) (local.get $pe)))
              (local.set $fa (i32.add (local.get $fd) (i32.load (local.get $pc))))
              (f64.store (local.get $fa)
                (f64.add (f64.load (local.get $fa)) (f64.mul (f64.load (local.get $pw)) (local.get $dc))))
              (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
              (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
              (br $row)))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rotors)))
    (local.get $acc)
  )
)
