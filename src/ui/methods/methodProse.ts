/**
 * The page's prose for each fine-tuning method and modifier: explanation, formula (TeX, METHODS.md's
 * notation), symbols, references and parameter fields. Plain data with no engine import, so the
 * build's formula prerendering (scripts/build/prerenderTex.ts) reads it without the method specs.
 * methodInfo.ts joins it with the specs for the page.
 */
import type { MethodConfig, MethodKind, ModifierId } from '../../engine/config/schema';
import type { MethodNumberPath } from './methodPaths';

export interface MethodParamField {
  /** where the value lives inside the config's `method` object */
  path: MethodNumberPath;
  label: string;
  /** one short line under the field (the allowed range is added from the config schema) */
  help: string;
  /** whole numbers only (shown as a hint; validation enforces it) */
  integer: boolean;
  /** upper bound the hint shows, when it depends on the chosen model */
  maxFromModel?: (model: { blockCount: number }) => number;
}

export interface PaperReference {
  authors: string;
  /** left out where the page could not confirm the exact title */
  title?: string;
  /** where it appeared ("ICLR", "arXiv preprint") */
  venue: string;
  year: number;
  /** arXiv identifier, e.g. "2202.10054"; the link goes to its abstract page */
  arxiv?: string;
}

/** What the panel shows for a method or a modifier. */
export interface TechniqueInfo {
  /** name in the picker / next to the checkbox */
  label: string;
  /** short name where the run is named ("DAFT + SPD") */
  short: string;
  /** plain language, 2–4 sentences */
  explanation: string;
  /** the update rule or objective: TeX, one display line each (METHODS.md's formulas) */
  formula: readonly string[];
  /** what the symbols of the formula stand for, one line */
  symbols: string;
  references: PaperReference[];
  params: MethodParamField[];
  /** what this project measured for it, one line (docs/results.md; measuredLines.test.ts checks every figure) */
  measured?: string;
  /** no public code exists: rebuilt from the paper's description as METHODS.md specifies */
  reconstruction?: boolean;
}

/** One training stage of a base method as the method diagram draws it (methodDiagram.ts). */
export interface StagePlan {
  /** the engine's phase name ("LP", "FT", "Frozen-2") */
  name: string;
  caption: string;
  /** blocks from this index on train; the block count = none */
  firstTrained: number;
  /** BatchNorm of trained blocks keeps its source statistics */
  bnFixed: boolean;
  /** BatchNorm is rewritten to the target statistics before this stage */
  convertsBatchNorm?: boolean;
  /** modifiers act on this stage (the engine's `trainsBackbone`) */
  trainsBackbone: boolean;
  head: string;
}

/** How the diagram marks the blocks a modifier acts on (its mark id names a swatch in diagram.css). */
export interface ModifierMark {
  mark: 'projected' | 'l2sp' | 'prior';
  /** the legend's words */
  label: string;
  /** on one block */
  chip: string;
  /** on a band under two or more blocks */
  band: string;
  /** every trained block, or only the tapped ones */
  on: 'trained' | 'taps';
  /** the modifier keeps BatchNorm at its source statistics in every block it trains */
  fixesBatchNorm?: boolean;
}

export interface MethodInfo extends TechniqueInfo {
  kind: MethodKind;
  /** its training stages on a network of `blockCount` blocks (methodDiagram.engine.test.ts checks them against the engine) */
  stages?(method: MethodConfig, blockCount: number): StagePlan[];
}

export interface ModifierInfo extends TechniqueInfo {
  id: ModifierId;
  /** how the method diagram marks it; none drawn without */
  diagram?: ModifierMark;
}

/** Where a `measured` line's figures come from: the results matrix of docs/results.md (5 seeds, hyper-parameters chosen on ID validation, end of training). */
const WHERE = 'Measured here (ResNet on MNIST, default scenario, 5 seeds; docs/results.md)';

/** The text every "Reconstruction" badge carries. */
export const RECONSTRUCTION_NOTE = 'No public code exists; rebuilt from the paper’s description as METHODS.md specifies';

export function referenceUrl(r: PaperReference): string | undefined {
  return r.arxiv ? `https://arxiv.org/abs/${r.arxiv}` : undefined;
}

const KUMAR_2022: PaperReference = {
  authors: 'Kumar, Raghunathan, Jones, Ma, Liang',
  title: 'Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution',
  venue: 'ICLR',
  year: 2022,
  arxiv: '2202.10054',
};

export const METHOD_INFO: Record<MethodKind, MethodInfo> = {
  ft: {
    kind: 'ft',
    stages: () => [{ name: 'FT', caption: 'every weight trains', firstTrained: 0, bnFixed: false, trainsBackbone: true, head: 'new head' }],
    label: 'Full fine-tuning (FT)',
    short: 'FT',
    measured: `${WHERE}: ID 97.5 ± 0.2 %, OOD mean 60.1 ± 10.4 %, feature distortion 10.34 ± 0.29 — the reference every method is compared with.`,
    explanation:
      'Every weight of the pretrained network is trained on the target data, together with a new, ' +
      'randomly initialised classification head. It adapts the most, but the backbone can move away ' +
      'from the features it learned in pretraining while the head is still random.',
    formula: [
      '\\theta \\leftarrow \\theta - \\eta\\,\\nabla_{\\theta}\\,\\mathrm{CE}\\big(h(f(x)),\\,y\\big)',
      '\\theta^{(0)} = \\theta_0,\\quad h^{(0)} \\text{ random}',
    ],
    symbols: 'θ all weights (BatchNorm in train mode), θ₀ the pretrained ones, f(x) the features the head h reads, η the learning rate.',
    references: [KUMAR_2022],
    params: [],
  },
  lp: {
    kind: 'lp',
    stages: (_, n) => [{ name: 'LP', caption: 'only the head trains, on cached features', firstTrained: n, bnFixed: false, trainsBackbone: false, head: 'new head' }],
    label: 'Linear probe (LP)',
    short: 'LP',
    measured: `${WHERE}: ID 97.2 ± 0.2 %, OOD mean 89.1 ± 0.5 % (FT: 60.1 ± 10.4 %); no feature distortion, the backbone is frozen.`,
    explanation:
      'The pretrained backbone is frozen; only a new linear head is trained on its features. ' +
      'The features cannot change, so nothing of pretraining is forgotten, but the model can only ' +
      'be as good as those fixed features allow.',
    formula: ['h \\leftarrow h - \\eta\\,\\nabla_{h}\\,\\mathrm{CE}\\big(h(f_0(x)),\\,y\\big)'],
    symbols: 'f₀ the frozen pretrained features (computed once), h the linear head.',
    references: [KUMAR_2022],
    params: [],
  },
  'lp-ft': {
    kind: 'lp-ft',
    stages: (method, n) => [
      { name: 'LP', caption: `stage 1 (${method.lpSteps} steps): only the head trains`, firstTrained: n, bnFixed: false, trainsBackbone: false, head: 'new head' },
      { name: 'FT', caption: 'stage 2: everything trains from the probed head', firstTrained: 0, bnFixed: true, trainsBackbone: true, head: 'probed head' },
    ],
    label: 'LP-FT (probe, then fine-tune)',
    short: 'LP-FT',
    measured: `${WHERE}: ID 97.2 ± 0.1 %, OOD mean 89.0 ± 0.4 %, distortion 1.55 ± 0.11 against FT's 10.34 ± 0.29 — the LP-FT paper's claim reproduces.`,
    explanation:
      'First a linear probe trains the head on frozen features; then the whole network is fine-tuned ' +
      'starting from that head, with a small learning rate and BatchNorm statistics kept from ' +
      'pretraining. Because the head is already good when fine-tuning starts, the gradients reaching ' +
      'the backbone are smaller, which the paper argues distorts pretrained features less.',
    formula: [
      '\\text{LP: } h^{*} = \\arg\\min_h \\mathrm{CE}\\big(h(f_0(x)),\\,y\\big)',
      '\\text{FT: from } (\\theta_0,\\, h^{*}),\\ \\text{small } \\eta',
    ],
    symbols: 'f₀ the frozen pretrained features, h* the probed head, θ₀ the pretrained weights; BatchNorm stays in eval mode during FT.',
    references: [KUMAR_2022],
    params: [
      { path: 'lpSteps', label: 'LP steps', help: 'steps of the linear-probe stage (on cached features)', integer: true },
      { path: 'lpLr', label: 'LP learning rate', help: 'learning rate of the linear-probe stage', integer: false },
    ],
  },
  'frozen-k': {
    kind: 'frozen-k',
    stages: (method, n) => {
      const k = Math.min(method.frozenBlocks, n);
      return [{ name: `Frozen-${method.frozenBlocks}`, caption: k === 1 ? 'the first block frozen' : `the first ${k} blocks frozen`, firstTrained: k, bnFixed: false, trainsBackbone: true, head: 'new head' }];
    },
    label: 'Frozen-k (freeze the first k blocks)',
    short: 'Frozen-k',
    explanation:
      'The first k blocks of the backbone, counted from the input, keep their pretrained weights; ' +
      'the later blocks and the new head are trained. Early layers tend to hold generic features such ' +
      'as edges and strokes, so freezing them keeps those and leaves fewer weights to fit. ' +
      'k = 0 is FT, k = all blocks is LP.',
    formula: [
      '\\theta_{1..k} = \\theta_{0,\\,1..k}\\ \\text{(frozen)}',
      '\\theta_{>k},\\, h \\leftarrow \\ldots - \\eta\\,\\nabla\\,\\mathrm{CE}\\big(h(f(x)),\\,y\\big)',
    ],
    symbols: 'θ₁..ₖ the weights of blocks 1 to k, θ>ₖ those of the later blocks, h the new head.',
    references: [
      {
        authors: 'Dar, Luzi, Baraniuk',
        title: 'Frozen Overparameterization: A Double Descent Perspective on Transfer Learning of Deep Neural Networks',
        venue: 'arXiv preprint',
        year: 2022,
        arxiv: '2211.11074',
      },
    ],
    params: [
      {
        path: 'frozenBlocks',
        label: 'Frozen blocks (k)',
        help: 'blocks kept at their pretrained weights, from the input on',
        integer: true,
        maxFromModel: (model) => model.blockCount,
      },
    ],
  },
  daft: {
    kind: 'daft',
    stages: () => [{ name: 'DAFT', caption: 'BatchNorm converted, then everything trains', firstTrained: 0, bnFixed: false, convertsBatchNorm: true, trainsBackbone: true, head: 'zero head ×lr' }],
    label: 'DAFT (domain-aware fine-tuning)',
    short: 'DAFT',
    measured: `${WHERE}, at its default head ×1000: ID 97.2 ± 0.2 %, OOD mean 89.9 ± 0.3 %, distortion 0.27 ± 0.06: better than FT beyond seed noise (paired p = 0.003), and 0.8 ± 0.4 points above LP-FT on OOD (paired p = 0.006).`,
    explanation:
      'Before training, every BatchNorm layer is rewritten to normalise with the target data’s ' +
      'statistics while computing exactly the same outputs as before. Then head and backbone train ' +
      'together in one stage: the head starts at zero and learns many times faster than the backbone, ' +
      'so linear probing and fine-tuning happen at once and the backbone moves gently. ' +
      'As in the paper, DAFT always trains with SGD (momentum 0.9) on a cosine schedule.',
    formula: [
      '\\beta\' = \\beta + (\\mu_T - \\mu_S)\\,\\gamma \\,/\\, \\sqrt{\\sigma_S^2 + \\epsilon}',
      '\\gamma\' = \\gamma\\,\\sqrt{\\sigma_T^2 + \\epsilon} \\,/\\, \\sqrt{\\sigma_S^2 + \\epsilon}',
      'h^{(0)} = 0,\\quad \\eta_{\\text{head}} = s \\cdot \\eta_{\\text{backbone}}',
    ],
    symbols: 'μS, σ²S the source statistics BatchNorm stored; μT, σ²T those of its input on the target training set; s the head learning-rate multiplier.',
    references: [
      {
        authors: 'Ha, Jung, Lee',
        title: 'Domain-Aware Fine-Tuning: Enhancing Neural Network Adaptability',
        venue: 'AAAI',
        year: 2024,
        arxiv: '2308.07728',
      },
    ],
    params: [
      { path: 'daft.headLrScale', label: 'Head learning-rate multiplier (s)', help: 'the zero-initialised head learns this many times faster than the backbone', integer: false },
    ],
  },
  levi: {
    kind: 'levi',
    stages: (_, n) => [{ name: 'LEVI', caption: 'the pretrained network stays frozen; a small task model and one adapter per tap train', firstTrained: n, bnFixed: false, trainsBackbone: false, head: 'task model + adap\u00adters' }],
    label: 'LEVI (layer-wise ensemble)',
    short: 'LEVI',
    measured: `${WHERE}: ID 97.1 ± 0.2 %, OOD mean 85.3 ± 2.7 %: above FT beyond seed noise, below LP.`,
    explanation:
      'The pretrained network stays frozen. A small network trained from scratch looks at the same ' +
      'image; for each of the last K blocks of the frozen network, a linear adapting layer reads that ' +
      'block’s pooled output together with the small network’s features, and their logits are added. ' +
      'Pretrained features are never overwritten; the small model adds what the target needs.',
    formula: [
      'z_k = A_k\\big(\\operatorname{concat}(h_k,\\, g)\\big),\\quad g = G(x)',
      '\\text{logits} = \\textstyle\\sum_k z_k,\\quad \\mathcal{L} = \\mathrm{CE}(\\text{logits},\\, y)',
    ],
    symbols: 'h₁ … h_K the pooled outputs of the last K frozen blocks, G the small task model of width d trained from scratch, Aₖ one linear adapter per tap.',
    references: [
      {
        authors: 'Roh, Liu, Gui, Yuan, Tang, Whang, Liu, Bi, Hong, Chi, Zhao',
        title: 'LEVI: Generalizable Fine-tuning via Layer-wise Ensemble of Different Views',
        venue: 'ICML',
        year: 2024,
        arxiv: '2402.04644',
      },
    ],
    params: [
      {
        path: 'levi.taps',
        label: 'Tapped blocks (K)',
        help: 'how many of the last blocks of the frozen network feed the ensemble',
        integer: true,
        maxFromModel: (model) => model.blockCount,
      },
      { path: 'levi.width', label: 'Task-model width (d)', help: 'channels of the small model trained from scratch', integer: true },
    ],
    reconstruction: true,
  },
};

/** Optional modifiers that change how pretrained weights train, on top of a method. */
export const MODIFIER_INFO: Record<ModifierId, ModifierInfo> = {
  spd: {
    id: 'spd',
    diagram: { mark: 'projected', label: 'SPD projects updates back toward θ₀', chip: 'SPD', band: 'SPD projection', on: 'trained' },
    label: 'SPD (selective projection decay)',
    short: 'SPD',
    measured: `${WHERE}: with FT, ID 97.0 ± 0.3 %, OOD mean 70.2 ± 8.8 % (FT: 60.1 ± 10.4 %); distortion 9.84 ± 0.24, close to FT's.`,
    explanation:
      'After each optimiser step, SPD checks every weight tensor: when the gradient points back ' +
      'toward the pretrained weights, the proposed weights are pulled back toward θ₀ by the share of ' +
      'the step that grew their distance from θ₀. Tensors whose drift keeps helping the loss move ' +
      'freely, and the new head is never decayed.',
    formula: [
      'c = -\\textstyle\\sum g \\odot (\\theta - \\theta_0)\\quad \\text{if } c < 0:',
      '\\quad r = \\operatorname{clip}_{[0,1]}\\Big(\\frac{\\lVert\\tilde\\theta - \\theta_0\\rVert - \\lVert\\theta - \\theta_0\\rVert}{\\lVert\\tilde\\theta - \\theta_0\\rVert}\\Big)',
      '\\quad \\tilde\\theta \\leftarrow \\tilde\\theta - \\lambda\\, r\\, (\\tilde\\theta - \\theta_0)',
    ],
    symbols: 'per weight tensor: g the raw gradient, θ̃ the optimiser’s proposed next weights, θ₀ the pretrained ones.',
    references: [
      {
        authors: 'Tian, Huang, Kira',
        title: 'Rethinking Weight Decay for Robust Fine-Tuning of Foundation Models',
        venue: 'NeurIPS',
        year: 2024,
        arxiv: '2411.01713',
      },
    ],
    params: [{ path: 'spd.lambda', label: 'SPD strength (λ)', help: '0 turns SPD off; 1 projects back onto the previous distance from θ₀', integer: false }],
  },
  l2sp: {
    id: 'l2sp',
    diagram: { mark: 'l2sp', label: 'L2-SP pulls weights toward θ₀', chip: 'L2-SP', band: 'L2-SP pull to θ₀', on: 'trained' },
    label: 'L2-SP (stay near the start point)',
    short: 'L2-SP',
    measured: `${WHERE}: with FT, ID 97.0 ± 0.4 %, OOD mean 70.2 ± 8.4 % (FT: 60.1 ± 10.4 %).`,
    explanation:
      'Adds a penalty for moving pretrained weights away from their starting values, so fine-tuning ' +
      'prefers solutions close to the pretrained network. The new head is not anchored; it can get ' +
      'ordinary weight decay instead.',
    formula: [
      '\\mathcal{L} = \\mathrm{CE} + \\tfrac{\\alpha}{2} \\textstyle\\sum_{\\text{backbone}} \\lVert\\theta - \\theta_0\\rVert^2',
      '\\phantom{\\mathcal{L}} \\quad + \\tfrac{\\beta}{2} \\lVert\\theta_{\\text{head}}\\rVert^2',
    ],
    symbols: 'θ₀ the pretrained weights (the start point), θ_head the new head’s weights.',
    references: [
      {
        authors: 'Li, Grandvalet, Davoine',
        title: 'Explicit Inductive Bias for Transfer Learning with Convolutional Networks',
        venue: 'ICML',
        year: 2018,
        arxiv: '1802.01483',
      },
    ],
    params: [
      { path: 'l2sp.alpha', label: 'Backbone pull (α)', help: 'weight of ‖θ − θ₀‖² on pretrained weights', integer: false },
      { path: 'l2sp.beta', label: 'Head decay (β)', help: 'weight of ‖θ‖² on the new head (0 = none)', integer: false },
    ],
  },
  ftlp: {
    id: 'ftlp',
    diagram: { mark: 'prior', label: 'FT-LP ties features to the pretrained ones', chip: 'prior', band: 'FT-LP feature prior', on: 'taps', fixesBatchNorm: true },
    label: 'FT-LP (pretrained feature prior)',
    short: 'FT-LP',
    measured: `${WHERE}: with FT, ID 97.0 ± 0.4 %, OOD mean 84.9 ± 1.2 % (FT: 60.1 ± 10.4 %), with BatchNorm frozen as MIRO does.`,
    explanation:
      'Ties the features of the network being fine-tuned, block by block, to those of the frozen ' +
      'pretrained network, with a learned tolerance σ² per channel: channels that must change for the ' +
      'target can learn a large variance and move, the others stay close. BatchNorm is frozen (it keeps ' +
      'the pretrained statistics) in the whole network, as MIRO does, so the loss and the prior see the ' +
      'same network and the prior is exactly its variance part before the first step. It is built in ' +
      'the form of MIRO, whose code is public.',
    formula: [
      '\\sigma_l^2 = \\operatorname{softplus}(b_l) + 10^{-5}',
      'R = \\textstyle\\sum_l \\operatorname{mean}\\!\\Big(\\frac{(z_l - z^0_l)^2}{\\sigma_l^2} + \\log \\sigma_l^2\\Big) / 2',
      '\\mathcal{L} = \\mathrm{CE}\\big(h(f(x)),\\, y\\big) + \\lambda\\, R',
    ],
    symbols: 'zₗ the tuned network’s features at tap l, z⁰ₗ the frozen pretrained copy’s (no gradient), bₗ learned per channel (σ² starts at 0.1).',
    references: [
      { authors: 'Wang et al.', venue: 'arXiv preprint', year: 2024, arxiv: '2406.05628' },
      {
        authors: 'Cha, Lee, Park, Chun',
        title: 'Domain Generalization by Mutual-Information Regularization with Pre-trained Models (MIRO)',
        venue: 'ECCV',
        year: 2022,
        arxiv: '2203.10789',
      },
    ],
    params: [{ path: 'ftlp.lambda', label: 'Prior weight (λ)', help: 'weight of the feature prior against the cross-entropy; typically 0.01–1', integer: false }],
    reconstruction: true,
  },
};

/** WiSE-FT is not a training method but a tool on a trained run (the WiSE-FT panel). */
export const WISE_FT_INFO = {
  label: 'WiSE-FT (weight-space ensemble)',
  short: 'WiSE-FT',
  formula: ['\\theta_\\alpha = (1 - \\alpha)\\,\\theta_0 + \\alpha\\,\\theta_{\\text{ft}}'],
  references: [
    {
      authors: 'Wortsman, Ilharco, Kim, Li, Kornblith, Roelofs, Gontijo-Lopes, Hajishirzi, Farhadi, Namkoong, Schmidt',
      title: 'Robust fine-tuning of zero-shot models',
      venue: 'CVPR',
      year: 2022,
      arxiv: '2109.01903',
    },
  ] satisfies PaperReference[],
} as const;
