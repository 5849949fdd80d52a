/**
 * What the page says about each fine-tuning method, and which of its parameters it shows.
 * Adding a method to the page is one entry here: the picker, the explanation and the parameter
 * fields are all drawn from this registry (see MethodPanel.tsx).
 */
import type { MethodConfig, MethodKind } from '../../engine/config/schema';

/** A method parameter the page edits: a key of the config's `method` object. */
export type MethodParamKey = Exclude<keyof MethodConfig, 'kind'>;

export interface MethodParamField {
  key: MethodParamKey;
  label: string;
  /** one short line under the field */
  help: string;
  /** whole numbers only (shown as a hint; validation enforces it) */
  integer: boolean;
  /** upper bound the hint shows, when it depends on the chosen model */
  maxFromModel?: (model: { blockCount: number }) => number;
}

export interface PaperReference {
  authors: string;
  title: string;
  venue: string;
  url?: string;
}

export interface MethodInfo {
  kind: MethodKind;
  /** name in the picker */
  label: string;
  /** one paragraph, plain language */
  explanation: string;
  /** the update rule or objective, as plain text */
  formula: string;
  references: PaperReference[];
  params: MethodParamField[];
}

const KUMAR_2022: PaperReference = {
  authors: 'Kumar, Raghunathan, Jones, Ma, Liang',
  title: 'Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution',
  venue: 'ICLR 2022',
  url: 'https://arxiv.org/abs/2202.10054',
};

export const METHOD_INFO: Record<MethodKind, MethodInfo> = {
  ft: {
    kind: 'ft',
    label: 'Full fine-tuning (FT)',
    explanation:
      'Every weight of the pretrained network is trained on the target data, together with a new, ' +
      'randomly initialised classification head. It adapts the most, but the backbone can move away ' +
      'from the features it learned in pretraining while the head is still random.',
    formula: 'θ = (backbone B, head h), start at (B₀, h_random);  θ ← θ − η ∇θ L(h(B(x)), y)',
    references: [KUMAR_2022],
    params: [],
  },
  lp: {
    kind: 'lp',
    label: 'Linear probe (LP)',
    explanation:
      'The pretrained backbone is frozen; only a new linear head is trained on its features. ' +
      'The features cannot change, so nothing of pretraining is forgotten, but the model can only ' +
      'be as good as those fixed features allow.',
    formula: 'h ← h − η ∇h L(h(f₀(x)), y),   f₀ = frozen pretrained features',
    references: [KUMAR_2022],
    params: [],
  },
  'lp-ft': {
    kind: 'lp-ft',
    label: 'LP-FT (probe, then fine-tune)',
    explanation:
      'First a linear probe trains the head on frozen features; then the whole network is fine-tuned ' +
      'starting from that head, with a small learning rate and BatchNorm statistics kept from ' +
      'pretraining. Because the head is already good when fine-tuning starts, the gradients reaching ' +
      'the backbone are smaller, which the paper argues distorts pretrained features less.',
    formula: 'stage 1 (LP): h* = argmin_h L(h(f₀(x)), y)\nstage 2 (FT): (B, h) ← fine-tune from (B₀, h*), small η, BatchNorm in eval mode',
    references: [KUMAR_2022],
    params: [
      { key: 'lpSteps', label: 'LP steps', help: 'steps of the linear-probe stage (on cached features)', integer: true },
      { key: 'lpLr', label: 'LP learning rate', help: 'learning rate of the linear-probe stage', integer: false },
    ],
  },
  'frozen-k': {
    kind: 'frozen-k',
    label: 'Frozen-k (freeze the first k blocks)',
    explanation:
      'The first k blocks of the backbone, counted from the input, keep their pretrained weights; ' +
      'the later blocks and the new head are trained. Early layers tend to hold generic features such ' +
      'as edges and strokes, so freezing them keeps those and leaves fewer weights to fit.',
    formula: 'blocks 1…k fixed at B₀;   θ_{>k} ← θ_{>k} − η ∇ L(h(B(x)), y)',
    references: [
      {
        authors: 'Dar, Luzi, Baraniuk',
        title: 'Frozen Overparameterization: A Double Descent Perspective on Transfer Learning of Deep Neural Networks',
        venue: 'arXiv 2022',
        url: 'https://arxiv.org/abs/2211.11074',
      },
    ],
    params: [
      {
        key: 'frozenBlocks',
        label: 'Frozen blocks (k)',
        help: 'blocks kept at their pretrained weights, from the input on',
        integer: true,
        maxFromModel: (model) => model.blockCount,
      },
    ],
  },
};

/** Picker order: the registry's order. */
export const METHOD_LIST: MethodInfo[] = Object.values(METHOD_INFO);

export function methodInfo(kind: MethodKind): MethodInfo {
  return METHOD_INFO[kind];
}
