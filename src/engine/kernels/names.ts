/**
 * The project's fused training kernels: one dispatch where TF.js's composed ops need five to
 * fifteen (an optimiser update is one kernel per arithmetic op, plus fresh scalar uploads).
 * Each kernel works on flat element indices, so any tensor shape goes in without a reshape, and
 * takes its hyper-parameters as attributes (uniforms on the GPU), never as per-step tensors.
 * Implemented for cpu and wasm (flat.ts), webgl (webgl.ts) and webgpu (webgpu.ts); every
 * implementation computes the same f32 operations in the same order as the composed ops it replaces.
 */

/** moments [2n] = [m; v], grad [n] → [β1·m + (1−β1)·g; β2·v + (1−β2)·g²] */
export const ADAM_MOMENTS = 'FtpAdamMoments';
export interface AdamMomentsAttrs { beta1: number; beta2: number }

/** theta [n], moments [2n] → θ − ((m / c1) / (√(v / c2) + ε)) · lr  (c1, c2: bias corrections) */
export const ADAM_STEP = 'FtpAdamStep';
export interface AdamStepAttrs { lr: number; c1: number; c2: number; epsilon: number }

/** buffer [n], grad [n] → μ·b + g  (SGD momentum, PyTorch form) */
export const MOMENTUM = 'FtpMomentum';
export interface MomentumAttrs { momentum: number }

/** x [n], y [n] → x − y·scale */
export const SCALED_SUB = 'FtpScaledSub';
export interface ScaledSubAttrs { scale: number }

/**
 * SPD's per-tensor statistics after the optimiser proposed θ~, with its running count:
 * theta, grad, anchor θ0, proposed θ~ [n], state [4] →
 * [Σ g·(θ−θ0), ‖θ~−θ0‖², ‖θ−θ0‖², state[3] + (−Σ g·(θ−θ0) < 0 ? 1 : 0)]
 */
export const SPD_STATE = 'FtpSpdState';

/**
 * SPD's projection: proposed θ~, anchor θ0 [n], state [4] (from SPD_STATE) →
 * θ~ − (c · (r·λ)) · (θ~ − θ0),  c = (−state[0] < 0), r = clip((√state[1] − √state[2]) / (√state[1] + 1e-12), 0, 1)
 */
export const SPD_APPLY = 'FtpSpdApply';
export interface SpdApplyAttrs { lambda: number }

/** x, anchor [n] → Σ (x − anchor)² as a scalar (L2-SP's penalty) */
export const SQUARED_DISTANCE = 'FtpSquaredDistance';

/** grad, x, anchor [n] → grad + strength · (x − anchor): the gradient of (strength/2)·‖x − anchor‖² added to grad */
export const PULL = 'FtpPull';
export interface PullAttrs { strength: number }

/** SPD's ε in r's denominator (as GT-RIPL's adamSPD.py guards the division) */
export const SPD_EPS = 1e-12;

export const FUSED_KERNELS = [ADAM_MOMENTS, ADAM_STEP, MOMENTUM, SCALED_SUB, SPD_STATE, SPD_APPLY, SQUARED_DISTANCE, PULL] as const;
