/**
 * What the page says about each fine-tuning method and each optional regulariser, and which of
 * their settings it shows. Adding one to the page is one entry here: the picker, the explanation
 * and the parameter fields are drawn from this registry (MethodPanel.tsx, ModifierList.tsx).
 * Texts explain the mechanism; they claim no measured numbers.
 */
import type { MethodKind, ModifierId } from '../../engine/config/schema';
import type { MethodNumberPath } from './methodPaths';

export interface MethodParamField {
  /** where the value lives inside the config's `method` object */
  path: MethodNumberPath;
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
  /** left out where the page could not confirm the exact title */
  title?: string;
  venue: string;
  url?: string;
}

/** What the panel shows for a method or a regulariser. */
export interface TechniqueInfo {
  /** name in the picker / next to the checkbox */
  label: string;
  /** one paragraph, plain language */
  explanation: string;
  /** the update rule or objective, as plain text */
  formula: string;
  references: PaperReference[];
  params: MethodParamField[];
}

export interface MethodInfo extends TechniqueInfo {
  kind: MethodKind;
}

export interface ModifierInfo extends TechniqueInfo {
  id: ModifierId;
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
      { path: 'lpSteps', label: 'LP steps', help: 'steps of the linear-probe stage (on cached features)', integer: true },
      { path: 'lpLr', label: 'LP learning rate', help: 'learning rate of the linear-probe stage', integer: false },
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
    label: 'DAFT (domain-aware fine-tuning)',
    explanation:
      'Before training, every BatchNorm layer is rewritten to normalise with the target data’s ' +
      'statistics while giving exactly the same outputs as before. Then head and backbone train ' +
      'together in one stage: the head starts at zero and learns many times faster than the backbone, ' +
      'so linear probing and fine-tuning happen at once and the backbone moves gently. ' +
      'DAFT always uses SGD with momentum, as in the paper, whatever the optimizer setting says.',
    formula:
      'BN conversion: β′ = β + (μT − μS)·γ/√(σ²S+ε),  γ′ = γ·√(σ²T+ε)/√(σ²S+ε)\n' +
      'then SGD on all weights: η_head = headLrScale · η, head starts at 0',
    references: [
      {
        authors: 'Ha, Jung, Lee',
        title: 'Domain-Aware Fine-Tuning: Enhancing Neural Network Adaptability',
        venue: 'AAAI 2024',
        url: 'https://arxiv.org/abs/2308.07728',
      },
    ],
    params: [
      { path: 'daft.headLrScale', label: 'Head learning-rate multiplier', help: 'the head’s learning rate is this many times the backbone’s', integer: false },
    ],
  },
  levi: {
    kind: 'levi',
    label: 'LEVI (layer-wise ensemble)',
    explanation:
      'The pretrained network stays frozen. A small network trained from scratch looks at the same ' +
      'image; for each of the last K blocks of the frozen network, a linear layer reads that block’s ' +
      'pooled output together with the small network’s features, and their logits are added. ' +
      'Pretrained features are never overwritten; the small model adds what the target needs. ' +
      'This playground’s version is a reconstruction from the paper’s description.',
    formula: 'logits = Σ_k A_k [ pool(h_k(x)) ; g(x) ],   h_k: frozen blocks (last K),  g: small task model of width d',
    references: [
      {
        authors: 'Roh, Liu, Gui, Yuan, Tang, Whang, Liu, Bi, Hong, Chi, Zhao',
        title: 'LEVI: Generalizable Fine-tuning via Layer-wise Ensemble of Different Views',
        venue: 'ICML 2024',
        url: 'https://arxiv.org/abs/2402.04644',
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
  },
};

/** Optional regularisers that change how pretrained weights train, on top of a method. */
export const MODIFIER_INFO: Record<ModifierId, ModifierInfo> = {
  spd: {
    id: 'spd',
    label: 'SPD (selective projection decay)',
    explanation:
      'After each optimiser step, SPD checks every weight tensor: when the gradient points back ' +
      'toward the pretrained weights (its drift is not helping the loss), the proposed weights are ' +
      'pulled back toward θ₀ in proportion to how much further the step moved them. Tensors whose ' +
      'drift keeps helping move freely. The new head is never decayed.',
    formula:
      'c = −Σ g ⊙ (θ − θ₀);  if c < 0:  r = clip((‖θ̃−θ₀‖ − ‖θ−θ₀‖) / ‖θ̃−θ₀‖, 0, 1),  θ̃ ← θ̃ − λ·r·(θ̃ − θ₀)',
    references: [
      {
        authors: 'Tian, Huang, Kira',
        title: 'Rethinking Weight Decay for Robust Fine-Tuning of Foundation Models',
        venue: 'NeurIPS 2024',
        url: 'https://arxiv.org/abs/2411.01713',
      },
    ],
    params: [{ path: 'spd.lambda', label: 'SPD strength (λ)', help: '1 projects back onto the previous distance from θ₀', integer: false }],
  },
  l2sp: {
    id: 'l2sp',
    label: 'L2-SP (stay near the start point)',
    explanation:
      'Adds a penalty for moving pretrained weights away from their starting values, so fine-tuning ' +
      'prefers solutions close to the pretrained network; the new head can get ordinary weight decay.',
    formula: 'loss = CE + (α/2)·‖θ_backbone − θ₀‖² + (β/2)·‖θ_head‖²',
    references: [
      {
        authors: 'Li, Grandvalet, Davoine',
        title: 'Explicit Inductive Bias for Transfer Learning with Convolutional Networks',
        venue: 'ICML 2018',
        url: 'https://arxiv.org/abs/1802.01483',
      },
    ],
    params: [
      { path: 'l2sp.alpha', label: 'Backbone pull (α)', help: 'weight of ‖θ − θ₀‖² on pretrained weights', integer: false },
      { path: 'l2sp.beta', label: 'Head decay (β)', help: 'weight of ‖θ‖² on the new head', integer: false },
    ],
  },
  ftlp: {
    id: 'ftlp',
    label: 'FT-LP (pretrained feature prior)',
    explanation:
      'Ties the features of the network being fine-tuned, block by block, to those of the frozen ' +
      'pretrained network, with a learned tolerance per channel: channels that must change for the ' +
      'target can learn a large variance and move, the others stay close. This playground’s version ' +
      'is a reconstruction in the form of MIRO.',
    formula: 'R = Σ_l mean((z_l − z⁰_l)² / σ²_l + log σ²_l) / 2,   loss = CE + λ·R,   σ²_l learned per channel',
    references: [
      { authors: 'Wang et al.', venue: 'arXiv 2406.05628 (FT-LP)', url: 'https://arxiv.org/abs/2406.05628' },
      {
        authors: 'Cha, Lee, Park, Chun',
        title: 'Domain Generalization by Mutual-Information Regularization with Pre-trained Models (MIRO)',
        venue: 'ECCV 2022',
        url: 'https://arxiv.org/abs/2203.10789',
      },
    ],
    params: [{ path: 'ftlp.lambda', label: 'Prior weight (λ)', help: 'weight of the feature prior against the cross-entropy', integer: false }],
  },
};

/** Picker order: the registry's order. */
export const METHOD_LIST: MethodInfo[] = Object.values(METHOD_INFO);
export const MODIFIER_LIST: ModifierInfo[] = Object.values(MODIFIER_INFO);

export function methodInfo(kind: MethodKind): MethodInfo {
  return METHOD_INFO[kind];
}
