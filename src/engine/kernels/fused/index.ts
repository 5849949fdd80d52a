/** Every fused kernel family; install.ts registers their kernels and check.ts runs their checks. */
import type { FusedFamily } from '../definition';
import * as adam from './adam';
import * as anchorDistance from './anchorDistance';
import * as momentum from './momentum';
import * as scaledSub from './scaledSub';
import * as selectiveProjection from './selectiveProjection';

export const FUSED_FAMILIES: readonly FusedFamily[] = [adam, momentum, scaledSub, selectiveProjection, anchorDistance];

export const FUSED_KERNEL_DEFS = FUSED_FAMILIES.flatMap((f) => f.kernels);
