/**
 * The paper's Table I (arXiv 2604.25649, Table I: Average Drop % per class on STL-10, QA with τ = 50 and d²
 * shots; the N_f = 512 half explained with simulated annealing), copied verbatim, and the block of
 * results.json that prints it beside a run of ours. Our numbers come from another data set and model, so
 * only the orderings and magnitudes are comparable, not the per-class rows.
 */

import { meanSem } from './metrics.js';

export interface PaperColumn {
  perClass: number[];
  /** The mean ± SEM printed in the paper (SEM = population std / √10). */
  mean: number;
  sem: number;
}

export interface PaperHalf {
  numMaps: number;
  model: string;
  /** Method keys as ours: gradcam, gradcam++, qa (QA-fGradCAM for N_f = 16, SA-fGradCAM for N_f = 512). */
  methods: { gradcam: PaperColumn; 'gradcam++': PaperColumn; qa: PaperColumn };
  /** What the `qa` column is in the paper. */
  qaName: string;
  sampler: string;
}

/** One printed column: the 10 per-class values and the printed mean ± SEM. */
const col = (perClass: number[], mean: number, sem: number): PaperColumn => ({ perClass, mean, sem });

export const PAPER_TABLE_I = {
  source: 'arXiv 2604.25649, Table I',
  dataset: 'STL-10 (96×96 RGB, upsampled to 224×224)',
  classNames: ['airplane', 'bird', 'car', 'cat', 'deer', 'dog', 'horse', 'monkey', 'ship', 'truck'],
  metric: 'Average Drop % per class (lower is better); mean ± SEM over the 10 classes',
  halves: {
    nf16: {
      numMaps: 16,
      model:
        'ResNet-18 (ImageNet trunk to layer3, frozen) + a trained reduce block to 16 maps of 14×14, flatten→linear head; test accuracy 94 %',
      qaName: 'QA-fGradCAM',
      sampler: 'exact state-vector simulation of the anneal, τ = 50, dt = 0.01, d² shots',
      methods: {
        gradcam: col([33.1, 14.4, 3.87, 11.6, 24.8, 63.3, 7.9, 16.2, 0.72, 0.22], 17.6, 5.74),
        'gradcam++': col([17.1, 13.4, 0.44, 17.0, 4.21, 56.65, 8.75, 6.36, 0.25, 1.11], 13.2, 4.97),
        qa: col([13.8, 7.06, 0.67, 4.99, 14.5, 56.9, 3.43, 4.18, 0.7, 0.14], 10.6, 5.11),
      },
    },
    nf512: {
      numMaps: 512,
      model: 'full ResNet-18, layer4: 512 maps of 7×7, global-average-pool head',
      qaName: 'SA-fGradCAM',
      sampler: 'simulated annealing (D-Wave Ocean), num_reads 1000, num_sweeps 1000, linear β schedule',
      methods: {
        gradcam: col([1.2, 4.76, 0.97, 4.29, 5.11, 12.1, 7.31, 13.0, 0.97, 2.88], 5.26, 1.31),
        'gradcam++': col([2.29, 4.02, 1.38, 1.29, 5.27, 17.0, 12.4, 18.9, 1.59, 3.01], 6.73, 2.04),
        qa: col([12.9, 23.3, 8.09, 14.0, 6.47, 30.1, 32.6, 34.0, 14.9, 7.37], 18.4, 3.22),
      },
    },
  } satisfies Record<string, PaperHalf>,
  notes: [
    'The printed N_f = 16 Grad-CAM++ mean (13.2 ± 4.97) does not follow from its rows (12.53 ± 5.04): a row or the mean has a typo; the other columns match their rows.',
    'The paper explains N_f = 512 with simulated annealing because 512-qubit state vectors cannot be simulated.',
  ],
} as const;

export type PaperHalfKey = keyof typeof PAPER_TABLE_I.halves;

/** The half of Table I a run with `numMaps` maps compares with: the one nearest on a log scale. */
export function comparableHalf(numMaps: number): PaperHalfKey {
  return Math.abs(Math.log(numMaps / 16)) <= Math.abs(Math.log(numMaps / 512)) ? 'nf16' : 'nf512';
}

const PAPER_METHODS = ['gradcam', 'gradcam++', 'qa'] as const;

/** Ranks of the methods by mean Average Drop, best (lowest) first. */
const ordering = (means: Record<(typeof PAPER_METHODS)[number], number>) =>
  [...PAPER_METHODS].sort((a, b) => means[a] - means[b]);

export interface PaperBlock {
  tableI: typeof PAPER_TABLE_I;
  /** The arithmetic check of every printed mean ± SEM from its rows. */
  recomputed: Record<PaperHalfKey, Record<string, { mean: number; sem: number }>>;
  comparedHalf: PaperHalfKey;
  ours: {
    numMaps: number;
    dataset: string | null;
    sampler: string;
    methods: Record<string, { perClass: number[]; mean: number; sem: number }>;
  };
  /** Methods by mean Average Drop, lowest first: the paper's (compared half) and ours. */
  ordering: { paper: string[]; ours: string[]; same: boolean };
}

/** What paperBlock reads of a method's scores (evaluation.ts's MethodScores has it). */
export interface AverageDropOf {
  averageDrop: { perClass: number[]; mean: number; sem: number };
}

export function paperBlock(
  methods: Readonly<Record<string, AverageDropOf>>,
  o: { numMaps: number; dataset: string | null; sampler: string },
): PaperBlock {
  const half = comparableHalf(o.numMaps);
  const paper = PAPER_TABLE_I.halves[half].methods;
  const recomputed = Object.fromEntries(
    Object.entries(PAPER_TABLE_I.halves).map(([k, h]) => [
      k,
      Object.fromEntries(
        Object.entries(h.methods).map(([m, col]) => {
          const s = meanSem([...col.perClass]);
          return [m, { mean: s.mean, sem: s.sem }];
        }),
      ),
    ]),
  ) as PaperBlock['recomputed'];
  const ours = Object.fromEntries(
    PAPER_METHODS.filter((m) => methods[m]).map((m) => [
      m,
      {
        perClass: methods[m]!.averageDrop.perClass,
        mean: methods[m]!.averageDrop.mean,
        sem: methods[m]!.averageDrop.sem,
      },
    ]),
  );
  const paperOrder = ordering({
    gradcam: paper.gradcam.mean,
    'gradcam++': paper['gradcam++'].mean,
    qa: paper.qa.mean,
  });
  const ourOrder = ordering({
    gradcam: ours.gradcam?.mean ?? Number.NaN,
    'gradcam++': ours['gradcam++']?.mean ?? Number.NaN,
    qa: ours.qa?.mean ?? Number.NaN,
  });
  return {
    tableI: PAPER_TABLE_I,
    recomputed,
    comparedHalf: half,
    ours: { numMaps: o.numMaps, dataset: o.dataset, sampler: o.sampler, methods: ours },
    ordering: { paper: paperOrder, ours: ourOrder, same: paperOrder.every((m, k) => m === ourOrder[k]) },
  };
}
