/**
 * DomainBed's published ERM rows (Gulrajani & Lopez-Paz, "In Search of Lost Domain Generalization",
 * ICLR 2021), as the repository's full-sweep results file lists them: model selection by the
 * training-domain validation set, mean ± standard error over 3 trials, 20 hyper-parameter samples,
 * 5,000 steps of 64 images per training domain, MNIST_CNN at width 64 on all 70,000 MNIST digits.
 * Source: https://github.com/facebookresearch/DomainBed/blob/main/domainbed/results/2020_10_06_7df6f06/results.tex
 * (section "Model selection: training-domain validation set", rows "ERM"; the sweep ran at commit 7df6f06).
 */
export const DOMAINBED_RESULTS_URL = 'https://github.com/facebookresearch/DomainBed/blob/main/domainbed/results/2020_10_06_7df6f06/results.tex';

export interface PublishedRow { cells: { mean: number; err: number }[]; avg: number }

export const DOMAINBED_ERM: Record<'rotated-mnist' | 'colored-mnist', PublishedRow> = {
  'rotated-mnist': {
    cells: [{ mean: 95.9, err: 0.1 }, { mean: 98.9, err: 0.0 }, { mean: 98.8, err: 0.0 }, { mean: 98.9, err: 0.0 }, { mean: 98.9, err: 0.0 }, { mean: 96.4, err: 0.0 }],
    avg: 98.0,
  },
  'colored-mnist': {
    cells: [{ mean: 71.7, err: 0.1 }, { mean: 72.9, err: 0.2 }, { mean: 10.0, err: 0.1 }],
    avg: 51.5,
  },
};
