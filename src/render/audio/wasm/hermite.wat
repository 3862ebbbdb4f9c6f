;; purpose: the summed-voice path's inner loops (fast-voice.ts) in WebAssembly — the Hermite oscillator in SIMD, four
;; output samples at a time; the voice's low-pass and gain into its bus (`filt`, `gsum`, scalar float64 — the
;; recursion allows no lanes — and ~35 % quicker than the same loop in JavaScript); the bus panner (`pan`, f64x2). Each output sample's four taps are consecutive in the sample data, so one unaligned
;; v128.load fetches them; four such loads are transposed (shuffles) into the tap vectors x[−1], x[0], x[1], x[2],
;; and spessasynth's 4-tap Hermite formula runs term for term on f32x4 — in float32, where the JavaScript loop
;; computes in float64 (a difference of float rounding, ~3e−8 of full scale). The cursor advances in float64 by
;; repeated addition exactly as the JavaScript loop's does, so the same taps are read. Assembled by
;; scripts/build-wasm.ts (`npm run build:wasm`).
;;
;; Memory (offsets in wasm-hermite.ts): bytes [0, 4096) the oscillator's output block (f32 × 1024); then the voice
;; buses' mono sums (f64), the per-output staging pairs and the reverb staging (f64); the sample data after them,
;; placed by the caller, which also guarantees every tap read lies inside a sample.
(module
  (memory (export "memory") 17)
  ;; hermite(src, cursor, step, out, n): for i < n rounded down to a multiple of 4, f32 out[i] (byte offset out)
  ;; from the f32 sample at byte offset src read at cursor + i·step; returns the cursor after them.
  (func (export "hermite") (param $src i32) (param $cur f64) (param $step f64) (param $out i32) (param $n i32) (result f64)
    (local $c1 f64) (local $c2 f64) (local $c3 f64)
    (local $y0 i32) (local $y1 i32) (local $y2 i32) (local $y3 i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t01 v128) (local $t23 v128) (local $u01 v128) (local $u23 v128)
    (local $xm1 v128) (local $xa v128) (local $xb v128) (local $xc v128) (local $t v128)
    (local $c v128) (local $v v128) (local $w v128) (local $a v128) (local $b v128) (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $c1 (f64.add (local.get $cur) (local.get $step)))
        (local.set $c2 (f64.add (local.get $c1) (local.get $step)))
        (local.set $c3 (f64.add (local.get $c2) (local.get $step)))
        (local.set $y0 (i32.wrap_i64 (i64.trunc_sat_f64_s (local.get $cur))))
        (local.set $y1 (i32.wrap_i64 (i64.trunc_sat_f64_s (local.get $c1))))
        (local.set $y2 (i32.wrap_i64 (i64.trunc_sat_f64_s (local.get $c2))))
        (local.set $y3 (i32.wrap_i64 (i64.trunc_sat_f64_s (local.get $c3))))
        (local.set $r0 (v128.load (i32.add (local.get $src) (i32.shl (local.get $y0) (i32.const 2)))))
        (local.set $r1 (v128.load (i32.add (local.get $src) (i32.shl (local.get $y1) (i32.const 2)))))
        (local.set $r2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $y2) (i32.const 2)))))
        (local.set $r3 (v128.load (i32.add (local.get $src) (i32.shl (local.get $y3) (i32.const 2)))))
        ;; transpose: t01 = r0[0] r1[0] r0[1] r1[1]; t23 = r2[0] r3[0] r2[1] r3[1]; u01 = r0[2] r1[2] r0[3] r1[3]; u23 likewise
        (local.set $t01 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
        (local.set $t23 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
        (local.set $u01 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
        (local.set $u23 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
        (local.set $xm1 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t01) (local.get $t23)))
        (local.set $xa (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t01) (local.get $t23)))
        (local.set $xb (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u01) (local.get $u23)))
        (local.set $xc (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u01) (local.get $u23)))
        ;; fractions t_i = c_i - y_i, as f32x4
        (local.set $t (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat
            (f32.demote_f64 (f64.sub (local.get $cur) (f64.convert_i32_s (local.get $y0)))))
            (f32.demote_f64 (f64.sub (local.get $c1) (f64.convert_i32_s (local.get $y1)))))
            (f32.demote_f64 (f64.sub (local.get $c2) (f64.convert_i32_s (local.get $y2)))))
            (f32.demote_f64 (f64.sub (local.get $c3) (f64.convert_i32_s (local.get $y3))))))
        (local.set $c (f32x4.mul (f32x4.sub (local.get $xb) (local.get $xm1)) (v128.const f32x4 0.5 0.5 0.5 0.5)))
        (local.set $v (f32x4.sub (local.get $xa) (local.get $xb)))
        (local.set $w (f32x4.add (local.get $c) (local.get $v)))
        (local.set $a (f32x4.add (f32x4.add (local.get $w) (local.get $v)) (f32x4.mul (f32x4.sub (local.get $xc) (local.get $xa)) (v128.const f32x4 0.5 0.5 0.5 0.5))))
        (local.set $b (f32x4.add (local.get $w) (local.get $a)))
        (v128.store (local.get $out)
          (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.sub (f32x4.mul (local.get $a) (local.get $t)) (local.get $b)) (local.get $t)) (local.get $c)) (local.get $t)) (local.get $xa)))
        (local.set $cur (f64.add (local.get $c3) (local.get $step)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $l)))
    (local.get $cur))
;; pan(sum, n, gl, gr, g, l, r, rev): one voice bus into its output pair's staging and the reverb's, all f64 at
  ;; byte offsets: l[i] += gl·sum[i], r[i] += gr·sum[i], rev[i] += g·sum[i] (skipped for g = 0), then sum[i] = 0,
  ;; for i < n — two samples per f64x2 step, the odd last one scalar. The same products and sums as the scalar
  ;; loop (no fused multiply-add in WebAssembly), so the result does not depend on the width.
  (func (export "pan") (param $sum i32) (param $n i32) (param $gl f64) (param $gr f64) (param $g f64) (param $l i32) (param $r i32) (param $rev i32)
    (local $end i32) (local $m v128) (local $vl v128) (local $vr v128) (local $vg v128) (local $ms f64)
    (local.set $vl (f64x2.splat (local.get $gl)))
    (local.set $vr (f64x2.splat (local.get $gr)))
    (local.set $vg (f64x2.splat (local.get $g)))
    (local.set $end (i32.add (local.get $sum) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $sum) (local.get $end)))
        (local.set $m (v128.load (local.get $sum)))
        (v128.store (local.get $l) (f64x2.add (v128.load (local.get $l)) (f64x2.mul (local.get $vl) (local.get $m))))
        (v128.store (local.get $r) (f64x2.add (v128.load (local.get $r)) (f64x2.mul (local.get $vr) (local.get $m))))
        (if (f64.ne (local.get $g) (f64.const 0))
          (then (v128.store (local.get $rev) (f64x2.add (v128.load (local.get $rev)) (f64x2.mul (local.get $vg) (local.get $m))))))
        (v128.store (local.get $sum) (v128.const i64x2 0 0))
        (local.set $sum (i32.add (local.get $sum) (i32.const 16)))
        (local.set $l (i32.add (local.get $l) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (local.set $rev (i32.add (local.get $rev) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $ms (f64.load (local.get $sum)))
        (f64.store (local.get $l) (f64.add (f64.load (local.get $l)) (f64.mul (local.get $gl) (local.get $ms))))
        (f64.store (local.get $r) (f64.add (f64.load (local.get $r)) (f64.mul (local.get $gr) (local.get $ms))))
        (if (f64.ne (local.get $g) (f64.const 0))
          (then (f64.store (local.get $rev) (f64.add (f64.load (local.get $rev)) (f64.mul (local.get $g) (local.get $ms))))))
        (f64.store (local.get $sum) (f64.const 0)))))
;; filt(buf, sum, n, a0, a1, a2, a3, a4, st, gain, inc): the voice's biquad low-pass and gain ramp added to its bus,
  ;; as fast-voice.ts filterSum computes them, operation for operation in float64 (so bit for bit the same):
  ;; y = a0·x + a1·x1 + a2·x2 − y2·a4 − a3·y1, sum[i] += y·gain, gain += inc. buf: f32 input; sum: f64 bus;
  ;; st: the filter state x1, x2, y1, y2 (f64), read at the start and written back at the end.
  (func (export "filt") (param $buf i32) (param $sum i32) (param $n i32) (param $a0 f64) (param $a1 f64) (param $a2 f64) (param $a3 f64) (param $a4 f64) (param $st i32) (param $g f64) (param $inc f64)
    (local $x1 f64) (local $x2 f64) (local $y1 f64) (local $y2 f64) (local $in f64) (local $y f64) (local $end i32)
    (local.set $x1 (f64.load (local.get $st)))
    (local.set $x2 (f64.load offset=8 (local.get $st)))
    (local.set $y1 (f64.load offset=16 (local.get $st)))
    (local.set $y2 (f64.load offset=24 (local.get $st)))
    (local.set $end (i32.add (local.get $buf) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $buf) (local.get $end)))
        (local.set $in (f64.promote_f32 (f32.load (local.get $buf))))
        (local.set $y (f64.sub (f64.sub (f64.add (f64.add (f64.mul (local.get $a0) (local.get $in)) (f64.mul (local.get $a1) (local.get $x1))) (f64.mul (local.get $a2) (local.get $x2))) (f64.mul (local.get $y2) (local.get $a4))) (f64.mul (local.get $a3) (local.get $y1))))
        (local.set $x2 (local.get $x1))
        (local.set $x1 (local.get $in))
        (local.set $y2 (local.get $y1))
        (local.set $y1 (local.get $y))
        (f64.store (local.get $sum) (f64.add (f64.load (local.get $sum)) (f64.mul (local.get $y) (local.get $g))))
        (local.set $g (f64.add (local.get $g) (local.get $inc)))
        (local.set $buf (i32.add (local.get $buf) (i32.const 4)))
        (local.set $sum (i32.add (local.get $sum) (i32.const 8)))
        (br $l)))
    (f64.store (local.get $st) (local.get $x1))
    (f64.store offset=8 (local.get $st) (local.get $x2))
    (f64.store offset=16 (local.get $st) (local.get $y1))
    (f64.store offset=24 (local.get $st) (local.get $y2)))

  ;; gsum(buf, sum, n, gain, inc): an unfiltered voice's gain ramp added to its bus, as fast-voice.ts gainSum:
  ;; sum[i] += x·gain, gain += inc.
  (func (export "gsum") (param $buf i32) (param $sum i32) (param $n i32) (param $g f64) (param $inc f64)
    (local $end i32)
    (local.set $end (i32.add (local.get $buf) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $buf) (local.get $end)))
        (f64.store (local.get $sum) (f64.add (f64.load (local.get $sum)) (f64.mul (f64.promote_f32 (f32.load (local.get $buf))) (local.get $g))))
        (local.set $g (f64.add (local.get $g) (local.get $inc)))
        (local.set $buf (i32.add (local.get $buf) (i32.const 4)))
        (local.set $sum (i32.add (local.get $sum) (i32.const 8)))
        (br $l))))
)
